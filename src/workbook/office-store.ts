/**
 * The scenario store in the live workbook, through Office.js: the "Scenarios" sheet (scenario-store.ts defines its
 * rows). The sheet is made once, very hidden at creation, and its visibility is never set again (setting it clears
 * Undo in desktop Excel); a sheet of that name that exists is used as it is. Every change is one Excel.run, one Undo
 * step: the store is read afresh inside it, so a change never rests on a pane that a co-author has overtaken, and only
 * the rows it is about are written. A row the store cannot read is never rewritten or deleted.
 */
import { cellAddress, type CellValue } from "./description";
import {
  WorkbookActionError,
  type ExcelLike,
  type RequestContextLike,
  type UsedRangeLike,
  type WorksheetLike,
} from "./office";
import {
  STORE_COLUMNS,
  STORE_SHEET,
  findScenario,
  headerForWriting,
  readStore,
  storeHeader,
  storeRow,
  type StoreContent,
  type StoredScenario,
} from "./scenario-store";

/** What the store holds, and whether the workbook has its sheet yet. */
export interface LiveStore extends StoreContent {
  readonly exists: boolean;
}

/** One change to the store: a new row, a row rewritten (found by its scenario's name), or a row deleted. */
export type StoreChange =
  | { readonly kind: "add"; readonly scenario: StoredScenario }
  | { readonly kind: "rewrite"; readonly name: string; readonly scenario: StoredScenario }
  | { readonly kind: "delete"; readonly name: string };

const EMPTY_STORE: LiveStore = { exists: false, scenarios: [], problems: [], notes: [], header: [] };

/** The sheet's cells from A1 to the used range's far corner (what readStore reads: row 1 first). */
function gridFrom(values: readonly unknown[][], rowIndex: number, columnIndex: number): unknown[][] {
  const width = columnIndex + (values[0]?.length ?? 0);
  const blank = (): unknown[] => new Array<unknown>(width).fill("");
  return [
    ...Array.from({ length: rowIndex }, blank),
    ...values.map((row) => [...new Array<unknown>(columnIndex).fill(""), ...row]),
  ];
}

/** Queues the load of a store sheet's used range (its cells: gridOf after a sync). */
function loadUsedRange(sheet: WorksheetLike): UsedRangeLike {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values, rowIndex, columnIndex");
  return used;
}

/** A loaded and synced used range's cells from A1 (an empty sheet: none). */
function gridOf(used: UsedRangeLike): unknown[][] {
  return used.isNullObject ? [] : gridFrom(used.values, used.rowIndex, used.columnIndex);
}

/** Reads the store (no store sheet: an empty store). */
export async function readLiveStore(excel: ExcelLike): Promise<LiveStore> {
  return excel.run({}, async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
    sheet.load("name");
    await context.sync();
    if (sheet.isNullObject) return EMPTY_STORE;
    const used = loadUsedRange(sheet);
    await context.sync();
    return { exists: true, ...readStore(gridOf(used)) };
  });
}

/**
 * Calls `onChange` whenever the store sheet's cells change (a co-author's edit included; ExcelApi 1.7). Resolves with
 * whether it could listen: not when the workbook has no store yet or Excel lacks the event (the pane's Refresh then).
 */
export async function watchLiveStore(excel: ExcelLike, onChange: () => void): Promise<boolean> {
  try {
    return await excel.run({}, async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
      sheet.load("name");
      await context.sync();
      if (sheet.isNullObject) return false;
      sheet.onChanged.add(async () => onChange());
      await context.sync();
      return true;
    });
  } catch {
    return false;
  }
}

/** A row's cells from column A to `width`, as an address ("A5:N5"). */
function rowAddress(row: number, width: number): string {
  return `A${row}:${cellAddress(row, width)}`;
}

/**
 * Queues the writing of a row's cells as text: a parameter such as "40%" or "1/2" stays the text the engine reads
 * (Excel would turn it into a number or a date).
 */
function writeRow(sheet: WorksheetLike, row: number, cells: readonly CellValue[]): void {
  const range = sheet.getRange(rowAddress(row, cells.length));
  range.numberFormat = [cells.map(() => "@")];
  range.values = [cells.map((cell) => (cell === null ? "" : typeof cell === "string" ? cell : String(cell)))];
}

/**
 * A rewritten row's cells: the store's columns from the scenario, any other column's cell kept as it was (schema 1's
 * Inputs cell is emptied: the row is now in schema 2, its parameters in their own columns).
 */
function rewrittenCells(scenario: StoredScenario, header: readonly string[], old: readonly unknown[]): CellValue[] {
  const known = new Set([...storeHeader(), STORE_COLUMNS.legacyInputs]);
  return storeRow(scenario, header).map((cell, column) =>
    known.has(header[column]) ? cell : ((old[column] ?? "") as CellValue)
  );
}

/**
 * The text of a scenario that Excel could take for a formula when written (it begins with "="): the store's cells
 * hold text only, and a workbook's or file's text never becomes a live formula.
 */
function formulaLikeText(scenario: StoredScenario): string | undefined {
  const texts = [
    scenario.name,
    scenario.comment,
    scenario.vintage,
    scenario.author,
    ...Object.values(scenario.parameters),
  ];
  return texts.find((text) => text?.trimStart().startsWith("="));
}

/** Why a change cannot be made to the store as it is now (a co-author may have changed it), or undefined. */
function changeProblem(store: StoreContent, changes: readonly StoreChange[]): string | undefined {
  // A header naming a column twice cannot say where a value goes: nothing is written until it is mended.
  const labels = store.header.filter((label) => label !== "");
  const twice = labels.find((label, index) => labels.indexOf(label) !== index);
  if (twice !== undefined) {
    return `The "${STORE_SHEET}" sheet's header names the column "${twice}" twice: nothing was written. Mend the header first.`;
  }
  // A sheet of that name holding something else (a sheet of the user's own) is never written into.
  const headerFault = store.problems.find(({ row }) => row === 1);
  if (headerFault !== undefined) {
    return (
      `The "${STORE_SHEET}" sheet is not Fair Share's store (${headerFault.reason}): nothing was written. ` +
      `If it is a sheet of your own, rename it, and Fair Share makes its store when you save again.`
    );
  }
  for (const change of changes) {
    const formula = change.kind === "delete" ? undefined : formulaLikeText(change.scenario);
    if (change.kind !== "delete" && formula !== undefined) {
      return `"${change.scenario.name}" holds text beginning with "=" (${formula.slice(0, 40)}), which Excel would take for a formula: change it first.`;
    }
    if (change.kind === "add" && findScenario(store, change.scenario.name) !== undefined) {
      return `The workbook already has a scenario named "${change.scenario.name}": choose another name, or replace it.`;
    }
    if (change.kind !== "add" && findScenario(store, change.name) === undefined) {
      return `The workbook has no scenario named "${change.name}" any more (it may have been changed by someone else): the list is now read again.`;
    }
    if (change.kind === "rewrite") {
      const other = findScenario(store, change.scenario.name);
      if (other !== undefined && other.name.toLocaleLowerCase("en") !== change.name.toLocaleLowerCase("en")) {
        return `The workbook already has a scenario named "${change.scenario.name}": choose another name.`;
      }
    }
  }
  return undefined;
}

/** Queues the changes onto the store sheet whose cells are `grid` (read in the same run). */
function queueChanges(sheet: WorksheetLike, grid: readonly unknown[][], changes: readonly StoreChange[]): void {
  const store = readStore(grid);
  const found = [...store.header];
  while (found.length > 0 && found[found.length - 1] === "") found.pop();
  const header = headerForWriting(found);
  // The header is extended only when a column is missing, and only its new cells are written.
  if (header.length > found.length) {
    const added = header.slice(found.length);
    const range = sheet.getRange(`${cellAddress(1, found.length + 1)}:${cellAddress(1, header.length)}`);
    range.numberFormat = [added.map(() => "@")];
    range.values = [added];
  }
  let next = Math.max(grid.length, 1) + 1;
  const deleted: number[] = [];
  for (const change of changes) {
    if (change.kind === "add") {
      writeRow(sheet, next, storeRow(change.scenario, header));
      next += 1;
      continue;
    }
    const row = (findScenario(store, change.name) as NonNullable<ReturnType<typeof findScenario>>).row;
    if (change.kind === "rewrite") writeRow(sheet, row, rewrittenCells(change.scenario, header, grid[row - 1] ?? []));
    else deleted.push(row);
  }
  // Bottom up, so that each row number still points at its row.
  for (const row of deleted.sort((a, b) => b - a)) sheet.getRange(`${row}:${row}`).delete("Up");
}

/** The store sheet, made very hidden when the workbook has none (the only time its visibility is set). */
function storeSheet(context: RequestContextLike, existing: WorksheetLike & { isNullObject: boolean }): WorksheetLike {
  if (!existing.isNullObject) return existing;
  const sheet = context.workbook.worksheets.add(STORE_SHEET);
  sheet.visibility = "VeryHidden";
  return sheet;
}

/**
 * Makes the changes in one Excel.run (one Undo step), on the store as it is at that moment; refuses them all, with the
 * reason, when one no longer fits it (a name taken, or gone). Only the rows changed are written.
 */
export async function changeLiveStore(excel: ExcelLike, changes: readonly StoreChange[]): Promise<void> {
  if (changes.length === 0) return;
  await excel.run({ mergeUndoGroup: true }, async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
    existing.load("name");
    await context.sync();
    let cells: unknown[][] = [];
    if (!existing.isNullObject) {
      const used = loadUsedRange(existing);
      await context.sync();
      cells = gridOf(used);
    }
    const problem = changeProblem(readStore(cells), changes);
    if (problem !== undefined) throw new WorkbookActionError(problem);
    queueChanges(storeSheet(context, existing), cells, changes);
    await context.sync();
  });
}
