/**
 * The user's data files, read into an edition: the per-country file (the columns of `fair-share data --format csv`)
 * and the EU instruments file (those of `fair-share data --eu --format csv`), as csv text, from a file or from the
 * "Fair Share data" sheet. Each table is checked whole before any figure is used: a file with an error is refused
 * whole, with the row and column named; what deserves a look but may be right (a figure 1,000 times the embedded
 * one) is a warning that every output shows among the notes. Pure: callers read the files.
 *
 * The format (README.md, "Your own data"):
 * - csv, comma or semicolon separated (with a semicolon, a decimal comma is read), a byte-order mark allowed;
 * - lines starting with `#` before a table are comments; `# source: ...`, `# vintage: ...`, `# published: ...` and
 *   `# url: ...` state where the table's figures come from, as `source` and `vintage` columns can;
 * - a table starts with its header row, whose first column is `iso3` (per country) or `id` (EU instruments); a text
 *   may hold both tables, separated by a blank row (as the data sheet does);
 * - per country: a row for each of the 32 allies (and the 27 EU states when a GNI column is given); figure columns
 *   gdp_YEAR_eur_bn, gdp_YEAR_usd_bn, population_YEAR_m, gni_YEAR_eur_bn: those given replace the embedded ones, the
 *   rest stays embedded; iso3, name, eu_member and nato_joined say who a row is (they cannot change); eu_gni_share,
 *   military_aid_eur_bn, aid_from, aid_to and sources are what the export derives, not read (a changed one is
 *   warned about).
 */
import {
  EU_INSTRUMENT_COLUMNS,
  parseCsvLines,
  type AllyRecord,
  type CsvLine,
  type EuInstrumentKey,
  type EuInstrumentRecord,
  type KielMilitaryData,
} from "../data";
import { codeWithName, editDistance, suggestionFor } from "./codes";
import { Dec, plain } from "./decimal";
import {
  aidEurBn,
  embeddedParts,
  fingerprint,
  makeEdition,
  type DatasetKind,
  type Edition,
  type EditionParts,
  type EditionSource,
} from "./edition";
import { fail } from "./errors";
import { INSTRUMENT_ID, YEAR_RANGE } from "./parameters";
import { parseDecimal } from "./parse";
import { listWords } from "./words";

/** A data file's text and the name messages give it (a file name, or the sheet it came from). */
export interface DataText {
  readonly file: string;
  readonly text: string;
}

/** A Kiel release read by src/data/kiel.ts, with the file it came from. */
export interface AidInput {
  readonly file: string;
  readonly data: KielMilitaryData;
}

/** What a user brings: any of a per-country file, an instruments file and an aid release. */
export interface EditionInput {
  /** Per-country figures (it may also hold an instruments table, as the data sheet does). Read as `data`. */
  readonly data?: DataText;
  /** EU instruments. Read as `eu-data`. */
  readonly euData?: DataText;
  /** Bilateral military aid by donor and month. Read as `aid-data`. */
  readonly aid?: AidInput;
}

/** Where a table's figures come from, as it states them (comments or source/vintage columns). */
interface Statement {
  source?: string;
  vintage?: string;
  published?: string;
  url?: string;
}

const STATEMENT_KEYS = ["source", "vintage", "published", "url"] as const;
type StatementKey = (typeof STATEMENT_KEYS)[number];

interface Section {
  readonly kind: "countries" | "instruments";
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: CsvLine[];
  readonly statement: Statement;
}

/** What messages need to name a place: the argument (data, eu-data), the file and the separator read. */
interface Context {
  readonly argument: string;
  readonly file: string;
  readonly semicolon: boolean;
  readonly warnings: string[];
}

const at = (ctx: Context, line?: number, column?: string): string =>
  `${ctx.argument} (${ctx.file}${line === undefined ? "" : ` row ${line}`}${column === undefined ? "" : `, ${column}`})`;

/** "a # comment" line: outside a quoted field, the first visible character is #. */
function commentLines(text: string): { clean: string; comments: { line: number; text: string }[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/);
  const comments: { line: number; text: string }[] = [];
  let inQuotes = false;
  const kept = lines.map((line, index) => {
    if (!inQuotes && line.trimStart().startsWith("#")) {
      comments.push({ line: index + 1, text: line.trimStart().slice(1).trim() });
      return "";
    }
    for (const ch of line) if (ch === '"') inQuotes = !inQuotes;
    return line;
  });
  return { clean: kept.join("\n"), comments };
}

/** The separator of a text: a semicolon when its first row has more semicolons than commas. */
function isSemicolonSeparated(clean: string): boolean {
  const first = clean.split("\n").find((line) => line.trim() !== "") ?? "";
  const count = (ch: string): number => first.split(ch).length - 1;
  return count(";") > count(",");
}

/** The tables of a text, each with the statement of the comments above it. */
function readSections(input: DataText, argument: string): { sections: Section[]; ctx: Context } {
  const { clean, comments } = commentLines(input.text);
  const semicolon = isSemicolonSeparated(clean);
  const ctx: Context = { argument, file: input.file, semicolon, warnings: [] };
  let lines: CsvLine[];
  try {
    lines = parseCsvLines(clean, input.file, semicolon ? ";" : ",");
  } catch (error) {
    return fail("DATA_FILE", at(ctx), {
      problem: error instanceof Error ? error.message : String(error),
      fix: "Save it as csv (RFC 4180: a field with a comma or a quote inside quotes, a quote doubled).",
    });
  }
  const rows = lines
    .map((row) => ({ line: row.line, cells: row.cells.map((cell) => cell.trim()) }))
    .filter((row) => row.cells.some((cell) => cell !== ""));
  const sections: Section[] = [];
  let previousEnd = 0;
  for (const row of rows) {
    const first = row.cells[0].toLowerCase();
    if (first === "iso3" || first === "id") {
      const above = comments.filter((comment) => comment.line > previousEnd && comment.line < row.line);
      sections.push({
        kind: first === "iso3" ? "countries" : "instruments",
        header: row.cells.map((cell) => cell.toLowerCase()),
        headerLine: row.line,
        rows: [],
        statement: statementOf(ctx, above),
      });
    } else if (sections.length === 0) {
      fail("DATA_FILE", at(ctx, row.line), {
        problem: `row ${row.line} comes before a header row`,
        fix: "Start the table with its header, whose first column is iso3 (per country) or id (EU instruments), as fair-share data --format csv writes it.",
      });
    } else {
      sections[sections.length - 1].rows.push(row);
    }
    previousEnd = row.line;
  }
  if (sections.length === 0) {
    fail("DATA_FILE", at(ctx), {
      problem: "it has no table",
      fix: "Give a header row whose first column is iso3 (per country) or id (EU instruments), then the rows.",
    });
  }
  return { sections, ctx };
}

/** `# key: value` comments: source, vintage, published, url; other comments are the user's own notes. */
function statementOf(ctx: Context, comments: readonly { line: number; text: string }[]): Statement {
  const statement: Statement = {};
  for (const comment of comments) {
    const match = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(comment.text);
    if (match === null) continue;
    const key = match[1].toLowerCase();
    if (!(STATEMENT_KEYS as readonly string[]).includes(key)) continue;
    noteStatement(ctx, statement, key as StatementKey, match[2].trim(), comment.line);
  }
  return statement;
}

/** Records a stated source or vintage; a second, different one is an error. */
function noteStatement(ctx: Context, statement: Statement, key: StatementKey, value: string, line: number): void {
  if (value === "") return;
  const earlier = statement[key];
  if (earlier !== undefined && earlier !== value) {
    fail("TWO_STATEMENTS", at(ctx, line), { what: key, first: earlier, second: value });
  }
  statement[key] = value;
}

// ---- Per-country tables. ----

const IDENTITY_COLUMNS = ["iso3", "name", "eu_member", "nato_joined"] as const;
/** Columns the export derives from the figures: shown, never read. */
const DERIVED_COLUMNS = ["eu_gni_share", "military_aid_eur_bn", "aid_from", "aid_to", "sources"] as const;

type FigureSeries = "gdp-eur" | "gdp-usd" | "population" | "gni";

interface FigureColumn {
  readonly series: FigureSeries;
  readonly year: number;
  readonly name: string;
}

const SERIES_PATTERNS: readonly (readonly [FigureSeries, RegExp, (year: string) => string])[] = [
  ["gdp-eur", /^gdp_(.*)_eur_bn$/, (year) => `gdp_${year}_eur_bn`],
  ["gdp-usd", /^gdp_(.*)_usd_bn$/, (year) => `gdp_${year}_usd_bn`],
  ["population", /^population_(.*)_m$/, (year) => `population_${year}_m`],
  ["gni", /^gni_(.*)_eur_bn$/, (year) => `gni_${year}_eur_bn`],
];

/** What each series is, in words and unit. */
const SERIES_WORDS: Readonly<Record<FigureSeries, { what: string; unit: string }>> = {
  "gdp-eur": { what: "GDP", unit: "EUR billion" },
  "gdp-usd": { what: "GDP in USD", unit: "USD billion" },
  population: { what: "population", unit: "million people" },
  gni: { what: "EU GNI", unit: "EUR billion" },
};

/** A column of the per-country table: who a row is, a figure, what the export derives, or the stated source. */
type CountryColumn =
  | { readonly kind: "identity"; readonly name: (typeof IDENTITY_COLUMNS)[number] }
  | { readonly kind: "figure"; readonly figure: FigureColumn }
  | { readonly kind: "derived"; readonly name: (typeof DERIVED_COLUMNS)[number] }
  | { readonly kind: "statement"; readonly name: "source" | "vintage" };

/** The columns a per-country table may have, for a did-you-mean: the fixed ones and each series with a year. */
function knownCountryColumns(years: readonly number[]): string[] {
  return [
    ...IDENTITY_COLUMNS,
    ...years.flatMap((year) => SERIES_PATTERNS.map(([, , name]) => name(String(year)))),
    ...DERIVED_COLUMNS,
    "source",
    "vintage",
  ];
}

/** "Did you mean gdp_2025_eur_bn? " for a column name close to one the table may have, or "". */
function columnSuggestion(typed: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(typed.length / 4))
    ? `Did you mean ${best}? `
    : "";
}

function classifyCountryColumn(ctx: Context, name: string, headerLine: number, years: number[]): CountryColumn {
  if ((IDENTITY_COLUMNS as readonly string[]).includes(name)) {
    return { kind: "identity", name: name as (typeof IDENTITY_COLUMNS)[number] };
  }
  if ((DERIVED_COLUMNS as readonly string[]).includes(name)) {
    return { kind: "derived", name: name as (typeof DERIVED_COLUMNS)[number] };
  }
  if (name === "source" || name === "vintage") return { kind: "statement", name };
  for (const [series, pattern, example] of SERIES_PATTERNS) {
    const match = pattern.exec(name);
    if (match === null) continue;
    const year = Number(match[1]);
    const [min, max] = [Number(YEAR_RANGE.min), Number(YEAR_RANGE.max)];
    if (!/^\d{4}$/.test(match[1]) || year < min || year > max) {
      fail("BAD_YEAR_COLUMN", at(ctx, headerLine), {
        value: name,
        year: match[1],
        min,
        max,
        example: example("2025"),
      });
    }
    return { kind: "figure", figure: { series, year, name } };
  }
  const yearInName = /(\d{4})/.exec(name)?.[1];
  const known = knownCountryColumns(yearInName === undefined ? years : [...years, Number(yearInName)]);
  return fail("UNKNOWN_COLUMN", at(ctx, headerLine), {
    value: name,
    what: "a per-country data file",
    fix:
      `${columnSuggestion(name, known)}The columns are iso3, name, eu_member, nato_joined, gdp_YEAR_eur_bn, ` +
      "gdp_YEAR_usd_bn, population_YEAR_m, gni_YEAR_eur_bn, source and vintage (and the derived eu_gni_share, " +
      "military_aid_eur_bn, aid_from, aid_to and sources, which are not read).",
  });
}

/** A figure from a cell: a non-negative number, with a decimal comma in a semicolon-separated file. */
function figure(ctx: Context, line: number, column: string, text: string): string {
  const argument = at(ctx, line, column);
  const cell = ctx.semicolon && /^-?\d+,\d+$/.test(text) ? text.replace(",", ".") : text;
  const value = parseDecimal(argument, cell, "4274.98");
  if (value.isNegative() && !value.isZero()) fail("NEGATIVE", argument, { value: text });
  // The cell as written when it is a plain decimal (kept digit for digit), else the number it means.
  return /^\d+(\.\d+)?$/.test(cell) ? cell : value.toFixed();
}

/** A figure off by about a factor of 1,000 (or more) from the embedded one: a unit mistake, most likely. */
interface UnitSuspect {
  readonly line: number;
  readonly code: string;
  readonly given: string;
  readonly embedded: string;
  readonly ratio: Dec;
}

const SUSPECT_RATIO = new Dec(500);

/** "1,000 times" or "a 1,000th of": the power of ten nearest to the ratio. */
function ratioWords(ratio: Dec): string {
  const power = Math.round(ratio.log(10).toNumber());
  const size = new Dec(10).pow(Math.abs(power)).toFixed();
  const grouped = size.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return power >= 0 ? `about ${grouped} times` : `about a ${grouped}th of`;
}

/** The user's per-country figures: by series and year, by code. */
interface CountryFigures {
  readonly columns: FigureColumn[];
  readonly figures: Map<string, Map<string, string>>;
  readonly statement: Statement;
  /** Rows' derived cells, checked once the edition is made. */
  readonly derived: { line: number; code: string; cells: Partial<Record<string, string>> }[];
}

function readCountries(ctx: Context, section: Section, base: EditionParts): CountryFigures {
  const { header, headerLine } = section;
  const columns = header.map((name) => classifyCountryColumn(ctx, name, headerLine, [...base.gdpYears]));
  const figureColumns = columns.flatMap((column) => (column.kind === "figure" ? [column.figure] : []));
  if (figureColumns.length === 0) {
    fail("DATA_FILE", at(ctx, headerLine), {
      problem: "it gives no figure column",
      fix: "Give at least one of gdp_YEAR_eur_bn, population_YEAR_m or gni_YEAR_eur_bn, e.g. gdp_2025_eur_bn.",
    });
  }
  for (const series of ["population", "gni"] as const) {
    const named = figureColumns.filter((column) => column.series === series).map((column) => column.name);
    if (named.length > 1) {
      fail("DATA_FILE", at(ctx, headerLine), {
        problem: `${named.join(" and ")}: two ${SERIES_WORDS[series].what} years`,
        fix: `Give ${SERIES_WORDS[series].what} of one year.`,
      });
    }
  }
  for (const usd of figureColumns.filter((column) => column.series === "gdp-usd")) {
    if (!figureColumns.some((column) => column.series === "gdp-eur" && column.year === usd.year)) {
      fail("DATA_FILE", at(ctx, headerLine), {
        problem: `${usd.name} is given without gdp_${usd.year}_eur_bn`,
        fix: `Allocations use GDP in EUR: add gdp_${usd.year}_eur_bn (NATO publishes both).`,
      });
    }
  }

  const allies = new Map(base.allies.map((ally) => [ally.iso3, ally]));
  const states = new Map(base.euStates.map((state) => [state.iso3, state]));
  const seen = new Map<string, number>();
  const figures = new Map<string, Map<string, string>>(figureColumns.map((column) => [column.name, new Map()]));
  const statement: Statement = { ...section.statement };
  const derived: CountryFigures["derived"] = [];
  const suspects = new Map<string, UnitSuspect[]>();
  const renamed: string[] = [];
  const iso3Column = header.indexOf("iso3");

  for (const row of section.rows) {
    const typed = row.cells[iso3Column] ?? "";
    if (typed === "") {
      fail("EMPTY", at(ctx, row.line, "iso3"), { fix: "Give every row the ISO 3166 alpha-3 code of its country." });
    }
    const code = typed.toUpperCase();
    const ally = allies.get(code);
    const state = states.get(code);
    if (ally === undefined && state === undefined) {
      fail("UNKNOWN_CODE", at(ctx, row.line, "iso3"), {
        value: typed,
        where: "one of the 32 allies or the 27 EU member states",
        fix: `${suggestionFor(typed)}A row is an ally (or an EU member state, for its GNI), by its ISO 3166 alpha-3 code.`,
      });
    }
    const first = seen.get(code);
    if (first !== undefined) {
      fail("DUPLICATE_ROW", at(ctx, row.line, "iso3"), {
        code,
        name: (ally ?? state)?.name ?? code,
        first,
        again: row.line,
      });
    }
    seen.set(code, row.line);
    const rowDerived: Partial<Record<string, string>> = {};
    columns.forEach((column, index) => {
      const cell = row.cells[index] ?? "";
      const name = header[index];
      switch (column.kind) {
        case "identity":
          checkIdentity(ctx, row.line, column.name, cell, code, ally, renamed);
          return;
        case "statement":
          noteStatement(ctx, statement, column.name, cell, row.line);
          return;
        case "derived":
          rowDerived[column.name] = cell;
          return;
        case "figure": {
          const { series } = column.figure;
          const belongs = series === "gni" ? state !== undefined : ally !== undefined;
          if (!belongs) {
            if (cell === "") return;
            fail("DATA_MISMATCH", at(ctx, row.line, name), {
              value: cell,
              fact: `${codeWithName(code)} is ${series === "gni" ? "not an EU member state" : "not a NATO ally"}, so it has no ${SERIES_WORDS[series].what}`,
              fix: "Leave the cell empty.",
            });
          }
          if (cell === "") {
            fail("EMPTY", at(ctx, row.line, name), {
              fix: `Give ${codeWithName(code)}'s ${SERIES_WORDS[series].what} in ${SERIES_WORDS[series].unit}, or leave the column out to use the embedded figures.`,
            });
          }
          const value = figure(ctx, row.line, name, cell);
          (figures.get(name) as Map<string, string>).set(code, value);
          const embedded = embeddedCounterpart(base, column.figure, code);
          if (embedded !== undefined) {
            const given = new Dec(value);
            const reference = new Dec(embedded);
            if (given.gt(0) && reference.gt(0)) {
              const ratio = given.div(reference);
              if (ratio.gte(SUSPECT_RATIO) || ratio.lte(new Dec(1).div(SUSPECT_RATIO))) {
                suspects.set(name, [
                  ...(suspects.get(name) ?? []),
                  { line: row.line, code, given: value, embedded, ratio },
                ]);
              }
            }
          }
          return;
        }
      }
    });
    if (Object.keys(rowDerived).length > 0) derived.push({ line: row.line, code, cells: rowDerived });
  }

  const needed = [...allies.keys()];
  if (figureColumns.some((column) => column.series === "gni")) needed.push(...states.keys());
  const missing = [...new Set(needed)].filter((code) => !seen.has(code));
  if (missing.length > 0) {
    fail("MISSING_ROWS", at(ctx), {
      codes: listWords(missing.map(codeWithName), 8),
      fix:
        "Give every ally a row (and, with a GNI column, every EU member state), so that no figure of another " +
        "edition is mixed in; fair-share data --format csv writes them all.",
    });
  }
  for (const [column, found] of suspects) ctx.warnings.push(unitWarning(ctx, column, found, figureColumns));
  if (renamed.length > 0) {
    ctx.warnings.push(
      `${ctx.file}: ${listWords(renamed, 4)}: the name differs from the data's; names are not read (the code says who a row is).`
    );
  }
  return { columns: figureColumns, figures, statement, derived };
}

/** Who a row is cannot change: eu_member and nato_joined must be the data's; a different name is only warned about. */
function checkIdentity(
  ctx: Context,
  line: number,
  column: (typeof IDENTITY_COLUMNS)[number],
  cell: string,
  code: string,
  ally: AllyRecord | undefined,
  renamed: string[]
): void {
  if (column === "iso3" || cell === "") return;
  if (column === "name") {
    const name = ally?.name ?? codeWithName(code).replace(/^[A-Z]{3} \((.*)\)$/, "$1");
    if (cell !== name) renamed.push(`row ${line} "${cell}" (${codeWithName(code)})`);
    return;
  }
  if (column === "eu_member") {
    const member = ally === undefined ? true : ally.euMember;
    if (cell.toLowerCase() !== (member ? "yes" : "no")) {
      fail("DATA_MISMATCH", at(ctx, line, column), {
        value: cell,
        fact: `${codeWithName(code)} ${member ? "is" : "is not"} an EU member state`,
        fix: `Write ${member ? "yes" : "no"}: membership is not part of a data edition.`,
      });
    }
    return;
  }
  const joined = ally === undefined ? "" : String(ally.natoJoined);
  if (cell !== joined) {
    fail("DATA_MISMATCH", at(ctx, line, column), {
      value: cell,
      fact: ally === undefined ? `${codeWithName(code)} is not a NATO ally` : `${ally.name} joined NATO in ${joined}`,
      fix: `${joined === "" ? "Leave it empty" : `Write ${joined}`}: accession is not part of a data edition.`,
    });
  }
}

/** The embedded figure a user's figure is compared with: the same year, else the nearest year of the series. */
function embeddedCounterpart(base: EditionParts, column: FigureColumn, code: string): string | undefined {
  const ally = base.allies.find((candidate) => candidate.iso3 === code);
  switch (column.series) {
    case "gdp-eur":
    case "gdp-usd": {
      if (ally === undefined) return undefined;
      const byYear = column.series === "gdp-eur" ? ally.gdpEurBn : ally.gdpUsdBn;
      const years = Object.keys(byYear).map(Number);
      if (years.length === 0) return undefined;
      const nearest = years.reduce((a, b) => (Math.abs(b - column.year) < Math.abs(a - column.year) ? b : a));
      return byYear[nearest];
    }
    case "population":
      return ally?.populationM;
    case "gni":
      return base.euStates.find((state) => state.iso3 === code)?.gniEurBn;
  }
}

function unitWarning(ctx: Context, column: string, found: readonly UnitSuspect[], columns: FigureColumn[]): string {
  const series = (columns.find((candidate) => candidate.name === column) as FigureColumn).series;
  const [first] = found;
  const name = codeWithName(first.code);
  const others = found.length > 1 ? ` (and ${found.length - 1} more in the column)` : "";
  return (
    `${ctx.file} row ${first.line}, ${column}: ${name} ${first.given} is ${ratioWords(first.ratio)} the embedded ` +
    `${first.embedded}${others}; the column is in ${SERIES_WORDS[series].unit}: check its unit.`
  );
}

// ---- EU instrument tables. ----

const INSTRUMENT_FIELDS: readonly string[] = EU_INSTRUMENT_COLUMNS;
const INSTRUMENT_KEYS: readonly EuInstrumentKey[] = ["gni", "eu_budget", "russian_assets"];

interface InstrumentFigures {
  readonly records: EuInstrumentRecord[];
  readonly columns: string[];
  readonly statement: Statement;
}

function readInstruments(ctx: Context, section: Section, base: EditionParts): InstrumentFigures {
  const { header, headerLine } = section;
  for (const name of header) {
    if (INSTRUMENT_FIELDS.includes(name) || name === "sources" || name === "source" || name === "vintage") continue;
    fail("UNKNOWN_COLUMN", at(ctx, headerLine), {
      value: name,
      what: "an EU instruments file",
      fix: `${columnSuggestion(name, [...INSTRUMENT_FIELDS, "source", "vintage"])}The columns are ${INSTRUMENT_FIELDS.join(", ")}, source and vintage (and sources, not read).`,
    });
  }
  const given = header.filter((name) => INSTRUMENT_FIELDS.includes(name) && name !== "id");
  const embedded = new Map(base.instruments.map((record) => [record.id, record]));
  const memberCodes = base.euStates.map((state) => state.iso3);
  const seen = new Map<string, number>();
  const statement: Statement = { ...section.statement };
  const records: EuInstrumentRecord[] = [];
  for (const row of section.rows) {
    const cell = (name: string): string => row.cells[header.indexOf(name)] ?? "";
    const typed = cell("id");
    const id = typed.toUpperCase();
    if (!INSTRUMENT_ID.pattern.test(id)) {
      fail("BAD_ID", at(ctx, row.line, "id"), { value: typed, rule: INSTRUMENT_ID.words, example: "USL2" });
    }
    const first = seen.get(id);
    if (first !== undefined) {
      fail("DUPLICATE_ROW", at(ctx, row.line, "id"), {
        code: id,
        name: embedded.get(id)?.name ?? cell("instrument"),
        first,
        again: row.line,
      });
    }
    seen.set(id, row.line);
    for (const name of ["source", "vintage"] as const) {
      if (header.includes(name)) noteStatement(ctx, statement, name, cell(name), row.line);
    }
    const known = embedded.get(id);
    if (known === undefined) {
      const lacking = INSTRUMENT_FIELDS.filter((name) => name !== "id" && name !== "notes" && !given.includes(name));
      if (lacking.length > 0) {
        fail("DATA_FILE", at(ctx, row.line, "id"), {
          problem: `${id} is not an embedded instrument, and the file has no ${lacking.join(", ")} column`,
          fix: "A new instrument needs every column: give them all, as fair-share data --eu --format csv writes them.",
        });
      }
    }
    records.push(instrumentRecord(ctx, row.line, id, cell, given, known, memberCodes));
  }
  const missing = base.instruments.filter((record) => !seen.has(record.id)).map((record) => record.id);
  if (missing.length > 0) {
    fail("MISSING_ROWS", at(ctx), {
      codes: listWords(missing, 8),
      fix: "Keep a row for every embedded instrument (eu chooses which a scenario counts); add rows for new ones.",
    });
  }
  return { records, columns: given, statement };
}

/** One instrument: the file's cells where its columns are given, the embedded record's elsewhere. */
function instrumentRecord(
  ctx: Context,
  line: number,
  id: string,
  cell: (name: string) => string,
  given: readonly string[],
  known: EuInstrumentRecord | undefined,
  memberCodes: readonly string[]
): EuInstrumentRecord {
  const has = (name: string): boolean => given.includes(name);
  const text = (name: string, optional = false): string => {
    const value = cell(name);
    if (value === "" && !optional) fail("EMPTY", at(ctx, line, name), { fix: `Give ${id}'s ${name}.` });
    return value;
  };
  const yesNo = (name: string): boolean => {
    const value = text(name).toLowerCase();
    if (!["yes", "no", "true", "false"].includes(value)) {
      fail("UNKNOWN_CHOICE", at(ctx, line, name), { value: cell(name), choices: "yes, no" });
    }
    return value === "yes" || value === "true";
  };
  const year = (name: string): number => {
    const value = Number(text(name));
    const [min, max] = [Number(YEAR_RANGE.min), Number(YEAR_RANGE.max)];
    if (!/^\d{4}$/.test(cell(name)) || value < min || value > max) {
      fail("OUT_OF_RANGE", at(ctx, line, name), { value: cell(name), min, max });
    }
    return value;
  };
  const choice = <T extends string>(name: string, allowed: readonly T[]): T => {
    const value = text(name).toLowerCase();
    if (!(allowed as readonly string[]).includes(value)) {
      fail("UNKNOWN_CHOICE", at(ctx, line, name), { value: cell(name), choices: allowed.join(", ") });
    }
    return value as T;
  };
  const firstYear = has("first_year") ? year("first_year") : (known as EuInstrumentRecord).firstYear;
  const lastYear = has("last_year") ? year("last_year") : (known as EuInstrumentRecord).lastYear;
  if (lastYear < firstYear) {
    fail("DATA_FILE", at(ctx, line, has("last_year") ? "last_year" : "first_year"), {
      problem: `${id} ends in ${lastYear}, before it starts in ${firstYear}`,
      fix: "Give a last_year no earlier than first_year.",
    });
  }
  const states = has("states") ? statesCell(ctx, line, text("states"), memberCodes) : undefined;
  const pick = <T>(name: string, read: () => T, fallback: (record: EuInstrumentRecord) => T): T =>
    has(name) ? read() : fallback(known as EuInstrumentRecord);
  return {
    id,
    name: pick(
      "instrument",
      () => text("instrument"),
      (record) => record.name
    ),
    amountEurBn: pick(
      "amount_eur_bn",
      () => figure(ctx, line, "amount_eur_bn", text("amount_eur_bn")),
      (r) => r.amountEurBn
    ),
    firstYear,
    lastYear,
    military: pick(
      "military",
      () => yesNo("military"),
      (record) => record.military
    ),
    status: pick(
      "status",
      () => choice("status", ["adopted", "proposal"] as const),
      (record) => record.status
    ),
    key: pick(
      "key",
      () => choice("key", INSTRUMENT_KEYS),
      (record) => record.key
    ),
    states: states?.text ?? (known as EuInstrumentRecord).states,
    leftOut: states?.leftOut ?? (known as EuInstrumentRecord).leftOut,
    costToMembers: pick(
      "cost_to_members",
      () => yesNo("cost_to_members"),
      (record) => record.costToMembers
    ),
    notes: pick(
      "notes",
      () => text("notes", true),
      (record) => record.notes
    ),
  };
}

/** A states cell: EU27, or EU27 and -CODE for each member state that does not take part. */
function statesCell(
  ctx: Context,
  line: number,
  value: string,
  memberCodes: readonly string[]
): { text: string; leftOut: string[] } {
  const [base, ...rest] = value.split(/\s+/);
  const argument = at(ctx, line, "states");
  if (base.toUpperCase() !== "EU27") {
    fail("BAD_FORMAT", argument, { value, form: "EU27, or EU27 -CODE -CODE", example: "EU27 -CZE -HUN -SVK" });
  }
  const leftOut: string[] = [];
  for (const item of rest) {
    const code = item.startsWith("-") ? item.slice(1).toUpperCase() : "";
    if (!memberCodes.includes(code)) {
      fail("UNKNOWN_CODE", argument, {
        value: item,
        where: "-CODE for one of the 27 EU member states",
        fix: `${suggestionFor(item.replace(/^-/, ""))}Write -AUT for a state that does not take part.`,
      });
    }
    if (leftOut.includes(code)) fail("DUPLICATE_CODE", argument, { value: code });
    leftOut.push(code);
  }
  return { text: ["EU27", ...leftOut.map((code) => `-${code}`)].join(" "), leftOut };
}

// ---- The edition. ----

/** "GDP 2024 and 2025" and the like: what a user's dataset holds. */
function seriesWords(kind: DatasetKind, years: readonly number[]): string {
  switch (kind) {
    case "gdp":
      return `GDP ${listWords(years.map(String))}`;
    case "population":
      return `population ${years[0]}`;
    case "gni":
      return `EU GNI ${years[0]}`;
    case "instruments":
      return "EU instruments";
    case "aid":
      return "bilateral military aid";
  }
}

const UNITS: Readonly<Record<DatasetKind, string>> = {
  gdp: "EUR billion, current prices (USD billion where given)",
  population: "million people",
  gni: "EUR billion, current prices",
  instruments: "EUR billion, total over each instrument's years",
  aid: "EUR billion of military aid allocated, per donor and month",
};

function userSource(
  kind: DatasetKind,
  file: string,
  columns: readonly string[],
  years: readonly number[],
  statement: Statement
): EditionSource {
  const what = seriesWords(kind, years);
  return {
    id: `user-${kind}`,
    dataset: kind,
    origin: "user",
    file,
    columns,
    title: `${file}: ${what}`,
    publisher: statement.source ?? "not stated (your data)",
    published: statement.published ?? "",
    vintage: statement.vintage ?? "not stated",
    url: statement.url ?? "",
    unit: UNITS[kind],
    caveats: [
      `Your data: ${what} from ${file}${columns.length > 0 ? ` (${columns.join(", ")})` : ""}. Fair Share checked its form (every row there, every figure a number, none negative, units against the embedded data), not its sources.`,
    ],
  };
}

/** The aid dataset of a Kiel release the user brought. */
function userAidSource(aid: AidInput): EditionSource {
  const { data } = aid;
  return {
    id: "user-aid",
    dataset: "aid",
    origin: "user",
    file: aid.file,
    columns: ["military"],
    title: `${aid.file}: Kiel Institute, ${data.release}`,
    publisher: "Kiel Institute for the World Economy (imported by you)",
    published: data.releaseDate,
    vintage: `${data.firstMonth} to ${data.lastMonth}`,
    url: "https://github.com/UkraineSupportTrackerWebsite/ukraine-support-tracker",
    unit: UNITS.aid,
    caveats: [
      `Your data: ${data.release}, read from ${aid.file}, checked as Fair Share checks the release it embeds.`,
      "Kiel counts allocations (aid delivered or earmarked), not pledges.",
      "Payments through PURL (allies buying US weapons for Ukraine) are inside the paying allies' military figures: never add PURL amounts on top of them.",
    ],
  };
}

/**
 * The edition a user's files make: the embedded data with the files' figures in place of the embedded ones. Throws
 * the catalogue's error (naming the argument, file, row and column) for the first problem; nothing is half-read.
 */
export function readEdition(input: EditionInput): Edition {
  const base = embeddedParts();
  const warnings: string[] = [];
  let countries: { ctx: Context; figures: CountryFigures } | undefined;
  let instruments: { ctx: Context; figures: InstrumentFigures } | undefined;
  for (const [argument, text] of [
    ["data", input.data],
    ["eu-data", input.euData],
  ] as const) {
    if (text === undefined) continue;
    const { sections, ctx } = readSections(text, argument);
    for (const section of sections) {
      if (section.kind === "countries") {
        if (argument === "eu-data") {
          fail("DATA_FILE", at(ctx, section.headerLine), {
            problem: "it is a per-country table",
            fix: "Give the per-country file with data, and the EU instruments (a table whose first column is id) with eu-data.",
          });
        }
        if (countries !== undefined) {
          fail("DATA_FILE", at(ctx, section.headerLine), {
            problem: "a second per-country table",
            fix: "Give one per-country table.",
          });
        }
        countries = { ctx, figures: readCountries(ctx, section, base) };
      } else {
        if (instruments !== undefined) {
          fail("DATA_FILE", at(ctx, section.headerLine), {
            problem: "a second EU instruments table",
            fix:
              argument === "eu-data"
                ? "Give one instruments table (with data, leave the instruments to eu-data)."
                : "Give one instruments table.",
          });
        }
        instruments = { ctx, figures: readInstruments(ctx, section, base) };
      }
    }
    warnings.push(...ctx.warnings);
  }
  return composeEdition(base, countries, instruments, input.aid, warnings);
}

function composeEdition(
  base: EditionParts,
  countries: { ctx: Context; figures: CountryFigures } | undefined,
  instruments: { ctx: Context; figures: InstrumentFigures } | undefined,
  aid: AidInput | undefined,
  warnings: string[]
): Edition {
  let parts: EditionParts = base;
  const described: string[] = [];
  if (countries !== undefined) {
    const { figures } = countries.figures;
    const { columns, statement } = countries.figures;
    const file = countries.ctx.file;
    const of = (series: FigureSeries) => columns.filter((column) => column.series === series);
    const eurYears = of("gdp-eur").map((column) => column.year);
    const usdYears = of("gdp-usd").map((column) => column.year);
    const population = of("population")[0];
    const gni = of("gni")[0];
    const value = (column: FigureColumn, code: string): string =>
      (figures.get(column.name) as Map<string, string>).get(code) as string;
    const allies = base.allies.map((ally): AllyRecord => {
      const gdpEurBn: Record<number, string> = { ...ally.gdpEurBn };
      const gdpUsdBn: Record<number, string> = { ...ally.gdpUsdBn };
      for (const column of of("gdp-eur")) {
        gdpEurBn[column.year] = value(column, ally.iso3);
        // A year whose EUR figures are replaced keeps no embedded USD figure beside them.
        if (!usdYears.includes(column.year)) delete gdpUsdBn[column.year];
      }
      for (const column of of("gdp-usd")) gdpUsdBn[column.year] = value(column, ally.iso3);
      return {
        ...ally,
        gdpEurBn,
        gdpUsdBn,
        populationM: population === undefined ? ally.populationM : value(population, ally.iso3),
      };
    });
    const gdpSources = new Map(base.gdpSources);
    if (eurYears.length > 0) {
      const gdpColumns = columns.filter((c) => c.series === "gdp-eur" || c.series === "gdp-usd").map((c) => c.name);
      const source = userSource("gdp", file, gdpColumns, eurYears, statement);
      for (const year of eurYears) gdpSources.set(year, source);
    }
    const otherSources = { ...base.otherSources };
    if (population !== undefined) {
      otherSources.population = userSource("population", file, [population.name], [population.year], statement);
    }
    if (gni !== undefined) otherSources.gni = userSource("gni", file, [gni.name], [gni.year], statement);
    parts = {
      ...parts,
      allies,
      gdpYears: [...new Set([...base.gdpYears, ...eurYears])].sort((a, b) => a - b),
      populationYear: population?.year ?? base.populationYear,
      euStates:
        gni === undefined
          ? base.euStates
          : base.euStates.map((state) => ({ ...state, gniEurBn: value(gni, state.iso3) })),
      gniYear: gni?.year ?? base.gniYear,
      gdpSources,
      otherSources,
    };
    described.push(describeFile(file, statement));
  }
  if (instruments !== undefined) {
    const { records, columns, statement } = instruments.figures;
    const file = instruments.ctx.file;
    parts = {
      ...parts,
      instruments: records,
      otherSources: { ...parts.otherSources, instruments: userSource("instruments", file, columns, [], statement) },
    };
    if (countries === undefined || countries.ctx.file !== file) described.push(describeFile(file, statement));
  }
  if (aid !== undefined) {
    parts = { ...parts, aid: aid.data, otherSources: { ...parts.otherSources, aid: userAidSource(aid) } };
    described.push(`${aid.file} (your data: ${aid.data.release})`);
  }
  parts = { ...parts, warnings };
  const id = `user-${fingerprint(
    JSON.stringify([
      parts.allies,
      parts.euStates,
      parts.instruments,
      parts.aid,
      parts.populationYear,
      parts.gniYear,
      [...parts.gdpSources].map(([year, source]) => [year, source.id, source.file, source.vintage, source.publisher]),
      Object.values(parts.otherSources).map((source) => [source.id, source.file, source.vintage, source.publisher]),
    ])
  )}`;
  const label = `${listWords(described, 4)}, and the embedded data for the rest`;
  const edition = makeEdition(id, label, parts);
  if (countries !== undefined) checkDerived(countries.ctx, countries.figures, edition, warnings);
  return edition;
}

function describeFile(file: string, statement: Statement): string {
  return `${file} (your data, vintage ${statement.vintage ?? "not stated"})`;
}

/**
 * The derived columns the export writes (eu_gni_share, military_aid_eur_bn) are not read; where one differs from what
 * the edition gives, the user probably edited it expecting an effect: say so, and where to edit instead.
 */
function checkDerived(ctx: Context, figures: CountryFigures, edition: Edition, warnings: string[]): void {
  const shareDiffers: string[] = [];
  const aidDiffers: string[] = [];
  for (const row of figures.derived) {
    const share = row.cells.eu_gni_share;
    if (share !== undefined && share !== "") {
      const state = edition.euState(row.code);
      const expected = state === undefined ? null : plain(state.gni.div(edition.gniTotal));
      if (expected === null || !sameNumber(share, expected)) {
        shareDiffers.push(`row ${row.line} ${row.code} ${share} (the figures give ${expected ?? "none"})`);
      }
    }
    const aid = row.cells.military_aid_eur_bn;
    const from = row.cells.aid_from;
    const to = row.cells.aid_to;
    if (aid !== undefined && aid !== "" && from !== undefined && to !== undefined) {
      const months = /^\d{4}-\d{2}$/;
      const tracked = edition.aid.tracked(row.code);
      if (months.test(from) && months.test(to) && tracked) {
        const expected = plain(aidEurBn(edition, row.code, from, to));
        if (!sameNumber(aid, expected)) {
          aidDiffers.push(`row ${row.line} ${row.code} ${aid} (the aid data gives ${expected})`);
        }
      } else if (!tracked) {
        aidDiffers.push(`row ${row.line} ${row.code} ${aid} (the aid data does not track it)`);
      }
    }
  }
  if (shareDiffers.length > 0) {
    warnings.push(
      `${ctx.file}: eu_gni_share is derived from the GNI figures and not read, yet ${listWords(shareDiffers, 3)} ` +
        "differs: to change the attribution, edit a gni_YEAR_eur_bn column."
    );
  }
  if (aidDiffers.length > 0) {
    warnings.push(
      `${ctx.file}: military_aid_eur_bn is derived from the aid data and not read, yet ${listWords(aidDiffers, 3)} ` +
        "differs: bring another aid release (fair-share data import-kiel, then --aid-data), or give aid in an aid range."
    );
  }
}

function sameNumber(text: string, expected: string): boolean {
  try {
    return plain(new Dec(text.replace(",", "."))).toString() === expected;
  } catch {
    return false;
  }
}
