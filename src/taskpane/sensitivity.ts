/**
 * The Sensitivity view's model: its settings (what to vary, over which values, for which allies; the tornado's ranges
 * and ally), the engine's sweep and tornado for the pane's scenario, and the geometry of their charts. Display only:
 * every amount is the engine's; the chart positions are fractions of the drawn range.
 */
import {
  Dec,
  type Edition,
  type ScenarioResult,
  type Sweep,
  type Tornado,
  codeForName,
  isFairShareError,
  listVariation,
  parseRanges,
  parseVariation,
  runScenario,
  runSweep,
  runTornado,
  tornadoForAlly,
  unitPlacesInMillions,
} from "../engine";
import type { Values } from "./controls";
import { givenValues } from "./model";

export { DEFAULT_SENSITIVITY, type SensitivitySettings } from "./sensitivity-settings";
import type { SensitivitySettings } from "./sensitivity-settings";

/** The most values the pane sweeps while the user types (the sheet and the command line take more). */
export const PANE_SWEEP_LIMIT = 1000;

export type SensitivityField = keyof SensitivitySettings | "scenario";

interface Problem {
  readonly ok: false;
  readonly field: SensitivityField;
  readonly message: string;
}

export interface LineSeries {
  readonly code: string;
  /** Per value: its height as a fraction of the drawn range (0 bottom, 1 top), or null where infeasible. */
  readonly points: readonly (number | null)[];
}

export interface SweepView {
  readonly ok: true;
  readonly sweep: Sweep;
  readonly base: ScenarioResult;
  readonly allies: readonly string[];
  readonly series: readonly LineSeries[];
  /** The lowest and highest amount drawn, in millions as the table shows them. */
  readonly low: string;
  readonly high: string;
  /** One row per value: the value, each ally's amount in millions, or the engine's message. */
  readonly rows: readonly { readonly value: string; readonly amounts: readonly string[]; readonly note: string }[];
}

export interface TornadoBarView {
  readonly name: string;
  readonly low: string;
  readonly high: string;
  /** Effects in millions (signed), and as fractions of the largest effect (-1 to 1); null where infeasible. */
  readonly lowEffect: string | null;
  readonly highEffect: string | null;
  readonly lowFraction: number | null;
  readonly highFraction: number | null;
  readonly swing: string | null;
  readonly note: string;
}

export interface TornadoView {
  readonly ok: true;
  readonly tornado: Tornado;
  readonly ally: string;
  readonly base: string;
  readonly bars: readonly TornadoBarView[];
}

function problemOf(error: unknown, field: SensitivityField): Problem {
  if (!isFairShareError(error)) throw error;
  const scenario = error.parameter !== null && error.argument !== "vary" && error.argument !== "ranges";
  return { ok: false, field: scenario ? "scenario" : field, message: error.message };
}

function codes(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => codeForName(item) ?? item.toUpperCase());
}

function millions(amount: Dec, places: number): string {
  return amount.div(1e6).toFixed(places);
}

/** The sweep of the pane's scenario, its line chart and its table. */
export function evaluateSweep(values: Values, settings: SensitivitySettings, edition?: Edition): SweepView | Problem {
  const given = givenValues(values);
  const spec = edition === undefined || edition.embedded ? given : { ...given, edition };
  let base: ScenarioResult;
  try {
    base = runScenario(spec);
  } catch (error) {
    return problemOf(error, "scenario");
  }
  const contributors = base.allocation.rows.map((row) => row.code);
  const allies = codes(settings.allies);
  const unknown = allies.find((code) => !contributors.includes(code));
  if (unknown !== undefined) {
    return {
      ok: false,
      field: "allies",
      message: `allies: "${unknown}" is not one of the contributors; give codes such as ESP,ITA.`,
    };
  }
  let sweep: Sweep;
  try {
    // The name first, so that a misspelt one is placed beside the parameter's field.
    listVariation(settings.parameter, [""], "values", "parameter");
    const variation = parseVariation(`${settings.parameter.trim()}=${settings.values.trim()}`, "values");
    if (variation.values.length > PANE_SWEEP_LIMIT) {
      return {
        ok: false,
        field: "values",
        message: `values: ${variation.values.length} values; the pane sweeps at most ${PANE_SWEEP_LIMIT} (a sheet or fair-share sweep takes more). Use a larger step.`,
      };
    }
    sweep = runSweep(spec, [variation], allies);
  } catch (error) {
    return problemOf(error, isFairShareError(error) && error.argument === "parameter" ? "parameter" : "values");
  }
  const places = unitPlacesInMillions(base.scenario.unit);
  const indices = allies.map((code) => contributors.indexOf(code));
  const amounts = sweep.rows.flatMap((row) => indices.map((index) => row.point?.allies[index].total ?? null));
  const known = amounts.filter((amount): amount is Dec => amount !== null);
  const low = known.length === 0 ? new Dec(0) : Dec.min(...known);
  const high = known.length === 0 ? new Dec(1) : Dec.max(...known);
  const span = high.minus(low);
  const height = (amount: Dec | null): number | null =>
    amount === null ? null : span.isZero() ? 0.5 : amount.minus(low).div(span).toNumber();
  return {
    ok: true,
    sweep,
    base,
    allies,
    series: allies.map((code, position) => ({
      code,
      points: sweep.rows.map((row) => height(row.point?.allies[indices[position]].total ?? null)),
    })),
    low: millions(low, places),
    high: millions(high, places),
    rows: sweep.rows.map((row) => ({
      value: row.values[0] === "" ? "none" : row.values[0],
      amounts: indices.map((index) => (row.point === null ? "-" : millions(row.point.allies[index].total, places))),
      note: row.error?.message ?? "",
    })),
  };
}

/** The tornado of the pane's scenario for one ally, its bars largest swing first. */
export function evaluateTornado(
  values: Values,
  settings: SensitivitySettings,
  edition?: Edition
): TornadoView | Problem {
  const given = givenValues(values);
  const spec = edition === undefined || edition.embedded ? given : { ...given, edition };
  let tornado: Tornado;
  try {
    tornado = runTornado(spec, parseRanges(settings.ranges, "ranges"));
  } catch (error) {
    return problemOf(error, "ranges");
  }
  const [ally] = codes(settings.ally);
  const index = tornado.basePoint.allies.findIndex((candidate) => candidate.code === ally);
  if (index < 0) {
    return {
      ok: false,
      field: "ally",
      message: `ally: "${settings.ally}" is not one of the contributors; give a code such as ESP.`,
    };
  }
  const places = unitPlacesInMillions(tornado.base.scenario.unit);
  const bars = tornadoForAlly(tornado, ally);
  const effects = bars
    .flatMap((bar) => [bar.lowEffect, bar.highEffect])
    .filter((effect): effect is Dec => effect !== null);
  const largest = effects.reduce((most, effect) => Dec.max(most, effect.abs()), new Dec(0));
  const fraction = (effect: Dec | null): number | null =>
    effect === null ? null : largest.isZero() ? 0 : effect.div(largest).toNumber();
  const signed = (effect: Dec | null): string | null =>
    effect === null ? null : `${effect.gt(0) ? "+" : ""}${millions(effect, places + 1)}`;
  return {
    ok: true,
    tornado,
    ally,
    base: millions(tornado.basePoint.allies[index].exact, places + 1),
    bars: bars.map((bar) => ({
      name: bar.bar.variation.name,
      low: bar.bar.low.value === "" ? "none" : bar.bar.low.value,
      high: bar.bar.high.value === "" ? "none" : bar.bar.high.value,
      lowEffect: signed(bar.lowEffect),
      highEffect: signed(bar.highEffect),
      lowFraction: fraction(bar.lowEffect),
      highFraction: fraction(bar.highEffect),
      swing: bar.swing === null ? null : millions(bar.swing, places + 1),
      note: [bar.bar.low, bar.bar.high]
        .filter((end) => end.error !== null)
        .map((end) => `infeasible at ${end.value === "" ? "none" : end.value}: ${end.error?.message ?? ""}`)
        .join(" "),
    })),
  };
}
