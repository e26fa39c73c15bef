/**
 * `fair-share sweep` and `fair-share tornado` as the command line reports them: the engine's figures as exact decimal
 * strings (the json output is this object), the table and csv drawn from it. No figure is derived here: effects and
 * swings are the engine's (tornadoForAlly), overlap and net new too (sweepPoint).
 */
import {
  type Currency,
  Dec,
  type EditionSource,
  type ParameterName,
  type ScenarioResult,
  type Sweep,
  type SweepAlly,
  type SweepPoint,
  type Tornado,
  type TornadoEnd,
  type Variation,
  allResultNotes,
  plain,
  resultSourceDetails,
  tornadoForAlly,
  unitPlacesInMillions,
} from "../engine";
import { groupThousands, renderColumns, shortAmount, sourceLines, toCsv, type Align, type CsvOptions } from "./format";

export interface VariationReport {
  /** As given: "credit", "cap.USA". */
  readonly name: string;
  readonly parameter: ParameterName;
  /** With cap.USA and the like: the contributor; else null. */
  readonly code: string | null;
  /** Each value as the scenario took it ("" for none). */
  readonly values: string[];
}

export interface SweepAllyReport {
  readonly name: string;
  /** Rounded amount over all years, in whole currency units. */
  readonly total: string;
  /** Exact amount over all years (12 decimal places). */
  readonly exact: string;
  /** Exact amount / exact total (12 decimal places), as allocate's share. */
  readonly share: string;
  readonly euOverlap: string;
  readonly netNew: string;
}

export interface SweepRowReport {
  /** The value of each varied parameter, by its name. */
  readonly values: Record<string, string>;
  readonly feasible: boolean;
  /** The engine's message where the scenario is infeasible or refused; null otherwise. */
  readonly error: string | null;
  readonly total: string | null;
  readonly exactTotal: string | null;
  readonly euOverlap: string | null;
  readonly netNew: string | null;
  /** The chosen allies' figures, by code. */
  readonly allies: Record<string, SweepAllyReport> | null;
}

/** What both reports carry besides their figures: the flags, the notes and sources of a sample run, the data. */
interface ScenarioContext {
  readonly currency: Currency;
  readonly unit: string;
  readonly parameters: Readonly<Partial<Record<ParameterName, string>>>;
  readonly notes: string[];
  readonly sources: EditionSource[];
  readonly edition: { readonly id: string; readonly label: string; readonly embedded: boolean };
}

export interface SweepReport extends ScenarioContext {
  readonly varied: VariationReport[];
  /** The allies shown, in the scenario's order. */
  readonly allies: string[];
  readonly rows: SweepRowReport[];
  /** The values the notes and sources are those of (allocate's at that value); null when no value is feasible. */
  readonly notesAt: Record<string, string> | null;
}

function context(
  result: ScenarioResult,
  parameters: Readonly<Partial<Record<ParameterName, string>>>
): ScenarioContext {
  const { scenario } = result;
  return {
    currency: scenario.currency,
    unit: scenario.unit.toFixed(),
    parameters,
    notes: allResultNotes(result),
    sources: resultSourceDetails(result),
    edition: { id: scenario.edition.id, label: scenario.edition.label, embedded: scenario.edition.embedded },
  };
}

function allyReport(ally: SweepAlly): SweepAllyReport {
  return {
    name: ally.name,
    total: ally.total.toFixed(),
    exact: plain(ally.exact),
    share: plain(ally.share),
    euOverlap: ally.euOverlap.toFixed(),
    netNew: ally.netNew.toFixed(),
  };
}

function valuesByName(variations: readonly Variation[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(variations.map((variation, index) => [variation.name, values[index]]));
}

/** The indices of the chosen allies in the scenario's order (`codes` already resolved by the engine). */
function pointFigures(point: SweepPoint, shown: readonly number[]): Omit<SweepRowReport, "values"> {
  return {
    feasible: true,
    error: null,
    total: point.total.toFixed(),
    exactTotal: plain(point.exactTotal),
    euOverlap: point.euOverlap.toFixed(),
    netNew: point.netNew.toFixed(),
    allies: Object.fromEntries(shown.map((index) => [point.allies[index].code, allyReport(point.allies[index])])),
  };
}

/**
 * The sweep's report; `allies` are codes of the scenario's contributors (or "all"). `fallback` gives the context when
 * no value is feasible (the base scenario's, or null to leave notes and sources empty).
 */
export function buildSweepReport(
  sweep: Sweep,
  allies: readonly string[] | "all",
  parameters: Readonly<Partial<Record<ParameterName, string>>>,
  fallback: () => ScenarioResult | null
): SweepReport {
  const sample = sweep.sample?.result ?? fallback();
  const codes = sample?.allocation.rows.map((row) => row.code) ?? [];
  const shown = allies === "all" ? codes.map((_, index) => index) : allies.map((code) => codes.indexOf(code));
  const rows = sweep.rows.map((row): SweepRowReport => ({
    values: valuesByName(sweep.variations, row.values),
    ...(row.point === null
      ? {
          feasible: false,
          error: row.error?.message ?? null,
          total: null,
          exactTotal: null,
          euOverlap: null,
          netNew: null,
          allies: null,
        }
      : pointFigures(row.point, shown)),
  }));
  const empty: ScenarioContext = {
    currency: "EUR",
    unit: "",
    parameters,
    notes: [],
    sources: [],
    edition: { id: "", label: "", embedded: true },
  };
  return {
    varied: sweep.variations.map((variation) => ({
      name: variation.name,
      parameter: variation.parameter,
      code: variation.code,
      values: [...variation.values],
    })),
    allies: shown.map((index) => codes[index]),
    rows,
    notesAt: sweep.sample === null ? null : valuesByName(sweep.variations, sweep.sample.values),
    ...(sample === null ? empty : context(sample, parameters)),
  };
}

/** An amount in millions to the unit's places, grouped: the table's form. */
function millions(amount: string | null, places: number): string {
  return amount === null ? "-" : groupThousands(new Dec(amount).div(1e6).toFixed(places));
}

/** A value as the table shows it: "none" for no value. */
function shownValue(value: string): string {
  return value === "" ? "none" : value;
}

function headerLines(title: string, report: ScenarioContext, notesAt: string): string[] {
  const flags = Object.entries(report.parameters).map(([name, value]) => `--${name} ${value}`);
  return [
    title,
    `Flags: ${flags.length > 0 ? flags.join(" ") : "none (all defaults; see fair-share allocate --help)"}`,
    `Data: ${report.edition.label}.`,
    `Amounts in ${report.currency} million, rounded to ${report.currency} ${shortAmount(report.unit)} as allocate rounds them.${notesAt}`,
    "",
  ];
}

function footerLines(report: ScenarioContext): string[] {
  return [
    ...(report.notes.length > 0 ? ["", "Notes:", ...report.notes.map((note) => `- ${note}`)] : []),
    ...(report.sources.length > 0 ? ["", "Sources:", ...sourceLines(report.sources)] : []),
    "",
  ];
}

function notesAtWords(report: SweepReport): string {
  if (report.notesAt === null) return " No value is feasible.";
  const at = Object.entries(report.notesAt).map(([name, value]) => `${name}=${shownValue(value)}`);
  return ` Notes and sources as allocate gives them at ${at.join(", ")}.`;
}

export function renderSweepTable(report: SweepReport): string {
  const places = report.unit === "" ? 0 : unitPlacesInMillions(new Dec(report.unit));
  const names = report.varied.map((variation) => variation.name);
  const header = [...names, ...report.allies, "Total", "EU overlap", "Net new", "Note"];
  const align: Align[] = [...Array<Align>(header.length - 1).fill("right"), "left"];
  const rows = report.rows.map((row) => [
    ...names.map((name) => shownValue(row.values[name])),
    ...report.allies.map((code) => millions(row.allies?.[code]?.total ?? null, places)),
    millions(row.total, places),
    millions(row.euOverlap, places),
    millions(row.netNew, places),
    row.error === null ? "" : `infeasible: ${row.error}`,
  ]);
  const what = names.map((name) => `--vary ${name}`).join(" and ");
  return [
    ...headerLines(
      `Fair Share sweep: ${report.rows.length} runs of the scenario, ${what}.`,
      report,
      notesAtWords(report)
    ),
    ...renderColumns(header, rows, align, false),
    ...footerLines(report),
  ].join("\n");
}

export function renderSweepCsv(report: SweepReport, options: CsvOptions): string {
  const names = report.varied.map((variation) => variation.name);
  const header = [...names, ...report.allies, "total", "eu_overlap", "net_new", "error"];
  const rows = report.rows.map((row) => [
    ...names.map((name) => row.values[name]),
    ...report.allies.map((code) => row.allies?.[code]?.total ?? ""),
    row.total ?? "",
    row.euOverlap ?? "",
    row.netNew ?? "",
    row.error ?? "",
  ]);
  return toCsv([header, ...rows], options);
}

// --- tornado ---

export interface TornadoEndReport {
  readonly value: string;
  readonly feasible: boolean;
  readonly error: string | null;
  /** The ally's rounded and exact amount at this value; null where infeasible. */
  readonly total: string | null;
  readonly exact: string | null;
  /** Exact amount here - exact amount in the base scenario. */
  readonly effect: string | null;
}

export interface TornadoBarReport {
  readonly name: string;
  readonly parameter: ParameterName;
  readonly code: string | null;
  readonly low: TornadoEndReport;
  readonly high: TornadoEndReport;
  /** |exact amount at high - exact amount at low|; null when an end is infeasible. */
  readonly swing: string | null;
}

export interface TornadoAllyReport {
  readonly iso3: string;
  readonly name: string;
  /** Its amount in the base scenario: rounded and exact. */
  readonly total: string;
  readonly exact: string;
  /** Largest swing first. */
  readonly bars: TornadoBarReport[];
}

export interface TornadoReport extends ScenarioContext {
  readonly allies: TornadoAllyReport[];
}

function endReport(end: TornadoEnd, index: number, effect: Dec | null): TornadoEndReport {
  const ally = end.point?.allies[index] ?? null;
  return {
    value: end.value,
    feasible: end.point !== null,
    error: end.error?.message ?? null,
    total: ally === null ? null : ally.total.toFixed(),
    exact: ally === null ? null : plain(ally.exact),
    effect: effect === null ? null : plain(effect),
  };
}

export function buildTornadoReport(
  tornado: Tornado,
  allies: readonly string[],
  parameters: Readonly<Partial<Record<ParameterName, string>>>
): TornadoReport {
  const { basePoint } = tornado;
  return {
    ...context(tornado.base, parameters),
    allies: allies.map((code): TornadoAllyReport => {
      const index = basePoint.allies.findIndex((ally) => ally.code === code);
      const ally = basePoint.allies[index];
      return {
        iso3: code,
        name: ally.name,
        total: ally.total.toFixed(),
        exact: plain(ally.exact),
        bars: tornadoForAlly(tornado, code).map((bar) => ({
          name: bar.bar.variation.name,
          parameter: bar.bar.variation.parameter,
          code: bar.bar.variation.code,
          low: endReport(bar.bar.low, index, bar.lowEffect),
          high: endReport(bar.bar.high, index, bar.highEffect),
          swing: bar.swing === null ? null : plain(bar.swing),
        })),
      };
    }),
  };
}

/** A signed amount in millions: "+12.3", "-4.0". */
function signedMillions(amount: string | null, places: number): string {
  if (amount === null) return "-";
  const text = millions(amount, places);
  return new Dec(amount).gt(0) ? `+${text}` : text;
}

export function renderTornadoTable(report: TornadoReport): string {
  const places = unitPlacesInMillions(new Dec(report.unit));
  const header = ["Parameter", "Low", "High", "At low", "At high", "Effect low", "Effect high", "Swing", "Note"];
  const align: Align[] = ["left", "right", "right", "right", "right", "right", "right", "right", "left"];
  const blocks = report.allies.flatMap((ally) => {
    const rows = ally.bars.map((bar) => [
      bar.name,
      shownValue(bar.low.value),
      shownValue(bar.high.value),
      millions(bar.low.total, places),
      millions(bar.high.total, places),
      signedMillions(bar.low.effect, places),
      signedMillions(bar.high.effect, places),
      millions(bar.swing, places),
      [bar.low, bar.high]
        .filter((end) => end.error !== null)
        .map((end) => `infeasible at ${shownValue(end.value)}: ${end.error}`)
        .join(" "),
    ]);
    return [
      `${ally.iso3} (${ally.name}): ${millions(ally.total, places)} in the base scenario (exact ${groupThousands(
        new Dec(ally.exact).div(1e6).toFixed(places + 2)
      )}).`,
      ...renderColumns(header, rows, align, false),
      "",
    ];
  });
  return [
    ...headerLines(
      "Fair Share tornado: each parameter's low and high value on the base scenario, largest swing first.",
      report,
      " Effects and swings are of the exact amounts (at low - base, |at high - at low|), shown rounded."
    ),
    ...blocks.slice(0, -1),
    ...footerLines(report),
  ].join("\n");
}

export function renderTornadoCsv(report: TornadoReport, options: CsvOptions): string {
  const header = [
    "iso3",
    "parameter",
    "low",
    "high",
    "exact_at_low",
    "exact_at_high",
    "effect_low",
    "effect_high",
    "swing",
    "error",
  ];
  const rows = report.allies.flatMap((ally) =>
    ally.bars.map((bar) => [
      ally.iso3,
      bar.name,
      bar.low.value,
      bar.high.value,
      bar.low.exact ?? "",
      bar.high.exact ?? "",
      bar.low.effect ?? "",
      bar.high.effect ?? "",
      bar.swing ?? "",
      [bar.low.error, bar.high.error].filter((error) => error !== null).join(" "),
    ])
  );
  return toCsv([header, ...rows], options);
}
