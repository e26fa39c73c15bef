import { PARAMETERS } from "../engine/parameters";
import type { FlagSpec } from "./args";
import { BENCH_SCENARIO_TEXT } from "./bench-common";

/** Output flags of `allocate`: the only flags that are not scenario parameters. */
export const OUTPUT_FORMATS = ["table", "csv", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_FLAG = {
  name: "format",
  default: "table",
  help: "Output: table (for reading), csv (one row per ally and a total row) or json (everything, as exact strings).",
} as const;

/** Also write the scenario as a portable workbook (src/workbook/portable.ts). */
export const XLSX_FLAG = {
  name: "xlsx",
  default: "",
  help:
    "Also write the scenario to FILE as a portable workbook (.xlsx): classic formulas only, computes in any Excel " +
    "2010+ or LibreOffice without the add-in. Refuses an existing FILE unless --force.",
} as const;

export const FORCE_FLAG = {
  name: "force",
  default: "",
  help: "With --xlsx: overwrite FILE if it exists.",
} as const;

export const RUNS_FLAG = {
  name: "runs",
  default: "2000",
  help: "Timed runs per engine measurement, 1 to 1000000 (the custom functions' rows always take 200).",
} as const;

/** A value to show in "needs a value" messages: the default, else the help text's own "e.g." example. */
function exampleFor(parameter: { readonly default: string; readonly help: string }): string | undefined {
  if (parameter.default !== "") return parameter.default;
  return /e\.g\. ([^\s,;)]+?)[.,;)]?(?:\s|$)/.exec(parameter.help)?.[1];
}

/** Every flag `allocate` accepts: the engine's parameters, then --format. */
export const ALLOCATE_FLAGS: readonly FlagSpec[] = [
  ...[...PARAMETERS, FORMAT_FLAG].map((parameter) => ({ name: parameter.name, example: exampleFor(parameter) })),
  { name: XLSX_FLAG.name, example: "fair-share.xlsx" },
  { name: FORCE_FLAG.name, switch: true },
];

export const BENCH_FLAGS: readonly FlagSpec[] = [{ name: RUNS_FLAG.name, example: RUNS_FLAG.default }];

const WIDTH = 100;

interface FlagHelp {
  readonly name: string;
  readonly default: string;
  readonly help: string;
  /** What to write after the flag name: "VALUE" unless given; "" for a flag without a value. */
  readonly placeholder?: string;
}

/** Lines of "  --name VALUE   help Default: x.", the help wrapped under its column. */
function flagLines(flags: readonly FlagHelp[]): string[] {
  const labels = flags.map((flag) => {
    const placeholder = flag.placeholder ?? "VALUE";
    return placeholder === "" ? `  --${flag.name}` : `  --${flag.name} ${placeholder}`;
  });
  const column = Math.max(...labels.map((label) => label.length)) + 2;
  const lines: string[] = [];
  flags.forEach((flag, index) => {
    const text = flag.default === "" ? flag.help : `${flag.help} Default: ${flag.default}.`;
    const wrapped = wrap(text, WIDTH - column);
    lines.push(labels[index].padEnd(column) + wrapped[0]);
    for (const rest of wrapped.slice(1)) lines.push(" ".repeat(column) + rest);
  });
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

export function mainUsage(): string {
  return [
    "Usage: fair-share <command> [flags]",
    "",
    "Splits a multi-year pledge (default EUR 100bn over 2024-2028) among the 32 NATO allies by burden-sharing",
    "formulas, in exact decimal arithmetic, rounded so that every row and column adds up.",
    "",
    "Commands:",
    "  allocate   Allocate the total and print the ally x year table (or csv, json).",
    "  bench      Time one allocation: exact engine, a float64 baseline, and a whole scenario.",
    "  help       Show this help, or a command's: fair-share help allocate.",
    "",
    "Flags: --help (any command), --version.",
    "Run fair-share allocate --help for every scenario flag.",
    "",
  ].join("\n");
}

export function allocateUsage(): string {
  return [
    "Usage: fair-share allocate [--name VALUE | --name=VALUE]...",
    "",
    "Allocates the total among the contributors and prints one row per ally: share, total, each year, EU overlap and",
    "net new money, a totals row, the scenario's notes and the sources of the data. Every flag is optional; each may",
    "be given once. Amounts accept suffixes k, m, bn, tn (100bn, 40000m, 1e11); codes are ISO 3166 alpha-3 (HUN).",
    "",
    "Scenario flags:",
    ...flagLines(PARAMETERS),
    "",
    "Output flags:",
    ...flagLines([
      FORMAT_FLAG,
      { ...XLSX_FLAG, placeholder: "FILE" },
      { ...FORCE_FLAG, placeholder: "" },
      { name: "help", default: "", help: "Show this help.", placeholder: "" },
    ]),
    "",
    "Examples:",
    "  fair-share allocate --exempt HUN",
    "  fair-share allocate --credit 0.5 --aid-from 2024-01 --aid-to 2026-04",
    "  fair-share allocate --method pct-gdp --pct-gdp 0.25",
    "  fair-share allocate --currency USD --usd-per-eur 1.078376 --format json",
    "  fair-share allocate --exempt HUN --xlsx fair-share.xlsx",
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function benchUsage(): string {
  return [
    "Usage: fair-share bench [--runs N]",
    "",
    ...wrap(
      `Times one allocation of ${BENCH_SCENARIO_TEXT}: the exact engine's allocate(), a plain float64 version of` +
        " the same rule (a baseline only: its amounts are not controlled-rounded), runScenario() end to end, and the" +
        " custom functions through their wrappers (ALLOCATE, and batches of 1,000 SHARE calls). Prints the median and" +
        " 90th percentile in microseconds and whether the exact median meets the 200 microsecond target.",
      WIDTH
    ),
    "",
    "Flags:",
    ...flagLines([{ ...RUNS_FLAG, placeholder: "N" }]),
    "",
  ].join("\n");
}
