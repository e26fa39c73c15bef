/**
 * How the portable copy looks, prints and guards its inputs: a layer over the sheet descriptions the builder makes,
 * decided from the descriptions themselves (so whatever input the builder adds is covered):
 * - the inputs are the cells filled yellow (SHEET_COLOURS.input): they stay editable, every other cell of every sheet
 *   is locked by sheet protection without a password (formats and sizes stay free);
 * - what the copy cannot recompute (FIXED_PARAMETERS in portable/fixed-inputs.ts: the number of year columns, the
 *   contributors, the currency and its rate, the data edition, eu-add, blend) is shown grey and locked, with a note
 *   saying how to change it: write the copy again;
 * - each input has data validation: a list for every TRUE/FALSE cell and every choice, a range for ratios, amounts and
 *   years where Excel can state one, and an input message in the parameter schema's words (parameters.ts);
 * - TRUE/FALSE is centred in every column; column widths come from the content (column-widths.ts), so no number shows
 *   as `###`;
 * - every visible sheet prints landscape, one page wide, with a header naming the scenario and its data, the code and
 *   name columns repeated on every page (the main sheet's as the options say, another sheet's as it says).
 */
import {
  type Parameter,
  type ParameterName,
  type ScenarioResult,
  amountWords,
  isParameterName,
  parameter,
  parameterHelp,
  percentWords,
  rangeWords,
  resultSourceDetails,
} from "../engine";
import { contentColumnWidths, textWidth } from "./column-widths";
import {
  SHEET_COLOURS,
  columnLetters,
  parseAddress,
  type CellDescription,
  type DataValidationDescription,
  type SheetDescription,
  type WorkbookDescription,
} from "./description";
import { FIXED_PARAMETERS } from "./portable/fixed-inputs";

export interface PortableLookOptions {
  /** The sheet that holds the inputs (the others are printed and protected only). */
  readonly mainSheet: string;
  /** The page header: the scenario and its data (portablePrintHeader). */
  readonly header: string;
  /** Columns repeated at the left of every printed page: the code and name columns, "A:B". */
  readonly titleColumns: string;
  /** The main sheet's columns printed, "A:AJ" (the workings to their right stay on screen); all when absent. */
  readonly printColumns?: string;
}

/** What a Fair Share workbook says about how to change what the copy holds fixed. */
export function fixedNote(name: ParameterName): string {
  return (
    `Fixed in this copy: its formulas cannot change ${name}. To change it, write the copy again: Open portable copy ` +
    `in the Fair Share pane, or fair-share allocate --${name} VALUE (with the other flags) --xlsx FILE.`
  );
}

/** The most characters of a page header's text: Excel's 255, less the code that centres it and some to spare. */
const HEADER_LIMIT = 240;

/** The page header: the scenario the copy was written for and the vintage of its data, within Excel's 255 characters. */
export function portablePrintHeader(result: ScenarioResult): string {
  const { scenario, allocation } = result;
  const amount =
    scenario.pctGdp === null
      ? amountWords(allocation.exactTotal, scenario.currency)
      : `${percentWords(scenario.pctGdp.toFixed())} of GDP a year`;
  // The edition's sources: the user's own data names its files and vintages.
  const data = resultSourceDetails(result).map(
    (source) => `${source.publisher.split(/[;,]/)[0]} ${source.vintage.replace(/\s*\(.*\)$/, "")}`
  );
  const text =
    `Fair Share portable copy: ${amount} over ${allocation.years.length} year(s) from ${scenario.startYear}, ` +
    `${scenario.contributors.length} contributors by ${scenario.method}. Data: ${data.join("; ")}`;
  // A header holds 255 characters, with each & written twice and the code that centres it.
  let clipped = text;
  while (clipped.length + (clipped.match(/&/g) ?? []).length > HEADER_LIMIT) clipped = `${clipped.slice(0, -4)}...`;
  return clipped;
}

const isInput = (cell: CellDescription): boolean => cell.style?.fill === SHEET_COLOURS.input;

/** The inputs block's value cell of each parameter, from the sheet's names (fs.NAME). */
function parameterCells(sheet: SheetDescription): Map<string, ParameterName> {
  const cells = new Map<string, ParameterName>();
  for (const { name, range } of sheet.names) {
    const candidate = name.replace(/^fs\./, "").replace(/_/g, "-");
    if (name.startsWith("fs.") && isParameterName(candidate) && !range.includes(":")) {
      cells.set(range.replace(/\$/g, ""), candidate);
    }
  }
  return cells;
}

/** The text of a parameter's help before its first colon outside brackets: what it is, without its syntax. */
export function helpLead(help: string): string {
  let depth = 0;
  for (let i = 0; i < help.length; i++) {
    if (help[i] === "(") depth++;
    else if (help[i] === ")") depth--;
    else if (help[i] === ":" && depth === 0) return help.slice(0, i);
  }
  return help.replace(/\.$/, "");
}

/** A table column's header naming a parameter: which parameter's words its inputs take. */
const TABLE_PARAMETERS: readonly [RegExp, ParameterName][] = [
  [/^Exempt$/, "exempt"],
  [/^Cap\b/, "cap"],
  [/^Floor\b/, "floor"],
  [/^Counted$/, "eu"],
  [/^Contributing$/, "eu-states"],
];

const clip = (text: string, limit: number): string => (text.length <= limit ? text : `${text.slice(0, limit - 3)}...`);

type Rule = Omit<DataValidationDescription, "range">;

/** The rule of an input of the inputs block, by its parameter's kind. */
function parameterRule(entry: Parameter, address: string): Rule {
  const prompt = { title: clip(entry.label, 32), text: clip(parameterHelp(entry), 255) };
  const error = { title: clip(entry.label, 32), text: clip(`${entry.name}: ${parameterHelp(entry)}`, 225) };
  const range = entry.valid;
  switch (entry.kind) {
    case "choice":
    case "data-year":
      return { kind: "list", values: entry.choices ?? [], prompt, error };
    case "year":
    case "count":
      return { kind: "whole", min: Number(range?.min), max: Number(range?.max), prompt, error };
    case "ratio":
    case "rate":
      return { kind: "decimal", min: Number(range?.min ?? 0), max: Number(range?.max ?? 1), prompt, error };
    case "month":
      return {
        kind: "custom",
        formula: `AND(LEN(${address})=7,MID(${address},5,1)="-",ISNUMBER(-LEFT(${address},4)),ISNUMBER(-RIGHT(${address},2)))`,
        prompt,
        error,
      };
    default:
      // Amounts may carry a suffix ("60bn"), lists and weights are text: Excel has no rule for them.
      return { kind: "any", prompt };
  }
}

/** The rule of a table input, from its value and format, in the words of the parameter its column header names. */
function tableRule(cell: CellDescription, header: string | undefined): Rule {
  const value = cell.formula !== undefined ? cell.cached : cell.value;
  const named = TABLE_PARAMETERS.find(([pattern]) => header !== undefined && pattern.test(header))?.[1];
  const lead = named ? ` ${helpLead(parameter(named).help)}.` : "";
  const title = clip(header ?? "Input", 32);
  const rule = (form: string, base: Omit<Rule, "prompt" | "error">): Rule => ({
    ...base,
    prompt: { title, text: clip(`${form}.${lead}`, 255) },
    error: {
      title,
      text: clip(`${header ?? "This cell"} must be ${form.charAt(0).toLowerCase()}${form.slice(1)}.`, 225),
    },
  });
  if (typeof value === "boolean") return rule("TRUE or FALSE", { kind: "list", values: ["TRUE", "FALSE"] });
  if (cell.numberFormat?.includes("%")) {
    const words = named ? rangeWords(parameter(named)) : "0% to 100%";
    return rule(`A ratio, ${words || "0% to 100%"}; empty: none`, { kind: "decimal", min: 0, max: 1 });
  }
  // A cell written negative (a correction in monthly aid data) may be typed negative again.
  if (typeof value === "number" && value < 0) return rule("A number", { kind: "decimal" });
  if (typeof value === "number" || cell.numberFormat !== undefined) {
    return rule("A number, 0 or more", { kind: "decimal", min: 0 });
  }
  return { kind: "any", prompt: { title, text: clip(`${header ?? "An input"}.${lead}`, 255) } };
}

/** Each column's header texts by row (table headers: bold on the header fill), for the inputs below them. */
function headerAbove(cells: readonly CellDescription[]): (address: string) => string | undefined {
  const headers = new Map<number, { row: number; text: string }[]>();
  for (const cell of cells) {
    if (cell.style?.fill !== SHEET_COLOURS.header || !cell.style.bold) continue;
    const text = cell.formula !== undefined ? cell.cached : cell.value;
    if (typeof text !== "string") continue;
    const { row, column } = parseAddress(cell.address);
    const list = headers.get(column) ?? [];
    list.push({ row, text });
    headers.set(column, list);
  }
  return (address) => {
    const { row, column } = parseAddress(address);
    const above = (headers.get(column) ?? []).filter((header) => header.row < row);
    return above.length === 0 ? undefined : above.reduce((a, b) => (b.row > a.row ? b : a)).text;
  };
}

/**
 * The validations of a sheet's inputs, cells with the same rule together: one range list per rule, each column's run
 * of consecutive rows one range.
 */
function validations(cells: readonly CellDescription[], sheet: SheetDescription): DataValidationDescription[] {
  const byParameter = parameterCells(sheet);
  const header = headerAbove(cells);
  const groups = new Map<string, { rule: Rule; addresses: string[] }>();
  // A cell the builder validates itself keeps its own rule: two rules on one cell make Excel repair the file.
  const given = coveredCells(sheet.validations ?? []);
  for (const cell of cells) {
    const address = cell.address.replace(/\$/g, "");
    if (!isInput(cell) || given.has(address)) continue;
    const name = byParameter.get(address);
    const rule = name ? parameterRule(parameter(name), address) : tableRule(cell, header(address));
    // A custom formula names its own cell: one validation each.
    const key = rule.kind === "custom" ? `${address}` : JSON.stringify(rule);
    const group = groups.get(key) ?? { rule, addresses: [] };
    group.addresses.push(address);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ rule, addresses }) => ({ ...rule, range: rangeList(addresses) }));
}

/** The cells validations cover, by address. */
function coveredCells(list: readonly DataValidationDescription[]): Set<string> {
  const covered = new Set<string>();
  for (const validation of list) {
    for (const range of validation.range.replace(/\$/g, "").trim().split(/\s+/)) {
      const [from, to = from] = range.split(":");
      const a = parseAddress(from);
      const b = parseAddress(to);
      for (let row = a.row; row <= b.row; row++) {
        for (let column = a.column; column <= b.column; column++) covered.add(`${columnLetters(column)}${row}`);
      }
    }
  }
  return covered;
}

/** Addresses as a range list: each column's consecutive rows one range ("G20:G51 C60:C69"). */
function rangeList(addresses: readonly string[]): string {
  const byColumn = new Map<number, number[]>();
  for (const address of addresses) {
    const { row, column } = parseAddress(address);
    byColumn.set(column, [...(byColumn.get(column) ?? []), row]);
  }
  const ranges: string[] = [];
  for (const [column, rows] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    const letters = columnLetters(column);
    const sorted = [...rows].sort((a, b) => a - b);
    let start = sorted[0];
    sorted.forEach((row, index) => {
      const next = sorted[index + 1];
      if (next === row + 1) return;
      ranges.push(start === row ? `${letters}${row}` : `${letters}${start}:${letters}${row}`);
      start = next;
    });
  }
  return ranges.join(" ");
}

/** The inputs block's fixed parameters shown grey and locked, with their help saying how to change them. */
function fixParameters(cells: readonly CellDescription[], sheet: SheetDescription): CellDescription[] {
  const fixed = new Map<string, ParameterName>();
  for (const [address, name] of parameterCells(sheet)) if (FIXED_PARAMETERS.includes(name)) fixed.set(address, name);
  const helpCells = new Map<string, ParameterName>();
  for (const [address, name] of fixed) {
    const { row, column } = parseAddress(address);
    helpCells.set(`${columnLetters(column + 1)}${row}`, name);
  }
  return cells.map((cell) => {
    const address = cell.address.replace(/\$/g, "");
    const name = fixed.get(address);
    if (name !== undefined && isInput(cell)) {
      return { ...cell, style: { ...cell.style, fill: SHEET_COLOURS.value }, note: fixedNote(name) };
    }
    const helped = helpCells.get(address);
    if (helped !== undefined && typeof cell.value === "string") {
      return { ...cell, value: `Fixed in this copy: write it again to change this. ${cell.value}` };
    }
    return cell;
  });
}

/** Inputs unlocked, month inputs kept as text (else a spreadsheet reads 2022-01 as a date), TRUE/FALSE centred. */
function styleCells(cells: readonly CellDescription[], sheet: SheetDescription): CellDescription[] {
  const byParameter = parameterCells(sheet);
  return cells.map((cell) => {
    const value = cell.formula !== undefined ? cell.cached : cell.value;
    const boolean = typeof value === "boolean";
    const input = isInput(cell);
    if (!boolean && !input) return cell;
    const name = byParameter.get(cell.address.replace(/\$/g, ""));
    const month = input && name !== undefined && parameter(name).kind === "month";
    return {
      ...cell,
      numberFormat: month ? "@" : cell.numberFormat,
      style: {
        ...cell.style,
        ...(boolean ? { horizontal: cell.style?.horizontal ?? "center" } : {}),
        ...(input ? { locked: false } : {}),
      },
    };
  });
}

/** Excel's default column width, for a column the sheet gives none. */
const DEFAULT_WIDTH = 8.43;
/** The height of a line of text in the default font, in points. */
const LINE_HEIGHT = 15;

/** The longest text a cell can show: its value, or for a formula its cached text and every text literal in it. */
function longestText(cell: CellDescription): string | null {
  const value = cell.formula !== undefined ? cell.cached : cell.value;
  if (typeof value !== "string") return null;
  const texts = [value];
  if (cell.formula !== undefined) texts.push(...[...cell.formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]));
  if (texts.length === 0) return null;
  return texts.reduce((a, b) => (b.length > a.length ? b : a));
}

interface Overflow {
  readonly cells: CellDescription[];
  readonly merges: string[];
  readonly rowHeights: Record<number, number>;
}

/**
 * Long texts kept within the printed columns. A text that runs on past the last printed column (or under a chart)
 * makes LibreOffice widen what it fits to the page, so it prints smaller, and Excel cuts it at the page's edge: such a
 * text is merged with the empty cells to its right up to that edge and wrapped, its row made tall enough.
 */
function keepTextsIn(
  sheet: SheetDescription,
  cells: readonly CellDescription[],
  widths: Record<string, number>,
  lastColumn: number
): Overflow {
  const filled = new Set<string>();
  for (const cell of cells) {
    const { row, column } = parseAddress(cell.address);
    if (longestText(cell) !== null || (cell.formula ?? cell.value ?? "") !== "") filled.add(`${row}:${column}`);
  }
  const charts = sheet.charts.map((chart) => ({ from: parseAddress(chart.from), to: parseAddress(chart.to) }));
  const blocked = (row: number, column: number): boolean =>
    filled.has(`${row}:${column}`) ||
    charts.some(({ from, to }) => row >= from.row && row <= to.row && column >= from.column && column <= to.column);
  const widthOf = (column: number): number => widths[columnLetters(column)] ?? DEFAULT_WIDTH;
  const merges: string[] = [];
  const rowHeights: Record<number, number> = { ...(sheet.rowHeights ?? {}) };
  const result = cells.map((cell) => {
    const text = longestText(cell);
    if (text === null || cell.style?.wrap || (cell.style?.horizontal ?? "left") !== "left") return cell;
    const { row, column } = parseAddress(cell.address);
    // A cell right of the printed columns never prints: wrapping it would only make its row tall on paper.
    if (column > lastColumn) return cell;
    const need = textWidth(text) * (cell.style?.bold ? 1.1 : 1) + 1.5;
    let end = column;
    let span = widthOf(column);
    while (span < need && end < lastColumn && !blocked(row, end + 1)) span += widthOf(++end);
    // Within its span, or cut by a filled cell: it stays as it is.
    if (span >= need || (end < lastColumn && filled.has(`${row}:${end + 1}`))) return cell;
    if (end > column) merges.push(`${cell.address.replace(/\$/g, "")}:${columnLetters(end)}${row}`);
    const lines = Math.ceil(need / Math.max(span - 1.5, 1));
    rowHeights[row] = Math.min(409, Math.max(rowHeights[row] ?? LINE_HEIGHT, lines * LINE_HEIGHT));
    return { ...cell, style: { ...cell.style, wrap: true } };
  });
  return { cells: result, merges, rowHeights };
}

/**
 * The widest printed area, in characters, that fits one page wide at the smallest scale spreadsheets print at (10%):
 * a landscape Letter page with narrow margins (A4 is wider) took up to about 870 characters in LibreOffice with its
 * substitute font, and spilled onto a second page across at 935; Excel's Calibri columns are narrower.
 */
export const MAX_PRINTED_WIDTH = 800;

/** The printed columns: those asked for, ending earlier where they would not fit one page wide at 10%. */
function printedColumns(
  options: PortableLookOptions,
  widths: Readonly<Record<string, number>>
): { first: string; last: string } | undefined {
  if (options.printColumns === undefined) return undefined;
  const [first, last = first] = options.printColumns.split(":");
  const from = parseAddress(`${first}1`).column;
  const titlesEnd = parseAddress(`${options.titleColumns.split(":").pop() ?? first}1`).column;
  let to = parseAddress(`${last}1`).column;
  const total = (end: number): number => {
    let sum = 0;
    for (let column = from; column <= end; column++) sum += widths[columnLetters(column)] ?? DEFAULT_WIDTH;
    return sum;
  };
  while (to > titlesEnd + 1 && total(to) > MAX_PRINTED_WIDTH) to--;
  return { first, last: columnLetters(to) };
}

/** The rows of a sheet's content, for its print area. */
function lastRow(cells: readonly CellDescription[]): number {
  return Math.max(1, ...cells.map((cell) => parseAddress(cell.address).row));
}

function lookOfSheet(sheet: SheetDescription, options: PortableLookOptions): SheetDescription {
  if ((sheet.visibility ?? "visible") !== "visible")
    return { ...sheet, cells: styleCells(sheet.cells, sheet), protected: true };
  const main = sheet.name === options.mainSheet;
  const cells = main ? styleCells(fixParameters(sheet.cells, sheet), sheet) : styleCells(sheet.cells, sheet);
  const content = contentColumnWidths({ cells });
  // The main sheet's widths follow its content alone; another sheet keeps its given widths where they are wider.
  const columnWidths = main ? content : { ...content };
  if (!main) {
    for (const [letters, width] of Object.entries(sheet.columnWidths ?? {})) {
      columnWidths[letters] = Math.max(width, content[letters] ?? 0);
    }
  }
  const printed = main ? printedColumns(options, columnWidths) : undefined;
  const area = printed === undefined ? undefined : `${printed.first}1:${printed.last}${lastRow(cells)}`;
  const lastColumn =
    printed === undefined
      ? Math.max(...cells.map((cell) => parseAddress(cell.address).column))
      : parseAddress(`${printed.last}1`).column;
  const kept = keepTextsIn(sheet, cells, columnWidths, lastColumn);
  return {
    ...sheet,
    cells: kept.cells,
    merges: [...(sheet.merges ?? []), ...kept.merges],
    rowHeights: kept.rowHeights,
    columnWidths,
    validations: [...(sheet.validations ?? []), ...validations(cells, sheet)],
    protected: true,
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      margins: "narrow",
      header: options.header,
      // The main sheet's code and name columns; another sheet's as it gives them (the monthly aid's).
      ...(main ? { titleColumns: options.titleColumns } : { titleColumns: sheet.print?.titleColumns }),
      ...(area ? { area } : {}),
    },
  };
}

/** The portable copy with its look: protection, validation, widths and print setup on every sheet. */
export function withPortableLook(workbook: WorkbookDescription, options: PortableLookOptions): WorkbookDescription {
  return { ...workbook, sheets: workbook.sheets.map((sheet) => lookOfSheet(sheet, options)) };
}
