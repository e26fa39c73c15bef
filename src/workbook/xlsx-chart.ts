/**
 * Native charts in an .xlsx file: each chart a DrawingML chart part bound to its ranges, with the cells' values cached,
 * so Excel and LibreOffice both draw it on opening and redraw it when the cells change; a sheet's charts sit in one
 * drawing part, each anchored between two cells.
 */
import { cellAddress, parseAddress, type CellDescription, type CellValue, type ChartDescription } from "./description";
import { absoluteReference } from "./xlsx-formula";
import { escapeAttribute, escapeText } from "./xml";

const CHART_NS =
  'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Cells of a one-column or one-row range, top to bottom or left to right. */
function rangeCells(range: string): string[] {
  const [from, to = from] = range.split(":");
  const a = parseAddress(from);
  const b = parseAddress(to);
  const cells: string[] = [];
  if (a.column === b.column) {
    for (let row = a.row; row <= b.row; row++) cells.push(cellAddress(row, a.column));
  } else if (a.row === b.row) {
    for (let column = a.column; column <= b.column; column++) cells.push(cellAddress(a.row, column));
  } else {
    throw new RangeError(`chart range "${range}" is neither one column nor one row`);
  }
  return cells;
}

function cachedValue(cells: ReadonlyMap<string, CellDescription>, address: string): CellValue {
  const cell = cells.get(address);
  if (!cell) return null;
  return cell.formula !== undefined ? (cell.cached ?? null) : (cell.value ?? null);
}

function stringCache(values: readonly CellValue[]): string {
  const points = values
    .map((value, index) =>
      value === null ? "" : `<c:pt idx="${index}"><c:v>${escapeText(String(value), "a chart label")}</c:v></c:pt>`
    )
    .join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache>`;
}

function seriesXml(
  sheet: string,
  chart: ChartDescription,
  index: number,
  cells: ReadonlyMap<string, CellDescription>
): string {
  const series = chart.series[index];
  const isCell = /^\$?[A-Z]{1,3}\$?\d+$/.test(series.name);
  const name = isCell
    ? `<c:tx><c:strRef><c:f>${escapeText(absoluteReference(sheet, series.name))}</c:f>${stringCache([
        cachedValue(cells, series.name.replace(/\$/g, "")),
      ])}</c:strRef></c:tx>`
    : `<c:tx><c:v>${escapeText(series.name, "a series name")}</c:v></c:tx>`;
  const values = rangeCells(series.values).map((address) => cachedValue(cells, address));
  const points = values
    .map((value, i) => (typeof value === "number" ? `<c:pt idx="${i}"><c:v>${value}</c:v></c:pt>` : ""))
    .join("");
  const categories = rangeCells(chart.categories).map((address) => cachedValue(cells, address));
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${name}<c:invertIfNegative val="0"/>` +
    `<c:cat><c:strRef><c:f>${escapeText(absoluteReference(sheet, chart.categories))}</c:f>${stringCache(categories)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeText(absoluteReference(sheet, series.values))}</c:f>` +
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef></c:val></c:ser>`
  );
}

/** The chart part of one chart of a sheet, its series' caches taken from the sheet's cells. */
export function chartXml(sheet: string, chart: ChartDescription, cells: ReadonlyMap<string, CellDescription>): string {
  // Only the sensitivity sheet, which Excel draws, has a line chart; the portable copy's charts are bars.
  if (chart.type === "line") throw new Error(`chart "${chart.title}": the .xlsx writer draws bars and columns only`);
  const horizontal = chart.type.startsWith("bar");
  const stacked = chart.type.endsWith("Stacked");
  const series = chart.series.map((_, index) => seriesXml(sheet, chart, index, cells)).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace ${CHART_NS}>` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeText(chart.title, "a chart title")}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
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

/**
 * A sheet's drawing part: one anchored frame per chart. `charts` pairs each chart with the relationship id of its
 * part and a number unique in the workbook.
 */
export function drawingXml(charts: readonly { chart: ChartDescription; relId: string; number: number }[]): string {
  const anchors = charts.map(({ chart, relId, number }) => {
    const marker = (tag: string, address: string): string => {
      const { row, column } = parseAddress(address);
      return `<xdr:${tag}><xdr:col>${column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    };
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${marker("from", chart.from)}${marker("to", chart.to)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${number + 1}" name="Chart ${number}" descr="${escapeAttribute(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="${relId}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ${CHART_NS}>${anchors.join("")}</xdr:wsDr>`
  );
}
