/**
 * From the pane's values to what the preview shows: the spec the engine reads, the engine's result, and a summary for
 * display. No arithmetic on amounts beyond display scaling and the add-up check: every figure is the engine's.
 */
import {
  Dec,
  type Edition,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
  isFairShareError,
  resultSourceDetails,
  runScenario,
  sumDec,
  unitPlacesInMillions,
} from "../engine";
import { CONTROLS, controlForArgument, type Values } from "./controls";

/**
 * The values that apply to the scenario as it stands, trimmed; empty and hidden ones are left out (defaults apply).
 * The data edition is not a typed value: the pane's Data section holds it (evaluate's edition).
 */
export function givenValues(values: Values): Partial<Record<ParameterName, string>> {
  const given: Partial<Record<ParameterName, string>> = {};
  for (const control of CONTROLS) {
    if (control.kind === "data") continue;
    const value = values[control.name].trim();
    if (value !== "" && control.applies(values)) given[control.name] = value;
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

/**
 * Runs the engine on the values, on the data edition in use (the embedded one unless given); an input problem becomes
 * the catalogue's message, placed beside its control.
 */
export function evaluate(values: Values, edition?: Edition): Outcome {
  const given = givenValues(values);
  try {
    const spec: ScenarioSpec = edition === undefined || edition.embedded ? given : { ...given, edition };
    return { ok: true, given, result: runScenario(spec) };
  } catch (error) {
    if (!isFairShareError(error)) throw error;
    const control = controlForArgument(error.argument);
    return { ok: false, message: error.message, control };
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
  readonly headline: string;
  readonly largest: readonly PreviewRow[];
  /** How many contributors are not among the largest. */
  readonly others: number;
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

/** The preview of a result: the largest contributors, totals, the add-up check, overlap and who is held. */
export function preview(result: ScenarioResult, largest = 10): Preview {
  const { allocation, overlap, scenario } = result;
  const money = (amount: Dec) => formatAmount(amount, scenario.currency, allocation.unit);
  const rows = [...allocation.rows].sort((a, b) => b.total.comparedTo(a.total) || a.code.localeCompare(b.code));
  const top = rows.slice(0, largest);
  const max = top.length > 0 && top[0].total.gt(0) ? top[0].total : new Dec(1);
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
    headline: `${money(allocation.total)} ${span} among ${allocation.rows.length} contributors`,
    largest: top.map((row) => ({
      code: row.code,
      name: row.name,
      amount: money(row.total),
      share: formatShare(row.share),
      bar: row.total.div(max).toNumber(),
    })),
    others: rows.length - top.length,
    total: money(allocation.total),
    tranches: years.map((year, j) => ({ year, amount: money(allocation.tranches[j]) })),
    addsUp: yearsAddUp && rowsAddUp && sumDec(allocation.tranches).eq(allocation.total),
    euOverlap: money(overlap.totalOverlap),
    netNew: money(overlap.totalNetNew),
    held: [...heldBy].map(([reason, codes]) => ({ reason: HELD_REASONS[reason] ?? reason, codes })),
    notes: scenario.notes,
    sources: resultSourceDetails(result).map((source) =>
      source.origin === "user"
        ? `${source.title}; vintage ${source.vintage}; your data (${source.file})`
        : `${source.title}; vintage ${source.vintage}; published ${source.published}; embedded`
    ),
    data: scenario.edition.embedded ? "The embedded data." : `Your data: ${scenario.edition.label}.`,
  };
}
