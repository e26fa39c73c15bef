/**
 * Renders a WorkbookDescription to an .xlsx file, writing the SpreadsheetML parts directly into a zip (zip.ts): the package's
 * content types and relationships, document properties, the workbook (sheets, defined names, print titles, full
 * recalculation on load), the styles, the shared strings, a theme, one worksheet part per sheet (xlsx-sheet.ts), and
 * for a sheet that has them its charts (xlsx-chart.ts) and notes (xlsx-comments.ts).
 *
 * Formulas are written as the description gives them, without "="; every formula must call Excel 2007's functions
 * only (xlsx-formula.ts): no custom, dynamic-array or newer function, so no `_xlfn.` prefix is ever needed. Each
 * formula's cached value is stored, so a viewer that does not recalculate shows the right figure; Excel recalculates
 * the whole file on opening (fullCalcOnLoad).
 *
 * The same description gives the same bytes: every part is built in the description's order, and every zip entry
 * carries the description's creation date (or a fixed date when it has none).
 */
import type { CellDescription, SheetDescription, WorkbookDescription } from "./description";
import { chartXml, drawingXml } from "./xlsx-chart";
import { commentsXml, notesVml, type Note } from "./xlsx-comments";
import { absoluteReference, quoteSheet } from "./xlsx-formula";
import { SharedStrings, worksheetXml } from "./xlsx-sheet";
import { StyleTable } from "./xlsx-styles";
import { escapeAttribute, escapeText } from "./xml";
import { base64, zip, type ZipEntry } from "./zip";

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = {
  officeDocument: `${REL_NS}/officeDocument`,
  extended: `${REL_NS}/extended-properties`,
  core: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  worksheet: `${REL_NS}/worksheet`,
  styles: `${REL_NS}/styles`,
  sharedStrings: `${REL_NS}/sharedStrings`,
  theme: `${REL_NS}/theme`,
  drawing: `${REL_NS}/drawing`,
  chart: `${REL_NS}/chart`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
};
const TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  theme: "application/vnd.openxmlformats-officedocument.theme+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  extended: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
};

/** The zip entries' date when the description gives none: the earliest a zip can store. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** Writes the workbook as .xlsx bytes. */
export async function renderXlsx(description: WorkbookDescription): Promise<Uint8Array> {
  return zip(workbookParts(description), description.properties?.created ?? FIXED_DATE);
}

/** The same as base64 (what Excel.createWorkbook takes). */
export async function renderXlsxBase64(description: WorkbookDescription): Promise<string> {
  return base64(await renderXlsx(description));
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

function relationshipsXml(relationships: readonly Relationship[]): string {
  const items = relationships.map(
    (rel) => `<Relationship Id="${rel.id}" Type="${rel.type}" Target="${escapeAttribute(rel.target)}"/>`
  );
  return `${XML_HEADER}<Relationships xmlns="${PACKAGE_REL_NS}">${items.join("")}</Relationships>`;
}

/** The parts of the package in the order they are zipped, and their content types. */
class Package {
  readonly parts: [string, string][] = [];
  private readonly overrides: [string, string][] = [];
  private readonly defaults = new Map<string, string>([
    ["rels", "application/vnd.openxmlformats-package.relationships+xml"],
    ["xml", "application/xml"],
  ]);

  add(path: string, content: string, type?: string): void {
    this.parts.push([path, content]);
    if (type !== undefined) this.overrides.push([`/${path}`, type]);
  }

  addDefault(extension: string, type: string): void {
    this.defaults.set(extension, type);
  }

  contentTypes(): string {
    const defaults = [...this.defaults].map(
      ([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`
    );
    const overrides = this.overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`);
    return (
      `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `${defaults.join("")}${overrides.join("")}</Types>`
    );
  }
}

/** Excel's rules for a sheet name: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with '. */
function checkSheetNames(sheets: readonly SheetDescription[]): void {
  if (sheets.length === 0) throw new Error("a workbook needs at least one sheet");
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (name.length < 1 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) {
      throw new Error(
        `sheet name "${name}": Excel takes 1 to 31 characters, none of : \\ / ? * [ ], not starting or ending with '`
      );
    }
    if (seen.has(name.toUpperCase())) throw new Error(`sheet name "${name}" is used twice (names ignore case)`);
    seen.add(name.toUpperCase());
  }
  if (sheets.every((sheet) => (sheet.visibility ?? "visible") !== "visible")) {
    throw new Error("a workbook needs at least one visible sheet");
  }
}

/** Excel's rules for a defined name: a letter, _ or \ first, then letters, digits, _ and .; not a cell reference. */
function checkDefinedName(name: string, where: string): void {
  if (
    !/^[A-Za-z_\\][\w.\\]{0,254}$/.test(name) ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[Rr](\d*)?([Cc]\d*)?$/.test(name) ||
    /^[Cc]\d*$/.test(name)
  ) {
    throw new Error(`${where}: "${name}" is not a valid defined name (letters, digits, _ and ., not a cell reference)`);
  }
}

function definedNamesXml(sheets: readonly SheetDescription[]): string {
  const names: string[] = [];
  const seen = new Set<string>();
  sheets.forEach((sheet, index) => {
    for (const name of sheet.names) {
      const where = `${sheet.name}: defined name`;
      checkDefinedName(name.name, where);
      const workbookScope = name.scope === "workbook";
      const key = `${workbookScope ? "" : index}|${name.name.toUpperCase()}`;
      if (seen.has(key)) throw new Error(`${where} "${name.name}" is defined twice in the same scope`);
      seen.add(key);
      const scope = workbookScope ? "" : ` localSheetId="${index}"`;
      const comment = name.comment ? ` comment="${escapeAttribute(name.comment, `${where} ${name.name}`)}"` : "";
      names.push(
        `<definedName name="${name.name}"${scope}${comment}>${escapeText(absoluteReference(sheet.name, name.range))}</definedName>`
      );
    }
    const print = sheet.print;
    if (print?.area) {
      const match = /^\$?([A-Z]{1,3})\$?([1-9]\d*):\$?([A-Z]{1,3})\$?([1-9]\d*)$/.exec(print.area);
      if (!match) throw new Error(`${sheet.name}: print area "${print.area}" is not a range like "A1:AJ120"`);
      names.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${index}">` +
          `${escapeText(`${quoteSheet(sheet.name)}!$${match[1]}$${match[2]}:$${match[3]}$${match[4]}`)}</definedName>`
      );
    }
    if (print?.titleColumns || print?.titleRows) {
      const parts: string[] = [];
      if (print.titleColumns) {
        const match = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/.exec(print.titleColumns);
        if (!match) throw new Error(`${sheet.name}: print title columns "${print.titleColumns}" are not like "A:B"`);
        parts.push(`${quoteSheet(sheet.name)}!$${match[1]}:$${match[2]}`);
      }
      if (print.titleRows) {
        const match = /^\$?([1-9]\d*):\$?([1-9]\d*)$/.exec(print.titleRows);
        if (!match) throw new Error(`${sheet.name}: print title rows "${print.titleRows}" are not like "5:6"`);
        parts.push(`${quoteSheet(sheet.name)}!$${match[1]}:$${match[2]}`);
      }
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeText(parts.join(","))}</definedName>`
      );
    }
  });
  return names.length === 0 ? "" : `<definedNames>${names.join("")}</definedNames>`;
}

function workbookXml(sheets: readonly SheetDescription[], activeTab: number): string {
  const items = sheets.map((sheet, index) => {
    const state = sheet.visibility && sheet.visibility !== "visible" ? ` state="${sheet.visibility}"` : "";
    return `<sheet name="${escapeAttribute(sheet.name)}" sheetId="${index + 1}"${state} r:id="rId${index + 1}"/>`;
  });
  // CT_Workbook's children in schema order; Excel recalculates every formula on opening (fullCalcOnLoad).
  return (
    `${XML_HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<workbookPr/><bookViews><workbookView activeTab="${activeTab}"/></bookViews>` +
    `<sheets>${items.join("")}</sheets>${definedNamesXml(sheets)}` +
    `<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`
  );
}

function w3cDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function corePropertiesXml(properties: WorkbookDescription["properties"]): string {
  const title = properties?.title ? `<dc:title>${escapeText(properties.title)}</dc:title>` : "";
  const creator = properties?.creator ? `<dc:creator>${escapeText(properties.creator)}</dc:creator>` : "";
  const dates = properties?.created
    ? `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cDate(properties.created)}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cDate(properties.created)}</dcterms:modified>`
    : "";
  return (
    `${XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${title}${creator}${dates}</cp:coreProperties>`
  );
}

const EXTENDED_PROPERTIES =
  `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  `<Application>Fair Share</Application></Properties>`;

/**
 * The workbook's theme: Office's colours (charts colour their series from the accents) and fonts, with the simplest
 * fill, line and effect styles the schema allows.
 */
const THEME = (() => {
  const colours: [string, string][] = [
    ["dk2", "44546A"],
    ["lt2", "E7E6E6"],
    ["accent1", "4472C4"],
    ["accent2", "ED7D31"],
    ["accent3", "A5A5A5"],
    ["accent4", "FFC000"],
    ["accent5", "5B9BD5"],
    ["accent6", "70AD47"],
    ["hlink", "0563C1"],
    ["folHlink", "954F72"],
  ];
  const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const font = (latin: string): string => `<a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/>`;
  return (
    `${XML_HEADER}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>` +
    `<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>` +
    `<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
    colours.map(([name, rgb]) => `<a:${name}><a:srgbClr val="${rgb}"/></a:${name}>`).join("") +
    `</a:clrScheme><a:fontScheme name="Office"><a:majorFont>${font("Calibri Light")}</a:majorFont>` +
    `<a:minorFont>${font("Calibri")}</a:minorFont></a:fontScheme>` +
    `<a:fmtScheme name="Office"><a:fillStyleLst>${solid.repeat(3)}</a:fillStyleLst>` +
    `<a:lnStyleLst>${`<a:ln w="6350">${solid}</a:ln>`.repeat(3)}</a:lnStyleLst>` +
    `<a:effectStyleLst>${"<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3)}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${solid.repeat(3)}</a:bgFillStyleLst></a:fmtScheme>` +
    `</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
  );
})();

/** A sheet's notes, in file order. */
function sheetNotes(sheet: SheetDescription): Note[] {
  return sheet.cells
    .filter((cell): cell is CellDescription & { note: string } => Boolean(cell.note))
    .map((cell) => ({ address: cell.address.replace(/\$/g, ""), text: cell.note }));
}

/** The package's parts, [Content_Types].xml first as Office writes it, then the rest in a fixed order. */
function workbookParts(description: WorkbookDescription): ZipEntry[] {
  const { sheets, properties } = description;
  checkSheetNames(sheets);
  const styles = new StyleTable();
  const strings = new SharedStrings();
  const activeTab = sheets.findIndex((sheet) => (sheet.visibility ?? "visible") === "visible");
  // Each sheet's part, then the parts that hang off sheets (charts, drawings, notes), added to the package last.
  const sheetParts: string[] = [];
  const extras: [path: string, content: string, type?: string][] = [];
  let chartNumber = 0;
  let hasNotes = false;

  sheets.forEach((sheet, index) => {
    const number = index + 1;
    const rels: Relationship[] = [];
    let drawingRelId: string | undefined;
    let notesRelId: string | undefined;
    if (sheet.charts.length > 0) {
      drawingRelId = `rId${rels.length + 1}`;
      rels.push({ id: drawingRelId, type: REL.drawing, target: `../drawings/drawing${number}.xml` });
      const cells = new Map(sheet.cells.map((cell) => [cell.address, cell]));
      const charts = sheet.charts.map((chart, chartIndex) => {
        chartNumber++;
        extras.push([`xl/charts/chart${chartNumber}.xml`, chartXml(sheet.name, chart, cells), TYPE.chart]);
        return { chart, relId: `rId${chartIndex + 1}`, number: chartNumber };
      });
      extras.push([`xl/drawings/drawing${number}.xml`, drawingXml(charts), TYPE.drawing]);
      const chartRels = charts.map(({ relId, number: n }) => ({
        id: relId,
        type: REL.chart,
        target: `../charts/chart${n}.xml`,
      }));
      extras.push([`xl/drawings/_rels/drawing${number}.xml.rels`, relationshipsXml(chartRels)]);
    }
    const notes = sheetNotes(sheet);
    if (notes.length > 0) {
      hasNotes = true;
      rels.push({ id: `rId${rels.length + 1}`, type: REL.comments, target: `../comments${number}.xml` });
      notesRelId = `rId${rels.length + 1}`;
      rels.push({ id: notesRelId, type: REL.vmlDrawing, target: `../drawings/vmlDrawing${number}.vml` });
      extras.push([`xl/comments${number}.xml`, commentsXml(notes, properties?.creator ?? "Fair Share"), TYPE.comments]);
      extras.push([`xl/drawings/vmlDrawing${number}.vml`, notesVml(notes, number)]);
    }
    sheetParts.push(worksheetXml(sheet, { styles, strings, selected: index === activeTab, drawingRelId, notesRelId }));
    if (rels.length > 0) extras.push([`xl/worksheets/_rels/sheet${number}.xml.rels`, relationshipsXml(rels)]);
  });

  const workbookRels: Relationship[] = sheets.map((_, index) => ({
    id: `rId${index + 1}`,
    type: REL.worksheet,
    target: `worksheets/sheet${index + 1}.xml`,
  }));
  const more = (type: string, target: string): void =>
    void workbookRels.push({ id: `rId${workbookRels.length + 1}`, type, target });
  more(REL.styles, "styles.xml");
  more(REL.theme, "theme/theme1.xml");
  if (strings.size > 0) more(REL.sharedStrings, "sharedStrings.xml");

  const pkg = new Package();
  const packageRels = [
    { id: "rId1", type: REL.officeDocument, target: "xl/workbook.xml" },
    { id: "rId2", type: REL.core, target: "docProps/core.xml" },
    { id: "rId3", type: REL.extended, target: "docProps/app.xml" },
  ];
  pkg.add("_rels/.rels", relationshipsXml(packageRels));
  pkg.add("docProps/core.xml", corePropertiesXml(properties), TYPE.core);
  pkg.add("docProps/app.xml", EXTENDED_PROPERTIES, TYPE.extended);
  pkg.add("xl/workbook.xml", workbookXml(sheets, activeTab), TYPE.workbook);
  pkg.add("xl/_rels/workbook.xml.rels", relationshipsXml(workbookRels));
  sheetParts.forEach((xml, index) => pkg.add(`xl/worksheets/sheet${index + 1}.xml`, xml, TYPE.worksheet));
  pkg.add("xl/styles.xml", styles.xml(), TYPE.styles);
  pkg.add("xl/theme/theme1.xml", THEME, TYPE.theme);
  if (strings.size > 0) pkg.add("xl/sharedStrings.xml", strings.xml(), TYPE.sharedStrings);
  for (const [path, content, type] of extras) pkg.add(path, content, type);
  if (hasNotes) pkg.addDefault("vml", TYPE.vml);

  return [
    { path: "[Content_Types].xml", content: pkg.contentTypes() },
    ...pkg.parts.map(([path, content]) => ({ path, content })),
  ];
}
