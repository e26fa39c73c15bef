/** The summary of scenarios side by side: the one computation every face reads (src/workbook/scenario-summary.ts). */
import { Dec, dataVintage, embeddedEdition, runScenario, sumDec, type ScenarioSpec } from "../../src/engine";
import { readStore, storeHeader, storeRow, type StoredScenario } from "../../src/workbook/scenario-store";
import { SummaryError, computeStored, keyAssumptions, summariseScenarios } from "../../src/workbook/scenario-summary";

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
