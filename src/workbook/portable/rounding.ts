/**
 * The rounded figures of the portable copy. While the inputs are those the copy was written for, each rounded cell
 * shows Fair Share's controlled rounding (the engine's values, kept on the hidden "Rounded for" sheet). After an edit,
 * formulas round the exact amounts by largest remainder, in units of the rounding unit:
 * - the ally totals: each gets the whole units below its exact amount, and the units left to reach the total go one
 *   each to the largest remainders;
 * - within each ally, its years the same way, to add up to its rounded total;
 * - the yearly tranches the same way over the exact tranches;
 * - the EU attribution of each state and year to the nearest unit (half up).
 * Ties (equal remainders, compared at 9 decimals of a unit) go to the ally whose code comes first in code order, and
 * within an ally to the earlier year. Each rounded amount is then within one unit of its exact amount, each ally's
 * years add up to its rounded total and the grand total is the total; a check row says by how much the rounded
 * table's year columns differ from the rounded tranches.
 */
import { num, absRange, type SheetCells } from "./cells";
import type { Allocation, Dec } from "../../engine";

/** An amount's remainder in units (its fraction of a unit above the whole units), at 9 decimals as the sheet has it. */
export const remainderOf = (amount: Dec, unit: Dec): number => {
  const units = amount.div(unit);
  return num(units.minus(units.floor()).toDecimalPlaces(9));
};

/** Each row's rank by remainder, largest first, ties in code order: the cached values of the rank column. */
function ranksOf(remainders: readonly number[], codes: readonly string[]): number[] {
  return remainders.map(
    (r, i) => remainders.filter((other, k) => other > r || (other === r && codes[k] < codes[i])).length
  );
}

export const ROUNDING_HEADERS = {
  units: "Whole units below exact",
  remainder: "Remainder (units)",
  rank: "Remainder rank",
  yearRemainder: "Year remainder",
} as const;

export interface RoundingColumns {
  readonly units: string;
  readonly remainder: string;
  readonly rank: string;
  readonly yearRemainders: readonly string[];
}

export interface RoundingInputs {
  readonly cells: SheetCells;
  readonly first: number;
  readonly last: number;
  readonly totalRow: number;
  readonly columns: {
    readonly code: string;
    readonly exact: string;
    readonly exactByYear: readonly string[];
    readonly rounded: string;
    readonly roundedByYear: readonly string[];
  };
  readonly rounding: RoundingColumns;
  /** TRUE while the inputs are those the copy was written for. */
  readonly freshCell: string;
  readonly unitCell: string;
  /** The total in whole units (absolute reference). */
  readonly totalUnitsCell: string;
  /** A cell of the hidden sheet that holds the engine's value (given) at the same address. */
  readonly engineValue: (address: string, value: number) => string;
  readonly allocation: Allocation;
  readonly numberFormat: string;
  /** A formula, or "" when the inputs give no figures. */
  readonly whenFigures: (formula: string) => string;
}

/** Largest remainder: whole units plus one for each of the first `extra` in rank order. */
const unitsWith = (units: string, rank: string, extra: string): string => `(${units}+IF(${rank}<${extra},1,0))`;

/** The ally totals' rounding: whole units, remainder and rank per row; the rounded total. */
function roundAllyTotals(inputs: RoundingInputs): void {
  const { cells, first, last, columns: col, rounding: rc, unitCell, totalUnitsCell, allocation } = inputs;
  const range = (column: string): string => absRange(column, first, last);
  const extra = `(${totalUnitsCell}-SUM(${range(rc.units)}))`;
  const remainders = allocation.rows.map((row) => remainderOf(row.exact, allocation.unit));
  const ranks = ranksOf(
    remainders,
    allocation.rows.map((row) => row.code)
  );
  allocation.rows.forEach((row, i) => {
    const at = (column: string): string => `${column}${first + i}`;
    const units = Math.floor(num(row.exact.div(allocation.unit)));
    cells.formula(at(rc.units), inputs.whenFigures(`INT(${at(col.exact)}/${unitCell})`), units);
    cells.formula(
      at(rc.remainder),
      inputs.whenFigures(`ROUND(${at(col.exact)}/${unitCell}-${at(rc.units)},9)`),
      remainders[i],
      { numberFormat: "0.000000000" }
    );
    cells.formula(
      at(rc.rank),
      inputs.whenFigures(
        `SUMPRODUCT(--(${range(rc.remainder)}>${at(rc.remainder)}))+` +
          `SUMPRODUCT((${range(rc.remainder)}=${at(rc.remainder)})*(${range(col.code)}<${at(col.code)}))`
      ),
      ranks[i]
    );
    cells.formula(
      at(col.rounded),
      `IF(${inputs.freshCell},${inputs.engineValue(at(col.rounded), num(row.total))},` +
        `${inputs.whenFigures(`${unitCell}*${unitsWith(at(rc.units), at(rc.rank), extra)}`)})`,
      num(row.total),
      { numberFormat: inputs.numberFormat }
    );
  });
}

/** Within each ally, its years by largest remainder to add up to its rounded total (ties: the earlier year). */
function roundAllyYears(inputs: RoundingInputs): void {
  const { cells, first, columns: col, rounding: rc, unitCell, allocation } = inputs;
  const years = col.exactByYear.length;
  allocation.rows.forEach((row, i) => {
    const r = first + i;
    const at = (column: string): string => `${column}${r}`;
    const rowRange = `${rc.yearRemainders[0]}${r}:${rc.yearRemainders[years - 1]}${r}`;
    const wholeUnits = col.exactByYear.map((column) => `INT(${at(column)}/${unitCell})`).join("+");
    const extra = `(${at(col.rounded)}/${unitCell}-(${wholeUnits}))`;
    col.exactByYear.forEach((column, j) => {
      const remainder = at(rc.yearRemainders[j]);
      cells.formula(
        remainder,
        inputs.whenFigures(`ROUND(${at(column)}/${unitCell}-INT(${at(column)}/${unitCell}),9)`),
        remainderOf(row.exactByYear[j], allocation.unit),
        { numberFormat: "0.000000000" }
      );
      const earlier =
        j === 0 ? "0" : `COUNTIF(${rc.yearRemainders[0]}${r}:${rc.yearRemainders[j - 1]}${r},${remainder})`;
      const rank = `(SUMPRODUCT(--(${rowRange}>${remainder}))+${earlier})`;
      cells.formula(
        at(col.roundedByYear[j]),
        `IF(${inputs.freshCell},${inputs.engineValue(at(col.roundedByYear[j]), num(row.byYear[j]))},` +
          `${inputs.whenFigures(`${unitCell}*${unitsWith(`INT(${at(column)}/${unitCell})`, rank, extra)}`)})`,
        num(row.byYear[j]),
        { numberFormat: inputs.numberFormat }
      );
    });
  });
}

export function roundedFigures(inputs: RoundingInputs): void {
  roundAllyTotals(inputs);
  roundAllyYears(inputs);
}

/**
 * The rounded tranches: the engine's while fresh, else the exact tranches by largest remainder to the total units
 * (ties: the earlier year). `remainderRow` holds each year's remainder in units.
 */
export function roundedTranches(
  inputs: Pick<RoundingInputs, "cells" | "freshCell" | "unitCell" | "totalUnitsCell" | "engineValue" | "whenFigures">,
  columns: readonly string[],
  rows: { readonly exact: number; readonly rounded: number; readonly remainder: number },
  cached: { readonly rounded: readonly number[]; readonly remainders: readonly (number | null)[] },
  numberFormat: string
): void {
  const { cells, unitCell, totalUnitsCell } = inputs;
  const last = columns.length - 1;
  const remainders = `$${columns[0]}$${rows.remainder}:$${columns[last]}$${rows.remainder}`;
  const wholeUnits = columns.map((column) => `INT(${column}${rows.exact}/${unitCell})`).join("+");
  columns.forEach((column, j) => {
    const remainder = `${column}${rows.remainder}`;
    cells.formula(
      remainder,
      inputs.whenFigures(`ROUND(${column}${rows.exact}/${unitCell}-INT(${column}${rows.exact}/${unitCell}),9)`),
      cached.remainders[j],
      { numberFormat: "0.000000000" }
    );
    const earlier =
      j === 0 ? "0" : `COUNTIF($${columns[0]}$${rows.remainder}:${columns[j - 1]}${rows.remainder},${remainder})`;
    const rank = `(SUMPRODUCT(--(${remainders}>${remainder}))+${earlier})`;
    const extra = `(${totalUnitsCell}-(${wholeUnits}))`;
    const address = `${column}${rows.rounded}`;
    cells.formula(
      address,
      `IF(${inputs.freshCell},${inputs.engineValue(address, cached.rounded[j])},` +
        `${inputs.whenFigures(`${unitCell}*${unitsWith(`INT(${column}${rows.exact}/${unitCell})`, rank, extra)}`)})`,
      cached.rounded[j],
      { numberFormat }
    );
  });
}
