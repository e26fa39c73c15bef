/**
 * The custom functions' work, free of Office globals: normalise the arguments, ask the engine (through the memo), and
 * shape its answer as the cells Excel shows. Errors are the engine's FairShareError; functions.ts turns them into
 * CustomFunctions.Error. No arithmetic on amounts here: amounts come from the engine as decimals and become numbers only
 * when they are put in a cell (whole units of the currency are exact in float64).
 */
import {
  ALLIES,
  EU_INSTRUMENTS,
  EU_GNI_YEAR,
  GDP_YEARS,
  KIEL_MILITARY,
  POPULATION_YEAR,
  sourceFields,
  allyByIso3,
  euGniByIso3,
  isTrackedByKiel,
  type AllyRecord,
  type EuGniRecord,
} from "../data";
import {
  type AllocationRow,
  Dec,
  type EditionSource,
  INSTRUMENT_TABLE_COLUMNS,
  embeddedEdition,
  instrumentRow,
  isBlank,
  resultSourceDetails,
  type Figures,
  PARAMETER_NAMES,
  type ParameterName,
  type RawValue,
  type ScenarioResult,
  type ScenarioSpec,
  type TrackResult,
  type TrackRow,
  codeForName,
  contributorFigures,
  displayNumber,
  fail,
  instrumentsInYear,
  militaryAidEurBn,
  parseChoice,
  parseCode,
  parseMonth,
  parseList,
  parseWholeNumber,
  resolveCode,
  resolveSchedule,
  runScenario,
  runTrack,
  suggestionFor,
  yearFigure,
} from "../engine";
import { isEmptyCell, monthFromCell, normaliseCell, toList, toMatrix, type Cell } from "./cells";
import { editionOfValue } from "./edition";
import { buildScenarioSpec, useOfInputsBlock, type ContributorRanges, type ScenarioArguments } from "./inputs";
import { callKey, memoize, memoizeCall } from "./memo";

/** What a function returns to a range of cells. */
export type Table = (number | string | boolean)[][];

/** The arguments ALLOCATE, SHARE and OVERLAP share: where the scenario comes from. */
export interface ScenarioInputs extends ContributorRanges {
  readonly inputs?: unknown;
  readonly total?: unknown;
  readonly years?: unknown;
  readonly method?: unknown;
}

/**
 * One scalar argument as a cell, with `null` for empty. None of these arguments can be 0 (a year, a code, a count, a
 * unit, a word), so a 0, Excel desktop's empty cell, is empty too.
 */
export function argument(value: unknown, name: string): Cell {
  const cell = normaliseCell(value, name, "1");
  return isEmptyCell(cell, true) ? null : cell;
}

/** A required text argument (a code, a field name); text, or a number written in the cell. */
export function requiredText(value: unknown, name: string, functionName: string, fix: string): string {
  const cell = argument(value, name);
  if (cell === null) fail("MISSING", name, { when: `for ${functionName}`, fix });
  if (typeof cell === "boolean") {
    fail("BAD_FORMAT", name, { value: String(cell).toUpperCase(), form: "text", example: "DEU" });
  }
  return String(cell).trim();
}

/** The spec with its parameters in the catalogue's order, so equal scenarios give equal memo keys. */
function canonical(spec: ScenarioSpec): ScenarioSpec {
  const ordered: Partial<Record<ParameterName, RawValue>> = {};
  for (const name of PARAMETER_NAMES) if (spec[name] !== undefined) ordered[name] = spec[name];
  return spec.contributorData === undefined ? ordered : { ...ordered, contributorData: spec.contributorData };
}

/** The scenario the arguments describe. */
export function scenarioSpec(args: ScenarioInputs): ScenarioSpec {
  const explicit: ScenarioArguments = { total: args.total, years: args.years, method: args.method };
  return canonical(buildScenarioSpec(args.inputs, explicit, args));
}

/**
 * The spec with its data edition: a data value (the text of =FAIRSHARE.EDITION(...)) read into its edition, once per
 * text; the embedded edition when the block has none.
 */
export function withEdition(spec: ScenarioSpec): ScenarioSpec {
  return isBlank(spec.data) ? spec : { ...spec, edition: editionOfValue(spec.data) };
}

/**
 * The engine's result for a scenario on its data edition (withEdition), computed once per distinct scenario (see
 * memo.ts); the memo's key is the spec as given.
 */
export function scenarioResult(spec: ScenarioSpec): ScenarioResult {
  return memoize("scenario", spec, () => runScenario(withEdition(spec)));
}

/** 2^53: above it, float64 cells no longer hold every whole number, so sums in the sheet stop adding up. */
const LARGEST_EXACT_CELL = new Dec(2).pow(53);

/**
 * An amount as a cell's number, or an error naming the limit when Excel could not hold it exactly: never an inexact
 * number in a cell.
 */
function toNumber(value: Dec): number {
  const number = value.toNumber();
  // The float is the decimal rounded, so it reaches 2^53 whenever the decimal passes it: only then compare exactly.
  if (Math.abs(number) >= LARGEST_EXACT_FLOAT && value.abs().gt(LARGEST_EXACT_CELL)) {
    fail("TOO_LARGE_FOR_EXCEL", "result", { value: displayNumber(value) });
  }
  return number;
}

const LARGEST_EXACT_FLOAT = 2 ** 53;

/**
 * A whole number of rounding units as a cell's number (toNumber of units x unit), without making the decimal when the
 * unit is a whole number: the product of two whole numbers is exact in float64 while it stays a safe integer, and is
 * then the very number toNumber gives.
 */
function unitsToNumber(unit: Dec): (units: number) => number {
  const whole = unit.isInteger() && unit.lte(Number.MAX_SAFE_INTEGER) ? unit.toNumber() : null;
  return (units) => {
    const product = whole === null ? Number.NaN : whole * units;
    return Number.isSafeInteger(product) ? product : toNumber(unit.times(units));
  };
}

/** The engine's per-contributor figures for a scenario (percent of GDP, per capita, credit), once per scenario. */
function scenarioFigures(spec: ScenarioSpec): Figures {
  return memoize("figures", spec, () => contributorFigures(scenarioResult(spec)));
}

/** A figure for a cell: the number, or "" where the data has none (a contributor outside the embedded data). */
const figureCell = (value: Dec | null): number | string => (value === null ? "" : value.toNumber());

/** The columns ALLOCATE appends when its figures argument is TRUE. */
export const FIGURE_COLUMNS = ["Share of GDP a year", "Per capita", "Aid credit"] as const;

/**
 * FAIRSHARE.ALLOCATE: a header row, then per contributor its code, name, share, total and one amount per year; with
 * figures TRUE, also its yearly payment as a fraction of GDP, its amount per inhabitant and its aid credit (added on the
 * right, so a sheet that spills the table without them keeps its layout).
 */
export function allocationTable(args: ScenarioInputs & { figures?: unknown }): Table {
  const { inputs, codes, basis, aid, total, years, method, figures } = args;
  const key = callKey([inputs, codes, basis, aid, total, years, method, figures]);
  const table =
    key === null ? buildAllocationTable(args) : memoizeCall("allocate", key, () => buildAllocationTable(args));
  // A copy: the table kept in the memo must not change with what a caller does to the one it gets.
  return table.map((row) => [...row]);
}

function buildAllocationTable(args: ScenarioInputs & { figures?: unknown }): Table {
  const spec = scenarioSpec(args);
  const { allocation } = scenarioResult(spec);
  const figuresCell = argument(args.figures, "figures");
  if (figuresCell !== null && typeof figuresCell !== "boolean") {
    fail("BAD_FORMAT", "figures", { value: String(figuresCell), form: "TRUE or FALSE", example: "TRUE" });
  }
  const figures = figuresCell === true ? scenarioFigures(spec) : null;
  const header: (string | number)[] = [
    "Code",
    "Name",
    "Share",
    "Total",
    ...allocation.years,
    ...(figures ? FIGURE_COLUMNS : []),
  ];
  const amount = unitsToNumber(allocation.unit);
  return [
    header,
    ...allocation.rows.map((row, index) => {
      const cells: (number | string)[] = [
        row.code,
        row.name,
        row.shareNumber,
        amount(row.totalUnits),
        ...row.byYearUnits.map(amount),
      ];
      if (figures) {
        const figure = figures.rows[index];
        cells.push(figureCell(figure.yearlyShareOfGdp), figureCell(figure.perCapita), figure.aidCredit.toNumber());
      }
      return cells;
    }),
  ];
}

export const SHARE_WHAT = ["amount", "share", "pct-gdp", "per-capita", "credit"] as const;

/** FAIRSHARE.SHARE: one contributor's amount (all years, or one year) or its share of the total. */
export function shareValue(args: ScenarioInputs & { code: unknown; year?: unknown; what?: unknown }): number {
  const whatCell = argument(args.what, "what");
  const what = whatCell === null ? "amount" : parseChoice("what", whatCell, SHARE_WHAT);
  const spec = scenarioSpec(args);
  const { allocation } = scenarioResult(spec);
  const typed = requiredText(
    args.code,
    "code",
    "FAIRSHARE.SHARE",
    "Give a contributor code such as DEU; FAIRSHARE.ALLIES lists them."
  );
  // A code or the English name of one of this scenario's contributors; anything else gets a suggestion.
  const code = resolveCode("code", typed, {
    allowed: allocation.rows.map((candidate) => candidate.code),
    what: "one of this scenario's contributors",
    universe: "own",
  });
  const row = allocation.rows.find((candidate) => candidate.code === code) as AllocationRow;
  const yearCell = argument(args.year, "year");
  const years = allocation.years;
  const year = yearCell === null ? null : parseWholeNumber("year", yearCell, years[0], years[years.length - 1]);
  // Before rounding every year is split in the same proportions, so a contributor's share is the same in every year.
  if (what === "share") return row.shareNumber;
  if (what === "amount") return toNumber(year === null ? row.total : row.byYear[years.indexOf(year)]);
  const figures = scenarioFigures(spec).rows[allocation.rows.indexOf(row)];
  if (what === "credit") {
    if (year !== null) {
      fail("NOT_ALLOWED", "year", {
        when: "with what credit",
        fix: "Clear year: the aid credit counts over the whole pledge.",
      });
    }
    return figures.aidCredit.toNumber();
  }
  const value =
    year === null
      ? what === "pct-gdp"
        ? figures.yearlyShareOfGdp
        : figures.perCapita
      : yearFigure(row, figures, years.indexOf(year), what === "pct-gdp" ? "share-of-gdp" : "per-capita");
  if (value === null) {
    return fail("NO_FIGURE", "what", {
      field: what === "pct-gdp" ? "GDP" : "population",
      code,
      fix:
        what === "pct-gdp"
          ? "Give its GDP as its basis value (method gdp), or use an ally of the embedded data."
          : "The embedded data has population for the 32 NATO allies only.",
    });
  }
  return value.toNumber();
}

/** The columns FAIRSHARE.TRACK can show, by the name its columns argument takes, with their headers. */
export const TRACK_COLUMNS = {
  code: "Code",
  name: "Name",
  "fair-share": "Fair share",
  delivered: "Delivered",
  gap: "Gap",
  "delivered-share": "Delivered share",
  tracked: "Tracked",
  bilateral: "Bilateral",
  eu: "EU",
  "basis-share": "Basis share",
  held: "Held",
} as const;
export type TrackColumn = keyof typeof TRACK_COLUMNS;

/** TRACK's columns when its columns argument is left out. */
export const DEFAULT_TRACK_COLUMNS: readonly TrackColumn[] = [
  "code",
  "name",
  "fair-share",
  "delivered",
  "gap",
  "delivered-share",
  "tracked",
];

/** What a cell of TRACK shows for an ally the tracker does not cover: never 0, and SUM skips text. */
export const NOT_TRACKED = "not tracked";

/** The scenario TRACK and GAP read: the inputs block only. */
function trackSpec(inputs: unknown): ScenarioSpec {
  return canonical(buildScenarioSpec(inputs, {}, {}));
}

/**
 * The engine's comparison for an inputs block, on the block's data edition as ALLOCATE reads it (withEdition),
 * computed once per distinct block (see memo.ts).
 */
export function trackResult(spec: ScenarioSpec): TrackResult {
  return memoize("track", spec, () => runTrack(withEdition(spec)));
}

/** TRACK's columns argument: names from TRACK_COLUMNS, in one cell as a list or in a row or column of cells. */
function trackColumns(value: unknown): TrackColumn[] {
  const list = toList(value, "columns", '{"fair-share","delivered","gap"}');
  if (list === null) return [...DEFAULT_TRACK_COLUMNS];
  const names = list.cells.flatMap((cell, index) => {
    const normalised = normaliseCell(cell, "columns", String(index + 1));
    return isEmptyCell(normalised, true) ? [] : parseList(String(normalised));
  });
  if (names.length === 0) return [...DEFAULT_TRACK_COLUMNS];
  const choices = Object.keys(TRACK_COLUMNS) as TrackColumn[];
  const columns: TrackColumn[] = [];
  for (const name of names) {
    const column = parseChoice("columns", name, choices);
    if (columns.includes(column)) {
      fail("DUPLICATE_CODE", "columns", { value: column });
    }
    columns.push(column);
  }
  return columns;
}

/** One cell of a TRACK row. */
function trackCell(row: TrackRow, column: TrackColumn): number | string | boolean {
  const known = (value: Dec | null, none = ""): number | string =>
    !row.tracked ? NOT_TRACKED : value === null ? none : toNumber(value);
  switch (column) {
    case "code":
      return row.code;
    case "name":
      return row.name;
    case "fair-share":
      return toNumber(row.fairShare);
    case "delivered":
      return known(row.delivered);
    case "gap":
      return known(row.gap);
    case "delivered-share":
      return !row.tracked ? NOT_TRACKED : row.deliveredShare === null ? "" : row.deliveredShare.toNumber();
    case "tracked":
      return row.tracked;
    case "bilateral":
      return known(row.bilateral);
    case "eu":
      return known(row.eu);
    case "basis-share":
      return row.basisShare.toNumber();
    case "held":
      return row.constraint === "none" ? "" : row.constraint;
  }
}

/**
 * FAIRSHARE.TRACK: a header row, then per contributor its fair share of the pledge, what it delivered in the window,
 * the gap and the share of its fair share delivered (or the columns asked for); an ally the tracker does not cover
 * shows "not tracked", never 0.
 */
export function trackTable(args: { inputs?: unknown; columns?: unknown }): Table {
  const columns = trackColumns(args.columns);
  const result = trackResult(trackSpec(args.inputs));
  return [
    columns.map((column) => TRACK_COLUMNS[column]),
    ...result.rows.map((row) => columns.map((column) => trackCell(row, column))),
  ];
}

/** FAIRSHARE.GAP: one contributor's fair share less what it delivered; #N/A for one the tracker does not cover. */
export function gapValue(args: { code: unknown; inputs?: unknown }): number {
  const typed = requiredText(
    args.code,
    "code",
    "FAIRSHARE.GAP",
    "Give an ally's code such as DEU; FAIRSHARE.ALLIES lists them."
  );
  const result = trackResult(trackSpec(args.inputs));
  const code = resolveCode("code", typed, {
    allowed: result.rows.map((candidate) => candidate.code),
    what: "one of this scenario's contributors",
    universe: "own",
  });
  const row = result.rows.find((candidate) => candidate.code === code) as TrackRow;
  if (row.gap === null) {
    return fail("NO_FIGURE", "code", {
      field: "delivered aid",
      code,
      fix: "The Kiel Ukraine Support Tracker does not track it: what it delivered is unknown, not 0, so it has no gap.",
    });
  }
  return toNumber(row.gap);
}

/** The profile argument of SCHEDULE: a word or weights as text in one cell, or weights in a row or column of cells. */
function profileArgument(value: unknown): RawValue {
  const matrix = toMatrix(value, "profile");
  if (matrix === null) return null;
  if (matrix.length === 1 && matrix[0].length === 1) return argument(matrix[0][0], "profile");
  const list = toList(value, "profile", "{5,4,3,2,1}");
  const cells = (list?.cells ?? []).map((cell, index) => normaliseCell(cell, "profile", String(index + 1)));
  // Only a range of truly empty cells is "no profile"; zeros are weights (all zeros is the engine's ALL_ZERO error).
  if (cells.every((cell) => isEmptyCell(cell, false))) return null;
  return cells
    .map((cell, index) => {
      const label = `profile (weight ${index + 1})`;
      if (isEmptyCell(cell, false)) fail("EMPTY", label, { fix: "Give every year a weight (0 for none)." });
      const text = typeof cell === "boolean" ? String(cell).toUpperCase() : String(cell).trim();
      if (/[,;\s]/.test(text)) fail("NOT_A_NUMBER", label, { value: text, example: "1" });
      return text;
    })
    .join(",");
}

/** FAIRSHARE.SCHEDULE: the yearly tranches of a total, rounded to the unit and adding up to it exactly, as one row. */
export function scheduleRow(args: {
  total: unknown;
  years: unknown;
  profile?: unknown;
  start?: unknown;
  unit?: unknown;
}): number[][] {
  const total = argument(args.total, "total");
  if (total === null) {
    fail("MISSING", "total", { when: "for FAIRSHARE.SCHEDULE", fix: "Give the amount to spread, e.g. 100bn." });
  }
  const years = argument(args.years, "years");
  if (years === null) {
    fail("MISSING", "years", { when: "for FAIRSHARE.SCHEDULE", fix: "Give the number of years, e.g. 5." });
  }
  const key = {
    total,
    years,
    profile: profileArgument(args.profile),
    start: argument(args.start, "start"),
    unit: argument(args.unit, "unit"),
  };
  // The engine parses the arguments with the rules and messages the scenario's parameters use.
  const tranches = memoize("schedule", key, () => resolveSchedule(key).rounded);
  return [tranches.map(toNumber)];
}

/** FAIRSHARE.OVERLAP: per contributor its allocation, the EU instruments' overlap with it and the net new money. */
export function overlapTable(args: ScenarioInputs): Table {
  const { allocation, overlap, scenario } = scenarioResult(scenarioSpec(args));
  const years = allocation.years;
  // Each year's overlap column names the counted instruments that fall into that year.
  const instrumentsIn = (year: number): string =>
    instrumentsInYear(scenario.instruments, year)
      .map((i) => i.id)
      .join(", ") || "no instrument";
  const header: string[] = [
    "Code",
    "Name",
    "EU member",
    "Allocation",
    "EU overlap",
    "Net new",
    ...years.map((year) => `EU overlap ${year} (${instrumentsIn(year)})`),
    ...years.map((year) => `Net new ${year}`),
    ...years.map((year) => `Flag ${year}`),
  ];
  return [
    header,
    ...allocation.rows.map((row, index) => {
      const compared = overlap.rows[index];
      return [
        row.code,
        row.name,
        compared.euMember,
        toNumber(row.total),
        toNumber(compared.totalOverlap),
        toNumber(compared.totalNetNew),
        ...compared.overlap.map(toNumber),
        ...compared.netNew.map(toNumber),
        ...compared.flagged,
      ];
    }),
  ];
}

/** The fields FAIRSHARE.DATA can read, in the order its documentation lists them. */
export const DATA_FIELDS = ["name", "eu", "nato-joined", "gdp", "gdp-usd", "population", "gni", "aid"] as const;
export type DataField = (typeof DATA_FIELDS)[number];

/** The years the embedded GDP has, as text; the latest is DATA's default. */
const GDP_YEAR_TEXTS = GDP_YEARS.map(String);

/** The first and last calendar years the aid data covers in full. */
function fullAidYears(): { first: number; last: number } {
  const [firstYear, firstMonth] = KIEL_MILITARY.firstMonth.split("-").map(Number);
  const [lastYear, lastMonth] = KIEL_MILITARY.lastMonth.split("-").map(Number);
  return { first: firstMonth === 1 ? firstYear : firstYear + 1, last: lastMonth === 12 ? lastYear : lastYear - 1 };
}

/** The aid window of DATA: a year, or from/to months (each defaulting to the data's first and last month). */
function aidWindow(yearCell: Cell, fromCell: Cell, toCell: Cell): { from: string; to: string } {
  const first = KIEL_MILITARY.firstMonth;
  const last = KIEL_MILITARY.lastMonth;
  if (yearCell !== null) {
    if (fromCell !== null || toCell !== null) {
      fail("NOT_ALLOWED", "year", {
        when: "with from or to",
        fix: "Give either a year or a window of months (from, to), not both.",
      });
    }
    const years = fullAidYears();
    const year = parseWholeNumber("year", yearCell, years.first, years.last);
    return { from: `${year}-01`, to: `${year}-12` };
  }
  const from = fromCell === null ? first : parseMonth("from", monthFromCell(fromCell));
  const to = toCell === null ? last : parseMonth("to", monthFromCell(toCell));
  if (from > to) fail("WINDOW_ORDER", "from", { from, to });
  // The engine counts months beyond the data as 0 (with a note); a single figure cannot carry a note, so refuse.
  if (from < first || from > last) fail("OUT_OF_RANGE", "from", { value: from, min: first, max: last });
  if (to < first || to > last) fail("OUT_OF_RANGE", "to", { value: to, min: first, max: last });
  return { from, to };
}

function needsAlly(ally: AllyRecord | undefined, field: string, code: string): AllyRecord {
  return (
    ally ??
    fail("NO_FIGURE", "field", {
      field,
      code,
      fix: "The embedded data has it for the 32 NATO allies only; FAIRSHARE.ALLIES lists them.",
    })
  );
}

/** FAIRSHARE.DATA: one figure of the embedded data, in the unit of its dataset (FAIRSHARE.SOURCES lists them). */
export function dataValue(args: {
  code: unknown;
  field: unknown;
  year?: unknown;
  from?: unknown;
  to?: unknown;
}): number | string | boolean {
  const typed = requiredText(
    args.code,
    "code",
    "FAIRSHARE.DATA",
    "Give a country code such as DEU; FAIRSHARE.ALLIES lists the allies."
  );
  // A code, or the English name of a country of the data ("Germany").
  const code = codeForName(typed) ?? parseCode("code", typed);
  const field: DataField = parseChoice(
    "field",
    requiredText(args.field, "field", "FAIRSHARE.DATA", `Give one of ${DATA_FIELDS.join(", ")}.`),
    DATA_FIELDS
  );
  const ally = allyByIso3(code);
  const gni: EuGniRecord | undefined = euGniByIso3(code);
  // The embedded data knows the allies, the EU member states and the donors the Kiel tracker covers.
  const aidDonor = isTrackedByKiel(code);
  if (ally === undefined && gni === undefined && !aidDonor) {
    fail("UNKNOWN_CODE", "code", {
      value: code,
      where: "a country of the embedded data",
      fix: `${suggestionFor(typed)}Use a three-letter ISO code such as DEU; FAIRSHARE.ALLIES lists the allies.`,
    });
  }
  const yearCell = argument(args.year, "year");
  const fromCell = argument(args.from, "from");
  const toCell = argument(args.to, "to");
  if (field !== "aid") {
    const extra = fromCell !== null ? "from" : toCell !== null ? "to" : null;
    if (extra !== null) {
      fail("NOT_ALLOWED", extra, { when: `with field ${field}`, fix: "Clear it: only the aid field takes a window." });
    }
  }
  if (yearCell !== null && (field === "name" || field === "eu" || field === "nato-joined")) {
    fail("NOT_ALLOWED", "year", { when: `with field ${field}`, fix: "Clear year: this field has one value." });
  }
  switch (field) {
    case "name":
      return ally?.name ?? gni?.name ?? KIEL_MILITARY.donorNames[code];
    case "eu":
      return ally?.euMember ?? gni !== undefined;
    case "nato-joined":
      return needsAlly(ally, "NATO accession year", code).natoJoined;
    case "gdp":
    case "gdp-usd": {
      const record = needsAlly(ally, "GDP", code);
      const year =
        yearCell === null
          ? GDP_YEAR_TEXTS[GDP_YEAR_TEXTS.length - 1]
          : parseChoice("year", String(yearCell).trim(), GDP_YEAR_TEXTS);
      const figures = field === "gdp" ? record.gdpEurBn : record.gdpUsdBn;
      return new Dec(figures[Number(year)]).toNumber();
    }
    case "population":
      if (yearCell !== null) parseChoice("year", String(yearCell).trim(), [String(POPULATION_YEAR)]);
      return new Dec(needsAlly(ally, "population", code).populationM).toNumber();
    case "gni":
      if (yearCell !== null) parseChoice("year", String(yearCell).trim(), [String(EU_GNI_YEAR)]);
      if (gni === undefined) {
        return fail("NO_FIGURE", "field", {
          field: "GNI",
          code,
          fix: "The embedded GNI data covers the 27 EU member states only.",
        });
      }
      return new Dec(gni.gniEurBn).toNumber();
    case "aid": {
      if (!aidDonor) {
        fail("NO_FIGURE", "field", {
          field: "bilateral aid",
          code,
          fix: "The Kiel Ukraine Support Tracker does not track it, so its aid is unknown (not zero).",
        });
      }
      // The engine sums the tracker's months (the same sum as its aid credit) and caches it.
      const window = aidWindow(yearCell, fromCell, toCell);
      return militaryAidEurBn(code, window.from, window.to).toNumber();
    }
  }
}

/** The field of FAIRSHARE.DATA that lists the embedded EU instruments instead of giving one figure. */
export const INSTRUMENTS_FIELD = "instruments";

/**
 * FAIRSHARE.DATA as a table: with field "instruments", the embedded EU instruments (code EU: all; an instrument's
 * id: that one) with every column of their source file, amounts and years as numbers, yes/no as TRUE/FALSE; any other
 * field, its one figure (dataValue) as a single cell.
 */
export function dataTable(args: {
  code: unknown;
  field: unknown;
  year?: unknown;
  from?: unknown;
  to?: unknown;
}): Table {
  const fieldCell = argument(args.field, "field");
  const isInstruments = typeof fieldCell === "string" && fieldCell.trim().toLowerCase() === INSTRUMENTS_FIELD;
  if (!isInstruments) {
    if (fieldCell !== null) parseChoice("field", String(fieldCell), [...DATA_FIELDS, INSTRUMENTS_FIELD]);
    return [[dataValue(args)]];
  }
  const code = parseCode(
    "code",
    requiredText(
      args.code,
      "code",
      "FAIRSHARE.DATA",
      "Give EU for every instrument, or an instrument's id such as UAF."
    )
  );
  for (const name of ["year", "from", "to"] as const) {
    if (argument(args[name], name) !== null) {
      fail("NOT_ALLOWED", name, { when: `with field ${INSTRUMENTS_FIELD}`, fix: "Clear it: the list has no window." });
    }
  }
  const records = code === "EU" ? EU_INSTRUMENTS : EU_INSTRUMENTS.filter((record) => record.id === code);
  if (records.length === 0) {
    fail("UNKNOWN_CODE", "code", {
      value: code,
      where: "EU or the id of an embedded EU instrument",
      fix: `Use EU, or one of ${EU_INSTRUMENTS.map((record) => record.id).join(", ")}.`,
    });
  }
  const numeric = new Set(["amount_eur_bn", "first_year", "last_year"]);
  const yesNo = new Set(["military", "cost_to_members"]);
  return [
    [...INSTRUMENT_TABLE_COLUMNS],
    ...records.map((record) => {
      const row = instrumentRow(embeddedEdition(), record);
      return INSTRUMENT_TABLE_COLUMNS.map((column) =>
        numeric.has(column) ? new Dec(row[column]).toNumber() : yesNo.has(column) ? row[column] === "yes" : row[column]
      );
    }),
  ];
}

/** FAIRSHARE.ALLIES: the contributors of the default data. */
export function alliesTable(): Table {
  return [
    ["Code", "Name", "EU member", "NATO member since"],
    ...ALLIES.map((ally) => [ally.iso3, ally.name, ally.euMember, ally.natoJoined]),
  ];
}

/** The columns of FAIRSHARE.SOURCES: the source's, then whether it is embedded or the user's, and the user's file. */
export const SOURCE_COLUMNS = [
  "Id",
  "Title",
  "Publisher",
  "Published",
  "Vintage",
  "Unit",
  "URL",
  "Caveats",
  "Origin",
  "File",
] as const;

function sourceRow(source: EditionSource): (string | number | boolean)[] {
  return [source.id, ...sourceFields(source), source.origin, source.file ?? ""];
}

/**
 * FAIRSHARE.SOURCES: each dataset with its source, vintage, unit and caveats, and whether it is embedded or the
 * user's (with the file). Without inputs, every embedded dataset; with a scenario's inputs block, the datasets that
 * scenario's figures rest on (its data edition's, when the block names one): ALLOCATE's, or TRACK's for a block of
 * track's parameters.
 */
export function sourcesTable(inputs?: unknown): Table {
  const sources =
    inputs === null || inputs === undefined
      ? embeddedEdition().sources
      : useOfInputsBlock(inputs) === "track"
        ? trackResult(trackSpec(inputs)).sources
        : resultSourceDetails(scenarioResult(scenarioSpec({ inputs })));
  return [[...SOURCE_COLUMNS], ...sources.map(sourceRow)];
}
