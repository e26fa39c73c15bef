/**
 * FAIRSHARE.SWEEP: the scenario of an inputs block run at each value of one parameter, as a table that spills: one row
 * per value with the chosen allies' amounts, the total, the EU overlap and the net new money (the command line's
 * `fair-share sweep`). A value where the scenario is infeasible keeps its row, its figures empty and the engine's
 * message in the Note column.
 */
import {
  Dec,
  codeForName,
  displayNumber,
  fail,
  listVariation,
  parseVariation,
  runSweep,
  type SweepRow,
  type Variation,
} from "../engine";
import { type Table, scenarioSpec, withEdition } from "./adapters";
import { isEmptyCell, normaliseCell, toList, type Cell } from "./cells";
import { memoize } from "./memo";

/** 2^53: as ALLOCATE, never an inexact number in a cell. */
const LARGEST_EXACT_CELL = new Dec(2).pow(53);

function cellNumber(value: Dec): number {
  if (value.abs().gt(LARGEST_EXACT_CELL)) fail("TOO_LARGE_FOR_EXCEL", "result", { value: displayNumber(value) });
  return value.toNumber();
}

/** A cell's text as the engine reads it: a number as its shortest round-trip text, TRUE/FALSE in capitals. */
function cellText(cell: Cell): string {
  return typeof cell === "boolean" ? String(cell).toUpperCase() : String(cell).trim();
}

function requiredName(value: unknown): string {
  const cell = normaliseCell(value, "parameter", "1");
  if (cell === null || typeof cell !== "string" || cell.trim() === "") {
    return fail("MISSING", "parameter", {
      when: "for FAIRSHARE.SWEEP",
      fix: 'Name the parameter to vary, e.g. "credit" or "cap.USA".',
    });
  }
  return cell.trim();
}

/**
 * The values: one cell with a range or list as --vary writes it ("0..1:0.05", "2023,2024"), or cells holding one value
 * each (a column or row; empty cells are skipped, "none" is no value).
 */
function variationOf(name: string, values: unknown): Variation {
  const list = toList(values, "values", "{0,0.5,1}");
  const cells = (list?.cells ?? [])
    .map((cell, index) => normaliseCell(cell, "values", String(index + 1)))
    .filter((cell) => !isEmptyCell(cell, false));
  // The name first, so that a misspelt one is blamed on the parameter argument.
  listVariation(name, [""], "values", "parameter");
  if (cells.length === 1 && typeof cells[0] === "string" && /\.\.|,/.test(cells[0])) {
    return parseVariation(`${name}=${cells[0]}`, "values");
  }
  return listVariation(name, cells.map(cellText), "values", "parameter");
}

/** The allies argument: codes or English names, in one cell ("ESP,ITA") or a range; none for the totals only. */
function allyCodes(value: unknown): string[] {
  const list = toList(value, "allies", '{"ESP","ITA"}');
  return (list?.cells ?? [])
    .map((cell, index) => normaliseCell(cell, "allies", String(index + 1)))
    .filter((cell) => !isEmptyCell(cell, true))
    .flatMap((cell) => cellText(cell).split(","))
    .map((typed) => typed.trim())
    .filter((typed) => typed !== "")
    .map((typed) => codeForName(typed) ?? typed.toUpperCase());
}

/** A value as its cell shows it: a number where it is one, "none" for no value. */
function valueCell(value: string): number | string {
  if (value === "") return "none";
  return /^-?\d+(\.\d+)?$/.test(value) && Number(value).toString() === value ? Number(value) : value;
}

function rowCells(row: SweepRow, indices: readonly number[]): (number | string)[] {
  const { point } = row;
  if (point === null) return [...indices.map(() => ""), "", "", "", row.error?.message ?? ""];
  return [
    ...indices.map((index) => cellNumber(point.allies[index].total)),
    cellNumber(point.total),
    cellNumber(point.euOverlap),
    cellNumber(point.netNew),
    "",
  ];
}

/** The inputs argument: one empty cell (inputs is not optional, being first) stands for the defaults. */
function inputsBlock(value: unknown): unknown {
  const list = Array.isArray(value) && value.length === 1 ? toList(value, "inputs", "A1:B4") : null;
  return list !== null && list.cells.length === 1 && isEmptyCell(normaliseCell(list.cells[0], "inputs", "1"), true)
    ? undefined
    : value;
}

export function sweepTable(args: { inputs?: unknown; parameter: unknown; values: unknown; allies?: unknown }): Table {
  const spec = scenarioSpec({ inputs: inputsBlock(args.inputs) });
  const variation = variationOf(requiredName(args.parameter), args.values);
  const allies = allyCodes(args.allies);
  return memoize("sweep", { spec, variation, allies }, () => {
    const sweep = runSweep(withEdition(spec), [variation], allies);
    const codes = sweep.sample?.result.allocation.rows.map((row) => row.code) ?? [];
    const indices = allies.map((code) => {
      const index = codes.indexOf(code);
      if (index < 0 && sweep.sample !== null) {
        fail("UNKNOWN_CODE", "allies", {
          value: code,
          where: "one of this scenario's contributors",
          fix: "Give codes such as ESP,ITA; FAIRSHARE.ALLIES lists them.",
        });
      }
      return index;
    });
    return [
      [variation.name, ...allies, "Total", "EU overlap", "Net new", "Note"],
      ...sweep.rows.map((row) => [valueCell(row.values[0]), ...rowCells(row, indices)]),
    ];
  });
}
