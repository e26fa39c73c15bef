/** The portable copy's Summary sheet as data (src/workbook/portable/summary-sheet.ts). */
import { runScenario } from "../../src/engine";
import { buildPortableWorkbook } from "../../src/workbook/portable";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { SUMMARY_RESULTS_SHEET, SUMMARY_SHEET, portableSummarySheets } from "../../src/workbook/portable/summary-sheet";
import { storeGrid, THREE_SCENARIOS } from "../helpers/summary-store";

const NAMES = Object.keys(THREE_SCENARIOS);

describe("the Summary sheet of a portable copy", () => {
  const built = portableSummarySheets({ grid: storeGrid() });
  if (built === undefined) throw new Error("no summary for three scenarios");
  const [sheet, results] = built.sheets;
  const cell = (address: string) => sheet.cells.find((candidate) => candidate.address === address);

  test("a copy with a store of two or more scenarios carries a visible Summary and hidden results", () => {
    const { workbook } = buildPortableWorkbook({}, { version: "0", date: new Date(), store: { grid: storeGrid() } });
    const names = workbook.sheets.map((candidate) => candidate.name);
    expect(names).toContain(SUMMARY_SHEET);
    expect(workbook.sheets.find((s) => s.name === SUMMARY_SHEET)?.visibility ?? "visible").toBe("visible");
    expect(workbook.sheets.find((s) => s.name === SUMMARY_RESULTS_SHEET)?.visibility).toBe("hidden");
    const one = storeGrid({ Default: {} });
    const single = buildPortableWorkbook({}, { version: "0", date: new Date(), store: { grid: one } });
    expect(single.workbook.sheets.map((candidate) => candidate.name)).not.toContain(SUMMARY_SHEET);
  });

  test("the results sheet holds each scenario's rounded amounts from the engine", () => {
    NAMES.forEach((name, index) => {
      const result = runScenario(THREE_SCENARIOS[name]);
      result.allocation.rows.forEach((row, rowIndex) => {
        const at = results.cells.find((c) => c.address === `${String.fromCharCode(66 + index)}${rowIndex + 2}`);
        expect(at?.value).toBe(row.total.toNumber());
      });
    });
  });

  test("the base is a yellow validated list of the stored names; differences read it by INDEX/MATCH", () => {
    const { layout } = built;
    expect(cell(layout.baseCell)?.value).toBe("Default");
    expect(sheet.validations).toEqual([
      expect.objectContaining({ range: layout.baseCell, kind: "list", values: NAMES }),
    ]);
    const difference = cell(`${layout.differenceColumns[1]}${layout.firstAllyRow}`);
    expect(difference?.formula).toMatch(
      /INDEX\(.*MATCH\(SUBSTITUTE\(SUBSTITUTE\(SUBSTITUTE\(\$B\$5,"~","~~"\),"\*","~\*"\),"\?","~\?"\),/
    );
    const percent = cell(`${layout.percentColumns[1]}${layout.firstAllyRow}`);
    expect(percent?.formula).toContain('"n/a"');
  });

  test("the cached differences are the engine's and add up to the difference of the totals", () => {
    const { layout } = built;
    layout.differenceColumns.forEach((column) => {
      let sum = 0;
      for (let row = layout.firstAllyRow; row <= layout.lastAllyRow; row++)
        sum += cell(`${column}${row}`)?.cached as number;
      expect(sum).toBe(cell(`${column}${layout.totalRow}`)?.cached);
      expect(cell(`${column}${layout.checkRow}`)?.formula).toMatch(/^=SUM\(/);
    });
    const totals = NAMES.map((name) => runScenario(THREE_SCENARIOS[name]).allocation.total.toNumber());
    expect(cell(`${layout.differenceColumns[2]}${layout.totalRow}`)?.cached).toBe(totals[2] - totals[0]);
  });

  test("a chart of the differences by ally, a series per scenario", () => {
    const { layout } = built;
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].categories).toBe(`A${layout.firstAllyRow}:A${layout.lastAllyRow}`);
    expect(sheet.charts[0].series).toHaveLength(3);
  });

  test("the data vintage it was computed with is in a plain cell", () => {
    expect(String(cell("A3")?.value)).toMatch(/^Computed with the data vintage: .*nato-gdp/);
  });
});

test("names too long for Excel's list get a check of the name typed instead of a drop-down", () => {
  const long = (letter: string): string => letter.repeat(100);
  const built = portableSummarySheets({
    grid: storeGrid({ [long("A")]: {}, [long("B")]: { exempt: "HUN" }, [long("C")]: {} }),
  });
  const validation = built?.sheets[0].validations?.[0];
  expect(validation?.kind).toBe("custom");
  expect(validation?.formula).toMatch(
    /^=ISNUMBER\(MATCH\(SUBSTITUTE\(SUBSTITUTE\(SUBSTITUTE\(B5,"~","~~"\),"\*","~\*"\),"\?","~\?"\),\$C\$\d+:\$E\$\d+,0\)\)$/
  );
  const { workbook } = buildPortableWorkbook(
    {},
    {
      version: "0",
      date: new Date(),
      store: { grid: storeGrid({ [long("A")]: {}, [long("B")]: { exempt: "HUN" }, [long("C")]: {} }) },
    }
  );
  return expect(renderXlsx(workbook)).resolves.toBeInstanceOf(Uint8Array);
});
