import fc from "fast-check";

import { Dec } from "../../src/engine/decimal";
import { toDec, toDecScaled, toNumberRounded } from "../../src/engine/rational";

// toDec and toDecScaled round with one BigInt division; decimal.js's own division (correctly rounded, half-even, at the
// engine's precision) then a scaling by a power of ten is the rule they must give, digit for digit.
function byDecimalJs(numerator: bigint, denominator: bigint, exponent: number): Dec {
  if (numerator === 0n) return new Dec(0);
  const whole = new Dec(numerator.toString());
  const quotient = denominator === 1n ? whole : whole.div(denominator.toString());
  return exponent === 0 ? quotient : quotient.times(new Dec(10).pow(exponent));
}

/** Integers of up to `digits` digits, either sign. */
const integer = (digits: number): fc.Arbitrary<bigint> =>
  fc.stringMatching(new RegExp(`^-?[0-9]{1,${digits}}$`)).map((text) => BigInt(text));
const positive = (digits: number): fc.Arbitrary<bigint> =>
  fc.stringMatching(new RegExp(`^[1-9][0-9]{0,${digits - 1}}$`)).map((text) => BigInt(text));

describe("toDec and toDecScaled against decimal.js's division", () => {
  test("random fractions, short and long, scaled or not", () => {
    fc.assert(
      fc.property(
        fc.oneof(integer(8), integer(40), integer(120)),
        fc.oneof(positive(3), positive(30), positive(90), fc.constantFrom(1n, 2n, 3n, 8n, 10n, 1024n)),
        fc.integer({ min: -30, max: 30 }),
        (numerator, denominator, exponent) => {
          expect(toDecScaled(numerator, denominator, exponent).toString()).toBe(
            byDecimalJs(numerator, denominator, exponent).toString()
          );
          expect(toDec(numerator, denominator).toString()).toBe(byDecimalJs(numerator, denominator, 0).toString());
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("exact halves at the last digit kept round to even, either sign", () => {
    fc.assert(
      fc.property(positive(50), fc.constantFrom(1n, 10n, 100n), fc.integer({ min: -5, max: 5 }), (digits, by, exp) => {
        // 51 digits or more ending in 5 (then zeros): exactly half a unit of the 50th digit.
        const half = (digits + 10n ** 50n) * 10n + 5n;
        for (const numerator of [half * by, -half * by]) {
          expect(toDecScaled(numerator, by, exp).toString()).toBe(byDecimalJs(numerator, by, exp).toString());
        }
      }),
      { numRuns: 500 }
    );
  });

  test("a whole number stays exact at any length; zero is zero", () => {
    const long = 10n ** 70n + 1n;
    expect(toDec(long, 1n).toFixed()).toBe(long.toString());
    expect(toDecScaled(0n, 7n, 3).toString()).toBe("0");
    expect(toDec(1n, 3n).toString()).toBe(`0.${"3".repeat(50)}`);
  });
});

describe("toNumberRounded", () => {
  test("is toDec's decimal as a float64, for any fraction", () => {
    fc.assert(
      fc.property(
        fc.oneof(integer(8), integer(40), integer(120)),
        fc.oneof(positive(3), positive(30), positive(90), fc.constantFrom(1n, 3n, 7n)),
        (numerator, denominator) => {
          expect(Object.is(toNumberRounded(numerator, denominator), toDec(numerator, denominator).toNumber())).toBe(
            true
          );
        }
      ),
      { numRuns: 3000 }
    );
  });
});
