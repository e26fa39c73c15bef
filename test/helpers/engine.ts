/**
 * Shared helpers for the engine tests: small builders for allocation inputs, a catcher for the engine's errors, and
 * independent checks of what every allocation must satisfy (exact sums, two-way rounding within one unit, and the
 * allocation rule itself). None of these checks calls back into the engine's arithmetic.
 */
import type { Allocation, AllocationRequest, ContributorInput } from "../../src/engine/allocate";
import { Dec } from "../../src/engine/decimal";
import { FairShareError } from "../../src/engine/errors";

/** What the engine's decimal constructor accepts. */
export type DecValue = string | number | Dec;

/** A decimal from a number or text, in the engine's own decimal type. */
export function dec(value: DecValue): Dec {
  return new Dec(value);
}

/** The exact fraction numerator / denominator (for hand-checked shares such as 500/7). */
export function frac(numerator: DecValue, denominator: DecValue): Dec {
  return new Dec(numerator).div(denominator);
}

export interface ContributorOptions {
  readonly aid?: DecValue;
  readonly gdp?: DecValue;
  readonly exempt?: boolean;
  /** Largest share of the total, a fraction 0..1. */
  readonly maxShare?: DecValue;
  /** Smallest share of the total, a fraction 0..1. */
  readonly minShare?: DecValue;
}

/** A contributor for allocate(), named after its code. */
export function contributor(code: string, basis: DecValue, options: ContributorOptions = {}): ContributorInput {
  return {
    code,
    name: code,
    basis: dec(basis),
    aid: dec(options.aid ?? 0),
    exempt: options.exempt ?? false,
    ...(options.gdp !== undefined ? { gdp: dec(options.gdp) } : {}),
    ...(options.maxShare !== undefined ? { maxShare: dec(options.maxShare) } : {}),
    ...(options.minShare !== undefined ? { minShare: dec(options.minShare) } : {}),
  };
}

/** Flat weights for n years. */
export function flat(years: number): Dec[] {
  return Array.from({ length: years }, () => dec(1));
}

/** An allocation request with the simplest defaults: a fixed total, one year (2024), no credit, unit 1. */
export function request(
  contributors: readonly ContributorInput[],
  total: DecValue,
  options: Partial<Omit<AllocationRequest, "contributors">> = {}
): AllocationRequest {
  return {
    contributors,
    amount: { kind: "total", total: dec(total) },
    startYear: 2024,
    yearWeights: [dec(1)],
    credit: dec(0),
    unit: dec(1),
    ...options,
  };
}

/** The FairShareError the call throws; fails the test when it throws nothing or something else. */
export function thrown(call: () => unknown): FairShareError {
  try {
    call();
  } catch (error) {
    if (error instanceof FairShareError) return error;
    throw new Error(`expected a FairShareError, got ${String(error)}`);
  }
  throw new Error("expected a FairShareError, but the call returned normally");
}

/** |actual - expected| <= tolerance * max(|expected|, 1): a relative check that also accepts exact zeros. */
export function isClose(actual: Dec, expected: Dec, tolerance: DecValue = "1e-40"): boolean {
  const scale = Dec.max(expected.abs(), 1);
  return actual.minus(expected).abs().lte(scale.times(tolerance));
}

export function expectClose(actual: Dec, expected: Dec, tolerance: DecValue = "1e-40"): void {
  if (!isClose(actual, expected, tolerance)) {
    throw new Error(
      `expected ${actual.toFixed()} to be within ${String(tolerance)} (relative) of ${expected.toFixed()}`
    );
  }
}

/** The exact sum of decimals (given as numbers, text or Dec). */
export function sum(values: readonly DecValue[]): Dec {
  return values.reduce<Dec>((total, value) => total.plus(value), new Dec(0));
}

function sumNumbers(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * What every allocation must satisfy, checked from its own figures:
 * - the rounded table adds up exactly in all three directions (each row's years to its total, each year's rows to
 *   that year's tranche, the tranches and the row totals to the total), in units and in amounts;
 * - every rounded cell, row total and tranche is a whole number of units within one unit of its exact value;
 * - the exact figures add up too (to 40 digits: shares such as 1/3 are not finite decimals);
 * - nothing is negative.
 */
export function checkAllocationTotals(allocation: Allocation): void {
  const { unit, rows } = allocation;
  const yearCount = allocation.years.length;
  const within = (rounded: Dec, exact: Dec, what: string): void => {
    if (!rounded.minus(exact).abs().lt(unit)) {
      throw new Error(
        `${what}: rounded ${rounded.toFixed()} is not within one unit (${unit.toFixed()}) of ${exact.toFixed()}`
      );
    }
  };
  const wholeUnits = (amount: Dec, units: number, what: string): void => {
    if (!Number.isInteger(units) || !amount.eq(unit.times(units))) {
      throw new Error(`${what}: ${amount.toFixed()} is not ${units} units of ${unit.toFixed()}`);
    }
  };

  expect(allocation.tranches).toHaveLength(yearCount);
  expect(allocation.exactTranches).toHaveLength(yearCount);
  const columnUnits = new Array<number>(yearCount).fill(0);
  for (const row of rows) {
    expect(row.byYear).toHaveLength(yearCount);
    expect(row.byYearUnits).toHaveLength(yearCount);
    expect(row.exactByYear).toHaveLength(yearCount);
    expect(sumNumbers(row.byYearUnits)).toBe(row.totalUnits);
    expect(sum(row.byYear).eq(row.total)).toBe(true);
    wholeUnits(row.total, row.totalUnits, `${row.code} total`);
    within(row.total, row.exact, `${row.code} total`);
    expectClose(sum(row.exactByYear), row.exact);
    expect(row.exact.gte(0)).toBe(true);
    expect(row.totalUnits).toBeGreaterThanOrEqual(0);
    row.byYear.forEach((amount, j) => {
      wholeUnits(amount, row.byYearUnits[j], `${row.code} ${allocation.years[j]}`);
      within(amount, row.exactByYear[j], `${row.code} ${allocation.years[j]}`);
      expect(row.byYearUnits[j]).toBeGreaterThanOrEqual(0);
      expect(row.exactByYear[j].gte(0)).toBe(true);
      columnUnits[j] += row.byYearUnits[j];
    });
  }
  allocation.tranches.forEach((tranche, j) => {
    expect(tranche.eq(unit.times(columnUnits[j]))).toBe(true);
    within(tranche, allocation.exactTranches[j], `tranche ${allocation.years[j]}`);
    expectClose(sum(rows.map((row) => row.exactByYear[j])), allocation.exactTranches[j]);
  });
  expect(sum(allocation.tranches).eq(allocation.total)).toBe(true);
  expect(sum(rows.map((row) => row.total)).eq(allocation.total)).toBe(true);
  within(allocation.total, allocation.exactTotal, "total");
  expectClose(sum(rows.map((row) => row.exact)), allocation.exactTotal);
  expectClose(sum(allocation.exactTranches), allocation.exactTotal);
}

/** One contributor's inputs to the allocation rule, as the test worked them out. */
export interface RuleInput {
  readonly basis: Dec;
  /** The aid credit (credit fraction x aid). */
  readonly credit: Dec;
  readonly low: Dec;
  /** Null: no upper limit. */
  readonly high: Dec | null;
}

/**
 * Checks the allocation rule of allocate.ts independently of how the engine solves it: the exact amounts add up to
 * the total, each lies within its limits, and one level M exists with amount_i = clamp(basis_i * M - credit_i, low_i,
 * high_i) for every contributor: free contributors (strictly inside their limits) all give the same M, those held at
 * their floor would pay no more at M, those held at their cap no less. Returns M, or null when everyone is held.
 */
export function checkAllocationRule(
  inputs: readonly RuleInput[],
  amounts: readonly Dec[],
  total: Dec,
  tolerance = "1e-35"
): Dec | null {
  expectClose(sum(amounts), total, tolerance);
  const slack = Dec.max(total.abs(), 1).times(tolerance);
  const margin = (value: Dec): Dec => Dec.max(value.abs(), 1).times(tolerance);
  let level: Dec | null = null;
  let upper: Dec | null = null; // the smallest upper bound on M from those held at their floor
  let lower: Dec | null = null; // the largest lower bound on M from those held at their cap
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    const amount = amounts[i];
    if (amount.lt(input.low.minus(slack))) throw new Error(`contributor ${i} pays ${amount.toFixed()} below its floor`);
    if (input.high !== null && amount.gt(input.high.plus(slack))) {
      throw new Error(`contributor ${i} pays ${amount.toFixed()} above its cap ${input.high.toFixed()}`);
    }
    const atLow = amount.minus(input.low).abs().lte(slack);
    const atHigh = input.high !== null && amount.minus(input.high).abs().lte(slack);
    if (input.basis.isZero()) {
      // Its basis times any level is 0: it pays its floor (or its cap, if that is lower).
      if (!atLow && !atHigh) throw new Error(`contributor ${i} has no basis but pays ${amount.toFixed()}`);
      continue;
    }
    const implied = amount.plus(input.credit).div(input.basis);
    if (!atLow && !atHigh) {
      if (level === null) level = implied;
      else if (!isClose(implied, level, tolerance)) {
        throw new Error(`free contributor ${i} implies level ${implied.toFixed()}, another ${level.toFixed()}`);
      }
    }
    // Held at its floor: basis * M - credit <= low, so M <= (low + credit) / basis. Held at its cap: M >= that.
    if (atLow && !atHigh) upper = upper === null ? implied : Dec.min(upper, implied);
    if (atHigh && !atLow) lower = lower === null ? implied : Dec.max(lower, implied);
  }
  if (level !== null) {
    if (upper !== null && level.gt(upper.plus(margin(level)))) {
      throw new Error(`a contributor held at its floor would pay more at level ${level.toFixed()}`);
    }
    if (lower !== null && level.lt(lower.minus(margin(level)))) {
      throw new Error(`a contributor held at its cap would pay less at level ${level.toFixed()}`);
    }
  } else if (upper !== null && lower !== null && lower.gt(upper.plus(margin(lower)))) {
    throw new Error("no level holds every contributor where it is");
  }
  return level;
}

/** The rows of an allocation by contributor code. */
export function rowsByCode(allocation: Allocation): Map<string, Allocation["rows"][number]> {
  return new Map(allocation.rows.map((row) => [row.code, row]));
}

/** Whole-unit amounts as plain strings, for readable comparisons. */
export function texts(values: readonly Dec[]): string[] {
  return values.map((value) => value.toFixed());
}
