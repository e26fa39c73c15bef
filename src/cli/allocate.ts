/**
 * `fair-share allocate`: flags -> spec -> engine -> table, csv or json, and with --xlsx a portable workbook; with
 * --workbook FILE the scenario is a portable copy's instead of the flags' (allocate-workbook.ts). The workbook modules (the portable-copy builder, the .xlsx writer and its zip library) are loaded only when --xlsx is
 * given: the command's start-up stays the engine's.
 */
import { statSync, writeFileSync } from "fs";
import { join } from "path";

import { type ScenarioResult, type ScenarioSpec, isParameterName, runScenario } from "../engine";
import type { PortableStore } from "../workbook/portable/store-sheet";
import { type ParsedFlags, UsageError, parseFlags, scenarioValues } from "./args";
import {
  ALLOCATE,
  APPEND_FLAG,
  COMMENT_FLAG,
  DATA_FLAGS,
  FORCE_FLAG,
  SAVE_SCENARIO_FLAG,
  SCENARIO_FLAG,
  SORT_FLAG,
  WORKBOOK_FLAG,
  XLSX_FLAG,
} from "./flags";
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
  const workbookFile = flags.value(WORKBOOK_FLAG);
  if (workbookFile !== undefined) refuseScenarioFlags(flags);
  // The scenario's flags as given: the engine's spec, and the report's record of the flags.
  const spec = scenarioValues(flags);
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const sort = flags.value(SORT_FLAG) ?? null;

  const xlsxFile = flags.value(XLSX_FLAG);
  const force = flags.has(FORCE_FLAG);
  const storedName = flags.value(SCENARIO_FLAG);
  const saveName = flags.value(SAVE_SCENARIO_FLAG);
  const append = flags.has(APPEND_FLAG);
  const storeFlags =
    storedName !== undefined || saveName !== undefined || flags.value(COMMENT_FLAG) !== undefined || append;
  if (force && xlsxFile === undefined) {
    throw new UsageError(`--${FORCE_FLAG.name}: only with --${XLSX_FLAG.name} FILE (it allows overwriting FILE).`);
  }
  // The store's modules are loaded only when one of its flags is given.
  const store = storeFlags ? await import("./allocate-store") : undefined;
  store?.checkStoreFlags({
    workbook: workbookFile !== undefined,
    xlsx: xlsxFile !== undefined,
    scenario: storedName !== undefined,
    save: saveName !== undefined,
    comment: flags.value(COMMENT_FLAG) !== undefined,
    append,
  });
  if (xlsxFile !== undefined) refuseFolder(xlsxFile);

  // --eu-add @FILE reads the instruments from a file, one a line; the report keeps the flag as given.
  // The user's data, read once (its reader is loaded only when a data flag is given).
  let scenarioSpec: ScenarioSpec;
  let result: ScenarioResult;
  let parameters = spec;
  let copyStore: PortableStore | undefined;
  if (workbookFile !== undefined && storedName !== undefined && store !== undefined) {
    const run = await store.runStoredScenario(workbookFile, storedName, output);
    ({ result, parameters, store: copyStore } = run);
    scenarioSpec = run.spec;
  } else if (workbookFile !== undefined) {
    // A portable copy states the whole scenario: its reader is loaded only for it.
    const { workbookScenario } = await import("./allocate-workbook");
    const read = await workbookScenario(workbookFile, output);
    ({ result } = read);
    scenarioSpec = read.copy.spec;
    parameters = read.copy.parameters;
    copyStore = read.store;
  } else {
    const edition = await editionFromFlags(flags, output);
    scenarioSpec = { ...withEuAddFile(spec), edition } satisfies ScenarioSpec;
    result = runScenario(scenarioSpec);
  }
  if (saveName !== undefined && xlsxFile !== undefined && store !== undefined) {
    const comment = flags.value(COMMENT_FLAG) ?? "";
    copyStore = await store.storeWithScenario(
      xlsxFile,
      append,
      { name: saveName, comment, parameters },
      result,
      output
    );
  }
  const report = buildReport(result, parameters, sort);
  if (xlsxFile !== undefined) {
    await writePortableWorkbook(xlsxFile, force || append, scenarioSpec, result, copyStore);
  }
  const render = { table: renderTable, csv: (r: typeof report) => renderCsv(r, csv), json: renderJson }[format];
  output.out(render(report));
  if (xlsxFile !== undefined) output.err(`fair-share: wrote the portable workbook ${xlsxFile}\n`);
  return EXIT_OK;
}

async function writePortableWorkbook(
  file: string,
  force: boolean,
  spec: ScenarioSpec,
  result: ScenarioResult,
  store: PortableStore | undefined
): Promise<void> {
  const [{ describePortableWorkbook }, { renderXlsx }] = await Promise.all([
    import("../workbook/portable"),
    import("../workbook/portable-xlsx"),
  ]);
  const { workbook } = describePortableWorkbook(spec, result, {
    version: packageVersion(),
    date: new Date(),
    ...(store === undefined ? {} : { store }),
  });
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

/** A portable copy states the scenario and its figures: scenario and data flags beside --workbook are refused. */
function refuseScenarioFlags(flags: ParsedFlags): void {
  const scenarioFlags = [...flags.values.keys(), ...flags.switches].filter(
    (name) => isParameterName(name) || DATA_FLAGS.flags.some((flag) => flag.name === name)
  );
  if (scenarioFlags.length > 0) {
    const named = scenarioFlags.map((name) => `--${name}`).join(", ");
    throw new UsageError(
      `--${WORKBOOK_FLAG.name}: the copy states the scenario and its figures, so ${named} cannot be given with it; ` +
        "edit the copy's yellow cells instead, or leave out --workbook."
    );
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
