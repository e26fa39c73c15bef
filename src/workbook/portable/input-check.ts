/**
 * The portable copy's input check: a bad entry that gets past validation (pasted, or typed in a program that ignores
 * it) is named in one status cell, in the parameter's words ("exempt for HUN must be TRUE or FALSE"), and the figures
 * that depend on the inputs are left blank instead of showing #VALUE!. The check formulas themselves never fail: they
 * test a cell's type before reading it.
 */
import type { SheetCells } from "./cells";

export interface RowCheckColumns {
  readonly code: string;
  readonly exempt: string;
  readonly eu: string;
  readonly cap: string;
  readonly floor: string;
  readonly gdpByYear: readonly string[];
  readonly gdp: string;
  readonly key: string;
  readonly aid: string;
  /** The row's first problem, and the first problem of the rows so far (the last row has the table's first). */
  readonly problem: string;
  readonly firstProblem: string;
}

export const INPUT_CHECK_HEADERS = { problem: "Input problem", firstProblem: "First input problem so far" } as const;

/** A formula: the first of the checks that fails, or "". */
function firstFailing(checks: readonly (readonly [string, string])[]): string {
  return checks.reduceRight((otherwise, [fails, words]) => `IF(${fails},${words},${otherwise})`, '""');
}

/** Not TRUE or FALSE (LibreOffice keeps TRUE as the number 1 with a boolean format: compare, do not ask ISLOGICAL). */
const notLogical = (cell: string): string => `AND(${cell}<>"",${cell}<>TRUE,${cell}<>FALSE)`;
const notShare = (cell: string): string =>
  `AND(${cell}<>"",OR(NOT(ISNUMBER(${cell})),IF(ISNUMBER(${cell}),OR(${cell}<0,${cell}>1),FALSE)))`;
const notNumber = (cell: string): string => `AND(${cell}<>"",NOT(ISNUMBER(${cell})))`;

/** Each contributor row's problem and the running first problem; returns the cell with the table's first problem. */
export function contributorChecks(
  cells: SheetCells,
  first: number,
  count: number,
  col: RowCheckColumns,
  gdpYears: readonly number[],
  working: { readonly methodCell: string; readonly maxPctCell: string; readonly gdpYearCell: string },
  aidIsInput: readonly boolean[]
): string {
  for (let i = 0; i < count; i++) {
    const row = first + i;
    const at = (column: string): string => `${column}${row}`;
    const code = `${at(col.code)}`;
    const checks: [string, string][] = [
      [notLogical(at(col.exempt)), `"exempt for "&${code}&" must be TRUE or FALSE"`],
      [notLogical(at(col.eu)), `"EU member for "&${code}&" must be TRUE or FALSE"`],
      [notShare(at(col.cap)), `"cap for "&${code}&" must be a share of the total from 0% to 100%, or empty"`],
      [notShare(at(col.floor)), `"floor for "&${code}&" must be a share of the total from 0% to 100%, or empty"`],
      ...gdpYears.map((year, y): [string, string] => [
        notNumber(at(col.gdpByYear[y])),
        `"GDP ${year} for "&${code}&" must be a number"`,
      ]),
      [
        `AND(OR(${working.methodCell}<>"key",IFERROR(${working.maxPctCell}>0,FALSE)),NOT(ISNUMBER(${at(col.gdp)})))`,
        `"GDP for "&${code}&" is missing for the GDP year used: give it in its GDP column"`,
      ],
      [
        `AND(${working.methodCell}="key",NOT(AND(ISNUMBER(${at(col.key)}),IF(ISNUMBER(${at(col.key)}),${at(col.key)}>=0,FALSE))))`,
        `"key for "&${code}&" must be a number of 0 or more (method key)"`,
      ],
      ...(aidIsInput[i]
        ? [[notNumber(at(col.aid)), `"bilateral aid for "&${code}&" must be a number"`] as [string, string]]
        : []),
    ];
    cells.formula(at(col.problem), firstFailing(checks), "");
    const before = i === 0 ? '""' : `${col.firstProblem}${row - 1}`;
    cells.formula(at(col.firstProblem), `IF(${before}<>"",${before},${at(col.problem)})`, "");
  }
  return `$${col.firstProblem}$${first + count - 1}`;
}

/** The inputs block's and the other tables' checks, in order; each a [fails, words] pair of formulas. */
export function firstProblemOf(checks: readonly (readonly [string, string])[]): string {
  return firstFailing(checks);
}

/** A check that every cell of a range is TRUE or FALSE (empty cells pass). */
export const rangeNotLogical = (range: string): string =>
  `SUMPRODUCT((${range}<>"")*(${range}<>TRUE)*(${range}<>FALSE))>0`;

/** A check that no cell of a range holds text. */
export const rangeHasText = (range: string): string => `SUMPRODUCT(--ISTEXT(${range}))>0`;

/** A month "YYYY-MM" in a cell of text (the parsed aid-from or aid-to). */
export const notMonth = (cell: string): string =>
  `IFERROR(NOT(AND(LEN(${cell})=7,MID(${cell},5,1)="-",VALUE(LEFT(${cell},4))>=1900,VALUE(RIGHT(${cell},2))>=1,VALUE(RIGHT(${cell},2))<=12)),TRUE)`;

/** The working values the inputs block's checks read (absolute references). */
export interface BlockCheckCells {
  readonly methodCell: string;
  readonly gdpYearCell: string;
  readonly startCell: string;
  readonly totalCell: string;
  readonly unitCell: string;
  readonly isPctCell: string;
  readonly creditCell: string;
  readonly maxPctCell: string;
  readonly pctCell: string;
  readonly thresholdCell: string;
  readonly aidFromCell: string;
  readonly aidToCell: string;
  /** The schedule's weights, and the contributors' cap and floor columns. */
  readonly weights: string;
  readonly caps: string;
  readonly floors: string;
}

export interface BlockCheckFacts {
  readonly gdpYears: readonly number[];
  readonly defaultStart: number;
  readonly yearCount: number;
  readonly blendWritten: boolean;
  readonly aidFirstMonth: string;
  readonly aidLastMonth: string;
}

/** The inputs block's checks, in the order of its rows: each [fails, words]. */
export function blockChecks(w: BlockCheckCells, facts: BlockCheckFacts): [string, string][] {
  const methods = facts.blendWritten ? ["gdp", "key", "pct-gdp", "blend"] : ["gdp", "key", "pct-gdp"];
  const methodWords = `${methods.slice(0, -1).join(", ")} or ${methods[methods.length - 1]}`;
  const bad = (cell: string, ok: string): string => `IFERROR(NOT(${ok.replace(/@/g, cell)}),TRUE)`;
  const { totalCell: total, unitCell: unit, aidFromCell: from, aidToCell: to } = w;
  return [
    [
      `NOT(OR(${methods.map((m) => `${w.methodCell}="${m}"`).join(",")}))`,
      `"method must be ${methodWords} (a blend needs the copy written again)"`,
    ],
    [
      bad(w.gdpYearCell, `OR(${facts.gdpYears.map((y) => `@=${y}`).join(",")})`),
      `"gdp-year must be ${facts.gdpYears.join(" or ")}"`,
    ],
    [bad(w.startCell, "AND(@=INT(@),@>=1900,@<=2200)"), `"start must be a year, such as ${facts.defaultStart}"`],
    [bad(total, "@>0"), `"total must be an amount above 0, such as 100bn (or per-year, with total empty)"`],
    [bad(unit, "@>0"), `"unit must be an amount above 0, such as 1mn"`],
    [
      `AND(NOT(${w.isPctCell}),IFERROR(ABS(${total}/${unit}-ROUND(${total}/${unit},0))>1E-9,FALSE))`,
      `"total must be a whole number of units (unit)"`,
    ],
    [bad(w.creditCell, "AND(@>=0,@<=1)"), `"credit must be a share from 0% to 100%"`],
    [bad(w.maxPctCell, "@>=0"), `"max-pct-gdp must be a share of GDP of 0% or more"`],
    [`AND(${w.isPctCell},${bad(w.pctCell, "@>0")})`, `"pct-gdp must be a share of GDP above 0% (method pct-gdp)"`],
    [bad(w.thresholdCell, "AND(@>=0,@<=1)"), `"overlap-threshold must be a share from 0% to 100%"`],
    [
      `AND(${w.isPctCell},SUMPRODUCT((${w.caps}<>"")+(${w.floors}<>""))>0)`,
      `"cap and floor are not allowed with method pct-gdp (the total is not fixed): use max-pct-gdp"`,
    ],
    [
      `IFERROR(OR(SUMPRODUCT(--NOT(ISNUMBER(${w.weights})))>0,SUMPRODUCT(--(${w.weights}<0))>0,SUM(${w.weights})<=0),TRUE)`,
      `"profile must be flat, front or ${facts.yearCount} weights of 0 or more, such as 1,2,2,1,1"`,
    ],
    // The engine reads the aid window only when a credit counts the aid (else it notes the window is not used).
    [`AND(IFERROR(${w.creditCell}>0,FALSE),${notMonth(from)})`, `"aid-from must be a month YYYY-MM, such as 2022-01"`],
    [`AND(IFERROR(${w.creditCell}>0,FALSE),${notMonth(to)})`, `"aid-to must be a month YYYY-MM, such as 2026-04"`],
    [`AND(IFERROR(${w.creditCell}>0,FALSE),${from}>${to})`, `"aid-from must not be after aid-to"`],
    [
      `AND(${w.creditCell}>0,OR(${to}<"${facts.aidFirstMonth}",${from}>"${facts.aidLastMonth}"))`,
      `"the aid window "&${from}&" to "&${to}&" has no aid data (it covers ${facts.aidFirstMonth} to ${facts.aidLastMonth})"`,
    ],
  ];
}

/** The ranges of the other tables' inputs. */
export interface TableCheckRanges {
  readonly aidSheet: string;
  readonly aidValues: string;
  readonly counted: string;
  readonly instrumentAmounts: readonly string[];
  readonly gni: string;
  /** Contributing and the In ... columns of the EU states table. */
  readonly stateFlags: readonly string[];
}

/** The monthly aid's and the EU tables' checks: each [fails, words]. */
export function tableChecks(r: TableCheckRanges): [string, string][] {
  return [
    [rangeHasText(r.aidValues), `"every month of the ${r.aidSheet} sheet must be a number"`],
    [rangeNotLogical(r.counted), `"Counted in the EU instruments table must be TRUE or FALSE"`],
    [
      r.instrumentAmounts.length === 0 ? "FALSE" : `OR(${r.instrumentAmounts.map(rangeHasText).join(",")})`,
      `"every amount of the EU instruments table must be a number"`,
    ],
    [rangeHasText(r.gni), `"every GNI of the EU states table must be a number"`],
    [
      `OR(${r.stateFlags.map(rangeNotLogical).join(",")})`,
      `"Contributing and In ... in the EU states table must be TRUE or FALSE"`,
    ],
  ];
}
