/**
 * The "Sensitivity" sheets, described as data (see description.ts): what the task pane's Sensitivity view writes into
 * the workbook through Office.js. Both compute with formulas over their inputs block, so editing an input (or the
 * parameter, its values, the ally) recalculates them with the pane closed:
 *
 *   A1  title; A2 what is varied
 *   A4  the inputs block (inputs-block.ts) with allocate's parameters, each value cell a defined name
 *   then, for a sweep: the parameter, its values (as --vary writes them: 0..1:0.05) and the allies, in yellow cells;
 *         =FAIRSHARE.SWEEP(fs.inputs, parameter, values, allies) spilled below them; a line chart of each ally's
 *         amount over the swept values beside the inputs block
 *   or, for a tornado: the ally, its amount in the base scenario (=FAIRSHARE.SHARE over the block), and one row per
 *         parameter: its low and high values (yellow), the ally's amount at each (INDEX of FAIRSHARE.SWEEP over the
 *         two values), the effects (amount there - base) and the swing; rows in the order of the swings when written;
 *         a bar chart of the effects, the tornado, beside the inputs block
 *   then  the sources and notes of the base scenario.
 *
 * The spilled sweep takes its size from the sweep the sheet is built from. Pure: no Office globals.
 */
import {
  type ParameterName,
  type ScenarioResult,
  type Sweep,
  type Tornado,
  allResultNotes,
  dataVintage,
  parametersFor,
  resultSourceDetails,
  tornadoForAlly,
} from "../engine";
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  type CellDescription,
  type ChartDescription,
  type ConditionalFormatDescription,
  type SheetDescription,
} from "./description";
import { INPUTS_BLOCK_NAME, inputsBlock } from "./inputs-block";
import { amountFormat, sourceCells } from "./scenario-sheet";
import { needsAddinNote, vintageCells } from "./vintage-cells";

export const SWEEP_SHEET_NAME = "Sensitivity sweep";
export const TORNADO_SHEET_NAME = "Sensitivity tornado";
export const SENSITIVITY_INPUTS_ROW = 4;

const HEADING = { bold: true } as const;
const INPUT = { fill: SHEET_COLOURS.input } as const;

interface SheetStart {
  readonly cells: CellDescription[];
  readonly names: SheetDescription["names"];
  /** The first free row below the inputs block. */
  readonly nextRow: number;
}

/** Title, description and the inputs block of allocate's parameters, with the values the user set. */
function sheetStart(title: string, description: string, values: Partial<Record<ParameterName, string>>): SheetStart {
  const cells: CellDescription[] = [
    { address: "A1", value: title, style: { bold: true, fontColor: SHEET_COLOURS.title } },
    { address: "A2", value: description, style: { italic: true } },
    {
      address: cellAddress(SENSITIVITY_INPUTS_ROW - 1, 1),
      value: "Inputs: edit the yellow cells (empty means the default); the figures below recalculate.",
      style: HEADING,
    },
  ];
  const block = inputsBlock({
    row: SENSITIVITY_INPUTS_ROW,
    column: 1,
    values: Object.fromEntries(
      Object.entries(values).filter(([name, value]) => value !== undefined && value !== "" && name !== "data")
    ),
    parameters: parametersFor("allocate").filter((entry) => entry.name !== "data"),
  });
  cells.push(...block.cells);
  cells.push(needsAddinNote(cellAddress(block.nextRow, 1), false));
  return { cells, names: block.names, nextRow: block.nextRow };
}

/**
 * The sources of the base scenario, the data vintage the sheet was made with (and the status at the top that compares
 * it with Fair Share's: the embedded data, as the block has no data entry) and the notes, from `row` down.
 */
function sourcesAndNotes(
  result: ScenarioResult,
  row: number
): { cells: CellDescription[]; conditionalFormats: ConditionalFormatDescription[] } {
  const sources = resultSourceDetails(result);
  const notes = allResultNotes(result);
  const vintage = vintageCells({
    vintage: dataVintage(result.scenario.edition),
    madeWithRow: row + sources.length + 1,
  });
  const notesRow = row + sources.length + 3;
  return {
    cells: [
      { address: cellAddress(row, 1), value: "Sources", style: HEADING },
      ...sourceCells(sources, row + 1),
      ...vintage.cells,
      { address: cellAddress(notesRow, 1), value: "Notes", style: HEADING },
      ...notes.map((note, index) => ({ address: cellAddress(notesRow + 1 + index, 1), value: note })),
    ],
    conditionalFormats: vintage.conditionalFormats,
  };
}

/** A labelled input cell of the sheet's own (the parameter, its values, the allies): label in A, value in B. */
function inputRow(row: number, label: string, value: string, note: string): CellDescription[] {
  return [
    { address: cellAddress(row, 1), value: label, style: HEADING },
    { address: cellAddress(row, 2), value, style: INPUT, note },
  ];
}

export interface SweepSheetOptions {
  readonly name?: string;
  /** The scenario's parameters as the user set them; those left out show empty (their default applies). */
  readonly values: Partial<Record<ParameterName, string>>;
  /** The parameter as --vary names it (credit, cap.USA) and its values as --vary writes them (0..1:0.05). */
  readonly parameter: string;
  readonly valuesText: string;
  /** The allies charted, codes. */
  readonly allies: readonly string[];
  /** The engine's sweep of those: sizes the spilled table; its sample gives the sources and notes. */
  readonly sweep: Sweep;
  /** The base scenario (for the currency, unit, sources and notes when no swept value is feasible). */
  readonly base: ScenarioResult;
}

/** The sweep's sheet: SWEEP spilled over its own inputs, and a line chart of the allies' amounts. */
export function sweepSheet(options: SweepSheetOptions): SheetDescription {
  const { sweep, base, allies } = options;
  const { scenario } = base;
  const money = amountFormat(scenario.currency, scenario.unit.toFixed());
  const start = sheetStart(
    "Fair Share: sensitivity, a sweep",
    `The scenario at each value of ${options.parameter} (${options.valuesText}): each ally's amount, the total, the EU overlap and the net new money, as FAIRSHARE.ALLOCATE gives them at that value.`,
    options.values
  );
  const cells = [...start.cells];
  const sweepRow = start.nextRow + 1;
  cells.push({ address: cellAddress(sweepRow, 1), value: "Sweep: edit the yellow cells", style: HEADING });
  cells.push(
    ...inputRow(
      sweepRow + 1,
      "Parameter",
      options.parameter,
      "As an inputs-block label: credit, total, cap.USA, key.DEU, gdp-year, exempt..."
    )
  );
  cells.push(
    ...inputRow(
      sweepRow + 2,
      "Values",
      options.valuesText,
      "FROM..TO:STEP (0..1:0.05) or a list (2023,2024; none,HUN,HUN+SVK)."
    )
  );
  cells.push(...inputRow(sweepRow + 3, "Allies", allies.join(","), "Codes of the allies to show, e.g. ESP,ITA."));
  const tableRow = sweepRow + 5;
  const columns = 1 + allies.length + 4;
  const rows = sweep.rows.length + 1;
  cells.push({
    address: cellAddress(tableRow, 1),
    formula: `=FAIRSHARE.SWEEP(${INPUTS_BLOCK_NAME},B${sweepRow + 1},B${sweepRow + 2},B${sweepRow + 3})`,
    cached: options.parameter,
    spill: { rows, columns },
    style: HEADING,
  });
  const firstRow = tableRow + 1;
  const lastRow = tableRow + sweep.rows.length;
  for (let column = 2; column < columns; column += 1) {
    const letter = columnLetters(column);
    for (let row = firstRow; row <= lastRow; row += 1) cells.push({ address: `${letter}${row}`, numberFormat: money });
  }
  const sample = sweep.sample?.result ?? base;
  const tail = sourcesAndNotes(sample, lastRow + 2);
  cells.push(...tail.cells);
  const charted = allies.length > 0 ? allies.map((_, index) => index + 2) : [allies.length + 2];
  const charts: ChartDescription[] = [
    {
      title: `${allies.length > 0 ? "Amount" : "Total"} by ${options.parameter} (${scenario.currency})`,
      type: "line",
      categories: `A${firstRow}:A${lastRow}`,
      series: charted.map((column) => ({
        name: `${columnLetters(column)}${tableRow}`,
        values: `${columnLetters(column)}${firstRow}:${columnLetters(column)}${lastRow}`,
      })),
      from: cellAddress(SENSITIVITY_INPUTS_ROW - 1, 5),
      to: cellAddress(start.nextRow - 1, 13),
    },
  ];
  return {
    name: options.name ?? SWEEP_SHEET_NAME,
    cells,
    names: start.names,
    conditionalFormats: tail.conditionalFormats,
    charts,
    columnWidths: { A: 22, B: 28, C: 16 },
    freeze: { rows: 2, columns: 0 },
    visibility: "visible",
  };
}

export interface TornadoSheetOptions {
  readonly name?: string;
  readonly values: Partial<Record<ParameterName, string>>;
  /** The ally whose amount the bars show. */
  readonly ally: string;
  /** The engine's tornado: its bars' order (largest swing first) and the cached figures. */
  readonly tornado: Tornado;
}

/** The tornado's sheet: per parameter the ally's amount at its low and high value, the effects, the swing; a chart. */
export function tornadoSheet(options: TornadoSheetOptions): SheetDescription {
  const { tornado, ally } = options;
  const { scenario } = tornado.base;
  const money = amountFormat(scenario.currency, scenario.unit.toFixed());
  const bars = tornadoForAlly(tornado, ally);
  const index = tornado.basePoint.allies.findIndex((candidate) => candidate.code === ally);
  const start = sheetStart(
    "Fair Share: sensitivity, a tornado",
    `What moves ${ally}'s amount: each parameter at its low and high value, the others as in the inputs; rows by swing, largest first, as written.`,
    options.values
  );
  const cells = [...start.cells];
  const allyRow = start.nextRow + 1;
  cells.push(...inputRow(allyRow, "Ally", ally, "The ally's code, e.g. ESP."));
  const baseRow = allyRow + 1;
  cells.push({ address: cellAddress(baseRow, 1), value: "Amount in the inputs' scenario", style: HEADING });
  cells.push({
    address: cellAddress(baseRow, 2),
    formula: `=FAIRSHARE.SHARE(B${allyRow},,,${INPUTS_BLOCK_NAME})`,
    cached: tornado.basePoint.allies[index].total.toNumber(),
    numberFormat: money,
  });
  const headerRow = baseRow + 2;
  const header = ["Parameter", "Low", "High", "At low", "At high", "Effect low", "Effect high", "Swing"];
  header.forEach((title, column) =>
    cells.push({ address: cellAddress(headerRow, column + 1), value: title, style: HEADING })
  );
  bars.forEach((bar, offset) => {
    const row = headerRow + 1 + offset;
    const sweepOf = `FAIRSHARE.SWEEP(${INPUTS_BLOCK_NAME},$A${row},$B${row}:$C${row},$B$${allyRow})`;
    const at = (end: typeof bar.bar.low): number | null => end.point?.allies[index].total.toNumber() ?? null;
    const { low, high } = bar.bar;
    cells.push(
      { address: `A${row}`, value: bar.bar.variation.name, style: INPUT },
      { address: `B${row}`, value: low.value === "" ? "none" : low.value, style: INPUT },
      { address: `C${row}`, value: high.value === "" ? "none" : high.value, style: INPUT },
      { address: `D${row}`, formula: `=INDEX(${sweepOf},2,2)`, cached: at(low), numberFormat: money },
      { address: `E${row}`, formula: `=INDEX(${sweepOf},3,2)`, cached: at(high), numberFormat: money },
      // An infeasible end shows no amount: its effect is #N/A, which the chart leaves out.
      { address: `F${row}`, formula: `=IF(ISNUMBER(D${row}),D${row}-$B$${baseRow},NA())`, numberFormat: money },
      { address: `G${row}`, formula: `=IF(ISNUMBER(E${row}),E${row}-$B$${baseRow},NA())`, numberFormat: money },
      {
        address: `H${row}`,
        formula: `=IF(AND(ISNUMBER(D${row}),ISNUMBER(E${row})),ABS(E${row}-D${row}),NA())`,
        numberFormat: money,
      }
    );
  });
  const lastRow = headerRow + bars.length;
  const tail = sourcesAndNotes(tornado.base, lastRow + 2);
  cells.push(...tail.cells);
  const charts: ChartDescription[] = [
    {
      title: `What moves ${ally}'s amount (${scenario.currency}, change from the inputs' scenario)`,
      type: "barClustered",
      categories: `A${headerRow + 1}:A${lastRow}`,
      series: [
        { name: `F${headerRow}`, values: `F${headerRow + 1}:F${lastRow}` },
        { name: `G${headerRow}`, values: `G${headerRow + 1}:G${lastRow}` },
      ],
      from: cellAddress(SENSITIVITY_INPUTS_ROW - 1, 5),
      to: cellAddress(start.nextRow - 1, 13),
    },
  ];
  return {
    name: options.name ?? TORNADO_SHEET_NAME,
    cells,
    names: start.names,
    conditionalFormats: tail.conditionalFormats,
    charts,
    columnWidths: { A: 22, B: 28, C: 16, D: 16, E: 16, F: 16, G: 16, H: 16 },
    freeze: { rows: 2, columns: 0 },
    visibility: "visible",
  };
}
