/**
 * The "Fair Share data" sheet, described as data: the per-country table and the EU instruments table of an edition, in
 * the columns of `fair-share data --format csv` and `fair-share data --eu --format csv`, with comment rows (a first
 * cell starting with #) that state where the figures come from. A person edits it as they would the csv; an inputs
 * block's data cell holding =FAIRSHARE.EDITION('Fair Share data'!$A$1:$AZ$200) makes every function that reads the
 * block compute on it. Pure: no Office globals.
 *
 *   rows 1-n   comments: what the sheet is, how to state the vintage (# source:, # vintage:)
 *   then       the per-country table: header, 32 allies, the 4 EU member states outside NATO
 *   then       a blank row, comments for the instruments, the instruments table
 */
import { countryTable, countrySources, instrumentTable, type Edition, type EditionSource } from "../engine";
import { SHEET_COLOURS, cellAddress, type CellDescription, type CellValue, type SheetDescription } from "./description";

export const DATA_SHEET_NAME = "Fair Share data";
/** The range EDITION reads: the tables and room to add columns (years) and rows (instruments). */
export const DATA_SHEET_RANGE = "A1:AZ200";
/** The data cell's formula: the inputs block reads the data sheet through it. */
export const DATA_FORMULA = `=FAIRSHARE.EDITION('${DATA_SHEET_NAME}'!$A$1:$AZ$200)`;

/** Columns the reader does not read: shown in grey. */
const DERIVED = new Set(["eu_gni_share", "military_aid_eur_bn", "aid_from", "aid_to", "sources"]);

/** "# source: ..." and "# vintage: ..." for a table: the user's statement, or what the embedded data is. */
function statementRows(sources: readonly EditionSource[]): string[] {
  const user = sources.find((source) => source.origin === "user");
  if (user !== undefined) {
    // What the user's file stated: a statement it did not make is left for the user to write.
    const rows: string[] = [];
    if (!user.publisher.startsWith("not stated")) rows.push(`# source: ${user.publisher}`);
    if (user.vintage !== "not stated") rows.push(`# vintage: ${user.vintage}`);
    if (user.published !== "") rows.push(`# published: ${user.published}`);
    if (user.url !== "") rows.push(`# url: ${user.url}`);
    return rows;
  }
  return [
    "# source: Fair Share's embedded data (change this line and the next when you change the figures)",
    `# vintage: as embedded: ${sources.map((source) => `${source.title}, ${source.vintage}`).join("; ")}`,
  ];
}

/** A table cell: figures as numbers (what a person types), codes and words as text, empty cells empty. */
function cellValue(text: string): CellValue {
  if (text === "") return null;
  return /^\d+(\.\d+)?$/.test(text) && !/^0\d/.test(text) ? Number(text) : text;
}

/**
 * The sheet's cells as a range of values, row by row (what =FAIRSHARE.EDITION receives): the comments, the
 * per-country table (aid in the whole period of the aid data), a blank row, the instruments table.
 */
export function dataSheetValues(edition: Edition): CellValue[][] {
  const countries = countryTable(edition, { from: edition.aid.firstMonth, to: edition.aid.lastMonth });
  const instruments = instrumentTable(edition);
  const rows: CellValue[][] = [
    [
      "# Fair Share data: the figures of an inputs block whose data cell is " +
        `${DATA_FORMULA}. Edit them, add a column (gdp_2025_eur_bn), state the vintage below; ` +
        "grey columns are derived, not read.",
    ],
    [`# edition: ${edition.label}`],
    ...statementRows(countrySources(edition).filter((source) => source.dataset !== "aid")).map((text) => [text]),
    [...countries.header],
    ...countries.rows.map((row) => row.map(cellValue)),
    [],
    ...statementRows([edition.sourceOf("instruments")]).map((text) => [text]),
    [...instruments.header],
    ...instruments.rows.map((row) => row.map(cellValue)),
  ];
  // A range is a rectangle: every row as wide as the widest, empty cells null.
  const width = Math.max(...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<CellValue>(width - row.length).fill(null)]);
}

/** The sheet: the values of dataSheetValues, headers bold on blue, figures on the input colour, derived in grey. */
export function dataSheet(edition: Edition): SheetDescription {
  const values = dataSheetValues(edition);
  const cells: CellDescription[] = [];
  let header: readonly CellValue[] = [];
  values.forEach((row, r) => {
    const first = typeof row[0] === "string" ? row[0] : "";
    const isHeader = first === "iso3" || first === "id";
    if (isHeader) header = row;
    row.forEach((value, c) => {
      // The sheet is written empty: an empty cell needs no write.
      if (value === null) return;
      const address = cellAddress(r + 1, c + 1);
      if (first.startsWith("#")) {
        cells.push({ address, value, style: { italic: true, fontColor: SHEET_COLOURS.note } });
      } else if (isHeader) {
        cells.push({ address, value, style: { bold: true, fill: SHEET_COLOURS.header, borderBottom: true } });
      } else if (DERIVED.has(String(header[c] ?? ""))) {
        cells.push({ address, value, style: { fill: SHEET_COLOURS.value, fontColor: SHEET_COLOURS.note } });
      } else {
        cells.push({ address, value, style: typeof value === "number" ? { fill: SHEET_COLOURS.input } : undefined });
      }
    });
  });
  return {
    name: DATA_SHEET_NAME,
    cells,
    names: [],
    conditionalFormats: [],
    charts: [],
    columnWidths: { A: 10, B: 28 },
    visibility: "visible",
  };
}
