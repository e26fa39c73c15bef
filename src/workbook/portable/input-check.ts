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
