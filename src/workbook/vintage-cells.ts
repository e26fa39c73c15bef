/**
 * What every sheet with FAIRSHARE formulas says about its data and about the add-in, readable without the pane:
 * - the data vintage it was made with (the engine's dataVintage line), in a plain cell below its sources;
 * - in the frozen top row, a formula comparing that cell with FAIRSHARE.VINTAGE over the sheet's data cell:
 *   "Data: X (current)", or "Data changed: made with X; Fair Share now carries Y" when a colleague's add-in (or an
 *   edited data sheet) carries other data; in Excel without the add-in (#NAME?), a readable text instead of the error.
 *   A rule colours the "Data changed" text; it reads the cell, never calls a custom function;
 * - a plain note, above its first FAIRSHARE table, that those formulas need the add-in and how to get a copy that
 *   computes without it.
 * Pure: no Office globals.
 */
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  parseAddress,
  type CellDescription,
  type ConditionalFormatDescription,
} from "./description";

/** The cell of the top row that shows whether the data changed (column C: the titles in A may overflow into B). */
export const DATA_STATUS_CELL = "C1";

/** The label beside the recorded vintage. */
export const MADE_WITH_LABEL = "Data vintage (made with)";

/** What the status shows where Excel does not know FAIRSHARE.VINTAGE (#NAME?): the add-in is missing. */
export const NEEDS_ADDIN_STATUS = "Needs Fair Share to check the data vintage";

/** The start of the status when the data differ: the rule that colours it matches it. */
const CHANGED_PREFIX = "Data changed";

/** Excel's ERROR.TYPE of #NAME?: a function Excel does not know (the add-in is not installed or not loaded). */
const NAME_ERROR_TYPE = 5;

/** The status while the data agree: the value the formula computes when the sheet is written. */
export function currentStatus(vintage: string): string {
  return `Data: ${vintage} (current)`;
}

/** The status once the data differ. */
export function changedStatus(madeWith: string, now: string): string {
  return `${CHANGED_PREFIX}: made with ${madeWith}; Fair Share now carries ${now}`;
}

export interface VintageCellsOptions {
  /** The engine's dataVintage of the data the sheet was made with. */
  readonly vintage: string;
  /** The row below the sources where the vintage is recorded (label in A, vintage in B). */
  readonly madeWithRow: number;
  /** What FAIRSHARE.VINTAGE reads: the sheet's data cell (fs.data); none for the embedded data only. */
  readonly data?: string;
}

export interface VintageCells {
  readonly cells: CellDescription[];
  readonly conditionalFormats: ConditionalFormatDescription[];
}

/** A cell's address with both markers: "$B$12". */
function absolute(address: string): string {
  const { row, column } = parseAddress(address);
  return `$${columnLetters(column)}$${row}`;
}

/**
 * The status formula: the recorded vintage at `madeWith` against FAIRSHARE.VINTAGE(data), compared with EXACT (case
 * counts; Excel's = ignores it).
 */
export function dataStatusFormula(madeWith: string, data = ""): string {
  const made = absolute(madeWith);
  const now = `FAIRSHARE.VINTAGE(${data})`;
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const changed = `${quote(`${CHANGED_PREFIX}: made with `)}&${made}&${quote("; Fair Share now carries ")}&${now}`;
  return (
    `=IFERROR(IF(EXACT(${now},${made}),${quote("Data: ")}&${made}&${quote(" (current)")},${changed}),` +
    `IF(ERROR.TYPE(${now})=${NAME_ERROR_TYPE},${quote(NEEDS_ADDIN_STATUS)},${now}))`
  );
}

/** The recorded vintage, the status at the top and the rule that marks a change. */
export function vintageCells(options: VintageCellsOptions): VintageCells {
  const madeWith = cellAddress(options.madeWithRow, 2);
  return {
    cells: [
      { address: cellAddress(options.madeWithRow, 1), value: MADE_WITH_LABEL, style: { bold: true } },
      { address: madeWith, value: options.vintage, style: { fill: SHEET_COLOURS.value } },
      {
        address: DATA_STATUS_CELL,
        formula: dataStatusFormula(madeWith, options.data),
        cached: currentStatus(options.vintage),
        style: { italic: true, fontColor: SHEET_COLOURS.note },
      },
    ],
    conditionalFormats: [
      {
        range: DATA_STATUS_CELL,
        formula: `=LEFT(${absolute(DATA_STATUS_CELL)},${CHANGED_PREFIX.length})="${CHANGED_PREFIX}"`,
        style: { fontColor: SHEET_COLOURS.staleText, bold: true },
      },
    ],
  };
}

/**
 * The plain note above a sheet's FAIRSHARE tables: they need the add-in; with `portable`, how to get the portable copy
 * (the allocation's: the pane's action or the command line).
 */
export function needsAddinNote(address: string, portable: boolean): CellDescription {
  const need =
    "The tables below are FAIRSHARE formulas: they need the Fair Share add-in (without it, Excel shows #NAME? once it recalculates).";
  const copy =
    " For a copy that computes without the add-in, press Open portable copy in the Fair Share pane, or run fair-share allocate --xlsx FILE.";
  return {
    address,
    value: portable ? need + copy : need,
    style: { italic: true, fontColor: SHEET_COLOURS.note },
  };
}
