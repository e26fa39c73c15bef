import { ALLIES, KIEL_MILITARY, NOT_TRACKED_BY_KIEL, SOURCE_IDS, allyByIso3 } from "../../src/data";
import type { Allocation } from "../../src/engine/allocate";
import { Dec } from "../../src/engine/decimal";
import { PARAMETERS, PARAMETER_NAMES, findParameter } from "../../src/engine/parameters";
import {
  militaryAidEurBn,
  resolveSchedule,
  resolveScenario,
  runScenario,
  type ScenarioResult,
  type ScenarioSpec,
} from "../../src/engine/scenario";
import {
  checkAllocationRule,
  checkAllocationTotals,
  dec,
  expectClose,
  frac,
  rowsByCode,
  texts,
  type RuleInput,
} from "../helpers/engine";

const BILLION = dec(1e9);
const sum = (values: readonly Dec[]): Dec => values.reduce((total, value) => total.plus(value), dec(0));

/** An ally's GDP in EUR from the embedded data, recomputed here. */
function gdp(code: string, year = 2024): Dec {
  const ally = allyByIso3(code);
  if (!ally) throw new Error(`no ally ${code}`);
  return dec(ally.gdpEurBn[year]).times(BILLION);
}

function population(code: string): Dec {
  return dec(allyByIso3(code)?.populationM as string);
}

function row(allocation: Allocation, code: string): Allocation["rows"][number] {
  const found = rowsByCode(allocation).get(code);
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

/** Every exact amount is total x weight_i / sum(weights) over the given codes (others pay 0). */
function expectSharesOf(allocation: Allocation, total: Dec, weights: ReadonlyMap<string, Dec>): void {
  const weightSum = sum([...weights.values()]);
  for (const r of allocation.rows) {
    const weight = weights.get(r.code) ?? dec(0);
    expectClose(r.exact, total.times(weight).div(weightSum));
    expectClose(r.share, weight.div(weightSum));
  }
}

describe("the default scenario: runScenario({})", () => {
  const result = runScenario({});
  const { allocation, scenario } = result;
  const gdpSum = sum(ALLIES.map((ally) => gdp(ally.iso3)));

  test("32 allies in the data's order, EUR 100bn over 2024-2028 flat, unit EUR 1m", () => {
    expect(allocation.rows.map((r) => r.code)).toEqual(ALLIES.map((ally) => ally.iso3));
    expect(allocation.rows).toHaveLength(32);
    expect(allocation.total.toFixed()).toBe("100000000000");
    expect(allocation.years).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(texts(allocation.tranches)).toEqual(Array.from({ length: 5 }, () => "20000000000"));
    expect(allocation.unit.toFixed()).toBe("1000000");
    expect(scenario.method).toBe("gdp");
    expect(scenario.currency).toBe("EUR");
    expect(scenario.gdpYear).toBe(2024);
    expect(scenario.profile).toEqual({ kind: "flat" });
    expect(scenario.credit.isZero()).toBe(true);
    expect(scenario.contributors.some((c) => c.exempt)).toBe(false);
    expect(scenario.instruments.map((i) => i.id).sort()).toEqual(["EDIP_USI", "EPF_PRE", "UAF", "USL_MIL"]);
    expect(scenario.overlapThreshold.toFixed()).toBe("0.5");
  });

  test("every ally's share is its 2024 GDP over the allies' 2024 GDP", () => {
    for (const ally of ALLIES) {
      const r = row(allocation, ally.iso3);
      expectClose(r.share, gdp(ally.iso3).div(gdpSum));
      expectClose(r.basisShare, gdp(ally.iso3).div(gdpSum));
      expectClose(r.exact, dec(1e11).times(gdp(ally.iso3)).div(gdpSum));
      expect(r.constraint).toBe("none");
    }
  });

  test("rounded to EUR 1m with every total kept", () => {
    checkAllocationTotals(allocation);
    for (const r of allocation.rows) {
      r.byYear.forEach((amount) => expect(amount.mod(1e6).isZero()).toBe(true));
    }
  });

  test("notes mention Luxembourg's GDP figure; sources list nato-gdp", () => {
    expect(scenario.notes.some((note) => note.includes("Luxembourg"))).toBe(true);
    expect(scenario.sources).toContain("nato-gdp");
    expect(scenario.sources).toContain(SOURCE_IDS.euInstruments);
    expect(scenario.sources).toContain(SOURCE_IDS.euGni);
    // No credit, so no aid data is used.
    expect(scenario.sources).not.toContain(SOURCE_IDS.kiel);
  });

  test("resolveScenario gives the same validated scenario", () => {
    const resolved = resolveScenario({});
    expect(resolved.contributors.map((c) => c.code)).toEqual(scenario.contributors.map((c) => c.code));
    expect(resolved.amount).toEqual({ kind: "total", total: dec(1e11) });
    expect(texts(resolved.yearWeights)).toEqual(["1", "1", "1", "1", "1"]);
  });

  test("Hungary exempt pays 0; the rest is re-spread by GDP", () => {
    const exempt = runScenario({ exempt: "HUN" }).allocation;
    const hun = row(exempt, "HUN");
    expect(hun.exact.isZero()).toBe(true);
    expect(hun.byYear.every((amount) => amount.isZero())).toBe(true);
    expect(hun.constraint).toBe("exempt");
    const paying = new Map(ALLIES.filter((a) => a.iso3 !== "HUN").map((a) => [a.iso3, gdp(a.iso3)]));
    expectSharesOf(exempt, dec(1e11), paying);
    checkAllocationTotals(exempt);
    // Everyone else pays more than in the default (re-spread), and still 100bn in all.
    for (const code of paying.keys()) expect(row(exempt, code).exact.gt(row(allocation, code).exact)).toBe(true);
  });
});

describe("methods", () => {
  test("key: USA=3, DEU=1 of EUR 100bn gives 75bn and 25bn", () => {
    const { allocation } = runScenario({ method: "key", key: "USA=3,DEU=1", contributors: "USA,DEU" });
    expect(row(allocation, "USA").total.toFixed()).toBe("75000000000");
    expect(row(allocation, "DEU").total.toFixed()).toBe("25000000000");
    expect(row(allocation, "USA").exact.toFixed()).toBe("75000000000");
  });

  test("key from the user's rows: bases 1 and 3 of 100 at unit 1", () => {
    const { allocation } = runScenario({
      method: "key",
      total: 100,
      unit: 1,
      contributorData: [
        { code: "AAA", basis: 1 },
        { code: "BBB", basis: 3 },
      ],
    });
    expect(allocation.rows.map((r) => r.totalUnits)).toEqual([25, 75]);
  });

  test("key of 0 leaves a contributor out (pays 0, constraint none)", () => {
    const { allocation } = runScenario({ method: "key", key: "USA=1,DEU=0", contributors: "USA,DEU" });
    expect(row(allocation, "DEU").exact.isZero()).toBe(true);
    expect(row(allocation, "DEU").constraint).toBe("none");
    expect(row(allocation, "USA").total.toFixed()).toBe("100000000000");
  });

  test("blend gdp2024:0.5, key:0.5: half the GDP share plus half the key share", () => {
    const { allocation } = runScenario({
      method: "blend",
      blend: "gdp2024:0.5,key:0.5",
      key: "USA=1,DEU=3",
      contributors: "USA,DEU",
    });
    const gdpShareUsa = gdp("USA").div(gdp("USA").plus(gdp("DEU")));
    const usa = gdpShareUsa.times("0.5").plus(frac(1, 4).times("0.5"));
    expectClose(row(allocation, "USA").share, usa);
    expectClose(row(allocation, "DEU").share, dec(1).minus(usa));
    expectClose(row(allocation, "USA").exact, dec(1e11).times(usa));
  });

  test("blend gdp2024:0.5, population:0.5 over three allies", () => {
    const codes = ["DEU", "FRA", "ITA"];
    const { allocation, scenario } = runScenario({
      method: "blend",
      blend: "gdp2024:0.5,population:0.5",
      contributors: codes.join(","),
    });
    const gdpSum = sum(codes.map((c) => gdp(c)));
    const popSum = sum(codes.map(population));
    for (const code of codes) {
      const expected = gdp(code).div(gdpSum).div(2).plus(population(code).div(popSum).div(2));
      expectClose(row(allocation, code).share, expected);
    }
    expect(scenario.sources).toContain(SOURCE_IDS.natoPopulation);
  });

  test("blend shares are taken over the paying contributors only", () => {
    const { allocation } = runScenario({
      method: "blend",
      blend: "gdp2023:0.25,population:0.75",
      contributors: "DEU,FRA,HUN",
      exempt: "HUN",
    });
    const codes = ["DEU", "FRA"];
    const gdpSum = sum(codes.map((c) => gdp(c, 2023)));
    const popSum = sum(codes.map(population));
    for (const code of codes) {
      const expected = gdp(code, 2023).div(gdpSum).times("0.25").plus(population(code).div(popSum).times("0.75"));
      expectClose(row(allocation, code).share, expected);
    }
    expect(row(allocation, "HUN").exact.isZero()).toBe(true);
  });

  test("pct-gdp: 0.25% of GDP a year for 5 years; the total follows, rounded half up to the unit", () => {
    const { allocation, scenario } = runScenario({ method: "pct-gdp", "pct-gdp": "0.25%", contributors: "USA,DEU" });
    // The scenario holds the fraction; allocate() takes its percent number.
    expect(scenario.pctGdp?.toFixed()).toBe("0.0025");
    expect(scenario.amount).toEqual({ kind: "shareOfGdp", share: dec("0.0025") });
    const usa = gdp("USA").times("0.0025").times(5);
    const deu = gdp("DEU").times("0.0025").times(5);
    expect(row(allocation, "USA").exact.eq(usa)).toBe(true);
    expect(row(allocation, "DEU").exact.eq(deu)).toBe(true);
    const expectedTotal = usa.plus(deu).div(1e6).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(1e6);
    expect(allocation.total.eq(expectedTotal)).toBe(true);
    expect(allocation.level).toBeNull();
    checkAllocationTotals(allocation);
  });

  test("pct-gdp from the user's rows: GDP 1000 and 500 at 1% for 5 years", () => {
    const { allocation } = runScenario({
      method: "pct-gdp",
      "pct-gdp": 0.01,
      unit: 1,
      contributorData: [
        { code: "AAA", basis: 1000 },
        { code: "BBB", basis: 500 },
      ],
    });
    expect(allocation.rows.map((r) => r.totalUnits)).toEqual([50, 25]);
    expect(allocation.total.toFixed()).toBe("75");
    expect(allocation.tranches.map((t) => t.toNumber())).toEqual([15, 15, 15, 15, 15]);
  });

  test("gdp-year 2023 uses 2023 GDP", () => {
    const { allocation, scenario } = runScenario({ "gdp-year": 2023 });
    expect(scenario.gdpYear).toBe(2023);
    expectSharesOf(allocation, dec(1e11), new Map(ALLIES.map((a) => [a.iso3, gdp(a.iso3, 2023)])));
  });

  test("the user's rows with method gdp: the hand-checked credit case 50/30/20", () => {
    const { allocation } = runScenario({
      total: 100,
      unit: 1,
      years: 1,
      credit: 1,
      eu: "none",
      contributorData: [
        { code: "AAA", name: "Alpha", basis: 50, aid: 0 },
        { code: "BBB", basis: 30, aid: 60 },
        { code: "CCC", basis: 20, aid: 0 },
      ],
    });
    expect(allocation.rows.map((r) => r.code)).toEqual(["AAA", "BBB", "CCC"]);
    expect(allocation.rows[0].name).toBe("Alpha");
    expectClose(allocation.rows[0].exact, frac(500, 7));
    expect(allocation.rows.map((r) => r.totalUnits)).toEqual([71, 0, 29]);
    expect(allocation.rows.map((r) => r.constraint)).toEqual(["none", "credit", "none"]);
  });
});

describe("options", () => {
  test("contributors: a subset, shares by GDP among them", () => {
    const { allocation } = runScenario({ contributors: "usa, deu;fra" });
    expect(allocation.rows.map((r) => r.code).sort()).toEqual(["DEU", "FRA", "USA"]);
    expectSharesOf(allocation, dec(1e11), new Map(["USA", "DEU", "FRA"].map((c) => [c, gdp(c)])));
  });

  test("currency USD at a stated rate: GDP and aid converted, so amounts scale by the rate", () => {
    const eur = runScenario({ credit: "0.5" });
    const usd = runScenario({ credit: "0.5", currency: "USD", "usd-per-eur": "1.1", total: "110bn" });
    expect(usd.scenario.currency).toBe("USD");
    expect(usd.allocation.total.toFixed()).toBe("110000000000");
    for (const [i, r] of usd.allocation.rows.entries()) {
      // 1e-30: shares are divisions carried to 50 digits, not finite decimals.
      expectClose(r.exact, eur.allocation.rows[i].exact.times("1.1"), "1e-30");
      expectClose(r.aidCredit, eur.allocation.rows[i].aidCredit.times("1.1"), "1e-30");
    }
    expect(usd.scenario.notes.some((note) => note.includes("USD") && note.includes("1.1"))).toBe(true);
  });

  test("pct-gdp in USD: every amount is the EUR amount times the rate", () => {
    const spec: ScenarioSpec = { method: "pct-gdp", "pct-gdp": "0.1%", contributors: "CAN,NOR" };
    const eur = runScenario(spec).allocation;
    const usd = runScenario({ ...spec, currency: "usd", "usd-per-eur": "1.078376" }).allocation;
    usd.rows.forEach((r, i) => expect(r.exact.eq(eur.rows[i].exact.times("1.078376"))).toBe(true));
  });

  test.each([
    ["1", "1"],
    ["1m", "1000000"],
    ["0.01", "0.01"],
    ["100k", "100000"],
  ])("unit %s: the same exact amounts, rounded to multiples of %s within one unit", (unit, unitValue) => {
    const base = runScenario({}).allocation;
    const { allocation } = runScenario({ unit });
    expect(allocation.unit.toFixed()).toBe(unitValue);
    allocation.rows.forEach((r, i) => {
      expect(r.exact.eq(base.rows[i].exact)).toBe(true);
      expect(r.total.div(unitValue).isInteger()).toBe(true);
    });
    checkAllocationTotals(allocation);
  });

  test.each([
    ["front", ["33333e6", "26667e6", "20000e6", "13333e6", "6667e6"]],
    ["front-loaded", ["33333e6", "26667e6", "20000e6", "13333e6", "6667e6"]],
    ["1,1,2,4,2", ["10e9", "10e9", "20e9", "40e9", "20e9"]],
    ["flat", ["20e9", "20e9", "20e9", "20e9", "20e9"]],
  ])("profile %s: hand-checked tranches", (profile, tranches) => {
    const { allocation } = runScenario({ profile });
    expect(texts(allocation.tranches)).toEqual(tranches.map((t) => dec(t).toFixed()));
    checkAllocationTotals(allocation);
  });

  test("years and start: 3 years from 2025, tranches of 100bn / 3", () => {
    const { allocation } = runScenario({ years: 3, start: 2025 });
    expect(allocation.years).toEqual([2025, 2026, 2027]);
    expect(allocation.tranches.map((t) => t.div(1e6).toNumber()).sort()).toEqual([33333, 33333, 33334]);
  });

  test("one year: each ally's only year is its total", () => {
    const { allocation } = runScenario({ years: 1 });
    for (const r of allocation.rows) expect(r.byYear[0].eq(r.total)).toBe(true);
  });

  test("cap USA=20%: the US pays 20%, the others split 80% by GDP", () => {
    const { allocation } = runScenario({ cap: "USA=20%" });
    const usa = row(allocation, "USA");
    expect(usa.exact.toFixed()).toBe("20000000000");
    expect(usa.constraint).toBe("cap");
    const others = new Map(ALLIES.filter((a) => a.iso3 !== "USA").map((a) => [a.iso3, gdp(a.iso3)]));
    const othersSum = sum([...others.values()]);
    for (const [code, value] of others) expectClose(row(allocation, code).exact, dec(8e10).times(value).div(othersSum));
  });

  test("floor LUX=0.01: Luxembourg pays 1%, the others split 99% by GDP", () => {
    const { allocation } = runScenario({ floor: "LUX=0.01" });
    const lux = row(allocation, "LUX");
    expect(lux.exact.toFixed()).toBe("1000000000");
    expect(lux.constraint).toBe("floor");
    const others = new Map(ALLIES.filter((a) => a.iso3 !== "LUX").map((a) => [a.iso3, gdp(a.iso3)]));
    const othersSum = sum([...others.values()]);
    for (const [code, value] of others) expectClose(row(allocation, code).exact, dec(99e9).times(value).div(othersSum));
  });

  test("cap 10% for everyone and floor 0.5% for everyone: the rule holds for every ally", () => {
    const { allocation } = runScenario({ cap: 0.1, floor: "0.5%" });
    const total = dec(1e11);
    const gdpSum = sum(ALLIES.map((a) => gdp(a.iso3)));
    const inputs: RuleInput[] = allocation.rows.map((r) => ({
      basis: gdp(r.code).div(gdpSum),
      credit: dec(0),
      low: total.times("0.005"),
      high: total.times("0.1"),
    }));
    checkAllocationRule(
      inputs,
      allocation.rows.map((r) => r.exact),
      total
    );
    expect(row(allocation, "USA").exact.toFixed()).toBe("10000000000");
    expect(row(allocation, "ALB").exact.toFixed()).toBe("500000000");
  });

  test("max-pct-gdp with a front-loaded profile: the first year is the one that binds", () => {
    // A population-heavy blend makes poorer allies pay a larger part of their GDP, so the cap binds for some only.
    const spec: ScenarioSpec = { method: "blend", blend: "gdp2024:0.5,population:0.5", profile: "front" };
    const limit = dec("0.12");
    const free = runScenario(spec).allocation;
    const { allocation } = runScenario({ ...spec, "max-pct-gdp": `${limit.toFixed()}%` });
    checkAllocationTotals(allocation);
    const capped = allocation.rows.filter((r) => r.constraint === "cap");
    expect(capped.length).toBeGreaterThan(0);
    expect(capped.length).toBeLessThan(allocation.rows.length);
    for (const r of allocation.rows) {
      const yearly = gdp(r.code).times(limit).div(100);
      // No year above the limit; the capped pay exactly the limit in the heaviest (first) year.
      r.exactByYear.forEach((amount) => expect(amount.lte(yearly.times(dec(1).plus("1e-40")))).toBe(true));
      if (r.constraint === "cap") {
        expectClose(r.exactByYear[0], yearly);
        // ... and were over it without the cap.
        expect(row(free, r.code).exactByYear[0].gt(yearly)).toBe(true);
      } else {
        expect(r.exact.gte(row(free, r.code).exact)).toBe(true);
      }
    }
  });
});

describe("credit for bilateral aid", () => {
  /** The aid in the window, summed here from the embedded tracker data. */
  function aidInWindow(code: string, from: string, to: string): Dec {
    const months = KIEL_MILITARY.byDonor[code] ?? [];
    return sum(months.filter(([month]) => month >= from && month <= to).map(([, eurBn]) => dec(eurBn))).times(BILLION);
  }

  function checkRule(result: ScenarioResult, credit: Dec): void {
    const { allocation, scenario } = result;
    const paying = scenario.contributors.filter((c) => !c.exempt);
    const gdpSum = sum(paying.map((c) => gdp(c.code)));
    const inputs: RuleInput[] = scenario.contributors.map((c) => ({
      basis: c.exempt ? dec(0) : gdp(c.code).div(gdpSum),
      credit: c.aid.times(credit),
      low: dec(0),
      high: c.exempt ? dec(0) : null,
    }));
    checkAllocationRule(
      inputs,
      allocation.rows.map((r) => r.exact),
      allocation.total
    );
  }

  test("credit 0.5 with the default window (January of the start year to the last month of the data)", () => {
    const result = runScenario({ credit: "0.5" });
    const { from, to } = result.scenario.aidWindow ?? { from: "", to: "" };
    expect(from).toBe("2024-01");
    expect(to).toBe(KIEL_MILITARY.lastMonth);
    for (const r of result.allocation.rows) {
      expect(r.aidCredit.eq(aidInWindow(r.code, from, to).times("0.5"))).toBe(true);
    }
    checkRule(result, dec("0.5"));
    checkAllocationTotals(result.allocation);
    // Some large donors' credit exceeds their GDP share: they pay 0.
    expect(result.allocation.rows.some((r) => r.constraint === "credit")).toBe(true);
    expect(result.scenario.sources).toContain(SOURCE_IDS.kiel);
    expect(result.scenario.notes.some((note) => note.includes(`Aid credit`) && note.includes(from))).toBe(true);
  });

  test("credit 1 over 2022 only", () => {
    const result = runScenario({ credit: 1, "aid-from": "2022-01", "aid-to": "2022/12" });
    expect(result.scenario.aidWindow).toEqual({ from: "2022-01", to: "2022-12" });
    for (const r of result.allocation.rows)
      expect(r.aidCredit.eq(aidInWindow(r.code, "2022-01", "2022-12"))).toBe(true);
    checkRule(result, dec(1));
  });

  test("allies the tracker does not cover are named in the notes", () => {
    const result = runScenario({ credit: "0.2" });
    const names = ALLIES.filter((a) => NOT_TRACKED_BY_KIEL.includes(a.iso3)).map((a) => a.name);
    for (const name of names) expect(result.scenario.notes.some((note) => note.includes(name))).toBe(true);
  });

  test("a window partly outside the data is noted; the aid window without credit is noted as unused", () => {
    const partly = runScenario({ credit: 1, "aid-from": "2021-06", "aid-to": "2022-03" });
    expect(partly.scenario.notes.some((note) => note.includes("reaches beyond the aid data"))).toBe(true);
    const unused = runScenario({ "aid-from": "2023-01" });
    expect(unused.scenario.notes).toContain("The aid window is not used: credit is 0.");
    expect(unused.scenario.aidWindow).toBeNull();
  });
});

describe("parameters", () => {
  test("every parameter has a unique name and help text; labels find them", () => {
    expect(new Set(PARAMETER_NAMES).size).toBe(PARAMETERS.length);
    for (const parameter of PARAMETERS) expect(parameter.help.length).toBeGreaterThan(0);
    expect(findParameter("USD per EUR")).toBe("usd-per-eur");
    expect(findParameter(" Overlap_Threshold ")).toBe("overlap-threshold");
    expect(findParameter("GDP year")).toBe("gdp-year");
    expect(findParameter("colour")).toBeUndefined();
  });

  test("blank values mean the default", () => {
    const blank = runScenario({ total: "", years: null, profile: "  ", unit: undefined, credit: "" });
    const base = runScenario({});
    expect(blank.allocation.total.eq(base.allocation.total)).toBe(true);
    expect(blank.allocation.years).toEqual(base.allocation.years);
    blank.allocation.rows.forEach((r, i) => expect(r.exact.eq(base.allocation.rows[i].exact)).toBe(true));
  });
});

describe("militaryAidEurBn and resolveSchedule", () => {
  test("a donor's aid is the sum of its months in the tracker, counted by hand here", () => {
    const months = KIEL_MILITARY.byDonor.DEU.filter(([month]) => month >= "2024-01" && month <= "2024-12");
    expect(months.length).toBeGreaterThan(0);
    let expected = new Dec(0);
    for (const [, eurBn] of months) expected = expected.plus(eurBn);
    expect(militaryAidEurBn("DEU", "2024-01", "2024-12").toFixed()).toBe(expected.toFixed());
    expect(militaryAidEurBn("ALB", "2022-01", "2026-04").toFixed()).toBe("0");
  });

  test("resolveSchedule parses like a scenario and keeps the total", () => {
    const front = resolveSchedule({ total: "100bn", years: 5, profile: "front" });
    expect(front.rounded.map((amount) => amount.div(1e6).toFixed())).toEqual([
      "33333",
      "26667",
      "20000",
      "13333",
      "6667",
    ]);
    expect(front.years).toEqual([2024, 2025, 2026, 2027, 2028]);
    const custom = resolveSchedule({ total: "10", years: 3, profile: "1,1,1", start: 2030, unit: "1" });
    expect(custom.units.reduce((sum, units) => sum + units, 0)).toBe(10);
    expect(custom.units.every((units) => units === 3 || units === 4)).toBe(true);
    expect(custom.years).toEqual([2030, 2031, 2032]);
    expect(() => resolveSchedule({ years: 5 })).toThrow("total: is required for a schedule.");
    expect(() => resolveSchedule({ total: "100bn", years: 5, profile: "1,2" })).toThrow(
      "profile: has 2 values but years has 5."
    );
  });

  test("an aid window that is not used says so", () => {
    const result = resolveScenario({
      credit: "0.5",
      "aid-from": "2024-01",
      contributorData: [
        { code: "DEU", basis: 2, aid: 0 },
        { code: "FRA", basis: 1, aid: 0 },
      ],
    });
    expect(result.notes).toContain("The aid window is not used: every contributor's aid is given.");
  });
});

describe("what a resolved scenario states for its callers", () => {
  test("the schema's defaults, parsed: EUR 100bn, a unit of EUR 1m, 5 years from 2024, no credit, a 50% threshold", () => {
    const { defaults } = resolveScenario({ total: "40bn", unit: "1k", start: 2026, credit: "50%" });
    expect(defaults.total.eq("1e11")).toBe(true);
    expect(defaults.unit.eq("1e6")).toBe(true);
    expect(defaults.years).toBe(5);
    expect(defaults.startYear).toBe(2024);
    expect(defaults.credit.isZero()).toBe(true);
    expect(defaults.overlapThreshold.eq("0.5")).toBe(true);
  });

  test.each([
    [{ exempt: "HUN,USA" }],
    [{ exempt: "HUN", method: "key", key: ALLIES.map((a, i) => `${a.iso3}=${i + 1}`).join(",") }],
    [{ exempt: "HUN", "gdp-year": 2023, cap: "USA=40%" }],
  ])("%j: an exempt contributor's basis had it paid is its basis without the exemption", (spec) => {
    const withExemption = resolveScenario(spec);
    const without = resolveScenario({ ...spec, exempt: undefined });
    withExemption.contributors.forEach((c, i) => {
      expect(c.basisBeforeExemption.eq(without.contributors[i].basis)).toBe(true);
      if (c.exempt) expect(c.basis.isZero()).toBe(true);
    });
  });

  test("with a blend, an exempt contributor's basis is its blended value over everyone", () => {
    const spec = { method: "blend", blend: "gdp2024:0.5,population:0.5", exempt: "HUN" };
    const hungary = resolveScenario(spec).contributors.find((c) => c.code === "HUN");
    const gdpSum = ALLIES.reduce((sum, a) => sum.plus(a.gdpEurBn[2024]), dec(0));
    const populationSum = ALLIES.reduce((sum, a) => sum.plus(a.populationM), dec(0));
    const ally = allyByIso3("HUN");
    const expected = dec(ally?.gdpEurBn[2024] as string)
      .div(gdpSum)
      .plus(dec(ally?.populationM as string).div(populationSum))
      .div(2);
    expectClose(hungary?.basisBeforeExemption as Dec, expected);
  });
});
