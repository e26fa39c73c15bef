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
    ...(random.maxPctGdp !== null ? { maxPercentOfGdpPerYear: dec(random.maxPctGdp) } : {}),
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
    if (request.maxPercentOfGdpPerYear) {
      // amount x (heaviest weight / sum of weights) <= p% of GDP, in the heaviest year.
      gdpYearly = (c.gdp as Dec).times(request.maxPercentOfGdpPerYear).div(100);
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
    if (isClose(capacity, total, "1e-40") && request.maxPercentOfGdpPerYear) return "either";
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
        const percent = dec(hundredths).div(100);
        const request: AllocationRequest = { ...base, amount: { kind: "percentOfGdp", percent } };
        const years = request.yearWeights.length;
        const weightSum = request.yearWeights.reduce((sum, w) => sum.plus(w), dec(0));
        const heaviest = Dec.max(...request.yearWeights);
        const allocation = allocate(request);
        allocation.rows.forEach((row, i) => {
          const c = request.contributors[i];
          const gdp = c.gdp as Dec;
          let expected = Dec.max(gdp.times(percent).div(100).times(years).minus(c.aid.times(request.credit)), 0);
          if (request.maxPercentOfGdpPerYear) {
            const cap = gdp.times(request.maxPercentOfGdpPerYear).div(100).times(weightSum).div(heaviest);
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
