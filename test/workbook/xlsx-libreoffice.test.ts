/**
 * The .xlsx writer's files in LibreOffice: a workbook with every feature opens, recomputes to its cached values and,
 * after an input is edited, to the edited figures (formulas across sheets through workbook names), and LibreOffice
 * keeps what it was given (validation, protection, print setup, names, conditional formats, chart, note) when it saves
 * the file again. Printed to PDF, a landscape sheet fit to one page wide gives pages one page wide, with the header,
 * the page numbers and the repeated title row on each.
 */
import JSZip from "jszip";

import {
  cellAddress,
  type CellDescription,
  type CellValue,
  type WorkbookDescription,
} from "../../src/workbook/description";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { readXlsx, writeCellValue, type XlsxWorkbook } from "../../src/workbook/xlsx-read";
import { FEATURE_WORKBOOK, MAIN } from "../helpers/feature-workbook";
import { renderPdfInLibreOffice, type PdfPage } from "../helpers/pdf";
import { findAll, parseXml, type XmlElement } from "../helpers/xml";
import { recomputeInLibreOffice } from "../helpers/xlsx";

jest.setTimeout(120_000);

const COLUMNS = 26;
const ROWS = 150;

/** A sheet far wider than a page: row markers in the first and last columns, a title row, 26 columns of figures. */
function wideWorkbook(fit: boolean): WorkbookDescription {
  const cells: CellDescription[] = [];
  for (let column = 1; column <= COLUMNS; column++) {
    cells.push({ address: cellAddress(1, column), value: column === COLUMNS ? "HEADLAST" : `Head${column}` });
  }
  for (let row = 2; row <= ROWS; row++) {
    cells.push({ address: cellAddress(row, 1), value: `R${row}FIRST` });
    for (let column = 2; column < COLUMNS; column++) {
      cells.push({ address: cellAddress(row, column), value: row * 1000 + column, numberFormat: "#,##0" });
    }
    cells.push({ address: cellAddress(row, COLUMNS), value: `R${row}LAST` });
  }
  const widths = Object.fromEntries(
    Array.from({ length: COLUMNS }, (_, index) => [cellAddress(1, index + 1).replace("1", ""), 12])
  );
  return {
    sheets: [
      {
        name: "Wide",
        cells,
        names: [],
        conditionalFormats: [],
        charts: [],
        columnWidths: widths,
        print: {
          orientation: "landscape",
          fitToWidth: fit ? 1 : undefined,
          titleColumns: "A:A",
          titleRows: "1:1",
          header: "Wide sheet & its header",
          footer: "Footer text",
        },
      },
    ],
  };
}

function cellsOf(workbook: XlsxWorkbook, sheet: string): Map<string, { value: CellValue; type: string }> {
  const found = workbook.sheets.find((candidate) => candidate.name === sheet);
  if (!found) throw new Error(`no sheet ${sheet}`);
  return found.cells as Map<string, { value: CellValue; type: string }>;
}

let original: XlsxWorkbook;
let edited: XlsxWorkbook;
let savedParts: Map<string, XmlElement>;
let fitted: PdfPage[];
let unfitted: PdfPage[];

beforeAll(async () => {
  const bytes = await renderXlsx(FEATURE_WORKBOOK);
  const editedBytes = await writeCellValue(bytes, MAIN, "B3", 150);
  const [recomputed, recomputedEdited] = recomputeInLibreOffice([bytes, editedBytes]);
  original = await readXlsx(recomputed);
  edited = await readXlsx(recomputedEdited);
  const zip = await JSZip.loadAsync(recomputed);
  savedParts = new Map();
  for (const file of Object.values(zip.files)) {
    if (/\.(xml|vml)$/.test(file.name)) savedParts.set(file.name, parseXml(await file.async("string")));
  }
  [fitted, unfitted] = renderPdfInLibreOffice([
    await renderXlsx(wideWorkbook(true)),
    await renderXlsx(wideWorkbook(false)),
  ]);
});

describe("a workbook with every feature, in LibreOffice", () => {
  test("recomputed as written, every formula gives the cached value the file carries", () => {
    for (const sheet of FEATURE_WORKBOOK.sheets) {
      const cells = cellsOf(original, sheet.name);
      for (const cell of sheet.cells.filter((c) => c.formula !== undefined)) {
        expect([sheet.name, cell.address, cells.get(cell.address)?.value]).toEqual([
          sheet.name,
          cell.address,
          cell.cached,
        ]);
      }
    }
    expect(cellsOf(original, MAIN).get("C6")?.type).toBe("error");
  });

  test("with the total edited, the formulas on both sheets follow it through the workbook names", () => {
    const main = cellsOf(edited, MAIN);
    const other = cellsOf(edited, "Other");
    expect(main.get("B3")?.value).toBe(150);
    expect(main.get("C3")?.value).toBe(300);
    expect(other.get("A1")?.value).toBe(151);
    expect(other.get("B1")?.value).toBe(151);
    expect(other.get("A2")?.value).toBe(6);
  });

  test("LibreOffice keeps the sheets' states, names and print titles", () => {
    expect(original.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual([
      [MAIN, "visible"],
      ["Other", "visible"],
      ["Hidden", "hidden"],
    ]);
    const names = original.names.map((name) => [name.name, name.scopeSheet ?? "workbook", name.refersTo]);
    expect(names).toEqual(
      expect.arrayContaining([
        ["fs.total", "workbook", "'Inputs & Results'!$B$3"],
        ["fs.method", "workbook", "'Inputs & Results'!$B$4"],
        ["local", MAIN, "'Inputs & Results'!$A$10:$A$12"],
        ["local2", "Other", "Other!$A$1"],
        ["_xlnm.Print_Titles", MAIN, "'Inputs & Results'!$A:$B,'Inputs & Results'!$1:$2"],
      ])
    );
  });

  test("LibreOffice keeps validation, protection, conditional formats, print setup, the chart and the note", () => {
    const sheet = savedParts.get("xl/worksheets/sheet1.xml") as XmlElement;
    const validations = findAll(sheet, "dataValidation");
    expect(validations.map((v) => [v.attributes.type, v.attributes.sqref])).toEqual(
      expect.arrayContaining([
        ["list", "B4"],
        ["list", "B5"],
        ["decimal", "B6"],
        ["whole", "B7"],
        ["decimal", "B3"],
        ["custom", "B8"],
      ])
    );
    const method = validations.find((v) => v.attributes.sqref === "B4") as XmlElement;
    expect(method.attributes.prompt).toBe("How the total is shared: gdp, key or pct-gdp.");
    expect(method.attributes.error).toBe("Choose gdp, key or pct-gdp.");
    expect(findAll(sheet, "sheetProtection")[0]?.attributes.sheet).toMatch(/^(1|true)$/);
    expect(findAll(sheet, "conditionalFormatting")).toHaveLength(2);
    const setup = findAll(sheet, "pageSetup")[0]?.attributes ?? {};
    expect([setup.orientation, setup.fitToWidth, setup.fitToHeight]).toEqual(["landscape", "1", "0"]);
    expect(findAll(sheet, "oddHeader")[0]?.text).toContain("Scenario && data 2024");
    const charts = [...savedParts.keys()].filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name));
    expect(charts).toHaveLength(1);
    const comments = [...savedParts.entries()].filter(([name]) => /^xl\/comments\d*\.xml$/.test(name));
    expect(comments.flatMap(([, root]) => findAll(root, "comment").map((c) => c.attributes.ref))).toEqual(["B3"]);
  });
});

describe("printed to PDF by LibreOffice", () => {
  const rowsOn = (page: PdfPage, marker: "FIRST" | "LAST"): number[] =>
    [...page.text.matchAll(new RegExp(`R(\\d+)${marker}`, "g"))].map((match) => Number(match[1]));

  test("fit to one page wide: landscape pages, each with whole rows, the title row, header and page numbers", () => {
    expect(fitted.length).toBeGreaterThan(1);
    fitted.forEach((page, index) => {
      expect(page.width).toBeGreaterThan(page.height);
      const first = rowsOn(page, "FIRST");
      expect(first.length).toBeGreaterThan(0);
      expect(rowsOn(page, "LAST")).toEqual(first);
      expect(page.text).toContain("HEADLAST");
      expect(page.text).toContain("Wide sheet & its header");
      expect(page.text).toContain("Footer text");
      expect(page.text).toContain(`Page ${index + 1} of ${fitted.length}`);
      expect(page.text).not.toContain("###");
    });
    const printed = fitted.flatMap((page) => rowsOn(page, "FIRST"));
    expect(printed).toEqual(Array.from({ length: ROWS - 1 }, (_, index) => index + 2));
  });

  test("the same sheet without fitting spreads its columns over more pages than rows need (the check can fail)", () => {
    expect(unfitted.length).toBeGreaterThan(fitted.length);
    expect(unfitted.some((page) => rowsOn(page, "FIRST").join() !== rowsOn(page, "LAST").join())).toBe(true);
  });
});
