/**
 * The scenario chooser of the portable copy: one yellow cell near the top of the main sheet, a list of the names on the
 * Scenarios sheet, that sets every live yellow input to the chosen stored scenario's value, so the whole sheet
 * recomputes to it without the add-in.
 *
 * How it works (choice-layout.ts says where):
 * - For each stored scenario the copy can show, the writer writes the copy for that scenario (the same builder, so
 *   the same cells) and keeps the value of each yellow input, found by its row's label and its column's header (the
 *   contributor's code and "Exempt", the instrument's id and a year, the parameter's name); these go to a hidden sheet
 *   at the cell's own address moved down by the scenario's row offset. The inputs as written have a block too.
 * - Each live yellow input of the main sheet holds a formula taking its value from the block the choice names (empty
 *   stays empty, never 0). The formula is the same for every cell but its column, so copying a yellow cell that still
 *   follows the chooser onto one typed over makes it follow again.
 * - A value typed into a yellow cell replaces its formula and is kept whatever is chosen; the status line under the
 *   chooser names the scenario shown and counts the inputs that differ from it (typed).
 * - An empty chooser shows the inputs as the copy was written.
 * - A scenario the copy cannot show (it differs in what a copy holds fixed, or its row cannot be read) is listed all
 *   the same; choosing it empties the inputs that follow the chooser and is named in the input check, so the figures
 *   go blank, as with any input that cannot be read; the status line says why and how to get a copy for it.
 * The stale check and the rounding rule apply unchanged: a choice other than the scenario written is an edit.
 */
import {
  isFairShareError,
  runScenario,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
} from "../../engine";
import {
  SHEET_COLOURS,
  columnLetters,
  parameterDefinedName,
  parseAddress,
  type CellDescription,
  type CellValue,
  type ConditionalFormatDescription,
  type DataValidationDescription,
  type DefinedNameDescription,
  type SheetDescription,
} from "../description";
import { STORE_COLUMNS, readStore, type StoredRow } from "../scenario-store";
import { absoluteReference, quoteSheet } from "../xlsx-formula";
import { abs, type SheetCells } from "./cells";
import { CHOICE_LAYOUT, CHOOSER_FORMULA_START } from "./choice-layout";
import { FIXED_PARAMETERS } from "./fixed-inputs";
import type { PortableStore } from "./store-sheet";

/** The rows the chooser and its status line take above the inputs block (none without a readable stored scenario). */
export function choiceRows(store: PortableStore | undefined): number {
  return store !== undefined && readStore(store.grid).scenarios.length > 0 ? 2 : 0;
}

export interface ChoiceInputs {
  /** The main sheet's cells, every section written (the look not applied yet). */
  readonly cells: SheetCells;
  readonly sheet: string;
  readonly spec: ScenarioSpec;
  readonly result: ScenarioResult;
  readonly store: PortableStore;
  readonly input: Readonly<Record<ParameterName, string>>;
  /** The chooser's row (its status line is the next). */
  readonly row: number;
  /** The working value naming the first input that cannot be read (absolute): the choice's problem goes first. */
  readonly inputProblemCell: string;
  /** The main sheet of the copy written for another scenario, its look applied (portable.ts's builder). */
  readonly copyFor: (spec: ScenarioSpec, result: ScenarioResult) => SheetDescription;
}

export interface ScenarioChoice {
  readonly chooserCell: string;
  readonly statusCell: string;
  /** The status line spans columns B to G, two lines tall: a reason and how to get a copy fit in it. */
  readonly merges: string[];
  readonly rowHeights: Record<number, number>;
  readonly names: DefinedNameDescription[];
  readonly validations: DataValidationDescription[];
  readonly conditionalFormats: ConditionalFormatDescription[];
  /** The hidden sheet of the scenarios' values. */
  readonly sheet: SheetDescription;
  /** The chooser's list: a name for the Scenarios sheet's Name column (added to that sheet's names). */
  readonly listName: DefinedNameDescription;
}

/** One row of the Scenarios sheet as the chooser lists it. */
interface Entry {
  /** The name the choice matches ("" for an empty row or a name a row above already has). */
  readonly name: string;
  /** Each yellow input's value for it, by address, when the copy can show it. */
  readonly values?: ReadonlyMap<string, CellValue>;
  /** Why the copy cannot show it ("" when it can). */
  readonly reason: string;
}

const INPUT_FILL = SHEET_COLOURS.input;

/** A cell's content as text (a formula's cached value). */
function shownText(cell: CellDescription | undefined): string {
  const value = cell === undefined ? null : cell.formula !== undefined ? cell.cached : cell.value;
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(Number(value.toPrecision(15))) : String(value).trim();
}

/** A text as a formula's string literal. */
const literal = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The yellow inputs of a sheet's cells, by address, leaving out the fixed inputs block cells. */
function yellowCells(cells: readonly CellDescription[], fixed: ReadonlySet<string>): CellDescription[] {
  return cells.filter((cell) => cell.style?.fill === INPUT_FILL && !fixed.has(cell.address));
}

/**
 * What a cell of the copy is, independent of where the sheet puts it: its row's label (column A: a code, an id, a
 * parameter's name) and the header above it in its column (the table's header, or a calendar year).
 */
function keysOf(cells: readonly CellDescription[]): (address: string) => string {
  const byAddress = new Map(cells.map((cell) => [cell.address, cell]));
  const headers = new Map<number, { row: number; text: string }[]>();
  for (const cell of cells) {
    if (cell.style?.fill !== SHEET_COLOURS.header || !cell.style.bold) continue;
    const { row, column } = parseAddress(cell.address);
    headers.set(column, [...(headers.get(column) ?? []), { row, text: shownText(cell) }]);
  }
  return (address) => {
    const { row, column } = parseAddress(address);
    const above = (headers.get(column) ?? []).filter((header) => header.row < row);
    const header = above.length === 0 ? "" : above.reduce((a, b) => (b.row > a.row ? b : a)).text;
    return `${shownText(byAddress.get(`A${row}`))}\u0001${header}`;
  };
}

/** The yellow inputs of another scenario's copy, by what they are (keysOf). */
function valuesByKey(sheet: SheetDescription): Map<string, CellValue> {
  const fixed = fixedAddresses(sheet.names);
  const key = keysOf(sheet.cells);
  const values = new Map<string, CellValue>();
  for (const cell of yellowCells(sheet.cells, fixed)) {
    const what = key(cell.address);
    if (values.has(what)) throw new Error(`The copy has two inputs labelled ${what.replace("\u0001", " / ")}.`);
    values.set(what, cell.formula !== undefined ? (cell.cached ?? null) : (cell.value ?? null));
  }
  return values;
}

/** The inputs block's cells of the fixed parameters (shown grey by the look), from the sheet's fs.<parameter> names. */
function fixedAddresses(names: readonly DefinedNameDescription[]): Set<string> {
  const wanted = new Set(FIXED_PARAMETERS.map(parameterDefinedName));
  return new Set(names.filter((name) => wanted.has(name.name)).map((name) => name.range.replace(/\$/g, "")));
}

const normal = (value: unknown): string =>
  value === undefined || value === null ? "" : String(value).trim().toLowerCase().replace(/\s+/g, "");

/** What a copy holds fixed, in words, as the written scenario and a stored one have it. */
function fixedDifference(
  written: { readonly spec: ScenarioSpec; readonly result: ScenarioResult },
  stored: { readonly spec: ScenarioSpec; readonly result: ScenarioResult }
): string | undefined {
  const facts = (run: { readonly spec: ScenarioSpec; readonly result: ScenarioResult }): Record<string, string> => {
    const { scenario, allocation } = run.result;
    return {
      years: String(allocation.years.length),
      currency: scenario.currency,
      "usd-per-eur": scenario.usdPerEur?.toFixed() ?? "none",
      // The same contributors in another order are the same table: rows are matched by code.
      contributors: scenario.contributors
        .map((c) => c.code)
        .sort()
        .join(","),
      blend: scenario.method === "blend" ? normal(run.spec.blend) : "none",
    };
  };
  const mine = facts(written);
  const theirs = facts(stored);
  const name = Object.keys(mine).find((key) => mine[key] !== theirs[key]);
  return name === undefined ? undefined : `${name} (${theirs[name]}; this copy: ${mine[name]})`;
}

/** How to get a copy that shows a stored scenario. */
const copyHint = (name: string): string =>
  `Get a copy for it: fair-share allocate --workbook FILE --scenario "${name}" --xlsx NEW (FILE: this workbook).`;

/** A stored scenario's inputs in this copy, or why the copy cannot show it. */
function storedValues(
  stored: StoredRow,
  written: { readonly spec: ScenarioSpec; readonly result: ScenarioResult },
  copyFor: ChoiceInputs["copyFor"]
): Map<string, CellValue> | string {
  const cannot = `This copy cannot show "${stored.name}"`;
  for (const name of ["data", "eu-add"] as const) {
    if (normal(stored.parameters[name]) !== normal(written.spec[name])) {
      return `${cannot}: its ${name} differs from this copy's, which a copy holds fixed. ${copyHint(stored.name)}`;
    }
  }
  const { edition, contributorData, instrumentData } = written.spec;
  const spec: ScenarioSpec = { ...stored.parameters, edition, contributorData, instrumentData };
  let result: ScenarioResult;
  try {
    result = runScenario(spec);
  } catch (error) {
    if (!isFairShareError(error)) throw error;
    return `${cannot}: on this copy's data, ${error.message} ${copyHint(stored.name)}`;
  }
  const difference = fixedDifference(written, { spec, result });
  if (difference !== undefined) {
    return `${cannot}: it differs in ${difference}, which a copy holds fixed. ${copyHint(stored.name)}`;
  }
  return valuesByKey(copyFor(spec, result));
}

/** One entry per row of the Scenarios sheet below its header, in order. */
function entriesOf(
  store: PortableStore,
  written: { readonly spec: ScenarioSpec; readonly result: ScenarioResult },
  copyFor: ChoiceInputs["copyFor"]
): Entry[] {
  const content = readStore(store.grid);
  const readable = new Map(content.scenarios.map((scenario) => [scenario.row, scenario]));
  const problems = new Map(content.problems.map((problem) => [problem.row, problem.reason]));
  const nameColumn = content.header.indexOf(STORE_COLUMNS.name);
  const seen = new Set<string>();
  return store.grid.slice(1).map((cells, index) => {
    const row = index + 2;
    const text = nameColumn < 0 ? "" : shownText({ address: "A1", value: cells[nameColumn] ?? null });
    const key = text.toLocaleLowerCase("en");
    const name = text === "" || seen.has(key) ? "" : text;
    seen.add(key);
    const stored = readable.get(row);
    if (stored === undefined) {
      const reason = problems.get(row) ?? "it is empty";
      return { name, reason: `Row ${row} of the Scenarios sheet cannot be read: ${reason}.` };
    }
    const values = storedValues(stored, written, copyFor);
    return typeof values === "string" ? { name, reason: values } : { name, values, reason: "" };
  });
}

/** The blocks' row offsets: the inputs as written, each scenario shown (the written one's when equal), empty, diff. */
function blockOffsets(
  entries: readonly Entry[],
  written: ReadonlyMap<string, CellValue>,
  stride: number
): { written: number; entries: (number | null)[]; empty: number; diff: number } {
  let next = 1;
  const writtenOffset = next++ * stride;
  const same = (values: ReadonlyMap<string, CellValue>): boolean =>
    [...written].every(([address, value]) => values.get(address) === value);
  const offsets = entries.map((entry) => {
    if (entry.values === undefined) return null;
    return same(entry.values) ? writtenOffset : next++ * stride;
  });
  const empty = next++ * stride;
  return { written: writtenOffset, entries: offsets, empty, diff: next * stride };
}

/** Adds the chooser to the main sheet and makes every live yellow input follow it; returns the rest it needs. */
export function addScenarioChoice(on: ChoiceInputs): ScenarioChoice {
  const { cells, sheet, store, row } = on;
  const all = cells.all();
  const inputs = yellowCells(all, fixedAddresses(namesOfInputs(on.input)));
  const writtenValues = new Map(
    inputs.map((cell) => [cell.address, cell.formula !== undefined ? (cell.cached ?? null) : (cell.value ?? null)])
  );
  const entries = atAddresses(
    entriesOf(store, { spec: on.spec, result: on.result }, on.copyFor),
    keysOf(all),
    writtenValues
  );
  const lastRow = Math.max(row + 1, ...inputs.map((cell) => parseAddress(cell.address).row));
  const stride = Math.ceil((Math.max(lastRow, CHOICE_LAYOUT.entriesHeaderRow + entries.length) + 1) / 100) * 100;
  const offsets = blockOffsets(entries, writtenValues, stride);
  const shownIndex = entries.findIndex(
    (entry, index) =>
      store.shown !== undefined &&
      entry.name.toLocaleLowerCase("en") === store.shown.trim().toLocaleLowerCase("en") &&
      offsets.entries[index] === offsets.written
  );
  const chooser = `B${row}`;
  const at = {
    chooser: absoluteReference(sheet, chooser),
    helper: (address: string): string => absoluteReference(CHOICE_LAYOUT.sheet, address),
  };
  const helperCells = helperSheetCells(entries, offsets, {
    chooser: at.chooser,
    shownIndex,
    inputs: inputs.map((cell) => cell.address),
    sheet,
    written: writtenValues,
  });
  chooserRows(on, chooser, shownIndex < 0 ? null : entries[shownIndex].name, at.helper);
  aboutScenario(cells, at.helper);
  followChooser(cells, inputs, writtenValues, at.helper(CHOICE_LAYOUT.offsetCell));
  const problem = at.helper(CHOICE_LAYOUT.problemCell);
  problemFirst(cells, on.inputProblemCell, problem);
  return {
    chooserCell: chooser,
    statusCell: `B${row + 1}`,
    merges: [`B${row + 1}:G${row + 1}`],
    rowHeights: { [row + 1]: 30 },
    names: [{ name: CHOICE_LAYOUT.chooserName, range: chooser, comment: "The stored scenario shown." }],
    validations: [chooserValidation(chooser)],
    conditionalFormats: [
      {
        range: `B${row + 1}`,
        formula: `${problem}<>""`,
        style: { fill: SHEET_COLOURS.alert, fontColor: SHEET_COLOURS.alertText, bold: true },
      },
    ],
    sheet: {
      name: CHOICE_LAYOUT.sheet,
      cells: helperCells,
      names: [],
      conditionalFormats: [],
      charts: [],
      visibility: "hidden",
    },
    listName: listName(store),
  };
}

/**
 * Each entry's values at this copy's addresses, matched by what each cell is (keysOf). A cell the other copy does not
 * have (a calendar year only this one lists) keeps its value as written: it is data, the same in every scenario.
 */
function atAddresses(
  entries: readonly Entry[],
  keyOf: (address: string) => string,
  written: ReadonlyMap<string, CellValue>
): Entry[] {
  const keys = new Map<string, string>();
  for (const address of written.keys()) {
    const key = keyOf(address);
    const other = keys.get(key);
    if (other !== undefined) throw new Error(`Inputs ${other} and ${address} of the copy have the same labels.`);
    keys.set(key, address);
  }
  return entries.map((entry) => {
    if (entry.values === undefined) return entry;
    const byKey = entry.values;
    const values = new Map(
      [...written].map(([address, value]) => {
        const key = keyOf(address);
        return [address, byKey.has(key) ? (byKey.get(key) ?? null) : value] as const;
      })
    );
    return { ...entry, values };
  });
}

/**
 * The choice's problem goes first in the input check, in short (the status line under the chooser says it whole): the
 * figures go blank with it, as with an input that cannot be read.
 */
function problemFirst(cells: SheetCells, inputProblemCell: string, problem: string): void {
  const check = cells.get(inputProblemCell.replace(/\$/g, ""));
  if (check?.formula === undefined) throw new Error(`No input check at ${inputProblemCell}.`);
  const before = check.formula.replace(/^=/, "");
  const words = "the stored scenario chosen cannot be shown in this copy (see Shown)";
  cells.formula(check.address, `IF(${problem}<>"",${literal(words)},${before})`, check.cached ?? "");
}

/** The input value cells as the names the look reads them by. */
function namesOfInputs(input: Readonly<Record<ParameterName, string>>): DefinedNameDescription[] {
  return Object.entries(input).map(([name, range]) => ({ name: parameterDefinedName(name), range }));
}

/** The Scenarios sheet's Name column below its header: the chooser's list. */
function listName(store: PortableStore): DefinedNameDescription {
  const header = (store.grid[0] ?? []).map((value) => shownText({ address: "A1", value }));
  const column = columnLetters(Math.max(header.indexOf(STORE_COLUMNS.name), 0) + 1);
  return {
    name: CHOICE_LAYOUT.listName,
    range: `${column}2:${column}${Math.max(store.grid.length, 2)}`,
    comment: "The stored scenarios' names: the chooser's list.",
    scope: "workbook",
  };
}

function chooserValidation(chooser: string): DataValidationDescription {
  return {
    range: chooser,
    kind: "list",
    source: CHOICE_LAYOUT.listName,
    prompt: {
      title: "Stored scenario",
      text:
        "Choose a scenario of the Scenarios sheet: every yellow input takes its value (a value you typed stays). " +
        "Empty: the inputs as the copy was written.",
    },
    error: { title: "Stored scenario", text: "Choose a name from the list (the Scenarios sheet), or clear the cell." },
  };
}

/** The chooser (labelled, yellow, named) and the status line under it. */
function chooserRows(
  on: ChoiceInputs,
  chooser: string,
  shown: string | null,
  helper: (address: string) => string
): void {
  const { cells, row } = on;
  cells.value(`A${row}`, "Stored scenario", { style: { bold: true } });
  cells.value(chooser, shown, { style: { fill: INPUT_FILL } });
  cells.value(
    `C${row}`,
    "Choose a stored scenario (the Scenarios sheet): every yellow input takes its value and the sheet recomputes; " +
      "a value typed in a yellow cell stays whatever is chosen. Empty: the inputs as written.",
    { style: { italic: true, fontColor: SHEET_COLOURS.note } }
  );
  const problem = helper(CHOICE_LAYOUT.problemCell);
  const typed = helper(CHOICE_LAYOUT.typedCell);
  const name = `TRIM(${abs("B", row)})`;
  const shownText =
    shown === null ? "No stored scenario chosen: the inputs as the copy was written." : `Showing "${shown}".`;
  cells.value(`A${row + 1}`, "Shown", { style: { bold: true } });
  cells.formula(
    `B${row + 1}`,
    `IF(${problem}<>"",${problem},IF(${name}="",${literal("No stored scenario chosen: the inputs as the copy was written.")},` +
      `"Showing """&${name}&""".")&IF(${typed}>0," "&${typed}&" input(s) differ from it: typed, they stay whatever is chosen.",""))`,
    shownText,
    { style: { wrap: true } }
  );
}

/** A text as a formula: string literals of at most 250 characters (Excel's limit is 255) joined with &. */
const longLiteral = (text: string): string => (text.match(/[\s\S]{1,250}/g) ?? [""]).map(literal).join("&");

/**
 * The About block's scenario in words describes the scenario written: while the choice shows another, it says so
 * (the Shown line names the one shown).
 */
function aboutScenario(cells: SheetCells, helper: (address: string) => string): void {
  const text = cells.get("B3")?.value;
  if (cells.get("A3")?.value !== "Scenario" || typeof text !== "string") return;
  const [offset, written] = [helper(CHOICE_LAYOUT.offsetCell), helper(CHOICE_LAYOUT.writtenOffsetCell)];
  cells.formula(
    "B3",
    `IF(${offset}=${written},${longLiteral(text)},${literal("As written: ")}&${longLiteral(text)}&` +
      `${literal(" The inputs now show another stored scenario: see Shown below.")})`,
    text
  );
}

/** Every live yellow input takes the chosen block's value at its own address; empty stays empty. */
function followChooser(
  cells: SheetCells,
  inputs: readonly CellDescription[],
  written: ReadonlyMap<string, CellValue>,
  offsetCell: string
): void {
  const sheet = quoteSheet(CHOICE_LAYOUT.sheet);
  for (const cell of inputs) {
    const column = cell.address.replace(/\d+$/, "");
    const value = `INDEX(${sheet}!${column}:${column},ROW()+${offsetCell})`;
    const formula = `IF(${value}="","",${value})`;
    if (!formula.startsWith(CHOOSER_FORMULA_START))
      throw new Error("The chooser's formula changed: update its layout.");
    const look = { numberFormat: cell.numberFormat, style: cell.style, note: cell.note };
    cells.formula(cell.address, formula, written.get(cell.address) ?? "", look);
  }
}

interface HelperPlaces {
  readonly chooser: string;
  readonly shownIndex: number;
  readonly inputs: readonly string[];
  readonly sheet: string;
  readonly written: ReadonlyMap<string, CellValue>;
}

/** The hidden sheet: the choice's working cells, the entries, each block of values and the typed count's cells. */
function helperSheetCells(
  entries: readonly Entry[],
  offsets: ReturnType<typeof blockOffsets>,
  at: HelperPlaces
): CellDescription[] {
  const cells: CellDescription[] = [
    {
      address: "A1",
      value:
        "The values each stored scenario gives the yellow inputs of the Fair Share sheet, at their addresses moved " +
        "down by its row offset, for the chooser (do not edit).",
    },
  ];
  choiceCells(cells, entries.length, offsets, at);
  entryCells(cells, entries, offsets);
  blockCells(cells, entries, offsets, at.written);
  typedCount(cells, at, offsets);
  return cells;
}

/** The entries' column of a kind, absolute, on the hidden sheet. */
function entryRange(kind: keyof typeof CHOICE_LAYOUT.entryColumns, count: number): string {
  const column = CHOICE_LAYOUT.entryColumns[kind];
  const first = CHOICE_LAYOUT.entriesHeaderRow + 1;
  return `$${column}$${first}:$${column}$${first + Math.max(count, 1) - 1}`;
}

/** The choice worked out from the chooser: the entry chosen, its row offset and why it cannot be shown. */
function choiceCells(
  cells: CellDescription[],
  count: number,
  offsets: ReturnType<typeof blockOffsets>,
  at: HelperPlaces
): void {
  const L = CHOICE_LAYOUT;
  const name = `TRIM(${at.chooser})`;
  const shown = at.shownIndex < 0 ? null : at.shownIndex;
  const [entry, offsetsRange, reasons, names] = [
    L.entryCell,
    entryRange("offset", count),
    entryRange("reason", count),
    entryRange("name", count),
  ];
  const add = (address: string, label: string, content: Omit<CellDescription, "address">): void => {
    cells.push({ address: address.replace(/^B/, "A"), value: label, style: { bold: true } });
    cells.push({ address, ...content });
  };
  add(L.offsetCell, "Row offset of the choice", {
    formula:
      `=IF(${name}="",${L.writtenOffsetCell},IF(${entry}=0,${offsets.empty},` +
      `IF(INDEX(${offsetsRange},${entry})="",${offsets.empty},INDEX(${offsetsRange},${entry}))))`,
    cached: shown === null ? offsets.written : (offsets.entries[shown] ?? offsets.empty),
  });
  const unknown =
    `"The chosen scenario """&${name}&""" is not a name of the Scenarios sheet: choose one of the list, or clear ` +
    `the cell for the inputs as written."`;
  add(L.problemCell, "Why the choice cannot be shown", {
    formula:
      `=IF(${name}="","",IF(${entry}=0,${unknown},` +
      `IF(INDEX(${reasons},${entry})="","",INDEX(${reasons},${entry}))))`,
    cached: "",
  });
  // Names are unique without regard to case (the store's rule), so the match is the one entry or none.
  add(L.entryCell, "Entry chosen (0: none, or not a listed name)", {
    formula: `=IF(${name}="",0,SUMPRODUCT((${names}=${name})*(ROW(${names})-${L.entriesHeaderRow})))`,
    cached: shown === null ? 0 : shown + 1,
  });
  add(L.writtenOffsetCell, "Row offset of the inputs as written", { value: offsets.written });
  add(L.entryCountCell, "Entries (rows of the Scenarios sheet)", { value: count });
}

/** One row per row of the Scenarios sheet: the name, its block's row offset, or why the copy cannot show it. */
function entryCells(
  cells: CellDescription[],
  entries: readonly Entry[],
  offsets: ReturnType<typeof blockOffsets>
): void {
  const L = CHOICE_LAYOUT;
  const { name: nameColumn, offset: offsetColumn, reason: reasonColumn } = L.entryColumns;
  ["Name", "Row offset", "Why this copy cannot show it"].forEach((text, index) =>
    cells.push({ address: `${columnLetters(index + 1)}${L.entriesHeaderRow}`, value: text, style: { bold: true } })
  );
  entries.forEach((item, index) => {
    const row = L.entriesHeaderRow + 1 + index;
    if (item.name !== "") cells.push({ address: `${nameColumn}${row}`, value: item.name });
    const offset = offsets.entries[index];
    if (offset !== null) cells.push({ address: `${offsetColumn}${row}`, value: offset });
    if (item.reason !== "") cells.push({ address: `${reasonColumn}${row}`, value: item.reason });
  });
}

/** Each block of values once: the inputs as written, and each scenario shown with a block of its own. */
function blockCells(
  cells: CellDescription[],
  entries: readonly Entry[],
  offsets: ReturnType<typeof blockOffsets>,
  written: ReadonlyMap<string, CellValue>
): void {
  const blocks: [number | null, ReadonlyMap<string, CellValue> | undefined][] = [
    [offsets.written, written],
    ...entries.map((item, index): [number | null, ReadonlyMap<string, CellValue> | undefined] => [
      offsets.entries[index],
      item.values,
    ]),
  ];
  const done = new Set<number>();
  for (const [offset, values] of blocks) {
    if (offset === null || values === undefined || done.has(offset)) continue;
    done.add(offset);
    for (const [address, value] of values) {
      if (value === null || value === "") continue;
      const { row, column } = parseAddress(address);
      cells.push({ address: `${columnLetters(column)}${row + offset}`, value });
    }
  }
}

/** Per input, 1 when it differs from the chosen scenario's value (typed over), and their sum. */
function typedCount(
  cells: CellDescription[],
  at: { readonly inputs: readonly string[]; readonly sheet: string },
  offsets: ReturnType<typeof blockOffsets>
): void {
  const L = CHOICE_LAYOUT;
  let [top, bottom, right] = [Infinity, 0, 1];
  for (const address of at.inputs) {
    const { row, column } = parseAddress(address);
    const cell = absoluteReference(at.sheet, address);
    const chosen = `INDEX($${columnLetters(column)}:$${columnLetters(column)},${row}+${L.offsetCell.replace(/^B/, "$B$")})`;
    cells.push({
      address: `${columnLetters(column)}${row + offsets.diff}`,
      formula: `=IF(OR(${cell}<>${chosen},ISNUMBER(${cell})<>ISNUMBER(${chosen})),1,0)`,
      cached: 0,
    });
    [top, bottom, right] = [Math.min(top, row), Math.max(bottom, row), Math.max(right, column)];
  }
  cells.push({
    address: L.typedCell.replace(/^B/, "A"),
    value: "Inputs that differ from the choice",
    style: { bold: true },
  });
  cells.push({
    address: L.typedCell,
    formula: `=SUM($A$${top + offsets.diff}:$${columnLetters(right)}$${bottom + offsets.diff})`,
    cached: 0,
  });
}
