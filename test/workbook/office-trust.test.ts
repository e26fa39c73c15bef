/**
 * Office.DisableTrustUX: set and saved once, by the first explicit write of a sheet with FAIRSHARE formulas (insert or
 * update), never by reading the workbook, by a sheet without FAIRSHARE formulas, or again once the document has it
 * (saving settings clears the user's Undo). Through the Office adapter, against the recording host's settings.
 */
import { embeddedEdition, runScenario } from "../../src/engine";
import { dataSheet } from "../../src/workbook/data-sheet";
import type { SheetDescription } from "../../src/workbook/description";
import {
  WorkbookActionError,
  insertSheet,
  readActiveInputs,
  readSelection,
  readSheetRange,
  updateActiveSheet,
  writeDataSheet,
  type ExcelLike,
} from "../../src/workbook/office";
import { DISABLE_TRUST_SETTING, callsFairShare, disableTrustPrompts } from "../../src/workbook/office-trust";
import { scenarioSheet } from "../../src/workbook/scenario-sheet";
import { createRecordingExcel } from "../helpers/recording-excel";

function host(options: Parameters<typeof createRecordingExcel>[0] = {}) {
  const made = createRecordingExcel(options);
  return { excel: made.excel as unknown as ExcelLike, recording: made.recording };
}

const scenario = (): SheetDescription => scenarioSheet({ values: {}, result: runScenario({}) });

/** A sheet of plain formulas only. */
const plain: SheetDescription = {
  name: "Plain",
  cells: [
    { address: "A1", value: 2 },
    { address: "A2", formula: "=A1*2", cached: 4 },
    // A text naming a function is not a call.
    { address: "A3", value: "FAIRSHARE.ALLOCATE" },
  ],
  names: [],
  conditionalFormats: [],
  charts: [],
};

describe("which sheets call FAIRSHARE functions", () => {
  test("a scenario sheet does; the data sheet and plain formulas do not", () => {
    expect(callsFairShare(scenario())).toBe(true);
    expect(callsFairShare(dataSheet(embeddedEdition()))).toBe(false);
    expect(callsFairShare(plain)).toBe(false);
  });
});

describe("Office.DisableTrustUX through the Office adapter", () => {
  test("the first inserted FAIRSHARE sheet sets and saves it; later writes leave it alone", async () => {
    const { excel, recording } = host();
    expect(recording.settings[DISABLE_TRUST_SETTING]).toBeUndefined();
    const name = await insertSheet(excel, scenario());
    expect(recording.settingsSaves).toEqual([{ [DISABLE_TRUST_SETTING]: true }]);
    await insertSheet(excel, scenario());
    recording.active = name;
    await updateActiveSheet(excel, scenario());
    expect(recording.settingsSaves).toHaveLength(1);
    expect(recording.protocolErrors).toEqual([]);
  });

  test("an update is an explicit write too", async () => {
    const { excel, recording } = host();
    const inserted = await insertSheet(excel, scenario());
    // As if the sheet came from a workbook without the setting: the update saves it.
    recording.settings = {};
    recording.settingsSaves = [];
    recording.active = inserted;
    await updateActiveSheet(excel, scenario());
    expect(recording.settingsSaves).toEqual([{ [DISABLE_TRUST_SETTING]: true }]);
  });

  test("reading the workbook, writing the data sheet or a sheet without FAIRSHARE formulas never saves settings", async () => {
    const { excel, recording } = host({ selection: [["DEU", 1]] });
    await insertSheet(excel, plain);
    await writeDataSheet(excel, dataSheet(embeddedEdition()));
    await readSelection(excel);
    await readSheetRange(excel, "Plain", "A1:A2");
    await expect(readActiveInputs(excel)).rejects.toThrow(WorkbookActionError);
    expect(recording.settings).toEqual({});
    expect(recording.settingsSaves).toEqual([]);
  });

  test("a document that has it already is not saved again", async () => {
    const { excel, recording } = host({ settings: { [DISABLE_TRUST_SETTING]: true } });
    await insertSheet(excel, scenario());
    expect(recording.settingsSaves).toEqual([]);
  });

  test("a failed save is reported after the sheet was written, and the next write tries again", async () => {
    const options: Parameters<typeof createRecordingExcel>[0] = { settingsSaveFails: "settings are read-only here" };
    const { excel, recording } = host(options);
    const error = await insertSheet(excel, scenario()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkbookActionError);
    expect((error as Error).message).toContain('Wrote sheet "Fair Share scenario"');
    expect((error as Error).message).toContain("settings are read-only here");
    expect(recording.sheets.map((sheet) => sheet.name)).toContain("Fair Share scenario");
    expect(recording.settingsSaves).toEqual([]);
    delete options.settingsSaveFails;
    await insertSheet(excel, scenario());
    expect(recording.settingsSaves).toEqual([{ [DISABLE_TRUST_SETTING]: true }]);
  });

  test("without document settings (a host that has none) a sheet is still written", async () => {
    const made = createRecordingExcel();
    const excel = { run: made.excel.run } as unknown as ExcelLike;
    expect(await insertSheet(excel, scenario())).toBe("Fair Share scenario");
    expect(made.recording.settingsSaves).toEqual([]);
  });

  test("disableTrustPrompts says whether it saved", async () => {
    const made = createRecordingExcel();
    expect(await disableTrustPrompts(made.excel.documentSettings)).toBe(true);
    expect(await disableTrustPrompts(made.excel.documentSettings)).toBe(false);
    expect(made.recording.settingsSaves).toHaveLength(1);
  });
});
