// Another workbook's store read from its .xlsx file for the pane's merge: a visible sheet (a portable copy) or a very
// hidden one (a live workbook), damaged rows reported; a file without a store or not an .xlsx refused in words.
import { readStoreFile } from "../../src/taskpane/store-file";
import { cellAddress, type CellDescription, type SheetDescription } from "../../src/workbook/description";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { STORE_SHEET, readStore, storeHeader, storeRow, type StoredScenario } from "../../src/workbook/scenario-store";

const EMPTY = { names: [], conditionalFormats: [], charts: [] };

function scenario(name: string, parameters: StoredScenario["parameters"]): StoredScenario {
  return { name, comment: "", parameters, created: "", modified: "", author: "", vintage: "" };
}

async function fileWith(sheets: SheetDescription[]): Promise<ArrayBuffer> {
  const bytes = await renderXlsx({
    sheets: [{ name: "Front", cells: [{ address: "A1", value: "x" }], ...EMPTY }, ...sheets],
  });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function storeSheet(
  rows: readonly (readonly (string | number)[])[],
  visibility: "visible" | "veryHidden"
): SheetDescription {
  const cells: CellDescription[] = [];
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== "") cells.push({ address: cellAddress(r + 1, c + 1), value });
    })
  );
  return { name: STORE_SHEET, cells, visibility, ...EMPTY };
}

const header = storeHeader();
const yearsRow = storeRow(scenario("Years", {}), header) as (string | number)[];
yearsRow[header.indexOf("years")] = 3;
const rows = [
  header,
  storeRow(scenario("Hungary exempt", { exempt: "HUN" }), header) as (string | number)[],
  storeRow(scenario("Garbled", { credit: "half" }), header) as (string | number)[],
  yearsRow,
];

describe("reading the store of another workbook's file", () => {
  test.each(["visible", "veryHidden"] as const)(
    "a %s store sheet reads as the store of its cells",
    async (visibility) => {
      const content = await readStoreFile("b.xlsx", await fileWith([storeSheet(rows, visibility)]));
      expect(content).toEqual(readStore(rows));
      expect(content.scenarios.map((known) => known.name)).toEqual(["Hungary exempt", "Years"]);
      // The number 3 was written as a number cell and reads back as the text the engine takes.
      expect(content.scenarios[1].parameters).toEqual({ years: "3" });
      expect(content.problems.map((problem) => problem.row)).toEqual([3]);
    }
  );

  test("a file without a store, or not an .xlsx, is refused naming the file", async () => {
    await expect(readStoreFile("plain.xlsx", await fileWith([]))).rejects.toThrow(
      'plain.xlsx has no "Scenarios" sheet'
    );
    const text = new TextEncoder().encode("not a zip");
    await expect(readStoreFile("notes.xlsx", text.buffer as ArrayBuffer)).rejects.toThrow(
      /^notes.xlsx cannot be read: /
    );
  });
});
