import { Dec } from "./decimal";

/**
 * Figures in words for messages a reader checks at a glance: "EUR 160bn", not 160000000000; "A, B, C and 23 more",
 * not a list of thirty codes.
 */

const SCALES = [
  ["tn", new Dec("1e12")],
  ["bn", new Dec("1e9")],
  ["m", new Dec("1e6")],
  ["k", new Dec("1e3")],
] as const;

/** "1234567.5" -> "1,234,567.5". */
function grouped(text: string): string {
  const [whole, fraction] = text.split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction === undefined ? "" : `.${fraction}`);
}

/** An amount in the scale a person says it in, without a currency: "160bn", "2.5m", "about 25.03bn". */
export function scaledWords(amount: Dec): string {
  const magnitude = amount.abs();
  const [suffix, size] = SCALES.find(([, scale]) => magnitude.gte(scale)) ?? ["", new Dec(1)];
  const scaled = amount.div(size);
  if (scaled.decimalPlaces() <= 3) return `${grouped(scaled.toFixed())}${suffix}`;
  return `about ${grouped(scaled.toSignificantDigits(4).toFixed())}${suffix}`;
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
