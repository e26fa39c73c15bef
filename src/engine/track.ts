/**
 * Delivered against fair share: for a pledge P over a window of months, each contributor's fair share of P, the aid it
 * delivered in the window, and the gap between them.
 *
 * The rule:
 * - fair share F_i: allocate's rule on P with no credit, allocation_i = clamp(s_i x L, floor_i, cap_i), s_i the basis
 *   share among those who pay (GDP of the chosen year, a key or a blend), exemptions, caps and floors re-spread as
 *   allocate re-spreads them (allocate's own solver), rounded to the unit so that the fair shares add up to P exactly;
 * - delivered D_i: its bilateral aid in the window from the Kiel tracker (monthly military allocations, or with
 *   delivered commitments its monthly commitments), in the scenario's currency, exactly; with count-eu also its share
 *   of the counted EU instruments in the window: each instrument's yearly amount x (months of the window in that year)
 *   / 12, attributed by GNI over the instrument's states as allocate's EU overlap is, rounded to the unit with the
 *   totals kept. A contributor the tracker does not cover has no D_i (unknown, never 0);
 * - gap G_i = F_i - D_i (positive: short of its share; negative: beyond it) and D_i / F_i, the share of its fair
 *   share delivered (none when F_i is 0);
 * - totals over the tracked contributors: delivered, gaps, the sum of shortfalls (what the pledge still needs if no
 *   surplus counts for others) and the pledge's coverage, total delivered / P.
 * The window is from-to (months), or the calendar years start to start + years - 1. Months the aid data do not cover
 * are named in a note; a window entirely outside the data is refused.
 */
import { KIEL_COMMITMENTS, isTrackedByKiel, kielCommitmentMonths } from "../data";
import type { Allocation, AllocationRow, Constraint, Held } from "./allocate";
import { Dec, ONE, ZERO, sumDec } from "./decimal";
import { embeddedEdition, type Edition, type EditionSource } from "./edition";
import { fail } from "./errors";
import { attributeInstruments, type Attribution, type InstrumentInput } from "./overlap";
import { PARAMETER_DEFAULTS, YEAR_RANGE, parameter, percentWords, type ParameterName } from "./parameters";
import { isBlank, type RawValue } from "./parse";
import {
  allocateForScenario,
  euGniStates,
  fromEurAt,
  instrumentsInYear,
  resolveScenario,
  type Scenario,
  type ScenarioInstrument,
  type ScenarioSpec,
} from "./scenario";
import { readAmount, readChoice, readMonth, readSwitch, readWhole } from "./values";
import { amountWords, listWords } from "./words";

/** What counts as delivered: the tracker's monthly military allocations, or its monthly commitments. */
export type DeliveredMeasure = "allocations" | "commitments";

/** The parameters only track reads; resolveScenario reads the rest. */
const TRACK_ONLY: readonly ParameterName[] = ["from", "to", "delivered", "count-eu"];

/** A window is at most this many months: 50 years, the longest span a scenario may have. */
const MAX_WINDOW_MONTHS = Number(parameter("years").valid?.max ?? "50") * 12;

const BILLION = new Dec("1e9");
const TWELVE = new Dec(12);

export interface TrackWindow {
  /** First and last month, "YYYY-MM", both counted. */
  readonly from: string;
  readonly to: string;
  readonly months: number;
  /** True when given as from and to; false for the calendar years of start and years. */
  readonly byMonths: boolean;
  /** The window's months with aid data: the first and last of them, and how many. */
  readonly dataFrom: string;
  readonly dataTo: string;
  readonly monthsWithData: number;
  /** The window's months outside the aid data, ascending ("2026-05", ...): delivered counts nothing there. */
  readonly notCovered: readonly string[];
  /** Per calendar year the window touches, how many of its months are in the window. */
  readonly monthsByYear: ReadonlyMap<number, number>;
}

/** One counted EU instrument's part in the window: its amount there, and the months of each year counted. */
export interface TrackInstrument {
  readonly id: string;
  readonly name: string;
  /** Per calendar year of the window it covers: the months counted and the amount, yearly amount x months / 12. */
  readonly byYear: readonly { readonly year: number; readonly months: number; readonly amount: Dec }[];
  /** Its amount in the window, exact. */
  readonly amount: Dec;
  /** The states it is attributed over (by GNI). */
  readonly states: readonly string[];
}

/** With count-eu: the EU instruments in the window, attributed to the states by GNI. */
export interface TrackEu {
  readonly instruments: readonly TrackInstrument[];
  /** Each state's part, rounded to the unit (the states' parts add up to the rounded total). */
  readonly byState: ReadonlyMap<string, Dec>;
  /** Each state's exact part. */
  readonly exactByState: ReadonlyMap<string, Dec>;
  /** The instruments' amount in the window: exact, and rounded to the unit. */
  readonly total: Dec;
  readonly roundedTotal: Dec;
}

export interface TrackRow {
  readonly code: string;
  readonly name: string;
  /** Whether the Kiel tracker covers it; if not, its delivered aid is unknown and it has no gap. */
  readonly tracked: boolean;
  /** Its fair share of the pledge, rounded to the unit: the fair shares add up to the pledge. */
  readonly fairShare: Dec;
  readonly fairShareExact: Dec;
  /** Its basis share among those who pay, why it pays what it pays and where the solve held it (allocate's). */
  readonly basisShare: Dec;
  readonly constraint: Constraint;
  readonly held: Held;
  /** Its bilateral aid in the window (the tracker's months), in the currency, exact; null when not tracked. */
  readonly bilateral: Dec | null;
  /** Its bilateral aid month by month in the window (months with aid only), in the currency. */
  readonly months: readonly (readonly [string, Dec])[];
  /** With count-eu, its share of the EU instruments in the window (rounded to the unit; 0 outside them); else null. */
  readonly eu: Dec | null;
  /** bilateral + eu; null when not tracked. */
  readonly delivered: Dec | null;
  /** fairShare - delivered; null when not tracked. */
  readonly gap: Dec | null;
  /** delivered / fairShare, a fraction; null when not tracked or its fair share is 0. */
  readonly deliveredShare: Dec | null;
}

export interface TrackTotals {
  /** The pledge P: the fair shares' sum. */
  readonly pledge: Dec;
  /** Fair shares of the tracked contributors, and of the others. */
  readonly fairShareTracked: Dec;
  readonly fairShareNotTracked: Dec;
  /** Over the tracked contributors. */
  readonly bilateral: Dec;
  readonly eu: Dec | null;
  readonly delivered: Dec;
  /** The gaps' sum: fairShareTracked - delivered. */
  readonly gap: Dec;
  /** The positive gaps' sum: what the pledge still needs if no one's surplus counts for others. */
  readonly shortfall: Dec;
  /** The negative gaps' sum, as a positive amount: delivered beyond the fair shares. */
  readonly surplus: Dec;
  /** delivered / pledge, a fraction. */
  readonly coverage: Dec;
}

export interface TrackResult {
  /** The resolved scenario: currency, method, basis, limits, contributors, EU instruments, unit. */
  readonly scenario: Scenario;
  /** The fair shares' solve (allocate's, one column): basis shares, limits and their rules, held, the level. */
  readonly allocation: Allocation;
  readonly pledge: Dec;
  readonly window: TrackWindow;
  readonly measure: DeliveredMeasure;
  readonly countEu: boolean;
  readonly eu: TrackEu | null;
  /** One per contributor, in the scenario's order. */
  readonly rows: readonly TrackRow[];
  readonly totals: TrackTotals;
  /** The data's release the delivered aid comes from. */
  readonly release: string;
  readonly notes: readonly string[];
  /**
   * Every dataset the comparison rests on, with its source and vintage and whether it is embedded or the user's: the
   * scenario's (GDP or the key, with count-eu GNI and the EU instruments), then the aid the delivered figures come from.
   */
  readonly sources: readonly EditionSource[];
}

/**
 * The monthly aid track measures, by what counts as delivered: the one place track reads the Kiel tracker, so that
 * another edition of the data can be put here.
 */
interface AidSeries {
  /** The dataset it comes from, as the sources name it. */
  readonly source: EditionSource;
  /** Whether it is the embedded release although the edition's aid is the user's (commitments: see aidSeries). */
  readonly embeddedInsteadOfUser: boolean;
  readonly release: string;
  readonly firstMonth: string;
  readonly lastMonth: string;
  tracked(code: string): boolean;
  /** [month, EUR billion] of the months with aid in the window, ascending. */
  months(code: string, from: string, to: string): readonly (readonly [string, string])[];
}

/**
 * The monthly series a measure reads: the edition's military allocations (the embedded release, or the user's), or
 * the embedded release's commitments (a user's aid folder carries allocations only).
 */
function aidSeries(measure: DeliveredMeasure, edition: Edition): AidSeries {
  if (measure === "commitments") {
    return {
      source: embeddedEdition().sourceOf("aid"),
      embeddedInsteadOfUser: edition.sourceOf("aid").origin === "user",
      release: KIEL_COMMITMENTS.release,
      firstMonth: KIEL_COMMITMENTS.firstMonth,
      lastMonth: KIEL_COMMITMENTS.lastMonth,
      tracked: isTrackedByKiel,
      months: kielCommitmentMonths,
    };
  }
  const aid = edition.aid;
  return {
    source: edition.sourceOf("aid"),
    embeddedInsteadOfUser: false,
    release: aid.release,
    firstMonth: aid.firstMonth,
    lastMonth: aid.lastMonth,
    tracked: (code) => aid.tracked(code),
    months: (code, from, to) =>
      aid.tracked(code) ? aid.byDonor[code].filter(([month]) => month >= from && month <= to) : [],
  };
}

/** "YYYY-MM" as a count of months since year 0, and back. */
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthAt(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** "2026-05" -> "May 2026". */
export function monthWords(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** A run of months in words: "May 2026", "May and June 2026", "May to December 2026", "May 2026 to March 2027". */
function runWords(first: string, last: string): string {
  if (first === last) return monthWords(first);
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const from = sameYear ? MONTH_NAMES[Number(first.slice(5, 7)) - 1] : monthWords(first);
  const adjacent = monthIndex(last) - monthIndex(first) === 1;
  return `${from} ${adjacent ? "and" : "to"} ${monthWords(last)}`;
}

/** Ascending months in words, each run of consecutive months once: "June to December 2021 and May and June 2026". */
export function monthListWords(months: readonly string[]): string {
  const runs: string[] = [];
  for (let i = 0; i < months.length;) {
    let j = i;
    while (j + 1 < months.length && monthIndex(months[j + 1]) === monthIndex(months[j]) + 1) j++;
    runs.push(runWords(months[i], months[j]));
    i = j + 1;
  }
  return runs.length <= 1 ? runs.join("") : `${runs.slice(0, -1).join(", ")}; and ${runs[runs.length - 1]}`;
}

/** The window as given: from and to (both), or the calendar years of start and years (their defaults too). */
function readWindow(spec: ScenarioSpec): { from: string; to: string; byMonths: boolean } {
  const given = (name: ParameterName): boolean => !isBlank(spec[name]);
  if (given("from") !== given("to")) {
    const missing = given("from") ? "to" : "from";
    fail("MISSING", missing, {
      when: `with ${missing === "to" ? "from" : "to"}`,
      fix: "Give the window's first and last months as from and to, or neither (start and years then set it).",
    });
  }
  if (given("from")) {
    for (const name of ["start", "years"] as const) {
      if (given(name)) {
        fail("NOT_ALLOWED", name, {
          when: "with from and to (they set the window)",
          fix: `Clear ${name}, or clear from and to to give the window as start and years.`,
        });
      }
    }
    const from = readMonth("from", spec.from);
    const to = readMonth("to", spec.to);
    const first = `${YEAR_RANGE.min}-01`;
    const last = `${YEAR_RANGE.max}-12`;
    if (from < first || from > last) fail("OUT_OF_RANGE", "from", { value: from, min: first, max: last });
    if (to < first || to > last) fail("OUT_OF_RANGE", "to", { value: to, min: first, max: last });
    if (from > to) fail("WINDOW_ORDER", "from", { from, to });
    const latest = monthAt(monthIndex(from) + MAX_WINDOW_MONTHS - 1);
    if (to > latest) fail("OUT_OF_RANGE", "to", { value: to, min: from, max: latest });
    return { from, to, byMonths: true };
  }
  const start = readWhole("start", given("start") ? spec.start : PARAMETER_DEFAULTS.start);
  const years = readWhole("years", given("years") ? spec.years : PARAMETER_DEFAULTS.years);
  return { from: `${start}-01`, to: `${start + years - 1}-12`, byMonths: false };
}

/** The window's months, by year, and which of them the aid data cover; a window with no data at all is refused. */
function windowFacts(window: { from: string; to: string; byMonths: boolean }, series: AidSeries): TrackWindow {
  const { from, to } = window;
  if (to < series.firstMonth || from > series.lastMonth) {
    fail("NO_DATA", window.byMonths ? (to < series.firstMonth ? "to" : "from") : "start", {
      from,
      to,
      dataset: series.release,
      first: series.firstMonth,
      last: series.lastMonth,
    });
  }
  const monthsByYear = new Map<number, number>();
  const notCovered: string[] = [];
  for (let index = monthIndex(from); index <= monthIndex(to); index++) {
    const month = monthAt(index);
    const year = Math.floor(index / 12);
    monthsByYear.set(year, (monthsByYear.get(year) ?? 0) + 1);
    if (month < series.firstMonth || month > series.lastMonth) notCovered.push(month);
  }
  const months = monthIndex(to) - monthIndex(from) + 1;
  return {
    from,
    to,
    months,
    byMonths: window.byMonths,
    dataFrom: from < series.firstMonth ? series.firstMonth : from,
    dataTo: to > series.lastMonth ? series.lastMonth : to,
    monthsWithData: months - notCovered.length,
    notCovered,
    monthsByYear,
  };
}

/**
 * The spec resolveScenario reads for track: track's own parameters left out; a window of months given as the calendar
 * years it touches (start, years) and its pledge as a total (per-year x months / 12, which must be whole units); the
 * EU instruments left out unless count-eu.
 */
function scenarioSpecForTrack(
  spec: ScenarioSpec,
  window: { from: string; to: string; byMonths: boolean },
  countEu: boolean
): ScenarioSpec {
  const derived: Record<string, unknown> = { ...spec };
  for (const name of TRACK_ONLY) delete derived[name];
  if (!countEu) {
    for (const name of ["eu", "eu-add", "eu-states"] as const) {
      if (!isBlank(spec[name])) {
        fail("NOT_ALLOWED", name, {
          when: "without count-eu (only with count-eu do EU instruments count as delivered)",
          fix: `Turn count-eu on, or clear ${name}.`,
        });
      }
    }
    derived.eu = "none";
  }
  if (window.byMonths) {
    const firstYear = Number(window.from.slice(0, 4));
    derived.start = firstYear;
    derived.years = Number(window.to.slice(0, 4)) - firstYear + 1;
    if (!isBlank(spec["per-year"])) {
      if (!isBlank(spec.total)) {
        fail("NOT_ALLOWED", "per-year", { when: "with total", fix: "Give either total or per-year, not both." });
      }
      derived.total = perYearOverMonths(spec, monthIndex(window.to) - monthIndex(window.from) + 1);
      delete derived["per-year"];
    }
  }
  return derived as ScenarioSpec;
}

/** per-year over a window of months: per-year x months / 12, which must be a whole number of units, as text. */
function perYearOverMonths(spec: ScenarioSpec, months: number): string {
  const perYear = readAmount("per-year", spec["per-year"]);
  const unit = readAmount("unit", isBlank(spec.unit) ? PARAMETER_DEFAULTS.unit : spec.unit);
  const currency = String(isBlank(spec.currency) ? PARAMETER_DEFAULTS.currency : spec.currency)
    .trim()
    .toUpperCase();
  const pledge = perYear.times(months).div(TWELVE);
  if (!perYear.times(months).div(unit.times(TWELVE)).isInteger()) {
    fail("NOT_ALLOWED", "per-year", {
      when: `over a window of ${months} months here`,
      fix:
        `${amountWords(perYear, currency)} a year over ${months} months is ${amountWords(pledge, currency)}, not a` +
        ` whole number of ${amountWords(unit, currency)} units. Give the pledge as total, or a window of whole years.`,
    });
  }
  const valid = parameter("total").valid;
  if (valid !== undefined && pledge.gt(valid.max)) {
    fail("NOT_ALLOWED", "per-year", {
      when: `over a window of ${months} months`,
      fix: `It comes to ${amountWords(pledge, currency)}, more than the largest pledge, ${amountWords(new Dec(valid.max), currency)}.`,
    });
  }
  return pledge.toFixed();
}

/**
 * The counted EU instruments in the window, attributed by GNI. An instrument's year counts in proportion to its months
 * in the window: amount x months / 12. Exactly: attributing amount x months (an integer multiple, exact) with a unit
 * of 12 x unit gives every rounded part as a whole number of twelfths of that, so each rounded part / 12 is a whole
 * number of units, and the overlap's controlled rounding keeps the states' and years' totals.
 */
function euInWindow(scenario: Scenario, window: TrackWindow): TrackEu {
  const years = [...window.monthsByYear.keys()];
  const counted = scenario.instruments.filter((instrument) =>
    years.some((year) => instrumentsInYear([instrument], year).length > 0)
  );
  const inputs: InstrumentInput[] = counted.map((instrument) => ({
    id: instrument.id,
    name: instrument.name,
    states: instrument.states,
    amountByYear: new Map(
      years
        .filter((year) => instrument.amountByYear.has(year))
        .map((year) => [year, (instrument.amountByYear.get(year) as Dec).times(window.monthsByYear.get(year) ?? 0)])
    ),
  }));
  const named = new Set(counted.flatMap((instrument) => instrument.states));
  const states = euGniStates(scenario.edition).filter((state) => named.has(state.code));
  const attribution: Attribution = attributeInstruments(inputs, states, scenario.unit.times(TWELVE));
  const byState = new Map<string, Dec>();
  const exactByState = new Map<string, Dec>();
  attribution.states.forEach((code, m) => {
    byState.set(code, sumDec([...attribution.rounded[m]]).div(TWELVE));
    exactByState.set(code, sumDec([...attribution.exact[m]]).div(TWELVE));
  });
  const instruments = counted.map((instrument: ScenarioInstrument): TrackInstrument => {
    const byYear = years
      .filter((year) => instrument.amountByYear.has(year))
      .map((year) => {
        const months = window.monthsByYear.get(year) ?? 0;
        return { year, months, amount: (instrument.amountByYear.get(year) as Dec).times(months).div(TWELVE) };
      });
    return {
      id: instrument.id,
      name: instrument.name,
      byYear,
      amount: sumDec(byYear.map((entry) => entry.amount)),
      states: instrument.states,
    };
  });
  return {
    instruments,
    byState,
    exactByState,
    total: sumDec(instruments.map((instrument) => instrument.amount)),
    roundedTotal: sumDec([...attribution.roundedByYear]).div(TWELVE),
  };
}

/** Resolves a pledge, its window and what counts as delivered, and compares each fair share with what was delivered. */
export function runTrack(spec: ScenarioSpec): TrackResult {
  const aidRow = (spec.contributorData ?? []).findIndex((row) => !isBlank(row.aid));
  if (aidRow >= 0) {
    fail("NOT_ALLOWED", "aid", {
      when: "with track (track reads each contributor's delivered aid from the Kiel tracker)",
      fix: "Leave out the aid range.",
    });
  }
  const measure = readChoice<DeliveredMeasure>("delivered", valueOf(spec, "delivered"));
  const countEu = isBlank(spec["count-eu"]) ? false : readSwitch("count-eu", spec["count-eu"]);
  const given = readWindow(spec);
  const scenario = resolveScenario(scenarioSpecForTrack(spec, given, countEu), "track");
  const series = aidSeries(measure, scenario.edition);
  const window = windowFacts(given, series);
  if (scenario.amount.kind !== "total") return fail("INTERNAL", "method", { detail: "track needs a fixed pledge" });
  const pledge = scenario.amount.total;
  const yearsInWindow = window.months / 12;
  if (scenario.maxPctGdp !== null && !Number.isInteger(yearsInWindow)) {
    fail("NOT_ALLOWED", "max-pct-gdp", {
      when: `with a window of ${window.months} months (it limits a year's payment: track applies it to whole years)`,
      fix: "Give a window of whole years (12, 24, ... months), or limit the fair shares with cap instead.",
    });
  }
  const allocation = allocateForScenario(scenario, {
    contributors: scenario.contributors,
    amount: { kind: "total", total: pledge },
    startYear: Number(window.from.slice(0, 4)),
    yearWeights: [ONE],
    credit: ZERO,
    // Over a window of N whole years, a fair share is at most N x the yearly limit.
    maxShareOfGdpPerYear: scenario.maxPctGdp === null ? undefined : scenario.maxPctGdp.times(yearsInWindow),
    unit: scenario.unit,
  });
  const eu = countEu ? euInWindow(scenario, window) : null;
  const fromEur = fromEurAt(scenario.usdPerEur);
  const rows = allocation.rows.map((row) => trackRow(row, series, window, fromEur, eu));
  const tracked = rows.filter((row) => row.tracked);
  const sum = (pick: (row: TrackRow) => Dec | null, list: readonly TrackRow[] = tracked): Dec =>
    sumDec(list.map((row) => pick(row) ?? ZERO));
  const delivered = sum((row) => row.delivered);
  const totals: TrackTotals = {
    pledge,
    fairShareTracked: sum((row) => row.fairShare),
    fairShareNotTracked: sum(
      (row) => row.fairShare,
      rows.filter((row) => !row.tracked)
    ),
    bilateral: sum((row) => row.bilateral),
    eu: eu === null ? null : sum((row) => row.eu),
    delivered,
    gap: sum((row) => row.gap),
    shortfall: sum((row) => (row.gap !== null && row.gap.gt(0) ? row.gap : null)),
    surplus: sum((row) => (row.gap !== null && row.gap.lt(0) ? row.gap.neg() : null)),
    coverage: delivered.div(pledge),
  };
  const notes = trackNotes({ scenario, window, measure, series, eu, rows, totals, allocation });
  const sources = new Map(scenario.sources.map((id) => [id, scenario.edition.sourceById(id)]));
  sources.set(series.source.id, series.source);
  return {
    scenario,
    allocation,
    pledge,
    window,
    measure,
    countEu,
    eu,
    rows,
    totals,
    release: series.release,
    notes,
    sources: [...sources.values()],
  };
}

function valueOf(spec: ScenarioSpec, name: ParameterName): RawValue {
  return isBlank(spec[name]) ? PARAMETER_DEFAULTS[name] : spec[name];
}

function trackRow(
  row: AllocationRow,
  series: AidSeries,
  window: TrackWindow,
  fromEur: (eur: Dec) => Dec,
  eu: TrackEu | null
): TrackRow {
  const tracked = series.tracked(row.code);
  const months = series
    .months(row.code, window.from, window.to)
    .map(([month, eurBn]) => [month, fromEur(new Dec(eurBn).times(BILLION))] as const);
  const bilateral = tracked ? sumDec(months.map(([, amount]) => amount)) : null;
  const euPart = eu === null ? null : (eu.byState.get(row.code) ?? ZERO);
  const delivered = bilateral === null ? null : euPart === null ? bilateral : bilateral.plus(euPart);
  const fairShare = row.total;
  return {
    code: row.code,
    name: row.name,
    tracked,
    fairShare,
    fairShareExact: row.exact,
    basisShare: row.basisShare,
    constraint: row.constraint,
    held: row.held,
    bilateral,
    months,
    eu: euPart,
    delivered,
    gap: delivered === null ? null : fairShare.minus(delivered),
    deliveredShare: delivered === null || fairShare.isZero() ? null : delivered.div(fairShare),
  };
}

/** The notes beside a comparison: how fair shares and delivered aid are made, what the data leave out. */
function trackNotes(facts: {
  scenario: Scenario;
  window: TrackWindow;
  measure: DeliveredMeasure;
  series: AidSeries;
  eu: TrackEu | null;
  rows: readonly TrackRow[];
  totals: TrackTotals;
  allocation: Allocation;
}): string[] {
  const { scenario, window, measure, series, eu, rows, totals } = facts;
  const money = (amount: Dec): string => amountWords(amount, scenario.currency);
  const span = `${monthWords(window.from)} to ${monthWords(window.to)}`;
  const notes: string[] = [
    `Fair share: each contributor's part of the pledge of ${money(totals.pledge)} for ${span} (${window.months} months)` +
      ", split as allocate splits a total with no credit (exemptions, caps and floors re-spread in proportion to the" +
      ` basis), rounded to ${money(scenario.unit)} with the fair shares adding up to the pledge exactly.`,
    measure === "allocations"
      ? `Delivered: bilateral military aid allocated (delivered or earmarked) from ${monthWords(window.dataFrom)} to` +
        ` ${monthWords(window.dataTo)}, ${series.release}, summed month by month.`
      : `Delivered: commitments from ${monthWords(window.dataFrom)} to ${monthWords(window.dataTo)}, ${series.release}.` +
        " The tracker's monthly commitments count every kind of aid together (military, financial and humanitarian):" +
        " it has no military-only commitments by month, so delivered counts more than military aid here." +
        (series.embeddedInsteadOfUser
          ? ` Your aid data (${scenario.edition.aid.release}) carries allocations only, so the commitments come from` +
            " the embedded release."
          : ""),
  ];
  if (window.notCovered.length > 0) {
    notes.push(
      `Not covered by the data: ${monthListWords(window.notCovered)} (${series.release} covers` +
        ` ${monthWords(series.firstMonth)} to ${monthWords(series.lastMonth)}). Delivered counts the other` +
        ` ${window.monthsWithData} months of the window only, so it may understate what was delivered.`
    );
  }
  const untracked = rows.filter((row) => !row.tracked);
  if (untracked.length > 0) {
    notes.push(
      `${listWords(
        untracked.map((row) => row.name),
        8
      )}: not tracked by the Kiel Ukraine Support Tracker, so what ${untracked.length === 1 ? "it" : "they"}` +
        ` delivered is unknown, not 0: no delivered aid or gap is shown, and the totals of delivered aid and gaps` +
        ` leave ${untracked.length === 1 ? "it" : "them"} out (fair share ${money(totals.fairShareNotTracked)}).`
    );
  }
  if (eu !== null) {
    notes.push(
      eu.instruments.length === 0
        ? "count-eu: no counted EU instrument falls in the window, so nothing is added to delivered."
        : `count-eu: delivered includes each EU member's share of ${listWords(eu.instruments.map((i) => i.id))} in the` +
            ` window, ${money(eu.roundedTotal)} in all: an instrument's yearly amount counts in proportion to its` +
            " months in the window (a year's amount spread evenly over its 12 months), attributed by GNI over its" +
            " participating states and rounded to the unit with the totals kept."
    );
  }
  const exempt = rows.filter((row) => row.constraint === "exempt").map((row) => row.code);
  if (exempt.length > 0) {
    notes.push(
      `${listWords(exempt, 8)}: exempt, so ${exempt.length === 1 ? "its fair share is" : "their fair shares are"} 0;` +
        " any aid delivered shows as beyond the fair share (a negative gap)."
    );
  }
  notes.push(
    `Coverage: ${percentWords(totals.coverage.toDecimalPlaces(4).toFixed())} of the pledge delivered` +
      ` (${money(totals.delivered)} of ${money(totals.pledge)}); shortfalls add up to ${money(totals.shortfall)}` +
      " (what the pledge still needs if no one's surplus counts for others)."
  );
  return [...notes, ...scenario.notes];
}
