/**
 * Exact straight lines through fractions: on a piece of a goal seek's range (a set of held allies that does not
 * change), every figure of the allocation is a line in the varied parameter, read off two exact evaluations.
 */
import { add, compare, divide, equal, multiply, subtract, type Fraction } from "./fraction";

/** v(x) = value + slope (x - at). */
export interface Line {
  readonly at: Fraction;
  readonly value: Fraction;
  readonly slope: Fraction;
}

export function lineThrough(x1: Fraction, v1: Fraction, x2: Fraction, v2: Fraction): Line {
  return { at: x1, value: v1, slope: divide(subtract(v2, v1), subtract(x2, x1)) };
}

export function valueAt(line: Line, x: Fraction): Fraction {
  return line.slope.numerator === 0n ? line.value : add(line.value, multiply(line.slope, subtract(x, line.at)));
}

export function onLine(line: Line, x: Fraction, v: Fraction): boolean {
  return equal(valueAt(line, x), v);
}

/** Where the line is 0; null when it is flat. */
export function root(line: Line): Fraction | null {
  if (line.slope.numerator === 0n) return null;
  return subtract(line.at, divide(line.value, line.slope));
}

/** The smaller (by direction 1) or larger (-1) of two values. */
export function nearer(a: Fraction, b: Fraction, direction: 1 | -1): Fraction {
  return compare(a, b) * direction <= 0 ? a : b;
}
