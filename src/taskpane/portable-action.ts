/**
 * The pane's "Open portable copy": loaded with a dynamic import when the button is pressed, because the .xlsx writer
 * (ExcelJS) is larger than the rest of the pane; the pane's first render and the functions bundle never carry it.
 */
import { version } from "../../package.json";
import type { ScenarioSpec } from "../engine/scenario";
import { workbookCreator, type ExcelLike } from "../workbook/office";
import { PORTABLE_FILE_NAME, browserDownload, openPortableCopy } from "../workbook/portable-open";

/** Opens the scenario's portable copy in a new Excel workbook, or downloads it outside Excel; says which. */
export async function openPortable(spec: ScenarioSpec, excel: ExcelLike | null): Promise<string> {
  const done = await openPortableCopy(
    spec,
    { version, date: new Date() },
    { createWorkbook: workbookCreator(excel), download: browserDownload }
  );
  return done === "opened"
    ? "Opened the portable copy in a new workbook."
    : `Downloaded the portable copy as ${PORTABLE_FILE_NAME}.`;
}
