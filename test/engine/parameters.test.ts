import { readFileSync } from "fs";
import { join } from "path";

import { Dec } from "../../src/engine/decimal";
import { parametersMarkdown } from "../../src/engine/parameter-docs";
import {
  PARAMETERS,
  PARAMETER_DEFAULTS,
  parameter,
  parameterHelp,
  parametersFor,
  percentWords,
  type ParameterName,
} from "../../src/engine/parameters";
import { inRange } from "../../src/engine/parse";
import { runScenario } from "../../src/engine/scenario";
import { readAmount, readChoice, readRate, readRatio, readWhole } from "../../src/engine/values";

describe("the parameter table is the one schema", () => {
  test("docs/functions.md lists exactly the table's parameters, kinds, defaults, valid values and help", () => {
    const docs = readFileSync(join(__dirname, "..", "..", "docs", "functions.md"), "utf8");
    // When a parameter changes, paste the output of `npm run docs:parameters` into the page.
    expect(docs).toContain(parametersMarkdown());
  });

  test("every entry can drive a control: a label, a kind, help, an example, and ranges that make sense", () => {
    for (const entry of PARAMETERS) {
      expect(entry.label.length).toBeGreaterThan(0);
      expect(entry.help.length).toBeGreaterThan(0);
      expect(entry.example.length).toBeGreaterThan(0);
      if (entry.valid) expect(new Dec(entry.valid.min).lte(entry.valid.max)).toBe(true);
      if (entry.plausible && entry.valid) {
        // A plausible bare number is always a valid one.
        expect(new Dec(entry.plausible.max).lte(entry.valid.max)).toBe(true);
      }
      if (entry.kind === "ratio" || entry.kind === "code-ratios") expect(entry.ratioOf).toMatch(/^of /);
      if (entry.kind === "choice") expect(entry.choices).toContain(entry.default);
    }
    // A task pane iterates it as plain data.
    expect(JSON.parse(JSON.stringify(PARAMETERS))).toEqual(PARAMETERS);
  });

  test("each scalar parameter's example and default pass its own reader", () => {
    const read: Partial<Record<string, (name: ParameterName, value: string) => unknown>> = {
      amount: readAmount,
      rate: readRate,
      ratio: readRatio,
      count: readWhole,
      year: readWhole,
      choice: readChoice,
    };
    for (const entry of PARAMETERS) {
      const reader = read[entry.kind];
      if (reader === undefined) continue;
      expect(() => reader(entry.name, entry.example)).not.toThrow();
      if (entry.default !== "") expect(() => reader(entry.name, entry.default)).not.toThrow();
    }
  });

  test("giving every default of allocate's parameters explicitly changes nothing", () => {
    const spec = Object.fromEntries(
      parametersFor("allocate")
        .map((entry) => [entry.name, PARAMETER_DEFAULTS[entry.name]])
        .filter(([, value]) => value !== "")
    );
    expect(runScenario(spec).allocation.rows.map((row) => row.total.toFixed())).toEqual(
      runScenario({}).allocation.rows.map((row) => row.total.toFixed())
    );
  });

  test("help states the valid range from the table, written once", () => {
    expect(parameterHelp(parameter("years"))).toBe("Number of years. Valid: 1 to 50.");
    expect(parameterHelp(parameter("cap"))).toContain("Valid: 0% to 100%.");
    expect(parameterHelp(parameter("pct-gdp"))).toContain("Valid: 0% to 100%; a bare number at most 0.03 (3%).");
    expect(parameterHelp(parameter("usd-per-eur"))).toContain("Valid: 0.5 to 2.");
  });

  test.each([
    ["0.4", "40%"],
    ["0.0025", "0.25%"],
    ["1", "100%"],
    ["40", "4000%"],
    ["0.00001", "0.001%"],
    ["0", "0%"],
    ["-0.1", "-10%"],
  ])("percentWords(%s) is %s", (fraction, words) => {
    expect(percentWords(fraction)).toBe(words);
  });

  test("inRange honours exclusive ends", () => {
    const range = { min: "0", max: "1", minExclusive: true };
    expect(inRange(new Dec(0), range)).toBe(false);
    expect(inRange(new Dec("1e-300"), range)).toBe(true);
    expect(inRange(new Dec(1), range)).toBe(true);
  });
});
