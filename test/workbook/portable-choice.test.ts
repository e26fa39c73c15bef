/**
 * The portable copy's scenario chooser, as data (no LibreOffice): the hidden sheet of each stored scenario's values
 * against the engine's scenario for it, the chooser cell and its list, every live yellow input following it, and the
 * stored scenarios the copy cannot show. portable-choice-libreoffice.test.ts recomputes the choices.
 */
import { ALLIES } from "../../src/data";
import { runScenario, type ScenarioSpec } from "../../src/engine";
import {
  SHEET_COLOURS,
  type CellDescription,
  type CellValue,
  type SheetDescription,
} from "../../src/workbook/description";
import { buildPortableWorkbook, PORTABLE_SHEET, type PortableWorkbook } from "../../src/workbook/portable";
import { readPortableCopy } from "../../src/workbook/portable-read";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { writeCellValue } from "../../src/workbook/xlsx-read";
import { CHOICE_LAYOUT, CHOOSER_FORMULA_START } from "../../src/workbook/portable/choice-layout";
import { STORE_SHEET } from "../../src/workbook/scenario-store";
import { storeGrid, type Named } from "../helpers/portable-store";

const OPTIONS = { version: "test", date: new Date("2026-01-02T03:04:05Z") };

const STORED: Named[] = [
  { name: "Hungary exempt", parameters: { exempt: "HUN" } },
  { name: "Half credit", parameters: { credit: "50%", "aid-from": "2023-01" } },
  { name: "US capped", parameters: { cap: "USA=40%", floor: "DEU=10%", eu: "UAF", "eu-states": "DEU,FRA,ITA" } },
  { name: "In dollars", parameters: { currency: "USD", "usd-per-eur": "1.08" } },
];
const GARBLED: CellValue[] = ["Garbled", "", "", "", "", "", 2, "", "", "", "", "", "", "150%"];

function sheetOf(copy: PortableWorkbook, name: string): SheetDescription {
  const found = copy.workbook.sheets.find((sheet) => sheet.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function cellsOf(sheet: SheetDescription): (address: string) => CellDescription | undefined {
  const byAddress = new Map(sheet.cells.map((cell) => [cell.address, cell]));
  return (address) => byAddress.get(address);
}

const copy = buildPortableWorkbook(
  { exempt: "HUN" },
  { ...OPTIONS, store: { grid: storeGrid([...STORED, GARBLED]), shown: "Hungary exempt" } }
);
const main = cellsOf(sheetOf(copy, PORTABLE_SHEET));
const helper = cellsOf(sheetOf(copy, CHOICE_LAYOUT.sheet));
const { layout } = copy;

/** The helper's entry of a stored scenario: its name, row offset and reason, by its index in the store. */
function entry(index: number): { name: unknown; offset: unknown; reason: unknown } {
  const row = CHOICE_LAYOUT.entriesHeaderRow + 1 + index;
  const { name, offset, reason } = CHOICE_LAYOUT.entryColumns;
  return {
    name: helper(`${name}${row}`)?.value,
    offset: helper(`${offset}${row}`)?.value,
    reason: helper(`${reason}${row}`)?.value,
  };
}

/** A scenario's value of a main-sheet input, from its block on the hidden sheet (null: empty). */
function stored(offset: number, address: string): CellValue {
  const [, column, row] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  return helper(`${column}${Number(row) + offset}`)?.value ?? null;
}

describe("the hidden sheet holds each stored scenario's inputs as the engine has them", () => {
  test.each([0, 1, 2])("stored scenario %i", (index) => {
    const spec: ScenarioSpec = STORED[index].parameters;
    const { scenario } = runScenario(spec);
    const { offset, name } = entry(index);
    expect(name).toBe(STORED[index].name);
    if (typeof offset !== "number") throw new Error(`no offset for ${STORED[index].name}`);
    const c = layout.columns;
    scenario.contributors.forEach((contributor, i) => {
      const row = layout.firstRow + i;
      expect([contributor.code, stored(offset, `${c.exempt}${row}`)]).toEqual([contributor.code, contributor.exempt]);
      expect([contributor.code, stored(offset, `${c.cap}${row}`)]).toEqual([
        contributor.code,
        contributor.maxShare?.toNumber() ?? null,
      ]);
      expect([contributor.code, stored(offset, `${c.floor}${row}`)]).toEqual([
        contributor.code,
        contributor.minShare?.toNumber() ?? null,
      ]);
    });
    expect(stored(offset, layout.inputs.credit)).toBe(scenario.credit.toNumber());
    layout.instruments.ids.forEach((id, k) =>
      expect([id, stored(offset, `C${layout.instruments.firstRow + k}`)]).toEqual([
        id,
        scenario.instruments.some((instrument) => instrument.id === id),
      ])
    );
    scenario.edition.euStates.forEach((state, m) =>
      expect([state.iso3, stored(offset, `D${layout.euStates.firstRow + m}`)]).toEqual([
        state.iso3,
        scenario.euStates.includes(state.iso3),
      ])
    );
  });

  test("the scenario the copy is written for shares the block of the inputs as written", () => {
    expect(entry(0).offset).toBe(helper(CHOICE_LAYOUT.writtenOffsetCell)?.value);
    expect(helper(CHOICE_LAYOUT.offsetCell)?.cached).toBe(entry(0).offset);
    expect(entry(1).offset).not.toBe(entry(0).offset);
  });

  test("a scenario in another currency is listed with why the copy cannot show it and how to get one", () => {
    expect(entry(3)).toEqual({
      name: "In dollars",
      offset: undefined,
      reason: expect.stringMatching(
        /^This copy cannot show "In dollars": it differs in currency \(USD; this copy: EUR\).*fair-share allocate --workbook FILE --scenario "In dollars" --xlsx NEW/
      ),
    });
  });

  test("a row that cannot be read is listed with its row number and the store's reason", () => {
    expect(entry(4)).toEqual({
      name: "Garbled",
      offset: undefined,
      reason: expect.stringMatching(/^Row 6 of the Scenarios sheet cannot be read: .+/),
    });
  });
});

describe("the chooser", () => {
  const chooser = layout.choice?.chooserCell ?? "";

  test("is a labelled yellow cell near the top set to the scenario written, a list over the Scenarios sheet's names", () => {
    expect(chooser).toBe("B12");
    expect(main("A12")?.value).toBe("Stored scenario");
    expect(main(chooser)).toMatchObject({
      value: "Hungary exempt",
      style: { fill: SHEET_COLOURS.input, locked: false },
    });
    const validation = sheetOf(copy, PORTABLE_SHEET).validations?.filter((rule) => rule.range === chooser);
    expect(validation).toEqual([expect.objectContaining({ kind: "list", source: CHOICE_LAYOUT.listName })]);
    const list = sheetOf(copy, STORE_SHEET).names.find((name) => name.name === CHOICE_LAYOUT.listName);
    expect(list).toMatchObject({ range: "A2:A6", scope: "workbook" });
    expect(main(layout.choice?.statusCell ?? "")?.cached).toBe('Showing "Hungary exempt".');
  });

  test("every live yellow input follows it, caching its value as written; fixed inputs do not", () => {
    const yellow = sheetOf(copy, PORTABLE_SHEET).cells.filter(
      (cell) => cell.style?.fill === SHEET_COLOURS.input && cell.address !== chooser
    );
    expect(yellow.length).toBeGreaterThan(ALLIES.length * 4);
    for (const cell of yellow)
      expect([cell.address, cell.formula?.startsWith(`=${CHOOSER_FORMULA_START}`)]).toEqual([cell.address, true]);
    expect(main(layout.inputs.credit)?.cached).toBe(0);
    const hungary = `${layout.columns.exempt}${layout.firstRow + layout.codes.indexOf("HUN")}`;
    expect(main(hungary)?.cached).toBe(true);
    expect(main(layout.inputs.years)?.formula).toBeUndefined();
  });

  test("a copy without a store, or with no readable scenario, has no chooser and keeps its rows", () => {
    const plain = buildPortableWorkbook({}, OPTIONS);
    const unreadable = buildPortableWorkbook({}, { ...OPTIONS, store: { grid: storeGrid([GARBLED]) } });
    for (const other of [plain, unreadable]) {
      expect(other.layout.choice).toBeUndefined();
      expect(other.layout.inputs.total).toBe("B13");
      expect(other.workbook.sheets.map((sheet) => sheet.name)).not.toContain(CHOICE_LAYOUT.sheet);
    }
  });

  test("an input the written scenario sets and a stored one leaves empty is empty in the stored one's block", () => {
    const capped = buildPortableWorkbook(
      { cap: "USA=40%", credit: "30%" },
      { ...OPTIONS, store: { grid: storeGrid(STORED.slice(0, 1)) } }
    );
    const hidden = cellsOf(sheetOf(capped, CHOICE_LAYOUT.sheet));
    const offset = hidden(`B${CHOICE_LAYOUT.entriesHeaderRow + 1}`)?.value as number;
    const usa = `${capped.layout.columns.cap}${capped.layout.firstRow + capped.layout.codes.indexOf("USA")}`;
    const row = (address: string): number => Number(/\d+$/.exec(address)?.[0]);
    const at = (address: string): CellValue =>
      hidden(`${address.replace(/\d+$/, "")}${row(address) + offset}`)?.value ?? null;
    expect([at(usa), at(capped.layout.inputs.credit)]).toEqual([null, 0]);
    expect(cellsOf(sheetOf(capped, PORTABLE_SHEET))(usa)?.cached).toBe(0.4);
  });

  test("the same contributors in another order can be shown: rows are matched by code", () => {
    const three = buildPortableWorkbook(
      { contributors: "USA,DEU,FRA" },
      {
        ...OPTIONS,
        store: { grid: storeGrid([{ name: "Reordered", parameters: { contributors: "FRA,DEU,USA", exempt: "DEU" } }]) },
      }
    );
    const hidden = cellsOf(sheetOf(three, CHOICE_LAYOUT.sheet));
    const offset = hidden(`B${CHOICE_LAYOUT.entriesHeaderRow + 1}`)?.value;
    if (typeof offset !== "number") throw new Error(String(hidden(`C${CHOICE_LAYOUT.entriesHeaderRow + 1}`)?.value));
    const exempt = three.layout.codes.map(
      (code, i) => [code, hidden(`${three.layout.columns.exempt}${three.layout.firstRow + i + offset}`)?.value] as const
    );
    expect(Object.fromEntries(exempt)).toEqual(
      Object.fromEntries(three.layout.codes.map((code) => [code, code === "DEU"]))
    );
  });

  test("a copy written for a scenario not stored starts with the chooser empty: the inputs as written", () => {
    const other = buildPortableWorkbook(
      { credit: "20%" },
      { ...OPTIONS, store: { grid: storeGrid(STORED.slice(0, 2)) } }
    );
    const cell = cellsOf(sheetOf(other, PORTABLE_SHEET));
    expect(cell(other.layout.choice?.chooserCell ?? "")?.value).toBeNull();
    expect(cell(other.layout.choice?.statusCell ?? "")?.cached).toMatch(/^No stored scenario chosen/);
    expect(cell(other.layout.inputs.credit)?.cached).toBe(0.2);
  });
});

describe("the reader (allocate --workbook) on a copy whose chooser was changed without recalculation", () => {
  /** Each ally's exact and rounded amounts by year, as text: what two runs agree on when they compute one scenario. */
  const amounts = (spec: ScenarioSpec): string[] =>
    runScenario(spec).allocation.rows.map(
      (row) => `${row.code} ${row.exact.toFixed()} ${row.byYear.map((amount) => amount.toFixed()).join(" ")}`
    );
  const chooser = layout.choice?.chooserCell ?? "";
  let written: Uint8Array;
  beforeAll(async () => {
    written = await renderXlsx(copy.workbook);
  });

  test.each(STORED.slice(0, 3).map((stored) => stored.name))("reads %s as chosen", async (name) => {
    const bytes = await writeCellValue(written, layout.sheet, chooser, name.toUpperCase());
    const read = await readPortableCopy(bytes, "b.xlsx");
    const stored = STORED.find((candidate) => candidate.name === name)?.parameters ?? {};
    expect(amounts(read.spec)).toEqual(amounts(stored));
  });

  test("reads a value typed over an input as typed, the rest as chosen", async () => {
    const chosen = await writeCellValue(written, layout.sheet, chooser, "US capped");
    const bytes = await writeCellValue(chosen, layout.sheet, layout.inputs.credit, 0.25);
    const read = await readPortableCopy(bytes, "b.xlsx");
    expect([read.parameters.cap, read.parameters.floor, read.parameters.eu, read.parameters.credit]).toEqual([
      "USA=40%",
      "DEU=10%",
      "UAF",
      "0.25",
    ]);
    expect(amounts(read.spec)).toEqual(amounts({ ...STORED[2].parameters, credit: "25%" }));
  });

  test.each([
    ["In dollars", /cell B12: This copy cannot show "In dollars": it differs in currency/],
    ["Garbled", /cell B12: Row 6 of the Scenarios sheet cannot be read/],
    ["Nobody", /cell B12: the chosen scenario "Nobody" is not a name of the Scenarios sheet/],
  ])("refuses %s, which the copy cannot show, with the reason", async (name, reason) => {
    const bytes = await writeCellValue(written, layout.sheet, chooser, name);
    await expect(readPortableCopy(bytes, "b.xlsx")).rejects.toThrow(reason);
  });
});
