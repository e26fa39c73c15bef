/**
 * The portable copy as LibreOffice prints it (PDF, after a full recalculation) and opens it: every page landscape and
 * one page wide (no contributor row printed twice, as repeated code columns would be on a second page across), no
 * `###` in any column with LibreOffice's default fonts, the page header naming the scenario and its data; and the
 * protection (inputs unlocked, the rest locked) still there after LibreOffice saves the file.
 */
import type { ScenarioSpec } from "../../src/engine/scenario";
import type { SheetDescription, WorkbookDescription } from "../../src/workbook/description";
import { PORTABLE_SHEET, buildPortableWorkbook } from "../../src/workbook/portable";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { renderPdfInLibreOffice, type PdfPage } from "../helpers/pdf";
import { convertInLibreOffice } from "../helpers/xlsx";
import { findAll, parseXml } from "../helpers/xml";
import JSZip from "jszip";

jest.setTimeout(180_000);

const OPTIONS = { version: "test", date: new Date("2026-01-02T03:04:05Z") };

const DEFAULT: ScenarioSpec = {};
/** Many year columns, amounts in USD to the unit, a basis per inhabitant: the widest numbers and the most columns. */
const WIDE: ScenarioSpec = {
  years: "12",
  currency: "USD",
  "usd-per-eur": "1.078376",
  method: "blend",
  blend: "population:1",
  unit: "1",
  credit: "50%",
  "aid-from": "2022-01",
  cap: "USA=30%",
};

/** The same workbook with the main sheet's print area removed: every column printed, to look for `###` in all. */
function everyColumn(workbook: WorkbookDescription): WorkbookDescription {
  return {
    ...workbook,
    sheets: workbook.sheets.map((sheet) =>
      sheet.name === PORTABLE_SHEET && sheet.print ? { ...sheet, print: { ...sheet.print, area: undefined } } : sheet
    ),
  };
}

const mainOf = (workbook: WorkbookDescription): SheetDescription =>
  workbook.sheets.find((sheet) => sheet.name === PORTABLE_SHEET) as SheetDescription;

interface Printed {
  readonly workbook: WorkbookDescription;
  readonly pages: PdfPage[];
  readonly everyColumnPages: PdfPage[];
  readonly header: string;
}

const printed = new Map<string, Printed>();
let bytes: Uint8Array;

beforeAll(async () => {
  const books = [DEFAULT, WIDE].map((spec) => buildPortableWorkbook(spec, OPTIONS).workbook);
  const files = await Promise.all(books.flatMap((book) => [renderXlsx(book), renderXlsx(everyColumn(book))]));
  bytes = files[0];
  const pdfs = renderPdfInLibreOffice(files);
  ["default", "wide"].forEach((name, index) => {
    const workbook = books[index];
    printed.set(name, {
      workbook,
      pages: pdfs[2 * index],
      everyColumnPages: pdfs[2 * index + 1],
      header: mainOf(workbook).print?.header ?? "",
    });
  });
});

describe.each(["default", "wide"])("the %s copy printed by LibreOffice", (name) => {
  const get = (): Printed => printed.get(name) as Printed;

  test("every page is landscape, with the header naming the scenario and its data, and no ###", () => {
    const { pages, header } = get();
    expect(header).toMatch(/^Fair Share portable copy: .*Data: /);
    for (const [index, page] of pages.entries()) {
      expect([index, page.width > page.height]).toEqual([index, true]);
      // pdftotext lays out the header on one line, or breaks it where LibreOffice wraps it: compare the words.
      const words = page.text.replace(/\s+/g, " ");
      const data = header.indexOf("Data: ");
      expect([index, words.includes(header.slice(0, 60)), words.includes(header.slice(data, data + 40))]).toEqual([
        index,
        true,
        true,
      ]);
      expect([index, page.text.includes("###")]).toEqual([index, false]);
    }
  });

  test("each sheet is one page wide: each row of a code column printed once, no column cut", () => {
    const { workbook, pages } = get();
    const text = pages.map((page) => page.text).join("\n");
    // The main sheet's code columns and the monthly aid's, each row printed once.
    const printedSheets = workbook.sheets.filter((sheet) => (sheet.visibility ?? "visible") === "visible");
    const codes = printedSheets.flatMap((sheet) =>
      sheet.cells.filter((cell) => /^A\d+$/.test(cell.address) && /^[A-Z]{3}$/.test(String(cell.value)))
    );
    expect(codes.length).toBeGreaterThan(80);
    const expected = new Map<string, number>();
    for (const cell of codes) expected.set(String(cell.value), (expected.get(String(cell.value)) ?? 0) + 1);
    for (const [code, count] of expected) {
      const lines = text.split("\n").filter((line) => new RegExp(`^\\s*${code}\\s`).test(line)).length;
      expect([code, lines]).toEqual([code, count]);
    }
    expect(new Set(pages.map((page) => page.width)).size).toBe(1);
  });

  test("with every column printed, no number shows as ###", () => {
    const { everyColumnPages } = get();
    expect(everyColumnPages.length).toBeGreaterThan(0);
    for (const [index, page] of everyColumnPages.entries()) {
      expect([index, page.text.includes("###")]).toEqual([index, false]);
    }
  });
});

test("LibreOffice opens the protected copy and keeps its protection (inputs unlocked, the rest locked) and validation", async () => {
  const [saved] = convertInLibreOffice([bytes], "xlsx");
  const zip = await JSZip.loadAsync(saved);
  const sheet = parseXml((await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "");
  const protection = findAll(sheet, "sheetProtection")[0]?.attributes ?? {};
  expect(["1", "true"]).toContain(protection.sheet);
  expect(protection.password).toBeUndefined();
  expect(protection.hashValue).toBeUndefined();
  const styles = parseXml((await zip.file("xl/styles.xml")?.async("string")) ?? "");
  const unlocked = findAll(findAll(styles, "cellXfs")[0], "xf").map((xf) =>
    ["0", "false"].includes(findAll(xf, "protection")[0]?.attributes.locked ?? "")
  );
  const cells = findAll(sheet, "c");
  const open = cells.filter((c) => unlocked[Number(c.attributes.s ?? 0)]).map((c) => c.attributes.r);
  const main = mainOf(printed.get("default")?.workbook as WorkbookDescription);
  const inputs = main.cells.filter((cell) => cell.style?.locked === false).map((cell) => cell.address);
  expect(new Set(open)).toEqual(new Set(inputs));
  expect(inputs.length).toBeGreaterThan(100);
  // LibreOffice keeps the validation and its input messages (it shows them when a cell is selected).
  const written = (main.validations ?? []).map((v) => [v.prompt?.title, v.prompt?.text]);
  const kept = findAll(sheet, "dataValidation").map((v) => [v.attributes.promptTitle, v.attributes.prompt]);
  expect(written.length).toBeGreaterThan(10);
  for (const message of written) expect(kept).toContainEqual(message);
  const lists = findAll(sheet, "dataValidation").filter((v) => findAll(v, "formula1")[0]?.text === '"TRUE,FALSE"');
  expect(lists.length).toBeGreaterThan(0);
});
