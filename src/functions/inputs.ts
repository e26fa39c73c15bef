/**
 * From the arguments of ALLOCATE, SHARE and OVERLAP to the engine's ScenarioSpec: the inputs block (labels and values),
 * the explicit scenario arguments, and the user's contributor ranges (codes, basis, aid).
 *
 * Rules (docs/functions.md repeats them for users):
 * - Inputs block: two columns, a parameter name in the left cell (matched by findParameter: case, spaces and
 *   underscores do not matter) and its value in the right. Empty rows are skipped. A row with a value but no label, an
 *   unknown label, or a label given twice is an error naming the row.
 * - A parameter given both in the block and as an argument is an error naming it: no silent precedence.
 * - Empty values: an empty cell is "not given" (the engine's default applies). Excel desktop passes 0 for an empty cell,
 *   so 0 also counts as "not given" for every parameter that cannot be 0 (0 is out of its range, or it is text).
 *   Only `credit` and `overlap-threshold` take 0 as a value, since 0 means something for them.
 * - Month parameters (aid-from, aid-to) also accept a date cell: Excel turns "2024-01" into a date.
 * - Contributor ranges: codes, basis and aid are each one column or one row and must have the same number of cells.
 *   A position where every given range is empty is skipped (spare rows at the end of a selection). A basis or aid
 *   value with no code, or a code with an empty basis or aid cell (when that range is given), is an error naming it.
 */
import {
  type ContributorData,
  PARAMETER_NAMES,
  type ParameterName,
  type RawValue,
  type ScenarioSpec,
  type ScenarioUse,
  fail,
  findParameter,
  parameter,
  parseCode,
  useOfParameters,
} from "../engine";
import { describeShape, isEmptyCell, monthFromCell, normaliseCell, toList, toMatrix, type Cell } from "./cells";

/** Whether 0 in this parameter means "empty cell": for all but those whose schema says 0 is a value (credit...). */
export function zeroIsEmpty(name: ParameterName): boolean {
  return parameter(name).zeroIsValue !== true;
}

/** A parameter's value from a cell, or undefined when the cell counts as empty. Months may arrive as dates. */
function parameterValue(name: ParameterName, cell: Cell): RawValue | undefined {
  if (isEmptyCell(cell, zeroIsEmpty(name))) return undefined;
  return parameter(name).kind === "month" ? monthFromCell(cell) : cell;
}

/** The parameters set by an inputs block, by name, in the order of its rows. */
export function readInputsBlock(value: unknown): Map<ParameterName, RawValue> {
  const parameters = new Map<ParameterName, RawValue>();
  const matrix = toMatrix(value, "inputs");
  if (matrix === null || matrix.length === 0) return parameters;
  const columns = matrix[0].length;
  if (columns !== 2) {
    fail("BAD_FORMAT", "inputs", {
      value: describeShape(matrix.length, columns),
      form: "two columns, labels on the left and values on the right",
      example: "Inputs!A2:B12",
    });
  }
  const rowOf = new Map<ParameterName, number>();
  matrix.forEach((row, index) => {
    const rowNumber = index + 1;
    const label = normaliseCell(row[0], "inputs", `row ${rowNumber}, column 1`);
    const cell = normaliseCell(row[1], "inputs", `row ${rowNumber}, column 2`);
    if (isEmptyCell(label, true)) {
      if (isEmptyCell(cell, true)) return;
      fail("EMPTY", `inputs (row ${rowNumber}) label`, { fix: "Give the value a label, such as total or years." });
    }
    const name = findParameter(String(label));
    if (name === undefined) {
      fail("UNKNOWN_CHOICE", `inputs (row ${rowNumber})`, {
        value: String(label),
        choices: PARAMETER_NAMES.join(", "),
      });
    }
    const first = rowOf.get(name);
    if (first !== undefined) {
      fail("NOT_ALLOWED", name, {
        when: "twice in the inputs block",
        fix: `Keep one of rows ${first} and ${rowNumber}.`,
      });
    }
    rowOf.set(name, rowNumber);
    const parsed = parameterValue(name, cell);
    if (parsed !== undefined) parameters.set(name, parsed);
  });
  return parameters;
}

/**
 * The use an inputs block was written for, from its labels (a value left empty still counts: a track sheet's block
 * lists from and to even when start and years set the window): track when it labels a parameter only track has.
 * Unknown labels are left to readInputsBlock to refuse.
 */
export function useOfInputsBlock(value: unknown): ScenarioUse {
  const matrix = toMatrix(value, "inputs") ?? [];
  const names = matrix.flatMap((row) => {
    const label = row[0];
    const name = typeof label === "string" ? findParameter(label) : undefined;
    return name === undefined ? [] : [name];
  });
  return useOfParameters(names);
}

/** Explicit scenario arguments of a function, by parameter name, as Excel passed them. */
export type ScenarioArguments = Partial<Record<ParameterName, unknown>>;

/** The user's contributor ranges, as Excel passed them. */
export interface ContributorRanges {
  readonly codes?: unknown;
  readonly basis?: unknown;
  readonly aid?: unknown;
}

/** Which way a list runs, for naming a cell in an error: "row 3" of a column, "column 3" of a row. */
function cellName(argument: string, direction: "column" | "row", index: number): string {
  return `${argument} (${direction === "column" ? "row" : "column"} ${index + 1})`;
}

/** The user's contributor rows, or undefined when no codes range is given (the embedded allies are used). */
export function readContributorRanges(ranges: ContributorRanges): ContributorData[] | undefined {
  const example = "A2:A33";
  const codes = toList(ranges.codes, "codes", example);
  const basis = toList(ranges.basis, "basis", "B2:B33");
  const aid = toList(ranges.aid, "aid", "C2:C33");
  if (codes === null) {
    const orphan = basis !== null ? "basis" : aid !== null ? "aid" : null;
    if (orphan !== null) {
      fail("NOT_ALLOWED", orphan, {
        when: "without codes",
        fix: `Give the contributors' codes as the codes argument, in the same order as the ${orphan} values.`,
      });
    }
    return undefined;
  }
  for (const [name, list] of [
    ["basis", basis],
    ["aid", aid],
  ] as const) {
    if (list !== null && list.cells.length !== codes.cells.length) {
      fail("LENGTH_MISMATCH", name, { actual: list.cells.length, other: "codes", expected: codes.cells.length });
    }
  }
  const rows: ContributorData[] = [];
  codes.cells.forEach((codeValue, index) => {
    const code = normaliseCell(codeValue, "codes", String(index + 1));
    const basisCell = basis === null ? null : normaliseCell(basis.cells[index], "basis", String(index + 1));
    const aidCell = aid === null ? null : normaliseCell(aid.cells[index], "aid", String(index + 1));
    if (isEmptyCell(code, true)) {
      // Excel desktop passes 0 for an empty cell: with no code, a 0 beside it is an empty cell too.
      if (isEmptyCell(basisCell, true) && isEmptyCell(aidCell, true)) return;
      fail("EMPTY", cellName("codes", codes.direction, index), {
        fix: "Give every row that has a basis or aid value a contributor code.",
      });
    }
    const position = cellName("codes", codes.direction, index);
    if (typeof code === "boolean") {
      fail("BAD_FORMAT", position, { value: String(code).toUpperCase(), form: "a code of letters", example: "DEU" });
    }
    const parsedCode = parseCode(position, String(code));
    if (basis !== null && isEmptyCell(basisCell, false)) {
      fail("EMPTY", `basis (${parsedCode})`, {
        fix: "Enter its basis value (0 if it pays nothing), or leave out the basis range to use the embedded GDP.",
      });
    }
    if (aid !== null && isEmptyCell(aidCell, false)) {
      fail("EMPTY", `aid (${parsedCode})`, {
        fix: "Enter its aid (0 for none), or leave out the aid range to use the embedded Kiel data.",
      });
    }
    rows.push({ code: parsedCode, basis: basisCell, aid: aidCell });
  });
  if (rows.length === 0) {
    fail("EMPTY", "codes", {
      fix: "Select the cells that hold the contributors' codes, or leave the argument out to use the 32 allies.",
    });
  }
  return rows;
}

/**
 * The scenario the arguments describe: the inputs block, then the explicit arguments (a parameter in both is an
 * error), then the contributor ranges.
 */
export function buildScenarioSpec(
  inputs: unknown,
  explicit: ScenarioArguments,
  ranges: ContributorRanges
): ScenarioSpec {
  const parameters = readInputsBlock(inputs);
  for (const [key, raw] of Object.entries(explicit)) {
    const name = key as ParameterName;
    const cell = normaliseCell(raw, name, "1");
    const value = parameterValue(name, cell);
    if (value === undefined) continue;
    if (parameters.has(name)) {
      fail("NOT_ALLOWED", name, {
        when: "both in the inputs block and as an argument",
        fix: `Give ${name} in one place only: clear the argument or delete its row from the inputs block.`,
      });
    }
    parameters.set(name, value);
  }
  const contributorData = readContributorRanges(ranges);
  const spec: Partial<Record<ParameterName, RawValue>> = Object.fromEntries(parameters);
  return contributorData === undefined ? spec : { ...spec, contributorData };
}
