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
  MISSING: { excel: "#VALUE!", text: "is required {when}. {fix}" },
  NOT_ALLOWED: { excel: "#VALUE!", text: "cannot be used {when}. {fix}" },
  UNKNOWN_CHOICE: { excel: "#VALUE!", text: '"{value}" is not one of {choices}. Use one of them.' },
  BAD_FORMAT: { excel: "#VALUE!", text: '"{value}" is not in the form {form}. Write it like {example}.' },
  UNKNOWN_CODE: { excel: "#N/A", text: '"{value}" is not {where}. {fix}' },
  DUPLICATE_CODE: { excel: "#VALUE!", text: '"{value}" appears more than once. Give each one only once.' },
  LENGTH_MISMATCH: {
    excel: "#VALUE!",
    text: "has {actual} values but {other} has {expected}. Give the same number of values to both.",
  },
  EMPTY: { excel: "#VALUE!", text: "is empty. {fix}" },
  WEIGHTS_SUM: {
    excel: "#VALUE!",
    text: "weights add up to {sum}, not 1. Make the weights add up to 1 (e.g. gdp2024:0.5,population:0.5).",
  },
  ALL_ZERO: { excel: "#VALUE!", text: "is zero for every {what}. {fix}" },
  WINDOW_ORDER: {
    excel: "#VALUE!",
    text: "starts at {from}, after its end {to}. Give a first month no later than the last.",
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
  TOO_MANY_UNITS: {
    excel: "#VALUE!",
    text: "would need {units} rounding units, more than {max}. Use a larger rounding unit.",
  },
  ERROR_VALUE_IN_RANGE: {
    excel: "#VALUE!",
    text: "contains an error value ({value}) at position {position}. Fix that cell first.",
  },
  INTERNAL: { excel: "#VALUE!", text: "failed an internal check ({detail}). Please report this with the inputs used." },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

function fill(template: string, details: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in details ? String(details[key]) : whole));
}

/** An input problem the user can fix. `argument` names the input as the user wrote it (a flag, a label, a parameter). */
export class FairShareError extends Error {
  readonly code: ErrorCode;
  readonly argument: string;
  readonly excel: ExcelErrorKind;
  readonly details: Readonly<MessageArgs>;

  constructor(code: ErrorCode, argument: string, details: MessageArgs = {}) {
    const entry: CatalogueEntry = ERROR_CATALOGUE[code];
    super(`${argument}: ${fill(entry.text, details)}`);
    this.name = "FairShareError";
    this.code = code;
    this.argument = argument;
    this.excel = entry.excel;
    this.details = details;
  }
}

/** Throws the catalogue's error; typed `never` so callers can use it in expressions. */
export function fail(code: ErrorCode, argument: string, details: MessageArgs = {}): never {
  throw new FairShareError(code, argument, details);
}

export function isFairShareError(value: unknown): value is FairShareError {
  return value instanceof FairShareError;
}
