import type { Dec } from "./decimal";
import { fail } from "./errors";
import { KIND_RULES, parameter, type ParameterName } from "./parameters";
import {
  asGiven,
  checkFineness,
  checkRange,
  displayNumber,
  parseAmount,
  parseChoice,
  parseDecimal,
  parseMonth,
  parseRatio,
  parseWholeNumber,
  type RatioRules,
  type RawValue,
} from "./parse";

/**
 * Scalar parameters read by their schema entry (parameters.ts): the kind picks the parser, the entry gives the range,
 * the example and, for ratios, the plausible range and what the ratio is of. `argument` names the value in errors
 * when it is part of the parameter ("cap (USA)").
 */

function schemaError(name: ParameterName, want: string): never {
  return fail("INTERNAL", name, { detail: `the schema has no ${want} for ${name}` });
}

/** The ratio rules of a ratio parameter (or of the ratios inside cap, floor and blend). */
export function ratioRules(name: ParameterName): RatioRules {
  const entry = parameter(name);
  if (entry.valid === undefined || entry.ratioOf === undefined) return schemaError(name, "ratio rules");
  return {
    valid: entry.valid,
    fineness: KIND_RULES[entry.kind].fineness,
    plausible: entry.plausible ?? entry.valid,
    ratioOf: entry.ratioOf,
    example: entry.example.replace(/^.*=/, ""),
  };
}

/** Values read before, kept: reading is a pure function of the kind, the name and the value as given. */
const PARSED_CAPACITY = 512;
const parsed = new Map<string, Dec | number>();

/**
 * What `read` gives for this value, read once: a sweep or a recalculating sheet gives most parameters the same value
 * run after run, and reading a number (the text, its fineness, its range) costs as much as much of the arithmetic.
 * Only numbers and text are kept, and only values read without error (an error is thrown again, fresh, each time).
 */
function readOnce<T extends Dec | number>(kind: string, argument: string, value: RawValue, read: () => T): T {
  if (typeof value !== "string" && typeof value !== "number") return read();
  const key = `${kind}|${argument}|${typeof value}|${value}`;
  const known = parsed.get(key);
  if (known !== undefined) return known as T;
  const result = read();
  if (parsed.size >= PARSED_CAPACITY) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, result);
  return result;
}

export function readRatio(name: ParameterName, value: RawValue, argument: string = name): Dec {
  return readOnce(`ratio ${name}`, argument, value, () => parseRatio(argument, value, ratioRules(name)));
}

export function readAmount(name: ParameterName, value: RawValue, argument: string = name): Dec {
  return readOnce(`amount ${name}`, argument, value, () => {
    const entry = parameter(name);
    return parseAmount(argument, value, entry.example, entry.valid);
  });
}

/** A positive number that is not money (usd-per-eur), within its range. */
export function readRate(name: ParameterName, value: RawValue): Dec {
  const entry = parameter(name);
  const range = entry.valid ?? schemaError(name, "range");
  const rate = parseDecimal(name, value, entry.example);
  const words = { what: "a rate", shown: asGiven(value), zeroValid: false };
  return checkFineness(name, rate, KIND_RULES[entry.kind].fineness, words, (checked) =>
    checkRange(name, checked, range, entry.example)
  );
}

/** A count or a year, within its range. */
export function readWhole(name: ParameterName, value: RawValue): number {
  return readOnce("whole", name, value, () => {
    const range = parameter(name).valid ?? schemaError(name, "range");
    return parseWholeNumber(name, value, Number(range.min), Number(range.max));
  });
}

export function readChoice<T extends string>(name: ParameterName, value: RawValue): T {
  const choices = (parameter(name).choices ?? schemaError(name, "choices")) as readonly T[];
  return parseChoice<T>(name, value, choices);
}

/** The words an on-or-off parameter takes, besides TRUE and FALSE in a cell. */
const SWITCH_WORDS: Readonly<Record<string, boolean>> = {
  yes: true,
  true: true,
  on: true,
  no: false,
  false: false,
  off: false,
};

/** An on-or-off parameter (kind switch): TRUE or FALSE, or the words yes, no, true, false, on, off in any case. */
export function readSwitch(name: ParameterName, value: RawValue): boolean {
  if (typeof value === "boolean") return value;
  const word = String(value ?? "")
    .trim()
    .toLowerCase();
  if (Object.prototype.hasOwnProperty.call(SWITCH_WORDS, word)) return SWITCH_WORDS[word];
  return fail("UNKNOWN_CHOICE", name, { value: String(value ?? ""), choices: "TRUE, FALSE, yes or no" });
}

export function readMonth(name: ParameterName, value: RawValue): string {
  return parseMonth(name, value);
}

/** A key value, basis or profile weight: any scale from 0 up, within the schema's weight range. */
export function readWeight(name: ParameterName, argument: string, value: RawValue, example: string): Dec {
  const entry = parameter(name);
  const range = entry.valid ?? schemaError(name, "range");
  const weight = parseDecimal(argument, value, example);
  if (weight.lt(0)) fail("NEGATIVE", argument, { value: displayNumber(weight) });
  const words = { what: "a value", shown: asGiven(value), zeroValid: true };
  return checkFineness(argument, weight, KIND_RULES[entry.kind].fineness, words, (checked) =>
    checkRange(argument, checked, range, example)
  );
}
