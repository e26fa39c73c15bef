import { Dec } from "./decimal";
import { fail } from "./errors";
import { percentWords, type NumberRange } from "./parameters";
import { scaledWords } from "./words";

/**
 * Parsers for scenario inputs as users type them: in a cell (a number, text, TRUE/FALSE, or nothing), on the command
 * line, or in a task-pane field. Each takes the argument's name, so every error names what to fix.
 */

/** A raw value from a cell, a flag or a field. null and undefined both mean "not given". */
export type RawValue = string | number | boolean | null | undefined;

/** True when the value counts as "not given": null, undefined, or text that is empty or only spaces. */
export function isBlank(value: RawValue): value is null | undefined | "" {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

const SCALE_SUFFIXES: Readonly<Record<string, string>> = {
  k: "1e3",
  m: "1e6",
  mn: "1e6",
  bn: "1e9",
  b: "1e9",
  tn: "1e12",
  t: "1e12",
};

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Thousands grouped by commas in two or more groups (1,000,000): the one reading a comma may have. */
const GROUPED_THOUSANDS = /^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$/;
/** One comma before three digits (1,078): a thousands separator to some readers, a decimal comma to others. */
const ONE_GROUP = /^([+-]?\d{1,3}),(\d{3})$/;
/** Longest number text read (digits beyond this are not something a person types). */
const MAX_NUMBER_TEXT = 100;
/** Largest decimal exponent, either way, of any number read: beyond float's range, nobody means it. */
const MAX_EXPONENT = 400;

/**
 * A number's text with a comma, turned into the one reading it has, or an error showing the readings: only thousands
 * in two or more groups (1,000,000) are unambiguous; "1,078" may be 1078 or 1.078 and "0,5" is a decimal comma.
 */
function withoutCommas(argument: string, text: string, suffix: string, example: string): string {
  if (GROUPED_THOUSANDS.test(text)) return text.replace(/,/g, "");
  const shown = `${text}${suffix}`;
  const oneGroup = ONE_GROUP.exec(text);
  if (oneGroup) {
    return fail("AMBIGUOUS_COMMA", argument, {
      value: shown,
      first: `${oneGroup[1]}${oneGroup[2]}${suffix}`,
      second: `${oneGroup[1]}.${oneGroup[2]}`.replace(/\.?0+$/, "") + suffix,
    });
  }
  if (/^[+-]?\d*,\d+$/.test(text)) {
    return fail("COMMA_IN_NUMBER", argument, { value: shown, reading: `${text.replace(",", ".")}${suffix}` });
  }
  if (/^[+-]?[\d,]+(\.\d+)?$/.test(text) && NUMBER_PATTERN.test(text.replace(/,/g, ""))) {
    return fail("COMMA_IN_NUMBER", argument, { value: shown, reading: `${text.replace(/,/g, "")}${suffix}` });
  }
  return fail("NOT_A_NUMBER", argument, { value: shown, example });
}

/** A decimal from text in NUMBER_PATTERN form, refused before any work when its size is beyond all reason. */
function boundedDecimal(argument: string, text: string, shown: string, example: string): Dec {
  const exponent = /e([+-]?\d+)$/i.exec(text)?.[1] ?? "0";
  // Checked on the text first: "1e9000000000000000" must not reach decimal.js's arithmetic.
  if (text.length > MAX_NUMBER_TEXT || exponent.replace(/^[+-]?0*/, "").length > 5) {
    fail("NUMBER_OUT_OF_BOUNDS", argument, { value: shown, example });
  }
  const parsed = new Dec(text);
  if (!parsed.isZero() && Math.abs(parsed.e) > MAX_EXPONENT) {
    fail("NUMBER_OUT_OF_BOUNDS", argument, { value: shown, example });
  }
  return parsed;
}

/**
 * A decimal from a number or text ("1.5", "1e9", "1,000,000"), or an error naming the argument. A comma is read only
 * as a thousands separator in two or more groups; `suffix` is what followed the number (a scale), for the messages.
 */
export function parseDecimal(argument: string, value: RawValue, example = "1.5", suffix = ""): Dec {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail("NOT_A_NUMBER", argument, { value: String(value), example });
    // Through the shortest round-trip text, so 0.1 from a cell stays 0.1.
    return new Dec(String(value));
  }
  if (typeof value === "boolean")
    return fail("NOT_A_NUMBER", argument, { value: String(value).toUpperCase(), example });
  let text = (value ?? "").trim();
  const shown = `${text}${suffix}`;
  if (text.includes(",")) text = withoutCommas(argument, text, suffix, example);
  if (!NUMBER_PATTERN.test(text)) fail("NOT_A_NUMBER", argument, { value: shown, example });
  return boundedDecimal(argument, text, shown, example);
}

/** A decimal as a message shows it: plain when short, else in scientific notation with few digits. */
export function displayNumber(value: Dec): string {
  if (value.isZero()) return "0";
  if (Math.abs(value.e) <= 15 && value.decimalPlaces() <= 12) return value.toFixed();
  return value
    .toSignificantDigits(6)
    .toExponential()
    .replace(/\.?0+e/, "e")
    .replace("e+", "e");
}

/** Whether a decimal lies within a range (its ends included unless exclusive). */
export function inRange(value: Dec, range: NumberRange): boolean {
  const aboveMin = range.minExclusive ? value.gt(range.min) : value.gte(range.min);
  const belowMax = range.maxExclusive ? value.lt(range.max) : value.lte(range.max);
  return aboveMin && belowMax;
}

/**
 * The value, or the catalogue's error when it is outside the range (NOT_POSITIVE for 0 where 0 is excluded). `show`
 * writes the value and the range's ends in the message (amounts as 1000tn rather than 1e15).
 */
export function checkRange(
  argument: string,
  value: Dec,
  range: NumberRange,
  example: string,
  show: (number: Dec) => string = displayNumber
): Dec {
  if (inRange(value, range)) return value;
  if (range.min === "0" && range.minExclusive && value.lte(0)) {
    fail("NOT_POSITIVE", argument, { value: show(value), example });
  }
  return fail(
    "OUT_OF_RANGE",
    argument,
    { value: show(value), min: show(new Dec(range.min)), max: show(new Dec(range.max)) },
    { value: value.toString(), range }
  );
}

/**
 * An amount of money: a number, or text with an optional scale suffix ("100bn", "40000m", "2.5tn", "100e9").
 * Must be greater than 0, and within `range` when one is given.
 */
export function parseAmount(argument: string, value: RawValue, example = "100bn", range?: NumberRange): Dec {
  let amount: Dec;
  const match = typeof value === "string" ? /^\s*(.*?\d)\s*(k|mn|m|bn|b|tn|t)\s*$/i.exec(value) : null;
  if (match) {
    const suffix = match[2].toLowerCase();
    amount = parseDecimal(argument, match[1], example, suffix).times(SCALE_SUFFIXES[suffix]);
  } else {
    amount = parseDecimal(argument, value, example);
  }
  if (amount.lte(0)) fail("NOT_POSITIVE", argument, { value: displayNumber(amount), example });
  return range === undefined ? amount : checkRange(argument, amount, range, example, scaledWords);
}

/** A decimal within [min, max]. */
export function parseInRange(argument: string, value: RawValue, min: number, max: number, example: string): Dec {
  const parsed = parseDecimal(argument, value, example);
  if (parsed.lt(min) || parsed.gt(max)) {
    fail("OUT_OF_RANGE", argument, { value: displayNumber(parsed), min, max }, { range: rangeOf(min, max) });
  }
  return parsed;
}

function rangeOf(min: number, max: number): NumberRange {
  return { min: String(min), max: String(max) };
}

/** What a ratio parser needs from its parameter's schema entry. */
export interface RatioRules {
  readonly valid: NumberRange;
  /** Bare numbers outside this range are refused with the percent form the user probably meant. */
  readonly plausible: NumberRange;
  /** What the fraction is of, in words: "of the total". */
  readonly ratioOf: string;
  readonly example: string;
}

const PERCENT_SIGN = /\s*%\s*$/;

/**
 * A ratio as Excel stores a percentage: a fraction (0.4 is 40%), or text with a percent sign ("40%", "0.25 %"). A bare
 * number outside the plausible range is refused, with the percent form the user probably meant when that is valid:
 * a cap of 40 would be 4000% of the total; 40% is what was meant.
 */
export function parseRatio(argument: string, value: RawValue, rules: RatioRules): Dec {
  const outside = (shown: string, typed: string): never =>
    fail(
      "RATIO_OUT_OF_RANGE",
      argument,
      {
        value: shown,
        min: percentWords(rules.valid.min),
        max: percentWords(rules.valid.max),
        of: rules.ratioOf,
        example: rules.example,
      },
      { value: typed, range: rules.valid }
    );
  if (typeof value === "string" && PERCENT_SIGN.test(value)) {
    const typed = value.replace(PERCENT_SIGN, "");
    const percent = parseDecimal(argument, typed, rules.example.replace(/%$/, ""));
    const fraction = percent.div(100);
    if (fraction.isZero() && rules.valid.minExclusive) {
      fail("NOT_POSITIVE", argument, { value: "0%", example: rules.example });
    }
    return inRange(fraction, rules.valid) ? fraction : outside(`${displayNumber(percent)}%`, value.trim());
  }
  const bare = parseDecimal(argument, value, rules.example);
  if (bare.isZero() && rules.valid.minExclusive) fail("NOT_POSITIVE", argument, { value: "0", example: rules.example });
  if (inRange(bare, rules.valid) && inRange(bare, rules.plausible)) return bare;
  const asPercent = bare.div(100);
  if (bare.gt(rules.plausible.max) && inRange(asPercent, rules.valid)) {
    const shown = displayNumber(bare);
    fail(
      "RATIO_LOOKS_LIKE_PERCENT",
      argument,
      { value: shown, percent: percentWords(bare.toFixed()), of: rules.ratioOf, fraction: displayNumber(asPercent) },
      { value: shown, range: rules.plausible }
    );
  }
  return outside(`${displayNumber(bare)} (${percentWords(bare.toFixed())})`, String(value));
}

/** A whole number within [min, max]. */
export function parseWholeNumber(argument: string, value: RawValue, min: number, max: number): number {
  const parsed = parseDecimal(argument, value, String(min));
  if (!parsed.isInteger()) {
    fail("NOT_A_WHOLE_NUMBER", argument, { value: displayNumber(parsed), example: String(min) });
  }
  if (parsed.lt(min) || parsed.gt(max)) {
    fail("OUT_OF_RANGE", argument, { value: displayNumber(parsed), min, max }, { range: rangeOf(min, max) });
  }
  return parsed.toNumber();
}

/** One of a fixed set of words, case-insensitive; returns the canonical spelling. */
export function parseChoice<T extends string>(argument: string, value: RawValue, choices: readonly T[]): T {
  const text = String(value ?? "")
    .trim()
    .toLowerCase();
  const found = choices.find((choice) => choice.toLowerCase() === text);
  return found ?? fail("UNKNOWN_CHOICE", argument, { value: String(value ?? ""), choices: choices.join(", ") });
}

/** A month "YYYY-MM" (also "YYYY-M" or "YYYY/MM"), returned zero-padded. */
export function parseMonth(argument: string, value: RawValue): string {
  const text = String(value ?? "").trim();
  const match = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    fail("BAD_FORMAT", argument, { value: text, form: "YYYY-MM", example: "2024-01" });
  }
  return `${match[1]}-${String(month).padStart(2, "0")}`;
}

/**
 * A list of items separated by commas, semicolons or spaces; blanks dropped. "22 %" stays one item, and so does a
 * multi-word name for which `isName` is true ("United Kingdom", "United States=40%").
 */
export function parseList(value: RawValue, isName: (text: string) => boolean = () => false): string[] {
  if (isBlank(value)) return [];
  const text = String(value)
    .replace(/(\d)\s+%/g, "$1%")
    .replace(/\s*([=:])\s*/g, "$1");
  const items: string[] = [];
  for (const chunk of text.split(/[,;]/)) {
    const trimmed = chunk.trim();
    if (trimmed === "") continue;
    if (/\s/.test(trimmed) && isName(trimmed.split(/[=:]/, 1)[0])) items.push(trimmed);
    else items.push(...trimmed.split(/\s+/));
  }
  return items;
}

/** parseList, refusing a value that is given but holds no item (",,,"): it would silently mean "none". */
export function parseGivenList(
  argument: string,
  value: RawValue,
  example: string,
  isName?: (text: string) => boolean
): string[] {
  const items = parseList(value, isName);
  if (items.length === 0 && !isBlank(value)) {
    fail("EMPTY", argument, { fix: `Give at least one item, e.g. ${example}, or leave it out.` });
  }
  return items;
}

/** A contributor code: letters, digits, "_" or "-", upper-cased. */
export function parseCode(argument: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{1,24}$/.test(code)) {
    fail("BAD_FORMAT", argument, { value, form: "a code of letters and digits", example: "DEU" });
  }
  return code;
}

/**
 * "CODE=VALUE,CODE=VALUE" (or ":" instead of "="); each code read by `readCode` (by default upper-cased), each given
 * once.
 */
export function parseCodeValues(
  argument: string,
  value: RawValue,
  example: string,
  readCode: (text: string) => string = (text) => parseCode(argument, text),
  isName?: (text: string) => boolean
): Map<string, string> {
  const entries = new Map<string, string>();
  for (const item of parseGivenList(argument, value, example, isName)) {
    const match = /^([^=:]+)[=:](.+)$/.exec(item);
    if (!match) fail("BAD_FORMAT", argument, { value: item, form: "CODE=VALUE", example });
    const code = readCode(match[1]);
    if (entries.has(code)) fail("DUPLICATE_CODE", argument, { value: code });
    entries.set(code, match[2].trim());
  }
  return entries;
}
