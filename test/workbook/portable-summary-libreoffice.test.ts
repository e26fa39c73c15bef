/**
 * The portable copy's Summary sheet recomputed in LibreOffice (full recalculation): a copy carrying three stored
 * scenarios, with the base cell set to each scenario in turn as a user would choose it, gives per-ally differences that
 * add up to the difference of the totals and equal the engine's (each scenario's rounded amounts from runScenario).
 */
import { Dec, runScenario } from "../../src/engine";
import { buildPortableWorkbook } from "../../src/workbook/portable";
import { SUMMARY_SHEET, portableSummarySheets } from "../../src/workbook/portable/summary-sheet";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { writeCellValue } from "../../src/workbook/xlsx-read";
import { storeGrid, THREE_SCENARIOS } from "../helpers/summary-store";
import { readStoredCells, recomputeInLibreOffice, type StoredSheets } from "../helpers/xlsx";

jest.setTimeout(300_000);

const NAMES = Object.keys(THREE_SCENARIOS);
const RESULTS = NAMES.map((name) => runScenario(THREE_SCENARIOS[name]));
const grid = storeGrid();
const built = portableSummarySheets({ grid });
if (built === undefined) throw new Error("no summary for three scenarios");
const { layout } = built;

/** Names MATCH would read as wildcards: unescaped, "Cap 4?" would find "Cap 40" first. */
const WILD = { "Cap 40": { cap: "USA=40%" }, "Cap 4?": { cap: "USA=45%" } };
const wildGrid = storeGrid(WILD);
const wildLayout = portableSummarySheets({ grid: wildGrid })?.layout;

let recomputed: StoredSheets[] = [];
let wild: StoredSheets;
beforeAll(async () => {
  const { workbook } = buildPortableWorkbook({}, { version: "0", date: new Date(), store: { grid } });
  const bytes = await renderXlsx(workbook);
  // One copy per base: the base cell typed over, formulas and cached values left as written.
  const copies = await Promise.all(NAMES.map((name) => writeCellValue(bytes, SUMMARY_SHEET, layout.baseCell, name)));
  const wildCopy = buildPortableWorkbook({}, { version: "0", date: new Date(), store: { grid: wildGrid } });
  const wildBytes = await writeCellValue(await renderXlsx(wildCopy.workbook), SUMMARY_SHEET, "B5", "Cap 4?");
  const files = await Promise.all(recomputeInLibreOffice([...copies, wildBytes]).map((file) => readStoredCells(file)));
  recomputed = files.slice(0, NAMES.length);
  wild = files[NAMES.length];
}, 300_000);

/** The engine's rounded amount of an ally (or the total) in a scenario. */
function engineAmount(scenario: number, code: string | null): Dec {
  const { allocation } = RESULTS[scenario];
  if (code === null) return allocation.total;
  return allocation.rows.find((row) => row.code === code)?.total ?? new Dec(0);
}

describe.each(NAMES.map((name, base) => [name, base] as const))("base %s, recomputed in LibreOffice", (name, base) => {
  const value = (address: string) => recomputed[base].get(SUMMARY_SHEET)?.get(address)?.value ?? null;

  test("each ally's difference and percent equal the engine's", () => {
    expect(value(layout.baseCell)).toBe(name);
    layout.codes.forEach((code, offset) => {
      const row = layout.firstAllyRow + offset;
      const baseAmount = engineAmount(base, code);
      NAMES.forEach((_, scenario) => {
        const difference = engineAmount(scenario, code).minus(baseAmount);
        expect(value(`${layout.amountColumns[scenario]}${row}`)).toBe(engineAmount(scenario, code).toNumber());
        expect(value(`${layout.differenceColumns[scenario]}${row}`)).toBe(difference.toNumber());
        const percent = value(`${layout.percentColumns[scenario]}${row}`);
        if (baseAmount.isZero()) expect(percent).toBe("n/a");
        else expect(percent as number).toBeCloseTo(difference.div(baseAmount).toNumber(), 12);
      });
    });
  });

  test("the allies' differences add up to the difference of the totals", () => {
    NAMES.forEach((_, scenario) => {
      const column = layout.differenceColumns[scenario];
      let sum = 0;
      for (let row = layout.firstAllyRow; row <= layout.lastAllyRow; row++) sum += value(`${column}${row}`) as number;
      const expected = engineAmount(scenario, null).minus(engineAmount(base, null)).toNumber();
      expect(sum).toBe(expected);
      expect(value(`${column}${layout.totalRow}`)).toBe(expected);
      // TRUE: LibreOffice keeps the comparison as 1 under the cell's TRUE/FALSE format.
      expect([true, 1]).toContain(value(`${column}${layout.checkRow}`));
    });
  });

  test("EU overlap and net new money differ from the base's as the engine's", () => {
    NAMES.forEach((_, scenario) => {
      const overlap = RESULTS[scenario].overlap.totalOverlap.minus(RESULTS[base].overlap.totalOverlap);
      const netNew = RESULTS[scenario].overlap.totalNetNew.minus(RESULTS[base].overlap.totalNetNew);
      expect(value(`${layout.differenceColumns[scenario]}${layout.euOverlapRow}`)).toBe(overlap.toNumber());
      expect(value(`${layout.differenceColumns[scenario]}${layout.netNewRow}`)).toBe(netNew.toNumber());
    });
  });
});

test("the copies were recomputed: the cached differences of another base were replaced", () => {
  // As written, the copy holds the differences from the first scenario; a base typed over must change them.
  const { layout: l } = built;
  const usa = l.codes.indexOf("USA");
  const address = `${l.differenceColumns[0]}${l.firstAllyRow + usa}`;
  expect(recomputed[1].get(SUMMARY_SHEET)?.get(address)?.value).not.toBe(0);
});

test("a base name holding a wildcard character is matched literally", () => {
  if (wildLayout === undefined) throw new Error("no summary for two scenarios");
  const usa = wildLayout.firstAllyRow + wildLayout.codes.indexOf("USA");
  const [cap40, cap45] = [runScenario(WILD["Cap 40"]), runScenario(WILD["Cap 4?"])].map(
    (result) => result.allocation.rows.find((row) => row.code === "USA")?.total ?? new Dec(0)
  );
  const difference = wild.get(SUMMARY_SHEET)?.get(`${wildLayout.differenceColumns[0]}${usa}`)?.value;
  expect(difference).toBe(cap40.minus(cap45).toNumber());
  expect(difference).not.toBe(0);
});
