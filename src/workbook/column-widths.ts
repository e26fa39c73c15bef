/**
 * Column widths from a sheet's content: each number as its number format shows it, each TRUE/FALSE, and each text that
 * a filled neighbour would cut, measured in the unit spreadsheets give widths in (the width of a digit of the default
 * font). A number that does not fit its column shows as `###`, so every number's column is made wide enough for it, in
 * both fonts a reader may see the sheet in: Calibri (Excel, which fits `w` digits in a width of `w`) and the font
 * LibreOffice puts in its place where Calibri is not installed (DejaVu Sans: it fits `w - 1` digits, and its bold
 * digits are a tenth wider). Letters and signs are weighed against a digit by the wider of the two fonts.
 */
import {
  parseAddress,
  columnLetters,
  type CellDescription,
  type CellValue,
  type SheetDescription,
} from "./description";

/** Around the text: LibreOffice fits one digit less than the width says; Excel leaves a few pixels each side. */
const PADDING = 1.5;
/** Numbers get room to grow: an edit in the file may add a digit and a thousands separator. */
const NUMBER_HEADROOM = 1.5;
/** Bold text is wider (DejaVu Sans Bold's digits by 9%). */
const BOLD_FACTOR = 1.1;
/** A text longer than this is cut rather than widening its column further. */
const MAX_TEXT_WIDTH = 40;
/** A wrapped text (a table header) takes at most about this many lines. */
const WRAPPED_LINES = 3;
/** Excel's largest column width. */
const MAX_WIDTH = 255;
const MIN_WIDTH = 4;

/** Characters narrower or wider than a digit, in digits, the wider of Calibri and DejaVu Sans. */
function characterWidth(character: string): number {
  if (/[0-9]/.test(character)) return 1;
  if (/[.,:;'!|iIlj ]/.test(character)) return 0.55;
  if (/[-()[\]ft]/.test(character)) return 0.65;
  if (/[%mwMW@]/.test(character)) return 1.75;
  if (/[A-Z]/.test(character)) return 1.3;
  return 1;
}

const CHARACTER_WIDTHS = new Map<string, number>();

/** The width of a text in digits, one line. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    let known = CHARACTER_WIDTHS.get(character);
    if (known === undefined) {
      known = characterWidth(character);
      CHARACTER_WIDTHS.set(character, known);
    }
    width += known;
  }
  return width;
}

/** A format's sections, split at semicolons outside quotes and brackets. */
function sections(format: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const character = format[i];
    if (character === "\\" && !quoted) {
      current += character + (format[i + 1] ?? "");
      i++;
      continue;
    }
    if (character === '"') quoted = !quoted;
    else if (character === "[" && !quoted) bracket = true;
    else if (character === "]" && !quoted) bracket = false;
    else if (character === ";" && !quoted && !bracket) {
      parts.push(current);
      current = "";
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts;
}

/** A section's [condition], as a test of the value; null when it has none. */
function condition(section: string): ((value: number) => boolean) | null {
  const match = /\[(<=|>=|<>|<|>|=)(-?[\d.]+(?:E[+-]?\d+)?)\]/i.exec(section);
  if (!match) return null;
  const bound = Number(match[2]);
  const tests: Record<string, (value: number) => boolean> = {
    "<": (v) => v < bound,
    "<=": (v) => v <= bound,
    ">": (v) => v > bound,
    ">=": (v) => v >= bound,
    "=": (v) => v === bound,
    "<>": (v) => v !== bound,
  };
  return tests[match[1]];
}

/** The section a number is shown by, and whether the value shown is its absolute value (a negative section). */
function pickSection(value: number, format: string): { section: string; absolute: boolean } {
  const parts = sections(format);
  const first = condition(parts[0]);
  if (first !== null) {
    if (first(value)) return { section: parts[0], absolute: false };
    const second = parts.length > 1 ? condition(parts[1]) : null;
    if (parts.length > 1 && (second === null || second(value))) return { section: parts[1], absolute: false };
    return { section: parts[parts.length > 2 ? 2 : 0], absolute: false };
  }
  if (value < 0 && parts.length > 1) return { section: parts[1], absolute: true };
  if (value === 0 && parts.length > 2) return { section: parts[2], absolute: false };
  return { section: parts[0], absolute: false };
}

/** A number as Excel's General format shows it: at most 11 characters. */
function generalText(value: number): string {
  const text = String(value);
  if (text.length <= 11) return text;
  const integerDigits = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 1;
  if (integerDigits > 11) return value.toExponential(5).replace("e", "E");
  const decimals = Math.max(0, 11 - integerDigits - 1 - (value < 0 ? 1 : 0));
  return value.toFixed(decimals).replace(/\.?0+$/, "");
}

/** A format section, read once: the text around its number and how the number is written. */
interface SectionShape {
  readonly before: string;
  readonly after: string;
  /** No digit placeholder: the section is its literal text. */
  readonly literal: boolean;
  readonly multiplier: number;
  readonly required: number;
  readonly optional: number;
  readonly leadingZero: boolean;
  readonly thousands: boolean;
}

const SHAPES = new Map<string, SectionShape>();

function sectionShape(chosen: string): SectionShape {
  const known = SHAPES.get(chosen);
  if (known) return known;
  // Literal text: quoted strings and backslash-escaped characters; brackets (colours, conditions) show nothing.
  const literals: string[] = [];
  const section = chosen
    .replace(/\[[^\]]*\]/g, "")
    .replace(/"([^"]*)"|\\(.)/g, (_, quoted: string | undefined, escaped: string | undefined) => {
      literals.push(quoted ?? escaped ?? "");
      // A private-use character per literal, which no placeholder pattern matches.
      return String.fromCharCode(0xe000 + literals.length - 1);
    })
    .replace(/[_*]./g, " ");
  const restore = (text: string): string =>
    text.replace(/[\uE000-\uF8FF]/g, (character) => literals[character.charCodeAt(0) - 0xe000]);
  const placeholders = /[0#?][0#?,.]*/.exec(section);
  let shape: SectionShape;
  if (placeholders === null) {
    shape = {
      before: restore(section),
      after: "",
      literal: true,
      multiplier: 1,
      required: 0,
      optional: 0,
      leadingZero: false,
      thousands: false,
    };
  } else {
    let pattern = placeholders[0];
    const scaling = /,+$/.exec(pattern)?.[0].length ?? 0;
    pattern = pattern.slice(0, pattern.length - scaling);
    const [integerPart, decimalPart = ""] = pattern.split(".");
    shape = {
      before: restore(section.slice(0, placeholders.index)),
      after: restore(section.slice(placeholders.index + placeholders[0].length)),
      literal: false,
      multiplier: 100 ** (section.match(/%/g) ?? []).length / 1000 ** scaling,
      required: (decimalPart.match(/0/g) ?? []).length,
      optional: (decimalPart.match(/[#?]/g) ?? []).length,
      leadingZero: integerPart.includes("0"),
      thousands: integerPart.includes(","),
    };
  }
  SHAPES.set(chosen, shape);
  return shape;
}

/**
 * A number as a format code shows it, for the codes a workbook of this project writes: General, digit placeholders
 * (0, #) with a thousands separator, decimals, scaling commas, percent, quoted literals, sections and [conditions].
 * An approximation for measuring: it keeps the length right, which is what a width needs.
 */
export function formatNumber(value: number, format: string | undefined): string {
  if (format === undefined || format === "" || /^general$/i.test(format) || format === "@") return generalText(value);
  const { section, absolute } = pickSection(value, format);
  const shape = sectionShape(section);
  if (shape.literal) return shape.before;
  const shown = (absolute ? Math.abs(value) : value) * shape.multiplier;
  let text = Math.abs(shown).toFixed(shape.required + shape.optional);
  // Optional decimals drop their trailing zeros; the decimal point stays ("50." for 0.#### with 50).
  for (let dropped = 0; dropped < shape.optional && text.endsWith("0"); dropped++) text = text.slice(0, -1);
  let [whole, decimals] = text.split(".");
  if (whole === "0" && !shape.leadingZero) whole = "";
  if (shape.thousands) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = shown < 0 && !absolute ? "-" : "";
  return `${shape.before}${sign}${whole}${decimals === undefined ? "" : `.${decimals}`}${shape.after}`;
}

/** The text a cell shows for a value (a formula's cached value), or null when it shows nothing. */
function shownText(value: CellValue | undefined, numberFormat: string | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return formatNumber(value, numberFormat);
  return value;
}

const shownValue = (cell: CellDescription): CellValue | undefined =>
  cell.formula !== undefined ? cell.cached : cell.value;

/**
 * The width one cell needs, or 0 when it needs none of its own: numbers and TRUE/FALSE always; a wrapped text its
 * longest word and at most WRAPPED_LINES lines; any other text only when the cell to its right is not empty (else it
 * runs on into that cell), up to MAX_TEXT_WIDTH.
 */
function cellWidth(cell: CellDescription, rightIsEmpty: boolean): number {
  const value = shownValue(cell);
  const text = shownText(value, cell.numberFormat);
  if (text === null) return 0;
  const bold = cell.style?.bold ? BOLD_FACTOR : 1;
  if (typeof value === "number") return textWidth(text) * bold + PADDING + NUMBER_HEADROOM;
  if (typeof value === "boolean") return textWidth(text) * bold + PADDING;
  if (cell.style?.wrap) {
    const longestWord = Math.max(...text.split(/\s+/).map(textWidth));
    return Math.min(Math.max(longestWord, textWidth(text) / WRAPPED_LINES) * bold + PADDING, MAX_TEXT_WIDTH);
  }
  if (rightIsEmpty) return 0;
  return Math.min(textWidth(text) * bold + PADDING, MAX_TEXT_WIDTH);
}

/**
 * The width of every column that has content, by letter: the widest need of its cells, rounded up to a quarter
 * character, at least MIN_WIDTH.
 */
export function contentColumnWidths(sheet: Pick<SheetDescription, "cells">): Record<string, number> {
  const filled = new Set<string>();
  const placed = sheet.cells.map((cell) => {
    const { row, column } = parseAddress(cell.address);
    const value = shownValue(cell);
    if (cell.formula !== undefined || (value !== null && value !== undefined && value !== "")) {
      filled.add(`${row}:${column}`);
    }
    return { row, column, cell };
  });
  const widths: Record<string, number> = {};
  for (const { row, column, cell } of placed) {
    const need = cellWidth(cell, !filled.has(`${row}:${column + 1}`));
    const letters = columnLetters(column);
    widths[letters] = Math.max(widths[letters] ?? MIN_WIDTH, need);
  }
  for (const letters of Object.keys(widths)) {
    widths[letters] = Math.min(MAX_WIDTH, Math.ceil(widths[letters] * 4) / 4);
  }
  return widths;
}
