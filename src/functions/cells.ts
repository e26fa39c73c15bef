/**
 * Argument normalisation at the boundary between Excel and the engine: what a cell or a range can hold when Excel
 * hands it to a custom function, turned into the engine's RawValue, or a catalogue error naming the argument.
 *
 * What can arrive (parameters are declared with union types, so the metadata marks them "any" and Excel passes the
 * cell values unconverted):
 * - an empty cell: null in Excel on the web, 0 in Excel on Windows and Mac (see zeroIsEmpty in inputs.ts for which
 *   arguments treat 0 as empty);
 * - an omitted optional argument: null (undefined when called from JavaScript with fewer arguments);
 * - numbers, text (possibly a number written as text), TRUE/FALSE;
 * - a range or an array constant: a rectangular array of rows; a single value where a range is expected is wrapped;
 * - Excel error values: with metadata generated from JSDoc (no allowErrorForDataTypeAny), Excel does not call the
 *   function when an argument holds an error, it returns that error itself. The checks below still catch an error that
 *   does arrive (a CustomFunctions.Error-like object, an Excel.ErrorCellValue, or the error's text, e.g. from a host that
 *   passes errors as text), so it becomes ERROR_VALUE_IN_RANGE and never a code or a number.
 * - rich values (allowCustomDataForDataTypeAny is on in the generated metadata): a formatted number or other value with a
 *   plain `basicValue` is read as that value; any other data type is rejected with an error naming the argument.
 */
import { fail, isBlank } from "../engine";

/** A cell value after normalisation: what the engine's parsers accept. */
export type Cell = number | string | boolean | null;

/** The error values Excel can put in a cell, as their text. */
const EXCEL_ERROR_TEXTS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#TIMEOUT!",
  "#EXTERNAL!",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The Excel error a value stands for ("#N/A", ...), or null when it is not an error. */
export function excelErrorOf(value: unknown): string | null {
  if (typeof value === "string") {
    const text = value.trim().toUpperCase();
    return EXCEL_ERROR_TEXTS.has(text) ? text : null;
  }
  if (!isRecord(value)) return null;
  // CustomFunctions.Error: { code: "#N/A", message? }.
  if (typeof value.code === "string" && value.code.startsWith("#")) return value.code;
  // Excel.ErrorCellValue: { type: "Error", basicValue: "#N/A", errorType: "NotAvailable" }.
  if (value.type === "Error") return typeof value.basicValue === "string" ? value.basicValue : "#VALUE!";
  return null;
}

/**
 * One value as the engine reads it. `argument` and `position` name it in errors ("codes", "3").
 * Throws ERROR_VALUE_IN_RANGE for an Excel error, BAD_FORMAT for a data type that has no plain value.
 */
export function normaliseCell(value: unknown, argument: string, position: string): Cell {
  if (value === null || value === undefined) return null;
  const error = excelErrorOf(value);
  if (error !== null) fail("ERROR_VALUE_IN_RANGE", argument, { value: error, position });
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (isRecord(value)) {
    const basic = value.basicValue;
    if (typeof basic === "number" || typeof basic === "string" || typeof basic === "boolean") return basic;
  }
  const kind = isRecord(value) && typeof value.type === "string" ? `a data type (${value.type})` : `a ${typeof value}`;
  return fail("BAD_FORMAT", argument, { value: kind, form: "a number or text", example: "100bn or DEU" });
}

/** True for an empty cell: null, blank text, or (where the argument cannot hold 0) the 0 Excel desktop passes. */
export function isEmptyCell(value: Cell, zeroIsEmpty: boolean): boolean {
  return isBlank(value) || (zeroIsEmpty && value === 0);
}

/** A range argument as rows of cells, or null when the argument was left out. */
export function toMatrix(value: unknown, argument: string): unknown[][] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) return [];
  if (value.every((row) => Array.isArray(row))) {
    const rows = value as unknown[][];
    const width = rows[0].length;
    if (rows.some((row) => row.length !== width)) {
      fail("BAD_FORMAT", argument, {
        value: "rows of different lengths",
        form: "a rectangular range",
        example: "A2:B10",
      });
    }
    return rows;
  }
  // A flat array (only from JavaScript callers): one row.
  return [value];
}

/** "3 rows x 2 columns" */
export function describeShape(rows: number, columns: number): string {
  return `${rows} ${rows === 1 ? "row" : "rows"} x ${columns} ${columns === 1 ? "column" : "columns"}`;
}

/** Reading order of a list: which way the range runs. */
export type ListDirection = "column" | "row";

export interface CellList {
  readonly cells: unknown[];
  readonly direction: ListDirection;
}

/**
 * A range that must be a list: one column (read top to bottom) or one row (read left to right). A block of several
 * rows and several columns is rejected, because either reading order would be a guess.
 */
export function toList(value: unknown, argument: string, example: string): CellList | null {
  const matrix = toMatrix(value, argument);
  if (matrix === null) return null;
  const rows = matrix.length;
  const columns = rows === 0 ? 0 : matrix[0].length;
  if (columns === 1) return { cells: matrix.map((row) => row[0]), direction: "column" };
  if (rows === 1) return { cells: matrix[0], direction: "row" };
  return fail("BAD_FORMAT", argument, {
    value: describeShape(rows, columns),
    form: "one column or one row of cells",
    example,
  });
}

/** Days from Excel's day 0 (1899-12-30 in the 1900 date system, counting its phantom 29 February 1900) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET_DAYS = 25569;
/** Date serials read as months: 1950-01-01 to 2100-12-31. Smaller numbers (such as a year, 2024) are not dates. */
const FIRST_MONTH_SERIAL = 18264;
const LAST_MONTH_SERIAL = 73415;

/**
 * A month argument. Excel turns "2024-01" typed in a cell into a date (a serial number such as 45292), so a whole
 * number that is a date from 1950 to 2100 is read as that date's month, "YYYY-MM"; anything else is passed on as it
 * is for the engine's month parser to accept or reject with its message.
 */
export function monthFromCell(value: Cell): Cell {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  if (value < FIRST_MONTH_SERIAL || value > LAST_MONTH_SERIAL + 1) return value;
  const date = new Date((Math.floor(value) - EXCEL_EPOCH_OFFSET_DAYS) * 86_400_000);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}
