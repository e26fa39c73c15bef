import { allocate, type AllocationRequest, type Constraint, type ContributorInput } from "../../src/engine/allocate";
import { Dec } from "../../src/engine/decimal";
import { ERROR_CATALOGUE, type ErrorCode } from "../../src/engine/errors";
import { allocationRequest, runScenario } from "../../src/engine/scenario";
import { checkAgainstOracle } from "../helpers/oracle";
import {
  checkAllocationRule,
  checkAllocationTotals,
  contributor,
  dec,
  expectClose,
  flat,
  frac,
  request,
  rowsByCode,
  texts,
  thrown,
  type DecValue,
  type RuleInput,
} from "../helpers/engine";

/** The three contributors most cases use: bases 50/30/20 of a total of 100, so shares are 0.5/0.3/0.2. */
function abc(
  options: {
    a?: Parameters<typeof contributor>[2];
    b?: Parameters<typeof contributor>[2];
    c?: Parameters<typeof contributor>[2];
  } = {}
): ContributorInput[] {
  return [contributor("A", 50, options.a), contributor("B", 30, options.b), contributor("C", 20, options.c)];
}

interface HandCase {
  readonly name: string;
  readonly contributors: readonly ContributorInput[];
  /** The fixed total; absent for the percent-of-GDP rule (given in options.amount). */
  readonly total?: DecValue;
  readonly options?: Partial<Omit<AllocationRequest, "contributors">>;
  /** Exact amounts over all years, worked out on paper (as fractions where they do not end). */
  readonly exact: readonly Dec[];
  /** Rounded totals in units, worked out on paper; left out where a tie makes more than one answer right. */
  readonly rounded?: readonly number[];
  readonly constraints: readonly Constraint[];
  /** The level L of the rule allocation_i = clamp(s_i * L - credit_i, floor_i, cap_i). */
  readonly level?: Dec | null;
}

const pctGdp = (percent: DecValue): Partial<AllocationRequest> => ({
  amount: { kind: "shareOfGdp", share: dec(percent).div(100) },
});

const HAND_CASES: readonly HandCase[] = [
  {
    name: "bases 50/30/20 of 100: shares of the basis",
    contributors: abc(),
    total: 100,
    exact: [dec(50), dec(30), dec(20)],
    rounded: [50, 30, 20],
    constraints: ["none", "none", "none"],
    level: dec(100),
  },
  {
    name: "bases 2/1 of 10: 20/3 and 10/3, rounded to the nearest unit",
    contributors: [contributor("A", 2), contributor("B", 1)],
    total: 10,
    exact: [frac(20, 3), frac(10, 3)],
    rounded: [7, 3],
    constraints: ["none", "none"],
    level: dec(10),
  },
  {
    // B's credit 0.5 x 40 = 20 is less than its share: L - 20 = 100, so L = 120; A = 60, B = 36 - 20, C = 24.
    name: "credit below the share: the credited ally pays less, the others more in proportion to basis",
    contributors: abc({ b: { aid: 40 } }),
    total: 100,
    options: { credit: dec("0.5") },
    exact: [dec(60), dec(16), dec(24)],
    rounded: [60, 16, 24],
    constraints: ["none", "none", "none"],
    level: dec(120),
  },
  {
    // B's credit 60 exceeds any share it could have: it pays 0 and A, C split 100 as 50:20, so L = 1000/7.
    name: "credit above the share: that ally pays 0, the rest is re-spread in proportion to basis",
    contributors: abc({ b: { aid: 60 } }),
    total: 100,
    options: { credit: dec(1) },
    exact: [frac(500, 7), dec(0), frac(200, 7)],
    rounded: [71, 0, 29],
    constraints: ["none", "credit", "none"],
    level: frac(1000, 7),
  },
  {
    name: "exemption: B pays 0, A and C split the total 50:20",
    contributors: abc({ b: { exempt: true } }),
    total: 100,
    exact: [frac(500, 7), dec(0), frac(200, 7)],
    rounded: [71, 0, 29],
    constraints: ["none", "exempt", "none"],
    level: dec(100),
  },
  {
    name: "a cap that binds: A at 40%, the other 60 split 30:20",
    contributors: abc({ a: { maxShare: "0.4" } }),
    total: 100,
    exact: [dec(40), dec(36), dec(24)],
    rounded: [40, 36, 24],
    constraints: ["cap", "none", "none"],
    level: dec(120),
  },
  {
    // A capped at 40 leaves B at 36, above its 35% cap: B is held too and C takes the rest.
    name: "caps that bind in turn: the re-spread pushes B over its cap",
    contributors: abc({ a: { maxShare: "0.4" }, b: { maxShare: "0.35" } }),
    total: 100,
    exact: [dec(40), dec(35), dec(25)],
    rounded: [40, 35, 25],
    constraints: ["cap", "cap", "none"],
    level: dec(125),
  },
  {
    name: "a cap that does not bind changes nothing",
    contributors: abc({ a: { maxShare: "0.6" } }),
    total: 100,
    exact: [dec(50), dec(30), dec(20)],
    rounded: [50, 30, 20],
    constraints: ["none", "none", "none"],
  },
  {
    // C held at 30; A and B split 70 as 50:30: 43.75 and 26.25, rounded 44 and 26 (the larger remainder goes up).
    name: "a floor that binds: C at 30%, the rest split 50:30",
    contributors: abc({ c: { minShare: "0.3" } }),
    total: 100,
    exact: [dec("43.75"), dec("26.25"), dec(30)],
    rounded: [44, 26, 30],
    constraints: ["none", "none", "floor"],
    level: dec("87.5"),
  },
  {
    name: "a floor that does not bind changes nothing",
    contributors: abc({ c: { minShare: "0.1" } }),
    total: 100,
    exact: [dec(50), dec(30), dec(20)],
    rounded: [50, 30, 20],
    constraints: ["none", "none", "none"],
  },
  {
    name: "a contributor with basis 0 pays nothing",
    contributors: [...abc(), contributor("D", 0)],
    total: 100,
    exact: [dec(50), dec(30), dec(20), dec(0)],
    rounded: [50, 30, 20, 0],
    constraints: ["none", "none", "none", "none"],
  },
  {
    // D pays its floor of 5; A, B, C split 95 as 50:30:20 (47.5 and 28.5 tie for the last unit).
    name: "a contributor with basis 0 and a floor pays its floor",
    contributors: [...abc(), contributor("D", 0, { minShare: "0.05" })],
    total: 100,
    exact: [dec("47.5"), dec("28.5"), dec(19), dec(5)],
    constraints: ["none", "none", "none", "floor"],
  },
  {
    name: "caps that add up to exactly the total: everyone at its cap",
    contributors: abc({ a: { maxShare: "0.5" }, b: { maxShare: "0.3" }, c: { maxShare: "0.2" } }),
    total: 100,
    exact: [dec(50), dec(30), dec(20)],
    rounded: [50, 30, 20],
    constraints: ["cap", "cap", "cap"],
  },
  {
    name: "floors that add up to exactly the total: everyone at its floor",
    contributors: [
      contributor("A", 1, { minShare: "0.5" }),
      contributor("B", 1, { minShare: "0.3" }),
      contributor("C", 1, { minShare: "0.2" }),
    ],
    total: 100,
    exact: [dec(50), dec(30), dec(20)],
    rounded: [50, 30, 20],
    constraints: ["floor", "floor", "floor"],
  },
  {
    // 0.8% of GDP 1000 is 8 a year; flat over 5 years A pays at most 40, B and C split 60 as 30:20.
    name: "max percent of GDP a year, flat profile: the cap is 5 x the yearly limit",
    contributors: abc({ a: { gdp: 1000 }, b: { gdp: 1e6 }, c: { gdp: 1e6 } }),
    total: 100,
    options: { yearWeights: flat(5), maxShareOfGdpPerYear: dec("0.8").div(100) },
    exact: [dec(40), dec(36), dec(24)],
    rounded: [40, 36, 24],
    constraints: ["cap", "none", "none"],
    level: dec(120),
  },
  {
    // Front-loaded, the first year carries 5/15 = 1/3: 1% of GDP 1000 = 10 in that year caps A's total at 30.
    name: "max percent of GDP a year, front-loaded: the heaviest year binds",
    contributors: abc({ a: { gdp: 1000 }, b: { gdp: 1e6 }, c: { gdp: 1e6 } }),
    total: 100,
    options: { yearWeights: [5, 4, 3, 2, 1].map((w) => dec(w)), maxShareOfGdpPerYear: dec(1).div(100) },
    exact: [dec(30), dec(42), dec(28)],
    rounded: [30, 42, 28],
    constraints: ["cap", "none", "none"],
    level: dec(140),
  },
  {
    // The same 1% flat allows A 10 a year, 50 in all: exactly its share, so it pays its share.
    name: "max percent of GDP a year, flat: the same limit allows more",
    contributors: abc({ a: { gdp: 1000 }, b: { gdp: 1e6 }, c: { gdp: 1e6 } }),
    total: 100,
    options: { yearWeights: flat(5), maxShareOfGdpPerYear: dec("1.1").div(100) },
    exact: [dec(50), dec(30), dec(20)],
    rounded: [50, 30, 20],
    constraints: ["none", "none", "none"],
  },
  {
    // 1% of GDP a year for 5 years: 1000 -> 50, 500 -> 25; the total follows (75).
    name: "percent of GDP: each pays p% of its GDP every year",
    contributors: [contributor("A", 1000, { gdp: 1000 }), contributor("B", 500, { gdp: 500 })],
    options: { ...pctGdp(1), yearWeights: flat(5) },
    exact: [dec(50), dec(25)],
    rounded: [50, 25],
    constraints: ["none", "none"],
    level: null,
  },
  {
    name: "percent of GDP with credit: the aid credit is taken off",
    contributors: [contributor("A", 1000, { gdp: 1000 }), contributor("B", 500, { gdp: 500, aid: 10 })],
    options: { ...pctGdp(1), yearWeights: flat(5), credit: dec("0.5") },
    exact: [dec(50), dec(20)],
    rounded: [50, 20],
    constraints: ["none", "none"],
  },
  {
    name: "percent of GDP with a credit above the amount: 0, nothing re-spread",
    contributors: [contributor("A", 1000, { gdp: 1000 }), contributor("B", 500, { gdp: 500, aid: 100 })],
    options: { ...pctGdp(1), yearWeights: flat(5), credit: dec(1) },
    exact: [dec(50), dec(0)],
    rounded: [50, 0],
    constraints: ["none", "credit"],
  },
  {
    name: "percent of GDP with an exemption",
    contributors: [contributor("A", 1000, { gdp: 1000, exempt: true }), contributor("B", 500, { gdp: 500 })],
    options: { ...pctGdp(1), yearWeights: flat(5) },
    exact: [dec(0), dec(25)],
    rounded: [0, 25],
    constraints: ["exempt", "none"],
  },
  {
    // Capped at 0.5% a year: 25 and 12.5; the total 37.5 rounds half up to 38, so B gets 13.
    name: "percent of GDP under a lower max percent of GDP: capped",
    contributors: [contributor("A", 1000, { gdp: 1000 }), contributor("B", 500, { gdp: 500 })],
    options: { ...pctGdp(1), yearWeights: flat(5), maxShareOfGdpPerYear: dec("0.5").div(100) },
    exact: [dec(25), dec("12.5")],
    rounded: [25, 13],
    constraints: ["cap", "cap"],
  },
];

describe("allocate: hand-checked cases", () => {
  test.each(HAND_CASES.map((c) => [c.name, c] as const))("%s", (_, hand) => {
    const allocation = allocate(
      hand.total === undefined
        ? { ...request(hand.contributors, 1), ...hand.options }
        : request(hand.contributors, hand.total, hand.options)
    );
    expect(allocation.rows.map((row) => row.code)).toEqual(hand.contributors.map((c) => c.code));
    allocation.rows.forEach((row, i) => expectClose(row.exact, hand.exact[i]));
    if (hand.rounded) expect(allocation.rows.map((row) => row.totalUnits)).toEqual(hand.rounded);
    expect(allocation.rows.map((row) => row.constraint)).toEqual(hand.constraints);
    if (hand.level === null) expect(allocation.level).toBeNull();
    else if (hand.level !== undefined) expectClose(allocation.level as Dec, hand.level);
    const handTotal = hand.exact.reduce((sum, value) => sum.plus(value), dec(0));
    expectClose(allocation.exactTotal, handTotal);
    if (hand.total !== undefined) expect(allocation.total.eq(hand.total)).toBe(true);
    checkAllocationTotals(allocation);
  });

  test("percent of GDP: a total that is not a whole number of units rounds half up", () => {
    const run = (gdp: number): number =>
      allocate({ ...request([contributor("A", gdp, { gdp })], 1), ...pctGdp(1) }).rows[0].totalUnits;
    expect(run(333)).toBe(3); // 3.33
    expect(run(350)).toBe(4); // 3.5
    expect(run(367)).toBe(4); // 3.67
  });

  test("every fixed-total case also satisfies the allocation rule checked independently", () => {
    for (const hand of HAND_CASES.filter((c) => c.total !== undefined)) {
      const total = dec(hand.total as DecValue);
      const credit = hand.options?.credit ?? dec(0);
      const allocation = allocate(request(hand.contributors, total, hand.options));
      const inputs: RuleInput[] = hand.contributors.map((c) => ({
        basis: c.exempt ? dec(0) : c.basis,
        credit: c.aid.times(credit),
        low: c.exempt ? dec(0) : (c.minShare ?? dec(0)).times(total),
        high: c.exempt ? dec(0) : (c.maxShare?.times(total) ?? null),
      }));
      // The percent-of-GDP cap as the test works it out: yearly limit / the heaviest year's fraction.
      const share = hand.options?.maxShareOfGdpPerYear;
      if (share) {
        const weights = hand.options?.yearWeights ?? [dec(1)];
        const heaviest = Dec.max(...weights).div(weights.reduce((sum, w) => sum.plus(w), dec(0)));
        hand.contributors.forEach((c, i) => {
          const cap = (c.gdp as Dec).times(share).div(heaviest);
          const high = inputs[i].high;
          inputs[i] = { ...inputs[i], high: high === null ? cap : Dec.min(high, cap) };
        });
      }
      checkAllocationRule(
        inputs,
        allocation.rows.map((row) => row.exact),
        total
      );
    }
  });
});

describe("allocate: the rows' other figures", () => {
  test("basis shares are over the contributors who pay; shares are of the exact total", () => {
    const allocation = allocate(request(abc({ b: { exempt: true } }), 100));
    const [a, b, c] = allocation.rows;
    expectClose(a.basisShare, frac(5, 7));
    expect(b.basisShare.isZero()).toBe(true);
    expectClose(c.basisShare, frac(2, 7));
    expectClose(a.share, frac(5, 7));
    expect(b.share.isZero()).toBe(true);
    expect(a.name).toBe("A");
  });

  test("the aid credit is credit x aid, whether or not it binds", () => {
    const allocation = allocate(request(abc({ a: { aid: 10 }, b: { aid: 60 } }), 100, { credit: dec("0.25") }));
    expect(texts(allocation.rows.map((row) => row.aidCredit))).toEqual(["2.5", "15", "0"]);
  });

  test("years run from the start year, one per weight; the exact years split each amount by weight", () => {
    const allocation = allocate(request(abc(), 100, { startYear: 2030, yearWeights: [1, 2, 1, 0].map((w) => dec(w)) }));
    expect(allocation.years).toEqual([2030, 2031, 2032, 2033]);
    expect(texts(allocation.rows[0].exactByYear)).toEqual(["12.5", "25", "12.5", "0"]);
    expect(texts(allocation.exactTranches)).toEqual(["25", "50", "25", "0"]);
    expect(texts(allocation.tranches)).toEqual(["25", "50", "25", "0"]);
    checkAllocationTotals(allocation);
  });

  test("5 years flat: 10/6/4 a year for bases 50/30/20 of 100", () => {
    const allocation = allocate(request(abc(), 100, { yearWeights: flat(5) }));
    expect(allocation.rows.map((row) => row.byYearUnits)).toEqual([
      [10, 10, 10, 10, 10],
      [6, 6, 6, 6, 6],
      [4, 4, 4, 4, 4],
    ]);
    expect(texts(allocation.tranches)).toEqual(["20", "20", "20", "20", "20"]);
  });

  test("3 years flat: no cell is a whole unit, yet every total holds", () => {
    const allocation = allocate(request(abc(), 100, { yearWeights: flat(3) }));
    checkAllocationTotals(allocation);
    expect(allocation.rows.map((row) => row.totalUnits)).toEqual([50, 30, 20]);
    // 100/3 a year: two tranches of 33 and one of 34.
    expect(allocation.tranches.map((t) => t.toNumber()).sort()).toEqual([33, 33, 34]);
  });
});

describe("allocate: the rounding unit", () => {
  // Bases 2/1 of 100: exactly 200/3 and 100/3, rounded to the nearest multiple of each unit.
  test.each([
    ["1", 100, ["67", "33"]],
    ["0.01", 100, ["66.67", "33.33"]],
    ["10", 100, ["70", "30"]],
    ["1000000", 3e8, ["200000000", "100000000"]],
  ] as const)("unit %s", (unit, total, expected) => {
    const allocation = allocate(request([contributor("A", 2), contributor("B", 1)], total, { unit: dec(unit) }));
    expect(texts(allocation.rows.map((row) => row.total))).toEqual(expected);
    expectClose(allocation.rows[0].exact, frac(total * 2, 3));
    checkAllocationTotals(allocation);
  });

  test("three equal bases of 100 at unit 1: 34, 33, 33; at unit 0.01: 33.34, 33.33, 33.33", () => {
    const three = [contributor("A", 1), contributor("B", 1), contributor("C", 1)];
    const sorted = (unit: string): string[] =>
      texts(allocate(request(three, 100, { unit: dec(unit) })).rows.map((row) => row.total)).sort();
    expect(sorted("1")).toEqual(["33", "33", "34"]);
    expect(sorted("0.01")).toEqual(["33.33", "33.33", "33.34"]);
  });

  test("the tranches are the total's own schedule when the rows' nearest totals cannot have it", () => {
    // 5bn over weights 7, 1, 100, 0.5, 0.5 is 0, 0, 5bn, 0, 0. USA's exact 4.24bn rounds to 5bn as the nearest
    // totals would have it (USA 5, the rest 0), but its 2026 cell (3.89bn) cannot reach 5bn: the 2026 tranche needs
    // another ally's unit. France, with the largest remainder of the others (0.22bn), takes it.
    const { allocation } = runScenario({
      method: "key",
      contributors: "USA,FRA,ITA,ESP,CAN",
      key: "USA=848,FRA=44,ITA=36,ESP=36,CAN=36",
      profile: "7,1,100,0.5,0.5",
      unit: "1bn",
      total: "5bn",
      eu: "none",
    });
    expect(allocation.tranches.map((tranche) => tranche.div(1e9).toNumber())).toEqual([0, 0, 5, 0, 0]);
    const units = Object.fromEntries(allocation.rows.map((row) => [row.code, row.byYearUnits]));
    expect(units).toEqual({
      USA: [0, 0, 4, 0, 0],
      FRA: [0, 0, 1, 0, 0],
      ITA: [0, 0, 0, 0, 0],
      ESP: [0, 0, 0, 0, 0],
      CAN: [0, 0, 0, 0, 0],
    });
    checkAllocationTotals(allocation);
  });
});

describe("allocate: inputs it refuses", () => {
  const cases: readonly [string, AllocationRequest, ErrorCode, string, string][] = [
    [
      "a total that is not a multiple of the unit",
      request(abc(), 100, { unit: dec(7) }),
      "NOT_A_MULTIPLE_OF_UNIT",
      "total",
      "100 is not a whole number of rounding units (7)",
    ],
    ["too many units", request(abc(), "1e16"), "TOO_MANY_UNITS", "total", "more than 1000000000000000"],
    [
      "every basis zero",
      request([contributor("A", 0), contributor("B", 0)], 100),
      "ALL_ZERO",
      "basis",
      "Give at least one paying contributor a basis above 0.",
    ],
    [
      "every non-zero basis exempt",
      request([contributor("A", 0), contributor("B", 5, { exempt: true })], 100),
      "ALL_ZERO",
      "basis",
      "is zero for every contributor who pays",
    ],
    [
      "a cap below the floor",
      request(abc({ a: { maxShare: "0.1", minShare: "0.2" } }), 100),
      "CAP_BELOW_FLOOR",
      "floor",
      "gives A a maximum of 10 below its minimum of 20",
    ],
    [
      "floors over the total",
      request(abc({ a: { minShare: "0.6" }, b: { minShare: "0.6" } }), 100),
      "FLOORS_TOO_HIGH",
      "floor",
      "add up to 120, more than the total 100",
    ],
    [
      "caps under the total",
      request(abc({ a: { maxShare: "0.3" }, b: { maxShare: "0.3" }, c: { maxShare: "0.3" } }), 100),
      "CAPS_TOO_LOW",
      "cap",
      "at most 90 in all, less than the total 100",
    ],
    [
      "a basis-0 contributor cannot make up the caps",
      request([contributor("A", 1, { maxShare: "0.5" }), contributor("B", 0)], 100),
      "CAPS_TOO_LOW",
      "cap",
      "at most 50 in all",
    ],
    [
      "percent-of-GDP caps under the total",
      request(abc({ a: { gdp: 100 }, b: { gdp: 100 }, c: { gdp: 100 } }), 100, {
        maxShareOfGdpPerYear: dec(10).div(100),
      }),
      "CAPS_TOO_LOW",
      "max-pct-gdp",
      "at most 30 in all",
    ],
    [
      "percent of GDP without a GDP",
      { ...request([contributor("A", 1)], 1), ...pctGdp(1) },
      "NO_FIGURE",
      "pct-gdp",
      "has no GDP for A",
    ],
    [
      "max percent of GDP without a GDP",
      request([contributor("A", 1)], 1, { maxShareOfGdpPerYear: dec(1).div(100) }),
      "NO_FIGURE",
      "max-pct-gdp",
      "has no GDP for A",
    ],
  ];

  test.each(cases)("%s", (_, bad, code, argument, detail) => {
    const error = thrown(() => allocate(bad));
    expect(error.code).toBe(code);
    expect(error.argument).toBe(argument);
    expect(error.excel).toBe(ERROR_CATALOGUE[code].excel);
    expect(error.message.startsWith(`${argument}: `)).toBe(true);
    expect(error.message).toContain(detail);
  });
});

describe("allocate: exact, not 50-digit", () => {
  test("a front-loaded cap of 22.5% splits into whole numbers: 7,500, 6,000, 4,500, 3,000, 1,500", () => {
    // EUR 22,500m x 5/15, 4/15, ...: whole numbers; a rounded 1/3 made them 7,499 and 6,001 and moved Türkiye's units.
    const { allocation, scenario } = runScenario({ credit: "0.431", cap: "USA=22.5%", profile: "front" });
    const rows = rowsByCode(allocation);
    const usa = rows.get("USA");
    expect(usa?.constraint).toBe("cap");
    expect(usa?.byYearUnits).toEqual([7500, 6000, 4500, 3000, 1500]);
    expect(texts(usa?.exactByYear ?? [])).toEqual([
      "7500000000",
      "6000000000",
      "4500000000",
      "3000000000",
      "1500000000",
    ]);
    expect(rows.get("TUR")?.byYearUnits.slice(0, 2)).toEqual([1510, 1209]);
    expect(checkAgainstOracle(allocationRequest(scenario), allocation)).toEqual([]);
  });

  test("a whole exact amount stays whole: bases 3:6 of 105 over weights 3, 2, 1 (level 35/3)", () => {
    // 105 x 3/9 = 35 and 105 x 6/9 = 70 exactly; B's first year is exactly 35 and must stay 35 (a 50-digit level made
    // the amounts 34.999...9 and 69.999...8, and B's first year 36).
    const request = requestWithWeights([contributor("A", 3), contributor("B", 6)], 105, [3, 2, 1]);
    const allocation = allocate(request);
    expect(texts(allocation.rows.map((row) => row.exact))).toEqual(["35", "70"]);
    expect(allocation.rows.map((row) => row.byYearUnits)).toEqual([
      [18, 12, 5],
      [35, 23, 12],
    ]);
    expect(checkAgainstOracle(request, allocation)).toEqual([]);
  });
});

describe("allocate: limits that add up to exactly the total, keys on any scale (through the scenario)", () => {
  test.each([
    [{ contributors: "GRC,CAN", cap: "50%" }, "cap"],
    [{ contributors: "USA", cap: "100%" }, "cap"],
    [{ cap: "3.125%", floor: "3.125%" }, "floor"],
    [{ contributors: "USA,DEU", cap: "50%", floor: "50%" }, "floor"],
    [{ contributors: "FRA,DEU", cap: "50%", total: "7bn" }, "cap"],
  ] as const)("%j: everyone at its limit", (spec, constraint) => {
    const { allocation, scenario } = runScenario(spec);
    const share = allocation.total.div(allocation.rows.length);
    for (const row of allocation.rows) {
      expect(row.exact.eq(share)).toBe(true);
      expect(row.total.eq(share)).toBe(true);
      expect(row.constraint).toBe(constraint);
    }
    expect(checkAgainstOracle(allocationRequest(scenario), allocation)).toEqual([]);
  });

  test("keys of 1e-298 are normalised exactly: an even split", () => {
    const { allocation } = runScenario({ method: "key", key: "USA=1e-298,DEU=1e-298", contributors: "USA,DEU" });
    expect(allocation.rows.map((row) => row.total.toFixed())).toEqual(["50000000000", "50000000000"]);
    expect(allocation.rows.map((row) => row.basisShare.toFixed())).toEqual(["0.5", "0.5"]);
  });
});

function requestWithWeights(
  contributors: ContributorInput[],
  total: number,
  weights: readonly number[]
): AllocationRequest {
  return request(contributors, total, { yearWeights: weights.map((w) => dec(w)) });
}
