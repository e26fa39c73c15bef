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
import {
  dataVintage,
  parametersFor,
  summariseScenarios,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSummary,
} from "../engine";
import { SHEET_COLOURS, cellAddress, rangeAddress, type CellDescription, type SheetDescription } from "./description";
import { STORE_COLUMNS, STORE_SHEET, type StoredRow } from "./scenario-store";
import {
  baseValidation,
  differencesChart,
  literalKey,
  summaryColumnWidths,
  summaryTableCells,
  summaryTableLayout,
  type AmountFormula,
  type SummaryTableLayout,
  type YearAmountFormula,
} from "./summary-table";

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
  /** Also each ally's amount in each year, per scenario. */
  readonly perYear?: boolean;
}

/** Where the sheet's parts are, for the pane and the tests. */
export interface LiveSummaryLayout extends SummaryTableLayout {
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
/** The part of the store sheet the lookups read: far wider and longer than any store. */
const STORE_RANGE = `${STORE_SHEET}!$A$1:$ZZ$5000`;
const STORE_HEADER = `${STORE_SHEET}!$A$1:$ZZ$1`;

/**
 * The summary sheet of stored scenarios with their results: what the pane's "Summary sheet" button writes. Throws
 * SummaryError (scenario-summary.ts) for scenarios in different currencies.
 */
export function describeSummarySheet(options: LiveSummaryOptions): SheetDescription {
  const summary = summariseScenarios(
    options.scenarios.map((scenario, index) => ({ name: scenario.name, result: options.results[index] })),
    options.base
  );
  const layout = liveSummaryLayout(summary, options.perYear);
  const chartRow = layout.checkRow + 2;
  const chartRows = Math.max(20, layout.codes.length);
  const blocksRow = chartRow + chartRows + 2;
  const blocks = blockCells(options.scenarios, blocksRow);
  const withBlocks: LiveSummaryLayout = { ...layout, blocks: blocks.blocks };
  return {
    name: options.name ?? DEFAULT_SUMMARY_SHEET_NAME,
    cells: [
      ...headCells(summary, withBlocks, options.results[0]),
      ...keyInputCells(options.scenarios, withBlocks),
      ...summaryTableCells(
        summary,
        withBlocks,
        liveAmount(withBlocks),
        options.perYear === true ? liveYearAmount(withBlocks) : undefined
      ),
      ...blocks.cells,
    ],
    names: [],
    conditionalFormats: summaryVintage(options.results[0]).conditionalFormats,
    charts: [differencesChart(withBlocks, chartRow, chartRows)],
    columnWidths: summaryColumnWidths(layout, 24),
    validations: [baseValidation(layout)],
  };
}

/** The layout of the sheet for a summary (and the blocks' place, filled in by describeSummarySheet). */
export function liveSummaryLayout(summary: ScenarioSummary, perYear = false): LiveSummaryLayout {
  return { ...summaryTableLayout(summary, TABLE_HEADER_ROW, `B${BASE_ROW}`, perYear), blocks: [] };
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

/** Where each amount comes from: FAIRSHARE formulas over the scenario's inputs block (the total: its allies' sum). */
function liveAmount(layout: LiveSummaryLayout): AmountFormula {
  const block = (index: number): string => absoluteRange(layout.blocks[index].range);
  return (index, place) => {
    const column = layout.amountColumns[index];
    switch (place.kind) {
      case "ally":
        return `IFNA(FAIRSHARE.SHARE($A${layout.firstAllyRow + place.offset},,,${block(index)}),"-")`;
      case "total":
        return `SUM(${column}${layout.firstAllyRow}:${column}${layout.lastAllyRow})`;
      case "euOverlap":
        return `SUM(INDEX(FAIRSHARE.OVERLAP(${block(index)}),0,5))`;
      case "netNew":
        return `SUM(INDEX(FAIRSHARE.OVERLAP(${block(index)}),0,6))`;
    }
  };
}

/** An ally's amount in one year: FAIRSHARE.SHARE with the year, over the scenario's inputs block. */
function liveYearAmount(layout: LiveSummaryLayout): YearAmountFormula {
  return (index, year, offset) =>
    `IFNA(FAIRSHARE.SHARE($A${layout.firstAllyRow + offset},${year},,${absoluteRange(layout.blocks[index].range)}),"-")`;
}
