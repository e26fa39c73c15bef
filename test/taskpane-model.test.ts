import { PARAMETERS, parameter, parameterHelp, type Parameter, type ParameterName } from "../src/engine/parameters";
import { parseRatio } from "../src/engine/parse";
import { ratioRules } from "../src/engine/values";
import { resolveScenario, selectedInstrumentIds } from "../src/engine/scenario";
import {
  CONTROLS,
  EMPTY_VALUES,
  GROUPS,
  controlFor,
  controlForArgument,
  instrumentsValue,
  selectedInstruments,
  type Values,
} from "../src/taskpane/controls";
import { evaluate, givenValues, preview } from "../src/taskpane/model";
import { PRESETS } from "../src/taskpane/presets";

const withValues = (values: Partial<Values>): Values => ({ ...EMPTY_VALUES, ...values });

describe("controls over the parameter table", () => {
  test("one control per parameter, in the table's order, with its default and help", () => {
    expect(CONTROLS.map((control) => control.name)).toEqual(PARAMETERS.map((parameter) => parameter.name));
    const total = CONTROLS.find((control) => control.name === "total");
    expect(total).toMatchObject({ kind: "text", label: "Total", defaultText: "100bn", group: "pledge" });
    expect(CONTROLS.find((control) => control.name === "method")?.choices).toEqual(["gdp", "pct-gdp", "key", "blend"]);
  });

  test("every schema parameter's control takes its label, group, choices, default, help and range from the schema", () => {
    const groups = GROUPS.map((group) => group.id);
    for (const entry of PARAMETERS) {
      const control = CONTROLS.find((candidate) => candidate.name === entry.name);
      expect(control).toBeDefined();
      if (control === undefined) continue;
      expect(control.label).toBe(entry.label);
      expect(control.group).toBe(entry.group);
      expect(groups).toContain(control.group);
      expect(control.defaultText).toBe(entry.default);
      expect(control.choices).toEqual(entry.choices);
      expect(control.help).toBe(parameterHelp(entry));
      expect(control.placeholder).toContain(entry.example);
      if (entry.kind === "choice" || entry.kind === "profile") expect(control.kind).toBe(entry.kind);
      if (entry.kind === "count" || entry.kind === "year") {
        expect(control).toMatchObject({ kind: "number", min: Number(entry.valid?.min), max: Number(entry.valid?.max) });
      }
    }
  });

  test("a new parameter or choice in the schema gets its control without a pane change", () => {
    const invented: Parameter = {
      name: "gdp-year" as ParameterName,
      label: "Data year",
      kind: "choice",
      group: "rounding",
      default: "2025",
      help: "An invented choice.",
      example: "2026",
      choices: ["2025", "2026", "2027"],
    };
    expect(controlFor(invented)).toMatchObject({
      label: "Data year",
      kind: "choice",
      group: "rounding",
      defaultText: "2025",
      choices: ["2025", "2026", "2027"],
      placeholder: "e.g. 2026",
    });
    const count = controlFor({ ...invented, kind: "count", valid: { min: "2", max: "9" }, choices: undefined });
    expect(count).toMatchObject({ kind: "number", min: 2, max: 9, help: "An invented choice. Valid: 2 to 9." });
  });

  test("ratio controls show the ratio convention; range words come from the schema", () => {
    for (const control of CONTROLS.filter((c) => parameter(c.name).kind === "ratio")) {
      expect(control.placeholder).toMatch(/%$/);
    }
    expect(CONTROLS.find((control) => control.name === "credit")?.placeholder).toBe("e.g. 50%");
    expect(CONTROLS.find((control) => control.name === "years")?.help).toBe("Number of years. Valid: 1 to 50.");
    expect(CONTROLS.find((control) => control.name === "cap")?.help).toContain("Valid: 0% to 100%.");
    expect(CONTROLS.find((control) => control.name === "eu-states")?.kind).toBe("eu-states");
    expect(CONTROLS.find((control) => control.name === "exempt")?.kind).toBe("allies");
    expect(CONTROLS.find((control) => control.name === "eu")?.kind).toBe("eu-instruments");
  });

  test("controls that do not apply are hidden and their values not sent", () => {
    const values = withValues({ method: "pct-gdp", total: "40bn", "pct-gdp": "0.25%" });
    expect(givenValues(values)).toEqual({ method: "pct-gdp", "pct-gdp": "0.25%" });
    expect(givenValues(withValues({ "aid-from": "2024-01" }))).toEqual({});
    expect(givenValues(withValues({ credit: "50%", "aid-from": "2024-01" }))).toEqual({
      credit: "50%",
      "aid-from": "2024-01",
    });
  });

  test("an engine error goes to the control it names", () => {
    expect(controlForArgument("profile (weight 2)")).toBe("profile");
    expect(controlForArgument("usd-per-eur")).toBe("usd-per-eur");
    expect(controlForArgument("basis (DEU)")).toBeUndefined();
    const outcome = evaluate(withValues({ years: "0" }));
    expect(outcome).toMatchObject({
      ok: false,
      control: "years",
      message: "years: 0 is outside 1 to 50. Enter a value from 1 to 50.",
    });
  });

  test("EU instruments: the default word and the checklist agree", () => {
    const adopted = selectedInstrumentIds("adopted");
    expect(selectedInstruments("")).toEqual(adopted);
    expect(selectedInstruments("adopted")).toEqual(adopted);
    expect(selectedInstruments("none")).toEqual([]);
    expect(instrumentsValue(adopted)).toBe("");
    expect(instrumentsValue([])).toBe("none");
    expect(instrumentsValue(["EPF_PROPOSAL", "UAF"])).toBe("UAF,EPF_PROPOSAL");
  });

  test("EU instruments: the checklist ticks what the engine counts, also for adopted mixed with an id", () => {
    const adopted = selectedInstrumentIds("adopted");
    expect(adopted).not.toContain("EPF_PROPOSAL");
    for (const value of ["", "none", "UAF", "adopted,EPF_PROPOSAL", "epf_proposal adopted"]) {
      const counted = resolveScenario({ eu: value }).instruments.map((instrument) => instrument.id);
      expect(selectedInstruments(value)).toEqual(counted);
    }
    const mixed = selectedInstruments("adopted,EPF_PROPOSAL");
    expect([...mixed].sort()).toEqual([...adopted, "EPF_PROPOSAL"].sort());
    expect(instrumentsValue(mixed)).toBe(mixed.join(","));
    // A value the engine refuses ticks nothing; its message shows beside the checklist.
    expect(selectedInstruments("UAF,NOPE")).toEqual([]);
  });
});

describe("preview", () => {
  test("default scenario: largest contributors, totals, the add-up check", () => {
    const outcome = evaluate(EMPTY_VALUES);
    if (!outcome.ok) throw new Error(outcome.message);
    const shown = preview(outcome.result);
    expect(shown.headline).toBe("EUR 100,000m over 2024-2028 among 32 contributors");
    // Every contributor in the list, largest first; the ten largest in the chart.
    expect(shown.rows.map((row) => row.code).sort()).toEqual(
      outcome.result.allocation.rows.map((row) => row.code).sort()
    );
    expect(shown.rows).toHaveLength(32);
    expect(shown.largest).toEqual(shown.rows.slice(0, 10));
    expect(shown.largest[0]).toMatchObject({ code: "USA", bar: 1 });
    expect(shown.largest[0].amount).toMatch(/^EUR [\d,]+m$/);
    expect(shown.largest[0].share).toMatch(/^\d+\.\d\d%$/);
    expect(shown.tranches.map((tranche) => tranche.amount)).toEqual(Array(5).fill("EUR 20,000m"));
    expect(shown.addsUp).toBe(true);
    expect(shown.held).toEqual([]);
    expect(shown.sources.some((source) => source.includes("vintage"))).toBe(true);
  });

  test("the headline counts the contributors who pay and names those who pay nothing, and why", () => {
    const headline = (values: Partial<Record<ParameterName, string>>) => {
      const outcome = evaluate(withValues(values));
      if (!outcome.ok) throw new Error(outcome.message);
      return preview(outcome.result).headline;
    };
    expect(headline({ total: "40bn", years: "1", exempt: "HUN" })).toBe(
      "EUR 40,000m in 2024 among 31 contributors (Hungary exempt)"
    );
    expect(headline({ exempt: "ALB,HUN" })).toBe(
      "EUR 100,000m over 2024-2028 among 30 contributors (Albania and Hungary exempt)"
    );
    // More than three are counted; the held list below the table names them.
    expect(headline({ exempt: "HUN,ALB,MNE,MKD" })).toBe(
      "EUR 100,000m over 2024-2028 among 28 contributors (4 exempt)"
    );
    // Aid credit that covers a share: those allies pay nothing, for another reason than the exempt one.
    const credited = evaluate(withValues({ credit: "100%", "aid-from": "2022-01", exempt: "HUN" }));
    if (!credited.ok) throw new Error(credited.message);
    const covered = credited.result.allocation.rows.filter((row) => row.constraint === "credit" && row.total.isZero());
    expect(covered.length).toBeGreaterThan(0);
    const paying = credited.result.allocation.rows.length - covered.length - 1;
    const who = covered.length > 3 ? String(covered.length) : covered.map((row) => row.name).join(" and ");
    expect(preview(credited.result).headline).toMatch(
      new RegExp(` among ${paying} contributors \\(Hungary exempt; ${who} covered by aid credit\\)$`)
    );
  });

  test("every preset is valid and says where it comes from", () => {
    for (const preset of PRESETS) {
      const outcome = evaluate(withValues(preset.values));
      expect(outcome.ok).toBe(true);
      expect(preset.source.length).toBeGreaterThan(40);
    }
    const washington = evaluate(withValues(PRESETS[1].values));
    if (!washington.ok) throw new Error(washington.message);
    expect(preview(washington.result).held).toEqual([{ reason: "Exempt", codes: ["HUN"] }]);
    expect(preview(washington.result).total).toBe("EUR 40,000m");
  });

  test("preset ratios follow the ratio convention: what they say in percent is the fraction the engine reads", () => {
    const credited = PRESETS.find((preset) => preset.id === "bilateral-credited");
    expect(parseRatio("credit", credited?.values.credit ?? "", ratioRules("credit")).toFixed()).toBe("1");
    for (const preset of PRESETS) {
      for (const [name, value] of Object.entries(preset.values)) {
        if (parameter(name as ParameterName).kind === "ratio") expect(value).toMatch(/%$/);
      }
    }
  });
});
