/** `fair-share solve`: flags -> spec, target, parameter -> engine (solve) -> sentences or json. */
import {
  fractionText,
  isMoney,
  money,
  percentWords,
  plain,
  solve,
  terminates,
  toDecimal,
  type Fraction,
  type SolveResult,
  type ValueRange,
} from "../engine";
import { UsageError, parseFlags, scenarioValues } from "./args";
import { editionFromFlags } from "./data-flags";
import { withEuAddFile } from "./eu-add-file";
import { SOLVE, TARGET_FLAG, TEXT_FORMAT_FLAG, SOLVE_VARY_FLAG } from "./flags";
import { renderJson } from "./format";
import { solveUsage } from "./help";
import { EXIT_OK, type Output } from "./output";

export async function solveCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, SOLVE);
  if (flags.help) {
    output.out(solveUsage());
    return EXIT_OK;
  }
  const target = flags.value(TARGET_FLAG);
  const vary = flags.value(SOLVE_VARY_FLAG);
  if (target === undefined) throw new UsageError(`--${TARGET_FLAG.name}: required, e.g. --target "ESP<=3bn".`);
  if (vary === undefined) throw new UsageError(`--${SOLVE_VARY_FLAG.name}: required, e.g. --vary credit.`);
  const spec = scenarioValues(flags);
  const edition = await editionFromFlags(flags, output);
  const result = solve({ spec: { ...withEuAddFile(spec), edition }, target, vary });
  const currency = (spec.currency ?? "EUR").toUpperCase();
  output.out(
    flags.valueOrDefault(TEXT_FORMAT_FLAG) === "json" ? renderJson(solveReport(result)) : solveText(result, currency)
  );
  return EXIT_OK;
}

/** A value exactly (a/b) and as a decimal (20 significant digits when it has no finite decimal). */
export interface ExactValue {
  readonly exact: string;
  readonly decimal: string;
}

function exactValue(value: Fraction): ExactValue {
  const decimal = toDecimal(value);
  return { exact: fractionText(value), decimal: terminates(value) ? decimal.toFixed() : plain(decimal, 20) };
}

function rangeValue(range: ValueRange): { from: ExactValue; to: ExactValue } {
  return { from: exactValue(range.from), to: exactValue(range.to) };
}

/** The single value the target holds with equality at, when there is one: the answer to apply. */
function answerOf(result: SolveResult): Fraction | null {
  const points = result.equality.filter((range) => fractionText(range.from) === fractionText(range.to));
  return points.length > 0 ? points[0].from : null;
}

export function solveReport(result: SolveResult): object {
  const answer = answerOf(result);
  return {
    target: result.target.text,
    code: result.target.code,
    year: result.target.year,
    measure: result.target.measure,
    relation: result.target.relation,
    value: exactValue(result.target.value),
    parameter: result.parameter.label,
    answer: answer === null ? null : exactValue(answer),
    range: rangeValue(result.range),
    equality: result.equality.map(rangeValue),
    holds: result.holds.map(rangeValue),
    infeasible: result.infeasible.map(rangeValue),
    nearest:
      result.nearest === null
        ? null
        : { value: exactValue(result.nearest.value), figure: exactValue(result.nearest.figure) },
    checks: result.checks.map((check) => ({
      value: exactValue(check.value),
      takenExactly: check.exact,
      at: check.at.map((at) => ({ value: at.text, figure: exactValue(at.figure), holds: at.holds })),
    })),
    pieces: result.pieces,
    evaluations: result.evaluations,
  };
}

/** 159699060000/2415652819013 (0.066110104375503...) or 0.15. */
function valueWords(value: Fraction): string {
  const { exact, decimal } = exactValue(value);
  return exact === decimal ? exact : `${exact} (${terminates(value) ? "" : "about "}${decimal})`;
}

function figureWords(result: SolveResult, figure: Fraction, currency: string): string {
  const { exact, decimal } = exactValue(figure);
  const shown = isMoney(result.target.measure)
    ? money(toDecimal(figure), currency)
    : percentWords(terminates(figure) ? decimal : plain(toDecimal(figure), 22));
  return terminates(figure) ? `${shown} exactly` : `${shown} (exactly ${exact})`;
}

function rangeWords(name: string, range: ValueRange): string {
  return fractionText(range.from) === fractionText(range.to)
    ? `${name} = ${valueWords(range.from)}`
    : `${name} from ${valueWords(range.from)} to ${valueWords(range.to)}`;
}

export function solveText(result: SolveResult, currency: string): string {
  const name = result.parameter.label;
  const lines = [
    `Target: ${result.target.text}.`,
    `Varying ${rangeWords(name, result.range)}, exactly (${result.pieces} pieces, ${result.evaluations} allocations).`,
  ];
  for (const range of result.infeasible)
    lines.push(`Infeasible (the limits cannot all hold) for ${rangeWords(name, range)}.`);
  const answer = answerOf(result);
  if (result.equality.length > 0) {
    lines.push(`Holds with equality at ${result.equality.map((range) => rangeWords(name, range)).join("; ")}.`);
  }
  if (result.holds.length > 0) {
    lines.push(`Holds for ${result.holds.map((range) => rangeWords(name, range)).join("; ")}.`);
  } else if (result.nearest !== null) {
    lines.push(
      `No value of ${name} in its range reaches the target. Nearest: ${name} = ${valueWords(result.nearest.value)}, ` +
        `where the figure is ${figureWords(result, result.nearest.figure, currency)}.`
    );
  }
  for (const check of result.checks) {
    if (!check.exact) lines.push(`${name} cannot take ${fractionText(check.value)} exactly; the values nearest it:`);
    for (const at of check.at) {
      lines.push(
        `  Check: run at ${name} = ${at.text}, the figure is ${figureWords(result, at.figure, currency)}: ` +
          `${at.holds ? "the target holds" : "the target does not hold"}.`
      );
    }
  }
  if (answer !== null && result.checks[0]?.exact) {
    lines.push(`Apply: fair-share allocate --${result.parameter.name} ${applyValue(result, answer)} [the same flags]`);
  }
  return `${lines.join("\n")}\n`;
}

function applyValue(result: SolveResult, answer: Fraction): string {
  const text = result.checks[0]?.at[0]?.text ?? fractionText(answer);
  return result.parameter.code === null ? text : `${result.parameter.code}=${text}`;
}
