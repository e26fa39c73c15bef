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

interface Bounds {
  readonly low: number;
  readonly high: number;
  /** Fractional part of the exact total: the larger, the earlier this line is offered its extra unit. */
  readonly fraction: number;
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

interface CellCandidate {
  readonly row: number;
  readonly column: number;
  /** Order key of its fractional part (see fractionKeys): the flow itself is exact in integers. */
  readonly fraction: number;
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
  const whole = new Float64Array(rowCount * columnCount);
  // The distinct cells' remainders, and which one each cell is.
  const remainders: bigint[] = [];
  const distinctOf = new Int32Array(rowCount * columnCount);
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
  const fraction = new Float64Array(rowCount * columnCount);
  for (let at = 0; at < fraction.length; at++) fraction[at] = distinctKeys[distinctOf[at]];
  const rows = splitTotals(rowTotals, denominator);
  const columns = splitTotals(columnTotals, denominator);
  return {
    rowCount,
    columnCount,
    whole,
    fraction,
    rowWhole: rows.whole,
    rowFraction: rows.fraction,
    columnWhole: columns.whole,
    columnFraction: columns.fraction,
    grandTotal,
    ...(preferredColumnTotals ? { preferredColumnTotals } : {}),
  };
}

/** Whole units and fraction keys of exact totals numerator / denominator. */
function splitTotals(totals: readonly bigint[], denominator: bigint): { whole: Float64Array; fraction: Float64Array } {
  const whole = new Float64Array(totals.length);
  const remainders = totals.map((total, k) => {
    if (total < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
    whole[k] = Number(total / denominator);
    return total % denominator;
  });
  return { whole, fraction: fractionKeys(remainders, denominator) };
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
  const floors: number[][] = [];
  const candidates: CellCandidate[] = [];
  const rowFloorSums = new Array<number>(rowCount).fill(0);
  const columnFloorSums = new Array<number>(columnCount).fill(0);
  const rowFractionCounts = new Array<number>(rowCount).fill(0);
  const columnFractionCounts = new Array<number>(columnCount).fill(0);

  for (let row = 0; row < rowCount; row++) {
    const rowFloors = new Array<number>(columnCount);
    for (let column = 0; column < columnCount; column++) {
      const at = row * columnCount + column;
      const cellWhole = whole[at];
      rowFloors[column] = cellWhole;
      rowFloorSums[row] += cellWhole;
      columnFloorSums[column] += cellWhole;
      if (fraction[at] > 0) {
        candidates.push({ row, column, fraction: fraction[at] });
        rowFractionCounts[row]++;
        columnFractionCounts[column]++;
      }
    }
    floors.push(rowFloors);
  }
  // Stable order independent of how the rows were given: larger fractions first, then row, then column.
  sortCandidates(candidates);

  const unitsToRoundUp = table.grandTotal - rowFloorSums.reduce((sum, value) => sum + value, 0);
  const preferred = table.preferredColumnTotals;
  // A table of whole units (a flat schedule of a round total, say) is its own rounding.
  if (
    candidates.length === 0 &&
    unitsToRoundUp === 0 &&
    (!preferred || preferred.every((t, j) => t === columnFloorSums[j]))
  ) {
    return { cells: floors, rowTotals: rowFloorSums, columnTotals: columnFloorSums, keptPreferredColumns: true };
  }
  const rowBounds = rowFloorSums.map((floorSum, row) =>
    upBounds(table.rowWhole[row], table.rowFraction[row], floorSum, rowFractionCounts[row])
  );
  const freeColumnBounds = columnFloorSums.map((floorSum, column) =>
    upBounds(table.columnWhole[column], table.columnFraction[column], floorSum, columnFractionCounts[column])
  );
  // Tightest first: rows and columns at their nearest (largest-remainder) totals, or the preferred columns; then
  // relax one side, then both. The last attempt is Bacharach's and always succeeds.
  const rowTargets = largestRemainder(rowBounds, unitsToRoundUp);
  const columnTargets = preferred
    ? preferred.map((total, column): Bounds => {
        const ups = total - columnFloorSums[column];
        return { low: ups, high: ups, fraction: 0 };
      })
    : largestRemainder(freeColumnBounds, unitsToRoundUp);
  const attempts: { rows: Bounds[] | null; columns: Bounds[] | null; keepsColumns: boolean }[] = [
    { rows: rowTargets, columns: columnTargets, keepsColumns: true },
    { rows: rowTargets, columns: freeColumnBounds, keepsColumns: false },
    { rows: rowBounds, columns: columnTargets, keepsColumns: true },
    { rows: rowBounds, columns: freeColumnBounds, keepsColumns: false },
  ];

  for (const attempt of attempts) {
    if (!attempt.rows || !attempt.columns) continue;
    const ups =
      greedyRoundUps(candidates, attempt.rows, attempt.columns, unitsToRoundUp) ??
      solveRoundUps(candidates, attempt.rows, attempt.columns, unitsToRoundUp, rowCount, columnCount);
    if (!ups) continue;
    const cells = floors.map((row) => row.slice());
    for (const { row, column } of ups) cells[row][column] += 1;
    const rowTotals = cells.map((row) => row.reduce((sum, value) => sum + value, 0));
    const columnTotals = new Array<number>(columnCount).fill(0);
    for (const row of cells) row.forEach((value, column) => (columnTotals[column] += value));
    return { cells, rowTotals, columnTotals, keptPreferredColumns: attempt.keepsColumns || !preferred };
  }
  return fail("INTERNAL", "rounding", { detail: "no controlled rounding found" });
}

/**
 * Larger fractions first, then row, then column: the candidates arrive in row-major order, so a stable sort on the
 * fraction keys alone does it. Keys repeat a lot (equal-weight years), so the distinct keys are sorted natively and
 * the candidates placed by counting.
 */
function sortCandidates(candidates: CellCandidate[]): void {
  const count = candidates.length;
  if (count < 2) return;
  const distinct = new Float64Array(count);
  for (let k = 0; k < count; k++) distinct[k] = candidates[k].fraction;
  distinct.sort();
  let size = 0;
  for (let k = 0; k < count; k++) if (k === 0 || distinct[k] !== distinct[size - 1]) distinct[size++] = distinct[k];
  const keys = distinct.subarray(0, size);
  const bucketOf = new Int32Array(count);
  const bucketStart = new Int32Array(size + 1);
  for (let k = 0; k < count; k++) {
    // Largest key first: bucket 0 holds the largest.
    const bucket = size - 1 - binarySearch(keys, candidates[k].fraction);
    bucketOf[k] = bucket;
    bucketStart[bucket + 1]++;
  }
  for (let bucket = 0; bucket < size; bucket++) bucketStart[bucket + 1] += bucketStart[bucket];
  const sorted = new Array<CellCandidate>(count);
  for (let k = 0; k < count; k++) sorted[bucketStart[bucketOf[k]]++] = candidates[k];
  for (let k = 0; k < count; k++) candidates[k] = sorted[k];
}

/** Index of value in the ascending keys (present). */
function binarySearch(keys: Float64Array, value: number): number {
  let low = 0;
  let high = keys.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keys[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Largest remainder over the lines (rows or columns): each takes its fewest round-ups, then the lines with the
 * largest fractions take one more each until the table's round-ups are used. Null when the bounds cannot add up.
 */
function largestRemainder(lines: readonly Bounds[], unitsToRoundUp: number): Bounds[] | null {
  let extra = unitsToRoundUp - lines.reduce((sum, line) => sum + line.low, 0);
  const withRoom = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.high > line.low)
    .sort((a, b) => b.line.fraction - a.line.fraction || a.index - b.index);
  if (extra < 0 || extra > withRoom.length) return null;
  const targets = lines.map((line): Bounds => ({ low: line.low, high: line.low, fraction: line.fraction }));
  for (const { index } of withRoom) {
    if (extra-- <= 0) break;
    targets[index] = { low: lines[index].high, high: lines[index].high, fraction: lines[index].fraction };
  }
  return targets;
}

/** How many cells of a row or column may round up for its total to stay within one unit of the exact total. */
function upBounds(whole: number, fraction: number, floorSum: number, fractionCount: number): Bounds {
  const low = Math.max(0, whole - floorSum);
  const high = Math.min(fractionCount, whole + (fraction > 0 ? 1 : 0) - floorSum);
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
  candidates: readonly CellCandidate[],
  rowBounds: readonly Bounds[],
  columnBounds: readonly Bounds[],
  unitsToRoundUp: number
): CellCandidate[] | null {
  if (unitsToRoundUp < 0) return null;
  let rowSum = 0;
  for (const bounds of rowBounds) {
    if (bounds.low !== bounds.high) return null;
    rowSum += bounds.low;
  }
  const room = new Int32Array(columnBounds.length);
  let columnSum = 0;
  for (let column = 0; column < columnBounds.length; column++) {
    const bounds = columnBounds[column];
    if (bounds.low !== bounds.high) return null;
    room[column] = bounds.low;
    columnSum += bounds.low;
  }
  // Otherwise the source and the sink carry excess of their own: the general network handles that.
  if (rowSum !== unitsToRoundUp || columnSum !== unitsToRoundUp) return null;
  // Each row's candidates in candidate order (compressed rows).
  const rowCount = rowBounds.length;
  const start = new Int32Array(rowCount + 1);
  for (const candidate of candidates) start[candidate.row + 1]++;
  for (let row = 0; row < rowCount; row++) start[row + 1] += start[row];
  const next = start.slice(0, rowCount);
  const byRow = new Int32Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) byRow[next[candidates[k].row]++] = k;
  const taken = new Uint8Array(candidates.length);
  for (let row = 0; row < rowCount; row++) {
    let need = rowBounds[row].low;
    for (let at = start[row]; at < start[row + 1] && need > 0; at++) {
      const k = byRow[at];
      const column = candidates[k].column;
      if (room[column] > 0) {
        room[column]--;
        taken[k] = 1;
        need--;
      }
    }
    if (need > 0) return null;
  }
  const ups: CellCandidate[] = [];
  for (let k = 0; k < candidates.length; k++) if (taken[k]) ups.push(candidates[k]);
  return ups;
}

function solveRoundUps(
  candidates: readonly CellCandidate[],
  rowBounds: readonly Bounds[],
  columnBounds: readonly Bounds[],
  unitsToRoundUp: number,
  rowCount: number,
  columnCount: number
): CellCandidate[] | null {
  if (unitsToRoundUp < 0) return null;
  for (const bounds of rowBounds) if (bounds.low > bounds.high) return null;
  for (const bounds of columnBounds) if (bounds.low > bounds.high) return null;
  const source = 0;
  const sink = 1 + rowCount + columnCount;
  const superSource = sink + 1;
  const superSink = sink + 2;
  network.reset(sink + 3);
  const excess = new Int32Array(sink + 3);
  const addBounded = (from: number, to: number, low: number, high: number): void => {
    if (high > low) network.addEdge(from, to, high - low);
    excess[to] += low;
    excess[from] -= low;
  };

  // Rows with larger remainders are offered their extra unit first, so row totals round to the nearest unit
  // whenever the table allows it (as largest remainder would).
  const rowOrder = rowBounds
    .map((_, row) => row)
    .sort((a, b) => rowBounds[b].fraction - rowBounds[a].fraction || a - b);
  for (const row of rowOrder) addBounded(source, 1 + row, rowBounds[row].low, rowBounds[row].high);
  const cellEdges = new Int32Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    cellEdges[k] = network.addEdge(1 + candidates[k].row, 1 + rowCount + candidates[k].column, 1);
  }
  for (let column = 0; column < columnCount; column++) {
    addBounded(1 + rowCount + column, sink, columnBounds[column].low, columnBounds[column].high);
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
  const ups: CellCandidate[] = [];
  for (let k = 0; k < candidates.length; k++) if (network.residual(cellEdges[k]) === 0) ups.push(candidates[k]);
  return ups;
}
