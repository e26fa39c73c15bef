import { Dec } from "./decimal";
import { gcd, pow10, scaled } from "./rational";

/**
 * A fraction of integers in lowest terms, denominator > 0: the exact value of a figure or a parameter that has no
 * finite decimal (a credit of 1/3, the credit at which a target holds). The allocation core works on numerators over
 * common denominators (rational.ts); this is the form the goal seek reads and writes.
 */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * numerator / denominator, not reduced: arithmetic in a search makes many fractions and reads few, so reducing is left
 * to `reduce` (and to the functions that print); comparisons cross-multiply.
 */
export function fraction(numerator: bigint, denominator: bigint = 1n): Fraction {
  if (denominator === 0n) throw new RangeError("fraction with denominator 0");
  return denominator < 0n ? { numerator: -numerator, denominator: -denominator } : { numerator, denominator };
}

/** The fraction in lowest terms. */
export function reduce(a: Fraction): Fraction {
  const divisor = gcd(a.numerator, a.denominator);
  return divisor <= 1n ? a : { numerator: a.numerator / divisor, denominator: a.denominator / divisor };
}

export const FRACTION_ZERO: Fraction = { numerator: 0n, denominator: 1n };

/** A finite decimal as a fraction, exactly. */
export function fromDec(value: Dec): Fraction {
  const { coefficient, exponent } = scaled(value);
  return exponent >= 0 ? fraction(coefficient * pow10(exponent)) : fraction(coefficient, pow10(-exponent));
}

/** numerator x 10^exponent / denominator. */
export function scaledFraction(numerator: bigint, denominator: bigint, exponent: number): Fraction {
  return exponent >= 0
    ? fraction(numerator * pow10(exponent), denominator)
    : fraction(numerator, denominator * pow10(-exponent));
}

export function add(a: Fraction, b: Fraction): Fraction {
  if (a.denominator === b.denominator) return { numerator: a.numerator + b.numerator, denominator: a.denominator };
  return fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function subtract(a: Fraction, b: Fraction): Fraction {
  if (a.denominator === b.denominator) return { numerator: a.numerator - b.numerator, denominator: a.denominator };
  return fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function divide(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator, a.denominator * b.numerator);
}

/** Sign of a - b. */
export function compare(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function equal(a: Fraction, b: Fraction): boolean {
  return a.numerator * b.denominator === b.numerator * a.denominator;
}

export function sign(a: Fraction): number {
  return a.numerator < 0n ? -1 : a.numerator > 0n ? 1 : 0;
}

/** True when the fraction has a finite decimal form (its denominator is 2^a 5^b). */
export function terminates(a: Fraction): boolean {
  let d = reduce(a).denominator;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** The decimal nearest the fraction at the engine's precision; exact when the fraction terminates within it. */
export function toDecimal(a: Fraction): Dec {
  if (a.numerator === 0n) return new Dec(0);
  const value = new Dec(a.numerator.toString());
  return a.denominator === 1n ? value : value.div(a.denominator.toString());
}

/** "7/20", "3", "-1/3": the exact form the parameters accept. */
export function fractionText(value: Fraction): string {
  const a = reduce(value);
  return a.denominator === 1n ? a.numerator.toString() : `${a.numerator}/${a.denominator}`;
}

/** A fraction written exactly as a/b (whole numbers, b > 0), or null when the text is not of that form. */
export function parseFractionText(text: string): Fraction | null {
  const match = /^\s*(-?\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null || /^0+$/.test(match[2])) return null;
  return reduce(fraction(BigInt(match[1]), BigInt(match[2])));
}
