/**
 * `fair-share summary FILE`: the scenarios stored in FILE's "Scenarios" sheet (store-file.ts), computed on the
 * embedded data and compared side by side (scenario-summary.ts), printed as a table, csv or json (summary-report.ts).
 * Damaged rows and other vintages go to stderr; the rest is summarised, with exit code 3 when a row was left out.
 */
import { findScenario, type StoreProblem, type StoredRow } from "../workbook/scenario-store";
import { SummaryError, summariseScenarios } from "../engine";
import { computeStored } from "../workbook/scenario-summary";
import { UsageError, parseFlags } from "./args";
import { BASE_FLAG, PER_YEAR_SWITCH, SCENARIOS_FLAG, SUMMARY } from "./flags";
import { renderJson } from "./format";
import { summaryUsage } from "./help";
import { EXIT_OK, EXIT_UNREAD_ROWS, type Output } from "./output";
import { outputFormat } from "./output-flags";
import { readStoreFile, reportStoreProblems } from "./store-file";
import { buildSummaryReport, renderSummaryCsv, renderSummaryTable } from "./summary-report";

const SEE_HELP = "See fair-share summary --help.";

/** "A", "B" and "C", for a message. */
function nameList(rows: readonly StoredRow[]): string {
  return rows.map((row) => `"${row.name}"`).join(", ");
}

/** The stored scenario a typed name means, or a usage error naming the flag and listing the stored names. */
function storedNamed(name: string, flag: string, rows: readonly StoredRow[], problems: readonly StoreProblem[]) {
  const found = findScenario({ scenarios: rows }, name);
  if (found !== undefined) return found;
  const damaged = problems.length === 0 ? "" : ` (rows left unread: ${problems.map((p) => p.row).join(", ")})`;
  throw new UsageError(
    `--${flag}: no readable scenario is named "${name}"; the store has ${nameList(rows)}${damaged}. ${SEE_HELP}`
  );
}

/** The scenarios asked for, in the order asked (every readable one by default). */
function chosenRows(typed: string | undefined, rows: readonly StoredRow[], problems: readonly StoreProblem[]) {
  if (typed === undefined) return [...rows];
  const names = typed.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) {
    throw new UsageError(`--${SCENARIOS_FLAG.name}: an empty name in "${typed}"; separate names by single commas.`);
  }
  const chosen = names.map((name) => storedNamed(name, SCENARIOS_FLAG.name, rows, problems));
  const twice = chosen.find((row, index) => chosen.indexOf(row) !== index);
  if (twice !== undefined) throw new UsageError(`--${SCENARIOS_FLAG.name}: "${twice.name}" is named twice.`);
  return chosen;
}

export async function summaryCommand(argv: readonly string[], output: Output): Promise<number> {
  // The file comes first and alone: fair-share summary pledge.xlsx --base A.
  const hasFile = argv.length > 0 && !argv[0].startsWith("-");
  const flags = parseFlags(hasFile ? argv.slice(1) : argv, SUMMARY);
  if (flags.help) {
    output.out(summaryUsage());
    return EXIT_OK;
  }
  if (!hasFile)
    throw new UsageError(`summary: give the workbook first, e.g. fair-share summary pledge.xlsx. ${SEE_HELP}`);
  const file = argv[0];
  const format = outputFormat(flags);
  const read = await readStoreFile(file, "summary");
  const { store } = read;
  if (store === undefined) {
    throw new UsageError(
      `summary: ${file} has no "Scenarios" sheet; save scenarios first (fair-share allocate --xlsx FILE --save-scenario NAME).`
    );
  }
  reportStoreProblems(read, output);
  if (store.scenarios.length === 0) throw new UsageError(`summary: ${file} has no readable scenario in its store.`);

  const chosen = chosenRows(flags.value(SCENARIOS_FLAG), store.scenarios, store.problems);
  const baseName = flags.value(BASE_FLAG);
  const base = baseName === undefined ? chosen[0] : storedNamed(baseName, BASE_FLAG.name, chosen, store.problems);
  const { computed, problems, vintageWarnings } = computeStored(chosen);
  for (const { row, reason } of problems) output.err(`fair-share: ${file}: row ${row} not summarised: ${reason}\n`);
  for (const { row, reason } of vintageWarnings) output.err(`fair-share: warning: ${file}: row ${row}: ${reason}\n`);
  if (!computed.some(({ stored }) => stored === base)) {
    throw new UsageError(`--${BASE_FLAG.name}: the base "${base.name}" cannot be computed (see above).`);
  }
  let summary;
  try {
    summary = summariseScenarios(
      computed.map(({ stored, result }) => ({ name: stored.name, result })),
      base.name
    );
  } catch (error) {
    if (error instanceof SummaryError) throw new UsageError(`summary: ${error.message}.`);
    throw error;
  }
  const report = buildSummaryReport(
    file,
    summary,
    computed.map(({ stored }) => stored),
    [...store.problems, ...problems],
    flags.has(PER_YEAR_SWITCH)
  );
  const render = { table: renderSummaryTable, csv: renderSummaryCsv, json: renderJson }[format];
  output.out(render(report));
  return store.problems.length > 0 || problems.length > 0 ? EXIT_UNREAD_ROWS : EXIT_OK;
}
