import { PARAMETERS } from "../src/engine/parameters";
import {
  ADOPTED_MILITARY,
  CONTROLS,
  EMPTY_VALUES,
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
    expect(total).toMatchObject({ kind: "text", defaultText: "100bn", group: "amount" });
    expect(CONTROLS.find((control) => control.name === "method")?.choices).toEqual(["gdp", "pct-gdp", "key", "blend"]);
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
    expect(selectedInstruments("")).toEqual(ADOPTED_MILITARY);
    expect(selectedInstruments("none")).toEqual([]);
    expect(instrumentsValue(ADOPTED_MILITARY)).toBe("");
    expect(instrumentsValue([])).toBe("none");
    expect(instrumentsValue(["EPF_PROPOSAL", "UAF"])).toBe("UAF,EPF_PROPOSAL");
  });
});

describe("preview", () => {
  test("default scenario: largest contributors, totals, the add-up check", () => {
    const outcome = evaluate(EMPTY_VALUES);
    if (!outcome.ok) throw new Error(outcome.message);
    const shown = preview(outcome.result);
    expect(shown.headline).toBe("EUR 100,000m over 2024-2028 among 32 contributors");
    expect(shown.largest).toHaveLength(10);
    expect(shown.largest[0]).toMatchObject({ code: "USA", bar: 1 });
    expect(shown.largest[0].amount).toMatch(/^EUR [\d,]+m$/);
    expect(shown.largest[0].share).toMatch(/^\d+\.\d\d%$/);
    expect(shown.others).toBe(22);
    expect(shown.tranches.map((tranche) => tranche.amount)).toEqual(Array(5).fill("EUR 20,000m"));
    expect(shown.addsUp).toBe(true);
    expect(shown.held).toEqual([]);
    expect(shown.sources.some((source) => source.includes("vintage"))).toBe(true);
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
});
