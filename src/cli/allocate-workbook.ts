/**
 * `fair-share allocate --workbook FILE`: the scenario a portable copy states, read by src/workbook/portable-read.ts,
 * computed by the engine and reported as allocate reports its flags' scenario. Loaded only when --workbook is given.
 * A copy it cannot read, and an engine error on what it read, are usage errors (exit 2) naming the sheet and cell.
 */
import { readFileSync, statSync } from "fs";

import { isFairShareError, runScenario, type ScenarioResult } from "../engine";
import { type PortableCopy, PortableReadError, readPortableCopy } from "../workbook/portable-read";
import { UsageError } from "./args";
import { WORKBOOK_FLAG } from "./flags";
import type { Output } from "./output";
import type { PortableStore } from "../workbook/portable/store-sheet";

/** The copy's bytes, or a usage error naming the flag. */
function copyBytes(file: string): Uint8Array {
  try {
    if (statSync(file).isDirectory()) {
      throw new UsageError(`--${WORKBOOK_FLAG.name}: ${file} is a folder; give the .xlsx file.`);
    }
    return readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError(
      `--${WORKBOOK_FLAG.name}: cannot read the file ${file} (${code}); check the name and permissions.`
    );
  }
}

/** Reads the copy and computes its scenario; the user's data it carries is warned about as --data's would be. */
export async function workbookScenario(
  file: string,
  output: Output
): Promise<{ copy: PortableCopy; result: ScenarioResult; store: PortableStore | undefined }> {
  let copy: PortableCopy;
  try {
    copy = await readPortableCopy(copyBytes(file), file);
  } catch (error) {
    if (error instanceof PortableReadError) throw new UsageError(`--${WORKBOOK_FLAG.name}: ${error.message}`);
    if (isFairShareError(error) && error.code !== "INTERNAL") {
      throw new UsageError(`--${WORKBOOK_FLAG.name}: ${error.message}`);
    }
    throw error;
  }
  for (const warning of copy.spec.edition?.warnings ?? []) output.err(`fair-share: warning: ${warning}\n`);
  try {
    // A copy written again carries the scenarios this one stores, every row as it is.
    const store = copy.store === undefined ? undefined : { grid: copy.store.grid };
    return { copy, result: runScenario(copy.spec), store };
  } catch (error) {
    if (!isFairShareError(error) || error.code === "INTERNAL") throw error;
    const cell = copy.cellOf(error.argument);
    const place = cell === undefined ? copy.source : `${copy.source}, cell ${cell}`;
    throw new UsageError(`--${WORKBOOK_FLAG.name}: ${place}: ${error.message}`);
  }
}
