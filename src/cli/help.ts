/**
 * The help of every command: the prose here, the flags drawn from their definitions (flags.ts), so a flag's help,
 * default and accepted values are written once.
 */
import { EU_INSTRUMENTS } from "../data";
import { amountSuffixWords } from "../engine";
import { BENCH_SCENARIO_TEXT, STARTUP_BUDGET_RATIO, TARGET_MICROSECONDS } from "./bench-common";
import {
  ALLOCATE,
  BENCH,
  COMMANDS,
  DATA,
  EXPLAIN,
  IMPORT_KIEL,
  SCENARIOS,
  SOLVE,
  SUMMARY,
  SWEEP,
  TORNADO,
  TRACK,
  flagHelp,
  type CommandFlags,
  type Flag,
} from "./flags";

const WIDTH = 100;

/** Lines of "  --name VALUE   help Default: x.", the help wrapped under its column. */
function flagLines(flags: readonly Flag[]): string[] {
  const labels = flags.map((flag) =>
    flag.kind === "switch" ? `  --${flag.name}` : `  --${flag.name} ${flag.placeholder ?? "VALUE"}`
  );
  const column = Math.max(...labels.map((label) => label.length)) + 2;
  const lines: string[] = [];
  flags.forEach((flag, index) => {
    const help = flagHelp(flag);
    const text = flag.kind === "switch" || flag.default === "" ? help : `${help} Default: ${flag.default}.`;
    const wrapped = wrap(text, WIDTH - column);
    lines.push(labels[index].padEnd(column) + wrapped[0]);
    for (const rest of wrapped.slice(1)) lines.push(" ".repeat(column) + rest);
  });
  return lines;
}

/** A command's flags under their headings, each group followed by a blank line. */
function flagGroupLines(command: CommandFlags): string[] {
  return command.groups.flatMap((group) => [`${group.title}:`, ...flagLines(group.flags), ""]);
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
    ...COMMANDS.map((command) => `  ${command.name.padEnd(11)}${command.summary}`),
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
    ...flagGroupLines(ALLOCATE),
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
    "  fair-share allocate --workbook fair-share.xlsx --format json",
    '  fair-share allocate --exempt HUN --xlsx b.xlsx --save-scenario "Hungary exempt"',
    '  fair-share allocate --workbook b.xlsx --scenario "Hungary exempt" --format json',
    "  fair-share allocate --data data.csv --gdp-year 2025",
    "  fair-share allocate --credit 50% --aid-data kiel-release-30",
    "  fair-share allocate --format csv --delimiter semicolon --decimal-comma > pledge.csv",
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function trackUsage(): string {
  return [
    "Usage: fair-share track [--name VALUE | --name=VALUE | --count-eu]...",
    "",
    ...wrap(
      "Compares each ally's fair share of a pledge with the aid it delivered in a window of months, from the Kiel" +
        " Ukraine Support Tracker: one row per ally with its fair share, delivered aid, gap (fair share - delivered)" +
        " and the share of its fair share delivered, a totals row, the pledge's coverage, the notes and the sources." +
        " The pledge is --total, or --per-year over the window; the window is the calendar years --start to" +
        " --start + --years - 1, or --from to --to (months). Fair shares are split as allocate splits a total with" +
        " no credit: the basis, exemption and limit flags work as there. Allies the tracker does not cover show" +
        ` "not tracked", never 0. Amounts accept suffixes ${amountSuffixWords()}; codes are ISO 3166 alpha-3 or` +
        " English names; ratios are fractions as Excel stores percentages (40% or 0.4).",
      WIDTH
    ),
    "",
    ...flagGroupLines(TRACK),
    ...instrumentLines(),
    "",
    "Examples:",
    "  fair-share track --per-year 40bn --start 2024 --years 1 --exempt HUN",
    "  fair-share track --per-year 40bn --from 2025-07 --to 2026-06 --sort gap",
    "  fair-share track --per-year 40bn --start 2025 --years 1 --count-eu --format json",
    "  fair-share track --total 40bn --from 2024-01 --to 2024-12 --delivered commitments --format csv",
    "  fair-share track --per-year 40bn --start 2025 --years 1 --data data.csv --aid-data kiel-release-30",
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function sweepUsage(): string {
  return [
    "Usage: fair-share sweep --vary NAME=VALUES [--vary NAME=VALUES] [--allies CODES | --all] [flags]",
    "",
    ...wrap(
      "Runs the scenario (the scenario flags, as allocate takes them) at each value of one parameter, or at each" +
        " pair of values of two, and prints one row per value: the chosen allies' amounts, the total, the EU overlap" +
        " and the net new money, each exactly what allocate gives at that value. A value where the scenario is" +
        " infeasible or refused keeps its row, with the reason. The json output has every figure as an exact string." +
        " The data is read once and, for credit, max-pct-gdp and overlap-threshold, the scenario resolved once.",
      WIDTH
    ),
    "",
    ...flagGroupLines(SWEEP),
    "Examples:",
    "  fair-share sweep --vary credit=0..1:0.05 --allies ESP,ITA",
    "  fair-share sweep --vary credit=0..1:0.25 --allies ESP,ITA --format json",
    "  fair-share sweep --vary cap.USA=30%..50%:5% --vary gdp-year=2023,2024 --allies USA,DEU",
    "  fair-share sweep --vary exempt=none,HUN,HUN+SVK --all --format csv",
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function solveUsage(): string {
  return [
    "Usage: fair-share solve --target TARGET --vary PARAMETER [--name VALUE | --name=VALUE]...",
    "",
    ...wrap(
      "Exact goal seek: the value of one numeric parameter at which the target holds with equality, the ranges of" +
        " the parameter where it holds, or, when no value in the parameter's range reaches it, the nearest value and" +
        " the figure there. Each figure of an allocation is piecewise linear in the parameter (on each piece the" +
        " allies held at a limit stay the same): the search walks the pieces and solves on each exactly, with no" +
        " tolerance, then runs the scenario at the answer to check it. Values print exactly (a/b) and as a decimal." +
        " --credit takes the exact form a/b, so the answer can be applied as printed; the other parameters take" +
        " decimals, and when the answer has none the check shows the nearest values they take. Amounts (targets" +
        " of amount, net-new, overlap) are exact, before rounding.",
      WIDTH
    ),
    "",
    ...flagGroupLines(SOLVE),
    "Examples:",
    '  fair-share solve --target "ESP>=3.2bn" --vary credit',
    '  fair-share solve --target "ESP<=3bn" --vary credit',
    '  fair-share solve --target "ESP[2026]<=600m" --vary total',
    '  fair-share solve --target "USA.share<=25%" --vary cap.USA --exempt HUN',
    '  fair-share solve --target "overlap<=15bn" --vary credit --format json',
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function tornadoUsage(): string {
  return [
    'Usage: fair-share tornado --ranges "NAME=LOW..HIGH; ..." [--ally CODE] [flags]',
    "",
    ...wrap(
      "Runs the base scenario (the scenario flags, as allocate takes them), then each parameter of --ranges at its" +
        " low and at its high value with the others as in the base, and prints per parameter the ally's amount at" +
        " each end, its effect (amount there - amount in the base) and the swing (|at high - at low|), largest swing" +
        " first: the bars of a tornado chart. Effects and swings are of the exact amounts. An end where the scenario" +
        " is infeasible is reported with the reason, its bar last.",
      WIDTH
    ),
    "",
    ...flagGroupLines(TORNADO),
    "Examples:",
    '  fair-share tornado --ranges "credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024" --ally ESP',
    '  fair-share tornado --exempt HUN --ranges "credit=0..50%; exempt=none,HUN+SVK" --format json',
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function explainUsage(): string {
  return [
    "Usage: fair-share explain CODE [--year YEAR] [--name VALUE | --name=VALUE]...",
    "",
    ...wrap(
      "How one ally's amount came about, step by step: its basis and basis share, the level L and who is held at" +
        " which limit, its credit, the limit that binds, the year split, the rounding (exact amount, rounded amount," +
        " the unit, the direction and why), and the EU attribution and overlap, with the sources. Every number is" +
        " the engine's, in the form allocate --format json gives it. --format json gives the same steps with their" +
        " figures as fields.",
      WIDTH
    ),
    "",
    ...flagGroupLines(EXPLAIN),
    "Examples:",
    "  fair-share explain ESP",
    "  fair-share explain ESP --year 2026 --credit 50%",
    "  fair-share explain USA --cap USA=25% --exempt HUN --format json",
    "",
    "Exit codes: 0 done; 2 a flag or value is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

export function scenariosUsage(): string {
  return [
    "Usage: fair-share scenarios list FILE [--format table|csv|json]",
    "",
    ...wrap(
      "Lists the scenarios stored in the Scenarios sheet of FILE (a portable copy, or a live workbook saved as" +
        " .xlsx, where the sheet is very hidden): name, comment, when it was created and modified, by whom, the data" +
        " vintage it was computed with (and whether this Fair Share carries the same data), and the parameters it" +
        " sets. A row that cannot be read (a garbled value, a duplicate name, a newer schema) is reported by its" +
        " row number and the reason, on stderr, and the others are listed. Compute one with fair-share allocate" +
        " --workbook FILE --scenario NAME.",
      WIDTH
    ),
    "",
    ...flagGroupLines(SCENARIOS),
    "Examples:",
    '  fair-share allocate --exempt HUN --xlsx b.xlsx --save-scenario "Hungary exempt"',
    '  fair-share allocate --credit 50% --xlsx b.xlsx --save-scenario "Half credit" --append',
    "  fair-share scenarios list b.xlsx",
    '  fair-share allocate --workbook b.xlsx --scenario "Hungary exempt" --format json',
    "",
    "Exit codes: 0 every stored row read; 3 listed, but some rows could not be read (each reported on stderr);" +
      " 2 a flag, FILE or its store's header is wrong (the message names it); 1 an unexpected error.",
    "",
  ].join("\n");
}

/** The ids --eu accepts, from the embedded instruments (so the help never lists a stale one). */
function instrumentLines(): string[] {
  const ids = EU_INSTRUMENTS.map(
    (instrument) =>
      `${instrument.id} (${instrument.status}${instrument.military ? ", military" : ""}, ${instrument.firstYear}-${instrument.lastYear})`
  );
  return wrap(`EU instruments for --eu: ${ids.join(", ")}. Details: fair-share data --eu.`, WIDTH);
}

export function summaryUsage(): string {
  return [
    "Usage: fair-share summary FILE [--scenarios A,B,C] [--base A] [--per-year] [--format table|csv|json]",
    "",
    ...wrap(
      "Compares the scenarios stored in FILE (a portable copy, or a workbook with Fair Share's scenarios saved as" +
        " .xlsx) side by side: each one's key assumptions, each ally's amount per scenario, the difference from the" +
        " base in amount and percent (n/a where the base's amount is 0), EU overlap, net new money and the totals." +
        " Each scenario is computed on the embedded data; one stored with another data vintage is warned about on" +
        " stderr, naming both. Amounts are the engine's rounded ones, so the allies' differences add up exactly to" +
        " the difference of the totals. A damaged row of the store is reported on stderr by row number and reason," +
        " and the rest compared. Scenarios in different currencies are refused.",
      WIDTH
    ),
    "",
    ...flagGroupLines(SUMMARY),
    "Examples:",
    "  fair-share summary pledge.xlsx",
    '  fair-share summary pledge.xlsx --scenarios "Default,Hungary exempt" --base "Hungary exempt"',
    "  fair-share summary pledge.xlsx --per-year --format json",
    "",
    ...wrap(
      "Exit codes: 0 done; 3 done, but damaged rows were reported on stderr and left out; 2 a flag is wrong, a name is not" +
        " stored (the message lists the stored names), or FILE cannot be read or has no readable scenario; 1 an" +
        " unexpected error.",
      WIDTH
    ),
    "",
  ].join("\n");
}

export function dataUsage(): string {
  return [
    "Usage: fair-share data [--eu] [--name VALUE | --name=VALUE]...",
    "       fair-share data import-kiel FILE.csv --out DIR [flags]",
    "",
    ...wrap(
      "Prints the data: per ally its GDP of every year in EUR and USD, population, EU membership, EU GNI and its" +
        " share, and bilateral military aid in a window of months (then the EU member states outside NATO, for their" +
        " GNI), with the sources and vintages; or, with --eu, the EU instruments and every field of their records." +
        " The embedded data unless --data, --eu-data or --aid-data bring your own. The csv is also the format --data" +
        " (and, with --eu, --eu-data) reads: edit it and pass it back. import-kiel checks a new Kiel release for" +
        " --aid-data (fair-share data import-kiel --help).",
      WIDTH
    ),
    "",
    ...flagGroupLines(DATA),
    ...instrumentLines(),
    "",
    "Examples:",
    "  fair-share data --aid-from 2024-01 --aid-to 2026-04",
    "  fair-share data --eu --format json",
    "  fair-share data --format csv > data.csv",
    "  fair-share data --data data.csv",
    "",
  ].join("\n");
}

export function importKielUsage(): string {
  return [
    "Usage: fair-share data import-kiel FILE.csv --out DIR [--release N --period MM/YYYY --date YYYY-MM-DD] [--force]",
    "",
    ...wrap(
      "Reads a Kiel Ukraine Support Tracker data_explorer.csv (one row per donor and month, the format of the" +
        " release Fair Share embeds), with the release number, period and date from a release_info.csv beside it (or" +
        " the flags), and checks it: its columns, every month (none after the release's period, one row per donor" +
        " and month), every donor's code and name, every figure, and each month's total against a" +
        " total_allocations.csv beside it when there is one. Then writes the release to DIR, where --aid-data DIR" +
        " reads it. Nothing is written when a check fails.",
      WIDTH
    ),
    "",
    ...flagGroupLines(IMPORT_KIEL),
    "Example:",
    "  fair-share data import-kiel ~/Downloads/release-30/data_explorer.csv --out kiel-release-30",
    "  fair-share allocate --credit 50% --aid-data kiel-release-30",
    "",
  ].join("\n");
}

export function benchUsage(): string {
  return [
    "Usage: fair-share bench [--runs N] [--process-runs N]",
    "",
    ...wrap(
      `Times one allocation of ${BENCH_SCENARIO_TEXT}: the exact engine's allocate(), a plain float64 version of` +
        " the same rule (a baseline only: its amounts are not controlled-rounded), runScenario() end to end, and the" +
        " custom functions through their wrappers (ALLOCATE, and batches of 1,000 SHARE calls). Prints the median and" +
        ` 90th percentile in microseconds and whether the exact median meets the ${TARGET_MICROSECONDS} microsecond` +
        " target, then the interactive-speed budgets: each median beside its budget, their ratio and whether it is" +
        " met. Then times the command's start-up: one allocation through the command line" +
        " (node bin/fair-share.js allocate ...) and node -e 0, each a whole process, by turns; prints each median wall" +
        ` time in milliseconds, their ratio and whether it is within the budget of ${STARTUP_BUDGET_RATIO}x Node's own` +
        " start-up.",
      WIDTH
    ),
    "",
    ...flagGroupLines(BENCH),
  ].join("\n");
}
