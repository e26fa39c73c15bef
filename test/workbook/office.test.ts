import {
  WorkbookActionError,
  insertSheet,
  readActiveInputs,
  readSelection,
  uniqueSheetName,
  updateActiveSheet,
  workbookCreator,
  type ExcelLike,
} from "../../src/workbook/office";
import { ProtocolError, createRecordingExcel } from "../helpers/recording-excel";
import { sheetFor } from "../helpers/workbook";

function host(options: Parameters<typeof createRecordingExcel>[0] = {}) {
  const made = createRecordingExcel(options);
  return { excel: made.excel as unknown as ExcelLike, recording: made.recording };
}

// These tests break the Office.js protocol on purpose, to show that the recording host catches it.
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load, office-addins/no-context-sync-in-loop */
describe("the recording host catches protocol errors", () => {
  test("reading a property that was not loaded, or not yet synced", async () => {
    const { excel, recording } = host();
    await expect(
      excel.run({}, async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        return sheet.name;
      })
    ).rejects.toThrow(ProtocolError);
    await expect(
      excel.run({}, async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load("name");
        return sheet.name;
      })
    ).rejects.toThrow(/read before context.sync/);
    expect(recording.protocolErrors).toHaveLength(2);
  });

  test("a sync inside a loop", async () => {
    const { excel } = host();
    await expect(
      excel.run({}, async (context) => {
        for (const address of ["A1", "A2"]) {
          context.workbook.worksheets.getActiveWorksheet().getRange(address).values = [[1]];
          await context.sync();
        }
      })
    ).rejects.toThrow(/in a loop/);
  });

  test("writes left after the last sync", async () => {
    const { excel } = host();
    await expect(
      excel.run({}, async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [[1]];
      })
    ).rejects.toThrow(/after the last context.sync/);
  });
});

/* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load, office-addins/no-context-sync-in-loop */

describe("insert scenario sheet", () => {
  test("writes the description as a new sheet in one Excel.run with two syncs and calculation suspended", async () => {
    const { excel, recording } = host();
    const sheet = sheetFor({ total: "40bn", years: "1", exempt: "HUN" });
    const name = await insertSheet(excel, sheet);
    expect(name).toBe("Fair Share scenario");
    expect(recording.protocolErrors).toEqual([]);
    expect(recording.runs).toEqual([{ options: { mergeUndoGroup: true }, syncs: 2 }]);
    expect(recording.active).toBe(name);
    const written = recording.sheets.find((candidate) => candidate.name === name);
    if (written === undefined) throw new Error("no sheet written");
    expect(written.cells.A1.value).toBe("Fair Share scenario");
    expect(written.cells.B4.value).toBe("40bn");
    expect(written.cells.B4.fill).toBe("#FFF2CC");
    expect(written.cells.A32).toMatchObject({ formula: "=FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE)", bold: true });
    expect(written.cells.A32.writtenWhileSuspended).toBe(true);
    expect(written.cells.A69.formula).toBe("=FAIRSHARE.OVERLAP(fs.inputs)");
    expect(written.cells.D33.numberFormat).toBe('"EUR "#,##0,,"m"');
    // Every formula was written while calculation was suspended.
    const formulas = Object.values(written.cells).filter((cell) => cell.formula !== undefined);
    expect(formulas.length).toBeGreaterThan(10);
    expect(formulas.every((cell) => cell.writtenWhileSuspended)).toBe(true);
    expect(written.names["fs.inputs"]).toEqual({
      range: "A4:B29",
      comment: "The scenario's inputs: labels and values.",
    });
    expect(written.names["fs.exempt"]).toEqual({ range: "B19" });
    expect(written.conditionalFormats).toEqual([
      { range: "G70:G101", type: "Custom", formula: "=I70=TRUE", fill: "#F8CBAD", bold: true },
      // The data status at the top turns dark red when the data changed.
      { range: "C1", type: "Custom", formula: '=LEFT($C$1,12)="Data changed"', fontColor: "#C00000", bold: true },
    ]);
    expect(written.charts).toEqual([
      {
        type: "BarStacked",
        title: "Allocation by ally and year (EUR)",
        series: [{ name: "2024", values: "E33:E64", categories: "B33:B64" }],
        from: "E3",
        to: "M29",
      },
    ]);
    expect(written.frozenRows).toBe(2);
    expect(written.columnWidths).toEqual({ A: 154, B: 196, C: 280 });
  });

  test("a second insert gets a new name; the first sheet is untouched", async () => {
    const { excel, recording } = host();
    await insertSheet(excel, sheetFor({}));
    const second = await insertSheet(excel, sheetFor({ total: "50bn" }));
    expect(second).toBe("Fair Share scenario (2)");
    expect(recording.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1", "Fair Share scenario", second]);
    expect(recording.sheets[1].cells.B4.value).toBe("");
    expect(recording.sheets[2].cells.B4.value).toBe("50bn");
    expect(recording.protocolErrors).toEqual([]);
  });

  test("the series of a multi-year chart are added by range", async () => {
    const { excel, recording } = host();
    await insertSheet(excel, sheetFor({ years: "3" }));
    expect(recording.sheets[1].charts[0].series).toEqual([
      { name: "2024", values: "E33:E64", categories: "B33:B64" },
      { name: "2025", values: "F33:F64", categories: "B33:B64" },
      { name: "2026", values: "G33:G64", categories: "B33:B64" },
    ]);
  });
});

describe("update sheet and load from sheet", () => {
  test("update clears and rewrites the active scenario sheet in place, keeping its name", async () => {
    const { excel, recording } = host();
    await insertSheet(excel, sheetFor({}));
    const sheet = recording.sheets[1];
    sheet.cells.Z102 = { value: "stale" };
    const name = await updateActiveSheet(excel, sheetFor({ total: "40bn", years: "1", contributors: "DEU,FRA" }));
    expect(name).toBe("Fair Share scenario");
    expect(recording.sheets).toHaveLength(2);
    const updated = recording.sheets[1];
    expect(updated.cells.Z102).toBeUndefined();
    expect(updated.cells.B4.value).toBe("40bn");
    expect(updated.charts).toHaveLength(1);
    expect(updated.charts[0].series[0].categories).toBe("B33:B34");
    expect(updated.conditionalFormats.map((rule) => rule.range)).toEqual(["G40:G41", "C1"]);
    expect(recording.runs[1]).toEqual({ options: { mergeUndoGroup: true }, syncs: 2 });
    expect(recording.protocolErrors).toEqual([]);
  });

  test("update refuses a sheet that is not a scenario sheet", async () => {
    const { excel, recording } = host();
    await expect(updateActiveSheet(excel, sheetFor({}))).rejects.toThrow(WorkbookActionError);
    await expect(updateActiveSheet(excel, sheetFor({}))).rejects.toThrow(
      '"Sheet1" is not a Fair Share scenario sheet (it has no fs.inputs inputs block). Select a sheet made with Insert scenario sheet, or insert one.'
    );
    expect(recording.sheets[0].cells).toEqual({});
    expect(recording.protocolErrors).toEqual([]);
  });

  test("load reads the inputs block by its name", async () => {
    const { excel, recording } = host();
    await insertSheet(excel, sheetFor({ total: "40bn", exempt: "HUN" }));
    recording.sheets[1].cells.B6 = { value: "USD" };
    const read = await readActiveInputs(excel);
    expect(read.sheet).toBe("Fair Share scenario");
    expect(read.rows).toHaveLength(26);
    expect(read.rows[0]).toEqual(["total", "40bn"]);
    expect(read.rows[2]).toEqual(["currency", "USD"]);
    expect(recording.runs[1].syncs).toBe(2);
    expect(recording.protocolErrors).toEqual([]);
  });

  test("the selection is read in one sync", async () => {
    const { excel, recording } = host({
      selection: [
        ["DEU", 2],
        ["FRA", 1],
      ],
    });
    expect(await readSelection(excel)).toEqual([
      ["DEU", 2],
      ["FRA", 1],
    ]);
    expect(recording.runs).toEqual([{ options: {}, syncs: 1 }]);
  });
});

test("unique sheet names ignore case", () => {
  expect(uniqueSheetName("Fair Share scenario", ["fair share SCENARIO", "Fair Share scenario (2)"])).toBe(
    "Fair Share scenario (3)"
  );
  expect(uniqueSheetName("Mine", ["Sheet1"])).toBe("Mine");
});

describe("Excel.createWorkbook through the adapter", () => {
  test("passes the base64 to the host's createWorkbook, which records it", async () => {
    const { excel, recording } = createRecordingExcel();
    const create = workbookCreator(excel);
    if (create === undefined) throw new Error("the recording host has createWorkbook");
    await create("UEsDBA==");
    expect(recording.createdWorkbooks).toEqual(["UEsDBA=="]);
    expect(recording.runs).toEqual([]);
  });

  test("the host refuses what is not bare base64", async () => {
    const { excel, recording } = createRecordingExcel();
    await expect(excel.createWorkbook("data:application/zip;base64,UEsDBA==")).rejects.toThrow(ProtocolError);
    expect(recording.createdWorkbooks).toEqual([]);
  });

  test("outside Excel, or in an Excel without createWorkbook (before ExcelApi 1.8), there is none", () => {
    const { excel } = createRecordingExcel();
    expect(workbookCreator(null)).toBeUndefined();
    expect(workbookCreator({ run: excel.run })).toBeUndefined();
  });
});
