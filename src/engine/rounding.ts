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

/** Dinic's max flow on a small graph, integer capacities. */
class FlowNetwork {
  private readonly adjacency: number[][];
  readonly to: number[] = [];
  readonly capacity: number[] = [];
  private level: Int32Array;
  private cursor: Int32Array;

  constructor(nodeCount: number) {
    this.adjacency = Array.from({ length: nodeCount }, () => []);
    this.level = new Int32Array(nodeCount);
    this.cursor = new Int32Array(nodeCount);
  }

  /** Adds an edge and its reverse; returns the forward edge's index. */
  addEdge(from: number, to: number, capacity: number): number {
    const index = this.to.length;
    this.to.push(to, from);
    this.capacity.push(capacity, 0);
    this.adjacency[from].push(index);
    this.adjacency[to].push(index + 1);
    return index;
  }

  maxFlow(source: number, sink: number): number {
    let flow = 0;
    while (this.buildLevels(source, sink)) {
      this.cursor.fill(0);
      let pushed: number;
      while ((pushed = this.push(source, sink, Number.MAX_SAFE_INTEGER)) > 0) flow += pushed;
    }
    return flow;
  }

  private buildLevels(source: number, sink: number): boolean {
    this.level.fill(-1);
    this.level[source] = 0;
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const edge of this.adjacency[node]) {
        const next = this.to[edge];
        if (this.capacity[edge] > 0 && this.level[next] < 0) {
          this.level[next] = this.level[node] + 1;
          queue.push(next);
        }
      }
    }
    return this.level[sink] >= 0;
  }

  private push(node: number, sink: number, limit: number): number {
    if (node === sink) return limit;
    const edges = this.adjacency[node];
    for (; this.cursor[node] < edges.length; this.cursor[node]++) {
      const edge = edges[this.cursor[node]];
      const next = this.to[edge];
      if (this.capacity[edge] > 0 && this.level[next] === this.level[node] + 1) {
        const pushed = this.push(next, sink, Math.min(limit, this.capacity[edge]));
        if (pushed > 0) {
          this.capacity[edge] -= pushed;
          this.capacity[edge ^ 1] += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}

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
 * and fractions; the row and column totals are the exact sums of the cells. Equal numerators next to each other in a
 * row (equal-weight years) are divided once.
 */
export function exactUnitTable(
  numerators: readonly (readonly bigint[])[],
  denominator: bigint,
  grandTotal: number,
  preferredColumnTotals?: readonly number[]
): UnitTable {
  const rowCount = numerators.length;
  const columnCount = rowCount > 0 ? numerators[0].length : 0;
  const whole = new Float64Array(rowCount * columnCount);
  const remainders: bigint[] = new Array<bigint>(rowCount * columnCount);
  const rowRemainders: bigint[] = new Array<bigint>(rowCount);
  const columnRemainders: bigint[] = new Array<bigint>(columnCount).fill(0n);
  const rowWhole = new Float64Array(rowCount);
  const columnWhole = new Float64Array(columnCount);
  for (let row = 0; row < rowCount; row++) {
    const cells = numerators[row];
    let rowRemainder = 0n;
    let previous = -1n;
    let quotient = 0;
    let remainder = 0n;
    for (let column = 0; column < columnCount; column++) {
      const cell = cells[column];
      if (cell < 0n) fail("INTERNAL", "rounding", { detail: "negative amount" });
      if (cell !== previous) {
        quotient = Number(cell / denominator);
        remainder = cell % denominator;
        previous = cell;
      }
      const at = row * columnCount + column;
      whole[at] = quotient;
      remainders[at] = remainder;
      rowWhole[row] += quotient;
      columnWhole[column] += quotient;
      rowRemainder += remainder;
      columnRemainders[column] += remainder;
    }
    if (rowRemainder >= denominator) {
      rowWhole[row] += Number(rowRemainder / denominator);
      rowRemainder %= denominator;
    }
    rowRemainders[row] = rowRemainder;
  }
  for (let column = 0; column < columnCount; column++) {
    if (columnRemainders[column] >= denominator) {
      columnWhole[column] += Number(columnRemainders[column] / denominator);
      columnRemainders[column] %= denominator;
    }
  }
  return {
    rowCount,
    columnCount,
    whole,
    fraction: fractionKeys(remainders, denominator),
    rowWhole,
    rowFraction: fractionKeys(rowRemainders, denominator),
    columnWhole,
    columnFraction: fractionKeys(columnRemainders, denominator),
    grandTotal,
    ...(preferredColumnTotals ? { preferredColumnTotals } : {}),
  };
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
  candidates.sort((a, b) => b.fraction - a.fraction || a.row - b.row || a.column - b.column);

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
    const ups = solveRoundUps(candidates, attempt.rows, attempt.columns, unitsToRoundUp, rowCount, columnCount);
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

function solveRoundUps(
  candidates: readonly CellCandidate[],
  rowBounds: readonly Bounds[],
  columnBounds: readonly Bounds[],
  unitsToRoundUp: number,
  rowCount: number,
  columnCount: number
): CellCandidate[] | null {
  if (unitsToRoundUp < 0) return null;
  if ([...rowBounds, ...columnBounds].some((bounds) => bounds.low > bounds.high)) return null;
  const source = 0;
  const rowNode = (row: number): number => 1 + row;
  const columnNode = (column: number): number => 1 + rowCount + column;
  const sink = 1 + rowCount + columnCount;
  const superSource = sink + 1;
  const superSink = sink + 2;
  const network = new FlowNetwork(sink + 3);
  const excess = new Array<number>(sink + 3).fill(0);
  const addBounded = (from: number, to: number, { low, high }: Bounds): void => {
    if (high > low) network.addEdge(from, to, high - low);
    excess[to] += low;
    excess[from] -= low;
  };

  // Rows with larger remainders are offered their extra unit first, so row totals round to the nearest unit
  // whenever the table allows it (as largest remainder would).
  const rowOrder = rowBounds
    .map((_, row) => row)
    .sort((a, b) => rowBounds[b].fraction - rowBounds[a].fraction || a - b);
  for (const row of rowOrder) addBounded(source, rowNode(row), rowBounds[row]);
  const cellEdges = candidates.map((cell) => network.addEdge(rowNode(cell.row), columnNode(cell.column), 1));
  columnBounds.forEach((bounds, column) => addBounded(columnNode(column), sink, bounds));
  addBounded(sink, source, { low: unitsToRoundUp, high: unitsToRoundUp, fraction: 0 });

  let required = 0;
  excess.forEach((amount, node) => {
    if (amount > 0) {
      network.addEdge(superSource, node, amount);
      required += amount;
    } else if (amount < 0) {
      network.addEdge(node, superSink, -amount);
    }
  });
  if (network.maxFlow(superSource, superSink) !== required) return null;
  return candidates.filter((_, index) => network.capacity[cellEdges[index]] === 0);
}
