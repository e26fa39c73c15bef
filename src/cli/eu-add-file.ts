/** --eu-add @FILE, which allocate and track both take: the instruments read from a file, one a line. */
import { readFileSync } from "fs";

import type { ParameterName } from "../engine";
import { UsageError } from "./args";

/** The flags' values with an --eu-add of @FILE replaced by the file's instruments (the report keeps the flag as given). */
export function withEuAddFile(
  values: Readonly<Partial<Record<ParameterName, string>>>
): Partial<Record<ParameterName, string>> {
  const euAdd = values["eu-add"];
  return euAdd?.startsWith("@") ? { ...values, "eu-add": readEuAddFile(euAdd.slice(1)) } : { ...values };
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
