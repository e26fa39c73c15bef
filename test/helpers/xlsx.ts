/**
 * Test helpers for .xlsx files: every cell's stored value (the cached result of a formula) through the project's
 * reader, and LibreOffice runs: recompute files with a forced full recalculation, or convert them to another format.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";

import JSZip from "jszip";

import { readXlsx } from "../../src/workbook/xlsx-read";

export type StoredValue = string | number | boolean | null;

export interface StoredCell {
  readonly value: StoredValue;
  readonly formula?: string;
}

export type StoredSheets = Map<string, Map<string, StoredCell>>;

/** Every sheet's cells with their stored values (an error as its text) and formulas, by sheet name and address. */
export async function readStoredCells(bytes: Uint8Array | Buffer): Promise<StoredSheets> {
  const workbook = await readXlsx(bytes);
  return new Map(
    workbook.sheets.map((sheet) => [
      sheet.name,
      new Map(
        [...sheet.cells].map(([address, cell]) => [
          address,
          cell.formula === undefined ? { value: cell.value } : { value: cell.value, formula: cell.formula },
        ])
      ),
    ])
  );
}

/** Every entry's text in the zip, for searching the whole file (e.g. for `_xldudf_`). */
export async function allPartsText(bytes: Uint8Array | Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((file) => file.async("string")));
  return parts.join("\n");
}

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens each .xlsx file in LibreOffice with "recalculate on load: always" (OOXMLRecalcMode 0) and converts it to
 * `format` (xlsx, pdf, ...), returning the converted files in order. One soffice run converts the files one after
 * another (its start-up dominates), with a throwaway profile under the OS temp dir; runs are synchronous, so two never
 * share a profile.
 */
export function convertInLibreOffice(files: readonly (Uint8Array | Buffer)[], format: string): Buffer[] {
  const work = mkdtempSync(join(tmpdir(), "fair-share-lo-"));
  try {
    const profile = join(work, "profile");
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), PROFILE_SETTINGS);
    mkdirSync(join(work, "in"));
    mkdirSync(join(work, "out"));
    const inputs = files.map((bytes, index) => {
      const input = join(work, "in", `book${index}.xlsx`);
      writeFileSync(input, bytes);
      return input;
    });
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--calc",
        "--convert-to",
        format,
        "--outdir",
        join(work, "out"),
        ...inputs,
      ],
      { stdio: "pipe", timeout: 300_000 }
    );
    return files.map((_, index) => readFileSync(join(work, "out", `book${index}.${format}`)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Each file recomputed by LibreOffice (full recalculation) and saved again as .xlsx: every stored result is its own. */
export function recomputeInLibreOffice(files: readonly (Uint8Array | Buffer)[]): Buffer[] {
  return convertInLibreOffice(files, "xlsx");
}
