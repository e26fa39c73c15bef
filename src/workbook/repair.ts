/**
 * "Repair formulas", the pure part: which cells of a sheet to re-enter, and with what. A workbook opened before the
 * add-in was installed (or loaded) keeps its FAIRSHARE cells at #NAME? even once the functions are registered; entering
 * each formula again is the known repair (assigning a range's formulas to themselves). Only cells whose formula calls
 * a FAIRSHARE function are re-entered, one cell at a time: re-assigning a whole range would also write the values of
 * spilled cells back as constants, and touch every other formula.
 *
 * Excel may show such a call under the name it is stored by in the file, `_xldudf_FAIRSHARE_ALLOCATE(...)`, at times
 * behind a workbook reference (`[2]!` or `SOMEADDIN.xla!`) when another add-in was loaded: those are re-entered as the
 * FAIRSHARE function they stand for.
 */
import { calledFunctions } from "./xlsx-formula";
import { cellAddress, parseAddress } from "./description";

/** A cell to re-enter: its address on the sheet and the formula to give it. */
export interface RepairCell {
  readonly address: string;
  readonly formula: string;
}

/** A FAIRSHARE call stored under its file name, with the workbook reference Excel may have put before it. */
const STORED_CALL = /(?:(?:\[\d+\]|[A-Za-z0-9_.-]+\.xlam?)!)?_xldudf_FAIRSHARE_([A-Za-z0-9]+)(?=\s*\()/gi;

/** Whether a called function (as calledFunctions gives it, upper case) is one of Fair Share's. */
function isFairShareCall(name: string): boolean {
  return name.startsWith("FAIRSHARE.") || name.startsWith("_XLDUDF_FAIRSHARE_");
}

/**
 * The formula to re-enter in a cell holding `formula` (what Excel's `formulas` gives: a formula, or the constant of a
 * plain cell), or null when the cell calls no FAIRSHARE function. A text that merely names one ("FAIRSHARE.ALLOCATE"
 * as a heading, or inside a string of a formula) is left alone.
 */
export function repairedFormula(formula: unknown): string | null {
  if (typeof formula !== "string" || !formula.startsWith("=")) return null;
  if (!calledFunctions(formula).some(isFairShareCall)) return null;
  return formula.replace(STORED_CALL, (_, id: string) => `FAIRSHARE.${id.toUpperCase()}`);
}

/** The top-left cell of a range's address as Excel gives it: "'Fair Share scenario'!A1:M120" is A1. */
export function topLeftOf(address: string): string {
  const local = address.slice(address.lastIndexOf("!") + 1);
  return local.split(":")[0].replace(/\$/g, "");
}

/** The cells of a sheet to re-enter, from its used range's formulas (rows of cells from `topLeft`). */
export function cellsToRepair(topLeft: string, formulas: readonly (readonly unknown[])[]): RepairCell[] {
  const origin = parseAddress(topLeft);
  const cells: RepairCell[] = [];
  formulas.forEach((row, r) =>
    row.forEach((formula, c) => {
      const repaired = repairedFormula(formula);
      if (repaired !== null) cells.push({ address: cellAddress(origin.row + r, origin.column + c), formula: repaired });
    })
  );
  return cells;
}

/**
 * How many cells were re-entered on a sheet; on a protected sheet (Excel refuses writes there), how many would have
 * been, none written.
 */
export interface SheetRepair {
  readonly sheet: string;
  readonly cells: number;
  readonly protected?: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The sheets of a list, each with its count: "Summary" (3), "Fair Share scenario" (4). */
function sheetList(repairs: readonly SheetRepair[]): string {
  return repairs.map((repair) => `"${repair.sheet}" (${repair.cells})`).join(", ");
}

/** What the pane says after a repair: how many cells on how many sheets, each sheet named; protected ones named. */
export function repairReport(repairs: readonly SheetRepair[]): string {
  const done = repairs.filter((repair) => repair.cells > 0 && repair.protected !== true);
  const locked = repairs.filter((repair) => repair.cells > 0 && repair.protected === true);
  const one = locked.length === 1;
  const lockedNote =
    locked.length === 0
      ? ""
      : `Not on the protected ${one ? "sheet" : "sheets"} ${sheetList(locked)}: unprotect ${one ? "it" : "them"} ` +
        "(Review > Unprotect Sheet) and press Repair formulas again.";
  if (done.length === 0) return lockedNote || "No FAIRSHARE formulas in this workbook: nothing to repair.";
  const total = done.reduce((sum, repair) => sum + repair.cells, 0);
  const report = `Re-entered ${plural(total, "FAIRSHARE formula")} on ${plural(done.length, "sheet")}: ${sheetList(done)}.`;
  return lockedNote === "" ? report : `${report} ${lockedNote}`;
}
