/**
 * The styles part of an .xlsx file (xl/styles.xml): number formats, fonts, fills and borders, each written once, the
 * cell formats (cellXfs) that combine them, and the differential formats (dxfs) of conditional formats. Cells refer to
 * a cell format by its index (`s="3"`), conditional formats to a differential format (`dxfId="0"`); both are handed
 * out in the order first asked for, so the same workbook gives the same part.
 */
import type { CellStyle, ConditionalFormatDescription } from "./description";
import { escapeAttribute } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The number formats every spreadsheet knows by number (ECMA-376 Part 1, 18.8.30); others get 164 and up. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};
const FIRST_CUSTOM_FORMAT = 164;

/** The workbook's default font: what Excel uses for a new workbook, and what column widths are measured in. */
const FONT_NAME = "Calibri";
const FONT_SIZE = 11;

function colour(hex: string, where: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(hex)) throw new RangeError(`${where}: colour "${hex}" is not six hex digits RRGGBB`);
  return `FF${hex.toUpperCase()}`;
}

/** Hands out an index for each distinct XML fragment, in the order first asked for. */
class Table {
  private readonly indexes = new Map<string, number>();
  readonly items: string[] = [];

  constructor(initial: readonly string[] = []) {
    for (const item of initial) this.index(item);
  }

  index(xml: string): number {
    let index = this.indexes.get(xml);
    if (index === undefined) {
      index = this.items.length;
      this.indexes.set(xml, index);
      this.items.push(xml);
    }
    return index;
  }
}

function fontXml(style: Pick<CellStyle, "bold" | "italic" | "fontColor">, where: string): string {
  // In the order Excel writes them.
  return (
    `<font>${style.bold ? "<b/>" : ""}${style.italic ? "<i/>" : ""}<sz val="${FONT_SIZE}"/>` +
    `${style.fontColor ? `<color rgb="${colour(style.fontColor, where)}"/>` : ""}` +
    `<name val="${FONT_NAME}"/><family val="2"/></font>`
  );
}

function fillXml(fill: string, where: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${colour(fill, where)}"/><bgColor indexed="64"/></patternFill></fill>`;
}

function borderXml(style: Pick<CellStyle, "borderTop" | "borderBottom">): string {
  const side = (name: string, on: boolean | undefined): string =>
    on ? `<${name} style="thin"><color indexed="64"/></${name}>` : `<${name}/>`;
  return `<border>${side("left", false)}${side("right", false)}${side("top", style.borderTop)}${side("bottom", style.borderBottom)}<diagonal/></border>`;
}

export class StyleTable {
  private readonly formats = new Map<string, number>();
  private readonly fonts = new Table([fontXml({}, "the default font")]);
  // Excel requires these two fills first: none, and the gray125 pattern.
  private readonly fills = new Table([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly borders = new Table([borderXml({})]);
  private readonly cellFormats = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly differentialFormats = new Table();

  private formatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  /** The index of the cell format for a number format and a style; 0 (the default) when both are absent. */
  cellFormat(numberFormat: string | undefined, style: CellStyle | undefined, where: string): number {
    const s = style ?? {};
    const numFmtId = numberFormat === undefined ? 0 : this.formatId(numberFormat);
    const fontId = this.fonts.index(fontXml(s, where));
    const fillId = s.fill ? this.fills.index(fillXml(s.fill, where)) : 0;
    const borderId = this.borders.index(borderXml(s));
    const alignment =
      s.wrap || s.horizontal
        ? `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ""}${s.wrap ? ' wrapText="1"' : ""}/>`
        : "";
    const protection = s.locked === false ? '<protection locked="0"/>' : "";
    const applies = [
      numFmtId !== 0 ? ' applyNumberFormat="1"' : "",
      fontId !== 0 ? ' applyFont="1"' : "",
      fillId !== 0 ? ' applyFill="1"' : "",
      borderId !== 0 ? ' applyBorder="1"' : "",
      alignment ? ' applyAlignment="1"' : "",
      protection ? ' applyProtection="1"' : "",
    ].join("");
    const attributes = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    const children = alignment + protection;
    return this.cellFormats.index(children ? `<xf ${attributes}>${children}</xf>` : `<xf ${attributes}/>`);
  }

  /** The index of the differential format a conditional format applies. */
  differentialFormat(style: ConditionalFormatDescription["style"], where: string): number {
    // CT_Dxf's children in schema order: font, numFmt, fill, ...; a solid fill's colour is bgColor in a dxf.
    const font =
      style.bold || style.fontColor
        ? `<font>${style.bold ? "<b/>" : ""}${style.fontColor ? `<color rgb="${colour(style.fontColor, where)}"/>` : ""}</font>`
        : "";
    const fill = style.fill
      ? `<fill><patternFill patternType="solid"><bgColor rgb="${colour(style.fill, where)}"/></patternFill></fill>`
      : "";
    return this.differentialFormats.index(`<dxf>${font}${fill}</dxf>`);
  }

  /** The styles part. */
  xml(): string {
    const list = (name: string, items: readonly string[]): string =>
      items.length === 0 ? "" : `<${name} count="${items.length}">${items.join("")}</${name}>`;
    const formats = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code, `number format ${code}`)}"/>`
    );
    // CT_Stylesheet's children in schema order.
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
      list("numFmts", formats) +
      list("fonts", this.fonts.items) +
      list("fills", this.fills.items) +
      list("borders", this.borders.items) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.cellFormats.items) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.differentialFormats.items.length}">${this.differentialFormats.items.join("")}</dxfs>` +
      '<tableStyles count="0"/>' +
      "</styleSheet>"
    );
  }
}
