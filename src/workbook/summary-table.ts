/**
 * The table both summary sheets share: the portable copy's "Summary" (classic formulas over the results Fair Share
 * wrote) and the live workbook's (FAIRSHARE formulas over the stored scenarios). Per ally, each scenario's amount, its
 * difference from the base scenario's and the percent; the total, EU overlap and net new money the same way; a check
 * row (the allies' differences add up to the total's); a chart of the differences. Only where an amount comes from
 * differs: the caller's formula. The base is named in one cell; its amount is found in the row by INDEX/MATCH over
 * the names above the amounts, so choosing another base recomputes every difference in any spreadsheet.
 */
import {
  SHEET_COLOURS,
  columnLetters,
  type CellDescription,
  type CellValue,
  type ChartDescription,
  type DataValidationDescription,
} from "./description";
import type { Compared, ScenarioSummary } from "../engine";

const FIRST_FIGURE_COLUMN = 3;
const AMOUNT_FORMAT = "#,##0.##";
const PERCENT_FORMAT = "0.00%";
const BOOLEAN_FORMAT = '"TRUE";"TRUE";"FALSE"';

/** Where a summary table's figures are, for the sheets' other parts and for tests that read them back. */
export interface SummaryTableLayout {
  /** The yellow cell that names the base scenario. */
  readonly baseCell: string;
  readonly names: readonly string[];
  readonly codes: readonly string[];
  /** The table's header row: the scenarios' names above their amounts. */
  readonly headerRow: number;
  readonly firstAllyRow: number;
  readonly lastAllyRow: number;
  readonly totalRow: number;
  readonly euOverlapRow: number;
  readonly netNewRow: number;
  /** The row of TRUE/FALSE: each scenario's allies' differences add up to the difference of its total. */
  readonly checkRow: number;
  /** Column letters per scenario, in the order of `names`. */
  readonly amountColumns: readonly string[];
  readonly differenceColumns: readonly string[];
  readonly percentColumns: readonly string[];
  /** Asked for: per scenario, one column per year of the summary (`years`), right of the percents; else none. */
  readonly years: readonly number[];
  readonly yearColumns: readonly (readonly string[])[];
}

/** Which row an amount is for: an ally (its place in the summary's allies), or one of the rows below them. */
export type SummaryRow =
  { readonly kind: "ally"; readonly offset: number } | { readonly kind: "total" | "euOverlap" | "netNew" };

/** The formula (without "=") of scenario `index`'s amount in a row; its cell shows "-" where there is none. */
export type AmountFormula = (index: number, row: SummaryRow) => string;

/** The formula (without "=") of scenario `index`'s amount for an ally (its place) in one of that scenario's years. */
export type YearAmountFormula = (index: number, year: number, offset: number) => string;

/** The table's layout from its header row down; the base named in `baseCell`; with `perYear`, the year columns. */
export function summaryTableLayout(
  summary: ScenarioSummary,
  headerRow: number,
  baseCell: string,
  perYear = false
): SummaryTableLayout {
  const count = summary.scenarios.length;
  const letters = (offset: number): string[] =>
    summary.scenarios.map((_, index) => columnLetters(FIRST_FIGURE_COLUMN + offset * count + index));
  const years = perYear ? summary.years : [];
  const yearColumns = summary.scenarios.map((_, index) =>
    years.map((_, y) => columnLetters(FIRST_FIGURE_COLUMN + 3 * count + index * years.length + y))
  );
  const firstAllyRow = headerRow + 1;
  const lastAllyRow = firstAllyRow + summary.allies.length - 1;
  return {
    baseCell,
    names: summary.scenarios.map((scenario) => scenario.name),
    codes: summary.allies.map((ally) => ally.code),
    headerRow,
    firstAllyRow,
    lastAllyRow,
    totalRow: lastAllyRow + 1,
    euOverlapRow: lastAllyRow + 2,
    netNewRow: lastAllyRow + 3,
    checkRow: lastAllyRow + 5,
    amountColumns: letters(0),
    differenceColumns: letters(1),
    percentColumns: letters(2),
    years,
    yearColumns,
  };
}

/**
 * A cell's text as MATCH looks it up literally: MATCH(..., 0) reads *, ? and ~ as wildcards, and a stored name may hold
 * them ("US cap 40%?"), so they are escaped with ~.
 */
export function literalKey(reference: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${reference},"~","~~"),"*","~*"),"?","~?")`;
}

/** The header cells that hold the scenarios' names above their amounts ("$C$21:$E$21"). */
export function namesRange(layout: SummaryTableLayout): string {
  const first = layout.amountColumns[0];
  const last = layout.amountColumns[layout.amountColumns.length - 1];
  return `$${first}$${layout.headerRow}:$${last}$${layout.headerRow}`;
}

/** The most a validated list's entries may take, joined by commas (Excel's limit). */
const LIST_LIMIT = 255;

/**
 * The base cell's validation: a drop-down of the stored names when they fit Excel's list (255 characters, no quotes),
 * else a check that the name typed is one of them (MATCH over the cells holding the names).
 */
export function baseValidation(layout: SummaryTableLayout): DataValidationDescription {
  const { baseCell, names } = layout;
  const prompt = {
    title: "Base scenario",
    text: "The scenario the others are compared with: one of the stored names.",
  };
  const error = { title: "Not a stored scenario", text: "Choose one of the stored scenarios' names." };
  const fits = names.join(",").length <= LIST_LIMIT && names.every((name) => !name.includes('"'));
  return fits
    ? { range: baseCell, kind: "list", values: names, allowBlank: false, prompt, error }
    : {
        range: baseCell,
        kind: "custom",
        formula: `=ISNUMBER(MATCH(${literalKey(baseCell)},${namesRange(layout)},0))`,
        allowBlank: false,
        prompt,
        error,
      };
}

const cachedAmount = (value: { toNumber(): number } | null): CellValue => (value === null ? "-" : value.toNumber());

/** A figure row: per scenario the amount, its difference from the base's (found in the row by name) and the percent. */
function figureCells(
  summary: ScenarioSummary,
  layout: SummaryTableLayout,
  row: number,
  place: SummaryRow,
  compared: Compared,
  amount: AmountFormula,
  style?: CellDescription["style"]
): CellDescription[] {
  const first = layout.amountColumns[0];
  const last = layout.amountColumns[layout.amountColumns.length - 1];
  const baseName = layout.baseCell.replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
  const base = `N(INDEX($${first}${row}:$${last}${row},MATCH(${literalKey(baseName)},${namesRange(layout)},0)))`;
  const baseAmount = compared.amounts[summary.base];
  return summary.scenarios.flatMap((_, index) => {
    const amountCell = `${layout.amountColumns[index]}${row}`;
    const differenceCell = `${layout.differenceColumns[index]}${row}`;
    return [
      {
        address: amountCell,
        formula: `=${amount(index, place)}`,
        cached: cachedAmount(compared.amounts[index]),
        numberFormat: AMOUNT_FORMAT,
        style,
      },
      {
        address: differenceCell,
        formula: `=N(${amountCell})-${base}`,
        cached: compared.differences[index].toNumber(),
        numberFormat: AMOUNT_FORMAT,
        style,
      },
      {
        address: `${layout.percentColumns[index]}${row}`,
        formula: `=IF(${base}=0,"n/a",${differenceCell}/${base})`,
        cached:
          baseAmount === null || baseAmount.isZero() ? "n/a" : compared.differences[index].div(baseAmount).toNumber(),
        numberFormat: PERCENT_FORMAT,
        style,
      },
    ];
  });
}

/**
 * Each ally's amount in each year, per scenario (the year columns, when asked for), and each column's total; a year
 * outside a scenario's years shows "-".
 */
function yearCells(
  summary: ScenarioSummary,
  layout: SummaryTableLayout,
  yearAmount: YearAmountFormula,
  header: CellDescription["style"]
): CellDescription[] {
  const cells: CellDescription[] = [];
  summary.scenarios.forEach((scenario, index) => {
    layout.years.forEach((year, y) => {
      const column = layout.yearColumns[index][y];
      cells.push({ address: `${column}${layout.headerRow}`, value: `${scenario.name} ${year}`, style: header });
      summary.allies.forEach((ally, offset) => {
        const address = `${column}${layout.firstAllyRow + offset}`;
        const cached = ally.byYear[index][y];
        cells.push(
          scenario.years.includes(year) && cached !== null
            ? {
                address,
                formula: `=${yearAmount(index, year, offset)}`,
                cached: cached.toNumber(),
                numberFormat: AMOUNT_FORMAT,
              }
            : { address, value: "-", style: { horizontal: "right" } }
        );
      });
      cells.push({
        address: `${column}${layout.totalRow}`,
        formula: `=SUM(${column}${layout.firstAllyRow}:${column}${layout.lastAllyRow})`,
        // The year's rounded tranche: the engine's rounding makes the allies' amounts add up to it.
        cached: scenario.years.includes(year)
          ? scenario.result.allocation.tranches[scenario.years.indexOf(year)].toNumber()
          : 0,
        numberFormat: AMOUNT_FORMAT,
        style: { bold: true, borderTop: true },
      });
    });
  });
  return cells;
}

/** The table: header, a row per ally, the total, EU overlap, net new money and the check row. */
export function summaryTableCells(
  summary: ScenarioSummary,
  layout: SummaryTableLayout,
  amount: AmountFormula,
  yearAmount?: YearAmountFormula
): CellDescription[] {
  const header = { bold: true, fill: SHEET_COLOURS.header, borderBottom: true, wrap: true } as const;
  const top = layout.headerRow;
  const cells: CellDescription[] = [
    { address: `A${top}`, value: "Code", style: header },
    { address: `B${top}`, value: "Ally", style: header },
  ];
  layout.names.forEach((name, index) => {
    cells.push(
      { address: `${layout.amountColumns[index]}${top}`, value: name, style: header },
      { address: `${layout.differenceColumns[index]}${top}`, value: `${name} - base`, style: header },
      { address: `${layout.percentColumns[index]}${top}`, value: `${name} - base %`, style: header }
    );
  });
  summary.allies.forEach((ally, offset) => {
    const row = layout.firstAllyRow + offset;
    cells.push({ address: `A${row}`, value: ally.code }, { address: `B${row}`, value: ally.name });
    cells.push(...figureCells(summary, layout, row, { kind: "ally", offset }, ally, amount));
  });
  const totals: [number, string, Compared, SummaryRow][] = [
    [layout.totalRow, "Total", summary.totals, { kind: "total" }],
    [layout.euOverlapRow, "EU overlap", summary.euOverlap, { kind: "euOverlap" }],
    [layout.netNewRow, "Net new money", summary.netNew, { kind: "netNew" }],
  ];
  totals.forEach(([row, label, compared, place], offset) => {
    const style = offset === 0 ? { bold: true, borderTop: true } : undefined;
    cells.push({ address: `B${row}`, value: label, style: { bold: true, ...(style ?? {}) } });
    cells.push(...figureCells(summary, layout, row, place, compared, amount, style));
  });
  if (yearAmount !== undefined) cells.push(...yearCells(summary, layout, yearAmount, header));
  cells.push({
    address: `B${layout.checkRow}`,
    value: "Allies' differences add up to the total's",
    style: { bold: true },
  });
  for (const column of layout.differenceColumns) {
    cells.push({
      address: `${column}${layout.checkRow}`,
      formula: `=SUM(${column}${layout.firstAllyRow}:${column}${layout.lastAllyRow})=${column}${layout.totalRow}`,
      cached: true,
      // A spreadsheet that keeps a comparison's result as a number still shows TRUE or FALSE.
      numberFormat: BOOLEAN_FORMAT,
    });
  }
  return cells;
}

/** The native chart of the differences by ally, from `row` down over `rows` rows. */
export function differencesChart(layout: SummaryTableLayout, row: number, rows: number): ChartDescription {
  return {
    title: "Difference from the base scenario, by ally",
    type: "barClustered",
    categories: `A${layout.firstAllyRow}:A${layout.lastAllyRow}`,
    series: layout.differenceColumns.map((column) => ({
      name: `${column}${layout.headerRow}`,
      values: `${column}${layout.firstAllyRow}:${column}${layout.lastAllyRow}`,
    })),
    from: `A${row}`,
    to: `${layout.percentColumns[layout.percentColumns.length - 1]}${row + rows}`,
  };
}

/** The widths of the table's columns: names and codes, then every figure column. */
export function summaryColumnWidths(layout: SummaryTableLayout, first: number): Record<string, number> {
  const widths: Record<string, number> = { A: first, B: 18 };
  const figures = [...layout.amountColumns, ...layout.differenceColumns, ...layout.percentColumns];
  for (const column of [...figures, ...layout.yearColumns.flat()]) widths[column] = 16;
  return widths;
}
