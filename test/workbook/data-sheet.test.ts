/**
 * The "Fair Share data" sheet: its description (the tables of `fair-share data --format csv` and `--eu`), read back
 * by =FAIRSHARE.EDITION into the same figures; written and read through the Office adapter against the recording
 * host; and a scenario sheet and a delivered vs fair share sheet on the user's data, whose data cells read that sheet.
 */
import {
  embeddedEdition,
  parametersFor,
  readEdition,
  runScenario,
  runTrack,
  countryTable,
  type Edition,
} from "../../src/engine";
import { toCsv } from "../../src/cli/format";
import { editionOfValue, editionText } from "../../src/functions/edition";
import {
  DATA_FORMULA,
  DATA_SHEET_NAME,
  DATA_SHEET_RANGE,
  dataSheet,
  dataSheetValues,
} from "../../src/workbook/data-sheet";
import { readSheetRange, writeDataSheet, type ExcelLike } from "../../src/workbook/office";
import { scenarioSheet } from "../../src/workbook/scenario-sheet";
import { trackSheet } from "../../src/workbook/track-sheet";
import { createRecordingExcel } from "../helpers/recording-excel";

function host() {
  const made = createRecordingExcel();
  return { excel: made.excel as unknown as ExcelLike, recording: made.recording };
}

/** The embedded per-country table with one figure changed, read as a user's file. */
function userEdition(): Edition {
  const table = countryTable(embeddedEdition(), { from: "2022-01", to: "2026-04" });
  const rows = [[...table.header], ...table.rows.map((row) => [...row])];
  const gdp = rows[0].indexOf("gdp_2024_eur_bn");
  rows.find((row) => row[0] === "POL")![gdp] = "900";
  return readEdition({ data: { file: "poland.csv", text: `# vintage: a test\n${toCsv(rows)}` } });
}

describe("the data sheet's description", () => {
  test("its values read back by EDITION are the edition's figures, embedded or the user's", () => {
    for (const edition of [embeddedEdition(), userEdition()]) {
      const read = editionOfValue(editionText(dataSheetValues(edition)));
      expect(read.figuresId).toBe(edition.figuresId);
      expect(read.sourceOf("gdp", 2024).file).toBe("Fair Share data");
    }
  });

  test("comment rows state the user's vintage; headers, figures and derived columns styled apart", () => {
    const values = dataSheetValues(userEdition());
    expect(values.map((row) => row[0]).filter((cell) => String(cell).startsWith("# vintage"))).toEqual([
      "# vintage: a test",
      expect.stringMatching(/^# vintage: as embedded: EU instruments for Ukraine/),
    ]);
    const sheet = dataSheet(userEdition());
    const headerRow = values.findIndex((row) => row[0] === "iso3") + 1;
    expect(sheet.cells.find((cell) => cell.address === `A${headerRow}`)).toMatchObject({
      value: "iso3",
      style: { bold: true },
    });
    const poland = values.findIndex((row) => row[0] === "POL") + 1;
    expect(sheet.cells.find((cell) => cell.address === `F${poland}`)).toMatchObject({ value: 900 });
    expect(sheet.cells.find((cell) => cell.address === `K${poland}`)?.style?.fill).toBe("EDEDED");
  });
});

describe("writing and reading the data sheet in Excel", () => {
  test("added when missing, rewritten in place when there, read back by its range", async () => {
    const { excel, recording } = host();
    expect(await readSheetRange(excel, DATA_SHEET_NAME, DATA_SHEET_RANGE)).toBeNull();
    await writeDataSheet(excel, dataSheet(embeddedEdition()));
    expect(recording.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1", DATA_SHEET_NAME]);
    expect(recording.active).toBe(DATA_SHEET_NAME);
    const edited = userEdition();
    await writeDataSheet(excel, dataSheet(edited));
    expect(recording.sheets).toHaveLength(2);
    const values = await readSheetRange(excel, DATA_SHEET_NAME, DATA_SHEET_RANGE);
    expect(values).toHaveLength(200);
    expect(editionOfValue(editionText(values)).figuresId).toBe(edited.figuresId);
    expect(recording.protocolErrors).toEqual([]);
    expect(recording.runs.map((run) => run.syncs)).toEqual([1, 2, 3, 2]);
  });
});

describe("a scenario sheet on the user's data", () => {
  test("its data cell reads the data sheet through EDITION; its sources and description name the data", () => {
    const edition = userEdition();
    const result = runScenario({ edition });
    const cached = editionText(dataSheetValues(edition));
    const sheet = scenarioSheet({ values: {}, result, editionText: cached });
    const data = sheet.cells.find((cell) => cell.address === "B29");
    expect(sheet.cells.find((cell) => cell.address === "A29")?.value).toBe("data");
    expect(data).toMatchObject({ formula: DATA_FORMULA, cached });
    expect(DATA_FORMULA).toBe("=FAIRSHARE.EDITION('Fair Share data'!$A$1:$AZ$200)");
    expect(String(sheet.cells.find((cell) => cell.address === "A2")?.value)).toContain("Data: poland.csv");
    const texts = sheet.cells.map((cell) => String(cell.value ?? ""));
    expect(texts).toContain("Your data: poland.csv");
    expect(texts).toContain("Embedded data");
  });

  test("on the embedded data the data cell stays empty", () => {
    const sheet = scenarioSheet({ values: {}, result: runScenario({}) });
    expect(sheet.cells.find((cell) => cell.address === "B29")).toMatchObject({ value: null });
  });
});

describe("a delivered vs fair share sheet on the user's data", () => {
  const pledge = { "per-year": "40bn", start: "2024", years: "1", exempt: "HUN" };
  /** The data row of track's inputs block: A4 is its first parameter. */
  const dataRow = 4 + parametersFor("track").findIndex((parameter) => parameter.name === "data");

  test("its data cell reads the data sheet through EDITION, as the scenario sheet's; its sources name the data", () => {
    const edition = userEdition();
    const result = runTrack({ ...pledge, edition });
    const cached = editionText(dataSheetValues(edition));
    const sheet = trackSheet({ values: pledge, result, editionText: cached });
    expect(sheet.cells.find((cell) => cell.address === `A${dataRow}`)?.value).toBe("data");
    expect(sheet.cells.find((cell) => cell.address === `B${dataRow}`)).toMatchObject({ formula: DATA_FORMULA, cached });
    expect(String(sheet.cells.find((cell) => cell.address === "A2")?.value)).toContain("Data: poland.csv");
    const texts = sheet.cells.map((cell) => String(cell.value ?? ""));
    expect(texts).toContain("Your data: poland.csv");
    // The aid delivered is still the embedded release's, and says so.
    expect(texts).toContain("Embedded data");
    // Poland's GDP of 900bn instead of the embedded figure moves its fair share: the sheet was sized on that result.
    const poland = (spec: object) => runTrack({ ...pledge, ...spec }).rows.find((row) => row.code === "POL");
    expect(poland({ edition })?.fairShare.toFixed()).not.toBe(poland({})?.fairShare.toFixed());
  });

  test("on the embedded data the data cell stays empty and the description names no data", () => {
    const sheet = trackSheet({ values: pledge, result: runTrack(pledge) });
    expect(sheet.cells.find((cell) => cell.address === `B${dataRow}`)).toMatchObject({ value: null });
    expect(String(sheet.cells.find((cell) => cell.address === "A2")?.value)).not.toContain("Data:");
  });
});
