import fc from "fast-check";

import { allocate, type Allocation, type AllocationRequest, type ContributorInput } from "../../src/engine/allocate";
import { Dec } from "../../src/engine/decimal";
import { FairShareError, type ErrorCode } from "../../src/engine/errors";
import { runScenario, type ContributorData } from "../../src/engine/scenario";
import { schedule } from "../../src/engine/schedule";
import {
  checkAllocationRule,
  checkAllocationTotals,
  dec,
  isClose,
  rowsByCode,
  texts,
  type RuleInput,
} from "../helpers/engine";
import { contributor } from "../helpers/engine";
import { checkAgainstOracle } from "../helpers/oracle";

/** One random contributor; amounts are in units of the total so that credits, caps and floors bite sometimes. */
interface RandomContributor {
  readonly basis: Dec;
  /** Aid as a fraction of the total, in hundredths. */
  readonly aidHundredths: number;
  /** GDP as a multiple of the total, in tenths. */
  readonly gdpTenths: number;
  readonly exempt: boolean;
  /** Largest share in whole percent, or null. */
  readonly capPercent: number | null;
  /** Smallest share in tenths of a percent, or null. */
  readonly floorTenths: number | null;
}

interface RandomCase {
  readonly contributors: readonly RandomContributor[];
  readonly unit: number;
  readonly totalUnits: number;
  readonly weights: readonly number[];
  /** Credit fraction in hundredths (0..100). */
  readonly creditHundredths: number;
  /** Largest yearly payment in percent of GDP, or null. */
  readonly maxPctGdp: number | null;
  /** A permutation of the contributors, as sort keys. */
  readonly order: readonly number[];
  readonly scale: number;
}

const basisArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(dec(0)) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }).map((n) => dec(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 99999 }).map((n) => dec(n).div(100)) }
);

const contributorArb: fc.Arbitrary<RandomContributor> = fc.record({
  basis: basisArb,
  aidHundredths: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
  gdpTenths: fc.integer({ min: 1, max: 200 }),
  exempt: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  capPercent: fc.option(fc.integer({ min: 1, max: 100 }), { freq: 3 }),
  floorTenths: fc.option(fc.integer({ min: 0, max: 80 }), { freq: 4 }),
});

const weightsArb = fc.integer({ min: 1, max: 10 }).chain((years) =>
  fc.oneof(
    fc.constant(Array.from({ length: years }, () => 1)),
    fc.constant(Array.from({ length: years }, (_, j) => years - j)),
    fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: years, maxLength: years })
      .filter((weights) => weights.some((w) => w > 0))
  )
);

const caseArb: fc.Arbitrary<RandomCase> = fc
  .record({
    contributors: fc
      .array(contributorArb, { minLength: 1, maxLength: 40 })
      // Not everyone exempt: un-exempt the first if all are.
      .map((cs) => (cs.every((c) => c.exempt) ? [{ ...cs[0], exempt: false }, ...cs.slice(1)] : cs)),
    unit: fc.constantFrom(1, 1000, 1e6),
    totalUnits: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 2_000_000 })),
    weights: weightsArb,
    creditHundredths: fc.oneof(fc.constant(0), fc.constant(100), fc.integer({ min: 0, max: 100 })),
    maxPctGdp: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 3 }),
    scale: fc.integer({ min: 2, max: 9 }),
  })
  .chain((c) =>
    fc
      .array(fc.integer(), { minLength: c.contributors.length, maxLength: c.contributors.length })
      .map((order) => ({ ...c, order }))
  );

/** The request for a random case, with every amount multiplied by `scale` (1 for the case itself). */
function toRequest(random: RandomCase, scale = 1): AllocationRequest {
  const total = dec(random.unit).times(random.totalUnits).times(scale);
  const contributors: ContributorInput[] = random.contributors.map((c, i) => ({
    code: `C${String(i).padStart(2, "0")}`,
    name: `Contributor ${i}`,
    basis: c.basis,
    aid: total.times(c.aidHundredths).div(100),
    gdp: total.times(c.gdpTenths).div(10),
    exempt: c.exempt,
    ...(c.capPercent !== null ? { maxShare: dec(c.capPercent).div(100) } : {}),
    ...(c.floorTenths !== null ? { minShare: dec(c.floorTenths).div(1000) } : {}),
  }));
  return {
    contributors,
    amount: { kind: "total", total },
    startYear: 2024,
    yearWeights: random.weights.map((w) => dec(w)),
    credit: dec(random.creditHundredths).div(100),
    ...(random.maxPctGdp !== null ? { maxShareOfGdpPerYear: dec(random.maxPctGdp).div(100) } : {}),
    unit: dec(random.unit),
  };
}

/** Each contributor's limits as the test works them out from the request. */
function limitsOf(request: AllocationRequest): { low: Dec; high: Dec | null; gdpYearly: Dec | null }[] {
  const total = (request.amount as { total: Dec }).total;
  const weights = request.yearWeights;
  const weightSum = weights.reduce((sum, w) => sum.plus(w), dec(0));
  const heaviest = Dec.max(...weights);
  return request.contributors.map((c) => {
    if (c.exempt) return { low: dec(0), high: dec(0), gdpYearly: null };
    const low = c.minShare ? c.minShare.times(total) : dec(0);
    let high: Dec | null = c.maxShare ? c.maxShare.times(total) : null;
    let gdpYearly: Dec | null = null;
    if (request.maxShareOfGdpPerYear) {
      // amount x (heaviest weight / sum of weights) <= p x GDP, in the heaviest year.
      gdpYearly = (c.gdp as Dec).times(request.maxShareOfGdpPerYear);
      const gdpCap = gdpYearly.times(weightSum).div(heaviest);
      high = high === null ? gdpCap : Dec.min(high, gdpCap);
    }
    // A contributor with no basis is never raised above its floor.
    if (c.basis.isZero()) high = high === null ? low : Dec.min(high, low);
    return { low, high, gdpYearly };
  });
}

/** Whether the constraints can all hold, worked out here: which error to expect, null when none, or "either". */
function expectedError(request: AllocationRequest): ErrorCode | null | "either" {
  const total = (request.amount as { total: Dec }).total;
  const paying = request.contributors.filter((c) => !c.exempt);
  if (paying.every((c) => c.basis.isZero())) return "ALL_ZERO";
  const limits = limitsOf(request);
  if (limits.some(({ low, high }) => high !== null && low.gt(high))) return "CAP_BELOW_FLOOR";
  const floors = limits.reduce((sum, { low }) => sum.plus(low), dec(0));
  if (floors.gt(total)) return "FLOORS_TOO_HIGH";
  if (limits.every(({ high }) => high !== null)) {
    const capacity = limits.reduce((sum, { high }) => sum.plus(high as Dec), dec(0));
    // Percent-of-GDP caps are 50-digit quotients: when they add up to the total itself, either answer is right.
    if (isClose(capacity, total, "1e-40") && request.maxShareOfGdpPerYear) return "either";
    if (capacity.lt(total)) return "CAPS_TOO_LOW";
  }
  return null;
}

function tryAllocate(request: AllocationRequest): Allocation | FairShareError {
  try {
    return allocate(request);
  } catch (error) {
    if (error instanceof FairShareError) return error;
    throw error;
  }
}

/** Every property of one successful allocation that needs nothing but the request and the result. */
function checkAllocation(request: AllocationRequest, allocation: Allocation): void {
  const total = (request.amount as { total: Dec }).total;
  const unit = request.unit;
  checkAllocationTotals(allocation);
  expect(allocation.total.eq(total)).toBe(true);

  const limits = limitsOf(request);
  allocation.rows.forEach((row, i) => {
    const c = request.contributors[i];
    const { low, high, gdpYearly } = limits[i];
    // Exact amounts hold the limits exactly; rounded ones within one unit.
    expect(row.exact.gte(low)).toBe(true);
    expect(row.total.gt(low.minus(unit))).toBe(true);
    if (c.maxShare) {
      expect(row.exact.lte(c.maxShare.times(total))).toBe(true);
      expect(row.total.lt(c.maxShare.times(total).plus(unit))).toBe(true);
    }
    if (high !== null) expect(row.exact.lte(high.times(dec(1).plus("1e-45")))).toBe(true);
    if (gdpYearly !== null) {
      row.exactByYear.forEach((amount, j) => {
        expect(amount.lte(gdpYearly.times(dec(1).plus("1e-40")))).toBe(true);
        expect(row.byYear[j].lt(gdpYearly.plus(unit))).toBe(true);
      });
    }
    if (c.exempt) {
      expect(row.exact.isZero()).toBe(true);
      expect(row.byYearUnits.every((units) => units === 0)).toBe(true);
      expect(row.constraint).toBe("exempt");
    }
  });

  // The allocation rule itself, checked from the outside.
  const inputs: RuleInput[] = request.contributors.map((c, i) => ({
    basis: c.exempt ? dec(0) : c.basis,
    credit: c.aid.times(request.credit),
    low: limits[i].low,
    high: limits[i].high,
  }));
  checkAllocationRule(
    inputs,
    allocation.rows.map((row) => row.exact),
    total
  );

  // The rounded tranches are the standalone schedule's.
  const planned = schedule(total, request.yearWeights, request.startYear, unit);
  expect(texts(allocation.tranches)).toEqual(texts(planned.rounded));
}

/**
 * The workings the result shows, against the test's own reading of the request: each row's limits and the rule that
 * sets each, and where the solve left it — at a limit it pays exactly that limit; free, it pays basis share x level -
 * credit, strictly between its limits.
 */
function checkWorkings(request: AllocationRequest, allocation: Allocation): void {
  const limits = limitsOf(request);
  const level = allocation.level;
  allocation.rows.forEach((row, i) => {
    const c = request.contributors[i];
    const { low, high } = limits[i];
    expect(isClose(row.lowerLimit, low)).toBe(true);
    if (high === null) expect(row.upperLimit).toBeNull();
    else expect(isClose(row.upperLimit as Dec, high)).toBe(true);
    expect(row.lowerRule).toBe(c.exempt ? "exempt" : c.minShare ? "floor" : null);
    expect(row.upperRule).toBe(expectedUpperRule(request, i, limits[i]));
    expect(row.aidCredit.eq(c.aid.times(request.credit))).toBe(true);
    if (row.held === "upper") expect(row.exact.eq(row.upperLimit as Dec)).toBe(true);
    else if (row.held === "lower") expect(row.exact.eq(row.lowerLimit)).toBe(true);
    else {
      expect(row.exact.gt(row.lowerLimit)).toBe(true);
      if (row.upperLimit !== null) expect(row.exact.lt(row.upperLimit)).toBe(true);
      expect(level).not.toBeNull();
      expect(isClose(row.exact, row.basisShare.times(level as Dec).minus(row.aidCredit), "1e-35")).toBe(true);
    }
  });
}

/** Which limit binds a contributor's upper limit, as the test reads the request: the tightest, a cap first on ties. */
function expectedUpperRule(
  request: AllocationRequest,
  i: number,
  { low, high, gdpYearly }: { low: Dec; high: Dec | null; gdpYearly: Dec | null }
): string | null {
  const c = request.contributors[i];
  if (c.exempt) return "exempt";
  if (high === null) return null;
  const total = (request.amount as { total: Dec }).total;
  const cap = c.maxShare ? c.maxShare.times(total) : null;
  const weights = request.yearWeights;
  const weightSum = weights.reduce((sum, w) => sum.plus(w), dec(0));
  const gdpCap = gdpYearly === null ? null : gdpYearly.times(weightSum).div(Dec.max(...weights));
  const lowerThan = (limit: Dec | null): boolean => limit === null || (low.lt(limit) && !isClose(low, limit));
  if (c.basis.isZero() && lowerThan(cap) && lowerThan(gdpCap)) return "no-basis";
  if (cap !== null && isClose(cap, high)) return "cap";
  return "max-pct-gdp";
}

describe("random allocations (fixed total)", () => {
  test("feasible cases: exact sums, rounding within one unit, limits, exemptions, the rule, the schedule", () => {
    fc.assert(
      fc.property(caseArb, (random) => {
        const request = toRequest(random);
        const expected = expectedError(request);
        const result = tryAllocate(request);
        if (expected === "either") return;
        if (expected === null) {
          if (result instanceof FairShareError) throw new Error(`unexpected error: ${result.message}`);
          checkAllocation(request, result);
          checkWorkings(request, result);
        } else {
          expect(result).toBeInstanceOf(FairShareError);
          expect((result as FairShareError).code).toBe(expected);
        }
      }),
      { numRuns: 200 }
    );
  });

  test("reordering the contributors changes no one's amount, exact or rounded", () => {
    fc.assert(
      fc.property(caseArb, (random) => {
        const request = toRequest(random);
        const result = tryAllocate(request);
        fc.pre(!(result instanceof FairShareError));
        const allocation = result as Allocation;
        const permutation = request.contributors
          .map((c, i) => ({ c, key: random.order[i], i }))
          .sort((a, b) => a.key - b.key || a.i - b.i)
          .map(({ c }) => c);
        const reordered = rowsByCode(allocate({ ...request, contributors: permutation }));
        for (const row of allocation.rows) {
          const other = reordered.get(row.code);
          expect(other?.exact.eq(row.exact)).toBe(true);
          expect(other?.byYearUnits).toEqual(row.byYearUnits);
          expect(other?.constraint).toBe(row.constraint);
        }
        expect(texts(allocate({ ...request, contributors: permutation }).tranches)).toEqual(texts(allocation.tranches));
      }),
      { numRuns: 120 }
    );
  });

  test("scaling the total (and the aid and GDP with it) by an integer scales every exact amount by it", () => {
    fc.assert(
      fc.property(caseArb, (random) => {
        const request = toRequest(random);
        const result = tryAllocate(request);
        fc.pre(!(result instanceof FairShareError));
        const allocation = result as Allocation;
        // The scaled total stays a whole number of units. Aid and GDP scale too: credits and percent-of-GDP caps
        // are amounts, not shares, and would otherwise bind differently.
        const scaled = allocate(toRequest(random, random.scale));
        // Shares such as 1/3 are not finite decimals: both runs carry them to 50 significant digits and round the
        // last one differently, so the amounts agree to about 49 digits, not exactly. 1e-30 is far below any unit.
        scaled.rows.forEach((row, i) => {
          expect(isClose(row.exact, allocation.rows[i].exact.times(random.scale), "1e-30")).toBe(true);
          // At an exact tie (s_i * L - credit_i equal to a limit) both labels are right, and the 50th digit may fall
          // either way after scaling; the amounts above are what must agree. Otherwise the label must not change.
          const labels = [row.constraint, allocation.rows[i].constraint];
          if (!labels.includes("none")) expect(labels[0]).toBe(labels[1]);
        });
        checkAllocationTotals(scaled);
      }),
      { numRuns: 100 }
    );
  });
});

describe("random allocations (percent of GDP)", () => {
  test("each pays clamp(p% x GDP x years - credit, 0, cap); the total rounds to the nearest unit", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 300 }), (random, hundredths) => {
        const base = toRequest(random);
        const share = dec(hundredths).div(10000);
        const request: AllocationRequest = { ...base, amount: { kind: "shareOfGdp", share } };
        const years = request.yearWeights.length;
        const weightSum = request.yearWeights.reduce((sum, w) => sum.plus(w), dec(0));
        const heaviest = Dec.max(...request.yearWeights);
        const allocation = allocate(request);
        allocation.rows.forEach((row, i) => {
          const c = request.contributors[i];
          const gdp = c.gdp as Dec;
          let expected = Dec.max(gdp.times(share).times(years).minus(c.aid.times(request.credit)), 0);
          if (request.maxShareOfGdpPerYear) {
            const cap = gdp.times(request.maxShareOfGdpPerYear).times(weightSum).div(heaviest);
            expected = Dec.min(expected, cap);
          }
          if (c.exempt) expected = dec(0);
          expect(isClose(row.exact, expected, "1e-40")).toBe(true);
        });
        checkAllocationTotals(allocation);
        const exactUnits = allocation.exactTotal.div(request.unit);
        expect(allocation.total.div(request.unit).eq(exactUnits.toDecimalPlaces(0, Dec.ROUND_HALF_UP))).toBe(true);
        expect(texts(allocation.tranches)).toEqual(
          texts(schedule(allocation.total, request.yearWeights, 2024, request.unit).rounded)
        );
      }),
      { numRuns: 60 }
    );
  });
});

describe("random scenarios through runScenario (the user's rows)", () => {
  const scenarioArb = fc.record({
    rows: fc.array(fc.record({ basis: fc.integer({ min: 0, max: 5000 }), aid: fc.integer({ min: 0, max: 3000 }) }), {
      minLength: 1,
      maxLength: 40,
    }),
    exemptMask: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    unit: fc.constantFrom("1", "1000", "1e6"),
    totalUnits: fc.integer({ min: 1, max: 100000 }),
    years: fc.integer({ min: 1, max: 10 }),
    profile: fc.constantFrom("flat", "front", "custom"),
    credit: fc.integer({ min: 0, max: 100 }),
    cap: fc.option(fc.integer({ min: 1, max: 100 })),
  });

  test("every total kept, exempt rows pay 0, and the order of the rows changes nothing", () => {
    fc.assert(
      fc.property(scenarioArb, (random) => {
        const unit = dec(random.unit);
        const total = unit.times(random.totalUnits);
        const codes = random.rows.map((_, i) => `R${i}`);
        const exempt = codes.filter((_, i) => random.exemptMask[i]);
        fc.pre(exempt.length < codes.length);
        const data: ContributorData[] = random.rows.map((row, i) => ({
          code: codes[i],
          basis: row.basis,
          aid: unit.times(row.aid).toFixed(),
        }));
        const profile =
          random.profile === "custom"
            ? Array.from({ length: random.years }, (_, j) => (j % 3) + 1).join(",")
            : random.profile;
        const spec = {
          total: total.toFixed(),
          unit: random.unit,
          years: random.years,
          profile,
          credit: dec(random.credit).div(100).toFixed(),
          exempt: exempt.join(","),
          cap: random.cap === null ? "" : `${random.cap}%`,
          eu: "none",
        };
        const run = (rows: readonly ContributorData[]): Allocation | FairShareError => {
          try {
            return runScenario({ ...spec, contributorData: rows }).allocation;
          } catch (error) {
            if (error instanceof FairShareError) return error;
            throw error;
          }
        };
        const result = run(data);
        const reversed = run([...data].reverse());
        if (result instanceof FairShareError) {
          // Only these can fail here: every payer with basis 0, or caps too low for the total.
          expect(["ALL_ZERO", "CAPS_TOO_LOW"]).toContain(result.code);
          expect(reversed).toBeInstanceOf(FairShareError);
          return;
        }
        checkAllocationTotals(result);
        expect(result.total.eq(total)).toBe(true);
        for (const code of exempt) expect(rowsByCode(result).get(code)?.total.isZero()).toBe(true);
        expect(reversed).not.toBeInstanceOf(FairShareError);
        const other = rowsByCode(reversed as Allocation);
        for (const row of result.rows) {
          expect(other.get(row.code)?.byYearUnits).toEqual(row.byYearUnits);
          expect(other.get(row.code)?.exact.eq(row.exact)).toBe(true);
        }
      }),
      { numRuns: 60 }
    );
  });
});

/**
 * Whether some controlled rounding of the table totalUnits x b_i x w_j / (sum b x sum w) (in units) has the column
 * totals `columns`, by brute force: each row's fractional cells rounded up in every way that keeps its total within
 * one unit, row by row, while the columns can still reach their totals.
 */
function someTableHasColumns(
  totalUnits: number,
  bases: readonly bigint[],
  weights: readonly bigint[],
  columns: readonly number[]
): boolean {
  const basisSum = bases.reduce((sum, b) => sum + b, 0n);
  const weightSum = weights.reduce((sum, w) => sum + w, 0n);
  const denominator = basisSum * weightSum;
  const rows = bases.map((b) => {
    const cells = weights.map((w) => BigInt(totalUnits) * b * w);
    const floors = cells.map((cell) => Number(cell / denominator));
    const fractional = cells.flatMap((cell, j) => (cell % denominator === 0n ? [] : [j]));
    const exact = BigInt(totalUnits) * b * weightSum;
    const floorSum = floors.reduce((sum, units) => sum + units, 0);
    const low = Number(exact / denominator) - floorSum;
    const high = Number((exact + denominator - 1n) / denominator) - floorSum;
    return { floors, fractional, low, high };
  });
  // Units each column still needs above its floors.
  const need = columns.map((total, j) => total - rows.reduce((sum, row) => sum + row.floors[j], 0));
  if (need.some((units) => units < 0)) return false;
  const visit = (i: number): boolean => {
    if (i === rows.length) return need.every((units) => units === 0);
    // Rows i.. must still be able to fill every column.
    for (let j = 0; j < need.length; j++) {
      const room = rows.slice(i).filter((row) => row.fractional.includes(j)).length;
      if (need[j] > room) return false;
    }
    const { fractional, low, high } = rows[i];
    for (let mask = 0; mask < 2 ** fractional.length; mask++) {
      const chosen = fractional.filter((_, bit) => (mask >> bit) & 1);
      if (chosen.length < low || chosen.length > high || chosen.some((j) => need[j] === 0)) continue;
      for (const j of chosen) need[j]--;
      const found = visit(i + 1);
      for (const j of chosen) need[j]++;
      if (found) return true;
    }
    return false;
  };
  return visit(0);
}

describe("the tranches are the total's own schedule whenever some table has them", () => {
  // Small tables with few units, so most cells are fractions: keys that tie or that one ally dominates, profiles with
  // one heavy year, halves and zero weights, one row or one year, totals of one unit.
  const keys = fc.oneof(
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
    fc
      .tuple(fc.integer({ min: 500, max: 950 }), fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 4 }))
      .map(([dominant, others]) => [dominant, ...others])
  );
  // Weights in halves (so 0.5 is a weight), at least one above 0.
  const halves = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 5 }),
    fc
      .tuple(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.constant(200))
      .map(([weights, at, heavy]) => weights.map((w, j) => (j === at % weights.length ? heavy : w)))
  );

  test("allocations of random small tables (the schedule kept exactly when a table has it)", () => {
    fc.assert(
      fc.property(
        keys,
        halves.filter((weights) => weights.some((w) => w > 0)),
        fc.constantFrom(1, 3, 7000, "0.01"),
        fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(1)),
        (bases, halfWeights, unit, totalUnits) => {
          const contributors = bases.map((basis, i) => contributor(codes[i], basis));
          const weights = halfWeights.map((w) => dec(w).div(2));
          const total = dec(unit).times(totalUnits);
          const allocation = allocate(requestOf(contributors, total, weights, dec(unit), dec(0)));
          checkAllocationTotals(allocation);
          const planned = schedule(total, weights, 2024, dec(unit));
          const exists = someTableHasColumns(
            totalUnits,
            bases.map((b) => BigInt(b)),
            halfWeights.map((w) => BigInt(w)),
            planned.units
          );
          // Kept whenever some table has them; and when kept, the allocation's own table is one.
          const kept = texts(allocation.tranches).join() === texts(planned.rounded).join();
          expect(kept).toBe(exists);
        }
      ),
      { numRuns: 300 }
    );
  });

  test("the case that lost them: 5 units among keys 848, 44, 36, 36, 36 over weights 7, 1, 100, 0.5, 0.5", () => {
    const bases = [848, 44, 36, 36, 36];
    const weights = ["7", "1", "100", "0.5", "0.5"].map((w) => dec(w));
    const allocation = allocate(
      requestOf(
        bases.map((basis, i) => contributor(codes[i], basis)),
        5,
        weights,
        1,
        dec(0)
      )
    );
    expect(allocation.tranches.map((tranche) => tranche.toNumber())).toEqual([0, 0, 5, 0, 0]);
    expect(someTableHasColumns(5, bases.map(BigInt), [14n, 2n, 200n, 1n, 1n], [0, 0, 5, 0, 0])).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Against the exact reference (test/helpers/oracle.ts): every rounded cell is the floor or the ceiling of its exact
// value, a whole exact value is kept, rows, columns and the total add up, and the engine's exact amounts are the
// oracle's. Edge cases: limits that add up to exactly the total, cap = floor for everyone, magnitudes from 1e-300 to
// 1e300, shuffled contributors, ties.
// ---------------------------------------------------------------------------------------------------------------------

/** A decimal m x 10^e with a few digits, for inputs on any scale. */
const scaledDecimal = (minExponent: number, maxExponent: number): fc.Arbitrary<Dec> =>
  fc
    .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: minExponent, max: maxExponent }))
    .map(([mantissa, exponent]) => new Dec(`${mantissa}e${exponent}`));

function expectFaithful(request: AllocationRequest): Allocation {
  const allocation = allocate(request);
  expect(checkAgainstOracle(request, allocation)).toEqual([]);
  return allocation;
}

/** The rounded units of each code, to compare allocations of the same contributors in another order. */
function unitsByCode(allocation: Allocation): Record<string, number[]> {
  return Object.fromEntries(allocation.rows.map((row) => [row.code, row.byYearUnits]));
}

const codes = Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(2, "0")}`);

describe("against the exact reference", () => {
  test("random fixed-total allocations with credits, caps, floors and uneven profiles", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            basis: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 ** 9 })),
            aid: fc.integer({ min: 0, max: 400 }),
            cap: fc.option(fc.integer({ min: 1, max: 100 }), { freq: 3 }),
            floor: fc.option(fc.integer({ min: 0, max: 30 }), { freq: 4 }),
            exempt: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
          }),
          { minLength: 1, maxLength: 40 }
        ),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(1, 3, 7, 10, 7000, 250000),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 3000 }),
        (rows, rawWeights, unit, creditPercent, totalUnits) => {
          const weights = rawWeights.some((w) => w > 0) ? rawWeights : [1, ...rawWeights];
          const total = unit * totalUnits;
          const contributors = rows.map((row, i) =>
            contributor(codes[i], row.basis, {
              aid: (row.aid * total) / 1000,
              exempt: row.exempt,
              ...(row.cap !== null ? { maxShare: dec(row.cap).div(100) } : {}),
              ...(row.floor !== null ? { minShare: dec(row.floor).div(1000) } : {}),
            })
          );
          const request = requestOf(contributors, total, weights, unit, dec(creditPercent).div(100));
          if (!feasible(request)) return;
          expectFaithful(request);
        }
      ),
      { numRuns: 300 }
    );
  });

  test("limits that add up to exactly the total: everyone at its limit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 0, maxLength: 11 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom("cap", "floor", "both"),
        fc.integer({ min: 1, max: 5 }),
        (given, bases, kind, years) => {
          // Shares part_i / 1000 with the last part taking the rest: they add up to exactly 1.
          const parts = given.slice(0, 11);
          const rest = 1000 - parts.reduce((a, b) => a + b, 0);
          parts.push(rest);
          const sum = 1000;
          const contributors = parts.map((part, i) => {
            const share = dec(part).div(sum);
            return contributor(codes[i], bases[i], {
              ...(kind !== "floor" ? { maxShare: share } : {}),
              ...(kind !== "cap" ? { minShare: share } : {}),
            });
          });
          const request = requestOf(contributors, 1000 * sum, Array(years).fill(1), 1, dec(0));
          const allocation = expectFaithful(request);
          allocation.rows.forEach((row, i) => {
            expect(row.exact.eq(dec(1000 * parts[i]))).toBe(true);
            expect(row.constraint).toBe(kind === "cap" ? "cap" : "floor");
          });
        }
      ),
      { numRuns: 150 }
    );
  });

  test("cap = floor for everyone at 3.125%: 32 contributors each at exactly 1/32", () => {
    const contributors = codes
      .slice(0, 32)
      .map((code, i) => contributor(code, i + 1, { maxShare: "0.03125", minShare: "0.03125" }));
    const allocation = expectFaithful(requestOf(contributors, 1e11, [1, 1, 1, 1, 1], 1e6, dec(0)));
    for (const row of allocation.rows) {
      expect(row.totalUnits).toBe(3125);
      expect(row.byYearUnits).toEqual([625, 625, 625, 625, 625]);
    }
  });

  test("extreme magnitudes: keys, totals, units and weights from 1e-300 to 1e300", () => {
    fc.assert(
      fc.property(
        fc.array(scaledDecimal(-300, 300), { minLength: 1, maxLength: 8 }),
        fc.array(scaledDecimal(-300, 300), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: -300, max: 285 }),
        fc.integer({ min: 1, max: 999999 }),
        fc.option(fc.integer({ min: 1, max: 99 })),
        (bases, weights, unitExponent, totalUnits, capPercent) => {
          const unit = new Dec(`1e${unitExponent}`);
          const total = unit.times(totalUnits);
          const contributors = bases.map((basis, i) =>
            contributor(codes[i], basis, {
              aid: total.times("0.142857"),
              ...(capPercent !== null && i === 0 ? { maxShare: dec(capPercent).div(100) } : {}),
            })
          );
          const request: AllocationRequest = {
            contributors,
            amount: { kind: "total", total },
            startYear: 2024,
            yearWeights: weights,
            credit: dec("0.5"),
            unit,
          };
          if (!feasible(request)) return;
          expectFaithful(request);
        }
      ),
      { numRuns: 150 }
    );
  });

  test("keys of 1e-298 (any scale, exactly normalised)", () => {
    const request = requestOf(
      [contributor("USA", "1e-298"), contributor("DEU", "1e-298")],
      1e11,
      [1, 1, 1, 1, 1],
      1e6,
      dec(0)
    );
    const allocation = expectFaithful(request);
    expect(allocation.rows.map((row) => row.totalUnits)).toEqual([50000, 50000]);
  });

  test("shuffled contributors: the same units for everyone, ties included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(3, 7000, 250000),
        fc.integer({ min: 1, max: 999 }),
        fc.func(fc.integer()),
        (bases, weights, unit, totalUnits, shuffleKey) => {
          const contributors = bases.map((basis, i) => contributor(codes[i], basis));
          const keyed = contributors.map((c, i) => ({ c, key: shuffleKey(i) }));
          const shuffled = keyed.sort((a, b) => a.key - b.key).map((entry) => entry.c);
          const a = expectFaithful(requestOf(contributors, unit * totalUnits, weights, unit, dec(0)));
          const b = expectFaithful(requestOf(shuffled, unit * totalUnits, weights, unit, dec(0)));
          expect(unitsByCode(b)).toEqual(unitsByCode(a));
        }
      ),
      { numRuns: 150 }
    );
  });

  test("tie-heavy tables: equal bases, many equal remainders, units of 3, 7000 and 250k, 1 to 40 rows", () => {
    for (const unit of [3, 7000, 250000]) {
      for (let rows = 1; rows <= 40; rows += rows < 5 ? 1 : 7) {
        for (const weights of [[1], [1, 1, 1], [5, 4, 3, 2, 1], [2, 1, 1, 2]]) {
          for (const totalUnits of [1, rows - 1 || 1, 7 * rows + 3, 1000]) {
            const contributors = Array.from({ length: rows }, (_, i) => contributor(codes[i], i % 3 === 0 ? 2 : 1));
            const allocation = expectFaithful(requestOf(contributors, unit * totalUnits, weights, unit, dec(0)));
            // Equal bases, equal exact amounts: the rounded totals of equal rows differ by at most one unit.
            const equalRows = allocation.rows.filter((_, i) => i % 3 !== 0).map((row) => row.totalUnits);
            if (equalRows.length > 0) expect(Math.max(...equalRows) - Math.min(...equalRows)).toBeLessThanOrEqual(1);
          }
        }
      }
    }
  });

  test("percent of GDP with caps: faithful to the exact reference", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gdp: fc.integer({ min: 1, max: 10 ** 6 }), aid: fc.integer({ min: 0, max: 500 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 300 }),
        fc.option(fc.integer({ min: 1, max: 300 })),
        fc.constantFrom(1, 3, 7),
        (rows, weights, percentHundredths, maxHundredths, unit) => {
          const contributors = rows.map((row, i) => contributor(codes[i], row.gdp, { gdp: row.gdp, aid: row.aid }));
          const request: AllocationRequest = {
            ...requestOf(contributors, 0, weights, unit, dec("0.5")),
            amount: { kind: "shareOfGdp", share: dec(percentHundredths).div(10000) },
            ...(maxHundredths !== null ? { maxShareOfGdpPerYear: dec(maxHundredths).div(10000) } : {}),
          };
          expectFaithful(request);
        }
      ),
      { numRuns: 150 }
    );
  });
});

function requestOf(
  contributors: ContributorInput[],
  total: number | Dec,
  weights: readonly number[] | readonly Dec[],
  unit: number | Dec,
  credit: Dec
): AllocationRequest {
  return {
    contributors,
    amount: { kind: "total", total: dec(total) },
    startYear: 2024,
    yearWeights: (weights as readonly (number | Dec)[]).map((w) => dec(w)),
    credit,
    unit: dec(unit),
  };
}

/** True when allocate() accepts the request; false for the engine's documented refusals (infeasible limits). */
function feasible(request: AllocationRequest): boolean {
  try {
    allocate(request);
    return true;
  } catch (error) {
    if (error instanceof FairShareError && error.code !== "INTERNAL") return false;
    throw error;
  }
}
