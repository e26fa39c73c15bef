/**
 * The data vintage and add-in note on every sheet Fair Share writes with FAIRSHARE formulas (vintage-cells.ts): the
 * vintage the sheet was made with in a plain cell below its sources, the status formula at the top that compares it
 * with FAIRSHARE.VINTAGE over the sheet's data cell, and the plain note that the formulas need the add-in.
 * test/workbook/vintage-libreoffice.test.ts recomputes the status formula in a spreadsheet without the add-in.
 */
import {
  dataVintage,
  embeddedEdition,
  parseRanges,
  parseVariation,
  runScenario,
  runSweep,
  runTornado,
} from "../../src/engine";
import { runTrack } from "../../src/engine/track";
import { editionOfValue, editionText } from "../../src/functions/edition";
import { vintage as vintageFunction } from "../../src/functions/functions";
import { dataSheetValues } from "../../src/workbook/data-sheet";
import { parseAddress, type CellDescription, type SheetDescription } from "../../src/workbook/description";
import { scenarioSheet } from "../../src/workbook/scenario-sheet";
import { sweepSheet, tornadoSheet } from "../../src/workbook/sensitivity-sheet";
import { trackSheet } from "../../src/workbook/track-sheet";
import { DATA_STATUS_CELL, MADE_WITH_LABEL, currentStatus, dataStatusFormula } from "../../src/workbook/vintage-cells";

/** An edition of the user's: the embedded figures, with the vintage line a user writes on the data sheet. */
function userEdition(vintageLine: string) {
  const values = dataSheetValues(embeddedEdition()).map((row) =>
    typeof row[0] === "string" && row[0].startsWith("# vintage:") ? [`# vintage: ${vintageLine}`, ...row.slice(1)] : row
  );
  const text = editionText(values);
  return { edition: editionOfValue(text), text };
}

interface Case {
  readonly title: string;
  readonly sheet: SheetDescription;
  readonly vintage: string;
  /** What FAIRSHARE.VINTAGE reads on the sheet. */
  readonly data: string;
  /** Whether the note names the portable copy (the allocation's sheet only). */
  readonly portable: boolean;
}

function cases(): Case[] {
  const embedded = dataVintage(embeddedEdition());
  const user = userEdition("figures of 1 March 2027 (a test)");
  const userResult = runScenario({ edition: user.edition });
  const variation = parseVariation("credit=0..1:0.5", "vary");
  const base = runScenario({});
  const sweep = runSweep({}, [variation]);
  const track = runTrack({ "per-year": "40bn", start: "2024", years: "1" });
  return [
    {
      title: "scenario sheet, embedded data",
      sheet: scenarioSheet({ values: {}, result: base }),
      vintage: embedded,
      data: "fs.data",
      portable: true,
    },
    {
      title: "scenario sheet, your data",
      sheet: scenarioSheet({ values: {}, result: userResult, editionText: user.text }),
      vintage: dataVintage(user.edition),
      data: "fs.data",
      portable: true,
    },
    {
      title: "delivered vs fair share sheet",
      sheet: trackSheet({ values: { "per-year": "40bn", start: "2024", years: "1" }, result: track }),
      vintage: embedded,
      data: "fs.data",
      portable: false,
    },
    {
      title: "sweep sheet",
      sheet: sweepSheet({
        values: {},
        parameter: "credit",
        valuesText: "0..1:0.5",
        allies: ["ESP"],
        sweep,
        base,
      }),
      vintage: embedded,
      data: "",
      portable: false,
    },
    {
      title: "tornado sheet",
      sheet: tornadoSheet({ values: {}, ally: "ESP", tornado: runTornado({}, parseRanges("credit=0..1")) }),
      vintage: embedded,
      data: "",
      portable: false,
    },
  ];
}

function cellsAt(sheet: SheetDescription, address: string): CellDescription[] {
  return sheet.cells.filter((candidate) => candidate.address === address);
}

function rowOf(address: string): number {
  return parseAddress(address).row;
}

describe.each(cases().map((entry) => [entry.title, entry] as const))("%s", (_, entry) => {
  const { sheet, vintage } = entry;
  const label = sheet.cells.find((candidate) => candidate.value === MADE_WITH_LABEL);
  const madeWithRow = label === undefined ? 0 : rowOf(label.address);
  const madeWith = `B${madeWithRow}`;

  test("records the vintage it was made with in a plain cell below its sources, above its notes", () => {
    expect(label?.address).toBe(`A${madeWithRow}`);
    expect(cellsAt(sheet, madeWith)).toEqual([expect.objectContaining({ value: vintage })]);
    expect(cellsAt(sheet, madeWith)[0].formula).toBeUndefined();
    const headingRow = (text: string) =>
      rowOf(sheet.cells.find((candidate) => candidate.value === text)?.address ?? "A0");
    expect(madeWithRow).toBeGreaterThan(headingRow("Sources"));
    expect(headingRow("Notes")).toBeGreaterThan(madeWithRow + 1);
  });

  test("shows at the top whether Fair Share's data still agree, through FAIRSHARE.VINTAGE of its data cell", () => {
    const [status] = cellsAt(sheet, DATA_STATUS_CELL);
    expect(status.formula).toBe(dataStatusFormula(madeWith, entry.data));
    expect(status.formula).toContain(`FAIRSHARE.VINTAGE(${entry.data})`);
    expect(status.formula).toContain(`$B$${madeWithRow}`);
    expect(status.cached).toBe(currentStatus(vintage));
    // In the frozen rows, so it stays in view.
    expect(rowOf(DATA_STATUS_CELL)).toBeLessThanOrEqual(sheet.freeze?.rows ?? 0);
    // The rule that marks a change reads the cell and never calls a custom function.
    const rule = sheet.conditionalFormats.find((candidate) => candidate.range === DATA_STATUS_CELL);
    expect(rule?.formula).toMatch(/^=LEFT\(\$C\$1,\d+\)="Data changed"$/);
  });

  test("says in a plain cell above its FAIRSHARE tables that they need the add-in", () => {
    const inputs = sheet.names.find((name) => name.name === "fs.inputs")?.range ?? "";
    const noteRow = rowOf(inputs.split(":")[1]) + 1;
    const [note] = cellsAt(sheet, `A${noteRow}`);
    expect(note.formula).toBeUndefined();
    expect(String(note.value)).toContain("need the Fair Share add-in");
    expect(String(note.value)).toContain("#NAME?");
    expect(String(note.value).includes("fair-share allocate --xlsx")).toBe(entry.portable);
    expect(String(note.value).includes("Open portable copy")).toBe(entry.portable);
    // Every FAIRSHARE formula but the status and the block's own data cell (=FAIRSHARE.EDITION with your data).
    const blockFirst = rowOf(inputs.split(":")[0]);
    const tables = sheet.cells.filter((candidate) => {
      const row = rowOf(candidate.address);
      const inBlock = row >= blockFirst && row < noteRow;
      return candidate.formula?.includes("FAIRSHARE.") && candidate.address !== DATA_STATUS_CELL && !inBlock;
    });
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(rowOf(table.address)).toBeGreaterThan(noteRow);
  });

  test("is current when written: FAIRSHARE.VINTAGE of the sheet's data cell gives the recorded vintage", () => {
    // The data cell's value as Excel computes it: empty (the embedded data), or the text of =FAIRSHARE.EDITION.
    const dataCell = sheet.names.find((name) => name.name === "fs.data")?.range;
    const described = dataCell === undefined ? [] : cellsAt(sheet, dataCell);
    const value = described.map((cell) => cell.cached ?? cell.value ?? null).find((found) => found !== undefined);
    expect(dataCell === undefined).toBe(entry.data === "");
    const now = entry.data === "" ? vintageFunction() : vintageFunction([[value ?? null]]);
    expect(now).toBe(cellsAt(sheet, madeWith)[0].value);
  });

  test("puts no two contents in one cell", () => {
    const seen = new Map<string, string>();
    for (const described of sheet.cells) {
      if (described.value === undefined && described.formula === undefined) continue;
      expect({ address: described.address, earlier: seen.get(described.address) }).toEqual({
        address: described.address,
        earlier: undefined,
      });
      seen.set(described.address, String(described.formula ?? described.value));
    }
  });
});

test("a sheet made with other data records that vintage, not the embedded one", () => {
  const [embedded, user] = cases();
  const vintageOf = (sheet: SheetDescription) =>
    sheet.cells.find((candidate) => candidate.value === MADE_WITH_LABEL && candidate.address.startsWith("A"));
  const valueBeside = (sheet: SheetDescription) =>
    cellsAt(sheet, `B${rowOf(vintageOf(sheet)?.address ?? "A0")}`)[0].value;
  expect(valueBeside(user.sheet)).not.toBe(valueBeside(embedded.sheet));
  expect(String(valueBeside(user.sheet))).toContain("figures of 1 March 2027 (a test) (your data)");
});
