/**
 * A worksheet described as plain data: cells (values, formulas, formats, styles), defined names, conditional formats
 * and charts. Builders (the live scenario sheet, the portable copy) produce descriptions from a scenario; renderers
 * apply them: one through Excel.run (the task pane), one to an .xlsx file (the portable copy). Pure: no Office globals,
 * no file system, so every builder is testable as data.
 *
 * Conventions every builder and renderer keeps:
 * - Addresses are A1 references within the sheet ("B4", "B4:F36"); absolute markers ($) only inside formulas.
 * - Formulas are in Excel's English, en-US syntax (comma argument separators), start with "=", and never use the
 *   `_xlfn.` prefix (a renderer adds what its file format needs).
 * - `cached` is the value the formula computes for the scenario the sheet was built from: a renderer that writes a
 *   file stores it, so a viewer that does not recalculate shows the right number.
 */

export type CellValue = string | number | boolean | null;

/**
 * The colours of every sheet Fair Share writes, RRGGBB: each meaning has one colour on every sheet and in both the live
 * and the portable workbook.
 */
export const SHEET_COLOURS = {
  /** A cell the user may edit: light yellow. */
  input: "FFF2CC",
  /** A section or table header: light blue. */
  header: "D9E1F2",
  /** A value Fair Share wrote that formulas do not recompute: light grey. */
  value: "EDEDED",
  /** A year whose EU overlap is at or above the threshold: light orange, with dark text it keeps AA contrast. */
  flag: "F8CBAD",
  /** A status that needs action: red fill, with white bold text. */
  alert: "FF0000",
  alertText: "FFFFFF",
  /** Figures that are out of date: dark red text. */
  staleText: "C00000",
  /** A sheet's title. */
  title: "1F3864",
  /** A note beside an input. */
  note: "595959",
} as const;

/** Colours are six hex digits, RRGGBB, without "#". */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string;
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly horizontal?: "left" | "center" | "right";
  /** A thin border below the cell (header rows, totals). */
  readonly borderBottom?: boolean;
  /** A thin border above the cell (totals rows). */
  readonly borderTop?: boolean;
  /**
   * False: the cell stays editable when its sheet is protected (the inputs); every other cell of a protected sheet is
   * locked, as Excel's own default.
   */
  readonly locked?: boolean;
}

export interface CellDescription {
  readonly address: string;
  /** A constant. Exactly one of value and formula is set. */
  readonly value?: CellValue;
  readonly formula?: string;
  /** What the formula computes for the scenario described (see above). */
  readonly cached?: CellValue;
  /**
   * The formula returns an array that spills over this many rows and columns from the cell (dynamic array); the
   * spilled cells themselves are not described.
   */
  readonly spill?: { readonly rows: number; readonly columns: number };
  readonly numberFormat?: string;
  readonly style?: CellStyle;
  /** A short note for the reader (a comment in Excel). */
  readonly note?: string;
}

/**
 * A name for a range. Sheet-scoped by default, so that several scenario sheets in one workbook keep their own names;
 * a workbook-scoped name can be used in formulas on every sheet (the portable copy, one scenario a file).
 */
export interface DefinedNameDescription {
  readonly name: string;
  /** A range of this sheet, A1 form without the sheet ("B5", "A20:A51"). */
  readonly range: string;
  readonly comment?: string;
  readonly scope?: "sheet" | "workbook";
}

/**
 * Data validation on a range: what may be entered, with an input message shown when the cell is selected and an error
 * message for a refused entry. Excel and LibreOffice apply it to typing; a pasted value can still get in.
 */
export interface DataValidationDescription {
  /** One range of this sheet, A1 form. */
  readonly range: string;
  /**
   * list: one of `values` (a drop-down); decimal, whole: a number within `min`..`max` (either may be absent);
   * custom: `formula` is true for the range's top-left cell (relative references move with each cell); any: every
   * entry is valid (an input message alone, for what Excel cannot state as a rule).
   */
  readonly kind: "list" | "decimal" | "whole" | "custom" | "any";
  /** list: the allowed entries, literal text without commas or quotes. TRUE and FALSE are the booleans. */
  readonly values?: readonly string[];
  /** list: the entries from a range instead (a reference or a defined name, "=fs.scenario_names"); no `values`. */
  readonly source?: string;
  readonly min?: number;
  readonly max?: number;
  readonly formula?: string;
  /** Whether an empty cell is valid (default true). */
  readonly allowBlank?: boolean;
  /** Shown when the cell is selected: a title (at most 32 characters) and a text (at most 255). */
  readonly prompt?: { readonly title: string; readonly text: string };
  /** Shown when an entry is refused: title (at most 32 characters) and text (at most 225). */
  readonly error?: { readonly title: string; readonly text: string };
}

/** How a sheet prints. */
export interface PrintDescription {
  readonly orientation: "landscape" | "portrait";
  /** Fit the printed area to this many pages wide, as many pages tall as it takes. */
  readonly fitToWidth?: number;
  /** Columns repeated at the left of every page ("A:B") and rows at the top ("5:6"). */
  readonly titleColumns?: string;
  readonly titleRows?: string;
  /** Excel's "normal" margins (0.7 inch left and right) unless "narrow" (0.25 inch). */
  readonly margins?: "normal" | "narrow";
  /** The range printed ("A1:AJ120"); the whole used range when absent. */
  readonly area?: string;
  /** Plain text printed in the page header's centre and the footer's left (page numbers are added at the right). */
  readonly header?: string;
  readonly footer?: string;
}

/**
 * Highlight the cells of `range` where `formula` is true. The formula is written for the range's top-left cell, with
 * relative references that move with each cell (Excel's convention); it must not call a custom function (Excel
 * never applies such a rule).
 */
export interface ConditionalFormatDescription {
  readonly range: string;
  readonly formula: string;
  readonly style: Pick<CellStyle, "fill" | "fontColor" | "bold">;
}

export interface ChartSeriesDescription {
  /** The series' name: a cell ("C4") or a literal text. */
  readonly name: string;
  /** The values, a range of this sheet. */
  readonly values: string;
}

export interface ChartDescription {
  readonly title: string;
  /** Bars (horizontal) stacked by series, or columns; a line (drawn by Excel only: the .xlsx writer has no lines). */
  readonly type: "barStacked" | "barClustered" | "columnStacked" | "columnClustered" | "line";
  /** Category labels, a range of this sheet. */
  readonly categories: string;
  readonly series: readonly ChartSeriesDescription[];
  /** Where the chart sits: its top-left and bottom-right cells. */
  readonly from: string;
  readonly to: string;
}

export interface SheetDescription {
  readonly name: string;
  readonly cells: readonly CellDescription[];
  readonly names: readonly DefinedNameDescription[];
  readonly conditionalFormats: readonly ConditionalFormatDescription[];
  readonly charts: readonly ChartDescription[];
  /** Column widths in characters, by column letter. */
  readonly columnWidths?: Readonly<Record<string, number>>;
  /** Row heights in points, by row number (rows of wrapped text that spreadsheets do not size on opening). */
  readonly rowHeights?: Readonly<Record<number, number>>;
  /**
   * Ranges shown as one cell ("B3:G3"): the top-left cell's content spans them (a long text wraps within them; set
   * the row's height, which spreadsheets do not size for merged cells). The other cells of a range must be empty.
   */
  readonly merges?: readonly string[];
  /** Rows and columns kept in view while scrolling. */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly visibility?: "visible" | "hidden" | "veryHidden";
  readonly validations?: readonly DataValidationDescription[];
  /** Protected without a password: only cells styled `locked: false` can be edited; formats and sizes stay free. */
  readonly protected?: boolean;
  readonly print?: PrintDescription;
}

export interface WorkbookDescription {
  readonly sheets: readonly SheetDescription[];
  /** Document properties a renderer writes where it can. */
  readonly properties?: { readonly title?: string; readonly creator?: string; readonly created?: Date };
}

/** The column letters of a 1-based column number: 1 is A, 27 is AA. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`column ${column} is not a positive integer`);
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** The A1 address of a 1-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** The 1-based row and column of an A1 address (absolute markers allowed). */
export function parseAddress(address: string): { row: number; column: number } {
  const match = /^\$?([A-Z]{1,3})\$?([1-9]\d*)$/.exec(address);
  if (match === null) throw new RangeError(`"${address}" is not an A1 cell address`);
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

/** The A1 range from one cell to another ("B4:F36"); a single cell when they are the same. */
export function rangeAddress(from: string, to: string): string {
  return from === to ? from : `${from}:${to}`;
}

/**
 * The name of a scenario parameter as a defined name: Excel names take letters, digits, underscores and periods and
 * must not look like a cell reference, so "usd-per-eur" becomes "fs.usd_per_eur".
 */
export function parameterDefinedName(parameter: string): string {
  return `fs.${parameter.replace(/-/g, "_")}`;
}
