import { ALLIES, EU_GNI, allyByIso3, euGniByIso3 } from "../../src/data";
import { allocate } from "../../src/engine/allocate";
import { Dec } from "../../src/engine/decimal";
import { attributeInstruments, euOverlap, type InstrumentInput } from "../../src/engine/overlap";
import { runScenario } from "../../src/engine/scenario";
import { contributor, dec, expectClose, frac, request, texts, thrown } from "../helpers/engine";

function instrument(id: string, byYear: Record<number, number | string>): InstrumentInput {
  return {
    id,
    name: id,
    amountByYear: new Map(Object.entries(byYear).map(([year, amount]) => [Number(year), dec(amount)])),
  };
}

const sum = (values: readonly Dec[]): Dec => values.reduce((total, value) => total.plus(value), dec(0));

describe("attributeInstruments: by GNI share over the contributing states", () => {
  test("GNI 3 : 1 splits each year 3/4 and 1/4", () => {
    const attribution = attributeInstruments(
      [instrument("X", { 2024: 400, 2025: 100 })],
      [
        { code: "AAA", gni: dec(3) },
        { code: "BBB", gni: dec(1) },
      ],
      dec(1)
    );
    expect(attribution.years).toEqual([2024, 2025]);
    expect(attribution.states).toEqual(["AAA", "BBB"]);
    expect(attribution.exact.map(texts)).toEqual([
      ["300", "75"],
      ["100", "25"],
    ]);
    expect(attribution.rounded.map(texts)).toEqual([
      ["300", "75"],
      ["100", "25"],
    ]);
    expect(attribution.total.toFixed()).toBe("500");
  });

  test("instruments add up year by year; years are sorted and include every instrument's years", () => {
    const attribution = attributeInstruments(
      [instrument("X", { 2025: 10 }), instrument("Y", { 2023: 4, 2025: 6 })],
      [{ code: "AAA", gni: dec(5) }],
      dec(1)
    );
    expect(attribution.years).toEqual([2023, 2025]);
    expect(attribution.rounded.map(texts)).toEqual([["4", "16"]]);
    expect(attribution.total.toFixed()).toBe("20");
  });

  test("rescaled over a subset: the chosen states carry the whole amount", () => {
    const states = ["DEU", "FRA"].map((code) => ({ code, gni: dec(euGniByIso3(code)?.gniEurBn as string) }));
    const attribution = attributeInstruments([instrument("UAF", { 2024: 5e9 })], states, dec(1e6));
    const [deu, fra] = ["4286.159", "2855.318"];
    expectClose(attribution.exact[0][0], dec(5e9).times(deu).div(dec(deu).plus(fra)));
    expectClose(attribution.exact[1][0], dec(5e9).times(fra).div(dec(deu).plus(fra)));
    // Rounded to EUR 1m, within one unit, adding up to exactly EUR 5bn.
    attribution.rounded.forEach((row, i) => expect(row[0].minus(attribution.exact[i][0]).abs().lt(1e6)).toBe(true));
    expect(attribution.rounded[0][0].plus(attribution.rounded[1][0]).eq(5e9)).toBe(true);
  });

  test("thirds: rounded within one unit, every total kept", () => {
    const states = ["A", "B", "C"].map((code) => ({ code, gni: dec(1) }));
    const attribution = attributeInstruments([instrument("X", { 2024: 100, 2025: 200 })], states, dec(1));
    attribution.exact.forEach((row) => {
      expectClose(row[0], frac(100, 3));
      expectClose(row[1], frac(200, 3));
    });
    expect(sum(attribution.rounded.map((row) => row[0])).toFixed()).toBe("100");
    expect(sum(attribution.rounded.map((row) => row[1])).toFixed()).toBe("200");
    for (const row of attribution.rounded) {
      // Each state's two years: 100/3 + 200/3 = 100 exactly, so its rounded row adds up to 100 too.
      expect(sum(row).toFixed()).toBe("100");
    }
  });

  test("no states or no instruments: nothing attributed", () => {
    expect(attributeInstruments([], [{ code: "A", gni: dec(1) }], dec(1)).years).toEqual([]);
    const none = attributeInstruments([instrument("X", { 2024: 100 })], [], dec(1));
    expect(none.states).toEqual([]);
    expect(none.total.toFixed()).toBe("100");
  });

  test("states whose GNI is all zero are refused", () => {
    const error = thrown(() =>
      attributeInstruments([instrument("X", { 2024: 1 })], [{ code: "A", gni: dec(0) }], dec(1))
    );
    expect(error.code).toBe("ALL_ZERO");
    expect(error.argument).toBe("eu-states");
    expect(error.message).toContain("Choose contributing states with a GNI above 0.");
  });
});

describe("euOverlap: min(allocation, attributed), net new, flag", () => {
  // Allocation 50/30/20 of 100 in 2024 and 2025 (25/15/10 a year); A and B are EU members, C is not.
  const allocation = allocate(
    request([contributor("A", 50), contributor("B", 30), contributor("C", 20)], 100, {
      yearWeights: [dec(1), dec(1)],
    })
  );
  // 40 in 2024 among A (GNI 1) and B (GNI 3): A 10, B 30. Nothing in 2025.
  const attribution = attributeInstruments(
    [instrument("X", { 2024: 40 })],
    [
      { code: "A", gni: dec(1) },
      { code: "B", gni: dec(3) },
    ],
    dec(1)
  );

  test("per ally and year, by hand", () => {
    const overlap = euOverlap(allocation, new Set(["A", "B"]), attribution, dec("0.5"));
    const [a, b, c] = overlap.rows;
    expect(a.euMember).toBe(true);
    expect(texts(a.attributed)).toEqual(["10", "0"]);
    expect(texts(a.overlap)).toEqual(["10", "0"]); // min(25, 10)
    expect(texts(a.netNew)).toEqual(["15", "25"]);
    expect(a.flagged).toEqual([false, false]); // 10 is 40% of 25
    expect(texts(b.attributed)).toEqual(["30", "0"]);
    expect(texts(b.overlap)).toEqual(["15", "0"]); // min(15, 30): all of its allocation
    expect(texts(b.netNew)).toEqual(["0", "15"]);
    expect(b.flagged).toEqual([true, false]);
    expect(c.euMember).toBe(false);
    expect(texts(c.attributed)).toEqual(["0", "0"]);
    expect(texts(c.overlap)).toEqual(["0", "0"]);
    expect(texts(c.netNew)).toEqual(["10", "10"]);
    expect(c.flagged).toEqual([false, false]);
    expect(texts([a.totalOverlap, b.totalOverlap, c.totalOverlap])).toEqual(["10", "15", "0"]);
    expect(texts([a.totalNetNew, b.totalNetNew, c.totalNetNew])).toEqual(["40", "15", "20"]);
    expect(texts(overlap.overlapByYear)).toEqual(["25", "0"]);
    expect(texts(overlap.netNewByYear)).toEqual(["25", "50"]);
    expect(overlap.threshold.toFixed()).toBe("0.5");
  });

  test.each([
    // A's overlap is 10 of 25 = 40%: flagged at or above the threshold, not below it.
    ["0", true],
    ["39.9", true],
    ["40", true],
    ["40.1", false],
    ["100", false],
  ])("threshold %s%%: A flagged %s", (threshold, flagged) => {
    const overlap = euOverlap(allocation, new Set(["A", "B"]), attribution, dec(threshold).div(100));
    expect(overlap.rows[0].flagged[0]).toBe(flagged);
    // B's overlap is all of its allocation: flagged at any threshold up to 100%.
    expect(overlap.rows[1].flagged[0]).toBe(true);
  });

  test("a state attributed but not an EU member in the scenario has no overlap", () => {
    const overlap = euOverlap(allocation, new Set(["B"]), attribution, dec("0.5"));
    expect(overlap.rows[0].euMember).toBe(false);
    expect(texts(overlap.rows[0].overlap)).toEqual(["0", "0"]);
  });

  test("an ally paying nothing is never flagged", () => {
    const exempt = allocate(
      request([contributor("A", 50, { exempt: true }), contributor("B", 30)], 100, { yearWeights: [dec(1), dec(1)] })
    );
    const overlap = euOverlap(exempt, new Set(["A", "B"]), attribution, dec(0));
    expect(overlap.rows[0].flagged).toEqual([false, false]);
    expect(texts(overlap.rows[0].overlap)).toEqual(["0", "0"]);
  });
});

describe("EU overlap in a scenario", () => {
  const gni = (code: string): Dec => dec(euGniByIso3(code)?.gniEurBn as string);

  test("the EU27 instruments UAF and EPF_PRE are attributed over all 27 states", () => {
    const { attribution, scenario } = runScenario({ eu: "UAF,EPF_PRE" });
    expect(scenario.instruments.map((i) => i.id).sort()).toEqual(["EPF_PRE", "UAF"]);
    expect(scenario.euStates).toEqual(EU_GNI.map((r) => r.iso3));
    expect(attribution.states).toEqual(EU_GNI.map((r) => r.iso3));
    // UAF: 5bn in 2024; EPF_PRE: 6.1bn spread over 2022-2023.
    expect(attribution.years).toEqual([2022, 2023, 2024]);
    expect(attribution.total.eq(11.1e9)).toBe(true);
    const byYear = attribution.years.map((_, j) => sum(attribution.rounded.map((row) => row[j])));
    expect(texts(byYear)).toEqual(["3050000000", "3050000000", "5000000000"]);
    const gniSum = sum(EU_GNI.map((r) => dec(r.gniEurBn)));
    const deu = attribution.states.indexOf("DEU");
    expectClose(attribution.exact[deu][2], dec(5e9).times(gni("DEU")).div(gniSum));
    expectClose(attribution.exact[deu][0], dec(3.05e9).times(gni("DEU")).div(gniSum));
  });

  test("a chosen subset of states and one instrument: overlap, net new and flags from the allocation", () => {
    const result = runScenario({ eu: "UAF", "eu-states": "DEU,FRA", contributors: "DEU,FRA,ITA,USA" });
    const { allocation, attribution, overlap } = result;
    expect(attribution.states).toEqual(["DEU", "FRA"]);
    expect(attribution.years).toEqual([2024]);
    const share = gni("DEU").div(gni("DEU").plus(gni("FRA")));
    expectClose(attribution.exact[0][0], dec(5e9).times(share));
    for (const [i, row] of allocation.rows.entries()) {
      const o = overlap.rows[i];
      expect(o.code).toBe(row.code);
      expect(o.euMember).toBe(allyByIso3(row.code)?.euMember);
      const stateIndex = attribution.states.indexOf(row.code);
      row.byYear.forEach((amount, j) => {
        const attributed = j === 0 && stateIndex >= 0 ? attribution.rounded[stateIndex][0] : dec(0);
        expect(o.attributed[j].eq(attributed)).toBe(true);
        const expected = Dec.min(amount, attributed);
        expect(o.overlap[j].eq(expected)).toBe(true);
        expect(o.netNew[j].eq(amount.minus(expected))).toBe(true);
        expect(o.flagged[j]).toBe(amount.gt(0) && expected.div(amount).gte("0.5"));
      });
    }
    // Italy is an EU member outside the chosen states, the US is not a member: neither has any overlap.
    for (const code of ["ITA", "USA"]) {
      const o = overlap.rows.find((r) => r.code === code);
      expect(o?.totalOverlap.isZero()).toBe(true);
    }
    expect(overlap.rows.find((r) => r.code === "USA")?.euMember).toBe(false);
    // Only 2024 has EU money, and the chosen states' overlap there cannot exceed EUR 5bn.
    expect(overlap.overlapByYear.slice(1).every((amount) => amount.isZero())).toBe(true);
    expect(overlap.overlapByYear[0].lte(5e9)).toBe(true);
  });

  test("the threshold parameter decides the flag", () => {
    // Germany's 2024 share of the default allocation is about 1.7bn; its UAF share over all 27 about 1.2bn (~70%).
    const flagAt = (threshold: number): boolean => {
      const { overlap } = runScenario({ eu: "UAF", "overlap-threshold": `${threshold}%` });
      const deu = overlap.rows.find((row) => row.code === "DEU");
      return deu?.flagged[0] ?? false;
    };
    const { overlap, allocation } = runScenario({ eu: "UAF" });
    const deu = overlap.rows.find((row) => row.code === "DEU");
    const alloc = allocation.rows.find((row) => row.code === "DEU")?.byYear[0] as Dec;
    const ratio = (deu?.overlap[0] as Dec).div(alloc).times(100).toNumber();
    expect(ratio).toBeGreaterThan(50);
    expect(ratio).toBeLessThan(100);
    expect(flagAt(Math.floor(ratio))).toBe(true);
    expect(flagAt(Math.floor(ratio) + 1)).toBe(false);
  });

  test("eu none: no instruments, no overlap anywhere", () => {
    const { overlap, scenario } = runScenario({ eu: "none" });
    expect(scenario.instruments).toEqual([]);
    expect(overlap.rows.every((row) => row.totalOverlap.isZero())).toBe(true);
    expect(overlap.rows.length).toBe(ALLIES.length);
  });

  test("user instruments are spread evenly over their years", () => {
    const { attribution } = runScenario({
      eu: "none",
      "eu-states": "DEU",
      instrumentData: [{ id: "MINE", amount: "3bn", firstYear: 2024, lastYear: 2026 }],
    });
    expect(attribution.years).toEqual([2024, 2025, 2026]);
    expect(texts(attribution.rounded[0])).toEqual(["1000000000", "1000000000", "1000000000"]);
  });

  test("in USD, the EU amounts are converted at the rate", () => {
    const { attribution } = runScenario({ currency: "USD", "usd-per-eur": "1.1", eu: "UAF", total: "110bn" });
    expect(attribution.total.eq(5.5e9)).toBe(true);
  });
});
