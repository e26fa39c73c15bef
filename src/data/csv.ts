/**
 * Reading the data files: RFC 4180 csv, and the checks every reader of a data file makes on a cell, each naming the
 * file, line and column of a problem. Shared by scripts/import-data.mjs (through the compiled lib/data/csv.js), the
 * command line's data imports and the engine's reader of a user's data file, so that a file is read one way wherever
 * it is read. No arithmetic and no file system here: callers pass the text.
 */

/** A data file that cannot be read as it is: the message names the file, line and column, and what is expected. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataFileError";
  }
}

/** A byte-order mark at the start of a text (Excel writes one in a UTF-8 csv). */
const BOM = "\uFEFF";

/** A row of a csv text with the line it starts on (1-based; a quoted field may span lines). */
export interface CsvLine {
  readonly line: number;
  readonly cells: string[];
}

/**
 * The rows of a csv text, each with its line: quoted fields, doubled quotes inside them, LF or CRLF line ends, a
 * leading byte-order mark dropped. `delimiter` is "," unless given. A stray quote or an unterminated quoted field is
 * an error naming the line.
 */
export function parseCsvLines(text: string, fileLabel: string, delimiter = ","): CsvLine[] {
  const rows: CsvLine[] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let fieldWasQuoted = false;
  let line = 1;
  let rowLine = 1;
  const start = text.startsWith(BOM) ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "" || fieldWasQuoted) {
        throw new DataFileError(`${fileLabel}: stray quote in line ${line}`);
      }
      inQuotes = true;
      fieldWasQuoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = "";
      fieldWasQuoted = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push({ line: rowLine, cells: row });
      line++;
      rowLine = line;
      row = [];
      field = "";
      fieldWasQuoted = false;
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new DataFileError(`${fileLabel}: unterminated quoted field from line ${rowLine}`);
  if (field !== "" || fieldWasQuoted || row.length > 0) {
    row.push(field);
    rows.push({ line: rowLine, cells: row });
  }
  return rows;
}

/** The rows of a csv text (parseCsvLines without the line numbers). */
export function parseCsv(text: string, fileLabel: string, delimiter = ","): string[][] {
  return parseCsvLines(text, fileLabel, delimiter).map((row) => row.cells);
}

/** One data row of a table: its cells by column name, and its line in the file (1 is the header). */
export type CsvRecord = Readonly<Record<string, string>> & { readonly line: number };

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/** Refuses a value that appears twice in a list (columns of a header, ids of a table), naming it. */
export function assertUnique(fileLabel: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new DataFileError(`${fileLabel}: ${what} ${value} appears twice`);
    seen.add(value);
  }
}

/**
 * A csv text as a table: its header and one record per data row, each with its line number. Every row must have as
 * many cells as the header; `required` columns must be there (others are kept as they are).
 */
export function readCsvTable(text: string, fileLabel: string, required: readonly string[] = []): CsvTable {
  const [first, ...body] = parseCsvLines(text, fileLabel);
  if (first === undefined) throw new DataFileError(`${fileLabel}: empty file`);
  const header = first.cells;
  assertUnique(fileLabel, header, "column");
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new DataFileError(
      `${fileLabel}: has no column ${missing.join(", ")}; its header is ${header.join(",")}, expected ${required.join(",")}`
    );
  }
  const records = body.map(({ cells, line }): CsvRecord => {
    if (cells.length !== header.length) {
      throw new DataFileError(`${fileLabel} line ${line}: ${cells.length} cells, expected ${header.length}`);
    }
    const record: Record<string, string | number> = { line };
    header.forEach((name, column) => {
      record[name] = cells[column];
    });
    return record as CsvRecord;
  });
  return { header, records };
}

/** A table whose header must be exactly `expected`, in that order. */
export function readExactTable(text: string, fileLabel: string, expected: readonly string[]): CsvRecord[] {
  const { header, records } = readCsvTable(text, fileLabel);
  if (header.join(",") !== expected.join(",")) {
    throw new DataFileError(`${fileLabel}: expected the header ${expected.join(",")} but found ${header.join(",")}`);
  }
  return [...records];
}

/** "allies.csv line 12, column gdp_2024_usd_bn": where a cell is. */
export function where(fileLabel: string, record: CsvRecord, column: string): string {
  return `${fileLabel} line ${record.line}, column ${column}`;
}

/** Decimal strings as the sources print them; anything else (exponents, thousands separators) is refused. */
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const ZERO_PATTERN = /^-?0+(\.0+)?$/;

/** Whether a decimal string (as decimalCell accepts it) is zero. */
export function isZeroDecimal(value: string): boolean {
  return ZERO_PATTERN.test(value);
}

export function decimalCell(fileLabel: string, record: CsvRecord, column: string): string {
  const value = record[column];
  if (!DECIMAL_PATTERN.test(value)) {
    throw new DataFileError(`${where(fileLabel, record, column)}: "${value}" is not a plain decimal number`);
  }
  return value;
}

export function integerCell(fileLabel: string, record: CsvRecord, column: string, min: number, max: number): number {
  const value = record[column];
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new DataFileError(
      `${where(fileLabel, record, column)}: "${value}" is not a whole number from ${min} to ${max}`
    );
  }
  return parsed;
}

export function yesNoCell(fileLabel: string, record: CsvRecord, column: string): boolean {
  const value = record[column];
  if (value !== "yes" && value !== "no") {
    throw new DataFileError(`${where(fileLabel, record, column)}: "${value}" must be yes or no`);
  }
  return value === "yes";
}

export function oneOfCell<T extends string>(
  fileLabel: string,
  record: CsvRecord,
  column: string,
  allowed: readonly T[]
): T {
  const value = record[column];
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DataFileError(`${where(fileLabel, record, column)}: "${value}" must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

export function textCell(fileLabel: string, record: CsvRecord, column: string): string {
  const value = record[column];
  if (value.trim() === "" || value !== value.trim()) {
    throw new DataFileError(`${where(fileLabel, record, column)}: empty, or has spaces at either end`);
  }
  return value;
}

export function iso3Cell(fileLabel: string, record: CsvRecord, column: string): string {
  const value = record[column];
  if (!/^[A-Z]{3}$/.test(value)) {
    throw new DataFileError(
      `${where(fileLabel, record, column)}: "${value}" is not an upper-case ISO 3166 alpha-3 code`
    );
  }
  return value;
}
