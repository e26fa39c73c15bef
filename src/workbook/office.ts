/**
 * The thin Office adapter: applies a SheetDescription to the workbook with Excel.run, and reads a scenario sheet's
 * inputs back. It knows Office.js, nothing about scenarios. Discipline (Microsoft's guidance, ../EXCEL facts):
 * - one Excel.run per user action, merged into one Undo step;
 * - loads queued together and two or three context.sync calls per action, never one inside a loop;
 * - calculation suspended while writing; constants first, the FAIRSHARE formulas once, after them;
 * - "Update sheet" clears and rewrites the sheet in place: deleting a sheet would clear the user's Undo.
 *
 * The types below are the slice of the Excel API this adapter uses, so that the real `Excel` global and the recording
 * test host both fit them.
 */
import type { CellDescription, CellStyle, ChartDescription, SheetDescription } from "./description";
import { INPUTS_BLOCK_NAME } from "./inputs-block";
import { callsFairShare, disableTrustPrompts, type DocumentSettingsLike } from "./office-trust";

export interface LoadableItems<T> {
  load(properties: string): void;
  readonly items: T[];
}

export interface FontLike {
  bold: boolean;
  italic: boolean;
  color: string;
}

export interface RangeFormatLike {
  readonly font: FontLike;
  readonly fill: { color: string };
  wrapText: boolean;
  horizontalAlignment: string;
  columnWidth: number;
  readonly borders: { getItem(index: string): { style: string } };
}

export interface RangeLike {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly format: RangeFormatLike;
  readonly conditionalFormats: {
    add(type: string): {
      readonly custom: { readonly rule: { formula: string }; readonly format: ConditionalStyleLike };
    };
    clearAll(): void;
  };
  load(properties: string): void;
  clear(applyTo?: string): void;
  /** Deletes the range's cells, moving the ones below up ("Up") or those to the right left ("Left"). */
  delete(shift: string): void;
}

/** A sheet's used range (rowIndex and columnIndex 0-based, loaded with its values); a null object when it is empty. */
export interface UsedRangeLike extends RangeLike {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly isNullObject: boolean;
  /** "Sheet1!A1:D9", as Excel gives it. */
  readonly address: string;
}

export interface ConditionalStyleLike {
  readonly font: { bold: boolean; color: string };
  readonly fill: { color: string };
}

export interface NamedItemLike {
  readonly name: string;
  readonly isNullObject: boolean;
  getRange(): RangeLike;
  load(properties: string): void;
  delete(): void;
}

export interface ChartSeriesLike {
  name: string;
  setValues(range: RangeLike): void;
  setXAxisValues(range: RangeLike): void;
}

export interface ChartLike {
  readonly title: { text: string };
  readonly series: { getItemAt(index: number): ChartSeriesLike; add(name?: string): ChartSeriesLike };
  setPosition(startCell: string, endCell: string): void;
  delete(): void;
}

export interface WorksheetLike {
  readonly name: string;
  visibility: string;
  getRange(address?: string): RangeLike;
  /** The range of the cells in use (with valuesOnly, those holding a value or formula); a null object when none. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): UsedRangeLike;
  readonly protection: { readonly protected: boolean; load(properties: string): void };
  readonly names: LoadableItems<NamedItemLike> & {
    add(name: string, reference: RangeLike, comment?: string): unknown;
    getItemOrNullObject(name: string): NamedItemLike;
  };
  readonly charts: LoadableItems<ChartLike> & { add(type: string, source: RangeLike, seriesBy: string): ChartLike };
  readonly freezePanes: { freezeRows(count: number): void; unfreeze(): void };
  load(properties: string): void;
  activate(): void;
  /** ExcelApi 1.7: a change to the sheet's cells, by this user or a co-author (event.source "Local" or "Remote"). */
  readonly onChanged: { add(handler: (event: { readonly source?: string }) => Promise<unknown>): unknown };
}

export interface RequestContextLike {
  readonly workbook: {
    readonly worksheets: LoadableItems<WorksheetLike> & {
      add(name: string): WorksheetLike;
      getActiveWorksheet(): WorksheetLike;
      getItemOrNullObject(name: string): WorksheetLike & { readonly isNullObject: boolean };
    };
    getSelectedRange(): RangeLike;
  };
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  sync(): Promise<void>;
}

export interface ExcelLike {
  run<T>(options: { mergeUndoGroup?: boolean }, batch: (context: RequestContextLike) => Promise<T>): Promise<T>;
  /** Opens a new workbook from a .xlsx file given as base64 (ExcelApi 1.8); missing in older Excel versions. */
  createWorkbook?(base64: string): Promise<void>;
  /** The document's settings (Office.context.document.settings), where the host gives them. */
  readonly documentSettings?: DocumentSettingsLike;
}

/** A problem the user can fix in the workbook (not a scenario input): shown beside the pane's actions. */
export class WorkbookActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookActionError";
  }
}

/** Excel's names for the description's chart types. */
const CHART_TYPES: Readonly<Record<ChartDescription["type"], string>> = {
  barStacked: "BarStacked",
  barClustered: "BarClustered",
  columnStacked: "ColumnStacked",
  columnClustered: "ColumnClustered",
  line: "Line",
};

/** Points per character of column width (Excel's default font). */
const POINTS_PER_CHARACTER = 7;

/** The first name not among the existing ones: "Fair Share scenario", then "Fair Share scenario (2)", ... */
export function uniqueSheetName(wanted: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n += 1) {
    const candidate = `${wanted} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function applyStyle(range: RangeLike, style: CellStyle): void {
  const format = range.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontColor !== undefined) format.font.color = `#${style.fontColor}`;
  if (style.fill !== undefined) format.fill.color = `#${style.fill}`;
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.horizontal !== undefined)
    format.horizontalAlignment = style.horizontal[0].toUpperCase() + style.horizontal.slice(1);
  if (style.borderBottom) format.borders.getItem("EdgeBottom").style = "Continuous";
  if (style.borderTop) format.borders.getItem("EdgeTop").style = "Continuous";
}

/** Queues the writes of one cell (no sync). */
function writeCell(sheet: WorksheetLike, cell: CellDescription): void {
  const range = sheet.getRange(cell.address);
  if (cell.formula !== undefined) range.formulas = [[cell.formula]];
  else if (cell.value !== undefined) range.values = [[cell.value === null ? "" : cell.value]];
  if (cell.numberFormat !== undefined) range.numberFormat = [[cell.numberFormat]];
  if (cell.style !== undefined) applyStyle(range, cell.style);
}

/** Queues everything a description holds onto an empty sheet (no sync). */
function writeDescription(sheet: WorksheetLike, description: SheetDescription): void {
  // Constants first, then the formulas once, so each FAIRSHARE formula is calculated once, with its inputs in place.
  const constants = description.cells.filter((cell) => cell.formula === undefined);
  const formulas = description.cells.filter((cell) => cell.formula !== undefined);
  for (const cell of constants) writeCell(sheet, cell);
  for (const name of description.names) sheet.names.add(name.name, sheet.getRange(name.range), name.comment);
  for (const cell of formulas) writeCell(sheet, cell);
  for (const rule of description.conditionalFormats) {
    const conditional = sheet.getRange(rule.range).conditionalFormats.add("Custom");
    conditional.custom.rule.formula = rule.formula;
    if (rule.style.fill !== undefined) conditional.custom.format.fill.color = `#${rule.style.fill}`;
    if (rule.style.fontColor !== undefined) conditional.custom.format.font.color = `#${rule.style.fontColor}`;
    if (rule.style.bold !== undefined) conditional.custom.format.font.bold = rule.style.bold;
  }
  for (const [column, width] of Object.entries(description.columnWidths ?? {})) {
    sheet.getRange(`${column}:${column}`).format.columnWidth = width * POINTS_PER_CHARACTER;
  }
  if (description.freeze !== undefined && description.freeze.rows > 0)
    sheet.freezePanes.freezeRows(description.freeze.rows);
  for (const chart of description.charts) {
    // The chart's first series comes from its first values range; the rest are added by range: a fixed range each.
    const added = sheet.charts.add(CHART_TYPES[chart.type], sheet.getRange(chart.series[0].values), "Columns");
    added.title.text = chart.title;
    chart.series.forEach((series, index) => {
      const item = index === 0 ? added.series.getItemAt(0) : added.series.add(series.name);
      if (index > 0) item.setValues(sheet.getRange(series.values));
      item.name = series.name;
      item.setXAxisValues(sheet.getRange(chart.categories));
    });
    added.setPosition(chart.from, chart.to);
  }
}

/**
 * After a sheet was written: when it calls FAIRSHARE functions, the workbook is marked so that Office does not ask
 * recipients without the add-in to trust it (office-trust.ts; once per document, since saving settings clears Undo).
 */
async function afterWrite(excel: ExcelLike, description: SheetDescription, name: string): Promise<string> {
  if (excel.documentSettings === undefined || !callsFairShare(description)) return name;
  try {
    await disableTrustPrompts(excel.documentSettings);
  } catch (error) {
    throw new WorkbookActionError(
      `Wrote sheet "${name}", but could not mark the workbook so that people without Fair Share are not asked to ` +
        `trust it (${error instanceof Error ? error.message : String(error)}). Writing a sheet again retries.`
    );
  }
  return name;
}

/** Inserts the described sheet as a new worksheet (renamed if the name is taken) and activates it; returns its name. */
export async function insertSheet(excel: ExcelLike, description: SheetDescription): Promise<string> {
  const name = await excel.run({ mergeUndoGroup: true }, async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const name = uniqueSheetName(
      description.name,
      worksheets.items.map((sheet) => sheet.name)
    );
    const sheet = worksheets.add(name);
    context.application.suspendApiCalculationUntilNextSync();
    writeDescription(sheet, description);
    sheet.activate();
    await context.sync();
    return name;
  });
  return afterWrite(excel, description, name);
}

/**
 * Rewrites the active scenario sheet in place with the description (its name is kept): clears its cells, formats,
 * conditional formats, charts and sheet-scoped names, then writes. Refuses a sheet that is not a scenario sheet.
 */
export async function updateActiveSheet(excel: ExcelLike, description: SheetDescription): Promise<string> {
  const name = await excel.run({ mergeUndoGroup: true }, async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const inputs = sheet.names.getItemOrNullObject(INPUTS_BLOCK_NAME);
    inputs.load("name");
    sheet.load("name, charts/items/name, names/items/name");
    await context.sync();
    if (inputs.isNullObject) throw notAScenarioSheet(sheet.name);
    context.application.suspendApiCalculationUntilNextSync();
    clearSheet(sheet);
    writeDescription(sheet, description);
    await context.sync();
    return sheet.name;
  });
  return afterWrite(excel, description, name);
}

/**
 * Queues the clearing of a sheet whose charts and names were loaded ("charts/items/name, names/items/name"): its
 * charts, sheet-scoped names, conditional formats, cells and formats, and frozen panes. The sheet itself stays (deleting
 * it would clear the user's Undo).
 */
function clearSheet(sheet: WorksheetLike): void {
  // Loaded by the caller as "charts/items/name" and "names/items/name" (only the names, not every property).
  for (const chart of sheet.charts.items) chart.delete();
  for (const name of sheet.names.items) name.delete();
  const everything = sheet.getRange();
  everything.conditionalFormats.clearAll();
  everything.clear("All");
  sheet.freezePanes.unfreeze();
}

/**
 * Writes the data sheet (description.name): rewritten in place when the workbook has it, added otherwise; one Excel.run,
 * one Undo step. Returns its name.
 */
export async function writeDataSheet(excel: ExcelLike, description: SheetDescription): Promise<string> {
  return excel.run({ mergeUndoGroup: true }, async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(description.name);
    existing.load("name");
    await context.sync();
    let sheet: WorksheetLike;
    if (existing.isNullObject) {
      sheet = context.workbook.worksheets.add(description.name);
    } else {
      sheet = existing;
      sheet.load("charts/items/name, names/items/name");
      await context.sync();
      clearSheet(sheet);
    }
    context.application.suspendApiCalculationUntilNextSync();
    writeDescription(sheet, description);
    sheet.activate();
    await context.sync();
    return description.name;
  });
}

/** The values of a range of a sheet ("A1:AZ200"), or null when the workbook has no sheet of that name. */
export async function readSheetRange(
  excel: ExcelLike,
  sheetName: string,
  address: string
): Promise<unknown[][] | null> {
  return excel.run({}, async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
    sheet.load("name");
    await context.sync();
    if (sheet.isNullObject) return null;
    const range = sheet.getRange(address);
    range.load("values");
    await context.sync();
    return range.values;
  });
}

function notAScenarioSheet(name: string): WorkbookActionError {
  return new WorkbookActionError(
    `"${name}" is not a Fair Share scenario sheet (it has no ${INPUTS_BLOCK_NAME} inputs block). ` +
      "Select a sheet made with Insert scenario sheet, or insert one."
  );
}

/** The label and value rows of the active sheet's inputs block (by its name), as Excel holds them. */
export async function readActiveInputs(excel: ExcelLike): Promise<{ sheet: string; rows: unknown[][] }> {
  return excel.run({}, async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const inputs = sheet.names.getItemOrNullObject(INPUTS_BLOCK_NAME);
    inputs.load("name");
    await context.sync();
    if (inputs.isNullObject) throw notAScenarioSheet(sheet.name);
    const range = inputs.getRange();
    range.load("values");
    await context.sync();
    return { sheet: sheet.name, rows: range.values };
  });
}

/** The values of the user's selected range (e.g. a key: codes in one column, values in the next). */
export async function readSelection(excel: ExcelLike): Promise<unknown[][]> {
  return excel.run({}, async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("values");
    await context.sync();
    return range.values;
  });
}

/**
 * Excel.createWorkbook as a function, where this Excel has it (ExcelApi 1.8): opens the .xlsx (base64) as a new
 * workbook window. Undefined where it is missing, so the caller can fall back to a download.
 */
export function workbookCreator(excel: ExcelLike | null): ((base64: string) => Promise<void>) | undefined {
  const create = excel?.createWorkbook;
  if (excel === null || create === undefined) return undefined;
  return (base64) => create.call(excel, base64);
}
