/**
 * Which control edits each scenario parameter, derived from the engine's parameter schema (src/engine/parameters.ts):
 * the schema says what a parameter is (label, kind, group, default, example, valid range, choices, help); this file
 * only says how the pane shows it — which widget for which schema kind, the group titles, when a control applies.
 * A new parameter, choice or range in the schema appears in the pane without a change here.
 */
import { ALLIES, EU_GNI, EU_INSTRUMENTS, type EuInstrumentRecord } from "../data";
import {
  PARAMETERS,
  appliesTo,
  type Parameter,
  type ParameterGroup,
  type ParameterKind,
  type ParameterName,
  type ScenarioUse,
  embeddedEdition,
  isFairShareError,
  parameterHelp,
  type Edition,
  parseList,
  selectedInstrumentIds,
} from "../engine";

export type ControlKind =
  /** Free text the engine parses (amounts with suffixes, ratios with %, lists written CODE=VALUE,...). */
  | "text"
  /** A whole number (a count, a year): a numeric input bounded by the schema's valid range. */
  | "number"
  /** One of the schema's choices. */
  | "choice"
  /** One of the schema's profile words, or custom weights. */
  | "profile"
  /** A checklist of contributor codes (the 32 allies); empty means "none" or "all" as the parameter's help says. */
  | "allies"
  /** A checklist of the EU member states. */
  | "eu-states"
  /** A checklist of the EU instruments. */
  | "eu-instruments"
  /** On or off: a checkbox. */
  | "switch"
  /** A year of the data edition in use (gdp-year): a drop-down of its years, "latest" the default. */
  | "data-year"
  /** The data edition: shown by the pane's Data section (which edition, load a file, write the data sheet). */
  | "data";

/** Which widget shows each kind of the schema: the one presentational decision per kind. */
const WIDGET: Readonly<Record<ParameterKind, ControlKind>> = {
  amount: "text",
  rate: "text",
  ratio: "text",
  count: "number",
  year: "number",
  "data-year": "data-year",
  month: "text",
  choice: "choice",
  profile: "profile",
  "code-list": "allies",
  "code-ratios": "text",
  "code-values": "text",
  blend: "text",
  "instrument-list": "eu-instruments",
  "instrument-additions": "text",
  switch: "switch",
  data: "data",
};

/** Code lists of EU member states rather than allies get the EU states' checklist. */
const EU_STATE_LISTS: readonly ParameterName[] = ["eu-states"];

/** The schema's groups in the pane's order, with the pane's titles. */
const GROUP_TITLES: Readonly<Record<ParameterGroup, string>> = {
  pledge: "Amount and years",
  method: "Method",
  credit: "Aid credit",
  delivered: "Delivered aid",
  limits: "Exemptions, caps and floors",
  eu: "EU overlap",
  contributors: "Contributors",
  rounding: "Rounding",
  data: "Data",
};

/** Titles that read differently in a view: in track, the EU instruments count as delivered, not as overlap. */
const VIEW_GROUP_TITLES: Readonly<Record<ScenarioUse, Partial<Record<ParameterGroup, string>>>> = {
  allocate: {},
  track: { eu: "EU instruments (with Count EU instruments)" },
};

export const GROUPS: readonly { readonly id: ParameterGroup; readonly title: string }[] = (
  Object.keys(GROUP_TITLES) as ParameterGroup[]
).map((id) => ({ id, title: GROUP_TITLES[id] }));

/**
 * The pane's views, one per use of a scenario: "allocate" splits the pledge (the scenario controls and preview),
 * "track" compares each ally's fair share with the aid it delivered.
 */
export type View = ScenarioUse;

/** The groups the pane's Data section shows instead of controls: the data edition is chosen there, in either view. */
const DATA_SECTION_GROUPS: readonly ParameterGroup[] = ["data"];

/**
 * The groups of controls a view shows (those with a parameter of its use, less the Data section's), in order, with the
 * view's titles.
 */
export function groupsFor(view: View): { readonly id: ParameterGroup; readonly title: string }[] {
  return GROUPS.filter(
    (group) =>
      !DATA_SECTION_GROUPS.includes(group.id) &&
      PARAMETERS.some((entry) => entry.group === group.id && appliesTo(entry, view))
  ).map((group) => ({ ...group, title: VIEW_GROUP_TITLES[view][group.id] ?? group.title }));
}

/** The values the pane holds: one text per parameter, as the user typed it ("" = not given, the default applies). */
export type Values = Readonly<Record<ParameterName, string>>;

export interface ControlSpec {
  readonly name: ParameterName;
  /** The schema's label ("USD per EUR"). */
  readonly label: string;
  readonly kind: ControlKind;
  readonly group: ParameterGroup;
  /** The default as the user would type it ("" when there is none): the schema's. */
  readonly defaultText: string;
  /** The schema's help with its valid values ("Valid: 1 to 50."). */
  readonly help: string;
  /** What the empty box shows: the schema's example, "e.g. 50%" unless it is the default (a ratio's has its %). */
  readonly placeholder: string;
  /** For kinds "choice" and "profile": the schema's words. */
  readonly choices?: readonly string[];
  /** For kind "number": the schema's valid range, as numbers for the input's min and max. */
  readonly min?: number;
  readonly max?: number;
  /**
   * Whether the parameter applies to the scenario as it stands in a view (allocate unless given); controls that do not
   * apply are hidden and not sent.
   */
  readonly applies: (values: Values, view?: View) => boolean;
}

const method = (values: Values): string => values.method || "gdp";

/** Whether track's window is given as months (from, to) rather than calendar years (start, years). */
const byMonths = (values: Values): boolean => values.from.trim() !== "" || values.to.trim() !== "";
const countEu = (values: Values): boolean => isOn(values["count-eu"]);

/** Whether an on-or-off value is on, as the engine reads it (yes, true, on; TRUE from a cell). */
export function isOn(value: string): boolean {
  return ["yes", "true", "on"].includes(value.trim().toLowerCase());
}

/** When a parameter applies in track, for those that do not always: the window's form, count-eu. */
const APPLIES_IN_TRACK: Partial<Record<ParameterName, (values: Values) => boolean>> = {
  start: (v) => !byMonths(v),
  years: (v) => !byMonths(v),
  eu: countEu,
  "eu-add": countEu,
  "eu-states": countEu,
};

/** When a parameter applies, for those that do not always: which method or setting makes them matter. */
const APPLIES: Partial<Record<ParameterName, (values: Values) => boolean>> = {
  total: (v) => method(v) !== "pct-gdp",
  "per-year": (v) => method(v) !== "pct-gdp",
  "usd-per-eur": (v) => v.currency === "USD",
  profile: (v) => method(v) !== "pct-gdp",
  "gdp-year": (v) => method(v) === "gdp" || method(v) === "pct-gdp",
  "pct-gdp": (v) => method(v) === "pct-gdp",
  key: (v) => method(v) === "key" || /\bkey\b/.test(v.blend),
  blend: (v) => method(v) === "blend",
  "aid-from": (v) => creditGiven(v.credit),
  "aid-to": (v) => creditGiven(v.credit),
};

/** Credit is "given" when it is set to something other than zero (the aid window only matters then). */
function creditGiven(credit: string): boolean {
  const text = credit.trim().replace(/%$/, "");
  return text !== "" && Number(text) !== 0;
}

/** The control of one schema entry. */
export function controlFor(entry: Parameter): ControlSpec {
  const widget = WIDGET[entry.kind];
  const kind = widget === "allies" && EU_STATE_LISTS.includes(entry.name) ? "eu-states" : widget;
  const range = kind === "number" ? entry.valid : undefined;
  return {
    name: entry.name,
    label: entry.label,
    kind,
    group: entry.group,
    defaultText: entry.default,
    help: parameterHelp(entry),
    placeholder: entry.example === entry.default ? entry.example : `e.g. ${entry.example}`,
    choices: entry.choices,
    // An exclusive end is not a bound an input can state; the engine's message covers it.
    ...(range !== undefined && !range.minExclusive ? { min: Number(range.min) } : {}),
    ...(range !== undefined && !range.maxExclusive ? { max: Number(range.max) } : {}),
    applies: (values, view = "allocate") => {
      if (!appliesTo(entry, view)) return false;
      const rule = view === "track" ? APPLIES_IN_TRACK[entry.name] : undefined;
      return (rule?.(values) ?? true) && (APPLIES[entry.name]?.(values) ?? true);
    },
  };
}

export const CONTROLS: readonly ControlSpec[] = PARAMETERS.map(controlFor);

/** Every parameter empty: the scenario of the defaults. */
export const EMPTY_VALUES: Values = Object.fromEntries(PARAMETERS.map((p) => [p.name, ""])) as Values;

/** The controls' options for the checklists, from the embedded data. */
export const ALLY_OPTIONS = ALLIES.map((ally) => ({ code: ally.iso3, label: `${ally.name} (${ally.iso3})` }));
export const EU_STATE_OPTIONS = EU_GNI.map((state) => ({
  code: state.iso3,
  label: `${state.name} (${state.iso3})`,
}));
export const EU_INSTRUMENT_OPTIONS = instrumentOptions(EU_INSTRUMENTS);

/** The instruments' checklist options: the data edition's instruments (a user's may add some). */
export function instrumentOptions(instruments: readonly EuInstrumentRecord[]) {
  return instruments.map((instrument) => ({
    code: instrument.id,
    label: instrument.name,
    detail:
      `EUR ${instrument.amountEurBn}bn, ${instrument.firstYear}` +
      (instrument.lastYear !== instrument.firstYear ? `-${instrument.lastYear}` : "") +
      `, ${instrument.status}, ${instrument.military ? "military" : "not military"}` +
      `${instrument.costToMembers ? "" : ", no cost to member states"}` +
      `${instrument.leftOut.length > 0 ? `, without ${instrument.leftOut.join(" ")}` : ""}`,
  }));
}

/** The codes a list value holds ("HUN, POL" -> ["HUN", "POL"]). */
export function listCodes(value: string): string[] {
  return parseList(value).map((code) => code.toUpperCase());
}

/**
 * The instruments an eu value selects in the data edition (the embedded one unless given), as the engine counts them
 * ("" and "adopted" the default ones, "none" none, "adopted,ID" those and ID); none ticked for a value the engine
 * refuses, whose message shows beside the checklist.
 */
export function selectedInstruments(value: string, edition: Edition = embeddedEdition()): string[] {
  try {
    return selectedInstrumentIds(value, edition);
  } catch (error) {
    if (isFairShareError(error)) return [];
    throw error;
  }
}

/** The eu value for a set of instruments, in the words the parameter's help uses where they fit. */
export function instrumentsValue(ids: readonly string[], edition: Edition = embeddedEdition()): string {
  if (ids.length === 0) return "none";
  const adopted = selectedInstrumentIds("adopted", edition);
  const ordered = edition.instruments.map((i) => i.id).filter((id) => ids.includes(id));
  if (ordered.length === adopted.length && adopted.every((id) => ordered.includes(id))) return "";
  return ordered.join(",");
}

/**
 * The control an engine error is about. Errors name parameters as the user wrote them, sometimes with a detail
 * ("profile (weight 2)", "blend (gni)", "basis (DEU)"): the leading parameter name decides.
 */
export function controlForArgument(argument: string): ParameterName | undefined {
  const head = argument.trim().split(/[\s(]/)[0].toLowerCase();
  return PARAMETERS.find((parameter) => parameter.name === head)?.name;
}

/** The stored parameters as the pane's controls hold them (a parameter the pane has no control for is left out). */
export function controlsOf(
  parameters: Readonly<Partial<Record<ParameterName, string>>>,
  empty: Readonly<Record<ParameterName, string>>
): Record<ParameterName, string> {
  const values = { ...empty };
  for (const [name, value] of Object.entries(parameters)) {
    if (name in empty && name !== "data") values[name as ParameterName] = value as string;
  }
  return values;
}
