/**
 * Sweeps and tornadoes: the scenario run at many values of one parameter (or of two, for a two-way table), and each
 * parameter's low and high effect on an ally's amount. Every row is the figure `allocate` gives at that value: the
 * value is written into the scenario's spec exactly as the user would type it, and the engine resolves and allocates
 * it. Work is shared where the parameter changes nothing but the allocation request (credit, overlap-threshold): the
 * scenario is resolved once, with its data, and only the request changes from value to value.
 */
import type { Allocation, AllocationRequest } from "./allocate";
import { codeForName } from "./codes";
import { Dec, ZERO } from "./decimal";
import { FairShareError, fail, isFairShareError } from "./errors";
import type { Attribution } from "./overlap";
import {
  AMOUNT_SUFFIXES,
  findParameter,
  parameter,
  parametersFor,
  type Parameter,
  type ParameterKind,
  type ParameterName,
} from "./parameters";
import { isBlank } from "./parse";
import {
  allocateForScenario,
  allocationRequest,
  runScenario,
  type Scenario,
  type ScenarioResult,
  type ScenarioSpec,
} from "./scenario";
import { readRatio } from "./values";

/** The most rows a sweep may have (over both parameters of a two-way table). */
export const MAX_SWEEP_ROWS = 100_000;

/** One parameter varied, and the values it takes, each as the spec takes it ("" for none). */
export interface Variation {
  /** As the user named it: "credit", "cap.USA", "key.DEU". */
  readonly name: string;
  readonly parameter: ParameterName;
  /** With cap, floor and key: the contributor whose entry varies; null when the whole parameter does. */
  readonly code: string | null;
  readonly values: readonly string[];
  /** A range FROM..TO (with :STEP in a sweep), or a list of values. */
  readonly form: "range" | "list";
}

/** Kinds whose values are numbers, so that they can be given as a range. */
const NUMERIC_KINDS: readonly ParameterKind[] = ["amount", "rate", "ratio", "count", "year", "data-year"];
/** Kinds whose entries are per contributor: cap.USA, floor.LUX, key.DEU. */
const PER_CODE_KINDS: readonly ParameterKind[] = ["code-ratios", "code-values"];
/** Kinds whose value is a list: in a list of values, "+" joins its items ("HUN+SVK"). */
const LIST_KINDS: readonly ParameterKind[] = [
  "code-list",
  "code-ratios",
  "code-values",
  "blend",
  "profile",
  "instrument-list",
];

/** The parameters a sweep may vary: allocate's, except the data and the instruments of the user's own. */
export function variableParameters(): readonly Parameter[] {
  return parametersFor("allocate").filter((entry) => entry.kind !== "data" && entry.kind !== "instrument-additions");
}

const VARY_FORM = "NAME=FROM..TO:STEP or NAME=VALUE,VALUE,...";
const RANGE_FORM = "NAME=LOW..HIGH or NAME=LOW,HIGH";

/**
 * Reads one --vary (a sweep: `credit=0..1:0.05`, `gdp-year=2023,2024`, `exempt=none,HUN,HUN+SVK`) or one of --ranges'
 * items (a tornado: `credit=0..1`, `gdp-year=2023,2024`: a low and a high value). `argument` names the input in errors.
 */
export function parseVariation(text: string, argument: string, use: "sweep" | "tornado" = "sweep"): Variation {
  const form = use === "sweep" ? VARY_FORM : RANGE_FORM;
  const example = use === "sweep" ? "credit=0..1:0.05" : "credit=0..1";
  const equals = text.indexOf("=");
  if (equals <= 0 || text.slice(equals + 1).trim() === "") fail("BAD_FORMAT", argument, { value: text, form, example });
  const name = text.slice(0, equals).trim();
  const body = text.slice(equals + 1).trim();
  const { entry, code } = readName(name, argument);
  const numeric = NUMERIC_KINDS.includes(entry.kind) || PER_CODE_KINDS.includes(entry.kind);
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(body);
  if (range !== null && numeric && (entry.kind !== "code-values" || code !== null)) {
    const [, from, to, step] = range;
    if (use === "tornado") {
      if (step !== undefined) fail("BAD_FORMAT", argument, { value: text, form, example: `${name}=${from}..${to}` });
      return {
        name,
        parameter: entry.name,
        code,
        values: [rangeEnd(argument, entry, from), rangeEnd(argument, entry, to)],
        form: "range",
      };
    }
    if (step === undefined) fail("BAD_FORMAT", argument, { value: text, form, example: `${name}=${from}..${to}:STEP` });
    return { name, parameter: entry.name, code, values: rangeValues(argument, entry, from, to, step), form: "range" };
  }
  const values = body.split(",").map((item) => listValue(argument, entry, item.trim(), text));
  if (use === "tornado" && values.length !== 2) {
    fail("BAD_FORMAT", argument, { value: text, form, example: `${name}=LOW,HIGH` });
  }
  return { name, parameter: entry.name, code, values, form: "list" };
}

/**
 * A variation over given values (cells of a sheet, each one value as the parameter takes it; "none" or "" for no
 * value): `name` as --vary names it ("credit", "cap.USA").
 */
export function listVariation(
  name: string,
  values: readonly string[],
  argument: string,
  nameArgument: string = argument
): Variation {
  const { entry, code } = readName(name.trim(), nameArgument);
  if (values.length === 0) fail("EMPTY", argument, { fix: "Give at least one value, e.g. 0, 0.5, 1." });
  if (values.length > MAX_SWEEP_ROWS) {
    fail("TOO_MANY_ITEMS", argument, { count: values.length, items: "values", max: MAX_SWEEP_ROWS, hint: "" });
  }
  const hasNone = (entry.choices ?? []).includes("none");
  const read = (value: string): string => (value.trim().toLowerCase() === "none" && !hasNone ? "" : value.trim());
  return { name: name.trim(), parameter: entry.name, code, values: values.map(read), form: "list" };
}

/** "credit" or "cap.USA": the parameter, and the contributor an entry of it is for. */
function readName(name: string, argument: string): { entry: Parameter; code: string | null } {
  const dot = name.indexOf(".");
  const parameterName = findParameter(dot < 0 ? name : name.slice(0, dot));
  const entry = variableParameters().find((candidate) => candidate.name === parameterName);
  if (entry === undefined) {
    fail("UNKNOWN_CHOICE", argument, {
      value: name,
      choices: `the parameters ${variableParameters()
        .map((candidate) => candidate.name)
        .join(", ")} (cap, floor and key also per contributor: cap.USA)`,
    });
  }
  if (dot < 0) return { entry, code: null };
  if (!PER_CODE_KINDS.includes(entry.kind)) {
    fail("NOT_ALLOWED", argument, {
      when: `with ${name} (only cap, floor and key have an entry per contributor)`,
      fix: `Vary ${entry.name} itself.`,
    });
  }
  const typed = name.slice(dot + 1).trim();
  return { entry, code: codeForName(typed) ?? typed.toUpperCase() };
}

const NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)$/i;

/** A number of a range, with a percent sign (ratios) or a scale suffix (amounts), as an exact decimal. */
function rangeNumber(argument: string, entry: Parameter, text: string): Dec {
  const match = NUMBER.exec(text.trim());
  const isRatio = entry.kind === "ratio" || entry.kind === "code-ratios";
  const suffix = match?.[2].toLowerCase() ?? "";
  const scale =
    suffix === ""
      ? 0
      : suffix === "%" && isRatio
        ? -2
        : entry.kind === "amount"
          ? AMOUNT_SUFFIXES.find((candidate) => candidate.suffix === suffix)?.exponent
          : undefined;
  if (match === null || scale === undefined) {
    return fail("NOT_A_NUMBER", argument, { value: text.trim(), example: entry.example });
  }
  return new Dec(match[1]).times(new Dec(10).pow(scale));
}

function rangeEnd(argument: string, entry: Parameter, text: string): string {
  return rangeNumber(argument, entry, text).toFixed();
}

/** FROM, FROM + STEP, ... up to TO (down to it when TO < FROM), TO included when it is on the grid; exact. */
function rangeValues(argument: string, entry: Parameter, fromText: string, toText: string, stepText: string): string[] {
  const from = rangeNumber(argument, entry, fromText);
  const to = rangeNumber(argument, entry, toText);
  const step = rangeNumber(argument, entry, stepText);
  if (!step.gt(0)) fail("NOT_POSITIVE", `${argument} (step)`, { value: stepText.trim(), example: "0.05" });
  const count = to.minus(from).abs().div(step).floor().plus(1);
  if (count.gt(MAX_SWEEP_ROWS)) {
    fail("TOO_MANY_ITEMS", argument, {
      count: count.toFixed(),
      items: "values",
      max: MAX_SWEEP_ROWS,
      hint: ": use a larger step or a narrower range",
    });
  }
  const signed = to.lt(from) ? step.neg() : step;
  return Array.from({ length: count.toNumber() }, (_, index) => from.plus(signed.times(index)).toFixed());
}

/** A value of a list: "none" is no value (unless the parameter has a choice "none"); "+" joins a list's items. */
function listValue(argument: string, entry: Parameter, item: string, text: string): string {
  if (item === "") fail("BAD_FORMAT", argument, { value: text, form: VARY_FORM, example: "exempt=none,HUN,HUN+SVK" });
  const hasNone = (entry.choices ?? []).includes("none");
  if (item.toLowerCase() === "none" && !hasNone) return "";
  return LIST_KINDS.includes(entry.kind) ? item.replace(/\+/g, ",") : item;
}

/** The spec with the variation's parameter (or its entry for one contributor) set to a value. */
export function withValue(spec: ScenarioSpec, variation: Variation, value: string): ScenarioSpec {
  const { parameter: name, code } = variation;
  if (code === null) return { ...spec, [name]: value === "" ? undefined : value };
  const given = spec[name];
  const entries = isBlank(given)
    ? []
    : String(given)
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== "");
  if (entries.some((entry) => !entry.includes("="))) {
    fail("NOT_ALLOWED", variation.name, {
      when: `with ${name} given as one ratio for everyone`,
      fix: `Vary ${name} itself, or give ${name} as CODE=RATIO,...`,
    });
  }
  const isCode = (entry: string): boolean => {
    const typed = entry.slice(0, entry.indexOf("=")).trim();
    return (codeForName(typed) ?? typed.toUpperCase()) === code;
  };
  const kept = entries.filter((entry) => !isCode(entry));
  const next = value === "" ? kept : [...kept, `${code}=${value}`];
  return { ...spec, [name]: next.length === 0 ? undefined : next.join(",") };
}

/** One ally's figures at one value: as allocate reports them. */
export interface SweepAlly {
  readonly code: string;
  readonly name: string;
  /** Rounded amount over all years. */
  readonly total: Dec;
  /** Exact amount over all years. */
  readonly exact: Dec;
  /** Exact amount / exact total. */
  readonly share: Dec;
  /** EU instruments overlapping its allocation, over all years (rounded, as the allocation). */
  readonly euOverlap: Dec;
  readonly netNew: Dec;
}

/** The scenario's figures at one value. */
export interface SweepPoint {
  readonly total: Dec;
  readonly exactTotal: Dec;
  readonly euOverlap: Dec;
  readonly netNew: Dec;
  /** One per contributor, in the scenario's order. */
  readonly allies: readonly SweepAlly[];
}

/** One row: the values (one per variation) and the figures there, or the engine's error where it is infeasible. */
export interface SweepRow {
  readonly values: readonly string[];
  readonly point: SweepPoint | null;
  readonly error: FairShareError | null;
}

export interface Sweep {
  readonly variations: readonly Variation[];
  readonly rows: readonly SweepRow[];
  /** The full result at the first value that has one: its notes and sources are the sweep's. Null: none has. */
  readonly sample: { readonly values: readonly string[]; readonly result: ScenarioResult } | null;
}

/**
 * Runs the scenario at every value of one variation, or at every pair of values of two (the first varies slowest).
 * A value where the scenario is infeasible or refused gets its row with the engine's error. `keep`: the allies whose
 * exact amount and share the rows keep (every ally's rounded figures are always there).
 */
export function runSweep(spec: ScenarioSpec, variations: readonly Variation[], keep: KeepExact = "all"): Sweep {
  if (variations.length < 1 || variations.length > 2) {
    fail("NOT_ALLOWED", "vary", {
      when: `given ${variations.length} times`,
      fix: "Vary one parameter, or two for a two-way table.",
    });
  }
  if (variations.length === 2 && variations[0].name === variations[1].name) {
    fail("DUPLICATE_CODE", "vary", { value: variations[0].name });
  }
  const count = variations.reduce((product, variation) => product * variation.values.length, 1);
  if (count > MAX_SWEEP_ROWS) {
    fail("TOO_MANY_ITEMS", "vary", { count, items: "rows", max: MAX_SWEEP_ROWS, hint: ": vary fewer values" });
  }
  refuseUnwritable(spec, variations);
  const rows: SweepRow[] = [];
  let sample: Sweep["sample"] = null;
  const [outer, inner] = variations;
  const outerValues = inner === undefined ? [null] : outer.values;
  for (const outerValue of outerValues) {
    const base = outerValue === null ? spec : withValue(spec, outer, outerValue);
    const varied = inner ?? outer;
    const swept = sweepOne(base, varied, keep);
    const prefix = outerValue === null ? [] : [outerValue];
    for (const row of swept.rows) rows.push({ ...row, values: [...prefix, ...row.values] });
    if (sample === null && swept.sample !== null) {
      sample = { values: [...prefix, ...swept.sample.values], result: swept.sample.result };
    }
  }
  return { variations, rows, sample };
}

/** A variation the spec cannot take (cap.USA where cap is one ratio for everyone) is refused once, not per row. */
function refuseUnwritable(spec: ScenarioSpec, variations: readonly Variation[]): void {
  for (const variation of variations) withValue(spec, variation, variation.values[0]);
}

interface OneSweep {
  readonly rows: SweepRow[];
  readonly sample: { readonly values: readonly string[]; readonly result: ScenarioResult } | null;
}

/**
 * How a parameter that changes nothing but the allocation request is set from one value to the next: the scenario is
 * resolved once, at a value `resolvesAt` accepts (a credit of 0 reads no aid data, no max-pct-gdp reads no GDP, so the
 * scenario is resolved at a value that reads what every value needs), and each value is read with the parameter's own
 * reader (the same check and message as resolving it).
 */
interface RequestOnly {
  readonly resolvesAt: (value: string) => boolean;
  readonly request: (request: AllocationRequest, value: string) => AllocationRequest;
  /** The scenario an error at this value is worded in, where the words name the value (max-pct-gdp). */
  readonly scenario?: (scenario: Scenario, request: AllocationRequest) => Scenario;
}

const REQUEST_ONLY: Partial<Record<ParameterName, RequestOnly>> = {
  credit: {
    resolvesAt: (value) => !readRatio("credit", value).isZero(),
    request: (request, value) => ({ ...request, credit: readRatio("credit", value) }),
  },
  "max-pct-gdp": {
    resolvesAt: (value) => value.trim() !== "" && readRatio("max-pct-gdp", value) !== null,
    request: (request, value) => ({
      ...request,
      maxShareOfGdpPerYear: value.trim() === "" ? undefined : readRatio("max-pct-gdp", value),
    }),
    // Its own properties over the resolved scenario's (whose others, some made on first read, stay as they are).
    scenario: (scenario, request) =>
      Object.create(scenario, { maxPctGdp: { value: request.maxShareOfGdpPerYear ?? null } }) as Scenario,
  },
  // The threshold only flags years; the figures a sweep reports do not depend on it, but the value is checked.
  "overlap-threshold": {
    resolvesAt: (value) => readRatio("overlap-threshold", value) !== null,
    request: (request, value) => (readRatio("overlap-threshold", value), request),
  },
};

/** The first value a parameter's scenario can be resolved at (see RequestOnly), if any. */
function resolvingValue(shared: RequestOnly, values: readonly string[]): string | undefined {
  return values.find((value) => {
    try {
      return shared.resolvesAt(value);
    } catch (error) {
      if (isFairShareError(error)) return false;
      throw error;
    }
  });
}

/** The rows of a request-only parameter, on one resolved scenario; null when it cannot be resolved at any value. */
function sharedSweep(spec: ScenarioSpec, variation: Variation, shared: RequestOnly, keep: KeepExact): OneSweep | null {
  const resolvedAt = resolvingValue(shared, variation.values);
  if (resolvedAt === undefined) return null;
  const template = attempt(() => runScenario(withValue(spec, variation, resolvedAt)));
  if (template.value === null) return null;
  const result = template.value;
  const base = allocationRequest(result.scenario);
  const rows = variation.values.map((value) => {
    const row = attempt(() => {
      const request = shared.request(base, value);
      return allocateForScenario(shared.scenario?.(result.scenario, request) ?? result.scenario, request);
    });
    return rowOf([value], row, (allocation) => sweepPoint(result.scenario, allocation, result.attribution, keep));
  });
  return { rows, sample: { values: [resolvedAt], result } };
}

function sweepOne(spec: ScenarioSpec, variation: Variation, keep: KeepExact = "all"): OneSweep {
  const shared = variation.code === null ? REQUEST_ONLY[variation.parameter] : undefined;
  const swept = shared === undefined ? null : sharedSweep(spec, variation, shared, keep);
  if (swept !== null) return swept;
  let sample: OneSweep["sample"] = null;
  const rows = variation.values.map((value) => {
    const row = attempt(() => runScenario(withValue(spec, variation, value)));
    if (sample === null && row.value !== null) sample = { values: [value], result: row.value };
    return rowOf([value], row, (result) => sweepPoint(result.scenario, result.allocation, result.attribution, keep));
  });
  return { rows, sample };
}

/** A computation's value, or the engine's error (anything else is a bug and is thrown on). */
function attempt<T>(run: () => T): { value: T | null; error: FairShareError | null } {
  try {
    return { value: run(), error: null };
  } catch (error) {
    if (isFairShareError(error)) return { value: null, error };
    throw error;
  }
}

function rowOf<T>(
  values: readonly string[],
  outcome: { value: T | null; error: FairShareError | null },
  point: (value: T) => SweepPoint
): SweepRow {
  return { values, point: outcome.value === null ? null : point(outcome.value), error: outcome.error };
}

/**
 * Which allies' exact amounts and shares a sweep keeps: "all" (each row then holds its allocation, which makes them on
 * first read), or some codes (made at once, and the allocation let go: a sweep of thousands of values keeps little).
 */
export type KeepExact = "all" | readonly string[];

/** An ally's figures at one value: the rounded ones from its units, the exact ones from `exactOf` when kept. */
class AllyFigures implements SweepAlly {
  private readonly exactFigures: { readonly exact: Dec; readonly share: Dec } | null;

  constructor(
    readonly code: string,
    readonly name: string,
    private readonly unit: Dec,
    private readonly totalUnits: number,
    private readonly overlapUnits: number,
    exactFigures: { readonly exact: Dec; readonly share: Dec } | null
  ) {
    this.exactFigures = exactFigures;
  }

  get total(): Dec {
    return this.unit.times(this.totalUnits);
  }

  get exact(): Dec {
    return this.kept().exact;
  }

  get share(): Dec {
    return this.kept().share;
  }

  get euOverlap(): Dec {
    return this.overlapUnits === 0 ? ZERO : this.unit.times(this.overlapUnits);
  }

  get netNew(): Dec {
    return this.unit.times(this.totalUnits - this.overlapUnits);
  }

  private kept(): { readonly exact: Dec; readonly share: Dec } {
    if (this.exactFigures === null) {
      return fail("INTERNAL", "sweep", { detail: `the exact amount of ${this.code} was not kept` });
    }
    return this.exactFigures;
  }
}

/**
 * An allocation's figures with its EU overlap, counted in rounding units: an ally's overlap in a year is the smaller
 * of its allocation and what the EU instruments attribute to it that year (as euOverlap computes it).
 */
export function sweepPoint(
  scenario: Scenario,
  allocation: Allocation,
  attribution: Attribution,
  keep: KeepExact = "all"
): SweepPoint {
  const unit = allocation.unit;
  const attributed = attributedUnits(attribution, allocation);
  let overlapUnits = 0;
  const allies = allocation.rows.map((row, index): SweepAlly => {
    const byYear = scenario.contributors[index].euMember ? attributed.get(row.code) : undefined;
    let units = 0;
    if (byYear !== undefined) {
      row.byYearUnits.forEach((amount, year) => {
        units += Math.min(amount, byYear[year]);
      });
    }
    overlapUnits += units;
    const exactFigures = keep === "all" ? row : keep.includes(row.code) ? { exact: row.exact, share: row.share } : null;
    return new AllyFigures(row.code, row.name, unit, row.totalUnits, units, exactFigures);
  });
  const total = allocation.total;
  const euOverlap = overlapUnits === 0 ? ZERO : unit.times(overlapUnits);
  return {
    total,
    exactTotal: allocation.exactTotal,
    euOverlap,
    netNew: total.minus(euOverlap),
    allies,
  };
}

const unitTables = new WeakMap<Attribution, { key: string; byState: Map<string, number[]> }>();

/** Each state's attributed amount in each year of the allocation, in rounding units; made once per attribution. */
function attributedUnits(attribution: Attribution, allocation: Allocation): Map<string, number[]> {
  const key = `${allocation.unit.toString()} ${allocation.years.join(",")}`;
  const cached = unitTables.get(attribution);
  if (cached !== undefined && cached.key === key) return cached.byState;
  const yearIndices = allocation.years.map((year) => attribution.years.indexOf(year));
  const byState = new Map(
    attribution.states.map((code, state) => [
      code,
      yearIndices.map((yearIndex) =>
        yearIndex < 0 ? 0 : attribution.rounded[state][yearIndex].div(allocation.unit).toNumber()
      ),
    ])
  );
  unitTables.set(attribution, { key, byState });
  return byState;
}

/** One end of a tornado bar: the value and the figures there, or the engine's error. */
export interface TornadoEnd {
  readonly value: string;
  readonly point: SweepPoint | null;
  readonly error: FairShareError | null;
}

export interface TornadoBar {
  readonly variation: Variation;
  readonly low: TornadoEnd;
  readonly high: TornadoEnd;
}

export interface Tornado {
  /** The base scenario's full result and its figures. */
  readonly base: ScenarioResult;
  readonly basePoint: SweepPoint;
  /** One per range, in the order given. */
  readonly bars: readonly TornadoBar[];
}

/** The base scenario, and each variation's low and high value run on it (the base itself must be feasible). */
export function runTornado(spec: ScenarioSpec, variations: readonly Variation[]): Tornado {
  const names = new Set<string>();
  for (const variation of variations) {
    if (names.has(variation.name)) fail("DUPLICATE_CODE", "ranges", { value: variation.name });
    names.add(variation.name);
  }
  if (variations.length === 0)
    fail("EMPTY", "ranges", { fix: 'Give NAME=LOW..HIGH items, e.g. "credit=0..1; cap.USA=0.3..0.5".' });
  refuseUnwritable(spec, variations);
  const base = runScenario(spec);
  const basePoint = sweepPoint(base.scenario, base.allocation, base.attribution);
  const bars = variations.map((variation): TornadoBar => {
    const { rows } = sweepOne(spec, variation);
    const end = (row: SweepRow): TornadoEnd => ({ value: row.values[0], point: row.point, error: row.error });
    return { variation, low: end(rows[0]), high: end(rows[rows.length - 1]) };
  });
  return { base, basePoint, bars };
}

/** A bar as it bears on one ally: its exact amount at each end, the change from the base and the swing. */
export interface AllyBar {
  readonly bar: TornadoBar;
  /** The ally's exact amount at the low and the high value; null where the scenario is infeasible. */
  readonly low: Dec | null;
  readonly high: Dec | null;
  /** Amount at the end - amount in the base. */
  readonly lowEffect: Dec | null;
  readonly highEffect: Dec | null;
  /** |high - low|; null when an end is infeasible. */
  readonly swing: Dec | null;
}

/** The bars for one ally, largest swing first (bars with an infeasible end last, in the order given). */
export function tornadoForAlly(tornado: Tornado, code: string): AllyBar[] {
  const index = tornado.basePoint.allies.findIndex((ally) => ally.code === code);
  if (index < 0)
    fail("UNKNOWN_CODE", "ally", {
      value: code,
      where: "one of the contributors",
      fix: "Give a contributor's code, e.g. ESP.",
    });
  const base = tornado.basePoint.allies[index].exact;
  const amount = (end: TornadoEnd): Dec | null => end.point?.allies[index]?.exact ?? null;
  const bars = tornado.bars.map((bar): AllyBar => {
    const low = amount(bar.low);
    const high = amount(bar.high);
    return {
      bar,
      low,
      high,
      lowEffect: low === null ? null : low.minus(base),
      highEffect: high === null ? null : high.minus(base),
      swing: low === null || high === null ? null : high.minus(low).abs(),
    };
  });
  return bars
    .map((bar, order) => ({ bar, order }))
    .sort((a, b) => {
      if (a.bar.swing === null || b.bar.swing === null) {
        return (a.bar.swing === null ? 1 : 0) - (b.bar.swing === null ? 1 : 0) || a.order - b.order;
      }
      return b.bar.swing.comparedTo(a.bar.swing) || a.order - b.order;
    })
    .map(({ bar }) => bar);
}

/** The items of --ranges ("credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024"), each a low and a high value. */
export function parseRanges(text: string, argument = "ranges"): Variation[] {
  return text
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => parseVariation(item, argument, "tornado"));
}

/** The parameter's schema entry, for adapters that show what a variation is. */
export function variationParameter(variation: Variation): Parameter {
  return parameter(variation.parameter);
}
