import { Dec, ENGINE_PRECISION } from "./decimal";

/**
 * Exact arithmetic on fractions of integers for the allocation core. Every input is a finite decimal, so every quantity
 * of an allocation is a fraction of integers; the core works on integer numerators over a few common denominators and
 * turns them into decimals only where they are read. Values that may pass 2^53 are BigInt.
 */

/** A finite decimal as coefficient x 10^exponent. */
export interface Scaled {
  readonly coefficient: bigint;
  readonly exponent: number;
}

/** decimal.js's own representation: base-1e7 words (the first without leading zeros), the exponent of the first digit. */
interface DecimalParts {
  readonly d: readonly number[] | null;
  readonly e: number;
  readonly s: number;
}

const WORD = 1e7;
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
const TWO_WORDS = BigInt(WORD * WORD);
export const SCALED_ZERO: Scaled = { coefficient: 0n, exponent: 0 };

/** Digits of a word 1..9,999,999. */
function wordDigits(word: number): number {
  return word >= 1e6 ? 7 : word >= 1e5 ? 6 : word >= 1e4 ? 5 : word >= 1e3 ? 4 : word >= 100 ? 3 : word >= 10 ? 2 : 1;
}

/**
 * Values read before, by decimal: a decimal is immutable, and the same decimals (an edition's GDP, a donor's aid, a
 * cap) reach the allocation run after run, where reading them again would make the same BigInts anew.
 */
const scaledOf = new WeakMap<Dec, Scaled>();

/**
 * A decimal's exact value, read straight from decimal.js's words (no string round trip). Trailing zeros of small
 * coefficients move into the exponent, which keeps the integers of the core small.
 */
export function scaled(value: Dec): Scaled {
  let known = scaledOf.get(value);
  if (known === undefined) {
    known = readScaled(value);
    scaledOf.set(value, known);
  }
  return known;
}

function readScaled(value: Dec): Scaled {
  const { d, e, s } = value as unknown as DecimalParts;
  if (d === null) throw new RangeError("not a finite decimal");
  if (d[0] === 0) return SCALED_ZERO;
  let exponent = e - wordDigits(d[0]) + 1 - 7 * (d.length - 1);
  let coefficient: bigint;
  if (d.length <= 2) {
    // Trailing zeros come off a word (a small integer, cheap to divide) rather than off the whole coefficient.
    let low = d[d.length - 1];
    let high = d.length === 2 ? d[0] : 0;
    if (low === 0) {
      low = high;
      high = 0;
      exponent += 7;
    }
    let lowDigits = 7;
    while (low % 10 === 0) {
      low /= 10;
      lowDigits--;
      exponent++;
    }
    const small = high === 0 ? low : high * POWERS_OF_TEN[lowDigits] + low;
    coefficient = BigInt(s < 0 ? -small : small);
  } else {
    let index = d.length % 2 === 0 ? 0 : 1;
    coefficient = index === 1 ? BigInt(d[0]) : 0n;
    for (; index < d.length; index += 2) coefficient = coefficient * TWO_WORDS + BigInt(d[index] * WORD + d[index + 1]);
    if (s < 0) coefficient = -coefficient;
  }
  return { coefficient, exponent };
}

/** The product of two decimals, exactly. */
export function times(a: Scaled, b: Scaled): Scaled {
  if (a.coefficient === 0n || b.coefficient === 0n) return SCALED_ZERO;
  return { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
}

const powers: bigint[] = [1n];
/** 10^n as a BigInt, n >= 0. */
export function pow10(n: number): bigint {
  for (let k = powers.length; k <= n; k++) powers.push(powers[k - 1] * 10n);
  return powers[n];
}

/** The smallest exponent among the non-zero values (0 when all are zero): the common scale that makes them integers. */
export function commonExponent(values: readonly Scaled[]): number {
  let smallest = Infinity;
  for (const value of values) if (value.coefficient !== 0n && value.exponent < smallest) smallest = value.exponent;
  return smallest === Infinity ? 0 : smallest;
}

/** value x 10^-exponent as an integer; exponent <= value.exponent unless the value is 0. */
export function numeratorAt(value: Scaled, exponent: number): bigint {
  if (value.coefficient === 0n) return 0n;
  const shift = value.exponent - exponent;
  return shift === 0 ? value.coefficient : value.coefficient * pow10(shift);
}

/**
 * The decimal nearest numerator / denominator (denominator > 0), at the engine's precision: for reading only. A whole
 * number (denominator 1) is exact, whatever its length.
 */
export function toDec(numerator: bigint, denominator: bigint): Dec {
  if (numerator === 0n) return new Dec(0);
  return new Dec(denominator === 1n ? numerator.toString() : roundedQuotient(numerator, denominator, 0));
}

/**
 * numerator / denominator x 10^exponent as a decimal at the engine's precision (exact when it terminates within it):
 * the value decimal.js would give dividing and then scaling by the power of ten, made in one integer division.
 */
export function toDecScaled(numerator: bigint, denominator: bigint, exponent: number): Dec {
  if (exponent === 0) return toDec(numerator, denominator);
  if (numerator === 0n) return new Dec(0);
  return new Dec(roundedQuotient(numerator, denominator, exponent));
}

/**
 * toDec(numerator, denominator).toNumber(), without the decimal: the float64 nearest the same rounded decimal, read
 * from its text as decimal.js's toNumber reads its own.
 */
export function toNumberRounded(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  return Number(denominator === 1n ? numerator.toString() : roundedQuotient(numerator, denominator, 0));
}

/** Decimal digits of a positive integer. */
function digitCount(value: bigint): number {
  return value.toString().length;
}

/**
 * numerator / denominator x 10^exponent (denominator > 0) rounded half-even to ENGINE_PRECISION significant digits, as
 * decimal text ("-123e-5"). The same value as decimal.js's division, which is correctly rounded in the same mode, but
 * without its digit-by-digit long division: one BigInt division with enough digits, the rest decided by the remainder.
 */
function roundedQuotient(numerator: bigint, denominator: bigint, exponent: number): string {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  // Scale so that the integer quotient has ENGINE_PRECISION + 1 or + 2 digits.
  const shift = ENGINE_PRECISION + 1 + digitCount(denominator) - digitCount(magnitude);
  const scaledNumerator = shift > 0 ? magnitude * pow10(shift) : magnitude;
  const scaledDenominator = shift < 0 ? denominator * pow10(-shift) : denominator;
  const quotient = scaledNumerator / scaledDenominator;
  const inexact = scaledNumerator % scaledDenominator !== 0n;
  // It has ENGINE_PRECISION + 1 or + 2 digits: one comparison tells which, without writing it out.
  const dropped = quotient >= pow10(ENGINE_PRECISION + 1) ? 2 : 1;
  const divisor = pow10(dropped);
  let kept = quotient / divisor;
  // What is dropped against half a unit of the last kept digit; a remainder makes an exact half more than half.
  const rest = 2n * (quotient % divisor);
  if (rest > divisor || (rest === divisor && (inexact || kept % 2n === 1n))) kept += 1n;
  return `${negative ? "-" : ""}${kept}e${exponent - shift + dropped}`;
}

/** Bits of |value| (0 for 0). */
function bitLength(value: bigint): number {
  return (value < 0n ? -value : value).toString(16).length * 4;
}

/** numerator / denominator as a float64, for guesses only: never Infinity or NaN for a denominator > 0. */
export function approximateRatio(numerator: bigint, denominator: bigint): number {
  const n = Number(numerator);
  const d = Number(denominator);
  if (Number.isFinite(n) && Number.isFinite(d) && n !== 0 && d !== 0 && Math.abs(n) > 1e-290) {
    const ratio = n / d;
    if (Number.isFinite(ratio)) return ratio;
  }
  if (numerator === 0n) return 0;
  // Huge integers: keep their leading 60 bits or so.
  const shiftN = Math.max(0, bitLength(numerator) - 60);
  const shiftD = Math.max(0, bitLength(denominator) - 60);
  const ratio = (Number(numerator >> BigInt(shiftN)) / Number(denominator >> BigInt(shiftD))) * 2 ** (shiftN - shiftD);
  return Number.isFinite(ratio) ? ratio : ratio > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/** Sign of a/b - c/d for b, d > 0, by cross-multiplication. */
export function compareFractions(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const left = a * d;
  const right = c * b;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Greatest common divisor of |a| and |b|. */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Order keys for fractions r_k / denominator (0 <= r_k < denominator): a key is 0 exactly when r_k is 0, and keys
 * compare as the fractions do, equal fractions getting equal keys. Number(r) is monotone, so the float64 values are
 * the keys unless two different remainders share a float (checked exactly); then the keys are exact ranks.
 */
export function fractionKeys(remainders: readonly bigint[], denominator: bigint): Float64Array {
  const count = remainders.length;
  const keys = new Float64Array(count);
  for (let k = 0; k < count; k++) keys[k] = Number(remainders[k]);
  if (denominator <= SAFE || count < 2) return keys;
  // Small remainders are exact in a float64 (and Number(r) > 0 for r > 0); only large equal floats need a look.
  const sorted = keys.slice().sort();
  let collides = false;
  for (let k = 1; k < count && !collides; k++) {
    if (sorted[k] === sorted[k - 1] && sorted[k] > Number.MAX_SAFE_INTEGER)
      collides = sameFloatDiffers(remainders, keys);
  }
  return collides ? exactRanks(remainders) : keys;
}

/** True when two different remainders have the same float64. */
function sameFloatDiffers(remainders: readonly bigint[], keys: Float64Array): boolean {
  const seen = new Map<number, bigint>();
  for (let k = 0; k < remainders.length; k++) {
    const other = seen.get(keys[k]);
    if (other === undefined) seen.set(keys[k], remainders[k]);
    else if (other !== remainders[k]) return true;
  }
  return false;
}

/** Ranks 1, 2, ... of the distinct non-zero remainders in exact order; 0 for zero. */
function exactRanks(remainders: readonly bigint[]): Float64Array {
  const keys = new Float64Array(remainders.length);
  const order: number[] = [];
  for (let k = 0; k < remainders.length; k++) if (remainders[k] !== 0n) order.push(k);
  order.sort((a, b) => (remainders[a] < remainders[b] ? -1 : remainders[a] > remainders[b] ? 1 : 0));
  let rank = 0;
  let previous = -1n;
  for (const k of order) {
    if (remainders[k] !== previous) rank++;
    previous = remainders[k];
    keys[k] = rank;
  }
  return keys;
}
