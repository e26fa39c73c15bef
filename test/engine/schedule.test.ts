import fc from "fast-check";
import { Dec } from "../../src/engine/decimal";
import { roundRankOneTable } from "../../src/engine/rounding";
import {
  MAX_UNITS,
  exactTranches,
  profileWeights,
  schedule,
  scheduleUnits,
  wholeUnits,
  type Profile,
} from "../../src/engine/schedule";
import { dec, expectClose, frac, texts, thrown } from "../helpers/engine";

const weights = (...values: number[]): Dec[] => values.map((value) => dec(value));

describe("profileWeights", () => {
  test.each([
    ["flat, 5 years", { kind: "flat" }, 5, ["1", "1", "1", "1", "1"]],
    ["flat, 1 year", { kind: "flat" }, 1, ["1"]],
    ["front, 5 years: N..1", { kind: "front" }, 5, ["5", "4", "3", "2", "1"]],
    ["front, 1 year", { kind: "front" }, 1, ["1"]],
    ["custom", { kind: "custom", weights: weights(1, 2, 0) }, 3, ["1", "2", "0"]],
  ] as [string, Profile, number, string[]][])("%s", (_, profile, years, expected) => {
    expect(texts(profileWeights(profile, years))).toEqual(expected);
  });

  test("custom weights of the wrong length are refused, naming profile and years", () => {
    const error = thrown(() => profileWeights({ kind: "custom", weights: weights(1, 2) }, 5));
    expect(error.code).toBe("LENGTH_MISMATCH");
    expect(error.argument).toBe("profile");
    expect(error.message.startsWith("profile: has 2 values but years has 5. ")).toBe(true);
  });
});

describe("exact tranches", () => {
  test.each([
    // Front-loaded over 5 years: 5/15, 4/15, 3/15, 2/15, 1/15 of the total.
    ["front 5 years of 15", 15, weights(5, 4, 3, 2, 1), [5, 4, 3, 2, 1].map((n) => dec(n))],
    ["front 5 years of 100", 100, weights(5, 4, 3, 2, 1), [5, 4, 3, 2, 1].map((n) => frac(100 * n, 15))],
    ["flat 5 years of 100bn", 1e11, weights(1, 1, 1, 1, 1), Array.from({ length: 5 }, () => dec(2e10))],
    ["flat 3 years of 100", 100, weights(1, 1, 1), Array.from({ length: 3 }, () => frac(100, 3))],
    ["custom 1,2,1 of 100", 100, weights(1, 2, 1), [dec(25), dec(50), dec(25)]],
    ["custom with a zero year", 100, weights(3, 0, 1), [dec(75), dec(0), dec(25)]],
    ["weights of any scale", 100, weights(0.5, 1.5), [dec(25), dec(75)]],
  ])("%s", (_, total, yearWeights, expected) => {
    const exact = exactTranches(dec(total), yearWeights);
    exact.forEach((amount, j) => expectClose(amount, expected[j]));
  });

  test("every amount is split by the same weights and keeps its sum", () => {
    for (const amount of ["1", "7", "123.456", "1e11"]) {
      const parts = exactTranches(dec(amount), weights(5, 4, 3, 2, 1));
      parts.forEach((part, j) =>
        expectClose(
          part,
          dec(amount)
            .times(5 - j)
            .div(15)
        )
      );
      expectClose(
        parts.reduce((sum, part) => sum.plus(part), dec(0)),
        dec(amount)
      );
    }
  });
});

describe("schedule", () => {
  test.each([
    [
      "flat 5 years of EUR 100bn, unit 1m",
      "1e11",
      weights(1, 1, 1, 1, 1),
      "1e6",
      ["2e10", "2e10", "2e10", "2e10", "2e10"],
    ],
    [
      // 100000m / 15 = 6666.67m a weight: 33333.33 -> 33333, 26666.67 -> 26667, 20000, 13333.33 -> 13333, 6667.
      "front 5 years of EUR 100bn, unit 1m",
      "1e11",
      weights(5, 4, 3, 2, 1),
      "1e6",
      ["33333e6", "26667e6", "20000e6", "13333e6", "6667e6"],
    ],
    ["front 5 years of 15, unit 1", "15", weights(5, 4, 3, 2, 1), "1", ["5", "4", "3", "2", "1"]],
    ["custom 1,2,1 of 100, unit 1", "100", weights(1, 2, 1), "1", ["25", "50", "25"]],
    [
      "custom 1,1,2,4,2 of 100bn, unit 1m",
      "1e11",
      weights(1, 1, 2, 4, 2),
      "1e6",
      ["1e10", "1e10", "2e10", "4e10", "2e10"],
    ],
    ["one year", "100", weights(1), "1", ["100"]],
    ["flat 4 years of 1, unit 0.01", "1", weights(1, 1, 1, 1), "0.01", ["0.25", "0.25", "0.25", "0.25"]],
  ])("%s", (_, total, yearWeights, unit, expected) => {
    const result = schedule(dec(total), yearWeights, 2024, dec(unit));
    expect(texts(result.rounded)).toEqual(expected.map((value) => dec(value).toFixed()));
    expect(result.units).toEqual(expected.map((value) => dec(value).div(unit).toNumber()));
    expect(result.years).toEqual(yearWeights.map((_, j) => 2024 + j));
    expect(result.startYear).toBe(2024);
  });

  test("flat 3 years of 100, unit 1: 33.33 each, rounded to two 33s and one 34", () => {
    const result = schedule(dec(100), weights(1, 1, 1), 2025, dec(1));
    result.exact.forEach((amount) => expectClose(amount, frac(100, 3)));
    expect([...result.units].sort()).toEqual([33, 33, 34]);
    expect(result.years).toEqual([2025, 2026, 2027]);
  });

  test("every tranche within one unit of its exact value, adding up to the total", () => {
    for (const [total, unit] of [
      ["1e11", "1e6"],
      ["999", "1"],
      ["7", "1"],
      ["1000", "0.01"],
    ]) {
      for (const yearWeights of [weights(1, 1, 1, 1, 1, 1, 1), weights(7, 6, 5, 4, 3, 2, 1), weights(1, 3, 0, 2, 9)]) {
        const result = schedule(dec(total), yearWeights, 2024, dec(unit));
        const sum = result.rounded.reduce((acc, tranche) => acc.plus(tranche), dec(0));
        expect(sum.eq(total)).toBe(true);
        result.rounded.forEach((tranche, j) => {
          expect(tranche.minus(result.exact[j]).abs().lt(unit)).toBe(true);
          expect(tranche.div(unit).isInteger()).toBe(true);
        });
      }
    }
  });

  test("a total that is not a whole number of units is refused", () => {
    const error = thrown(() => schedule(dec(100), weights(1, 1), 2024, dec(7)));
    expect(error.code).toBe("NOT_A_MULTIPLE_OF_UNIT");
    expect(error.message).toBe(
      "total: 100 is not a whole number of rounding units (7). Use a total that is a multiple of the unit, or a smaller unit."
    );
  });
});

describe("wholeUnits", () => {
  test.each([
    ["1e11", "1e6", 100000],
    ["100", "0.01", 10000],
    ["0", "1", 0],
    ["1e15", "1", 1e15],
  ])("%s in units of %s is %d", (amount, unit, expected) => {
    expect(wholeUnits(dec(amount), dec(unit), "total")).toBe(expected);
  });

  test("more units than float64 holds exactly is refused", () => {
    expect(MAX_UNITS).toBeLessThan(2 ** 53);
    const error = thrown(() => wholeUnits(dec("1e16"), dec(1), "unit"));
    expect(error.code).toBe("TOO_MANY_UNITS");
    expect(error.argument).toBe("unit");
    expect(error.message).toContain("Use a larger rounding unit.");
  });
});

describe("scheduleUnits", () => {
  // Whole tranches skip the rounding's set-up: they must be exactly what the rounding of the one-row table gives,
  // whole or not, including products near 2^53 where the float shortcut must step aside.
  const totals = fc.oneof(
    fc.integer({ min: 0, max: 1000 }).map((units) => units * 60),
    fc.integer({ min: 0, max: MAX_UNITS }),
    fc.constantFrom(0, 1, MAX_UNITS, 2 ** 40, 999_999_999_999_990)
  );
  const yearWeights = fc.oneof(
    fc.integer({ min: 1, max: 8 }).map((years) => Array.from({ length: years }, () => 1n)),
    fc.array(fc.bigInt({ min: 0n, max: 12n }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.bigInt({ min: 0n, max: 2n ** 60n }), { minLength: 1, maxLength: 8 })
  );

  test("the same tranches as the controlled rounding of the one-row table", () => {
    fc.assert(
      fc.property(totals, yearWeights, (totalUnits, w) => {
        const weightSum = w.reduce((sum, weight) => sum + weight, 0n);
        fc.pre(weightSum > 0n);
        expect(scheduleUnits(totalUnits, w, weightSum)).toEqual(
          roundRankOneTable([BigInt(totalUnits)], 1n, w, weightSum, totalUnits).columnTotals
        );
      }),
      { numRuns: 1000 }
    );
  });
});
