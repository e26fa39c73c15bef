import { Dec } from "./decimal";
import { AMOUNT_SUFFIXES } from "./parameters";

/**
 * Figures in words for messages a reader checks at a glance: "EUR 160bn", not 160000000000; "A, B, C and 23 more",
 * not a list of thirty codes. Every number a message shows is short whatever its size: at most 17 significant digits
 * exactly, else "about" and a few digits; very large and very small numbers in exponent form (1e-400, never 400 zeros).
 */

/** The scales figures are written in, largest first: tn, bn, m, k (the preferred spellings of AMOUNT_SUFFIXES). */
export const AMOUNT_SCALES: readonly (readonly [string, Dec])[] = AMOUNT_SUFFIXES.filter((entry) => entry.preferred)
  .sort((a, b) => b.exponent - a.exponent)
  .map((entry) => [entry.suffix, new Dec(10).pow(entry.exponent)] as const);

/** Most significant digits a number in a message shows exactly: as many as a spreadsheet cell's number carries. */
const EXACT_DIGITS = 17;

/** A number without "about": plain (0.25, 1000000) when that is short, else in exponent form (5e18, 1e-400). */
function numberForm(value: Dec): string {
  return value.e <= 15 && value.e >= -7 && value.decimalPlaces() <= 20
    ? value.toFixed()
    : value.toExponential().replace("e+", "e");
}

/**
 * A number for a message: exactly when it has at most 17 significant digits (3.0000000000000004, 1e-400), else
 * "about" and `digits` significant digits (about 1.23457e101). At most about 30 characters whatever the number.
 */
export function numberWords(value: Dec, digits = 6): string {
  if (value.isZero()) return "0";
  if (value.sd() <= EXACT_DIGITS) return numberForm(value);
  return `about ${numberForm(value.toSignificantDigits(digits))}`;
}

/** "1234567.5" -> "1,234,567.5". */
function grouped(text: string): string {
  const [whole, fraction] = text.split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction === undefined ? "" : `.${fraction}`);
}

/**
 * An amount in the scale a person says it in, without a currency: "160bn", "2.5m", "about 25.03bn" (`digits`
 * significant digits when it is not exact to three decimals in its scale). Amounts below 0.001 or of a million tn and
 * more read as numberWords does (1e-400, 1e20).
 */
export function scaledWords(amount: Dec, digits = 4): string {
  const magnitude = amount.abs();
  const [suffix, size] = AMOUNT_SCALES.find(([, scale]) => magnitude.gte(scale)) ?? ["", new Dec(1)];
  const scaled = amount.div(size);
  if (scaled.e > 5 || scaled.e < -3) return numberWords(amount, digits);
  if (scaled.decimalPlaces() <= 3) return `${grouped(scaled.toFixed())}${suffix}`;
  const rounded = scaled.toSignificantDigits(digits);
  return `${rounded.eq(scaled) ? "" : "about "}${grouped(rounded.toFixed())}${suffix}`;
}

/**
 * An amount with its currency in the scale a person says it in: "EUR 160bn", "EUR 2.5m", "USD 1,078". Exact when it
 * has at most three decimals in that scale; else "about" and four significant digits.
 */
export function amountWords(amount: Dec, currency: string): string {
  const words = scaledWords(amount);
  return words.startsWith("about ") ? `about ${currency} ${words.slice(6)}` : `${currency} ${words}`;
}

/** Items joined for a sentence, the first `max` of them and "and N more": "USA, DEU and 3 more". */
export function listWords(items: readonly string[], max = 5): string {
  if (items.length <= 1) return items.join("");
  if (items.length <= max) return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/**
 * Units near `unit` that divide `total` exactly, one below and one above when there are such: the unit a user would
 * pick instead (1, 2, 2.5, 4 or 5 times a power of ten).
 */
export function dividingUnits(total: Dec, unit: Dec): Dec[] {
  const power = unit.e;
  const candidates: Dec[] = [];
  for (let exponent = power - 2; exponent <= power + 1; exponent++) {
    for (const mantissa of ["1", "2", "2.5", "4", "5"]) {
      const candidate = new Dec(mantissa).times(new Dec(10).pow(exponent));
      if (candidate.lte(total) && total.div(candidate).isInteger()) candidates.push(candidate);
    }
  }
  const below = candidates.filter((candidate) => candidate.lt(unit)).pop();
  const above = candidates.find((candidate) => candidate.gt(unit));
  return [below, above].filter((candidate): candidate is Dec => candidate !== undefined);
}

const MILLION = new Dec("1e6");

/**
 * Decimal places an amount shown in millions needs so that every multiple of the rounding unit shows exactly: 0 for
 * 1m (and any whole number of millions), 1 for 100k, 500k or 2.5m, 2 for 250k, 6 for 1.
 */
export function unitPlacesInMillions(unit: Dec): number {
  return unit.div(MILLION).decimalPlaces();
}
