/**
 * Stores for the portable copy's chooser tests: a Scenarios grid from named parameter sets, as the store writes it.
 */
import { dataVintage, embeddedEdition, type ParameterName } from "../../src/engine";
import type { CellValue } from "../../src/workbook/description";
import { storeHeader, storeRow } from "../../src/workbook/scenario-store";

export interface Named {
  readonly name: string;
  readonly parameters: Partial<Record<ParameterName, string>>;
}

/** A store's grid (header first) with a row per named scenario, in order; a row given as cells is kept as it is. */
export function storeGrid(rows: readonly (Named | readonly CellValue[])[]): CellValue[][] {
  const header = storeHeader();
  const vintage = dataVintage(embeddedEdition());
  const time = "2026-12-01T09:00:00Z";
  return [
    header,
    ...rows.map((row) =>
      Array.isArray(row)
        ? [...(row as readonly CellValue[])]
        : storeRow({ ...(row as Named), comment: "", created: time, modified: time, author: "", vintage }, header)
    ),
  ];
}
