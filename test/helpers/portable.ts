/**
 * Shared by the portable copy's LibreOffice tests: write copies (edited as a recipient would, formulas kept), recompute
 * them all in one LibreOffice run, and compare the recomputed figures with the engine's.
 */
import { Dec, minDec } from "../../src/engine/decimal";
import type { ScenarioResult, ScenarioSpec } from "../../src/engine/scenario";
import type { CellValue } from "../../src/workbook/description";
import { buildPortableWorkbook, type PortableLayout, type PortableOptions } from "../../src/workbook/portable";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { writeCellValue } from "../../src/workbook/xlsx-read";
import { readStoredCells, recomputeInLibreOffice, type StoredCell } from "./xlsx";

export const OPTIONS = { version: "test", date: new Date("2026-01-02T03:04:05Z") };

export interface Sheet {
  get(address: string): StoredCell | undefined;
}

export function numberAt(sheet: Sheet, address: string): number {
  const value = sheet.get(address)?.value;
  if (typeof value !== "number") throw new Error(`${address}: expected a number, found ${JSON.stringify(value)}`);
  return value;
}

export function textAt(sheet: Sheet, address: string): string {
  return String(sheet.get(address)?.value ?? "");
}

/** LibreOffice stores 15 significant digits; float sums over 32 rows add a little more noise. */
export function expectClose(actual: number, expected: Dec, what: string): void {
  const tolerance = Math.max(Math.abs(expected.toNumber()) * 1e-11, 1e-6);
  if (Math.abs(actual - expected.toNumber()) > tolerance) {
    throw new Error(`${what}: LibreOffice ${actual}, engine ${expected.toFixed()}`);
  }
}

/** Every exact figure of the recomputed sheet against the engine's result: amounts, years, overlap, who is held. */
export function compareExactWithEngine(sheet: Sheet, layout: PortableLayout, result: ScenarioResult): void {
  const { allocation, overlap, attribution } = result;
  const c = layout.columns;
  expect(layout.codes).toEqual(allocation.rows.map((row) => row.code));
  expectClose(numberAt(sheet, layout.exactTotalCell), allocation.exactTotal, "exact total");
  allocation.rows.forEach((row, i) => {
    const r = layout.firstRow + i;
    expectClose(numberAt(sheet, `${c.exact}${r}`), row.exact, `${row.code} exact`);
    expect(`${row.code} ${textAt(sheet, `${c.constraint}${r}`)}`).toBe(`${row.code} ${row.constraint}`);
    row.exactByYear.forEach((amount, j) =>
      expectClose(numberAt(sheet, `${c.exactByYear[j]}${r}`), amount, `${row.code} exact ${allocation.years[j]}`)
    );
    const stateIndex = attribution.states.indexOf(row.code);
    allocation.years.forEach((year, j) => {
      const yearIndex = attribution.years.indexOf(year);
      const attributed =
        overlap.rows[i].euMember && stateIndex >= 0 && yearIndex >= 0
          ? attribution.exact[stateIndex][yearIndex]
          : new Dec(0);
      expectClose(
        numberAt(sheet, `${c.exactOverlapByYear[j]}${r}`),
        minDec(row.exactByYear[j], attributed),
        `${row.code} exact overlap ${year}`
      );
    });
  });
  allocation.years.forEach((year, j) => {
    const column = layout.tranches.columns[j];
    expectClose(
      numberAt(sheet, `${column}${layout.tranches.exactRow}`),
      allocation.exactTranches[j],
      `tranche ${year}`
    );
  });
}

/** A copy to recompute: the scenario it is written for and the cells a recipient sets in it. */
export interface EditCase {
  readonly written: ScenarioSpec;
  readonly edits: (layout: PortableLayout) => readonly (readonly [string, CellValue])[];
  /** The copy's options beyond the version and date (a store it carries). */
  readonly options?: Partial<PortableOptions>;
}

export interface Recomputed {
  readonly layout: PortableLayout;
  readonly result: ScenarioResult;
  /** The main sheet as LibreOffice recomputed it. */
  readonly sheet: Sheet;
  /** Every sheet as LibreOffice recomputed it. */
  readonly sheets: Map<string, Map<string, StoredCell>>;
  /** The file LibreOffice saved. */
  readonly bytes: Buffer;
}

/** Writes each case's copy, applies its edits, and recomputes them all in one LibreOffice run. */
export async function recomputeCases(cases: readonly EditCase[]): Promise<Recomputed[]> {
  const written = await Promise.all(
    cases.map(async ({ written: spec, edits, options }) => {
      const { workbook, layout, result } = buildPortableWorkbook(spec, { ...OPTIONS, ...options });
      let bytes = await renderXlsx(workbook);
      for (const [address, value] of edits(layout)) bytes = await writeCellValue(bytes, layout.sheet, address, value);
      return { bytes, layout, result };
    })
  );
  const files = recomputeInLibreOffice(written.map((w) => w.bytes));
  return Promise.all(
    files.map(async (file, index) => {
      const sheets = await readStoredCells(file);
      const sheet = sheets.get(written[index].layout.sheet);
      if (!sheet) throw new Error("LibreOffice's file has no Fair Share sheet");
      return { layout: written[index].layout, result: written[index].result, sheet, sheets, bytes: file };
    })
  );
}

export const rowOf = (layout: PortableLayout, code: string): number => layout.firstRow + layout.codes.indexOf(code);

/**
 * The rounding rule after an edit (README, portable copy): every rounded amount a whole number of units within one
 * unit of the engine's exact amount, each ally's years adding up to its rounded total, the grand total the engine's
 * rounded total; the EU overlap the smaller of the rounded amount and the attribution rounded to the nearest unit, and
 * net new money the rest.
 */
export function expectRoundingRule(sheet: Sheet, layout: PortableLayout, result: ScenarioResult): void {
  const { allocation, attribution, overlap } = result;
  const unit = allocation.unit.toNumber();
  const c = layout.columns;
  const units = (amount: number, what: string): void => {
    if (Math.abs(amount / unit - Math.round(amount / unit)) > 1e-6)
      throw new Error(`${what}: ${amount} is not whole units`);
  };
  const near = (rounded: number, exact: Dec, what: string): void => {
    units(rounded, what);
    if (Math.abs(rounded - exact.toNumber()) > unit * (1 + 1e-9))
      throw new Error(`${what}: rounded ${rounded}, exact ${exact.toFixed()}, more than one unit apart`);
  };
  let grand = 0;
  allocation.rows.forEach((row, i) => {
    const r = layout.firstRow + i;
    const total = numberAt(sheet, `${c.rounded}${r}`);
    near(total, row.exact, `${row.code} rounded`);
    grand += total;
    let years = 0;
    allocation.years.forEach((year, j) => {
      const amount = numberAt(sheet, `${c.roundedByYear[j]}${r}`);
      near(amount, row.exactByYear[j], `${row.code} rounded ${year}`);
      years += amount;
      const stateIndex = attribution.states.indexOf(row.code);
      const yearIndex = attribution.years.indexOf(year);
      const exactAttributed =
        overlap.rows[i].euMember && stateIndex >= 0 && yearIndex >= 0
          ? attribution.exact[stateIndex][yearIndex]
          : new Dec(0);
      const attributed = Math.round(exactAttributed.toNumber() / unit) * unit;
      const overlapCell = numberAt(sheet, `${c.overlapByYear[j]}${r}`);
      if (Math.abs(overlapCell - Math.min(amount, attributed)) > unit * 1e-6)
        throw new Error(`${row.code} overlap ${year}: ${overlapCell}, expected min(${amount}, ${attributed})`);
    });
    if (Math.abs(years - total) > unit * 1e-6) throw new Error(`${row.code}: years add up to ${years}, total ${total}`);
    const overlapTotal = numberAt(sheet, `${c.overlap}${r}`);
    if (Math.abs(numberAt(sheet, `${c.netNew}${r}`) - (total - overlapTotal)) > unit * 1e-6)
      throw new Error(`${row.code}: net new is not rounded total less overlap`);
  });
  if (Math.abs(grand - allocation.total.toNumber()) > unit * 1e-6)
    throw new Error(`grand total ${grand}, engine ${allocation.total.toFixed()}`);
  allocation.years.forEach((year, j) => {
    const tranche = numberAt(sheet, `${layout.tranches.columns[j]}${layout.tranches.roundedRow}`);
    near(tranche, allocation.exactTranches[j], `tranche ${year}`);
  });
}
