/**
 * The scenario store on the command line's allocate: --save-scenario NAME [--comment TEXT] [--append] stores the
 * flags' scenario in the copy --xlsx writes; --workbook FILE --scenario NAME computes a stored scenario exactly as
 * the flags that stored it would. Loaded only when one of these flags is given.
 */
import { existsSync } from "fs";
import { userInfo } from "os";

import {
  dataVintage,
  isFairShareError,
  runScenario,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
} from "../engine";
import type { CellValue } from "../workbook/description";
import { PORTABLE_SHEET } from "../workbook/portable";
import type { PortableStore } from "../workbook/portable/store-sheet";
import {
  STORE_SHEET,
  findScenario,
  freeName,
  headerForWriting,
  nameProblem,
  storeHeader,
  storeRow,
  storeTime,
  storedParameters,
  type StoredScenario,
} from "../workbook/scenario-store";
import { UsageError } from "./args";
import { APPEND_FLAG, COMMENT_FLAG, SAVE_SCENARIO_FLAG, SCENARIO_FLAG, XLSX_FLAG } from "./flags";
import type { Output } from "./output";
import { currentVintage, readStoreFile, reportStoreProblems, storedScenario, type StoreFile } from "./store-file";

const SAVE = `--${SAVE_SCENARIO_FLAG.name}`;

/** The user's name on this machine, the store's author ("" when the system gives none). */
function author(): string {
  try {
    return userInfo().username;
  } catch {
    return "";
  }
}

/** A stored scenario of --workbook FILE --scenario NAME, computed; with the store to carry into a new copy. */
export interface StoredRun {
  readonly spec: ScenarioSpec;
  readonly parameters: Readonly<Partial<Record<ParameterName, string>>>;
  readonly result: ScenarioResult;
  readonly store: PortableStore;
}

/**
 * Computes the stored scenario NAME of FILE: its parameters as stored, on the embedded data when it was stored with
 * the data this Fair Share carries (the run then equals allocate with the same flags); otherwise on the figures the
 * copy carries in its tables, with a warning naming both vintages.
 */
export async function runStoredScenario(file: string, name: string, output: Output): Promise<StoredRun> {
  const flag = `--${SCENARIO_FLAG.name}`;
  const read = await readStoreFile(file, flag);
  reportStoreProblems(read, output);
  const stored = storedScenario(read, name, flag);
  const vintage = currentVintage();
  const euAdd = stored.parameters["eu-add"];
  if (euAdd?.startsWith("@")) {
    throw new UsageError(
      `${flag}: "${stored.name}" reads its EU instruments from a file (eu-add ${euAdd}), which the copy does not carry;` +
        ` run its flags with that file instead: fair-share allocate --eu-add ${euAdd} ...`
    );
  }
  const ownData = stored.parameters.data !== undefined;
  let spec: ScenarioSpec = stored.parameters;
  if (stored.vintage !== vintage || ownData) {
    if (!ownData) {
      output.err(
        `fair-share: warning: "${stored.name}" was stored with the data ${stored.vintage || "(not recorded)"}; this` +
          ` Fair Share carries ${vintage}: computed on the figures the copy carries.\n`
      );
    }
    const { workbookScenario } = await import("./allocate-workbook");
    const copy = await workbookScenario(file, output);
    // The copy's tables carry the figures of the data file it was written with.
    const rest = Object.fromEntries(Object.entries(stored.parameters).filter(([name]) => name !== "data"));
    spec = { ...rest, ...(copy.copy.spec.edition ? { edition: copy.copy.spec.edition } : {}) };
  }
  let result: ScenarioResult;
  try {
    result = runScenario(spec);
  } catch (error) {
    if (!isFairShareError(error) || error.code === "INTERNAL") throw error;
    throw new UsageError(
      `${flag}: "${stored.name}" (${file}, sheet '${STORE_SHEET}', row ${stored.row}): ${error.message}`
    );
  }
  return { spec, parameters: stored.parameters, result, store: { grid: read.store?.grid ?? [], shown: stored.name } };
}

/** The flags of the store, checked together: what each needs beside it. */
export function checkStoreFlags(given: {
  readonly workbook: boolean;
  readonly xlsx: boolean;
  readonly scenario: boolean;
  readonly save: boolean;
  readonly comment: boolean;
  readonly append: boolean;
}): void {
  const need = (flag: string, other: string, why: string): never => {
    throw new UsageError(`--${flag}: only with --${other} (${why}).`);
  };
  if (given.scenario && !given.workbook)
    need(SCENARIO_FLAG.name, "workbook FILE", "it names a scenario stored in FILE");
  if (given.save && !given.xlsx) need(SAVE_SCENARIO_FLAG.name, `${XLSX_FLAG.name} FILE`, "the copy stores it");
  if (given.comment && !given.save) need(COMMENT_FLAG.name, `${SAVE_SCENARIO_FLAG.name} NAME`, "it is stored with it");
  if (given.append && !given.save) need(APPEND_FLAG.name, `${SAVE_SCENARIO_FLAG.name} NAME`, "it adds NAME");
  if (given.save && given.workbook) {
    throw new UsageError(
      `${SAVE}: stores the scenario the flags state; a copy's own scenarios are carried over by --workbook FILE` +
        ` --xlsx NEW. To store a new one, give its flags: fair-share allocate --credit 50% --xlsx FILE ${SAVE} NAME --append.`
    );
  }
}

/** The store of a copy --xlsx FILE --save-scenario NAME writes: a new one, or FILE's with NAME added (--append). */
export async function storeWithScenario(
  file: string,
  append: boolean,
  scenario: Omit<StoredScenario, "created" | "modified" | "author" | "vintage">,
  result: ScenarioResult,
  output: Output
): Promise<PortableStore> {
  const problem = nameProblem(scenario.name);
  if (problem !== undefined) throw new UsageError(`${SAVE}: "${scenario.name}" cannot be used: ${problem}.`);
  const now = storeTime(new Date());
  const stored: StoredScenario = {
    ...scenario,
    parameters: storedParameters(scenario.parameters),
    created: now,
    modified: now,
    author: author(),
    vintage: dataVintage(result.scenario.edition),
  };
  if (!append) return { grid: [storeHeader(), storeRow(stored, storeHeader())], shown: stored.name };
  const read = await appendTarget(file);
  reportStoreProblems(read, output);
  const existing = read.store;
  const taken = existing === undefined ? undefined : findScenario(existing, stored.name);
  if (existing !== undefined && taken !== undefined) {
    const free = freeName(
      stored.name,
      existing.scenarios.map((s) => s.name)
    );
    throw new UsageError(
      `${SAVE}: "${taken.name}" is already stored in ${file} (row ${taken.row}); choose another name, e.g. "${free}".`
    );
  }
  const header = headerForWriting(existing?.header ?? []);
  const rows: CellValue[][] = (existing?.grid.slice(1) ?? []).map((row) =>
    header.map((_, column) => row[column] ?? null)
  );
  return { grid: [header, ...rows, storeRow(stored, header)], shown: stored.name };
}

/** The copy --append adds to: it must exist, be a portable copy, and have a store header that reads. */
async function appendTarget(file: string): Promise<StoreFile> {
  const flag = `--${APPEND_FLAG.name}`;
  if (!existsSync(file)) {
    throw new UsageError(`${flag}: ${file} does not exist; leave out ${flag} to write a new copy.`);
  }
  const read = await readStoreFile(file, flag);
  if (!read.workbook.sheets.some((sheet) => sheet.name === PORTABLE_SHEET)) {
    throw new UsageError(
      `${flag}: ${file} is not a Fair Share portable copy (it has no '${PORTABLE_SHEET}' sheet), and ${flag} would` +
        " replace it; give a copy's file, or leave out --append to write a new one."
    );
  }
  const headerFault = read.store?.problems.find(({ row }) => row === 1);
  if (headerFault !== undefined) {
    throw new UsageError(
      `${flag}: ${file}, sheet '${STORE_SHEET}', row 1: ${headerFault.reason}; mend the header first.`
    );
  }
  return read;
}
