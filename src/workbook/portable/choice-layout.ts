/**
 * Where the portable copy keeps its scenario choice: the places the writer (scenario-choice.ts) puts it and the
 * reader (portable-read-layout.ts) finds it, in one module.
 *
 * The hidden sheet "Scenario values" holds, for each stored scenario the copy can show, the value each live yellow
 * input of the main sheet takes for it, at the cell's own address moved down by the scenario's row offset (a block of
 * rows per scenario); at the top, the choice worked out from the chooser cell and one row per row of the Scenarios
 * sheet: its name, its row offset, or why the copy cannot show it.
 */
export const CHOICE_LAYOUT = {
  sheet: "Scenario values",
  /** The chooser cell of the main sheet (sheet-scoped, like the inputs' fs.<parameter>). */
  chooserName: "fs.scenario",
  /** The Scenarios sheet's names, the chooser's list (workbook-scoped: the main sheet's validation refers to it). */
  listName: "fs.scenario_names",
  /** Working cells of the hidden sheet, each labelled in column A. */
  offsetCell: "B3",
  problemCell: "B4",
  typedCell: "B5",
  entryCell: "B6",
  /** The row offset of the inputs as written (an empty chooser). */
  writtenOffsetCell: "B7",
  /** How many entries (rows of the Scenarios sheet below its header) the list has. */
  entryCountCell: "B8",
  /** The entries' header row; entry i (0-based, Scenarios sheet row i + 2) is on the row below it plus i. */
  entriesHeaderRow: 10,
  entryColumns: { name: "A", offset: "B", reason: "C" },
} as const;

/** The function a yellow cell's chooser formula starts with: what tells it from a value typed over it. */
export const CHOOSER_FORMULA_START = `IF(INDEX('${CHOICE_LAYOUT.sheet}'!`;
