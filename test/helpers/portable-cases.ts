/**
 * (scenario, edit) pairs for the portable copy: a scenario as a model the tests can change one input at a time, the
 * scenario spec (and data edition) the engine computes for it, and edits that set cells of the copy the way a
 * recipient would, each with the model of the edited scenario. Cells are found through CopyLayout only.
 */
import { Dec } from "../../src/engine/decimal";
import { toCsv } from "../../src/cli/format";
import { countryTable, instrumentTable } from "../../src/engine/data-tables";
import type { KielMilitaryData } from "../../src/data";
import { embeddedEdition, embeddedParts, type Edition } from "../../src/engine/edition";
import { readEdition } from "../../src/engine/data-file";
import { FairShareError } from "../../src/engine/errors";
import type { ParameterName } from "../../src/engine/parameters";
import { runScenario, type ScenarioResult, type ScenarioSpec } from "../../src/engine/scenario";
import type { CellValue } from "../../src/workbook/description";
import type { CopyLayout } from "./portable-layout";

/** A scenario the tests can edit: parameters as the user gives them, limits per code, data changes. */
export interface Model {
  /** Parameters other than exempt, cap, floor and key, as text (what a user passes). */
  readonly params: Readonly<Partial<Record<string, string>>>;
  readonly exempt: readonly string[];
  /** Fractions as decimal text, per code. */
  readonly cap: Readonly<Record<string, string>>;
  readonly floor: Readonly<Record<string, string>>;
  /** Key values per code (method key). */
  readonly key: Readonly<Record<string, string>>;
  /** Data changed in the copy: GDP (EUR bn) by "CODE YEAR", population (m) by code, instruments by id. */
  readonly gdp: Readonly<Record<string, string>>;
  readonly population: Readonly<Record<string, string>>;
  readonly instruments: Readonly<Record<string, InstrumentChange>>;
  /** Bilateral military aid (EUR bn) by "CODE YYYY-MM", as the copy's monthly aid table holds it. */
  readonly aid: Readonly<Record<string, string>>;
}

export interface InstrumentChange {
  readonly amountEurBn?: string;
  readonly firstYear?: number;
  readonly lastYear?: number;
  /** Member states taken out of (or put back into) the instrument. */
  readonly out?: readonly string[];
  readonly in?: readonly string[];
}

export function model(params: Record<string, string> = {}, more: Partial<Model> = {}): Model {
  return {
    params,
    exempt: [],
    cap: {},
    floor: {},
    key: {},
    gdp: {},
    population: {},
    instruments: {},
    aid: {},
    ...more,
  };
}

const percent = (fraction: string): string => `${new Dec(fraction).times(100).toFixed()}%`;
const limitList = (limits: Readonly<Record<string, string>>): string =>
  Object.entries(limits)
    .map(([code, fraction]) => `${code}=${percent(fraction)}`)
    .join(",");

/** The spec the engine computes for a model (its data changes as an edition). */
export function specOf(m: Model): ScenarioSpec {
  const spec: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(m.params)) if (value !== undefined && value !== "") spec[name] = value;
  if (m.exempt.length > 0) spec.exempt = m.exempt.join(",");
  if (Object.keys(m.cap).length > 0) spec.cap = limitList(m.cap);
  if (Object.keys(m.floor).length > 0) spec.floor = limitList(m.floor);
  if (Object.keys(m.key).length > 0)
    spec.key = Object.entries(m.key)
      .map(([c, v]) => `${c}=${v}`)
      .join(",");
  const edition = editedEdition(m);
  if (edition) spec.edition = edition;
  return spec as ScenarioSpec;
}

const editions = new Map<string, Edition>();

/** The embedded edition with the model's data changes, as a user's data files would give them; undefined if none. */
function editedEdition(m: Model): Edition | undefined {
  const changed = [m.gdp, m.population, m.instruments, m.aid].some((changes) => Object.keys(changes).length > 0);
  if (!changed) return undefined;
  const cacheKey = JSON.stringify([m.gdp, m.population, m.instruments, m.aid]);
  const cached = editions.get(cacheKey);
  if (cached) return cached;
  const base = embeddedEdition();
  const countries = countryTable(base, { from: base.aid.firstMonth, to: base.aid.lastMonth });
  const set = (rows: string[][], header: readonly string[], key: string, column: string, value: string): void => {
    const at = header.indexOf(column);
    const row = rows.find((r) => r[0] === key);
    if (at < 0 || !row) throw new Error(`no ${column} for ${key} in the data table`);
    row[at] = value;
  };
  const countryRows = countries.rows.map((row) => [...row]);
  for (const [where, eurBn] of Object.entries(m.gdp)) {
    const [code, year] = where.split(" ");
    set(countryRows, countries.header, code, `gdp_${year}_eur_bn`, eurBn);
  }
  for (const [code, millions] of Object.entries(m.population)) {
    set(countryRows, countries.header, code, `population_${base.populationYear}_m`, millions);
  }
  const instruments = instrumentTable(base);
  const instrumentRows = instruments.rows.map((row) => [...row]);
  for (const [id, change] of Object.entries(m.instruments)) {
    const row = instrumentRows.find((r) => r[0] === id);
    if (!row) throw new Error(`no instrument ${id}`);
    const column = (name: string): number => instruments.header.indexOf(name);
    if (change.amountEurBn !== undefined) row[column("amount_eur_bn")] = change.amountEurBn;
    if (change.firstYear !== undefined) row[column("first_year")] = String(change.firstYear);
    if (change.lastYear !== undefined) row[column("last_year")] = String(change.lastYear);
    if (change.out || change.in) {
      const states = row[column("states")];
      const leftOut = new Set(
        states
          .split(/\s+/)
          .filter((s) => s.startsWith("-"))
          .map((s) => s.slice(1))
      );
      for (const code of change.out ?? []) leftOut.add(code);
      for (const code of change.in ?? []) leftOut.delete(code);
      row[column("states")] = ["EU27", ...[...leftOut].sort().map((code) => `-${code}`)].join(" ");
    }
  }
  const edition = readEdition({
    data: { file: "edited copy", text: toCsv([countries.header, ...countryRows]) },
    euData: { file: "edited copy", text: toCsv([instruments.header, ...instrumentRows]) },
    ...(Object.keys(m.aid).length > 0 ? { aid: { file: "edited copy", data: editedAid(m.aid) } } : {}),
  });
  editions.set(cacheKey, edition);
  return edition;
}

/** The embedded aid release with some donors' months set to other figures (EUR bn). */
function editedAid(changes: Readonly<Record<string, string>>): KielMilitaryData {
  const base = embeddedParts().aid;
  const byDonor: Record<string, (readonly [string, string])[]> = {};
  for (const [donor, months] of Object.entries(base.byDonor)) byDonor[donor] = [...months];
  for (const [where, eurBn] of Object.entries(changes)) {
    const [code, month] = where.split(" ");
    const months = (byDonor[code] ?? []).filter(([m]) => m !== month);
    byDonor[code] = [...months, [month, eurBn] as const].sort((a, b) => a[0].localeCompare(b[0]));
  }
  return { ...base, byDonor };
}

/** What the engine says about a scenario: its result, or the limits that cannot hold, in its words. */
export type Expected =
  | { readonly kind: "figures"; readonly result: ScenarioResult }
  | { readonly kind: "infeasible"; readonly message: string };

const LIMIT_ERRORS = new Set(["FLOORS_TOO_HIGH", "CAPS_TOO_LOW", "CAP_BELOW_FLOOR"]);

/** The engine's answer; an input the engine refuses for another reason throws (the case is not a valid one). */
export function expectedFor(m: Model): Expected {
  try {
    return { kind: "figures", result: runScenario(specOf(m)) };
  } catch (error) {
    if (error instanceof FairShareError && LIMIT_ERRORS.has(error.code)) {
      return { kind: "infeasible", message: error.message };
    }
    throw error;
  }
}

/** Cells a recipient sets, and the scenario the copy then shows. */
export interface Edit {
  readonly what: string;
  readonly cells: readonly (readonly [string, CellValue])[];
  readonly edited: Model;
}

/** An edit of a written copy: from its layout and the model it was written for. */
export type EditMaker = (layout: CopyLayout, written: Model) => Edit;

/** The copy as written, unedited: every figure, rounded ones included, must be the engine's. */
export const asWritten: EditMaker = (_, written) => ({ what: "as written", cells: [], edited: written });

const withParams = (m: Model, params: Record<string, string | undefined>): Model => {
  const next: Record<string, string | undefined> = { ...m.params, ...params };
  for (const name of Object.keys(next)) if (next[name] === undefined) delete next[name];
  return { ...m, params: next as Record<string, string> };
};

/** An input of the inputs block typed as `value`, the model taking `given` (the same text, unless stated). */
export function typeInput(parameter: ParameterName, value: CellValue, given?: string | null): EditMaker {
  return (layout, written) => ({
    what: `${parameter} set to ${JSON.stringify(value)}`,
    cells: [[layout.input(parameter), value]],
    edited: withParams(written, {
      [parameter]: given === null ? undefined : (given ?? (value === null ? undefined : String(value))),
    }),
  });
}

/** Several edits in a row (e.g. method and key together). */
export function editsInTurn(...makers: EditMaker[]): EditMaker {
  return (layout, written) => {
    let edited = written;
    const cells: (readonly [string, CellValue])[] = [];
    const whats: string[] = [];
    for (const maker of makers) {
      const edit = maker(layout, edited);
      edited = edit.edited;
      cells.push(...edit.cells);
      whats.push(edit.what);
    }
    return { what: whats.join(", "), cells, edited };
  };
}

export const setExempt =
  (code: string, value: CellValue = true): EditMaker =>
  (layout, written) => ({
    what: `exempt for ${code} set to ${JSON.stringify(value)}`,
    cells: [[layout.exemptCell(code), value]],
    edited: {
      ...written,
      exempt: value === true ? [...new Set([...written.exempt, code])] : written.exempt.filter((c) => c !== code),
    },
  });

export const setLimit =
  (kind: "cap" | "floor", code: string, fraction: string | null): EditMaker =>
  (layout, written) => {
    const limits: Record<string, string> = { ...written[kind] };
    if (fraction === null) delete limits[code];
    else limits[code] = fraction;
    return {
      what: `${kind} for ${code} set to ${fraction === null ? "empty" : percent(fraction)}`,
      cells: [
        [kind === "cap" ? layout.capCell(code) : layout.floorCell(code), fraction === null ? null : Number(fraction)],
      ],
      edited: { ...written, [kind]: limits },
    };
  };

export const setGdp =
  (code: string, year: number, eurBn: string): EditMaker =>
  (layout, written) => ({
    what: `GDP ${year} of ${code} set to EUR ${eurBn}bn`,
    cells: [[layout.gdpCell(code, year), Number(new Dec(eurBn).times(1e9))]],
    edited: { ...written, gdp: { ...written.gdp, [`${code} ${year}`]: eurBn } },
  });

export const setPopulation =
  (code: string, millions: string): EditMaker =>
  (layout, written) => ({
    what: `population of ${code} set to ${millions}m`,
    cells: [[layout.populationCell(code), Number(millions)]],
    edited: { ...written, population: { ...written.population, [code]: millions } },
  });

/** The counted instruments as the eu parameter lists them, after one is counted or not. */
export const setCounted =
  (id: string, counted: boolean): EditMaker =>
  (layout, written) => {
    const countedNow = runScenario(specOf(written)).scenario.instruments.map((i) => i.id);
    const list = counted ? [...new Set([...countedNow, id])] : countedNow.filter((i) => i !== id);
    return {
      what: `${id} ${counted ? "counted" : "not counted"}`,
      cells: [[layout.countedCell(id), counted]],
      edited: withParams(written, { eu: list.length === 0 ? "none" : list.join(",") }),
    };
  };

const change = (written: Model, id: string, more: InstrumentChange): Model => ({
  ...written,
  instruments: { ...written.instruments, [id]: { ...written.instruments[id], ...more } },
});

/**
 * An instrument's amount and years as the copy holds them: one amount per calendar year, the amount spread evenly
 * over its years (as the data does) and 0 in the others. A year outside the table's calendar columns cannot be set.
 */
function instrumentCells(layout: CopyLayout, id: string, eurBn: string, firstYear: number, lastYear: number) {
  const cells = layout.instrumentYearCells(id);
  const years = cells.map(({ year }) => year);
  if (firstYear < Math.min(...years) || lastYear > Math.max(...years)) {
    throw new Error(`${id}: ${firstYear}-${lastYear} is outside the copy's calendar years ${years.join(",")}`);
  }
  const yearly = new Dec(eurBn).times(1e9).div(lastYear - firstYear + 1);
  return cells.map(({ year, cell }) => [cell, year >= firstYear && year <= lastYear ? Number(yearly) : 0] as const);
}

/** The instrument's amount and years in a model (its edits, or the data's). */
function instrumentOf(written: Model, id: string): { amountEurBn: string; firstYear: number; lastYear: number } {
  const record = embeddedEdition().instruments.find((candidate) => candidate.id === id);
  if (!record) throw new Error(`no instrument ${id}`);
  const change = written.instruments[id] ?? {};
  return {
    amountEurBn: change.amountEurBn ?? record.amountEurBn,
    firstYear: change.firstYear ?? record.firstYear,
    lastYear: change.lastYear ?? record.lastYear,
  };
}

export const setInstrumentAmount =
  (id: string, eurBn: string): EditMaker =>
  (layout, written) => {
    const { firstYear, lastYear } = instrumentOf(written, id);
    return {
      what: `amount of ${id} set to EUR ${eurBn}bn`,
      cells: instrumentCells(layout, id, eurBn, firstYear, lastYear),
      edited: change(written, id, { amountEurBn: eurBn }),
    };
  };

export const setInstrumentYears =
  (id: string, firstYear: number, lastYear: number): EditMaker =>
  (layout, written) => ({
    what: `years of ${id} set to ${firstYear}-${lastYear}`,
    cells: instrumentCells(layout, id, instrumentOf(written, id).amountEurBn, firstYear, lastYear),
    edited: change(written, id, { firstYear, lastYear }),
  });

export const setTakesPart =
  (id: string, state: string, takesPart: boolean): EditMaker =>
  (layout, written) => {
    const before = written.instruments[id] ?? {};
    const out = (before.out ?? []).filter((c) => c !== state);
    const into = (before.in ?? []).filter((c) => c !== state);
    return {
      what: `${state} ${takesPart ? "takes part in" : "taken out of"} ${id}`,
      cells: [[layout.takesPartCell(state, id), takesPart]],
      edited: change(written, id, takesPart ? { out, in: [...into, state] } : { out: [...out, state], in: into }),
    };
  };

/** One EU state set contributing or not. */
export const setContributing =
  (state: string, contributing: boolean): EditMaker =>
  (layout, written) => {
    const contributingNow = runScenario(specOf(written)).scenario.euStates;
    const list = contributing
      ? [...new Set([...contributingNow, state])]
      : contributingNow.filter((code) => code !== state);
    return {
      what: `EU state ${state} ${contributing ? "contributing" : "not contributing"}`,
      cells: [[layout.contributingCell(state), contributing]],
      edited: withParams(written, { "eu-states": list.join(",") }),
    };
  };

/** The key values typed in the Key column (empty for a code the key leaves out); the model's key replaced. */
export const setKey =
  (key: Record<string, string>): EditMaker =>
  (layout, written) => {
    const text = Object.entries(key)
      .map(([c, v]) => `${c}=${v}`)
      .join(",");
    const cells = layout.codes.map(
      (code) => [layout.keyCell(code), key[code] === undefined ? null : Number(key[code])] as const
    );
    return { what: `key set to ${text || "nothing"}`, cells, edited: { ...written, key } };
  };

/** One ally's bilateral aid of one month, in the copy's monthly aid table (EUR bn in the model, EUR in the cell). */
export const setMonthlyAid =
  (code: string, month: string, eurBn: string): EditMaker =>
  (layout, written) => ({
    what: `aid of ${code} in ${month} set to EUR ${eurBn}bn`,
    cells: [[layout.monthlyAidCell(code, month), Number(new Dec(eurBn).times(1e9))]],
    edited: { ...written, aid: { ...written.aid, [`${code} ${month}`]: eurBn } },
  });
