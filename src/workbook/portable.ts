/**
 * The portable copy: a workbook that computes a scenario with classic Excel formulas only (no custom functions, no
 * add-in parts, no macros), for recipients without the add-in, with an older Excel, or with LibreOffice.
 *
 * Built from the engine's scenario and result objects, so it follows the engine: every cached value is a figure of the
 * result (its workings included: basis shares, credits, limits, the level, who is held, each instrument's attribution),
 * never worked out here. It reads the data tables directly only for what the figures do not hold: every EU state's GNI
 * (the states that do not contribute included) and each ally's population for the amounts per inhabitant. In the
 * workbook:
 * - the contributors table holds each contributor's basis, GDP and aid as the scenario has them (in its currency);
 * - the allocation clamp(share_i * L - credit_i, floor_i, cap_i) is solved as the engine solves it (see
 *   portable/level-solve.ts): the smallest level L at which the amounts add up to the total, found from the
 *   breakpoints where contributors leave or reach their limits; limits that cannot hold are named in words instead;
 * - the EU instruments are attributed by GNI rescaled over the contributing states, and the overlap is
 *   min(allocation, attributed);
 * - the rounded figures are the engine's controlled rounding while the inputs are those written (a copy of them on a
 *   hidden sheet tells), and largest remainder in formulas after an edit (see portable/rounding.ts);
 * - an entry the formulas cannot read is named in one status cell and the figures left blank (portable/input-check.ts).
 * The sections' builders are in portable/: cells, level solve, contributor inputs, monthly aid, fixed inputs, rounding
 * and input check.
 * Every formula carries the value it computes for the scenario (`cached`), so a viewer that does not recalculate
 * shows the right numbers.
 */
import { sourceFields } from "../data";
import {
  AMOUNT_SUFFIXES,
  type Constraint,
  Dec,
  type EditionSource,
  type ParameterName,
  type ScenarioContributor,
  type ScenarioResult,
  type ScenarioSpec,
  allResultNotes,
  amountWords,
  percentWords,
  resultSources,
  runScenario,
  unitPlacesInMillions,
} from "../engine";
import {
  SHEET_COLOURS,
  cellAddress,
  columnLetters,
  rangeAddress,
  type CellDescription,
  type CellStyle,
  type CellValue,
  type ChartDescription,
  type ConditionalFormatDescription,
  type DefinedNameDescription,
  type SheetDescription,
  type WorkbookDescription,
} from "./description";
import { inputsBlock } from "./inputs-block";
import { portablePrintHeader, withPortableLook } from "./portable-look";
import { absoluteReference } from "./xlsx-formula";
import { NO_LIMIT, SheetCells, abs, absRange, num, runningList, type ListRow } from "./portable/cells";
import { aidMonthsSheet, type AidMonths } from "./portable/aid-months";
import { contributorInputHeaders, contributorInputs } from "./portable/contributor-inputs";
import { portableStoreSheet, type PortableStore } from "./portable/store-sheet";
import { portableSummarySheets } from "./portable/summary-sheet";
import { addScenarioChoice, choiceRows, type ScenarioChoice } from "./portable/scenario-choice";
import { noteTableInputs } from "./portable/fixed-inputs";
import {
  ROUNDING_HEADERS,
  remainderOf,
  roundedFigures,
  roundedTranches,
  type RoundingColumns,
} from "./portable/rounding";
import {
  INPUT_CHECK_HEADERS,
  blockChecks,
  contributorChecks,
  firstProblemOf,
  tableChecks,
} from "./portable/input-check";
import { InputsMirror } from "./portable/staleness";
import { euTables } from "./portable/eu-tables";
import { overlapColumns } from "./portable/overlap";
import { LEVEL_SOLVE_HEADERS, levelSolve, type LevelSolveColumns } from "./portable/level-solve";

export const PORTABLE_SHEET = "Fair Share";
export const ROUNDED_FOR_SHEET = "Rounded for";

/** The defined names of the copy's tables and status cells (sheet-scoped, like the inputs' fs.<parameter>). */
export const TABLE_NAMES = {
  contributors: "fs.table_contributors",
  schedule: "fs.table_schedule",
  instruments: "fs.table_eu_instruments",
  euStates: "fs.table_eu_states",
  roundedStatus: "fs.status_rounded",
  solveStatus: "fs.status_solve",
  roundingCheck: "fs.status_rounding_check",
  inputsCheck: "fs.status_inputs",
  level: "fs.level",
} as const;

/** Rows reserved for the working values beside the inputs block (the schedule starts below them). */
const WORKING_ROWS = 44;
export const SOURCES_SHEET = "Sources";

const HEADER_FILL = SHEET_COLOURS.header;
const VALUE_FILL = SHEET_COLOURS.value;
const FLAG_FILL = SHEET_COLOURS.flag;
const ALERT_FILL = SHEET_COLOURS.alert;

export interface PortableOptions {
  /** The Fair Share version that writes the file. */
  readonly version: string;
  /** When the file is written (the About block shows it). */
  readonly date: Date;
  /** The named scenarios the copy carries in its "Scenarios" sheet (none: the copy has no such sheet). */
  readonly store?: PortableStore;
}

/** Where the figures sit, for callers and tests that read the file back. */
export interface PortableLayout {
  readonly sheet: string;
  /** The inputs block's value cell per parameter. */
  readonly inputs: Readonly<Record<ParameterName, string>>;
  /** First and last contributor rows of the contributors table. */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly totalRow: number;
  readonly codes: readonly string[];
  readonly years: readonly number[];
  readonly gdpYears: readonly number[];
  /** Column letters. */
  readonly columns: {
    readonly code: string;
    readonly name: string;
    /** GDP of each year the data carries (layout.gdpYears), the GDP used (gdp-year's) and the key values. */
    readonly gdpByYear: readonly string[];
    readonly gdp: string;
    readonly key: string;
    readonly population: string;
    readonly eu: string;
    readonly exempt: string;
    readonly cap: string;
    readonly floor: string;
    readonly basis: string;
    readonly aid: string;
    readonly exact: string;
    readonly rounded: string;
    readonly exactByYear: readonly string[];
    readonly roundedByYear: readonly string[];
    readonly overlapByYear: readonly string[];
    readonly exactOverlapByYear: readonly string[];
    readonly netNew: string;
    readonly overlap: string;
    readonly constraint: string;
    /** The workings: basis share, credit, lower and upper limit, and the exact attribution per year. */
    readonly basisShare: string;
    readonly credit: string;
    readonly low: string;
    readonly high: string;
    readonly exactAttributedByYear: readonly string[];
  };
  /** The cell that says whether the rounded table is current ("current" / "STALE..."). */
  readonly staleCell: string;
  /** The number of inputs that differ from those the rounding was made for. */
  readonly staleCountCell: string;
  readonly settledCell: string;
  /** The cell that names the first input that cannot be read ("Every input reads." when none). */
  readonly inputCheckCell: string;
  /** The cell that checks the rounded figures (within one unit, adding up, against the tranches). */
  readonly checkCell: string;
  readonly exactTotalCell: string;
  /** Rows of the yearly schedule: exact and rounded tranches, one column per year. */
  readonly tranches: { readonly exactRow: number; readonly roundedRow: number; readonly columns: readonly string[] };
  readonly instruments: {
    readonly firstRow: number;
    readonly lastRow: number;
    readonly ids: readonly string[];
    /** The GNI of each instrument's contributing states, and per year its amount per EUR bn of that GNI. */
    readonly gniColumn: string;
    readonly rateColumns: readonly string[];
  };
  /** The EU states' table: first row (states in the data's order) and the exact attribution per year. */
  readonly euStates: { readonly firstRow: number; readonly exactColumns: readonly string[] };
  /** The stored scenarios' chooser and its status line, when the copy carries stored scenarios. */
  readonly choice?: { readonly chooserCell: string; readonly statusCell: string };
}

export interface PortableWorkbook {
  readonly workbook: WorkbookDescription;
  readonly layout: PortableLayout;
  readonly result: ScenarioResult;
}

/** A number format that shows amounts in millions of the currency with `places` decimals. */
function millions(places: number): string {
  return places > 0 ? `#,##0.${"0".repeat(places)},,` : "#,##0,,";
}

/** A fraction as unambiguous percent text ("50%", "0.25%"), read the same whether a reader takes bare numbers as
 * fractions or as percents. */
function percentText(fraction: Dec): string {
  return percentWords(fraction.toFixed());
}

/**
 * A formula reading an amount cell the way the inputs block accepts it: a number, or text with a suffix of the engine's
 * AMOUNT_SUFFIXES ("60bn", "5mn"); empty means `fallback`. One IF per suffix, longer suffixes tested first, so that a
 * suffix is never taken for a shorter one it ends with. Classic functions only (LibreOffice 7.4 evaluates it too).
 */
export function amountFormula(cell: string, fallback: number): string {
  const text = `LOWER(TRIM(${cell}))`;
  const suffixes = [...AMOUNT_SUFFIXES].sort((a, b) => b.suffix.length - a.suffix.length);
  let formula = `VALUE(${text})`;
  for (const { suffix, exponent } of [...suffixes].reverse()) {
    const stem = `VALUE(TRIM(LEFT(${text},LEN(${text})-${suffix.length})))`;
    formula = `IF(RIGHT(${text},${suffix.length})="${suffix}",${stem}*1E${exponent},${formula})`;
  }
  return `IF(${cell}="",${fallback},IF(ISNUMBER(${cell}),${cell},${formula}))`;
}

/** A formula reading a ratio cell: a fraction, or text such as "50%"; empty means `fallback`. */
function ratioFormula(cell: string, fallback: number | string): string {
  return `IF(${cell}="",${fallback},IF(ISNUMBER(${cell}),${cell},VALUE(TRIM(${cell}))))`;
}

/** The scenario in words, for the About block. */
export function describeScenario(result: ScenarioResult): string {
  const { scenario, allocation } = result;
  const parts: string[] = [];
  const currency = scenario.currency;
  if (scenario.pctGdp === null) {
    parts.push(`${amountWords(allocation.exactTotal, currency)} over ${allocation.years.length} year(s)`);
  } else {
    parts.push(`${percentText(scenario.pctGdp)} of GDP a year for ${allocation.years.length} year(s)`);
  }
  parts.push(`from ${scenario.startYear}`);
  parts.push(`${scenario.profile.kind === "front" ? "front-loaded" : scenario.profile.kind} profile`);
  parts.push(`among ${scenario.contributors.length} contributors by ${scenario.method}`);
  const exempt = scenario.contributors.filter((c) => c.exempt).map((c) => c.code);
  if (exempt.length > 0) parts.push(`${exempt.join(", ")} exempt`);
  if (scenario.credit.gt(0)) parts.push(`credit ${percentText(scenario.credit)} of bilateral aid`);
  const caps = scenario.contributors.filter((c) => c.maxShare).map((c) => c.code);
  if (caps.length > 0)
    parts.push(`cap on ${caps.length === scenario.contributors.length ? "everyone" : caps.join(", ")}`);
  const floors = scenario.contributors.filter((c) => c.minShare).map((c) => c.code);
  if (floors.length > 0)
    parts.push(`floor on ${floors.length === scenario.contributors.length ? "everyone" : floors.join(", ")}`);
  if (scenario.maxPctGdp) parts.push(`at most ${percentText(scenario.maxPctGdp)} of GDP a year`);
  if (currency === "USD") parts.push(`at ${scenario.usdPerEur?.toFixed()} USD per EUR`);
  parts.push(`rounded to ${currency} ${scenario.unit.toFixed()}`);
  parts.push(
    scenario.instruments.length > 0
      ? `EU overlap with ${scenario.instruments.map((i) => i.id).join(", ")}`
      : "no EU instruments counted"
  );
  return `${parts.join(", ")}.`;
}

/** Runs the scenario and describes its portable workbook. */
export function buildPortableWorkbook(spec: ScenarioSpec, options: PortableOptions): PortableWorkbook {
  const result = runScenario(spec);
  return describePortableWorkbook(spec, result, options);
}

export function describePortableWorkbook(
  spec: ScenarioSpec,
  result: ScenarioResult,
  options: PortableOptions
): PortableWorkbook {
  // Each section writes its cells and working values in turn: the order sets the working values' rows.
  const sheet = aboutAndInputs(spec, result, options);
  const schedule = scheduleSection(
    sheet.cells,
    sheet.work,
    sheet.workLast + 2,
    sheet.input,
    sheet.parsed.startCell,
    result
  );
  const table = contributorsSection(sheet, schedule);
  const eu = euSection(sheet, schedule, table);
  const rounding = roundingSection(sheet, schedule, table, eu);

  // ---- Input check: the first entry that cannot be read, in words ----
  const { cells, conditionalFormats, parsed, aid } = sheet;
  inputCheck(
    { cells, conditionalFormats, result, parsed, col: table.col, aid },
    {
      first: table.first,
      scheduleColumns: schedule.scheduleColumns,
      weightRow: schedule.weightRow,
      inputProblemCell: table.inputProblemCell,
      inputCheckCell: sheet.status.inputCheckCell,
    },
    eu
  );
  return finishWorkbook(sheet, schedule, table, eu, rounding);
}

/** The sheet being written and what every section reads: the About block, the inputs and their parsed values. */
interface PortableSheet {
  readonly spec: ScenarioSpec;
  readonly result: ScenarioResult;
  readonly options: PortableOptions;
  readonly cells: SheetCells;
  readonly names: DefinedNameDescription[];
  readonly conditionalFormats: ConditionalFormatDescription[];
  readonly header: CellStyle;
  readonly exactFormat: string;
  readonly roundedFormat: string;
  readonly status: StatusCells;
  readonly inputsTop: number;
  readonly input: Readonly<Record<ParameterName, string>>;
  readonly blockLast: number;
  readonly workLast: number;
  readonly work: AddWorkingValue;
  readonly aid: AidMonths;
  readonly parsed: ParsedInputs;
}

type ScheduleSection = ReturnType<typeof scheduleSection>;
type ContributorsSection = ReturnType<typeof contributorsSection>;
type EuSection = ReturnType<typeof euTables>;
type RoundingSection = ReturnType<typeof roundingSection>;

/** About block, inputs block and the working values that parse the inputs. */
function aboutAndInputs(spec: ScenarioSpec, result: ScenarioResult, options: PortableOptions): PortableSheet {
  const { scenario } = result;
  const cells = new SheetCells();
  const names: DefinedNameDescription[] = [];
  const unit = scenario.unit;
  const status = aboutBlock(cells, result, options);
  // A copy carrying stored scenarios has its chooser above the inputs block (portable/scenario-choice.ts).
  const inputsHeader = 12 + choiceRows(options.store);
  const { inputsTop, input, blockLast } = inputsSection(cells, names, spec, result, inputsHeader);
  // Working values: the parsed inputs every formula below uses, beside the inputs block, in rows reserved for them
  // above the schedule.
  const workLast = Math.max(blockLast, inputsTop + WORKING_ROWS - 1);
  const work = new WorkingValues(cells, inputsTop, workLast).add;
  const aid = aidMonthsSheet(scenario);
  const parsed = parsedInputs(work, input, result, aid.lastMonth);
  return {
    spec,
    result,
    options,
    cells,
    names,
    conditionalFormats: [],
    header: { bold: true, fill: HEADER_FILL, borderBottom: true, wrap: true },
    exactFormat: millions(Math.max(3, unitPlacesInMillions(unit) + 2)),
    roundedFormat: millions(unitPlacesInMillions(unit)),
    status,
    inputsTop,
    input,
    blockLast,
    workLast,
    work,
    aid,
    parsed,
  };
}

/** The contributors table: headers, level solve, inputs, figures, limits' lists, status, totals and schedule rows. */
function contributorsSection(sheet: PortableSheet, schedule: ScheduleSection) {
  const { cells, conditionalFormats, result, parsed, work, input, header, exactFormat, roundedFormat } = sheet;
  const { scenario, allocation } = result;
  const { yearRow, weightRow, exactTrancheRow, roundedTrancheRow, overlapTotalRow, netNewTotalRow } = schedule;
  const { trancheCheckRow, scheduleColumns, weightRange, weightSumCell, heaviestCell } = schedule;
  const { totalCell, methodCell, isPctCell, gdpYearCell, aidFromCell, aidToCell } = parsed;
  const tableTop = trancheCheckRow + 2;
  cells.value(`A${tableTop}`, "Contributors and allocation", { style: { bold: true, fill: HEADER_FILL } });
  const headerRow = tableTop + 1;
  const first = headerRow + 1;
  const last = first + scenario.contributors.length - 1;
  const totalRow = last + 1;
  const col = contributorColumns(allocation.years.length, scenario.edition.gdpYears.length);
  contributorHeaders(cells, col, headerRow, { yearRow, scheduleColumns }, result, header);
  cells.value(`${col.code}${totalRow}`, "Total", { style: { bold: true, borderTop: true } });

  const solve = levelSolve({
    cells,
    first,
    last,
    columns: col,
    solveColumns: col.solve,
    totalCell,
    currency: scenario.currency,
    work,
    allocation,
  });
  // The input check's formula needs every table's place: its cell is taken now and its formula written at the end.
  const inputProblemCell = work("Input problem", '""', "");
  const figuresOkCell = work(
    "Figures shown",
    `IF(${inputProblemCell}<>"",FALSE,IFERROR(OR(${isPctCell},${solve.feasibleCell}),FALSE))`,
    true
  );
  /** A figure, or "" when the inputs give none (limits that cannot hold). */
  const whenFigures = (formula: string): string => `IF(${figuresOkCell},${formula},"")`;

  contributorInputs(cells, first, col, scenario, { methodCell, gdpYearCell, aidFromCell, aidToCell }, sheet.aid);
  contributorFigures(
    { cells, col, result, parsed, whenFigures },
    { first, totalRow, scheduleColumns, weightRow, weightRange, weightSumCell, heaviestCell },
    { exactFormat, roundedFormat }
  );
  // The inputs block's exempt, cap, key and floor follow the table (running lists), so FAIRSHARE reads the same
  // scenario.
  tableLists(cells, col, first, input, result);
  solveStatus(
    { cells, conditionalFormats, col, first, last, isPct: scenario.amount.kind === "shareOfGdp" },
    {
      settledCell: sheet.status.settledCell,
      inputProblemCell,
      isPctCell,
      totalCell,
      feasibleCell: solve.feasibleCell,
      problemCell: solve.problemCell,
    }
  );

  totalsRow(cells, col, { first, last, totalRow }, result, { exactFormat, roundedFormat });
  const exactTotalCell = work(
    `Exact total (${scenario.currency})`,
    `IF(${isPctCell},${abs(col.exact, totalRow)},${totalCell})`,
    num(allocation.exactTotal),
    "#,##0.####"
  );

  // Schedule rows: exact tranches follow the total; rounded ones are the rounded table's column sums.
  scheduleRows(
    { cells, col, result, whenFigures },
    { totalRow, weightRow, exactTrancheRow, roundedTrancheRow, overlapTotalRow, netNewTotalRow, trancheCheckRow },
    { scheduleColumns, exactTotalCell, weightSumCell },
    { exactFormat, roundedFormat }
  );
  return { col, headerRow, first, last, totalRow, solve, inputProblemCell, figuresOkCell, whenFigures, exactTotalCell };
}

/** The EU instruments' and states' tables, the overlap columns they feed and the overlap flags. */
function euSection(sheet: PortableSheet, schedule: ScheduleSection, table: ContributorsSection): EuSection {
  const { cells, conditionalFormats, result, header, input, exactFormat, roundedFormat } = sheet;
  const { col, first, last, totalRow, whenFigures } = table;
  const eu = euTables({
    cells,
    result,
    totalRow,
    header,
    scheduleColumns: schedule.scheduleColumns,
    yearRow: schedule.yearRow,
    input,
    exactFormat,
    roundedFormat,
  });
  overlapColumns({
    cells,
    first,
    columns: col,
    states: {
      first: eu.gniFirst,
      last: eu.gniLast,
      codes: eu.gniCodes,
      exact: eu.gniExactColumns,
      rounded: eu.gniRoundedColumns,
    },
    overlap: result.overlap,
    whenFigures,
    exactFormat,
    roundedFormat,
  });
  overlapFlags(conditionalFormats, col, { first, last }, result.allocation.years.length, sheet.parsed.thresholdCell);
  return eu;
}

/** Staleness (the inputs against a copy of those the rounding was made for), the rounded figures and their check. */
function roundingSection(sheet: PortableSheet, schedule: ScheduleSection, table: ContributorsSection, eu: EuSection) {
  const { cells, conditionalFormats, result, work, aid, roundedFormat } = sheet;
  const { allocation } = result;
  const { unitCell, isPctCell, totalCell } = sheet.parsed;
  const { col, first, last, totalRow, whenFigures, exactTotalCell } = table;
  const { scheduleColumns, exactTrancheRow, roundedTrancheRow, trancheRemainderRow, trancheCheckRow } = schedule;
  const { staleCell, checkCell } = sheet.status;
  const unit = result.scenario.unit;
  const mirror = mirrorInputs(cells, col, aid, {
    block: { first: sheet.inputsTop, last: sheet.blockLast },
    contributors: { first, last },
    instruments: { first: eu.instrumentFirst, last: eu.instrumentLast, yearColumns: eu.instrumentYearColumns },
    states: { first: eu.gniFirst, last: eu.gniLast, participationColumns: eu.participationColumns },
  });
  const staleCount = mirror.staleCountFormula();
  const staleCountCell = work("Inputs changed since rounding", staleCount, 0);
  const freshCell = work("Inputs as written", `${staleCountCell}=0`, true);
  const totalUnitsCell = work(
    "Total in rounding units",
    `IF(${isPctCell},ROUND(${exactTotalCell}/${unitCell},0),ROUND(${totalCell}/${unitCell},0))`,
    num(allocation.total.div(unit)),
    "#,##0"
  );
  const engineValues: CellDescription[] = [];
  const engineValue = (address: string, value: number): string => {
    engineValues.push({ address, value });
    return absoluteReference(ROUNDED_FOR_SHEET, address);
  };
  const roundingInputs = { cells, freshCell, unitCell, totalUnitsCell, engineValue, whenFigures };
  roundedFigures({
    ...roundingInputs,
    first,
    last,
    totalRow,
    columns: col,
    rounding: col.rounding,
    allocation,
    numberFormat: roundedFormat,
  });
  roundedTranches(
    roundingInputs,
    scheduleColumns,
    { exact: exactTrancheRow, rounded: roundedTrancheRow, remainder: trancheRemainderRow },
    {
      rounded: allocation.tranches.map(num),
      remainders: allocation.exactTranches.map((tranche) => remainderOf(tranche, unit)),
    },
    roundedFormat
  );
  roundedAttribution(
    cells,
    result,
    { first: eu.gniFirst, exactColumns: eu.gniExactColumns, roundedColumns: eu.gniRoundedColumns },
    { freshCell, unitCell, engineValue, roundedFormat }
  );
  staleStatus(cells, conditionalFormats, { staleCell, freshCell, staleCountCell });
  roundingCheck(
    { cells, conditionalFormats, col, yearCount: allocation.years.length },
    { first, last, totalRow, trancheCheckRow, scheduleColumns },
    { checkCell, unitCell, figuresOkCell: table.figuresOkCell, totalUnitsCell }
  );
  return { staleCountCell, mirror, engineValues };
}

/** Defined names: each table (header row to last row) and each status cell, for readers and the read-back. */
function tableNames(sheet: PortableSheet, schedule: ScheduleSection, table: ContributorsSection, eu: EuSection): void {
  const { col, headerRow, last, solve } = table;
  const { staleCell, settledCell, checkCell, inputCheckCell } = sheet.status;
  const yearCount = sheet.result.allocation.years.length;
  const lastColumn = col.rounding.yearRemainders[yearCount - 1];
  const lastScheduleColumn = schedule.scheduleColumns[yearCount - 1];
  const tables: [string, string, string][] = [
    [TABLE_NAMES.contributors, `A${headerRow}:${lastColumn}${last}`, "The contributors table: header row and rows."],
    [
      TABLE_NAMES.schedule,
      `A${schedule.yearRow}:${lastScheduleColumn}${schedule.trancheCheckRow}`,
      "The schedule rows.",
    ],
    [
      TABLE_NAMES.instruments,
      `A${eu.instrumentHeader}:${eu.instrumentListColumn}${eu.instrumentLast}`,
      "The EU instruments table: header row and rows.",
    ],
    [
      TABLE_NAMES.euStates,
      `A${eu.gniHeader}:${eu.stateListColumn}${eu.gniLast}`,
      "The EU states table: header row and rows.",
    ],
    [TABLE_NAMES.roundedStatus, staleCell, "Whether the rounded table is Fair Share's."],
    [TABLE_NAMES.solveStatus, settledCell, "The level solve's status, or why there are no figures."],
    [TABLE_NAMES.roundingCheck, checkCell, "The rounding check."],
    [TABLE_NAMES.inputsCheck, inputCheckCell, "The first input that cannot be read."],
    [TABLE_NAMES.level, solve.levelCell.replace(/\$/g, ""), "The level M of the solve."],
  ];
  for (const [name, where, comment] of tables) sheet.names.push({ name, range: where, comment });
}

/** Where the figures sit, for callers and tests that read the file back. */
function portableLayout(
  sheet: PortableSheet,
  schedule: ScheduleSection,
  table: ContributorsSection,
  eu: EuSection,
  staleCountCell: string
): PortableLayout {
  const { result, status } = sheet;
  const { scenario, allocation } = result;
  return {
    sheet: PORTABLE_SHEET,
    inputs: sheet.input,
    firstRow: table.first,
    lastRow: table.last,
    totalRow: table.totalRow,
    codes: scenario.contributors.map((c) => c.code),
    years: allocation.years,
    gdpYears: scenario.edition.gdpYears,
    columns: layoutColumns(table.col),
    staleCell: status.staleCell,
    staleCountCell: staleCountCell.replace(/\$/g, ""),
    settledCell: status.settledCell,
    checkCell: status.checkCell,
    inputCheckCell: status.inputCheckCell,
    exactTotalCell: table.exactTotalCell.replace(/\$/g, ""),
    tranches: {
      exactRow: schedule.exactTrancheRow,
      roundedRow: schedule.roundedTrancheRow,
      columns: schedule.scheduleColumns,
    },
    instruments: {
      firstRow: eu.instrumentFirst,
      lastRow: eu.instrumentLast,
      ids: eu.instrumentIds,
      gniColumn: eu.instrumentGniColumn,
      rateColumns: eu.rateColumns,
    },
    euStates: { firstRow: eu.gniFirst, exactColumns: eu.gniExactColumns },
  };
}

/** Names, chart and widths; the four sheets; the layout; and the portable look over them. */
function finishWorkbook(
  sheet: PortableSheet,
  schedule: ScheduleSection,
  table: ContributorsSection,
  eu: EuSection,
  rounding: RoundingSection
): PortableWorkbook {
  const { result, options, cells, names, conditionalFormats } = sheet;
  const { col, first, last } = table;
  const yearCount = result.allocation.years.length;
  tableNames(sheet, schedule, table, eu);
  const choice = scenarioChoice(sheet, table.inputProblemCell);
  // ---- Chart: the allocation by ally, stacked by year ----
  const charts = allocationChart(
    col,
    { first, last },
    { yearRow: schedule.yearRow, scheduleColumns: schedule.scheduleColumns },
    result
  );

  const columnWidths: Record<string, number> = { A: 22, B: 24, C: 14, E: 30, F: 16 };
  for (const column of [col.basis, col.gdp, col.aid, col.exact, col.rounded]) columnWidths[column] ??= 16;

  const main: SheetDescription = {
    name: PORTABLE_SHEET,
    cells: cells.all(),
    names: [...names, ...(choice?.names ?? [])],
    conditionalFormats: [...conditionalFormats, ...(choice?.conditionalFormats ?? [])],
    charts,
    columnWidths,
    validations: choice?.validations ?? [],
    ...(choice ? { merges: choice.merges, rowHeights: choice.rowHeights } : {}),
  };
  const store = options.store && portableStoreSheet(options.store);
  const { mirror, engineValues } = rounding;
  const roundedFor = roundedForSheet([...mirror.copyCells(), ...engineValues.filter((cell) => cell.value !== null)]);
  const sources: SheetDescription = sourcesSheet(result);
  const layout = {
    ...portableLayout(sheet, schedule, table, eu, rounding.staleCountCell),
    ...(choice ? { choice: { chooserCell: choice.chooserCell, statusCell: choice.statusCell } } : {}),
  };
  const workbook: WorkbookDescription = {
    sheets: [
      main,
      ...(store === undefined ? [] : [{ ...store, names: [...store.names, ...(choice ? [choice.listName] : [])] }]),
      ...(options.store === undefined ? [] : (portableSummarySheets(options.store)?.sheets ?? [])),
      sheet.aid.sheet,
      sources,
      roundedFor,
      ...(choice ? [choice.sheet] : []),
    ],
    properties: { title: "Fair Share: portable copy", creator: `Fair Share ${options.version}`, created: options.date },
  };
  return {
    // Protection, validation, widths and print setup, decided from the sheets (portable-look.ts).
    workbook: withPortableLook(workbook, {
      mainSheet: PORTABLE_SHEET,
      header: portablePrintHeader(result),
      titleColumns: `${col.code}:${col.name}`,
      printColumns: `${col.code}:${col.netNewByYear[yearCount - 1]}`,
    }),
    layout,
    result,
  };
}

/** The chooser of the stored scenarios, when the copy carries one (portable/scenario-choice.ts). */
function scenarioChoice(sheet: PortableSheet, inputProblemCell: string): ScenarioChoice | undefined {
  const { options } = sheet;
  if (options.store === undefined || choiceRows(options.store) === 0) return undefined;
  return addScenarioChoice({
    cells: sheet.cells,
    sheet: PORTABLE_SHEET,
    spec: sheet.spec,
    result: sheet.result,
    store: options.store,
    input: sheet.input,
    row: 12,
    inputProblemCell,
    copyFor: (spec, result) =>
      describePortableWorkbook(spec, result, { version: options.version, date: options.date }).workbook.sheets[0],
  });
}

/** Adds a working value (a label and a formula) beside the inputs block; returns its absolute address. */
type AddWorkingValue = (label: string, formula: string, cached: CellValue, numberFormat?: string) => string;

/** The working values beside the inputs block: each a label and a formula, in the rows reserved for them. */
class WorkingValues {
  private next: number;
  constructor(
    private readonly cells: SheetCells,
    first: number,
    private readonly last: number
  ) {
    this.next = first;
  }
  readonly add: AddWorkingValue = (label, formula, cached, numberFormat) => {
    const row = this.next++;
    if (row > this.last) throw new Error(`More than ${WORKING_ROWS} working values: raise WORKING_ROWS.`);
    this.cells.value(`E${row}`, label, { style: { bold: true } });
    this.cells.formula(`F${row}`, formula, cached, { numberFormat });
    return abs("F", row);
  };
}

/** The inputs block read as numbers and words (defaults where a cell is empty): the cells every formula uses. */
function parsedInputs(
  work: AddWorkingValue,
  input: Readonly<Record<ParameterName, string>>,
  result: ScenarioResult,
  aidLastMonth: string
) {
  const { scenario, allocation } = result;
  const defaults = scenario.defaults;
  const yearCount = allocation.years.length;
  const defaultTotal = num(defaults.total);
  const totalCell = work(
    "Total",
    `IF(AND(${input.total}="",${input["per-year"]}<>""),${yearCount}*${amountFormula(input["per-year"], 0)},` +
      `${amountFormula(input.total, defaultTotal)})`,
    scenario.amount.kind === "total" ? num(scenario.amount.total) : defaultTotal,
    "#,##0"
  );
  const unitCell = work("Unit", amountFormula(input.unit, num(defaults.unit)), num(scenario.unit), "#,##0.######");
  const creditCell = work("Credit", ratioFormula(input.credit, 0), num(scenario.credit), "0.####%");
  const maxPct = scenario.maxPctGdp;
  const maxPctCell = work(
    "Max % of GDP a year (0 = none)",
    ratioFormula(input["max-pct-gdp"], 0),
    maxPct ? num(maxPct) : 0,
    "0.####%"
  );
  const pct = scenario.pctGdp;
  const pctCell = work(
    "% of GDP a year (method pct-gdp)",
    ratioFormula(input["pct-gdp"], 0),
    pct ? num(pct) : 0,
    "0.####%"
  );
  const methodCell = work("Method", `IF(TRIM(${input.method})="","gdp",LOWER(TRIM(${input.method})))`, scenario.method);
  const isPctCell = work("Method is pct-gdp", `${methodCell}="pct-gdp"`, scenario.amount.kind === "shareOfGdp");
  const edition = scenario.edition;
  const gdpYearCell = work(
    "GDP year",
    `IF(${input["gdp-year"]}="",${edition.latestGdpYear},IF(ISNUMBER(${input["gdp-year"]}),${input["gdp-year"]},VALUE(TRIM(${input["gdp-year"]}))))`,
    scenario.gdpYear
  );
  const startCell = work(
    "Start year",
    `IF(${input.start}="",${defaults.startYear},IF(ISNUMBER(${input.start}),${input.start},VALUE(TRIM(${input.start}))))`,
    scenario.startYear
  );
  const monthText = (cell: string): string =>
    `IF(ISNUMBER(${cell}),YEAR(${cell})&"-"&IF(MONTH(${cell})<10,"0","")&MONTH(${cell}),TRIM(${cell}))`;
  const aidFromCell = work(
    "Aid window from",
    `IF(${input["aid-from"]}="",${startCell}&"-01",${monthText(input["aid-from"])})`,
    scenario.aidWindow?.from ?? `${scenario.startYear}-01`
  );
  const aidToCell = work(
    "Aid window to",
    `IF(${input["aid-to"]}="","${aidLastMonth}",${monthText(input["aid-to"])})`,
    scenario.aidWindow?.to ?? aidLastMonth
  );
  const thresholdCell = work(
    "Overlap threshold",
    ratioFormula(input["overlap-threshold"], num(defaults.overlapThreshold)),
    num(scenario.overlapThreshold),
    "0.####%"
  );
  return {
    totalCell,
    unitCell,
    creditCell,
    maxPctCell,
    pctCell,
    methodCell,
    isPctCell,
    gdpYearCell,
    startCell,
    aidFromCell,
    aidToCell,
    thresholdCell,
  };
}

/** The schedule (from row `scheduleTop`): years, weights, exact and rounded tranches, their rows' labels. */
function scheduleSection(
  cells: SheetCells,
  work: AddWorkingValue,
  scheduleTop: number,
  input: Readonly<Record<ParameterName, string>>,
  startCell: string,
  result: ScenarioResult
) {
  const { scenario, allocation } = result;
  const { currency } = scenario;
  const years = allocation.years;
  const yearCount = years.length;
  cells.value(`A${scheduleTop}`, "Schedule", { style: { bold: true, fill: HEADER_FILL } });
  const yearRow = scheduleTop + 1;
  const weightRow = scheduleTop + 2;
  const exactTrancheRow = scheduleTop + 3;
  const roundedTrancheRow = scheduleTop + 4;
  const overlapTotalRow = scheduleTop + 5;
  const netNewTotalRow = scheduleTop + 6;
  const trancheRemainderRow = scheduleTop + 7;
  const trancheCheckRow = scheduleTop + 8;
  [
    [yearRow, "Year"],
    [weightRow, "Weight"],
    [exactTrancheRow, `Tranche, exact (${currency} m)`],
    [roundedTrancheRow, `Tranche, rounded (${currency} m)`],
    [overlapTotalRow, `EU overlap, rounded (${currency} m)`],
    [netNewTotalRow, `Net new money, rounded (${currency} m)`],
    [trancheRemainderRow, "Tranche remainder (units)"],
    [trancheCheckRow, `Rounded year column less tranche (${currency} m)`],
  ].forEach(([row, label]) => cells.value(`A${row}`, label as string, { style: { bold: true } }));
  const scheduleColumns = years.map((_, j) => columnLetters(2 + j));
  const weightSum = allocation.yearWeightSum;
  const heaviest = allocation.heaviestYearShare;
  const profileText = `LOWER(TRIM(${input.profile}))`;
  years.forEach((year, j) => {
    const column = scheduleColumns[j];
    cells.formula(`${column}${yearRow}`, `${startCell}+${j}`, year, {
      style: { bold: true },
    });
    const item = `TRIM(MID(SUBSTITUTE(${input.profile},",",REPT(" ",200)),${j * 200 + 1},200))`;
    cells.formula(
      `${column}${weightRow}`,
      `IF(OR(${profileText}="",${profileText}="flat"),1,IF(OR(${profileText}="front",${profileText}="front-loaded"),` +
        `${yearCount - j},VALUE(${item})))`,
      num(scenario.yearWeights[j])
    );
  });
  const weightRange = `$${scheduleColumns[0]}$${weightRow}:$${scheduleColumns[yearCount - 1]}$${weightRow}`;
  const weightSumCell = work("Sum of year weights", `SUM(${weightRange})`, num(weightSum));
  const heaviestCell = work(
    "Heaviest year's fraction",
    `MAX(${weightRange})/${weightSumCell}`,
    num(heaviest),
    "0.####%"
  );
  return {
    yearRow,
    weightRow,
    exactTrancheRow,
    roundedTrancheRow,
    overlapTotalRow,
    netNewTotalRow,
    trancheRemainderRow,
    trancheCheckRow,
    scheduleColumns,
    weightRange,
    weightSumCell,
    heaviestCell,
  };
}

/** The contributors table's columns, left to right: inputs, figures, then the workings. */
function contributorColumns(yearCount: number, gdpYearCount: number) {
  let nextColumn = 1;
  const take = (): string => columnLetters(nextColumn++);
  const takeYears = (): string[] => Array.from({ length: yearCount }, () => take());
  return {
    code: take(),
    name: take(),
    gdpByYear: Array.from({ length: gdpYearCount }, () => take()),
    gdp: take(),
    key: take(),
    basis: take(),
    population: take(),
    aid: take(),
    exempt: take(),
    cap: take(),
    floor: take(),
    eu: take(),
    exact: take(),
    share: take(),
    constraint: take(),
    exactByYear: takeYears(),
    rounded: take(),
    roundedByYear: takeYears(),
    overlapByYear: takeYears(),
    overlap: take(),
    netNew: take(),
    netNewByYear: takeYears(),
    attributedByYear: takeYears(),
    exactAttributedByYear: takeYears(),
    exactOverlapByYear: takeYears(),
    basisShare: take(),
    credit: take(),
    low: take(),
    high: take(),
    solve: Object.fromEntries(
      Object.keys(LEVEL_SOLVE_HEADERS).map((key) => [key, take()])
    ) as unknown as LevelSolveColumns,
    exemptList: take(),
    capList: take(),
    floorList: take(),
    keyList: take(),
    problem: take(),
    firstProblem: take(),
    rounding: {
      units: take(),
      remainder: take(),
      rank: take(),
      yearRemainders: takeYears(),
    } satisfies RoundingColumns,
  };
}

type ContributorColumns = ReturnType<typeof contributorColumns>;

/** The contributors table's header row; a year's headers follow the schedule's year row. */
function contributorHeaders(
  cells: SheetCells,
  col: ContributorColumns,
  headerRow: number,
  schedule: { readonly yearRow: number; readonly scheduleColumns: readonly string[] },
  result: ScenarioResult,
  header: CellStyle
): void {
  const { scenario, allocation } = result;
  const { currency } = scenario;
  const { yearRow, scheduleColumns } = schedule;
  const headers: [string, string][] = [
    ...contributorInputHeaders(col, scenario),
    [col.exact, `Allocation, exact (${currency} m)`],
    [col.share, "Share of total"],
    [col.constraint, "Held by"],
    [col.rounded, `Allocation, rounded (${currency} m)`],
    [col.overlap, `EU overlap, rounded (${currency} m)`],
    [col.netNew, `Net new money, rounded (${currency} m)`],
    [col.basisShare, "Basis share"],
    [col.credit, `Credit (${currency})`],
    [col.low, `Lower limit (${currency})`],
    [col.high, `Upper limit (${currency})`],
    [col.exemptList, "Exempt list"],
    [col.capList, "Cap list"],
    [col.floorList, "Floor list"],
    [col.keyList, "Key list"],
    [col.problem, INPUT_CHECK_HEADERS.problem],
    [col.firstProblem, INPUT_CHECK_HEADERS.firstProblem],
    [col.rounding.units, ROUNDING_HEADERS.units],
    [col.rounding.remainder, ROUNDING_HEADERS.remainder],
    [col.rounding.rank, ROUNDING_HEADERS.rank],
  ];
  for (const [column, text] of headers) cells.value(`${column}${headerRow}`, text, { style: header });
  allocation.years.forEach((year, j) => {
    const yearCell = `${scheduleColumns[j]}$${yearRow}`;
    const yearHeader = (column: string, prefix: string): void =>
      cells.formula(`${column}${headerRow}`, `"${prefix} "&$${yearCell}`, `${prefix} ${year}`, { style: header });
    yearHeader(col.exactByYear[j], "Exact");
    yearHeader(col.roundedByYear[j], "Rounded");
    yearHeader(col.overlapByYear[j], "EU overlap");
    yearHeader(col.netNewByYear[j], "Net new");
    yearHeader(col.attributedByYear[j], "EU attributed, rounded");
    yearHeader(col.exactAttributedByYear[j], "EU attributed, exact");
    yearHeader(col.exactOverlapByYear[j], "EU overlap, exact");
    yearHeader(col.rounding.yearRemainders[j], ROUNDING_HEADERS.yearRemainder);
  });
  for (const [key, text] of Object.entries(LEVEL_SOLVE_HEADERS))
    cells.value(`${col.solve[key as keyof LevelSolveColumns]}${headerRow}`, text, { style: header });
}

/** The native bar chart of the allocation by ally, stacked by year. */
function allocationChart(
  col: ContributorColumns,
  rows: { readonly first: number; readonly last: number },
  schedule: { readonly yearRow: number; readonly scheduleColumns: readonly string[] },
  result: ScenarioResult
): ChartDescription[] {
  const { first, last } = rows;
  const { yearRow, scheduleColumns } = schedule;
  const { currency } = result.scenario;
  const n = result.scenario.contributors.length;
  const years = result.allocation.years;
  return [
    {
      title: `Allocation by ally (${currency} m, exact)`,
      type: "barStacked",
      categories: `${col.name}${first}:${col.name}${last}`,
      series: years.map((_, j) => ({
        name: `${scheduleColumns[j]}${yearRow}`,
        values: `${col.exactByYear[j]}${first}:${col.exactByYear[j]}${last}`,
      })),
      from: `H${1}`,
      to: `P${Math.max(36, Math.ceil(n * 0.9))}`,
    },
  ];
}

/** The contributors table's columns a reader of the layout needs. */
function layoutColumns(col: ContributorColumns): PortableLayout["columns"] {
  return {
    code: col.code,
    name: col.name,
    gdpByYear: col.gdpByYear,
    gdp: col.gdp,
    key: col.key,
    population: col.population,
    eu: col.eu,
    exempt: col.exempt,
    cap: col.cap,
    floor: col.floor,
    basis: col.basis,
    aid: col.aid,
    exact: col.exact,
    rounded: col.rounded,
    exactByYear: col.exactByYear,
    roundedByYear: col.roundedByYear,
    overlapByYear: col.overlapByYear,
    exactOverlapByYear: col.exactOverlapByYear,
    netNew: col.netNew,
    overlap: col.overlap,
    constraint: col.constraint,
    basisShare: col.basisShare,
    credit: col.credit,
    low: col.low,
    high: col.high,
    exactAttributedByYear: col.exactAttributedByYear,
  };
}

/** The hidden sheet of the inputs as written and the engine's rounded figures (the stale check compares with it). */
function roundedForSheet(copied: readonly CellDescription[]): SheetDescription {
  return {
    name: ROUNDED_FOR_SHEET,
    cells: [
      {
        address: "A1",
        value: "The inputs the rounded table was made for (compared with the Fair Share sheet; do not edit).",
      },
      ...copied,
    ],
    names: [],
    conditionalFormats: [],
    charts: [],
    visibility: "hidden",
  };
}

type ParsedInputs = ReturnType<typeof parsedInputs>;

interface InputCheckContext {
  readonly cells: SheetCells;
  readonly conditionalFormats: ConditionalFormatDescription[];
  readonly result: ScenarioResult;
  readonly parsed: ParsedInputs;
  readonly col: ContributorColumns;
  readonly aid: AidMonths;
}

interface InputCheckPlaces {
  readonly first: number;
  readonly scheduleColumns: readonly string[];
  readonly weightRow: number;
  readonly inputProblemCell: string;
  readonly inputCheckCell: string;
}

interface EuTablePlaces {
  readonly instrumentFirst: number;
  readonly instrumentLast: number;
  readonly gniFirst: number;
  readonly gniLast: number;
  readonly instrumentYearColumns: readonly string[];
  readonly participationColumns: readonly string[];
}

/**
 * The input check: the first entry of the inputs block, the contributors table, the monthly aid or the EU tables that
 * the formulas cannot read, in words, in its status cell (highlighted while there is one).
 */
function inputCheck(on: InputCheckContext, at: InputCheckPlaces, eu: EuTablePlaces): void {
  const { cells, conditionalFormats, result, parsed, col, aid } = on;
  const { first, inputProblemCell, inputCheckCell } = at;
  const contributorsProblem = contributorChecks(
    cells,
    first,
    result.scenario.contributors.length,
    col,
    result.scenario.edition.gdpYears,
    parsed,
    aid.fromData.map((fromData) => !fromData)
  );
  const blockProblem = blockAndTablesProblem(on, at, eu);
  cells.formula(
    inputProblemCell.replace(/\$/g, ""),
    `IFERROR(IF(${blockProblem}<>"",${blockProblem},${contributorsProblem}),"an input cannot be read")`,
    ""
  );
  const readsText = "Every input reads.";
  cells.formula(inputCheckCell, `IF(${inputProblemCell}="","${readsText}",${inputProblemCell})`, readsText);
  conditionalFormats.push({
    range: inputCheckCell,
    formula: `${inputProblemCell}<>""`,
    style: { fill: ALERT_FILL, fontColor: SHEET_COLOURS.alertText, bold: true },
  });
}

/** The first problem in the inputs block or the aid and EU tables, in words ("" when none). */
function blockAndTablesProblem(on: InputCheckContext, at: InputCheckPlaces, eu: EuTablePlaces): string {
  const { result, parsed, col, aid } = on;
  const { first, scheduleColumns, weightRow } = at;
  const { instrumentFirst, instrumentLast, gniFirst, gniLast, instrumentYearColumns, participationColumns } = eu;
  const { scenario } = result;
  const { edition, defaults } = scenario;
  const n = scenario.contributors.length;
  const yearCount = result.allocation.years.length;
  const range = (column: string): string => absRange(column, first, first + n - 1);
  const instrumentRange = (column: string): string => absRange(column, instrumentFirst, instrumentLast);
  const stateRange = (column: string): string => absRange(column, gniFirst, gniLast);
  return firstProblemOf([
    ...blockChecks(
      {
        ...parsed,
        weights: `$${scheduleColumns[0]}$${weightRow}:$${scheduleColumns[yearCount - 1]}$${weightRow}`,
        caps: range(col.cap),
        floors: range(col.floor),
      },
      {
        gdpYears: edition.gdpYears,
        defaultStart: defaults.startYear,
        yearCount,
        blendWritten: scenario.method === "blend",
        aidFirstMonth: aid.firstMonth,
        aidLastMonth: aid.lastMonth,
      }
    ),
    ...tableChecks({
      aidSheet: aid.sheet.name,
      aidValues: absoluteReference(aid.sheet.name, aid.valuesRange),
      counted: instrumentRange("C"),
      instrumentAmounts: instrumentYearColumns.map(instrumentRange),
      gni: stateRange("C"),
      stateFlags: ["D", ...participationColumns].map(stateRange),
    }),
  ]);
}

/** The "Rounded table" status: Fair Share's rounding while the inputs are as written, else STALE (highlighted). */
function staleStatus(
  cells: SheetCells,
  conditionalFormats: ConditionalFormatDescription[],
  at: { readonly staleCell: string; readonly freshCell: string; readonly staleCountCell: string }
): void {
  const { staleCell, freshCell, staleCountCell } = at;
  const staleText =
    "STALE: the inputs differ from those Fair Share rounded the table for, so its rounded amounts are out of date; " +
    "the rounded amounts shown are recomputed here by largest remainder (each within one unit of its exact amount, " +
    "adding up to the total). To round again with Fair Share's controlled rounding, open the scenario in Fair Share " +
    "(add-in) and choose Open portable copy, or run fair-share allocate with the new values and --xlsx FILE.";
  const freshText = "Current: the rounded table is Fair Share's controlled rounding for these inputs.";
  cells.formula(staleCell, `IF(${freshCell},"${freshText}","${staleText}")`, freshText);
  conditionalFormats.push({
    range: staleCell,
    formula: `${staleCountCell}>0`,
    style: { fill: ALERT_FILL, fontColor: SHEET_COLOURS.alertText, bold: true },
  });
}

/**
 * The rounding check: every rounded cell within one unit of its exact value, each ally's years adding up to its total,
 * the grand total the total, and the year columns against the rounded tranches.
 */
function roundingCheck(
  on: {
    readonly cells: SheetCells;
    readonly conditionalFormats: ConditionalFormatDescription[];
    readonly col: ContributorColumns;
    readonly yearCount: number;
  },
  rows: {
    readonly first: number;
    readonly last: number;
    readonly totalRow: number;
    readonly trancheCheckRow: number;
    readonly scheduleColumns: readonly string[];
  },
  at: {
    readonly checkCell: string;
    readonly unitCell: string;
    readonly figuresOkCell: string;
    readonly totalUnitsCell: string;
  }
): void {
  const { cells, conditionalFormats, col, yearCount } = on;
  const { first, last, totalRow, trancheCheckRow, scheduleColumns } = rows;
  const { checkCell, unitCell, figuresOkCell, totalUnitsCell } = at;
  const range = (column: string): string => absRange(column, first, last);
  const roundedBlock = `${col.roundedByYear[0]}${first}:${col.roundedByYear[yearCount - 1]}${last}`;
  const exactBlock = `${col.exactByYear[0]}${first}:${col.exactByYear[yearCount - 1]}${last}`;
  const tolerance = `${unitCell}*(1+1E-9)`;
  const trancheGaps = `SUMPRODUCT(ABS($${scheduleColumns[0]}$${trancheCheckRow}:$${scheduleColumns[yearCount - 1]}$${trancheCheckRow}))`;
  const withinText = "Every rounded amount is within one unit of its exact amount; rows and columns add up.";
  cells.formula(
    checkCell,
    `IF(NOT(${figuresOkCell}),"No figures: see Passes.",IF(AND(SUMPRODUCT(--(ABS(${roundedBlock}-${exactBlock})>=${tolerance}))=0,` +
      `SUMPRODUCT(--(ABS(${range(col.rounded)}-${range(col.exact)})>=${tolerance}))=0,` +
      `ABS(${abs(col.rounded, totalRow)}-${totalUnitsCell}*${unitCell})<${unitCell}*1E-6),` +
      `IF(${trancheGaps}<${unitCell}*1E-6,"${withinText}","Every rounded amount is within one unit of its exact amount; ` +
      `the year columns differ from the rounded tranches by "&ROUND(${trancheGaps}/${unitCell},0)&" unit(s) in all (row Rounded year column less tranche)."),` +
      `"Some rounded amounts are a unit or more from their exact amounts: round again."))`,
    withinText
  );
  conditionalFormats.push({
    range: checkCell,
    formula: `LEFT(${abs("B", 10)},4)="Some"`,
    style: { fill: ALERT_FILL, fontColor: SHEET_COLOURS.alertText, bold: true },
  });
}

interface FiguresContext {
  readonly cells: SheetCells;
  readonly col: ContributorColumns;
  readonly result: ScenarioResult;
  readonly parsed: ParsedInputs;
  readonly whenFigures: (formula: string) => string;
}

interface FiguresPlaces {
  readonly first: number;
  readonly totalRow: number;
  readonly scheduleColumns: readonly string[];
  readonly weightRow: number;
  readonly weightRange: string;
  readonly weightSumCell: string;
  readonly heaviestCell: string;
}

interface FiguresFormats {
  readonly exactFormat: string;
  readonly roundedFormat: string;
}

/** One contributor's row: its number, the engine's figures for it, and its cell in a column. */
interface FigureRow {
  readonly row: number;
  readonly figures: ScenarioResult["allocation"]["rows"][number];
  readonly at: (column: string) => string;
}

/**
 * Each contributor's workings (basis share, credit, lower and upper limit) and figures: the exact amount (the level
 * solve's, or its percent of GDP), its share, what holds it, the exact amount per year; the rounded amounts as values
 * (made formulas by the rounding's builder).
 */
function contributorFigures(on: FiguresContext, places: FiguresPlaces, formats: FiguresFormats): void {
  const { first } = places;
  const { allocation } = on.result;
  on.result.scenario.contributors.forEach((_, i) => {
    const row = first + i;
    const line: FigureRow = { row, figures: allocation.rows[i], at: (column: string): string => `${column}${row}` };
    contributorWorkings(on, places, line);
    contributorAmounts(on, places, line, formats);
    contributorYears(on, places, line, formats);
  });
}

/** Workings: basis share, credit, lower and upper limit. */
function contributorWorkings(on: FiguresContext, places: FiguresPlaces, line: FigureRow): void {
  const { cells, col, result, parsed } = on;
  const { creditCell, totalCell, maxPctCell } = parsed;
  const { first } = places;
  const { at, figures } = line;
  const last = first + result.scenario.contributors.length - 1;
  const exemptRange = absRange(col.exempt, first, last);
  const basisRange = absRange(col.basis, first, last);
  cells.formula(
    at(col.basisShare),
    `IF(${at(col.exempt)}=TRUE,0,IF(SUMPRODUCT((${exemptRange}=FALSE)*${basisRange})=0,0,` +
      `${at(col.basis)}/SUMPRODUCT((${exemptRange}=FALSE)*${basisRange})))`,
    num(figures.basisShare),
    { numberFormat: "0.000000%" }
  );
  cells.formula(at(col.credit), `${creditCell}*${at(col.aid)}`, num(figures.aidCredit), { numberFormat: "#,##0" });
  cells.formula(
    at(col.low),
    `IF(${at(col.exempt)}=TRUE,0,IF(${at(col.floor)}="",0,${at(col.floor)}*${totalCell}))`,
    num(figures.lowerLimit),
    { numberFormat: "#,##0" }
  );
  cells.formula(
    at(col.high),
    `IF(${at(col.exempt)}=TRUE,0,MIN(IF(${at(col.cap)}="",${NO_LIMIT},${at(col.cap)}*${totalCell}),` +
      `IF(${maxPctCell}=0,${NO_LIMIT},${at(col.gdp)}*${maxPctCell}/${places.heaviestCell}),` +
      `IF(${at(col.basis)}=0,${at(col.low)},${NO_LIMIT})))`,
    figures.upperLimit === null ? NO_LIMIT : num(figures.upperLimit),
    { numberFormat: `[>=1E+299]"none";#,##0` }
  );
}

/** The exact amount (pct-gdp's own rule, or the level solve's), its share and the limit that binds it. */
function contributorAmounts(on: FiguresContext, places: FiguresPlaces, line: FigureRow, formats: FiguresFormats): void {
  const { cells, col, parsed, whenFigures } = on;
  const { pctCell, isPctCell } = parsed;
  const { at, figures } = line;
  const { totalRow, weightRange } = places;
  const pctAmount =
    `IF(${at(col.exempt)}=TRUE,0,MIN(MAX(${pctCell}*${at(col.gdp)}*COUNT(${weightRange})-${at(col.credit)},0),` +
    `${at(col.high)}))`;
  cells.formula(
    at(col.exact),
    whenFigures(`IF(${isPctCell},${pctAmount},${at(col.solve.amount)})`),
    num(figures.exact),
    { numberFormat: formats.exactFormat }
  );
  cells.formula(
    at(col.share),
    whenFigures(`IF(${abs(col.exact, totalRow)}=0,0,${at(col.exact)}/${abs(col.exact, totalRow)})`),
    num(figures.share),
    { numberFormat: "0.0000%" }
  );
  // Held at the upper limit: the solve's held column (pct-gdp: at its percent-of-GDP cap).
  const atUpper = `IF(${isPctCell},${at(col.exact)}>=${at(col.high)},${at(col.solve.held)}=1)`;
  const atLower = `IF(${isPctCell},${at(col.exact)}<=0,${at(col.solve.held)}=-1)`;
  cells.formula(
    at(col.constraint),
    whenFigures(
      `IF(${at(col.exempt)}=TRUE,"exempt",IF(${at(col.basis)}=0,IF(${at(col.exact)}>0,"floor","none"),` +
        `IF(${atUpper},"cap",IF(${atLower},IF(${at(col.exact)}>0,"floor",IF(${at(col.credit)}>0,"credit","none")),"none"))))`
    ),
    figures.constraint satisfies Constraint
  );
}

/** The exact amount per year (by the schedule's weights) and the engine's rounded amounts per year and in total. */
function contributorYears(on: FiguresContext, places: FiguresPlaces, line: FigureRow, formats: FiguresFormats): void {
  const { cells, col, result, whenFigures } = on;
  const { scheduleColumns, weightRow, weightSumCell } = places;
  const { exactFormat, roundedFormat } = formats;
  const { at, figures } = line;
  result.allocation.years.forEach((_, j) => {
    cells.formula(
      at(col.exactByYear[j]),
      whenFigures(`${at(col.exact)}*${scheduleColumns[j]}$${weightRow}/${weightSumCell}`),
      num(figures.exactByYear[j]),
      { numberFormat: exactFormat }
    );
    cells.value(at(col.roundedByYear[j]), num(figures.byYear[j]), {
      numberFormat: roundedFormat,
      style: { fill: VALUE_FILL },
    });
  });
  cells.value(at(col.rounded), num(figures.total), { numberFormat: roundedFormat, style: { fill: VALUE_FILL } });
}

/** The inputs block's exempt, cap, key and floor as formulas listing what the contributors table says. */
function tableLists(
  cells: SheetCells,
  col: ContributorColumns,
  first: number,
  input: Readonly<Record<ParameterName, string>>,
  result: ScenarioResult
): void {
  const { scenario } = result;
  const contributors = scenario.contributors;
  const rowAt = (i: number, column: string): string => `${column}${first + i}`;
  const limitItem = (i: number, column: string): string =>
    `${rowAt(i, col.code)}&"="&IF(ISNUMBER(${rowAt(i, column)}),ROUND(${rowAt(i, column)}*100,10)&"%",${rowAt(i, column)})`;
  const limitText = (code: string, fraction: Dec | undefined): string | null =>
    fraction ? `${code}=${percentWords(fraction.toDecimalPlaces(12).toFixed())}` : null;
  const lists: [ParameterName, string, (c: ScenarioContributor, i: number) => ListRow][] = [
    [
      "exempt",
      col.exemptList,
      (c, i) => ({
        item: rowAt(i, col.code),
        included: `${rowAt(i, col.exempt)}=TRUE`,
        cached: c.exempt ? c.code : null,
      }),
    ],
    [
      "cap",
      col.capList,
      (c, i) => ({
        item: limitItem(i, col.cap),
        included: `${rowAt(i, col.cap)}<>""`,
        cached: limitText(c.code, c.maxShare),
      }),
    ],
    [
      "key",
      col.keyList,
      (c, i) => ({
        item: `${rowAt(i, col.code)}&"="&${rowAt(i, col.key)}`,
        included: `${rowAt(i, col.key)}<>""`,
        cached: scenario.method === "key" ? `${c.code}=${c.basisBeforeExemption.toFixed()}` : null,
      }),
    ],
    [
      "floor",
      col.floorList,
      (c, i) => ({
        item: limitItem(i, col.floor),
        included: `${rowAt(i, col.floor)}<>""`,
        cached: limitText(c.code, c.minShare),
      }),
    ],
  ];
  for (const [parameter, column, rowOf] of lists) {
    const list = runningList(cells, column, first, contributors.map(rowOf));
    cells.formula(input[parameter], list.last, list.cached, { style: { fill: VALUE_FILL } });
  }
}

/** The "Passes" status: settled, no level needed, the limits that cannot hold, or the entry that cannot be read. */
function solveStatus(
  on: {
    readonly cells: SheetCells;
    readonly conditionalFormats: ConditionalFormatDescription[];
    readonly col: ContributorColumns;
    readonly first: number;
    readonly last: number;
    /** Whether the copy was written for method pct-gdp (its cached status). */
    readonly isPct: boolean;
  },
  at: {
    readonly settledCell: string;
    readonly inputProblemCell: string;
    readonly isPctCell: string;
    readonly totalCell: string;
    readonly feasibleCell: string;
    readonly problemCell: string;
  }
): void {
  const { cells, conditionalFormats, col, first, last, isPct } = on;
  const { settledCell, inputProblemCell, isPctCell, totalCell, feasibleCell, problemCell } = at;
  const range = (column: string): string => absRange(column, first, last);
  const pctText = "No level needed (method pct-gdp): each contributor pays its share of GDP.";
  const settledText = "Settled: the level solve holds the engine's contributors at their limits.";
  const unsettledText =
    "NOT SETTLED: the amounts do not add up to the total. Compute this scenario in Fair Share (the add-in, or " +
    "fair-share allocate with these inputs and --xlsx) for its figures.";
  cells.formula(
    settledCell,
    `IF(${inputProblemCell}<>"","No figures: "&${inputProblemCell}&".",IFERROR(` +
      `IF(${isPctCell},"${pctText}",IF(NOT(${feasibleCell}),"Limits cannot hold: "&${problemCell},` +
      `IF(ABS(SUM(${range(col.solve.amount)})-${totalCell})<=${totalCell}*1E-9,"${settledText}","${unsettledText}")))` +
      `,"No figures: an input cannot be read."))`,
    isPct ? pctText : settledText
  );
  conditionalFormats.push({
    range: settledCell,
    formula: `OR(LEFT(${abs("B", 9)},3)="NOT",LEFT(${abs("B", 9)},6)="Limits",LEFT(${abs("B", 9)},3)="No ")`,
    style: { fill: ALERT_FILL, fontColor: SHEET_COLOURS.alertText, bold: true },
  });
}

/** The contributors table's totals row: each figure column's sum. */
function totalsRow(
  cells: SheetCells,
  col: ContributorColumns,
  rows: { readonly first: number; readonly last: number; readonly totalRow: number },
  result: ScenarioResult,
  formats: { readonly exactFormat: string; readonly roundedFormat: string }
): void {
  const { first, last, totalRow } = rows;
  const { exactFormat, roundedFormat } = formats;
  const { allocation, overlap } = result;
  const exactTotal = allocation.exactTotal;
  const range = (column: string): string => absRange(column, first, last);
  const sumCell = (column: string, cached: Dec, numberFormat: string, rounded = false): void =>
    cells.formula(`${column}${totalRow}`, `SUM(${range(column)})`, num(cached), {
      numberFormat,
      style: { bold: true, borderTop: true, fill: rounded ? VALUE_FILL : undefined },
    });
  sumCell(col.exact, exactTotal, exactFormat);
  cells.formula(`${col.share}${totalRow}`, `SUM(${range(col.share)})`, 1, {
    numberFormat: "0.0000%",
    style: { bold: true, borderTop: true },
  });
  sumCell(col.rounded, allocation.total, roundedFormat, true);
  allocation.years.forEach((_, j) => {
    sumCell(col.exactByYear[j], allocation.exactTranches[j], exactFormat);
    sumCell(col.roundedByYear[j], allocation.tranches[j], roundedFormat, true);
    sumCell(col.overlapByYear[j], overlap.overlapByYear[j], roundedFormat);
    sumCell(col.netNewByYear[j], overlap.netNewByYear[j], roundedFormat);
  });
  sumCell(col.overlap, overlap.totalOverlap, roundedFormat);
  sumCell(col.netNew, overlap.totalNetNew, roundedFormat);
}

/** Highlights a year whose EU overlap is at least the threshold share of the allocation (and not zero). */
function overlapFlags(
  conditionalFormats: ConditionalFormatDescription[],
  col: ContributorColumns,
  rows: { readonly first: number; readonly last: number },
  yearCount: number,
  thresholdCell: string
): void {
  const { first, last } = rows;
  const topLeft = (columns: readonly string[]): string => `${columns[0]}${first}`;
  conditionalFormats.push({
    range: rangeAddress(topLeft(col.overlapByYear), `${col.overlapByYear[yearCount - 1]}${last}`),
    formula: `AND(${topLeft(col.overlapByYear)}>0,${topLeft(col.overlapByYear)}>=${col.roundedByYear[0]}${first}*${thresholdCell})`,
    style: { fill: FLAG_FILL, bold: true },
  });
  conditionalFormats.push({
    range: rangeAddress(topLeft(col.exactOverlapByYear), `${col.exactOverlapByYear[yearCount - 1]}${last}`),
    formula: `AND(${topLeft(col.exactOverlapByYear)}>0,${topLeft(col.exactOverlapByYear)}>=${col.exactByYear[0]}${first}*${thresholdCell})`,
    style: { fill: FLAG_FILL, bold: true },
  });
}

/** A copy of every input cell as written, on the hidden sheet, for the stale check. */
function mirrorInputs(
  cells: SheetCells,
  col: ContributorColumns,
  aid: AidMonths,
  at: {
    readonly block: { readonly first: number; readonly last: number };
    readonly contributors: { readonly first: number; readonly last: number };
    readonly instruments: { readonly first: number; readonly last: number; readonly yearColumns: readonly string[] };
    readonly states: {
      readonly first: number;
      readonly last: number;
      readonly participationColumns: readonly string[];
    };
  }
): InputsMirror {
  const [inputsTop, blockLast] = [at.block.first, at.block.last];
  const { first, last } = at.contributors;
  const [instrumentFirst, instrumentLast, instrumentYearColumns] = [
    at.instruments.first,
    at.instruments.last,
    at.instruments.yearColumns,
  ];
  const { participationColumns } = at.states;
  const [gniFirst, gniLast] = [at.states.first, at.states.last];
  const mirror = new InputsMirror(cells, PORTABLE_SHEET, ROUNDED_FOR_SHEET);
  mirror.column("B", inputsTop, blockLast, { formulasAsValues: true });
  for (const column of [...col.gdpByYear, col.key, col.aid, col.exempt, col.cap, col.floor, col.eu])
    mirror.column(column, first, last);
  mirror.column("C", instrumentFirst, instrumentLast);
  for (const column of instrumentYearColumns) mirror.column(column, instrumentFirst, instrumentLast);
  mirror.column("C", gniFirst, gniLast);
  mirror.column("D", gniFirst, gniLast);
  for (const column of participationColumns) mirror.column(column, gniFirst, gniLast);
  // The monthly aid, copied below everything else of the copy's sheet.
  mirror.otherSheet(aid.sheet, aid.valuesRange, gniLast + 10);
  return mirror;
}

/** The schedule's exact tranches, the rounded year columns less the tranches, and the EU overlap and net new rows. */
function scheduleRows(
  on: {
    readonly cells: SheetCells;
    readonly col: ContributorColumns;
    readonly result: ScenarioResult;
    readonly whenFigures: (formula: string) => string;
  },
  rows: {
    readonly totalRow: number;
    readonly weightRow: number;
    readonly exactTrancheRow: number;
    readonly roundedTrancheRow: number;
    readonly overlapTotalRow: number;
    readonly netNewTotalRow: number;
    readonly trancheCheckRow: number;
  },
  at: { readonly scheduleColumns: readonly string[]; readonly exactTotalCell: string; readonly weightSumCell: string },
  formats: { readonly exactFormat: string; readonly roundedFormat: string }
): void {
  const { cells, col, result, whenFigures } = on;
  const { totalRow, weightRow, exactTrancheRow, roundedTrancheRow, overlapTotalRow, netNewTotalRow, trancheCheckRow } =
    rows;
  const { scheduleColumns, exactTotalCell, weightSumCell } = at;
  const { exactFormat, roundedFormat } = formats;
  const { allocation, overlap } = result;
  allocation.years.forEach((_, j) => {
    const column = scheduleColumns[j];
    cells.formula(
      `${column}${exactTrancheRow}`,
      `${exactTotalCell}*${column}$${weightRow}/${weightSumCell}`,
      num(allocation.exactTranches[j]),
      { numberFormat: exactFormat }
    );
    cells.formula(
      `${column}${trancheCheckRow}`,
      whenFigures(`${abs(col.roundedByYear[j], totalRow)}-${column}${roundedTrancheRow}`),
      0,
      { numberFormat: roundedFormat }
    );
    cells.formula(`${column}${overlapTotalRow}`, abs(col.overlapByYear[j], totalRow), num(overlap.overlapByYear[j]), {
      numberFormat: roundedFormat,
    });
    cells.formula(`${column}${netNewTotalRow}`, abs(col.netNewByYear[j], totalRow), num(overlap.netNewByYear[j]), {
      numberFormat: roundedFormat,
    });
  });
}

/** Each EU state's rounded attribution: the engine's while the inputs are as written, else to the nearest unit. */
function roundedAttribution(
  cells: SheetCells,
  result: ScenarioResult,
  states: {
    readonly first: number;
    readonly exactColumns: readonly string[];
    readonly roundedColumns: readonly string[];
  },
  rounding: {
    readonly freshCell: string;
    readonly unitCell: string;
    readonly engineValue: (address: string, value: number) => string;
    readonly roundedFormat: string;
  }
): void {
  const [gniFirst, gniExactColumns, gniRoundedColumns] = [states.first, states.exactColumns, states.roundedColumns];
  const { freshCell, unitCell, engineValue, roundedFormat } = rounding;
  const EU_GNI = result.scenario.edition.euStates;
  const years = result.allocation.years;
  EU_GNI.forEach((_, index) => {
    const row = gniFirst + index;
    years.forEach((_, j) => {
      const address = `${gniRoundedColumns[j]}${row}`;
      const cached = Number(cells.get(address)?.value ?? 0);
      cells.formula(
        address,
        `IF(${freshCell},${engineValue(address, cached)},ROUND(${gniExactColumns[j]}${row}/${unitCell},0)*${unitCell})`,
        cached,
        { numberFormat: roundedFormat }
      );
    });
  });
}

/** The status cells of the About block. */
interface StatusCells {
  readonly staleCell: string;
  readonly settledCell: string;
  readonly checkCell: string;
  readonly inputCheckCell: string;
}

/** Title and About block (rows 1-11): the scenario in words, its data, version, date, and the status cells' labels. */
function aboutBlock(cells: SheetCells, result: ScenarioResult, options: PortableOptions): StatusCells {
  const { scenario } = result;
  cells.value("A1", "Fair Share: portable copy (classic formulas; no add-in needed)", { style: { bold: true } });
  const about: [string, string][] = [
    ["Scenario", describeScenario(result)],
    [
      "Data",
      resultSources(result)
        .map((id) => scenario.edition.sourceById(id))
        .map(sourceWords)
        .join("; ") + `. Details on the ${SOURCES_SHEET} sheet.`,
    ],
    ["Written by", `Fair Share ${options.version}`],
    ["Date", options.date.toISOString().slice(0, 10)],
    [
      "How it works",
      "Edit the yellow cells: every figure recomputes with classic formulas; grey inputs are fixed in this copy " +
        "(write it again to change them). The rounded amounts are Fair Share's controlled rounding while the inputs " +
        "are as written, and are rounded by largest remainder after an edit; the cells below say which, and name " +
        "any entry that cannot be read.",
    ],
  ];
  cells.value("A2", "About", { style: { bold: true, fill: HEADER_FILL } });
  about.forEach(([label, text], index) => {
    cells.value(`A${3 + index}`, label, { style: { bold: true } });
    cells.value(`B${3 + index}`, text);
  });
  const staleCell = "B8";
  const settledCell = "B9";
  const checkCell = "B10";
  cells.value("A8", "Rounded table", { style: { bold: true } });
  cells.value("A9", "Passes", { style: { bold: true } });
  cells.value("A10", "Rounding check", { style: { bold: true } });
  const inputCheckCell = "B11";
  cells.value("A11", "Inputs check", { style: { bold: true } });
  return { staleCell, settledCell, checkCell, inputCheckCell };
}

/** The inputs block (row 13 on), each value cell named fs.<parameter>; the table-made inputs say where to edit them. */
function inputsSection(
  cells: SheetCells,
  names: DefinedNameDescription[],
  spec: ScenarioSpec,
  result: ScenarioResult,
  headerRow: number
): { inputsTop: number; input: Readonly<Record<ParameterName, string>>; blockLast: number } {
  const { scenario, allocation } = result;
  const unit = scenario.unit;
  const inputsTop = headerRow + 1;
  cells.value(`A${headerRow}`, "Inputs", { style: { bold: true, fill: HEADER_FILL } });
  cells.value(`E${headerRow}`, "Working values", { style: { bold: true, fill: HEADER_FILL } });
  const blockValues: Partial<Record<ParameterName, CellValue>> = {
    currency: scenario.currency,
    method: scenario.method,
    years: allocation.years.length,
    start: scenario.startYear,
    profile:
      scenario.profile.kind === "custom"
        ? scenario.profile.weights.map((w) => w.toFixed()).join(",")
        : scenario.profile.kind,
    credit: num(scenario.credit),
    unit: num(unit),
    "overlap-threshold": percentText(scenario.overlapThreshold),
  };
  if (scenario.amount.kind === "total") blockValues.total = num(scenario.amount.total);
  else if (scenario.pctGdp) blockValues["pct-gdp"] = percentText(scenario.pctGdp);
  if (scenario.usdPerEur) blockValues["usd-per-eur"] = num(scenario.usdPerEur);
  if (scenario.maxPctGdp) blockValues["max-pct-gdp"] = percentText(scenario.maxPctGdp);
  // Parameters the table above does not carry are written as the user gave them, so FAIRSHARE reads the same scenario.
  for (const name of ["gdp-year", "blend", "aid-from", "aid-to", "eu-states", "contributors", "eu-add"] as const) {
    const given = spec[name];
    if (given !== undefined && given !== null && String(given).trim() !== "") blockValues[name] = given;
  }
  // aid-from and aid-to left to their defaults stay empty: the window then follows start, as the engine's does.
  const block = inputsBlock({
    row: inputsTop,
    column: 1,
    values: blockValues,
    numberFormats: { total: "#,##0", unit: "#,##0", credit: "0%", "usd-per-eur": "0.000000" },
  });
  for (const cell of block.cells) cells.add(cell);
  names.push(...block.names);
  const input = block.valueCell;
  const blockLast = block.nextRow - 1;
  noteTableInputs(cells, input);
  return { inputsTop, input, blockLast };
}

/** A dataset in the About block's words: publisher and vintage, and for the user's data the file it came from. */
function sourceWords(source: EditionSource): string {
  const published = source.published === "" ? "" : ` (published ${source.published})`;
  if (source.origin === "embedded") return `${source.publisher}, ${source.vintage}${published}`;
  return `your data from ${source.file} (${source.title.replace(`${source.file}: `, "")}), vintage ${source.vintage}${published}`;
}

/** Every dataset the scenario uses, with publisher, dates, vintage, unit, address and caveats, plus the notes. */
function sourcesSheet(result: ScenarioResult): SheetDescription {
  const cells: CellDescription[] = [];
  const header: CellStyle = { bold: true, fill: HEADER_FILL, borderBottom: true };
  ["Source", "Publisher", "Published", "Vintage", "Unit", "Address", "Caveats"].forEach((text, c) =>
    cells.push({ address: cellAddress(1, c + 1), value: text, style: header })
  );
  const sources = resultSources(result);
  sources.forEach((id, index) => {
    const row = index + 2;
    sourceFields(result.scenario.edition.sourceById(id)).forEach((text, c) =>
      cells.push({ address: cellAddress(row, c + 1), value: text, style: { wrap: c === 6 } })
    );
  });
  const notesTop = sources.length + 3;
  cells.push({ address: `A${notesTop}`, value: "Notes on this scenario", style: header });
  allResultNotes(result).forEach((note, index) => cells.push({ address: `A${notesTop + 1 + index}`, value: note }));
  return {
    name: SOURCES_SHEET,
    cells,
    names: [],
    conditionalFormats: [],
    charts: [],
    columnWidths: { A: 60, B: 18, C: 12, D: 36, E: 30, F: 40, G: 100 },
  };
}
