/**
 * The portable copy as LibreOffice prints it (File > Export as PDF, after a full recalculation), read back with
 * pdftotext: landscape pages, the contributors table one page wide (no column cut off onto a page to the right), and
 * every number shown (no `###` where a column is too narrow for its figure).
 */
import { runScenario } from "../../src/engine/scenario";
import { describePortableWorkbook } from "../../src/workbook/portable";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { readXlsx } from "../../src/workbook/xlsx-read";
import { renderPdfInLibreOffice, type PdfPage } from "../helpers/pdf";
import { CopyLayout } from "../helpers/portable-layout";
import { COPY_OPTIONS } from "../helpers/portable-run";

jest.setTimeout(300_000);

let pages: PdfPage[] = [];
let layout: CopyLayout;

beforeAll(async () => {
  const result = runScenario({});
  const bytes = await renderXlsx(describePortableWorkbook({}, result, COPY_OPTIONS).workbook);
  layout = new CopyLayout(await readXlsx(bytes));
  [pages] = renderPdfInLibreOffice([bytes]);
});

/** The pages whose text holds `text`. */
const pagesWith = (text: string): number[] =>
  pages.flatMap((page, index) => (page.text.includes(text) ? [index + 1] : []));

describe("the default portable copy printed by LibreOffice", () => {
  test("no page shows ### for a number too wide for its column", () => {
    expect(pagesWith("###")).toEqual([]);
  });

  test("every page is landscape", () => {
    const portrait = pages.flatMap((page, index) => (page.width > page.height ? [] : [index + 1]));
    expect({ pages: pages.length, portrait }).toEqual({ pages: pages.length, portrait: [] });
  });

  test("the contributors table is one page wide: its rightmost column is printed beside the codes", () => {
    // Cut at the page edge, the columns on the right go to pages of their own; one page wide, the page that prints the
    // first ally's row (its code and name on one line, not the chart's label) also prints the last column's header.
    const row = new RegExp(`^\\s*${layout.codes[0]}\\s+\\S`, "m");
    // The "Aid by month" sheet prints the codes too, under its month headers ("2022-01 2022-02"): not this table.
    const months = /\d{4}-\d{2}\s+\d{4}-\d{2}/;
    const printed = pages.flatMap((page, index) => (row.test(page.text) && !months.test(page.text) ? [index + 1] : []));
    expect(printed).toHaveLength(1);
    const words = layout.lastTableHeader().split(/\s+/);
    const page = pages[printed[0] - 1].text;
    expect({ header: layout.lastTableHeader(), missing: words.filter((word) => !page.includes(word)) }).toEqual({
      header: layout.lastTableHeader(),
      missing: [],
    });
  });
});
