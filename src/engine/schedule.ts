import { Dec, ONE, sumDec } from "./decimal";
import { fail } from "./errors";
import { commonExponent, numeratorAt, scaled, type Scaled } from "./rational";
import { roundRankOneTable } from "./rounding";

/** How a total is spread over the years. */
export type Profile =
  | { readonly kind: "flat" }
  /** Front-loaded: weights N, N-1, ..., 1 (for five years 5/15, 4/15, 3/15, 2/15, 1/15). */
  | { readonly kind: "front" }
  | { readonly kind: "custom"; readonly weights: readonly Dec[] };

/** The largest number of rounding units a table may hold: whole units stay exact in float64 below 2^53. */
export const MAX_UNITS = 1e15;

/** Raw (unnormalised) weight of each year: 1 each for flat, N..1 for front-loaded, the user's for custom. */
export function profileWeights(profile: Profile, years: number): Dec[] {
  switch (profile.kind) {
    case "flat":
      return Array.from({ length: years }, () => ONE);
    case "front":
      return Array.from({ length: years }, (_, index) => new Dec(years - index));
    case "custom":
      if (profile.weights.length !== years) {
        fail("LENGTH_MISMATCH", "profile", { actual: profile.weights.length, other: "years", expected: years });
      }
      return profile.weights.slice();
  }
}

/** The weights as integers with their ratios kept (one common power of ten), and their sum. */
export function integerWeights(weights: readonly Dec[]): { readonly weights: bigint[]; readonly sum: bigint } {
  const count = weights.length;
  const parts: Scaled[] = new Array<Scaled>(count);
  for (let k = 0; k < count; k++) parts[k] = scaled(weights[k]);
  const exponent = commonExponent(parts);
  const integers: bigint[] = new Array<bigint>(count);
  let sum = 0n;
  for (let k = 0; k < count; k++) {
    integers[k] = numeratorAt(parts[k], exponent);
    sum += integers[k];
  }
  return { weights: integers, sum };
}

/**
 * Exact yearly amounts of one total, total x w_j / sum(w), for reading (the rounding works on the exact integers, see
 * allocate.ts): the product is exact and the one division rounds at the engine's precision only when the share has no
 * finite decimal form (5/15, say).
 */
export function exactTranches(total: Dec, weights: readonly Dec[]): Dec[] {
  const weightSum = sumDec(weights);
  return weights.map((weight) => total.times(weight).div(weightSum));
}

/** Converts an amount to a whole number of units, failing when it is not whole or too large. */
export function wholeUnits(amount: Dec, unit: Dec, argument: string): number {
  const units = amount.div(unit);
  if (!units.isInteger()) {
    fail("NOT_A_MULTIPLE_OF_UNIT", argument, { value: amount.toFixed(), unit: unit.toFixed() });
  }
  if (units.gt(MAX_UNITS)) fail("TOO_MANY_UNITS", argument, { units: units.toFixed(), max: MAX_UNITS });
  return units.toNumber();
}

/** amount / unit (integers, amount >= 0, unit > 0) to the nearest whole number of units, half up; too many fail. */
export function nearestUnitsOf(amount: bigint, unit: bigint): number {
  let units = amount / unit;
  if (2n * (amount % unit) >= unit) units += 1n;
  if (units > BigInt(MAX_UNITS)) fail("TOO_MANY_UNITS", "unit", { units: units.toString(), max: MAX_UNITS });
  return Number(units);
}

export interface Schedule {
  readonly startYear: number;
  readonly years: number[];
  readonly exact: Dec[];
  /** Rounded tranches, whole multiples of the unit, adding up exactly to the total. */
  readonly rounded: Dec[];
  /** The rounded tranches in units. */
  readonly units: number[];
}

/**
 * Rounded tranches of a whole number of units split by integer weights: units * w_j / sum(w), each within one unit of
 * its exact value, adding up exactly. The same controlled rounding as the allocation table, so the allocation keeps
 * these tranches.
 */
export function scheduleUnits(totalUnits: number, weights: readonly bigint[], weightSum: bigint): number[] {
  if (weightSum === 0n) fail("ALL_ZERO", "profile", { what: "year", fix: "Give at least one year a weight above 0." });
  return (
    wholeTranches(totalUnits, weights, weightSum) ??
    roundRankOneTable([BigInt(totalUnits)], 1n, weights, weightSum, totalUnits).columnTotals
  );
}

/**
 * The tranches units * w_j / W when every one is whole (a round total over equal years, say), else null: a table of
 * whole cells is its own controlled rounding, so this is what the rounding would give, without its set-up. Worked out
 * in float64 only while every product is a safe integer, where it is exact.
 */
function wholeTranches(totalUnits: number, weights: readonly bigint[], weightSum: bigint): number[] | null {
  if (weightSum > SAFE_WEIGHT) return null;
  const W = Number(weightSum);
  const tranches: number[] = [];
  for (const weight of weights) {
    const product = totalUnits * Number(weight);
    if (product > Number.MAX_SAFE_INTEGER) return null;
    const tranche = Math.floor(product / W);
    // The float quotient may be one off; whole only when the product is exactly tranche x W.
    if (tranche * W !== product) return null;
    tranches.push(tranche);
  }
  return tranches;
}

const SAFE_WEIGHT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The yearly tranches of a total (a whole number of units), each within one unit of its exact value and adding up
 * exactly. Rounded by the same controlled rounding as the allocation table, so the allocation keeps these tranches.
 */
export function schedule(total: Dec, weights: readonly Dec[], startYear: number, unit: Dec): Schedule {
  const totalUnits = wholeUnits(total, unit, "total");
  const exact = exactTranches(total, weights);
  const integers = integerWeights(weights);
  const units = scheduleUnits(totalUnits, integers.weights, integers.sum);
  return {
    startYear,
    years: weights.map((_, index) => startYear + index),
    exact,
    rounded: units.map((count) => unit.times(count)),
    units,
  };
}
