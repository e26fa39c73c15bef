/**
 * The level solve of the portable copy, in classic formulas: the engine's rule (allocate.ts) restated for a sheet.
 *
 * For a fixed total T each contributor pays clamp(s_i x M - c_i, L_i, H_i) (basis share, credit, lower and upper
 * limit), and M is the smallest level at which these add up to T. Their sum f(M) is continuous, non-decreasing and
 * linear between breakpoints: a contributor starts paying above its lower limit at (L_i + c_i) / s_i and reaches its
 * upper limit at (H_i + c_i) / s_i. The sheet works f out at every breakpoint, takes the last one below T and the
 * first one at T or above, and who is held at a limit between the two; then M follows from one division, as in the
 * engine: M = (T - held lower limits - held upper limits + free credits) / free basis shares. No iteration, so no case
 * where passes stop on a wrong set of held contributors. The limits the engine refuses (a cap below a floor, floors
 * above the total, caps below it) are checked first and said in words instead of figures.
 */
import { Dec, ZERO, type Allocation, type AllocationRow } from "../../engine";
import { NO_LIMIT, RELATIVE_SLACK, absRange, num, type SheetCells } from "./cells";

/** Where the solve reads its inputs: the contributors table's rows and columns, and the total. */
export interface LevelSolveInputs {
  readonly cells: SheetCells;
  readonly first: number;
  readonly last: number;
  readonly columns: {
    readonly code: string;
    readonly exempt: string;
    /** Each contributor's cap as typed (a share of the total, or empty). */
    readonly cap: string;
    readonly basisShare: string;
    readonly credit: string;
    readonly low: string;
    readonly high: string;
  };
  /** The solve's own columns, in the contributors table's rows. */
  readonly solveColumns: LevelSolveColumns;
  /** The parsed total (absolute reference). */
  readonly totalCell: string;
  readonly currency: string;
  /** Adds a labelled working value beside the inputs; returns its absolute reference. */
  readonly work: (label: string, formula: string, cached: CellValueLike, numberFormat?: string) => string;
  readonly allocation: Allocation;
}

type CellValueLike = string | number | boolean | null;

export interface LevelSolveColumns {
  readonly enter: string;
  readonly leave: string;
  readonly sumAtEnter: string;
  readonly sumAtLeave: string;
  readonly below: string;
  readonly above: string;
  readonly probeHeld: string;
  readonly clash: string;
  readonly held: string;
  readonly amount: string;
}

export const LEVEL_SOLVE_HEADERS: Readonly<Record<keyof LevelSolveColumns, string>> = {
  enter: "Leaves its lower limit at level",
  leave: "Reaches its upper limit at level",
  sumAtEnter: "Sum at that level (lower)",
  sumAtLeave: "Sum at that level (upper)",
  below: "Breakpoint below the total",
  above: "Breakpoint at or above the total",
  probeHeld: "Held between the two",
  clash: "Cap below floor",
  held: "Held (1 upper, -1 lower, 0 free)",
  amount: "Solved amount",
};

export interface LevelSolve {
  /** TRUE when the limits can hold (absolute reference). */
  readonly feasibleCell: string;
  /** The problem in words, or "" (absolute reference). */
  readonly problemCell: string;
  /** The level M, or "" when the floors take the whole total. */
  readonly levelCell: string;
  /** How many contributors are held at a limit. */
  readonly heldCountCell: string;
}

/** The engine's limits and workings of a row as decimals (no upper limit: null). */
interface RowLimits {
  readonly s: Dec;
  readonly c: Dec;
  readonly low: Dec;
  readonly high: Dec | null;
}

const limitsOf = (row: AllocationRow): RowLimits => ({
  s: row.basisShare,
  c: row.aidCredit,
  low: row.lowerLimit,
  high: row.upperLimit,
});

/** The sum of the clamped amounts at a level, for the cached values of the workings. */
function sumAt(rows: readonly RowLimits[], level: Dec): Dec {
  return rows.reduce((sum, { s, c, low, high }) => {
    const x = s.times(level).minus(c);
    return sum.plus(high !== null && x.gte(high) ? high : x.lte(low) ? low : x);
  }, ZERO);
}

/** The cached values of the solve's summary: the breakpoints around the total, a level between, who is held there. */
function solveWorkings(
  rows: readonly RowLimits[],
  total: Dec
): { below: number; above: number; probe: number; probeHeld: number[] } {
  const reached = total.minus(total.times(RELATIVE_SLACK));
  let below: Dec | null = null;
  let above: Dec | null = null;
  for (const row of rows) {
    for (const point of Object.values(breakpoints(row))) {
      if (point === null) continue;
      if (sumAt(rows, point).gte(reached)) above = above === null || point.lt(above) ? point : above;
      else below = below === null || point.gt(below) ? point : below;
    }
  }
  const low = below ?? new Dec(-1);
  const probe = above === null ? low.plus(low.abs()).plus(1) : low.plus(above).div(2);
  const probeHeld = rows.map(({ s, c, low: floor, high }) => {
    const x = s.times(probe).minus(c);
    return high !== null && x.gte(high) ? 1 : x.lte(floor) ? -1 : 0;
  });
  return { below: num(low), above: above === null ? NO_LIMIT : num(above), probe: num(probe), probeHeld };
}

/** A row's two breakpoints (null where it has none), as the sheet states them. */
function breakpoints({ s, c, low, high }: RowLimits): { enter: Dec | null; leave: Dec | null } {
  const applies = s.gt(0) && (high === null || high.gt(low));
  return {
    enter: applies ? low.plus(c).div(s) : null,
    leave: applies && high !== null ? high.plus(c).div(s) : null,
  };
}

/** The breakpoints' columns: each row's two levels and the sums there, and the candidates around the total. */
function breakpointColumns(inputs: LevelSolveInputs, slack: string, rows: readonly RowLimits[]): void {
  const { cells, first, last, columns: col, solveColumns: sc, totalCell, allocation } = inputs;
  const range = (column: string): string => absRange(column, first, last);
  const [S, C, L, H] = [range(col.basisShare), range(col.credit), range(col.low), range(col.high)];
  const sumFormula = (level: string): string => {
    const x = `(${S}*${level}-${C})`;
    return `SUMPRODUCT(${L}*(${x}<=${L})+(${x}>${L})*((${x}<${H})*${x}+(${x}>=${H})*${H}))`;
  };
  const total = allocation.exactTotal;
  const slackValue = total.times(RELATIVE_SLACK);
  rows.forEach((limits, i) => {
    const row = first + i;
    const at = (column: string): string => `${column}${row}`;
    const { enter, leave } = breakpoints(limits);
    const sumEnter = enter === null ? null : sumAt(rows, enter);
    const sumLeave = leave === null ? null : sumAt(rows, leave);
    const applies = `AND(${at(col.basisShare)}>0,${at(col.high)}>${at(col.low)})`;
    cells.formula(
      at(sc.enter),
      `IF(${applies},(${at(col.low)}+${at(col.credit)})/${at(col.basisShare)},"")`,
      enter === null ? "" : num(enter),
      { numberFormat: "#,##0" }
    );
    cells.formula(
      at(sc.leave),
      `IF(AND(${applies},${at(col.high)}<${NO_LIMIT}),(${at(col.high)}+${at(col.credit)})/${at(col.basisShare)},"")`,
      leave === null ? "" : num(leave),
      { numberFormat: "#,##0" }
    );
    cells.formula(
      at(sc.sumAtEnter),
      `IF(${at(sc.enter)}="","",${sumFormula(at(sc.enter))})`,
      sumEnter === null ? "" : num(sumEnter),
      { numberFormat: "#,##0" }
    );
    cells.formula(
      at(sc.sumAtLeave),
      `IF(${at(sc.leave)}="","",${sumFormula(at(sc.leave))})`,
      sumLeave === null ? "" : num(sumLeave),
      { numberFormat: "#,##0" }
    );
    const reachesTotal = (sum: Dec | null): boolean => sum !== null && sum.gte(total.minus(slackValue));
    const belowOf = (point: Dec | null, sum: Dec | null): number =>
      point === null || reachesTotal(sum) ? -1 : num(point);
    const aboveOf = (point: Dec | null, sum: Dec | null): number =>
      point === null || !reachesTotal(sum) ? NO_LIMIT : num(point);
    const candidate = (point: string, sum: string, reached: boolean, none: number): string =>
      `IF(${point}="",${none},IF(${sum}>=${totalCell}-${slack},${reached ? point : none},${reached ? none : point}))`;
    cells.formula(
      at(sc.below),
      `MAX(${candidate(at(sc.enter), at(sc.sumAtEnter), false, -1)},${candidate(at(sc.leave), at(sc.sumAtLeave), false, -1)})`,
      Math.max(belowOf(enter, sumEnter), belowOf(leave, sumLeave)),
      { numberFormat: "#,##0" }
    );
    cells.formula(
      at(sc.above),
      `MIN(${candidate(at(sc.enter), at(sc.sumAtEnter), true, NO_LIMIT)},${candidate(at(sc.leave), at(sc.sumAtLeave), true, NO_LIMIT)})`,
      Math.min(aboveOf(enter, sumEnter), aboveOf(leave, sumLeave)),
      { numberFormat: `[>=1E+299]"none";#,##0` }
    );
  });
}

/** The limits the engine refuses, checked in its order, and the message that names them. */
function feasibility(
  inputs: LevelSolveInputs,
  slack: string
): { feasibleCell: string; problemCell: string; floorsTakeAllCell: string } {
  const { cells, first, last, columns: col, solveColumns: sc, totalCell, work, currency, allocation } = inputs;
  const range = (column: string): string => absRange(column, first, last);
  const money = (cell: string): string => `"${currency} "&ROUND(${cell}/1E9,3)&"bn"`;
  allocation.rows.forEach((_, i) => {
    const at = (column: string): string => `${column}${first + i}`;
    cells.formula(at(sc.clash), `${at(col.low)}>${at(col.high)}+${slack}`, false);
  });
  const rows = allocation.rows.map(limitsOf);
  const floors = rows.reduce((sum, r) => sum.plus(r.low), ZERO);
  const floorsCell = work("Sum of lower limits", `SUM(${range(col.low)})`, num(floors), "#,##0");
  const capped = rows.every((r) => r.high !== null);
  const capacityCell = work(
    "Sum of upper limits (none: no limit)",
    `IF(COUNTIF(${range(col.high)},">=1E299")>0,${NO_LIMIT},SUM(${range(col.high)}))`,
    capped ? num(rows.reduce((sum, r) => sum.plus(r.high as Dec), ZERO)) : NO_LIMIT,
    `[>=1E+299]"none";#,##0`
  );
  const clashes = `COUNTIF(${range(sc.clash)},TRUE)`;
  const clashRow = `MATCH(TRUE,${range(sc.clash)},0)`;
  const clashAt = (column: string): string => `INDEX(${range(column)},${clashRow})`;
  // As the engine: with no share cap given, only the cap on payments as a share of GDP can have held everyone.
  const shortfall = `${money(capacityCell)}&" in all, less than the total "&${money(totalCell)}&"`;
  const capacityProblem =
    `IF(SUMPRODUCT(--(${range(col.cap)}<>""))>0,` +
    `"--cap: the caps and exemptions let the contributors pay at most "&${shortfall}. Raise the caps, exempt fewer contributors or lower the total.",` +
    `"--max-pct-gdp: the limit on yearly payments as a share of GDP lets the contributors pay at most "&${shortfall}. Raise max-pct-gdp, exempt fewer contributors or lower the total.")`;
  const problem =
    `IF(${clashes}>0,"--floor gives "&${clashAt(col.code)}&" a maximum of "&${money(clashAt(col.high))}&" below its minimum of "&${money(clashAt(col.low))}&". Raise its cap or lower its floor.",` +
    `IF(${floorsCell}>${totalCell}+${slack},"--floor: the floors add up to "&${money(floorsCell)}&", more than the total "&${money(totalCell)}&". Lower the floors or raise the total.",` +
    `IF(${capacityCell}<${totalCell}-${slack},${capacityProblem},"")))`;
  const problemCell = work("Limits that cannot hold", problem, "");
  const feasibleCell = work("Limits can hold", `${problemCell}=""`, true);
  const floorsTakeAllCell = work(
    "Lower limits take the whole total",
    `${floorsCell}>=${totalCell}-${slack}`,
    allocation.level === null
  );
  return { feasibleCell, problemCell, floorsTakeAllCell };
}

/** Builds the solve: breakpoints, who is held between the two around the total, the level, and each amount. */
export function levelSolve(inputs: LevelSolveInputs): LevelSolve {
  const { cells, first, last, columns: col, solveColumns: sc, totalCell, work, allocation } = inputs;
  const range = (column: string): string => absRange(column, first, last);
  const rows = allocation.rows.map(limitsOf);
  const slack = work(
    "Slack of the comparisons",
    `${totalCell}*${RELATIVE_SLACK}`,
    num(allocation.exactTotal.times(RELATIVE_SLACK)),
    "0.000000"
  );
  breakpointColumns(inputs, slack, rows);
  const { feasibleCell, problemCell, floorsTakeAllCell } = feasibility(inputs, slack);
  const around = solveWorkings(rows, allocation.exactTotal);
  const belowCell = work("Last breakpoint below the total", `MAX(${range(sc.below)})`, around.below, "#,##0");
  const aboveCell = work(
    "First breakpoint at or above it",
    `MIN(${range(sc.above)})`,
    around.above,
    `[>=1E+299]"none";#,##0`
  );
  const probeCell = work(
    "A level between the two",
    `IF(${aboveCell}>=1E299,${belowCell}+ABS(${belowCell})+1,(${belowCell}+${aboveCell})/2)`,
    around.probe,
    "#,##0"
  );
  const level = allocation.level;
  const levelCell = work(
    "Level M",
    `IF(OR(NOT(${feasibleCell}),${floorsTakeAllCell}),"",IFERROR((${totalCell}-SUMPRODUCT((${range(sc.probeHeld)}=-1)*${range(col.low)})-SUMPRODUCT((${range(sc.probeHeld)}=1)*${range(col.high)})+SUMPRODUCT((${range(sc.probeHeld)}=0)*${range(col.credit)}))/SUMPRODUCT((${range(sc.probeHeld)}=0)*${range(col.basisShare)}),""))`,
    level === null ? "" : num(level),
    "#,##0"
  );
  allocation.rows.forEach((row, i) => {
    const at = (column: string): string => `${column}${first + i}`;
    const x = (levelRef: string): string => `(${at(col.basisShare)}*${levelRef}-${at(col.credit)})`;
    cells.formula(
      at(sc.probeHeld),
      `IF(${x(probeCell)}>=${at(col.high)},1,IF(${x(probeCell)}<=${at(col.low)},-1,0))`,
      around.probeHeld[i]
    );
    const heldValue = row.held === "upper" ? 1 : row.held === "lower" ? -1 : 0;
    cells.formula(
      at(sc.held),
      `IF(NOT(${feasibleCell}),"",IF(${at(col.exempt)}=TRUE,1,IF(${floorsTakeAllCell},-1,IF(${levelCell}="","",` +
        `IF(${x(levelCell)}>=${at(col.high)}-${slack},1,IF(${x(levelCell)}<=${at(col.low)}+${slack},-1,0))))))`,
      heldValue
    );
    cells.formula(
      at(sc.amount),
      `IF(${at(sc.held)}="","",IF(${at(sc.held)}=1,${at(col.high)},IF(${at(sc.held)}=-1,${at(col.low)},${x(levelCell)})))`,
      num(row.exact),
      { numberFormat: "#,##0" }
    );
  });
  const heldCount = allocation.rows.filter((row) => row.held !== null).length;
  const heldCountCell = work(
    "Held at a limit",
    `COUNTIF(${range(sc.held)},1)+COUNTIF(${range(sc.held)},-1)`,
    heldCount
  );
  return { feasibleCell, problemCell, levelCell, heldCountCell };
}
