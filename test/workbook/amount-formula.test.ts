// The portable copy's formula for an amount cell is the second statement of the engine's amount parser: generated from
// the one table of suffixes, and read here by a small evaluator of the classic functions it uses, against the engine
// on random amounts with every suffix (LibreOffice recomputes the real file in portable-libreoffice.test.ts).
import fc from "fast-check";

import { AMOUNT_SUFFIXES } from "../../src/engine/parameters";
import { parseAmount } from "../../src/engine/parse";
import { amountFormula } from "../../src/workbook/portable";

type Value = string | number | boolean;

type Node =
  | { readonly kind: "literal"; readonly value: Value }
  | { readonly kind: "cell" }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Node[] }
  | { readonly kind: "operator"; readonly operator: string; readonly left: Node; readonly right: Node };

/** Parses a formula of function calls, one cell reference, string and number literals, and the operators =, * and -. */
function parse(formula: string, cell: string): Node {
  const tokens = formula.match(/"[^"]*"|\d+(?:\.\d+)?(?:E\d+)?|[A-Z]+\d*|[(),=*-]/g) ?? [];
  expect(tokens.join("")).toBe(formula);
  let at = 0;
  const take = (token: string): void => {
    if (tokens[at++] !== token) throw new Error(`expected ${token} at token ${at - 1} of ${formula}`);
  };
  const primary = (): Node => {
    const token = tokens[at++];
    if (token.startsWith('"')) return { kind: "literal", value: token.slice(1, -1) };
    if (/^\d/.test(token)) return { kind: "literal", value: Number(token) };
    if (token === cell) return { kind: "cell" };
    take("(");
    const args = [expression()];
    while (tokens[at] === ",") {
      at++;
      args.push(expression());
    }
    take(")");
    return { kind: "call", name: token, args };
  };
  const product = (): Node => {
    let node = primary();
    while (tokens[at] === "*" || tokens[at] === "-") {
      const operator = tokens[at++];
      node = { kind: "operator", operator, left: node, right: primary() };
    }
    return node;
  };
  const expression = (): Node => {
    const left = product();
    if (tokens[at] !== "=") return left;
    at++;
    return { kind: "operator", operator: "=", left, right: product() };
  };
  const node = expression();
  expect(at).toBe(tokens.length);
  return node;
}

const text = (value: Value): string => String(value);

/** VALUE as a spreadsheet reads text: a plain or scientific number with spaces around, else #VALUE!. */
function value(input: Value): number {
  if (typeof input === "number") return input;
  const trimmed = text(input).trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) throw new Error("#VALUE!");
  return Number(trimmed);
}

/** The classic functions the formula may use; any other function is an error, so the formula cannot use it unseen. */
const FUNCTIONS: Readonly<Record<string, (...args: Value[]) => Value>> = {
  ISNUMBER: (input) => typeof input === "number",
  RIGHT: (input, count) => (Number(count) === 0 ? "" : text(input).slice(-Number(count))),
  LEFT: (input, count) => text(input).slice(0, Math.max(0, Number(count))),
  LEN: (input) => text(input).length,
  LOWER: (input) => text(input).toLowerCase(),
  TRIM: (input) => text(input).trim().replace(/ +/g, " "),
  VALUE: value,
};

/** Evaluates a parsed formula with the cell holding `content` (null: empty), IF evaluating only its chosen branch. */
function evaluate(node: Node, content: Value | null): Value {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "cell":
      return content ?? "";
    case "operator": {
      const left = evaluate(node.left, content);
      const right = evaluate(node.right, content);
      if (node.operator === "=") return text(left) === text(right);
      return node.operator === "*" ? Number(left) * Number(right) : Number(left) - Number(right);
    }
    case "call": {
      if (node.name === "IF") {
        return evaluate(evaluate(node.args[0], content) === true ? node.args[1] : node.args[2], content);
      }
      const fn = FUNCTIONS[node.name];
      if (fn === undefined) throw new Error(`unknown function ${node.name}`);
      return fn(...node.args.map((arg) => evaluate(arg, content)));
    }
  }
}

const FORMULA = amountFormula("C5", 100e9);
const PARSED = parse(FORMULA, "C5");

describe("the portable copy's amount formula", () => {
  test("has one test for every suffix of the engine's table, longer suffixes before shorter ones they end with", () => {
    const tested = [...FORMULA.matchAll(/RIGHT\(LOWER\(TRIM\(C5\)\),(\d+)\)="([a-z]+)"/g)].map(([, length, suffix]) => {
      expect(suffix.length).toBe(Number(length));
      return suffix;
    });
    expect([...tested].sort()).toEqual(AMOUNT_SUFFIXES.map((entry) => entry.suffix).sort());
    tested.forEach((suffix, i) => {
      for (const later of tested.slice(i + 1)) expect(suffix.endsWith(later) && suffix !== later).toBe(false);
    });
    for (const { exponent } of AMOUNT_SUFFIXES) expect(FORMULA).toContain(`*1E${exponent}`);
    // Classic functions only: LibreOffice 7.4 and Excel 2010 have every one.
    expect(new Set(FORMULA.match(/[A-Z]+(?=\()/g))).toEqual(
      new Set(["IF", "ISNUMBER", "RIGHT", "LOWER", "TRIM", "VALUE", "LEFT", "LEN"])
    );
  });

  test.each([
    ["5mn", 5e6],
    ["5 MN", 5e6],
    ["2b", 2e9],
    ["60bn", 60e9],
    ["0.5t", 0.5e12],
    ["1.5tn", 1.5e12],
    ["250k", 250e3],
    ["40000m", 40e9],
    ["1e9", 1e9],
    [" 7 ", 7],
  ])("reads %p as %p", (typed, expected) => {
    expect(evaluate(PARSED, typed)).toBeCloseTo(expected, 3);
  });

  test("an empty cell is the fallback and a number is itself", () => {
    expect(evaluate(PARSED, null)).toBe(100e9);
    expect(evaluate(PARSED, 42)).toBe(42);
  });

  test("reads every amount the engine reads with a suffix as the engine does (differential)", () => {
    const typed = fc
      .tuple(
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...AMOUNT_SUFFIXES.map((entry) => entry.suffix)),
        fc.boolean(),
        fc.constantFrom("", " ")
      )
      .map(([digits, places, suffix, upper, space]) => {
        const number = places === 0 ? String(digits) : (digits / 10 ** places).toFixed(places);
        return `${number}${space}${upper ? suffix.toUpperCase() : suffix}`;
      });
    fc.assert(
      fc.property(typed, (text) => {
        const engine = parseAmount("total", text).toNumber();
        const formula = evaluate(PARSED, text) as number;
        expect(Math.abs(formula - engine)).toBeLessThanOrEqual(Math.abs(engine) * 1e-15);
      }),
      { numRuns: 1000 }
    );
  });
});
