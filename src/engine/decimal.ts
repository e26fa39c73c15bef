import { Decimal as DecimalLibrary } from "decimal.js";

/**
 * Every tunable number of the engine's decimals, in one place.
 *
 * The allocation itself is exact (integer fractions, rational.ts); decimals read the inputs and print the figures.
 * PRECISION (significant digits; valid 30..1000) is how many digits a printed figure with no finite decimal form (a
 * share such as 1/3) carries, and the precision of the few decimal computations outside the allocation core.
 *
 * ROUNDING of those results: half-even, so truncation errors do not drift one way.
 */
export const ENGINE_PRECISION = 50;

/** A Decimal constructor of our own: global decimal.js settings made by another library in the page cannot reach it. */
export const Dec = DecimalLibrary.clone({
  precision: ENGINE_PRECISION,
  rounding: DecimalLibrary.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = DecimalLibrary;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
export const HUNDRED = new Dec(100);

/** The smaller of two decimals. */
export function minDec(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}

/** The larger of two decimals. */
export function maxDec(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

/** Sum of a list of decimals (0 for an empty list). */
export function sumDec(values: readonly Dec[]): Dec {
  let total = ZERO;
  // Zeros (exempt contributors, no aid, empty years) are common and cost an addition each otherwise.
  for (const value of values) if (!value.isZero()) total = total.plus(value);
  return total;
}

/**
 * A decimal as a plain string with no exponent, trimmed to at most `places` decimal places (half-even), trailing zeros
 * removed: the form the engine hands to every adapter.
 */
export function plain(value: Dec, places = 12): string {
  const fixed = value.toDecimalPlaces(places, DecimalLibrary.ROUND_HALF_EVEN).toFixed();
  return fixed === "-0" ? "0" : fixed;
}
