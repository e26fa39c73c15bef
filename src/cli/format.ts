/**
 * Text renderings of an AllocationReport. Display formatting only, of figures the engine computed: csv and json show the
 * report's exact strings; the table scales them for reading (amounts in millions, the decimal point moved, exact;
 * shares as percentages to 3 places; 100bn for 100000000000). No figure is derived here: nothing is added up.
 */
import { Dec } from "../engine/decimal";
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
  for (const [suffix, size] of [
    ["tn", "1e12"],
    ["bn", "1e9"],
    ["m", "1e6"],
    ["k", "1e3"],
  ] as const) {
    const scaled = value.div(size);
    if (scaled.gte(1) && scaled.isInteger()) return `${groupThousands(scaled.toFixed())}${suffix}`;
  }
  return groupThousands(value.toFixed());
}

/** Decimal places an amount in millions needs so that every multiple of the unit shows exactly (0 for 1m). */
function millionPlaces(unit: string): number {
  return new Dec(unit).div(MILLION).decimalPlaces();
}

function inMillions(amount: string, places: number): string {
  // Division by 10^6 only moves the decimal point: exact.
  return groupThousands(new Dec(amount).div(MILLION).toFixed(places));
}

function percent(share: string): string {
  return new Dec(share).times(100).toFixed(3);
}

type Align = "left" | "right";

function renderColumns(header: readonly string[], rows: readonly string[][], align: readonly Align[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === "left" ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
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
  return [
    `Fair Share: ${report.currency} ${shortAmount(report.total)} over ${span} (profile ${scenario.profile}), by ${basis}.`,
    `Flags: ${flags.length > 0 ? flags.join(" ") : "none (all defaults; see fair-share allocate --help)"}`,
  ];
}

/** Marks an amount whose year is flagged for EU overlap. */
const FLAG_MARK = "*";

export function renderTable(report: AllocationReport): string {
  const places = millionPlaces(report.unit);
  const money = (amount: string): string => inMillions(amount, places);
  const years = report.years.map(String);
  const header = ["Code", "Name", "Share %", "Total", ...years, "EU overlap", "Net new", "Held"];
  const align: Align[] = ["left", "left", ...Array<Align>(header.length - 3).fill("right"), "left"];
  const allyRow = (ally: AllyReport): string[] => [
    ally.iso3,
    ally.name,
    percent(ally.share),
    money(ally.total),
    ...years.map((year) => money(ally.byYear[year]) + (ally.flaggedYears.includes(Number(year)) ? FLAG_MARK : " ")),
    money(ally.euOverlap),
    money(ally.netNew),
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
  ];
  const anyFlagged = report.allies.some((ally) => ally.flaggedYears.length > 0);
  const lines = [
    ...describeScenario(report),
    `Amounts in ${report.currency} million, rounded to ${report.currency} ${shortAmount(report.unit)}: every row adds up to` +
      " its total and every year to its tranche, exactly.",
    "",
    ...renderColumns(header, [...report.allies.map(allyRow), totalRow], align),
    "",
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
  lines.push(
    "",
    "Sources:",
    ...report.sources.map(
      (source) =>
        `- ${source.title}. ${source.publisher}, published ${source.published}; vintage ${source.vintage}. ${source.url}`
    ),
    ""
  );
  return lines.join("\n");
}

/** RFC 4180 quoting (a field holding a comma, a quote or a line break); lines end in a bare newline. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(report: AllocationReport): string {
  const years = report.years.map(String);
  const header = ["code", "name", "share", "total", ...years, "eu_overlap", "net_new", "constraint"];
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.share,
    ally.total,
    ...years.map((year) => ally.byYear[year]),
    ally.euOverlap,
    ally.netNew,
    ally.constraint,
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
  ];
  return [header, ...rows, totalRow].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

export function renderJson(report: AllocationReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
