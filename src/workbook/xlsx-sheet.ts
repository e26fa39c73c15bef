/**
 * One worksheet part of an .xlsx file (xl/worksheets/sheetN.xml) from a sheet's description: the cells with their
 * values, formulas and cached results, column widths and row heights, frozen panes, protection, conditional formats,
 * data validation and print setup, each element in the order the schema (CT_Worksheet) requires, since Excel repairs a
 * file whose elements are out of order.
 */
import {
  cellAddress,
  parseAddress,
  type CellDescription,
  type CellValue,
  type DataValidationDescription,
  type PrintDescription,
  type SheetDescription,
} from "./description";
import { checkClassicFormula } from "./xlsx-formula";
import type { StyleTable } from "./xlsx-styles";
import { escapeAttribute, escapeText } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The error values a formula can give, stored with t="e". */
export const ERROR_VALUES: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
]);

/**
 * Text as a cell or shared string holds it (ST_Xstring): characters XML cannot carry, and a carriage return (which XML
 * reads as a newline), are written `_xHHHH_`; an underscore that would start such an escape is itself escaped.
 */
export function xstring(text: string, where: string): string {
  const encoded = text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (character) => {
      return `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
    });
  return escapeText(encoded, where);
}

/** A `<t>` element for a text, keeping leading and trailing spaces, tabs and newlines. */
export function textElement(text: string, where: string): string {
  const preserve = /^\s|\s$|[\t\n]/.test(text) ? ' xml:space="preserve"' : "";
  return `<t${preserve}>${xstring(text, where)}</t>`;
}

/** A number as the file stores it; NaN and infinities cannot be stored. */
export function numberText(value: number, where: string): string {
  if (!Number.isFinite(value))
    throw new RangeError(`${where}: ${value} is not a finite number, which a cell must hold`);
  return Object.is(value, -0) ? "0" : String(value);
}

/** The shared strings part: each distinct text once, numbered in the order first written. */
export class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private readonly texts: string[] = [];
  private uses = 0;

  index(text: string): number {
    this.uses++;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.texts.length;
      this.indexes.set(text, index);
      this.texts.push(text);
    }
    return index;
  }

  get size(): number {
    return this.texts.length;
  }

  xml(): string {
    const items = this.texts.map((text, index) => `<si>${textElement(text, `shared string ${index}`)}</si>`);
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.texts.length}">${items.join("")}</sst>`
    );
  }
}

export interface SheetContext {
  readonly styles: StyleTable;
  readonly strings: SharedStrings;
  /** The sheet shown when the workbook opens. */
  readonly selected: boolean;
  /** Relationship ids of the sheet's drawing (charts) and of its notes' VML drawing, when it has them. */
  readonly drawingRelId?: string;
  readonly notesRelId?: string;
}

interface PlacedCell {
  readonly row: number;
  readonly column: number;
  readonly cell: CellDescription;
}

/** The sheet's cells in file order (by row, then column); a cell described twice is refused. */
function placeCells(sheet: SheetDescription): PlacedCell[] {
  const seen = new Set<string>();
  const placed = sheet.cells.map((cell) => {
    const { row, column } = parseAddress(cell.address);
    const address = cellAddress(row, column);
    if (seen.has(address)) throw new Error(`${sheet.name}!${address} is described twice; describe each cell once`);
    seen.add(address);
    return { row, column, cell };
  });
  return placed.sort((a, b) => a.row - b.row || a.column - b.column);
}

function formulaText(formula: string, where: string): string {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  if (text.trim() === "") throw new Error(`${where}: the formula is empty`);
  if (text.length > 8192) throw new Error(`${where}: the formula has ${text.length} characters; Excel allows 8192`);
  checkClassicFormula(text, where);
  return escapeText(text, where);
}

/** The type attribute and value element of a cached result or a constant. */
function valueParts(
  value: CellValue | undefined,
  formula: boolean,
  strings: SharedStrings,
  where: string
): { type: string; v: string } {
  if (value === null || value === undefined) return { type: "", v: "" };
  if (typeof value === "number") return { type: "", v: `<v>${numberText(value, where)}</v>` };
  if (typeof value === "boolean") return { type: ' t="b"', v: `<v>${value ? 1 : 0}</v>` };
  if (formula) {
    const type = ERROR_VALUES.has(value) ? "e" : "str";
    return { type: ` t="${type}"`, v: `<v>${xstring(value, where)}</v>` };
  }
  if (value.length > 32767) throw new Error(`${where}: the text has ${value.length} characters; Excel allows 32767`);
  return { type: ' t="s"', v: `<v>${strings.index(value)}</v>` };
}

function cellXml(placed: PlacedCell, sheet: SheetDescription, context: SheetContext): string {
  const { cell } = placed;
  const address = cellAddress(placed.row, placed.column);
  const where = `${sheet.name}!${address}`;
  if (cell.spill) throw new Error(`${where}: a spilled (dynamic-array) formula cannot be written to this file`);
  if (cell.formula !== undefined && cell.value !== undefined) {
    throw new Error(`${where}: a cell has a value or a formula, not both`);
  }
  const style = context.styles.cellFormat(cell.numberFormat, cell.style, where);
  const s = style === 0 ? "" : ` s="${style}"`;
  if (cell.formula !== undefined) {
    const f = `<f>${formulaText(cell.formula, where)}</f>`;
    const { type, v } = valueParts(cell.cached, true, context.strings, where);
    return `<c r="${address}"${s}${type}>${f}${v}</c>`;
  }
  const { type, v } = valueParts(cell.value, false, context.strings, where);
  if (v === "") return s === "" ? "" : `<c r="${address}"${s}/>`;
  return `<c r="${address}"${s}${type}>${v}</c>`;
}

function sheetDataXml(sheet: SheetDescription, placed: readonly PlacedCell[], context: SheetContext): string {
  const heights = new Map<number, number>();
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) {
    const number = Number(row);
    if (!Number.isInteger(number) || number < 1) throw new RangeError(`${sheet.name}: row height for row "${row}"`);
    if (!(height > 0 && height <= 409)) {
      throw new RangeError(`${sheet.name}: row ${row}'s height ${height} is not within 0-409 points`);
    }
    heights.set(number, height);
  }
  const rows = new Map<number, string[]>();
  for (const row of heights.keys()) rows.set(row, []);
  for (const cell of placed) {
    const xml = cellXml(cell, sheet, context);
    if (xml === "") continue;
    const list = rows.get(cell.row) ?? [];
    list.push(xml);
    rows.set(cell.row, list);
  }
  const xml = [...rows.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const height = heights.get(row);
      const attributes = height === undefined ? "" : ` ht="${height}" customHeight="1"`;
      const cells = rows.get(row) as string[];
      return cells.length === 0
        ? `<row r="${row}"${attributes}/>`
        : `<row r="${row}"${attributes}>${cells.join("")}</row>`;
    });
  return `<sheetData>${xml.join("")}</sheetData>`;
}

function dimension(placed: readonly PlacedCell[]): string {
  if (placed.length === 0) return "A1";
  const rows = placed.map((cell) => cell.row);
  const columns = placed.map((cell) => cell.column);
  const from = cellAddress(Math.min(...rows), Math.min(...columns));
  const to = cellAddress(Math.max(...rows), Math.max(...columns));
  return from === to ? from : `${from}:${to}`;
}

function sheetViewsXml(sheet: SheetDescription, selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : "";
  const rows = sheet.freeze?.rows ?? 0;
  const columns = sheet.freeze?.columns ?? 0;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 0 || columns < 0) {
    throw new RangeError(`${sheet.name}: frozen rows and columns must be whole numbers, not ${rows} and ${columns}`);
  }
  if (rows === 0 && columns === 0) return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  const topLeft = cellAddress(rows + 1, columns + 1);
  const pane = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  return (
    `<sheetViews><sheetView${tab} workbookViewId="0">` +
    `<pane${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function columnsXml(sheet: SheetDescription): string {
  const widths = Object.entries(sheet.columnWidths ?? {}).map(([letters, width]) => {
    const { column } = parseAddress(`${letters}1`);
    if (!(width > 0 && width <= 255)) {
      throw new RangeError(`${sheet.name}: column ${letters}'s width ${width} is not within 0-255 characters`);
    }
    return { column, width };
  });
  if (widths.length === 0) return "";
  widths.sort((a, b) => a.column - b.column);
  const cols = widths.map(
    ({ column, width }) => `<col min="${column}" max="${column}" width="${width}" customWidth="1"/>`
  );
  return `<cols>${cols.join("")}</cols>`;
}

/** A range list as sqref: one or more A1 ranges, separated by spaces. */
function sqref(range: string, where: string): string {
  const parts = range.trim().split(/\s+/);
  for (const part of parts) {
    const [from, to = from, ...rest] = part.split(":");
    if (rest.length > 0) throw new RangeError(`${where}: "${range}" is not an A1 range`);
    parseAddress(from);
    parseAddress(to);
  }
  return parts.join(" ").replace(/\$/g, "");
}

function conditionalFormatsXml(sheet: SheetDescription, styles: StyleTable): string {
  return sheet.conditionalFormats
    .map((format, index) => {
      const where = `${sheet.name}: conditional format on ${format.range}`;
      const dxf = styles.differentialFormat(format.style, where);
      return (
        `<conditionalFormatting sqref="${sqref(format.range, where)}">` +
        `<cfRule type="expression" dxfId="${dxf}" priority="${index + 1}"><formula>${formulaText(format.formula, where)}</formula></cfRule>` +
        `</conditionalFormatting>`
      );
    })
    .join("");
}

function checkLength(text: string, limit: number, what: string, where: string): string {
  if (text.length > limit) {
    throw new RangeError(`${where}: the ${what} has ${text.length} characters; Excel allows at most ${limit}`);
  }
  return escapeAttribute(text, `${where}: the ${what}`);
}

/** The type, operator and formulas of one validation. */
function validationRule(validation: DataValidationDescription, where: string): string {
  const { kind, min, max } = validation;
  if (kind === "list" && validation.source !== undefined) {
    return ` type="list"|<formula1>${formulaText(validation.source, where)}</formula1>`;
  }
  if (kind === "list") {
    const values = validation.values ?? [];
    if (values.length === 0) throw new Error(`${where}: a list validation needs values`);
    for (const value of values) {
      if (value === "" || /[,"]/.test(value)) {
        throw new Error(`${where}: list entry "${value}" must be non-empty, without commas or quotes`);
      }
    }
    const list = values.join(",");
    if (list.length > 255) throw new Error(`${where}: the list "${list}" is longer than Excel's 255 characters`);
    return ` type="list"|<formula1>"${escapeText(list, where)}"</formula1>`;
  }
  if (kind === "any") return "|";
  if (kind === "custom") {
    if (validation.formula === undefined) throw new Error(`${where}: a custom validation needs a formula`);
    return ` type="custom"|<formula1>${formulaText(validation.formula, where)}</formula1>`;
  }
  for (const bound of [min, max]) {
    if (bound !== undefined && kind === "whole" && !Number.isInteger(bound)) {
      throw new RangeError(`${where}: a whole-number validation needs whole bounds, not ${bound}`);
    }
  }
  const number = (value: number): string => numberText(value, where);
  if (min !== undefined && max !== undefined) {
    if (min > max) throw new RangeError(`${where}: min ${min} is above max ${max}`);
    return ` type="${kind}" operator="between"|<formula1>${number(min)}</formula1><formula2>${number(max)}</formula2>`;
  }
  if (min !== undefined) return ` type="${kind}" operator="greaterThanOrEqual"|<formula1>${number(min)}</formula1>`;
  if (max !== undefined) return ` type="${kind}" operator="lessThanOrEqual"|<formula1>${number(max)}</formula1>`;
  // Any number: Excel states no unbounded number rule, so the bounds are the largest numbers it holds.
  return ` type="${kind}" operator="between"|<formula1>-9.99999999999999E+307</formula1><formula2>9.99999999999999E+307</formula2>`;
}

function validationsXml(sheet: SheetDescription): string {
  const validations = sheet.validations ?? [];
  if (validations.length === 0) return "";
  const items = validations.map((validation) => {
    const where = `${sheet.name}: data validation on ${validation.range}`;
    const [attributes, formulas] = validationRule(validation, where).split("|");
    const blank = validation.allowBlank === false ? "" : ' allowBlank="1"';
    const prompt = validation.prompt
      ? ` showInputMessage="1" promptTitle="${checkLength(validation.prompt.title, 32, "prompt title", where)}"` +
        ` prompt="${checkLength(validation.prompt.text, 255, "prompt text", where)}"`
      : "";
    // The error message is always on: without it, Excel accepts any entry. Its text holds at most 225 characters
    // (the binary format's limit, which Excel keeps), the input message's 255.
    const error = validation.error
      ? ` errorTitle="${checkLength(validation.error.title, 32, "error title", where)}"` +
        ` error="${checkLength(validation.error.text, 225, "error text", where)}"`
      : "";
    return (
      `<dataValidation${attributes}${blank} showErrorMessage="1"${prompt}${error} sqref="${sqref(validation.range, where)}">` +
      `${formulas}</dataValidation>`
    );
  });
  return `<dataValidations count="${items.length}">${items.join("")}</dataValidations>`;
}

/** Text for a page header or footer: `&` starts a code there, so a literal one is doubled. */
function headerText(text: string): string {
  return text.replace(/&/g, "&&").replace(/\r?\n/g, " ");
}

function printXml(print: PrintDescription | undefined, where: string): string {
  // Excel's "normal" or "narrow" margins, in inches.
  const side = print?.margins === "narrow" ? "0.25" : "0.7";
  const margins = `<pageMargins left="${side}" right="${side}" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  if (!print) return margins;
  let fit = "";
  if (print.fitToWidth !== undefined) {
    if (!Number.isInteger(print.fitToWidth) || print.fitToWidth < 1) {
      throw new RangeError(`${where}: fit to ${print.fitToWidth} pages wide; give a whole number of at least 1`);
    }
    fit = ` fitToWidth="${print.fitToWidth}" fitToHeight="0"`;
  }
  const setup = `<pageSetup orientation="${print.orientation}"${fit}/>`;
  const header = print.header ? `&C${headerText(print.header)}` : "";
  const footer = `${print.footer ? `&L${headerText(print.footer)}` : ""}&RPage &P of &N`;
  for (const [what, text] of [
    ["header", header],
    ["footer", footer],
  ]) {
    if (text.length > 255) throw new RangeError(`${where}: the page ${what} is longer than Excel's 255 characters`);
  }
  const headerFooter =
    `<headerFooter>${header ? `<oddHeader>${escapeText(header, `${where}: the page header`)}</oddHeader>` : ""}` +
    `<oddFooter>${escapeText(footer, `${where}: the page footer`)}</oddFooter></headerFooter>`;
  return margins + setup + headerFooter;
}

/** Merged ranges: each a range of two or more cells, none overlapping another, no content but in its top-left cell. */
function mergeCellsXml(sheet: SheetDescription, placed: readonly PlacedCell[]): string {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return "";
  const taken = new Set<string>();
  const filled = new Set(placed.filter(({ cell }) => hasContent(cell)).map(({ row, column }) => `${row}:${column}`));
  const items = merges.map((range) => {
    const where = `${sheet.name}: merged range ${range}`;
    const [from, to, ...rest] = range.split(":");
    if (to === undefined || rest.length > 0) throw new RangeError(`${where} is not a range like "B3:G3"`);
    const start = parseAddress(from);
    const end = parseAddress(to);
    if (end.row < start.row || end.column < start.column || (end.row === start.row && end.column === start.column)) {
      throw new RangeError(`${where} must run from its top-left to its bottom-right cell and span two cells or more`);
    }
    for (let row = start.row; row <= end.row; row++) {
      for (let column = start.column; column <= end.column; column++) {
        const key = `${row}:${column}`;
        if (taken.has(key)) throw new RangeError(`${where} overlaps another merged range`);
        taken.add(key);
        if (filled.has(key) && !(row === start.row && column === start.column)) {
          throw new RangeError(`${where}: ${cellAddress(row, column)} has content, which merging would hide`);
        }
      }
    }
    return `<mergeCell ref="${cellAddress(start.row, start.column)}:${cellAddress(end.row, end.column)}"/>`;
  });
  return `<mergeCells count="${items.length}">${items.join("")}</mergeCells>`;
}

function hasContent(cell: CellDescription): boolean {
  return cell.formula !== undefined || (cell.value !== null && cell.value !== undefined && cell.value !== "");
}

/** The worksheet part of a sheet. */
export function worksheetXml(sheet: SheetDescription, context: SheetContext): string {
  const placed = placeCells(sheet);
  const fitToPage = sheet.print?.fitToWidth !== undefined;
  // Sheet protection: every cell locked but those styled `locked: false`; cell, column and row formats stay free, and
  // locked cells can still be selected (and copied).
  const protection = sheet.protected
    ? '<sheetProtection sheet="1" objects="1" scenarios="1" formatCells="0" formatColumns="0" formatRows="0"/>'
    : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    (fitToPage ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
    `<dimension ref="${dimension(placed)}"/>` +
    sheetViewsXml(sheet, context.selected) +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    columnsXml(sheet) +
    sheetDataXml(sheet, placed, context) +
    protection +
    mergeCellsXml(sheet, placed) +
    conditionalFormatsXml(sheet, context.styles) +
    validationsXml(sheet) +
    printXml(sheet.print, `${sheet.name}: print setup`) +
    (context.drawingRelId ? `<drawing r:id="${context.drawingRelId}"/>` : "") +
    (context.notesRelId ? `<legacyDrawing r:id="${context.notesRelId}"/>` : "") +
    "</worksheet>"
  );
}
