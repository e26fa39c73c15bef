/**
 * The Sensitivity view's model without a browser: its sweep and tornado are the engine's, its chart geometry spans the
 * drawn range, and each mistake is placed beside the field it belongs to.
 */
import { Dec, parseRanges, parseVariation, runSweep, runTornado, tornadoForAlly } from "../src/engine";
import { EMPTY_VALUES, type Values } from "../src/taskpane/controls";
import { DEFAULT_SENSITIVITY, PANE_SWEEP_LIMIT, evaluateSweep, evaluateTornado } from "../src/taskpane/sensitivity";

const values = (given: Partial<Values>): Values => ({ ...EMPTY_VALUES, ...given });

describe("the sweep", () => {
  test("its table is the engine's sweep in millions; its lines span the drawn range", () => {
    const view = evaluateSweep(values({ exempt: "HUN" }), { ...DEFAULT_SENSITIVITY, values: "0..1:0.25" });
    if (!view.ok) throw new Error(view.message);
    const sweep = runSweep({ exempt: "HUN" }, [parseVariation("credit=0..1:0.25", "vary")]);
    const index = (code: string) => sweep.rows[0].point?.allies.findIndex((ally) => ally.code === code) as number;
    expect(view.rows.map((row) => row.amounts)).toEqual(
      sweep.rows.map((row) => ["ESP", "ITA"].map((code) => row.point?.allies[index(code)].total.div(1e6).toFixed(0)))
    );
    const heights = view.series.flatMap((series) => series.points) as number[];
    expect(Math.min(...heights)).toBe(0);
    expect(Math.max(...heights)).toBe(1);
    expect(new Dec(view.low).lt(new Dec(view.high))).toBe(true);
  });

  test("an infeasible value keeps its row with the reason; mistakes go beside their field", () => {
    const capped = evaluateSweep(values({}), { ...DEFAULT_SENSITIVITY, parameter: "cap", values: "0.01,0.5" });
    if (!capped.ok) throw new Error(capped.message);
    expect(capped.rows[0].amounts).toEqual(["-", "-"]);
    expect(capped.rows[0].note).toMatch(/^cap: let the contributors pay at most/);
    expect(capped.series[0].points[0]).toBeNull();
    const field = (settings: Partial<typeof DEFAULT_SENSITIVITY>, given: Partial<Values> = {}) => {
      const view = evaluateSweep(values(given), { ...DEFAULT_SENSITIVITY, ...settings });
      return view.ok ? "ok" : view.field;
    };
    expect(field({ values: "0..1" })).toBe("values");
    expect(field({ parameter: "credits" })).toBe("parameter");
    expect(field({ values: `0..1:${1 / (PANE_SWEEP_LIMIT + 1)}` })).toBe("values");
    expect(field({ allies: "ESP,XYZ" })).toBe("allies");
    expect(field({}, { total: "-5" })).toBe("scenario");
  });
});

describe("the tornado", () => {
  test("its bars are the engine's, largest swing first, effects as fractions of the largest", () => {
    const view = evaluateTornado(values({}), DEFAULT_SENSITIVITY);
    if (!view.ok) throw new Error(view.message);
    const bars = tornadoForAlly(runTornado({}, parseRanges(DEFAULT_SENSITIVITY.ranges)), "ESP");
    expect(view.bars.map((bar) => bar.name)).toEqual(bars.map((bar) => bar.bar.variation.name));
    expect(view.bars.map((bar) => bar.swing)).toEqual(bars.map((bar) => bar.swing?.div(1e6).toFixed(1) ?? null));
    const fractions = view.bars.flatMap((bar) => [bar.lowFraction, bar.highFraction]) as number[];
    expect(Math.max(...fractions.map(Math.abs))).toBe(1);
    const wrong = evaluateTornado(values({}), { ...DEFAULT_SENSITIVITY, ally: "XYZ" });
    expect(wrong.ok ? "ok" : wrong.field).toBe("ally");
  });
});
