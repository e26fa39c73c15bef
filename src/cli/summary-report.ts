/**
 * `fair-share summary` as the command line reports it: the comparison of src/workbook/scenario-summary.ts as exact
 * decimal strings (the json output is this object); the table and csv are drawn from it. No figure is derived here.
 */
import type { EuInstrumentColumn } from "../data";
import { Dec, type EditionSource, instrumentFields, plain, resultSourceDetails, unitPlacesInMillions } from "../engine";
import type { StoreProblem } from "../workbook/scenario-store";
import { ASSUMPTION_LABELS, type Compared, type KeyAssumptions, type ScenarioSummary } from "../engine";
import { groupThousands, renderColumns, sourceLines, toCsv, type Align } from "./format";

type ByScenario<T> = Record<string, T>;

export interface ComparedReport {
  /** Per scenario name: the rounded amount in whole currency units; null: not among its contributors. */
  readonly amounts: ByScenario<string | null>;
  /** Per scenario name: its amount - the base's (a missing amount counts as 0). */
  readonly differences: ByScenario<string>;
  /** Per scenario name: difference / the base's amount x 100 (12 decimal places); null where the base's is 0. */
  readonly percent: ByScenario<string | null>;
}

export interface SummaryAllyReport extends ComparedReport {
  readonly code: string;
  readonly name: string;
  /** With --per-year: per scenario name, its rounded amount in each year (null: none that year). */
  readonly byYear?: ByScenario<Record<string, string | null>>;
}

export interface SummaryScenarioReport {
  readonly name: string;
  readonly comment: string;
  /** Its sheet row in the store. */
  readonly row: number;
  readonly assumptions: KeyAssumptions;
  readonly unit: string;
  readonly years: number[];
  /** The data vintage it was stored with. */
  readonly vintage: string;
}

export interface SummaryReport {
  readonly file: string;
  readonly currency: string;
  readonly scenarios: SummaryScenarioReport[];
  readonly base: string;
  readonly years: number[];
  readonly allies: SummaryAllyReport[];
  readonly totals: ComparedReport;
  readonly euOverlap: ComparedReport;
  readonly netNew: ComparedReport;
  /** Rows of the store left out, with the reason (also on stderr). */
  readonly problems: StoreProblem[];
  /** The datasets used (every scenario is computed on the same edition), as allocate lists them. */
  readonly sources: (EditionSource & { readonly instruments?: Record<EuInstrumentColumn, string>[] })[];
  readonly edition: { readonly id: string; readonly label: string; readonly embedded: boolean };
}

const text = (value: Dec | null): string | null => (value === null ? null : value.toFixed());

function comparedReport(compared: Compared, names: readonly string[]): ComparedReport {
  const byName = <T>(values: readonly T[]): ByScenario<T> =>
    Object.fromEntries(names.map((name, index) => [name, values[index]]));
  return {
    amounts: byName(compared.amounts.map(text)),
    differences: byName(compared.differences.map((value) => value.toFixed())),
    percent: byName(compared.percent.map((value) => (value === null ? null : plain(value)))),
  };
}

export function buildSummaryReport(
  file: string,
  summary: ScenarioSummary,
  stored: readonly { readonly row: number; readonly comment: string; readonly vintage: string }[],
  problems: readonly StoreProblem[],
  perYear: boolean
): SummaryReport {
  const names = summary.scenarios.map((scenario) => scenario.name);
  const sources = new Map<string, EditionSource>();
  for (const scenario of summary.scenarios) {
    for (const source of resultSourceDetails(scenario.result))
      if (!sources.has(source.id)) sources.set(source.id, source);
  }
  const { edition } = summary.scenarios[0].result.scenario;
  return {
    file,
    currency: summary.currency,
    scenarios: summary.scenarios.map((scenario, index) => ({
      name: scenario.name,
      comment: stored[index].comment,
      row: stored[index].row,
      assumptions: scenario.assumptions,
      unit: scenario.unit.toFixed(),
      years: [...scenario.years],
      vintage: stored[index].vintage,
    })),
    base: names[summary.base],
    years: [...summary.years],
    allies: summary.allies.map((ally) => ({
      code: ally.code,
      name: ally.name,
      ...comparedReport(ally, names),
      ...(perYear
        ? {
            byYear: Object.fromEntries(
              names.map((name, index) => [
                name,
                Object.fromEntries(summary.years.map((year, y) => [String(year), text(ally.byYear[index][y])])),
              ])
            ),
          }
        : {}),
    })),
    totals: comparedReport(summary.totals, names),
    euOverlap: comparedReport(summary.euOverlap, names),
    netNew: comparedReport(summary.netNew, names),
    problems: [...problems],
    sources: [...sources.values()].map((source) =>
      source.dataset === "instruments" ? { ...source, instruments: edition.instruments.map(instrumentFields) } : source
    ),
    edition: { id: edition.id, label: edition.label, embedded: edition.embedded },
  };
}

// --- Table and csv. ---

/** The decimal places an amount in millions needs for every scenario's unit. */
function placesFor(report: SummaryReport): number {
  return Math.max(...report.scenarios.map((scenario) => unitPlacesInMillions(new Dec(scenario.unit))));
}

const MILLION = new Dec("1e6");

/** The columns after code and name: each amount, then each other scenario's difference and percent. */
function comparedCells(
  compared: ComparedReport,
  report: SummaryReport,
  cell: (kind: "amount" | "percent", value: string | null) => string
): string[] {
  const names = report.scenarios.map((scenario) => scenario.name);
  const others = names.filter((name) => name !== report.base);
  return [
    ...names.map((name) => cell("amount", compared.amounts[name])),
    ...others.flatMap((name) => [cell("amount", compared.differences[name]), cell("percent", compared.percent[name])]),
  ];
}

function comparedHeader(report: SummaryReport): string[] {
  const names = report.scenarios.map((scenario) => scenario.name);
  const others = names.filter((name) => name !== report.base);
  return [...names, ...others.flatMap((name) => [`${name} - base`, `${name} - base %`])];
}

function figureRows(
  report: SummaryReport,
  cell: (kind: "amount" | "percent", value: string | null) => string
): string[][] {
  return [
    ...report.allies.map((ally) => [ally.code, ally.name, ...comparedCells(ally, report, cell)]),
    ["", "EU overlap", ...comparedCells(report.euOverlap, report, cell)],
    ["", "Net new money", ...comparedCells(report.netNew, report, cell)],
    ["", "Total", ...comparedCells(report.totals, report, cell)],
  ];
}

export function renderSummaryTable(report: SummaryReport): string {
  const places = placesFor(report);
  const cell = (kind: "amount" | "percent", value: string | null): string => {
    if (value === null) return kind === "percent" ? "n/a" : "-";
    if (kind === "percent") return `${new Dec(value).toFixed(2)}%`;
    return groupThousands(new Dec(value).div(MILLION).toFixed(places));
  };
  const names = report.scenarios.map((scenario) => scenario.name);
  const assumptionRows = (Object.keys(ASSUMPTION_LABELS) as (keyof KeyAssumptions)[]).map((key) => [
    ASSUMPTION_LABELS[key],
    ...report.scenarios.map((scenario) => scenario.assumptions[key]),
  ]);
  const header = ["Code", "Name", ...comparedHeader(report)];
  // The total is set off by a rule, as allocate's totals row; EU overlap and net new money follow it.
  const rows = figureRows(report, cell);
  const columns = renderColumns(
    header,
    rows,
    header.map((_, column): Align => (column < 2 ? "left" : "right")),
    false
  );
  const totalAt = 2 + report.allies.length + 2;
  const figureLines = [
    ...columns.slice(0, 2 + report.allies.length),
    columns[1],
    columns[totalAt],
    ...columns.slice(2 + report.allies.length, totalAt),
  ];
  const lines = [
    `Fair Share summary of ${names.length} scenario${names.length === 1 ? "" : "s"} stored in ${report.file}; base: ${report.base}.`,
    "",
    ...renderColumns(["Assumption", ...names], assumptionRows, ["left", ...names.map((): Align => "left")], false),
    "",
    `Amounts in ${report.currency} m, rounded as each scenario rounds (its allies add up to its total); differences from ${report.base}.`,
    ...figureLines,
  ];
  if (report.allies[0]?.byYear !== undefined) lines.push("", ...perYearLines(report, places));
  lines.push("", "Sources:", ...sourceLines(report.sources), "");
  return lines.join("\n");
}

function perYearLines(report: SummaryReport, places: number): string[] {
  const years = report.years.map(String);
  const lines: string[] = [];
  for (const scenario of report.scenarios) {
    const rows = report.allies.map((ally) => [
      ally.code,
      ...years.map((year) => {
        const amount = ally.byYear?.[scenario.name][year] ?? null;
        return amount === null ? "-" : groupThousands(new Dec(amount).div(MILLION).toFixed(places));
      }),
    ]);
    lines.push(`${scenario.name}, per year (${report.currency} m):`);
    lines.push(...renderColumns(["Code", ...years], rows, ["left", ...years.map((): Align => "right")], false), "");
  }
  return lines;
}

export function renderSummaryCsv(report: SummaryReport): string {
  const cell = (_kind: "amount" | "percent", value: string | null): string => value ?? "";
  const perYear = report.allies[0]?.byYear !== undefined;
  const yearHeader = perYear
    ? report.scenarios.flatMap((scenario) => report.years.map((year) => `${scenario.name} ${year}`))
    : [];
  const rows = figureRows(report, cell).map((row, index) => {
    const ally = report.allies[index];
    if (!perYear) return row;
    const years = report.scenarios.flatMap((scenario) =>
      report.years.map((year) => (ally === undefined ? "" : (ally.byYear?.[scenario.name][String(year)] ?? "")))
    );
    return [...row, ...years];
  });
  return toCsv([["code", "name", ...comparedHeader(report), ...yearHeader], ...rows]);
}
