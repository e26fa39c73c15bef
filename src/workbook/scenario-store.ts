/**
 * The scenario store: named scenarios kept in a sheet of the workbook ("Scenarios"), one row per scenario, so that they
 * travel with the file, sync with co-authors, are written undoably and can be read without Excel. The live workbook
 * keeps the sheet very hidden; the portable copy shows it. This module is the store's one definition, pure: a header
 * row and rows of cell values in, scenarios and the problems found out; a scenario in, the cells of its row out. The
 * pane (through Office.js), the portable copy's writer and reader, and the command line all go through it.
 *
 * Layout (schema 2): row 1 is the header; each later row is a scenario. Columns are found by their header label, so
 * a column moved by hand is still read: Name, Comment, Created, Modified, Author, Data vintage, Schema, then one column
 * per allocate parameter, headed by its name ("total", "credit", ...), holding its text as the inputs block takes it
 * (empty: the default). Times are ISO 8601 in UTC ("2026-12-07T09:30:00Z").
 * Schema 1 (the first stores) kept every parameter in one "Inputs" column as `name=value` pairs separated by "; "; its
 * rows are migrated on read and written in schema 2 when next saved.
 *
 * A damaged or hand-edited store never loses a scenario silently: every readable row is kept; each unreadable row is
 * reported by its sheet row number and the reason and left as it is (the writers only touch the rows they are asked
 * to). Rows from a newer Fair Share (a higher schema) are reported, never rewritten.
 */
import { parametersFor, scenarioProblem, type ParameterName, type ScenarioSpec } from "../engine";
import type { CellValue } from "./description";

export const STORE_SHEET = "Scenarios";
/** The schema this Fair Share writes; it reads this one and every older one. */
export const STORE_SCHEMA = 2;
/** The longest name a scenario may have (a sheet's validated list and the pane's list show it whole). */
export const MAX_SCENARIO_NAME = 100;

/** The header labels of the columns that are not parameters. */
export const STORE_COLUMNS = {
  name: "Name",
  comment: "Comment",
  created: "Created",
  modified: "Modified",
  author: "Author",
  vintage: "Data vintage",
  schema: "Schema",
  /** Schema 1's single column of parameters. */
  legacyInputs: "Inputs",
} as const;

/** The parameters a stored scenario states: allocate's, in the inputs block's order. */
export const STORED_PARAMETERS: readonly ParameterName[] = parametersFor("allocate").map((entry) => entry.name);

/** Parameters that name a file or a sheet rather than a value: kept as text, not checked against the engine. */
const REFERENCE_PARAMETERS: ReadonlySet<ParameterName> = new Set<ParameterName>(["data", "eu-add"]);

export interface StoredScenario {
  readonly name: string;
  readonly comment: string;
  /** The parameters it sets, as text (an empty one is not listed: its default applies). */
  readonly parameters: Readonly<Partial<Record<ParameterName, string>>>;
  /** ISO 8601, UTC. */
  readonly created: string;
  readonly modified: string;
  /** Who saved it, where the host says ("" when it does not). */
  readonly author: string;
  /** The data vintage it was computed with (dataVintage). */
  readonly vintage: string;
}

/** A scenario read from the store: where it is, and the schema it was written in. */
export interface StoredRow extends StoredScenario {
  /** Its sheet row number (1-based; row 1 is the header). */
  readonly row: number;
  readonly schema: number;
}

/** A row that cannot be read (or, at row 1, a fault of the header), with the reason in words. */
export interface StoreProblem {
  readonly row: number;
  readonly reason: string;
}

export interface StoreContent {
  /** The readable scenarios, in row order. */
  readonly scenarios: readonly StoredRow[];
  /** Rows left unread, each with its reason; a store that is fine has none. */
  readonly problems: readonly StoreProblem[];
  /** Readable rows with something worth a look (a garbled time): the scenario is kept. */
  readonly notes: readonly StoreProblem[];
  /** The header as found (labels, trimmed); what a writer aligns a new row with. */
  readonly header: readonly string[];
}

/** The header of a new store. */
export function storeHeader(): string[] {
  const { name, comment, created, modified, author, vintage, schema } = STORE_COLUMNS;
  return [name, comment, created, modified, author, vintage, schema, ...STORED_PARAMETERS];
}

/**
 * The header a store must have before `scenario` rows are written into it: the one found, with any column it lacks
 * added at its right (columns are never moved or removed: rows written before keep their place).
 */
export function headerForWriting(found: readonly string[]): string[] {
  const header = found.length === 0 ? [] : [...found];
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  for (const label of storeHeader()) if (!header.includes(label)) header.push(label);
  return header;
}

/** The cells of a scenario's row, aligned with `header` (headerForWriting's); columns it does not know stay empty. */
export function storeRow(scenario: StoredScenario, header: readonly string[]): CellValue[] {
  const byLabel: Record<string, CellValue> = {
    [STORE_COLUMNS.name]: scenario.name,
    [STORE_COLUMNS.comment]: scenario.comment,
    [STORE_COLUMNS.created]: scenario.created,
    [STORE_COLUMNS.modified]: scenario.modified,
    [STORE_COLUMNS.author]: scenario.author,
    [STORE_COLUMNS.vintage]: scenario.vintage,
    [STORE_COLUMNS.schema]: STORE_SCHEMA,
  };
  for (const name of STORED_PARAMETERS) byLabel[name] = scenario.parameters[name] ?? "";
  return header.map((label) => (label in byLabel ? byLabel[label] : ""));
}

/** The time now as the store writes it. */
export function storeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const ERROR_VALUE =
  /^#(REF!|NAME\?|VALUE!|N\/A|DIV\/0!|NUM!|NULL!|SPILL!|CALC!|BUSY!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/;

/** A cell's content as text: numbers in their shortest exact-looking form (what a spreadsheet shows). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value).trim();
}

/** Excel's serial date (days since 1899-12-30) as ISO text, for a time a hand edit turned into a date. */
function serialTime(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  return storeTime(new Date(Math.round((serial - 25569) * 86400) * 1000));
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A stored time, checked: ISO text (or a date a spreadsheet made of it); undefined when it is not one. */
function readTime(value: unknown): string | undefined {
  if (typeof value === "number") return serialTime(value);
  const text = cellText(value);
  if (text === "") return "";
  if (!ISO_TIME.test(text) || Number.isNaN(Date.parse(text))) return undefined;
  return text;
}

/** Why a scenario's name cannot be used, or undefined when it can (also the pane's check before saving). */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === "") return "its name is empty";
  if (name !== name.trim()) return "its name begins or ends with a space";
  if (name.length > MAX_SCENARIO_NAME) return `its name is longer than ${MAX_SCENARIO_NAME} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0000-\u001f\u007f]/.test(name)) return "its name holds a line break or another control character";
  if (name.includes(",")) return "its name holds a comma (a sheet's list of names cannot show one)";
  if (name.startsWith("(")) return "its name begins with a parenthesis, which the sheet's own choices use";
  return undefined;
}

/** Why a scenario's parameters cannot be computed with, in the engine's words, or undefined when they can. */
export function parametersProblem(parameters: Readonly<Partial<Record<ParameterName, string>>>): string | undefined {
  const spec: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (!REFERENCE_PARAMETERS.has(name as ParameterName)) spec[name] = value as string;
  }
  return scenarioProblem(spec as ScenarioSpec);
}

/** Schema 1's "Inputs" text: `name=value` pairs separated by "; "; the parameters, or the reason it cannot be read. */
function legacyParameters(text: string): Partial<Record<ParameterName, string>> | string {
  const parameters: Partial<Record<ParameterName, string>> = {};
  for (const pair of text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")) {
    const equals = pair.indexOf("=");
    const name = equals < 0 ? pair : pair.slice(0, equals).trim();
    if (equals < 0 || !(STORED_PARAMETERS as readonly string[]).includes(name)) {
      return `its Inputs entry "${pair}" is not a parameter=value pair of Fair Share's`;
    }
    if (parameters[name as ParameterName] !== undefined) return `its Inputs name ${name} twice`;
    const value = pair.slice(equals + 1).trim();
    if (value !== "") parameters[name as ParameterName] = value;
  }
  return parameters;
}

interface Columns {
  readonly index: ReadonlyMap<string, number>;
  readonly missingParameters: readonly string[];
}

/** Finds the columns by label; the faults of the header that make every row unreadable, or the columns. */
function findColumns(header: readonly string[]): Columns | StoreProblem[] {
  const index = new Map<string, number>();
  const problems: StoreProblem[] = [];
  header.forEach((label, column) => {
    if (label === "") return;
    if (index.has(label)) problems.push({ row: 1, reason: `the header names the column "${label}" twice` });
    else index.set(label, column);
  });
  for (const required of [STORE_COLUMNS.name, STORE_COLUMNS.schema]) {
    if (!index.has(required)) problems.push({ row: 1, reason: `the header has no "${required}" column` });
  }
  if (problems.length > 0) return problems;
  return { index, missingParameters: STORED_PARAMETERS.filter((name) => !index.has(name)) };
}

/** One row read: the scenario, or the reason it cannot be read. */
function readRow(cells: readonly unknown[], row: number, columns: Columns, notes: StoreProblem[]): StoredRow | string {
  const at = (label: string): unknown => {
    const column = columns.index.get(label);
    return column === undefined ? null : cells[column];
  };
  for (const [label, column] of columns.index) {
    const value = cells[column];
    if (typeof value === "string" && ERROR_VALUE.test(value.trim())) {
      return `its ${label} cell holds the error ${value.trim()}`;
    }
  }
  const schemaText = cellText(at(STORE_COLUMNS.schema));
  if (schemaText === "") return "its Schema cell is empty";
  const schema = Number(schemaText);
  if (!Number.isInteger(schema) || schema < 1)
    return `its Schema "${schemaText}" is not a schema number of Fair Share's`;
  if (schema > STORE_SCHEMA) {
    return `it was written by a newer Fair Share (schema ${schema}; this one reads up to ${STORE_SCHEMA}): update Fair Share to read it`;
  }
  const name = cellText(at(STORE_COLUMNS.name));
  const badName = nameProblem(name);
  if (badName !== undefined) return badName;

  let parameters: Partial<Record<ParameterName, string>>;
  if (schema === 1) {
    if (!columns.index.has(STORE_COLUMNS.legacyInputs))
      return `it is in schema 1, and the header has no "Inputs" column`;
    const legacy = legacyParameters(cellText(at(STORE_COLUMNS.legacyInputs)));
    if (typeof legacy === "string") return legacy;
    parameters = legacy;
  } else {
    if (columns.missingParameters.length > 0) {
      const missing = columns.missingParameters.join(", ");
      return `the header has no column for ${missing}, so what it set there cannot be known`;
    }
    parameters = {};
    for (const parameter of STORED_PARAMETERS) {
      const value = cellText(at(parameter));
      if (value !== "") parameters[parameter] = value;
    }
  }
  const problem = parametersProblem(parameters);
  if (problem !== undefined) return problem;

  const times: Record<"created" | "modified", string> = { created: "", modified: "" };
  for (const key of ["created", "modified"] as const) {
    const time = readTime(at(STORE_COLUMNS[key]));
    if (time === undefined) {
      notes.push({
        row,
        reason: `its ${STORE_COLUMNS[key]} time "${cellText(at(STORE_COLUMNS[key]))}" is not a date and time`,
      });
    } else times[key] = time;
  }
  return {
    row,
    schema,
    name,
    comment: cellText(at(STORE_COLUMNS.comment)),
    parameters,
    created: times.created,
    modified: times.modified,
    author: cellText(at(STORE_COLUMNS.author)),
    vintage: cellText(at(STORE_COLUMNS.vintage)),
  };
}

/**
 * Reads a store from its sheet's cells, row 1 first (values as Office.js or the .xlsx reader give them: text, numbers,
 * booleans, empty; error values as their text "#REF!"). Empty rows are skipped; nothing is thrown for what a hand
 * edit can do.
 */
export function readStore(grid: readonly (readonly unknown[])[]): StoreContent {
  const header = (grid[0] ?? []).map(cellText);
  const rows = grid.slice(1).map((cells, index) => ({ cells, row: index + 2 }));
  const filled = rows.filter(({ cells }) => cells.some((value) => cellText(value) !== ""));
  if (grid.length === 0 || (header.every((label) => label === "") && filled.length === 0)) {
    return { scenarios: [], problems: [], notes: [], header: [] };
  }
  const columns = findColumns(header);
  if (Array.isArray(columns)) {
    const unread = filled.map(({ row }) => ({ row, reason: "the store's header cannot be read (see row 1)" }));
    return { scenarios: [], problems: [...columns, ...unread], notes: [], header };
  }
  const scenarios: StoredRow[] = [];
  const problems: StoreProblem[] = [];
  const notes: StoreProblem[] = [];
  const rowOfName = new Map<string, number>();
  for (const { cells, row } of filled) {
    const read = readRow(cells, row, columns, notes);
    if (typeof read === "string") {
      problems.push({ row, reason: read });
      continue;
    }
    const key = read.name.toLocaleLowerCase("en");
    const first = rowOfName.get(key);
    if (first !== undefined) {
      problems.push({ row, reason: `its name "${read.name}" is already used by row ${first}` });
      continue;
    }
    rowOfName.set(key, row);
    scenarios.push(read);
  }
  return { scenarios, problems, notes, header };
}

/** The problems of a store in lines a person reads ("row 5: its credit ..."). */
export function problemLines(content: Pick<StoreContent, "problems" | "notes">): string[] {
  return [
    ...content.problems.map(({ row, reason }) => `row ${row} not read: ${reason}`),
    ...content.notes.map(({ row, reason }) => `row ${row}: ${reason}`),
  ];
}

/** A name not used yet in the store: `name`, else "name (2)", "name (3)", ... (what a merge suggests). */
export function freeName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((known) => known.toLocaleLowerCase("en")));
  if (!used.has(name.toLocaleLowerCase("en"))) return name;
  const base = name.replace(/ \(\d+\)$/, "");
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!used.has(candidate.toLocaleLowerCase("en"))) return candidate;
  }
}

/** Whether a name is taken in the store (names compare without regard to case, as the sheet's list does). */
export function findScenario(content: Pick<StoreContent, "scenarios">, name: string): StoredRow | undefined {
  const key = name.trim().toLocaleLowerCase("en");
  return content.scenarios.find((scenario) => scenario.name.toLocaleLowerCase("en") === key);
}

/** The parameters set, as the inputs block's text (empty ones left out: their defaults apply). */
export function storedParameters(
  values: Readonly<Partial<Record<string, unknown>>>
): Partial<Record<ParameterName, string>> {
  const parameters: Partial<Record<ParameterName, string>> = {};
  for (const name of STORED_PARAMETERS) {
    const text = cellText(values[name]);
    if (text !== "") parameters[name] = text;
  }
  return parameters;
}
