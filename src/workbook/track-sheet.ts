/**
 * The "Delivered vs fair share" sheet, described as data (see description.ts): what the task pane's track view writes
 * into the workbook through Office.js. Its results are formulas over its inputs block, so editing an input (the
 * pledge, the window, an exemption) recalculates it with the pane closed:
 *
 *   A1  title; A2 one line saying what is compared
 *   A4  the inputs block (inputs-block.ts) with track's parameters, each value cell a defined name; with the user's
 *       data, its data cell reads the "Fair Share data" sheet (=FAIRSHARE.EDITION), as the scenario sheet's does
 *   then  =FAIRSHARE.TRACK(fs.inputs), spilled: Code, Name, Fair share, Delivered, Gap, Delivered share, Tracked; beside
 *         it a column that repeats Delivered for the chart, #N/A where an ally is not tracked (a chart leaves #N/A out,
 *         where "not tracked" would plot as 0); a rule highlights each shortfall (it reads the cell, never a custom
 *         function)
 *   then  the totals as plain formulas over the spilled cells: the pledge, delivered, gaps, shortfalls and coverage
 *         (SUM skips the "not tracked" text, so they are over the tracked allies, as the engine's totals are)
 *   then  the sources (each embedded or the user's) and the notes; beside the inputs block, a bar chart of fair share
 *         and delivered per ally.
 *
 * The spilled table takes its size from the comparison the sheet is built from. Pure: no Office globals.
 */
import { type ParameterName, type TrackResult, amountWords, dataVintage, monthWords, parametersFor } from "../engine";
import { DEFAULT_TRACK_COLUMNS, TRACK_COLUMNS } from "../functions/adapters";
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  parameterDefinedName,
  type CellDescription,
  type ChartDescription,
  type ConditionalFormatDescription,
  type SheetDescription,
} from "./description";
import { DATA_FORMULA } from "./data-sheet";
import { INPUTS_BLOCK_NAME, inputsBlock } from "./inputs-block";
import { amountFormat, sourceCells } from "./scenario-sheet";
import { needsAddinNote, vintageCells } from "./vintage-cells";

export const TRACK_SHEET_NAME = "Delivered vs fair share";
export const TRACK_INPUTS_ROW = 4;

const HEADING = { bold: true } as const;

export interface TrackSheetOptions {
  readonly name?: string;
  /** The parameters the user set, as typed; those left out show empty (their default applies). */
  readonly values: Partial<Record<ParameterName, string>>;
  /** The engine's comparison for those values: sizes the spilled table and fills in the description line. */
  readonly result: TrackResult;
  /**
   * With the user's data (the result's edition is not the embedded one): what =FAIRSHARE.EDITION over the data sheet
   * returns, the data cell's value until Excel recalculates it.
   */
  readonly editionText?: string;
}

/**
 * One line saying what is compared: "A pledge of EUR 40bn for January 2024 to December 2024, shared by share of GDP
 * (2024), against military aid allocated (Kiel tracker)." and, with the user's data, which.
 */
export function describeComparison(values: Partial<Record<ParameterName, string>>, result: TrackResult): string {
  const { scenario, window } = result;
  const basis =
    scenario.method === "gdp"
      ? `by share of GDP (${scenario.gdpYear})`
      : scenario.method === "key"
        ? "by a key"
        : `by a blend (${values.blend ?? ""})`;
  const delivered = result.measure === "allocations" ? "military aid allocated" : "commitments (every kind of aid)";
  const extras = (["exempt", "cap", "floor", "max-pct-gdp"] as const)
    .filter((name) => (values[name] ?? "") !== "")
    .map((name) => `${name} ${values[name]}`);
  const data = scenario.edition.embedded ? "" : ` Data: ${scenario.edition.label}.`;
  return (
    `A pledge of ${amountWords(result.pledge, scenario.currency)} for ${monthWords(window.from)} to` +
    ` ${monthWords(window.to)}, shared ${basis}, against ${delivered}${result.countEu ? " and EU instruments" : ""}` +
    ` (Kiel tracker)${extras.length > 0 ? "; " + extras.join("; ") : ""}.${data}`
  );
}

/** Where the table and what follows it go, below an inputs block that ends on the row before `blockNextRow`. */
export function trackLayout(result: TrackResult, blockNextRow: number) {
  const allies = result.rows.length;
  const tableRow = blockNextRow + 2;
  const firstRow = tableRow + 1;
  const lastRow = tableRow + allies;
  const column = (name: (typeof DEFAULT_TRACK_COLUMNS)[number]): string =>
    columnLetters(DEFAULT_TRACK_COLUMNS.indexOf(name) + 1);
  const chartColumn = columnLetters(DEFAULT_TRACK_COLUMNS.length + 1);
  const range = (letter: string): string => `${letter}${firstRow}:${letter}${lastRow}`;
  const letters = {
    fairShare: column("fair-share"),
    delivered: column("delivered"),
    gap: column("gap"),
    share: column("delivered-share"),
  };
  return {
    tableCell: cellAddress(tableRow, 1),
    tableRow,
    firstRow,
    lastRow,
    letters,
    names: range(column("name")),
    fairShares: range(letters.fairShare),
    delivered: range(letters.delivered),
    gaps: range(letters.gap),
    chartColumn,
    chartDelivered: range(chartColumn),
    totalsRow: lastRow + 2,
  };
}

/** The whole sheet for one comparison. */
export function trackSheet(options: TrackSheetOptions): SheetDescription {
  const { result, values } = options;
  const { scenario } = result;
  const money = amountFormat(scenario.currency, scenario.unit.toFixed());
  const cells: CellDescription[] = [];

  cells.push({
    address: "A1",
    value: "Fair Share: delivered vs fair share",
    style: { bold: true, fontColor: SHEET_COLOURS.title },
  });
  cells.push({ address: "A2", value: describeComparison(values, result), style: { italic: true } });
  cells.push({
    address: cellAddress(TRACK_INPUTS_ROW - 1, 1),
    value: "Inputs: edit the yellow cells (empty means the default); the comparison below recalculates.",
    style: HEADING,
  });
  const block = inputsBlock({
    row: TRACK_INPUTS_ROW,
    column: 1,
    values: Object.fromEntries(
      Object.entries(values).filter(([name, value]) => value !== undefined && value !== "" && name !== "data")
    ),
    parameters: parametersFor("track"),
    // The user's data: the data cell reads the data sheet, so TRACK computes on it as the preview did.
    formulas: scenario.edition.embedded
      ? undefined
      : { data: { formula: DATA_FORMULA, cached: options.editionText ?? null } },
  });
  cells.push(...block.cells);
  cells.push(needsAddinNote(cellAddress(block.nextRow, 1), false));
  const layout = trackLayout(result, block.nextRow);
  const { firstRow, lastRow, tableRow } = layout;

  cells.push({
    address: cellAddress(tableRow - 1, 1),
    value: `Fair share against delivered (${scenario.currency}), FAIRSHARE.TRACK; highlighted: a shortfall`,
    style: HEADING,
  });
  cells.push({
    address: layout.tableCell,
    formula: `=FAIRSHARE.TRACK(${INPUTS_BLOCK_NAME})`,
    cached: TRACK_COLUMNS.code,
    spill: { rows: result.rows.length + 1, columns: DEFAULT_TRACK_COLUMNS.length },
    style: HEADING,
  });
  cells.push({
    address: `${layout.chartColumn}${tableRow}`,
    value: "Delivered, for the chart",
    style: { bold: true, fontColor: SHEET_COLOURS.note },
  });
  const { letters } = layout;
  for (let row = firstRow; row <= lastRow; row += 1) {
    for (const letter of [letters.fairShare, letters.delivered, letters.gap]) {
      cells.push({ address: `${letter}${row}`, numberFormat: money });
    }
    cells.push({ address: `${letters.share}${row}`, numberFormat: "0.0%" });
    const ally = result.rows[row - firstRow];
    cells.push({
      address: `${layout.chartColumn}${row}`,
      formula: `=IF(ISNUMBER(${letters.delivered}${row}),${letters.delivered}${row},NA())`,
      // An ally not tracked has no figure: NA() leaves it out of the chart.
      cached: ally.delivered === null ? null : ally.delivered.toNumber(),
      numberFormat: money,
      style: { fontColor: SHEET_COLOURS.note },
    });
  }

  // The totals, as plain formulas over the spilled cells; SUM and SUMIF skip "not tracked".
  const totals: [string, string, string][] = [
    ["Pledge (the fair shares' sum)", `=SUM(${layout.fairShares})`, money],
    ["Delivered by the tracked allies", `=SUM(${layout.delivered})`, money],
    ["Gaps of the tracked allies", `=SUM(${layout.gaps})`, money],
    ["Shortfalls (the positive gaps)", `=SUMIF(${layout.gaps},">0")`, money],
  ];
  const totalsRow = layout.totalsRow;
  cells.push({ address: cellAddress(totalsRow - 1, 1), value: "Totals", style: HEADING });
  totals.forEach(([label, formula, format], index) => {
    cells.push({ address: cellAddress(totalsRow + index, 1), value: label, style: HEADING });
    cells.push({ address: cellAddress(totalsRow + index, 2), formula, numberFormat: format });
  });
  const coverageRow = totalsRow + totals.length;
  cells.push({ address: cellAddress(coverageRow, 1), value: "Coverage (delivered / pledge)", style: HEADING });
  cells.push({
    address: cellAddress(coverageRow, 2),
    formula: `=IF(B${totalsRow}=0,NA(),B${totalsRow + 1}/B${totalsRow})`,
    numberFormat: "0.0%",
  });

  const conditionalFormats: ConditionalFormatDescription[] = [
    {
      range: layout.gaps,
      formula: `=AND(ISNUMBER(${letters.gap}${firstRow}),${letters.gap}${firstRow}>0)`,
      style: { fill: SHEET_COLOURS.flag, bold: true },
    },
  ];

  const sourcesRow = coverageRow + 2;
  cells.push({ address: cellAddress(sourcesRow, 1), value: "Sources", style: HEADING });
  cells.push(...sourceCells(result.sources, sourcesRow + 1));
  const vintage = vintageCells({
    vintage: dataVintage(scenario.edition),
    madeWithRow: sourcesRow + result.sources.length + 1,
    data: parameterDefinedName("data"),
  });
  cells.push(...vintage.cells);
  conditionalFormats.push(...vintage.conditionalFormats);
  const notesRow = sourcesRow + result.sources.length + 3;
  cells.push({ address: cellAddress(notesRow, 1), value: "Notes", style: HEADING });
  result.notes.forEach((note, index) => cells.push({ address: cellAddress(notesRow + 1 + index, 1), value: note }));

  const chartLeft = 5;
  const charts: ChartDescription[] = [
    {
      title: `Fair share and delivered per ally (${scenario.currency})`,
      type: "barClustered",
      categories: layout.names,
      series: [
        { name: TRACK_COLUMNS["fair-share"], values: layout.fairShares },
        { name: TRACK_COLUMNS.delivered, values: layout.chartDelivered },
      ],
      from: cellAddress(TRACK_INPUTS_ROW - 1, chartLeft),
      to: cellAddress(block.nextRow - 1, chartLeft + 8),
    },
  ];

  return {
    name: options.name ?? TRACK_SHEET_NAME,
    cells,
    names: block.names,
    conditionalFormats,
    charts,
    columnWidths: { A: 22, B: 28, C: 40 },
    freeze: { rows: 2, columns: 0 },
    visibility: "visible",
  };
}
