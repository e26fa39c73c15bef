import type { Dec } from "./decimal";
import { fail } from "./errors";
import { commonExponent, fractionKeys, numeratorAt, pow10, scaled, type Scaled } from "./rational";

/**
 * Two-way controlled rounding (Bacharach, 1966): round every cell of a table of exact amounts (in rounding units) to
 * an adjacent whole number so that the rounded rows, columns and grand total still add up, each rounded margin lying
 * within one unit of its exact value. Rounding each cell, or one margin by largest remainder, cannot promise all of
 * that at once; a feasible flow with lower bounds can, and always exists.
 *
 * The flow: source -> row i -> column j -> sink. Row i carries the number of its cells rounded up, between
 * floor(row_i) - sum(floor cells) and ceil(row_i) - sum(floor cells); each fractional cell carries 0 or 1; column j
 * likewise; the flow is exactly the grand total less the sum of floors. It is tried first with every row and column
 * held at its nearest total (largest remainder; or the preferred column totals), then with one side and then both
 * sides free within one unit, so margins round to the nearest unit whenever the table allows. Cells with larger
 * fractions are offered first, so ties go to the cells closest to rounding up.
 */
export interface RoundingProblem {
  /** Exact cell values in rounding units, rows x columns, all >= 0. */
  readonly cells: readonly (readonly Dec[])[];
  /** Exact row totals in units (the sums of the exact cells). */
  readonly rowTotals: readonly Dec[];
  /** Exact column totals in units. */
  readonly columnTotals: readonly Dec[];
  /** The rounded grand total in whole units. */
  readonly grandTotal: number;
  /**
   * Column totals to keep when a table with them exists (the standalone yearly schedule, so that the allocation's
   * tranches match it). When none does, the columns are rounded freely within one unit instead.
   */
  readonly preferredColumnTotals?: readonly number[];
}

export interface RoundedTable {
  readonly cells: number[][];
  readonly rowTotals: number[];
  readonly columnTotals: number[];
  /** False when the preferred column totals could not be kept. */
  readonly keptPreferredColumns: boolean;
}

/** How many cells of each line (row or column) may round up, low..high, one entry per line. */
interface Bounds {
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** Fraction key of the line's exact total: the larger, the earlier the line is offered its extra unit. */
  readonly fraction: Float64Array;
}

/**
 * Dinic's max flow on a small graph, integer capacities. Edges are collected first and laid out per node in the order
 * they were added (compressed rows), so the search visits them in that order. One network is reused for every table
 * (its typed arrays grow as needed): rounding a table allocates almost nothing.
 */
class FlowNetwork {
  private nodeCount = 0;
  private edgeCount = 0;
  private edgeFrom: Int32Array = new Int32Array(64);
  private to: Int32Array = new Int32Array(64);
  /** Residual capacity per edge (edge e's reverse is e ^ 1). */
  private capacity: Int32Array = new Int32Array(64);
  private order: Int32Array = new Int32Array(64);
  private start = new Int32Array(16);
  private level = new Int32Array(16);
  private cursor = new Int32Array(16);
  private queue = new Int32Array(16);

  reset(nodeCount: number): void {
    this.nodeCount = nodeCount;
    this.edgeCount = 0;
    if (this.start.length < nodeCount + 1) {
      const size = 2 * nodeCount + 1;
      this.start = new Int32Array(size);
      this.level = new Int32Array(size);
      this.cursor = new Int32Array(size);
      this.queue = new Int32Array(size);
    }
  }

  /** Adds an edge and its reverse; returns the forward edge's index. */
  addEdge(from: number, to: number, capacity: number): number {
    const index = this.edgeCount;
    if (index + 2 > this.to.length) this.grow();
    this.edgeFrom[index] = from;
    this.to[index] = to;
    this.capacity[index] = capacity;
    this.edgeFrom[index + 1] = to;
    this.to[index + 1] = from;
    this.capacity[index + 1] = 0;
    this.edgeCount += 2;
    return index;
  }

  /** Residual capacity of an edge after maxFlow. */
  residual(edge: number): number {
    return this.capacity[edge];
  }

  private grow(): void {
    const size = 2 * this.to.length;
    const copy = (array: Int32Array): Int32Array => {
      const larger = new Int32Array(size);
      larger.set(array);
      return larger;
    };
    this.edgeFrom = copy(this.edgeFrom);
    this.to = copy(this.to);
    this.capacity = copy(this.capacity);
    this.order = new Int32Array(size);
  }

  private layOut(): void {
    const { edgeCount, nodeCount, start, edgeFrom, order, cursor } = this;
    start.fill(0, 0, nodeCount + 1);
    for (let e = 0; e < edgeCount; e++) start[edgeFrom[e] + 1]++;
    for (let node = 0; node < nodeCount; node++) start[node + 1] += start[node];
    for (let node = 0; node < nodeCount; node++) cursor[node] = start[node];
    for (let e = 0; e < edgeCount; e++) order[cursor[edgeFrom[e]]++] = e;
  }

  maxFlow(source: number, sink: number): number {
    this.layOut();
    let flow = 0;
    while (this.buildLevels(source, sink)) {
      for (let node = 0; node < this.nodeCount; node++) this.cursor[node] = this.start[node];
      let pushed: number;
      while ((pushed = this.push(source, sink, 0x7fffffff)) > 0) flow += pushed;
    }
    return flow;
  }

  private buildLevels(source: number, sink: number): boolean {
    const { level, start, order, to, capacity, queue } = this;
    level.fill(-1, 0, this.nodeCount);
    level[source] = 0;
    let tail = 0;
    queue[tail++] = source;
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      for (let k = start[node]; k < start[node + 1]; k++) {
        const edge = order[k];
        const next = to[edge];
        if (capacity[edge] > 0 && level[next] < 0) {
          level[next] = level[node] + 1;
          queue[tail++] = next;
        }
      }
    }
    return level[sink] >= 0;
  }

  private push(node: number, sink: number, limit: number): number {
    if (node === sink) return limit;
    const { level, start, order, to, capacity, cursor } = this;
    const end = start[node + 1];
    for (; cursor[node] < end; cursor[node]++) {
      const edge = order[cursor[node]];
      const next = to[edge];
      if (capacity[edge] > 0 && level[next] === level[node] + 1) {
        const pushed = this.push(next, sink, Math.min(limit, capacity[edge]));
        if (pushed > 0) {
          capacity[edge] -= pushed;
          capacity[edge ^ 1] += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}

const network = new FlowNetwork();

/**
 * Scratch space for one rounding: views into one reused buffer, since allocating many small typed arrays costs more
 * than the rounding itself. Nothing taken from it outlives the rounding that took it (the result is copied out).
 */
class Scratch {
  private buffer = new Float64Array(4096);
  private top = 0;

  reset(): void {
    this.top = 0;
  }

  /** size zeros; a larger buffer when this one is full (the views taken before stay valid). */
  take(size: number): Float64Array {
    if (this.top + size > this.buffer.length) {
      this.buffer = new Float64Array(2 * (this.buffer.length + size));
      this.top = 0;
    }
    const view = this.buffer.subarray(this.top, this.top + size);
    this.top += size;
    view.fill(0);
    return view;
  }
}

const scratch = new Scratch();

/**
 * The cells with a fractional part, in the order they are offered a unit: larger fraction key first, then row, then
 * column (keys order the fractions exactly, see fractionKeys; the flow itself is exact in integers).
 */
interface Candidates {
  readonly count: number;
  readonly row: Float64Array;
  readonly column: Float64Array;
}

/**
 * A table already split into whole units and exact fractions: what the rounding needs, in typed arrays. Fractions are
 * order keys (rational.ts's fractionKeys): 0 exactly for a whole amount, comparing as the exact fractions do. Cells
 * are compared with cells, rows with rows, columns with columns.
 */
export interface UnitTable {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Whole units of each cell, row-major. */
  readonly whole: Float64Array;
  readonly fraction: Float64Array;
  /** Whole units and fraction keys of the exact row totals. */
  readonly rowWhole: Float64Array;
  readonly rowFraction: Float64Array;
  readonly columnWhole: Float64Array;
  readonly columnFraction: Float64Array;
  /** The rounded grand total in whole units. */
  readonly grandTotal: number;
  readonly preferredColumnTotals?: readonly number[];
}

/**
 * Splits an exact table numerator / denominator (rows x columns, numerators >= 0, denominator > 0) into whole units
 * and fractions. The exact row and column totals are given as numerators over the same denominator (they are the sums
 * of the cells; callers know them without adding). Equal numerators next to each other in a row (equal-weight years)
 * are divided once.
 */
export function exactUnitTable(
  numerators: readonly (readonly bigint[])[],
  rowTotals: readonly bigint[],
  columnTotals: readonly bigint[],
  denominator: bigint,
  grandTotal: number,
  preferredColumnTotals?: readonly number[]
): UnitTable {
  const rowCount = numerators.length;
  const columnCount = columnTotals.length;
  const size = rowCount * columnCount;
  // One buffer for the six arrays: each typed array of its own would cost an allocation of its own.
  const buffer = new Float64Array(2 * (size + rowCount + columnCount));
  const whole = buffer.subarray(0, size);
  const fraction = buffer.subarray(size, 2 * size);
  const rowWhole = buffer.subarray(2 * size, 2 * size + rowCount);
  const rowFraction = buffer.subarray(2 * size + rowCount, 2 * (size + rowCount));
  const columnWhole = buffer.subarray(2 * (size + rowCount), 2 * (size + rowCount) + columnCount);
  const columnFraction = buffer.subarray(2 * (size + rowCount) + columnCount);
  if (denominator <= MAX_SAFE) {
    // Remainders below 2^53 are their own order keys (as fractionKeys gives them), and safe numerators divide
    // exactly as float64: n % d is exact, and so is (n - r) / d, a whole quotient.
    const d = Number(denominator);
    for (let row = 0; row < rowCount; row++) {
      const cells = numerators[row];
      let previous = -1n;
      let quotient = 0;
      let key = 0;
      for (let column = 0, at = row * columnCount; column < columnCount; column++, at++) {
        const cell = cells[column];
        if (cell !== previous) {
          [quotient, key] = divideSafe(cell, denominator, d);
          previous = cell;
        }
        whole[at] = quotient;
        fraction[at] = key;
      }
    }
    for (let row = 0; row < rowCount; row++)
      [rowWhole[row], rowFraction[row]] = divideSafe(rowTotals[row], denominator, d);
    for (let column = 0; column < columnCount; column++)
      [columnWhole[column], columnFraction[column]] = divideSafe(columnTotals[column], denominator, d);
  } else {
    // The distinct cells' remainders, and which one each cell is.
    const remainders: bigint[] = [];
    const distinctOf = new Int32Array(size);
    for (let row = 0; row < rowCount; row++) {
      const cells = numerators[row];
      let previous = -1n;
      let quotient = 0;
      for (let column = 0; column < columnCount; column++) {
        const cell = cells[column];
        if (cell !== previous) {
          if (cell < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
          quotient = Number(cell / denominator);
          remainders.push(cell % denominator);
          previous = cell;
        }
        const at = row * columnCount + column;
        whole[at] = quotient;
        distinctOf[at] = remainders.length - 1;
      }
    }
    const distinctKeys = fractionKeys(remainders, denominator);
    for (let at = 0; at < size; at++) fraction[at] = distinctKeys[distinctOf[at]];
    splitTotals(rowTotals, denominator, rowWhole, rowFraction);
    splitTotals(columnTotals, denominator, columnWhole, columnFraction);
  }
  return {
    rowCount,
    columnCount,
    whole,
    fraction,
    rowWhole,
    rowFraction,
    columnWhole,
    columnFraction,
    grandTotal,
    ...(preferredColumnTotals ? { preferredColumnTotals } : {}),
  };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * value / denominator as [whole units, fraction key] for a denominator below 2^53 (d its float64): float64 when the
 * value is below 2^53 too (exact, see exactUnitTable), BigInt otherwise. The key is the remainder itself.
 */
function divideSafe(value: bigint, denominator: bigint, d: number): [number, number] {
  if (value < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
  if (value <= MAX_SAFE) {
    const n = Number(value);
    const remainder = n % d;
    return [(n - remainder) / d, remainder];
  }
  return [Number(value / denominator), Number(value % denominator)];
}

/** Whole units and fraction keys of exact totals numerator / denominator, into the arrays given. */
function splitTotals(
  totals: readonly bigint[],
  denominator: bigint,
  whole: Float64Array,
  fraction: Float64Array
): void {
  const remainders = totals.map((total, k) => {
    if (total < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
    whole[k] = Number(total / denominator);
    return total % denominator;
  });
  fraction.set(fractionKeys(remainders, denominator));
}

/** Rounds a table of decimal amounts; see the module comment for what is guaranteed. */
export function controlledRounding(problem: RoundingProblem): RoundedTable {
  // Every decimal is exact: scale all of them to one power of ten and round the integers.
  const cells = problem.cells.map((row) => row.map(scaled));
  const rowTotals = problem.rowTotals.map(scaled);
  const columnTotals = problem.columnTotals.map(scaled);
  const exponent = Math.min(0, commonExponent([...cells.flat(), ...rowTotals, ...columnTotals]));
  const denominator = pow10(-exponent);
  const split = (values: readonly Scaled[]): { whole: Float64Array; fraction: Float64Array } => {
    const whole = new Float64Array(values.length);
    const remainders = values.map((value, k) => {
      const numerator = numeratorAt(value, exponent);
      if (numerator < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
      whole[k] = Number(numerator / denominator);
      return numerator % denominator;
    });
    return { whole, fraction: fractionKeys(remainders, denominator) };
  };
  const cellParts = split(cells.flat());
  const rowParts = split(rowTotals);
  const columnParts = split(columnTotals);
  return roundUnitTable({
    rowCount: cells.length,
    columnCount: columnTotals.length,
    whole: cellParts.whole,
    fraction: cellParts.fraction,
    rowWhole: rowParts.whole,
    rowFraction: rowParts.fraction,
    columnWhole: columnParts.whole,
    columnFraction: columnParts.fraction,
    grandTotal: problem.grandTotal,
    ...(problem.preferredColumnTotals ? { preferredColumnTotals: problem.preferredColumnTotals } : {}),
  });
}

/** Rounds a table split into whole units and fractions; see the module comment for what is guaranteed. */
export function roundUnitTable(table: UnitTable): RoundedTable {
  const { rowCount, columnCount, whole, fraction } = table;
  scratch.reset();
  const rowFloorSums = scratch.take(rowCount);
  const columnFloorSums = scratch.take(columnCount);
  const rowFractionCounts = scratch.take(rowCount);
  const columnFractionCounts = scratch.take(columnCount);
  let candidateCount = 0;
  for (let row = 0, at = 0; row < rowCount; row++) {
    for (let column = 0; column < columnCount; column++, at++) {
      rowFloorSums[row] += whole[at];
      columnFloorSums[column] += whole[at];
      if (fraction[at] > 0) {
        candidateCount++;
        rowFractionCounts[row]++;
        columnFractionCounts[column]++;
      }
    }
  }
  const candidates = orderCandidates(fraction, rowCount, columnCount, candidateCount);

  let floorSum = 0;
  for (let row = 0; row < rowCount; row++) floorSum += rowFloorSums[row];
  const unitsToRoundUp = table.grandTotal - floorSum;
  const preferred = table.preferredColumnTotals;
  // A table of whole units (a flat schedule of a round total, say) is its own rounding.
  if (
    candidateCount === 0 &&
    unitsToRoundUp === 0 &&
    (!preferred || preferred.every((t, j) => t === columnFloorSums[j]))
  ) {
    return finish(table, null, candidates, true);
  }
  const rowBounds = upBounds(table.rowWhole, table.rowFraction, rowFloorSums, rowFractionCounts);
  const freeColumnBounds = upBounds(table.columnWhole, table.columnFraction, columnFloorSums, columnFractionCounts);
  // Tightest first: rows and columns at their nearest (largest-remainder) totals, or the preferred columns; then
  // relax one side, then both. The last attempt is Bacharach's and always succeeds.
  const rowTargets = largestRemainder(rowBounds, unitsToRoundUp);
  let columnTargets: Bounds | null;
  if (preferred) {
    const ups = scratch.take(columnCount);
    for (let column = 0; column < columnCount; column++) ups[column] = preferred[column] - columnFloorSums[column];
    columnTargets = { low: ups, high: ups, fraction: scratch.take(columnCount) };
  } else columnTargets = largestRemainder(freeColumnBounds, unitsToRoundUp);
  const attempts: [Bounds | null, Bounds | null, boolean][] = [
    [rowTargets, columnTargets, true],
    [rowTargets, freeColumnBounds, false],
    [rowBounds, columnTargets, true],
    [rowBounds, freeColumnBounds, false],
  ];
  for (const [rows, columns, keepsColumns] of attempts) {
    if (!rows || !columns) continue;
    const ups =
      greedyRoundUps(candidates, rows, columns, unitsToRoundUp) ??
      solveRoundUps(candidates, rows, columns, unitsToRoundUp);
    if (ups) return finish(table, ups, candidates, keepsColumns || !preferred);
  }
  return fail("INTERNAL", "rounding", { detail: "no controlled rounding found" });
}

/** The rounded table: the floors, plus one on each candidate rounded up (ups[k] = 1). */
function finish(
  table: UnitTable,
  ups: Float64Array | null,
  candidates: Candidates,
  keptPreferredColumns: boolean
): RoundedTable {
  const { rowCount, columnCount, whole } = table;
  const cells: number[][] = new Array<number[]>(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const cellRow = new Array<number>(columnCount);
    for (let column = 0; column < columnCount; column++) cellRow[column] = whole[row * columnCount + column];
    cells[row] = cellRow;
  }
  if (ups) for (let k = 0; k < candidates.count; k++) if (ups[k]) cells[candidates.row[k]][candidates.column[k]] += 1;
  const rowTotals = new Array<number>(rowCount);
  const columnTotals = new Array<number>(columnCount).fill(0);
  for (let row = 0; row < rowCount; row++) {
    let sum = 0;
    const cellRow = cells[row];
    for (let column = 0; column < columnCount; column++) {
      sum += cellRow[column];
      columnTotals[column] += cellRow[column];
    }
    rowTotals[row] = sum;
  }
  return { cells, rowTotals, columnTotals, keptPreferredColumns };
}

/**
 * The fractional cells, larger fraction keys first, then row, then column: a stable sort of the row-major cells on the
 * keys alone. Keys repeat a lot (equal-weight years), so the distinct keys are sorted natively and the cells placed by
 * counting.
 */
function orderCandidates(fraction: Float64Array, rowCount: number, columnCount: number, count: number): Candidates {
  const row = scratch.take(count);
  const column = scratch.take(count);
  const keyOf = scratch.take(count);
  let k = 0;
  for (let r = 0, at = 0; r < rowCount; r++) {
    for (let c = 0; c < columnCount; c++, at++) {
      if (fraction[at] > 0) {
        row[k] = r;
        column[k] = c;
        keyOf[k++] = fraction[at];
      }
    }
  }
  if (count < 2) return { count, row, column };
  // Equal keys tend to sit next to each other (equal-weight years): only the runs' keys are ordered, then each run's
  // rank among the distinct keys (0 for the largest) is its cells' bucket.
  let runs = 0;
  const runKey = scratch.take(count);
  const runOf = scratch.take(count);
  for (let j = 0; j < count; j++) {
    if (j === 0 || keyOf[j] !== keyOf[j - 1]) runKey[runs++] = keyOf[j];
    runOf[j] = runs - 1;
  }
  const runOrder = lineOrder(runKey.subarray(0, runs));
  const rankOf = scratch.take(runs);
  let size = 0;
  for (let k = 0; k < runs; k++) {
    if (k === 0 || runKey[runOrder[k]] !== runKey[runOrder[k - 1]]) size++;
    rankOf[runOrder[k]] = size - 1;
  }
  const bucketOf = scratch.take(count);
  const bucketStart = scratch.take(size + 1);
  for (let j = 0; j < count; j++) {
    const bucket = rankOf[runOf[j]];
    bucketOf[j] = bucket;
    bucketStart[bucket + 1]++;
  }
  for (let bucket = 0; bucket < size; bucket++) bucketStart[bucket + 1] += bucketStart[bucket];
  const sortedRow = scratch.take(count);
  const sortedColumn = scratch.take(count);
  for (let j = 0; j < count; j++) {
    const to = bucketStart[bucketOf[j]]++;
    sortedRow[to] = row[j];
    sortedColumn[to] = column[j];
  }
  return { count, row: sortedRow, column: sortedColumn };
}

/** The lines in the order they are offered an extra unit: larger fraction first, then index. */
function lineOrder(fraction: Float64Array, only?: (line: number) => boolean): Float64Array {
  const order = scratch.take(fraction.length);
  let count = 0;
  if (fraction.length > 64) {
    // Many lines: a native stable sort.
    const lines: number[] = [];
    for (let line = 0; line < fraction.length; line++) if (!only || only(line)) lines.push(line);
    lines.sort((a, b) => fraction[b] - fraction[a] || a - b);
    order.set(lines);
    return order.subarray(0, lines.length);
  }
  // Insertion sort: stable, and lines are few (rows are contributors, columns years).
  for (let line = 0; line < fraction.length; line++) {
    if (only && !only(line)) continue;
    const key = fraction[line];
    let at = count++;
    while (at > 0 && fraction[order[at - 1]] < key) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = line;
  }
  return order.subarray(0, count);
}

/**
 * Largest remainder over the lines (rows or columns): each takes its fewest round-ups, then the lines with the
 * largest fractions take one more each until the table's round-ups are used. Null when the bounds cannot add up.
 */
function largestRemainder(lines: Bounds, unitsToRoundUp: number): Bounds | null {
  const { low, high, fraction } = lines;
  let extra = unitsToRoundUp;
  for (let line = 0; line < low.length; line++) extra -= low[line];
  const withRoom = lineOrder(fraction, (line) => high[line] > low[line]);
  if (extra < 0 || extra > withRoom.length) return null;
  const targets = scratch.take(low.length);
  targets.set(low);
  for (let k = 0; k < extra; k++) targets[withRoom[k]] = high[withRoom[k]];
  return { low: targets, high: targets, fraction };
}

/** How many cells of each row or column may round up for its total to stay within one unit of the exact total. */
function upBounds(
  whole: Float64Array,
  fraction: Float64Array,
  floorSums: Float64Array,
  fractionCounts: Float64Array
): Bounds {
  const count = whole.length;
  const low = scratch.take(count);
  const high = scratch.take(count);
  for (let line = 0; line < count; line++) {
    low[line] = Math.max(0, whole[line] - floorSums[line]);
    high[line] = Math.min(fractionCounts[line], whole[line] + (fraction[line] > 0 ? 1 : 0) - floorSums[line]);
  }
  return { low, high, fraction };
}

/**
 * The flow of solveRoundUps when every row and column total is fixed (low = high), found without building the network,
 * or null when it cannot be found this way (then solveRoundUps decides). With fixed totals the network is super
 * source -> row i (capacity r_i) -> its fractional cells (1 each) -> column j -> super sink (c_j), and Dinic's first
 * phase visits the rows in order, each taking its cells in candidate order while their columns have room, skipping a
 * column once it is full. When that first phase carries the whole flow, it is the maximum flow and Dinic stops there:
 * this replays that phase exactly. If a row is left short, the flow needs later phases: null.
 */
function greedyRoundUps(
  candidates: Candidates,
  rowBounds: Bounds,
  columnBounds: Bounds,
  unitsToRoundUp: number
): Float64Array | null {
  if (unitsToRoundUp < 0) return null;
  const rowCount = rowBounds.low.length;
  const columnCount = columnBounds.low.length;
  let rowSum = 0;
  for (let row = 0; row < rowCount; row++) {
    if (rowBounds.low[row] !== rowBounds.high[row]) return null;
    rowSum += rowBounds.low[row];
  }
  const room = scratch.take(columnCount);
  let columnSum = 0;
  for (let column = 0; column < columnCount; column++) {
    if (columnBounds.low[column] !== columnBounds.high[column]) return null;
    room[column] = columnBounds.low[column];
    columnSum += columnBounds.low[column];
  }
  // Otherwise the source and the sink carry excess of their own: the general network handles that.
  if (rowSum !== unitsToRoundUp || columnSum !== unitsToRoundUp) return null;
  // Each row's candidates in candidate order (compressed rows).
  const { count, row: rowOf, column: columnOf } = candidates;
  const start = scratch.take(rowCount + 1);
  for (let k = 0; k < count; k++) start[rowOf[k] + 1]++;
  for (let row = 0; row < rowCount; row++) start[row + 1] += start[row];
  const next = scratch.take(rowCount);
  next.set(start.subarray(0, rowCount));
  const byRow = scratch.take(count);
  for (let k = 0; k < count; k++) byRow[next[rowOf[k]]++] = k;
  const taken = scratch.take(count);
  for (let row = 0; row < rowCount; row++) {
    let need = rowBounds.low[row];
    for (let at = start[row]; at < start[row + 1] && need > 0; at++) {
      const k = byRow[at];
      const column = columnOf[k];
      if (room[column] > 0) {
        room[column]--;
        taken[k] = 1;
        need--;
      }
    }
    if (need > 0) return null;
  }
  return taken;
}

/** The round-ups as a feasible flow with lower bounds (see the module comment), or null when there is none. */
function solveRoundUps(
  candidates: Candidates,
  rowBounds: Bounds,
  columnBounds: Bounds,
  unitsToRoundUp: number
): Float64Array | null {
  if (unitsToRoundUp < 0) return null;
  const rowCount = rowBounds.low.length;
  const columnCount = columnBounds.low.length;
  for (let row = 0; row < rowCount; row++) if (rowBounds.low[row] > rowBounds.high[row]) return null;
  for (let column = 0; column < columnCount; column++)
    if (columnBounds.low[column] > columnBounds.high[column]) return null;
  const source = 0;
  const sink = 1 + rowCount + columnCount;
  const superSource = sink + 1;
  const superSink = sink + 2;
  network.reset(sink + 3);
  const excess = scratch.take(sink + 3);
  const addBounded = (from: number, to: number, low: number, high: number): void => {
    if (high > low) network.addEdge(from, to, high - low);
    // Int32 arithmetic, as the network's capacities.
    excess[to] = (excess[to] + low) | 0;
    excess[from] = (excess[from] - low) | 0;
  };

  // Rows with larger remainders are offered their extra unit first, so row totals round to the nearest unit
  // whenever the table allows it (as largest remainder would).
  for (const row of lineOrder(rowBounds.fraction)) addBounded(source, 1 + row, rowBounds.low[row], rowBounds.high[row]);
  const { count, row: rowOf, column: columnOf } = candidates;
  const cellEdges = scratch.take(count);
  for (let k = 0; k < count; k++) cellEdges[k] = network.addEdge(1 + rowOf[k], 1 + rowCount + columnOf[k], 1);
  for (let column = 0; column < columnCount; column++) {
    addBounded(1 + rowCount + column, sink, columnBounds.low[column], columnBounds.high[column]);
  }
  addBounded(sink, source, unitsToRoundUp, unitsToRoundUp);

  let required = 0;
  for (let node = 0; node < excess.length; node++) {
    const amount = excess[node];
    if (amount > 0) {
      network.addEdge(superSource, node, amount);
      required += amount;
    } else if (amount < 0) {
      network.addEdge(node, superSink, -amount);
    }
  }
  if (network.maxFlow(superSource, superSink) !== required) return null;
  const ups = scratch.take(count);
  for (let k = 0; k < count; k++) if (network.residual(cellEdges[k]) === 0) ups[k] = 1;
  return ups;
}
