/**
 * `fair-share scenarios list FILE`: the scenarios a workbook stores (its Scenarios sheet), and the rows it cannot
 * read, each by row number and reason on stderr. Exit 0 when every row reads, 3 when some do not (the rest listed).
 */
import { PARAMETER_NAMES, type ParameterName } from "../engine";
import type { StoredRow } from "../workbook/scenario-store";
import { UsageError, parseFlags } from "./args";
import { SCENARIOS } from "./flags";
import { renderColumns, renderJson, toCsv } from "./format";
import { scenariosUsage } from "./help";
import { EXIT_OK, EXIT_UNREAD_ROWS, type Output } from "./output";
import { outputFormat } from "./output-flags";
import { currentVintage, readStoreFile, reportStoreProblems } from "./store-file";

/** A stored scenario's parameters in one line: "exempt=HUN; credit=50%" ("defaults" when it sets none). */
function parameterText(parameters: Readonly<Partial<Record<ParameterName, string>>>): string {
  const set = PARAMETER_NAMES.filter((name) => parameters[name] !== undefined);
  return set.length === 0 ? "defaults" : set.map((name) => `${name}=${parameters[name]}`).join("; ");
}

function scenarioRecord(scenario: StoredRow, vintage: string): object {
  return {
    row: scenario.row,
    name: scenario.name,
    comment: scenario.comment,
    parameters: scenario.parameters,
    created: scenario.created,
    modified: scenario.modified,
    author: scenario.author,
    vintage: scenario.vintage,
    sameData: scenario.vintage === vintage,
    schema: scenario.schema,
  };
}

export async function scenariosCommand(argv: readonly string[], output: Output): Promise<number> {
  const [action, file, ...rest] = argv;
  if (action === "--help" || action === "-h" || action === undefined) {
    if (action === undefined)
      throw new UsageError("scenarios: give list and a file, e.g. fair-share scenarios list b.xlsx.");
    output.out(scenariosUsage());
    return EXIT_OK;
  }
  if (action !== "list") {
    throw new UsageError(`"${action}": scenarios takes list, e.g. fair-share scenarios list b.xlsx.`);
  }
  if (file === undefined || file.startsWith("--")) {
    if (file === "--help" || file === "-h") {
      output.out(scenariosUsage());
      return EXIT_OK;
    }
    throw new UsageError("scenarios list: give the workbook, e.g. fair-share scenarios list b.xlsx.");
  }
  const flags = parseFlags(rest, SCENARIOS);
  if (flags.help) {
    output.out(scenariosUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const read = await readStoreFile(file, "scenarios list");
  const headerFault = read.store?.problems.find(({ row }) => row === 1);
  if (headerFault !== undefined) {
    throw new UsageError(`scenarios list: ${file}, sheet 'Scenarios', row 1: ${headerFault.reason}.`);
  }
  reportStoreProblems(read, output);
  if (read.store === undefined) output.err(`fair-share: ${file} stores no scenarios (it has no 'Scenarios' sheet).\n`);
  const scenarios = read.store?.scenarios ?? [];
  const problems = read.store?.problems ?? [];
  const vintage = currentVintage();
  if (format === "json") {
    output.out(
      renderJson({
        file,
        scenarios: scenarios.map((scenario) => scenarioRecord(scenario, vintage)),
        unread: problems,
        notes: read.store?.notes ?? [],
        vintage,
      })
    );
  } else if (format === "csv") {
    const header = ["row", "name", "comment", "created", "modified", "author", "vintage", "same_data", "parameters"];
    const rows = scenarios.map((s) => [
      String(s.row),
      s.name,
      s.comment,
      s.created,
      s.modified,
      s.author,
      s.vintage,
      s.vintage === vintage ? "yes" : "no",
      parameterText(s.parameters),
    ]);
    output.out(toCsv([header, ...rows]));
  } else {
    output.out(tableText(file, scenarios, problems, vintage));
  }
  return problems.length > 0 ? EXIT_UNREAD_ROWS : EXIT_OK;
}

function tableText(
  file: string,
  scenarios: readonly StoredRow[],
  problems: readonly { row: number; reason: string }[],
  vintage: string
): string {
  const lines = [
    `Scenarios stored in ${file}: ${scenarios.length}` +
      (problems.length > 0 ? `; ${problems.length} row(s) not read` : ""),
  ];
  if (scenarios.length > 0) {
    lines.push(
      "",
      ...renderColumns(
        ["Row", "Name", "Modified", "Data", "Parameters", "Comment"],
        scenarios.map((s) => [
          String(s.row),
          s.name,
          s.modified,
          s.vintage === vintage ? "current" : s.vintage === "" ? "not recorded" : "other vintage",
          parameterText(s.parameters),
          s.comment,
        ]),
        ["right", "left", "left", "left", "left", "left"],
        false
      )
    );
  }
  const other = scenarios.filter((s) => s.vintage !== vintage && s.vintage !== "");
  for (const s of other) lines.push(`Data of "${s.name}": ${s.vintage}; this Fair Share carries ${vintage}.`);
  for (const { row, reason } of problems) lines.push(`Row ${row} not read: ${reason}.`);
  return `${lines.join("\n")}\n`;
}
