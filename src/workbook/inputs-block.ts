/**
 * The inputs block of a sheet: one labelled row per parameter of its use (allocate's, or track's), two columns (label,
 * value), exactly what the custom functions read as their `inputs` argument, so the live scenario sheet, the portable
 * copy and a user's own block share one layout. A third column beside the block (outside it) shows each parameter's default and help.
 * Every value cell gets a sheet-scoped defined name (parameterDefinedName), and the block as a whole is `fs.inputs`.
 */
import { type Parameter, type ParameterName, parameterHelp, parametersFor } from "../engine";
import {
  SHEET_COLOURS,
  cellAddress,
  parameterDefinedName,
  rangeAddress,
  type CellDescription,
  type CellValue,
  type DefinedNameDescription,
} from "./description";

export const INPUTS_BLOCK_NAME = "fs.inputs";

export interface InputsBlockOptions {
  /** The block's top-left cell (its first label), 1-based. */
  readonly row: number;
  readonly column: number;
  /** The value of each parameter the scenario sets; a parameter not given gets an empty cell (its default applies). */
  readonly values: Partial<Record<ParameterName, CellValue>>;
  /** A number format per parameter where its value is a number (amounts, ratios). */
  readonly numberFormats?: Partial<Record<ParameterName, string>>;
  /** The parameters it lists, in order: allocate's unless given (track's sheet lists track's). */
  readonly parameters?: readonly Parameter[];
  /** A formula in place of a value (the data cell: =FAIRSHARE.EDITION(...)), with the value it computes. */
  readonly formulas?: Partial<Record<ParameterName, { readonly formula: string; readonly cached: CellValue }>>;
}

export interface InputsBlock {
  readonly cells: CellDescription[];
  readonly names: DefinedNameDescription[];
  /** The whole block, labels and values: what a FAIRSHARE formula passes as `inputs`. */
  readonly range: string;
  /** The value cell of each parameter it lists. */
  readonly valueCell: Readonly<Record<ParameterName, string>>;
  /** The first row after the block and its help column. */
  readonly nextRow: number;
}

export function inputsBlock(options: InputsBlockOptions): InputsBlock {
  const { row: top, column: left } = options;
  const cells: CellDescription[] = [];
  const names: DefinedNameDescription[] = [];
  const valueCell = {} as Record<ParameterName, string>;
  const parameters = options.parameters ?? parametersFor("allocate");
  parameters.forEach((parameter, index) => {
    const row = top + index;
    const name: ParameterName = parameter.name;
    const address = cellAddress(row, left + 1);
    valueCell[name] = address;
    cells.push({ address: cellAddress(row, left), value: name, style: { bold: true } });
    const value = options.values[name];
    const formula = options.formulas?.[name];
    cells.push({
      address,
      ...(formula === undefined ? { value: value === undefined ? null : value } : formula),
      numberFormat: options.numberFormats?.[name],
      style: { fill: SHEET_COLOURS.input },
    });
    const defaultText = parameter.default === "" ? "" : `Default: ${parameter.default}. `;
    cells.push({
      address: cellAddress(row, left + 2),
      value: `${defaultText}${parameterHelp(parameter)}`,
      style: { italic: true, fontColor: SHEET_COLOURS.note },
    });
    names.push({ name: parameterDefinedName(name), range: address });
  });
  const last = top + parameters.length - 1;
  const range = rangeAddress(cellAddress(top, left), cellAddress(last, left + 1));
  names.push({ name: INPUTS_BLOCK_NAME, range, comment: "The scenario's inputs: labels and values." });
  return { cells, names, range, valueCell, nextRow: last + 1 };
}
