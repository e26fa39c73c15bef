/**
 * FAIRSHARE.VINTAGE: the data vintage Fair Share computes with now, in the engine's one line (dataVintage): every
 * dataset and when it was published. A sheet records the vintage it was made with in a plain cell and compares it with
 * this function's value, so a colleague whose add-in carries newer data sees that the figures changed, and from what.
 *
 * Its argument says which data: left out or empty, the embedded data; one cell, the text of =FAIRSHARE.EDITION(...)
 * (an inputs block's data cell); two columns, an inputs block, whose data entry is read (and nothing else of it).
 */
import { dataVintage, embeddedEdition, fail, isBlank, type Edition, type RawValue } from "../engine";
import { describeShape, isEmptyCell, normaliseCell, toMatrix } from "./cells";
import { editionOfValue } from "./edition";
import { readInputsBlock } from "./inputs";

/** The edition a data value names: the embedded one when it is empty (0 is Excel desktop's empty cell). */
function editionOf(value: RawValue | undefined): Edition {
  if (value === undefined || isBlank(value) || value === 0) return embeddedEdition();
  return editionOfValue(value);
}

/** The data vintage of the data the argument names (see above). */
export function vintageText(data?: unknown): string {
  const matrix = toMatrix(data, "data");
  if (matrix === null || matrix.length === 0) return dataVintage(embeddedEdition());
  if (matrix.length === 1 && matrix[0].length === 1) {
    const cell = normaliseCell(matrix[0][0], "data", "1");
    return dataVintage(isEmptyCell(cell, true) ? embeddedEdition() : editionOf(cell));
  }
  if (matrix[0].length !== 2) {
    fail("BAD_FORMAT", "data", {
      value: describeShape(matrix.length, matrix[0].length),
      form: "one cell (a data cell holding =FAIRSHARE.EDITION(...)) or an inputs block of two columns",
      example: "fs.data or fs.inputs",
    });
  }
  return dataVintage(editionOf(readInputsBlock(matrix).get("data")));
}
