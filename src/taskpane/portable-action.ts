/**
 * The pane's "Open portable copy": loaded with a dynamic import when the button is pressed, so the portable copy's
 * builder and .xlsx writer (with the zip library) stay out of the pane's first render and the functions bundle.
 */
import packageJson from "../../package.json";
import type { ScenarioSpec } from "../engine";
import { PORTABLE_FILE_NAME, browserDownload, openPortableCopy } from "../workbook/portable-open";

/**
 * Opens the scenario's portable copy with createWorkbook (the Office adapter's Excel.createWorkbook) when given, else
 * downloads it; says which.
 */
export async function openPortable(
  spec: ScenarioSpec,
  createWorkbook: ((base64: string) => Promise<void>) | undefined
): Promise<string> {
  const done = await openPortableCopy(
    spec,
    { version: packageJson.version, date: new Date() },
    { createWorkbook, download: browserDownload }
  );
  return done === "opened"
    ? "Opened the portable copy in a new workbook."
    : `Downloaded the portable copy as ${PORTABLE_FILE_NAME}.`;
}
