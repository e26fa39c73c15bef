/**
 * The portable copy's scenario store: the "Scenarios" sheet, visible, in the store's own layout (scenario-store.ts),
 * so that the copy carries its named scenarios to people without the add-in and the pane and the command line read
 * them back. Every row is written as the store held it, rows that cannot be read too: writing a copy never drops one.
 */
import {
  SHEET_COLOURS,
  cellAddress,
  type CellDescription,
  type CellValue,
  type SheetDescription,
} from "../description";
import { STORE_SHEET } from "../scenario-store";

/** The store a portable copy carries. */
export interface PortableStore {
  /** The store's rows as they stand, header first (storeHeader's for a new store); unreadable rows kept as they are. */
  readonly grid: readonly (readonly CellValue[])[];
  /** The stored scenario the copy shows (its name), when it shows one. */
  readonly shown?: string;
}

/** The sheet of the store: the header in bold on the header colour, the rows as they are, frozen below the header. */
export function portableStoreSheet(store: PortableStore): SheetDescription {
  const cells: CellDescription[] = [];
  store.grid.forEach((row, index) => {
    row.forEach((value, column) => {
      if (value === null || value === "") return;
      const style = index === 0 ? { bold: true, fill: SHEET_COLOURS.header, borderBottom: true } : undefined;
      cells.push({ address: cellAddress(index + 1, column + 1), value, ...(style ? { style } : {}) });
    });
  });
  return { name: STORE_SHEET, cells, names: [], conditionalFormats: [], charts: [], freeze: { rows: 1, columns: 1 } };
}
