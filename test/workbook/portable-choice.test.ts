/**
 * The portable copy's scenario chooser, as data (no LibreOffice): the hidden sheet of each stored scenario's values
 * against the engine's scenario for it, the chooser cell and its list, and the scenarios the copy cannot show.
 */
import { runScenario, type ScenarioSpec } from "../../src/engine";
import { buildPortableWorkbook, PORTABLE_SHEET } from "../../src/workbook/portable";
import { CHOICE_LAYOUT } from "../../src/workbook/portable/choice-layout";
import type { CellDescription, SheetDescription } from "../../src/workbook/description";
import { storeGrid } from "../helpers/portable-store";

const OPTIONS = { version: "test", date: new Date("2026-01-02T03:04:05Z") };

const sheetOf = (sheets: readonly SheetDescription[], name: string): SheetDescription => {
  const found = sheets.find((sheet) => sheet.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};
const cellOf = (sheet: SheetDescription, address: string): CellDescription | undefined =>
  sheet.cells.find((cell) => cell.address === address);

test("try", () => {
  const start = Date.now();
  const grid = storeGrid([
    { name: "Hungary exempt", parameters: { exempt: "HUN" } },
    { name: "Half credit", parameters: { credit: "50%" } },
    { name: "US capped", parameters: { cap: "USA=40%", eu: "UAF" } },
    { name: "Three years", parameters: { years: "3" } },
  ]);
  const spec: ScenarioSpec = { exempt: "HUN" };
  const { workbook, layout } = buildPortableWorkbook(spec, { ...OPTIONS, store: { grid, shown: "Hungary exempt" } });
  console.log(
    Date.now() - start,
    workbook.sheets.map((s) => s.name)
  );
  const helper = sheetOf(workbook.sheets, CHOICE_LAYOUT.sheet);
  console.log(helper.cells.filter((c) => parseInt(c.address.replace(/^[A-Z]+/, "")) < 20));
  const main = sheetOf(workbook.sheets, PORTABLE_SHEET);
  console.log(
    cellOf(main, "B12"),
    cellOf(main, "B13"),
    cellOf(main, layout.inputs.credit),
    main.validations?.filter((v) => v.range === "B12")
  );
  void runScenario;
});
