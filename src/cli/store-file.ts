/**
 * The scenario store of a workbook file, for the commands that read or extend one (scenarios list, allocate
 * --workbook --scenario, --save-scenario --append): the file read, its store found, its problems reported on stderr.
 * Loaded only by those commands.
 */
import { readFileSync, statSync } from "fs";

import { dataVintage, embeddedEdition } from "../engine";
import { STORE_SHEET, findScenario, problemLines, type StoredRow } from "../workbook/scenario-store";
import { workbookStore, type FileStore } from "../workbook/store-file";
import { XlsxReadError, readXlsx, type XlsxWorkbook } from "../workbook/xlsx-read";
import { UsageError } from "./args";
import type { Output } from "./output";

/** A workbook file read, with its store (undefined when it has no Scenarios sheet). */
export interface StoreFile {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly workbook: XlsxWorkbook;
  readonly store: FileStore | undefined;
}

/** Reads FILE as an .xlsx workbook; what goes wrong is a usage error naming `flag` (or the command) and the file. */
export async function readStoreFile(file: string, flag: string): Promise<StoreFile> {
  let bytes: Uint8Array;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${flag}: ${file} is a folder; give the .xlsx file.`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError(`${flag}: cannot read the file ${file} (${code}); check the name and permissions.`);
  }
  try {
    const workbook = await readXlsx(bytes);
    return { file, bytes, workbook, store: workbookStore(workbook) };
  } catch (error) {
    if (error instanceof XlsxReadError) throw new UsageError(`${flag}: ${file}: ${error.message}`);
    throw error;
  }
}

/** Each unreadable row (and each note) of the store as a warning on stderr, naming the file and sheet. */
export function reportStoreProblems(read: StoreFile, output: Output): void {
  if (read.store === undefined) return;
  for (const line of problemLines(read.store)) {
    output.err(`fair-share: warning: ${read.file}, sheet '${STORE_SHEET}', ${line}\n`);
  }
}

/** The data vintage this Fair Share carries. */
export function currentVintage(): string {
  return dataVintage(embeddedEdition());
}

/** The stored scenario NAME of the file, or a usage error listing the names stored (and a row that holds it unread). */
export function storedScenario(read: StoreFile, name: string, flag: string): StoredRow {
  if (read.store === undefined) {
    throw new UsageError(
      `${flag}: ${read.file} stores no scenarios (it has no '${STORE_SHEET}' sheet); write one with` +
        ` fair-share allocate ... --xlsx ${read.file} --save-scenario NAME.`
    );
  }
  const found = findScenario(read.store, name);
  if (found !== undefined) return found;
  const key = name.trim().toLocaleLowerCase("en");
  const nameColumn = read.store.header.indexOf("Name");
  const unread = read.store.problems.find(
    ({ row }) =>
      String(read.store?.grid[row - 1]?.[nameColumn] ?? "")
        .trim()
        .toLocaleLowerCase("en") === key
  );
  if (unread !== undefined) {
    throw new UsageError(`${flag}: the row ${unread.row} named "${name}" cannot be read: ${unread.reason}.`);
  }
  const names = read.store.scenarios.map((scenario) => `"${scenario.name}"`);
  throw new UsageError(
    `${flag}: no scenario "${name}" is stored in ${read.file}; ` +
      (names.length > 0 ? `it stores ${names.join(", ")}.` : "it stores none that can be read.")
  );
}
