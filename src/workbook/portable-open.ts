/**
 * "Open portable copy" for the task pane: the portable workbook of a scenario, opened in Excel with
 * Excel.createWorkbook (downloads from the pane are unreliable in Office on Mac), or, outside Excel, downloaded.
 * The host calls are passed in, so the pane's adapter stays the only code that touches Office globals and this stays
 * testable.
 */
import type { ScenarioSpec } from "../engine";
import { buildPortableWorkbook, type PortableOptions } from "./portable";
import { renderXlsx, renderXlsxBase64 } from "./portable-xlsx";

/** The file name offered for a download. */
export const PORTABLE_FILE_NAME = "fair-share-portable.xlsx";

/** The portable workbook of a scenario as base64, what Excel.createWorkbook takes. */
export async function portableCopyBase64(spec: ScenarioSpec, options: PortableOptions): Promise<string> {
  return renderXlsxBase64(buildPortableWorkbook(spec, options).workbook);
}

/** The portable workbook of a scenario as .xlsx bytes. */
export async function portableCopyBytes(spec: ScenarioSpec, options: PortableOptions): Promise<Uint8Array> {
  return renderXlsx(buildPortableWorkbook(spec, options).workbook);
}

export interface PortableHost {
  /** Excel.createWorkbook where the host has it (ExcelApi 1.8); undefined outside Excel. */
  readonly createWorkbook?: (base64: string) => Promise<void>;
  /** Saves bytes as a file (a browser download); used when createWorkbook is not there. */
  readonly download: (bytes: Uint8Array, fileName: string) => void;
}

/** Opens the portable copy in Excel when it can, else downloads it; says which it did. */
export async function openPortableCopy(
  spec: ScenarioSpec,
  options: PortableOptions,
  host: PortableHost
): Promise<"opened" | "downloaded"> {
  if (host.createWorkbook) {
    await host.createWorkbook(await portableCopyBase64(spec, options));
    return "opened";
  }
  host.download(await portableCopyBytes(spec, options), PORTABLE_FILE_NAME);
  return "downloaded";
}

/** A browser download of bytes (outside Excel): an object URL on a temporary link. */
export function browserDownload(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next turn, after the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
