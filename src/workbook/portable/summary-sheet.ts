/**
 * The portable copy's "Summary" sheet: the stored scenarios side by side, for people without the add-in, when the copy
 * carries at least two stored scenarios the engine can compute. The figures are the engine's, computed once by
 * src/engine/compare.ts and written as values into a hidden sheet, "Scenario results" (a column per scenario: each
 * ally's rounded amount, then the total, EU overlap and net new money). The Summary sheet reads them with classic
 * formulas: the amounts by reference, and the difference from the base scenario chosen in one yellow cell (a validated
 * list of the stored names) and its percent by INDEX/MATCH over the results' columns, so choosing another base
 * recomputes every difference in any spreadsheet. A check row shows that the allies' differences add up to the
 * difference of the totals; a native chart shows the differences by ally.
 *
 * The results are what Fair Share computed when it wrote the copy, with the data vintage it names: stored scenarios
 * change only through Fair Share (the add-in or the command line), which writes the sheet again.
 */
import {
  ASSUMPTION_LABELS,
  SummaryError,
  dataVintage,
  embeddedEdition,
  summariseScenarios,
  type Compared,
  type Dec,
  type KeyAssumptions,
  type ScenarioSummary,
} from "../../engine";
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  type CellDescription,
  type CellValue,
  type SheetDescription,
} from "../description";
import { STORE_SHEET, readStore, type StoreProblem } from "../scenario-store";
import { computeStored } from "../scenario-summary";
import {
  baseValidation,
  differencesChart,
  summaryColumnWidths,
  summaryTableCells,
  summaryTableLayout,
  type AmountFormula,
  type SummaryTableLayout,
} from "../summary-table";
import type { PortableStore } from "./store-sheet";

export const SUMMARY_SHEET = "Summary";
export const SUMMARY_RESULTS_SHEET = "Scenario results";

/** Where the Summary sheet's figures are, for callers and tests that read the file back. */
export type SummaryLayout = SummaryTableLayout;

export interface PortableSummary {
  /** The Summary sheet, then the hidden results it reads. */
  readonly sheets: readonly SheetDescription[];
  readonly layout: SummaryLayout;
  readonly summary: ScenarioSummary;
}

const TITLE_ROW = 1;
const NOTE_ROW = 2;
const VINTAGE_ROW = 3;
const BASE_ROW = 5;
const PROBLEMS_ROW = 6;
const ASSUMPTIONS_ROW = 8;
const ASSUMPTION_KEYS = Object.keys(ASSUMPTION_LABELS) as (keyof KeyAssumptions)[];
/** The header of the allies' table: after the assumptions, their vintage row and a blank row. */
const TABLE_HEADER_ROW = ASSUMPTIONS_ROW + ASSUMPTION_KEYS.length + 3;
const FIRST_FIGURE_COLUMN = 3;

const num = (value: Dec | null): CellValue => (value === null ? null : value.toNumber());
const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/**
 * The Summary sheet and its hidden results for the store a portable copy carries; undefined when fewer than two of its
 * scenarios can be computed, or when they cannot be compared (different currencies).
 */
export function portableSummarySheets(store: PortableStore): PortableSummary | undefined {
  const content = readStore(store.grid);
  const { computed, problems } = computeStored(content.scenarios);
  if (computed.length < 2) return undefined;
  let summary: ScenarioSummary;
  try {
    summary = summariseScenarios(computed.map(({ stored, result }) => ({ name: stored.name, result })));
  } catch (error) {
    if (error instanceof SummaryError) return undefined;
    throw error;
  }
  const vintages = computed.map(({ stored }) => stored.vintage);
  const layout = summaryLayout(summary);
  const results = resultsSheet(summary);
  const sheet = summarySheet(summary, layout, vintages, [...content.problems, ...problems]);
  return { sheets: [sheet, results], layout, summary };
}

function summaryLayout(summary: ScenarioSummary): SummaryLayout {
  return summaryTableLayout(summary, TABLE_HEADER_ROW, `B${BASE_ROW}`);
}

/** The results sheet's rows: one per ally, then the total, EU overlap and net new money; column B on, a scenario. */
function resultRows(summary: ScenarioSummary): { label: string; compared: Compared }[] {
  return [
    ...summary.allies.map((ally) => ({ label: ally.code, compared: ally as Compared })),
    { label: "Total", compared: summary.totals },
    { label: "EU overlap", compared: summary.euOverlap },
    { label: "Net new money", compared: summary.netNew },
  ];
}

function resultsSheet(summary: ScenarioSummary): SheetDescription {
  const cells: CellDescription[] = [{ address: "A1", value: "Code", style: { bold: true } }];
  summary.scenarios.forEach((scenario, index) =>
    cells.push({ address: cellAddress(1, 2 + index), value: scenario.name, style: { bold: true } })
  );
  resultRows(summary).forEach(({ label, compared }, row) => {
    cells.push({ address: cellAddress(row + 2, 1), value: label });
    compared.amounts.forEach((amount, index) => {
      if (amount !== null) cells.push({ address: cellAddress(row + 2, 2 + index), value: num(amount) });
    });
  });
  return {
    name: SUMMARY_RESULTS_SHEET,
    cells,
    names: [],
    conditionalFormats: [],
    charts: [],
    visibility: "hidden",
  };
}

/** Where each amount comes from: its cell of the hidden results (a row per ally, then total, EU overlap, net new). */
function resultsAmount(summary: ScenarioSummary): AmountFormula {
  const results = quoteSheet(SUMMARY_RESULTS_SHEET);
  const below = summary.allies.length + 2;
  const rowBelow = { total: below, euOverlap: below + 1, netNew: below + 2 };
  return (index, place) => {
    const row = place.kind === "ally" ? place.offset + 2 : rowBelow[place.kind];
    const source = `${results}!${columnLetters(2 + index)}${row}`;
    return `IF(ISBLANK(${source}),"-",${source})`;
  };
}

/** The top of the sheet: title, what it shows, the data vintage, the base cell, what was left out, the assumptions. */
function headCells(
  summary: ScenarioSummary,
  layout: SummaryLayout,
  vintages: readonly string[],
  problems: readonly StoreProblem[]
): CellDescription[] {
  const names = layout.names;
  const cells: CellDescription[] = [
    {
      address: `A${TITLE_ROW}`,
      value: "Fair Share: summary of the stored scenarios",
      style: { bold: true, fontColor: SHEET_COLOURS.title },
    },
    {
      address: `A${NOTE_ROW}`,
      value:
        `Amounts in ${summary.currency}, each scenario rounded to its unit, so its allies add up to its total and the ` +
        `differences from the base add up to the difference of the totals. The figures were computed by Fair Share ` +
        `from the sheet "${STORE_SHEET}" when this copy was written; change a scenario with Fair Share to update them.`,
      style: { wrap: false, fontColor: SHEET_COLOURS.note },
    },
    {
      address: `A${VINTAGE_ROW}`,
      value: `Computed with the data vintage: ${dataVintage(embeddedEdition())}`,
      style: { fontColor: SHEET_COLOURS.note },
    },
    { address: `A${BASE_ROW}`, value: "Base scenario", style: { bold: true } },
    {
      address: layout.baseCell,
      value: names[summary.base],
      style: { fill: SHEET_COLOURS.input, locked: false },
      note: "Choose the scenario the others are compared with.",
    },
  ];
  if (problems.length > 0) {
    const rows = problems.map(({ row, reason }) => `row ${row}: ${reason}`).join("; ");
    cells.push({
      address: `A${PROBLEMS_ROW}`,
      value: `Not summarised (sheet "${STORE_SHEET}"): ${rows}`,
      style: { fontColor: SHEET_COLOURS.staleText },
    });
  }
  cells.push({ address: `A${ASSUMPTIONS_ROW}`, value: "Key assumptions", style: { bold: true } });
  names.forEach((name, index) =>
    cells.push({
      address: cellAddress(ASSUMPTIONS_ROW, FIRST_FIGURE_COLUMN + index),
      value: name,
      style: { bold: true, fill: SHEET_COLOURS.header, borderBottom: true },
    })
  );
  ASSUMPTION_KEYS.forEach((key, offset) => {
    const row = ASSUMPTIONS_ROW + 1 + offset;
    cells.push({ address: `A${row}`, value: ASSUMPTION_LABELS[key] });
    summary.scenarios.forEach((scenario, index) =>
      cells.push({ address: cellAddress(row, FIRST_FIGURE_COLUMN + index), value: scenario.assumptions[key] })
    );
  });
  const vintageRow = ASSUMPTIONS_ROW + 1 + ASSUMPTION_KEYS.length;
  cells.push({ address: `A${vintageRow}`, value: "Stored with the data vintage" });
  // The copy's own vintage is named once, above; a scenario stored with other data names its own.
  const current = dataVintage(embeddedEdition());
  vintages.forEach((vintage, index) =>
    cells.push({
      address: cellAddress(vintageRow, FIRST_FIGURE_COLUMN + index),
      value: vintage === current ? "the same (above)" : vintage || "(none recorded)",
    })
  );
  return cells;
}

function summarySheet(
  summary: ScenarioSummary,
  layout: SummaryLayout,
  vintages: readonly string[],
  problems: readonly StoreProblem[]
): SheetDescription {
  return {
    name: SUMMARY_SHEET,
    cells: [
      ...headCells(summary, layout, vintages, problems),
      ...summaryTableCells(summary, layout, resultsAmount(summary)),
    ],
    names: [],
    conditionalFormats: [],
    charts: [differencesChart(layout, layout.checkRow + 2, Math.max(20, layout.codes.length))],
    columnWidths: summaryColumnWidths(layout, 26),
    freeze: { rows: 0, columns: 2 },
    validations: [baseValidation(layout)],
  };
}
