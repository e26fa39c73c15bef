/** The summary of scenarios side by side: the one computation every face reads (src/workbook/scenario-summary.ts). */
import {
  Dec,
  dataVintage,
  embeddedEdition,
  isFairShareError,
  runScenario,
  sumDec,
  type ScenarioSpec,
} from "../../src/engine";
import { chance, generator, integer, pick, subset, type Random } from "../helpers/random";
import { readStore, storeHeader, storeRow, type StoredScenario } from "../../src/workbook/scenario-store";
import { SummaryError, keyAssumptions, summariseScenarios } from "../../src/engine";
import { computeStored } from "../../src/workbook/scenario-summary";

const SPECS: Record<string, ScenarioSpec> = {
  Default: {},
  "Hungary exempt": { exempt: "HUN", credit: "50%" },
  "US capped": { cap: "USA=40%", total: "120bn", unit: "100k", years: "4" },
};

function entries(specs: Record<string, ScenarioSpec> = SPECS) {
  return Object.entries(specs).map(([name, spec]) => ({ name, result: runScenario(spec) }));
}

describe("summariseScenarios", () => {
  test.each([0, 1, 2])(
    "with base %i, the per-ally differences add up exactly to the difference of the totals",
    (base) => {
      const list = entries();
      const summary = summariseScenarios(list, list[base].name);
      expect(summary.base).toBe(base);
      list.forEach(({ result }, index) => {
        const differences = summary.allies.map((ally) => ally.differences[index]);
        const expected = result.allocation.total.minus(list[base].result.allocation.total);
        expect(sumDec(differences).eq(expected)).toBe(true);
        expect(summary.totals.differences[index].eq(expected)).toBe(true);
        // Each ally's amount is the engine's rounded amount for that scenario.
        for (const row of result.allocation.rows) {
          const ally = summary.allies.find((candidate) => candidate.code === row.code);
          expect(ally?.amounts[index]?.eq(row.total)).toBe(true);
        }
      });
      expect(summary.totals.differences[base].isZero()).toBe(true);
    }
  );

  test("a percent is of the base's amount, and null where the base's amount is 0", () => {
    const list = entries();
    const summary = summariseScenarios(list, "hungary EXEMPT");
    const hungary = summary.allies.find((ally) => ally.code === "HUN");
    expect(hungary?.amounts[1]?.isZero()).toBe(true);
    expect(hungary?.percent).toEqual([null, null, null]);
    const spain = summary.allies.find((ally) => ally.code === "ESP");
    const base = spain?.amounts[1] as Dec;
    const other = spain?.amounts[0] as Dec;
    expect(spain?.percent[0]?.eq(other.minus(base).div(base).times(100))).toBe(true);
  });

  test("per year: each scenario's rounded amounts in the union of the years", () => {
    const summary = summariseScenarios(entries());
    expect(summary.years).toEqual([2024, 2025, 2026, 2027, 2028]);
    const usa = summary.allies.find((ally) => ally.code === "USA");
    expect(usa?.byYear[2][4]).toBeNull();
    expect(sumDec(usa?.byYear[2].slice(0, 4) as Dec[]).eq(usa?.amounts[2] as Dec)).toBe(true);
  });

  test("EU overlap and net new money are the engine's totals", () => {
    const list = entries();
    const summary = summariseScenarios(list);
    list.forEach(({ result }, index) => {
      expect(summary.euOverlap.amounts[index]?.eq(result.overlap.totalOverlap)).toBe(true);
      expect(summary.netNew.amounts[index]?.eq(result.overlap.totalNetNew)).toBe(true);
    });
  });

  test("scenarios in different currencies are refused, naming each one's", () => {
    const list = entries({ A: {}, B: { currency: "USD", "usd-per-eur": "1.08" } });
    expect(() => summariseScenarios(list)).toThrow(SummaryError);
    expect(() => summariseScenarios(list)).toThrow(/A: EUR; B: USD/);
  });

  test("key assumptions are in words from the resolved scenario", () => {
    const words = keyAssumptions(runScenario({ exempt: "HUN", cap: "USA=40%", credit: "50%", eu: "none" }));
    expect(words.total).toBe("EUR 100bn");
    expect(words.years).toBe("2024-2028, flat profile");
    expect(words.method).toMatch(/^share of \d{4} GDP$/);
    expect(words.credit).toMatch(/^50% of bilateral aid/);
    expect(words.exemptions).toBe("HUN");
    expect(words.caps).toBe("USA at most 40%");
    expect(words.euInstruments).toBe("none");
  });
});

describe("computeStored", () => {
  const stored = (name: string, parameters: StoredScenario["parameters"], vintage: string): StoredScenario => ({
    name,
    comment: "",
    parameters,
    created: "2026-12-01T09:00:00Z",
    modified: "2026-12-01T09:00:00Z",
    author: "",
    vintage,
  });

  test("computes each on the embedded data, warns of another vintage naming both, reports what it cannot compute", () => {
    const current = dataVintage(embeddedEdition());
    const header = storeHeader();
    const grid = [
      header,
      storeRow(stored("A", { exempt: "HUN" }, current), header),
      storeRow(stored("Old", { credit: "25%" }, "nato-gdp 2020-01-01"), header),
      storeRow(stored("Own data", { data: "mine.csv" }, current), header),
    ];
    const { computed, problems, vintageWarnings } = computeStored(readStore(grid).scenarios);
    expect(computed.map(({ stored: row }) => row.name)).toEqual(["A", "Old"]);
    expect(computed[0].result.allocation.total.eq(runScenario({ exempt: "HUN" }).allocation.total)).toBe(true);
    expect(vintageWarnings).toHaveLength(1);
    expect(vintageWarnings[0].row).toBe(3);
    expect(vintageWarnings[0].reason).toContain("nato-gdp 2020-01-01");
    expect(vintageWarnings[0].reason).toContain(current);
    expect(problems).toEqual([{ row: 4, reason: expect.stringContaining("data of your own") }]);
  });
});

describe("random sets of scenarios (differential: the summary against each scenario's own result)", () => {
  const CODES = runScenario({}).allocation.rows.map((row) => row.code);

  function randomSpec(random: Random): ScenarioSpec {
    const spec: Record<string, string> = {};
    if (chance(random, 0.4)) spec.exempt = subset(random, CODES, integer(random, 1, 4)).join(",");
    if (chance(random, 0.4)) spec.credit = `${integer(random, 0, 100)}%`;
    if (chance(random, 0.3)) spec.cap = `USA=${integer(random, 20, 60)}%`;
    if (chance(random, 0.3)) spec.floor = `${pick(random, CODES)}=1%`;
    if (chance(random, 0.3)) spec.contributors = subset(random, CODES, integer(random, 3, 20)).join(",");
    if (chance(random, 0.3)) spec.total = pick(random, ["40bn", "100bn", "120bn", "1bn", "0"]);
    if (chance(random, 0.3)) spec.unit = pick(random, ["100k", "1m", "10m"]);
    if (chance(random, 0.3)) spec.years = String(integer(random, 1, 6));
    if (chance(random, 0.2)) spec.eu = "none";
    if (chance(random, 0.15)) Object.assign(spec, { method: "pct-gdp", "pct-gdp": "0.25%" });
    return spec as ScenarioSpec;
  }

  test("60 sets of 2 to 4 scenarios, each base: differences add up, amounts and percents are the engine's", () => {
    const random = generator(17);
    let sets = 0;
    while (sets < 60) {
      const list: { name: string; result: ReturnType<typeof runScenario> }[] = [];
      const count = integer(random, 2, 4);
      while (list.length < count) {
        try {
          list.push({ name: `S${list.length}`, result: runScenario(randomSpec(random)) });
        } catch (error) {
          // An infeasible draw (limits that cannot all hold, a total of 0 refused): draw again.
          if (!isFairShareError(error)) throw error;
        }
      }
      sets++;
      for (let base = 0; base < count; base++) {
        const summary = summariseScenarios(list, list[base].name);
        list.forEach(({ result }, index) => {
          const expected = result.allocation.total.minus(list[base].result.allocation.total);
          const sum = sumDec(summary.allies.map((ally) => ally.differences[index]));
          if (!sum.eq(expected)) throw new Error(`seed 17, set ${sets}, base ${base}: ${sum} != ${expected}`);
          for (const ally of summary.allies) {
            const row = result.allocation.rows.find((candidate) => candidate.code === ally.code);
            expect(ally.amounts[index] === null ? null : ally.amounts[index]?.toFixed()).toBe(
              row?.total.toFixed() ?? null
            );
            const baseAmount = ally.amounts[base];
            if (baseAmount === null || baseAmount.isZero()) expect(ally.percent[index]).toBeNull();
            else expect(ally.percent[index]?.eq(ally.differences[index].div(baseAmount).times(100))).toBe(true);
          }
        });
      }
    }
    expect(sets).toBe(60);
  });
});
