/**
 * Text renderings of `fair-share data`: a table for reading, csv (units in the column names) and json. Display only:
 * every figure is the report's own string.
 */
import { EU_INSTRUMENT_COLUMNS } from "../data";
import { Dec, countryTable, instrumentFields, instrumentTable, type Edition } from "../engine";
import type { DataReport, InstrumentDataReport } from "./data-report";
import { RFC_4180, groupThousands, renderColumns, sourceLines, toCsv, type Align, type CsvOptions } from "./format";

function gdpYears(report: DataReport): string[] {
  return Object.keys(report.allies[0]?.gdpEurBn ?? {});
}

function usdYears(report: DataReport): string[] {
  return Object.keys(report.allies[0]?.gdpUsdBn ?? {});
}

/** The per-country csv: the engine's table, the format --data reads back. */
export function renderDataCsv(edition: Edition, report: DataReport, options: CsvOptions = RFC_4180): string {
  const table = countryTable(edition, report.aidWindow);
  return toCsv([table.header, ...table.rows], options);
}

const fixed = (text: string | null, places: number): string =>
  text === null ? "-" : groupThousands(new Dec(text).toFixed(places));

export function renderDataTable(report: DataReport): string {
  const years = gdpYears(report);
  const usd = usdYears(report);
  const gniYear = report.allies[0]?.gniYear ?? "";
  const header = [
    "Code",
    "Name",
    "EU",
    "NATO",
    ...years.map((year) => `GDP ${year} EUR bn`),
    ...usd.map((year) => `GDP ${year} USD bn`),
    "Population m",
    `GNI ${gniYear} EUR bn`,
    "EU GNI %",
    "Aid EUR bn",
  ];
  const align: Align[] = ["left", "left", "left", ...Array<Align>(header.length - 3).fill("right")];
  const share = (text: string | null): string => (text === null ? "-" : new Dec(text).times(100).toFixed(3));
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.euMember ? "yes" : "no",
    String(ally.natoJoined),
    ...years.map((year) => fixed(ally.gdpEurBn[year], 3)),
    ...usd.map((year) => fixed(ally.gdpUsdBn[year], 3)),
    fixed(ally.populationM, 3),
    fixed(ally.gniEurBn, 3),
    share(ally.euGniShare),
    fixed(ally.militaryAidEurBn, 3),
  ]);
  const others = report.otherEuStates.map((state) => [
    state.iso3,
    state.name,
    "yes",
    "-",
    ...years.map(() => "-"),
    ...usd.map(() => "-"),
    "-",
    fixed(state.gniEurBn, 3),
    share(state.euGniShare),
    fixed(state.militaryAidEurBn, 3),
  ]);
  const what = report.edition.embedded ? "Embedded data" : "Data";
  return [
    `${what}: ${report.allies.length} allies and ${report.otherEuStates.length} EU member states outside NATO; military aid ${report.aidWindow.from} to ${report.aidWindow.to}.`,
    `Edition: ${report.edition.label}.`,
    "",
    ...renderColumns(header, [...rows, ...others], align, false),
    "",
    "Notes:",
    ...report.notes.map((note) => `- ${note}`),
    "",
    "Sources:",
    ...sourceLines(report.sources),
    "",
  ].join("\n");
}

/** The instruments in the listing's columns (those FAIRSHARE.DATA shows too), as the data file writes them. */
export function renderInstrumentCsv(edition: Edition, options: CsvOptions = RFC_4180): string {
  const table = instrumentTable(edition);
  return toCsv([table.header, ...table.rows], options);
}

/** Longer than this, a field is printed under the table rather than in a column. */
const COLUMN_LIMIT = 40;

/** The data file's columns; long ones under the table; the sources once at the end. */
export function renderInstrumentTable(report: InstrumentDataReport): string {
  const fields: readonly string[] = EU_INSTRUMENT_COLUMNS;
  const rows = report.instruments.map(instrumentFields).map((row) => EU_INSTRUMENT_COLUMNS.map((c) => row[c]));
  const long = fields.filter((_, column) => rows.some((row) => row[column].length > COLUMN_LIMIT));
  const shown = fields.filter((field) => !long.includes(field));
  const columns = shown.map((field) => fields.indexOf(field));
  const align: Align[] = shown.map(() => "left");
  const lines = [
    `EU instruments: ${rows.length}; amounts in EUR billion. Edition: ${report.edition.label}.`,
    "",
    ...renderColumns(
      shown,
      rows.map((row) => columns.map((column) => row[column])),
      align,
      false
    ),
  ];
  const idColumn = fields.indexOf("id");
  for (const field of long) {
    const column = fields.indexOf(field);
    lines.push("", `${field}:`, ...rows.map((row) => `- ${row[idColumn] ?? ""}: ${row[column]}`));
  }
  lines.push("", "Sources:", ...sourceLines(report.sources), "");
  return lines.join("\n");
}
