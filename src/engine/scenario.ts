import { EU_GNI, type EuInstrumentKey, type EuInstrumentRecord } from "../data";
import { allocate, type Allocation, type AllocationRequest, type AmountRule, type ContributorInput } from "./allocate";
import { codeWithName, isCountryName, resolveCode, type CodeScope } from "./codes";
import { Dec, ONE, ZERO, sumDec } from "./decimal";
import { aidEurBn, embeddedEdition, type Edition, type EditionAlly, type EditionSource } from "./edition";
import { perEdition } from "./edition-cache";
import { FairShareError, fail, isFairShareError } from "./errors";
import { parseFractionText, terminates, toDecimal, type Fraction } from "./fraction";
import {
  attributeInstruments,
  euOverlap,
  instrumentAttribution,
  type Attribution,
  type ContributingState,
  type InstrumentAttribution,
  type InstrumentInput,
  type Overlap,
} from "./overlap";
import {
  INSTRUMENT_ID,
  PARAMETERS,
  PARAMETER_DEFAULTS,
  YEAR_RANGE,
  appliesTo,
  isParameterName,
  itemWords,
  parameter,
  percentWords,
  type ParameterName,
  type ScenarioUse,
} from "./parameters";
import {
  displayNumber,
  isBlank,
  parseAmount,
  parseChoice,
  parseCode,
  parseCodeValues,
  parseGivenList,
  parseWholeNumber,
  refuseRepeat,
  type RawValue,
} from "./parse";
import { profileWeights, schedule, wholeUnits, type Profile, type Schedule } from "./schedule";
import { ratioRules, readAmount, readChoice, readMonth, readRate, readRatio, readWeight, readWhole } from "./values";
import { amountWords, dividingUnits, listWords } from "./words";

/** A contributor given by the user (a row of a range) instead of, or on top of, the embedded data. */
export interface ContributorData {
  readonly code: RawValue;
  readonly name?: RawValue;
  /** Its basis value: GDP (in the currency) for the gdp and pct-gdp methods, the key value for method key. */
  readonly basis?: RawValue;
  /** Its bilateral aid in the credit window, in the currency. */
  readonly aid?: RawValue;
}

/** An EU instrument given by the user, in the currency; spread evenly over its years. Always counted. */
export interface InstrumentData {
  readonly id: string;
  readonly name?: string;
  readonly amount: RawValue;
  readonly firstYear: RawValue;
  readonly lastYear: RawValue;
  /** Who takes part, as eu-add writes it: "EU27" (the default), "EU27 -HUN -SVK" or codes "DEU FRA". */
  readonly states?: RawValue;
  /** Military aid (the default) or not: yes/no, TRUE/FALSE. */
  readonly military?: RawValue;
  /** Whether member states pay for it (the default) or not: yes/no, TRUE/FALSE. */
  readonly cost?: RawValue;
}

/** A scenario as the user states it: parameters by name (see parameters.ts), plus optional data of the user's own. */
export type ScenarioSpec = Partial<Record<ParameterName, RawValue>> & {
  readonly contributorData?: readonly ContributorData[];
  readonly instrumentData?: readonly InstrumentData[];
  /**
   * The data edition to compute on (readEdition, once, for any number of scenarios); the embedded edition when left
   * out. The `data` parameter names it (a file, a sheet) and needs it.
   */
  readonly edition?: Edition;
};

export type Method = "gdp" | "pct-gdp" | "key" | "blend";
export type Currency = "EUR" | "USD";
/** One of the edition's blend bases: gdpYEAR (a GDP year of the data), population, gni or key. */
type BlendBasis = string;

export interface ScenarioContributor extends ContributorInput {
  readonly euMember: boolean;
  /**
   * Its basis had it not been exempt (its basis, for one who pays): what a sheet shows, so that un-exempting it there
   * needs no other figure. With a blend, its blended value over all the contributors.
   */
  readonly basisBeforeExemption: Dec;
}

/** The parameter schema's defaults, parsed: what a parameter left empty means. */
export interface ScenarioDefaults {
  readonly total: Dec;
  readonly unit: Dec;
  readonly years: number;
  readonly startYear: number;
  readonly credit: Dec;
  readonly overlapThreshold: Dec;
}

/** An EU instrument the scenario counts: the engine's input plus what the notes and reports say about it. */
export interface ScenarioInstrument extends InstrumentInput {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Total over its years, in the currency. */
  readonly amount: Dec;
  readonly military: boolean;
  readonly costToMembers: boolean;
  /** How its cost falls; null for an instrument the user added. */
  readonly key: EuInstrumentKey | null;
  /** The states it is attributed over: its participants among eu-states (none: attributed to nobody). */
  readonly states: readonly string[];
  /** Its own participating states, before eu-states narrows them to `states`. */
  readonly participants: readonly string[];
  /** True when the user added it (eu-add), false for one of the embedded data. */
  readonly added: boolean;
}

/** A validated scenario: every parameter parsed and checked, every default filled in and visible. */
export interface Scenario {
  readonly currency: Currency;
  readonly usdPerEur: Dec | null;
  readonly method: Method;
  readonly amount: AmountRule;
  /** With method pct-gdp: the fraction of its GDP each pays a year (0.0025 is 0.25%); else null. */
  readonly pctGdp: Dec | null;
  readonly years: number;
  readonly startYear: number;
  readonly profile: Profile;
  readonly yearWeights: Dec[];
  readonly gdpYear: number;
  readonly blend: ReadonlyMap<BlendBasis, Dec> | null;
  /** Fraction of each contributor's bilateral aid credited, 0 to 1 (its nearest decimal when exactCredit is set). */
  readonly credit: Dec;
  /** The credit exactly when it was given as a fraction a/b with no finite decimal (what solve prints); else null. */
  readonly exactCredit: Fraction | null;
  readonly aidWindow: { readonly from: string; readonly to: string } | null;
  /** The largest yearly payment as a fraction of GDP (0.0025 is 0.25%), or null. */
  readonly maxPctGdp: Dec | null;
  readonly unit: Dec;
  readonly contributors: ScenarioContributor[];
  readonly instruments: ScenarioInstrument[];
  /** The eu-states override (all 27 when not given): every instrument is attributed over its states among these. */
  readonly euStates: string[];
  /** A year is flagged when EU overlap is at least this fraction of the allocation (0.5 is 50%). */
  readonly overlapThreshold: Dec;
  /** Caveats a reader must see beside the result (data gaps, conversions, approximations, the limits set). */
  readonly notes: string[];
  /** The ids of the datasets this scenario's figures come from (scenario.edition.sourceById gives each). */
  readonly sources: string[];
  /** The data edition the scenario was computed on. */
  readonly edition: Edition;
  /** What each parameter left empty means, so that no caller resolves an empty scenario to find out. */
  readonly defaults: ScenarioDefaults;
  /** The embedded EU instruments the scenario does not count, as it would count them (currency, eu-states). */
  readonly instrumentsLeftOut: readonly ScenarioInstrument[];
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly allocation: Allocation;
  /** The counted instruments attributed to the contributing states, with each instrument's workings. */
  readonly attribution: Attribution;
  readonly overlap: Overlap;
  /**
   * The workings of each instrument the scenario leaves out (scenario.instrumentsLeftOut), on the allocation's years:
   * what counting it would attribute to whom.
   */
  readonly attributionLeftOut: readonly InstrumentAttribution[];
}

const BILLION = new Dec("1e9");
/** The 27 EU member states, in the GNI data's order: who they are is not part of an edition, only their GNI is. */
const MEMBER_CODES: readonly string[] = EU_GNI.map((record) => record.iso3);

/** The user's values, read with the schema's defaults, and what resolving them collects: notes and sources. */
class SpecReader {
  readonly notes: string[] = [];
  readonly sources = new Set<string>();

  constructor(
    readonly spec: ScenarioSpec,
    readonly edition: Edition,
    readonly use: ScenarioUse = "allocate"
  ) {}

  /** Records that the scenario uses a dataset: it is listed among the sources. */
  cite(source: EditionSource): void {
    this.sources.add(source.id);
  }

  given(name: ParameterName): boolean {
    return !isBlank(this.spec[name]);
  }

  /** The user's value, or the parameter's default from the one table of defaults. */
  value(name: ParameterName): RawValue {
    return this.given(name) ? this.spec[name] : PARAMETER_DEFAULTS[name];
  }

  /** Refuses a parameter that would have no effect: an input silently ignored is a wrong number waiting. */
  refuse(name: ParameterName, when: string, fix: string): void {
    if (this.given(name)) fail("NOT_ALLOWED", name, { when, fix });
  }
}

/**
 * Why each parameter has no effect in the use it does not apply to (parameters.ts: `uses`), and what to do instead:
 * given there, it is refused with these words.
 */
const OUTSIDE_USE: Partial<Record<ParameterName, { readonly why: string; readonly fix: string }>> = {
  from: {
    why: "it sets the first month of track's window",
    fix: "Clear it; allocate's years are start and years, its aid window aid-from and aid-to.",
  },
  to: {
    why: "it sets the last month of track's window",
    fix: "Clear it; allocate's years are start and years, its aid window aid-from and aid-to.",
  },
  delivered: {
    why: "it says what track counts as delivered",
    fix: "Clear it; allocate counts bilateral aid toward each share with credit.",
  },
  "count-eu": {
    why: "it makes track count EU instruments as delivered",
    fix: "Clear it; allocate shows the EU instruments (eu) as overlap beside each allocation.",
  },
  credit: {
    why: "track measures each contributor's delivered aid against its fair share, so a credit would count that aid twice",
    fix: "Clear credit.",
  },
  "aid-from": {
    why: "track's window is from and to (or start and years), for the pledge and the aid alike",
    fix: "Clear aid-from; give the window as from and to.",
  },
  "aid-to": {
    why: "track's window is from and to (or start and years), for the pledge and the aid alike",
    fix: "Clear aid-to; give the window as from and to.",
  },
  profile: {
    why: "track measures the pledge over its whole window, not year by year",
    fix: "Clear profile.",
  },
  "pct-gdp": {
    why: "track measures against a pledge of a fixed amount",
    fix: "Clear pct-gdp; give the pledge as total or per-year.",
  },
  "overlap-threshold": {
    why: "track has no overlap to flag: with count-eu the EU instruments count as delivered",
    fix: "Clear overlap-threshold.",
  },
};

/** Refuses every given parameter that has no effect in the reader's use. */
function refuseOutsideUse(reader: SpecReader): void {
  for (const entry of PARAMETERS) {
    if (appliesTo(entry, reader.use) || !reader.given(entry.name)) continue;
    const words = OUTSIDE_USE[entry.name];
    reader.refuse(
      entry.name,
      `with ${reader.use}${words === undefined ? "" : ` (${words.why})`}`,
      words?.fix ?? `Clear ${entry.name}.`
    );
  }
}

/**
 * Parses and checks a scenario against its data edition (spec.edition, or the embedded one); throws a FairShareError
 * naming the first bad input. `use` says what the scenario is read for: a parameter with no effect there is refused
 * (see OUTSIDE_USE). For track, the caller reads track's own parameters (from, to, delivered, count-eu) and leaves them
 * out of the spec.
 */
export function resolveScenario(spec: ScenarioSpec, use: ScenarioUse = "allocate"): Scenario {
  const edition = spec.edition ?? embeddedEdition();
  if (spec.edition === undefined && !isBlank(spec.data)) {
    fail("DATA_FILE", "data", {
      problem: `"${String(spec.data)}" names data that was not read`,
      fix: "On the command line give --data FILE; in a sheet, =FAIRSHARE.EDITION('Fair Share data'!A1:AZ200) as the data value.",
    });
  }
  const reader = new SpecReader(spec, edition, use);
  refuseOutsideUse(reader);
  const money = resolveCurrency(reader);
  const timing = resolveTiming(reader);
  const method = resolveMethod(reader);
  if (use === "track" && method.method === "pct-gdp") {
    fail("NOT_ALLOWED", "method", {
      when: "with track (track measures against a pledge of a fixed amount; with pct-gdp the total follows)",
      fix: "Use method gdp, key or blend, and give the pledge as total or per-year.",
    });
  }
  const unit = readAmount("unit", reader.value("unit"));
  const { amount, pctGdp } = resolveAmount(reader, method.method, timing, unit, money.currency);
  const { credit, exactCredit } = readCredit(reader.value("credit"));
  const maxPctGdp = reader.given("max-pct-gdp") ? readRatio("max-pct-gdp", spec["max-pct-gdp"]) : null;
  const base = resolveBase(reader);
  const keyValues =
    method.method === "key" || method.blend?.has("key") ? parseKey(spec.key, base.contributors, base.scope) : null;
  if (method.blend && !method.blend.has("key") && base.contributors.some((c) => c.basis !== null)) {
    fail("NOT_ALLOWED", "basis", {
      when: "with a blend of embedded bases",
      fix: "Add key to the blend to use your basis values, or drop the basis range.",
    });
  }
  const aid = resolveAid(reader, base.contributors, credit, timing.startYear, money.usdPerEur);
  const gdpByCode = resolveGdp(reader, base.contributors, method, maxPctGdp !== null, money.fromEur);
  const limits = resolveLimits(reader, base, method.method);
  const contributors = buildContributors(reader, base.contributors, method, keyValues, gdpByCode, aid.byCode, limits);
  const eu = resolveEu(reader, money.usdPerEur, { first: timing.startYear, last: timing.startYear + timing.years - 1 });
  describeLimits(reader, { pctGdp, credit, maxPctGdp, limits, contributors });
  describeEdition(reader, method.gdpYear);
  // Few callers list the instruments left out: made on first use.
  const leftOutOf = (): ScenarioInstrument[] =>
    instrumentsLeftOut(edition, eu.instruments, money.usdPerEur, eu.euStates);
  const fields: ScenarioFields = {
    currency: money.currency,
    usdPerEur: money.usdPerEur,
    method: method.method,
    amount,
    pctGdp,
    years: timing.years,
    startYear: timing.startYear,
    profile: timing.profile,
    yearWeights: timing.yearWeights,
    gdpYear: method.gdpYear,
    blend: method.blend,
    credit,
    exactCredit,
    aidWindow: aid.window,
    maxPctGdp,
    unit,
    contributors,
    instruments: eu.instruments,
    euStates: eu.euStates,
    overlapThreshold: eu.overlapThreshold,
    notes: reader.notes,
    sources: [...reader.sources],
    edition,
    defaults: scenarioDefaults(),
  };
  return new ResolvedScenario(fields, leftOutOf);
}

/** A scenario's fields but the instruments left out, which it makes on first use. */
type ScenarioFields = Omit<Scenario, "instrumentsLeftOut">;

/**
 * A resolved scenario. A class with its fields set one by one rather than an object literal with a getter: V8 makes
 * such a literal about ten times slower (microseconds), and a sweep resolves thousands of scenarios.
 */
class ResolvedScenario implements Scenario {
  readonly currency: Currency;
  readonly usdPerEur: Dec | null;
  readonly method: Method;
  readonly amount: AmountRule;
  readonly pctGdp: Dec | null;
  readonly years: number;
  readonly startYear: number;
  readonly profile: Profile;
  readonly yearWeights: Dec[];
  readonly gdpYear: number;
  readonly blend: ReadonlyMap<BlendBasis, Dec> | null;
  readonly credit: Dec;
  readonly exactCredit: Fraction | null;
  readonly aidWindow: Scenario["aidWindow"];
  readonly maxPctGdp: Dec | null;
  readonly unit: Dec;
  readonly contributors: ScenarioContributor[];
  readonly instruments: ScenarioInstrument[];
  readonly euStates: string[];
  readonly overlapThreshold: Dec;
  readonly notes: string[];
  readonly sources: string[];
  readonly edition: Edition;
  readonly defaults: ScenarioDefaults;
  private leftOut?: ScenarioInstrument[];

  constructor(
    fields: ScenarioFields,
    private readonly leftOutOf: () => ScenarioInstrument[]
  ) {
    this.currency = fields.currency;
    this.usdPerEur = fields.usdPerEur;
    this.method = fields.method;
    this.amount = fields.amount;
    this.pctGdp = fields.pctGdp;
    this.years = fields.years;
    this.startYear = fields.startYear;
    this.profile = fields.profile;
    this.yearWeights = fields.yearWeights;
    this.gdpYear = fields.gdpYear;
    this.blend = fields.blend;
    this.credit = fields.credit;
    this.exactCredit = fields.exactCredit;
    this.aidWindow = fields.aidWindow;
    this.maxPctGdp = fields.maxPctGdp;
    this.unit = fields.unit;
    this.contributors = fields.contributors;
    this.instruments = fields.instruments;
    this.euStates = fields.euStates;
    this.overlapThreshold = fields.overlapThreshold;
    this.notes = fields.notes;
    this.sources = fields.sources;
    this.edition = fields.edition;
    this.defaults = fields.defaults;
  }

  get instrumentsLeftOut(): readonly ScenarioInstrument[] {
    return (this.leftOut ??= this.leftOutOf());
  }
}

/**
 * The credit: a ratio (50%, 0.5), or an exact fraction a/b of whole numbers (7/20, 1234/5678), the form solve prints
 * for a credit with no finite decimal. A fraction with a finite decimal is that decimal.
 */
function readCredit(value: RawValue): { credit: Dec; exactCredit: Fraction | null } {
  const exact = typeof value === "string" ? parseFractionText(value) : null;
  if (exact === null) return { credit: readRatio("credit", value), exactCredit: null };
  if (exact.numerator < 0n || exact.numerator > exact.denominator) {
    fail("RATIO_OUT_OF_RANGE", "credit", {
      value: `${String(value).trim()} (${percentWords(toDecimal(exact).toSignificantDigits(6).toFixed())})`,
      min: percentWords("0"),
      max: percentWords("1"),
      of: "of each contributor's aid",
      example: "1/3",
    });
  }
  const credit = toDecimal(exact);
  return terminates(exact) ? { credit, exactCredit: null } : { credit, exactCredit: exact };
}

let defaults: ScenarioDefaults | undefined;

/** The schema's defaults, parsed once. */
function scenarioDefaults(): ScenarioDefaults {
  return (defaults ??= {
    total: readAmount("total", PARAMETER_DEFAULTS.total),
    unit: readAmount("unit", PARAMETER_DEFAULTS.unit),
    years: readWhole("years", PARAMETER_DEFAULTS.years),
    startYear: readWhole("start", PARAMETER_DEFAULTS.start),
    credit: readRatio("credit", PARAMETER_DEFAULTS.credit),
    overlapThreshold: readRatio("overlap-threshold", PARAMETER_DEFAULTS["overlap-threshold"]),
  });
}

/** Currency and rate: EUR, or USD at the user's rate, with the conversion of the euro data. */
function resolveCurrency(reader: SpecReader): {
  currency: Currency;
  usdPerEur: Dec | null;
  fromEur: (eur: Dec) => Dec;
} {
  const currency = readChoice<Currency>("currency", reader.value("currency"));
  const usdPerEur = reader.given("usd-per-eur") ? readRate("usd-per-eur", reader.spec["usd-per-eur"]) : null;
  if (currency === "USD" && usdPerEur === null) {
    fail("MISSING", "usd-per-eur", {
      when: "when currency is USD",
      fix: "Give US dollars per euro, e.g. 1.08 (NATO used 1.078376 for 2024).",
    });
  }
  if (currency === "EUR") {
    reader.refuse("usd-per-eur", "when currency is EUR", "Clear usd-per-eur, or set currency USD.");
    return { currency, usdPerEur: null, fromEur: fromEurAt(null) };
  }
  const rate = usdPerEur as Dec;
  reader.notes.push(`Amounts in USD at ${rate.toFixed()} USD per EUR; euro data converted at that rate.`);
  return { currency, usdPerEur: rate, fromEur: fromEurAt(rate) };
}

/**
 * Why the engine refuses a scenario's inputs, in its words (its error's message), or undefined when it takes them:
 * for callers that check stated inputs (a stored scenario) without computing with them.
 */
export function scenarioProblem(spec: ScenarioSpec, use: ScenarioUse = "allocate"): string | undefined {
  try {
    resolveScenario(spec, use);
    return undefined;
  } catch (error) {
    if (isFairShareError(error) && error.code !== "INTERNAL") return error.message;
    throw error;
  }
}

/** Euro data in a scenario's currency: as it is in euros, times the rate in US dollars. */
export function fromEurAt(usdPerEur: Dec | null): (eur: Dec) => Dec {
  return usdPerEur === null ? (eur) => eur : (eur) => eur.times(usdPerEur);
}

/** An ally's GDP of a year of the edition, in the scenario's currency (the year must be one the edition has). */
export function editionGdp(ally: EditionAlly, year: number, fromEur: (eur: Dec) => Dec): Dec {
  return fromEur(ally.gdpEur.get(year) as Dec);
}

/** Refuses years that run past the schema's last year (YEAR_RANGE), which bounds every year a scenario touches. */
function checkLastYear(argument: string, startYear: number, years: number): void {
  const max = Number(YEAR_RANGE.max);
  const last = startYear + years - 1;
  if (last <= max) return;
  const most = max - startYear + 1;
  fail("YEARS_PAST_END", argument, {
    years,
    start: startYear,
    last,
    max,
    most: `${most} ${most === 1 ? "year" : "years"}`,
    latest: max - years + 1,
  });
}

/** Years, start and profile. */
function resolveTiming(reader: SpecReader): {
  years: number;
  startYear: number;
  profile: Profile;
  yearWeights: Dec[];
} {
  const years = readWhole("years", reader.value("years"));
  const startYear = readWhole("start", reader.value("start"));
  checkLastYear(reader.given("years") ? "years" : "start", startYear, years);
  const profile = parseProfile(reader.value("profile"));
  return { years, startYear, profile, yearWeights: profileWeights(profile, years) };
}

interface MethodChoice {
  readonly method: Method;
  readonly gdpYear: number;
  readonly blend: Map<BlendBasis, Dec> | null;
}

/** The method, its GDP year and blend, refusing a key or blend the method would not use. */
function resolveMethod(reader: SpecReader): MethodChoice {
  const method = readChoice<Method>("method", reader.value("method"));
  const gdpYear = reader.given("gdp-year") ? readGdpYear(reader) : reader.edition.latestGdpYear;
  const blend = method === "blend" ? parseBlend(reader.spec.blend, reader.edition) : null;
  if (method !== "blend") reader.refuse("blend", `with method ${method}`, "Clear blend, or use method blend.");
  if (method !== "key" && !blend?.has("key")) {
    reader.refuse("key", `with method ${method}`, "Clear key, or use method key (or key in a blend).");
  }
  return { method, gdpYear, blend };
}

/** gdp-year: a year the edition has GDP for. */
function readGdpYear(reader: SpecReader): number {
  const { gdpYears } = reader.edition;
  const value = reader.spec["gdp-year"];
  const year = parseWholeNumber("gdp-year", value, Number(YEAR_RANGE.min), Number(YEAR_RANGE.max));
  if (!gdpYears.includes(year)) {
    fail("NO_YEAR", "gdp-year", {
      value: year,
      what: "GDP",
      years: listWords(gdpYears.map(String), gdpYears.length),
      fix: `Give one of them, or bring GDP ${year} in your data (a gdp_${year}_eur_bn column).`,
    });
  }
  return year;
}

/**
 * A fixed total that is a whole number of units (given as total, or as per-year x years with a flat profile), or a
 * percent of GDP each (the total follows).
 */
function resolveAmount(
  reader: SpecReader,
  method: Method,
  timing: { readonly years: number; readonly profile: Profile },
  unit: Dec,
  currency: Currency
): { amount: AmountRule; pctGdp: Dec | null } {
  if (method === "pct-gdp") {
    reader.refuse(
      "per-year",
      "with method pct-gdp",
      "The yearly amounts follow from pct-gdp: clear per-year, or use method gdp."
    );
    reader.refuse("total", "with method pct-gdp", "The total follows from pct-gdp: clear total, or use method gdp.");
    if (!reader.given("pct-gdp")) {
      fail("MISSING", "pct-gdp", { when: "with method pct-gdp", fix: "Give a share of GDP, e.g. 0.25%." });
    }
    if (timing.profile.kind !== "flat") {
      fail("NOT_ALLOWED", "profile", {
        when: "with method pct-gdp (each year is that share of GDP)",
        fix: "Use profile flat, or method gdp with a total.",
      });
    }
    const pctGdp = readRatio("pct-gdp", reader.spec["pct-gdp"]);
    return { amount: { kind: "shareOfGdp", share: pctGdp }, pctGdp };
  }
  reader.refuse("pct-gdp", `with method ${method}`, "Clear pct-gdp, or use method pct-gdp.");
  const byYear = reader.given("per-year");
  const total = byYear ? perYearTotal(reader, timing, unit, currency) : readAmount("total", reader.value("total"));
  // Named after what the user changed: a unit that does not divide the default total is the unit's fault.
  const amountName = byYear ? "per-year" : "total";
  const blame = reader.given(amountName) || !reader.given("unit") ? amountName : "unit";
  checkUnitDivides(blame, total, unit, currency);
  wholeUnits(total, unit, blame);
  return { amount: { kind: "total", total }, pctGdp: null };
}

/** per-year x years: the other way to give the size of a fixed total, meaningful only when every year is equal. */
function perYearTotal(
  reader: SpecReader,
  timing: { readonly years: number; readonly profile: Profile },
  unit: Dec,
  currency: Currency
): Dec {
  if (reader.given("total")) {
    fail("NOT_ALLOWED", "per-year", { when: "with total", fix: "Give either total or per-year, not both." });
  }
  if (timing.profile.kind !== "flat") {
    fail("NOT_ALLOWED", "per-year", {
      when: `with profile ${timing.profile.kind} (per-year is the same amount every year)`,
      fix: "Use profile flat, or give the total over all years instead.",
    });
  }
  const perYear = readAmount("per-year", reader.spec["per-year"]);
  // Each year's amount must itself be whole units, or the flat years could not all be equal.
  checkUnitDivides("per-year", perYear, unit, currency, true);
  wholeUnits(perYear, unit, "per-year");
  return perYear.times(timing.years);
}

/** A total that is not a whole number of units is refused in words, with units that would divide it. */
function checkUnitDivides(argument: string, total: Dec, unit: Dec, currency: string, perYear = false): void {
  if (total.div(unit).isInteger()) return;
  const divisors = dividingUnits(total, unit).map((candidate) => amountWords(candidate, currency));
  fail("UNIT_DOES_NOT_DIVIDE", argument, {
    amount: perYear ? `${amountWords(total, currency)} a year` : `the total ${amountWords(total, currency)}`,
    unit: amountWords(unit, currency),
    divisors: divisors.length > 0 ? divisors.join(" or ") : "a smaller unit",
  });
}

interface BaseContributor {
  readonly code: string;
  readonly name: string;
  /** The user's basis value, or null to use the embedded data. */
  readonly basis: Dec | null;
  /** The user's aid figure, or null to use the embedded data. */
  readonly aid: Dec | null;
}

/** The contributors before any rule, and the scope their codes are read in (for exempt, cap, floor, key). */
interface Base {
  readonly contributors: BaseContributor[];
  readonly scope: CodeScope;
}

/** Contributors: the user's rows, or the embedded allies (all, or those listed). */
function resolveBase(reader: SpecReader): Base {
  const rows = reader.spec.contributorData ?? [];
  if (rows.length > 0) {
    reader.refuse("contributors", "with contributor ranges", "Either pass ranges or list codes, not both.");
    const contributors = userContributors(rows, reader.edition);
    return {
      contributors,
      scope: { allowed: contributors.map((c) => c.code), what: "one of the contributors", universe: "own" },
    };
  }
  const contributors = embeddedContributors(reader.spec.contributors, reader.edition);
  const chosen = reader.given("contributors");
  return {
    contributors,
    scope: {
      allowed: contributors.map((c) => c.code),
      what: chosen ? "one of the contributors" : "one of the 32 allies",
      universe: "allies",
      contributorsChosen: chosen,
    },
  };
}

/** Aid: the user's figures, or Kiel's in the window. */
function resolveAid(
  reader: SpecReader,
  base: readonly BaseContributor[],
  credit: Dec,
  startYear: number,
  usdPerEur: Dec | null
): { window: Scenario["aidWindow"]; byCode: Map<string, Dec> } {
  let window: Scenario["aidWindow"] = null;
  const byCode = new Map<string, Dec>();
  const needsEmbeddedAid = credit.gt(0) ? base.filter((c) => c.aid === null) : [];
  if (needsEmbeddedAid.length > 0) {
    const aidWindow = parseAidWindow(reader, startYear);
    window = aidWindow;
    const { aid } = reader.edition;
    const aidInCurrency = embeddedAid(reader.edition, aidWindow, usdPerEur);
    reader.cite(reader.edition.sourceOf("aid"));
    for (const c of needsEmbeddedAid) {
      if (!reader.edition.ally(c.code) && !aid.tracked(c.code)) {
        fail("NO_FIGURE", "credit", {
          field: "bilateral aid",
          code: c.code,
          fix: "Give its aid in an aid range, or set credit to 0.",
        });
      }
      byCode.set(c.code, aidInCurrency(c.code));
    }
    const untracked = needsEmbeddedAid.filter((c) => aid.notTracked.includes(c.code)).map((c) => c.name);
    if (untracked.length > 0) {
      reader.notes.push(`${listWords(untracked)}: not tracked by the Kiel Ukraine Support Tracker; aid counted as 0.`);
    }
  }
  if (window === null && (reader.given("aid-from") || reader.given("aid-to"))) {
    reader.notes.push(
      `The aid window is not used: ${credit.gt(0) ? "every contributor's aid is given" : "credit is 0"}.`
    );
  }
  for (const c of base) if (c.aid !== null) byCode.set(c.code, c.aid);
  return { window, byCode };
}

/**
 * Each donor's embedded aid in the window, in the scenario's currency (not billions), worked out once per edition,
 * window and rate: the sum over the months and the conversion are the same for every scenario that shares them.
 */
function embeddedAid(
  edition: Edition,
  window: { readonly from: string; readonly to: string },
  usdPerEur: Dec | null
): (code: string) => Dec {
  const key = `aid|${window.from}|${window.to}|${usdPerEur?.toString() ?? "EUR"}`;
  const byCode = perEdition(edition, key, () => new Map<string, Dec>());
  const fromEur = fromEurAt(usdPerEur);
  return (code) => {
    let amount = byCode.get(code);
    if (amount === undefined) {
      amount = fromEur(aidEurBn(edition, code, window.from, window.to).times(BILLION));
      byCode.set(code, amount);
    }
    return amount;
  };
}

/** GDP in the currency where the method or the GDP cap needs it: the user's basis, or the embedded figure. */
function resolveGdp(
  reader: SpecReader,
  base: readonly BaseContributor[],
  { method, gdpYear }: MethodChoice,
  gdpCapped: boolean,
  fromEur: (eur: Dec) => Dec
): Map<string, Dec> {
  const byGdp = method === "gdp" || method === "pct-gdp";
  const needsGdp = byGdp || gdpCapped;
  const gdpByCode = new Map<string, Dec>();
  let usesEmbeddedGdp = false;
  for (const c of base) {
    if (c.basis !== null && byGdp) gdpByCode.set(c.code, c.basis);
    else if (needsGdp) {
      const ally = reader.edition.ally(c.code);
      if (!ally) {
        if (byGdp) fail("NO_FIGURE", "basis", { field: "GDP", code: c.code, fix: "Give its GDP as its basis value." });
        fail("NO_FIGURE", "max-pct-gdp", {
          field: "GDP",
          code: c.code,
          fix: "Give only allies, or clear max-pct-gdp.",
        });
      }
      gdpByCode.set(c.code, editionGdp(ally, gdpYear, fromEur));
      usesEmbeddedGdp = true;
      reader.cite(reader.edition.sourceOf("gdp", gdpYear));
    }
  }
  if (!usesEmbeddedGdp) {
    reader.refuse(
      "gdp-year",
      "when no GDP of the data is used (method key or blend, or your own basis values)",
      `Clear gdp-year; a blend names its GDP year itself (${reader.edition.blendBases.filter((b) => b.startsWith("gdp")).join(", ")}).`
    );
  }
  const embeddedGdpYear = reader.edition.sourceOf("gdp", gdpYear).origin === "embedded";
  if (usesEmbeddedGdp && embeddedGdpYear && base.some((c) => c.code === "LUX" && c.basis === null)) {
    reader.notes.push(
      "Luxembourg: NATO's GDP figure appears to be GNI from 2023; its GDP share is understated by roughly 30%."
    );
  }
  return gdpByCode;
}

interface Limits {
  readonly exempt: Set<string>;
  readonly caps: Map<string, Dec>;
  readonly floors: Map<string, Dec>;
  /** Whether cap and floor were one ratio for everyone. */
  readonly uniformCap: boolean;
  readonly uniformFloor: boolean;
}

/** Exemptions, caps and floors, refusing a limit that could have no effect. */
function resolveLimits(reader: SpecReader, base: Base, method: Method): Limits {
  const codes = base.contributors.map((c) => c.code);
  const exempt = parseCodeSet("exempt", reader.spec.exempt, base.scope);
  if (exempt.size === codes.length) fail("EVERYONE_EXEMPT", "exempt");
  const cap = parseShareLimits("cap", reader.spec.cap, base.scope, exempt);
  const floor = parseShareLimits("floor", reader.spec.floor, base.scope, exempt);
  if (method === "pct-gdp" && (cap.limits.size > 0 || floor.limits.size > 0)) {
    fail("NOT_ALLOWED", cap.limits.size > 0 ? "cap" : "floor", {
      when: "with method pct-gdp (the total is not fixed)",
      fix: "Use max-pct-gdp to limit payments, or method gdp with a total.",
    });
  }
  return {
    exempt,
    caps: cap.limits,
    floors: floor.limits,
    uniformCap: cap.uniform,
    uniformFloor: floor.uniform,
  };
}

/** Each contributor with its basis by the method, its GDP, aid and limits. */
function buildContributors(
  reader: SpecReader,
  base: readonly BaseContributor[],
  { method, blend }: MethodChoice,
  keyValues: Map<string, Dec> | null,
  gdpByCode: Map<string, Dec>,
  aidByCode: Map<string, Dec>,
  { exempt, caps, floors }: Limits
): ScenarioContributor[] {
  const paying = base.filter((c) => !exempt.has(c.code));
  let blendShares: Map<BlendBasis, Map<string, Dec>> | null = null;
  const basisFor = (c: BaseContributor): Dec => {
    switch (method) {
      case "gdp":
      case "pct-gdp":
        return gdpByCode.get(c.code) as Dec;
      case "key":
        return (keyValues as Map<string, Dec>).get(c.code) as Dec;
      case "blend": {
        const weights = blend as Map<BlendBasis, Dec>;
        blendShares ??= blendShareTable(weights, paying, keyValues, reader);
        let value = ZERO;
        for (const [basis, weight] of weights) {
          value = value.plus(weight.times(blendShares.get(basis)?.get(c.code) ?? ZERO));
        }
        return value;
      }
    }
  };
  if (method === "key" && paying.every((c) => (keyValues?.get(c.code) ?? ZERO).isZero())) {
    fail("ALL_ZERO", "key", {
      what: "contributor who pays",
      fix: "Give at least one paying contributor a key value above 0.",
    });
  }
  let everyonesBlend: Map<BlendBasis, Map<string, Dec>> | null | undefined;
  const basisBeforeExemption = (c: BaseContributor): Dec => {
    if (method !== "blend") return basisFor(c);
    // A blend's shares are taken over those who pay: un-exempted, it would share them with everyone.
    if (everyonesBlend === undefined) {
      try {
        everyonesBlend = blendShareTable(blend as Map<BlendBasis, Dec>, base, keyValues, null, reader.edition);
      } catch {
        everyonesBlend = null; // a basis it has no figure for (GNI outside the EU): nothing to show
      }
    }
    let value = ZERO;
    for (const [basis, weight] of blend as Map<BlendBasis, Dec>) {
      value = value.plus(weight.times(everyonesBlend?.get(basis)?.get(c.code) ?? ZERO));
    }
    return value;
  };
  return base.map((c) => {
    const isExempt = exempt.has(c.code);
    const basis = isExempt ? ZERO : basisFor(c);
    return {
      code: c.code,
      name: c.name,
      basis,
      basisBeforeExemption: isExempt ? basisBeforeExemption(c) : basis,
      gdp: gdpByCode.get(c.code),
      aid: aidByCode.get(c.code) ?? ZERO,
      exempt: isExempt,
      maxShare: caps.get(c.code),
      minShare: floors.get(c.code),
      euMember: reader.edition.ally(c.code)?.euMember ?? reader.edition.euState(c.code) !== undefined,
    };
  });
}

/** The EU instruments, the states that pay for them, and the overlap threshold; refused when nothing uses them. */
function resolveEu(
  reader: SpecReader,
  usdPerEur: Dec | null,
  span: { readonly first: number; readonly last: number }
): { instruments: ScenarioInstrument[]; euStates: string[]; overlapThreshold: Dec } {
  const euStates = resolveEuStates(reader.spec["eu-states"], reader.edition);
  const instruments = resolveInstruments(reader, usdPerEur, euStates, span);
  if (instruments.length === 0) {
    const when = "with eu none (no EU instruments, so no overlap to attribute or flag)";
    reader.refuse("eu-states", when, "Clear eu-states, or choose instruments in eu (e.g. adopted).");
    reader.refuse("overlap-threshold", when, "Clear overlap-threshold, or choose instruments in eu (e.g. adopted).");
  }
  if (instruments.length > 0) {
    reader.cite(reader.edition.sourceOf("gni"));
    reader.notes.push(
      `EU instruments are attributed by ${reader.edition.gniYear} GNI share rescaled over each instrument's participating states (the per-measure key is not published).`
    );
    if (reader.given("eu-states")) {
      reader.notes.push(
        "eu-states narrows every instrument: each is attributed over those of its own participating states that are listed, by GNI rescaled over them."
      );
    }
  }
  // Track counts the instruments as delivered, in its window, and says so in its own notes.
  if (reader.use === "allocate") {
    reader.notes.push(cachedCoverageNote(instruments, span.first, span.last - span.first + 1));
  }
  const overlapThreshold = readRatio("overlap-threshold", reader.value("overlap-threshold"));
  return { instruments, euStates, overlapThreshold };
}

/** Notes that state the scenario's ratios in percent words, so a misread is visible beside the figures. */
function describeLimits(
  reader: SpecReader,
  facts: {
    pctGdp: Dec | null;
    credit: Dec;
    maxPctGdp: Dec | null;
    limits: Limits;
    contributors: readonly ScenarioContributor[];
  }
): void {
  const percent = (fraction: Dec): string => percentWords(fraction.toFixed());
  const { limits } = facts;
  if (facts.pctGdp !== null) reader.notes.push(`Each contributor pays ${percent(facts.pctGdp)} of its GDP a year.`);
  if (facts.credit.gt(0)) {
    reader.notes.push(`${percent(facts.credit)} of each contributor's bilateral military aid counts toward its share.`);
  }
  if (facts.maxPctGdp !== null) {
    reader.notes.push(`No contributor pays more than ${percent(facts.maxPctGdp)} of its GDP in any year.`);
  }
  const describe = (map: Map<string, Dec>, uniform: boolean, verb: string): void => {
    if (map.size === 0) return;
    if (uniform) {
      const [first] = map.values();
      reader.notes.push(`Every contributor ${verb} ${percent(first)} of the total.`);
      return;
    }
    const named = facts.contributors
      .filter((c) => map.has(c.code))
      .map((c) => `${c.name} ${verb} ${percent(map.get(c.code) as Dec)}`);
    reader.notes.push(`${listWords(named, 8)} of the total.`);
  };
  describe(limits.caps, limits.uniformCap, "capped at");
  describe(limits.floors, limits.uniformFloor, "pays at least");
}

/** A dataset in a few words: "GDP 2024", "EU GNI 2023", "EU instruments". */
function datasetWords(source: EditionSource, edition: Edition, gdpYear: number): string {
  switch (source.dataset) {
    case "gdp":
      return `GDP ${source.origin === "user" || edition.gdpYears.includes(gdpYear) ? gdpYear : ""}`.trim();
    case "population":
      return `population ${edition.populationYear}`;
    case "gni":
      return `EU GNI ${edition.gniYear}`;
    case "instruments":
      return "EU instruments";
    case "aid":
      return `bilateral military aid (${edition.aid.release})`;
  }
}

/**
 * With a user's edition, a note saying which of the figures the scenario uses are the user's (with the file and the
 * vintage it states) and which embedded, and the warnings reading the user's files gave.
 */
function describeEdition(reader: SpecReader, gdpYear: number): void {
  const { edition, notes } = reader;
  if (edition.embedded) return;
  const used = [...reader.sources].map((id) => edition.sourceById(id));
  const words = (source: EditionSource): string => datasetWords(source, edition, gdpYear);
  const yours = used.filter((source) => source.origin === "user");
  const embedded = used.filter((source) => source.origin === "embedded");
  if (yours.length === 0) {
    notes.push(`Your data (${edition.label}) gives none of the figures this scenario uses: they are all embedded.`);
  } else {
    const fromYou = yours.map((source) => `${words(source)} from ${source.file} (vintage ${source.vintage})`);
    const fromUs = embedded.map(words);
    notes.push(
      `Figures from your data: ${listWords(fromYou, 8)}.` +
        (fromUs.length > 0 ? ` From the embedded data: ${listWords(fromUs, 8)}.` : "")
    );
  }
  notes.push(...edition.warnings);
}

/** Resolves the scenario, allocates, attributes the EU instruments and compares them with the allocation. */
export function runScenario(spec: ScenarioSpec): ScenarioResult {
  const scenario = resolveScenario(spec);
  const allocation = allocateInWords(scenario);
  const attribution = cachedAttribution(scenario);
  const euMembers = new Set(scenario.contributors.filter((c) => c.euMember).map((c) => c.code));
  const overlap = euOverlap(allocation, euMembers, attribution, scenario.overlapThreshold);
  return new LazyScenarioResult(scenario, allocation, attribution, overlap);
}

/** A scenario's result; a class for the reason ResolvedScenario is one. */
class LazyScenarioResult implements ScenarioResult {
  private leftOut?: InstrumentAttribution[];

  constructor(
    readonly scenario: Scenario,
    readonly allocation: Allocation,
    readonly attribution: Attribution,
    readonly overlap: Overlap
  ) {}

  get attributionLeftOut(): readonly InstrumentAttribution[] {
    const states = euGniStates(this.scenario.edition);
    const years = this.allocation.years;
    return (this.leftOut ??= this.scenario.instrumentsLeftOut.map((i) => instrumentAttribution(i, states, years)));
  }
}

/**
 * allocate(), with its limit errors told in the scenario's words: amounts as "EUR 160bn (32 x 5%)" rather than
 * 160000000000. The engine's error carries the figures as details; only the wording changes here.
 */
function allocateInWords(scenario: Scenario): Allocation {
  return allocateForScenario(scenario, allocationRequest(scenario));
}

/** allocate() on a request made from a scenario (track's fair shares too), its errors in the scenario's words. */
export function allocateForScenario(scenario: Scenario, request: AllocationRequest): Allocation {
  try {
    return allocate(request);
  } catch (error) {
    throw isFairShareError(error) ? inWords(error, scenario) : error;
  }
}

function inWords(error: FairShareError, scenario: Scenario): FairShareError {
  const { details } = error;
  const money = (key: string): string | null => {
    const value = details[key];
    return value === undefined || !/^-?[\d.]+$/.test(String(value))
      ? null
      : amountWords(new Dec(value), scenario.currency);
  };
  const total = money("total");
  const uniform = (pick: (c: ScenarioContributor) => Dec | undefined): string => {
    const limited = scenario.contributors.filter((c) => !c.exempt && pick(c) !== undefined);
    const values = new Set(limited.map((c) => (pick(c) as Dec).toFixed()));
    return values.size === 1 && limited.length > 1 ? ` (${limited.length} x ${percentWords([...values][0])})` : "";
  };
  switch (error.code) {
    case "FLOORS_TOO_HIGH": {
      const floors = money("floors");
      if (floors === null || total === null) return error;
      return new FairShareError(error.code, error.argument, {
        floors: `${floors}${uniform((c) => c.minShare)}`,
        total,
      });
    }
    case "CAPS_TOO_LOW": {
      const capacity = money("capacity");
      if (capacity === null || total === null) return error;
      const everyone = uniform((c) => c.maxShare);
      const held = scenario.contributors
        .filter((c) => c.exempt || c.maxShare !== undefined)
        .map((c) => `${c.code} ${c.exempt ? "exempt" : `capped at ${percentWords((c.maxShare as Dec).toFixed())}`}`);
      const binding =
        everyone !== "" && scenario.contributors.every((c) => !c.exempt && c.maxShare !== undefined)
          ? `every contributor capped: ${everyone.trim().slice(1, -1)}`
          : held.length > 0
            ? listWords(held)
            : scenario.maxPctGdp !== null
              ? `every contributor at most ${percentWords(scenario.maxPctGdp.toFixed())} of its GDP a year`
              : String(details.binding ?? "");
      return new FairShareError(error.code, error.argument, { capacity, total, binding });
    }
    case "CAP_BELOW_FLOOR": {
      const max = money("max");
      const min = money("min");
      if (max === null || min === null) return error;
      return new FairShareError(error.code, error.argument, { ...details, max, min });
    }
    default:
      return error;
  }
}

/**
 * A donor's bilateral military aid in the aid data from one month to another (both "YYYY-MM", inclusive), in EUR
 * billion: the sum of its monthly allocations. Zero for a donor the tracker does not cover (check edition.aid.tracked).
 * The embedded edition's unless another is given.
 */
export function militaryAidEurBn(
  code: string,
  fromMonth: string,
  toMonth: string,
  edition: Edition = embeddedEdition()
): Dec {
  return aidEurBn(edition, code, fromMonth, toMonth);
}

/** The arguments of a standalone schedule (FAIRSHARE.SCHEDULE), as the user gives them. */
export type ScheduleSpec = Partial<Record<"total" | "years" | "profile" | "start" | "unit", RawValue>>;

/** Parses a total, years, profile, start and unit with the scenario's rules and messages, and schedules the total. */
export function resolveSchedule(spec: ScheduleSpec): Schedule {
  if (isBlank(spec.total))
    fail("MISSING", "total", { when: "for a schedule", fix: "Give the amount to spread, e.g. 100bn." });
  if (isBlank(spec.years))
    fail("MISSING", "years", { when: "for a schedule", fix: "Give the number of years, e.g. 5." });
  const total = readAmount("total", spec.total);
  const years = readWhole("years", spec.years);
  const startYear = readWhole("start", isBlank(spec.start) ? PARAMETER_DEFAULTS.start : spec.start);
  checkLastYear("years", startYear, years);
  const unit = readAmount("unit", isBlank(spec.unit) ? PARAMETER_DEFAULTS.unit : spec.unit);
  const weights = profileWeights(parseProfile(spec.profile), years);
  checkUnitDivides("total", total, unit, "EUR");
  return schedule(total, weights, startYear, unit);
}

/** Attributions kept: scenarios that differ only in how the pledge is split share one. */
const ATTRIBUTION_CACHE_SIZE = 16;
const attributionCache = new Map<string, Attribution>();

/**
 * The EU instruments attributed to the contributing states. It depends only on the instruments (in the currency), the
 * states and the unit, not on the allocation, so it is worked out once per combination (the cache is bounded).
 */
function cachedAttribution(scenario: Scenario): Attribution {
  const instruments = scenario.instruments.map(instrumentKey).join(",");
  const key = JSON.stringify([scenario.edition.id, instruments, scenario.unit.toString()]);
  let attribution = attributionCache.get(key);
  if (attribution === undefined) {
    const named = new Set(scenario.instruments.flatMap((instrument) => instrument.states));
    const states = euGniStates(scenario.edition).filter((state) => named.has(state.code));
    attribution = attributeInstruments(scenario.instruments, states, scenario.unit);
    if (attributionCache.size >= ATTRIBUTION_CACHE_SIZE)
      attributionCache.delete(attributionCache.keys().next().value as string);
    attributionCache.set(key, attribution);
  }
  return attribution;
}

const instrumentKeys = new WeakMap<ScenarioInstrument, string>();
/** Each distinct instrument's short key, by the text of what its attribution depends on. */
const internedKeys = new Map<string, string>();
const INTERNED_KEYS_CAPACITY = 4096;
/** Never reused, so that a key once given names one instrument's figures for good. */
let nextInstrumentKey = 0;

/**
 * A short key for what of an instrument its attribution depends on (its id, yearly amounts and states): equal for
 * equal instruments. Kept with the instrument, as the embedded ones are shared between scenarios (embeddedInstrument)
 * and would otherwise be written out again for every scenario.
 */
function instrumentKey(instrument: ScenarioInstrument): string {
  let key = instrumentKeys.get(instrument);
  if (key === undefined) {
    const text = JSON.stringify([
      instrument.id,
      [...instrument.amountByYear].map(([y, a]) => [y, a.toString()]),
      instrument.states,
    ]);
    key = internedKeys.get(text);
    if (key === undefined) {
      // Bounded like every cache here; clearing it only means new keys for instruments seen again.
      if (internedKeys.size >= INTERNED_KEYS_CAPACITY) internedKeys.clear();
      key = `i${nextInstrumentKey++}`;
      internedKeys.set(text, key);
    }
    instrumentKeys.set(instrument, key);
  }
  return key;
}

const gniStates = new WeakMap<Edition, ContributingState[]>();

/** Every EU member state with its GNI, in the data's order: the key the instruments are attributed by. */
export function euGniStates(edition: Edition): ContributingState[] {
  let states = gniStates.get(edition);
  if (states === undefined) {
    states = edition.euStates.map((state) => ({ code: state.iso3, gni: state.gni }));
    gniStates.set(edition, states);
  }
  return states;
}

/** What allocate() needs from a resolved scenario. */
export function allocationRequest(scenario: Scenario): AllocationRequest {
  return {
    contributors: scenario.contributors,
    amount: scenario.amount,
    startYear: scenario.startYear,
    yearWeights: scenario.yearWeights,
    credit: scenario.credit,
    ...(scenario.exactCredit === null ? {} : { exactCredit: scenario.exactCredit }),
    maxShareOfGdpPerYear: scenario.maxPctGdp ?? undefined,
    unit: scenario.unit,
  };
}

function embeddedContributors(list: RawValue, edition: Edition): BaseContributor[] {
  // Every ally (no list): the same for every scenario on the edition, so made once and shared (read-only).
  if (isBlank(list)) return perEdition(edition, "contributors|all", () => baseOfAllies(edition.allies));
  const wanted = parseCodeSet("contributors", list, {
    allowed: edition.allies.map((ally) => ally.iso3),
    what: "one of the 32 allies",
    universe: "allies",
  });
  return baseOfAllies(wanted.size > 0 ? edition.allies.filter((ally) => wanted.has(ally.iso3)) : edition.allies);
}

function baseOfAllies(allies: readonly EditionAlly[]): BaseContributor[] {
  return allies.map((ally) => ({ code: ally.iso3, name: ally.name, basis: null, aid: null }));
}

function userContributors(rows: readonly ContributorData[], edition: Edition): BaseContributor[] {
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const position = `codes (row ${index + 1})`;
    if (isBlank(row.code)) fail("EMPTY", position, { fix: "Give every row a contributor code." });
    const code = parseCode(position, String(row.code));
    if (seen.has(code)) fail("DUPLICATE_CODE", "codes", { value: code });
    seen.add(code);
    const basis = isBlank(row.basis) ? null : readWeight("key", `basis (${code})`, row.basis, "4274.98");
    const aid = isBlank(row.aid) ? null : readWeight("key", `aid (${code})`, row.aid, "0");
    const name = isBlank(row.name) ? (edition.ally(code)?.name ?? code) : String(row.name).trim();
    return { code, name, basis, aid };
  });
}

function parseProfile(value: RawValue): Profile {
  if (isBlank(value)) return { kind: "flat" };
  const text = String(value).trim().toLowerCase();
  if (text === "flat") return { kind: "flat" };
  if (text === "front" || text === "front-loaded") return { kind: "front" };
  const items = parseGivenList("profile", value, "5,4,3,2,1");
  if (!/^[\d.+-]/.test(items[0] ?? "")) {
    fail("UNKNOWN_CHOICE", "profile", {
      value: String(value),
      choices: "flat, front, or weights W1,W2,... one per year",
    });
  }
  const weights = items.map((item, index) => readWeight("profile", `profile (weight ${index + 1})`, item, "1"));
  if (weights.every((weight) => weight.isZero()))
    fail("ALL_ZERO", "profile", { what: "year", fix: "Give at least one year a weight above 0." });
  return { kind: "custom", weights };
}

function parseBlend(value: RawValue, edition: Edition): Map<BlendBasis, Dec> {
  if (isBlank(value)) {
    fail("MISSING", "blend", {
      when: "with method blend",
      fix: `Give bases and weights, e.g. ${parameter("blend").example}.`,
    });
  }
  const weights = new Map<BlendBasis, Dec>();
  const example = parameter("blend").example;
  const entries = parseCodeValues(
    "blend",
    value,
    example,
    (text) => parseChoice<BlendBasis>("blend", text.trim(), edition.blendBases),
    undefined,
    "blend"
  );
  for (const [name, weightText] of entries) {
    weights.set(name as BlendBasis, readRatio("blend", weightText, `blend (${name})`));
  }
  const sum = sumDec([...weights.values()]);
  if (!sum.eq(ONE)) fail("WEIGHTS_SUM", "blend", { sum: displayNumber(sum), example });
  return weights;
}

/** Each basis of a blend as shares over the paying contributors (each basis adds up to 1 before weighting). */
function blendShareTable(
  weights: ReadonlyMap<BlendBasis, Dec>,
  paying: readonly BaseContributor[],
  keyValues: ReadonlyMap<string, Dec> | null,
  reader: SpecReader | null,
  edition: Edition = (reader as SpecReader).edition
): Map<BlendBasis, Map<string, Dec>> {
  const table = new Map<BlendBasis, Map<string, Dec>>();
  for (const basis of weights.keys()) {
    const values = paying.map((c) => blendValue(basis, c, keyValues, reader, edition));
    const sum = sumDec(values);
    if (sum.isZero())
      fail("ALL_ZERO", `blend (${basis})`, { what: "contributor who pays", fix: "Drop this basis from the blend." });
    table.set(basis, new Map(paying.map((c, i) => [c.code, values[i].div(sum)])));
  }
  return table;
}

function blendValue(
  basis: BlendBasis,
  c: BaseContributor,
  keyValues: ReadonlyMap<string, Dec> | null,
  reader: SpecReader | null,
  edition: Edition
): Dec {
  if (basis === "key") return (keyValues as ReadonlyMap<string, Dec>).get(c.code) as Dec;
  const ally = edition.ally(c.code);
  if (basis === "gni") {
    const gni = edition.euState(c.code);
    if (!gni)
      fail("NO_FIGURE", "blend", {
        field: "GNI (the EU GNI data covers EU members only)",
        code: c.code,
        fix: "Use another basis, or exempt it.",
      });
    reader?.cite(edition.sourceOf("gni"));
    return gni.gni;
  }
  if (!ally) fail("NO_FIGURE", "blend", { field: basis, code: c.code, fix: "Use method key with your own values." });
  if (basis === "population") {
    reader?.cite(edition.sourceOf("population"));
    return ally.population;
  }
  // gdpYEAR: the parser accepted only years the edition has.
  const year = Number(basis.slice("gdp".length));
  reader?.cite(edition.sourceOf("gdp", year));
  return ally.gdpEur.get(year) as Dec;
}

function parseKey(value: RawValue, base: readonly BaseContributor[], scope: CodeScope): Map<string, Dec> {
  const fromRows = base.every((c) => c.basis !== null);
  if (fromRows && isBlank(value)) return new Map(base.map((c) => [c.code, c.basis as Dec]));
  if (!isBlank(value) && base.some((c) => c.basis !== null)) {
    fail("NOT_ALLOWED", "key", {
      when: "with a basis range",
      fix: "The basis range is the key: clear key, or drop the basis range.",
    });
  }
  if (isBlank(value))
    fail("MISSING", "key", {
      when: "with method key",
      fix: "Give CODE=VALUE for every contributor, e.g. USA=16.2,DEU=16.0.",
    });
  const entries = parseCodeValues(
    "key",
    value,
    "USA=16.2,DEU=16.0",
    (text) => resolveCode("key", text, scope),
    isCountryName
  );
  const key = new Map<string, Dec>();
  for (const [code, text] of entries) key.set(code, readWeight("key", `key (${code})`, text, "16.2"));
  const missing = base.filter((c) => !key.has(c.code)).map((c) => c.code);
  if (missing.length > 0) {
    fail("NO_FIGURE", "key", {
      field: "key value",
      code: listWords(missing),
      fix: "Give every contributor a value (0 to exclude it).",
    });
  }
  return key;
}

/** A list of codes (or names) within a scope, each once; a list given with no code in it is an error. */
function parseCodeSet(
  argument: string,
  value: RawValue,
  scope: CodeScope,
  example = isParameterName(argument) ? parameter(argument).example : "DEU"
): Set<string> {
  const set = new Set<string>();
  for (const item of parseGivenList(argument, value, example, isCountryName)) {
    const code = resolveCode(argument, item, scope);
    refuseRepeat(argument, "code-list", set, code);
    set.add(code);
  }
  return set;
}

/** "CODE=RATIO,..." or one ratio for everyone; ratios are fractions of the total (0.4 or 40%). */
function parseShareLimits(
  argument: "cap" | "floor",
  value: RawValue,
  scope: CodeScope,
  exempt: ReadonlySet<string>
): { limits: Map<string, Dec>; uniform: boolean } {
  const limits = new Map<string, Dec>();
  if (isBlank(value)) return { limits, uniform: false };
  const text = String(value);
  const example = parameter(argument).example;
  if (!/[=:]/.test(text)) {
    const [only, ...more] = parseGivenList(argument, value, ratioRules(argument).example);
    if (more.length > 0) {
      fail("BAD_FORMAT", argument, { value: text, form: "CODE=RATIO pairs or one ratio for everyone", example });
    }
    const everyone = readRatio(argument, only);
    for (const code of scope.allowed) if (!exempt.has(code)) limits.set(code, everyone);
    return { limits, uniform: true };
  }
  const entries = parseCodeValues(
    argument,
    value,
    example,
    (code) => resolveCode(argument, code, scope),
    isCountryName,
    "code-ratios"
  );
  for (const [code, ratio] of entries) {
    const label = `${argument} (${code})`;
    if (exempt.has(code)) {
      fail("NOT_ALLOWED", label, {
        when: "for an exempt contributor",
        fix: `${codeWithName(code)} pays nothing: remove its ${argument}, or do not exempt it.`,
      });
    }
    limits.set(code, readRatio(argument, ratio, label));
  }
  return { limits, uniform: false };
}

function parseAidWindow(reader: SpecReader, startYear: number): { from: string; to: string } {
  const fromValue = reader.spec["aid-from"];
  const toValue = reader.spec["aid-to"];
  const notes = reader.notes;
  const { aid } = reader.edition;
  const first = aid.firstMonth;
  const last = aid.lastMonth;
  const from = isBlank(fromValue) ? `${startYear}-01` : readMonth("aid-from", fromValue);
  const to = isBlank(toValue) ? last : readMonth("aid-to", toValue);
  // Data coverage first: a window that starts after the data ends (from a late start year, with aid-to left at its
  // default) is a window with no data, not an order mistake in an aid-to the user never gave. Name the end that is
  // out of the data (a defaulted aid-to never is).
  if (to < first || from > last) {
    const argument = to < first ? "aid-to" : isBlank(fromValue) ? "start" : "aid-from";
    fail("NO_DATA", argument, { from, to, dataset: aid.release, first, last });
  }
  if (from > to) {
    // Blame the end the user gave: an aid-to before a defaulted aid-from is the aid-to's mistake.
    if (isBlank(fromValue)) {
      fail("WINDOW_ENDS_BEFORE_START", "aid-to", {
        from,
        to,
        why: "January of the start year, as aid-from is not given",
      });
    }
    fail("WINDOW_ORDER", "aid-from", { from, to });
  }
  if (from < first || to > last) {
    notes.push(
      `The aid window ${from} to ${to} reaches beyond the aid data (${first} to ${last}); only months with data count.`
    );
  }
  notes.push(`Aid credit: bilateral military allocations ${from} to ${to} (${aid.release}).`);
  return { from, to };
}

/** The embedded instruments the default selection ("adopted") counts: adopted, military and paid by member states. */
export function isDefaultInstrument(record: {
  readonly status: string;
  readonly military: boolean;
  readonly costToMembers: boolean;
}): boolean {
  return record.status === "adopted" && record.military && record.costToMembers;
}

/**
 * The embedded instruments an eu value selects, in the data's order, as the engine counts them: "adopted" (also a
 * blank value, the default) stands for the default ones and mixes with ids ("adopted,EPF_PROPOSAL"); "none" alone
 * selects none. Throws a FairShareError on an unknown item or a value that holds none.
 */
export function selectedInstrumentIds(value: RawValue, edition: Edition = embeddedEdition()): string[] {
  const ids = edition.instruments.map((instrument) => instrument.id);
  const given = isBlank(value) ? PARAMETER_DEFAULTS.eu : value;
  const selection = parseGivenList("eu", given, "adopted").map((item) => item.toUpperCase());
  if (selection.length === 1 && selection[0] === "NONE") return [];
  if (selection.includes("NONE")) fail("STANDS_ALONE", "eu", { value: "none", meaning: "no EU instrument at all" });
  const chosen = new Set<string>();
  const listed = new Set<string>();
  for (const item of selection) {
    refuseRepeat("eu", "instrument-list", listed, item);
    listed.add(item);
    if (item === "ADOPTED") edition.instruments.filter(isDefaultInstrument).forEach((i) => chosen.add(i.id));
    else if (ids.includes(item)) chosen.add(item);
    else fail("UNKNOWN_CHOICE", "eu", { value: item, choices: ["adopted", "none", ...ids].join(", ") });
  }
  return ids.filter((id) => chosen.has(id));
}

const EU_ADD_FORM = "ID AMOUNT YEARS [states] [military|civil] [cost|no-cost]; ...";
const EU_ADD_EXAMPLE = parameter("eu-add").example;

function resolveInstruments(
  reader: SpecReader,
  usdPerEur: Dec | null,
  euStates: readonly string[],
  span: { readonly first: number; readonly last: number }
): ScenarioInstrument[] {
  const { spec, notes, edition } = reader;
  const instruments: ScenarioInstrument[] = [];
  const ids = edition.instruments.map((instrument) => instrument.id);
  const chosen = chosenInstruments(edition, reader.value("eu"), usdPerEur, euStates);
  for (const { record, instrument } of chosen) {
    // Notes about an instrument outside the scenario's years would only distract; the coverage note names it.
    const inSpan = record.firstYear <= span.last && record.lastYear >= span.first;
    instruments.push(instrument);
    if (!inSpan) continue;
    if (record.firstYear !== record.lastYear) {
      notes.push(`${record.name}: spread evenly over ${record.firstYear}-${record.lastYear} (${record.notes}).`);
    }
    if (!record.military) notes.push(`${record.id} is not military aid, yet counted as overlap (${record.notes}).`);
    if (!record.costToMembers) {
      notes.push(
        `${record.id} is not member-state money (${record.key === "russian_assets" ? "proceeds of immobilised Russian assets" : "no cost to member states"}), yet counted as overlap and attributed by GNI share.`
      );
    }
    if (record.key === "eu_budget") {
      notes.push(
        `${record.id} is paid from the EU budget: its GNI-share attribution approximates the own-resources key.`
      );
    }
  }
  if (chosen.length > 0) reader.cite(edition.sourceOf("instruments"));
  refuseTooManyInstruments("instruments", spec.instrumentData?.length ?? 0);
  const added = [...(spec.instrumentData ?? []).map(fromInstrumentData), ...parseEuAdd(spec["eu-add"])];
  // Every id so far, embedded or added: a set, so that a thousand added instruments take a thousand look-ups.
  const taken = new Set(ids);
  for (const data of added) {
    refuseRepeat(data.argument, "instrument-additions", taken, data.id);
    taken.add(data.id);
    instruments.push(scenarioInstrument({ ...data, key: null, added: true, euStates }));
    notes.push(
      `${data.id} (added): ${data.amount.toFixed()} ${data.firstYear === data.lastYear ? `in ${data.firstYear}` : `spread evenly over ${data.firstYear}-${data.lastYear}`}, over ${data.participants.length === 27 ? "the 27" : data.participants.join(", ")}${data.military ? "" : "; not military aid, yet counted as overlap"}${data.costToMembers ? "" : "; not member-state money, yet counted as overlap"}.`
    );
  }
  for (const instrument of instruments.filter((i) => i.firstYear <= span.last && i.lastYear >= span.first)) {
    if (instrument.states.length === 0) {
      notes.push(`${instrument.id}: none of its participating states is in eu-states, so nothing of it is attributed.`);
    } else if (instrument.participants.length < 27 && !instrument.added) {
      const leftOut = MEMBER_CODES.filter((code) => !instrument.participants.includes(code));
      notes.push(
        `${instrument.id}: attributed over its ${instrument.participants.length} participating states only (not ${leftOut.join(", ")}).`
      );
    }
  }
  return instruments;
}

/**
 * The embedded instruments an eu value selects (selectedInstrumentIds), each with its record, as the scenario counts
 * them. Made once per edition, eu value, rate and eu-states, and shared (read-only) by the scenarios that count them:
 * they are the same for each, and the same objects let the attribution's cache know them at once.
 */
function chosenInstruments(
  edition: Edition,
  eu: RawValue,
  usdPerEur: Dec | null,
  euStates: readonly string[]
): readonly { readonly record: EuInstrumentRecord; readonly instrument: ScenarioInstrument }[] {
  const key = `instruments|${typeof eu}:${String(eu)}|${usdPerEur?.toString() ?? "EUR"}|${euStates.join(",")}`;
  return perEdition(edition, key, () => {
    const chosen = new Set(selectedInstrumentIds(eu, edition));
    return edition.instruments
      .filter((record) => chosen.has(record.id))
      .map((record) => ({ record, instrument: embeddedInstrument(edition, record, fromEurAt(usdPerEur), euStates) }));
  });
}

/** An embedded instrument as a scenario counts it: in the scenario's currency, over its participants among euStates. */
function embeddedInstrument(
  edition: Edition,
  record: EuInstrumentRecord,
  fromEur: (eur: Dec) => Dec,
  euStates: readonly string[]
): ScenarioInstrument {
  return scenarioInstrument({
    id: record.id,
    name: record.name,
    amount: fromEur(new Dec(record.amountEurBn).times(BILLION)),
    firstYear: record.firstYear,
    lastYear: record.lastYear,
    military: record.military,
    costToMembers: record.costToMembers,
    key: record.key,
    participants: edition.euStates.map((state) => state.iso3).filter((code) => !record.leftOut.includes(code)),
    added: false,
    euStates,
  });
}

/** The embedded instruments a scenario does not count, in the data's order, as it would count them. */
function instrumentsLeftOut(
  edition: Edition,
  counted: readonly ScenarioInstrument[],
  usdPerEur: Dec | null,
  euStates: readonly string[]
): ScenarioInstrument[] {
  const ids = new Set(counted.map((instrument) => instrument.id));
  return edition.instruments
    .filter((record) => !ids.has(record.id))
    .map((record) => embeddedInstrument(edition, record, fromEurAt(usdPerEur), euStates));
}

interface InstrumentFields {
  readonly id: string;
  readonly name: string;
  readonly amount: Dec;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly military: boolean;
  readonly costToMembers: boolean;
  readonly participants: readonly string[];
}

/** An instrument spread evenly over its years and attributed over its participants among the eu-states. */
function scenarioInstrument(
  fields: InstrumentFields & { key: EuInstrumentKey | null; added: boolean; euStates: readonly string[] }
): ScenarioInstrument {
  const { euStates, ...rest } = fields;
  const count = fields.lastYear - fields.firstYear + 1;
  const yearly = fields.amount.div(count);
  return {
    ...rest,
    amountByYear: new Map(Array.from({ length: count }, (_, i) => [fields.firstYear + i, yearly])),
    states: fields.participants.filter((code) => euStates.includes(code)),
  };
}

/** The counted instruments attributed to someone in this year: the ones that can overlap with it. */
export function instrumentsInYear(instruments: readonly ScenarioInstrument[], year: number): ScenarioInstrument[] {
  return instruments.filter((i) => i.states.length > 0 && i.firstYear <= year && i.lastYear >= year);
}

const COVERAGE_NOTES_CAPACITY = 256;
const coverageNotes = new Map<string, string>();

/** instrumentCoverageNote, written once per instruments and years: a sweep's runs all share one. */
function cachedCoverageNote(instruments: readonly ScenarioInstrument[], startYear: number, years: number): string {
  const key = `${startYear}|${years}|${instruments.map(instrumentKey).join(",")}`;
  let note = coverageNotes.get(key);
  if (note === undefined) {
    note = instrumentCoverageNote(instruments, startYear, years);
    if (coverageNotes.size >= COVERAGE_NOTES_CAPACITY)
      coverageNotes.delete(coverageNotes.keys().next().value as string);
    coverageNotes.set(key, note);
  }
  return note;
}

/** Which counted instruments cover which of the scenario's years, and the years none covers (their overlap is 0). */
function instrumentCoverageNote(instruments: readonly ScenarioInstrument[], startYear: number, years: number): string {
  const lastYear = startYear + years - 1;
  const span = `${startYear}${years > 1 ? `-${lastYear}` : ""}`;
  if (instruments.length === 0) return `No EU instrument is counted (eu none): EU overlap is 0 in ${span}.`;
  const allYears = Array.from({ length: years }, (_, j) => startYear + j);
  const covering = instruments.filter((i) => allYears.some((year) => instrumentsInYear([i], year).length > 0));
  const uncovered = allYears.filter((year) => instrumentsInYear(instruments, year).length === 0);
  const inYears = covering.map((i) => {
    const from = Math.max(i.firstYear, startYear);
    const to = Math.min(i.lastYear, lastYear);
    return `${i.id} ${from}${to > from ? `-${to}` : ""}`;
  });
  const counted = instruments.map((i) => i.id).join(", ");
  if (covering.length === 0) {
    return `EU instruments counted (${counted}): none covers ${span}, so EU overlap is 0 in every year.`;
  }
  const gaps = uncovered.length === 0 ? "" : `; none covers ${yearRanges(uncovered)}, so EU overlap is 0 there`;
  const outside = instruments.filter((i) => !covering.includes(i)).map((i) => i.id);
  const others = outside.length === 0 ? "" : ` (${outside.join(", ")}: counted, but not in these years)`;
  return `EU instruments counted in ${span}: ${inYears.join(", ")}${gaps}${others}.`;
}

/** Sorted years as ranges: 2024, 2026-2028. */
function yearRanges(years: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    ranges.push(j > i ? `${years[i]}-${years[j]}` : String(years[i]));
    i = j + 1;
  }
  return ranges.join(", ");
}

type AddedInstrument = InstrumentFields & { readonly argument: string };

/** An instrument given as data (instrumentData of a ScenarioSpec). */
function fromInstrumentData(data: InstrumentData, index: number): AddedInstrument {
  const argument = `instruments (row ${index + 1})`;
  const firstYear = parseYear(`${argument} first year`, data.firstYear);
  const lastYear = parseYear(`${argument} last year`, data.lastYear, firstYear);
  const id = parseInstrumentId(`${argument} id`, data.id);
  return {
    argument,
    id,
    name: isBlank(data.name) ? id : String(data.name).trim(),
    amount: parseAmount(`${argument} amount`, data.amount, "5bn", parameter("total").valid),
    firstYear,
    lastYear,
    participants: parseParticipants(
      `${argument} states`,
      isBlank(data.states) ? [] : String(data.states).split(/\s+/),
      MEMBER_CODES
    ),
    military: isBlank(data.military) ? true : parseYesNo(`${argument} military`, data.military),
    costToMembers: isBlank(data.cost) ? true : parseYesNo(`${argument} cost`, data.cost),
  };
}

function parseYesNo(argument: string, value: RawValue): boolean {
  if (typeof value === "boolean") return value;
  return parseChoice(argument, value, ["yes", "no", "true", "false"]).match(/^(yes|true)$/) !== null;
}

/**
 * eu-add: instruments of the user's own, separated by ";" (or new lines), each written
 * `ID AMOUNT YEARS [states] [military|civil] [cost|no-cost]`: AMOUNT in the currency (45bn), YEARS one year or
 * FIRST-LAST, states as the data writes them (EU27, EU27 -CZE -HUN, or codes DEU FRA; default EU27).
 */
function parseEuAdd(value: RawValue): AddedInstrument[] {
  if (isBlank(value)) return [];
  const entries = String(value)
    .split(/[;\n]/)
    .map((text) => text.trim())
    .filter((text) => text !== "");
  refuseTooManyInstruments("eu-add", entries.length);
  const seen = new Set<string>();
  return entries.map((text): AddedInstrument => {
    const tokens = text.split(/\s+/);
    if (tokens.length < 3) fail("BAD_FORMAT", "eu-add", { value: text, form: EU_ADD_FORM, example: EU_ADD_EXAMPLE });
    const id = parseInstrumentId("eu-add", tokens[0]);
    refuseRepeat("eu-add", "instrument-additions", seen, id);
    seen.add(id);
    const argument = `eu-add (${id})`;
    const amount = parseAmount(argument, tokens[1], "45bn", parameter("total").valid);
    const years = /^(\d{4})(?:-(\d{4}))?$/.exec(tokens[2]);
    if (!years) fail("BAD_FORMAT", argument, { value: tokens[2], form: "YEAR or FIRST-LAST", example: "2028-2029" });
    const firstYear = parseYear(argument, years[1]);
    const lastYear = parseYear(argument, years[2] ?? years[1], firstYear);
    const words = instrumentWords(argument, tokens.slice(3));
    return {
      argument: "eu-add",
      id,
      name: `${id} (added)`,
      amount,
      firstYear,
      lastYear,
      military: words.military,
      costToMembers: words.costToMembers,
      participants: parseParticipants(argument, words.states, MEMBER_CODES),
    };
  });
}

/** The words after an instrument's years: military or civil and cost or no-cost, each at most once; the rest states. */
function instrumentWords(
  argument: string,
  tokens: readonly string[]
): { military: boolean; costToMembers: boolean; states: string[] } {
  const pairs = [
    ["military", "civil"],
    ["cost", "no-cost"],
  ] as const;
  const given: (string | undefined)[] = [undefined, undefined];
  const states: string[] = [];
  for (const token of tokens) {
    const word = token.toLowerCase();
    const pair = pairs.findIndex((choices) => (choices as readonly string[]).includes(word));
    if (pair < 0) {
      states.push(token);
      continue;
    }
    const earlier = given[pair];
    if (earlier !== undefined) {
      fail("WORD_REPEATED", argument, { value: word, earlier, choices: pairs[pair].join(" or ") });
    }
    given[pair] = word;
  }
  return { military: given[0] !== "civil", costToMembers: given[1] !== "no-cost", states };
}

/** An id of an instrument the user adds: INSTRUMENT_ID's letters, digits and _, upper-cased. */
function parseInstrumentId(argument: string, value: string): string {
  const id = value.trim().toUpperCase();
  if (!INSTRUMENT_ID.pattern.test(id)) fail("BAD_ID", argument, { value, rule: INSTRUMENT_ID.words, example: "USL2" });
  return id;
}

/** A year an instrument touches: within the schema's YEAR_RANGE, and not before `from` when given. */
function parseYear(argument: string, value: RawValue, from = Number(YEAR_RANGE.min)): number {
  return parseWholeNumber(argument, value, from, Number(YEAR_RANGE.max));
}

/** Refuses more added instruments than eu-add's schema entry allows, before any of them is read. */
function refuseTooManyInstruments(argument: string, count: number): void {
  const entry = parameter("eu-add");
  const max = entry.maxItems ?? count;
  if (count > max) {
    fail("TOO_MANY_ITEMS", argument, {
      count: count.toLocaleString("en-US"),
      items: itemWords(entry),
      max: max.toLocaleString("en-US"),
      hint: ": instruments with the same years, states and kind add up to one, so merge those",
    });
  }
}

/** `EU27` less `-CODE`s, or a list of member-state codes (comma or space separated); nothing means EU27. */
function parseParticipants(argument: string, tokens: readonly string[], all: readonly string[]): string[] {
  const items = tokens.flatMap((token) => token.split(",")).filter((item) => item !== "");
  const memberFix = "Use the code of one of the 27, such as AUT.";
  if (items.length === 0) return [...all];
  if (items[0].toUpperCase() === "EU27") {
    const leftOut = new Set<string>();
    for (const item of items.slice(1)) {
      if (!item.startsWith("-")) {
        fail("BAD_FORMAT", argument, { value: item, form: "EU27 -CODE -CODE", example: "EU27 -HUN" });
      }
      const code = parseCode(argument, item.slice(1));
      if (!all.includes(code))
        fail("UNKNOWN_CODE", argument, { value: code, where: "an EU member state", fix: memberFix });
      refuseRepeat(argument, "code-list", leftOut, code);
      leftOut.add(code);
    }
    const participants = all.filter((code) => !leftOut.has(code));
    if (participants.length === 0) fail("EMPTY", argument, { fix: "Leave at least one member state in." });
    return participants;
  }
  const scope: CodeScope = { allowed: all, what: "an EU member state", universe: "eu-states" };
  return [...parseCodeSet(argument, items.join(","), scope, "DEU")].sort((a, b) => all.indexOf(a) - all.indexOf(b));
}

function resolveEuStates(value: RawValue, edition: Edition): string[] {
  const all = edition.euStates.map((state) => state.iso3);
  if (isBlank(value)) return all;
  const chosen = parseCodeSet("eu-states", value, { allowed: all, what: "an EU member state", universe: "eu-states" });
  return all.filter((code) => chosen.has(code));
}
