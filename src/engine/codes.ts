import { ALLIES, EU_GNI } from "../data";
import { fail } from "./errors";
import { parseCode } from "./parse";

/**
 * Country codes as a person types them. A code is ISO 3166 alpha-3 (GBR); the English name of a country of the
 * embedded data is accepted too, ignoring case and accents (Hungary, united kingdom, Turkiye). Anything else is refused
 * with what it probably meant: "UK" -> GBR (United Kingdom), from alpha-2 codes, common short forms, near-miss names
 * and codes; and the message says whether the country is not in the list at all or was left out by `contributors`.
 */

/** Every country the embedded data names: the allies and the EU member states. */
const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map([
  ...ALLIES.map((ally) => [ally.iso3, ally.name] as const),
  ...EU_GNI.map((record) => [record.iso3, record.name] as const),
]);

const ALLY_CODES: ReadonlySet<string> = new Set(ALLIES.map((ally) => ally.iso3));
const EU_CODES: ReadonlySet<string> = new Set(EU_GNI.map((record) => record.iso3));

/** A name folded for comparison: lower case, accents and punctuation dropped, spaces single. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[.'’]/g, "")
    .replace(/[\s_-]+/g, " ")
    .trim();
}

const CODE_BY_NAME: ReadonlyMap<string, string> = new Map(
  [...COUNTRY_NAMES].map(([code, name]) => [fold(name), code] as const)
);

/**
 * Codes people type that are not alpha-3 codes of the data, with the code they mean: ISO 3166 alpha-2, the EU's own
 * (EL for Greece, UK), sports and road abbreviations (GER, NED), and everyday names (Turkey, Holland, Czech Republic).
 */
// A table of short pairs reads better in rows than one pair per line, so prettier leaves it as written.
// prettier-ignore
const SHORT_FORMS: Readonly<Record<string, string>> = {
  al: "ALB", be: "BEL", bg: "BGR", ca: "CAN", hr: "HRV", cz: "CZE", dk: "DNK", ee: "EST", fi: "FIN", fr: "FRA",
  de: "DEU", gr: "GRC", el: "GRC", hu: "HUN", is: "ISL", it: "ITA", lv: "LVA", lt: "LTU", lu: "LUX", me: "MNE",
  nl: "NLD", mk: "MKD", no: "NOR", pl: "POL", pt: "PRT", ro: "ROU", sk: "SVK", si: "SVN", es: "ESP", se: "SWE",
  tr: "TUR", gb: "GBR", uk: "GBR", us: "USA", at: "AUT", cy: "CYP", ie: "IRL", mt: "MLT",
  ger: "DEU", ned: "NLD", hol: "NLD", den: "DNK", por: "PRT", cro: "HRV", bul: "BGR", lat: "LVA", slo: "SVN",
  rom: "ROU", gre: "GRC", spa: "ESP", ire: "IRL", eng: "GBR", brd: "DEU",
  "u s": "USA", "u s a": "USA", america: "USA", "united states of america": "USA", "the united states": "USA",
  britain: "GBR", "great britain": "GBR", england: "GBR", "the united kingdom": "GBR", holland: "NLD",
  "the netherlands": "NLD", turkey: "TUR", "czech republic": "CZE", macedonia: "MKD", "republic of north macedonia": "MKD",
};

/** A country code with its name for messages: "GBR (United Kingdom)". */
export function codeWithName(code: string): string {
  const name = COUNTRY_NAMES.get(code);
  return name === undefined ? code : `${code} (${name})`;
}

/** The code of a country of the data named in English ("Germany" -> DEU), or undefined. */
export function codeForName(text: string): string | undefined {
  return CODE_BY_NAME.get(fold(text));
}

/** "Did you mean DEU (Germany)? " for a typed code or name among the countries of the data, or "". */
export function suggestionFor(typed: string): string {
  return didYouMean(typed, [...COUNTRY_NAMES.keys()]);
}

/** True when the text is the English name of a country of the data (so a list keeps "United Kingdom" whole). */
export function isCountryName(text: string): boolean {
  const folded = fold(text);
  return CODE_BY_NAME.has(folded) || SHORT_FORMS[folded] !== undefined;
}

/** The Levenshtein distance: how many one-letter edits turn a into b (suggestions for near misses). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The codes a typed text probably meant, best first (at most three), among `candidates`. */
export function suggestCodes(typed: string, candidates: readonly string[]): string[] {
  const folded = fold(typed);
  const upper = typed.trim().toUpperCase();
  const found: string[] = [];
  const add = (code: string | undefined): void => {
    if (code !== undefined && candidates.includes(code) && !found.includes(code)) found.push(code);
  };
  add(SHORT_FORMS[folded]);
  add(CODE_BY_NAME.get(folded));
  // A name off by a letter or two ("Hungry", "Untied Kingdom"), or that starts the same way ("Nether").
  for (const [name, code] of CODE_BY_NAME) {
    if (folded.length >= 4 && (editDistance(folded, name) <= 2 || name.startsWith(folded))) add(code);
  }
  if (/^[A-Z]{3}$/.test(upper)) for (const code of candidates) if (editDistance(upper, code) === 1) add(code);
  return found.slice(0, 3);
}

/** "Did you mean GBR (United Kingdom)?", or "" when nothing is close. */
function didYouMean(typed: string, candidates: readonly string[]): string {
  const suggestions = suggestCodes(typed, candidates).map(codeWithName);
  if (suggestions.length === 0) return "";
  const last = suggestions.pop() as string;
  return `Did you mean ${suggestions.length > 0 ? `${suggestions.join(", ")} or ${last}` : last}? `;
}

/** Which codes a list may hold, and how to speak of them. */
export interface CodeScope {
  /** The codes allowed here. */
  readonly allowed: readonly string[];
  /** What they are, for "is not ...": "one of the 32 allies", "an EU member state". */
  readonly what: string;
  /** Which countries the codes come from: the allies, the EU member states, or the user's own rows. */
  readonly universe: "allies" | "eu-states" | "own";
  /** When the allowed codes are the scenario's contributors: whether `contributors` chose them. */
  readonly contributorsChosen?: boolean;
}

/**
 * The code a typed item means within a scope: an allowed code, or the English name of an allowed country. Anything
 * else is the catalogue's error with the likely code, and for a left-out ally, that contributors left it out.
 */
export function resolveCode(argument: string, typed: string, scope: CodeScope): string {
  const text = typed.trim();
  const upper = text.toUpperCase();
  if (scope.allowed.includes(upper)) return upper;
  const byName = CODE_BY_NAME.get(fold(text));
  if (byName !== undefined && scope.allowed.includes(byName)) return byName;
  const known = COUNTRY_NAMES.has(upper) ? upper : byName;
  if (known !== undefined && scope.contributorsChosen && ALLY_CODES.has(known)) {
    return fail("CODE_LEFT_OUT", argument, { value: text, name: COUNTRY_NAMES.get(known) as string });
  }
  if (!/^[\p{L}\p{N} .'’_-]{1,40}$/u.test(text)) parseCode(argument, text);
  const hint = didYouMean(text, scope.allowed);
  let kind = "";
  if (known !== undefined && scope.universe === "allies" && !ALLY_CODES.has(known)) {
    kind = `${codeWithName(known)} is an EU member state, not a NATO ally. `;
  } else if (known !== undefined && scope.universe === "eu-states" && !EU_CODES.has(known)) {
    kind = `${codeWithName(known)} is a NATO ally, not an EU member state. `;
  }
  return fail("UNKNOWN_CODE", argument, {
    value: text,
    where: scope.what,
    fix: `${kind}${hint}Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).`,
  });
}
