/**
 * Scenarios compared side by side (like Scenario Manager's summary report): computed once here and read by every face,
 * `fair-share summary`, the portable copy's "Summary" sheet and the live workbook's summary sheet (src/workbook/
 * scenario-summary.ts computes stored scenarios; summary-table.ts lays the comparison out).
 * Pure: scenarios' results in, figures out.
 *
 * Which figures add up: every amount compared is the engine's rounded amount (a whole number of the scenario's unit).
 * The engine rounds so that each scenario's allies add up exactly to its total, so the per-ally differences from the
 * base (scenario amount - base amount) add up exactly to the difference of the totals, whatever the units. An ally
 * that is not among a scenario's contributors has no amount there (null) and counts as 0 in a difference.
 * A percent is the difference over the base's amount x 100; null ("n/a") where the base's amount is 0.
 *
 * Scenarios in different currencies are refused (SummaryError): converting would need a rate none of them states for
 * the others. Scenarios rounded to different units are compared as they are: each amount is exact in the currency.
 */
import { Dec } from "./decimal";
import { percentWords } from "./parameters";
import type { Scenario, ScenarioResult } from "./scenario";
import { amountWords } from "./words";

/** A summary that cannot be made as asked (scenarios in different currencies); the message says what to do. */
export class SummaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SummaryError";
  }
}

/** A scenario's key assumptions, in words, from its resolved form (never from the text as typed). */
export interface KeyAssumptions {
  readonly total: string;
  readonly years: string;
  readonly method: string;
  readonly credit: string;
  readonly exemptions: string;
  readonly caps: string;
  readonly euInstruments: string;
}

/** The labels of the assumptions, in the order the summaries show them. */
export const ASSUMPTION_LABELS: Readonly<Record<keyof KeyAssumptions, string>> = {
  total: "Total",
  years: "Years",
  method: "Method",
  credit: "Credit for bilateral aid",
  exemptions: "Exempt",
  caps: "Caps and floors",
  euInstruments: "EU instruments counted",
};

export interface SummaryScenario {
  readonly name: string;
  readonly assumptions: KeyAssumptions;
  readonly unit: Dec;
  readonly years: readonly number[];
  readonly result: ScenarioResult;
}

/** One figure across the scenarios, and how each differs from the base's. */
export interface Compared {
  /** Per scenario, in the summary's order; null: not among that scenario's contributors. */
  readonly amounts: readonly (Dec | null)[];
  /** Per scenario: its amount - the base's (a missing amount counts as 0); the base's own is 0. */
  readonly differences: readonly Dec[];
  /** Per scenario: difference / the base's amount x 100; null where the base's amount is 0 or missing. */
  readonly percent: readonly (Dec | null)[];
}

export interface SummaryAlly extends Compared {
  readonly code: string;
  readonly name: string;
  /** Per scenario, its rounded amount in each of the summary's years (null: none that year or not a contributor). */
  readonly byYear: readonly (readonly (Dec | null)[])[];
}

export interface ScenarioSummary {
  readonly currency: string;
  readonly scenarios: readonly SummaryScenario[];
  /** The index of the base scenario in `scenarios`. */
  readonly base: number;
  /** Every year of any scenario, in order. */
  readonly years: readonly number[];
  /** Every contributor of any scenario, in the order first met. */
  readonly allies: readonly SummaryAlly[];
  readonly totals: Compared;
  readonly euOverlap: Compared;
  readonly netNew: Compared;
}

/** "2024-2028", or one year alone. */
function yearSpan(years: readonly number[]): string {
  return years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`;
}

const percentOf = (fraction: Dec): string => percentWords(fraction.toFixed());

function methodWords(scenario: Scenario): string {
  switch (scenario.method) {
    case "gdp":
      return `share of ${scenario.gdpYear} GDP`;
    case "pct-gdp":
      return `${percentOf(scenario.pctGdp ?? new Dec(0))} of ${scenario.gdpYear} GDP a year each`;
    case "key":
      return "a key of the user's";
    case "blend":
      return `a blend: ${[...(scenario.blend ?? new Map<string, Dec>())]
        .map(([basis, weight]) => `${basis} ${weight.toFixed()}`)
        .join(", ")}`;
  }
}

function creditWords(scenario: Scenario): string {
  if (scenario.credit.isZero() && scenario.exactCredit === null) return "none";
  const share =
    scenario.exactCredit === null
      ? percentOf(scenario.credit)
      : `${scenario.exactCredit.numerator}/${scenario.exactCredit.denominator}`;
  const window = scenario.aidWindow === null ? "" : `, aid ${scenario.aidWindow.from} to ${scenario.aidWindow.to}`;
  return `${share} of bilateral aid${window}`;
}

function limitWords(scenario: Scenario): string {
  const limits: string[] = [];
  for (const contributor of scenario.contributors) {
    if (contributor.maxShare !== undefined)
      limits.push(`${contributor.code} at most ${percentOf(contributor.maxShare)}`);
  }
  for (const contributor of scenario.contributors) {
    if (contributor.minShare !== undefined && !contributor.minShare.isZero()) {
      limits.push(`${contributor.code} at least ${percentOf(contributor.minShare)}`);
    }
  }
  if (scenario.maxPctGdp !== null) limits.push(`at most ${percentOf(scenario.maxPctGdp)} of GDP a year each`);
  return limits.length === 0 ? "none" : limits.join("; ");
}

/** A scenario's key assumptions in words. */
export function keyAssumptions(result: ScenarioResult): KeyAssumptions {
  const { scenario, allocation } = result;
  const exempt = scenario.contributors.filter((contributor) => contributor.exempt).map((c) => c.code);
  const total = amountWords(allocation.total, scenario.currency);
  return {
    total: scenario.amount.kind === "total" ? total : `${total} (it follows from the percent of GDP)`,
    years: `${yearSpan(allocation.years)}, ${scenario.profile.kind} profile`,
    method: methodWords(scenario),
    credit: creditWords(scenario),
    exemptions: exempt.length === 0 ? "none" : exempt.join(", "),
    caps: limitWords(scenario),
    euInstruments:
      scenario.instruments.length === 0 ? "none" : scenario.instruments.map((instrument) => instrument.id).join(", "),
  };
}

/** Amounts across the scenarios, compared with the base's. */
function compare(amounts: readonly (Dec | null)[], base: number): Compared {
  const baseAmount = amounts[base] ?? new Dec(0);
  const differences = amounts.map((amount) => (amount ?? new Dec(0)).minus(baseAmount));
  const percent = differences.map((difference) => (baseAmount.isZero() ? null : difference.div(baseAmount).times(100)));
  return { amounts, differences, percent };
}

/**
 * Compares the scenarios' results with the one named `base` (the first when undefined). Throws SummaryError for
 * scenarios in different currencies, or a base that is not among them.
 */
export function summariseScenarios(
  entries: readonly { readonly name: string; readonly result: ScenarioResult }[],
  baseName?: string
): ScenarioSummary {
  if (entries.length === 0) throw new SummaryError("there is no scenario to summarise");
  const currencies = [...new Set(entries.map((entry) => entry.result.scenario.currency))];
  if (currencies.length > 1) {
    const each = entries.map((entry) => `${entry.name}: ${entry.result.scenario.currency}`).join("; ");
    throw new SummaryError(
      `the scenarios are in different currencies (${each}); compare scenarios of one currency, e.g. choose them by name`
    );
  }
  const base = baseName === undefined ? 0 : entries.findIndex((entry) => sameName(entry.name, baseName));
  if (base < 0) throw new SummaryError(`the base "${baseName}" is not among the scenarios summarised`);
  const years = [...new Set(entries.flatMap((entry) => entry.result.allocation.years))].sort((a, b) => a - b);
  const order: { code: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const row of entry.result.allocation.rows) {
      if (!seen.has(row.code)) {
        seen.add(row.code);
        order.push({ code: row.code, name: row.name });
      }
    }
  }
  const allies = order.map(({ code, name }): SummaryAlly => {
    const rows = entries.map((entry) => entry.result.allocation.rows.find((row) => row.code === code));
    const byYear = entries.map((entry, index) =>
      years.map((year) => {
        const at = entry.result.allocation.years.indexOf(year);
        const row = rows[index];
        return row === undefined || at < 0 ? null : row.byYear[at];
      })
    );
    return {
      code,
      name,
      byYear,
      ...compare(
        rows.map((row) => row?.total ?? null),
        base
      ),
    };
  });
  return {
    currency: currencies[0],
    scenarios: entries.map(({ name, result }) => ({
      name,
      result,
      assumptions: keyAssumptions(result),
      unit: result.allocation.unit,
      years: result.allocation.years,
    })),
    base,
    years,
    allies,
    totals: compare(
      entries.map((entry) => entry.result.allocation.total),
      base
    ),
    euOverlap: compare(
      entries.map((entry) => entry.result.overlap.totalOverlap),
      base
    ),
    netNew: compare(
      entries.map((entry) => entry.result.overlap.totalNetNew),
      base
    ),
  };
}

/** Names compare without regard to case, as the store does. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase("en") === b.trim().toLocaleLowerCase("en");
}
