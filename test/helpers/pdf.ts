/**
 * How a workbook prints: LibreOffice renders .xlsx files to PDF (every visible sheet, after a full recalculation, as
 * File > Export as PDF would), and poppler's pdfinfo and pdftotext read back each page's size and text.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { convertInLibreOffice } from "./xlsx";

export interface PdfPage {
  /** In points (1/72 inch). */
  readonly width: number;
  readonly height: number;
  /** The page's text, laid out as on the page (pdftotext -layout). */
  readonly text: string;
}

/** The pages of a PDF file. */
export function pdfPages(pdf: Uint8Array | Buffer): PdfPage[] {
  const work = mkdtempSync(join(tmpdir(), "fair-share-pdf-"));
  try {
    const file = join(work, "book.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const count = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    if (!(count > 0)) throw new Error(`pdfinfo found no pages:\n${info}`);
    const sizes = [
      ...execFileSync("pdfinfo", ["-f", "1", "-l", String(count), file], { encoding: "utf8" }).matchAll(
        /^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm
      ),
    ].map((match) => ({ width: Number(match[1]), height: Number(match[2]) }));
    // pdftotext ends every page with a form feed.
    const texts = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\f");
    if (sizes.length !== count) throw new Error(`pdfinfo gave ${sizes.length} page sizes for ${count} pages`);
    return sizes.map((size, index) => ({ ...size, text: texts[index] ?? "" }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Each workbook rendered to PDF by LibreOffice (one soffice run for all), as its pages. */
export function renderPdfInLibreOffice(files: readonly (Uint8Array | Buffer)[]): PdfPage[][] {
  return convertInLibreOffice(files, "pdf").map(pdfPages);
}
