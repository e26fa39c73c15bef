/**
 * The EU sections of the portable copy: the instruments (amount per calendar year, counted or not, the GNI of the
 * states each is attributed over, and per scenario year what each EUR bn of that GNI carries) and the EU states (GNI,
 * contributing, taking part in each instrument, and the exact and rounded attribution per scenario year). The inputs
 * block's eu and eu-states follow their TRUE/FALSE columns.
 */
import { ZERO, type ParameterName, type ScenarioResult } from "../../engine";
import { SHEET_COLOURS, cellAddress, columnLetters, type CellStyle } from "../description";
import { abs, absRange, num, runningList, type SheetCells } from "./cells";

const INPUT_FILL = SHEET_COLOURS.input;
const HEADER_FILL = SHEET_COLOURS.header;
const VALUE_FILL = SHEET_COLOURS.value;

export interface EuTablesInputs {
  readonly cells: SheetCells;
  readonly result: ScenarioResult;
  /** The contributors table's totals row: the EU sections start below it. */
  readonly totalRow: number;
  readonly header: CellStyle;
  /** The schedule's year columns and its year row (the scenario years as the sheet has them). */
  readonly scheduleColumns: readonly string[];
  readonly yearRow: number;
  readonly input: Readonly<Record<ParameterName, string>>;
  readonly exactFormat: string;
  readonly roundedFormat: string;
}

export function euTables(inputs: EuTablesInputs) {
  const at = euLayout(inputs);
  instrumentHeaders(inputs, at);
  instrumentRows(inputs, at);
  instrumentTotals(inputs, at);
  stateHeaders(inputs, at);
  stateRows(inputs, at);
  stateList(inputs, at);
  return {
    instrumentFirst: at.instrumentFirst,
    instrumentLast: at.instrumentLast,
    instrumentYearColumns: at.instrumentYearColumns,
    instrumentHeader: at.instrumentHeader,
    instrumentListColumn: at.instrumentListColumn,
    participationColumns: at.participationColumns,
    gniFirst: at.gniFirst,
    gniLast: at.gniLast,
    gniHeader: at.gniHeader,
    gniExactColumns: at.gniExactColumns,
    gniRoundedColumns: at.gniRoundedColumns,
    stateListColumn: at.stateListColumn,
    instrumentIds: at.instruments.map(({ i }) => i.id),
    instrumentGniColumn: at.instrumentGniColumn,
    rateColumns: at.rateColumns,
    gniCodes: absRange("A", at.gniFirst, at.gniLast),
  };
}

type EuLayout = ReturnType<typeof euLayout>;

/** Where the two tables sit: their rows, and the columns of calendar years, rates, participation and attribution. */
function euLayout(inputs: EuTablesInputs) {
  const { result, totalRow } = inputs;
  const { scenario, attribution, allocation } = result;
  const years = allocation.years;
  const yearCount = years.length;
  // ---- EU instruments: amounts per year, counted or not, and the GNI of the states each is attributed over ----
  const instrumentsTop = totalRow + 3;
  const instrumentHeader = instrumentsTop + 1;
  const instruments = [
    ...scenario.instruments.map((i, k) => ({ i, counted: true, working: attribution.instruments[k] })),
    ...scenario.instrumentsLeftOut.map((i, k) => ({ i, counted: false, working: result.attributionLeftOut[k] })),
  ];
  const instrumentFirst = instrumentHeader + 1;
  const instrumentLast = instrumentFirst + Math.max(instruments.length, 1) - 1;
  const instrumentTotalRow = instrumentLast + 1;
  // Calendar years: every year an instrument or the scenario covers, so that the attribution follows the start year.
  const calendarYears = [...new Set([...years, ...instruments.flatMap(({ i }) => [...i.amountByYear.keys()])])].sort(
    (a, b) => a - b
  );
  const calendarCount = calendarYears.length;
  const instrumentYearColumns = calendarYears.map((_, j) => columnLetters(4 + j));
  // The EU states' table sits below; each instrument has a column there saying which states take part in it.
  const gniTop = instrumentTotalRow + 2;
  const gniHeader = gniTop + 1;
  const gniFirst = gniHeader + 1;
  return {
    years,
    instrumentsTop,
    instrumentHeader,
    instruments,
    instrumentFirst,
    instrumentLast,
    instrumentTotalRow,
    calendarYears,
    instrumentYearColumns,
    instrumentGniColumn: columnLetters(4 + calendarCount),
    rateColumns: years.map((_, j) => columnLetters(5 + calendarCount + j)),
    instrumentListColumn: columnLetters(5 + calendarCount + yearCount),
    calendarHeader: `$${instrumentYearColumns[0]}$${instrumentHeader}:$${instrumentYearColumns[calendarCount - 1]}$${instrumentHeader}`,
    gniTop,
    gniHeader,
    gniFirst,
    gniLast: gniFirst + scenario.edition.euStates.length - 1,
    participationColumns: instruments.map((_, k) => columnLetters(5 + k)),
    gniExactColumns: years.map((_, j) => columnLetters(5 + instruments.length + j)),
    gniRoundedColumns: years.map((_, j) => columnLetters(5 + instruments.length + yearCount + j)),
    stateListColumn: columnLetters(5 + instruments.length + 2 * yearCount),
    contributing: new Set(scenario.euStates),
  };
}

/** The instruments table's title and header row. */
function instrumentHeaders(inputs: EuTablesInputs, at: EuLayout): void {
  const { cells, header, scheduleColumns, yearRow } = inputs;
  const { instrumentHeader, instrumentGniColumn, instrumentYearColumns, rateColumns } = at;
  cells.value(`A${at.instrumentsTop}`, `EU instruments (amount per year, ${inputs.result.scenario.currency})`, {
    style: { bold: true, fill: HEADER_FILL },
  });
  ["Id", "Name", "Counted"].forEach((text, c) =>
    cells.value(cellAddress(instrumentHeader, c + 1), text, { style: header })
  );
  cells.value(`${instrumentGniColumn}${instrumentHeader}`, "GNI of its contributing states (EUR bn)", {
    style: header,
  });
  at.calendarYears.forEach((year, j) =>
    cells.value(`${instrumentYearColumns[j]}${instrumentHeader}`, year, { style: header })
  );
  at.years.forEach((year, j) => {
    cells.formula(
      `${rateColumns[j]}${instrumentHeader}`,
      `"Counted per EUR bn of GNI "&$${scheduleColumns[j]}$${yearRow}`,
      `Counted per EUR bn of GNI ${year}`,
      { style: header }
    );
  });
}

/** One row per instrument: amounts per calendar year, counted or not, its GNI and what each EUR bn of it carries. */
function instrumentRows(inputs: EuTablesInputs, at: EuLayout): void {
  const { cells, scheduleColumns, yearRow } = inputs;
  const { instrumentFirst, instrumentYearColumns, instrumentGniColumn, rateColumns, calendarYears } = at;
  const { gniFirst, gniLast, participationColumns, calendarHeader } = at;
  const calendarCount = calendarYears.length;
  const gniRange = absRange("C", gniFirst, gniLast);
  const contributingRange = absRange("D", gniFirst, gniLast);
  at.instruments.forEach(({ i, counted: isCounted, working }, k) => {
    const row = instrumentFirst + k;
    cells.value(`A${row}`, i.id, { style: { bold: true } });
    cells.value(`B${row}`, i.name);
    cells.value(`C${row}`, isCounted, { style: { fill: INPUT_FILL } });
    calendarYears.forEach((year, j) =>
      cells.value(`${instrumentYearColumns[j]}${row}`, num(i.amountByYear.get(year) ?? ZERO), {
        numberFormat: "#,##0",
        style: { fill: INPUT_FILL },
      })
    );
    cells.formula(
      `${instrumentGniColumn}${row}`,
      `SUMPRODUCT((${contributingRange}=TRUE)*(${absRange(participationColumns[k], gniFirst, gniLast)}=TRUE)*${gniRange})`,
      num(working.gni),
      { numberFormat: "#,##0.00" }
    );
    at.years.forEach((year, j) => {
      // Per EUR bn of a contributing state's GNI, what it carries of this instrument (0 when not counted).
      const yearAt = working.years.indexOf(year);
      cells.formula(
        `${rateColumns[j]}${row}`,
        `IF(AND(C${row}=TRUE,${instrumentGniColumn}${row}>0),IFERROR(INDEX($${instrumentYearColumns[0]}${row}:$${instrumentYearColumns[calendarCount - 1]}${row},` +
          `MATCH($${scheduleColumns[j]}$${yearRow},${calendarHeader},0)),0)/${instrumentGniColumn}${row},0)`,
        isCounted && yearAt >= 0 ? num(working.perGni[yearAt]) : 0,
        { numberFormat: "#,##0.000" }
      );
    });
  });
}

/** The counted amount per calendar year, and the counted list the inputs block's eu follows. */
function instrumentTotals(inputs: EuTablesInputs, at: EuLayout): void {
  const { cells, header, input } = inputs;
  const { instrumentFirst, instrumentLast, instrumentTotalRow, instrumentListColumn } = at;
  cells.value(`B${instrumentTotalRow}`, "Counted, per year", { style: { bold: true, borderTop: true } });
  at.calendarYears.forEach((year, j) => {
    const column = at.instrumentYearColumns[j];
    const counted = inputs.result.scenario.instruments.reduce(
      (sum, i) => sum.plus(i.amountByYear.get(year) ?? ZERO),
      ZERO
    );
    cells.formula(
      `${column}${instrumentTotalRow}`,
      `SUMPRODUCT((${absRange("C", instrumentFirst, instrumentLast)}=TRUE)*${absRange(column, instrumentFirst, instrumentLast)})`,
      num(counted),
      { numberFormat: "#,##0", style: { bold: true, borderTop: true } }
    );
  });
  cells.value(`${instrumentListColumn}${at.instrumentHeader}`, "Counted list", { style: header });
  const countedList = runningList(
    cells,
    instrumentListColumn,
    instrumentFirst,
    at.instruments.map(({ i, counted: isCounted }, index) => ({
      item: `A${instrumentFirst + index}`,
      included: `C${instrumentFirst + index}=TRUE`,
      cached: isCounted ? i.id : null,
    }))
  );
  // The inputs block's eu follows the Counted column.
  cells.formula(
    input.eu,
    `IF(${countedList.last}="","none",${countedList.last})`,
    countedList.cached === "" ? "none" : countedList.cached,
    { style: { fill: VALUE_FILL } }
  );
}

/** The EU states table's title and header row. */
function stateHeaders(inputs: EuTablesInputs, at: EuLayout): void {
  const { cells, header, scheduleColumns, yearRow } = inputs;
  const { gniHeader, gniExactColumns, gniRoundedColumns } = at;
  // ---- EU states: GNI, contributing (eu-states), taking part in each instrument, and the attribution ----
  cells.value(`A${at.gniTop}`, "EU states: GNI and attribution of the counted instruments", {
    style: { bold: true, fill: HEADER_FILL },
  });
  // The EU states' GNI of the edition the scenario was computed on (the user's, when given).
  ["Code", "Name", `GNI ${inputs.result.scenario.edition.gniYear} (EUR bn)`, "Contributing"].forEach((text, c) =>
    cells.value(cellAddress(gniHeader, c + 1), text, { style: header })
  );
  at.instruments.forEach(({ i }, k) =>
    cells.value(`${at.participationColumns[k]}${gniHeader}`, `In ${i.id}`, { style: header })
  );
  at.years.forEach((year, j) => {
    cells.formula(`${gniExactColumns[j]}${gniHeader}`, `"Exact "&$${scheduleColumns[j]}$${yearRow}`, `Exact ${year}`, {
      style: header,
    });
    cells.formula(
      `${gniRoundedColumns[j]}${gniHeader}`,
      `"Rounded "&$${scheduleColumns[j]}$${yearRow}`,
      `Rounded ${year}`,
      { style: header }
    );
  });
}

/** One row per EU state: GNI, contributing, taking part in each instrument, and its exact and rounded attribution. */
function stateRows(inputs: EuTablesInputs, at: EuLayout): void {
  const { cells, result, exactFormat, roundedFormat } = inputs;
  const { attribution } = result;
  const { gniFirst, participationColumns, rateColumns, instrumentFirst, gniExactColumns, gniRoundedColumns } = at;
  result.scenario.edition.euStates.forEach((state, index) => {
    const row = gniFirst + index;
    cells.value(`A${row}`, state.iso3, { style: { bold: true } });
    cells.value(`B${row}`, state.name);
    cells.value(`C${row}`, Number(state.gniEurBn), { numberFormat: "#,##0.00", style: { fill: INPUT_FILL } });
    cells.value(`D${row}`, at.contributing.has(state.iso3), { style: { fill: INPUT_FILL } });
    at.instruments.forEach(({ i }, k) =>
      cells.value(`${participationColumns[k]}${row}`, i.participants.includes(state.iso3), {
        style: { fill: INPUT_FILL },
      })
    );
    const stateIndex = attribution.states.indexOf(state.iso3);
    at.years.forEach((year, j) => {
      const yearIndex = attribution.years.indexOf(year);
      const exact = stateIndex < 0 || yearIndex < 0 ? ZERO : attribution.exact[stateIndex][yearIndex];
      const rounded = stateIndex < 0 || yearIndex < 0 ? ZERO : attribution.rounded[stateIndex][yearIndex];
      const terms = at.instruments.map(
        (_, k) => `(${participationColumns[k]}${row}=TRUE)*${abs(rateColumns[j], instrumentFirst + k)}`
      );
      cells.formula(
        `${gniExactColumns[j]}${row}`,
        terms.length === 0 ? "0" : `IF(D${row}=TRUE,C${row}*(${terms.join("+")}),0)`,
        num(exact),
        { numberFormat: exactFormat }
      );
      cells.value(`${gniRoundedColumns[j]}${row}`, num(rounded), {
        numberFormat: roundedFormat,
        style: { fill: VALUE_FILL },
      });
    });
  });
}

/** The contributing list the inputs block's eu-states follows. */
function stateList(inputs: EuTablesInputs, at: EuLayout): void {
  const { cells, header, input, result } = inputs;
  const { gniFirst, gniLast, stateListColumn, contributing } = at;
  const states = result.scenario.edition.euStates;
  cells.value(`${stateListColumn}${at.gniHeader}`, "Contributing list", { style: header });
  const list = runningList(
    cells,
    stateListColumn,
    gniFirst,
    states.map((state, index) => ({
      item: `A${gniFirst + index}`,
      included: `D${gniFirst + index}=TRUE`,
      cached: contributing.has(state.iso3) ? state.iso3 : null,
    }))
  );
  // The inputs block's eu-states follows the Contributing column; empty (all 27, the default) when every state is in.
  const allContributing = result.scenario.euStates.length === states.length;
  cells.formula(
    input["eu-states"],
    `IF(SUMPRODUCT(--(${absRange("D", gniFirst, gniLast)}=TRUE))=${states.length},"",${list.last})`,
    allContributing ? "" : list.cached,
    { style: { fill: VALUE_FILL } }
  );
}
