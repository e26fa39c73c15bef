/**
 * Renders a WorkbookDescription to an .xlsx file: cells with formulas and their cached values, number formats,
 * styles, defined names, conditional formats (ExcelJS 4.4.0, pinned), and native charts, which ExcelJS cannot write:
 * each chart is added to the zip afterwards as a DrawingML chart part bound to its ranges, with cached values, so
 * Excel and LibreOffice both draw it and refresh it when the cells change.
 *
 * Formulas are written as the description gives them; the portable copy uses only functions that need no `_xlfn.`
 * prefix, and the renderer refuses a formula that would be stored as a custom function (`_xldudf_`) or that names one
 * of Fair Share's functions.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

import {
  cellAddress,
  parseAddress,
  type CellDescription,
  type ChartDescription,
  type WorkbookDescription,
} from "./description";

/** Functions the portable copy may never contain: custom functions and the newer functions older Excel lacks. */
const FORBIDDEN_FORMULA =
  /_xldudf_|FAIRSHARE\.|\b(LET|LAMBDA|XLOOKUP|XMATCH|SEQUENCE|FILTER|SORT|SORTBY|UNIQUE|TEXTJOIN|CONCAT|IFS|SWITCH|MAXIFS|MINIFS)\s*\(/i;

function argb(hex: string): string {
  return `FF${hex.toUpperCase()}`;
}

function styleCell(cell: ExcelJS.Cell, description: CellDescription): void {
  if (description.numberFormat) cell.numFmt = description.numberFormat;
  const style = description.style;
  if (!style) return;
  if (style.bold || style.italic || style.fontColor) {
    cell.font = {
      bold: style.bold,
      italic: style.italic,
      color: style.fontColor ? { argb: argb(style.fontColor) } : undefined,
    };
  }
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.wrap || style.horizontal) cell.alignment = { wrapText: style.wrap, horizontal: style.horizontal };
  if (style.borderBottom || style.borderTop) {
    cell.border = {
      bottom: style.borderBottom ? { style: "thin" } : undefined,
      top: style.borderTop ? { style: "thin" } : undefined,
    };
  }
}

function checkFormula(sheet: string, cell: CellDescription): string {
  const formula = (cell.formula as string).replace(/^=/, "");
  if (FORBIDDEN_FORMULA.test(formula)) {
    throw new Error(`${sheet}!${cell.address}: the portable copy may use classic functions only, not ${formula}`);
  }
  return formula;
}

/** Writes the workbook as .xlsx bytes. */
export async function renderXlsx(description: WorkbookDescription): Promise<Uint8Array> {
  const zip = await renderZip(description);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The same as base64 (what Excel.createWorkbook takes). */
export async function renderXlsxBase64(description: WorkbookDescription): Promise<string> {
  const zip = await renderZip(description);
  return zip.generateAsync({ type: "base64", compression: "DEFLATE" });
}

async function renderZip(description: WorkbookDescription): Promise<JSZip> {
  const workbook = new ExcelJS.Workbook();
  const properties = description.properties;
  if (properties?.creator) workbook.creator = properties.creator;
  if (properties?.title) workbook.title = properties.title;
  if (properties?.created) {
    workbook.created = properties.created;
    workbook.modified = properties.created;
  }
  // Excel recalculates everything on open; the cached values serve viewers that do not.
  workbook.calcProperties.fullCalcOnLoad = true;

  for (const sheet of description.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      state: sheet.visibility ?? "visible",
      views: sheet.freeze ? [{ state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : undefined,
    });
    for (const [column, width] of Object.entries(sheet.columnWidths ?? {})) worksheet.getColumn(column).width = width;
    for (const description of sheet.cells) {
      const cell = worksheet.getCell(description.address);
      if (description.formula !== undefined) {
        const result = description.cached;
        cell.value = {
          formula: checkFormula(sheet.name, description),
          result: result === null || result === undefined ? undefined : result,
        } as ExcelJS.CellFormulaValue;
      } else if (description.value !== undefined && description.value !== null) {
        cell.value = description.value;
      }
      styleCell(cell, description);
      if (description.note) cell.note = description.note;
    }
    for (const name of sheet.names) {
      workbook.definedNames.add(absoluteRange(sheet.name, name.range), name.name);
    }
    for (const format of sheet.conditionalFormats) {
      worksheet.addConditionalFormatting({
        ref: format.range,
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: [format.formula.replace(/^=/, "")],
            style: {
              fill: format.style.fill
                ? { type: "pattern", pattern: "solid", bgColor: { argb: argb(format.style.fill) } }
                : undefined,
              font:
                format.style.fontColor || format.style.bold
                  ? {
                      color: format.style.fontColor ? { argb: argb(format.style.fontColor) } : undefined,
                      bold: format.style.bold,
                    }
                  : undefined,
            },
          },
        ],
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(buffer as ArrayBuffer);

  let chartNumber = 0;
  for (const [index, sheet] of description.sheets.entries()) {
    if (sheet.charts.length === 0) continue;
    const sheetPath = `xl/worksheets/sheet${index + 1}.xml`;
    const drawingNumber = index + 1;
    const cached = new Map(sheet.cells.map((cell) => [cell.address, cell]));
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    sheet.charts.forEach((chart, chartIndex) => {
      chartNumber++;
      zip.file(`xl/charts/chart${chartNumber}.xml`, chartXml(sheet.name, chart, cached));
      drawingRels.push(
        `<Relationship Id="rId${chartIndex + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart${chartNumber}.xml"/>`
      );
      anchors.push(anchorXml(chart, chartIndex + 1, chartNumber));
      addContentType(
        zip,
        `/xl/charts/chart${chartNumber}.xml`,
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
      );
    });
    zip.file(
      `xl/drawings/drawing${drawingNumber}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">${anchors.join("")}</xdr:wsDr>`
    );
    zip.file(
      `xl/drawings/_rels/drawing${drawingNumber}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels.join("")}</Relationships>`
    );
    addContentType(
      zip,
      `/xl/drawings/drawing${drawingNumber}.xml`,
      "application/vnd.openxmlformats-officedocument.drawing+xml"
    );
    await linkDrawing(zip, sheetPath, drawingNumber);
  }
  if (chartNumber > 0) {
    const types = await contentTypes(zip);
    zip.file("[Content_Types].xml", types);
  }
  return zip;
}

/** Content types to add, kept until the zip is finished (JSZip reads files asynchronously). */
const pendingTypes = new WeakMap<JSZip, Map<string, string>>();

function addContentType(zip: JSZip, partName: string, type: string): void {
  const map = pendingTypes.get(zip) ?? new Map<string, string>();
  map.set(partName, type);
  pendingTypes.set(zip, map);
}

async function contentTypes(zip: JSZip): Promise<string> {
  const file = zip.file("[Content_Types].xml");
  if (!file) throw new Error("the workbook has no [Content_Types].xml");
  let xml = await file.async("string");
  for (const [partName, type] of pendingTypes.get(zip) ?? []) {
    if (!xml.includes(`PartName="${partName}"`)) {
      xml = xml.replace("</Types>", `<Override PartName="${partName}" ContentType="${type}"/></Types>`);
    }
  }
  return xml;
}

/** Adds the drawing to the sheet: a relationship, and a <drawing> element where the schema puts it. */
async function linkDrawing(zip: JSZip, sheetPath: string, drawingNumber: number): Promise<void> {
  const relsPath = sheetPath.replace("worksheets/", "worksheets/_rels/") + ".rels";
  const relsFile = zip.file(relsPath);
  let rels = relsFile
    ? await relsFile.async("string")
    : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  let id = 1;
  while (rels.includes(`Id="rId${id}"`)) id++;
  const relId = `rId${id}`;
  rels = rels.replace(
    "</Relationships>",
    `<Relationship Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing${drawingNumber}.xml"/></Relationships>`
  );
  zip.file(relsPath, rels);
  const sheetFile = zip.file(sheetPath);
  if (!sheetFile) throw new Error(`the workbook has no ${sheetPath}`);
  let xml = await sheetFile.async("string");
  if (!xml.includes('xmlns:r="')) {
    xml = xml.replace(
      "<worksheet ",
      '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    );
  }
  const element = `<drawing r:id="${relId}"/>`;
  // CT_Worksheet order: ... headerFooter, rowBreaks, colBreaks, customProperties, cellWatches, ignoredErrors,
  // smartTags, drawing, legacyDrawing, legacyDrawingHF, picture, oleObjects, controls, webPublishItems, tableParts,
  // extLst.
  const after = [
    "<legacyDrawing ",
    "<legacyDrawingHF ",
    "<picture ",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
  ];
  const at = after.map((tag) => xml.indexOf(tag)).filter((position) => position >= 0);
  const position = at.length > 0 ? Math.min(...at) : xml.lastIndexOf("</worksheet>");
  xml = xml.slice(0, position) + element + xml.slice(position);
  zip.file(sheetPath, xml);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Cells of a one-column or one-row range, top to bottom. */
function rangeCells(range: string): string[] {
  const [from, to = from] = range.split(":");
  const a = parseAddress(from);
  const b = parseAddress(to);
  const letters = (address: string): string => address.replace(/\$/g, "").replace(/\d+$/, "");
  const cells: string[] = [];
  if (a.column === b.column) {
    for (let row = a.row; row <= b.row; row++) cells.push(`${letters(from)}${row}`);
  } else {
    for (let column = a.column; column <= b.column; column++) cells.push(cellAddress(a.row, column));
  }
  return cells;
}

function absoluteRange(sheet: string, range: string): string {
  const [from, to = from] = range.split(":");
  const absolute = (address: string): string => {
    const clean = address.replace(/\$/g, "");
    const letters = clean.replace(/\d+$/, "");
    return `$${letters}$${clean.slice(letters.length)}`;
  };
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  return from === to ? `${quoted}!${absolute(from)}` : `${quoted}!${absolute(from)}:${absolute(to)}`;
}

function cachedValue(cells: Map<string, CellDescription>, address: string): string | number | boolean | null {
  const cell = cells.get(address);
  if (!cell) return null;
  return cell.formula !== undefined ? (cell.cached ?? null) : (cell.value ?? null);
}

function chartXml(sheet: string, chart: ChartDescription, cells: Map<string, CellDescription>): string {
  const horizontal = chart.type.startsWith("bar");
  const stacked = chart.type.endsWith("Stacked");
  const categories = rangeCells(chart.categories);
  const strCache = (values: readonly (string | number | boolean | null)[]): string =>
    `<c:strCache><c:ptCount val="${values.length}"/>${values
      .map((value, index) =>
        value === null ? "" : `<c:pt idx="${index}"><c:v>${escapeXml(String(value))}</c:v></c:pt>`
      )
      .join("")}</c:strCache>`;
  const series = chart.series
    .map((s, index) => {
      const isCell = /^\$?[A-Z]{1,3}\$?\d+$/.test(s.name);
      const tx = isCell
        ? `<c:tx><c:strRef><c:f>${escapeXml(absoluteRange(sheet, s.name))}</c:f>${strCache([cachedValue(cells, s.name.replace(/\$/g, ""))])}</c:strRef></c:tx>`
        : `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
      const values = rangeCells(s.values).map((address) => cachedValue(cells, address));
      const numCache = `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values
        .map((value, i) => (typeof value === "number" ? `<c:pt idx="${i}"><c:v>${value}</c:v></c:pt>` : ""))
        .join("")}</c:numCache>`;
      return (
        `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${tx}<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeXml(absoluteRange(sheet, chart.categories))}</c:f>${strCache(
          categories.map((address) => cachedValue(cells, address))
        )}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeXml(absoluteRange(sheet, s.values))}</c:f>${numCache}</c:numRef></c:val></c:ser>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/>` +
    `<c:varyColors val="0"/>${series}<c:gapWidth val="50"/>${stacked ? '<c:overlap val="100"/>' : ""}` +
    `<c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="#,##0,," sourceLinked="0"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/>` +
    `<c:crossBetween val="between"/></c:valAx></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

function anchorXml(chart: ChartDescription, relIndex: number, id: number): string {
  const from = parseAddress(chart.from);
  const to = parseAddress(chart.to);
  const marker = (tag: string, position: { row: number; column: number }): string =>
    `<xdr:${tag}><xdr:col>${position.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${position.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker("from", from)}${marker("to", to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}" descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId${relIndex}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}
