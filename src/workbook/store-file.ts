/**
 * The scenario store of an .xlsx file: its "Scenarios" sheet, visible (a portable copy) or very hidden (a live
 * workbook saved by Excel), read into the store's rows. What the command line and the pane's merge read.
 */
import { parseAddress, type CellValue } from "./description";
import { STORE_SHEET, readStore, type StoreContent } from "./scenario-store";
import type { XlsxSheet, XlsxWorkbook } from "./xlsx-read";

/** The store of a workbook, with its grid as found (header first), or undefined when it has no store sheet. */
export interface FileStore extends StoreContent {
  /** The sheet's cells as rows of values, row 1 first, to carry every row over as it is. */
  readonly grid: readonly (readonly CellValue[])[];
}

/** A sheet's values as a grid from A1 to its last used cell; error cells as their text ("#REF!"). */
export function sheetGrid(sheet: XlsxSheet): CellValue[][] {
  let rows = 0;
  let columns = 0;
  const placed: { row: number; column: number; value: CellValue }[] = [];
  for (const [address, cell] of sheet.cells) {
    if (cell.value === null || cell.value === "") continue;
    const { row, column } = parseAddress(address);
    rows = Math.max(rows, row);
    columns = Math.max(columns, column);
    placed.push({ row, column, value: cell.value });
  }
  const grid: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(columns).fill(null));
  for (const { row, column, value } of placed) grid[row - 1][column - 1] = value;
  return grid;
}

/** The store of a workbook read by readXlsx; undefined when it has no "Scenarios" sheet. */
export function workbookStore(workbook: XlsxWorkbook): FileStore | undefined {
  const sheet = workbook.sheets.find((candidate) => candidate.name === STORE_SHEET);
  if (sheet === undefined) return undefined;
  const grid = sheetGrid(sheet);
  return { ...readStore(grid), grid };
}
