/**
 * A workbook description that uses every feature of the .xlsx writer once, for the writer's tests with and without
 * LibreOffice: inputs with validation and notes, formulas across sheets through workbook-scoped names, cached results
 * of every type, conditional formats, a chart, protection, print setup, and a hidden sheet.
 */
import { SHEET_COLOURS, type SheetDescription, type WorkbookDescription } from "../../src/workbook/description";

export const MAIN = "Inputs & Results";
export const CREATED = new Date("2026-01-02T03:04:05Z");

const input = { fill: SHEET_COLOURS.input, locked: false } as const;

/** Text that needs escaping in every way: markup characters, spaces at the ends, a newline, a literal `_x0041_`. */
export const AWKWARD_TEXT = '  a<b & "c" > d\nnext line _x0041_ é 😀 ';

export const MAIN_SHEET: SheetDescription = {
  name: MAIN,
  cells: [
    { address: "A1", value: "Feature workbook", style: { bold: true, fontColor: SHEET_COLOURS.title } },
    { address: "A2", value: "Inputs", style: { fill: SHEET_COLOURS.header, borderBottom: true } },
    { address: "A3", value: "Total" },
    { address: "B3", value: 100, numberFormat: "#,##0", style: input, note: "The total to share & split." },
    { address: "A4", value: "Method" },
    { address: "B4", value: "gdp", style: input },
    { address: "A5", value: "Exempt" },
    { address: "B5", value: true, style: input },
    { address: "A6", value: "Credit" },
    { address: "B6", value: 0.25, numberFormat: "0%", style: input },
    { address: "A7", value: "Years" },
    { address: "B7", value: 3, style: input },
    { address: "A8", value: "Checked" },
    { address: "B8", value: 7, style: input },
    { address: "C3", formula: "=fs.total*2", cached: 200, numberFormat: "#,##0.00,," },
    { address: "C4", formula: '=IF(fs.method="gdp","by GDP","other")', cached: "by GDP", style: { italic: true } },
    { address: "C5", formula: "=NOT(B5)", cached: false },
    { address: "C6", formula: "=1/0", cached: "#DIV/0!" },
    { address: "C7", formula: '="a<b & ""c"""', cached: 'a<b & "c"', style: { wrap: true, horizontal: "right" } },
    { address: "C8", formula: "=ERROR.TYPE(C6)", cached: 2, style: { borderTop: true } },
    { address: "D3", value: AWKWARD_TEXT },
    { address: "D4", value: -0 },
    { address: "D5", value: 1e21 },
    { address: "D6", value: 1.5e-7 },
    { address: "D7", value: "" },
    { address: "D8", style: { fill: SHEET_COLOURS.value } },
    { address: "A10", value: "ALB" },
    { address: "A11", value: "USA" },
    { address: "A12", value: "DEU" },
    { address: "B9", value: "Amount" },
    { address: "B10", value: 1 },
    { address: "B11", formula: "=B10*20", cached: 20 },
    { address: "B12", formula: "=B10*5", cached: 5 },
  ],
  names: [
    { name: "fs.total", range: "B3", scope: "workbook", comment: "The total & more" },
    { name: "fs.method", range: "B4", scope: "workbook" },
    { name: "local", range: "A10:A12" },
  ],
  conditionalFormats: [
    { range: "B10:B12", formula: "=B10>fs.total/10", style: { fill: SHEET_COLOURS.flag, bold: true } },
    { range: "C6", formula: "=ISERROR(C6)", style: { fill: SHEET_COLOURS.alert, fontColor: SHEET_COLOURS.alertText } },
  ],
  charts: [
    {
      title: "Amounts",
      type: "barStacked",
      categories: "A10:A12",
      series: [{ name: "B9", values: "B10:B12" }],
      from: "F2",
      to: "M20",
    },
  ],
  columnWidths: { A: 22, B: 14.5, C: 16, D: 30 },
  rowHeights: { 2: 30, 20: 18 },
  freeze: { rows: 2, columns: 1 },
  validations: [
    {
      range: "B4",
      kind: "list",
      values: ["gdp", "key", "pct-gdp"],
      prompt: { title: "Method", text: "How the total is shared: gdp, key or pct-gdp." },
      error: { title: "Not a method", text: "Choose gdp, key or pct-gdp." },
    },
    { range: "B5", kind: "list", values: ["TRUE", "FALSE"], allowBlank: false },
    {
      range: "B6",
      kind: "decimal",
      min: 0,
      max: 1,
      error: { title: "Credit", text: "A share from 0 to 1 (0% to 100%)." },
    },
    { range: "B7", kind: "whole", min: 1 },
    { range: "B3", kind: "decimal", max: 1e15 },
    { range: "B8", kind: "custom", formula: "=AND(ISNUMBER(B8),B8>0)" },
  ],
  protected: true,
  print: {
    orientation: "landscape",
    fitToWidth: 1,
    titleColumns: "A:B",
    titleRows: "1:2",
    header: "Scenario & data 2024",
    footer: "Fair Share",
  },
};

export const OTHER_SHEET: SheetDescription = {
  name: "Other",
  cells: [
    { address: "A1", formula: "=fs.total+1", cached: 101 },
    { address: "A2", formula: `='${MAIN}'!B7*2`, cached: 6 },
    { address: "B1", formula: "=local2", cached: 101 },
  ],
  names: [{ name: "local2", range: "A1" }],
  conditionalFormats: [],
  charts: [],
};

export const HIDDEN_SHEET: SheetDescription = {
  name: "Hidden",
  cells: [{ address: "A1", value: "kept out of sight" }],
  names: [],
  conditionalFormats: [],
  charts: [],
  visibility: "hidden",
};

export const FEATURE_WORKBOOK: WorkbookDescription = {
  sheets: [MAIN_SHEET, OTHER_SHEET, HIDDEN_SHEET],
  properties: { title: "Feature workbook", creator: "Fair Share 0.0.0", created: CREATED },
};
