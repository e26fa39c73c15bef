/**
 * Reads an .xlsx file: its sheets (name, visibility) with every cell's stored value and formula, and its defined
 * names. It reads what this project writes and what Excel and LibreOffice write when they save a file: shared strings
 * (rich text runs included, phonetic runs left out), inline strings, formula results of every type, shared formulas
 * (each cell's formula moved from the shared one), rows and cells without an `r` attribute, namespace prefixes on
 * elements, and the `_xHHHH_` escapes of cell text.
 *
 * The values are what the file stores: a formula's value is its cached result, whatever program last computed it. An
 * error is its text (#N/A) with the type "error". Formulas are as stored, without "=".
 *
 * writeCellValue changes one cell's value in an existing file and keeps every other byte of its sheet, as a user's
 * edit would: for tests that edit a written copy and let a spreadsheet recompute it.
 */
import JSZip from "jszip";

import { cellAddress, parseAddress, type CellValue } from "./description";
import { shiftFormula } from "./xlsx-formula";
import { numberText, textElement } from "./xlsx-sheet";
import { childNamed, childrenNamed, localName, parseXml, XmlError, type XmlElement } from "./xml";

export type XlsxValueType = "number" | "string" | "boolean" | "error" | "empty";

export interface XlsxCell {
  readonly value: CellValue;
  readonly type: XlsxValueType;
  /** The formula as stored, without "=" (a shared formula moved to this cell). */
  readonly formula?: string;
}

export interface XlsxSheet {
  readonly name: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  /** By A1 address, in the file's order (row by row). */
  readonly cells: ReadonlyMap<string, XlsxCell>;
}

export interface XlsxDefinedName {
  readonly name: string;
  /** The sheet a sheet-scoped name belongs to; undefined for a workbook-scoped name. */
  readonly scopeSheet?: string;
  /** What the name refers to, as stored ('Fair Share'!$B$5). */
  readonly refersTo: string;
  /** When it refers to one range of one sheet: that sheet and the range without $ ("B5", "A20:A51"). */
  readonly target?: { readonly sheet: string; readonly range: string };
  readonly hidden: boolean;
}

export interface XlsxWorkbook {
  readonly sheets: readonly XlsxSheet[];
  readonly names: readonly XlsxDefinedName[];
}

/** A file that is not an .xlsx workbook this reader understands; the message names the part and the fault. */
export class XlsxReadError extends Error {}

type Bytes = Uint8Array | ArrayBuffer;

/** Loads the zip; a file that is not one is refused in words. */
async function loadZip(bytes: Bytes): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new XlsxReadError(`not an .xlsx file: it is not a zip archive (${(error as Error).message})`);
  }
}

async function partText(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async("string");
}

async function partXml(zip: JSZip, path: string): Promise<XmlElement> {
  const text = await partText(zip, path);
  if (text === undefined) throw new XlsxReadError(`not an .xlsx file: it has no ${path}`);
  try {
    return parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new XlsxReadError(`${path} is not well-formed XML: ${error.message}`);
    throw error;
  }
}

/** The folder of a part ("xl/workbook.xml" is in "xl"). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** A relationship's target as a path in the zip: relative to the source part's folder, or absolute from the root. */
function resolveTarget(source: string, target: string): string {
  const parts = target.startsWith("/") ? [] : folderOf(source).split("/").filter(Boolean);
  for (const part of target.replace(/^\//, "").split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly path: string;
}

/** The relationships of a part, targets resolved to paths ("" source: the package's own). */
/** The relationships part of a part ("xl/workbook.xml" has "xl/_rels/workbook.xml.rels"; the package "_rels/.rels"). */
function relsPathOf(source: string): string {
  const folder = folderOf(source);
  const name = source.slice(folder.length === 0 ? 0 : folder.length + 1);
  return `${folder ? `${folder}/` : ""}_rels/${name}.rels`;
}

async function relationships(zip: JSZip, source: string): Promise<Relationship[]> {
  const relsPath = relsPathOf(source);
  if (zip.file(relsPath) === null) return [];
  const root = await partXml(zip, relsPath);
  return childrenNamed(root, "Relationship")
    .filter((rel) => rel.attributes.TargetMode !== "External")
    .map((rel) => ({
      id: rel.attributes.Id,
      type: rel.attributes.Type ?? "",
      path: resolveTarget(source, rel.attributes.Target ?? ""),
    }));
}

/** `_xHHHH_` escapes of cell text decoded (`_x000D_` is a carriage return, `_x005F_` an underscore). */
function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of a string item (<si>, <is>): its <t>, or its runs' <t>s; phonetic runs (<rPh>) are not text. */
function richText(item: XmlElement): string {
  let text = "";
  for (const child of item.children) {
    const name = localName(child);
    if (name === "t") text += child.text;
    else if (name === "r") for (const t of childrenNamed(child, "t")) text += t.text;
  }
  return decodeXstring(text);
}

/** The attribute of the relationships namespace, whatever its prefix (r:id). */
function relationshipId(element: XmlElement): string | undefined {
  const key = Object.keys(element.attributes).find((name) => /^[^:]+:id$/.test(name));
  return key === undefined ? undefined : element.attributes[key];
}

interface WorkbookParts {
  readonly workbookPath: string;
  readonly workbook: XmlElement;
  readonly sheets: readonly { name: string; visibility: XlsxSheet["visibility"]; path: string }[];
  readonly sharedStringsPath?: string;
}

async function workbookParts(zip: JSZip): Promise<WorkbookParts> {
  const office = (await relationships(zip, "")).find((rel) => rel.type.endsWith("/officeDocument"));
  const workbookPath = office?.path ?? "xl/workbook.xml";
  const workbook = await partXml(zip, workbookPath);
  const rels = await relationships(zip, workbookPath);
  const sheetsElement = childNamed(workbook, "sheets");
  const sheets = (sheetsElement ? childrenNamed(sheetsElement, "sheet") : []).map((sheet) => {
    const name = sheet.attributes.name ?? "";
    const id = relationshipId(sheet);
    const rel = rels.find((candidate) => candidate.id === id);
    if (!rel) throw new XlsxReadError(`${workbookPath}: sheet "${name}" has no part (relationship ${id})`);
    const state = sheet.attributes.state;
    const visibility = state === "hidden" || state === "veryHidden" ? state : "visible";
    return { name, visibility, path: rel.path } as const;
  });
  const sharedStringsPath = rels.find((rel) => rel.type.endsWith("/sharedStrings"))?.path;
  return { workbookPath, workbook, sheets, sharedStringsPath };
}

async function sharedStrings(zip: JSZip, path: string | undefined): Promise<string[]> {
  if (path === undefined || zip.file(path) === null) return [];
  return childrenNamed(await partXml(zip, path), "si").map(richText);
}

/** Each row of a sheetData with its number, and each of its cells with its address. */
function* placedCells(sheetData: XmlElement): Generator<{ row: XmlElement; rowNumber: number; cells: PlacedCell[] }> {
  let rowNumber = 0;
  for (const row of childrenNamed(sheetData, "row")) {
    rowNumber = row.attributes.r !== undefined ? Number(row.attributes.r) : rowNumber + 1;
    let column = 0;
    const cells: PlacedCell[] = [];
    for (const cell of childrenNamed(row, "c")) {
      const reference = cell.attributes.r;
      if (reference !== undefined) {
        const parsed = parseAddress(reference);
        if (parsed.row !== rowNumber) {
          // A row without a number takes its cells'; a numbered row holds only its own.
          if (row.attributes.r !== undefined) throw new XlsxReadError(`cell ${reference} is inside row ${rowNumber}`);
          rowNumber = parsed.row;
        }
        column = parsed.column;
      } else {
        column++;
      }
      cells.push({ element: cell, row: rowNumber, column });
    }
    yield { row, rowNumber, cells };
  }
}

interface PlacedCell {
  readonly element: XmlElement;
  readonly row: number;
  readonly column: number;
}

function cellValue(cell: XmlElement, strings: readonly string[], where: string): Pick<XlsxCell, "value" | "type"> {
  const type = cell.attributes.t ?? "n";
  const v = childNamed(cell, "v");
  if (type === "inlineStr") {
    const is = childNamed(cell, "is");
    return is ? { value: richText(is), type: "string" } : { value: null, type: "empty" };
  }
  if (v === undefined) return { value: null, type: "empty" };
  const raw = v.text;
  switch (type) {
    case "s": {
      const text = strings[Number(raw)];
      if (!/^\d+$/.test(raw.trim()) || text === undefined) {
        throw new XlsxReadError(`${where}: shared string ${raw} does not exist`);
      }
      return { value: text, type: "string" };
    }
    case "str":
    case "d":
      return { value: decodeXstring(raw), type: "string" };
    case "b":
      return { value: raw.trim() === "1" || raw.trim() === "true", type: "boolean" };
    case "e":
      return { value: raw.trim(), type: "error" };
    case "n": {
      const number = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(number)) throw new XlsxReadError(`${where}: "${raw}" is not a number`);
      return { value: number, type: "number" };
    }
    default:
      throw new XlsxReadError(`${where}: unknown cell type t="${type}"`);
  }
}

function readSheet(root: XmlElement, strings: readonly string[], sheetName: string): Map<string, XlsxCell> {
  const cells = new Map<string, XlsxCell>();
  const sheetData = childNamed(root, "sheetData");
  if (!sheetData) return cells;
  // Shared formulas: the first cell of each group holds the text; the others move it by their offset.
  const shared = new Map<string, { text: string; row: number; column: number }>();
  for (const { cells: row } of placedCells(sheetData)) {
    for (const { element, row: rowNumber, column } of row) {
      const address = cellAddress(rowNumber, column);
      const where = `${sheetName}!${address}`;
      const { value, type } = cellValue(element, strings, where);
      const f = childNamed(element, "f");
      let formula: string | undefined = f?.text;
      if (f !== undefined && f.attributes.t === "shared" && f.attributes.si !== undefined) {
        const group = shared.get(f.attributes.si);
        if (f.text !== "") shared.set(f.attributes.si, { text: f.text, row: rowNumber, column });
        else if (group) formula = shiftFormula(group.text, rowNumber - group.row, column - group.column);
      }
      cells.set(address, formula ? { value, type, formula } : { value, type });
    }
  }
  return cells;
}

const SIMPLE_REFERENCE = /^(?:'((?:[^']|'')+)'|([^'!:\s]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

function definedNames(workbook: XmlElement, sheetNames: readonly string[]): XlsxDefinedName[] {
  const list = childNamed(workbook, "definedNames");
  if (!list) return [];
  return childrenNamed(list, "definedName").map((element) => {
    const refersTo = element.text.trim();
    const localSheetId = element.attributes.localSheetId;
    const scopeSheet = localSheetId === undefined ? undefined : sheetNames[Number(localSheetId)];
    const match = SIMPLE_REFERENCE.exec(refersTo);
    const target = match
      ? {
          sheet: match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2],
          range: `${match[3]}${match[4]}${match[5] !== undefined ? `:${match[5]}${match[6]}` : ""}`,
        }
      : undefined;
    const hidden = element.attributes.hidden === "1" || element.attributes.hidden === "true";
    return {
      name: element.attributes.name ?? "",
      ...(scopeSheet !== undefined ? { scopeSheet } : {}),
      refersTo,
      ...(target ? { target } : {}),
      hidden,
    };
  });
}

/** Every sheet's cells (stored values and formulas) and the workbook's defined names. */
export async function readXlsx(bytes: Bytes): Promise<XlsxWorkbook> {
  const zip = await loadZip(bytes);
  const parts = await workbookParts(zip);
  const strings = await sharedStrings(zip, parts.sharedStringsPath);
  const sheets: XlsxSheet[] = [];
  for (const sheet of parts.sheets) {
    const root = await partXml(zip, sheet.path);
    sheets.push({ name: sheet.name, visibility: sheet.visibility, cells: readSheet(root, strings, sheet.name) });
  }
  return {
    sheets,
    names: definedNames(
      parts.workbook,
      parts.sheets.map((sheet) => sheet.name)
    ),
  };
}

/** The prefix of an element's name, with its colon ("x:" of "x:row"), or "". */
function prefixOf(element: XmlElement): string {
  const colon = element.name.indexOf(":");
  return colon === -1 ? "" : element.name.slice(0, colon + 1);
}

function newCellXml(address: string, style: string | undefined, value: CellValue, prefix: string): string {
  const s = style === undefined ? "" : ` s="${style}"`;
  const c = `${prefix}c`;
  if (value === null) return `<${c} r="${address}"${s}/>`;
  if (typeof value === "number") {
    return `<${c} r="${address}"${s}><${prefix}v>${numberText(value, address)}</${prefix}v></${c}>`;
  }
  if (typeof value === "boolean") {
    return `<${c} r="${address}"${s} t="b"><${prefix}v>${value ? 1 : 0}</${prefix}v></${c}>`;
  }
  const t = textElement(value, address)
    .replace(/^<t/, `<${prefix}t`)
    .replace(/<\/t>$/, `</${prefix}t>`);
  return `<${c} r="${address}"${s} t="inlineStr"><${prefix}is>${t}</${prefix}is></${c}>`;
}

/** The source with [start, end) replaced. */
function splice(source: string, start: number, end: number, text: string): string {
  return source.slice(0, start) + text + source.slice(end);
}

/** The sheet XML with one cell set to a value: the cell replaced (its style kept), or added in its row. */
function setCell(source: string, address: string, value: CellValue, sheetName: string): string {
  const { row: targetRow, column: targetColumn } = parseAddress(address);
  const clean = cellAddress(targetRow, targetColumn);
  const root = parseXml(source);
  const sheetData = childNamed(root, "sheetData");
  if (!sheetData) throw new XlsxReadError(`sheet "${sheetName}" has no sheetData`);
  const prefix = prefixOf(sheetData);
  const open = (element: XmlElement): boolean => source.slice(element.start, element.end).endsWith("/>");
  let insertAt: number | undefined;
  for (const { row, rowNumber, cells } of placedCells(sheetData)) {
    if (rowNumber < targetRow) continue;
    if (rowNumber > targetRow) {
      insertAt = row.start;
      break;
    }
    const existing = cells.find((cell) => cell.column === targetColumn);
    if (existing) {
      const xml = newCellXml(clean, existing.element.attributes.s, value, prefix);
      return splice(source, existing.element.start, existing.element.end, xml);
    }
    const xml = newCellXml(clean, undefined, value, prefix);
    const after = cells.find((cell) => cell.column > targetColumn);
    if (after) return splice(source, after.element.start, after.element.start, xml);
    if (open(row)) {
      const tag = source.slice(row.start, row.end).replace(/\s*\/>$/, ">");
      return splice(source, row.start, row.end, `${tag}${xml}</${row.name}>`);
    }
    const close = source.lastIndexOf("</", row.end);
    return splice(source, close, close, xml);
  }
  const rowXml = `<${prefix}row r="${targetRow}">${newCellXml(clean, undefined, value, prefix)}</${prefix}row>`;
  if (insertAt !== undefined) return splice(source, insertAt, insertAt, rowXml);
  if (open(sheetData)) {
    return splice(source, sheetData.start, sheetData.end, `<${sheetData.name}>${rowXml}</${sheetData.name}>`);
  }
  const close = source.lastIndexOf("</", sheetData.end);
  return splice(source, close, close, rowXml);
}

/** The workbook XML with full recalculation on load turned on, so Excel recomputes every formula after the edit. */
function withFullCalcOnLoad(source: string): string {
  const workbook = parseXml(source);
  const calcPr = childNamed(workbook, "calcPr");
  if (calcPr) {
    if (calcPr.attributes.fullCalcOnLoad === "1") return source;
    const tag = source.slice(calcPr.start, calcPr.end);
    const start = tag.replace(/\s+fullCalcOnLoad="[^"]*"/, "").replace(/^<([\w:]+)/, '<$1 fullCalcOnLoad="1"');
    return splice(source, calcPr.start, calcPr.end, start);
  }
  // CT_Workbook: calcPr follows sheets, functionGroups, externalReferences and definedNames.
  const before = ["definedNames", "externalReferences", "functionGroups", "sheets"]
    .map((name) => childNamed(workbook, name))
    .find((element) => element !== undefined);
  if (!before) throw new XlsxReadError("the workbook has no sheets element");
  return splice(source, before.end, before.end, `<${prefixOf(workbook)}calcPr fullCalcOnLoad="1"/>`);
}

/**
 * The file with one cell of a sheet set to a value (a number, a text, a boolean, or null to empty it), as a user's
 * edit would: a formula in the cell is replaced, the cell's format kept, everything else left as it is. The
 * calculation chain (if any) is dropped and full recalculation on load turned on, so a spreadsheet recomputes every
 * formula from the new value.
 */
export async function writeCellValue(
  bytes: Bytes,
  sheet: string,
  address: string,
  value: CellValue
): Promise<Uint8Array> {
  const zip = await loadZip(bytes);
  const parts = await workbookParts(zip);
  const part = parts.sheets.find((candidate) => candidate.name === sheet);
  if (!part) {
    throw new XlsxReadError(`no sheet "${sheet}"; the sheets are ${parts.sheets.map((s) => `"${s.name}"`).join(", ")}`);
  }
  const source = await partText(zip, part.path);
  if (source === undefined) throw new XlsxReadError(`not an .xlsx file: it has no ${part.path}`);
  zip.file(part.path, setCell(source, address, value, sheet));
  zip.file(parts.workbookPath, withFullCalcOnLoad((await partText(zip, parts.workbookPath)) as string));
  await dropCalcChain(zip, parts.workbookPath);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Removes the calculation chain, its relationship and its content type: Excel rebuilds it. */
async function dropCalcChain(zip: JSZip, workbookPath: string): Promise<void> {
  const chain = (await relationships(zip, workbookPath)).find((rel) => rel.type.endsWith("/calcChain"));
  if (!chain) return;
  zip.remove(chain.path);
  const relsPath = relsPathOf(workbookPath);
  const rels = (await partText(zip, relsPath)) as string;
  const relsRoot = parseXml(rels);
  const rel = childrenNamed(relsRoot, "Relationship").find((element) =>
    element.attributes.Type?.endsWith("/calcChain")
  );
  if (rel) zip.file(relsPath, splice(rels, rel.start, rel.end, ""));
  const types = await partText(zip, "[Content_Types].xml");
  if (types === undefined) return;
  const override = childrenNamed(parseXml(types), "Override").find(
    (element) => element.attributes.PartName === `/${chain.path}`
  );
  if (override) zip.file("[Content_Types].xml", splice(types, override.start, override.end, ""));
}
