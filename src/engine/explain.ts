/**
 * How one ally's amount came about, step by step: its basis and basis share, the level and who is held, its credit,
 * the limit that binds, the year split, the rounding, and the EU attribution and overlap. Every number is read from the
 * engine's result (its workings); nothing is computed again here. Each step has plain sentences a briefing could quote
 * and the same figures as fields, in the form allocate's JSON gives them.
 */
import type { AllocationRow, LimitRule } from "./allocate";
import { plain, type Dec } from "./decimal";
import { fail } from "./errors";
import { fractionText } from "./fraction";
import { percentWords } from "./parameters";
import type { ScenarioResult } from "./scenario";

export const EXPLAIN_STEPS = ["basis", "level", "credit", "limit", "years", "rounding", "eu"] as const;
export type ExplainStepId = (typeof EXPLAIN_STEPS)[number];

export interface ExplainStep {
  readonly step: ExplainStepId;
  readonly title: string;
  /** Sentences a briefing could quote. */
  readonly text: string;
  /** The step's figures, as allocate's JSON writes them (exact decimals at 12 places, fractions as fractions). */
  readonly figures: Readonly<Record<string, string | number | boolean | null>>;
  /** The ids of the datasets the step rests on. */
  readonly sources: readonly string[];
}

export interface Explanation {
  readonly code: string;
  readonly name: string;
  /** The year explained, or null for all the years. */
  readonly year: number | null;
  readonly currency: string;
  readonly steps: ExplainStep[];
  /** Every dataset the steps rest on. */
  readonly sources: readonly { readonly id: string; readonly title: string; readonly vintage: string }[];
}

/** An amount as the briefing writes it: EUR 3,072,377,198.641844058826 (the JSON's digits, grouped). */
export function money(value: Dec, currency: string): string {
  const [whole, decimals] = plain(value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency} ${grouped}${decimals === undefined ? "" : `.${decimals}`}`;
}

/** "Spain's", "the United States'": a name's possessive. */
function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** A fraction as a percent, by moving the point of the JSON's digits: 0.030723771986 -> 3.0723771986%. */
function percent(value: Dec): string {
  return percentWords(plain(value));
}

const RULE_WORDS: Readonly<Record<LimitRule, string>> = {
  floor: "its floor (a minimum share of the total)",
  cap: "its cap (a maximum share of the total)",
  "max-pct-gdp": "the cap on a year's payment as a percent of its GDP",
  exempt: "its exemption",
  "no-basis": "having no basis (it pays no more than its floor)",
};

export function explain(result: ScenarioResult, code: string, year: number | null = null): Explanation {
  const { allocation, scenario } = result;
  const wanted = code.trim().toUpperCase();
  const index = allocation.rows.findIndex((row) => row.code === wanted);
  if (index < 0) {
    return fail("UNKNOWN_CODE", "code", {
      value: code,
      where: "a contributor of the scenario",
      fix: `Give one of ${allocation.rows.map((row) => row.code).join(", ")}.`,
    });
  }
  const yearIndex = year === null ? -1 : allocation.years.indexOf(year);
  if (year !== null && yearIndex < 0) {
    const years = allocation.years;
    fail("NO_YEAR", "year", {
      value: year,
      what: "the allocation",
      years: `${years[0]} to ${years[years.length - 1]}`,
      fix: "Give a year of the allocation, or leave it out for all the years.",
    });
  }
  const row = allocation.rows[index];
  const context: Context = { result, row, index, yearIndex, currency: scenario.currency };
  const steps = [basisStep, levelStep, creditStep, limitStep, yearStep, roundingStep, euStep].map((step) =>
    step(context)
  );
  const sources = [...new Set(steps.flatMap((step) => step.sources))].map((id) => {
    const source = scenario.edition.sourceById(id);
    return { id, title: source.title, vintage: source.vintage };
  });
  return { code: row.code, name: row.name, year, currency: scenario.currency, steps, sources };
}

interface Context {
  readonly result: ScenarioResult;
  readonly row: AllocationRow;
  readonly index: number;
  /** -1 for all the years. */
  readonly yearIndex: number;
  readonly currency: string;
}

function basisStep({ result, row, index, currency }: Context): ExplainStep {
  const { scenario } = result;
  const contributor = scenario.contributors[index];
  const what =
    scenario.method === "gdp" || scenario.method === "pct-gdp"
      ? `its GDP of ${scenario.gdpYear}`
      : scenario.method === "key"
        ? "its key value"
        : "its blended basis";
  const gdpSource = scenario.sources.filter((id) => id.includes("gdp") || id.includes("key"));
  if (scenario.method === "pct-gdp") {
    return {
      step: "basis",
      title: "Basis",
      text:
        `With method pct-gdp ${row.name} pays ${percent(scenario.pctGdp as Dec)} of its GDP a year: its basis is ` +
        `${what}, ${money(contributor.basis, currency)}.`,
      figures: { basis: plain(contributor.basis), pctGdp: plain(scenario.pctGdp as Dec) },
      sources: gdpSource,
    };
  }
  if (contributor.exempt) {
    return {
      step: "basis",
      title: "Basis and basis share",
      text:
        `${row.name} is exempt: its basis counts as ${money(contributor.basis, currency)}, a basis share of ` +
        `${percent(row.basisShare)}.`,
      figures: { basis: plain(contributor.basis), basisShare: plain(row.basisShare), exempt: true },
      sources: gdpSource,
    };
  }
  return {
    step: "basis",
    title: "Basis and basis share",
    text:
      `${possessive(row.name)} basis is ${what}, ${money(contributor.basis, currency)}; among the contributors who pay it is a ` +
      `basis share of ${percent(row.basisShare)}.`,
    figures: { basis: plain(contributor.basis), basisShare: plain(row.basisShare), exempt: false },
    sources: gdpSource,
  };
}

/** "USA at its cap, HUN exempt": who the solve held, and at which limit. */
function heldWords(rows: readonly AllocationRow[]): string[] {
  return rows
    .filter((r) => r.held !== null)
    .map((r) => {
      const rule = r.held === "upper" ? r.upperRule : r.lowerRule;
      if (rule === "exempt") return `${r.code} exempt`;
      if (r.held === "lower" && rule === null) return `${r.code} at 0 (its credit covers its share)`;
      return `${r.code} at ${r.held === "upper" ? "its upper" : "its lower"} limit (${rule ?? "none"})`;
    });
}

function levelStep({ result, currency }: Context): ExplainStep {
  const { allocation, scenario } = result;
  const held = heldWords(allocation.rows);
  const heldText =
    held.length === 0
      ? "No contributor is held at a limit."
      : `Held at a limit: ${held.slice(0, 12).join(", ")}${held.length > 12 ? `, and ${held.length - 12} more` : ""}.`;
  const level = allocation.level;
  if (level === null) {
    const why =
      scenario.method === "pct-gdp"
        ? "With method pct-gdp there is no level: each pays its percent of GDP, and the total follows."
        : "The floors alone take the whole total, so every contributor pays its floor and no level decides.";
    return { step: "level", title: "Level", text: `${why} ${heldText}`, figures: { level: null }, sources: [] };
  }
  return {
    step: "level",
    title: "Level",
    text:
      `The level L is ${money(level, currency)}: each contributor not held at a limit pays its basis share x L less ` +
      `its credit, and L is the one level at which the amounts add up to the total, ` +
      `${money(allocation.exactTotal, currency)}. ${heldText}`,
    figures: { level: plain(level), exactTotal: plain(allocation.exactTotal), heldCount: held.length },
    sources: [],
  };
}

function creditStep({ result, row, index, currency }: Context): ExplainStep {
  const { scenario } = result;
  const aid = scenario.contributors[index].aid;
  const exactCredit = scenario.exactCredit;
  const creditText =
    exactCredit === null ? percent(scenario.credit) : `${exactCredit.numerator}/${exactCredit.denominator}`;
  const window = scenario.aidWindow;
  const text = scenario.credit.isZero()
    ? "No credit: bilateral aid does not count toward the share."
    : `${creditText} of ${possessive(row.name)} bilateral military aid${window ? ` from ${window.from} to ${window.to}` : ""}, ` +
      `${money(aid, currency)}, counts toward its share: a credit of ${money(row.aidCredit, currency)}.`;
  return {
    step: "credit",
    title: "Credit",
    text,
    figures: {
      credit: exactCredit === null ? scenario.credit.toFixed() : fractionText(exactCredit),
      aid: plain(aid),
      aidCredit: plain(row.aidCredit),
    },
    sources: scenario.credit.isZero() ? [] : scenario.sources.filter((id) => id.includes("aid") || id.includes("kiel")),
  };
}

function limitStep({ row, currency }: Context): ExplainStep {
  const lower = `${money(row.lowerLimit, currency)}${row.lowerRule ? `, set by ${RULE_WORDS[row.lowerRule]}` : ""}`;
  const upper =
    row.upperLimit === null
      ? "none"
      : `${money(row.upperLimit, currency)}${row.upperRule ? `, set by ${RULE_WORDS[row.upperRule]}` : ""}`;
  const binds =
    row.held === null
      ? `Neither binds: ${row.name} pays its basis share x L less its credit, ${money(row.exact, currency)}.`
      : `The ${row.held} limit binds: ${row.name} pays ${money(row.exact, currency)}` +
        ` (${row.constraint === "credit" ? "its credit covers its share" : `constraint: ${row.constraint}`}).`;
  return {
    step: "limit",
    title: "The limit that binds",
    text: `Its limits over all the years: lower ${lower}; upper ${upper}. ${binds}`,
    figures: {
      lowerLimit: plain(row.lowerLimit),
      lowerRule: row.lowerRule,
      upperLimit: row.upperLimit === null ? null : plain(row.upperLimit),
      upperRule: row.upperRule,
      held: row.held,
      constraint: row.constraint,
      exact: plain(row.exact),
    },
    sources: [],
  };
}

function yearStep({ result, row, yearIndex, currency }: Context): ExplainStep {
  const { allocation, scenario } = result;
  const years = allocation.years;
  const weights = scenario.yearWeights.map((weight) => weight.toFixed()).join(", ");
  const parts = years.map((year, j) => `${year} ${money(row.exactByYear[j], currency)}`);
  const shown = yearIndex < 0 ? parts.join("; ") : parts[yearIndex];
  return {
    step: "years",
    title: "Year split",
    text:
      `The ${scenario.profile.kind} profile weighs the years ${years[0]} to ${years[years.length - 1]} ` +
      `${weights}; each year takes its weight's part of the amount: ${shown}.`,
    figures: {
      profile: scenario.profile.kind,
      yearWeights: weights,
      ...Object.fromEntries(years.map((year, j) => [`exact${year}`, plain(row.exactByYear[j])])),
    },
    sources: [],
  };
}

function roundingStep({ result, row, yearIndex, currency }: Context): ExplainStep {
  const { allocation } = result;
  const exact = yearIndex < 0 ? row.exact : row.exactByYear[yearIndex];
  const rounded = yearIndex < 0 ? row.total : row.byYear[yearIndex];
  const direction = rounded.gt(exact) ? "up" : rounded.lt(exact) ? "down" : "none";
  const why =
    direction === "none"
      ? "It is a whole number of units already."
      : `Rounded ${direction}: every amount goes to a whole unit next to its exact value, and the units left after ` +
        "rounding down go to the largest remainders first, so that each ally's years, each year's allies and the " +
        "total all still add up exactly (controlled rounding).";
  const what = yearIndex < 0 ? "over all the years" : `in ${allocation.years[yearIndex]}`;
  return {
    step: "rounding",
    title: "Rounding",
    text: `Exact amount ${what} ${money(exact, currency)}; rounded to the unit of ${money(allocation.unit, currency)}: ${money(rounded, currency)}. ${why}`,
    figures: { exact: plain(exact), rounded: rounded.toFixed(), unit: allocation.unit.toFixed(), direction },
    sources: [],
  };
}

function euStep({ result, row, index, yearIndex, currency }: Context): ExplainStep {
  const { overlap, scenario } = result;
  const overlapRow = overlap.rows[index];
  const years = result.allocation.years;
  if (!overlapRow.euMember) {
    return {
      step: "eu",
      title: "EU attribution and overlap",
      text: `${row.name} is not an EU member state counted here: no EU instrument is attributed to it, no overlap.`,
      figures: { euMember: false },
      sources: [],
    };
  }
  const shownYears = yearIndex < 0 ? years.map((_, j) => j) : [yearIndex];
  const words = shownYears.map(
    (j) =>
      `${years[j]}: attributed ${money(overlapRow.attributed[j], currency)}, overlap ` +
      `${money(overlapRow.overlap[j], currency)}, net new ${money(overlapRow.netNew[j], currency)}`
  );
  const instruments = scenario.instruments.filter((i) => i.states.includes(row.code)).map((i) => i.id);
  const threshold = percent(overlap.threshold);
  const flagged = shownYears.filter((j) => overlapRow.flagged[j]).map((j) => years[j]);
  return {
    step: "eu",
    title: "EU attribution and overlap",
    text:
      `The EU instruments ${instruments.join(", ") || "(none)"} are attributed to the member states by their GNI ` +
      `share; the overlap each year is the smaller of the attribution and the allocation, net new money the rest. ` +
      `${words.join("; ")}. Flagged (overlap at least ${threshold} of the allocation): ` +
      `${flagged.length === 0 ? "none" : flagged.join(", ")}.`,
    figures: {
      euMember: true,
      euOverlap: overlapRow.totalOverlap.toFixed(),
      netNew: overlapRow.totalNetNew.toFixed(),
      ...Object.fromEntries(shownYears.map((j) => [`attributed${years[j]}`, overlapRow.attributed[j].toFixed()])),
      ...Object.fromEntries(shownYears.map((j) => [`overlap${years[j]}`, overlapRow.overlap[j].toFixed()])),
    },
    sources: scenario.sources.filter((id) => id.includes("gni") || id.includes("eu")),
  };
}

/** The explanation as plain text: each step's title and sentences. */
export function explanationText(explanation: Explanation): string {
  const heading = `${explanation.name} (${explanation.code})${explanation.year === null ? "" : `, ${explanation.year}`}`;
  const sources = explanation.sources.map((source) => `${source.id}: ${source.title} (${source.vintage})`);
  return [
    heading,
    ...explanation.steps.map((step, i) => `${i + 1}. ${step.title}. ${step.text}`),
    ...(sources.length === 0 ? [] : [`Sources: ${sources.join("; ")}.`]),
  ].join("\n");
}
