/**
 * `fair-share allocate`: flags -> spec -> engine -> table, csv or json, and with --xlsx a portable workbook. The
 * workbook modules (the portable-copy builder, the .xlsx writer and its zip library) are loaded only when --xlsx is
 * given: the command's start-up stays the engine's.
 */
import { statSync, writeFileSync } from "fs";
import { join } from "path";

import { type ScenarioResult, type ScenarioSpec, runScenario } from "../engine";
import { UsageError, parseFlags, scenarioValues } from "./args";
import { ALLOCATE, FORCE_FLAG, SORT_FLAG, XLSX_FLAG } from "./flags";
import { editionFromFlags } from "./data-flags";
import { renderCsv, renderJson, renderTable } from "./format";
import { allocateUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";
import { packageVersion } from "./package-version";
import { withEuAddFile } from "./eu-add-file";
import { buildReport } from "./report";

export async function allocateCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, ALLOCATE);
  if (flags.help) {
    output.out(allocateUsage());
    return EXIT_OK;
  }
  // The scenario's flags as given: the engine's spec, and the report's record of the flags.
  const spec = scenarioValues(flags);
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const sort = flags.value(SORT_FLAG) ?? null;

  const xlsxFile = flags.value(XLSX_FLAG);
  const force = flags.has(FORCE_FLAG);
  if (force && xlsxFile === undefined) {
    throw new UsageError(`--${FORCE_FLAG.name}: only with --${XLSX_FLAG.name} FILE (it allows overwriting FILE).`);
  }
  if (xlsxFile !== undefined) refuseFolder(xlsxFile);

  // --eu-add @FILE reads the instruments from a file, one a line; the report keeps the flag as given.
  // The user's data, read once (its reader is loaded only when a data flag is given).
  const edition = await editionFromFlags(flags, output);
  if (edition !== undefined && xlsxFile !== undefined) {
    throw new UsageError(
      `--${XLSX_FLAG.name}: the portable copy cannot carry your own data yet (--data, --eu-data, --aid-data); ` +
        "write it from the embedded data, or leave out --xlsx."
    );
  }
  const scenarioSpec = { ...withEuAddFile(spec), edition } satisfies ScenarioSpec;
  const result = runScenario(scenarioSpec);
  const report = buildReport(result, spec, sort);
  if (xlsxFile !== undefined) await writePortableWorkbook(xlsxFile, force, scenarioSpec, result);
  const render = { table: renderTable, csv: (r: typeof report) => renderCsv(r, csv), json: renderJson }[format];
  output.out(render(report));
  if (xlsxFile !== undefined) output.err(`fair-share: wrote the portable workbook ${xlsxFile}\n`);
  return EXIT_OK;
}

async function writePortableWorkbook(
  file: string,
  force: boolean,
  spec: ScenarioSpec,
  result: ScenarioResult
): Promise<void> {
  const [{ describePortableWorkbook }, { renderXlsx }] = await Promise.all([
    import("../workbook/portable"),
    import("../workbook/portable-xlsx"),
  ]);
  const { workbook } = describePortableWorkbook(spec, result, { version: packageVersion(), date: new Date() });
  const bytes = await renderXlsx(workbook);
  try {
    // "wx" fails when the file exists, in the same call that creates it.
    writeFileSync(file, bytes, { flag: force ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new UsageError(
        `--${XLSX_FLAG.name}: ${file} exists; add --${FORCE_FLAG.name} to overwrite it, or choose another name.`
      );
    }
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "EPERM") {
      throw new UsageError(`--${XLSX_FLAG.name}: cannot write ${file} (${code}); check the folder and permissions.`);
    }
    throw error;
  }
}

/** --xlsx names a file: a folder is refused at once, --force or not, rather than after the work when writing fails. */
function refuseFolder(file: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(file).isDirectory();
  } catch {
    // Nothing there yet (or nothing readable): writing it says what is wrong.
  }
  if (isFolder) {
    throw new UsageError(
      `--${XLSX_FLAG.name}: ${file} is a folder; give a file name, e.g. --${XLSX_FLAG.name} ${join(file, XLSX_FLAG.example)}.`
    );
  }
}
