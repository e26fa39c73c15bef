/**
 * explain against the engine's own report: every figure of its steps equals the field of allocate's JSON that holds
 * it, and every number its sentences quote is one of the numbers allocate --format json prints. Random scenarios.
 */
import fc from "fast-check";

import { buildReport, type AllocationReport, type AllyReport } from "../src/cli/report";
import { Dec, explain, explanationText, runScenario, type ScenarioSpec } from "../src/engine";

const CODES = ["ESP", "USA", "DEU", "HUN", "NOR", "ITA", "EST", "CAN", "FIN"];

/** Every number written in a text, commas dropped: "EUR 1,234.5" -> 1234.5; percents both as written and / 100. */
function numbersIn(text: string): { value: Dec; percent: boolean }[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?%?/g)].map((match) => {
    const percent = match[0].endsWith("%");
    return { value: new Dec(match[0].replace(/[,%]/g, "")), percent };
  });
}

/** The figure of allocate's JSON that an explain figure names. */
function reportField(key: string, ally: AllyReport, report: AllocationReport): unknown {
  const year = /^(exact|attributed|overlap)(\d{4})$/.exec(key);
  if (year !== null) {
    const table = { exact: ally.exactByYear, attributed: ally.euAttributedByYear, overlap: ally.overlapByYear }[
      year[1] as "exact" | "attributed" | "overlap"
    ];
    return table[year[2]];
  }
  if (key === "level" || key === "exactTotal") return report[key];
  if (key === "credit") return report.scenario.credit;
  if (key === "exempt") return ally.constraint === "exempt";
  return (ally as unknown as Record<string, unknown>)[key];
}

const ONLY_EXPLAIN = new Set(["pctGdp", "heldCount", "profile", "yearWeights", "rounded", "unit", "direction"]);

const scenarios = fc.record({
  code: fc.constantFrom(...CODES),
  year: fc.constantFrom(null, 2024, 2026),
  spec: fc.record(
    {
      credit: fc.constantFrom("0", "50%", "1/3", "100%"),
      exempt: fc.constantFrom("HUN", "HUN,SVK"),
      cap: fc.constantFrom("USA=25%", "USA=40%,DEU=15%"),
      floor: fc.constantFrom("EST=1%"),
      "aid-from": fc.constantFrom("2022-01", "2024-01"),
    },
    { requiredKeys: [] }
  ),
});

describe("explain", () => {
  test("its figures are allocate's JSON fields, and its sentences quote only numbers that JSON prints", () => {
    fc.assert(
      fc.property(scenarios, ({ code, year, spec }) => {
        const result = runScenario(spec as ScenarioSpec);
        const report = buildReport(result, {});
        const ally = report.allies.find((a) => a.iso3 === code) as AllyReport;
        const explanation = explain(result, code, year);
        for (const step of explanation.steps) {
          for (const [key, value] of Object.entries(step.figures)) {
            if (ONLY_EXPLAIN.has(key) || (key === "exact" && step.step === "rounding")) continue;
            expect([step.step, key, reportField(key, ally, report)]).toEqual([step.step, key, value]);
          }
        }
        const rounding = explanation.steps.find((step) => step.step === "rounding")?.figures;
        expect(rounding?.rounded).toBe(year === null ? ally.total : ally.byYear[String(year)]);
        expect(rounding?.exact).toBe(year === null ? ally.exact : ally.exactByYear[String(year)]);
        const printed = numbersIn(JSON.stringify(report)).map((n) => n.value);
        const inJson = (value: Dec): boolean => printed.some((p) => p.eq(value));
        for (const { value, percent } of numbersIn(explanationText(explanation))) {
          const found = inJson(value) || (percent && inJson(value.div(100)));
          expect([value.toFixed(), found]).toEqual([value.toFixed(), true]);
        }
      }),
      { numRuns: 25 }
    );
  });

  test("names the steps in order and refuses an unknown ally or year, naming the argument", () => {
    const explanation = explain(runScenario({}), "esp");
    expect(explanation.steps.map((step) => step.step)).toEqual([
      "basis",
      "level",
      "credit",
      "limit",
      "years",
      "rounding",
      "eu",
    ]);
    expect(explanation.code).toBe("ESP");
    expect(() => explain(runScenario({}), "XYZ")).toThrow(/XYZ/);
    expect(() => explain(runScenario({}), "ESP", 2040)).toThrow(/2040/);
  });
});
