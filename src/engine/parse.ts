import { Dec } from "./decimal";
import { fail } from "./errors";

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

/** A decimal from a number or text ("1.5", "1e9", "1,000,000"), or an error naming the argument. */
export function parseDecimal(argument: string, value: RawValue, example = "1.5"): Dec {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail("NOT_A_NUMBER", argument, { value: String(value), example });
    // Through the shortest round-trip text, so 0.1 from a cell stays 0.1.
    return new Dec(String(value));
  }
  if (typeof value === "boolean")
    return fail("NOT_A_NUMBER", argument, { value: String(value).toUpperCase(), example });
  const text = (value ?? "").trim().replace(/(\d),(?=\d{3}\b)/g, "$1");
  if (!NUMBER_PATTERN.test(text)) fail("NOT_A_NUMBER", argument, { value: value ?? "", example });
  return new Dec(text);
}

/**
 * An amount of money: a number, or text with an optional scale suffix ("100bn", "40000m", "2.5tn", "100e9").
 * Must be greater than 0.
 */
export function parseAmount(argument: string, value: RawValue, example = "100bn"): Dec {
  let amount: Dec;
  const match = typeof value === "string" ? /^\s*(.+?)\s*(k|mn|m|bn|b|tn|t)\s*$/i.exec(value) : null;
  if (match && NUMBER_PATTERN.test(match[1].replace(/,/g, ""))) {
    amount = parseDecimal(argument, match[1], example).times(SCALE_SUFFIXES[match[2].toLowerCase()]);
  } else {
    amount = parseDecimal(argument, value, example);
  }
  if (amount.lte(0)) fail("NOT_POSITIVE", argument, { value: amount.toFixed(), example });
  return amount;
}

/** A decimal within [min, max]. */
export function parseInRange(argument: string, value: RawValue, min: number, max: number, example: string): Dec {
  const parsed = parseDecimal(argument, value, example);
  if (parsed.lt(min) || parsed.gt(max)) fail("OUT_OF_RANGE", argument, { value: parsed.toFixed(), min, max });
  return parsed;
}

const PERCENT_SIGN = /\s*%\s*$/;

/** A number of percent within [min, max]: 0.25, or text with a percent sign, "0.25%" (also 0.25 percent). */
export function parsePercent(argument: string, value: RawValue, min: number, max: number, example: string): Dec {
  const text = typeof value === "string" ? value.replace(PERCENT_SIGN, "") : value;
  return parseInRange(argument, text, min, max, example);
}

/** A fraction within [0, 1]: 0.5, or text with a percent sign, "50%" (= 0.5). */
export function parseFraction(argument: string, value: RawValue, example: string): Dec {
  if (typeof value === "string" && PERCENT_SIGN.test(value)) {
    const percent = parseDecimal(argument, value.replace(PERCENT_SIGN, ""), example);
    return parseInRange(argument, percent.div(100).toFixed(), 0, 1, example);
  }
  return parseInRange(argument, value, 0, 1, example);
}

/** A whole number within [min, max]. */
export function parseWholeNumber(argument: string, value: RawValue, min: number, max: number): number {
  const parsed = parseDecimal(argument, value, String(min));
  if (!parsed.isInteger()) fail("NOT_A_WHOLE_NUMBER", argument, { value: parsed.toFixed(), example: String(min) });
  if (parsed.lt(min) || parsed.gt(max)) fail("OUT_OF_RANGE", argument, { value: parsed.toFixed(), min, max });
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

/** A list of items separated by commas, semicolons or spaces; blanks dropped. */
export function parseList(value: RawValue): string[] {
  if (isBlank(value)) return [];
  return String(value)
    .split(/[,;\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A contributor code: letters, digits, "_" or "-", upper-cased. */
export function parseCode(argument: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{1,24}$/.test(code)) {
    fail("BAD_FORMAT", argument, { value, form: "a code of letters and digits", example: "DEU" });
  }
  return code;
}

/** "CODE=VALUE,CODE=VALUE" (or ":" instead of "="); codes upper-cased, each given once. */
export function parseCodeValues(argument: string, value: RawValue, example: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const item of parseList(value)) {
    const match = /^([^=:]+)[=:](.+)$/.exec(item);
    if (!match) fail("BAD_FORMAT", argument, { value: item, form: "CODE=VALUE", example });
    const code = parseCode(argument, match[1]);
    if (entries.has(code)) fail("DUPLICATE_CODE", argument, { value: code });
    entries.set(code, match[2].trim());
  }
  return entries;
}
