/**
 * What every section builder of the portable copy shares: the sheet's cells collected by address, absolute
 * references, and the engine's decimals as the numbers a cell stores.
 */
import type { Dec } from "../../engine";
import type { CellDescription, CellValue } from "../description";

/** Collects a sheet's cells by address (a later write replaces an earlier one). */
export class SheetCells {
  private readonly byAddress = new Map<string, CellDescription>();
  value(address: string, value: CellValue, extra: Partial<CellDescription> = {}): void {
    this.byAddress.set(address, { address, value, ...extra });
  }
  formula(address: string, formula: string, cached: CellValue, extra: Partial<CellDescription> = {}): void {
    this.byAddress.set(address, { address, formula: `=${formula}`, cached, ...extra });
  }
  add(cell: CellDescription): void {
    this.byAddress.set(cell.address, cell);
  }
  get(address: string): CellDescription | undefined {
    return this.byAddress.get(address);
  }
  all(): CellDescription[] {
    return [...this.byAddress.values()];
  }
}

export const num = (value: Dec): number => value.toNumber();
export const abs = (column: string, row: number): string => `$${column}$${row}`;
export const absRange = (column: string, first: number, last: number): string =>
  `$${column}$${first}:$${column}$${last}`;

/** Stands for "no upper limit" in the limit column (shown as "none"). */
export const NO_LIMIT = 1e300;

/**
 * Relative slack of the float comparisons that stand for the engine's exact ones (a sum reaching the total, a
 * contributor at its limit): sums of 32 doubles are within about 1e-15 of the exact value; 1e-12 leaves room.
 */
export const RELATIVE_SLACK = 1e-12;

/**
 * A running list, one formula a row: each row's cell is the list above it plus this row's item when `included`
 * (classic formulas have no TEXTJOIN). Returns the last cell and the cached text.
 */
export interface ListRow {
  /** The item's text as a formula. */
  readonly item: string;
  /** A formula: whether the row is in the list. */
  readonly included: string;
  /** The item as the scenario has it, or null when the row is not in the list. */
  readonly cached: string | null;
}

export function runningList(
  cells: SheetCells,
  column: string,
  firstRow: number,
  rows: readonly ListRow[]
): { last: string; cached: string } {
  let list = "";
  rows.forEach(({ item, included, cached }, index) => {
    const row = firstRow + index;
    const before = index === 0 ? '""' : `${column}${row - 1}`;
    if (cached !== null) list = list === "" ? cached : `${list},${cached}`;
    cells.formula(`${column}${row}`, `IF(${included},${before}&IF(${before}="","",",")&${item},${before})`, list);
  });
  return { last: `$${column}$${firstRow + rows.length - 1}`, cached: list };
}
