/**
 * The schema of every scenario parameter: one vocabulary for the command line (--name), the inputs block of a scenario
 * sheet (a label per row), the custom functions' arguments and the task pane's controls. Each entry says what kind of
 * value the parameter takes, which values are valid (the engine refuses others), which bare numbers are plausible
 * (a ratio outside it is refused with the percent form the user probably meant), its default and its help. The
 * parsers, the CLI help, the inputs-block rules and docs/functions.md's parameter list are all drawn from this table,
 * so a range such as "1 to 50" is written here once.
 *
 * Conventions:
 * - A ratio is a fraction, as Excel stores a percentage: 0.4 is 40%. Text may carry a percent sign: "40%", "0.25 %".
 * - Ranges are exact decimals written as text ("1e15"); `exclusive` ends are not themselves valid.
 * - What depends on the data's edition (its GDP years) is read from the data, never written here.
 */
import { GDP_YEARS } from "../data";

/** What kind of value a parameter takes: decides its parser and, in the task pane, its control. */
export type ParameterKind =
  /** Money in the scenario's currency; text may carry a scale suffix of AMOUNT_SUFFIXES ("100bn"). */
  | "amount"
  /** A positive number that is not money (an exchange rate). */
  | "rate"
  /** A fraction, as Excel stores a percentage (0.4 = 40%); text may say "40%". */
  | "ratio"
  /** A whole number (a count of years). */
  | "count"
  /** A calendar year. */
  | "year"
  /** A year the data edition has figures for (its GDP years); the default is derived: its latest. */
  | "data-year"
  /** A month, YYYY-MM. */
  | "month"
  /** One word out of `choices`. */
  | "choice"
  /** A yearly profile: one of `choices`, or weights W1,W2,... one per year. */
  | "profile"
  /** A list of country codes (or English names). */
  | "code-list"
  /** CODE=RATIO,... for some contributors, or one ratio for everyone. */
  | "code-ratios"
  /** CODE=VALUE,... for every contributor (any scale: only ratios matter). */
  | "code-values"
  /** BASIS:WEIGHT,... over `choices`; the weights add up to 1. */
  | "blend"
  /** EU instrument ids, or one of `choices`. */
  | "instrument-list"
  /** Instruments of the user's own: ID AMOUNT YEARS [states] [military|civil] [cost|no-cost]; ... */
  | "instrument-additions"
  /** On or off: a flag without a value on the command line, TRUE or FALSE (or yes, no) in a cell. */
  | "switch"
  /**
   * The user's own data edition: on the command line a data file (--data FILE), in a sheet the value of
   * =FAIRSHARE.EDITION(...) over a Fair Share data sheet. Adapters read it into an Edition (ScenarioSpec.edition).
   */
  | "data";

/** A closed range of exact decimals, written as text; an `exclusive` end is not itself in the range. */
export interface NumberRange {
  readonly min: string;
  readonly max: string;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

/** Where a parameter belongs in help and in the task pane. */
export type ParameterGroup =
  "pledge" | "method" | "credit" | "delivered" | "limits" | "rounding" | "eu" | "contributors" | "data";

/**
 * What a scenario is read for: `allocate` splits the pledge among the contributors (the command line's allocate, the
 * functions ALLOCATE, SHARE and OVERLAP); `track` compares each contributor's fair share of the pledge with the aid it
 * delivered (the command line's track, the functions TRACK and GAP). A parameter has effect in some of them; given
 * where it has none, it is refused, never ignored.
 */
export type ScenarioUse = "allocate" | "track";

export const SCENARIO_USES: readonly ScenarioUse[] = ["allocate", "track"];

export interface ParameterDefinition {
  readonly name: string;
  /** A short label for a form or a sheet: "Total", "USD per EUR". */
  readonly label: string;
  readonly kind: ParameterKind;
  readonly group: ParameterGroup;
  /** The default as the user would type it; "" when there is none (the parameter is then optional or derived). */
  readonly default: string;
  readonly help: string;
  /** A value to show in messages and placeholders. */
  readonly example: string;
  /** The values the engine accepts (for a list kind: each value in the list). */
  readonly valid?: NumberRange;
  /** Ratios and rates: the bare numbers a person plausibly means; outside it a bare number is refused with a hint. */
  readonly plausible?: NumberRange;
  /** Ratios: what the fraction is of, in words ("of the total"). */
  readonly ratioOf?: string;
  /** The fixed words a choice, profile, blend or instrument list accepts. */
  readonly choices?: readonly string[];
  /** Whether 0 is a meaningful value (else, in a cell, 0 is Excel desktop's empty cell). */
  readonly zeroIsValue?: boolean;
  /** List kinds: the most items the list may hold (more is refused before any item is read). */
  readonly maxItems?: number;
  /** The uses it has effect in (see ScenarioUse); both when not given. */
  readonly uses?: readonly ScenarioUse[];
}

/**
 * The scale suffixes an amount may carry ("100bn", "1.5mn"), each once here: the engine's parser, the portable copy's
 * formula and every help text that lists them read this table. `preferred` marks the spelling figures are written in.
 */
export interface AmountSuffix {
  readonly suffix: string;
  /** The power of ten it stands for: bn is 9. */
  readonly exponent: number;
  readonly preferred: boolean;
}

export const AMOUNT_SUFFIXES: readonly AmountSuffix[] = [
  { suffix: "k", exponent: 3, preferred: true },
  { suffix: "m", exponent: 6, preferred: true },
  { suffix: "mn", exponent: 6, preferred: false },
  { suffix: "bn", exponent: 9, preferred: true },
  { suffix: "b", exponent: 9, preferred: false },
  { suffix: "tn", exponent: 12, preferred: true },
  { suffix: "t", exponent: 12, preferred: false },
];

/** The suffixes in words, each scale once with its other spellings: "k, m (or mn), bn (or b), tn (or t)". */
export function amountSuffixWords(): string {
  return AMOUNT_SUFFIXES.filter((entry) => entry.preferred)
    .map((entry) => {
      const others = AMOUNT_SUFFIXES.filter((other) => !other.preferred && other.exponent === entry.exponent);
      return others.length === 0 ? entry.suffix : `${entry.suffix} (or ${others.map((o) => o.suffix).join(", ")})`;
    })
    .join(", ");
}

/**
 * How fine a number of a kind may be. A finer value is refused with these limits in the message, never rounded: no
 * one means a cap of 1e-400, and a number of 400 digits would fill every note that states it.
 */
export interface Fineness {
  /** The smallest size other than 0, as exact text; a value closer to 0 (but not 0) is refused. */
  readonly smallest?: string;
  /** The most decimal places (amounts: 2, whole cents). */
  readonly places?: number;
  /** The most significant digits. */
  readonly digits?: number;
}

/** Rules that hold for every parameter of a kind, whichever face (command line, cell, task pane) the value comes from. */
export interface KindRules {
  /** Numbers of the kind, and the numbers inside a list of the kind. */
  readonly fineness?: Fineness;
  /** List kinds whose items name something (a code, an instrument, a basis): each item at most once. */
  readonly distinct?: boolean;
}

/** 17 significant digits: as many as a number in a spreadsheet cell carries, and more than anyone types. */
const DIGITS = 17;
/** A ratio's smallest value other than 0: 1e-9, which is 0.0000001%. */
const RATIO_FINENESS: Fineness = { smallest: "1e-9", digits: DIGITS };

export const KIND_RULES: Readonly<Record<ParameterKind, KindRules>> = {
  // Money is in whole cents: at most 2 decimal places in the currency (1.234bn is fine), so nothing below 0.01.
  amount: { fineness: { places: 2 } },
  rate: { fineness: { digits: DIGITS } },
  ratio: { fineness: RATIO_FINENESS },
  count: {},
  year: {},
  "data-year": {},
  month: {},
  choice: {},
  // Weights may repeat: 1,1,1 is a flat profile.
  profile: { fineness: { digits: DIGITS } },
  "code-list": { distinct: true },
  "code-ratios": { fineness: RATIO_FINENESS, distinct: true },
  "code-values": { fineness: { digits: DIGITS }, distinct: true },
  blend: { fineness: RATIO_FINENESS, distinct: true },
  "instrument-list": { distinct: true },
  // Its amounts are read as amounts (the amount kind's fineness); each id once.
  "instrument-additions": { distinct: true },
  switch: {},
  data: {},
};

/**
 * The calendar years a scenario may touch: its first year (start), its last (start + years - 1) and every year of an
 * instrument's. A year outside it is refused wherever it comes from.
 */
export const YEAR_RANGE = { min: "1949", max: "2100" } as const satisfies NumberRange;

/** An instrument id the user gives (eu-add): letters, digits and "_", read upper-cased. */
export const INSTRUMENT_ID = { pattern: /^[A-Z0-9_]{1,24}$/, words: "letters, digits and _ (at most 24)" } as const;

const AMOUNT_RANGE = { min: "0", max: "1e15", minExclusive: true } as const;
/** Keys, basis values and profile weights: any scale a float can write, never negative. */
export const WEIGHT_RANGE: NumberRange = { min: "0", max: "1e300" };
const SHARE_OF_GDP_PLAUSIBLE = { min: "0", max: "0.03" } as const;

/**
 * The embedded GDP's years, as text: the choices of gdp-year and the GDP bases of a blend in the embedded data. A user's
 * edition may have other years; the engine takes those of the edition in use (Edition.gdpYears, Edition.blendBases).
 */
const GDP_YEAR_CHOICES = GDP_YEARS.map(String);
const LATEST_GDP_YEAR = GDP_YEAR_CHOICES[GDP_YEAR_CHOICES.length - 1];
/** The bases a blend can weigh: GDP of each year of the data (gdpYEAR), population, EU GNI, a key of the user's. */
export const BLEND_BASES: readonly string[] = [
  ...GDP_YEAR_CHOICES.map((year) => `gdp${year}`),
  "population",
  "gni",
  "key",
];
const BLEND_EXAMPLE = `gdp${LATEST_GDP_YEAR}:0.5,population:0.5`;

/** "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

const DEFINITIONS = [
  {
    name: "total",
    label: "Total",
    kind: "amount",
    group: "pledge",
    default: "100bn",
    help: "Amount to raise over all years, in the currency: 100bn, 40000m or 1e11.",
    example: "100bn",
    valid: AMOUNT_RANGE,
  },
  {
    name: "per-year",
    label: "Per year",
    kind: "amount",
    group: "pledge",
    default: "",
    help: "Amount to raise each year instead of total, flat: 40bn with years 5 is 200bn (not with other profiles).",
    example: "40bn",
    valid: AMOUNT_RANGE,
  },
  {
    name: "currency",
    label: "Currency",
    kind: "choice",
    group: "pledge",
    default: "EUR",
    help: "EUR, or USD at the rate usd-per-eur.",
    example: "USD",
    choices: ["EUR", "USD"],
  },
  {
    name: "usd-per-eur",
    label: "USD per EUR",
    kind: "rate",
    group: "pledge",
    default: "",
    help: "US dollars per euro, required with USD (NATO used 1.078376 for 2024).",
    example: "1.078376",
    valid: { min: "0.5", max: "2" },
    plausible: { min: "0.5", max: "2" },
  },
  {
    name: "years",
    label: "Years",
    kind: "count",
    group: "pledge",
    default: "5",
    help: "Number of years.",
    example: "5",
    valid: { min: "1", max: "50" },
  },
  {
    name: "start",
    label: "First year",
    kind: "year",
    group: "pledge",
    default: "2024",
    help: "First year.",
    example: "2025",
    valid: YEAR_RANGE,
  },
  {
    name: "from",
    label: "From month",
    kind: "month",
    group: "pledge",
    default: "",
    help: "With track: the first month of the window, YYYY-MM, with to (instead of start and years).",
    example: "2024-07",
    uses: ["track"],
  },
  {
    name: "to",
    label: "To month",
    kind: "month",
    group: "pledge",
    default: "",
    help: "With track: the last month of the window, YYYY-MM, with from; at most 50 years after from.",
    example: "2025-06",
    uses: ["track"],
  },
  {
    name: "profile",
    label: "Profile",
    kind: "profile",
    group: "pledge",
    default: "flat",
    help: "flat, front (weights N..1) or custom weights W1,W2,... one per year.",
    example: "front",
    choices: ["flat", "front"],
    valid: WEIGHT_RANGE,
    uses: ["allocate"],
  },
  {
    name: "method",
    label: "Method",
    kind: "choice",
    group: "method",
    default: "gdp",
    help: "gdp (share of GDP), pct-gdp (a percent of GDP each), key or blend.",
    example: "pct-gdp",
    choices: ["gdp", "pct-gdp", "key", "blend"],
  },
  {
    name: "gdp-year",
    label: "GDP year",
    kind: "data-year",
    group: "method",
    default: "",
    help: `GDP year: any year the data has (the embedded data: ${orList(GDP_YEAR_CHOICES)}); default: its latest.`,
    example: GDP_YEAR_CHOICES[0],
    choices: GDP_YEAR_CHOICES,
  },
  {
    name: "pct-gdp",
    label: "Percent of GDP a year",
    kind: "ratio",
    group: "method",
    default: "",
    help: "With method pct-gdp: the share of its GDP each pays every year, e.g. 0.25% (or 0.0025).",
    example: "0.25%",
    valid: { min: "0", max: "1", minExclusive: true },
    plausible: SHARE_OF_GDP_PLAUSIBLE,
    ratioOf: "of GDP a year",
    uses: ["allocate"],
  },
  {
    name: "key",
    label: "Key",
    kind: "code-values",
    group: "method",
    default: "",
    help: "With method key: CODE=VALUE,... for every contributor (any scale), e.g. USA=16.2,DEU=16.0.",
    example: "USA=16.2,DEU=16.0",
    valid: WEIGHT_RANGE,
  },
  {
    name: "blend",
    label: "Blend",
    kind: "blend",
    group: "method",
    default: "",
    help: `With method blend: BASIS:WEIGHT,... over ${BLEND_BASES.join(", ")}; weights add up to 1 (100%).`,
    example: BLEND_EXAMPLE,
    choices: BLEND_BASES,
    valid: { min: "0", max: "1" },
    plausible: { min: "0", max: "1" },
    ratioOf: "of the blend",
  },
  {
    name: "credit",
    label: "Aid credit",
    kind: "ratio",
    group: "credit",
    default: "0",
    help: "Share of each contributor's bilateral military aid that counts toward its share: 50% or 0.5.",
    example: "50%",
    valid: { min: "0", max: "1" },
    plausible: { min: "0", max: "1" },
    ratioOf: "of each contributor's aid",
    zeroIsValue: true,
    uses: ["allocate"],
  },
  {
    name: "aid-from",
    label: "Aid from",
    kind: "month",
    group: "credit",
    default: "",
    help: "First month of the aid window, YYYY-MM (default: January of the start year).",
    example: "2024-01",
    uses: ["allocate"],
  },
  {
    name: "aid-to",
    label: "Aid to",
    kind: "month",
    group: "credit",
    default: "",
    help: "Last month of the aid window, YYYY-MM (default: the last month of the aid data).",
    example: "2026-04",
    uses: ["allocate"],
  },
  {
    name: "delivered",
    label: "Delivered",
    kind: "choice",
    group: "delivered",
    default: "allocations",
    help:
      "With track: what counts as delivered, from the Kiel tracker: allocations (military aid delivered or earmarked)" +
      " or commitments (every kind of aid announced: the tracker has no military-only commitments by month).",
    example: "commitments",
    choices: ["allocations", "commitments"],
    uses: ["track"],
  },
  {
    name: "count-eu",
    label: "Count EU instruments",
    kind: "switch",
    group: "delivered",
    default: "",
    help:
      "With track: also count as delivered each EU member's share of the EU instruments (eu) in the window, by GNI," +
      " pro rata by month. Off unless given.",
    example: "TRUE",
    uses: ["track"],
  },
  {
    name: "exempt",
    label: "Exempt",
    kind: "code-list",
    group: "limits",
    default: "",
    help: "Contributors who pay nothing: codes or English names, e.g. HUN or Hungary.",
    example: "HUN",
  },
  {
    name: "cap",
    label: "Cap",
    kind: "code-ratios",
    group: "limits",
    default: "",
    help: "Largest share of the total: CODE=RATIO,... or one ratio for everyone, e.g. USA=40% (or USA=0.4).",
    example: "USA=40%",
    valid: { min: "0", max: "1", minExclusive: true },
    plausible: { min: "0", max: "1" },
    ratioOf: "of the total",
  },
  {
    name: "floor",
    label: "Floor",
    kind: "code-ratios",
    group: "limits",
    default: "",
    help: "Smallest share of the total: CODE=RATIO,... or one ratio for everyone, e.g. LUX=0.1% (or LUX=0.001).",
    example: "LUX=0.1%",
    valid: { min: "0", max: "1" },
    plausible: { min: "0", max: "1" },
    ratioOf: "of the total",
  },
  {
    name: "max-pct-gdp",
    label: "Max percent of GDP a year",
    kind: "ratio",
    group: "limits",
    default: "",
    help: "Largest yearly payment as a share of GDP, for everyone, e.g. 0.25% (or 0.0025).",
    example: "0.25%",
    valid: { min: "0", max: "1", minExclusive: true },
    plausible: SHARE_OF_GDP_PLAUSIBLE,
    ratioOf: "of GDP a year",
  },
  {
    name: "unit",
    label: "Rounding unit",
    kind: "amount",
    group: "rounding",
    default: "1m",
    help: "Rounding unit in the currency: 1m, 100k, 1.",
    example: "1m",
    valid: { min: "0.01", max: "1e15" },
  },
  {
    name: "eu",
    label: "EU instruments",
    kind: "instrument-list",
    group: "eu",
    default: "adopted",
    help:
      'EU instruments counted for overlap (with track and count-eu, as delivered): IDs, "adopted" (adopted, military,' +
      ' paid by member states) or "none".',
    example: "UAF",
    choices: ["adopted", "none"],
  },
  {
    name: "eu-add",
    label: "EU instruments added",
    kind: "instrument-additions",
    group: "eu",
    default: "",
    help: "EU instruments of your own, counted too: ID AMOUNT YEARS [states] [military|civil] [cost|no-cost]; ...",
    example: "USL2 45bn 2028-2029 EU27 -CZE -HUN -SVK",
    maxItems: 1000,
  },
  {
    name: "eu-states",
    label: "EU states",
    kind: "code-list",
    group: "eu",
    default: "",
    help: "Narrows every EU instrument to its participating states among these (default: all 27).",
    example: "DEU,FRA",
  },
  {
    name: "overlap-threshold",
    label: "Overlap threshold",
    kind: "ratio",
    group: "eu",
    default: "50%",
    help: "Flag a year when EU overlap is at least this share of the ally's allocation.",
    example: "50%",
    valid: { min: "0", max: "1" },
    plausible: { min: "0", max: "1" },
    ratioOf: "of the allocation",
    zeroIsValue: true,
    uses: ["allocate"],
  },
  {
    name: "contributors",
    label: "Contributors",
    kind: "code-list",
    group: "contributors",
    default: "",
    help: "Codes (or English names) of the contributors to include (default: all 32 allies).",
    example: "USA,DEU,FRA",
  },
  {
    name: "data",
    label: "Data",
    kind: "data",
    group: "data",
    default: "",
    help:
      "Your own data instead of the embedded figures it gives (the rest stays embedded): a file as fair-share data " +
      "--format csv writes it, edited (command line); in a sheet, the EDITION function over the Fair Share data sheet.",
    example: "data.csv",
  },
] as const satisfies readonly ParameterDefinition[];

export type ParameterName = (typeof DEFINITIONS)[number]["name"];

/** One parameter of the schema, with its name typed. */
export interface Parameter extends ParameterDefinition {
  readonly name: ParameterName;
}

/** Every parameter, in the order of help, the inputs block and the task pane. */
export const PARAMETERS: readonly Parameter[] = DEFINITIONS;

export const PARAMETER_NAMES: readonly ParameterName[] = PARAMETERS.map((parameter) => parameter.name);

const BY_NAME = new Map<string, Parameter>(PARAMETERS.map((parameter) => [parameter.name, parameter]));

/** The schema entry of a parameter. */
export function parameter(name: ParameterName): Parameter {
  return BY_NAME.get(name) as Parameter;
}

export function isParameterName(name: string): name is ParameterName {
  return BY_NAME.has(name);
}

/** The parameter with this name, ignoring case, spaces and underscores ("USD per EUR" finds usd-per-eur). */
export function findParameter(label: string): ParameterName | undefined {
  const wanted = label
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return PARAMETER_NAMES.find((name) => name === wanted);
}

/** Whether a parameter has effect in a use (allocate or track). */
export function appliesTo(entry: ParameterDefinition, use: ScenarioUse): boolean {
  return entry.uses === undefined || entry.uses.includes(use);
}

/** The parameters that have effect in a use, in the schema's order: its flags, its inputs block, its controls. */
export function parametersFor(use: ScenarioUse): readonly Parameter[] {
  return PARAMETERS.filter((entry) => appliesTo(entry, use));
}

/**
 * The use a scenario was written for, from the parameters it gives: track when one of them has effect in track only
 * (from, to, delivered, count-eu), else allocate. How an inputs block says which sheet it belongs to.
 */
export function useOfParameters(names: Iterable<ParameterName>): ScenarioUse {
  for (const name of names) if (!appliesTo(parameter(name), "allocate")) return "track";
  return "allocate";
}

/** The default of each parameter as the user would type it ("" where there is none): the one place defaults live. */
export const PARAMETER_DEFAULTS: Readonly<Record<ParameterName, string>> = Object.fromEntries(
  PARAMETERS.map((entry) => [entry.name, entry.default])
) as Record<ParameterName, string>;

/** An amount of the schema in words: "1e15" -> "1000tn". Display only, of the table's own round constants. */
function amountWords(text: string): string {
  const value = Number(text);
  const scales = AMOUNT_SUFFIXES.filter((entry) => entry.preferred).sort((a, b) => b.exponent - a.exponent);
  for (const { suffix, exponent } of scales) {
    if (value >= 10 ** exponent) return `${value / 10 ** exponent}${suffix}`;
  }
  return text;
}

/** A parameter's valid range in words, as its kind reads: "1 to 50", "0% to 100%", "up to 1000tn"; "" for none. */
export function rangeWords(entry: ParameterDefinition): string {
  const range = entry.valid;
  if (range === undefined || entry.kind === "profile" || entry.kind === "code-values") return "";
  switch (entry.kind) {
    case "ratio":
    case "code-ratios":
    case "blend":
      return `${percentWords(range.min)} to ${percentWords(range.max)}`;
    case "amount":
      return range.min === "0" && range.minExclusive
        ? `more than 0, up to ${amountWords(range.max)}`
        : `${amountWords(range.min)} to ${amountWords(range.max)}`;
    default:
      return `${range.min} to ${range.max}`;
  }
}

/** What a list's items are, for "at most 1000 instruments". */
export function itemWords(entry: ParameterDefinition): string {
  return entry.kind === "instrument-additions" ? "instruments" : "items";
}

/**
 * What a parameter accepts, in words: its valid range, for a ratio the bare numbers read as fractions, and for a list
 * the most items it may hold.
 */
export function validWords(entry: ParameterDefinition): string {
  const range = rangeWords(entry);
  const plausible = entry.plausible;
  const bare =
    entry.kind === "ratio" && plausible !== undefined && plausible.max !== entry.valid?.max
      ? `; a bare number at most ${plausible.max} (${percentWords(plausible.max)})`
      : "";
  const items = entry.maxItems === undefined ? "" : `at most ${entry.maxItems} ${itemWords(entry)}`;
  return [range === "" ? "" : `${range}${bare}`, items].filter((part) => part !== "").join("; ");
}

/** The full help of a parameter: its help, then its valid values from the schema ("Valid: 1 to 50."). */
export function parameterHelp(entry: ParameterDefinition): string {
  const valid = validWords(entry);
  return valid === "" ? entry.help : `${entry.help} Valid: ${valid}.`;
}

/** A fraction written as text ("0.0025") in percent words ("0.25%"), exactly, without a float. */
export function percentWords(fraction: string): string {
  const match = /^(-?)(\d*)\.?(\d*)$/.exec(fraction);
  if (!match) return `${fraction} (as a fraction)`;
  const [, sign, whole, decimals] = match;
  const digits = whole + decimals.padEnd(2, "0");
  const pointAt = whole.length + 2;
  const integer = digits.slice(0, pointAt).replace(/^0+(?=\d)/, "") || "0";
  const rest = digits.slice(pointAt).replace(/0+$/, "");
  return `${sign}${integer}${rest === "" ? "" : `.${rest}`}%`;
}
