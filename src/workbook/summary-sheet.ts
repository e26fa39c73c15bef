/**
 * The live workbook's summary sheet, described as data (see description.ts): what the task pane writes when the user
 * asks for a summary of the stored scenarios. Its figures are live FAIRSHARE formulas, so the sheet updates when a
 * stored scenario changes (a row of the very hidden "Scenarios" sheet is rewritten):
 *
 *   A1  title; A2 a plain note that its formulas need Fair Share (and how to get the portable copy); A3 the data
 *       vintage it was made with; B5 the base scenario, a yellow validated list of the stored names
 *   then  each scenario's key inputs (read from its inputs block below), side by side
 *   then  the allies' table: per scenario =FAIRSHARE.SHARE(code,,,block) (the engine's rounded amount), then each
 *         scenario's difference from the base and its percent (INDEX/MATCH by the base's name over the amounts); the
 *         total (a SUM of the rounded amounts, equal to the engine's total by its rounding), EU overlap and net new money
 *         (sums of =FAIRSHARE.OVERLAP(block)'s columns), a check row, and a native chart of the differences
 *   then  per scenario an inputs block whose value cells read that scenario's row of "Scenarios" by its name
 *         (INDEX/MATCH over the header labels, so a column moved by hand is still found)
 *
 * Cached values are the engine's (scenario-summary.ts), so the sheet shows the right numbers before Excel recalculates.
 * Pure: no Office globals.
 */
import { vintageCells, type VintageCells } from "./vintage-cells";
import { dataVintage, parametersFor, type ParameterName, type ScenarioResult } from "../engine";
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  rangeAddress,
  type CellDescription,
  type CellValue,
  type ChartDescription,
  type DataValidationDescription,
  type SheetDescription,
} from "./description";
import { STORE_COLUMNS, STORE_SHEET, type StoredRow } from "./scenario-store";
import { summariseScenarios, type Compared, type ScenarioSummary } from "./scenario-summary";

export const DEFAULT_SUMMARY_SHEET_NAME = "Fair Share summary";

export interface LiveSummaryOptions {
  /** The stored scenarios to compare (readable rows of the store), in the order shown. */
  readonly scenarios: readonly Pick<StoredRow, "name" | "parameters" | "row">[];
  /** The engine's result of each, in the same order (on the data the add-in carries). */
  readonly results: readonly ScenarioResult[];
  /** The base scenario's name; the first when left out. */
  readonly base?: string;
  /** The worksheet's name. */
  readonly name?: string;
}

/** Where the sheet's parts are, for the pane and the tests. */
export interface LiveSummaryLayout {
  readonly baseCell: string;
  readonly names: readonly string[];
  readonly codes: readonly string[];
  readonly firstAllyRow: number;
  readonly lastAllyRow: number;
  readonly totalRow: number;
  readonly euOverlapRow: number;
  readonly netNewRow: number;
  readonly checkRow: number;
  readonly amountColumns: readonly string[];
  readonly differenceColumns: readonly string[];
  readonly percentColumns: readonly string[];
  /** Per scenario: its inputs block (labels and values, what the FAIRSHARE formulas take) and its value cells. */
  readonly blocks: readonly { readonly range: string; readonly valueCell: Readonly<Record<ParameterName, string>> }[];
}

/** The inputs a reader compares first, shown side by side at the top (the rest are in the blocks below). */
const KEY_INPUTS: readonly ParameterName[] = [
  "total",
  "per-year",
  "years",
  "start",
  "method",
  "credit",
  "exempt",
  "cap",
  "floor",
  "max-pct-gdp",
  "eu",
  "currency",
];
const PARAMETERS = parametersFor("allocate").map((entry) => entry.name);

const BASE_ROW = 5;
const KEY_ROW = 7;
const TABLE_HEADER_ROW = KEY_ROW + KEY_INPUTS.length + 3;
const FIRST_FIGURE_COLUMN = 3;
const AMOUNT_FORMAT = "#,##0.##";
const PERCENT_FORMAT = "0.00%";
/** The part of the store sheet the lookups read: far wider and longer than any store. */
const STORE_RANGE = `${STORE_SHEET}!$A$1:$ZZ$5000`;
const STORE_HEADER = `${STORE_SHEET}!$A$1:$ZZ$1`;

const num = (value: { toNumber(): number } | null): CellValue => (value === null ? "-" : value.toNumber());

/**
 * The summary sheet of stored scenarios with their results: what the pane's "Summary sheet" button writes. Throws
 * SummaryError (scenario-summary.ts) for scenarios in different currencies.
 */
export function describeSummarySheet(options: LiveSummaryOptions): SheetDescription {
  const summary = summariseScenarios(
    options.scenarios.map((scenario, index) => ({ name: scenario.name, result: options.results[index] })),
    options.base
  );
  const layout = liveSummaryLayout(summary);
  const chartRow = layout.checkRow + 2;
  const chartRows = Math.max(20, layout.codes.length);
  const blocksRow = chartRow + chartRows + 2;
  const blocks = blockCells(options.scenarios, blocksRow);
  const withBlocks: LiveSummaryLayout = { ...layout, blocks: blocks.blocks };
  const columnWidths: Record<string, number> = { A: 24, B: 18 };
  for (const column of [...layout.amountColumns, ...layout.differenceColumns, ...layout.percentColumns]) {
    columnWidths[column] = 16;
  }
  return {
    name: options.name ?? DEFAULT_SUMMARY_SHEET_NAME,
    cells: [
      ...headCells(summary, withBlocks, options.results[0]),
      ...keyInputCells(options.scenarios, withBlocks),
      ...tableCells(summary, withBlocks),
      ...blocks.cells,
    ],
    names: [],
    conditionalFormats: summaryVintage(options.results[0]).conditionalFormats,
    charts: [differencesChart(withBlocks, chartRow, chartRows)],
    columnWidths,
    validations: [baseValidation(layout.baseCell, layout.names, namesRange(layout))],
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
function namesRange(layout: LiveSummaryLayout): string {
  const first = layout.amountColumns[0];
  const last = layout.amountColumns[layout.amountColumns.length - 1];
  return `$${first}$${TABLE_HEADER_ROW}:$${last}$${TABLE_HEADER_ROW}`;
}

/** The most a validated list's entries may take, joined by commas (Excel's limit). */
const LIST_LIMIT = 255;

/**
 * The base cell's validation: a drop-down of the stored names when they fit Excel's list (255 characters, no quotes),
 * else a check that the name typed is one of them (MATCH over the cells holding the names).
 */
export function baseValidation(
  baseCell: string,
  names: readonly string[],
  namesCells: string
): DataValidationDescription {
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
        formula: `=ISNUMBER(MATCH(${literalKey(baseCell)},${namesCells},0))`,
        allowBlank: false,
        prompt,
        error,
      };
}

/** The layout of the sheet for a summary (and the blocks' place, filled in by describeSummarySheet). */
export function liveSummaryLayout(summary: ScenarioSummary): LiveSummaryLayout {
  const count = summary.scenarios.length;
  const letters = (offset: number): string[] =>
    summary.scenarios.map((_, index) => columnLetters(FIRST_FIGURE_COLUMN + offset * count + index));
  const firstAllyRow = TABLE_HEADER_ROW + 1;
  const lastAllyRow = firstAllyRow + summary.allies.length - 1;
  return {
    baseCell: `B${BASE_ROW}`,
    names: summary.scenarios.map((scenario) => scenario.name),
    codes: summary.allies.map((ally) => ally.code),
    firstAllyRow,
    lastAllyRow,
    totalRow: lastAllyRow + 1,
    euOverlapRow: lastAllyRow + 2,
    netNewRow: lastAllyRow + 3,
    checkRow: lastAllyRow + 5,
    amountColumns: letters(0),
    differenceColumns: letters(1),
    percentColumns: letters(2),
    blocks: [],
  };
}

/**
 * Per scenario, from `top`: its name, the row it has in the store (found by name), then one row per parameter whose
 * value reads that row's cell under the parameter's header label. Blocks sit side by side, three columns apart.
 */
function blockCells(
  scenarios: LiveSummaryOptions["scenarios"],
  top: number
): { cells: CellDescription[]; blocks: LiveSummaryLayout["blocks"] } {
  const cells: CellDescription[] = [
    { address: `A${top}`, value: "The scenarios' inputs, read from the stored scenarios", style: { bold: true } },
  ];
  const blocks = scenarios.map((scenario, index) => {
    const left = 1 + index * 3;
    const nameCell = cellAddress(top + 1, left + 1);
    const rowCell = cellAddress(top + 2, left + 1);
    const absolute = (address: string): string => address.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
    cells.push(
      { address: cellAddress(top + 1, left), value: "Scenario", style: { bold: true } },
      { address: nameCell, value: scenario.name, style: { bold: true, fill: SHEET_COLOURS.header } },
      { address: cellAddress(top + 2, left), value: "Row in the store" },
      {
        address: rowCell,
        formula: `=MATCH(${literalKey(absolute(nameCell))},INDEX(${STORE_RANGE},0,MATCH("${STORE_COLUMNS.name}",${STORE_HEADER},0)),0)`,
        cached: scenario.row,
      }
    );
    const valueCell = {} as Record<ParameterName, string>;
    PARAMETERS.forEach((parameter, offset) => {
      const row = top + 3 + offset;
      valueCell[parameter] = cellAddress(row, left + 1);
      cells.push({ address: cellAddress(row, left), value: parameter, style: { bold: true } });
      cells.push({
        address: valueCell[parameter],
        formula: `=INDEX(${STORE_RANGE},${absolute(rowCell)},MATCH("${parameter}",${STORE_HEADER},0))&""`,
        cached: scenario.parameters[parameter] ?? "",
        style: { fill: SHEET_COLOURS.value },
      });
    });
    const range = rangeAddress(cellAddress(top + 3, left), cellAddress(top + 2 + PARAMETERS.length, left + 1));
    return { range, valueCell };
  });
  return { cells, blocks };
}

const absoluteRange = (range: string): string => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

function headCells(summary: ScenarioSummary, layout: LiveSummaryLayout, first: ScenarioResult): CellDescription[] {
  return [
    {
      address: "A1",
      value: "Fair Share: summary of the stored scenarios",
      style: { bold: true, fontColor: SHEET_COLOURS.title },
    },
    {
      address: "A2",
      value:
        "The figures here are FAIRSHARE formulas: they need the Fair Share add-in. Without it, ask for the portable " +
        "copy (the pane's Portable copy, or fair-share allocate --xlsx FILE), whose Summary sheet needs no add-in.",
      style: { fontColor: SHEET_COLOURS.note },
    },
    ...summaryVintage(first).cells,
    { address: `A${BASE_ROW}`, value: "Base scenario", style: { bold: true } },
    {
      address: layout.baseCell,
      value: layout.names[summary.base],
      style: { fill: SHEET_COLOURS.input },
      note: "Choose the scenario the others are compared with.",
    },
  ];
}

/** The data vintage the sheet was made with (row 3), and the status at the top that says when the add-in's differs. */
function summaryVintage(first: ScenarioResult): VintageCells {
  return vintageCells({ vintage: dataVintage(first.scenario.edition), madeWithRow: 3 });
}

/** The key inputs of each scenario side by side, each a reference to its block's cell ("" means the default). */
function keyInputCells(scenarios: LiveSummaryOptions["scenarios"], layout: LiveSummaryLayout): CellDescription[] {
  const cells: CellDescription[] = [
    { address: `A${KEY_ROW}`, value: "Key inputs (empty: the default)", style: { bold: true } },
  ];
  layout.names.forEach((name, index) =>
    cells.push({
      address: cellAddress(KEY_ROW, FIRST_FIGURE_COLUMN + index),
      value: name,
      style: { bold: true, fill: SHEET_COLOURS.header, borderBottom: true },
    })
  );
  KEY_INPUTS.forEach((parameter, offset) => {
    const row = KEY_ROW + 1 + offset;
    cells.push({ address: `A${row}`, value: parameter });
    scenarios.forEach((scenario, index) =>
      cells.push({
        address: cellAddress(row, FIRST_FIGURE_COLUMN + index),
        formula: `=${layout.blocks[index].valueCell[parameter]}`,
        cached: scenario.parameters[parameter] ?? "",
      })
    );
  });
  return cells;
}

/** A figure row: per scenario the amount (`amount(index)`), its difference from the base's and the percent. */
function figureCells(
  summary: ScenarioSummary,
  layout: LiveSummaryLayout,
  row: number,
  compared: Compared,
  amount: (index: number) => string,
  style?: CellDescription["style"]
): CellDescription[] {
  const first = layout.amountColumns[0];
  const last = layout.amountColumns[layout.amountColumns.length - 1];
  const base = `N(INDEX($${first}${row}:$${last}${row},MATCH(${literalKey(`$B$${BASE_ROW}`)},$${first}$${TABLE_HEADER_ROW}:$${last}$${TABLE_HEADER_ROW},0)))`;
  const baseAmount = compared.amounts[summary.base];
  const cells: CellDescription[] = [];
  summary.scenarios.forEach((_, index) => {
    const amountCell = `${layout.amountColumns[index]}${row}`;
    const differenceCell = `${layout.differenceColumns[index]}${row}`;
    cells.push(
      {
        address: amountCell,
        formula: `=${amount(index)}`,
        cached: num(compared.amounts[index]),
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
      }
    );
  });
  return cells;
}

function tableCells(summary: ScenarioSummary, layout: LiveSummaryLayout): CellDescription[] {
  const header = { bold: true, fill: SHEET_COLOURS.header, borderBottom: true, wrap: true } as const;
  const cells: CellDescription[] = [
    { address: `A${TABLE_HEADER_ROW}`, value: "Code", style: header },
    { address: `B${TABLE_HEADER_ROW}`, value: "Ally", style: header },
  ];
  layout.names.forEach((name, index) => {
    cells.push(
      { address: `${layout.amountColumns[index]}${TABLE_HEADER_ROW}`, value: name, style: header },
      { address: `${layout.differenceColumns[index]}${TABLE_HEADER_ROW}`, value: `${name} - base`, style: header },
      { address: `${layout.percentColumns[index]}${TABLE_HEADER_ROW}`, value: `${name} - base %`, style: header }
    );
  });
  const block = (index: number): string => absoluteRange(layout.blocks[index].range);
  summary.allies.forEach((ally, offset) => {
    const row = layout.firstAllyRow + offset;
    cells.push({ address: `A${row}`, value: ally.code }, { address: `B${row}`, value: ally.name });
    cells.push(
      ...figureCells(summary, layout, row, ally, (index) => `IFNA(FAIRSHARE.SHARE($A${row},,,${block(index)}),"-")`)
    );
  });
  const allies = (index: number): string =>
    `${layout.amountColumns[index]}${layout.firstAllyRow}:${layout.amountColumns[index]}${layout.lastAllyRow}`;
  const totals: [number, string, Compared, (index: number) => string][] = [
    [layout.totalRow, "Total", summary.totals, (index) => `SUM(${allies(index)})`],
    [
      layout.euOverlapRow,
      "EU overlap",
      summary.euOverlap,
      (index) => `SUM(INDEX(FAIRSHARE.OVERLAP(${block(index)}),0,5))`,
    ],
    [
      layout.netNewRow,
      "Net new money",
      summary.netNew,
      (index) => `SUM(INDEX(FAIRSHARE.OVERLAP(${block(index)}),0,6))`,
    ],
  ];
  totals.forEach(([row, label, compared, amount], offset) => {
    const style = offset === 0 ? { bold: true, borderTop: true } : undefined;
    cells.push({ address: `B${row}`, value: label, style: { bold: true, ...(style ?? {}) } });
    cells.push(...figureCells(summary, layout, row, compared, amount, style));
  });
  cells.push({
    address: `B${layout.checkRow}`,
    value: "Allies' differences add up to the total's",
    style: { bold: true },
  });
  layout.differenceColumns.forEach((column) =>
    cells.push({
      address: `${column}${layout.checkRow}`,
      formula: `=SUM(${column}${layout.firstAllyRow}:${column}${layout.lastAllyRow})=${column}${layout.totalRow}`,
      cached: true,
    })
  );
  return cells;
}

function differencesChart(layout: LiveSummaryLayout, row: number, rows: number): ChartDescription {
  return {
    title: "Difference from the base scenario, by ally",
    type: "barClustered",
    categories: `A${layout.firstAllyRow}:A${layout.lastAllyRow}`,
    series: layout.differenceColumns.map((column) => ({
      name: `${column}${TABLE_HEADER_ROW}`,
      values: `${column}${layout.firstAllyRow}:${column}${layout.lastAllyRow}`,
    })),
    from: `A${row}`,
    to: `${layout.percentColumns[layout.percentColumns.length - 1]}${row + rows}`,
  };
}
