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
 * likewise; the flow is exactly the grand total less the sum of floors. The columns are settled first: held at their
 * nearest totals (largest remainder; or the preferred column totals, the total's own schedule) whenever some table has
 * them, otherwise free within one unit. Within that, the rows take their nearest totals whenever the table allows;
 * when it does not, the rows are offered their extra unit in largest-remainder order, each keeping it when some table
 * still has it (chooseRows), so they stay as near as the table allows and the preferred columns are never given up for
 * the rows' sake. Cells with larger fractions are offered first, so ties go to the cells closest to rounding up.
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

  /** The maximum flow. */
  maxFlow(source: number, sink: number): number {
    let flow = 0;
    this.layOut();
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
 * A table already split into whole units and exact fractions: what the rounding needs, in flat arrays. Fractions are
 * order keys (rational.ts's fractionKeys): 0 exactly for a whole amount, comparing as the exact fractions do. Cells
 * are compared with cells, rows with rows, columns with columns.
 */
export interface UnitTable {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Whole units of each cell, row-major. */
  readonly whole: ArrayLike<number>;
  readonly fraction: ArrayLike<number>;
  /** Whole units and fraction keys of the exact row totals. */
  readonly rowWhole: ArrayLike<number>;
  readonly rowFraction: ArrayLike<number>;
  readonly columnWhole: ArrayLike<number>;
  readonly columnFraction: ArrayLike<number>;
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
  const whole = zeros(size);
  const fraction = zeros(size);
  const rowWhole = zeros(rowCount);
  const rowFraction = zeros(rowCount);
  const columnWhole = zeros(columnCount);
  const columnFraction = zeros(columnCount);
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
    preferredColumnTotals,
  };
}

/**
 * count zeros in a plain array: a typed array of more than a few elements is allocated outside the heap, which costs
 * more here than the rounding of a small table.
 */
function zeros(count: number): number[] {
  const values: number[] = [];
  for (let k = 0; k < count; k++) values.push(0);
  return values;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Below 2^52 a sum of two such integers is still exact in float64. */
const HALF_SAFE = 2 ** 52;

/**
 * Rounds the table amounts_i x w_j / (divisor x W) (see rankOneUnitTable); see the module comment. amountSum, when
 * given, is the amounts' sum (a caller that knows it spares the additions).
 */
export function roundRankOneTable(
  amounts: readonly bigint[],
  divisor: bigint,
  weights: readonly bigint[],
  weightSum: bigint,
  grandTotal: number,
  preferredColumnTotals?: readonly number[],
  amountSum?: bigint
): RoundedTable {
  return roundUnitTable(
    rankOneUnitTable(amounts, divisor, weights, weightSum, grandTotal, preferredColumnTotals, amountSum)
  );
}

/**
 * The table amounts_i x w_j / (divisor x W), split into whole units and fractions (amounts >= 0, divisor > 0, weights
 * >= 0 adding up to W > 0): an allocation's rows spread over its years. Each amount is divided by the divisor once
 * (q_i whole units and r_i / divisor over); a cell is then q_i w_j / W + r_i w_j / (divisor W), worked out in float64,
 * which is exact while divisor x W and every q_i w_j stay below 2^52 (checked), into the reused work arrays: round the
 * table before making the next. Otherwise the cells are made in BigInt (exactUnitTable). Either way the same table.
 */
function rankOneUnitTable(
  amounts: readonly bigint[],
  divisor: bigint,
  weights: readonly bigint[],
  weightSum: bigint,
  grandTotal: number,
  preferredColumnTotals?: readonly number[],
  amountSum?: bigint
): UnitTable {
  const rowCount = amounts.length;
  const columnCount = weights.length;
  let sum = 0n;
  if (amountSum === undefined) for (const amount of amounts) sum += amount;
  else sum = amountSum;
  const denominator = divisor * weightSum;
  if (denominator < HALF_SAFE_BIG && splitRankOne(amounts, sum, divisor, weights, weightSum)) {
    return {
      rowCount,
      columnCount,
      whole: work.tableWhole,
      fraction: work.tableFraction,
      rowWhole: work.rows.whole,
      rowFraction: work.rows.fraction,
      columnWhole: work.columns.whole,
      columnFraction: work.columns.fraction,
      grandTotal,
      preferredColumnTotals,
    };
  }
  const numerators = amounts.map((amount) => {
    const row = new Array<bigint>(columnCount);
    for (let j = 0; j < columnCount; j++)
      row[j] = j > 0 && weights[j] === weights[j - 1] ? row[j - 1] : amount * weights[j];
    return row;
  });
  return exactUnitTable(
    numerators,
    amounts.map((amount) => amount * weightSum),
    weights.map((weight) => sum * weight),
    denominator,
    grandTotal,
    preferredColumnTotals
  );
}

const HALF_SAFE_BIG = BigInt(HALF_SAFE);

/**
 * rankOneUnitTable's float64 path, into the work arrays; false (nothing to use) when some q_i w_j reaches 2^52.
 * Keys: the remainder over divisor x W for cells and columns, r_i for rows (rows are only compared with rows).
 */
function splitRankOne(
  amounts: readonly bigint[],
  sum: bigint,
  divisor: bigint,
  weights: readonly bigint[],
  weightSum: bigint
): boolean {
  const rowCount = amounts.length;
  const columnCount = weights.length;
  work.reserve(rowCount, columnCount);
  const whole = work.tableWhole;
  const fraction = work.tableFraction;
  const { whole: rowWhole, fraction: rowFraction } = work.rows;
  const { whole: columnWhole, fraction: columnFraction } = work.columns;
  const d = Number(divisor);
  const W = Number(weightSum);
  const denominator = d * W;
  let heaviest = 0;
  const w: number[] = [];
  for (let j = 0; j < columnCount; j++) {
    w.push(Number(weights[j]));
    if (w[j] > heaviest) heaviest = w[j];
  }
  for (let row = 0; row < rowCount; row++) {
    const amount = amounts[row];
    // Number() is monotone and exact below 2^53: the float tells the sign and whether the amount is safe.
    const n = Number(amount);
    if (n < 0) fail("INTERNAL", "rounding", { detail: "negative amount" });
    let q: number;
    if (n + d <= Number.MAX_SAFE_INTEGER) {
      // The float quotient's floor is at most one off, and q d (at most n + d) is exact: the remainder says which way.
      // Cheaper than n % d, which is a library call for floats.
      q = Math.floor(n / d);
      let r = n - q * d;
      if (r < 0) {
        q--;
        r += d;
      } else if (r >= d) {
        q++;
        r -= d;
      }
      rowFraction[row] = r;
    } else if (n <= Number.MAX_SAFE_INTEGER) {
      // Safe integers divide exactly in float64: n % d is exact, and so is (n - r) / d, a whole quotient.
      const r = n % d;
      q = (n - r) / d;
      rowFraction[row] = r;
    } else {
      q = Number(amount / divisor);
      rowFraction[row] = Number(amount % divisor);
    }
    if (q * heaviest >= HALF_SAFE) return false;
    rowWhole[row] = q;
  }
  const sumWhole = Number(sum / divisor);
  if (sumWhole * heaviest >= HALF_SAFE) return false;
  const sumRemainder = Number(sum % divisor);
  for (let row = 0; row < rowCount; row++) {
    const q = rowWhole[row];
    const r = rowFraction[row];
    for (let column = 0, at = row * columnCount; column < columnCount; column++, at++) {
      if (column > 0 && w[column] === w[column - 1]) {
        whole[at] = whole[at - 1];
        fraction[at] = fraction[at - 1];
      } else splitCell(q, r, w[column], W, d, denominator, whole, fraction, at);
    }
  }
  for (let column = 0; column < columnCount; column++)
    splitCell(sumWhole, sumRemainder, w[column], W, d, denominator, columnWhole, columnFraction, column);
  return true;
}

/**
 * (q d + r) w / (d W) as whole units and a remainder over d W, into whole[at] and fraction[at]: q w = s W + t, so
 * the value is s + (t d + r w) / (d W), and t d + r w < 2 d W. Exact in float64 under splitRankOne's bounds.
 */
function splitCell(
  q: number,
  r: number,
  w: number,
  W: number,
  d: number,
  denominator: number,
  whole: Float64Array,
  fraction: Float64Array,
  at: number
): void {
  const product = q * w;
  let s = Math.floor(product / W);
  let t = product - s * W;
  // The float quotient may land one off its floor; t says which way.
  if (t < 0) {
    s--;
    t += W;
  } else if (t >= W) {
    s++;
    t -= W;
  }
  let remainder = t * d + r * w;
  if (remainder >= denominator) {
    s++;
    remainder -= denominator;
  }
  whole[at] = s;
  fraction[at] = remainder;
}

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
function splitTotals(totals: readonly bigint[], denominator: bigint, whole: number[], fraction: number[]): void {
  const remainders = totals.map((total, k) => {
    if (total < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
    whole[k] = Number(total / denominator);
    return total % denominator;
  });
  const keys = fractionKeys(remainders, denominator);
  for (let k = 0; k < keys.length; k++) fraction[k] = keys[k];
}

/** Rounds a table of decimal amounts; see the module comment for what is guaranteed. */
export function controlledRounding(problem: RoundingProblem, options: RoundingOptions = {}): RoundedTable {
  // Every decimal is exact: scale all of them to one power of ten and round the integers.
  const cells = problem.cells.map((row) => row.map(scaled));
  const rowTotals = problem.rowTotals.map(scaled);
  const columnTotals = problem.columnTotals.map(scaled);
  const exponent = Math.min(0, commonExponent([...cells.flat(), ...rowTotals, ...columnTotals]));
  const denominator = pow10(-exponent);
  const split = (values: readonly Scaled[]): { whole: number[]; fraction: number[] } => {
    const whole = zeros(values.length);
    const remainders = values.map((value, k) => {
      const numerator = numeratorAt(value, exponent);
      if (numerator < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
      whole[k] = Number(numerator / denominator);
      return numerator % denominator;
    });
    return { whole, fraction: Array.from(fractionKeys(remainders, denominator)) };
  };
  const cellParts = split(cells.flat());
  const rowParts = split(rowTotals);
  const columnParts = split(columnTotals);
  return roundUnitTable(
    {
      rowCount: cells.length,
      columnCount: columnTotals.length,
      whole: cellParts.whole,
      fraction: cellParts.fraction,
      rowWhole: rowParts.whole,
      rowFraction: rowParts.fraction,
      columnWhole: columnParts.whole,
      columnFraction: columnParts.fraction,
      grandTotal: problem.grandTotal,
      preferredColumnTotals: problem.preferredColumnTotals,
    },
    options
  );
}

/**
 * Work arrays reused by every rounding, grown to the largest table so far: rounding a table allocates little more than
 * its result. Nothing here outlives the rounding that filled it (rounding is not re-entrant). Indices are Int32;
 * whole units, bounds and fraction keys Float64.
 */
class Work {
  cells = 0;
  readonly rows = new LineWork();
  readonly columns = new LineWork();
  /** rankOneUnitTable's cells: whole units and fraction keys. */
  tableWhole = new Float64Array(0);
  tableFraction = new Float64Array(0);
  /** Lines in the order they are offered an extra unit. */
  lines = new Int32Array(0);
  /**
   * chooseRows: the rows with room in the order they are offered their extra unit, each row's round-ups as decided
   * so far (low..high: fixed once decided), and how many of its cells the last table found rounds up.
   */
  rowOrder = new Int32Array(0);
  chosenLow = new Float64Array(0);
  chosenHigh = new Float64Array(0);
  rowUps = new Float64Array(0);
  /** The fractional cells in the order they are offered a unit (see orderCandidates). */
  candidateRow = new Int32Array(0);
  candidateColumn = new Int32Array(0);
  /** Runs of equal keys among the row-major candidates: start, first cell, key, and their order. */
  runStart = new Int32Array(0);
  runCell = new Int32Array(0);
  runKey = new Float64Array(0);
  runOrder = new Int32Array(0);
  /** Per candidate: 1 when rounded up. */
  up = new Uint8Array(0);
  /** finish: the rounded cells, row-major. */
  finalCells = new Float64Array(0);
  /** solveFixedTotals: the candidates of each row and of each column (compressed), and the search's queue. */
  byRow = new Int32Array(0);
  byColumn = new Int32Array(0);
  queue = new Int32Array(0);
  /** solveRoundUps: each candidate's edge, each node's excess and super edge. */
  cellEdge = new Int32Array(0);
  excess = new Int32Array(0);
  superEdge = new Int32Array(0);

  reserve(rows: number, columns: number): void {
    const cells = rows * columns;
    this.rows.reserve(rows);
    this.columns.reserve(columns);
    if (this.lines.length < Math.max(rows, columns)) this.lines = new Int32Array(2 * Math.max(rows, columns));
    if (this.rowOrder.length < rows) {
      this.rowOrder = new Int32Array(2 * rows);
      this.chosenLow = new Float64Array(2 * rows);
      this.chosenHigh = new Float64Array(2 * rows);
      this.rowUps = new Float64Array(2 * rows);
    }
    if (this.queue.length < rows + columns) this.queue = new Int32Array(2 * (rows + columns));
    if (this.excess.length < rows + columns + 4) {
      this.excess = new Int32Array(2 * (rows + columns + 4));
      this.superEdge = new Int32Array(2 * (rows + columns + 4));
    }
    if (cells > this.cells) {
      this.cells = 2 * cells;
      const size = this.cells;
      this.tableWhole = new Float64Array(size);
      this.tableFraction = new Float64Array(size);
      this.candidateRow = new Int32Array(size);
      this.candidateColumn = new Int32Array(size);
      this.runStart = new Int32Array(size + 1);
      this.runCell = new Int32Array(size);
      this.runKey = new Float64Array(size);
      this.runOrder = new Int32Array(size);
      this.up = new Uint8Array(size);
      this.finalCells = new Float64Array(size);
      this.byRow = new Int32Array(size);
      this.byColumn = new Int32Array(size);
      this.cellEdge = new Int32Array(size);
    }
  }
}

/** Work arrays of one kind of line, the rows or the columns: one entry per line. */
class LineWork {
  size = 0;
  /** rankOneUnitTable's line totals: whole units and fraction keys. */
  whole = new Float64Array(0);
  fraction = new Float64Array(0);
  /** The sum of the line's whole cells, and how many of its cells are fractional. */
  floor = new Float64Array(0);
  fractional = new Float64Array(0);
  /** How many of its cells may round up (low..high), and the nearest (largest-remainder) number. */
  low = new Float64Array(0);
  high = new Float64Array(0);
  target = new Float64Array(0);
  /**
   * solveFixedTotals: where the line's candidates start in byRow or byColumn (and the next free place while they are
   * laid out), the units it has still to place (a row) or room it has left (a column), its level and its cursor.
   */
  start = new Int32Array(0);
  next = new Int32Array(0);
  remaining = new Float64Array(0);
  level = new Int32Array(0);
  cursor = new Int32Array(0);

  reserve(count: number): void {
    if (count <= this.size) return;
    const size = (this.size = 2 * count);
    this.whole = new Float64Array(size);
    this.fraction = new Float64Array(size);
    this.floor = new Float64Array(size);
    this.fractional = new Float64Array(size);
    this.low = new Float64Array(size);
    this.high = new Float64Array(size);
    this.target = new Float64Array(size);
    this.start = new Int32Array(size + 1);
    this.next = new Int32Array(size);
    this.remaining = new Float64Array(size);
    this.level = new Int32Array(size);
    this.cursor = new Int32Array(size);
  }
}

const work = new Work();

export interface RoundingOptions {
  /**
   * Search every attempt on the built flow network, even when every total is fixed (solveFixedTotals finds the same
   * flow without building it): the reference the tests hold the implicit search to.
   */
  readonly buildNetwork?: boolean;
}

/** One attempt's bounds: how many cells of each row and column round up, low..high. */
interface Attempt {
  readonly rowLow: Float64Array;
  readonly rowHigh: Float64Array;
  readonly columnLow: Float64Array;
  readonly columnHigh: Float64Array;
}

/** Rounds a table split into whole units and fractions; see the module comment for what is guaranteed. */
export function roundUnitTable(table: UnitTable, options: RoundingOptions = {}): RoundedTable {
  const { rowCount, columnCount, whole, fraction } = table;
  work.reserve(rowCount, columnCount);
  const { floor: rowFloor, fractional: rowFractional } = work.rows;
  const { floor: columnFloor, fractional: columnFractional } = work.columns;
  rowFloor.fill(0, 0, rowCount);
  rowFractional.fill(0, 0, rowCount);
  columnFloor.fill(0, 0, columnCount);
  columnFractional.fill(0, 0, columnCount);
  let candidateCount = 0;
  let floorSum = 0;
  for (let row = 0, at = 0; row < rowCount; row++) {
    let rowSum = 0;
    for (let column = 0; column < columnCount; column++, at++) {
      const units = whole[at];
      rowSum += units;
      columnFloor[column] += units;
      if (fraction[at] > 0) {
        candidateCount++;
        rowFractional[row]++;
        columnFractional[column]++;
      }
    }
    rowFloor[row] = rowSum;
    floorSum += rowSum;
  }
  orderCandidates(fraction, rowCount, columnCount, candidateCount);

  const unitsToRoundUp = table.grandTotal - floorSum;
  const preferred = table.preferredColumnTotals;
  // A table of whole units (a flat schedule of a round total, say) is its own rounding.
  if (candidateCount === 0 && unitsToRoundUp === 0 && (!preferred || preferred.every((t, j) => t === columnFloor[j]))) {
    return finish(table, 0, true);
  }
  const { low: rowLow, high: rowHigh, target: rowTarget } = work.rows;
  const { low: columnLow, high: columnHigh, target: columnTarget } = work.columns;
  upBounds(table.rowWhole, table.rowFraction, rowFloor, rowFractional, rowCount, rowLow, rowHigh);
  upBounds(table.columnWhole, table.columnFraction, columnFloor, columnFractional, columnCount, columnLow, columnHigh);
  // The columns first: their nearest (largest-remainder) totals, or the preferred ones, when some table has them,
  // else free within one unit (Bacharach's bounds, which always have a table). Within that, the rows (chooseRows).
  const rowsNearest = largestRemainder(rowLow, rowHigh, table.rowFraction, rowCount, unitsToRoundUp, rowTarget);
  let columnsNearest: boolean;
  if (preferred) {
    // Preferred totals more than one unit from their exact columns cannot be kept by any rounding.
    columnsNearest = true;
    for (let column = 0; column < columnCount; column++) {
      columnTarget[column] = preferred[column] - columnFloor[column];
      if (columnTarget[column] < columnLow[column] || columnTarget[column] > columnHigh[column]) columnsNearest = false;
    }
  } else
    columnsNearest = largestRemainder(
      columnLow,
      columnHigh,
      table.columnFraction,
      columnCount,
      unitsToRoundUp,
      columnTarget
    );
  const solver: Solver = { table, candidateCount, unitsToRoundUp, options };
  const nearestRows = rowsNearest ? rowTarget : null;
  if (columnsNearest && chooseRows(solver, rowLow, rowHigh, nearestRows, columnTarget, columnTarget)) {
    return finish(table, candidateCount, true);
  }
  if (chooseRows(solver, rowLow, rowHigh, nearestRows, columnLow, columnHigh)) {
    return finish(table, candidateCount, !preferred);
  }
  return fail("INTERNAL", "rounding", { detail: "no controlled rounding found" });
}

/** What every search of one table needs besides its bounds. */
interface Solver {
  readonly table: UnitTable;
  readonly candidateCount: number;
  readonly unitsToRoundUp: number;
  readonly options: RoundingOptions;
}

/** The round-ups of one attempt, marked in work.up; false when no table has its bounds. */
function solveAttempt(solver: Solver, attempt: Attempt): boolean {
  const { table, candidateCount, unitsToRoundUp, options } = solver;
  const { rowCount, columnCount } = table;
  return !options.buildNetwork && fixesEveryTotal(attempt, rowCount, columnCount, unitsToRoundUp)
    ? solveFixedTotals(attempt, rowCount, columnCount, candidateCount)
    : solveRoundUps(attempt, table.rowFraction, rowCount, columnCount, candidateCount, unitsToRoundUp);
}

/**
 * The round-ups with the columns within columnLow..columnHigh and each row within rowLow..rowHigh (one apart at most),
 * the rows' totals chosen by largest remainder as far as the table allows, marked in work.up; false when no table has
 * these bounds. The rows' nearest totals (`nearest`, when largest remainder can reach the grand total) are tried first:
 * the common case, and the fastest search when the columns are fixed. Failing that, the rows with room are offered
 * their extra unit in largest-remainder order (larger remainder, then earlier row), each keeping it when some table
 * has it with the rows before it as decided and the rows after it free, until the round-ups are all placed: the first
 * feasible choice in that order, which is the nearest one whenever it is feasible (and, the feasible choices being the
 * bases of a matroid, the one with the largest sum of remainders). A row the last table found already rounds up keeps
 * its unit without another search. The cells are then the fixed-total search's for the rows chosen.
 */
function chooseRows(
  solver: Solver,
  rowLow: Float64Array,
  rowHigh: Float64Array,
  nearest: Float64Array | null,
  columnLow: Float64Array,
  columnHigh: Float64Array
): boolean {
  if (nearest && solveAttempt(solver, { rowLow: nearest, rowHigh: nearest, columnLow, columnHigh })) return true;
  const { rowCount, rowFraction } = solver.table;
  const { rowOrder, chosenLow, chosenHigh, rowUps } = work;
  chosenLow.set(rowLow.subarray(0, rowCount));
  chosenHigh.set(rowHigh.subarray(0, rowCount));
  const probe: Attempt = { rowLow: chosenLow, rowHigh: chosenHigh, columnLow, columnHigh };
  if (!solveAttempt(solver, probe)) return false;
  countRowUps(rowCount, solver.candidateCount);
  let extra = solver.unitsToRoundUp;
  for (let row = 0; row < rowCount; row++) extra -= rowLow[row];
  const withRoom = orderByKey(rowFraction, rowCount, rowOrder, (row) => rowHigh[row] > rowLow[row]);
  for (let k = 0; k < withRoom; k++) {
    const row = rowOrder[k];
    if (extra > 0 && rowUps[row] === rowHigh[row]) {
      chosenLow[row] = rowHigh[row];
      extra--;
      continue;
    }
    chosenHigh[row] = rowLow[row];
    if (extra === 0) continue;
    chosenLow[row] = chosenHigh[row] = rowHigh[row];
    if (solveAttempt(solver, probe)) {
      countRowUps(rowCount, solver.candidateCount);
      extra--;
    } else chosenLow[row] = chosenHigh[row] = rowLow[row];
  }
  // Every row is decided (chosenLow = chosenHigh) and a table with them was found: search its cells as for fixed rows.
  if (!solveAttempt(solver, probe)) return fail("INTERNAL", "rounding", { detail: "chosen row totals lost" });
  return true;
}

/** How many cells of each row work.up rounds up, into work.rowUps. */
function countRowUps(rowCount: number, candidateCount: number): void {
  const { rowUps, up, candidateRow } = work;
  rowUps.fill(0, 0, rowCount);
  for (let k = 0; k < candidateCount; k++) rowUps[candidateRow[k]] += up[k];
}

/** The rounded table: the floors, plus one on each of the first `candidateCount` candidates marked up. */
function finish(table: UnitTable, candidateCount: number, keptPreferredColumns: boolean): RoundedTable {
  const { rowCount, columnCount, whole } = table;
  const { up, candidateRow, candidateColumn, finalCells } = work;
  // The round-ups go into a flat copy first (one index each); the rows and totals are then made in one pass.
  const cellCount = rowCount * columnCount;
  for (let at = 0; at < cellCount; at++) finalCells[at] = whole[at];
  for (let k = 0; k < candidateCount; k++)
    if (up[k]) finalCells[candidateRow[k] * columnCount + candidateColumn[k]] += 1;
  const cells: number[][] = new Array<number[]>(rowCount);
  const rowTotals = new Array<number>(rowCount);
  const columnTotals = new Array<number>(columnCount).fill(0);
  for (let row = 0, at = 0; row < rowCount; row++) {
    const cellRow = new Array<number>(columnCount);
    let sum = 0;
    for (let column = 0; column < columnCount; column++, at++) {
      const value = finalCells[at];
      cellRow[column] = value;
      sum += value;
      columnTotals[column] += value;
    }
    cells[row] = cellRow;
    rowTotals[row] = sum;
  }
  return { cells, rowTotals, columnTotals, keptPreferredColumns };
}

/**
 * Puts the fractional cells in the order they are offered a unit, into work.candidateRow and candidateColumn: larger
 * fraction key first, then row, then column, i.e. a stable sort of the row-major cells on the keys alone. Keys repeat
 * a lot (equal-weight years) and equal keys tend to sit next to each other, so only the runs of equal keys are sorted
 * (larger key first, then earlier run); laying the runs out in that order is the stable order of the cells.
 */
function orderCandidates(fraction: ArrayLike<number>, rowCount: number, columnCount: number, count: number): void {
  const { runStart, runCell, runKey, runOrder, candidateRow, candidateColumn } = work;
  let k = 0;
  let runs = 0;
  const cellCount = rowCount * columnCount;
  for (let at = 0; at < cellCount; at++) {
    const key = fraction[at];
    if (key > 0) {
      if (runs === 0 || key !== runKey[runs - 1]) {
        runStart[runs] = k;
        runCell[runs] = at;
        runKey[runs++] = key;
      }
      k++;
    }
  }
  runStart[runs] = count;
  orderByKey(runKey, runs, runOrder);
  let to = 0;
  for (let r = 0; r < runs; r++) {
    // A run's cells are the fractional cells from its first cell on, in row-major order (cells without a fraction may
    // sit between them; one with another key would have started the next run).
    const run = runOrder[r];
    let left = runStart[run + 1] - runStart[run];
    let at = runCell[run];
    let row = Math.floor(at / columnCount);
    let column = at - row * columnCount;
    while (left > 0) {
      if (fraction[at] > 0) {
        candidateRow[to] = row;
        candidateColumn[to++] = column;
        left--;
      }
      at++;
      if (++column === columnCount) {
        column = 0;
        row++;
      }
    }
  }
}

/**
 * Indices 0..count-1 into `order`, larger key first, then smaller index; only the indices `include` accepts. Returns
 * how many were placed.
 */
function orderByKey(
  keys: ArrayLike<number>,
  count: number,
  order: Int32Array,
  include?: (index: number) => boolean
): number {
  if (count > 64) {
    // Many: a native stable sort.
    const indices: number[] = [];
    for (let index = 0; index < count; index++) if (!include || include(index)) indices.push(index);
    indices.sort((a, b) => keys[b] - keys[a] || a - b);
    order.set(indices);
    return indices.length;
  }
  // Insertion sort: stable, and few (rows are contributors, columns years).
  let placed = 0;
  for (let index = 0; index < count; index++) {
    if (include && !include(index)) continue;
    const key = keys[index];
    let at = placed++;
    while (at > 0 && keys[order[at - 1]] < key) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = index;
  }
  return placed;
}

/**
 * Largest remainder over the lines (rows or columns): each takes its fewest round-ups, then the lines with the
 * largest fractions take one more each until the table's round-ups are used, into `targets`. False when the bounds
 * cannot add up.
 */
function largestRemainder(
  low: Float64Array,
  high: Float64Array,
  fraction: ArrayLike<number>,
  count: number,
  unitsToRoundUp: number,
  targets: Float64Array
): boolean {
  let extra = unitsToRoundUp;
  for (let line = 0; line < count; line++) extra -= low[line];
  const { lines } = work;
  const withRoom = orderByKey(fraction, count, lines, (line) => high[line] > low[line]);
  if (extra < 0 || extra > withRoom) return false;
  for (let line = 0; line < count; line++) targets[line] = low[line];
  for (let k = 0; k < extra; k++) targets[lines[k]] = high[lines[k]];
  return true;
}

/** How many cells of each row or column may round up for its total to stay within one unit of the exact total. */
function upBounds(
  whole: ArrayLike<number>,
  fraction: ArrayLike<number>,
  floorSums: Float64Array,
  fractionalCounts: Float64Array,
  count: number,
  low: Float64Array,
  high: Float64Array
): void {
  for (let line = 0; line < count; line++) {
    low[line] = Math.max(0, whole[line] - floorSums[line]);
    high[line] = Math.min(fractionalCounts[line], whole[line] + (fraction[line] > 0 ? 1 : 0) - floorSums[line]);
  }
}

/**
 * True when an attempt fixes every row and column total and both add up to the round-ups: then its network is just
 * super source -> row i (capacity r_i) -> its fractional cells (1 each) -> column j -> super sink (c_j), which
 * solveFixedTotals searches without building it.
 */
function fixesEveryTotal(attempt: Attempt, rowCount: number, columnCount: number, unitsToRoundUp: number): boolean {
  if (unitsToRoundUp < 0) return false;
  const { rowLow, rowHigh, columnLow, columnHigh } = attempt;
  let rowSum = 0;
  for (let row = 0; row < rowCount; row++) {
    if (rowLow[row] !== rowHigh[row] || rowLow[row] < 0) return false;
    rowSum += rowLow[row];
  }
  let columnSum = 0;
  for (let column = 0; column < columnCount; column++) {
    if (columnLow[column] !== columnHigh[column] || columnLow[column] < 0) return false;
    columnSum += columnLow[column];
  }
  return rowSum === unitsToRoundUp && columnSum === unitsToRoundUp;
}

/**
 * Dinic's maximum flow on the network of an attempt that fixes every total (see fixesEveryTotal), searched in the
 * order solveRoundUps's network would be: the super source's rows in index order, each row's cells and each column's
 * cells in candidate order, a column's edge to the super sink after its cells. Each augmenting path carries one unit,
 * so residual capacities are the cells' 0/1 flows (work.up), each row's units still to place and each column's room.
 * The same flow as the built network, without building it. False when the totals cannot be met.
 */
function solveFixedTotals(attempt: Attempt, rowCount: number, columnCount: number, count: number): boolean {
  const { rowLow, columnLow } = attempt;
  const { byRow, up, candidateRow, candidateColumn } = work;
  const { start: rowStart, next: rowNext, fractional: rowFractional, remaining: need } = work.rows;
  const room = work.columns.remaining;
  // Each row's candidates, in candidate order (compressed rows).
  let required = 0;
  rowStart[0] = 0;
  for (let row = 0; row < rowCount; row++) {
    rowStart[row + 1] = rowStart[row] + rowFractional[row];
    rowNext[row] = rowStart[row];
    need[row] = rowLow[row];
    required += rowLow[row];
  }
  for (let k = 0; k < count; k++) byRow[rowNext[candidateRow[k]]++] = k;
  for (let column = 0; column < columnCount; column++) room[column] = columnLow[column];
  up.fill(0, 0, count);
  // Dinic's first phase from no flow: the rows in order, each taking its cells in candidate order while their columns
  // have room (a full column is a dead end for the rest of the phase).
  let flow = 0;
  for (let row = 0; row < rowCount; row++) {
    for (let at = rowStart[row]; at < rowStart[row + 1] && need[row] > 0; at++) {
      const k = byRow[at];
      const column = candidateColumn[k];
      if (room[column] > 0) {
        room[column]--;
        up[k] = 1;
        need[row]--;
        flow++;
      }
    }
  }
  if (flow === required) return true;
  // The next phases move units along longer paths, through columns back to rows: each column's candidates too.
  const { byColumn } = work;
  const { start: columnStart, next: columnNext, fractional: columnFractional } = work.columns;
  columnStart[0] = 0;
  for (let column = 0; column < columnCount; column++) {
    columnStart[column + 1] = columnStart[column] + columnFractional[column];
    columnNext[column] = columnStart[column];
  }
  for (let k = 0; k < count; k++) byColumn[columnNext[candidateColumn[k]]++] = k;
  const search = new FixedTotalsSearch(rowCount, columnCount);
  while (search.buildLevels()) while (search.pushFromSource()) flow++;
  return flow === required;
}

/** One Dinic search of solveFixedTotals: levels from the super source, then one-unit augmenting paths. */
class FixedTotalsSearch {
  private sinkLevel = -1;
  private sourceCursor = 0;

  constructor(
    private readonly rowCount: number,
    private readonly columnCount: number
  ) {}

  /** Breadth-first levels over the residual network; true when the super sink is reached. Resets the cursors. */
  buildLevels(): boolean {
    const { rowCount, columnCount } = this;
    const { byRow, byColumn, up, candidateRow, candidateColumn, queue } = work;
    const { start: rowStart, remaining: need, level: rowLevel, cursor: rowCursor } = work.rows;
    const { start: columnStart, remaining: room, level: columnLevel, cursor: columnCursor } = work.columns;
    rowLevel.fill(-1, 0, rowCount);
    columnLevel.fill(-1, 0, columnCount);
    this.sinkLevel = -1;
    let tail = 0;
    for (let row = 0; row < rowCount; row++) {
      if (need[row] > 0) {
        rowLevel[row] = 1;
        queue[tail++] = row;
      }
    }
    // Rows are 0..rowCount-1 in the queue, columns rowCount onwards, in order of level.
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      // Once the sink's level is known, nodes at or past it need not be searched from: a path through them is longer
      // than the sink's level, so the pushes fail there either way (finding the same paths), and the rest of the
      // network is never labelled.
      if (this.sinkLevel >= 0 && (node < rowCount ? rowLevel[node] : columnLevel[node - rowCount]) >= this.sinkLevel)
        break;
      if (node < rowCount) {
        const level = rowLevel[node] + 1;
        for (let at = rowStart[node]; at < rowStart[node + 1]; at++) {
          const k = byRow[at];
          const column = candidateColumn[k];
          if (up[k] === 0 && columnLevel[column] < 0) {
            columnLevel[column] = level;
            queue[tail++] = rowCount + column;
          }
        }
      } else {
        const column = node - rowCount;
        const level = columnLevel[column] + 1;
        for (let at = columnStart[column]; at < columnStart[column + 1]; at++) {
          const k = byColumn[at];
          const row = candidateRow[k];
          if (up[k] === 1 && rowLevel[row] < 0) {
            rowLevel[row] = level;
            queue[tail++] = row;
          }
        }
        if (room[column] > 0 && this.sinkLevel < 0) this.sinkLevel = level;
      }
    }
    for (let row = 0; row < rowCount; row++) rowCursor[row] = rowStart[row];
    for (let column = 0; column < columnCount; column++) columnCursor[column] = columnStart[column];
    this.sourceCursor = 0;
    return this.sinkLevel >= 0;
  }

  /** One unit from the super source to the super sink along the levels, or false when none is left. */
  pushFromSource(): boolean {
    const { remaining: need, level: rowLevel } = work.rows;
    for (; this.sourceCursor < this.rowCount; this.sourceCursor++) {
      const row = this.sourceCursor;
      if (need[row] > 0 && rowLevel[row] === 1 && this.pushFromRow(row)) {
        need[row]--;
        return true;
      }
    }
    return false;
  }

  /** Like FlowNetwork.push: the cursor stays on an edge that carried a unit, and moves past one that could not. */
  private pushFromRow(row: number): boolean {
    const { byRow, up, candidateColumn } = work;
    const { start: rowStart, cursor: rowCursor, level: rowLevel } = work.rows;
    const columnLevel = work.columns.level;
    const level = rowLevel[row] + 1;
    for (const end = rowStart[row + 1]; rowCursor[row] < end; rowCursor[row]++) {
      const k = byRow[rowCursor[row]];
      if (up[k] === 0 && columnLevel[candidateColumn[k]] === level && this.pushFromColumn(candidateColumn[k])) {
        up[k] = 1;
        return true;
      }
    }
    return false;
  }

  /** A column's cells (back to their rows), then, at cursor = its last cell + 1, its edge to the super sink. */
  private pushFromColumn(column: number): boolean {
    const { byColumn, up, candidateRow } = work;
    const { start: columnStart, cursor: columnCursor, level: columnLevel, remaining: room } = work.columns;
    const rowLevel = work.rows.level;
    const level = columnLevel[column] + 1;
    const end = columnStart[column + 1];
    for (; columnCursor[column] < end; columnCursor[column]++) {
      const k = byColumn[columnCursor[column]];
      if (up[k] === 1 && rowLevel[candidateRow[k]] === level && this.pushFromRow(candidateRow[k])) {
        up[k] = 0;
        return true;
      }
    }
    if (columnCursor[column] === end) {
      if (room[column] > 0 && this.sinkLevel === level) {
        room[column]--;
        return true;
      }
      columnCursor[column]++;
    }
    return false;
  }
}

/** The round-ups as a feasible flow with lower bounds (see the module comment), marked in work.up; false when none. */
function solveRoundUps(
  attempt: Attempt,
  rowFraction: ArrayLike<number>,
  rowCount: number,
  columnCount: number,
  count: number,
  unitsToRoundUp: number
): boolean {
  if (unitsToRoundUp < 0) return false;
  const { rowLow, rowHigh, columnLow, columnHigh } = attempt;
  for (let row = 0; row < rowCount; row++) if (rowLow[row] > rowHigh[row]) return false;
  for (let column = 0; column < columnCount; column++) if (columnLow[column] > columnHigh[column]) return false;
  const source = 0;
  const sink = 1 + rowCount + columnCount;
  const superSource = sink + 1;
  const superSink = sink + 2;
  const nodeCount = sink + 3;
  network.reset(nodeCount);
  const { excess, superEdge, cellEdge, lines, up, candidateRow, candidateColumn } = work;
  excess.fill(0, 0, nodeCount);
  const addBounded = (from: number, to: number, low: number, high: number): void => {
    if (high > low) network.addEdge(from, to, high - low);
    // Int32 arithmetic, as the network's capacities.
    excess[to] = (excess[to] + low) | 0;
    excess[from] = (excess[from] - low) | 0;
  };

  // Rows with larger remainders are offered their extra unit first: with the rows free, the table found then tends to
  // round up the rows chooseRows picks, which spares it searches (the rows it picks do not depend on this order).
  const ordered = orderByKey(rowFraction, rowCount, lines);
  for (let k = 0; k < ordered; k++) {
    const row = lines[k];
    addBounded(source, 1 + row, rowLow[row], rowHigh[row]);
  }
  for (let k = 0; k < count; k++)
    cellEdge[k] = network.addEdge(1 + candidateRow[k], 1 + rowCount + candidateColumn[k], 1);
  for (let column = 0; column < columnCount; column++) {
    addBounded(1 + rowCount + column, sink, columnLow[column], columnHigh[column]);
  }
  addBounded(sink, source, unitsToRoundUp, unitsToRoundUp);

  let required = 0;
  // Each node's edge from the super source or to the super sink (with fixed totals: rows from, columns to).
  for (let node = 0; node < nodeCount; node++) {
    const amount = excess[node];
    if (amount > 0) {
      superEdge[node] = network.addEdge(superSource, node, amount);
      required += amount;
    } else if (amount < 0) {
      superEdge[node] = network.addEdge(node, superSink, -amount);
    }
  }
  if (network.maxFlow(superSource, superSink) !== required) return false;
  for (let k = 0; k < count; k++) up[k] = network.residual(cellEdge[k]) === 0 ? 1 : 0;
  return true;
}
