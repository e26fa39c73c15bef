/**
 * Reads a portable copy back into a scenario: `fair-share allocate --workbook FILE` computes what an edited copy
 * states, with the engine. The inputs come from the inputs block (fs.<parameter> names); the contributors, their
 * exemptions, caps and floors from the contributors table; the EU instruments counted and the states contributing from
 * the EU tables. Figures (GDP, population, bilateral aid, EU GNI, instrument amounts and participants) that differ from
 * the embedded data become the user's data edition, read by the engine's readEdition from the tables as a data file
 * would give them and named after the copy ("FILE, sheet 'Fair Share'"), so every output says where they came from.
 *
 * Figures are compared with those the copy was written for: the copy stores each as a binary number, so a figure is
 * the same when it is the same number or agrees to 15 significant digits (what a spreadsheet keeps), and then the
 * exact embedded figure is used. Amounts in the copy's currency are converted back to euros at the copy's rate (the
 * rate it was written with). Layout knowledge (labels, names) is in portable-read-layout.ts.
 */
import type { EuInstrumentRecord, KielMilitaryData } from "../data";
import {
  Dec,
  PARAMETER_DEFAULTS,
  aidEurBn,
  embeddedEdition,
  parametersFor,
  percentWords,
  readEdition,
  type Edition,
  type EditionInput,
  type ParameterName,
  type ScenarioSpec,
} from "../engine";
import type { CellValue } from "./description";
import {
  COPY_LABELS,
  CopyCells,
  PortableReadError,
  at,
  readBoolean,
  readNumber,
  readValue,
  type CopyTable,
} from "./portable-read-layout";
import { workbookStore, type FileStore } from "./store-file";
import { XlsxReadError, readXlsx } from "./xlsx-read";

export { PortableReadError } from "./portable-read-layout";

/** A portable copy read back: the scenario, and where each of its inputs is in the copy. */
export interface PortableCopy {
  /** The scenario with the user's edition when the copy's figures differ from the embedded ones. */
  readonly spec: ScenarioSpec;
  /** Every input the copy states, as text (what the report echoes as the parameters). */
  readonly parameters: Readonly<Partial<Record<ParameterName, string>>>;
  /** "FILE, sheet 'Fair Share'": how the user's data from the copy is named. */
  readonly source: string;
  /** The cell an engine error's argument came from ("credit", "cap (USA)"), for messages. */
  cellOf(argument: string): string | undefined;
  /** The scenarios the copy stores (its Scenarios sheet), when it has any: a copy written again carries them. */
  readonly store?: FileStore;
}

/** Inputs read from the tables, not from their (formula) cells in the inputs block. */
const TABLE_INPUTS: readonly ParameterName[] = ["exempt", "cap", "floor", "key", "eu", "eu-states", "contributors"];
/** Inputs a copy cannot carry: a copy states its figures in its tables. */
const REFUSED_INPUTS: Readonly<Partial<Record<ParameterName, string>>> = {
  data: "the copy carries its figures in its tables: clear the data cell and edit the figures there",
  "eu-add": "EU instruments of your own are not read back from a copy yet: clear the cell",
};

const BILLION = new Dec("1e9");

/** The decimal a cell's number stands for: the 15-digit form a spreadsheet shows when it is the same number. */
function decimalOf(value: number): Dec {
  const short = Number(value.toPrecision(15));
  return new Dec(short === value ? String(short) : String(value));
}

/** Whether a number read from the copy is the figure expected (the same number, or the same to 15 digits). */
function sameFigure(read: number, expected: Dec): boolean {
  const number = expected.toNumber();
  return read === number || read.toPrecision(15) === number.toPrecision(15);
}

/** The scenario the copy was written for, as far as reading its figures needs it. */
interface Written {
  readonly toCurrency: (eur: Dec) => Dec;
  readonly toEur: (amount: Dec) => Dec;
  readonly method: string;
  readonly gdpYear: number;
  readonly years: readonly number[];
  /** The aid window when the copy carries aid figures (credit above 0), else null. */
  readonly aidWindow: { readonly from: string; readonly to: string } | null;
}

/** The edits found, by dataset: what the user's edition replaces. */
interface Edits {
  /** code -> year -> GDP, EUR bn (decimal text). */
  readonly gdp: Map<string, Map<number, string>>;
  readonly population: Map<string, string>;
  readonly gni: Map<string, string>;
  gniYear: number | null;
  /** code -> aid in aidWindow, EUR bn (a contributor whose aid is a figure of the table, not summed by month). */
  readonly aid: Map<string, Dec>;
  /** code -> month -> aid, EUR bn: every month of a contributor with a month edited on the "Aid by month" sheet. */
  readonly aidMonths: Map<string, Map<string, string>>;
  aidWindow: { readonly from: string; readonly to: string } | null;
  /** instrument id -> the columns edited. */
  readonly instruments: Map<string, { amountEurBn?: string; firstYear?: number; lastYear?: number; states?: string }>;
  /** Edited figures far from the embedded ones (a unit mistake, most likely), as warnings naming their cells. */
  readonly warnings: string[];
}

/** A figure this many times the embedded one (or this fraction of it) is warned about, as the data files' reader does. */
const SUSPECT_RATIO = 500;

/** Warns about an edited figure 500 times (or a 500th of) the embedded one, naming its cell and unit. */
function checkUnit(edits: Edits, where: string, what: string, given: number, embedded: Dec, unit: string): void {
  if (given <= 0 || !embedded.gt(0)) return;
  const ratio = decimalOf(given).div(embedded).toNumber();
  if (ratio < SUSPECT_RATIO && ratio > 1 / SUSPECT_RATIO) return;
  const words =
    ratio >= 1
      ? `about ${Math.round(ratio).toLocaleString("en-US")} times`
      : `about a ${Math.round(1 / ratio).toLocaleString("en-US")}th of`;
  edits.warnings.push(
    `${where}: ${what} ${decimalOf(given).toFixed()} is ${words} the embedded ${embedded.toFixed()}; the cell is in ${unit}: check its unit.`
  );
}

/** Reads a portable copy's bytes; `file` names it in messages and in the user's data. */
export async function readPortableCopy(bytes: Uint8Array, file: string): Promise<PortableCopy> {
  let workbook;
  try {
    workbook = await readXlsx(bytes);
  } catch (error) {
    if (error instanceof XlsxReadError) throw new PortableReadError(`${file}: ${error.message}`);
    throw error;
  }
  const cells = new CopyCells(workbook, file);
  const source = `${file}, sheet '${COPY_LABELS.sheet}'`;
  const places = new Map<string, string>();
  const spec = readInputs(cells, places);
  const written = writtenScenario(cells);
  const edits: Edits = {
    gdp: new Map(),
    population: new Map(),
    gni: new Map(),
    gniYear: null,
    aid: new Map(),
    aidMonths: new Map(),
    aidWindow: null,
    instruments: new Map(),
    warnings: [],
  };
  readContributors(cells, spec, written, edits, places);
  readAidMonths(new CopyCells(workbook, file, COPY_LABELS.aidMonths.sheet), written, edits);
  readInstruments(cells, spec, written, edits, places);
  readStates(cells, spec, edits, places);
  const edition = editionOf(edits, source, `${file}, sheet '${COPY_LABELS.aidMonths.sheet}'`);
  const parameters: Partial<Record<ParameterName, string>> = {};
  for (const [name, value] of Object.entries(spec)) parameters[name as ParameterName] = String(value);
  return {
    spec: edition === undefined ? spec : { ...spec, edition },
    parameters,
    source,
    cellOf: (argument) => places.get(argument) ?? places.get(argument.split(/[\s(]/, 1)[0]),
    store: workbookStore(workbook),
  };
}

/** The inputs block: each parameter's value cell by its name; the table-made ones are left to the tables. */
function readInputs(cells: CopyCells, places: Map<string, string>): Record<string, CellValue> {
  const spec: Record<string, CellValue> = {};
  for (const { name } of parametersFor("allocate")) {
    const address = cells.inputAddress(name);
    places.set(name, address);
    if (TABLE_INPUTS.includes(name)) continue;
    const value = readValue(cells, address, name);
    const text = typeof value === "string" ? value.trim() : value;
    if (text === null || text === "") continue;
    const refused = REFUSED_INPUTS[name];
    if (refused !== undefined) throw new PortableReadError(`${cells.where(address)}: ${name}: ${refused}.`);
    // The copy writes some defaults out (overlap-threshold 50%); as a default they mean what an empty cell means.
    if (isDefault(name, text)) continue;
    spec[name] = text;
  }
  return spec;
}

/** Whether a value is the parameter's default, as text ("50%") or as the number a ratio cell holds (0.5). */
function isDefault(name: ParameterName, value: CellValue): boolean {
  const fallback = PARAMETER_DEFAULTS[name];
  if (typeof fallback !== "string" || fallback === "") return false;
  if (String(value) === fallback) return true;
  return typeof value === "number" && fallback.endsWith("%") && percentWords(decimalOf(value).toFixed()) === fallback;
}

/** The value of an input as the copy was written (its hidden mirror), as text; "" when empty. */
function writtenText(cells: CopyCells, parameter: ParameterName): string {
  const value = cells.writtenValue(cells.inputAddress(parameter));
  return value === null ? "" : String(value).trim();
}

/** What the copy's figures were written for: its currency and rate, method, GDP year, years and aid window. */
function writtenScenario(cells: CopyCells): Written {
  const edition = embeddedEdition();
  const rateText = writtenText(cells, "usd-per-eur");
  const usd = writtenText(cells, "currency").toUpperCase() === "USD" && rateText !== "";
  const rate = usd ? decimalOf(Number(rateText)) : null;
  const start = Number(writtenText(cells, "start") || PARAMETER_DEFAULTS.start);
  const count = Number(writtenText(cells, "years") || PARAMETER_DEFAULTS.years);
  const credit = writtenText(cells, "credit");
  const gdpYear = Number(writtenText(cells, "gdp-year") || edition.latestGdpYear);
  const creditGiven = credit !== "" && !/^0*\.?0*%?$/.test(credit);
  return {
    toCurrency: rate === null ? (eur) => eur : (eur) => eur.times(rate),
    toEur: rate === null ? (amount) => amount : (amount) => amount.div(rate),
    method: (writtenText(cells, "method") || PARAMETER_DEFAULTS.method).toLowerCase(),
    gdpYear: Number.isInteger(gdpYear) ? gdpYear : edition.latestGdpYear,
    years: Array.from({ length: Number.isInteger(count) && count > 0 ? count : 0 }, (_, j) => start + j),
    aidWindow: creditGiven
      ? {
          from: writtenText(cells, "aid-from") || `${start}-01`,
          to: writtenText(cells, "aid-to") || edition.aid.lastMonth,
        }
      : null,
  };
}

/** Codes, exemptions, caps, floors and key from the contributors table; its figures into `edits`. */
function readContributors(
  cells: CopyCells,
  spec: Record<string, CellValue>,
  written: Written,
  edits: Edits,
  places: Map<string, string>
): void {
  const labels = COPY_LABELS.contributors;
  const table = cells.table("contributors table", labels.anchor, (text) => text === labels.total);
  const column = (header: string | RegExp, what?: string) => cells.column(table, header, what).column;
  const codeColumn = column(labels.code, "contributors");
  const edition = embeddedEdition();
  const codes = table.rows.map((row) => {
    const code = cells.cell(at(row, codeColumn))?.value;
    if (typeof code !== "string" || edition.ally(code.trim()) === undefined) {
      throw new PortableReadError(
        `${cells.where(at(row, codeColumn))}: "${String(code)}" is not the code of one of the 32 allies; the list of ` +
          "contributors is fixed in a copy: write the copy again with the contributors you want."
      );
    }
    return code.trim().toUpperCase();
  });
  if (codes.length === 0)
    throw new PortableReadError(`${cells.where(at(table.headerRow, codeColumn))}: no contributors.`);
  if (codes.length < edition.allies.length) spec.contributors = codes.join(",");
  places.set("contributors", at(table.rows[0], codeColumn));
  readLimits(cells, table, codes, spec, places);
  readKey(cells, table, codes, spec, places);
  readGdp(cells, table, codes, written, edits);
  const populationColumn = column(labels.population);
  if (populationColumn > 0) {
    table.rows.forEach((row, i) => {
      const value = readNumber(cells, at(row, populationColumn), `population for ${codes[i]}`);
      const ally = edition.ally(codes[i]);
      if (value === null || ally === undefined || sameFigure(value, new Dec(ally.populationM))) return;
      const address = at(row, populationColumn);
      edits.population.set(codes[i], nonNegative(cells, address, value).toFixed());
      checkUnit(
        edits,
        cells.where(address),
        `population for ${codes[i]}`,
        value,
        new Dec(ally.populationM),
        "millions"
      );
    });
  }
  readAid(cells, table, codes, spec, written, edits);
  refuseFixedEdits(cells, table, codes);
}

/**
 * Cells that look like inputs but are not read: the basis (a formula taking the GDP used or the key; a figure typed
 * over it would change the copy's figures but not what the inputs state) and EU membership (who a country is). An
 * edit there is refused rather than ignored; EU membership is seen against the copy's record of its inputs as written.
 */
function refuseFixedEdits(cells: CopyCells, table: CopyTable, codes: readonly string[]): void {
  const labels = COPY_LABELS.contributors;
  const basisColumn = cells.column(table, labels.basis).column;
  table.rows.forEach((row, i) => {
    const address = at(row, basisColumn);
    if (basisColumn === 0 || cells.cell(address)?.formula !== undefined) return;
    throw new PortableReadError(
      `${cells.where(address)}: ${codes[i]}'s basis is a formula (the GDP used, or the key by method), not an ` +
        "input: edit the GDP or Key column instead, and restore the formula (or write the copy again)."
    );
  });
  if (!cells.hasWritten) return;
  const fixed = [
    { column: cells.column(table, labels.euMember).column, why: "EU membership is who a country is, not an input" },
  ];
  for (const { column, why } of fixed) {
    if (column === 0) continue;
    table.rows.forEach((row, i) => {
      const address = at(row, column);
      const now = cells.cell(address)?.value ?? null;
      if (now === cells.writtenValue(address)) return;
      throw new PortableReadError(
        `${cells.where(address)}: ${codes[i]}'s cell was changed, but ${why}; restore it (the copy was written with ` +
          `${String(cells.writtenValue(address))}).`
      );
    });
  }
}

function nonNegative(cells: CopyCells, address: string, value: number): Dec {
  if (value < 0)
    throw new PortableReadError(`${cells.where(address)}: ${value} is negative; give a figure of 0 or more.`);
  return decimalOf(value);
}

/** Exempt (TRUE/FALSE), cap and floor (shares of the total) per contributor, as the inputs exempt, cap and floor. */
function readLimits(
  cells: CopyCells,
  table: CopyTable,
  codes: readonly string[],
  spec: Record<string, CellValue>,
  places: Map<string, string>
): void {
  const labels = COPY_LABELS.contributors;
  const exemptColumn = cells.column(table, labels.exempt, "contributors").column;
  const exempt = table.rows.map((row, i) => readBoolean(cells, at(row, exemptColumn), `exempt for ${codes[i]}`));
  const exemptCodes = codes.filter((_, i) => exempt[i]);
  if (exemptCodes.length > 0) spec.exempt = exemptCodes.join(",");
  places.set("exempt", at(table.rows[0], exemptColumn));
  for (const [parameter, label] of [
    ["cap", labels.cap],
    ["floor", labels.floor],
  ] as const) {
    const limitColumn = cells.column(table, label, "contributors").column;
    const limits = table.rows.map((row, i) => {
      const address = at(row, limitColumn);
      places.set(`${parameter} (${codes[i]})`, address);
      const value = readNumber(cells, address, `${parameter} for ${codes[i]}`);
      return value === null ? null : percentWords(decimalOf(value).toFixed());
    });
    places.set(parameter, at(table.rows[0], limitColumn));
    const paying = limits.filter((_, i) => !exempt[i]);
    const uniform = paying.length > 1 && paying.every((limit) => limit !== null && limit === paying[0]);
    if (uniform && limits.every((limit, i) => !exempt[i] || limit === null)) spec[parameter] = paying[0];
    else {
      const pairs = codes.flatMap((code, i) => (limits[i] === null ? [] : [`${code}=${limits[i]}`]));
      if (pairs.length > 0) spec[parameter] = pairs.join(",");
    }
  }
}

/** With method key, the key is the Key column (the inputs block's key lists it). */
function readKey(
  cells: CopyCells,
  table: CopyTable,
  codes: readonly string[],
  spec: Record<string, CellValue>,
  places: Map<string, string>
): void {
  const keyColumn = cells.column(table, COPY_LABELS.contributors.key).column;
  if (keyColumn === 0) return;
  places.set("key", at(table.rows[0], keyColumn));
  const pairs = table.rows.flatMap((row, i) => {
    const address = at(row, keyColumn);
    places.set(`key (${codes[i]})`, address);
    const value = readNumber(cells, address, `the key value for ${codes[i]}`);
    return value === null ? [] : [`${codes[i]}=${decimalOf(value).toFixed()}`];
  });
  if (String(spec.method ?? PARAMETER_DEFAULTS.method).toLowerCase() === "key" && pairs.length > 0) {
    spec.key = pairs.join(",");
  }
}

/** GDP per contributor: one column per year the data carries, against the embedded data. */
function readGdp(cells: CopyCells, table: CopyTable, codes: readonly string[], written: Written, edits: Edits): void {
  const labels = COPY_LABELS.contributors;
  const sources = cells.columns(table, labels.gdp).map(({ column, match }) => ({ column, year: Number(match[1]) }));
  const edition = embeddedEdition();
  const found = new Map<string, { value: Dec; address: string }>();
  for (const { column, year } of sources) {
    // A year the embedded data does not have (a copy written on the user's GDP 2025) is the user's data throughout.
    const embeddedYear = edition.gdpYears.includes(year);
    table.rows.forEach((row, i) => {
      const address = at(row, column);
      const value = readNumber(cells, address, `GDP ${year} for ${codes[i]}`);
      const ally = edition.ally(codes[i]);
      if (value === null || ally === undefined) return;
      const embedded = written.toCurrency(ally.gdpEur.get(embeddedYear ? year : edition.latestGdpYear) as Dec);
      if (embeddedYear && sameFigure(value, embedded)) return;
      checkUnit(edits, cells.where(address), `GDP ${year} for ${codes[i]}`, value, embedded, "the currency's units");
      const eurBn = written.toEur(nonNegative(cells, address, value)).div(BILLION);
      const key = `${codes[i]} ${year}`;
      const earlier = found.get(key);
      if (earlier !== undefined && !earlier.value.eq(eurBn)) {
        throw new PortableReadError(
          `${cells.where(address)}: GDP ${year} for ${codes[i]} differs from cell ${earlier.address}, which also ` +
            "gives it; edit both alike."
        );
      }
      found.set(key, { value: eurBn, address });
      const byYear = edits.gdp.get(codes[i]) ?? new Map<number, string>();
      byYear.set(year, eurBn.toFixed());
      edits.gdp.set(codes[i], byYear);
    });
  }
}

/**
 * Bilateral aid in the window of a contributor whose aid is a figure of the table (aid given with the scenario), against
 * the embedded data for the window the copy was written with; a formula there sums the "Aid by month" sheet, read by
 * readAidMonths. A zero where the copy was written without a credit is no figure.
 */
function readAid(
  cells: CopyCells,
  table: CopyTable,
  codes: readonly string[],
  spec: Record<string, CellValue>,
  written: Written,
  edits: Edits
): void {
  const aidColumn = cells.column(table, COPY_LABELS.contributors.aid).column;
  if (aidColumn === 0) return;
  const edition = embeddedEdition();
  const window = written.aidWindow;
  table.rows.forEach((row, i) => {
    const address = at(row, aidColumn);
    if (cells.cell(address)?.formula !== undefined) return;
    const value = readNumber(cells, address, `bilateral aid for ${codes[i]}`);
    if (value === null || (window === null && value === 0)) return;
    if (window !== null) {
      const expected = aidEurBn(edition, codes[i], window.from, window.to).times(BILLION);
      if (sameFigure(value, written.toCurrency(expected))) return;
    }
    edits.aid.set(codes[i], written.toEur(nonNegative(cells, address, value)).div(BILLION));
  });
  // The user's figure is the aid in the window the scenario now has (its cells as read, or their defaults).
  const start = String(spec.start ?? PARAMETER_DEFAULTS.start);
  edits.aidWindow = {
    from: String(spec["aid-from"] ?? `${start}-01`),
    to: String(spec["aid-to"] ?? edition.aid.lastMonth),
  };
}

/**
 * The "Aid by month" sheet: each contributor's monthly aid in the copy's currency, against the embedded data. A
 * contributor with a month edited has all its months read as the user's aid data.
 */
function readAidMonths(cells: CopyCells, written: Written, edits: Edits): void {
  const labels = COPY_LABELS.aidMonths;
  const table = cells.table("monthly aid table", labels.anchor);
  const codeColumn = cells.column(table, labels.code, "monthly aid").column;
  const months = cells.columns(table, labels.month).map(({ column, match }) => ({ column, month: match[1] }));
  const base = embeddedEdition().aid;
  for (const row of table.rows) {
    const code = String(cells.cell(at(row, codeColumn))?.value ?? "").trim();
    const embedded = new Map(base.tracked(code) ? base.byDonor[code] : []);
    const read = months.flatMap(({ column, month }) => {
      const address = at(row, column);
      const value = readNumber(cells, address, `aid of ${code} in ${month}`);
      return value === null ? [] : [{ month, value, address }];
    });
    // A contributor whose aid was given with the scenario has no months here.
    if (read.length === 0) continue;
    const same = read.every(({ month, value }) =>
      sameFigure(value, written.toCurrency(new Dec(embedded.get(month) ?? 0).times(BILLION)))
    );
    if (same) continue;
    const byMonth = new Map<string, string>();
    for (const { month, value } of read) {
      if (value !== 0) byMonth.set(month, written.toEur(decimalOf(value)).div(BILLION).toFixed());
    }
    edits.aidMonths.set(code, byMonth);
  }
}

/** The EU instruments table: which are counted (the input eu), and their yearly amounts against the data's. */
function readInstruments(
  cells: CopyCells,
  spec: Record<string, CellValue>,
  written: Written,
  edits: Edits,
  places: Map<string, string>
): void {
  const labels = COPY_LABELS.instruments;
  const table = cells.table("EU instruments table", labels.anchor);
  const idColumn = cells.column(table, labels.id, "EU instruments").column;
  const countedColumn = cells.column(table, labels.counted, "EU instruments").column;
  const edition = embeddedEdition();
  const counted: string[] = [];
  places.set("eu", at(table.rows[0] ?? table.headerRow, countedColumn));
  for (const row of table.rows) {
    const id = String(cells.cell(at(row, idColumn))?.value ?? "").trim();
    const record = edition.instruments.find((candidate) => candidate.id === id);
    if (record === undefined) {
      throw new PortableReadError(
        `${cells.where(at(row, idColumn))}: "${id}" is not an EU instrument of the data (an instrument of your own, ` +
          "eu-add, is not read back from a copy yet); write the copy again without it."
      );
    }
    if (readBoolean(cells, at(row, countedColumn), `Counted for ${id}`)) counted.push(id);
    readInstrumentYears(cells, table, row, record, written, edits);
  }
  spec.eu = counted.length > 0 ? counted.join(",") : "none";
}

function readInstrumentYears(
  cells: CopyCells,
  table: CopyTable,
  row: number,
  record: EuInstrumentRecord,
  written: Written,
  edits: Edits
): void {
  const count = record.lastYear - record.firstYear + 1;
  const yearly = written.toCurrency(new Dec(record.amountEurBn).times(BILLION).div(count));
  // One column per calendar year, its header the year.
  const read = table.yearColumns.map((column) => {
    const year = Number(cells.cell(at(table.headerRow, column))?.value);
    const address = at(row, column);
    const value = readNumber(cells, address, `${record.id}'s amount in ${year}`);
    return { address, year, value: value ?? 0 };
  });
  const inSpan = (year: number): boolean => year >= record.firstYear && year <= record.lastYear;
  if (read.every(({ year, value }) => sameFigure(value, inSpan(year) ? yearly : new Dec(0)))) return;
  const paid = read.filter(({ value }) => value !== 0);
  const span = paid.length === 0 ? read.filter(({ year }) => inSpan(year)) : paid;
  const amounts = paid.map(({ address, value }) => ({ address, amount: nonNegative(cells, address, value) }));
  const uneven = amounts.find(({ amount }) => !amount.eq(amounts[0].amount));
  const gap = span.length !== span[span.length - 1].year - span[0].year + 1;
  if (uneven !== undefined || gap) {
    throw new PortableReadError(
      `${cells.where(uneven?.address ?? span[0].address)}: ${record.id}'s yearly amounts must be equal over ` +
        "consecutive years (the data spreads an instrument evenly over its years)."
    );
  }
  const total = amounts.reduce((sum, { amount }) => sum.plus(amount), new Dec(0));
  edits.instruments.set(record.id, {
    ...edits.instruments.get(record.id),
    amountEurBn: written.toEur(total).div(BILLION).toFixed(),
    firstYear: span[0].year,
    lastYear: span[span.length - 1].year,
  });
}

/** The EU states table: contributing (the input eu-states), GNI, and who takes part in each instrument. */
function readStates(
  cells: CopyCells,
  spec: Record<string, CellValue>,
  edits: Edits,
  places: Map<string, string>
): void {
  const labels = COPY_LABELS.states;
  const table = cells.table("EU states table", labels.anchor);
  const codeColumn = cells.column(table, labels.code, "EU states").column;
  const contributingColumn = cells.column(table, labels.contributing, "EU states").column;
  const gni = cells.column(table, labels.gni, "EU states");
  const edition = embeddedEdition();
  const codes = table.rows.map((row) => String(cells.cell(at(row, codeColumn))?.value ?? "").trim());
  const contributing = table.rows.map((row, i) =>
    readBoolean(cells, at(row, contributingColumn), `Contributing for ${codes[i]}`)
  );
  places.set("eu-states", at(table.rows[0] ?? table.headerRow, contributingColumn));
  const listed = codes.filter((_, i) => contributing[i]);
  if (listed.length < edition.euStates.length) spec["eu-states"] = listed.length > 0 ? listed.join(",") : "none";
  const gniYear = gni.match === null ? edition.gniYear : Number(gni.match[1]);
  table.rows.forEach((row, i) => {
    const state = edition.euState(codes[i]);
    const address = at(row, gni.column);
    if (state === undefined) {
      throw new PortableReadError(`${cells.where(at(row, codeColumn))}: "${codes[i]}" is not an EU member state.`);
    }
    const value = readNumber(cells, address, `GNI for ${codes[i]}`);
    if (value === null) throw new PortableReadError(`${cells.where(address)}: GNI for ${codes[i]} is empty.`);
    if (gniYear !== edition.gniYear || !sameFigure(value, state.gni)) {
      edits.gni.set(codes[i], nonNegative(cells, address, value).toFixed());
      checkUnit(edits, cells.where(address), `GNI for ${codes[i]}`, value, state.gni, "EUR billion");
    }
  });
  if (edits.gni.size > 0) edits.gniYear = gniYear;
  for (const { column, match } of cells.columns(table, labels.participates)) {
    const record = edition.instruments.find((candidate) => candidate.id === match[1]);
    if (record === undefined) continue;
    const leftOut = codes.filter(
      (code, i) => !readBoolean(cells, at(table.rows[i], column), `In ${record.id} for ${code}`)
    );
    const same = leftOut.length === record.leftOut.length && leftOut.every((code) => record.leftOut.includes(code));
    if (same) continue;
    edits.instruments.set(record.id, {
      ...edits.instruments.get(record.id),
      states: ["EU27", ...leftOut.map((code) => `-${code}`)].join(" "),
    });
  }
}

/** The user's edition the edits make (read by the engine as data files would be), or undefined when none. */
function editionOf(edits: Edits, source: string, aidSource: string): Edition | undefined {
  const input: { -readonly [K in keyof EditionInput]: EditionInput[K] } = {};
  const countries = countriesCsv(edits);
  if (countries !== null) input.data = { file: source, text: countries };
  if (edits.instruments.size > 0) input.euData = { file: source, text: instrumentsCsv(edits) };
  if (edits.aidMonths.size > 0 || (edits.aid.size > 0 && edits.aidWindow !== null)) {
    // Months edited on the monthly sheet name that sheet; window totals typed in the table name the main sheet.
    input.aid = { file: edits.aidMonths.size > 0 ? aidSource : source, data: aidData(edits, edits.aidWindow) };
  }
  if (Object.keys(input).length === 0) return undefined;
  const edition = readEdition(input);
  // The reader's unit warnings name rows of the tables made here; the copy's own name the cells instead.
  const warnings = [...edition.warnings.filter((warning) => !warning.startsWith(`${source} row `)), ...edits.warnings];
  return { ...edition, warnings };
}

/** The per-country table of the edits: every ally (and EU state, with GNI), the copy's figures or the embedded ones. */
function countriesCsv(edits: Edits): string | null {
  const edition = embeddedEdition();
  const gdpYears = [...new Set([...edits.gdp.values()].flatMap((byYear) => [...byYear.keys()]))].sort();
  const population = edits.population.size > 0;
  const gni = edits.gni.size > 0;
  if (gdpYears.length === 0 && !population && !gni) return null;
  const header = [
    "iso3",
    ...gdpYears.map((year) => `gdp_${year}_eur_bn`),
    ...(population ? [`population_${edition.populationYear}_m`] : []),
    ...(gni ? [`gni_${edits.gniYear}_eur_bn`] : []),
  ];
  const gniOf = (code: string): string => edits.gni.get(code) ?? edition.euState(code)?.gniEurBn ?? "";
  // An ally the copy does not list has no figure there for a year the embedded data lacks: it keeps its latest
  // embedded GDP, which no figure of the scenario uses (it is not a contributor).
  const rows = edition.allies.map((ally) => [
    ally.iso3,
    ...gdpYears.map(
      (year) => edits.gdp.get(ally.iso3)?.get(year) ?? ally.gdpEurBn[year] ?? ally.gdpEurBn[edition.latestGdpYear]
    ),
    ...(population ? [edits.population.get(ally.iso3) ?? ally.populationM] : []),
    ...(gni ? [gniOf(ally.iso3)] : []),
  ]);
  if (gni) {
    for (const state of edition.euStates.filter((candidate) => edition.ally(candidate.iso3) === undefined)) {
      rows.push([state.iso3, ...gdpYears.map(() => ""), ...(population ? [""] : []), gniOf(state.iso3)]);
    }
  }
  return [header, ...rows].map((row) => row.join(",")).join("\n");
}

/** The EU instruments table of the edits: every embedded instrument, the copy's amounts, years and states. */
function instrumentsCsv(edits: Edits): string {
  const header = ["id", "amount_eur_bn", "first_year", "last_year", "states"];
  const rows = embeddedEdition().instruments.map((record) => {
    const edit = edits.instruments.get(record.id) ?? {};
    return [
      record.id,
      edit.amountEurBn ?? record.amountEurBn,
      String(edit.firstYear ?? record.firstYear),
      String(edit.lastYear ?? record.lastYear),
      edit.states ?? record.states,
    ];
  });
  return [header, ...rows].map((row) => row.join(",")).join("\n");
}

/**
 * The aid data with the copy's window totals: an edited donor's months in the window give way to one entry, its
 * total, in the window's last month, so that the window adds up to the copy's figure; its other months are kept.
 */
function aidData(edits: Edits, window: { readonly from: string; readonly to: string } | null): KielMilitaryData {
  const base = embeddedEdition().aid;
  const byDonor: Record<string, readonly (readonly [string, string])[]> = { ...base.byDonor };
  const donorNames: Record<string, string> = { ...base.donorNames };
  for (const [code, byMonth] of edits.aidMonths) {
    byDonor[code] = [...byMonth];
    donorNames[code] ??= embeddedEdition().ally(code)?.name ?? code;
  }
  if (window !== null) {
    for (const [code, eurBn] of edits.aid) {
      const outside = (base.byDonor[code] ?? []).filter(([month]) => month < window.from || month > window.to);
      byDonor[code] = [...outside, [window.to, eurBn.toFixed()] as const].sort(([a], [b]) => a.localeCompare(b));
      donorNames[code] ??= embeddedEdition().ally(code)?.name ?? code;
    }
  }
  return {
    release: `${base.release}, edited in the copy`,
    releaseDate: base.releaseDate,
    firstMonth: base.firstMonth,
    lastMonth: base.lastMonth,
    byDonor,
    donorNames,
  };
}
