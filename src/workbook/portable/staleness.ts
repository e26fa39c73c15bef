/**
 * The stale check of the portable copy: a copy of the inputs as written, on a hidden sheet, and a count of the input
 * cells that now differ from it. While the count is 0 the rounded figures are Fair Share's own; after an edit they are
 * recomputed by formulas (rounding.ts). A formula cell among the inputs (the aid summed over the window) is copied as a
 * reference to itself, so that it never differs: what it sums is copied instead.
 */
import type { CellDescription, SheetDescription } from "../description";
import { absoluteReference, quoteSheet } from "../xlsx-formula";
import type { SheetCells } from "./cells";

interface Mirrored {
  /** The inputs' range and the copy's range, absolute, with their sheets. */
  readonly range: string;
  readonly copy: string;
  readonly cells: readonly CellDescription[];
}

export class InputsMirror {
  private readonly mirrored: Mirrored[] = [];

  constructor(
    private readonly cells: SheetCells,
    private readonly sheet: string,
    private readonly copySheet: string
  ) {}

  /** Copies a column of the main sheet's inputs, rows `from` to `to`, to the same addresses of the copy. */
  column(column: string, from: number, to: number, { formulasAsValues = false } = {}): void {
    const list: CellDescription[] = [];
    for (let row = from; row <= to; row++) {
      const address = `${column}${row}`;
      const cell = this.cells.get(address);
      if (cell?.formula !== undefined && !formulasAsValues) {
        list.push({ address, formula: `=${quoteSheet(this.sheet)}!${address}`, cached: cell.cached ?? null });
      } else {
        const value =
          cell === undefined ? null : cell.formula !== undefined ? (cell.cached ?? null) : (cell.value ?? null);
        list.push({ address, value });
      }
    }
    const range = `$${column}$${from}:$${column}$${to}`;
    this.mirrored.push({
      range: absoluteReference(this.sheet, range),
      copy: absoluteReference(this.copySheet, range),
      cells: list,
    });
  }

  /** Copies the values of another sheet's range (every cell a value), `rowOffset` rows lower on the copy. */
  otherSheet(sheet: SheetDescription, valuesRange: string, rowOffset: number): void {
    const shift = (address: string): string => address.replace(/\d+$/, (digits) => String(Number(digits) + rowOffset));
    const [from, to] = valuesRange.split(":");
    const inRange = (address: string): boolean => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address) ?? [];
      const [, fromLetters, fromRow] = /^([A-Z]+)(\d+)$/.exec(from) ?? [];
      const [, toLetters, toRow] = /^([A-Z]+)(\d+)$/.exec(to) ?? [];
      const wide = (text = ""): string => text.padStart(3, " ");
      return (
        wide(letters) >= wide(fromLetters) &&
        wide(letters) <= wide(toLetters) &&
        Number(digits) >= Number(fromRow) &&
        Number(digits) <= Number(toRow)
      );
    };
    this.mirrored.push({
      range: absoluteReference(sheet.name, valuesRange),
      copy: absoluteReference(this.copySheet, `${shift(from)}:${shift(to)}`),
      cells: sheet.cells
        .filter((cell) => inRange(cell.address))
        .map((cell) => ({ address: shift(cell.address), value: cell.value ?? null })),
    });
  }

  /** How many input cells differ from the copy (a range that cannot be compared counts as one). */
  staleCountFormula(): string {
    return this.mirrored.map(({ range, copy }) => `IFERROR(SUMPRODUCT(--(${range}<>${copy})),1)`).join("+");
  }

  /** The copy's cells (empty ones left out). */
  copyCells(): CellDescription[] {
    return this.mirrored.flatMap((m) => m.cells).filter((cell) => cell.value !== null);
  }
}
