/**
 * Text renderings of an AllocationReport. Display formatting only, of figures the engine computed: csv and json show the
 * report's exact strings; the table scales them for reading (amounts in millions, the decimal point moved, exact;
 * shares as percentages to 3 places; 100bn for 100000000000). No figure is derived here: nothing is added up.
 */
import type { DatasetSource } from "../data";
import { AMOUNT_SCALES, Dec, sourcesField, unitPlacesInMillions, type EditionSource } from "../engine";
import type { AllocationReport, AllyReport } from "./report";

const MILLION = new Dec("1e6");

/** "1234567.5" -> "1,234,567.5"; the sign and the fraction are kept as they are. */
export function groupThousands(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return match[1] + match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (match[3] ?? "");
}

/** An amount of money as people say it: 100000000000 -> "100bn", 1000000 -> "1m", 250000 -> "250k". */
export function shortAmount(amount: string): string {
  const value = new Dec(amount);
  for (const [suffix, size] of AMOUNT_SCALES) {
    const scaled = value.div(size);
    if (scaled.gte(1) && scaled.isInteger()) return `${groupThousands(scaled.toFixed())}${suffix}`;
  }
  return groupThousands(value.toFixed());
}

function inMillions(amount: string, places: number): string {
  // Division by 10^6 only moves the decimal point: exact.
  return groupThousands(new Dec(amount).div(MILLION).toFixed(places));
}

function percent(share: string): string {
  return new Dec(share).times(100).toFixed(3);
}

/** A fraction shown in percent words: "0.0025" -> "0.2500%"; "-" when there is no figure. */
function percentText(fraction: string | null): string {
  return fraction === null ? "-" : `${new Dec(fraction).times(100).toFixed(4)}%`;
}

/** An amount per inhabitant to the cent, grouped: "1234.5678" -> "1,234.57"; "-" when there is no figure. */
function perCapitaText(amount: string | null): string {
  return amount === null ? "-" : groupThousands(new Dec(amount).toFixed(2));
}

export type Align = "left" | "right";

/** Aligned columns under a header and a rule; the last row set apart as a totals row unless `totalsRow` is false. */
export function renderColumns(
  header: readonly string[],
  rows: readonly string[][],
  align: readonly Align[],
  totalsRow = true
): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === "left" ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  if (!totalsRow) return [line(header), rule, ...rows.map(line)];
  return [line(header), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])];
}

function describeScenario(report: AllocationReport): string[] {
  const { scenario } = report;
  const years = report.years;
  const span = years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`;
  const basis =
    scenario.method === "gdp"
      ? `share of ${scenario.gdpYear} GDP`
      : scenario.method === "pct-gdp"
        ? `${scenario.pctGdp}% of ${scenario.gdpYear} GDP a year each`
        : scenario.method === "key"
          ? "a key given by the user"
          : "a blend of bases";
  const flags = Object.entries(report.parameters).map(([name, value]) => `--${name} ${value}`);
  const perYear =
    report.parameters["per-year"] === undefined
      ? ""
      : ` (${report.currency} ${shortAmount(report.tranches[String(years[0])])} a year)`;
  return [
    `Fair Share: ${report.currency} ${shortAmount(report.total)}${perYear} over ${span} (profile ${scenario.profile}), by ${basis}.`,
    `Flags: ${flags.length > 0 ? flags.join(" ") : "none (all defaults; see fair-share allocate --help)"}`,
    `Data: ${report.edition.label}.`,
  ];
}

/**
 * One line per source: title, publisher, publication date, vintage and address, and whether the figures are the
 * embedded data or the user's (with the file).
 */
export function sourceLines(sources: readonly (DatasetSource | EditionSource)[]): string[] {
  return sources.map((source) => {
    if ("origin" in source && source.origin === "user") {
      const published = source.published === "" ? "" : `, published ${source.published}`;
      return (
        `- ${source.title}. Your data, from ${source.file}: source ${source.publisher}${published}; vintage ` +
        `${source.vintage}.${source.url === "" ? "" : ` ${source.url}`}`
      );
    }
    const embedded = "origin" in source ? " (embedded data)" : "";
    return `- ${source.title}. ${source.publisher}, published ${source.published}; vintage ${source.vintage}. ${source.url}${embedded}`;
  });
}

/** Marks an amount whose year is flagged for EU overlap. */
const FLAG_MARK = "*";

export function renderTable(report: AllocationReport): string {
  const places = unitPlacesInMillions(new Dec(report.unit));
  const money = (amount: string): string => inMillions(amount, places);
  const years = report.years.map(String);
  const header = [
    "Code",
    "Name",
    "Share %",
    "Total",
    ...years,
    "EU overlap",
    "Net new",
    "% GDP/yr",
    "Per capita",
    "Credit",
    "Held",
  ];
  const align: Align[] = ["left", "left", ...Array<Align>(header.length - 3).fill("right"), "left"];
  const allyRow = (ally: AllyReport): string[] => [
    ally.iso3,
    ally.name,
    percent(ally.share),
    money(ally.total),
    ...years.map((year) => money(ally.byYear[year]) + (ally.flaggedYears.includes(Number(year)) ? FLAG_MARK : " ")),
    money(ally.euOverlap),
    money(ally.netNew),
    percentText(ally.yearlyShareOfGdp),
    perCapitaText(ally.perCapita),
    money(ally.aidCredit),
    ally.constraint === "none" ? "" : ally.constraint,
  ];
  const totalRow = [
    "",
    "Total",
    percent("1"),
    money(report.total),
    ...years.map((year) => money(report.tranches[year]) + " "),
    money(report.euOverlap),
    money(report.netNew),
    "",
    "",
    "",
    "",
  ];
  const anyFlagged = report.allies.some((ally) => ally.flaggedYears.length > 0);
  const lines = [
    ...describeScenario(report),
    `Amounts in ${report.currency} million, rounded to ${report.currency} ${shortAmount(report.unit)}: every row adds up to` +
      " its total and every year to its tranche, exactly.",
    "",
    ...renderColumns(header, [...report.allies.map(allyRow), totalRow], align),
    "",
    `% GDP/yr: its average yearly payment as a percent of its ${report.scenario.gdpYear} GDP. Per capita: its total` +
      ` per inhabitant, in ${report.currency}. Credit: the aid credit counted toward its share, in ${report.currency}` +
      " million. All three from the exact amounts before rounding.",
    "Held: exempt (pays nothing), cap or floor (held at its limit), credit (its aid credit covers its share).",
  ];
  if (anyFlagged) {
    lines.push(
      `${FLAG_MARK} EU overlap that year is at least ${report.scenario.overlapThreshold}% of the ally's allocation` +
        " (EU overlap: EU instruments attributed to the ally by GNI; net new = allocation - overlap)."
    );
  }
  if (report.notes.length > 0) {
    lines.push("", "Notes:", ...report.notes.map((note) => `- ${note}`));
  }
  lines.push("", "Sources:", ...sourceLines(report.sources), "");
  return lines.join("\n");
}

/** How a csv is written: RFC 4180 by default; `;` and a decimal comma for Excel in locales whose list separator is `;`. */
export interface CsvOptions {
  readonly delimiter: "," | ";";
  readonly decimalComma: boolean;
}

export const RFC_4180: CsvOptions = { delimiter: ",", decimalComma: false };

/** The byte-order mark that makes Windows Excel read a double-clicked csv as UTF-8 (Türkiye, not TÃ¼rkiye). */
export const BOM = "\uFEFF";

/**
 * Rows as csv: a byte-order mark, then one line per row ending in a bare newline; a field holding the delimiter, a
 * quote or a line break is quoted as in RFC 4180. With a decimal comma, a decimal fraction such as 0.25 is written 0,25.
 */
export function toCsv(rows: readonly (readonly string[])[], options: CsvOptions = RFC_4180): string {
  const field = (text: string): string => {
    const value = options.decimalComma && /^-?\d+\.\d+$/.test(text) ? text.replace(".", ",") : text;
    const special = value.includes(options.delimiter) || /["\r\n]/.test(value);
    return special ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return BOM + rows.map((row) => row.map(field).join(options.delimiter)).join("\n") + "\n";
}

export function renderCsv(report: AllocationReport, options: CsvOptions = RFC_4180): string {
  const years = report.years.map(String);
  const header = [
    "code",
    "name",
    "share",
    "total",
    ...years,
    "eu_overlap",
    "net_new",
    "constraint",
    "yearly_share_of_gdp",
    "per_capita",
    "aid_credit",
    "currency",
    "rounding_unit",
    "sources",
  ];
  // Every row says what its numbers are: the currency, the rounding unit and the datasets (embedded or yours).
  const stated = [report.currency, report.unit, sourcesField(report.sources)];
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.share,
    ally.total,
    ...years.map((year) => ally.byYear[year]),
    ally.euOverlap,
    ally.netNew,
    ally.constraint,
    ally.yearlyShareOfGdp ?? "",
    ally.perCapita ?? "",
    ally.aidCredit,
    ...stated,
  ]);
  const totalRow = [
    "TOTAL",
    "Total",
    "1",
    report.total,
    ...years.map((year) => report.tranches[year]),
    report.euOverlap,
    report.netNew,
    "",
    "",
    "",
    "",
    ...stated,
  ];
  return toCsv([header, ...rows, totalRow], options);
}

export function renderJson(report: object): string {
  return JSON.stringify(report, null, 2) + "\n";
}
