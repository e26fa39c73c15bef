/**
 * Inputs of the portable copy that classic formulas cannot recompute: the number of year columns, the contributors
 * (the table's rows), the currency and its rate, the data edition, the instruments added with eu-add (rows of the EU
 * table) and a blend's weights. The look layer (portable-look.ts) shows them grey and locked, with a note saying how
 * to change them. The inputs that follow a table (exempt, cap, floor, key, eu, eu-states) say where to edit them.
 */
import type { ParameterName } from "../../engine";
import { SHEET_COLOURS } from "../description";
import type { SheetCells } from "./cells";

/** The one list of the copy's fixed inputs. */
export const FIXED_PARAMETERS: readonly ParameterName[] = [
  "years",
  "currency",
  "usd-per-eur",
  "contributors",
  "data",
  "eu-add",
  "blend",
];

const FOLLOWS_TABLE: Partial<Record<ParameterName, string>> = {
  exempt: "Follows the Exempt column of the contributors table: edit it there.",
  cap: "Follows the Cap column of the contributors table: edit it there.",
  floor: "Follows the Floor column of the contributors table: edit it there.",
  key: "Follows the Key column of the contributors table: edit it there.",
  eu: "Follows the Counted column of the EU instruments table: edit it there.",
  "eu-states": "Follows the Contributing column of the EU states table: edit it there.",
};

/** The help cell beside an input's value cell (the inputs block's third column). */
const helpCellOf = (valueCell: string): string =>
  valueCell.replace(/^([A-Z]+)/, (letters) => String.fromCharCode(letters.charCodeAt(0) + 1));

/** The help of each input that lists what a table says: where to edit it. */
export function noteTableInputs(cells: SheetCells, input: Readonly<Record<ParameterName, string>>): void {
  for (const [name, note] of Object.entries(FOLLOWS_TABLE)) {
    cells.value(helpCellOf(input[name as ParameterName]), note, {
      style: { italic: true, fontColor: SHEET_COLOURS.note },
    });
  }
}
