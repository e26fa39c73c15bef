/**
 * From the pane's values to what the preview shows: the spec the engine reads, the engine's result, and a summary for
 * display. No arithmetic on amounts beyond display scaling and the add-up check: every figure is the engine's.
 */
import {
  Dec,
  type Edition,
  type EditionSource,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
  type TrackResult,
  type TrackRow,
  isFairShareError,
  monthListWords,
  monthWords,
  resultSourceDetails,
  runScenario,
  runTrack,
  sumDec,
  unitPlacesInMillions,
} from "../engine";
import { CONTROLS, controlForArgument, type Values, type View } from "./controls";

/**
/**
 * The values that apply to the scenario as it stands in a view, trimmed; empty and hidden ones are left out (defaults
 * apply). The data edition is not a typed value: the pane's Data section holds it (evaluate's edition).
 */
export function givenValues(values: Values, view: View = "allocate"): Partial<Record<ParameterName, string>> {
  const given: Partial<Record<ParameterName, string>> = {};
  for (const control of CONTROLS) {
    if (control.kind === "data") continue;
    const value = values[control.name].trim();
    if (value !== "" && control.applies(values, view)) given[control.name] = value;
  }
  return given;
}

export type Outcome =
  | { readonly ok: true; readonly given: Partial<Record<ParameterName, string>>; readonly result: ScenarioResult }
  | {
      readonly ok: false;
      /** The catalogue's message (without the argument prefix when it belongs to a control). */
      readonly message: string;
      /** The control it is about, when there is one; else the message is shown above the preview. */
      readonly control?: ParameterName;
    };

/** An input problem as the pane shows it: the catalogue's message, beside its control when it is about one. */
function problem(error: unknown): Extract<Outcome, { ok: false }> {
  if (!isFairShareError(error)) throw error;
  return { ok: false, message: error.message, control: controlForArgument(error.argument) };
}

/** The spec the engine reads: the given values, on the data edition in use (the embedded one unless given). */
function specOn(given: Partial<Record<ParameterName, string>>, edition: Edition | undefined): ScenarioSpec {
  return edition === undefined || edition.embedded ? given : { ...given, edition };
}

/**
 * Runs the engine on the values, on the data edition in use (the embedded one unless given); an input problem becomes
 * the catalogue's message, placed beside its control.
 */
export function evaluate(values: Values, edition?: Edition): Outcome {
  const given = givenValues(values);
  try {
    return { ok: true, given, result: runScenario(specOn(given, edition)) };
  } catch (error) {
    return problem(error);
  }
}

export type TrackOutcome =
  | { readonly ok: true; readonly given: Partial<Record<ParameterName, string>>; readonly result: TrackResult }
  | Extract<Outcome, { ok: false }>;

/**
 * The track view's evaluate: each ally's fair share of the pledge against what it delivered, on the data edition in
 * use as evaluate's (its GDP for the fair shares, its aid for what was delivered).
 */
export function evaluateTrack(values: Values, edition?: Edition): TrackOutcome {
  const given = givenValues(values, "track");
  try {
    return { ok: true, given, result: runTrack(specOn(given, edition)) };
  } catch (error) {
    return problem(error);
  }
}

interface PreviewRow {
  readonly code: string;
  readonly name: string;
  readonly amount: string;
  readonly share: string;
  /** Amount over the largest amount, 0 to 1: the bar's length (display only). */
  readonly bar: number;
}

export interface Preview {
  /** The amount, the years and the contributors who pay, naming those who pay nothing and why. */
  readonly headline: string;
  /** Every contributor, largest amount first. */
  readonly rows: readonly PreviewRow[];
  /** The largest contributors, for the chart. */
  readonly largest: readonly PreviewRow[];
  readonly total: string;
  readonly tranches: readonly { readonly year: number; readonly amount: string }[];
  /** Every ally's years add up to its total, every year's allies to the tranche, and the tranches to the total. */
  readonly addsUp: boolean;
  readonly euOverlap: string;
  readonly netNew: string;
  readonly held: readonly { readonly reason: string; readonly codes: readonly string[] }[];
  readonly notes: readonly string[];
  /** Each dataset with its vintage and whether it is embedded or the user's (with the file). */
  readonly sources: readonly string[];
  /** The data edition the figures rest on, in words. */
  readonly data: string;
}

const MILLION = new Dec("1e6");
const HELD_REASONS: Readonly<Record<string, string>> = {
  exempt: "Exempt",
  cap: "Held at the cap",
  floor: "Held at the floor",
  credit: "Aid credit covers the share",
};

/** Display formatting: "EUR 25,412m" (millions, with the unit's decimals). The division only moves the point. */
export function formatAmount(amount: Dec, currency: string, unit: Dec): string {
  const places = unitPlacesInMillions(unit);
  const text = amount.div(MILLION).toFixed(places);
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency} ${grouped}${fraction === undefined ? "" : "." + fraction}m`;
}

export function formatShare(share: Dec): string {
  return `${share.times(100).toFixed(2)}%`;
}

/** Why a contributor pays nothing, in the headline's words and order, by its constraint. */
const NOTHING_REASONS: Readonly<Record<string, string>> = {
  exempt: "exempt",
  credit: "covered by aid credit",
  cap: "capped at 0",
  floor: "held at a floor of 0",
  none: "rounded to 0",
};
/** Up to this many names per reason in the headline; more are counted (the held list names them). */
const NAMED_IN_HEADLINE = 3;

/** "A", "A and B", "A, B and C". */
function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * "among 31 contributors (Hungary exempt)": the contributors who pay something, then those who pay nothing grouped
 * by why ("Spain and Italy covered by aid credit"; "5 exempt" when there are more than a few).
 */
function payersWords(rows: ScenarioResult["allocation"]["rows"]): string {
  const paying = rows.filter((row) => row.total.gt(0)).length;
  const nothing = new Map<string, string[]>();
  for (const row of rows) {
    if (row.total.gt(0)) continue;
    nothing.set(row.constraint, [...(nothing.get(row.constraint) ?? []), row.name]);
  }
  // In the order of the reasons above (exempt first), whatever order the contributors come in.
  const order = Object.keys(NOTHING_REASONS);
  const sorted = [...nothing].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const groups = sorted.map(([constraint, names]) => {
    const who = names.length > NAMED_IN_HEADLINE ? String(names.length) : listWords(names);
    return `${who} ${NOTHING_REASONS[constraint] ?? constraint}`;
  });
  const among = `among ${paying} ${paying === 1 ? "contributor" : "contributors"}`;
  return groups.length === 0 ? among : `${among} (${groups.join("; ")})`;
}

/** The preview of a result: every contributor, the largest charted, totals, the add-up check, overlap, who is held. */
export function preview(result: ScenarioResult, largest = 10): Preview {
  const { allocation, overlap, scenario } = result;
  const money = (amount: Dec) => formatAmount(amount, scenario.currency, allocation.unit);
  const rows = [...allocation.rows].sort((a, b) => b.total.comparedTo(a.total) || a.code.localeCompare(b.code));
  const max = rows.length > 0 && rows[0].total.gt(0) ? rows[0].total : new Dec(1);
  const shown = rows.map((row) => ({
    code: row.code,
    name: row.name,
    amount: money(row.total),
    share: formatShare(row.share),
    bar: row.total.div(max).toNumber(),
  }));
  const yearsAddUp = allocation.tranches.every((tranche, j) =>
    sumDec(allocation.rows.map((row) => row.byYear[j])).eq(tranche)
  );
  const rowsAddUp = allocation.rows.every((row) => sumDec(row.byYear).eq(row.total));
  const heldBy = new Map<string, string[]>();
  for (const row of allocation.rows) {
    if (row.constraint === "none") continue;
    heldBy.set(row.constraint, [...(heldBy.get(row.constraint) ?? []), row.code]);
  }
  const years = allocation.years;
  const span = years.length === 1 ? `in ${years[0]}` : `over ${years[0]}-${years[years.length - 1]}`;
  return {
    headline: `${money(allocation.total)} ${span} ${payersWords(allocation.rows)}`,
    rows: shown,
    largest: shown.slice(0, largest),
    total: money(allocation.total),
    tranches: years.map((year, j) => ({ year, amount: money(allocation.tranches[j]) })),
    addsUp: yearsAddUp && rowsAddUp && sumDec(allocation.tranches).eq(allocation.total),
    euOverlap: money(overlap.totalOverlap),
    netNew: money(overlap.totalNetNew),
    held: [...heldBy].map(([reason, codes]) => ({ reason: HELD_REASONS[reason] ?? reason, codes })),
    notes: scenario.notes,
    sources: resultSourceDetails(result).map(sourceWords),
    data: editionWords(scenario.edition),
  };
}

/** A dataset in the preview's words: its title and vintage, and whether it is embedded or the user's (the file). */
function sourceWords(source: EditionSource): string {
  return source.origin === "user"
    ? `${source.title}; vintage ${source.vintage}; your data (${source.file})`
    : `${source.title}; vintage ${source.vintage}; published ${source.published}; embedded`;
}

/** The data edition the figures rest on, in words. */
function editionWords(edition: Edition): string {
  return edition.embedded ? "The embedded data." : `Your data: ${edition.label}.`;
}

/** One ally in the track view: its figures for display, and its bars' lengths (display only). */
export interface TrackPreviewRow {
  readonly code: string;
  readonly name: string;
  readonly tracked: boolean;
  readonly fairShare: string;
  /** "not tracked" when the tracker does not cover it. */
  readonly delivered: string;
  readonly gap: string;
  /** The gap as a percent of the fair share: "12.3%", "-" for none. */
  readonly gapPercent: string;
  /** Whether it delivered less than its fair share. */
  readonly short: boolean;
  /** Fair share and delivered over the largest figure of the chart, 0 to 1. */
  readonly fairShareBar: number;
  readonly deliveredBar: number;
}

export interface TrackPreview {
  readonly headline: string;
  /** Every ally, largest fair share first. */
  readonly rows: readonly TrackPreviewRow[];
  readonly pledge: string;
  readonly delivered: string;
  readonly coverage: string;
  readonly shortfall: string;
  /** The coverage in one sentence, and the months the data do not cover (or null). */
  readonly coverageNote: string;
  readonly notCovered: string | null;
  readonly notes: readonly string[];
  /** Each dataset with its vintage and whether it is embedded or the user's (with the file). */
  readonly sources: readonly string[];
  /** The data edition the figures rest on, in words. */
  readonly data: string;
}

const NOT_TRACKED = "not tracked";

/** The track view of a comparison: the allies largest fair share first, with their bars, and the coverage. */
export function trackPreview(result: TrackResult): TrackPreview {
  const { scenario, totals, window } = result;
  const money = (amount: Dec) => formatAmount(amount, scenario.currency, scenario.unit);
  const rows = [...result.rows].sort(
    (a, b) => b.fairShareExact.comparedTo(a.fairShareExact) || a.code.localeCompare(b.code)
  );
  const largest = rows.reduce((max, row) => Dec.max(max, row.fairShare, row.delivered ?? new Dec(0)), new Dec(1));
  const bar = (amount: Dec | null): number => (amount === null ? 0 : amount.div(largest).toNumber());
  const gapPercent = (row: TrackRow): string =>
    row.gap === null || row.fairShare.isZero() ? "-" : formatShare(row.gap.div(row.fairShare));
  return {
    headline:
      `${money(result.pledge)} for ${monthWords(window.from)} to ${monthWords(window.to)}:` +
      ` ${formatShare(totals.coverage)} delivered`,
    rows: rows.map((row) => ({
      code: row.code,
      name: row.name,
      tracked: row.tracked,
      fairShare: money(row.fairShare),
      delivered: row.delivered === null ? NOT_TRACKED : money(row.delivered),
      gap: row.gap === null ? NOT_TRACKED : money(row.gap),
      gapPercent: row.tracked ? gapPercent(row) : NOT_TRACKED,
      short: row.gap !== null && row.gap.gt(0),
      fairShareBar: bar(row.fairShare),
      deliveredBar: bar(row.delivered),
    })),
    pledge: money(result.pledge),
    delivered: money(totals.delivered),
    coverage: formatShare(totals.coverage),
    shortfall: money(totals.shortfall),
    coverageNote:
      `The allies the tracker covers delivered ${money(totals.delivered)} of the ${money(result.pledge)} pledge` +
      ` (coverage ${formatShare(totals.coverage)}); their shortfalls add up to ${money(totals.shortfall)}.`,
    notCovered:
      window.notCovered.length === 0
        ? null
        : `Not covered by the data: ${monthListWords(window.notCovered)}; delivered counts the other ` +
          `${window.monthsWithData} months only.`,
    notes: result.notes,
    sources: result.sources.map(sourceWords),
    data: editionWords(scenario.edition),
  };
}
