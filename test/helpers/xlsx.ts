/**
 * Test helpers for .xlsx files: read every cell's stored value (the cached result of a formula) straight from the
 * sheet XML, and recompute a file in LibreOffice with a forced full recalculation.
 *
 * The values are read from the XML rather than through ExcelJS because ExcelJS drops falsy cached results (0, FALSE,
 * "") when it reads a file.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";

import JSZip from "jszip";

export type StoredValue = string | number | boolean | null;

export interface StoredCell {
  readonly value: StoredValue;
  readonly formula?: string;
}

export type StoredSheets = Map<string, Map<string, StoredCell>>;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&");
}

/** Every sheet's cells with their stored values and formulas, by sheet name and address. */
export async function readStoredCells(bytes: Uint8Array | Buffer): Promise<StoredSheets> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string): Promise<string> => (await zip.file(path)?.async("string")) ?? "";
  const shared: string[] = [];
  for (const item of (await text("xl/sharedStrings.xml")).match(/<si>[\s\S]*?<\/si>/g) ?? []) {
    shared.push(decode((item.match(/<t[^>]*>([\s\S]*?)<\/t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, "")).join("")));
  }
  const workbookXml = await text("xl/workbook.xml");
  const rels = await text("xl/_rels/workbook.xml.rels");
  const sheets: StoredSheets = new Map();
  for (const match of workbookXml.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"[^>]*\/>/g)) {
    const [, name, id] = match;
    const target =
      new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    if (!target) throw new Error(`no part for sheet ${name}`);
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    const xml = await text(path);
    const cells = new Map<string, StoredCell>();
    for (const cell of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, address, attributes, inner = ""] = cell;
      const type = /\bt="([^"]+)"/.exec(attributes)?.[1] ?? "n";
      const formula = /<f[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1];
      const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const inline = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1];
      let value: StoredValue = null;
      if (type === "s" && raw !== undefined) value = shared[Number(raw)];
      else if (type === "b" && raw !== undefined) value = raw === "1";
      else if ((type === "str" || type === "e") && raw !== undefined) value = decode(raw);
      else if (type === "inlineStr" && inline !== undefined) value = decode(inline.replace(/<[^>]+>/g, ""));
      else if (raw !== undefined) value = Number(raw);
      cells.set(address, formula === undefined ? { value } : { value, formula: decode(formula) });
    }
    sheets.set(decode(name), cells);
  }
  return sheets;
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
 * Opens each file in LibreOffice with "recalculate on load: always" (OOXMLRecalcMode 0) and saves it again as .xlsx, so
 * every stored formula result is LibreOffice's own. One soffice run converts the files one after another, with a
 * throwaway profile under the OS temp dir; runs are synchronous, so two never share a profile.
 */
export function recomputeInLibreOffice(files: readonly (Uint8Array | Buffer)[]): Buffer[] {
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
        "xlsx",
        "--outdir",
        join(work, "out"),
        ...inputs,
      ],
      { stdio: "pipe", timeout: 300_000 }
    );
    return files.map((_, index) => readFileSync(join(work, "out", `book${index}.xlsx`)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
