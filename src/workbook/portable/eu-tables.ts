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
  const { cells, result, totalRow, header, scheduleColumns, yearRow, input, exactFormat, roundedFormat } = inputs;
  const { scenario, attribution, allocation } = result;
  const currency = scenario.currency;
  // The EU states' GNI of the edition the scenario was computed on (the user's, when given).
  const EU_GNI = scenario.edition.euStates;
  const EU_GNI_YEAR = scenario.edition.gniYear;
  const years = allocation.years;
  const yearCount = years.length;
  // ---- EU instruments: amounts per year, counted or not, and the GNI of the states each is attributed over ----
  const instrumentsTop = totalRow + 3;
  cells.value(`A${instrumentsTop}`, `EU instruments (amount per year, ${currency})`, {
    style: { bold: true, fill: HEADER_FILL },
  });
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
  const instrumentGniColumn = columnLetters(4 + calendarCount);
  const rateColumns = years.map((_, j) => columnLetters(5 + calendarCount + j));
  const instrumentListColumn = columnLetters(5 + calendarCount + yearCount);
  const calendarHeader = `$${instrumentYearColumns[0]}$${instrumentHeader}:$${instrumentYearColumns[calendarCount - 1]}$${instrumentHeader}`;

  // The EU states' table sits below; each instrument has a column there saying which states take part in it.
  const gniTop = instrumentTotalRow + 2;
  const gniHeader = gniTop + 1;
  const gniFirst = gniHeader + 1;
  const gniLast = gniFirst + EU_GNI.length - 1;
  const gniRange = absRange("C", gniFirst, gniLast);
  const contributingRange = absRange("D", gniFirst, gniLast);
  const participationColumns = instruments.map((_, k) => columnLetters(5 + k));
  const gniExactColumns = years.map((_, j) => columnLetters(5 + instruments.length + j));
  const gniRoundedColumns = years.map((_, j) => columnLetters(5 + instruments.length + yearCount + j));
  const stateListColumn = columnLetters(5 + instruments.length + 2 * yearCount);
  const contributing = new Set(scenario.euStates);

  ["Id", "Name", "Counted"].forEach((text, c) =>
    cells.value(cellAddress(instrumentHeader, c + 1), text, { style: header })
  );
  cells.value(`${instrumentGniColumn}${instrumentHeader}`, "GNI of its contributing states (EUR bn)", {
    style: header,
  });
  calendarYears.forEach((year, j) =>
    cells.value(`${instrumentYearColumns[j]}${instrumentHeader}`, year, { style: header })
  );
  years.forEach((year, j) => {
    cells.formula(
      `${rateColumns[j]}${instrumentHeader}`,
      `"Counted per EUR bn of GNI "&$${scheduleColumns[j]}$${yearRow}`,
      `Counted per EUR bn of GNI ${year}`,
      { style: header }
    );
  });
  instruments.forEach(({ i, counted: isCounted, working }, k) => {
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
    years.forEach((year, j) => {
      // Per EUR bn of a contributing state's GNI, what it carries of this instrument (0 when not counted).
      const at = working.years.indexOf(year);
      cells.formula(
        `${rateColumns[j]}${row}`,
        `IF(AND(C${row}=TRUE,${instrumentGniColumn}${row}>0),IFERROR(INDEX($${instrumentYearColumns[0]}${row}:$${instrumentYearColumns[calendarCount - 1]}${row},` +
          `MATCH($${scheduleColumns[j]}$${yearRow},${calendarHeader},0)),0)/${instrumentGniColumn}${row},0)`,
        isCounted && at >= 0 ? num(working.perGni[at]) : 0,
        { numberFormat: "#,##0.000" }
      );
    });
  });
  cells.value(`B${instrumentTotalRow}`, "Counted, per year", { style: { bold: true, borderTop: true } });
  calendarYears.forEach((year, j) => {
    const column = instrumentYearColumns[j];
    const counted = scenario.instruments.reduce((sum, i) => sum.plus(i.amountByYear.get(year) ?? ZERO), ZERO);
    cells.formula(
      `${column}${instrumentTotalRow}`,
      `SUMPRODUCT((${absRange("C", instrumentFirst, instrumentLast)}=TRUE)*${absRange(column, instrumentFirst, instrumentLast)})`,
      num(counted),
      { numberFormat: "#,##0", style: { bold: true, borderTop: true } }
    );
  });
  cells.value(`${instrumentListColumn}${instrumentHeader}`, "Counted list", { style: header });
  const countedList = runningList(
    cells,
    instrumentListColumn,
    instrumentFirst,
    instruments.map(({ i, counted: isCounted }, index) => ({
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

  // ---- EU states: GNI, contributing (eu-states), taking part in each instrument, and the attribution ----
  cells.value(`A${gniTop}`, "EU states: GNI and attribution of the counted instruments", {
    style: { bold: true, fill: HEADER_FILL },
  });
  ["Code", "Name", `GNI ${EU_GNI_YEAR} (EUR bn)`, "Contributing"].forEach((text, c) =>
    cells.value(cellAddress(gniHeader, c + 1), text, { style: header })
  );
  instruments.forEach(({ i }, k) =>
    cells.value(`${participationColumns[k]}${gniHeader}`, `In ${i.id}`, { style: header })
  );
  years.forEach((year, j) => {
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
  EU_GNI.forEach((state, index) => {
    const row = gniFirst + index;
    cells.value(`A${row}`, state.iso3, { style: { bold: true } });
    cells.value(`B${row}`, state.name);
    cells.value(`C${row}`, Number(state.gniEurBn), { numberFormat: "#,##0.00", style: { fill: INPUT_FILL } });
    cells.value(`D${row}`, contributing.has(state.iso3), { style: { fill: INPUT_FILL } });
    instruments.forEach(({ i }, k) =>
      cells.value(`${participationColumns[k]}${row}`, i.participants.includes(state.iso3), {
        style: { fill: INPUT_FILL },
      })
    );
    const stateIndex = attribution.states.indexOf(state.iso3);
    years.forEach((year, j) => {
      const yearIndex = attribution.years.indexOf(year);
      const exact = stateIndex < 0 || yearIndex < 0 ? ZERO : attribution.exact[stateIndex][yearIndex];
      const rounded = stateIndex < 0 || yearIndex < 0 ? ZERO : attribution.rounded[stateIndex][yearIndex];
      const terms = instruments.map(
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
  const gniCodes = absRange("A", gniFirst, gniLast);
  cells.value(`${stateListColumn}${gniHeader}`, "Contributing list", { style: header });
  const stateList = runningList(
    cells,
    stateListColumn,
    gniFirst,
    EU_GNI.map((state, index) => ({
      item: `A${gniFirst + index}`,
      included: `D${gniFirst + index}=TRUE`,
      cached: contributing.has(state.iso3) ? state.iso3 : null,
    }))
  );
  // The inputs block's eu-states follows the Contributing column; empty (all 27, the default) when every state is in.
  const allContributing = scenario.euStates.length === EU_GNI.length;
  cells.formula(
    input["eu-states"],
    `IF(SUMPRODUCT(--(${contributingRange}=TRUE))=${EU_GNI.length},"",${stateList.last})`,
    allContributing ? "" : stateList.cached,
    { style: { fill: VALUE_FILL } }
  );

  return {
    instrumentFirst,
    instrumentLast,
    instrumentYearColumns,
    instrumentHeader,
    instrumentListColumn,
    participationColumns,
    gniFirst,
    gniLast,
    gniHeader,
    gniExactColumns,
    gniRoundedColumns,
    stateListColumn,
    instrumentIds: instruments.map(({ i }) => i.id),
    instrumentGniColumn,
    rateColumns,
    gniCodes,
  };
}
