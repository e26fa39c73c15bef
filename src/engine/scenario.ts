import {
  ALLIES,
  EU_GNI_2023,
  EU_INSTRUMENTS,
  KIEL_MILITARY,
  NOT_TRACKED_BY_KIEL,
  SOURCE_IDS,
  allyByIso3,
  euGniByIso3,
  instrumentParticipants,
  isTrackedByKiel,
  kielMilitaryMonths,
  type EuInstrumentKey,
  type GdpYear,
  type SourceId,
} from "../data";
import { allocate, type Allocation, type AllocationRequest, type AmountRule, type ContributorInput } from "./allocate";
import { Dec, HUNDRED, ONE, ZERO, sumDec } from "./decimal";
import { fail } from "./errors";
import { attributeInstruments, euOverlap, type Attribution, type InstrumentInput, type Overlap } from "./overlap";
import { PARAMETER_DEFAULTS, type ParameterName } from "./parameters";
import {
  isBlank,
  parseAmount,
  parseChoice,
  parseCode,
  parseCodeValues,
  parseDecimal,
  parseFraction,
  parseInRange,
  parseList,
  parseMonth,
  parsePercent,
  parseWholeNumber,
  type RawValue,
} from "./parse";
import { profileWeights, schedule, wholeUnits, type Profile, type Schedule } from "./schedule";

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
};

export type Method = "gdp" | "pct-gdp" | "key" | "blend";
export type Currency = "EUR" | "USD";
const BLEND_BASES = ["gdp2023", "gdp2024", "population", "gni", "key"] as const;
type BlendBasis = (typeof BLEND_BASES)[number];

export interface ScenarioContributor extends ContributorInput {
  readonly euMember: boolean;
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
  readonly years: number;
  readonly startYear: number;
  readonly profile: Profile;
  readonly yearWeights: Dec[];
  readonly gdpYear: GdpYear;
  readonly blend: ReadonlyMap<BlendBasis, Dec> | null;
  readonly credit: Dec;
  readonly aidWindow: { readonly from: string; readonly to: string } | null;
  readonly maxPercentOfGdpPerYear: Dec | null;
  readonly unit: Dec;
  readonly contributors: ScenarioContributor[];
  readonly instruments: ScenarioInstrument[];
  /** The eu-states override (all 27 when not given): every instrument is attributed over its states among these. */
  readonly euStates: string[];
  readonly overlapThresholdPercent: Dec;
  /** Caveats a reader must see beside the result (data gaps, conversions, approximations). */
  readonly notes: string[];
  /** The embedded datasets this scenario's figures come from. */
  readonly sources: SourceId[];
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly allocation: Allocation;
  readonly attribution: Attribution;
  readonly overlap: Overlap;
}

const BILLION = new Dec("1e9");
const ALLY_CODES = ALLIES.map((ally) => ally.iso3);
const ALLY_CODE_FIX = "Use a three-letter ISO code such as DEU.";
const CONTRIBUTOR_FIX = "Use the code of one of the scenario's contributors.";

/** Parses and checks a scenario against the embedded data; throws a FairShareError naming the first bad input. */
export function resolveScenario(spec: ScenarioSpec): Scenario {
  const notes: string[] = [];
  const sources = new Set<SourceId>();
  const given = (name: ParameterName): boolean => !isBlank(spec[name]);
  /** The user's value, or the parameter's default from the one table of defaults. */
  const valueOf = (name: ParameterName): RawValue => (given(name) ? spec[name] : PARAMETER_DEFAULTS[name]);

  const currency = parseChoice<Currency>("currency", valueOf("currency"), ["EUR", "USD"]);
  const usdPerEur = given("usd-per-eur") ? parseAmount("usd-per-eur", spec["usd-per-eur"], "1.08") : null;
  if (currency === "USD" && usdPerEur === null) {
    fail("MISSING", "usd-per-eur", {
      when: "when currency is USD",
      fix: "Give US dollars per euro, e.g. 1.08 (NATO used 1.078376 for 2024).",
    });
  }
  if (currency === "EUR" && usdPerEur !== null) {
    fail("NOT_ALLOWED", "usd-per-eur", {
      when: "when currency is EUR",
      fix: "Clear usd-per-eur, or set currency USD.",
    });
  }
  /** EUR from the embedded data into the scenario currency. */
  const fromEur = (eur: Dec): Dec => (currency === "USD" && usdPerEur ? eur.times(usdPerEur) : eur);
  if (currency === "USD")
    notes.push(`Amounts in USD at ${usdPerEur?.toFixed()} USD per EUR; euro data converted at that rate.`);

  const method = parseChoice<Method>("method", valueOf("method"), ["gdp", "pct-gdp", "key", "blend"]);
  const years = parseWholeNumber("years", valueOf("years"), 1, 50);
  const startYear = parseWholeNumber("start", valueOf("start"), 1949, 2100);
  const profile = parseProfile(valueOf("profile"));
  const yearWeights = profileWeights(profile, years);
  const gdpYear = Number(parseChoice("gdp-year", String(valueOf("gdp-year")), ["2023", "2024"])) as GdpYear;
  const unit = parseAmount("unit", valueOf("unit"), "1m");

  /** per-year x years: the other way to give the size of a fixed total, meaningful only when every year is equal. */
  const perYearTotal = (): Dec => {
    if (given("total")) {
      fail("NOT_ALLOWED", "per-year", { when: "with total", fix: "Give either total or per-year, not both." });
    }
    if (profile.kind !== "flat") {
      fail("NOT_ALLOWED", "per-year", {
        when: `with profile ${profile.kind} (per-year is the same amount every year)`,
        fix: "Use profile flat, or give the total over all years instead.",
      });
    }
    const perYear = parseAmount("per-year", spec["per-year"], "40bn");
    // Each year's amount must itself be whole units, or the flat years could not all be equal.
    wholeUnits(perYear, unit, "per-year");
    return perYear.times(years);
  };
  let amount: AmountRule;
  if (method === "pct-gdp") {
    if (given("per-year")) {
      fail("NOT_ALLOWED", "per-year", {
        when: "with method pct-gdp",
        fix: "The yearly amounts follow from pct-gdp: clear per-year, or use method gdp.",
      });
    }
    if (given("total")) {
      fail("NOT_ALLOWED", "total", {
        when: "with method pct-gdp",
        fix: "The total follows from pct-gdp: clear total, or use method gdp.",
      });
    }
    if (!given("pct-gdp"))
      fail("MISSING", "pct-gdp", { when: "with method pct-gdp", fix: "Give a percent of GDP, e.g. 0.25." });
    if (profile.kind !== "flat") {
      fail("NOT_ALLOWED", "profile", {
        when: "with method pct-gdp (each year is that percent of GDP)",
        fix: "Use profile flat, or method gdp with a total.",
      });
    }
    amount = { kind: "percentOfGdp", percent: parsePercent("pct-gdp", spec["pct-gdp"], 0, 100, "0.25") };
    if (amount.percent.isZero()) fail("NOT_POSITIVE", "pct-gdp", { value: "0", example: "0.25" });
  } else {
    if (given("pct-gdp"))
      fail("NOT_ALLOWED", "pct-gdp", { when: `with method ${method}`, fix: "Clear pct-gdp, or use method pct-gdp." });
    amount = { kind: "total", total: given("per-year") ? perYearTotal() : parseAmount("total", valueOf("total")) };
    // Named after what the user changed: a unit that does not divide the default total is the unit's fault.
    const amountName = given("per-year") ? "per-year" : "total";
    wholeUnits(amount.total, unit, given(amountName) || !given("unit") ? amountName : "unit");
  }
  const blend = method === "blend" ? parseBlend(spec.blend) : null;
  if (method !== "blend" && given("blend"))
    fail("NOT_ALLOWED", "blend", { when: `with method ${method}`, fix: "Clear blend, or use method blend." });
  if (method !== "key" && !blend?.has("key") && given("key")) {
    fail("NOT_ALLOWED", "key", {
      when: `with method ${method}`,
      fix: "Clear key, or use method key (or key in a blend).",
    });
  }

  const credit = parseFraction("credit", valueOf("credit"), "0.5");
  const maxPercentOfGdpPerYear = given("max-pct-gdp")
    ? parsePercent("max-pct-gdp", spec["max-pct-gdp"], 0, 100, "0.25")
    : null;
  if (maxPercentOfGdpPerYear?.isZero()) fail("NOT_POSITIVE", "max-pct-gdp", { value: "0", example: "0.25" });

  // Contributors: the user's rows, or the embedded allies (all, or those listed).
  const userRows = spec.contributorData ?? [];
  const base =
    userRows.length > 0 ? userContributors(userRows, given("contributors")) : embeddedContributors(spec.contributors);
  const codes = base.map((c) => c.code);
  const keyValues = method === "key" || blend?.has("key") ? parseKey(spec.key, base) : null;
  if (blend && !blend.has("key") && base.some((c) => c.basis !== null)) {
    fail("NOT_ALLOWED", "basis", {
      when: "with a blend of embedded bases",
      fix: "Add key to the blend to use your basis values, or drop the basis range.",
    });
  }

  // Aid: the user's figures, or Kiel's in the window.
  let aidWindow: Scenario["aidWindow"] = null;
  let aidByCode = new Map<string, Dec>();
  if (credit.gt(0)) {
    const needsEmbeddedAid = base.filter((c) => c.aid === null);
    if (needsEmbeddedAid.length > 0) {
      aidWindow = parseAidWindow(spec["aid-from"], spec["aid-to"], startYear, notes);
      sources.add(SOURCE_IDS.kielRelease29);
      const window = aidWindow;
      for (const c of needsEmbeddedAid) {
        if (!allyByIso3(c.code) && !isTrackedByKiel(c.code)) {
          fail("NO_FIGURE", "credit", {
            field: "bilateral aid",
            code: c.code,
            fix: "Give its aid in an aid range, or set credit to 0.",
          });
        }
        aidByCode.set(c.code, fromEur(militaryAidEurBn(c.code, window.from, window.to).times(BILLION)));
      }
      const untracked = needsEmbeddedAid.filter((c) => NOT_TRACKED_BY_KIEL.includes(c.code)).map((c) => c.name);
      if (untracked.length > 0) {
        notes.push(`${untracked.join(", ")}: not tracked by the Kiel Ukraine Support Tracker; aid counted as 0.`);
      }
    }
  }
  if (aidWindow === null && (given("aid-from") || given("aid-to"))) {
    notes.push(`The aid window is not used: ${credit.gt(0) ? "every contributor's aid is given" : "credit is 0"}.`);
  }
  aidByCode = new Map([
    ...aidByCode,
    ...base.filter((c) => c.aid !== null).map((c) => [c.code, c.aid as Dec] as const),
  ]);

  // Basis and GDP (in the currency), per method.
  const needsGdp = method === "gdp" || method === "pct-gdp" || maxPercentOfGdpPerYear !== null;
  const gdpByCode = new Map<string, Dec>();
  let usesEmbeddedGdp = false;
  for (const c of base) {
    if (c.basis !== null && (method === "gdp" || method === "pct-gdp")) gdpByCode.set(c.code, c.basis);
    else if (needsGdp) {
      const ally = allyByIso3(c.code);
      if (!ally) {
        if (method === "gdp" || method === "pct-gdp") {
          fail("NO_FIGURE", "basis", { field: "GDP", code: c.code, fix: "Give its GDP as its basis value." });
        }
        fail("NO_FIGURE", "max-pct-gdp", {
          field: "GDP",
          code: c.code,
          fix: "Give only allies, or clear max-pct-gdp.",
        });
      }
      gdpByCode.set(c.code, fromEur(new Dec(ally.gdpEurBn[gdpYear]).times(BILLION)));
      usesEmbeddedGdp = true;
      sources.add(SOURCE_IDS.natoGdp);
    }
  }
  if (given("gdp-year") && !usesEmbeddedGdp) {
    fail("NOT_ALLOWED", "gdp-year", {
      when: "when no embedded GDP is used (method key or blend, or your own basis values)",
      fix: "Clear gdp-year; a blend names its GDP year itself (gdp2023, gdp2024).",
    });
  }
  if (needsGdp && sources.has(SOURCE_IDS.natoGdp) && codes.includes("LUX")) {
    notes.push(
      "Luxembourg: NATO's GDP figure appears to be GNI from 2023; its GDP share is understated by roughly 30%."
    );
  }

  const exempt = parseCodeSet("exempt", spec.exempt, codes);
  if (exempt.size === codes.length) fail("EVERYONE_EXEMPT", "exempt");
  const caps = parseShareLimits("cap", spec.cap, codes);
  const floors = parseShareLimits("floor", spec.floor, codes);
  if (method === "pct-gdp" && (caps.size > 0 || floors.size > 0)) {
    fail("NOT_ALLOWED", caps.size > 0 ? "cap" : "floor", {
      when: "with method pct-gdp (the total is not fixed)",
      fix: "Use max-pct-gdp to limit payments, or method gdp with a total.",
    });
  }

  const paying = base.filter((c) => !exempt.has(c.code));
  const basisFor = (c: BaseContributor): Dec => {
    switch (method) {
      case "gdp":
      case "pct-gdp":
        return gdpByCode.get(c.code) as Dec;
      case "key":
        return (keyValues as Map<string, Dec>).get(c.code) as Dec;
      case "blend":
        return blendBasis(c, blend as Map<BlendBasis, Dec>);
    }
  };
  let blendShares: Map<BlendBasis, Map<string, Dec>> | null = null;
  const blendBasis = (c: BaseContributor, weights: Map<BlendBasis, Dec>): Dec => {
    blendShares ??= blendShareTable(weights, paying, keyValues, sources);
    let value = ZERO;
    for (const [basis, weight] of weights)
      value = value.plus(weight.times(blendShares.get(basis)?.get(c.code) ?? ZERO));
    return value;
  };

  const contributors: ScenarioContributor[] = base.map((c) => ({
    code: c.code,
    name: c.name,
    basis: exempt.has(c.code) ? ZERO : basisFor(c),
    gdp: gdpByCode.get(c.code),
    aid: aidByCode.get(c.code) ?? ZERO,
    exempt: exempt.has(c.code),
    maxShare: caps.get(c.code),
    minShare: floors.get(c.code),
    euMember: allyByIso3(c.code)?.euMember ?? euGniByIso3(c.code) !== undefined,
  }));
  if (method === "key" && paying.every((c) => (keyValues?.get(c.code) ?? ZERO).isZero())) {
    fail("ALL_ZERO", "key", {
      what: "contributor who pays",
      fix: "Give at least one paying contributor a key value above 0.",
    });
  }

  // EU overlap.
  const euStates = resolveEuStates(spec["eu-states"]);
  const instruments = resolveInstruments(
    spec,
    fromEur,
    euStates,
    { first: startYear, last: startYear + years - 1 },
    notes,
    sources
  );
  if (instruments.length > 0) {
    sources.add(SOURCE_IDS.euGni2023);
    notes.push(
      "EU instruments are attributed by 2023 GNI share rescaled over each instrument's participating states (the per-measure key is not published)."
    );
    if (given("eu-states")) {
      notes.push(
        "eu-states narrows every instrument: each is attributed over those of its own participating states that are listed, by GNI rescaled over them."
      );
    }
  }
  notes.push(instrumentCoverageNote(instruments, startYear, years));
  const overlapThresholdPercent = parsePercent("overlap-threshold", valueOf("overlap-threshold"), 0, 100, "50");

  return {
    currency,
    usdPerEur,
    method,
    amount,
    years,
    startYear,
    profile,
    yearWeights,
    gdpYear,
    blend,
    credit,
    aidWindow,
    maxPercentOfGdpPerYear,
    unit,
    contributors,
    instruments,
    euStates,
    overlapThresholdPercent,
    notes,
    sources: [...sources],
  };
}

/** Resolves the scenario, allocates, attributes the EU instruments and compares them with the allocation. */
export function runScenario(spec: ScenarioSpec): ScenarioResult {
  const scenario = resolveScenario(spec);
  const allocation = allocate(allocationRequest(scenario));
  const attribution = cachedAttribution(scenario);
  const euMembers = new Set(scenario.contributors.filter((c) => c.euMember).map((c) => c.code));
  const overlap = euOverlap(allocation, euMembers, attribution, scenario.overlapThresholdPercent);
  return { scenario, allocation, attribution, overlap };
}

const aidCache = new Map<string, Dec>();
const AID_CACHE_SIZE = 256;

/**
 * A donor's bilateral military aid in the Kiel tracker from one month to another (both "YYYY-MM", inclusive), in EUR
 * billion: the sum of its monthly allocations. Zero for a donor the tracker does not cover (check isTrackedByKiel).
 */
export function militaryAidEurBn(code: string, fromMonth: string, toMonth: string): Dec {
  const key = `${code}|${fromMonth}|${toMonth}`;
  let aid = aidCache.get(key);
  if (aid === undefined) {
    aid = sumDec(kielMilitaryMonths(code, fromMonth, toMonth).map(([, eurBn]) => new Dec(eurBn)));
    if (aidCache.size >= AID_CACHE_SIZE) aidCache.delete(aidCache.keys().next().value as string);
    aidCache.set(key, aid);
  }
  return aid;
}

/** The arguments of a standalone schedule (FAIRSHARE.SCHEDULE), as the user gives them. */
export type ScheduleSpec = Partial<Record<"total" | "years" | "profile" | "start" | "unit", RawValue>>;

/** Parses a total, years, profile, start and unit with the scenario's rules and messages, and schedules the total. */
export function resolveSchedule(spec: ScheduleSpec): Schedule {
  if (isBlank(spec.total))
    fail("MISSING", "total", { when: "for a schedule", fix: "Give the amount to spread, e.g. 100bn." });
  if (isBlank(spec.years))
    fail("MISSING", "years", { when: "for a schedule", fix: "Give the number of years, e.g. 5." });
  const total = parseAmount("total", spec.total);
  const years = parseWholeNumber("years", spec.years, 1, 50);
  const startYear = parseWholeNumber("start", isBlank(spec.start) ? PARAMETER_DEFAULTS.start : spec.start, 1949, 2100);
  const unit = parseAmount("unit", isBlank(spec.unit) ? PARAMETER_DEFAULTS.unit : spec.unit, "1m");
  return schedule(total, profileWeights(parseProfile(spec.profile), years), startYear, unit);
}

/** Attributions kept: scenarios that differ only in how the pledge is split share one. */
const ATTRIBUTION_CACHE_SIZE = 16;
const attributionCache = new Map<string, Attribution>();

/**
 * The EU instruments attributed to the contributing states. It depends only on the instruments (in the currency), the
 * states and the unit, not on the allocation, so it is worked out once per combination (the cache is bounded).
 */
function cachedAttribution(scenario: Scenario): Attribution {
  const key = JSON.stringify([
    scenario.instruments.map((instrument) => [
      instrument.id,
      [...instrument.amountByYear].map(([y, a]) => [y, a.toString()]),
      instrument.states,
    ]),
    scenario.unit.toString(),
  ]);
  let attribution = attributionCache.get(key);
  if (attribution === undefined) {
    const named = new Set(scenario.instruments.flatMap((instrument) => instrument.states));
    const states = EU_GNI_2023.filter((record) => named.has(record.iso3)).map((record) => ({
      code: record.iso3,
      gni: new Dec(record.gniEurBn),
    }));
    attribution = attributeInstruments(scenario.instruments, states, scenario.unit);
    if (attributionCache.size >= ATTRIBUTION_CACHE_SIZE)
      attributionCache.delete(attributionCache.keys().next().value as string);
    attributionCache.set(key, attribution);
  }
  return attribution;
}

/** What allocate() needs from a resolved scenario. */
export function allocationRequest(scenario: Scenario): AllocationRequest {
  return {
    contributors: scenario.contributors,
    amount: scenario.amount,
    startYear: scenario.startYear,
    yearWeights: scenario.yearWeights,
    credit: scenario.credit,
    maxPercentOfGdpPerYear: scenario.maxPercentOfGdpPerYear ?? undefined,
    unit: scenario.unit,
  };
}

interface BaseContributor {
  readonly code: string;
  readonly name: string;
  /** The user's basis value, or null to use the embedded data. */
  readonly basis: Dec | null;
  /** The user's aid figure, or null to use the embedded data. */
  readonly aid: Dec | null;
}

function embeddedContributors(list: RawValue): BaseContributor[] {
  const wanted = parseCodeSet(
    "contributors",
    list,
    ALLY_CODES,
    "one of the 32 allies of the embedded data",
    ALLY_CODE_FIX
  );
  const allies = wanted.size > 0 ? ALLIES.filter((ally) => wanted.has(ally.iso3)) : ALLIES;
  return allies.map((ally) => ({ code: ally.iso3, name: ally.name, basis: null, aid: null }));
}

function userContributors(rows: readonly ContributorData[], listGiven: boolean): BaseContributor[] {
  if (listGiven) {
    fail("NOT_ALLOWED", "contributors", {
      when: "with contributor ranges",
      fix: "Either pass ranges or list codes, not both.",
    });
  }
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const position = `codes (row ${index + 1})`;
    if (isBlank(row.code)) fail("EMPTY", position, { fix: "Give every row a contributor code." });
    const code = parseCode(position, String(row.code));
    if (seen.has(code)) fail("DUPLICATE_CODE", "codes", { value: code });
    seen.add(code);
    const basis = isBlank(row.basis) ? null : parseDecimal(`basis (${code})`, row.basis, "4274.98");
    if (basis?.lt(0)) fail("NEGATIVE", `basis (${code})`, { value: basis.toFixed() });
    const aid = isBlank(row.aid) ? null : parseDecimal(`aid (${code})`, row.aid, "0");
    if (aid?.lt(0)) fail("NEGATIVE", `aid (${code})`, { value: aid.toFixed() });
    const name = isBlank(row.name) ? (allyByIso3(code)?.name ?? code) : String(row.name).trim();
    return { code, name, basis, aid };
  });
}

function parseProfile(value: RawValue): Profile {
  if (isBlank(value)) return { kind: "flat" };
  const text = String(value).trim().toLowerCase();
  if (text === "flat") return { kind: "flat" };
  if (text === "front" || text === "front-loaded") return { kind: "front" };
  const items = parseList(value);
  if (!/^[\d.+-]/.test(items[0] ?? "")) {
    fail("UNKNOWN_CHOICE", "profile", {
      value: String(value),
      choices: "flat, front, or weights W1,W2,... one per year",
    });
  }
  const weights = items.map((item, index) => parseDecimal(`profile (weight ${index + 1})`, item, "1"));
  weights.forEach((weight, index) => {
    if (weight.lt(0)) fail("NEGATIVE", `profile (weight ${index + 1})`, { value: weight.toFixed() });
  });
  if (weights.every((weight) => weight.isZero()))
    fail("ALL_ZERO", "profile", { what: "year", fix: "Give at least one year a weight above 0." });
  return { kind: "custom", weights };
}

function parseBlend(value: RawValue): Map<BlendBasis, Dec> {
  if (isBlank(value)) {
    fail("MISSING", "blend", {
      when: "with method blend",
      fix: "Give bases and weights, e.g. gdp2024:0.5,population:0.5.",
    });
  }
  const weights = new Map<BlendBasis, Dec>();
  for (const [name, weightText] of parseCodeValues("blend", value, "gdp2024:0.5,population:0.5")) {
    const basis = parseChoice<BlendBasis>("blend", name, BLEND_BASES);
    weights.set(basis, parseInRange(`blend (${basis})`, weightText, 0, 1, "0.5"));
  }
  const sum = sumDec([...weights.values()]);
  if (!sum.eq(ONE)) fail("WEIGHTS_SUM", "blend", { sum: sum.toFixed() });
  return weights;
}

/** Each basis of a blend as shares over the paying contributors (each basis adds up to 1 before weighting). */
function blendShareTable(
  weights: ReadonlyMap<BlendBasis, Dec>,
  paying: readonly BaseContributor[],
  keyValues: ReadonlyMap<string, Dec> | null,
  sources: Set<SourceId>
): Map<BlendBasis, Map<string, Dec>> {
  const table = new Map<BlendBasis, Map<string, Dec>>();
  for (const basis of weights.keys()) {
    const values = paying.map((c) => blendValue(basis, c, keyValues, sources));
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
  sources: Set<SourceId>
): Dec {
  if (basis === "key") return (keyValues as ReadonlyMap<string, Dec>).get(c.code) as Dec;
  const ally = allyByIso3(c.code);
  if (basis === "gni") {
    const gni = euGniByIso3(c.code);
    if (!gni)
      fail("NO_FIGURE", "blend", {
        field: "GNI (the EU GNI data covers EU members only)",
        code: c.code,
        fix: "Use another basis, or exempt it.",
      });
    sources.add(SOURCE_IDS.euGni2023);
    return new Dec(gni.gniEurBn);
  }
  if (!ally) fail("NO_FIGURE", "blend", { field: basis, code: c.code, fix: "Use method key with your own values." });
  if (basis === "population") {
    sources.add(SOURCE_IDS.natoPopulation);
    return new Dec(ally.population2023M);
  }
  sources.add(SOURCE_IDS.natoGdp);
  return new Dec(ally.gdpEurBn[basis === "gdp2023" ? 2023 : 2024]);
}

function parseKey(value: RawValue, base: readonly BaseContributor[]): Map<string, Dec> {
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
  const codes = new Set(base.map((c) => c.code));
  const entries = parseCodeValues("key", value, "USA=16.2,DEU=16.0");
  const key = new Map<string, Dec>();
  for (const [code, text] of entries) {
    if (!codes.has(code))
      fail("UNKNOWN_CODE", "key", { value: code, where: "one of the contributors", fix: CONTRIBUTOR_FIX });
    const number = parseDecimal(`key (${code})`, text, "16.2");
    if (number.lt(0)) fail("NEGATIVE", `key (${code})`, { value: number.toFixed() });
    key.set(code, number);
  }
  const missing = base.filter((c) => !key.has(c.code)).map((c) => c.code);
  if (missing.length > 0) {
    fail("NO_FIGURE", "key", {
      field: "key value",
      code: missing.slice(0, 5).join(", "),
      fix: "Give every contributor a value (0 to exclude it).",
    });
  }
  return key;
}

function parseCodeSet(
  argument: string,
  value: RawValue,
  codes: readonly string[],
  where = "one of the contributors",
  fix = CONTRIBUTOR_FIX
): Set<string> {
  const set = new Set<string>();
  for (const item of parseList(value)) {
    const code = parseCode(argument, item);
    if (!codes.includes(code)) fail("UNKNOWN_CODE", argument, { value: code, where, fix });
    if (set.has(code)) fail("DUPLICATE_CODE", argument, { value: code });
    set.add(code);
  }
  return set;
}

/** "CODE=PCT,..." or one PCT for everyone; returns fractions of the total. */
function parseShareLimits(argument: "cap" | "floor", value: RawValue, codes: readonly string[]): Map<string, Dec> {
  const limits = new Map<string, Dec>();
  if (isBlank(value)) return limits;
  const toFraction = (text: RawValue, label: string): Dec => {
    const percent = parsePercent(label, text, 0, 100, argument === "cap" ? "22" : "0.1");
    if (argument === "cap" && percent.isZero())
      fail("NOT_POSITIVE", label, { value: "0", example: "22 (or exempt it)" });
    return percent.div(HUNDRED);
  };
  const text = String(value);
  if (!/[=:]/.test(text)) {
    const everyone = toFraction(value, argument);
    for (const code of codes) limits.set(code, everyone);
    return limits;
  }
  for (const [code, percent] of parseCodeValues(argument, value, argument === "cap" ? "USA=22" : "LUX=0.1")) {
    if (!codes.includes(code)) {
      fail("UNKNOWN_CODE", argument, { value: code, where: "one of the contributors", fix: CONTRIBUTOR_FIX });
    }
    limits.set(code, toFraction(percent, `${argument} (${code})`));
  }
  return limits;
}

function parseAidWindow(
  fromValue: RawValue,
  toValue: RawValue,
  startYear: number,
  notes: string[]
): { from: string; to: string } {
  const first = KIEL_MILITARY.firstMonth;
  const last = KIEL_MILITARY.lastMonth;
  const from = isBlank(fromValue) ? `${startYear}-01` : parseMonth("aid-from", fromValue);
  const to = isBlank(toValue) ? last : parseMonth("aid-to", toValue);
  // Data coverage first: a window that starts after the data ends (from a late start year, with aid-to left at its
  // default) is a window with no data, not an order mistake in an aid-to the user never gave. Name the end that is
  // out of the data (a defaulted aid-to never is).
  if (to < first || from > last) {
    const argument = to < first ? "aid-to" : isBlank(fromValue) ? "start" : "aid-from";
    fail("NO_DATA", argument, { from, to, dataset: KIEL_MILITARY.release, first, last });
  }
  if (from > to) fail("WINDOW_ORDER", "aid-from", { from, to });
  if (from < first || to > last) {
    notes.push(
      `The aid window ${from} to ${to} reaches beyond the aid data (${first} to ${last}); only months with data count.`
    );
  }
  notes.push(`Aid credit: bilateral military allocations ${from} to ${to} (${KIEL_MILITARY.release}).`);
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

const EU_ADD_FORM = "ID AMOUNT YEARS [states] [military|civil] [cost|no-cost]; ...";
const EU_ADD_EXAMPLE = "USL2 45bn 2028-2029 EU27 -CZE -HUN -SVK";

function resolveInstruments(
  spec: ScenarioSpec,
  fromEur: (eur: Dec) => Dec,
  euStates: readonly string[],
  span: { readonly first: number; readonly last: number },
  notes: string[],
  sources: Set<SourceId>
): ScenarioInstrument[] {
  const instruments: ScenarioInstrument[] = [];
  const ids = EU_INSTRUMENTS.map((instrument) => instrument.id);
  const selection = parseList(isBlank(spec.eu) ? PARAMETER_DEFAULTS.eu : spec.eu).map((item) => item.toUpperCase());
  if (!(selection.length === 1 && selection[0] === "NONE")) {
    const chosen = new Set<string>();
    for (const item of selection) {
      if (item === "ADOPTED") EU_INSTRUMENTS.filter(isDefaultInstrument).forEach((i) => chosen.add(i.id));
      else if (ids.includes(item)) chosen.add(item);
      else fail("UNKNOWN_CHOICE", "eu", { value: item, choices: ["adopted", "none", ...ids].join(", ") });
    }
    for (const record of EU_INSTRUMENTS.filter((i) => chosen.has(i.id))) {
      // Notes about an instrument outside the scenario's years would only distract; the coverage note names it.
      const inSpan = record.firstYear <= span.last && record.lastYear >= span.first;
      instruments.push(
        scenarioInstrument({
          id: record.id,
          name: record.name,
          amount: fromEur(new Dec(record.amountEurBn).times(BILLION)),
          firstYear: record.firstYear,
          lastYear: record.lastYear,
          military: record.military,
          costToMembers: record.costToMembers,
          key: record.key,
          participants: instrumentParticipants(record),
          added: false,
          euStates,
        })
      );
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
    if (chosen.size > 0) sources.add(SOURCE_IDS.euInstruments);
  }
  const added = [...(spec.instrumentData ?? []).map(fromInstrumentData), ...parseEuAdd(spec["eu-add"])];
  for (const data of added) {
    if (ids.includes(data.id) || instruments.some((instrument) => instrument.id === data.id)) {
      fail("DUPLICATE_CODE", data.argument, { value: data.id });
    }
    instruments.push(scenarioInstrument({ ...data, key: null, added: true, euStates }));
    notes.push(
      `${data.id} (added): ${data.amount.toFixed()} ${data.firstYear === data.lastYear ? `in ${data.firstYear}` : `spread evenly over ${data.firstYear}-${data.lastYear}`}, over ${data.participants.length === 27 ? "the 27" : data.participants.join(", ")}${data.military ? "" : "; not military aid, yet counted as overlap"}${data.costToMembers ? "" : "; not member-state money, yet counted as overlap"}.`
    );
  }
  for (const instrument of instruments.filter((i) => i.firstYear <= span.last && i.lastYear >= span.first)) {
    if (instrument.states.length === 0) {
      notes.push(`${instrument.id}: none of its participating states is in eu-states, so nothing of it is attributed.`);
    } else if (instrument.participants.length < 27 && !instrument.added) {
      const leftOut = EU_GNI_2023.map((r) => r.iso3).filter((code) => !instrument.participants.includes(code));
      notes.push(
        `${instrument.id}: attributed over its ${instrument.participants.length} participating states only (not ${leftOut.join(", ")}).`
      );
    }
  }
  return instruments;
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
  const firstYear = parseWholeNumber(`${argument} first year`, data.firstYear, 1949, 2100);
  const lastYear = parseWholeNumber(`${argument} last year`, data.lastYear, firstYear, 2100);
  const id = parseCode(`${argument} id`, data.id);
  return {
    argument,
    id,
    name: isBlank(data.name) ? id : String(data.name).trim(),
    amount: parseAmount(`${argument} amount`, data.amount, "5bn"),
    firstYear,
    lastYear,
    participants: parseParticipants(`${argument} states`, isBlank(data.states) ? [] : String(data.states).split(/\s+/)),
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
  const seen = new Set<string>();
  return String(value)
    .split(/[;\n]/)
    .map((text) => text.trim())
    .filter((text) => text !== "")
    .map((text): AddedInstrument => {
      const tokens = text.split(/\s+/);
      if (tokens.length < 3) fail("BAD_FORMAT", "eu-add", { value: text, form: EU_ADD_FORM, example: EU_ADD_EXAMPLE });
      const id = parseCode("eu-add", tokens[0]);
      if (seen.has(id)) fail("DUPLICATE_CODE", "eu-add", { value: id });
      seen.add(id);
      const argument = `eu-add (${id})`;
      const amount = parseAmount(argument, tokens[1], "45bn");
      if (amount.isZero()) fail("NOT_POSITIVE", argument, { value: "0", example: "45bn" });
      const years = /^(\d{4})(?:-(\d{4}))?$/.exec(tokens[2]);
      if (!years) fail("BAD_FORMAT", argument, { value: tokens[2], form: "YEAR or FIRST-LAST", example: "2028-2029" });
      const firstYear = parseWholeNumber(argument, years[1], 1949, 2100);
      const lastYear = parseWholeNumber(argument, years[2] ?? years[1], firstYear, 2100);
      let military = true;
      let costToMembers = true;
      const stateTokens: string[] = [];
      for (const token of tokens.slice(3)) {
        const word = token.toLowerCase();
        if (word === "military" || word === "civil") military = word === "military";
        else if (word === "cost" || word === "no-cost") costToMembers = word === "cost";
        else stateTokens.push(token);
      }
      return {
        argument: "eu-add",
        id,
        name: `${id} (added)`,
        amount,
        firstYear,
        lastYear,
        military,
        costToMembers,
        participants: parseParticipants(argument, stateTokens),
      };
    });
}

/** `EU27` less `-CODE`s, or a list of member-state codes (comma or space separated); nothing means EU27. */
function parseParticipants(argument: string, tokens: readonly string[]): string[] {
  const all = EU_GNI_2023.map((record) => record.iso3);
  const items = tokens.flatMap((token) => token.split(",")).filter((item) => item !== "");
  const memberFix = "Use the code of one of the 27, such as AUT.";
  if (items.length === 0) return all;
  if (items[0].toUpperCase() === "EU27") {
    const leftOut = new Set<string>();
    for (const item of items.slice(1)) {
      if (!item.startsWith("-")) {
        fail("BAD_FORMAT", argument, { value: item, form: "EU27 -CODE -CODE", example: "EU27 -HUN" });
      }
      const code = parseCode(argument, item.slice(1));
      if (!all.includes(code))
        fail("UNKNOWN_CODE", argument, { value: code, where: "an EU member state", fix: memberFix });
      leftOut.add(code);
    }
    const participants = all.filter((code) => !leftOut.has(code));
    if (participants.length === 0) fail("EMPTY", argument, { fix: "Leave at least one member state in." });
    return participants;
  }
  return [...parseCodeSet(argument, items.join(","), all, "an EU member state", memberFix)].sort(
    (a, b) => all.indexOf(a) - all.indexOf(b)
  );
}

function resolveEuStates(value: RawValue): string[] {
  const all = EU_GNI_2023.map((record) => record.iso3);
  if (isBlank(value)) return all;
  const chosen = parseCodeSet(
    "eu-states",
    value,
    all,
    "an EU member state",
    "Use the code of one of the 27, such as AUT."
  );
  return all.filter((code) => chosen.has(code));
}
