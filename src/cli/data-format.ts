/**
 * Text renderings of `fair-share data`: a table for reading, csv (units in the column names) and json. Display only:
 * every figure is the report's own string.
 */
import {
  EU_INSTRUMENT_COLUMNS,
  INSTRUMENT_LISTING_COLUMNS,
  instrumentListingRow,
  sourceLabel,
  type DatasetSource,
} from "../data";
import { Dec } from "../engine";
import type { DataReport, InstrumentDataReport } from "./data-report";
import { RFC_4180, groupThousands, renderColumns, sourceLines, toCsv, type Align, type CsvOptions } from "./format";

/** The datasets as one csv field: "title (vintage V)" each, separated by " | ", so a csv row carries its sources. */
function sourcesText(sources: readonly DatasetSource[]): string {
  return sources.map(sourceLabel).join(" | ");
}

function gdpYears(report: DataReport): string[] {
  return Object.keys(report.allies[0]?.gdpEurBn ?? {});
}

function dataRows(report: DataReport): { header: string[]; rows: string[][] } {
  const years = gdpYears(report);
  const header = [
    "iso3",
    "name",
    "eu_member",
    "nato_joined",
    ...years.map((year) => `gdp_${year}_eur_bn`),
    ...years.map((year) => `gdp_${year}_usd_bn`),
    `population_${report.allies[0]?.populationYear ?? ""}_m`,
    "eu_gni_share",
    "military_aid_eur_bn",
    "aid_from",
    "aid_to",
    "sources",
  ];
  const sources = sourcesText(report.sources);
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.euMember ? "yes" : "no",
    String(ally.natoJoined),
    ...years.map((year) => ally.gdpEurBn[year]),
    ...years.map((year) => ally.gdpUsdBn[year]),
    ally.populationM,
    ally.euGniShare ?? "",
    ally.militaryAidEurBn ?? "",
    report.aidWindow.from,
    report.aidWindow.to,
    sources,
  ]);
  return { header, rows };
}

export function renderDataCsv(report: DataReport, options: CsvOptions = RFC_4180): string {
  const { header, rows } = dataRows(report);
  return toCsv([header, ...rows], options);
}

const fixed = (text: string | null, places: number): string =>
  text === null ? "-" : groupThousands(new Dec(text).toFixed(places));

export function renderDataTable(report: DataReport): string {
  const years = gdpYears(report);
  const header = [
    "Code",
    "Name",
    "EU",
    "NATO",
    ...years.map((year) => `GDP ${year} EUR bn`),
    ...years.map((year) => `GDP ${year} USD bn`),
    "Population m",
    "EU GNI %",
    "Aid EUR bn",
  ];
  const align: Align[] = ["left", "left", "left", ...Array<Align>(header.length - 3).fill("right")];
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.euMember ? "yes" : "no",
    String(ally.natoJoined),
    ...years.map((year) => fixed(ally.gdpEurBn[year], 3)),
    ...years.map((year) => fixed(ally.gdpUsdBn[year], 3)),
    fixed(ally.populationM, 3),
    ally.euGniShare === null ? "-" : new Dec(ally.euGniShare).times(100).toFixed(3),
    fixed(ally.militaryAidEurBn, 3),
  ]);
  return [
    `Embedded data: ${report.allies.length} allies; military aid ${report.aidWindow.from} to ${report.aidWindow.to}.`,
    "",
    ...renderColumns(header, rows, align, false),
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
export function renderInstrumentCsv(report: InstrumentDataReport, options: CsvOptions = RFC_4180): string {
  const rows = report.instruments.map(instrumentListingRow);
  return toCsv(
    [[...INSTRUMENT_LISTING_COLUMNS], ...rows.map((row) => INSTRUMENT_LISTING_COLUMNS.map((c) => row[c]))],
    options
  );
}

/** Longer than this, a field is printed under the table rather than in a column. */
const COLUMN_LIMIT = 40;

/** The data file's columns; long ones under the table; the sources once at the end. */
export function renderInstrumentTable(report: InstrumentDataReport): string {
  const fields: readonly string[] = EU_INSTRUMENT_COLUMNS;
  const rows = report.instruments.map(instrumentListingRow).map((row) => EU_INSTRUMENT_COLUMNS.map((c) => row[c]));
  const long = fields.filter((_, column) => rows.some((row) => row[column].length > COLUMN_LIMIT));
  const shown = fields.filter((field) => !long.includes(field));
  const columns = shown.map((field) => fields.indexOf(field));
  const align: Align[] = shown.map(() => "left");
  const lines = [
    `EU instruments: ${rows.length}; amounts in EUR billion.`,
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
