/**
 * Which control edits each scenario parameter: a small mapping over the engine's parameter table
 * (src/engine/parameters.ts), which stays the one source of names, defaults and help. The table says what a
 * parameter is; this file only says how the pane shows it (the kind of control, its group, when it applies). A
 * parameter the mapping does not know yet still gets a text box with its name, default and help, so a new parameter
 * appears in the pane without a change here.
 */
import { ALLIES, EU_GNI_2023, EU_INSTRUMENTS } from "../data";
import { PARAMETERS, type ParameterName } from "../engine/parameters";
import { isDefaultInstrument } from "../engine/scenario";

export type ControlKind =
  /** Free text the engine parses (amounts with suffixes, ratios with %, lists written CODE=VALUE,...). */
  | "text"
  /** One of a few words. */
  | "choice"
  /** flat, front or custom weights. */
  | "profile"
  /** A checklist of contributor codes (the 32 allies); empty means "none" or "all" as the parameter's help says. */
  | "allies"
  /** A checklist of the EU member states. */
  | "eu-states"
  /** A checklist of the EU instruments. */
  | "eu-instruments";

export type GroupId = "amount" | "method" | "credit" | "limits" | "eu" | "contributors";

export const GROUPS: readonly { readonly id: GroupId; readonly title: string }[] = [
  { id: "amount", title: "Amount and years" },
  { id: "method", title: "Method" },
  { id: "credit", title: "Aid credit" },
  { id: "limits", title: "Exemptions, caps and floors" },
  { id: "eu", title: "EU overlap" },
  { id: "contributors", title: "Contributors and rounding" },
];

/** The values the pane holds: one text per parameter, as the user typed it ("" = not given, the default applies). */
export type Values = Readonly<Record<ParameterName, string>>;

export interface ControlSpec {
  readonly name: ParameterName;
  readonly kind: ControlKind;
  readonly group: GroupId;
  /** The default as the user would type it ("" when there is none), and the help line: from the parameter table. */
  readonly defaultText: string;
  readonly help: string;
  /** For kind "choice". */
  readonly choices?: readonly string[];
  /** Whether the parameter applies to the scenario as it stands; controls that do not apply are hidden and not sent. */
  readonly applies: (values: Values) => boolean;
}

interface Presentation {
  readonly kind: ControlKind;
  readonly group: GroupId;
  readonly choices?: readonly string[];
  readonly applies?: (values: Values) => boolean;
}

const method = (values: Values): string => values.method || "gdp";

/** How each known parameter is shown. The engine's schema will carry kinds and choices; until then they live here. */
const PRESENTATION: Partial<Record<ParameterName, Presentation>> = {
  total: { kind: "text", group: "amount", applies: (v) => method(v) !== "pct-gdp" },
  "per-year": { kind: "text", group: "amount", applies: (v) => method(v) !== "pct-gdp" },
  currency: { kind: "choice", group: "amount", choices: ["EUR", "USD"] },
  "usd-per-eur": { kind: "text", group: "amount", applies: (v) => v.currency === "USD" },
  years: { kind: "text", group: "amount" },
  start: { kind: "text", group: "amount" },
  profile: { kind: "profile", group: "amount", applies: (v) => method(v) !== "pct-gdp" },
  method: { kind: "choice", group: "method", choices: ["gdp", "pct-gdp", "key", "blend"] },
  "gdp-year": {
    kind: "choice",
    group: "method",
    choices: ["2023", "2024"],
    applies: (v) => method(v) === "gdp" || method(v) === "pct-gdp",
  },
  "pct-gdp": { kind: "text", group: "method", applies: (v) => method(v) === "pct-gdp" },
  key: { kind: "text", group: "method", applies: (v) => method(v) === "key" || /\bkey\b/.test(v.blend) },
  blend: { kind: "text", group: "method", applies: (v) => method(v) === "blend" },
  credit: { kind: "text", group: "credit" },
  "aid-from": { kind: "text", group: "credit", applies: (v) => creditGiven(v.credit) },
  "aid-to": { kind: "text", group: "credit", applies: (v) => creditGiven(v.credit) },
  exempt: { kind: "allies", group: "limits" },
  cap: { kind: "text", group: "limits" },
  floor: { kind: "text", group: "limits" },
  "max-pct-gdp": { kind: "text", group: "limits" },
  unit: { kind: "text", group: "contributors" },
  eu: { kind: "eu-instruments", group: "eu" },
  "eu-add": { kind: "text", group: "eu" },
  "eu-states": { kind: "eu-states", group: "eu" },
  "overlap-threshold": { kind: "text", group: "eu" },
  contributors: { kind: "allies", group: "contributors" },
};

/** Credit is "given" when it is set to something other than zero (the aid window only matters then). */
function creditGiven(credit: string): boolean {
  const text = credit.trim().replace(/%$/, "");
  return text !== "" && Number(text) !== 0;
}

export const CONTROLS: readonly ControlSpec[] = PARAMETERS.map((parameter) => {
  const shown = PRESENTATION[parameter.name] ?? { kind: "text" as const, group: "amount" as const };
  return {
    name: parameter.name,
    kind: shown.kind,
    group: shown.group,
    defaultText: parameter.default,
    help: parameter.help,
    choices: shown.choices,
    applies: shown.applies ?? (() => true),
  };
});

/** Every parameter empty: the scenario of the defaults. */
export const EMPTY_VALUES: Values = Object.fromEntries(PARAMETERS.map((p) => [p.name, ""])) as Values;

/** The controls' options for the checklists, from the embedded data. */
export const ALLY_OPTIONS = ALLIES.map((ally) => ({ code: ally.iso3, label: `${ally.name} (${ally.iso3})` }));
export const EU_STATE_OPTIONS = EU_GNI_2023.map((state) => ({
  code: state.iso3,
  label: `${state.name} (${state.iso3})`,
}));
export const EU_INSTRUMENT_OPTIONS = EU_INSTRUMENTS.map((instrument) => ({
  code: instrument.id,
  label: instrument.name,
  detail:
    `EUR ${instrument.amountEurBn}bn, ${instrument.firstYear}` +
    (instrument.lastYear !== instrument.firstYear ? `-${instrument.lastYear}` : "") +
    `, ${instrument.status}, ${instrument.military ? "military" : "not military"}` +
    `${instrument.costToMembers ? "" : ", no cost to member states"}` +
    `${instrument.leftOut.length > 0 ? `, without ${instrument.leftOut.join(" ")}` : ""}`,
}));

/** The instruments the word "adopted" (the eu default) stands for, as the engine decides it. */
export const ADOPTED_MILITARY = EU_INSTRUMENTS.filter(isDefaultInstrument).map((i) => i.id);

/** The codes a list value holds ("HUN, POL" -> ["HUN", "POL"]). */
export function listCodes(value: string): string[] {
  return value
    .split(/[,;\s]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== "");
}

/** The instruments an eu value selects: "" and "adopted" the adopted military ones, "none" none, else the ids. */
export function selectedInstruments(value: string): string[] {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "adopted") return [...ADOPTED_MILITARY];
  if (text === "none") return [];
  return listCodes(value);
}

/** The eu value for a set of instruments, in the words the parameter's help uses where they fit. */
export function instrumentsValue(ids: readonly string[]): string {
  if (ids.length === 0) return "none";
  const ordered = EU_INSTRUMENTS.map((i) => i.id).filter((id) => ids.includes(id));
  if (ordered.length === ADOPTED_MILITARY.length && ADOPTED_MILITARY.every((id) => ordered.includes(id))) return "";
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
