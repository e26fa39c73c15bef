/**
 * A recording stand-in for the slice of the Excel JavaScript API the Office adapter uses (src/workbook/office.ts). It
 * keeps a small workbook in memory, records what was written, and fails on the protocol errors Office.js punishes:
 * - reading a property that was not loaded, or was loaded but not yet synced;
 * - reading isNullObject before a sync;
 * - calling context.sync from the same line twice in one Excel.run (a sync inside a loop);
 * - writes queued after the last sync of a run (Excel never receives them).
 * Every protocol error is thrown where it happens and also kept in `recording.protocolErrors`, so a caller that
 * catches errors (the task pane shows them to the user) cannot hide one from a test.
 *
 * Self-contained (no imports): the browser tests transpile this file into a script that stands in for office.js.
 */

export interface RecordedCell {
  value?: unknown;
  formula?: string;
  numberFormat?: unknown;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  /** Whether calculation was suspended when the formula was written. */
  writtenWhileSuspended?: boolean;
}

export interface RecordedChart {
  type: string;
  title: string;
  series: { name: string; values: string; categories: string }[];
  from: string;
  to: string;
}

export interface RecordedSheet {
  name: string;
  cells: Record<string, RecordedCell>;
  names: Record<string, { range: string; comment?: string }>;
  conditionalFormats: {
    range: string;
    type: string;
    formula: string;
    fill?: string;
    bold?: boolean;
    fontColor?: string;
  }[];
  charts: RecordedChart[];
  frozenRows: number;
  columnWidths: Record<string, number>;
  /** A protected sheet: its cells refuse writes, as Excel's do. */
  protected?: boolean;
  /** The visibility last set through Office.js ("VeryHidden", ...); left out until one is set. */
  visibility?: string;
  /** How many times its visibility was set. */
  visibilitySets?: number;
}

export interface Recording {
  sheets: RecordedSheet[];
  active: string;
  /** Per Excel.run: its options and the number of syncs. */
  runs: { options: unknown; syncs: number }[];
  protocolErrors: string[];
  /** The selected range: sheet and values (a rectangle starting at A1 of `values`). */
  selection: unknown[][];
  /** The base64 of every file passed to Excel.createWorkbook, in order. */
  createdWorkbooks: string[];
  /** Every range whose formulas were assigned, as "Sheet!A1:B2", in order. */
  formulaWrites: string[];
  /** The document's settings as the add-in sees them (set but maybe not saved), and a copy at each saveAsync. */
  settings: Record<string, unknown>;
  settingsSaves: Record<string, unknown>[];
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(`Office.js protocol error: ${message}`);
    this.name = "ProtocolError";
  }
}

function parseCell(address: string): { row: number; column: number } {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address);
  if (match === null) throw new Error(`recording host: "${address}" is not a cell address`);
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

function letters(column: number): string {
  let text = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    text = String.fromCharCode(65 + ((rest - 1) % 26)) + text;
  }
  return text;
}

/** The cells of a rectangular range "B4:C6" (or one cell), row by row. */
function cellsOf(address: string): string[][] {
  const [from, to = from] = address.split(":");
  const a = parseCell(from);
  const b = parseCell(to);
  const rows: string[][] = [];
  for (let row = a.row; row <= b.row; row += 1) {
    const line: string[] = [];
    for (let column = a.column; column <= b.column; column += 1) line.push(`${letters(column)}${row}`);
    rows.push(line);
  }
  return rows;
}

export function createRecordingExcel(
  initial: {
    sheets?: RecordedSheet[];
    active?: string;
    selection?: unknown[][];
    /** The document's saved settings when it opens. */
    settings?: Record<string, unknown>;
    /** Makes every settings.saveAsync fail with this message. */
    settingsSaveFails?: string;
  } = {}
) {
  const recording: Recording = {
    sheets: initial.sheets ?? [emptySheet("Sheet1")],
    active: initial.active ?? initial.sheets?.[0]?.name ?? "Sheet1",
    runs: [],
    protocolErrors: [],
    selection: initial.selection ?? [[""]],
    createdWorkbooks: [],
    formulaWrites: [],
    settings: { ...initial.settings },
    settingsSaves: [],
  };
  /** The handlers of worksheet onChanged events, by sheet name; fireChanged calls them as a co-author's edit would. */
  const changeHandlers: { sheet: string; handler: (event: { source: string }) => Promise<unknown> }[] = [];

  function emptySheet(name: string): RecordedSheet {
    return { name, cells: {}, names: {}, conditionalFormats: [], charts: [], frozenRows: 0, columnWidths: {} };
  }

  function protocol(message: string): never {
    recording.protocolErrors.push(message);
    throw new ProtocolError(message);
  }

  function sheetNamed(name: string): RecordedSheet {
    const sheet = recording.sheets.find((candidate) => candidate.name === name);
    if (sheet === undefined) throw new Error(`recording host: no sheet "${name}"`);
    return sheet;
  }

  class Context {
    private pending: { target: Proxyable; property: string }[] = [];
    private syncSites = new Set<string>();
    suspended = false;
    dirty = false;
    syncs = 0;
    readonly workbook: WorkbookProxy;
    readonly application: { suspendApiCalculationUntilNextSync(): void };

    constructor() {
      this.workbook = new WorkbookProxy(this);
      this.application = {
        suspendApiCalculationUntilNextSync: () => {
          this.suspended = true;
        },
      };
    }

    queueLoad(target: Proxyable, property: string): void {
      this.pending.push({ target, property });
    }

    wrote(): void {
      this.dirty = true;
    }

    async sync(): Promise<void> {
      // The caller's line: the same line syncing twice in one run is a sync inside a loop.
      const site = (new Error().stack ?? "").split("\n").slice(2, 3).join("");
      if (this.syncSites.has(site))
        protocol(`context.sync called again from the same place (in a loop): ${site.trim()}`);
      this.syncSites.add(site);
      this.syncs += 1;
      for (const { target, property } of this.pending) target.settle(property);
      this.pending = [];
      this.suspended = false;
      this.dirty = false;
    }
  }

  /** An API object whose properties must be loaded and synced before they are read. */
  abstract class Proxyable {
    private queued = new Set<string>();
    private settled = new Map<string, unknown>();
    private synced = false;

    constructor(protected readonly context: Context) {}

    /** The current value of a loadable property. */
    protected abstract snapshot(property: string): unknown;

    load(properties: string): void {
      for (const property of properties.split(",").map((p) => p.trim())) {
        this.queued.add(property);
        this.context.queueLoad(this, property);
      }
    }

    settle(property: string): void {
      this.synced = true;
      this.settled.set(property, this.snapshot(property));
    }

    protected read<T>(property: string): T {
      if (!this.settled.has(property)) {
        protocol(
          this.queued.has(property)
            ? `${this.constructor.name}.${property} read before context.sync`
            : `${this.constructor.name}.${property} read without load("${property}")`
        );
      }
      return this.settled.get(property) as T;
    }

    get isNullObject(): boolean {
      if (!this.synced) protocol(`${this.constructor.name}.isNullObject read before load and context.sync`);
      return this.isNull();
    }

    protected isNull(): boolean {
      return false;
    }
  }

  class WorkbookProxy {
    readonly worksheets: WorksheetCollectionProxy;
    constructor(private readonly context: Context) {
      this.worksheets = new WorksheetCollectionProxy(context);
    }
    getSelectedRange(): RangeProxy {
      return new RangeProxy(this.context, recording.active, "A1", recording.selection);
    }
  }

  class WorksheetCollectionProxy extends Proxyable {
    protected snapshot(property: string): unknown {
      if (property === "items/name" || property === "items") {
        return recording.sheets.map((sheet) => {
          const proxy = new WorksheetProxy(this.context, sheet.name);
          proxy.settle("name");
          return proxy;
        });
      }
      throw new Error(`recording host: worksheets cannot load ${property}`);
    }
    get items(): WorksheetProxy[] {
      return this.read("items/name");
    }
    add(name: string): WorksheetProxy {
      if (recording.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) {
        throw new Error(`ItemAlreadyExists: a sheet named "${name}" exists`);
      }
      this.context.wrote();
      recording.sheets.push(emptySheet(name));
      return new WorksheetProxy(this.context, name);
    }
    getActiveWorksheet(): WorksheetProxy {
      return new WorksheetProxy(this.context, recording.active);
    }
    /** The sheet of that name, or a null object (isNullObject true after a load and a sync) when there is none. */
    getItemOrNullObject(name: string): WorksheetProxy {
      const sheet = recording.sheets.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      return new WorksheetProxy(this.context, sheet?.name ?? name, sheet === undefined);
    }
  }

  /** A worksheet's protection: `protected` is loaded like any property. */
  class ProtectionProxy extends Proxyable {
    constructor(
      context: Context,
      private readonly sheetName: string
    ) {
      super(context);
    }
    protected snapshot(property: string): unknown {
      if (property === "protected") return sheetNamed(this.sheetName).protected === true;
      throw new Error(`recording host: protection cannot load ${property}`);
    }
    get protected(): boolean {
      return this.read("protected");
    }
  }

  class WorksheetProxy extends Proxyable {
    readonly names: NamedItemCollectionProxy;
    readonly charts: ChartCollectionProxy;
    readonly protection: ProtectionProxy;
    readonly freezePanes: { freezeRows(count: number): void; unfreeze(): void };
    constructor(
      context: Context,
      private readonly sheetName: string,
      private readonly missing = false
    ) {
      super(context);
      this.names = new NamedItemCollectionProxy(context, sheetName);
      this.charts = new ChartCollectionProxy(context, sheetName);
      this.protection = new ProtectionProxy(context, sheetName);
      this.freezePanes = {
        freezeRows: (count: number) => {
          context.wrote();
          sheetNamed(sheetName).frozenRows = count;
        },
        unfreeze: () => {
          context.wrote();
          sheetNamed(sheetName).frozenRows = 0;
        },
      };
    }
    /** "charts/items/name" and "names/items/name" load through to the sheet's collections, as in Office.js. */
    load(properties: string): void {
      const own: string[] = [];
      for (const property of properties.split(",").map((p) => p.trim())) {
        if (property.startsWith("charts/")) this.charts.load(property.slice("charts/".length));
        else if (property.startsWith("names/")) this.names.load(property.slice("names/".length));
        else own.push(property);
      }
      if (own.length > 0) super.load(own.join(","));
    }
    protected snapshot(property: string): unknown {
      if (property === "name") return this.missing ? undefined : this.sheetName;
      throw new Error(`recording host: a worksheet cannot load ${property}`);
    }
    protected isNull(): boolean {
      return this.missing;
    }
    get name(): string {
      return this.read("name");
    }
    set visibility(value: string) {
      this.context.wrote();
      const sheet = sheetNamed(this.sheetName);
      sheet.visibility = value;
      sheet.visibilitySets = (sheet.visibilitySets ?? 0) + 1;
    }
    get onChanged(): { add(handler: (event: { source: string }) => Promise<unknown>): void } {
      return { add: (handler) => void changeHandlers.push({ sheet: this.sheetName, handler }) };
    }
    getRange(address?: string): RangeProxy {
      return new RangeProxy(this.context, this.sheetName, address ?? "");
    }
    /** The smallest rectangle holding every cell with a value or formula (a cell's format alone is not recorded). */
    getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
      void valuesOnly;
      const used = Object.entries(sheetNamed(this.sheetName).cells)
        .filter(([, cell]) => cell.formula !== undefined || (cell.value !== undefined && cell.value !== ""))
        .map(([address]) => parseCell(address));
      if (used.length === 0) return new RangeProxy(this.context, this.sheetName, "A1", undefined, true);
      const corner = (pick: (values: number[]) => number) =>
        `${letters(pick(used.map((cell) => cell.column)))}${pick(used.map((cell) => cell.row))}`;
      const from = corner((values) => Math.min(...values));
      const to = corner((values) => Math.max(...values));
      return new RangeProxy(this.context, this.sheetName, from === to ? from : `${from}:${to}`);
    }
    activate(): void {
      this.context.wrote();
      recording.active = this.sheetName;
    }
  }

  class NamedItemCollectionProxy extends Proxyable {
    constructor(
      context: Context,
      private readonly sheetName: string
    ) {
      super(context);
    }
    protected snapshot(property: string): unknown {
      if (property === "items/name" || property === "items") {
        return Object.keys(sheetNamed(this.sheetName).names).map((name) => {
          const item = new NamedItemProxy(this.context, this.sheetName, name);
          item.settle("name");
          return item;
        });
      }
      throw new Error(`recording host: names cannot load ${property}`);
    }
    get items(): NamedItemProxy[] {
      return this.read("items/name");
    }
    add(name: string, reference: RangeProxy, comment?: string): void {
      this.context.wrote();
      if (reference.sheetName !== this.sheetName) throw new Error(`recording host: ${name} refers to another sheet`);
      sheetNamed(this.sheetName).names[name] =
        comment === undefined ? { range: reference.address } : { range: reference.address, comment };
    }
    getItemOrNullObject(name: string): NamedItemProxy {
      return new NamedItemProxy(this.context, this.sheetName, name);
    }
  }

  class NamedItemProxy extends Proxyable {
    constructor(
      context: Context,
      private readonly sheetName: string,
      private readonly itemName: string
    ) {
      super(context);
    }
    protected isNull(): boolean {
      return sheetNamed(this.sheetName).names[this.itemName] === undefined;
    }
    protected snapshot(property: string): unknown {
      if (property === "name") return this.itemName;
      throw new Error(`recording host: a name cannot load ${property}`);
    }
    get name(): string {
      return this.read("name");
    }
    getRange(): RangeProxy {
      const entry = sheetNamed(this.sheetName).names[this.itemName];
      if (entry === undefined) protocol(`getRange on the null object for name ${this.itemName}`);
      return new RangeProxy(this.context, this.sheetName, entry.range);
    }
    delete(): void {
      this.context.wrote();
      delete sheetNamed(this.sheetName).names[this.itemName];
    }
  }

  class ChartCollectionProxy extends Proxyable {
    constructor(
      context: Context,
      private readonly sheetName: string
    ) {
      super(context);
    }
    protected snapshot(property: string): unknown {
      if (property === "items/name" || property === "items") {
        return sheetNamed(this.sheetName).charts.map((chart) => new ChartProxy(this.context, this.sheetName, chart));
      }
      throw new Error(`recording host: charts cannot load ${property}`);
    }
    get items(): ChartProxy[] {
      return this.read("items/name");
    }
    add(type: string, source: RangeProxy, seriesBy: string): ChartProxy {
      this.context.wrote();
      if (seriesBy !== "Columns") throw new Error("recording host: only series by columns is recorded");
      const columns = cellsOf(source.address)[0].length;
      if (columns !== 1) throw new Error("recording host: a chart is added from one column of values");
      const chart: RecordedChart = {
        type,
        title: "",
        series: [{ name: "", values: source.address, categories: "" }],
        from: "",
        to: "",
      };
      sheetNamed(this.sheetName).charts.push(chart);
      return new ChartProxy(this.context, this.sheetName, chart);
    }
  }

  class ChartProxy {
    readonly title: { text: string };
    readonly series: {
      getItemAt(index: number): SeriesProxy;
      add(name?: string): SeriesProxy;
    };
    constructor(
      private readonly context: Context,
      private readonly sheetName: string,
      private readonly chart: RecordedChart
    ) {
      const write = () => context.wrote();
      this.title = {
        set text(value: string) {
          write();
          chart.title = value;
        },
        get text(): string {
          return protocol("chart.title.text read without load");
        },
      };
      this.series = {
        getItemAt: (index: number) => {
          const entry = chart.series[index];
          if (entry === undefined) throw new Error(`recording host: the chart has no series ${index}`);
          return new SeriesProxy(context, entry);
        },
        add: (name?: string) => {
          write();
          const entry = { name: name ?? "", values: "", categories: "" };
          chart.series.push(entry);
          return new SeriesProxy(context, entry);
        },
      };
    }
    setPosition(from: string, to: string): void {
      this.context.wrote();
      this.chart.from = from;
      this.chart.to = to;
    }
    delete(): void {
      this.context.wrote();
      const charts = sheetNamed(this.sheetName).charts;
      charts.splice(charts.indexOf(this.chart), 1);
    }
  }

  class SeriesProxy {
    constructor(
      private readonly context: Context,
      private readonly entry: RecordedChart["series"][number]
    ) {}
    set name(value: string) {
      this.context.wrote();
      this.entry.name = value;
    }
    get name(): string {
      return protocol("series.name read without load");
    }
    setValues(range: RangeProxy): void {
      this.context.wrote();
      this.entry.values = range.address;
    }
    setXAxisValues(range: RangeProxy): void {
      this.context.wrote();
      this.entry.categories = range.address;
    }
  }

  class RangeProxy extends Proxyable {
    readonly format: ReturnType<RangeProxy["makeFormat"]>;
    readonly conditionalFormats: {
      add(type: string): {
        custom: {
          rule: { formula: string };
          format: { fill: { color: string }; font: { bold: boolean; color: string } };
        };
      };
      clearAll(): void;
    };

    constructor(
      context: Context,
      readonly sheetName: string,
      /** "" for the whole sheet, "A:A" for a column, else a rectangle. */
      readonly address: string,
      private readonly fixedValues?: unknown[][],
      /** A null object (getUsedRangeOrNullObject on an empty sheet). */
      private readonly missing = false
    ) {
      super(context);
      this.format = this.makeFormat();
      const sheet = () => sheetNamed(sheetName);
      this.conditionalFormats = {
        add: (type: string) => {
          context.wrote();
          const rule = { range: address, type, formula: "" } as RecordedSheet["conditionalFormats"][number];
          sheet().conditionalFormats.push(rule);
          return {
            custom: {
              rule: {
                set formula(value: string) {
                  context.wrote();
                  rule.formula = value;
                },
                get formula(): string {
                  return protocol("rule.formula read without load");
                },
              },
              format: {
                fill: {
                  set color(value: string) {
                    rule.fill = value;
                  },
                  get color(): string {
                    return protocol("fill.color read without load");
                  },
                },
                font: {
                  set bold(value: boolean) {
                    rule.bold = value;
                  },
                  get bold(): boolean {
                    return protocol("font.bold read without load");
                  },
                  set color(value: string) {
                    rule.fontColor = value;
                  },
                  get color(): string {
                    return protocol("font.color read without load");
                  },
                },
              },
            },
          };
        },
        clearAll: () => {
          context.wrote();
          if (address !== "") throw new Error("recording host: clearAll is recorded on the whole sheet only");
          sheet().conditionalFormats = [];
        },
      };
    }

    private cellGrid(): string[][] {
      if (this.address === "" || /^[A-Z]+:[A-Z]+$/.test(this.address)) {
        throw new Error(`recording host: cell values of "${this.address}" (a whole sheet or column) are not recorded`);
      }
      return cellsOf(this.address);
    }

    private cell(address: string): RecordedCell {
      const cells = sheetNamed(this.sheetName).cells;
      return (cells[address] ??= {});
    }

    private writeEach(values: unknown[][], apply: (cell: RecordedCell, value: unknown) => void): void {
      this.context.wrote();
      if (sheetNamed(this.sheetName).protected === true) {
        throw new Error(`AccessDenied: the sheet "${this.sheetName}" is protected`);
      }
      const grid = this.cellGrid();
      if (values.length !== grid.length || values.some((row, index) => row.length !== grid[index].length)) {
        protocol(`a ${values.length}-row array written to ${this.address} of another shape`);
      }
      grid.forEach((row, r) => row.forEach((address, c) => apply(this.cell(address), values[r][c])));
    }

    private eachCell(apply: (cell: RecordedCell) => void): void {
      this.context.wrote();
      if (/^[A-Z]+:[A-Z]+$/.test(this.address) || this.address === "") return;
      for (const row of cellsOf(this.address)) for (const address of row) apply(this.cell(address));
    }

    protected isNull(): boolean {
      return this.missing;
    }

    protected snapshot(property: string): unknown {
      // As Excel gives it: the sheet's name, quoted when it is not a plain word.
      if (property === "address") {
        const sheet = /^\w+$/.test(this.sheetName) ? this.sheetName : `'${this.sheetName.replace(/'/g, "''")}'`;
        return `${sheet}!${this.address}`;
      }
      // A formula where the cell has one, else its constant ("" for an empty cell), as Excel's formulas property.
      if (property === "formulas") {
        return this.cellGrid().map((row) =>
          row.map((address) => {
            const cell = sheetNamed(this.sheetName).cells[address];
            return cell?.formula ?? cell?.value ?? "";
          })
        );
      }
      if (property === "rowIndex" || property === "columnIndex") {
        const corner = parseCell(this.address.split(":")[0]);
        return property === "rowIndex" ? corner.row - 1 : corner.column - 1;
      }
      if (property !== "values") throw new Error(`recording host: a range cannot load ${property}`);
      if (this.fixedValues !== undefined) return this.fixedValues;
      return this.cellGrid().map((row) =>
        row.map((address) => {
          const cell = sheetNamed(this.sheetName).cells[address];
          return cell?.value ?? "";
        })
      );
    }

    set values(values: unknown[][]) {
      this.writeEach(values, (cell, value) => {
        cell.value = value;
        delete cell.formula;
      });
    }
    get values(): unknown[][] {
      return this.read("values");
    }
    get rowIndex(): number {
      return this.read("rowIndex");
    }
    get columnIndex(): number {
      return this.read("columnIndex");
    }
    /** Deletes whole rows ("5:5", "5:7"), moving the rows below up; only that is recorded. */
    delete(shift: string): void {
      this.context.wrote();
      const rows = /^(\d+):(\d+)$/.exec(this.address);
      if (rows === null || shift !== "Up") throw new Error("recording host: only whole rows are deleted, shifting up");
      const [first, last] = [Number(rows[1]), Number(rows[2])];
      const sheet = sheetNamed(this.sheetName);
      const moved: Record<string, RecordedCell> = {};
      for (const [address, cell] of Object.entries(sheet.cells)) {
        const { row, column } = parseCell(address);
        if (row < first) moved[address] = cell;
        else if (row > last) moved[`${letters(column)}${row - (last - first + 1)}`] = cell;
      }
      sheet.cells = moved;
    }
    set formulas(values: unknown[][]) {
      recording.formulaWrites.push(`${this.sheetName}!${this.address}`);
      const suspended = this.context.suspended;
      this.writeEach(values, (cell, value) => {
        cell.formula = String(value);
        cell.writtenWhileSuspended = suspended;
        delete cell.value;
      });
    }
    get formulas(): unknown[][] {
      return this.read("formulas");
    }
    set numberFormat(values: unknown[][]) {
      this.writeEach(values, (cell, value) => {
        cell.numberFormat = value;
      });
    }
    get numberFormat(): unknown[][] {
      return this.read("numberFormat");
    }

    clear(applyTo?: string): void {
      this.context.wrote();
      if (this.address !== "" || (applyTo !== undefined && applyTo !== "All")) {
        throw new Error("recording host: clear is recorded on the whole sheet only");
      }
      sheetNamed(this.sheetName).cells = {};
    }

    private makeFormat() {
      const each = (apply: (cell: RecordedCell) => void) => this.eachCell(apply);
      const sheetName = this.sheetName;
      const address = this.address;
      const context = this.context;
      const unread = (what: string) => () => protocol(`${what} read without load`);
      return {
        font: {
          set bold(value: boolean) {
            each((cell) => (cell.bold = value));
          },
          get bold(): boolean {
            return unread("font.bold")();
          },
          set italic(value: boolean) {
            each((cell) => (cell.italic = value));
          },
          get italic(): boolean {
            return unread("font.italic")();
          },
          set color(value: string) {
            each((cell) => (cell.fontColor = value));
          },
          get color(): string {
            return unread("font.color")();
          },
        },
        fill: {
          set color(value: string) {
            each((cell) => (cell.fill = value));
          },
          get color(): string {
            return unread("fill.color")();
          },
        },
        set wrapText(value: boolean) {
          each((cell) => (cell.wrap = value));
        },
        get wrapText(): boolean {
          return unread("wrapText")();
        },
        set horizontalAlignment(value: string) {
          each(() => undefined);
          void value;
        },
        get horizontalAlignment(): string {
          return unread("horizontalAlignment")();
        },
        set columnWidth(value: number) {
          context.wrote();
          const match = /^([A-Z]+):\1$/.exec(address);
          if (match === null)
            throw new Error(`recording host: column width is recorded for whole columns, not ${address}`);
          sheetNamed(sheetName).columnWidths[match[1]] = value;
        },
        get columnWidth(): number {
          return unread("columnWidth")();
        },
        borders: {
          getItem: () => ({
            set style(value: string) {
              each(() => undefined);
              void value;
            },
            get style(): string {
              return unread("border.style")();
            },
          }),
        },
      };
    }
  }

  /** Office.context.document.settings: an in-memory bag, persisted (recorded) by saveAsync. */
  const documentSettings = {
    get(name: string): unknown {
      return name in recording.settings ? recording.settings[name] : null;
    },
    set(name: string, value: unknown): void {
      recording.settings[name] = value;
    },
    remove(name: string): void {
      delete recording.settings[name];
    },
    saveAsync(callback?: (result: { status: string; error?: { message: string } | null }) => void): void {
      const failure = initial.settingsSaveFails;
      if (failure === undefined) recording.settingsSaves.push({ ...recording.settings });
      const result =
        failure === undefined ? { status: "succeeded" } : { status: "failed", error: { message: failure } };
      // Asynchronous, as in Office.
      setTimeout(() => callback?.(result), 0);
    },
  };

  const excel = {
    documentSettings,
    async run<T>(optionsOrBatch: unknown, maybeBatch?: (context: Context) => Promise<T>): Promise<T> {
      const batch = (typeof optionsOrBatch === "function" ? optionsOrBatch : maybeBatch) as (
        context: Context
      ) => Promise<T>;
      const options = typeof optionsOrBatch === "function" ? {} : optionsOrBatch;
      const context = new Context();
      const entry = { options, syncs: 0 };
      recording.runs.push(entry);
      try {
        const result = await batch(context);
        if (context.dirty) protocol("writes were queued after the last context.sync of Excel.run");
        return result;
      } finally {
        entry.syncs = context.syncs;
      }
    },
    /** Excel.createWorkbook (ExcelApi 1.8) takes the file's bare base64, not a data: URL, and no Excel.run. */
    async createWorkbook(base64: string): Promise<void> {
      if (typeof base64 !== "string" || base64 === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
        protocol("Excel.createWorkbook takes a .xlsx file as bare base64");
      }
      recording.createdWorkbooks.push(base64);
    },
  };

  /** Calls the onChanged handlers of a sheet, as Excel does when a co-author edits it. */
  async function fireChanged(sheet: string): Promise<void> {
    for (const entry of changeHandlers.filter((candidate) => candidate.sheet === sheet)) {
      await entry.handler({ source: "Remote" });
    }
  }

  return { excel, recording, fireChanged };
}
