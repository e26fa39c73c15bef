/**
 * `fair-share allocate`: flags -> spec -> engine -> table, csv or json, and with --xlsx a portable workbook. The
 * workbook modules (ExcelJS and the portable-copy builder) are loaded only when --xlsx is given: they take most of the
 * command's start-up otherwise.
 */
import { readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";

import {
  type Edition,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
  isParameterName,
  runScenario,
} from "../engine";
import { UsageError, parseFlags } from "./args";
import { ALLOCATE, FORCE_FLAG, SORT_FLAG, XLSX_FLAG } from "./flags";
import type { DataFiles } from "./data-files";
import { renderCsv, renderJson, renderTable } from "./format";
import { allocateUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";
import { packageVersion } from "./package-version";
import { buildReport } from "./report";

export async function allocateCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, ALLOCATE);
  if (flags.help) {
    output.out(allocateUsage());
    return EXIT_OK;
  }
  // The scenario's flags as given: the engine's spec, and the report's record of the flags.
  const spec: Partial<Record<ParameterName, string>> = {};
  for (const [name, value] of flags.values) if (isParameterName(name)) spec[name] = value;
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
  const euAdd = spec["eu-add"];
  const euAddValue = euAdd?.startsWith("@") ? readEuAddFile(euAdd.slice(1)) : euAdd;
  // The user's data, read once (its reader is loaded only when a data flag is given).
  const files: DataFiles = {
    data: spec.data,
    euData: flags.values.get("eu-data"),
    aidData: flags.values.get("aid-data"),
  };
  let edition: Edition | undefined;
  if (files.data !== undefined || files.euData !== undefined || files.aidData !== undefined) {
    const { loadEdition } = await import("./data-files");
    edition = loadEdition(files, output);
    if (xlsxFile !== undefined) {
      throw new UsageError(
        `--${XLSX_FLAG.name}: the portable copy cannot carry your own data yet (--data, --eu-data, --aid-data); ` +
          "write it from the embedded data, or leave out --xlsx."
      );
    }
  }
  const scenarioSpec = { ...spec, "eu-add": euAddValue, edition } satisfies ScenarioSpec;
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

/** An --eu-add file: one instrument a line in the --eu-add form; blank lines and lines starting with # are skipped. */
function readEuAddFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(
      `--eu-add: cannot read the file "${path}". Give an existing file after @, e.g. @instruments.txt.`
    );
  }
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  if (lines.length === 0) {
    throw new UsageError(
      `--eu-add: the file "${path}" lists no instrument. Write one a line: ID AMOUNT YEARS [states].`
    );
  }
  return lines.join("\n");
}
