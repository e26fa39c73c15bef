/**
 * The "Delivered vs fair share" view without a browser: the pane's model (which controls it shows, its preview, its
 * presets), the sheet it writes (as data), and that sheet written through the Office adapter to the recording host.
 */
import { toCsv } from "../../src/cli/format";
import { Dec, countryTable, embeddedEdition, readEdition } from "../../src/engine";
import { parametersFor } from "../../src/engine/parameters";
import { runTrack } from "../../src/engine/track";
import { readInputsBlock } from "../../src/functions/inputs";
import { CONTROLS, EMPTY_VALUES, groupsFor, type Values } from "../../src/taskpane/controls";
import { evaluateTrack, givenValues, trackPreview } from "../../src/taskpane/model";
import { TRACK_PRESETS } from "../../src/taskpane/presets";
import type { SheetDescription } from "../../src/workbook/description";
import { insertSheet, readActiveInputs, type ExcelLike } from "../../src/workbook/office";
import { TRACK_SHEET_NAME, trackSheet } from "../../src/workbook/track-sheet";
import { createRecordingExcel } from "../helpers/recording-excel";

const withValues = (values: Partial<Values>): Values => ({ ...EMPTY_VALUES, ...values });
const WASHINGTON = TRACK_PRESETS[0].values;

function cell(sheet: SheetDescription, address: string) {
  const found = sheet.cells.filter((candidate) => candidate.address === address);
  if (found.length === 0) throw new Error(`no cell ${address}`);
  return Object.assign({}, ...found) as SheetDescription["cells"][number];
}

function sheetFor(values: Partial<Values>): SheetDescription {
  const outcome = evaluateTrack(withValues(values));
  if (!outcome.ok) throw new Error(outcome.message);
  return trackSheet({ values: outcome.given, result: outcome.result });
}

describe("the view's controls and model", () => {
  test("the track view shows track's parameters, start and years only without from and to, eu only with count-eu", () => {
    const shown = (values: Partial<Values>) =>
      CONTROLS.filter((control) => control.applies(withValues(values), "track")).map((control) => control.name);
    const plain = shown({});
    expect(plain).toEqual(
      expect.arrayContaining(["total", "per-year", "start", "years", "from", "to", "delivered", "count-eu", "exempt"])
    );
    for (const name of ["credit", "aid-from", "aid-to", "profile", "pct-gdp", "overlap-threshold", "eu", "eu-states"]) {
      expect(plain).not.toContain(name);
    }
    expect(shown({ from: "2024-07" })).not.toContain("start");
    expect(shown({ "count-eu": "yes" })).toEqual(expect.arrayContaining(["eu", "eu-add", "eu-states"]));
    // The allocation's view never shows track's own parameters, nor sends them.
    const allocate = CONTROLS.filter((control) => control.applies(withValues({}), "allocate")).map((c) => c.name);
    for (const name of ["from", "to", "delivered", "count-eu"]) expect(allocate).not.toContain(name);
    expect(givenValues(withValues({ from: "2024-07", total: "40bn" }))).toEqual({ total: "40bn" });
    expect(groupsFor("track").map((group) => group.id)).not.toContain("credit");
    expect(groupsFor("allocate").map((group) => group.id)).not.toContain("delivered");
    expect(groupsFor("track").find((group) => group.id === "eu")?.title).toMatch(/Count EU instruments/);
    // The data edition is the Data section's in either view: no group of controls for it, and never sent as typed.
    for (const view of ["allocate", "track"] as const) {
      expect(groupsFor(view).map((group) => group.id)).not.toContain("data");
    }
    expect(givenValues(withValues({ data: "d.csv", "per-year": "40bn" }), "track")).toEqual({ "per-year": "40bn" });
  });

  test("the view computes on the data edition the pane uses: its GDP sets the fair shares, its name the sources", () => {
    const table = countryTable(embeddedEdition(), { from: "2022-01", to: "2026-04" });
    const rows = [[...table.header], ...table.rows.map((row) => [...row])];
    const gdp = rows[0].indexOf("gdp_2024_eur_bn");
    const germany = rows.find((row) => row[0] === "DEU") as string[];
    germany[gdp] = new Dec(germany[gdp]).times(2).toFixed();
    const edition = readEdition({ data: { file: "d.csv", text: toCsv(rows) } });
    const ours = evaluateTrack(withValues(WASHINGTON), edition);
    const embedded = evaluateTrack(withValues(WASHINGTON));
    if (!ours.ok || !embedded.ok) throw new Error("not ok");
    const fairShare = (outcome: typeof ours) => outcome.result.rows.find((row) => row.code === "DEU")?.fairShare;
    const direct = runTrack({ ...WASHINGTON, edition }).rows.find((row) => row.code === "DEU");
    expect(fairShare(ours)?.toFixed()).toBe(direct?.fairShare.toFixed());
    expect(fairShare(ours)?.gt(fairShare(embedded) ?? 0)).toBe(true);
    const shown = trackPreview(ours.result);
    expect(shown.data).toMatch(/^Your data: d\.csv/);
    expect(shown.sources).toContainEqual(expect.stringContaining("your data (d.csv)"));
    expect(trackPreview(embedded.result).data).toBe("The embedded data.");
  });

  test("the preview lists every ally largest fair share first, with bars, gap in amount and percent, coverage", () => {
    const outcome = evaluateTrack(withValues(WASHINGTON));
    if (!outcome.ok) throw new Error(outcome.message);
    const shown = trackPreview(outcome.result);
    expect(shown.headline).toBe("EUR 40,000m for January 2024 to December 2024: 102.87% delivered");
    expect(shown.rows).toHaveLength(32);
    expect(shown.rows[0]).toMatchObject({
      code: "USA",
      fairShare: "EUR 21,375m",
      delivered: "EUR 20,141m",
      gap: "EUR 1,234m",
      gapPercent: "5.77%",
      short: true,
      fairShareBar: 1,
    });
    const fairShares = outcome.result.rows.map((row) => row.fairShareExact.toNumber()).sort((a, b) => b - a);
    expect(shown.rows.map((row) => row.code)).toEqual(
      [...outcome.result.rows]
        .sort((a, b) => b.fairShareExact.comparedTo(a.fairShareExact) || a.code.localeCompare(b.code))
        .map((row) => row.code)
    );
    expect(fairShares[0]).toBeGreaterThan(fairShares[1]);
    expect(shown.rows.find((row) => row.code === "ALB")).toMatchObject({
      delivered: "not tracked",
      gap: "not tracked",
      gapPercent: "not tracked",
      deliveredBar: 0,
    });
    expect(shown.rows.find((row) => row.code === "DEU")?.deliveredBar).toBeGreaterThan(
      shown.rows.find((row) => row.code === "DEU")?.fairShareBar ?? 1
    );
    expect(shown.coverageNote).toBe(
      "The allies the tracker covers delivered EUR 41,149m of the EUR 40,000m pledge (coverage 102.87%); their" +
        " shortfalls add up to EUR 7,873m."
    );
    expect(shown.notCovered).toBeNull();
  });

  test("a window past the data names the months it does not cover", () => {
    const outcome = evaluateTrack(withValues({ "per-year": "40bn", from: "2025-07", to: "2026-06" }));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(trackPreview(outcome.result).notCovered).toBe(
      "Not covered by the data: May and June 2026; delivered counts the other 10 months only."
    );
  });

  test("an input track refuses is shown beside its control", () => {
    const outcome = evaluateTrack(withValues({ from: "2024-07" }));
    expect(outcome).toMatchObject({ ok: false, control: "to" });
  });

  test("every preset is valid and says where it comes from; the Washington pledge gives its reasoning", () => {
    for (const preset of TRACK_PRESETS) {
      const outcome = evaluateTrack(withValues(preset.values));
      expect([preset.id, outcome.ok]).toEqual([preset.id, true]);
      expect(preset.source.length).toBeGreaterThan(40);
    }
    expect(TRACK_PRESETS[0].source).toMatch(/Washington summit declaration, 10 July 2024/);
    expect(TRACK_PRESETS[0].source).toMatch(/from 1 January 2024/);
    expect(TRACK_PRESETS.find((preset) => preset.id === "track-own")?.keepsValues).toBe(true);
    const years = TRACK_PRESETS.filter((preset) => preset.values.start !== undefined).map((p) => p.values.start);
    expect(years).toEqual(["2024", "2025"]);
  });
});

describe("the sheet, as data", () => {
  const sheet = sheetFor(WASHINGTON);
  const trackParameters = parametersFor("track");
  const lastInput = 3 + trackParameters.length;
  // A blank row and a heading after the inputs block, then the table.
  const tableRow = lastInput + 3;

  test("title, description, and an inputs block of track's parameters that reads back as the same comparison", () => {
    expect(sheet.name).toBe(TRACK_SHEET_NAME);
    expect(cell(sheet, "A2").value).toBe(
      "A pledge of EUR 40bn for January 2024 to December 2024, shared by share of GDP (2024), against military aid" +
        " allocated (Kiel tracker); exempt HUN."
    );
    const labels = trackParameters.map((_, index) => cell(sheet, `A${4 + index}`).value);
    expect(labels).toEqual(trackParameters.map((parameter) => parameter.name));
    expect(sheet.names.find((name) => name.name === "fs.inputs")?.range).toBe(`A4:B${lastInput}`);
    const rows = trackParameters.map((_, index) => [
      cell(sheet, `A${4 + index}`).value,
      cell(sheet, `B${4 + index}`).value,
    ]);
    const again = runTrack(Object.fromEntries(readInputsBlock(rows)));
    expect(again.rows.map((row) => row.gap?.toFixed() ?? null)).toEqual(
      runTrack(WASHINGTON).rows.map((row) => row.gap?.toFixed() ?? null)
    );
  });

  test("=FAIRSHARE.TRACK(fs.inputs) spills the table; a chart column leaves untracked allies out with NA()", () => {
    expect(cell(sheet, `A${tableRow}`)).toMatchObject({
      formula: "=FAIRSHARE.TRACK(fs.inputs)",
      spill: { rows: 33, columns: 7 },
    });
    const first = tableRow + 1;
    expect(cell(sheet, `C${first}`).numberFormat).toBe('"EUR "#,##0,,"m"');
    expect(cell(sheet, `F${first}`).numberFormat).toBe("0.0%");
    expect(cell(sheet, `H${first}`)).toMatchObject({
      formula: `=IF(ISNUMBER(D${first}),D${first},NA())`,
      cached: null,
    });
    expect(cell(sheet, `H${first + 1}`).cached).toBe(1_250_300_000);
    expect(sheet.conditionalFormats).toEqual([
      {
        range: `E${first}:E${first + 31}`,
        formula: `=AND(ISNUMBER(E${first}),E${first}>0)`,
        style: { fill: "F8CBAD", bold: true },
      },
      { range: "C1", formula: '=LEFT($C$1,12)="Data changed"', style: { fontColor: "C00000", bold: true } },
    ]);
    expect(sheet.charts).toEqual([
      expect.objectContaining({
        type: "barClustered",
        categories: `B${first}:B${first + 31}`,
        series: [
          { name: "Fair share", values: `C${first}:C${first + 31}` },
          { name: "Delivered", values: `H${first}:H${first + 31}` },
        ],
      }),
    ]);
    for (const described of sheet.cells) {
      if (described.formula !== undefined) expect(described.formula).not.toMatch(/_xlfn|_xldudf/);
    }
  });

  test("totals over the spilled cells: pledge, delivered, gaps, shortfalls and coverage", () => {
    const totals = tableRow + 33 + 1;
    const first = tableRow + 1;
    const last = first + 31;
    expect([cell(sheet, `A${totals}`).value, cell(sheet, `B${totals}`).formula]).toEqual([
      "Pledge (the fair shares' sum)",
      `=SUM(C${first}:C${last})`,
    ]);
    expect(cell(sheet, `B${totals + 3}`).formula).toBe(`=SUMIF(E${first}:E${last},">0")`);
    expect(cell(sheet, `B${totals + 4}`).formula).toBe(`=IF(B${totals}=0,NA(),B${totals + 1}/B${totals})`);
    const text = sheet.cells.map((described) => String(described.value ?? "")).join("\n");
    expect(text).toContain("Kiel Institute, Ukraine Support Tracker, Release 29 (04/2026)");
    expect(text).toContain("Albania, Montenegro and North Macedonia: not tracked");
  });

  test("written through the Office adapter: one Excel.run, the formula, the names, the rule and the chart", async () => {
    const made = createRecordingExcel();
    const excel = made.excel as unknown as ExcelLike;
    const name = await insertSheet(excel, sheet);
    const { recording } = made;
    expect(name).toBe(TRACK_SHEET_NAME);
    expect(recording.protocolErrors).toEqual([]);
    expect(recording.runs).toEqual([{ options: { mergeUndoGroup: true }, syncs: 2 }]);
    const written = recording.sheets.find((candidate) => candidate.name === name);
    if (written === undefined) throw new Error("no sheet written");
    expect(written.cells[`A${tableRow}`].formula).toBe("=FAIRSHARE.TRACK(fs.inputs)");
    expect(written.names["fs.inputs"].range).toBe(`A4:B${lastInput}`);
    expect(written.charts.map((chart) => chart.series.map((series) => series.name))).toEqual([
      ["Fair share", "Delivered"],
    ]);
    // Load from sheet reads the same block back.
    const read = await readActiveInputs(excel);
    expect(Object.fromEntries(readInputsBlock(read.rows))).toMatchObject({
      "per-year": "40bn",
      from: "2024-01",
      to: "2024-12",
      exempt: "HUN",
    });
  });
});
