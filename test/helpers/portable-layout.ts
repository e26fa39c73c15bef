/**
 * Everything the tests know about the portable copy's layout, in one place: the sheet's name, the defined names of the
 * inputs (fs.<parameter>), and the labels of the tables' headers and of the status cells. The tests find every cell
 * from these, in the file as written, so that a new layout means changing this module only.
 *
 * Where the issue asks for something a copy lacks (one GDP column per year, an instrument's amount and years as
 * inputs), the lookup throws a LayoutError naming what it looked for and what it found, so a test fails in words.
 *
 * Assumptions (each a constant or a pattern below):
 * - the copy's main sheet is "Fair Share"; every input of the inputs block has a sheet-scoped or workbook defined
 *   name fs.<parameter> (hyphens as underscores: fs.gdp_year); key values are typed in fs.key as CODE=VALUE,...;
 * - the contributors table's header row has "Code" and "Name" in its first two columns and a column "Allocation,
 *   exact ..."; its rows run down to the row labelled "Total" in the code column; its inputs are the columns "Exempt",
 *   "Cap (...", "Floor (...", "Key" (the key values of method key), "Population ..." and one "GDP <year> ..." per
 *   year carried; its figures "Allocation, exact",
 *   "Allocation, rounded", "Exact <year>", "Rounded <year>", "EU overlap, exact <year>", "EU overlap <year>" (rounded),
 *   "Net new <year>" (rounded) and "Held by"; a year's columns are found by their position, not by the year they show
 *   (the years follow the start input);
 * - the schedule's rows are labelled "Tranche, exact ..." and "Tranche, rounded ..." in column A, with one column per
 *   year from column B;
 * - the EU instruments table's header is "Id", "Name", "Counted", then one column per calendar year (headed by the
 *   year) holding each instrument's amount that year, the inputs of its amount and years; the EU states table's
 *   header is "Code", "Name", "GNI ...", "Contributing", with a column "In <ID>" per instrument saying whether the
 *   state takes part;
 * - the monthly bilateral aid sits on the sheet "Aid by month": a header row with "Code" in column A and one column per
 *   month headed YYYY-MM, a row per contributor, amounts in EUR (the aid window's sum is formulas over it);
 * - the status cells sit beside the labels "Passes" (whether the level solve settled; "Settled..." or "No passes
 *   needed...") and "Rounded table", "Rounding check" in column A, the value in column B.
 */
import { cellAddress, parameterDefinedName, parseAddress } from "../../src/workbook/description";
import type { ParameterName } from "../../src/engine";
import type { XlsxWorkbook } from "../../src/workbook/xlsx-read";

export const COPY_SHEET = "Fair Share";
export const AID_SHEET = "Aid by month";

/** What the tests need of a copy and cannot find in it. */
export class LayoutError extends Error {}

const HEADER = {
  table: { code: "Code", name: "Name", marker: /^Allocation, exact/ },
  exempt: /^Exempt$/,
  cap: /^Cap \(/,
  floor: /^Floor \(/,
  key: /^Key$/,
  population: /^Population\b/,
  gdpOfYear: /^GDP (\d{4})\b/,
  exact: /^Allocation, exact\b/,
  rounded: /^Allocation, rounded\b/,
  exactByYear: /^Exact \d{4}$/,
  roundedByYear: /^Rounded \d{4}$/,
  exactOverlapByYear: /^EU overlap, exact \d{4}$/,
  overlapByYear: /^EU overlap \d{4}$/,
  netNewByYear: /^Net new \d{4}$/,
  constraint: /^Held by$/,
  total: "Total",
  instruments: { id: "Id", name: "Name", counted: "Counted" },
  /** An instrument's amount per calendar year: one column per year, its header the year (a number). */
  calendarYear: /^\d{4}$/,
  states: { code: "Code", name: "Name", contributing: "Contributing" },
  inInstrument: (id: string) => new RegExp(`^In ${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
  trancheExact: /^Tranche, exact\b/,
  trancheRounded: /^Tranche, rounded\b/,
} as const;

const STATUS_LABELS = { settled: "Passes", stale: "Rounded table", check: "Rounding check" } as const;

type Cells = ReadonlyMap<string, { readonly value: unknown }>;

function textOf(cells: Cells, address: string): string {
  const value = cells.get(address)?.value;
  return value === null || value === undefined ? "" : String(value).trim();
}

/** Every row of column-1 label `label` (exact text or pattern). */
function rowsLabelled(cells: Cells, column: number, label: string | RegExp): number[] {
  const rows: number[] = [];
  for (const address of cells.keys()) {
    const { row, column: c } = parseAddress(address);
    const text = textOf(cells, address);
    if (c === column && (typeof label === "string" ? text === label : label.test(text))) rows.push(row);
  }
  return rows.sort((a, b) => a - b);
}

/** The header texts of a row, by column letter-address, left to right. */
function headerRow(cells: Cells, row: number): { column: string; text: string }[] {
  const found: { column: number; text: string }[] = [];
  for (const address of cells.keys()) {
    const parsed = parseAddress(address);
    if (parsed.row === row) found.push({ column: parsed.column, text: textOf(cells, address) });
  }
  return found
    .sort((a, b) => a.column - b.column)
    .map(({ column, text }) => ({ column: cellAddress(1, column).replace(/\d+$/, ""), text }));
}

class Header {
  constructor(
    private readonly what: string,
    private readonly columns: readonly { column: string; text: string }[]
  ) {}
  /** The one column whose header matches; a LayoutError naming the headers found when there is none. */
  one(pattern: RegExp | string, why = ""): string {
    const found = this.all(pattern);
    if (found.length !== 1) {
      throw new LayoutError(
        `${this.what}: expected one column headed ${String(pattern)}${why ? ` (${why})` : ""}, found ${found.length}; ` +
          `the headers are ${this.columns.map((c) => JSON.stringify(c.text)).join(", ")}`
      );
    }
    return found[0];
  }
  all(pattern: RegExp | string): string[] {
    const matches = (text: string): boolean => (typeof pattern === "string" ? text === pattern : pattern.test(text));
    return this.columns.filter((c) => matches(c.text)).map((c) => c.column);
  }
  texts(): string[] {
    return this.columns.map((c) => c.text);
  }
  columnsWithText(): readonly { column: string; text: string }[] {
    return this.columns;
  }
  /** The header text of a column (by its letters). */
  textAt(column: string): string {
    return this.columns.find((c) => c.column === column)?.text ?? "";
  }
}

/** Where the tests read and edit a copy; found in the file as written (its cached values). */
export class CopyLayout {
  readonly sheet = COPY_SHEET;
  /** The contributors' codes, in the table's order, and their rows. */
  readonly codes: readonly string[];
  private readonly rowByCode: ReadonlyMap<string, number>;
  readonly totalRow: number;
  private readonly headerAt: number;
  private readonly table: Header;
  private readonly names: ReadonlyMap<string, string>;
  private readonly cells: Cells;
  private readonly workbook: XlsxWorkbook;

  constructor(workbook: XlsxWorkbook) {
    this.workbook = workbook;
    const sheet = workbook.sheets.find((candidate) => candidate.name === COPY_SHEET);
    if (!sheet) {
      throw new LayoutError(
        `no sheet "${COPY_SHEET}"; the sheets are ${workbook.sheets.map((s) => s.name).join(", ")}`
      );
    }
    this.cells = sheet.cells;
    this.names = new Map(
      workbook.names
        .filter((name) => name.target?.sheet === COPY_SHEET && (!name.scopeSheet || name.scopeSheet === COPY_SHEET))
        .map((name) => [name.name.toLowerCase(), name.target?.range ?? ""])
    );
    const headerAt = this.tableHeaderRow(HEADER.table.code, HEADER.table.name, (texts) =>
      texts.some((text) => HEADER.table.marker.test(text))
    );
    this.headerAt = headerAt;
    this.table = new Header("the contributors table", headerRow(this.cells, headerAt));
    const totals = rowsLabelled(this.cells, 1, HEADER.total).filter((row) => row > headerAt);
    if (totals.length === 0)
      throw new LayoutError(`the contributors table (header row ${headerAt}) has no "Total" row`);
    this.totalRow = totals[0];
    const codes: string[] = [];
    const rowByCode = new Map<string, number>();
    for (let row = headerAt + 1; row < this.totalRow; row++) {
      const code = textOf(this.cells, `A${row}`);
      codes.push(code);
      rowByCode.set(code, row);
    }
    this.codes = codes;
    this.rowByCode = rowByCode;
  }

  /** The row of a table's header: first two columns `first`, `second`, and the row's texts passing `more`. */
  private tableHeaderRow(first: string, second: string, more: (texts: string[]) => boolean): number {
    for (const row of rowsLabelled(this.cells, 1, first)) {
      const texts = headerRow(this.cells, row).map((c) => c.text);
      if (textOf(this.cells, `B${row}`) === second && more(texts)) return row;
    }
    throw new LayoutError(`${COPY_SHEET}: no table header starting "${first}", "${second}"`);
  }

  /**
   * A contributor's bilateral aid of one month: the issue asks for the monthly aid per ally in the workbook, the aid
   * window summed in formulas. The address names its sheet ('Aid by month'!C7).
   */
  monthlyAidCell(code: string, month: string): string {
    const sheet = this.workbook.sheets.find((candidate) => candidate.name === AID_SHEET);
    if (!sheet) {
      throw new LayoutError(
        `no sheet "${AID_SHEET}" with the monthly bilateral aid per ally (the issue asks the workbook to carry it and ` +
          `sum the aid window in formulas); the sheets are ${this.workbook.sheets.map((s) => s.name).join(", ")}`
      );
    }
    const headerAt = rowsLabelled(sheet.cells, 1, "Code")[0];
    const codeRow = rowsLabelled(sheet.cells, 1, code).find((row) => row > (headerAt ?? 0));
    const column =
      headerAt === undefined ? undefined : headerRow(sheet.cells, headerAt).find((c) => c.text === month)?.column;
    if (headerAt === undefined || codeRow === undefined || column === undefined) {
      throw new LayoutError(
        `"${AID_SHEET}" has no cell for ${code} in ${month} (a "Code" header row, a column ${month})`
      );
    }
    return `'${AID_SHEET}'!${column}${codeRow}`;
  }

  /**
   * The header of the contributors table's rightmost printed column (printing one page wide puts it beside the
   * codes): within the sheet's print area when it has one (the workings to its right stay on screen).
   */
  lastTableHeader(): string {
    const area = this.names.get("_xlnm.print_area");
    const last = area === undefined ? Infinity : parseAddress(area.split(":")[1] ?? area).column;
    const texts = this.table
      .columnsWithText()
      .filter(({ column, text }) => text !== "" && parseAddress(`${column}1`).column <= last)
      .map(({ text }) => text);
    return texts[texts.length - 1];
  }

  /** The cell of an input of the inputs block, by its defined name fs.<parameter>. */
  input(parameter: ParameterName): string {
    const name = parameterDefinedName(parameter);
    const range = this.names.get(name.toLowerCase());
    if (!range || range.includes(":")) {
      throw new LayoutError(`no defined name ${name} for one cell of "${COPY_SHEET}" (the input ${parameter})`);
    }
    return range;
  }

  private rowOf(code: string): number {
    const row = this.rowByCode.get(code);
    if (row === undefined) throw new LayoutError(`${code} is not in the contributors table (${this.codes.join(",")})`);
    return row;
  }

  /** A contributor's input cell. */
  exemptCell(code: string): string {
    return `${this.table.one(HEADER.exempt)}${this.rowOf(code)}`;
  }
  capCell(code: string): string {
    return `${this.table.one(HEADER.cap)}${this.rowOf(code)}`;
  }
  floorCell(code: string): string {
    return `${this.table.one(HEADER.floor)}${this.rowOf(code)}`;
  }
  keyCell(code: string): string {
    return `${this.table.one(HEADER.key)}${this.rowOf(code)}`;
  }
  populationCell(code: string): string {
    return `${this.table.one(HEADER.population)}${this.rowOf(code)}`;
  }
  /** A contributor's GDP of one data year: the issue asks for one GDP column per year the copy carries. */
  gdpCell(code: string, year: number): string {
    const column = this.table
      .all(HEADER.gdpOfYear)
      .find((c) => HEADER.gdpOfYear.exec(textOf(this.cells, `${c}${this.headerAt}`))?.[1] === String(year));
    if (!column) {
      throw new LayoutError(
        `the contributors table has no GDP column for ${year} (one "GDP ${year} ..." column per year carried, as the ` +
          `issue asks); the headers are ${this.table
            .texts()
            .map((t) => JSON.stringify(t))
            .join(", ")}`
      );
    }
    return `${column}${this.rowOf(code)}`;
  }

  /** Figure cells of a contributor. */
  exactCell(code: string): string {
    return `${this.table.one(HEADER.exact)}${this.rowOf(code)}`;
  }
  roundedCell(code: string): string {
    return `${this.table.one(HEADER.rounded)}${this.rowOf(code)}`;
  }
  constraintCell(code: string): string {
    return `${this.table.one(HEADER.constraint)}${this.rowOf(code)}`;
  }
  private yearColumns(pattern: RegExp, years: number): string[] {
    const columns = this.table.all(pattern);
    if (columns.length !== years) {
      throw new LayoutError(`the contributors table has ${columns.length} columns headed ${pattern}, not ${years}`);
    }
    return columns;
  }
  /** A contributor's figure of the j-th year (0-based), in a family of year columns. */
  exactByYearCell(code: string, j: number, years: number): string {
    return `${this.yearColumns(HEADER.exactByYear, years)[j]}${this.rowOf(code)}`;
  }
  roundedByYearCell(code: string, j: number, years: number): string {
    return `${this.yearColumns(HEADER.roundedByYear, years)[j]}${this.rowOf(code)}`;
  }
  exactOverlapByYearCell(code: string, j: number, years: number): string {
    return `${this.yearColumns(HEADER.exactOverlapByYear, years)[j]}${this.rowOf(code)}`;
  }
  overlapByYearCell(code: string, j: number, years: number): string {
    return `${this.yearColumns(HEADER.overlapByYear, years)[j]}${this.rowOf(code)}`;
  }
  netNewByYearCell(code: string, j: number, years: number): string {
    return `${this.yearColumns(HEADER.netNewByYear, years)[j]}${this.rowOf(code)}`;
  }
  exactTotalCell(): string {
    return `${this.table.one(HEADER.exact)}${this.totalRow}`;
  }
  roundedTotalCell(): string {
    return `${this.table.one(HEADER.rounded)}${this.totalRow}`;
  }

  /** The schedule's tranche of the j-th year, exact or rounded. */
  trancheCell(kind: "exact" | "rounded", j: number): string {
    const rows = rowsLabelled(this.cells, 1, kind === "exact" ? HEADER.trancheExact : HEADER.trancheRounded);
    if (rows.length !== 1) throw new LayoutError(`expected one schedule row "Tranche, ${kind}", found ${rows.length}`);
    return cellAddress(rows[0], 2 + j);
  }

  /** A status cell, by its label. */
  statusCell(which: keyof typeof STATUS_LABELS): string {
    const rows = rowsLabelled(this.cells, 1, STATUS_LABELS[which]);
    if (rows.length !== 1) throw new LayoutError(`expected one status label "${STATUS_LABELS[which]}" in column A`);
    return `B${rows[0]}`;
  }
  /** Every status cell the copy has. */
  statusCells(): string[] {
    return (Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[])
      .filter((which) => rowsLabelled(this.cells, 1, STATUS_LABELS[which]).length === 1)
      .map((which) => this.statusCell(which));
  }

  /** The EU instruments table: an instrument's row and input columns. */
  private instrumentsTable(): { header: Header; rows: Map<string, number> } {
    const { id, name, counted } = HEADER.instruments;
    const headerAt = this.tableHeaderRow(id, name, (texts) => texts[2] === counted);
    const rows = new Map<string, number>();
    for (let row = headerAt + 1; textOf(this.cells, `A${row}`) !== ""; row++)
      rows.set(textOf(this.cells, `A${row}`), row);
    return { header: new Header("the EU instruments table", headerRow(this.cells, headerAt)), rows };
  }
  private instrumentRow(id: string): { header: Header; row: number } {
    const { header, rows } = this.instrumentsTable();
    const row = rows.get(id);
    if (row === undefined) throw new LayoutError(`the EU instruments table has no row ${id} (${[...rows.keys()]})`);
    return { header, row };
  }
  instrumentIds(): string[] {
    return [...this.instrumentsTable().rows.keys()];
  }
  countedCell(id: string): string {
    const { header, row } = this.instrumentRow(id);
    return `${header.one(HEADER.instruments.counted)}${row}`;
  }
  /** An instrument's amount cells, one per calendar year the table has, with their years. */
  instrumentYearCells(id: string): { year: number; cell: string }[] {
    const { header, row } = this.instrumentRow(id);
    const columns = header.all(HEADER.calendarYear);
    if (columns.length === 0) {
      throw new LayoutError(`the EU instruments table has no calendar-year columns (${header.texts().join(", ")})`);
    }
    return columns.map((column) => ({ year: Number(header.textAt(column)), cell: `${column}${row}` }));
  }

  /** The EU states table: a state's "Contributing" cell and its "In <ID>" cell. */
  private statesTable(): { header: Header; rows: Map<string, number> } {
    const { code, name, contributing } = HEADER.states;
    const headerAt = this.tableHeaderRow(code, name, (texts) => texts.includes(contributing));
    const rows = new Map<string, number>();
    for (let row = headerAt + 1; textOf(this.cells, `A${row}`) !== ""; row++)
      rows.set(textOf(this.cells, `A${row}`), row);
    return { header: new Header("the EU states table", headerRow(this.cells, headerAt)), rows };
  }
  private stateRow(code: string): { header: Header; row: number } {
    const { header, rows } = this.statesTable();
    const row = rows.get(code);
    if (row === undefined) throw new LayoutError(`the EU states table has no row ${code}`);
    return { header, row };
  }
  contributingCell(code: string): string {
    const { header, row } = this.stateRow(code);
    return `${header.one(HEADER.states.contributing)}${row}`;
  }
  takesPartCell(code: string, id: string): string {
    const { header, row } = this.stateRow(code);
    return `${header.one(HEADER.inInstrument(id))}${row}`;
  }
}
