/**
 * "Repair formulas": which cells are re-entered (repair.ts, on grids as Excel's formulas property gives them), and the
 * Office adapter (office-repair.ts) against the recording host, which enforces load before read and sync before read.
 */
import { runScenario } from "../../src/engine";
import { parseAddress, type SheetDescription } from "../../src/workbook/description";
import { insertSheet, type ExcelLike } from "../../src/workbook/office";
import { repairFormulas } from "../../src/workbook/office-repair";
import { cellsToRepair, repairReport, repairedFormula, topLeftOf } from "../../src/workbook/repair";
import { scenarioSheet } from "../../src/workbook/scenario-sheet";
import { createRecordingExcel, type RecordedSheet } from "../helpers/recording-excel";

/** A description's cells as the grid Excel's formulas property gives for its used range from A1: "" where empty. */
function grid(sheet: SheetDescription): unknown[][] {
  const placed = sheet.cells.filter((cell) => cell.formula !== undefined || cell.value !== undefined);
  const positions = placed.map((cell) => parseAddress(cell.address));
  const rows = Math.max(...positions.map((position) => position.row));
  const columns = Math.max(...positions.map((position) => position.column));
  const cells: unknown[][] = Array.from({ length: rows }, () => Array<unknown>(columns).fill(""));
  placed.forEach((cell, index) => {
    const { row, column } = positions[index];
    cells[row - 1][column - 1] = cell.formula ?? cell.value ?? "";
  });
  return cells;
}

describe("which cells are re-entered", () => {
  test.each([
    ["=FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE)", "=FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE)"],
    ['=IFERROR(fairshare.vintage(),"x")', '=IFERROR(fairshare.vintage(),"x")'],
    ['=FAIRSHARE.DATA("DEU","gdp")*2+SUM(B1:B3)', '=FAIRSHARE.DATA("DEU","gdp")*2+SUM(B1:B3)'],
    // Stored names, as Excel shows them while it does not know the function, with or without a workbook before them.
    ["=_xldudf_FAIRSHARE_ALLOCATE(fs.inputs)", "=FAIRSHARE.ALLOCATE(fs.inputs)"],
    [
      '=[2]!_xldudf_FAIRSHARE_SHARE("DEU")+[2]!_xldudf_FAIRSHARE_SHARE("FRA")',
      '=FAIRSHARE.SHARE("DEU")+FAIRSHARE.SHARE("FRA")',
    ],
    ["=SomeAddin.xla!_xldudf_FAIRSHARE_GAP(A1)/2", "=FAIRSHARE.GAP(A1)/2"],
  ])("%s is re-entered as %s", (formula, repaired) => {
    expect(repairedFormula(formula)).toBe(repaired);
  });

  test.each([
    ["a formula of other functions", "=SUM(A1:A3)"],
    ["a heading naming a function", "Allocation by ally and year (EUR), FAIRSHARE.ALLOCATE"],
    ["a function's name inside a formula's text", '="Use FAIRSHARE.ALLOCATE(fs.inputs)"'],
    ["a name that only starts like the namespace", "=FAIRSHAREX.ALLOCATE(A1)"],
    ["a number", 42],
    ["an empty cell", ""],
    ["a boolean", true],
    ["nothing", null],
  ])("%s is left alone", (_, formula) => {
    expect(repairedFormula(formula)).toBeNull();
  });

  test("on a scenario sheet: exactly its FAIRSHARE formulas, the data status included, at their addresses", () => {
    const sheet = scenarioSheet({ values: { exempt: "HUN" }, result: runScenario({ exempt: "HUN" }) });
    const expected = sheet.cells
      .filter((cell) => cell.formula?.includes("FAIRSHARE."))
      .map((cell) => ({ address: cell.address, formula: cell.formula }));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const sortByAddress = <T extends { address: string }>(cells: T[]) =>
      [...cells].sort((a, b) => a.address.localeCompare(b.address));
    expect(sortByAddress(cellsToRepair("A1", grid(sheet)))).toEqual(sortByAddress(expected));
    // Headings that name the functions are constants, and stay out.
    expect(sheet.cells.some((cell) => String(cell.value ?? "").includes("FAIRSHARE.ALLOCATE"))).toBe(true);
  });

  test("addresses count from the used range's first cell", () => {
    const formulas = [
      ["", "=SUM(C5)", "x"],
      ["=FAIRSHARE.ALLIES()", "", '=FAIRSHARE.SHARE("DEU")'],
    ];
    expect(cellsToRepair("C5", formulas)).toEqual([
      { address: "C6", formula: "=FAIRSHARE.ALLIES()" },
      { address: "E6", formula: '=FAIRSHARE.SHARE("DEU")' },
    ]);
    expect(cellsToRepair("AA100", [["=FAIRSHARE.ALLIES()"]])).toEqual([
      { address: "AA100", formula: "=FAIRSHARE.ALLIES()" },
    ]);
  });

  test.each([
    ["Sheet1!A1:D10", "A1"],
    ["'Fair Share scenario'!B2:M120", "B2"],
    ["'It''s a sheet!'!$C$3", "C3"],
    ["Data!E7", "E7"],
  ])("the used range %s starts at %s", (address, topLeft) => {
    expect(topLeftOf(address)).toBe(topLeft);
  });

  test("the report counts the cells and the sheets, and names each sheet", () => {
    expect(repairReport([])).toBe("No FAIRSHARE formulas in this workbook: nothing to repair.");
    expect(repairReport([{ sheet: "Plain", cells: 0 }])).toBe(
      "No FAIRSHARE formulas in this workbook: nothing to repair."
    );
    expect(repairReport([{ sheet: "One", cells: 1 }])).toBe('Re-entered 1 FAIRSHARE formula on 1 sheet: "One" (1).');
    expect(
      repairReport([
        { sheet: "Fair Share scenario", cells: 4 },
        { sheet: "Summary", cells: 3 },
      ])
    ).toBe('Re-entered 7 FAIRSHARE formulas on 2 sheets: "Fair Share scenario" (4), "Summary" (3).');
    expect(
      repairReport([
        { sheet: "Open", cells: 2 },
        { sheet: "Locked", cells: 5, protected: true },
      ])
    ).toBe(
      'Re-entered 2 FAIRSHARE formulas on 1 sheet: "Open" (2). Not on the protected sheet "Locked" (5): unprotect it ' +
        "(Review > Unprotect Sheet) and press Repair formulas again."
    );
    expect(
      repairReport([
        { sheet: "A", cells: 1, protected: true },
        { sheet: "B", cells: 2, protected: true },
      ])
    ).toBe(
      'Not on the protected sheets "A" (1), "B" (2): unprotect them (Review > Unprotect Sheet) and press Repair ' +
        "formulas again."
    );
  });
});

describe("the Office adapter", () => {
  function sheetWith(name: string, cells: RecordedSheet["cells"]): RecordedSheet {
    return { name, cells, names: {}, conditionalFormats: [], charts: [], frozenRows: 0, columnWidths: {} };
  }

  test("re-enters only the FAIRSHARE formulas of every sheet, in one Excel.run of three syncs", async () => {
    const made = createRecordingExcel({
      sheets: [
        sheetWith("Plain", { A1: { value: "Totals" }, B2: { formula: "=SUM(B3:B4)" }, B3: { value: 1 } }),
        sheetWith("Empty", {}),
        sheetWith("Stuck sheet", {
          C4: { formula: "=_xldudf_FAIRSHARE_ALLOCATE(fs.inputs)" },
          D9: { value: "FAIRSHARE.ALLOCATE spills above" },
          F2: { formula: '=FAIRSHARE.SHARE("DEU")*2' },
        }),
      ],
    });
    const excel = made.excel as unknown as ExcelLike;
    const scenario = scenarioSheet({ values: {}, result: runScenario({}) });
    const inserted = await insertSheet(excel, scenario);
    made.recording.formulaWrites = [];
    made.recording.runs = [];

    const repairs = await repairFormulas(excel);

    expect(made.recording.protocolErrors).toEqual([]);
    expect(made.recording.runs).toEqual([{ options: { mergeUndoGroup: true }, syncs: 3 }]);
    const scenarioFormulas = scenario.cells.filter((cell) => cell.formula?.includes("FAIRSHARE."));
    expect(repairs).toEqual([
      { sheet: "Stuck sheet", cells: 2 },
      { sheet: inserted, cells: scenarioFormulas.length },
    ]);
    // Each repaired cell on its own (never a whole range, which would write spilled values back as constants).
    const expectedWrites = [
      "Stuck sheet!C4",
      "Stuck sheet!F2",
      ...scenarioFormulas.map((cell) => `${inserted}!${cell.address}`),
    ];
    expect([...made.recording.formulaWrites].sort()).toEqual(expectedWrites.sort());
    const stuck = made.recording.sheets.find((sheet) => sheet.name === "Stuck sheet");
    expect(stuck?.cells.C4.formula).toBe("=FAIRSHARE.ALLOCATE(fs.inputs)");
    expect(stuck?.cells.F2.formula).toBe('=FAIRSHARE.SHARE("DEU")*2');
    expect(stuck?.cells.D9).toEqual({ value: "FAIRSHARE.ALLOCATE spills above" });
    expect(made.recording.sheets.find((sheet) => sheet.name === "Plain")?.cells.B2.formula).toBe("=SUM(B3:B4)");
    expect(repairReport(repairs)).toBe(
      `Re-entered ${2 + scenarioFormulas.length} FAIRSHARE formulas on 2 sheets: "Stuck sheet" (2), "${inserted}" (${scenarioFormulas.length}).`
    );
  });

  test("a protected sheet is counted and named, not written (Excel would refuse the whole batch)", async () => {
    const locked = sheetWith("Locked", {
      A1: { formula: "=FAIRSHARE.ALLIES()" },
      B7: { formula: "=FAIRSHARE.SHARE(A2)" },
    });
    locked.protected = true;
    const made = createRecordingExcel({
      sheets: [locked, sheetWith("Open", { C3: { formula: "=_xldudf_FAIRSHARE_ALLIES()" } })],
    });
    const repairs = await repairFormulas(made.excel as unknown as ExcelLike);
    expect(repairs).toEqual([
      { sheet: "Locked", cells: 2, protected: true },
      { sheet: "Open", cells: 1 },
    ]);
    expect(made.recording.formulaWrites).toEqual(["Open!C3"]);
    expect(made.recording.sheets[1].cells.C3.formula).toBe("=FAIRSHARE.ALLIES()");
    expect(made.recording.protocolErrors).toEqual([]);
    // Only protected sheets: nothing to write, no third sync.
    const lockedOnly = createRecordingExcel({ sheets: [locked] });
    expect(await repairFormulas(lockedOnly.excel as unknown as ExcelLike)).toEqual([
      { sheet: "Locked", cells: 2, protected: true },
    ]);
    expect(lockedOnly.recording.runs).toEqual([{ options: { mergeUndoGroup: true }, syncs: 2 }]);
  });

  test("a workbook without FAIRSHARE formulas is read and left alone: two syncs, no write", async () => {
    const made = createRecordingExcel({
      sheets: [sheetWith("Plain", { A1: { value: "x" }, B2: { formula: "=SUM(A1)" } }), sheetWith("Empty", {})],
    });
    const repairs = await repairFormulas(made.excel as unknown as ExcelLike);
    expect(repairs).toEqual([]);
    expect(made.recording.formulaWrites).toEqual([]);
    expect(made.recording.runs).toEqual([{ options: { mergeUndoGroup: true }, syncs: 2 }]);
    expect(made.recording.protocolErrors).toEqual([]);
  });
});
