import { EU_INSTRUMENTS } from "../data";
import { PARAMETERS, amountSuffixWords, parameterHelp } from "../engine/parameters";
import type { FlagSpec } from "./args";
import { BENCH_SCENARIO_TEXT } from "./bench-common";

/** The values of --format (allocate and data). */
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

export const SORT_FLAG = {
  name: "sort",
  default: "",
  help: "Row order: share (largest amount first), code or name. Default: the data's order (allies by English name).",
} as const;

export const DELIMITER_FLAG = {
  name: "delimiter",
  default: "comma",
  help: "With --format csv: comma (RFC 4180) or semicolon, for Excel where the list separator is a semicolon.",
} as const;
export const DELIMITERS = ["comma", "semicolon"] as const;

export const DECIMAL_COMMA_FLAG = {
  name: "decimal-comma",
  default: "",
  help: "With --delimiter semicolon: write decimal fractions with a comma (0,25).",
  placeholder: "",
} as const;

export const AID_FROM_FLAG = {
  name: "aid-from",
  default: "",
  help: "First month of the aid window, YYYY-MM (default: the first month of the aid data).",
} as const;

export const AID_TO_FLAG = {
  name: "aid-to",
  default: "",
  help: "Last month of the aid window, YYYY-MM (default: the last month of the aid data).",
} as const;

export const EU_SWITCH = {
  name: "eu",
  default: "",
  help: "List the EU instruments instead of the allies.",
  placeholder: "",
} as const;

/** The csv flags both commands share. */
const CSV_FLAGS: readonly FlagSpec[] = [
  { name: DELIMITER_FLAG.name, example: "semicolon" },
  { name: DECIMAL_COMMA_FLAG.name, isSwitch: true },
];

/** Every flag `allocate` accepts: the engine's parameters, then the output flags. */
export const ALLOCATE_FLAGS: readonly FlagSpec[] = [
  ...[...PARAMETERS, FORMAT_FLAG].map((parameter) => ({ name: parameter.name, example: exampleFor(parameter) })),
  { name: SORT_FLAG.name, example: "share" },
  ...CSV_FLAGS,
  { name: XLSX_FLAG.name, example: "fair-share.xlsx" },
  { name: FORCE_FLAG.name, isSwitch: true },
];

export const DATA_FLAGS: readonly FlagSpec[] = [
  { name: FORMAT_FLAG.name, example: "json" },
  { name: AID_FROM_FLAG.name, example: "2024-01" },
  { name: AID_TO_FLAG.name, example: "2026-04" },
  { name: EU_SWITCH.name, isSwitch: true },
  ...CSV_FLAGS,
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
    "  data       Print the embedded data: per ally GDP, population, EU GNI share, aid; --eu for EU instruments.",
    "  bench      Time one allocation: exact engine, a float64 baseline, and a whole scenario.",
    "  help       Show this help, or a command's: fair-share help allocate.",
    "",
    "Flags: --help (any command), --version.",
    "Run fair-share allocate --help for every scenario flag.",
    "",
    ...instrumentLines(),
    "",
  ].join("\n");
}

export function allocateUsage(): string {
  return [
    "Usage: fair-share allocate [--name VALUE | --name=VALUE]...",
    "",
    "Allocates the total among the contributors and prints one row per ally: share, total, each year, EU overlap and",
    "net new money, a totals row, the scenario's notes and the sources of the data. Every flag is optional; each may",
    `be given once. Amounts accept suffixes ${amountSuffixWords()} (100bn, 40000m, 1e11); codes are ISO 3166`,
    "alpha-3 (HUN) or English names (Hungary). Ratios are fractions as Excel stores percentages: 40% or 0.4 (a bare",
    "40 would be 4000% and is refused). A comma in a number is read only as thousands in two or more groups (1,000,000).",
    "",
    "Scenario flags:",
    ...flagLines(PARAMETERS.map((parameter) => ({ ...parameter, help: parameterHelp(parameter) }))),
    "",
    "Output flags:",
    ...flagLines([
      FORMAT_FLAG,
      SORT_FLAG,
      DELIMITER_FLAG,
      DECIMAL_COMMA_FLAG,
      { ...XLSX_FLAG, placeholder: "FILE" },
      { ...FORCE_FLAG, placeholder: "" },
      HELP_FLAG,
    ]),
    "",
    ...instrumentLines(),
    "",
    "Examples:",
    "  fair-share allocate --exempt HUN",
    "  fair-share allocate --per-year 40bn --years 1 --exempt HUN --sort share",
    "  fair-share allocate --credit 50% --aid-from 2024-01 --aid-to 2026-04",
    "  fair-share allocate --cap USA=40% --exempt Hungary",
    "  fair-share allocate --method pct-gdp --pct-gdp 0.25%",
    "  fair-share allocate --currency USD --usd-per-eur 1.078376 --format json",
    "  fair-share allocate --exempt HUN --xlsx fair-share.xlsx",
    "  fair-share allocate --format csv --delimiter semicolon --decimal-comma > pledge.csv",
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

const HELP_FLAG = { name: "help", default: "", help: "Show this help.", placeholder: "" } as const;

/** The ids --eu accepts, from the embedded instruments (so the help never lists a stale one). */
function instrumentLines(): string[] {
  const ids = EU_INSTRUMENTS.map(
    (instrument) =>
      `${instrument.id} (${instrument.status}${instrument.military ? ", military" : ""}, ${instrument.firstYear}-${instrument.lastYear})`
  );
  return wrap(`EU instruments for --eu: ${ids.join(", ")}. Details: fair-share data --eu.`, WIDTH);
}

export function dataUsage(): string {
  return [
    "Usage: fair-share data [--eu] [--name VALUE | --name=VALUE]...",
    "",
    ...wrap(
      "Prints the data embedded in the package: per ally its GDP in both years in EUR and USD, population, EU" +
        " membership, share of EU GNI and bilateral military aid in a window of months, with the sources and vintages;" +
        " or, with --eu, the EU instruments and every field of their records.",
      WIDTH
    ),
    "",
    "Flags:",
    ...flagLines([FORMAT_FLAG, AID_FROM_FLAG, AID_TO_FLAG, EU_SWITCH, DELIMITER_FLAG, DECIMAL_COMMA_FLAG, HELP_FLAG]),
    "",
    ...instrumentLines(),
    "",
    "Examples:",
    "  fair-share data --aid-from 2024-01 --aid-to 2026-04",
    "  fair-share data --eu --format json",
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
