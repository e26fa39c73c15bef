import { isParameterName, type NumberRange, type ParameterName } from "./parameters";

/**
 * The one catalogue of user-facing errors. Every message names the input it is about and says how to fix it; adapters
 * show it unchanged (custom functions as #VALUE! or #N/A with this text, the CLI on stderr).
 */

/** The Excel error a custom function returns for each kind of problem: #N/A when something is not found, else #VALUE!. */
export type ExcelErrorKind = "#VALUE!" | "#N/A";

type MessageArgs = Record<string, string | number>;

interface CatalogueEntry {
  readonly excel: ExcelErrorKind;
  /** Problem and fix; `{name}` placeholders are filled from the error's details. */
  readonly text: string;
}

export const ERROR_CATALOGUE = {
  NOT_A_NUMBER: { excel: "#VALUE!", text: '"{value}" is not a number. Enter a number such as {example}.' },
  NOT_A_WHOLE_NUMBER: {
    excel: "#VALUE!",
    text: '"{value}" is not a whole number. Enter a whole number such as {example}.',
  },
  NOT_POSITIVE: {
    excel: "#VALUE!",
    text: "{value} must be greater than 0. Enter a positive number such as {example}.",
  },
  NEGATIVE: { excel: "#VALUE!", text: "{value} is negative. Enter 0 or more." },
  OUT_OF_RANGE: { excel: "#VALUE!", text: "{value} is outside {min} to {max}. Enter a value from {min} to {max}." },
  RATIO_OUT_OF_RANGE: {
    excel: "#VALUE!",
    text: "{value} is outside {min} to {max} {of}. Enter a value in that range, e.g. {example}.",
  },
  RATIO_LOOKS_LIKE_PERCENT: {
    excel: "#VALUE!",
    text: "{value} would be {percent} {of}; for {value}% write {value}% or {fraction}.",
  },
  NUMBER_TOO_LONG: {
    excel: "#VALUE!",
    text: '"{value}" is {length} characters long, far longer than any number. Enter a number such as {example}.',
  },
  PERCENT_SIGNS: { excel: "#VALUE!", text: '"{value}" has {count} percent signs. Write {percent} or {fraction}.' },
  TOO_FINE: {
    excel: "#VALUE!",
    text: "{value} is closer to 0 than {smallest}, the smallest {what} other than 0. Enter {fix}.",
  },
  TOO_MANY_PLACES: {
    excel: "#VALUE!",
    text: '"{value}" is finer than {finest}: {what} has at most {max} decimal places. Round it, e.g. to {rounded}.',
  },
  TOO_MANY_DIGITS: {
    excel: "#VALUE!",
    text: '"{value}" has {digits} significant digits; {what} has at most {max}. Round it, e.g. to {rounded}.',
  },
  NUMBER_OUT_OF_BOUNDS: {
    excel: "#VALUE!",
    text: '"{value}" is far too large or too small to be meant. Enter a number such as {example}.',
  },
  AMBIGUOUS_COMMA: {
    excel: "#VALUE!",
    text: '"{value}" could be read as {first} or as {second}. Write {first} or {second}, without the comma.',
  },
  COMMA_IN_NUMBER: {
    excel: "#VALUE!",
    text: '"{value}" has a comma where a number is expected. Write {reading}.',
  },
  TOO_LARGE_FOR_EXCEL: {
    excel: "#VALUE!",
    text: "{value} is above 2^53 (about 9.007e15), the largest amount an Excel cell holds exactly. Use the command line, or a smaller scenario.",
  },
  MISSING: { excel: "#VALUE!", text: "is required {when}. {fix}" },
  NOT_ALLOWED: { excel: "#VALUE!", text: "cannot be used {when}. {fix}" },
  UNKNOWN_CHOICE: { excel: "#VALUE!", text: '"{value}" is not one of {choices}. Use one of them.' },
  STANDS_ALONE: {
    excel: "#VALUE!",
    text: '"{value}" must stand alone: it means {meaning}. Give {value} by itself, or leave it out of the list.',
  },
  WORD_REPEATED: { excel: "#VALUE!", text: '"{value}" after "{earlier}": give one of {choices}, once.' },
  BAD_ID: { excel: "#VALUE!", text: '"{value}" is not an id: an id is {rule}. Write it like {example}.' },
  TOO_MANY_ITEMS: {
    excel: "#VALUE!",
    text: "has {count} {items}, more than the {max} it may hold. Give at most {max}{hint}.",
  },
  YEARS_PAST_END: {
    excel: "#VALUE!",
    text: "{years} years from {start} run to {last}, past {max}, the last year a scenario may reach. Give at most {most} from {start}, or start by {latest}.",
  },
  BAD_FORMAT: { excel: "#VALUE!", text: '"{value}" is not in the form {form}. Write it like {example}.' },
  UNKNOWN_CODE: { excel: "#N/A", text: '"{value}" is not {where}. {fix}' },
  CODE_LEFT_OUT: {
    excel: "#N/A",
    text: '"{value}" ({name}) is an ally, but not one of the contributors: contributors leaves it out. Add it to contributors, or remove it here.',
  },
  DUPLICATE_CODE: { excel: "#VALUE!", text: '"{value}" appears more than once. Give each one only once.' },
  LENGTH_MISMATCH: {
    excel: "#VALUE!",
    text: "has {actual} values but {other} has {expected}. Give the same number of values to both.",
  },
  EMPTY: { excel: "#VALUE!", text: "is empty. {fix}" },
  WEIGHTS_SUM: {
    excel: "#VALUE!",
    text: "weights add up to {sum}, not 1. Make the weights add up to 1 (e.g. {example}).",
  },
  ALL_ZERO: { excel: "#VALUE!", text: "is zero for every {what}. {fix}" },
  WINDOW_ORDER: {
    excel: "#VALUE!",
    text: "starts at {from}, after its end {to}. Give a first month no later than the last.",
  },
  WINDOW_ENDS_BEFORE_START: {
    excel: "#VALUE!",
    text: "{to} is before the aid window's start {from} ({why}). Give a later aid-to, or an aid-from no later than it.",
  },
  NO_DATA: {
    excel: "#N/A",
    text: "{from} to {to} has no data: {dataset} covers {first} to {last}. Choose months in that range.",
  },
  NO_FIGURE: { excel: "#N/A", text: "has no {field} for {code}. {fix}" },
  EVERYONE_EXEMPT: {
    excel: "#VALUE!",
    text: "exempts every contributor, so nobody is left to pay. Exempt fewer contributors.",
  },
  CAP_BELOW_FLOOR: {
    excel: "#VALUE!",
    text: "gives {code} a maximum of {max} below its minimum of {min}. Raise its cap or lower its floor.",
  },
  CAPS_TOO_LOW: {
    excel: "#VALUE!",
    text: "let the contributors pay at most {capacity} in all, less than the total {total} ({binding}). Raise the caps, exempt fewer contributors or lower the total.",
  },
  FLOORS_TOO_HIGH: {
    excel: "#VALUE!",
    text: "add up to {floors}, more than the total {total}. Lower the floors or raise the total.",
  },
  NOT_A_MULTIPLE_OF_UNIT: {
    excel: "#VALUE!",
    text: "{value} is not a whole number of rounding units ({unit}). Use a total that is a multiple of the unit, or a smaller unit.",
  },
  UNIT_DOES_NOT_DIVIDE: {
    excel: "#VALUE!",
    text: "{amount} is not a whole number of {unit} units. Use a unit that divides it, such as {divisors}.",
  },
  TOO_MANY_UNITS: {
    excel: "#VALUE!",
    text: "would need {units} rounding units, more than {max}. Use a larger rounding unit.",
  },
  NO_YEAR: {
    excel: "#N/A",
    text: "{value}: the data has no {what} for that year; it has {years}. {fix}",
  },
  DATA_FILE: { excel: "#VALUE!", text: "{problem}. {fix}" },
  DUPLICATE_ROW: {
    excel: "#VALUE!",
    text: "{code} ({name}) has a second row, row {again} (its first is row {first}). Keep one of them.",
  },
  MISSING_ROWS: { excel: "#VALUE!", text: "has no row for {codes}. {fix}" },
  UNKNOWN_COLUMN: { excel: "#VALUE!", text: '"{value}" is not a column of {what}. {fix}' },
  BAD_YEAR_COLUMN: {
    excel: "#VALUE!",
    text: 'column "{value}": "{year}" is not a year from {min} to {max}. Write the year in four digits, e.g. {example}.',
  },
  DATA_MISMATCH: { excel: "#VALUE!", text: '"{value}", but {fact}. {fix}' },
  TWO_STATEMENTS: {
    excel: "#VALUE!",
    text: 'states the {what} "{first}" and also "{second}". State one {what} for the whole table.',
  },
  ERROR_VALUE_IN_RANGE: {
    excel: "#VALUE!",
    text: "contains an error value ({value}) at position {position}. Fix that cell first.",
  },
  INTERNAL: { excel: "#VALUE!", text: "failed an internal check ({detail}). Please report this with the inputs used." },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Longest value quoted in a message: a message stays a few lines whatever was typed. */
const MAX_VALUE_LENGTH = 40;
/** Placeholders that quote what the user typed: shortened to MAX_VALUE_LENGTH. */
const TYPED_KEYS: ReadonlySet<string> = new Set(["value", "earlier"]);

/**
 * Characters a terminal or a cell would act on or hide instead of showing: C0 and C1 controls (an escape sequence
 * colours a terminal), DEL, line and paragraph separators, direction marks and overrides, zero-width characters and the
 * byte-order mark.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped, not shown.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Text as a message may show it: every unprintable character written visibly, as \u001b. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** A template with its placeholders filled: every value made printable, and what the user typed kept short. */
function fill(template: string, details: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in details)) return whole;
    const text = printable(String(details[key]));
    return TYPED_KEYS.has(key) ? shorten(text) : text;
  });
}

/** The parameter an argument names: its first word ("cap" in "cap (USA)"), when that is a parameter. */
function parameterOf(argument: string): ParameterName | null {
  const first = argument.split(/[\s(]/, 1)[0];
  return isParameterName(first) ? first : null;
}

/**
 * Typed facts about an error, for adapters that show more than the message (a task pane marking the field, a range
 * beside it): no adapter needs to read them back out of the text.
 */
export interface ErrorFacts {
  /** The value as the user gave it. */
  readonly value?: string;
  /** The valid range the value is outside of. */
  readonly range?: NumberRange;
}

/** An input problem the user can fix. `argument` names the input as the user wrote it (a flag, a label, a parameter). */
export class FairShareError extends Error {
  readonly code: ErrorCode;
  readonly argument: string;
  /** The scenario parameter the argument belongs to ("cap" for "cap (USA)"), or null for other arguments. */
  readonly parameter: ParameterName | null;
  readonly excel: ExcelErrorKind;
  readonly details: Readonly<MessageArgs>;
  /** The value the user gave, when the error is about one value. */
  readonly value: string | null;
  /** The range of valid values, when the error is that the value is outside it. */
  readonly range: NumberRange | null;

  constructor(code: ErrorCode, argument: string, details: MessageArgs = {}, facts: ErrorFacts = {}) {
    const entry: CatalogueEntry = ERROR_CATALOGUE[code];
    super(`${printable(argument)}: ${fill(entry.text, details)}`);
    this.name = "FairShareError";
    this.code = code;
    this.argument = argument;
    this.parameter = parameterOf(argument);
    this.excel = entry.excel;
    this.details = details;
    this.value = facts.value ?? (details.value === undefined ? null : String(details.value));
    this.range = facts.range ?? null;
  }
}

/** Throws the catalogue's error; typed `never` so callers can use it in expressions. */
export function fail(code: ErrorCode, argument: string, details: MessageArgs = {}, facts: ErrorFacts = {}): never {
  throw new FairShareError(code, argument, details, facts);
}

export function isFairShareError(value: unknown): value is FairShareError {
  return value instanceof FairShareError;
}
