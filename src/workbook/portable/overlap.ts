/**
 * The EU overlap of each contributor and year in the portable copy: the attribution looked up in the EU states table
 * (for an EU member), the overlap the smaller of the amount and the attribution (exact from the exact columns, rounded
 * from the rounded ones), and net new money the rounded amount less its overlap.
 */
import type { Overlap } from "../../engine";
import { absRange, num, type SheetCells } from "./cells";

export interface OverlapInputs {
  readonly cells: SheetCells;
  readonly first: number;
  readonly columns: {
    readonly code: string;
    readonly eu: string;
    readonly exactByYear: readonly string[];
    readonly roundedByYear: readonly string[];
    readonly exactAttributedByYear: readonly string[];
    readonly attributedByYear: readonly string[];
    readonly exactOverlapByYear: readonly string[];
    readonly overlapByYear: readonly string[];
    readonly netNewByYear: readonly string[];
    readonly overlap: string;
    readonly netNew: string;
  };
  /** The EU states table: its rows, codes and the exact and rounded attribution columns per year. */
  readonly states: {
    readonly first: number;
    readonly last: number;
    readonly codes: string;
    readonly exact: readonly string[];
    readonly rounded: readonly string[];
  };
  readonly overlap: Overlap;
  readonly whenFigures: (formula: string) => string;
  readonly exactFormat: string;
  readonly roundedFormat: string;
}

export function overlapColumns(inputs: OverlapInputs): void {
  const { cells, first, columns: col, states, overlap, whenFigures, exactFormat, roundedFormat } = inputs;
  // Overlap per contributor and year: exact from the exact columns, rounded from the rounded ones.
  overlap.rows.forEach((overlapRow, i) => {
    const row = first + i;
    const at = (column: string): string => `${column}${row}`;
    overlapRow.exactAttributed.forEach((_, j) => {
      const lookup = (columns: readonly string[]): string =>
        `IF(${at(col.eu)}=TRUE,IFERROR(INDEX(${absRange(columns[j], states.first, states.last)},MATCH(${at(col.code)},${states.codes},0)),0),0)`;
      cells.formula(at(col.exactAttributedByYear[j]), lookup(states.exact), num(overlapRow.exactAttributed[j]), {
        numberFormat: exactFormat,
      });
      cells.formula(
        at(col.exactOverlapByYear[j]),
        whenFigures(`MIN(${at(col.exactByYear[j])},${at(col.exactAttributedByYear[j])})`),
        num(overlapRow.exactOverlap[j]),
        { numberFormat: exactFormat }
      );
      cells.formula(at(col.attributedByYear[j]), lookup(states.rounded), num(overlapRow.attributed[j]), {
        numberFormat: roundedFormat,
      });
      cells.formula(
        at(col.overlapByYear[j]),
        whenFigures(`MIN(${at(col.roundedByYear[j])},${at(col.attributedByYear[j])})`),
        num(overlapRow.overlap[j]),
        { numberFormat: roundedFormat }
      );
      cells.formula(
        at(col.netNewByYear[j]),
        whenFigures(`${at(col.roundedByYear[j])}-${at(col.overlapByYear[j])}`),
        num(overlapRow.netNew[j]),
        { numberFormat: roundedFormat }
      );
    });
    const yearSpan = (columns: readonly string[]): string => `${at(columns[0])}:${at(columns[columns.length - 1])}`;
    cells.formula(at(col.overlap), whenFigures(`SUM(${yearSpan(col.overlapByYear)})`), num(overlapRow.totalOverlap), {
      numberFormat: roundedFormat,
    });
    cells.formula(at(col.netNew), whenFigures(`SUM(${yearSpan(col.netNewByYear)})`), num(overlapRow.totalNetNew), {
      numberFormat: roundedFormat,
    });
  });
}
