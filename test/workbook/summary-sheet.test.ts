/**
 * The live summary sheet (src/workbook/summary-sheet.ts) as data, and its FAIRSHARE formulas computed through the real
 * functions: each inputs block is evaluated as its INDEX/MATCH formulas read the store's grid (a small evaluator of
 * exactly those lookups, below), then FAIRSHARE.SHARE and FAIRSHARE.OVERLAP are called on the block as Excel would
 * call them. The figures equal the engine's and the cached values; after a stored scenario is rewritten, the same
 * formulas give the new scenario's figures.
 */
import "../functions-runtime";
import { Dec, dataVintage, embeddedEdition, runScenario, sumDec } from "../../src/engine";
import { overlap, share } from "../../src/functions/functions";
import type { CellValue, SheetDescription } from "../../src/workbook/description";
import { parseAddress } from "../../src/workbook/description";
import { readStore, type StoredRow } from "../../src/workbook/scenario-store";
import { storedSpec } from "../../src/workbook/scenario-summary";
import { describeSummarySheet, liveSummaryLayout } from "../../src/workbook/summary-sheet";
import { summariseScenarios } from "../../src/engine";
import { storeGrid, THREE_SCENARIOS } from "../helpers/summary-store";

const NAMES = Object.keys(THREE_SCENARIOS);

function build(grid: string[][]): { sheet: SheetDescription; stored: readonly StoredRow[] } {
  const stored = readStore(grid).scenarios;
  const results = stored.map((scenario) => runScenario(storedSpec(scenario)));
  return { sheet: describeSummarySheet({ scenarios: stored, results }), stored };
}

function cellOf(sheet: SheetDescription, address: string) {
  const found = sheet.cells.find((candidate) => candidate.address === address);
  if (found === undefined) throw new Error(`no cell ${address}`);
  return found;
}

/** A range "$A$60:$B$90" as the addresses of its cells, row by row. */
function rangeCells(range: string): string[][] {
  const [from, to] = range.replace(/\$/g, "").split(":");
  const a = parseAddress(from);
  const b = parseAddress(to);
  const rows: string[][] = [];
  for (let row = a.row; row <= b.row; row++) {
    const line: string[] = [];
    for (let column = a.column; column <= b.column; column++) line.push(`${String.fromCharCode(64 + column)}${row}`);
    rows.push(line);
  }
  return rows;
}

/** The 1-based position of `label` in the store's header row (MATCH(label, Scenarios!$A$1:$ZZ$1, 0)). */
function headerMatch(grid: readonly (readonly string[])[], label: string): number {
  const index = grid[0].findIndex((cell) => cell.toLowerCase() === label.toLowerCase());
  if (index < 0) throw new Error(`#N/A: no column ${label}`);
  return index + 1;
}

/**
 * A cell's value as the sheet's formulas compute it against the store's grid: constants as they are; the lookups of
 * the blocks (the row of a name, a parameter's cell of that row); references to another cell.
 */
function evaluate(sheet: SheetDescription, grid: readonly (readonly string[])[], address: string): CellValue {
  const cell = cellOf(sheet, address);
  if (cell.formula === undefined) return cell.value ?? null;
  const rowLookup =
    /^=MATCH\(SUBSTITUTE\(SUBSTITUTE\(SUBSTITUTE\((\$[A-Z]+\$\d+),"~","~~"\),"\*","~\*"\),"\?","~\?"\),INDEX\(Scenarios!\$A\$1:\$ZZ\$5000,0,MATCH\("Name",Scenarios!\$A\$1:\$ZZ\$1,0\)\),0\)$/.exec(
      cell.formula
    );
  if (rowLookup) {
    const name = String(evaluate(sheet, grid, rowLookup[1].replace(/\$/g, ""))).toLowerCase();
    const column = headerMatch(grid, "Name") - 1;
    const row = grid.findIndex((line) => String(line[column] ?? "").toLowerCase() === name);
    if (row < 0) throw new Error(`#N/A: no scenario ${name}`);
    return row + 1;
  }
  const valueLookup =
    /^=INDEX\(Scenarios!\$A\$1:\$ZZ\$5000,(\$[A-Z]+\$\d+),MATCH\("([a-z-]+)",Scenarios!\$A\$1:\$ZZ\$1,0\)\)&""$/.exec(
      cell.formula
    );
  if (valueLookup) {
    const row = evaluate(sheet, grid, valueLookup[1].replace(/\$/g, "")) as number;
    return String(grid[row - 1][headerMatch(grid, valueLookup[2]) - 1] ?? "");
  }
  const reference = /^=([A-Z]+\d+)$/.exec(cell.formula);
  if (reference) return evaluate(sheet, grid, reference[1]);
  throw new Error(`not evaluated here: ${cell.formula}`);
}

/** A block's values as FAIRSHARE receives its range. */
function blockValues(sheet: SheetDescription, grid: readonly (readonly string[])[], range: string): CellValue[][] {
  return rangeCells(range).map((line) => line.map((address) => evaluate(sheet, grid, address)));
}

const SHARE_FORMULA = /^=IFNA\(FAIRSHARE\.SHARE\(\$A(\d+),,,(\$[A-Z]+\$\d+:\$[A-Z]+\$\d+)\),"-"\)$/;
const OVERLAP_FORMULA = /^=SUM\(INDEX\(FAIRSHARE\.OVERLAP\((\$[A-Z]+\$\d+:\$[A-Z]+\$\d+)\),0,(\d)\)\)$/;

describe("the live summary sheet of three stored scenarios", () => {
  const grid = storeGrid();
  const { sheet, stored } = build(grid);
  const results = stored.map((scenario) => runScenario(storedSpec(scenario)));
  const layout = liveSummaryLayout(summariseScenarios(stored.map((s, i) => ({ name: s.name, result: results[i] }))));

  test("title, the add-in note and the data vintage in plain cells; the base a validated list", () => {
    expect(cellOf(sheet, "A2").value).toMatch(/need the Fair Share add-in.*portable copy/);
    expect(cellOf(sheet, "A3").value).toBe("Data vintage (made with)");
    expect(cellOf(sheet, "B3").value).toBe(dataVintage(embeddedEdition()));
    // The status at the top compares it with the add-in's data through FAIRSHARE.VINTAGE, readable without the add-in.
    expect(cellOf(sheet, "C1").formula).toMatch(/FAIRSHARE\.VINTAGE\(\).*\$B\$3/);
    expect(cellOf(sheet, "C1").cached).toBe(`Data: ${dataVintage(embeddedEdition())} (current)`);
    expect(cellOf(sheet, layout.baseCell).value).toBe("Default");
    expect(sheet.validations?.[0]).toMatchObject({ range: layout.baseCell, kind: "list", values: NAMES });
    for (const cell of sheet.cells) if (cell.formula !== undefined) expect(cell.formula).not.toMatch(/_xlfn|_xldudf/);
  });

  test("every ally's amount is FAIRSHARE.SHARE over its scenario's block, equal to the engine's and the cache", () => {
    layout.codes.forEach((code, offset) => {
      const row = layout.firstAllyRow + offset;
      NAMES.forEach((_, index) => {
        const cell = cellOf(sheet, `${layout.amountColumns[index]}${row}`);
        const match = SHARE_FORMULA.exec(cell.formula ?? "");
        expect(match?.[1]).toBe(String(row));
        const computed = share(code, null, null, blockValues(sheet, grid, match?.[2] ?? ""));
        const engine = results[index].allocation.rows.find((r) => r.code === code)?.total.toNumber();
        expect(computed).toBe(engine);
        expect(cell.cached).toBe(engine);
      });
    });
  });

  test("EU overlap and net new money sum FAIRSHARE.OVERLAP's columns, equal to the engine's totals", () => {
    NAMES.forEach((_, index) => {
      for (const [row, expected] of [
        [layout.euOverlapRow, results[index].overlap.totalOverlap],
        [layout.netNewRow, results[index].overlap.totalNetNew],
      ] as const) {
        const cell = cellOf(sheet, `${layout.amountColumns[index]}${row}`);
        const match = OVERLAP_FORMULA.exec(cell.formula ?? "");
        if (match === null) throw new Error(`unexpected formula ${cell.formula}`);
        const table = overlap(blockValues(sheet, grid, match[1]));
        const column = Number(match[2]) - 1;
        const sum = table.slice(1).reduce((total, line) => total + (line[column] as number), 0);
        expect(sum).toBe(expected.toNumber());
        expect(cell.cached).toBe(expected.toNumber());
      }
    });
  });

  test("differences read the base by INDEX/MATCH; cached, they add up to the difference of the totals", () => {
    layout.differenceColumns.forEach((column, index) => {
      const first = cellOf(sheet, `${column}${layout.firstAllyRow}`);
      expect(first.formula).toContain(`MATCH(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE($B$5,`);
      const cached: Dec[] = [];
      for (let row = layout.firstAllyRow; row <= layout.lastAllyRow; row++) {
        cached.push(new Dec(cellOf(sheet, `${column}${row}`).cached as number));
      }
      const expected = results[index].allocation.total.minus(results[0].allocation.total);
      expect(sumDec(cached).eq(expected)).toBe(true);
      expect(cellOf(sheet, `${column}${layout.checkRow}`).cached).toBe(true);
    });
  });

  test("the key inputs show each scenario's stored text through its block", () => {
    const exemptRow = sheet.cells.find((cell) => cell.address.startsWith("A") && cell.value === "exempt");
    const row = parseAddress(exemptRow?.address ?? "A1").row;
    const address = `${layout.amountColumns[1]}${row}`;
    expect(evaluate(sheet, grid, address)).toBe("HUN");
    expect(cellOf(sheet, address).cached).toBe("HUN");
  });

  test("when a stored scenario is rewritten, the same formulas give the new scenario's figures", () => {
    const edited = grid.map((line) => [...line]);
    const credit = edited[0].indexOf("credit");
    edited[2][credit] = "25%";
    const expected = runScenario({ ...THREE_SCENARIOS["Hungary exempt"], credit: "25%" });
    const row = layout.firstAllyRow + layout.codes.indexOf("ESP");
    const match = SHARE_FORMULA.exec(cellOf(sheet, `${layout.amountColumns[1]}${row}`).formula ?? "");
    const computed = share("ESP", null, null, blockValues(sheet, edited, match?.[2] ?? ""));
    expect(computed).toBe(expected.allocation.rows.find((r) => r.code === "ESP")?.total.toNumber());
    expect(computed).not.toBe(results[1].allocation.rows.find((r) => r.code === "ESP")?.total.toNumber());
  });
});

describe("the live summary sheet, each year too", () => {
  // Scenarios of different years: a year outside a scenario's shows "-".
  const grid = storeGrid({ Default: {}, "Three years from 2025": { years: "3", start: "2025" } });
  const stored = readStore(grid).scenarios;
  const results = stored.map((scenario) => runScenario(storedSpec(scenario)));
  const sheet = describeSummarySheet({ scenarios: stored, results, perYear: true });
  const summary = summariseScenarios(stored.map((s, i) => ({ name: s.name, result: results[i] })));
  const layout = liveSummaryLayout(summary, true);
  const YEAR_FORMULA = /^=IFNA\(FAIRSHARE\.SHARE\(\$A(\d+),(\d{4}),,(\$[A-Z]+\$\d+:\$[A-Z]+\$\d+)\),"-"\)$/;

  test("per scenario a column per year: FAIRSHARE.SHARE with the year, equal to the engine's year and the cache", () => {
    expect(layout.years).toEqual([2024, 2025, 2026, 2027, 2028]);
    stored.forEach((scenario, index) => {
      const years = results[index].allocation.years;
      layout.years.forEach((year, y) => {
        const column = layout.yearColumns[index][y];
        expect(cellOf(sheet, `${column}${layout.headerRow}`).value).toBe(`${scenario.name} ${year}`);
        layout.codes.forEach((code, offset) => {
          const cell = cellOf(sheet, `${column}${layout.firstAllyRow + offset}`);
          const row = results[index].allocation.rows.find((r) => r.code === code);
          if (!years.includes(year) || row === undefined) {
            expect(cell.value).toBe("-");
            return;
          }
          const match = YEAR_FORMULA.exec(cell.formula ?? "");
          expect(match?.[2]).toBe(String(year));
          const computed = share(code, year, null, blockValues(sheet, grid, match?.[3] ?? ""));
          const engine = row.byYear[years.indexOf(year)].toNumber();
          expect([code, year, computed, cell.cached]).toEqual([code, year, engine, engine]);
        });
        // The year's total: the sum of its column, cached as the allies' amounts add up.
        const inColumn = layout.codes.map((_, offset) => cellOf(sheet, `${column}${layout.firstAllyRow + offset}`));
        const added = inColumn.reduce((sum, cell) => sum + (typeof cell.cached === "number" ? cell.cached : 0), 0);
        expect(cellOf(sheet, `${column}${layout.totalRow}`).cached).toBe(added);
      });
    });
  });

  test("without asking, no year columns", () => {
    const plain = describeSummarySheet({ scenarios: stored, results });
    expect(plain.cells.filter((cell) => YEAR_FORMULA.test(cell.formula ?? ""))).toEqual([]);
    expect(sheet.cells.filter((cell) => YEAR_FORMULA.test(cell.formula ?? "")).length).toBeGreaterThan(32 * 5);
  });
});
