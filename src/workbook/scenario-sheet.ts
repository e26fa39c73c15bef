/**
 * The live scenario sheet, described as data (see description.ts): what the task pane's "Insert scenario sheet" writes
 * into the workbook through Office.js. Every result on it is a formula over the inputs block, so editing an input cell
 * recalculates the sheet with the pane closed:
 *
 *   A1  title; A2 one line saying what the scenario is
 *   A4  the inputs block (inputs-block.ts): one labelled row per parameter, each value cell a defined name
 *   then  =FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE), the ally x year table, spilled, ending with three figure columns
 *         (the yearly payment as a fraction of GDP, the amount per inhabitant, the aid credit); below it a totals row of
 *         plain SUMs and the check that every row and every year adds up
 *   then  =FAIRSHARE.OVERLAP(fs.inputs), EU overlap and net new money, spilled; a conditional format highlights each
 *         year's overlap where the function flags it (the rule reads the flag cell, it never calls a custom function)
 *   then  the sources with their vintages, and the notes; beside the inputs block, a bar chart of the allocation by
 *         ally and year over a fixed range.
 *
 * The spilled tables take their size from the scenario the sheet is built from; "Update sheet" rebuilds the sheet when
 * the contributors or years change. Pure: no Office globals.
 */
import {
  Dec,
  type EditionSource,
  PARAMETER_DEFAULTS,
  type ParameterName,
  type ScenarioResult,
  allResultNotes,
  dataVintage,
  resultSourceDetails,
  unitPlacesInMillions,
} from "../engine";
import { DATA_FORMULA } from "./data-sheet";
import { FIGURE_COLUMNS } from "../functions/adapters";
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  parameterDefinedName,
  rangeAddress,
  type CellDescription,
  type ChartDescription,
  type ConditionalFormatDescription,
  type SheetDescription,
} from "./description";
import { INPUTS_BLOCK_NAME, inputsBlock } from "./inputs-block";
import { needsAddinNote, vintageCells } from "./vintage-cells";

/** Where the inputs block starts on every scenario sheet: "Load from sheet" reads it from here (or by its name). */
export const SCENARIO_INPUTS_ROW = 4;
export const SCENARIO_INPUTS_COLUMN = 1;
/** The name a new scenario sheet gets when the user gives none. */
export const DEFAULT_SCENARIO_SHEET_NAME = "Fair Share scenario";

const HEADING = { bold: true } as const;

export interface ScenarioSheetOptions {
  /** The worksheet's name. */
  readonly name?: string;
  /** The parameters the user set, as typed; parameters left out show empty (their default applies). */
  readonly values: Partial<Record<ParameterName, string>>;
  /** The engine's result for those values: sizes the spilled tables and fills in the description line. */
  readonly result: ScenarioResult;
  /**
   * With the user's data (the result's edition is not the embedded one): what =FAIRSHARE.EDITION over the data sheet
   * returns, the data cell's value until Excel recalculates it.
   */
  readonly editionText?: string;
}

/**
 * The number format of an amount in the scenario's currency and rounding unit: millions with as many decimals as the
 * unit needs when the unit is at least a thousand ("EUR "#,##0,,"m" for 1m; one decimal for 100k, two for 250k), else
 * whole units with the unit's decimals.
 */
export function amountFormat(currency: string, unit: string): string {
  const value = new Dec(unit);
  const prefix = `"${currency} "`;
  const decimals = (places: number): string => (places > 0 ? "." + "0".repeat(places) : "");
  if (value.gte(1000)) return `${prefix}#,##0${decimals(unitPlacesInMillions(value))},,"m"`;
  return `${prefix}#,##0${decimals(value.decimalPlaces())}`;
}

/** One line saying what the scenario is, e.g. "EUR 100bn over 2024-2028 by share of GDP (2024); exempt: HUN." */
export function describeScenario(values: Partial<Record<ParameterName, string>>, result: ScenarioResult): string {
  const { scenario, allocation } = result;
  const years = allocation.years;
  const span = years.length === 1 ? `in ${years[0]}` : `over ${years[0]}-${years[years.length - 1]}`;
  const method: Record<string, string> = {
    gdp: `by share of GDP (${scenario.gdpYear})`,
    "pct-gdp": `as ${values["pct-gdp"] ?? ""} of GDP a year each`,
    key: "by a key",
    blend: `by a blend (${values.blend ?? ""})`,
  };
  const amount =
    scenario.method === "pct-gdp" ? "A pledge" : `${scenario.currency} ${values.total || PARAMETER_DEFAULTS.total}`;
  const extras = (["exempt", "credit", "cap", "floor", "max-pct-gdp"] as const)
    .filter((name) => (values[name] ?? "") !== "" && values[name] !== PARAMETER_DEFAULTS[name])
    .map((name) => `${name} ${values[name]}`);
  const data = scenario.edition.embedded ? "" : ` Data: ${scenario.edition.label}.`;
  return `${amount} ${span} ${method[scenario.method]}${extras.length > 0 ? "; " + extras.join("; ") : ""}.${data}`;
}

/**
 * The sources block's rows from `firstRow` down, one per dataset: title, vintage, publisher and date, address, and
 * whether it is embedded or the user's (with the file). Every sheet names the edition its figures rest on this way.
 */
export function sourceCells(sources: readonly EditionSource[], firstRow: number): CellDescription[] {
  return sources.flatMap((source, index): CellDescription[] => {
    const row = firstRow + index;
    const published = source.published === "" ? "" : `, published ${source.published}`;
    return [
      { address: cellAddress(row, 1), value: source.title },
      { address: cellAddress(row, 2), value: `Vintage: ${source.vintage}` },
      { address: cellAddress(row, 3), value: `${source.publisher}${published}` },
      { address: cellAddress(row, 4), value: source.url },
      { address: cellAddress(row, 5), value: source.origin === "user" ? `Your data: ${source.file}` : "Embedded data" },
    ];
  });
}

/** Where the pieces below the inputs block go; the block ends on the row before `blockNextRow`. */
function buildLayout(result: ScenarioResult, blockNextRow: number) {
  const contributors = result.allocation.rows.length;
  const yearCount = result.allocation.years.length;
  const allocateRow = blockNextRow + 2;
  const firstRow = allocateRow + 1;
  const lastRow = allocateRow + contributors;
  const totalsRow = lastRow + 1;
  const checkRow = totalsRow + 1;
  const overlapRow = checkRow + 3;
  const overlapFirst = overlapRow + 1;
  const overlapLast = overlapRow + contributors;
  const overlapTotalsRow = overlapLast + 1;
  // ALLOCATE: Code, Name, Share, Total, one column per year, then the figure columns (FIGURE_COLUMNS). OVERLAP: Code,
  // Name, EU member, Allocation, EU overlap, Net new, then EU overlap, Net new and Flag per year.
  const firstYearColumn = 5;
  const lastYearColumn = 4 + yearCount;
  const overlapYearColumn = 7;
  const flagColumn = overlapYearColumn + 2 * yearCount;
  return {
    layout: {
      /** The ALLOCATE formula's cell and the fixed range its spilled amounts (years) cover. */
      allocateCell: cellAddress(allocateRow, 1),
      amountsRange: rangeAddress(cellAddress(firstRow, firstYearColumn), cellAddress(lastRow, lastYearColumn)),
      namesRange: rangeAddress(cellAddress(firstRow, 2), cellAddress(lastRow, 2)),
      overlapCell: cellAddress(overlapRow, 1),
      /** The overlap-by-year cells the conditional format covers. */
      overlapYearsRange: rangeAddress(
        cellAddress(overlapFirst, overlapYearColumn),
        cellAddress(overlapLast, overlapYearColumn + yearCount - 1)
      ),
      checkCell: cellAddress(checkRow, 2),
    },
    rows: {
      allocateRow,
      firstRow,
      lastRow,
      totalsRow,
      checkRow,
      overlapRow,
      overlapFirst,
      overlapLast,
      overlapTotalsRow,
    },
    columns: { firstYearColumn, lastYearColumn, flagColumn },
    yearCount,
  };
}

/** The whole scenario sheet for one scenario. */
export function scenarioSheet(options: ScenarioSheetOptions): SheetDescription {
  const { result, values } = options;
  const { scenario, allocation } = result;
  const money = amountFormat(scenario.currency, allocation.unit.toFixed());
  const cells: CellDescription[] = [];
  const column = (n: number) => columnLetters(n);

  cells.push({ address: "A1", value: "Fair Share scenario", style: { bold: true, fontColor: SHEET_COLOURS.title } });
  cells.push({ address: "A2", value: describeScenario(values, result), style: { italic: true } });
  cells.push({
    address: cellAddress(SCENARIO_INPUTS_ROW - 1, 1),
    value: "Inputs: edit the yellow cells (empty means the default); every result below recalculates.",
    style: HEADING,
  });
  const block = inputsBlock({
    row: SCENARIO_INPUTS_ROW,
    column: SCENARIO_INPUTS_COLUMN,
    values: Object.fromEntries(
      Object.entries(values).filter(([name, value]) => value !== undefined && value !== "" && name !== "data")
    ),
    // The user's data: the data cell reads the data sheet, so every function that reads the block computes on it.
    formulas: scenario.edition.embedded
      ? undefined
      : { data: { formula: DATA_FORMULA, cached: options.editionText ?? null } },
  });
  cells.push(...block.cells);
  // Readable without the add-in, right above the tables that show #NAME? without it.
  cells.push(needsAddinNote(cellAddress(block.nextRow, 1), true));
  const { layout, rows, columns, yearCount } = buildLayout(result, block.nextRow);

  // The ally x year table.
  const { allocateRow, firstRow, lastRow, totalsRow, checkRow, overlapRow, overlapFirst, overlapLast } = rows;
  const { firstYearColumn, lastYearColumn, flagColumn } = columns;
  cells.push({
    address: cellAddress(allocateRow - 1, 1),
    value: `Allocation by ally and year (${scenario.currency}), FAIRSHARE.ALLOCATE`,
    style: HEADING,
  });
  // With figures TRUE the table ends with three more columns: the yearly payment as a fraction of GDP, the amount per
  // inhabitant and the aid credit, all from the engine.
  cells.push({
    address: layout.allocateCell,
    formula: `=FAIRSHARE.ALLOCATE(${INPUTS_BLOCK_NAME},,,,,,,TRUE)`,
    cached: "Code",
    spill: { rows: allocation.rows.length + 1, columns: 4 + yearCount + FIGURE_COLUMNS.length },
    style: { bold: true },
  });
  // Formats on the spilled cells apply to whatever the formula returns there.
  const pctColumn = lastYearColumn + 1;
  for (let row = firstRow; row <= lastRow; row += 1) {
    cells.push({ address: cellAddress(row, 3), numberFormat: "0.00%" });
    for (let c = 4; c <= lastYearColumn; c += 1) cells.push({ address: cellAddress(row, c), numberFormat: money });
    cells.push({ address: cellAddress(row, pctColumn), numberFormat: "0.000%" });
    cells.push({ address: cellAddress(row, pctColumn + 1), numberFormat: `"${scenario.currency} "#,##0.00` });
    cells.push({ address: cellAddress(row, pctColumn + 2), numberFormat: money });
  }
  cells.push({ address: cellAddress(totalsRow, 2), value: "Total", style: { bold: true, borderTop: true } });
  for (let c = 3; c <= lastYearColumn; c += 1) {
    const letter = column(c);
    cells.push({
      address: cellAddress(totalsRow, c),
      formula: `=SUM(${letter}${firstRow}:${letter}${lastRow})`,
      numberFormat: c === 3 ? "0.00%" : money,
      style: { bold: true, borderTop: true },
    });
  }
  // Every ally's years add up to its total, and every year's allies to the year's total: plain formulas, so the check
  // is as live as the table.
  const years = layout.amountsRange;
  const totals = `D${firstRow}:D${lastRow}`;
  cells.push({ address: cellAddress(checkRow, 1), value: "Check", style: HEADING });
  cells.push({
    address: layout.checkCell,
    formula:
      `=IF(AND(SUMPRODUCT(ABS(MMULT(${years},TRANSPOSE(COLUMN(${column(firstYearColumn)}${firstRow}:${column(lastYearColumn)}${firstRow})^0))-${totals}))=0,` +
      `SUM(${years})=D${totalsRow}),"Every row and every year adds up","Rows or years do not add up")`,
    cached: "Every row and every year adds up",
  });

  // EU overlap and net new money.
  cells.push({
    address: cellAddress(overlapRow - 1, 1),
    value: `EU overlap and net new money (${scenario.currency}), FAIRSHARE.OVERLAP; highlighted: overlap at or above the threshold`,
    style: HEADING,
  });
  cells.push({
    address: layout.overlapCell,
    formula: `=FAIRSHARE.OVERLAP(${INPUTS_BLOCK_NAME})`,
    cached: "Code",
    spill: { rows: allocation.rows.length + 1, columns: 6 + 3 * yearCount },
    style: { bold: true },
  });
  for (let row = overlapFirst; row <= overlapLast; row += 1) {
    for (let c = 4; c < flagColumn; c += 1) cells.push({ address: cellAddress(row, c), numberFormat: money });
  }
  const { overlapTotalsRow } = rows;
  cells.push({ address: cellAddress(overlapTotalsRow, 2), value: "Total", style: { bold: true, borderTop: true } });
  for (let c = 4; c < flagColumn; c += 1) {
    const letter = column(c);
    cells.push({
      address: cellAddress(overlapTotalsRow, c),
      formula: `=SUM(${letter}${overlapFirst}:${letter}${overlapLast})`,
      numberFormat: money,
      style: { bold: true, borderTop: true },
    });
  }
  const summaryRow = overlapTotalsRow + 2;
  cells.push({ address: cellAddress(summaryRow, 1), value: "EU overlap", style: HEADING });
  cells.push({ address: cellAddress(summaryRow, 2), formula: `=E${overlapTotalsRow}`, numberFormat: money });
  cells.push({ address: cellAddress(summaryRow + 1, 1), value: "Net new money", style: HEADING });
  cells.push({ address: cellAddress(summaryRow + 1, 2), formula: `=F${overlapTotalsRow}`, numberFormat: money });

  const conditionalFormats: ConditionalFormatDescription[] = [
    {
      range: layout.overlapYearsRange,
      // The flag of the same year sits 2 x years columns to the right, on the same row (relative references).
      formula: `=${column(flagColumn)}${overlapFirst}=TRUE`,
      style: { fill: SHEET_COLOURS.flag, bold: true },
    },
  ];

  // Sources, with their vintages.
  const sourcesRow = summaryRow + 3;
  cells.push({ address: cellAddress(sourcesRow, 1), value: "Sources", style: HEADING });
  const used = resultSourceDetails(result);
  cells.push(...sourceCells(used, sourcesRow + 1));
  // The data vintage the sheet was made with, and at the top whether Fair Share's data still agree.
  const vintage = vintageCells({
    vintage: dataVintage(scenario.edition),
    madeWithRow: sourcesRow + used.length + 1,
    data: parameterDefinedName("data"),
  });
  cells.push(...vintage.cells);
  conditionalFormats.push(...vintage.conditionalFormats);
  const notesRow = sourcesRow + used.length + 3;
  const notes = allResultNotes(result);
  if (notes.length > 0) {
    cells.push({ address: cellAddress(notesRow, 1), value: "Notes", style: HEADING });
    notes.forEach((note, index) => cells.push({ address: cellAddress(notesRow + 1 + index, 1), value: note }));
  }

  const chartLeft = SCENARIO_INPUTS_COLUMN + 4;
  const charts: ChartDescription[] = [
    {
      title: `Allocation by ally and year (${scenario.currency})`,
      type: "barStacked",
      categories: layout.namesRange,
      series: allocation.years.map((year, index) => ({
        name: String(year),
        values: rangeAddress(
          cellAddress(firstRow, firstYearColumn + index),
          cellAddress(lastRow, firstYearColumn + index)
        ),
      })),
      // Beside the inputs block, in view when the sheet opens.
      from: cellAddress(SCENARIO_INPUTS_ROW - 1, chartLeft),
      to: cellAddress(block.nextRow - 1, chartLeft + 8),
    },
  ];

  return {
    name: options.name ?? DEFAULT_SCENARIO_SHEET_NAME,
    cells,
    names: block.names,
    conditionalFormats,
    charts,
    columnWidths: { A: 22, B: 28, C: 40 },
    freeze: { rows: 2, columns: 0 },
    visibility: "visible",
  };
}
