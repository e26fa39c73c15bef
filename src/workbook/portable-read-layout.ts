/**
 * Where a portable copy keeps what `fair-share allocate --workbook` reads: every label and name the reader relies on,
 * in this one module, so that a change of the copy's layout is met here. The reader finds
 * - each input by its defined name (fs.credit, fs.aid_from ...: the inputs block, see inputs-block.ts);
 * - each table by the labels of its header row, and each column by its header, wherever they are on the sheet;
 * - the inputs as the copy was written on the hidden sheet that mirrors them cell for cell, when the copy has one;
 * - in a copy that carries stored scenarios, a yellow input that still follows the chooser as the chosen scenario's
 *   value on the hidden sheet of the scenarios' values (portable/choice-layout.ts), so that a choice made without
 *   recalculation reads right; a value typed over it as typed.
 * It reads cells as the file stores them (a formula's cached value) and refuses, naming the sheet and cell, what it
 * cannot read: a garbled number, "yes" where TRUE or FALSE belongs, a missing sheet, name or column.
 */
import { parameterDefinedName, parseAddress, type CellValue } from "./description";
import { CHOICE_LAYOUT, CHOOSER_FORMULA_START } from "./portable/choice-layout";
import type { XlsxCell, XlsxSheet, XlsxWorkbook } from "./xlsx-read";

/** The labels the reader looks for. A header given as a pattern may carry a year or a currency in its text. */
export const COPY_LABELS = {
  /** The copy's sheet (portable.ts: PORTABLE_SHEET; a test checks they agree). */
  sheet: "Fair Share",
  /** The hidden sheet holding the inputs as written, at the same addresses (optional; ROUNDED_FOR_SHEET). */
  writtenSheet: "Rounded for",
  contributors: {
    /** The header row is the row that has both of these. */
    anchor: ["Code", "Exempt"],
    code: "Code",
    /** A formula (the GDP used or the key, by method): a figure typed over it is refused. */
    basis: "Basis",
    /** The key values (method key). */
    key: "Key",
    /** One column per year the data carries: "GDP 2024 (EUR)" ("GDP used" is a formula picking gdp-year's). */
    gdp: /^GDP (\d{4}) \((EUR|USD)\)$/,
    population: "Population (m)",
    /** A formula summing the "Aid by month" sheet, or a figure of its own for aid given with the scenario. */
    aid: /^Bilateral aid in window \((EUR|USD)\)$/,
    exempt: "Exempt",
    cap: "Cap (share of total)",
    floor: "Floor (share of total)",
    /** Who is an EU member: shown beside the figures, not an input (a change there is refused). */
    euMember: "EU member",
    /** The code column's label of the row under the last contributor. */
    total: "Total",
  },
  instruments: {
    anchor: ["Id", "Counted"],
    id: "Id",
    counted: "Counted",
    /** The amounts' columns are the header cells that hold a calendar year (a number). */
  },
  /** The sheet of each contributor's bilateral aid by month ("YYYY-MM" headers), in the copy's currency. */
  aidMonths: {
    sheet: "Aid by month",
    anchor: ["Code", "Name"],
    code: "Code",
    month: /^(\d{4}-\d{2})$/,
  },
  states: {
    anchor: ["Code", "Contributing"],
    code: "Code",
    gni: /^GNI (\d{4}) \(EUR bn\)$/,
    contributing: "Contributing",
    /** "In UAF": whether the state takes part in that instrument. */
    participates: /^In (.+)$/,
  },
} as const;

/** A cell the copy cannot be read with: the message names the file, sheet and cell. */
export class PortableReadError extends Error {}

/** A sheet's cells by row and column, to find headers and walk tables. */
class Grid {
  readonly rows = new Map<number, Map<number, { address: string; cell: XlsxCell }>>();
  constructor(readonly sheet: XlsxSheet) {
    for (const [address, cell] of sheet.cells) {
      const match = /^([A-Z]+)(\d+)$/.exec(address);
      if (!match) continue;
      const row = Number(match[2]);
      const column = columnNumber(match[1]);
      if (!this.rows.has(row)) this.rows.set(row, new Map());
      (this.rows.get(row) as Map<number, { address: string; cell: XlsxCell }>).set(column, { address, cell });
    }
  }
  /** The text of a cell, trimmed ("" for none or a non-text). */
  text(row: number, column: number): string {
    const value = this.rows.get(row)?.get(column)?.cell.value;
    return typeof value === "string" ? value.trim() : "";
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLettersOf(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A table found by its header row: its columns by header text, and its data rows. */
export interface CopyTable {
  readonly headerRow: number;
  /** Header text -> column number, for every header cell of text. */
  readonly headers: ReadonlyMap<string, number>;
  /** Header cells that hold a number (the years of a yearly table), in column order. */
  readonly yearColumns: readonly number[];
  /** The data rows, top to bottom: from under the header to the first row whose first column is empty or ends it. */
  readonly rows: readonly number[];
  readonly firstColumn: number;
}

/** The copy's sheets and names, and how to read and name its cells. */
export class CopyCells {
  private readonly grid: Grid;
  private readonly written: XlsxSheet | undefined;
  private readonly choices: XlsxSheet | undefined;
  private chosenOffset: number | undefined;

  constructor(
    readonly workbook: XlsxWorkbook,
    /** How messages name the file (its path as given). */
    readonly file: string,
    /** The sheet read: the copy's main sheet unless another is named ("Aid by month"). */
    readonly sheetName: string = COPY_LABELS.sheet
  ) {
    const sheet = workbook.sheets.find((candidate) => candidate.name === sheetName);
    if (sheet === undefined) {
      const names = workbook.sheets.map((candidate) => `'${candidate.name}'`).join(", ");
      throw new PortableReadError(
        `${file}: no sheet '${sheetName}' (its sheets: ${names || "none"}); give a portable copy written by ` +
          "fair-share allocate --xlsx or the pane's Open portable copy."
      );
    }
    this.grid = new Grid(sheet);
    this.written = workbook.sheets.find((candidate) => candidate.name === COPY_LABELS.writtenSheet);
    this.choices =
      sheetName === COPY_LABELS.sheet
        ? workbook.sheets.find((candidate) => candidate.name === CHOICE_LAYOUT.sheet)
        : undefined;
  }

  /** "FILE, sheet 'Fair Share', cell B25". */
  where(address: string, sheet: string = this.sheetName): string {
    return `${this.file}, sheet '${sheet}', cell ${address}`;
  }

  /** The address of an input's value cell: its defined name fs.<parameter> on the sheet (or the workbook). */
  inputAddress(parameter: string): string {
    const name = parameterDefinedName(parameter);
    const found =
      this.workbook.names.find((entry) => entry.name === name && entry.scopeSheet === COPY_LABELS.sheet) ??
      this.workbook.names.find((entry) => entry.name === name && entry.scopeSheet === undefined);
    if (found?.target === undefined || found.target.sheet !== COPY_LABELS.sheet || found.target.range.includes(":")) {
      throw new PortableReadError(
        `${this.file}, sheet '${COPY_LABELS.sheet}': no defined name ${name} naming one cell (the inputs block's ` +
          `${parameter}); the copy's names were removed or changed: write the copy again.`
      );
    }
    return found.target.range;
  }

  /** A cell as the file stores it; an input that follows the chooser as the chosen scenario's value. */
  cell(address: string): XlsxCell | undefined {
    const cell = this.grid.sheet.cells.get(address);
    const formula = cell?.formula?.trimStart();
    if (this.choices === undefined || formula === undefined || !formula.startsWith(CHOOSER_FORMULA_START)) return cell;
    const { row, column } = parseAddress(address);
    const chosen = `${columnLettersOf(column)}${row + this.choiceOffset()}`;
    return this.choices.cells.get(chosen) ?? { value: null, type: "empty" };
  }

  /** The chosen scenario's row offset on the sheet of the scenarios' values; a choice the copy cannot show is refused. */
  private choiceOffset(): number {
    if (this.chosenOffset !== undefined) return this.chosenOffset;
    const sheet = this.choices as XlsxSheet;
    const at = (address: string): CellValue => sheet.cells.get(address)?.value ?? null;
    const name = this.workbook.names.find(
      (entry) => entry.name === CHOICE_LAYOUT.chooserName && entry.target?.sheet === COPY_LABELS.sheet
    );
    const chooser = name?.target?.range ?? "";
    const choice = String(this.grid.sheet.cells.get(chooser)?.value ?? "").trim();
    const { name: names, offset, reason } = CHOICE_LAYOUT.entryColumns;
    let found: number | string = `the chosen scenario "${choice}" is not a name of the Scenarios sheet; choose one`;
    if (choice === "") found = Number(at(CHOICE_LAYOUT.writtenOffsetCell));
    const count = Number(at(CHOICE_LAYOUT.entryCountCell)) || 0;
    for (
      let row = CHOICE_LAYOUT.entriesHeaderRow + 1;
      choice !== "" && row <= CHOICE_LAYOUT.entriesHeaderRow + count;
      row++
    ) {
      if (String(at(`${names}${row}`) ?? "").toLocaleLowerCase("en") !== choice.toLocaleLowerCase("en")) continue;
      const rowOffset = at(`${offset}${row}`);
      found = typeof rowOffset === "number" ? rowOffset : String(at(`${reason}${row}`) ?? "it cannot be shown");
      break;
    }
    if (typeof found === "string" || !Number.isInteger(found)) {
      throw new PortableReadError(`${this.where(chooser)}: ${String(found)}`);
    }
    this.chosenOffset = found;
    return found;
  }

  /** The value the copy was written with at an address (the hidden mirror), or the current one without a mirror. */
  writtenValue(address: string): CellValue {
    if (this.written === undefined) return this.cell(address)?.value ?? null;
    return this.written.cells.get(address)?.value ?? null;
  }

  /** Whether the copy has the mirror of its inputs as written. */
  get hasWritten(): boolean {
    return this.written !== undefined;
  }

  /** The table whose header row holds every anchor label; `end` tells a data row that closes it. */
  table(what: string, anchor: readonly string[], end: (text: string) => boolean = () => false): CopyTable {
    for (const row of [...this.grid.rows.keys()].sort((a, b) => a - b)) {
      const cells = this.grid.rows.get(row) as Map<number, unknown>;
      const headers = new Map<string, number>();
      const yearColumns: number[] = [];
      for (const column of [...cells.keys()].sort((a, b) => a - b)) {
        const text = this.grid.text(row, column);
        if (text !== "" && !headers.has(text)) headers.set(text, column);
        const value = this.grid.rows.get(row)?.get(column)?.cell.value;
        if (typeof value === "number" && Number.isInteger(value) && value > 1900 && value < 2200)
          yearColumns.push(column);
      }
      if (!anchor.every((label) => headers.has(label))) continue;
      const firstColumn = headers.get(anchor[0]) as number;
      const rows: number[] = [];
      for (let r = row + 1; ; r++) {
        const text = this.grid.text(r, firstColumn);
        if (text === "" || end(text)) break;
        rows.push(r);
      }
      return { headerRow: row, headers, yearColumns, rows, firstColumn };
    }
    throw new PortableReadError(
      `${this.file}, sheet '${this.sheetName}': no ${what} (a header row with ${anchor.map((label) => `"${label}"`).join(" and ")}); write the copy again.`
    );
  }

  /** The column of a header (text or pattern) in a table, or undefined; `what` names it when it must be there. */
  column(table: CopyTable, header: string | RegExp, what?: string): { column: number; match: RegExpExecArray | null } {
    for (const [text, column] of table.headers) {
      if (typeof header === "string" ? text === header : header.test(text)) {
        return { column, match: typeof header === "string" ? null : header.exec(text) };
      }
    }
    if (what === undefined) return { column: 0, match: null };
    throw new PortableReadError(
      `${this.where(`${columnLettersOf(table.firstColumn)}${table.headerRow}`)}: the ${what} table has no column ` +
        `"${typeof header === "string" ? header : header.source}"; write the copy again.`
    );
  }

  /** Every header of a table matching a pattern, with its column and match. */
  columns(table: CopyTable, header: RegExp): { column: number; match: RegExpExecArray }[] {
    return [...table.headers]
      .filter(([text]) => header.test(text))
      .map(([text, column]) => ({ column, match: header.exec(text) as RegExpExecArray }));
  }
}

/** A1 address of a row and column. */
export function at(row: number, column: number): string {
  return `${columnLettersOf(column)}${row}`;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What a cell holds, as a message quotes it. */
function shown(cell: XlsxCell): string {
  return cell.type === "string" ? `"${String(cell.value)}"` : String(cell.value);
}

/** A number cell: a number (or a plain number typed as text); null when empty. Anything else is refused. */
export function readNumber(cells: CopyCells, address: string, what: string): number | null {
  const cell = cells.cell(address);
  if (cell === undefined || cell.type === "empty" || (cell.type === "string" && String(cell.value).trim() === "")) {
    return null;
  }
  if (cell.type === "number") return cell.value as number;
  if (cell.type === "string" && PLAIN_NUMBER.test(String(cell.value).trim())) return Number(String(cell.value).trim());
  throw new PortableReadError(`${cells.where(address)}: ${what} must be a number, not ${shown(cell)}.`);
}

/** A TRUE/FALSE cell; empty is FALSE. "yes", 1 or text are refused. */
export function readBoolean(cells: CopyCells, address: string, what: string): boolean {
  const cell = cells.cell(address);
  if (cell === undefined || cell.type === "empty") return false;
  if (cell.type === "boolean") return cell.value as boolean;
  throw new PortableReadError(`${cells.where(address)}: ${what} must be TRUE or FALSE, not ${shown(cell)}.`);
}

/** A cell holding an error value (#VALUE!) is refused; others are returned as the file stores them. */
export function readValue(cells: CopyCells, address: string, what: string): CellValue {
  const cell = cells.cell(address);
  if (cell === undefined) return null;
  if (cell.type === "error") {
    throw new PortableReadError(
      `${cells.where(address)}: ${what} holds the error ${String(cell.value)}; give a value.`
    );
  }
  return cell.value;
}
