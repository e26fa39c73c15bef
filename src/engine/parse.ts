import { Dec } from "./decimal";
import { fail } from "./errors";
import {
  AMOUNT_SUFFIXES,
  KIND_RULES,
  percentWords,
  type Fineness,
  type NumberRange,
  type ParameterKind,
} from "./parameters";
import { numberWords, scaledWords } from "./words";

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

/** Each suffix of AMOUNT_SUFFIXES (lower case) with its scale. */
const SCALE_SUFFIXES: ReadonlyMap<string, Dec> = new Map(
  AMOUNT_SUFFIXES.map((entry) => [entry.suffix, new Dec(10).pow(entry.exponent)] as const)
);
/** A number followed by a suffix; longer suffixes first, so "mn" is never read as "m" and a stray "n". */
const SUFFIXED_AMOUNT = new RegExp(
  `^\\s*(.*?\\d)\\s*(${[...SCALE_SUFFIXES.keys()].sort((a, b) => b.length - a.length).join("|")})\\s*$`,
  "i"
);

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Thousands grouped by commas in two or more groups (1,000,000): the one reading a comma may have. */
const GROUPED_THOUSANDS = /^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$/;
/** One comma before three digits (1,078): a thousands separator to some readers, a decimal comma to others. */
const ONE_GROUP = /^([+-]?\d{1,3}),(\d{3})$/;
/**
 * Longest number text read: far beyond anything typed (a 102-digit number is read, and refused by its range), short
 * enough that no text makes the reading slow.
 */
const MAX_NUMBER_TEXT = 1000;
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

/**
 * A decimal from text in NUMBER_PATTERN form, refused before any work when its size is beyond all reason. Leading
 * zeros are fine (007 is 7); a long number is read whole, so that its range can say why it is refused.
 */
function boundedDecimal(argument: string, text: string, shown: string, example: string): Dec {
  const exponent = /e([+-]?\d+)$/i.exec(text)?.[1] ?? "0";
  // Checked on the text first: "1e9000000000000000" must not reach decimal.js's arithmetic.
  if (exponent.replace(/^[+-]?0*/, "").length > 5) fail("NUMBER_OUT_OF_BOUNDS", argument, { value: shown, example });
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
  if (text.length > MAX_NUMBER_TEXT) {
    fail("NUMBER_TOO_LONG", argument, { value: shown, length: text.length.toLocaleString("en-US"), example });
  }
  if (text.includes(",")) text = withoutCommas(argument, text, suffix, example);
  if (!NUMBER_PATTERN.test(text)) fail("NOT_A_NUMBER", argument, { value: shown, example });
  return boundedDecimal(argument, text, shown, example);
}

/** A decimal as a message shows it: short whatever its size (see numberWords). */
export function displayNumber(value: Dec): string {
  return numberWords(value);
}

/** A value as the user gave it, for a message: a cell's number as its shortest text, typed text trimmed. */
export function asGiven(value: RawValue): string {
  return typeof value === "string" ? value.trim() : String(value ?? "");
}

/** Writes a number in a message with `digits` significant digits where it is not exact (numberWords, scaledWords). */
export type NumberShow = (value: Dec, digits?: number) => string;

/**
 * A value outside a range as a message shows it: with as many digits as it takes to read as outside, so that
 * 1000.0000000001tn never reads "about 1,000tn is outside 0 to 1,000tn".
 */
export function outsideWords(value: Dec, range: NumberRange, show: NumberShow): string {
  for (let digits = 4; digits < 40; digits++) {
    if (!inRange(value.toSignificantDigits(digits), range)) return show(value, digits);
  }
  return show(value, 40);
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
  show: NumberShow = numberWords
): Dec {
  if (inRange(value, range)) return value;
  if (range.min === "0" && range.minExclusive && value.lte(0)) {
    fail("NOT_POSITIVE", argument, { value: show(value), example });
  }
  return fail(
    "OUT_OF_RANGE",
    argument,
    { value: outsideWords(value, range, show), min: show(new Dec(range.min)), max: show(new Dec(range.max)) },
    { value: value.toString(), range }
  );
}

/** What a fineness error says of the value: what it is ("an amount") and how to write a suggested value. */
export interface FinenessWords {
  readonly what: string;
  /** The value as the user gave it. */
  readonly shown: string;
  /** Whether 0 itself is valid here (the fix then offers it). */
  readonly zeroValid: boolean;
  /** A value (a limit, a rounded suggestion) in the form the user wrote it: a fraction as 0.0000001% when typed with %. */
  readonly write?: (value: Dec) => string;
  /** The smallest value in another form, in parentheses after it: "1e-9 (0.0000001%)". */
  readonly explain?: (value: Dec) => string;
}

/**
 * The value checked against its kind's fineness (KIND_RULES) and its range, in this order: no more decimal places or
 * significant digits than the kind's (so that a value refused by its range is never shown with hundreds of digits),
 * then `withinRange` (the caller's range check, which throws with its own message), then no closer to 0 than the
 * kind's smallest value (0 itself passes when the range has it).
 */
export function checkFineness(
  argument: string,
  value: Dec,
  fineness: Fineness | undefined,
  words: FinenessWords,
  withinRange: (value: Dec) => Dec = (checked) => checked
): Dec {
  const { smallest, places, digits } = fineness ?? {};
  const write = words.write ?? numberWords;
  if (places !== undefined && value.decimalPlaces() > places) {
    const finest = new Dec(1).div(new Dec(10).pow(places));
    const rounded = value.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
    fail("TOO_MANY_PLACES", argument, {
      value: words.shown,
      finest: numberWords(finest),
      what: words.what,
      max: places,
      // Never a suggestion of 0 for a value that is not: the finest value instead.
      rounded: write(rounded.isZero() ? finest.times(value.s) : rounded),
    });
  }
  if (digits !== undefined && value.sd() > digits) {
    fail("TOO_MANY_DIGITS", argument, {
      value: words.shown,
      digits: value.sd(),
      what: words.what,
      max: digits,
      rounded: write(value.toSignificantDigits(digits, Dec.ROUND_HALF_UP)),
    });
  }
  const checked = withinRange(value);
  if (smallest !== undefined && !value.isZero() && value.abs().lt(smallest)) {
    const limit = new Dec(smallest);
    fail("TOO_FINE", argument, {
      value: words.shown,
      smallest: words.explain === undefined ? write(limit) : `${write(limit)} (${words.explain(limit)})`,
      what: words.what.replace(/^an? /, ""),
      fix: words.zeroValid ? `0 or at least ${write(limit)}` : `at least ${write(limit)}`,
    });
  }
  return checked;
}

/**
 * An amount of money: a number, or text with an optional scale suffix ("100bn", "40000m", "2.5tn", "100e9").
 * Must be greater than 0, and within `range` when one is given.
 */
export function parseAmount(argument: string, value: RawValue, example = "100bn", range?: NumberRange): Dec {
  let amount: Dec;
  const match = typeof value === "string" ? SUFFIXED_AMOUNT.exec(value) : null;
  if (match) {
    const suffix = match[2].toLowerCase();
    amount = parseDecimal(argument, match[1], example, suffix).times(SCALE_SUFFIXES.get(suffix) as Dec);
  } else {
    amount = parseDecimal(argument, value, example);
  }
  if (amount.lte(0)) fail("NOT_POSITIVE", argument, { value: numberWords(amount), example });
  const words = { what: "an amount", shown: asGiven(value), zeroValid: false };
  return checkFineness(argument, amount, KIND_RULES.amount.fineness, words, (checked) =>
    range === undefined ? checked : checkRange(argument, checked, range, example, scaledWords)
  );
}

/** A decimal within [min, max]. */
export function parseInRange(argument: string, value: RawValue, min: number, max: number, example: string): Dec {
  return checkRange(argument, parseDecimal(argument, value, example), rangeOf(min, max), example);
}

function rangeOf(min: number, max: number): NumberRange {
  return { min: String(min), max: String(max) };
}

/** What a ratio parser needs from its parameter's schema entry. */
export interface RatioRules {
  readonly valid: NumberRange;
  /** How fine the ratio may be: its kind's (KIND_RULES); the ratio kind's when not given. */
  readonly fineness?: Fineness;
  /** Bare numbers outside this range are refused with the percent form the user probably meant. */
  readonly plausible: NumberRange;
  /** What the fraction is of, in words: "of the total". */
  readonly ratioOf: string;
  readonly example: string;
}

/** A fraction in percent for a message: 0.0025 -> "0.25%" (numberWords of the percent, so always short). */
const percentOf: NumberShow = (fraction, digits) => `${numberWords(fraction.times(100), digits)}%`;

/** One or more percent signs at the end ("40%", "0.25 %"; "50%%" is refused with what was meant). */
const PERCENT_SIGNS = /((?:\s*%)+)\s*$/;

/**
 * A ratio as Excel stores a percentage: a fraction (0.4 is 40%), or text with a percent sign ("40%", "0.25 %"). A bare
 * number outside the plausible range is refused, with the percent form the user probably meant when that is valid:
 * a cap of 40 would be 4000% of the total; 40% is what was meant.
 */
export function parseRatio(argument: string, value: RawValue, rules: RatioRules): Dec {
  const shown = asGiven(value);
  const signs = typeof value === "string" ? PERCENT_SIGNS.exec(value) : null;
  let fraction: Dec;
  if (signs !== null) {
    const text = String(value);
    const percent = parseDecimal(argument, text.slice(0, signs.index), rules.example, text.slice(signs.index).trim());
    const count = signs[1].replace(/\s/g, "").length;
    if (count > 1) {
      fail("PERCENT_SIGNS", argument, {
        value: shown,
        count,
        percent: `${numberWords(percent)}%`,
        fraction: numberWords(percent.div(100)),
      });
    }
    fraction = percent.div(100);
  } else {
    fraction = parseDecimal(argument, value, rules.example);
  }
  const typedPercent = signs !== null;
  if (fraction.isZero() && rules.valid.minExclusive) {
    fail("NOT_POSITIVE", argument, { value: typedPercent ? "0%" : "0", example: rules.example });
  }
  const words: FinenessWords = {
    what: "a ratio",
    shown,
    zeroValid: inRange(new Dec(0), rules.valid),
    write: typedPercent ? percentOf : numberWords,
    explain: typedPercent ? numberWords : percentOf,
  };
  return checkFineness(argument, fraction, rules.fineness ?? KIND_RULES.ratio.fineness, words, (checked) =>
    ratioInRange(argument, checked, rules, typedPercent ? "percent" : "bare", shown)
  );
}

/** A ratio within its valid range and, given as a bare number, its plausible one; else the error that says which. */
function ratioInRange(
  argument: string,
  fraction: Dec,
  rules: RatioRules,
  form: "percent" | "bare",
  shown: string
): Dec {
  const percentOf: NumberShow = (value, digits) => `${numberWords(value.times(100), digits)}%`;
  const outside = (words: string): never =>
    fail(
      "RATIO_OUT_OF_RANGE",
      argument,
      {
        value: words,
        min: percentWords(rules.valid.min),
        max: percentWords(rules.valid.max),
        of: rules.ratioOf,
        example: rules.example,
      },
      { value: shown, range: rules.valid }
    );
  if (form === "percent") {
    return inRange(fraction, rules.valid) ? fraction : outside(outsideWords(fraction, rules.valid, percentOf));
  }
  if (inRange(fraction, rules.valid) && inRange(fraction, rules.plausible)) return fraction;
  const asPercent = fraction.div(100);
  if (fraction.gt(rules.plausible.max) && inRange(asPercent, rules.valid)) {
    const bare = numberWords(fraction);
    fail(
      "RATIO_LOOKS_LIKE_PERCENT",
      argument,
      { value: bare, percent: percentOf(fraction), of: rules.ratioOf, fraction: numberWords(asPercent) },
      { value: bare, range: rules.plausible }
    );
  }
  return outside(
    `${outsideWords(fraction, rules.valid, numberWords)} (${outsideWords(fraction, rules.valid, percentOf)})`
  );
}

/** A whole number within [min, max]; a number that is not whole is quoted as given (3.0000000000000004). */
export function parseWholeNumber(argument: string, value: RawValue, min: number, max: number): number {
  const parsed = parseDecimal(argument, value, String(min));
  if (!parsed.isInteger()) {
    fail("NOT_A_WHOLE_NUMBER", argument, { value: asGiven(value), example: String(min) });
  }
  return checkRange(argument, parsed, rangeOf(min, max), String(min)).toNumber();
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
 * Refuses an item given again in a list whose kind names things (KIND_RULES: `distinct`), wherever the list comes
 * from: `seen` holds the items read so far, as read (HUN and Hungary are one item).
 */
export function refuseRepeat(
  argument: string,
  kind: ParameterKind,
  seen: { has(item: string): boolean },
  item: string
): void {
  if (KIND_RULES[kind].distinct && seen.has(item)) fail("DUPLICATE_CODE", argument, { value: item });
}

/**
 * "CODE=VALUE,CODE=VALUE" (or ":" instead of "="); each code read by `readCode` (by default upper-cased), each given
 * once when the list's kind says so (all of code-values, code-ratios and blend do).
 */
export function parseCodeValues(
  argument: string,
  value: RawValue,
  example: string,
  readCode: (text: string) => string = (text) => parseCode(argument, text),
  isName?: (text: string) => boolean,
  kind: ParameterKind = "code-values"
): Map<string, string> {
  const entries = new Map<string, string>();
  for (const item of parseGivenList(argument, value, example, isName)) {
    const match = /^([^=:]+)[=:](.+)$/.exec(item);
    if (!match) fail("BAD_FORMAT", argument, { value: item, form: "CODE=VALUE", example });
    const code = readCode(match[1]);
    refuseRepeat(argument, kind, entries, code);
    entries.set(code, match[2].trim());
  }
  return entries;
}
