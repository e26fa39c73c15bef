/**
 * Reads another workbook's scenario store from its .xlsx file, for the pane's merge: the "Scenarios" sheet, visible (a
 * portable copy) or very hidden (a live workbook). Loaded with a dynamic import when a file is chosen, so the .xlsx
 * reader and its zip library stay out of the pane's first load.
 */
import { parseAddress } from "../workbook/description";
import { readStore, STORE_SHEET, type StoreContent } from "../workbook/scenario-store";
import { readXlsx, XlsxReadError, type XlsxSheet } from "../workbook/xlsx-read";
import { WorkbookActionError } from "../workbook/office";

/** A sheet's cells as rows from A1 (what readStore reads). */
function gridOf(sheet: XlsxSheet): unknown[][] {
  const grid: unknown[][] = [];
  for (const [address, cell] of sheet.cells) {
    const { row, column } = parseAddress(address);
    while (grid.length < row) grid.push([]);
    const line = grid[row - 1];
    while (line.length < column) line.push("");
    line[column - 1] = cell.value ?? "";
  }
  return grid;
}

/** The store of an .xlsx file; a file that is not one, or has no store, is refused in words naming it. */
export async function readStoreFile(name: string, bytes: ArrayBuffer): Promise<StoreContent> {
  let sheets: readonly XlsxSheet[];
  try {
    sheets = (await readXlsx(bytes)).sheets;
  } catch (error) {
    if (error instanceof XlsxReadError) throw new WorkbookActionError(`${name} cannot be read: ${error.message}`);
    throw error;
  }
  const store = sheets.find((sheet) => sheet.name.toLowerCase() === STORE_SHEET.toLowerCase());
  if (store === undefined) {
    throw new WorkbookActionError(`${name} has no "${STORE_SHEET}" sheet: it holds no stored scenarios.`);
  }
  return readStore(gridOf(store));
}
