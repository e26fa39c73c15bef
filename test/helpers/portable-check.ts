/**
 * Compares a portable copy recomputed by a spreadsheet with the engine's answer for the scenario its inputs show, and
 * lists every difference in words (an empty list: the copy is right).
 *
 * - Every exact figure (per contributor: amount, per year, EU overlap per year; the exact total and tranches) within
 *   floating-point noise of the engine's.
 * - The rounded figures by the rule: each within one unit of its exact amount, a multiple of the unit, each
 *   contributor's years adding up to its rounded total, the grand total equal to the engine's rounded total; while the
 *   inputs are those the file was written for, exactly the engine's. The rounded EU overlap of a year (the smaller of
 *   the rounded amount and the rounded attribution) is within one unit of the exact overlap and at most the rounded
 *   amount, and net new money is the rounded amount less the overlap.
 * - The status cells hold no error, and the level solve says it settled.
 * - When the engine finds the limits infeasible: no contributor's amount is a number, and a status cell says so.
 */
import { Dec, minDec } from "../../src/engine/decimal";
import type { ScenarioResult } from "../../src/engine/scenario";
import type { Expected } from "./portable-cases";
import { LayoutError, type CopyLayout } from "./portable-layout";
import type { StoredCell } from "./xlsx";

export type Sheet = ReadonlyMap<string, StoredCell>;

class Comparison {
  readonly mismatches: string[] = [];
  constructor(private readonly sheet: Sheet) {}

  number(address: string, what: string): number | undefined {
    const value = this.sheet.get(address)?.value;
    if (typeof value === "number") return value;
    this.mismatches.push(`${what} (${address}): expected a number, found ${JSON.stringify(value ?? null)}`);
    return undefined;
  }
  value(address: string): StoredCell["value"] | undefined {
    return this.sheet.get(address)?.value;
  }
  text(address: string): string {
    const value = this.sheet.get(address)?.value;
    return value === null || value === undefined ? "" : String(value);
  }
  /** Within floating-point noise: LibreOffice keeps 15 significant digits, and sums add a little. */
  close(address: string, expected: Dec, what: string): void {
    const actual = this.number(address, what);
    if (actual === undefined) return;
    const tolerance = Math.max(Math.abs(expected.toNumber()) * 1e-9, 1e-4);
    if (Math.abs(actual - expected.toNumber()) > tolerance) {
      this.mismatches.push(`${what} (${address}): sheet ${actual}, engine ${expected.toFixed()}`);
    }
  }
  exactly(address: string, expected: Dec, what: string): void {
    const actual = this.number(address, what);
    if (actual !== undefined && !new Dec(actual).eq(expected)) {
      this.mismatches.push(`${what} (${address}): sheet ${actual}, engine ${expected.toFixed()}`);
    }
  }
  fail(text: string): void {
    this.mismatches.push(text);
  }
}

/** Runs a lookup of the layout; a missing part of the copy is a mismatch, not a crash. */
function guarded(comparison: Comparison, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof LayoutError) comparison.fail(`layout: ${error.message}`);
    else throw error;
  }
}

/** Every difference between the recomputed copy and the engine's answer; `asWritten`: inputs unedited. */
export function compareCopy(sheet: Sheet, layout: CopyLayout, expected: Expected, asWritten: boolean): string[] {
  const comparison = new Comparison(sheet);
  guarded(comparison, () => checkStatus(comparison, layout, expected));
  if (expected.kind === "infeasible") {
    guarded(comparison, () => checkInfeasible(comparison, layout, expected.message));
    return comparison.mismatches;
  }
  const { result } = expected;
  const codes = result.allocation.rows.map((row) => row.code);
  if (codes.join(",") !== layout.codes.join(",")) {
    comparison.fail(`contributors: sheet ${layout.codes.join(",")}, engine ${codes.join(",")}`);
    return comparison.mismatches;
  }
  guarded(comparison, () => checkExact(comparison, layout, result));
  guarded(comparison, () => checkOverlap(comparison, layout, result));
  guarded(comparison, () =>
    asWritten ? checkRoundedAsWritten(comparison, layout, result) : checkRoundingRule(comparison, layout, result)
  );
  return comparison.mismatches;
}

function checkStatus(c: Comparison, layout: CopyLayout, expected: Expected): void {
  for (const address of layout.statusCells()) {
    const text = c.text(address);
    if (text.startsWith("#") || /^Err:/.test(text)) c.fail(`status cell ${address} shows ${text}`);
  }
  const settled = c.text(layout.statusCell("settled"));
  if (expected.kind === "figures" && !/^(Settled|No passes needed|No level needed)/.test(settled)) {
    c.fail(`the level solve's status says "${settled}", not settled`);
  }
  if (expected.kind === "infeasible" && /^(Settled|No passes needed|No level needed)/.test(settled)) {
    c.fail(`the level solve's status says "${settled}" for limits the engine refuses`);
  }
}

function checkInfeasible(c: Comparison, layout: CopyLayout, message: string): void {
  for (const code of layout.codes) {
    const value = c.value(layout.exactCell(code));
    if (typeof value === "number") {
      c.fail(`${code}: shows the number ${value} although the limits cannot hold (${message})`);
    }
  }
  const words = layout.statusCells().map((address) => c.text(address));
  // The engine's message names its parameter first ("floor: add up to ..."); the copy says, in words like the command
  // line's, that the limits cannot hold and names the same parameter as its flag ("--floor").
  const parameter = /^([a-z-]+): /.exec(message)?.[1] ?? "";
  if (!words.some((text) => /cannot hold/.test(text) && text.includes(`--${parameter}`))) {
    c.fail(`no status cell says which limits cannot hold (engine: ${message}); they say ${JSON.stringify(words)}`);
  }
}

function checkExact(c: Comparison, layout: CopyLayout, result: ScenarioResult): void {
  const { allocation } = result;
  const years = allocation.years.length;
  c.close(layout.exactTotalCell(), allocation.exactTotal, "exact total");
  allocation.rows.forEach((row) => {
    c.close(layout.exactCell(row.code), row.exact, `${row.code} exact`);
    row.exactByYear.forEach((amount, j) =>
      c.close(layout.exactByYearCell(row.code, j, years), amount, `${row.code} exact ${allocation.years[j]}`)
    );
    const held = c.text(layout.constraintCell(row.code));
    if (held !== row.constraint) c.fail(`${row.code} held by: sheet "${held}", engine "${row.constraint}"`);
  });
  allocation.exactTranches.forEach((amount, j) =>
    c.close(layout.trancheCell("exact", j), amount, `exact tranche ${allocation.years[j]}`)
  );
}

/** The engine's exact EU overlap of a contributor (row i) in a year (j): min(exact amount, exact attributed). */
function exactOverlap(result: ScenarioResult, i: number, j: number): Dec {
  const { allocation, overlap, attribution } = result;
  const row = allocation.rows[i];
  const stateIndex = attribution.states.indexOf(row.code);
  const yearIndex = attribution.years.indexOf(allocation.years[j]);
  const attributed =
    overlap.rows[i].euMember && stateIndex >= 0 && yearIndex >= 0
      ? attribution.exact[stateIndex][yearIndex]
      : new Dec(0);
  return minDec(row.exactByYear[j], attributed);
}

function checkOverlap(c: Comparison, layout: CopyLayout, result: ScenarioResult): void {
  const { allocation } = result;
  const years = allocation.years.length;
  allocation.rows.forEach((row, i) =>
    allocation.years.forEach((year, j) =>
      c.close(
        layout.exactOverlapByYearCell(row.code, j, years),
        exactOverlap(result, i, j),
        `${row.code} exact EU overlap ${year}`
      )
    )
  );
}

function checkRoundedAsWritten(c: Comparison, layout: CopyLayout, result: ScenarioResult): void {
  const { allocation, overlap } = result;
  const years = allocation.years.length;
  c.exactly(layout.roundedTotalCell(), allocation.total, "rounded total");
  allocation.rows.forEach((row, i) => {
    c.exactly(layout.roundedCell(row.code), row.total, `${row.code} rounded`);
    row.byYear.forEach((amount, j) =>
      c.exactly(layout.roundedByYearCell(row.code, j, years), amount, `${row.code} rounded ${allocation.years[j]}`)
    );
    overlap.rows[i].overlap.forEach((amount, j) =>
      c.exactly(layout.overlapByYearCell(row.code, j, years), amount, `${row.code} EU overlap ${allocation.years[j]}`)
    );
    overlap.rows[i].netNew.forEach((amount, j) =>
      c.exactly(layout.netNewByYearCell(row.code, j, years), amount, `${row.code} net new ${allocation.years[j]}`)
    );
  });
  allocation.tranches.forEach((amount, j) =>
    c.exactly(layout.trancheCell("rounded", j), amount, `rounded tranche ${allocation.years[j]}`)
  );
}

/** The rule for rounded figures after an edit (the engine's own rounding may differ by a unit here and there). */
function checkRoundingRule(c: Comparison, layout: CopyLayout, result: ScenarioResult): void {
  const { allocation } = result;
  const unit = result.scenario.unit.toNumber();
  const years = allocation.years.length;
  const noise = (value: number): number => Math.max(Math.abs(value) * 1e-12, 1e-6);
  const rounded = (address: string, exact: Dec, what: string): number | undefined => {
    const value = c.number(address, what);
    if (value === undefined) return undefined;
    const e = exact.toNumber();
    if (Math.abs(value - e) > unit + noise(e)) c.fail(`${what} (${address}): ${value} is a unit or more from ${e}`);
    const units = value / unit;
    if (Math.abs(units - Math.round(units)) > 1e-6)
      c.fail(`${what} (${address}): ${value} is not a multiple of ${unit}`);
    return value;
  };
  let grand = 0;
  allocation.rows.forEach((row, i) => {
    const total = rounded(layout.roundedCell(row.code), row.exact, `${row.code} rounded`);
    let sum = 0;
    row.exactByYear.forEach((exact, j) => {
      const cell = layout.roundedByYearCell(row.code, j, years);
      const amount = rounded(cell, exact, `${row.code} rounded ${allocation.years[j]}`) ?? 0;
      sum += amount;
      // min(rounded amount, rounded attribution): within one unit of the exact overlap, at most the rounded amount.
      const overlapCell = layout.overlapByYearCell(row.code, j, years);
      const overlapValue = rounded(
        overlapCell,
        exactOverlap(result, i, j),
        `${row.code} EU overlap ${allocation.years[j]}`
      );
      const netNew = c.number(layout.netNewByYearCell(row.code, j, years), `${row.code} net new`);
      if (overlapValue !== undefined && overlapValue > amount + noise(amount)) {
        c.fail(`${row.code} EU overlap ${allocation.years[j]}: ${overlapValue} is more than the amount ${amount}`);
      }
      if (
        overlapValue !== undefined &&
        netNew !== undefined &&
        Math.abs(amount - overlapValue - netNew) > noise(amount)
      ) {
        c.fail(`${row.code} net new ${allocation.years[j]}: ${netNew} is not ${amount} - ${overlapValue}`);
      }
    });
    if (total !== undefined && Math.abs(sum - total) > noise(total)) {
      c.fail(`${row.code}: its rounded years add up to ${sum}, not its rounded total ${total}`);
    }
    grand += total ?? 0;
  });
  const expectedTotal = allocation.total.toNumber();
  c.exactly(layout.roundedTotalCell(), allocation.total, "rounded grand total");
  if (Math.abs(grand - expectedTotal) > noise(expectedTotal)) {
    c.fail(`the rounded amounts add up to ${grand}, not the total ${expectedTotal}`);
  }
}
