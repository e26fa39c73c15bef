/**
 * The user's data edition in a workbook. The "Fair Share data" sheet holds the per-country table and the EU
 * instruments table in the columns of `fair-share data --format csv` and `fair-share data --eu --format csv` (comment
 * rows starting with # state the source and vintage). =FAIRSHARE.EDITION('Fair Share data'!A1:AZ200) reads that range, checks it as the
 * command line checks a file, and returns it as one text: the edition. That text is the inputs block's `data` value,
 * so every function that reads the block computes on the sheet's figures, and Excel recalculates them when the sheet
 * changes (the dependency runs through the EDITION cell; nothing is kept outside the cells).
 *
 * The text: a first line `# fair-share edition: NAME (ID)`, then the tables as csv (the `sources` column left out:
 * it describes the export, and is not read). A 0 reads as an empty cell, since Excel desktop passes an empty cell as
 * 0 (no figure of the data sheet is meaningfully 0).
 */
import { fail, readEdition, type Edition, type RawValue } from "../engine";
import { normaliseCell, toMatrix, type Cell } from "./cells";
import { memoize } from "./memo";

/** The name an edition from the data sheet gets when EDITION is given none: what the sources call its file. */
export const DATA_SHEET_NAME = "Fair Share data";

/** The most characters a cell holds (Excel's limit): the edition's text must fit in the data cell. */
export const CELL_TEXT_LIMIT = 32767;

const HEADER = /^# fair-share edition: (.*) \(([a-z0-9-]+)\)\r?\n/;

/** A cell as csv text: numbers in their shortest form, TRUE/FALSE as yes/no, 0 and empty as "". */
function cellText(cell: Cell): string {
  if (cell === null || cell === 0) return "";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  const text = String(cell).trim();
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows of a range as csv lines: comment rows as their text, the `sources` column of each table left out. */
function rangeLines(range: unknown): string[] {
  const matrix = toMatrix(range, "data") ?? [];
  const lines: string[] = [];
  let dropped = -1;
  matrix.forEach((row, r) => {
    const cells = row.map((value, c) => normaliseCell(value, "data", `row ${r + 1}, column ${c + 1}`));
    const first = typeof cells[0] === "string" ? cells[0].trim() : "";
    if (first.startsWith("#")) {
      lines.push(first.replace(/[\r\n]+/g, " "));
      return;
    }
    const lower = first.toLowerCase();
    if (lower === "iso3" || lower === "id") {
      dropped = cells.findIndex((cell) => typeof cell === "string" && cell.trim().toLowerCase() === "sources");
    }
    const kept = cells.filter((_, c) => c !== dropped).map(cellText);
    while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
    lines.push(kept.join(","));
  });
  return lines;
}

/** The edition a text of EDITION holds, read once per text. */
function editionOfText(name: string, body: string): Edition {
  return memoize("edition", [name, body], () => readEdition({ data: { file: name, text: body } }));
}

/**
 * FAIRSHARE.EDITION: the data sheet's range read and checked into an edition, returned as the text the inputs block's
 * data cell holds. Refuses a range with an error (the row and column named) or too large for a cell.
 */
export function editionText(range: unknown, name?: unknown): string {
  const named =
    name === null || name === undefined || String(name).trim() === "" ? DATA_SHEET_NAME : String(name).trim();
  const body = `${rangeLines(range).join("\n")}\n`;
  const edition = editionOfText(named, body);
  const text = `# fair-share edition: ${named} (${edition.id})\n${body}`;
  if (text.length > CELL_TEXT_LIMIT) {
    fail("DATA_FILE", "data", {
      problem: `the data is ${text.length.toLocaleString("en-US")} characters long, more than the ${CELL_TEXT_LIMIT.toLocaleString("en-US")} a cell holds`,
      fix: "Shorten the instruments' notes, or leave out the columns that are not read (eu_gni_share, military_aid_eur_bn, aid_from, aid_to).",
    });
  }
  return text;
}

/** Whether a value is an edition's text (what EDITION returns). */
export function isEditionText(value: RawValue): boolean {
  return typeof value === "string" && HEADER.test(value);
}

/**
 * The edition an inputs block's data value holds: the text of =FAIRSHARE.EDITION(...). Anything else (a name typed
 * where the formula belongs) is refused with the fix.
 */
export function editionOfValue(value: RawValue): Edition {
  const text = typeof value === "string" ? value : String(value ?? "");
  const match = HEADER.exec(text);
  if (match === null) {
    const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
    return fail("DATA_FILE", "data", {
      problem: `"${shown}" is not a data edition`,
      fix:
        "Write =FAIRSHARE.EDITION('Fair Share data'!A1:AZ200) in the cell (the Fair Share data sheet's range): the" +
        " functions then read that sheet and recalculate when it changes. Leave the cell empty for the embedded data.",
    });
  }
  return editionOfText(match[1], text.slice(match[0].length));
}

/** The name and id an edition's text states, without reading it (for the pane's comparison of editions). */
export function editionTextFacts(value: RawValue): { name: string; id: string } | null {
  const match = typeof value === "string" ? HEADER.exec(value) : null;
  return match === null ? null : { name: match[1], id: match[2] };
}
