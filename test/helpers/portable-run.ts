/**
 * Runs (scenario, edit) pairs on the portable copy: writes each copy through the writer `allocate --xlsx` uses, applies the edit to the file (cells set, every formula kept), recomputes a batch of files in one LibreOffice
 * run (full recalculation), and compares each with the engine's answer for the edited scenario.
 */
import type { CellValue } from "../../src/workbook/description";
import { runScenario } from "../../src/engine/scenario";
import { describePortableWorkbook } from "../../src/workbook/portable";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { readXlsx, writeCellValue } from "../../src/workbook/xlsx-read";
import { expectedFor, specOf, type EditMaker, type Expected, type Model } from "./portable-cases";
import { compareCopy, type Sheet } from "./portable-check";
import { COPY_SHEET, CopyLayout, LayoutError } from "./portable-layout";
import { readStoredCells, recomputeInLibreOffice } from "./xlsx";

export const COPY_OPTIONS = { version: "test", date: new Date("2026-01-02T03:04:05Z") };

export interface Pair {
  readonly name: string;
  readonly written: Model;
  readonly edit: EditMaker;
  /** A bad entry the copy must name in a status cell (the figures are then not compared). */
  readonly badEntry?: RegExp;
}

export interface Outcome {
  readonly name: string;
  /** What the edit did. */
  readonly what: string;
  readonly mismatches: readonly string[];
  /** The recomputed copy's main sheet (absent when the pair failed before LibreOffice). */
  readonly sheet?: Sheet;
  readonly layout?: CopyLayout;
  readonly expected?: Expected;
}

interface Prepared {
  readonly pair: Pair;
  readonly what: string;
  readonly bytes: Uint8Array;
  readonly layout: CopyLayout;
  readonly expected: Expected;
  readonly asWritten: boolean;
}

async function edited(bytes: Uint8Array, cells: readonly (readonly [string, CellValue])[]): Promise<Uint8Array> {
  let result = bytes;
  for (const [where, value] of cells) {
    // An address on another sheet names it: 'Aid by month'!C7.
    const match = /^'((?:[^']|'')+)'!(.+)$/.exec(where);
    const [sheet, address] = match ? [match[1].replace(/''/g, "'"), match[2]] : [COPY_SHEET, where];
    result = await writeCellValue(result, sheet, address, value);
  }
  return result;
}

/** The pair's file, edited, with the engine's answer; a layout the copy lacks is an outcome with a mismatch. */
export async function preparePair(pair: Pair): Promise<Prepared | Outcome> {
  // As `allocate --xlsx` writes it: the scenario's result, then its copy.
  const spec = specOf(pair.written);
  const bytes = await renderXlsx(describePortableWorkbook(spec, runScenario(spec), COPY_OPTIONS).workbook);
  let layout: CopyLayout;
  try {
    layout = new CopyLayout(await readXlsx(bytes));
    const edit = pair.edit(layout, pair.written);
    return {
      pair,
      what: edit.what,
      bytes: await edited(bytes, edit.cells),
      layout,
      expected: expectedFor(edit.edited),
      asWritten: edit.cells.length === 0,
    };
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    return { name: pair.name, what: "(edit not made)", mismatches: [`layout: ${error.message}`] };
  }
}

function badEntryMismatches(sheet: Sheet, layout: CopyLayout, badEntry: RegExp): string[] {
  const mismatches: string[] = [];
  for (const address of layout.statusCells()) {
    const value = String(sheet.get(address)?.value ?? "");
    if (value.startsWith("#") || value.startsWith("Err:")) mismatches.push(`status cell ${address} shows ${value}`);
  }
  const named = [...sheet.values()].some((cell) => typeof cell.value === "string" && badEntry.test(cell.value));
  if (!named) mismatches.push(`no cell names the bad entry (${badEntry})`);
  return mismatches;
}

function compare(prepared: Prepared, recomputed: Sheet): Outcome {
  const { pair, layout, expected } = prepared;
  const mismatches = pair.badEntry
    ? badEntryMismatches(recomputed, layout, pair.badEntry)
    : compareCopy(recomputed, layout, expected, prepared.asWritten);
  return { name: pair.name, what: prepared.what, mismatches, sheet: recomputed, layout, expected };
}

/** Every pair's outcome, in order; LibreOffice recomputes `batchSize` files per run. */
export async function runPairs(
  pairs: readonly Pair[],
  batchSize: number,
  onBatch?: (done: number, milliseconds: number) => void
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let start = 0; start < pairs.length; start += batchSize) {
    const prepared = await Promise.all(pairs.slice(start, start + batchSize).map(preparePair));
    const toRecompute = prepared.filter((p): p is Prepared => "bytes" in p);
    const began = Date.now();
    const files = toRecompute.length === 0 ? [] : recomputeInLibreOffice(toRecompute.map((p) => p.bytes));
    const sheets = await Promise.all(
      files.map(async (file) => {
        const sheet = (await readStoredCells(file)).get(COPY_SHEET);
        if (!sheet) throw new Error(`LibreOffice's file has no "${COPY_SHEET}" sheet`);
        return sheet;
      })
    );
    onBatch?.(Math.min(start + batchSize, pairs.length), Date.now() - began);
    let next = 0;
    for (const p of prepared) outcomes.push("bytes" in p ? compare(p, sheets[next++]) : p);
  }
  return outcomes;
}

/** An outcome's mismatches for a report: the first `max`, then how many more. */
export function mismatchLines(outcome: Outcome, max = 8): string[] {
  const { mismatches } = outcome;
  const shown = mismatches.slice(0, max);
  return mismatches.length > max ? [...shown, `... and ${mismatches.length - max} more`] : shown;
}
