// The figures beside an allocation (percent of GDP a year, per capita, credit) and the notes that explain a result,
// checked against their definitions with the embedded data; and per-year, the other way to give the size.
import { ALLIES, EU_GNI, SOURCE_IDS, allyByIso3 } from "../../src/data";
import { Dec } from "../../src/engine/decimal";
import {
  allResultNotes,
  contributorFigures,
  euGniShare,
  resultNotes,
  resultSources,
  yearFigure,
} from "../../src/engine/figures";
import { runScenario } from "../../src/engine/scenario";
import { sum, thrown } from "../helpers/engine";

const BILLION = new Dec("1e9");
const MILLION = new Dec("1e6");
describe("contributorFigures", () => {
  test("by share of GDP, every ally pays the same fraction of its GDP a year: the yearly total / the sum of GDPs", () => {
    const result = runScenario({});
    const figures = contributorFigures(result);
    const gdpSum = sum(ALLIES.map((ally) => ally.gdpEurBn[2024])).times(BILLION);
    const expected = new Dec("2e10").div(gdpSum);
    for (const figure of figures.rows) {
      expect(figure.yearlyShareOfGdp?.minus(expected).abs().lt("1e-40")).toBe(true);
    }
    // The GDP is the scenario's own (its sources list it already); the population is the figures' own source.
    expect(result.scenario.sources).toContain(SOURCE_IDS.natoGdp);
    expect(figures.sources).toEqual([SOURCE_IDS.natoPopulation]);
    const keyed = contributorFigures(runScenario({ method: "blend", blend: "population:1" }));
    expect(keyed.sources).toEqual([SOURCE_IDS.natoGdp, SOURCE_IDS.natoPopulation]);
  });

  test("with method pct-gdp 0.25% the fraction is 0.0025 for every ally who pays in full", () => {
    const figures = contributorFigures(runScenario({ method: "pct-gdp", "pct-gdp": "0.25%" }));
    for (const figure of figures.rows) expect(figure.yearlyShareOfGdp?.eq("0.0025")).toBe(true);
  });

  test("per capita is the exact amount over all years / the 2023 population; one year's figure is that year's", () => {
    const result = runScenario({ profile: "front", exempt: "HUN" });
    const figures = contributorFigures(result);
    result.allocation.rows.forEach((row, index) => {
      const population = new Dec(allyByIso3(row.code)?.populationM as string).times(MILLION);
      expect(figures.rows[index].perCapita?.eq(row.exact.div(population))).toBe(true);
      // Front-loaded 5/15 of the total in the first year.
      const first = yearFigure(row, figures.rows[index], 0, "per-capita");
      expect(first?.minus(row.exact.times(5).div(15).div(population)).abs().lt("1e-30")).toBe(true);
    });
    const hungary = figures.rows.find((figure) => figure.code === "HUN");
    expect(hungary?.perCapita?.isZero()).toBe(true);
  });

  test("in USD the GDP is converted at the scenario's rate: USD 100bn is EUR 100bn / the rate", () => {
    const eur = contributorFigures(runScenario({}));
    const usd = contributorFigures(runScenario({ currency: "USD", "usd-per-eur": "1.078376" }));
    eur.rows.forEach((figure, index) => {
      expect(
        usd.rows[index].yearlyShareOfGdp
          ?.minus((figure.yearlyShareOfGdp as Dec).div("1.078376"))
          .abs()
          .lt("1e-40")
      ).toBe(true);
    });
  });

  test("a contributor of the user's own has no population; its GDP is its basis with method gdp", () => {
    const result = runScenario({
      total: "1bn",
      years: 2,
      contributorData: [
        { code: "A", basis: 300e9 },
        { code: "B", basis: 100e9 },
      ],
    });
    const [a, b] = contributorFigures(result).rows;
    expect(a.perCapita).toBeNull();
    expect(a.yearlyShareOfGdp?.eq(new Dec("375e6").div("300e9"))).toBe(true);
    expect(b.yearlyShareOfGdp?.eq(new Dec("125e6").div("100e9"))).toBe(true);
  });

  test("the credit is credit x aid, as the allocation used it", () => {
    const result = runScenario({ credit: "0.5" });
    contributorFigures(result).rows.forEach((figure, index) =>
      expect(figure.aidCredit.eq(result.allocation.rows[index].aidCredit)).toBe(true)
    );
  });
});

describe("resultNotes", () => {
  test("leaves EU coverage to the scenario's notes: no second note on the same years", () => {
    const result = runScenario({
      eu: "none",
      start: 2024,
      years: 6,
      instrumentData: [
        { id: "A", amount: "1bn", firstYear: 2025, lastYear: 2025 },
        { id: "B", amount: "1bn", firstYear: 2027, lastYear: 2027 },
      ],
    });
    expect(result.scenario.notes).toContain(
      "EU instruments counted in 2024-2029: A 2025, B 2027; none covers 2024, 2026, 2028-2029, so EU overlap is 0 there."
    );
    expect(resultNotes(result).some((note) => note.includes("EU overlap"))).toBe(false);
  });

  test("explains the controlled rounding once, and a coarse unit only when a cell is below one unit exactly", () => {
    const notes = resultNotes(runScenario({}));
    expect(notes.filter((note) => note.startsWith("Controlled rounding"))).toHaveLength(1);
    expect(notes.some((note) => note.includes("coarse"))).toBe(false);
    const coarse = resultNotes(runScenario({ unit: "1bn" }));
    expect(coarse.some((note) => note.includes("is coarse for the smallest amounts"))).toBe(true);
  });
});

describe("resultSources and allResultNotes", () => {
  test("the scenario's sources then the figures' own, once each; the scenario's notes then the result's", () => {
    const result = runScenario({});
    expect(resultSources(result)).toEqual([...result.scenario.sources, SOURCE_IDS.natoPopulation]);
    const keyed = runScenario({ method: "blend", blend: "population:1" });
    // Keyed by population, the scenario lists it already; the figures add the GDP, and population stays once.
    expect(resultSources(keyed)).toEqual([...keyed.scenario.sources, SOURCE_IDS.natoGdp]);
    expect(allResultNotes(result)).toEqual([...result.scenario.notes, ...resultNotes(result)]);
  });
});

describe("euGniShare", () => {
  test("a member's 2023 GNI over the 27, adding up to 1; null outside the EU", () => {
    const shares = EU_GNI.map((record) => euGniShare(record.iso3) as Dec);
    expect(
      shares
        .reduce((total, share) => total.plus(share), new Dec(0))
        .minus(1)
        .abs()
        .lt("1e-40")
    ).toBe(true);
    expect(euGniShare("USA")).toBeNull();
  });
});

describe("per-year", () => {
  test("per-year x years is the total, the same every year", () => {
    const result = runScenario({ "per-year": "40bn", years: 5 });
    expect(result.allocation.total.eq("200e9")).toBe(true);
    for (const tranche of result.allocation.tranches) expect(tranche.eq("40e9")).toBe(true);
  });

  test("is refused with a profile other than flat, with total, with method pct-gdp and off the unit", () => {
    expect(thrown(() => runScenario({ "per-year": "40bn", profile: "front" })).argument).toBe("per-year");
    expect(thrown(() => runScenario({ "per-year": "40bn", profile: "1,2,3,4,5" })).code).toBe("NOT_ALLOWED");
    expect(thrown(() => runScenario({ "per-year": "40bn", total: "100bn" })).argument).toBe("per-year");
    expect(thrown(() => runScenario({ "per-year": "40bn", method: "pct-gdp", "pct-gdp": "0.25%" })).argument).toBe(
      "per-year"
    );
    const offUnit = thrown(() => runScenario({ "per-year": "40.5m", years: 2 }));
    expect([offUnit.code, offUnit.argument]).toEqual(["UNIT_DOES_NOT_DIVIDE", "per-year"]);
    expect(offUnit.message).toBe(
      "per-year: EUR 40.5m a year is not a whole number of EUR 1m units. Use a unit that divides it, such as EUR 500k."
    );
  });
});
