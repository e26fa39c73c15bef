/**
 * The .xlsx writer and reader without LibreOffice: every part well-formed, declared and linked; each feature of a
 * description present in the XML where the schema puts it; the same bytes for the same description; the writer's
 * refusals; the reader on files as Excel and LibreOffice write them; and a cell set in an existing file.
 */
import JSZip from "jszip";

import type { SheetDescription, WorkbookDescription } from "../../src/workbook/description";
import { renderXlsx, renderXlsxBase64 } from "../../src/workbook/portable-xlsx";
import { calledFunctions, checkClassicFormula, shiftFormula } from "../../src/workbook/xlsx-formula";
import { readXlsx, writeCellValue, XlsxReadError } from "../../src/workbook/xlsx-read";
import { AWKWARD_TEXT, CREATED, FEATURE_WORKBOOK, MAIN, MAIN_SHEET } from "../helpers/feature-workbook";
import { findAll, parseXml, type XmlElement } from "../helpers/xml";

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.values(zip.files).filter((file) => !file.dir);
  return new Map(await Promise.all(entries.map(async (file) => [file.name, await file.async("string")] as const)));
}

function only(root: XmlElement, name: string): XmlElement {
  const found = findAll(root, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}

/** CT_Worksheet's children in schema order. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
];

describe("the writer's package", () => {
  let files: Map<string, string>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderXlsx(FEATURE_WORKBOOK);
    files = await parts(bytes);
  });

  test("every part is well-formed XML", () => {
    expect(files.size).toBeGreaterThan(15);
    for (const text of files.values()) expect(() => parseXml(text)).not.toThrow();
    expect([...files.keys()][0]).toBe("[Content_Types].xml");
  });

  test("every part but the relationships has a content type, and every declared part exists", () => {
    const types = parseXml(files.get("[Content_Types].xml") as string);
    const overrides = new Set(findAll(types, "Override").map((element) => element.attributes.PartName.slice(1)));
    const defaults = new Set(findAll(types, "Default").map((element) => element.attributes.Extension));
    for (const name of files.keys()) {
      if (name === "[Content_Types].xml") continue;
      const extension = name.slice(name.lastIndexOf(".") + 1);
      const typed = overrides.has(name) || (defaults.has(extension) && extension !== "xml");
      expect([name, typed]).toEqual([name, true]);
    }
    for (const part of overrides) expect(files.has(part)).toBe(true);
  });

  test("every relationship points at a part of the file", () => {
    for (const [name, text] of files) {
      if (!name.endsWith(".rels")) continue;
      const source = name.replace("_rels/", "").replace(/\.rels$/, "");
      const folder = source.includes("/") ? source.slice(0, source.lastIndexOf("/")) : "";
      for (const rel of findAll(parseXml(text), "Relationship")) {
        const target = rel.attributes.Target;
        const segments = [...(folder ? folder.split("/") : []), ...target.split("/")];
        const resolved: string[] = [];
        for (const segment of segments)
          if (segment === "..") resolved.pop();
          else resolved.push(segment);
        expect(files.has(resolved.join("/"))).toBe(true);
      }
    }
  });

  test("each worksheet's elements follow the schema's order", () => {
    for (const [name, text] of files) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      const order = parseXml(text).children.map((child) => WORKSHEET_ORDER.indexOf(child.name));
      expect(order).not.toContain(-1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    const main = parseXml(files.get("xl/worksheets/sheet1.xml") as string).children.map((child) => child.name);
    expect(main).toEqual([
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "sheetProtection",
      "conditionalFormatting",
      "conditionalFormatting",
      "dataValidations",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "drawing",
      "legacyDrawing",
    ]);
  });

  test("the same description gives the same bytes; the zip entries carry its date", async () => {
    expect(Buffer.from(await renderXlsx(FEATURE_WORKBOOK)).equals(Buffer.from(bytes))).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    const dates = new Set(Object.values(zip.files).map((file) => file.date.getTime()));
    // A zip stores times to two seconds.
    expect([...dates]).toEqual([Math.floor(CREATED.getTime() / 2000) * 2000]);
    const undated = { ...FEATURE_WORKBOOK, properties: { title: "t" } };
    expect(Buffer.from(await renderXlsx(undated)).equals(Buffer.from(await renderXlsx(undated)))).toBe(true);
  });

  test("a valid zip: every entry's checksum right, deflated; base64 of the same bytes for Excel.createWorkbook", async () => {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual([...files.keys()]);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true)).toBe(8);
    expect(await renderXlsxBase64(FEATURE_WORKBOOK)).toBe(Buffer.from(bytes).toString("base64"));
  });

  test("where the platform has no compressor, the entries are stored and the file reads the same", async () => {
    const compressor = globalThis.CompressionStream;
    let stored: Uint8Array;
    try {
      (globalThis as { CompressionStream?: unknown }).CompressionStream = undefined;
      stored = await renderXlsx(FEATURE_WORKBOOK);
    } finally {
      globalThis.CompressionStream = compressor;
    }
    expect(new DataView(stored.buffer, stored.byteOffset).getUint16(8, true)).toBe(0);
    expect(stored.length).toBeGreaterThan(bytes.length * 2);
    await JSZip.loadAsync(stored, { checkCRC32: true });
    expect(await readXlsx(stored)).toEqual(await readXlsx(bytes));
  });

  test("the document properties: title, creator, creation date", () => {
    const core = parseXml(files.get("docProps/core.xml") as string);
    expect(only(core, "dc:title").text).toBe("Feature workbook");
    expect(only(core, "dc:creator").text).toBe("Fair Share 0.0.0");
    expect(only(core, "dcterms:created").text).toBe("2026-01-02T03:04:05Z");
  });
});

describe("what each feature writes", () => {
  let files: Map<string, string>;
  const xml = (name: string): XmlElement => parseXml(files.get(name) as string);
  beforeAll(async () => {
    files = await parts(await renderXlsx(FEATURE_WORKBOOK));
  });

  test("the workbook: sheets with their states, full recalculation on load, the first sheet active", () => {
    const workbook = xml("xl/workbook.xml");
    expect(findAll(workbook, "sheet").map((sheet) => [sheet.attributes.name, sheet.attributes.state])).toEqual([
      [MAIN, undefined],
      ["Other", undefined],
      ["Hidden", "hidden"],
    ]);
    expect(only(workbook, "calcPr").attributes.fullCalcOnLoad).toBe("1");
    expect(only(workbook, "workbookView").attributes.activeTab).toBe("0");
    expect(only(xml("xl/worksheets/sheet1.xml"), "sheetView").attributes.tabSelected).toBe("1");
  });

  test("defined names: workbook scope, sheet scope, print titles per sheet, comments", () => {
    const names = findAll(xml("xl/workbook.xml"), "definedName").map((name) => ({
      ...name.attributes,
      text: name.text,
    }));
    expect(names).toEqual([
      { name: "fs.total", comment: "The total & more", text: "'Inputs & Results'!$B$3" },
      { name: "fs.method", text: "'Inputs & Results'!$B$4" },
      { name: "local", localSheetId: "0", text: "'Inputs & Results'!$A$10:$A$12" },
      { name: "_xlnm.Print_Titles", localSheetId: "0", text: "'Inputs & Results'!$A:$B,'Inputs & Results'!$1:$2" },
      { name: "local2", localSheetId: "1", text: "'Other'!$A$1" },
    ]);
  });

  test("cells: numbers, booleans, shared strings, formulas without = and their cached results typed", () => {
    const cells = new Map(findAll(xml("xl/worksheets/sheet1.xml"), "c").map((c) => [c.attributes.r, c]));
    const strings = findAll(xml("xl/sharedStrings.xml"), "si").map((si) => si.children[0]);
    const shared = (address: string): XmlElement => strings[Number(only(cells.get(address)!, "v").text)];
    expect(only(cells.get("B3")!, "v").text).toBe("100");
    expect(cells.get("B5")!.attributes.t).toBe("b");
    expect(only(cells.get("B5")!, "v").text).toBe("1");
    expect(cells.get("A3")!.attributes.t).toBe("s");
    expect(shared("A3").text).toBe("Total");
    const formula = (address: string): [string, string | undefined, string | undefined] => {
      const c = cells.get(address)!;
      return [only(c, "f").text, c.attributes.t, findAll(c, "v")[0]?.text];
    };
    expect(formula("C3")).toEqual(["fs.total*2", undefined, "200"]);
    expect(formula("C4")).toEqual(['IF(fs.method="gdp","by GDP","other")', "str", "by GDP"]);
    expect(formula("C5")).toEqual(["NOT(B5)", "b", "0"]);
    expect(formula("C6")).toEqual(["1/0", "e", "#DIV/0!"]);
    expect(formula("C7")).toEqual(['"a<b & ""c"""', "str", 'a<b & "c"']);
    expect(files.get("xl/worksheets/sheet1.xml")).toContain(
      "<f>&quot;a&lt;b &amp; &quot;&quot;c&quot;&quot;&quot;</f>".replace(/&quot;/g, '"')
    );
    // Awkward text: spaces kept, the newline kept, a literal _x0041_ escaped so it does not read as "A".
    const awkward = shared("D3");
    expect(awkward.attributes["xml:space"]).toBe("preserve");
    expect(awkward.text).toBe(AWKWARD_TEXT.replace("_x0041_", "_x005F_x0041_"));
    expect(only(cells.get("D4")!, "v").text).toBe("0");
    expect(only(cells.get("D5")!, "v").text).toBe("1e+21");
    expect(cells.get("D8")!.children).toEqual([]);
    expect(cells.get("D8")!.attributes.s).not.toBeUndefined();
  });

  test("styles: fonts, fills, borders and number formats written once; input cells unlocked", () => {
    const styles = xml("xl/styles.xml");
    const xfs = only(styles, "cellXfs").children;
    const cells = new Map(findAll(xml("xl/worksheets/sheet1.xml"), "c").map((c) => [c.attributes.r, c]));
    const xfOf = (address: string): XmlElement => xfs[Number(cells.get(address)!.attributes.s ?? 0)];
    for (const address of ["B3", "B4", "B5", "B6", "B7", "B8"]) {
      expect(findAll(xfOf(address), "protection")[0]?.attributes.locked).toBe("0");
    }
    expect(findAll(xfOf("C3"), "protection")).toEqual([]);
    // B4, B5, B7 and B8 share one format: the input fill, unlocked, no number format.
    expect(new Set(["B4", "B5", "B7", "B8"].map((a) => cells.get(a)!.attributes.s)).size).toBe(1);
    expect(xfOf("B3").attributes.numFmtId).toBe("3");
    expect(xfOf("B6").attributes.numFmtId).toBe("9");
    const custom = findAll(styles, "numFmt").find((format) => format.attributes.formatCode === "#,##0.00,,");
    expect(xfOf("C3").attributes.numFmtId).toBe(custom?.attributes.numFmtId);
    const fills = only(styles, "fills").children;
    expect(fills.slice(0, 2).map((fill) => fill.children[0].attributes.patternType)).toEqual(["none", "gray125"]);
    const inputFill = fills[Number(xfOf("B4").attributes.fillId)];
    expect(only(inputFill, "fgColor").attributes.rgb).toBe("FFFFF2CC");
    const fontRgbs = findAll(only(styles, "fonts"), "color").map((color) => color.attributes.rgb);
    expect(fontRgbs).toEqual([...new Set(fontRgbs)]);
    expect(findAll(only(styles, "borders"), "bottom").some((b) => b.attributes.style === "thin")).toBe(true);
    expect(only(xfOf("C7"), "alignment").attributes).toEqual({ horizontal: "right", wrapText: "1" });
  });

  test("sheet layout: fit to page, frozen panes, column widths, row heights, dimension", () => {
    const sheet = xml("xl/worksheets/sheet1.xml");
    expect(only(sheet, "pageSetUpPr").attributes.fitToPage).toBe("1");
    expect(only(sheet, "pane").attributes).toEqual({
      xSplit: "1",
      ySplit: "2",
      topLeftCell: "B3",
      activePane: "bottomRight",
      state: "frozen",
    });
    expect(findAll(sheet, "col").map((col) => [col.attributes.min, col.attributes.width])).toEqual([
      ["1", "22"],
      ["2", "14.5"],
      ["3", "16"],
      ["4", "30"],
    ]);
    const rows = new Map(findAll(sheet, "row").map((row) => [row.attributes.r, row]));
    expect(rows.get("2")?.attributes).toMatchObject({ ht: "30", customHeight: "1" });
    expect(rows.get("20")?.children).toEqual([]);
    expect(only(sheet, "dimension").attributes.ref).toBe("A1:D12");
    expect(findAll(xml("xl/worksheets/sheet2.xml"), "pane")).toEqual([]);
  });

  test("protection without a password: formats and sizes free, locked cells selectable", () => {
    const protection = only(xml("xl/worksheets/sheet1.xml"), "sheetProtection").attributes;
    expect(protection).toEqual({
      sheet: "1",
      objects: "1",
      scenarios: "1",
      formatCells: "0",
      formatColumns: "0",
      formatRows: "0",
    });
    expect(findAll(xml("xl/worksheets/sheet2.xml"), "sheetProtection")).toEqual([]);
  });

  test("conditional formats: expression rules with their own differential formats and priorities", () => {
    const sheet = xml("xl/worksheets/sheet1.xml");
    const rules = findAll(sheet, "conditionalFormatting").map((format) => ({
      sqref: format.attributes.sqref,
      ...only(format, "cfRule").attributes,
      formula: only(format, "formula").text,
    }));
    expect(rules).toEqual([
      { sqref: "B10:B12", type: "expression", dxfId: "0", priority: "1", formula: "B10>fs.total/10" },
      { sqref: "C6", type: "expression", dxfId: "1", priority: "2", formula: "ISERROR(C6)" },
    ]);
    const dxfs = only(xml("xl/styles.xml"), "dxfs").children;
    expect(findAll(dxfs[0], "b")).toHaveLength(1);
    expect(only(dxfs[0], "bgColor").attributes.rgb).toBe("FFF8CBAD");
    expect(only(dxfs[1], "color").attributes.rgb).toBe("FFFFFFFF");
  });

  test("data validation: lists, number ranges, custom formulas, messages, blanks", () => {
    const validations = findAll(xml("xl/worksheets/sheet1.xml"), "dataValidation").map((v) => ({
      ...v.attributes,
      formulas: v.children.map((child) => child.text),
    }));
    expect(validations).toEqual([
      {
        type: "list",
        allowBlank: "1",
        showErrorMessage: "1",
        showInputMessage: "1",
        promptTitle: "Method",
        prompt: "How the total is shared: gdp, key or pct-gdp.",
        errorTitle: "Not a method",
        error: "Choose gdp, key or pct-gdp.",
        sqref: "B4",
        formulas: ['"gdp,key,pct-gdp"'],
      },
      { type: "list", showErrorMessage: "1", sqref: "B5", formulas: ['"TRUE,FALSE"'] },
      {
        type: "decimal",
        operator: "between",
        allowBlank: "1",
        showErrorMessage: "1",
        errorTitle: "Credit",
        error: "A share from 0 to 1 (0% to 100%).",
        sqref: "B6",
        formulas: ["0", "1"],
      },
      {
        type: "whole",
        operator: "greaterThanOrEqual",
        allowBlank: "1",
        showErrorMessage: "1",
        sqref: "B7",
        formulas: ["1"],
      },
      {
        type: "decimal",
        operator: "lessThanOrEqual",
        allowBlank: "1",
        showErrorMessage: "1",
        sqref: "B3",
        formulas: ["1000000000000000"],
      },
      { type: "custom", allowBlank: "1", showErrorMessage: "1", sqref: "B8", formulas: ["AND(ISNUMBER(B8),B8>0)"] },
    ]);
    expect(only(xml("xl/worksheets/sheet1.xml"), "dataValidations").attributes.count).toBe("6");
  });

  test("print setup: margins, landscape fit to one page wide, header and footer with page numbers", () => {
    const sheet = xml("xl/worksheets/sheet1.xml");
    expect(only(sheet, "pageSetup").attributes).toEqual({
      orientation: "landscape",
      fitToWidth: "1",
      fitToHeight: "0",
    });
    expect(only(sheet, "oddHeader").text).toBe("&CScenario && data 2024");
    expect(only(sheet, "oddFooter").text).toBe("&LFair Share&RPage &P of &N");
    expect(Object.keys(only(sheet, "pageMargins").attributes)).toEqual([
      "left",
      "right",
      "top",
      "bottom",
      "header",
      "footer",
    ]);
    const other = xml("xl/worksheets/sheet2.xml");
    expect(findAll(other, "pageSetup")).toEqual([]);
    expect(findAll(other, "pageMargins")).toHaveLength(1);
  });

  test("notes: a comments part and the VML boxes Excel shows them in, linked from the sheet", () => {
    const comments = xml("xl/comments1.xml");
    expect(findAll(comments, "comment").map((c) => [c.attributes.ref, only(c, "t").text])).toEqual([
      ["B3", "The total to share & split."],
    ]);
    expect(only(comments, "author").text).toBe("Fair Share 0.0.0");
    const vml = xml("xl/drawings/vmlDrawing1.vml");
    expect(findAll(vml, "x:ClientData").map((data) => [only(data, "x:Row").text, only(data, "x:Column").text])).toEqual(
      [["2", "1"]]
    );
    const rels = findAll(xml("xl/worksheets/_rels/sheet1.xml.rels"), "Relationship");
    const legacy = only(xml("xl/worksheets/sheet1.xml"), "legacyDrawing").attributes["r:id"];
    expect(rels.find((rel) => rel.attributes.Id === legacy)?.attributes.Target).toBe("../drawings/vmlDrawing1.vml");
    expect(rels.map((rel) => rel.attributes.Target)).toContain("../comments1.xml");
    expect(files.has("xl/comments2.xml")).toBe(false);
  });

  test("the chart: a bar chart bound to the sheet's ranges with cached values, in a drawing linked from the sheet", () => {
    const chart = xml("xl/charts/chart1.xml");
    expect(findAll(chart, "c:f").map((f) => f.text)).toEqual([
      "'Inputs & Results'!$B$9",
      "'Inputs & Results'!$A$10:$A$12",
      "'Inputs & Results'!$B$10:$B$12",
    ]);
    expect(findAll(only(chart, "c:numCache"), "c:v").map((v) => v.text)).toEqual(["1", "20", "5"]);
    expect(only(xml("xl/drawings/drawing1.xml"), "xdr:cNvPr").attributes.descr).toBe("Amounts");
  });
});

describe("round trip: the reader gives back what the writer wrote", () => {
  test("every described cell's value, type and formula; names with scope and target; sheet states", async () => {
    const workbook = await readXlsx(await renderXlsx(FEATURE_WORKBOOK));
    expect(workbook.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual([
      [MAIN, "visible"],
      ["Other", "visible"],
      ["Hidden", "hidden"],
    ]);
    for (const description of FEATURE_WORKBOOK.sheets) {
      const sheet = workbook.sheets.find((candidate) => candidate.name === description.name)!;
      for (const cell of description.cells) {
        const read = sheet.cells.get(cell.address);
        const expected = cell.formula !== undefined ? cell.cached : cell.value;
        if (expected === undefined || expected === null) {
          expect(read === undefined || read.value === null).toBe(true);
          continue;
        }
        expect([cell.address, read?.value]).toEqual([cell.address, Object.is(expected, -0) ? 0 : expected]);
        expect(read?.formula).toBe(cell.formula?.slice(1));
      }
    }
    const main = workbook.sheets[0].cells;
    expect(main.get("C6")).toEqual({ value: "#DIV/0!", type: "error", formula: "1/0" });
    expect(main.get("C5")).toEqual({ value: false, type: "boolean", formula: "NOT(B5)" });
    expect(main.get("D3")).toEqual({ value: AWKWARD_TEXT, type: "string" });
    expect(main.get("D7")).toEqual({ value: "", type: "string" });
    expect(workbook.names).toEqual([
      {
        name: "fs.total",
        refersTo: "'Inputs & Results'!$B$3",
        target: { sheet: MAIN, range: "B3" },
        hidden: false,
      },
      { name: "fs.method", refersTo: "'Inputs & Results'!$B$4", target: { sheet: MAIN, range: "B4" }, hidden: false },
      {
        name: "local",
        scopeSheet: MAIN,
        refersTo: "'Inputs & Results'!$A$10:$A$12",
        target: { sheet: MAIN, range: "A10:A12" },
        hidden: false,
      },
      {
        name: "_xlnm.Print_Titles",
        scopeSheet: MAIN,
        refersTo: "'Inputs & Results'!$A:$B,'Inputs & Results'!$1:$2",
        hidden: false,
      },
      {
        name: "local2",
        scopeSheet: "Other",
        refersTo: "'Other'!$A$1",
        target: { sheet: "Other", range: "A1" },
        hidden: false,
      },
    ]);
  });
});

function sheetWith(overrides: Partial<SheetDescription>): WorkbookDescription {
  return {
    sheets: [{ name: "S", cells: [], names: [], conditionalFormats: [], charts: [], ...overrides }],
  };
}

describe("the writer refuses what would make a broken or non-portable file, naming it", () => {
  test.each<[string, WorkbookDescription, RegExp]>([
    ["no sheet", { sheets: [] }, /at least one sheet/],
    ["a sheet name with a colon", { sheets: [{ ...MAIN_SHEET, name: "a:b" }] }, /sheet name "a:b"/],
    ["a sheet name of 32 characters", { sheets: [{ ...MAIN_SHEET, name: "x".repeat(32) }] }, /1 to 31 characters/],
    ["two sheets named alike", { sheets: [MAIN_SHEET, { ...MAIN_SHEET, name: MAIN.toUpperCase() }] }, /used twice/],
    ["only hidden sheets", { sheets: [{ ...MAIN_SHEET, visibility: "hidden" }] }, /one visible sheet/],
    [
      "a cell described twice",
      sheetWith({
        cells: [
          { address: "A1", value: 1 },
          { address: "A1", value: 2 },
        ],
      }),
      /S!A1 is described twice/,
    ],
    ["an infinite number", sheetWith({ cells: [{ address: "B2", value: Infinity }] }), /S!B2: Infinity/],
    [
      "a text too long for a cell",
      sheetWith({ cells: [{ address: "A1", value: "x".repeat(32768) }] }),
      /32768 characters/,
    ],
    [
      "a formula too long for Excel",
      sheetWith({ cells: [{ address: "A1", formula: `=${"1+".repeat(4096)}1` }] }),
      /8193 characters; Excel allows 8192/,
    ],
    [
      "a spilled formula",
      sheetWith({ cells: [{ address: "A1", formula: "=A2:A3", spill: { rows: 2, columns: 1 } }] }),
      /spilled/,
    ],
    ["a control character", sheetWith({ names: [{ name: "x", range: "A1", comment: "a\u0001b" }] }), /U\+0001/],
    ["a name like a cell", sheetWith({ names: [{ name: "AB12", range: "A1" }] }), /"AB12" is not a valid/],
    [
      "a name defined twice",
      sheetWith({
        names: [
          { name: "n", range: "A1" },
          { name: "N", range: "A2" },
        ],
      }),
      /defined twice/,
    ],
    ["a bad colour", sheetWith({ cells: [{ address: "A1", value: 1, style: { fill: "yellow" } }] }), /"yellow"/],
    [
      "a list entry with a comma",
      sheetWith({ validations: [{ range: "A1", kind: "list", values: ["a,b"] }] }),
      /"a,b" must be/,
    ],
    [
      "a prompt title of 33 characters",
      sheetWith({
        validations: [{ range: "A1", kind: "list", values: ["a"], prompt: { title: "t".repeat(33), text: "x" } }],
      }),
      /prompt title has 33 characters; Excel allows at most 32/,
    ],
    ["whole bounds that are not whole", sheetWith({ validations: [{ range: "A1", kind: "whole", min: 0.5 }] }), /0.5/],
    ["fit to 0 pages", sheetWith({ print: { orientation: "portrait", fitToWidth: 0 } }), /fit to 0 pages/],
    ["title rows like columns", sheetWith({ print: { orientation: "portrait", titleRows: "A:B" } }), /"A:B"/],
    [
      "a newer function in a validation",
      sheetWith({ validations: [{ range: "A1", kind: "custom", formula: "=XLOOKUP(1,A:A,B:B)" }] }),
      /XLOOKUP is not one of Excel 2007's functions/,
    ],
    [
      "a custom function in a conditional format",
      sheetWith({ conditionalFormats: [{ range: "A1", formula: "=FAIRSHARE.SHARE(A1)>0", style: { bold: true } }] }),
      /FAIRSHARE.SHARE is not one/,
    ],
  ])("%s", async (_, description, message) => {
    await expect(renderXlsx(description)).rejects.toThrow(message);
  });
});

describe("classic functions only", () => {
  test.each([
    "STDEV.S(A1:A3)",
    "_xlfn.STDEV.S(A1:A3)",
    "CONCAT(A1,B1)",
    "IFS(A1,1,TRUE,2)",
    "SWITCH(A1,1,2)",
    "MAXIFS(A:A,B:B,1)",
    'TEXTJOIN(",",TRUE,A1:A3)',
    "IFNA(A1,0)",
    "AGGREGATE(9,6,A1:A3)",
    "SUM(SEQUENCE(3))",
    "LET(x,1,x)",
    "_xldudf_FAIRSHARE_ALLOCATE(A1)",
    "fs.total(1)",
  ])("refuses %s", (formula) => {
    expect(() => checkClassicFormula(formula, "S!A1")).toThrow(/^S!A1: /);
  });

  test.each([
    'IF(ERROR.TYPE(A1)=2,"XLOOKUP(","x")',
    "SUMPRODUCT(('Sheet (2)'!A1:A3>0)*fs.total)",
    "IFERROR(INDEX(B:B,MATCH(A1,A:A,0)),NA())",
    "TRUE()+FALSE()+LOG10(100)+ATAN2(1,1)",
    "Sheet1!A1+AB12",
  ])("allows %s", (formula) => {
    expect(() => checkClassicFormula(formula, "S!A1")).not.toThrow();
  });

  test("the functions called are told from names, references and strings", () => {
    expect(calledFunctions("=SUM(A1,LOG10(B2))+fs.total+\"MAX(\"&'x(y'!A1")).toEqual(["SUM", "LOG10"]);
  });
});

describe("shared formulas moved to each cell", () => {
  test.each<[string, number, number, string]>([
    ["A1+B2", 1, 0, "A2+B3"],
    ["$A1+A$1+$A$1", 2, 3, "$A3+D$1+$A$1"],
    ["SUM(B2:C3)*2", 0, 1, "SUM(C2:D3)*2"],
    ["SUM(A:B)+SUM(3:4)", 1, 1, "SUM(B:C)+SUM(4:5)"],
    ["SUM($A:$A)+SUM($3:$3)", 1, 1, "SUM($A:$A)+SUM($3:$3)"],
    ["'My A1'!B1&\"A1\"&Sheet2!C3", 1, 1, "'My A1'!C2&\"A1\"&Sheet2!D4"],
    ["LOG10(A1)+fs.total+ATAN2(X1,A1)", 1, 0, "LOG10(A2)+fs.total+ATAN2(X2,A2)"],
    ["A1*2", -1, 0, "#REF!*2"],
    ["XFD1+A1048576", 0, 0, "XFD1+A1048576"],
  ])("%s moved %i rows and %i columns is %s", (formula, rows, columns, expected) => {
    expect(shiftFormula(formula, rows, columns)).toBe(expected);
  });
});

/** A zip of the given parts, as another program might write it. */
async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: "uint8array" });
}

const RELS = (targets: [string, string][]): string =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${targets
    .map(
      ([id, target]) =>
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${target.includes("sharedStrings") ? "sharedStrings" : target.includes("calcChain") ? "calcChain" : target.includes("workbook") ? "officeDocument" : "worksheet"}" Target="${target}"/>`
    )
    .join("")}</Relationships>`;

/** A workbook as Excel saves one: shared strings with rich runs, shared formulas, typed results, calcChain. */
const EXCEL_STYLE = {
  "[Content_Types].xml":
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
  "_rels/.rels": RELS([["rId1", "xl/workbook.xml"]]),
  "xl/workbook.xml":
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data &amp; more" sheetId="1" r:id="rId1"/><sheet name="Two" sheetId="2" state="veryHidden" r:id="rId2"/></sheets><definedNames><definedName name="total" localSheetId="1" hidden="1">\'Data &amp; more\'!$B$2</definedName><definedName name="many">Two!$A$1:$A$3,Two!$C$1</definedName></definedNames><calcPr calcId="191029"/></workbook>',
  "xl/_rels/workbook.xml.rels": RELS([
    ["rId1", "/xl/worksheets/sheet1.xml"],
    ["rId2", "worksheets/../worksheets/sheet2.xml"],
    ["rId3", "sharedStrings.xml"],
    ["rId4", "calcChain.xml"],
  ]),
  "xl/sharedStrings.xml":
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">' +
    "<si><t>plain</t></si>" +
    '<si><r><rPr><b/></rPr><t xml:space="preserve">bold </t></r><r><t>and &amp; &#233;&#x1F600;</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>' +
    "<si><t>line_x000D_\nnext _x005F_x0041_</t></si></sst>",
  "xl/calcChain.xml":
    '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/></calcChain>',
  "xl/worksheets/sheet1.xml":
    '<?xml version="1.0"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n  <sheetData>\n' +
    '    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>\n' +
    '    <row r="2"><c r="A2"><v>1.5E-3</v></c><c r="B2" s="3"><f>A2*2</f><v>3.0000000000000001E-3</v></c><c r="C2" t="str"><f>"x"&amp;A2</f><v>x0.0015</v></c></row>\n' +
    '    <row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>\n' +
    '    <row r="4"><c r="A4"><f t="shared" ref="A4:C5" si="0">A2+$B$2</f><v>1</v></c><c r="B4"><f t="shared" si="0"/><v>2</v></c></row>\n' +
    '    <row r="5"><c r="C5"><f t="shared" si="0"/><v>3</v></c><c r="D5" s="2"/></row>\n' +
    "  </sheetData>\n</worksheet>",
  "xl/worksheets/sheet2.xml":
    '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
    '<x:row><x:c><x:v>10</x:v></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row><x:row/><x:row><x:c r="C3"><x:v>30</x:v></x:c><x:c><x:v>31</x:v></x:c></x:row>' +
    "</x:sheetData></x:worksheet>",
};

describe("the reader on files other programs write", () => {
  test("shared strings with runs and escapes, every result type, shared formulas, rows and cells without r", async () => {
    const workbook = await readXlsx(await zipOf(EXCEL_STYLE));
    expect(workbook.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual([
      ["Data & more", "visible"],
      ["Two", "veryHidden"],
    ]);
    const cells = Object.fromEntries(workbook.sheets[0].cells);
    expect(cells).toEqual({
      A1: { value: "plain", type: "string" },
      B1: { value: "bold and & é😀", type: "string" },
      C1: { value: "line\r\nnext _x0041_", type: "string" },
      A2: { value: 0.0015, type: "number" },
      B2: { value: 0.003, type: "number", formula: "A2*2" },
      C2: { value: "x0.0015", type: "string", formula: '"x"&A2' },
      A3: { value: true, type: "boolean" },
      B3: { value: "#DIV/0!", type: "error", formula: "1/0" },
      C3: { value: "inline", type: "string" },
      A4: { value: 1, type: "number", formula: "A2+$B$2" },
      B4: { value: 2, type: "number", formula: "B2+$B$2" },
      C5: { value: 3, type: "number", formula: "C3+$B$2" },
      D5: { value: null, type: "empty" },
    });
    expect(Object.fromEntries([...workbook.sheets[1].cells].map(([a, c]) => [a, c.value]))).toEqual({
      A1: 10,
      B1: "plain",
      C3: 30,
      D3: 31,
    });
    expect(workbook.names).toEqual([
      {
        name: "total",
        scopeSheet: "Two",
        refersTo: "'Data & more'!$B$2",
        target: { sheet: "Data & more", range: "B2" },
        hidden: true,
      },
      { name: "many", refersTo: "Two!$A$1:$A$3,Two!$C$1", hidden: false },
    ]);
  });

  test.each<[string, Uint8Array | Promise<Uint8Array>, RegExp]>([
    ["not a zip", new TextEncoder().encode("hello"), /not an \.xlsx file: it is not a zip/],
    ["a zip without a workbook", zipOf({ "a.txt": "x" }), /it has no xl\/workbook\.xml/],
    [
      "a sheet that is not XML",
      zipOf({ ...EXCEL_STYLE, "xl/worksheets/sheet1.xml": "<worksheet><sheetData></worksheet>" }),
      /xl\/worksheets\/sheet1\.xml is not well-formed XML/,
    ],
    [
      "a missing shared string",
      zipOf({ ...EXCEL_STYLE, "xl/sharedStrings.xml": '<sst xmlns="x"></sst>' }),
      /Data & more!A1: shared string 0 does not exist/,
    ],
    [
      "a number that is not one",
      zipOf({
        ...EXCEL_STYLE,
        "xl/worksheets/sheet2.xml":
          '<worksheet><sheetData><row r="1"><c r="A1"><v>1,5</v></c></row></sheetData></worksheet>',
      }),
      /Two!A1: "1,5" is not a number/,
    ],
  ])("refuses %s, saying why", async (_, bytes, message) => {
    const error = await readXlsx(await bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(XlsxReadError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("writeCellValue", () => {
  test("replaces a cell (formula and all), keeps its format and every other byte of the sheet", async () => {
    const bytes = await renderXlsx(FEATURE_WORKBOOK);
    const before = (await parts(bytes)).get("xl/worksheets/sheet1.xml") as string;
    const edited = await writeCellValue(bytes, MAIN, "C3", "typed & <kept>");
    const after = (await parts(edited)).get("xl/worksheets/sheet1.xml") as string;
    const oldCell = /<c r="C3"[^>]*>.*?<\/c>/.exec(before)![0];
    const newCell = /<c r="C3"[^>]*>.*?<\/c>/.exec(after)![0];
    expect(after).toBe(before.replace(oldCell, newCell));
    expect(newCell).toBe(
      `<c r="C3" s="${/s="(\d+)"/.exec(oldCell)![1]}" t="inlineStr"><is><t>typed &amp; &lt;kept&gt;</t></is></c>`
    );
    const cells = (await readXlsx(edited)).sheets[0].cells;
    expect(cells.get("C3")).toEqual({ value: "typed & <kept>", type: "string" });
    expect(cells.get("C4")?.formula).toBe('IF(fs.method="gdp","by GDP","other")');
  });

  test("numbers, booleans and empty cells; new cells go in row and column order", async () => {
    let bytes = await renderXlsx(FEATURE_WORKBOOK);
    bytes = await writeCellValue(bytes, MAIN, "B3", 250);
    bytes = await writeCellValue(bytes, MAIN, "B5", false);
    bytes = await writeCellValue(bytes, MAIN, "B6", null);
    bytes = await writeCellValue(bytes, MAIN, "A9", 9); // before B9 in an existing row
    bytes = await writeCellValue(bytes, MAIN, "E3", 1); // at the end of an existing row
    bytes = await writeCellValue(bytes, MAIN, "A15", "new row"); // a row between rows 12 and 20
    bytes = await writeCellValue(bytes, MAIN, "A20", "row with only a height");
    bytes = await writeCellValue(bytes, MAIN, "Z99", 99); // after the last row
    const sheet = (await parts(bytes)).get("xl/worksheets/sheet1.xml") as string;
    const order = [...sheet.matchAll(/<c r="([A-Z]+\d+)"/g)].map((match) => match[1]);
    const key = (address: string): number => {
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(address)!;
      return Number(row) * 100 + letters.charCodeAt(0);
    };
    expect(order).toEqual([...order].sort((a, b) => key(a) - key(b)));
    expect(sheet).toContain('<row r="20" ht="18" customHeight="1"><c r="A20" t="inlineStr">');
    const cells = (await readXlsx(bytes)).sheets[0].cells;
    expect([...["B3", "B5", "B6", "A9", "E3", "A15", "Z99"]].map((a) => cells.get(a)?.value)).toEqual([
      250,
      false,
      null,
      9,
      1,
      "new row",
      99,
    ]);
    expect(cells.get("B6")?.type).toBe("empty");
  });

  test("in a file as Excel writes it: prefixed elements, rows without r, full recalculation on, calcChain gone", async () => {
    let bytes = await zipOf(EXCEL_STYLE);
    bytes = await writeCellValue(bytes, "Two", "B3", 32);
    bytes = await writeCellValue(bytes, "Two", "A2", "two");
    bytes = await writeCellValue(bytes, "Data & more", "B2", 5);
    const files = await parts(bytes);
    expect(files.has("xl/calcChain.xml")).toBe(false);
    expect(files.get("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(files.get("[Content_Types].xml")).not.toContain("calcChain");
    expect(only(parseXml(files.get("xl/workbook.xml") as string), "calcPr").attributes).toEqual({
      fullCalcOnLoad: "1",
      calcId: "191029",
    });
    expect(files.get("xl/worksheets/sheet2.xml")).toContain(
      '<x:row><x:c r="B3"><x:v>32</x:v></x:c><x:c r="C3"><x:v>30</x:v></x:c><x:c><x:v>31</x:v></x:c></x:row>'
    );
    const workbook = await readXlsx(bytes);
    expect(Object.fromEntries([...workbook.sheets[1].cells].map(([a, c]) => [a, c.value]))).toEqual({
      A1: 10,
      B1: "plain",
      A2: "two",
      B3: 32,
      C3: 30,
      D3: 31,
    });
    expect(workbook.sheets[0].cells.get("B2")).toEqual({ value: 5, type: "number" });
    expect(workbook.sheets[0].cells.get("A4")?.formula).toBe("A2+$B$2");
  });

  test("a sheet that does not exist is named with the sheets there are", async () => {
    await expect(writeCellValue(await zipOf(EXCEL_STYLE), "Three", "A1", 1)).rejects.toThrow(
      'no sheet "Three"; the sheets are "Data & more", "Two"'
    );
  });
});
