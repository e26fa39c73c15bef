/**
 * The Sensitivity sheets as data, and written through the Office adapter to the recording host. Their formulas are
 * evaluated here with the real custom functions over the sheet's own cells (the inputs block as the sheet holds it,
 * the parameter, values and ally cells): what Excel computes is what the engine's sweep and tornado say.
 */
import { parseRanges, parseVariation, runScenario, runSweep, runTornado } from "../../src/engine";
import { share, sweep } from "../../src/functions/functions";
import { clearMemo } from "../../src/functions/memo";
import type { CellDescription, SheetDescription } from "../../src/workbook/description";
import { insertSheet, type ExcelLike } from "../../src/workbook/office";
import { SWEEP_SHEET_NAME, TORNADO_SHEET_NAME, sweepSheet, tornadoSheet } from "../../src/workbook/sensitivity-sheet";
import { createRecordingExcel } from "../helpers/recording-excel";

beforeEach(() => clearMemo());

const VALUES = { exempt: "HUN", cap: "USA=0.4" } as const;

function cell(sheet: SheetDescription, address: string): CellDescription {
  const found = sheet.cells.filter((candidate) => candidate.address === address);
  if (found.length === 0) throw new Error(`no cell ${address}`);
  return Object.assign({}, ...found) as CellDescription;
}

/** The inputs block as the sheet holds it: the rows of fs.inputs, label and value. */
function block(sheet: SheetDescription): (string | number | null)[][] {
  const range = sheet.names.find((name) => name.name === "fs.inputs")?.range ?? "";
  const [, first, last] = /^A(\d+):B(\d+)$/.exec(range) ?? [];
  const rows: (string | number | null)[][] = [];
  for (let row = Number(first); row <= Number(last); row++) {
    const value = (address: string): string | number | null => {
      const found = sheet.cells.filter((candidate) => candidate.address === address && candidate.value !== undefined);
      return (found[0]?.value as string | number | null | undefined) ?? null;
    };
    rows.push([value(`A${row}`), value(`B${row}`)]);
  }
  return rows;
}

describe("the sweep sheet", () => {
  const variation = parseVariation("credit=0..1:0.25", "vary");
  const swept = runSweep(VALUES, [variation]);
  const sheet = sweepSheet({
    values: VALUES,
    parameter: "credit",
    valuesText: "0..1:0.25",
    allies: ["ESP", "ITA"],
    sweep: swept,
    base: runScenario(VALUES),
  });
  const formulaCell = sheet.cells.find((candidate) =>
    candidate.formula?.startsWith("=FAIRSHARE.SWEEP(")
  ) as CellDescription;
  const [, parameterAt, valuesAt, alliesAt] =
    /^=FAIRSHARE\.SWEEP\(fs\.inputs,(B\d+),(B\d+),(B\d+)\)$/.exec(formulaCell.formula as string) ?? [];

  test("SWEEP over the sheet's own cells spills the engine's sweep, in the size the sheet leaves it", () => {
    expect(parameterAt).toBeDefined();
    const table = sweep(
      block(sheet),
      cell(sheet, parameterAt).value as string,
      [[cell(sheet, valuesAt).value as string]],
      [[cell(sheet, alliesAt).value as string]]
    );
    expect(formulaCell.spill).toEqual({ rows: table.length, columns: table[0].length });
    expect(table.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual(
      swept.rows.map((row) => [
        Number(row.values[0]),
        row.point?.allies.find((ally) => ally.code === "ESP")?.total.toNumber(),
        row.point?.allies.find((ally) => ally.code === "ITA")?.total.toNumber(),
      ])
    );
  });

  test("a line chart of each ally's column over the swept values", () => {
    const row = Number(/\d+/.exec(formulaCell.address)?.[0]);
    expect(sheet.charts).toEqual([
      expect.objectContaining({
        type: "line",
        categories: `A${row + 1}:A${row + 5}`,
        series: [
          { name: `B${row}`, values: `B${row + 1}:B${row + 5}` },
          { name: `C${row}`, values: `C${row + 1}:C${row + 5}` },
        ],
      }),
    ]);
  });

  test("written through the Office adapter: the formula, the names and a line chart", async () => {
    const made = createRecordingExcel();
    const name = await insertSheet(made.excel as unknown as ExcelLike, sheet);
    expect(name).toBe(SWEEP_SHEET_NAME);
    expect(made.recording.protocolErrors).toEqual([]);
    const written = made.recording.sheets.find((candidate) => candidate.name === name);
    expect(written?.cells[formulaCell.address].formula).toBe(formulaCell.formula);
    expect(written?.names["fs.inputs"]).toBeDefined();
    expect(written?.charts.map((chart) => chart.type)).toEqual(["Line"]);
  });
});

describe("the tornado sheet", () => {
  const tornado = runTornado(VALUES, parseRanges("credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024"));
  const sheet = tornadoSheet({ values: VALUES, ally: "ESP", tornado });
  const header = sheet.cells.find((candidate) => candidate.value === "At low") as CellDescription;
  const headerRow = Number(/\d+/.exec(header.address)?.[0]);

  test("each row's INDEX(SWEEP(...)) over the sheet's cells is the engine's amount at that end, rows by swing", () => {
    const inputs = block(sheet);
    const allyCell = sheet.cells.find((candidate) => candidate.value === "Ally") as CellDescription;
    const allyRow = Number(/\d+/.exec(allyCell.address)?.[0]);
    const ally = cell(sheet, `B${allyRow}`).value as string;
    expect(cell(sheet, `B${allyRow + 1}`).formula).toBe(`=FAIRSHARE.SHARE(B${allyRow},,,fs.inputs)`);
    expect(share(ally, null, null, inputs)).toBe(cell(sheet, `B${allyRow + 1}`).cached);
    const names: string[] = [];
    for (let row = headerRow + 1; row <= headerRow + 3; row++) {
      expect(cell(sheet, `D${row}`).formula).toBe(
        `=INDEX(FAIRSHARE.SWEEP(fs.inputs,$A${row},$B${row}:$C${row},$B$${allyRow}),2,2)`
      );
      const table = sweep(
        inputs,
        cell(sheet, `A${row}`).value as string,
        [[cell(sheet, `B${row}`).value as string, cell(sheet, `C${row}`).value as string]],
        [[ally]]
      );
      expect([table[1][1], table[2][1]]).toEqual([cell(sheet, `D${row}`).cached, cell(sheet, `E${row}`).cached]);
      names.push(cell(sheet, `A${row}`).value as string);
    }
    expect(names).toEqual(["credit", "cap.USA", "gdp-year"].sort((a, b) => order(a) - order(b)));
  });

  /** The engine's rank of a bar for Spain (largest swing first). */
  function order(name: string): number {
    const swings = tornado.bars.map((bar) => {
      const index = tornado.basePoint.allies.findIndex((ally) => ally.code === "ESP");
      const low = bar.low.point?.allies[index].exact;
      const high = bar.high.point?.allies[index].exact;
      return {
        name: bar.variation.name,
        swing: high !== undefined && low !== undefined ? high.minus(low).abs() : null,
      };
    });
    const sorted = [...swings].sort((a, b) => b.swing?.comparedTo(a.swing ?? 0) ?? 0);
    return sorted.findIndex((entry) => entry.name === name);
  }

  test("written through the Office adapter: a bar chart of the effects", async () => {
    const made = createRecordingExcel();
    const name = await insertSheet(made.excel as unknown as ExcelLike, sheet);
    expect(name).toBe(TORNADO_SHEET_NAME);
    expect(made.recording.protocolErrors).toEqual([]);
    const written = made.recording.sheets.find((candidate) => candidate.name === name);
    expect(written?.charts.map((chart) => [chart.type, chart.series.map((series) => series.values)])).toEqual([
      ["BarClustered", [`F${headerRow + 1}:F${headerRow + 3}`, `G${headerRow + 1}:G${headerRow + 3}`]],
    ]);
  });
});
