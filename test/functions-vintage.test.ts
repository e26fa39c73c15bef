/**
 * FAIRSHARE.VINTAGE: the data vintage of the embedded data, of a data cell (the text of FAIRSHARE.EDITION) or of an
 * inputs block's data entry, as the engine states it (dataVintage); and the errors it gives.
 */
import { SOURCE_IDS, sourceById } from "../src/data";
import { dataVintage, embeddedEdition } from "../src/engine";
import { editionOfValue } from "../src/functions/edition";
import { edition, vintage } from "../src/functions/functions";
import { clearMemo } from "../src/functions/memo";
import { dataSheetValues } from "../src/workbook/data-sheet";
import { excelError } from "./functions-runtime";

beforeEach(() => clearMemo());

/** The data sheet's values with its vintage line stating `vintage`: what a user writes after editing figures. */
function dataSheetStating(vintageLine: string): (string | number | boolean | null)[][] {
  return dataSheetValues(embeddedEdition()).map((row) =>
    typeof row[0] === "string" && row[0].startsWith("# vintage:") ? [`# vintage: ${vintageLine}`, ...row.slice(1)] : row
  );
}

const OMITTED = null as unknown as undefined;

describe("FAIRSHARE.VINTAGE of the embedded data", () => {
  const embedded = dataVintage(embeddedEdition());

  it("names every embedded dataset with its publication date, in one line", () => {
    const text = vintage();
    expect(text).toBe(embedded);
    for (const id of Object.values(SOURCE_IDS)) expect(text).toContain(`${id} ${sourceById(id).published}`);
    expect(text.split("; ")).toHaveLength(Object.values(SOURCE_IDS).length);
    expect(text).not.toMatch(/\n|your data/);
  });

  it("is the same for an omitted argument, an empty cell (null on the web, 0 on desktop) and an empty text", () => {
    for (const empty of [OMITTED, [[null]], [[0]], [[""]], [["  "]]]) expect(vintage(empty)).toBe(embedded);
  });

  it("reads an inputs block's data entry: empty means the embedded data, whatever else the block holds", () => {
    expect(
      vintage([
        ["total", "40bn"],
        ["years", 1],
        ["data", null],
      ])
    ).toBe(embedded);
    // Only the data entry is read: a value the scenario would refuse does not hide the vintage.
    expect(
      vintage([
        ["total", "not an amount"],
        ["data", 0],
      ])
    ).toBe(embedded);
  });
});

describe("FAIRSHARE.VINTAGE of your data", () => {
  const text = edition(dataSheetStating("figures of 1 March 2027 (a test)"));

  it("states the vintage the data sheet gives, marked as your data, beside the embedded datasets still in use", () => {
    const stated = vintage([[text]]);
    expect(stated).toBe(dataVintage(editionOfValue(text)));
    expect(stated).toContain("figures of 1 March 2027 (a test) (your data)");
    expect(stated).not.toBe(vintage());
  });

  it("reads the same from an inputs block whose data cell holds that text", () => {
    expect(
      vintage([
        ["total", "40bn"],
        ["data", text],
      ])
    ).toBe(vintage([[text]]));
  });

  it("changes when the data sheet states another vintage, so a sheet made with the first one can tell", () => {
    const other = edition(dataSheetStating("figures of 2 April 2027 (a test)"));
    expect(vintage([[other]])).not.toBe(vintage([[text]]));
  });
});

describe("FAIRSHARE.VINTAGE errors", () => {
  it("refuses a text that is not a data edition, with the fix", () => {
    const seen = excelError(() => vintage([["my data"]]));
    expect(seen.code).toBe("#VALUE!");
    expect(seen.message).toContain('"my data" is not a data edition');
    expect(seen.message).toContain("=FAIRSHARE.EDITION(");
  });

  it("refuses a range that is neither one cell nor two columns, naming the argument", () => {
    const seen = excelError(() => vintage([["data", "x", "y"]]));
    expect(seen.code).toBe("#VALUE!");
    expect(seen.message).toMatch(/data/);
    expect(seen.message).toContain("1 row x 3 columns");
  });

  it("refuses an error value in the data cell by its position", () => {
    const seen = excelError(() => vintage([[{ type: "Error", basicValue: "#REF!" }]] as never));
    expect(seen.code).toBe("#VALUE!");
    expect(seen.message).toContain("#REF!");
  });
});
