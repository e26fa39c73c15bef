/**
 * FAIRSHARE.SOLVE and FAIRSHARE.EXPLAIN: the goal seek and the explanation of a figure, on a scenario's inputs block.
 * Thin: the engine solves and explains; these shape the cells. Each distinct call is computed once (memo.ts).
 */
import {
  explain,
  fractionText,
  parseWholeNumber,
  solve,
  toDecimal,
  type Fraction,
  type SolveResult,
  type ValueRange,
} from "../engine";
import { argument, requiredText, scenarioResult, scenarioSpec, withEdition, type Table } from "./adapters";
import { memoize } from "./memo";

/** The rows SOLVE returns, in order: a label and the value. */
export const SOLVE_ROWS = [
  "Target",
  "Parameter",
  "Answer",
  "Answer (decimal)",
  "Holds for",
  "Nearest",
  "Figure at nearest",
] as const;

function exactText(value: Fraction): string {
  return fractionText(value);
}

/** A cell's number for a value: exact when the value has a finite decimal, else the nearest float64. */
function numberOf(value: Fraction): number {
  return toDecimal(value).toNumber();
}

function rangeText(range: ValueRange): string {
  const from = exactText(range.from);
  const to = exactText(range.to);
  return from === to ? from : `${from} to ${to}`;
}

/** The single value the target holds with equality at (the first, when several): the answer to apply. */
export function solveAnswer(result: SolveResult): Fraction | null {
  const point = result.equality.find((range) => exactText(range.from) === exactText(range.to));
  return point === undefined ? null : point.from;
}

/**
 * FAIRSHARE.SOLVE: a two-column table, a label and a value a row (SOLVE_ROWS): the answer exactly (a/b as text, which
 * credit takes) and as a number, the ranges where the target holds, and the nearest value when none reaches it.
 */
export function solveTable(args: { inputs?: unknown; target: unknown; parameter: unknown }): Table {
  const target = requiredText(args.target, "target", "FAIRSHARE.SOLVE", 'Give a target such as "ESP<=3bn".');
  const vary = requiredText(args.parameter, "parameter", "FAIRSHARE.SOLVE", 'Give a parameter such as "credit".');
  const spec = scenarioSpec({ inputs: args.inputs });
  const result = memoize("solve", { spec, target, vary }, () => solve({ spec: withEdition(spec), target, vary }));
  const answer = solveAnswer(result);
  const nearest = result.nearest;
  const none = "none";
  const values: (string | number)[] = [
    result.target.text,
    result.parameter.label,
    answer === null ? none : exactText(answer),
    answer === null ? none : numberOf(answer),
    result.holds.length === 0 ? none : result.holds.map(rangeText).join("; "),
    nearest === null ? none : exactText(nearest.value),
    nearest === null ? none : numberOf(nearest.figure),
  ];
  return SOLVE_ROWS.map((label, i) => [label, values[i]]);
}

/** FAIRSHARE.EXPLAIN: one row per step, its title and its sentences. */
export function explainTable(args: { code: unknown; inputs?: unknown; year?: unknown }): Table {
  const code = requiredText(args.code, "code", "FAIRSHARE.EXPLAIN", "Give an ally's code such as ESP.");
  const yearCell = argument(args.year, "year");
  const year = yearCell === null ? null : parseWholeNumber("year", yearCell, 1949, 2100);
  const spec = scenarioSpec({ inputs: args.inputs });
  const explanation = memoize("explain", { spec, code, year }, () => explain(scenarioResult(spec), code, year));
  return explanation.steps.map((step) => [step.title, step.text]);
}
