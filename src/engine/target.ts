/**
 * A goal seek's target: "ESP<=3bn", "ESP[2026]<=600m", "ESP.share>=8%", "ESP.pct-gdp<=0.25%", "ESP.net-new>=2bn",
 * "ESP.overlap<=1bn", "overlap<=10bn" (the EU overlap of every ally). Read here; measured on an exact allocation by
 * targetFigure.
 */
import { Dec } from "./decimal";
import { fail } from "./errors";
import { FRACTION_ZERO, fromDec, type Fraction } from "./fraction";
import { parseAmount, parseRatio } from "./parse";

export const TARGET_MEASURES = ["amount", "share", "pct-gdp", "net-new", "overlap"] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];
export type Relation = "<=" | ">=" | "=";

export interface Target {
  /** The ally, or null for the EU overlap of every ally. */
  readonly code: string | null;
  /** One calendar year, or null for all years. */
  readonly year: number | null;
  readonly measure: TargetMeasure;
  readonly relation: Relation;
  /** The value exactly: an amount in the scenario currency, or a fraction (share, percent of GDP). */
  readonly value: Fraction;
  /** The target as given, tidied: "ESP<=3bn". */
  readonly text: string;
}

const TARGET_FORM = /^\s*([A-Za-z]+)\s*(?:\[\s*(\d{4})\s*\])?\s*(?:\.\s*([a-z-]+))?\s*(<=|>=|=)\s*(.+?)\s*$/i;
const EXAMPLE = "ESP<=3bn";

/** Whether the measure is money (amount, net new, overlap) or a ratio (share, percent of GDP). */
export function isMoney(measure: TargetMeasure): boolean {
  return measure !== "share" && measure !== "pct-gdp";
}

export function parseTarget(text: string, argument = "target"): Target {
  const match = TARGET_FORM.exec(text);
  if (match === null) {
    return fail("BAD_FORMAT", argument, {
      value: text,
      form: "CODE[YEAR].MEASURE<=VALUE (or >=, =), the year and measure optional",
      example: `${EXAMPLE}, ESP[2026]<=600m, ESP.share>=8%, overlap<=10bn`,
    });
  }
  const [, subject, yearText, measureText, relation, valueText] = match;
  const everyone = subject.toLowerCase() === "overlap";
  const measure = (everyone ? "overlap" : (measureText ?? "amount").toLowerCase()) as TargetMeasure;
  if (!TARGET_MEASURES.includes(measure) || (everyone && measureText !== undefined)) {
    return fail("UNKNOWN_CHOICE", argument, {
      value: measureText ?? text,
      choices: `${TARGET_MEASURES.join(", ")} (after the code: ESP.share>=8%)`,
    });
  }
  const value = isMoney(measure) ? moneyValue(argument, valueText) : ratioValue(argument, valueText);
  const code = everyone ? null : subject.toUpperCase();
  const year = yearText === undefined ? null : Number(yearText);
  const subjectText = `${everyone ? "overlap" : code}${year === null ? "" : `[${year}]`}`;
  const measureSuffix = everyone || measure === "amount" ? "" : `.${measure}`;
  return {
    code,
    year,
    measure,
    relation: relation as Relation,
    value,
    text: `${subjectText}${measureSuffix}${relation}${valueText}`,
  };
}

function moneyValue(argument: string, text: string): Fraction {
  if (/^0+(\.0*)?$/.test(text)) return FRACTION_ZERO;
  return fromDec(parseAmount(argument, text, EXAMPLE));
}

function ratioValue(argument: string, text: string): Fraction {
  const rules = {
    valid: { min: "0", max: "1" },
    plausible: { min: "0", max: "1" },
    ratioOf: "of the total or of GDP",
    example: "8%",
  };
  return fromDec(parseRatio(argument, text, rules) as Dec);
}
