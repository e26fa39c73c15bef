/**
 * Exact goal seek: the value of one numeric parameter at which a target holds with equality ("ESP<=3bn", varying the
 * credit), the ranges where it holds, or the nearest the parameter's range comes to it.
 *
 * Every figure of an allocation is piecewise linear in each of these parameters: on a piece the set of allies held at
 * a limit is fixed, each amount is basis share x level - credit or a limit, and the level is a line in the parameter.
 * The search walks the range piece by piece: three exact evaluations beyond the piece's start, with the same allies
 * held and on one line (and meeting the previous piece where it ended), give every figure's line; the piece ends
 * exactly where the first ally's amount before its limits meets a limit (or an EU member's yearly amount meets what
 * the EU instruments attribute to it, or the limits stop adding up to the total). On each piece the target is a line
 * (a ratio of lines for a share), solved exactly. No tolerance anywhere; the answer is checked by running the scenario
 * at it.
 */
import { allocate, exactWorkings, type ExactWorkings } from "./allocate";
import { Dec } from "./decimal";
import { fail, isFairShareError } from "./errors";
import { contributorFigures } from "./figures";
import {
  FRACTION_ZERO,
  add,
  compare,
  divide,
  equal,
  fraction,
  fromDec,
  multiply,
  reduce,
  sign,
  subtract,
  toDecimal,
  type Fraction,
} from "./fraction";
import { lineThrough, nearer, onLine, root, valueAt, type Line } from "./lines";
import { allocationRequest, resolveScenario, runScenario, type ScenarioResult, type ScenarioSpec } from "./scenario";
import {
  parameterRange,
  parseVaried,
  requestWith,
  specWith,
  startSpec,
  takesExactly,
  valueText,
  type VariedParameter,
} from "./set-parameter";
import { parseTarget, type Target } from "./target";

export interface SolveRequest {
  readonly spec: ScenarioSpec;
  readonly target: string;
  readonly vary: string;
}

/** A range of the parameter, ends included; from equals to for a single value. */
export interface ValueRange {
  readonly from: Fraction;
  readonly to: Fraction;
}

/** The figure the target measures, at one value of the parameter, through runScenario. */
export interface CheckedValue {
  readonly value: Fraction;
  /** The value as the parameter takes it (a decimal, or a/b for a credit). */
  readonly text: string;
  /** The measured figure there, exactly. */
  readonly figure: Fraction;
  readonly holds: boolean;
}

export interface SolveResult {
  readonly target: Target;
  readonly parameter: VariedParameter;
  /** The range searched: the parameter's own. */
  readonly range: ValueRange;
  /** Where the scenario cannot be allocated (limits that cannot all hold), ends included as found. */
  readonly infeasible: ValueRange[];
  /** Where the target holds. */
  readonly holds: ValueRange[];
  /** Where it holds with equality: single values, or ranges where the figure equals the target throughout. */
  readonly equality: ValueRange[];
  /** With no value meeting the target: the value that comes nearest, and the figure there. */
  readonly nearest: { readonly value: Fraction; readonly figure: Fraction } | null;
  /**
   * The check at each single equality value: the scenario run at it (when the parameter takes it exactly), else at the
   * nearest values the parameter takes on either side.
   */
  readonly checks: { readonly value: Fraction; readonly exact: boolean; readonly at: CheckedValue[] }[];
  /** Pieces the search went through, and the allocations it computed: the cost of the answer. */
  readonly pieces: number;
  readonly evaluations: number;
}

/** A figure's parts: the target's figure is numerator / denominator (a share: amount / total). */
interface Measured {
  readonly numerator: Fraction;
  readonly denominator: Fraction;
}

/** What the search reads from one exact evaluation. */
interface Probe {
  readonly x: Fraction;
  /** Who is held where: the piece's signature. */
  readonly held: string;
  /** Differences whose sign says who is held (amount before limits - limit, ...); null where none applies. */
  readonly differences: (Fraction | null)[];
  /** For each difference: true when its sign says whether the limits can all hold (the scenario is feasible). */
  readonly feasibility: boolean[];
  readonly measured: Measured;
}

interface Segment {
  readonly from: Fraction;
  readonly to: Fraction;
  readonly numerator: Line;
  readonly denominator: Line;
}

/** How far the search goes before it gives up (the engine's own check fails then, never a wrong answer). */
const MAX_PIECES = 2000;
const MAX_SHRINKS = 120;

/** The figures a target measures, read from an allocation's exact workings. */
interface Measurer {
  (workings: ExactWorkings): Measured;
}

export function solve(request: SolveRequest): SolveResult {
  const target = parseTarget(request.target);
  const varied = parseVaried(request.vary);
  const spec = startSpec(request.spec, varied);
  const base = runScenario(spec);
  const scenario = base.scenario;
  refuseMismatch(varied, scenario.method);
  const index = targetIndex(target, base);
  const measure = measurer(target, base, index);
  const request0 = allocationRequest(scenario);
  const exempt = new Set(scenario.contributors.filter((c) => c.exempt).map((c) => c.code));
  if (varied.code !== null && !scenario.contributors.some((c) => c.code === varied.code && !c.exempt)) {
    fail("UNKNOWN_CODE", "vary", {
      value: varied.code,
      where: "a paying contributor of the scenario",
      fix: `Give the code of a contributor who pays, e.g. ${varied.name}.USA.`,
    });
  }
  // The EU attribution only moves the target's figure for net new money and the overlap.
  const overlapMatters = target.measure === "net-new" || target.measure === "overlap";
  let evaluations = 0;
  const range = parameterRange(varied, scenario);
  const evaluate = (x: Fraction): Probe | null => {
    // Outside the parameter's range there is nothing to evaluate (the engine would refuse the value).
    if (compare(x, range.from) < 0 || compare(x, range.to) > 0) return null;
    evaluations++;
    const at = varied.name === "credit" ? x : fromDec(toDecimal(x));
    try {
      const allocation = allocate(requestWith(request0, varied, at, (code) => exempt.has(code)));
      const rows = allocation.rows.map((row) => row.held);
      return probeOf(at, exactWorkings(allocation), rows, measure, overlapMatters ? attributedOf(base) : null);
    } catch (error) {
      if (isFairShareError(error) && error.code !== "INTERNAL") return null;
      throw error;
    }
  };
  const segments: Segment[] = [];
  const infeasible: ValueRange[] = [];
  const start = feasibleStart(range, evaluate);
  let pieces = 0;
  if (start === null) {
    infeasible.push(range);
  } else {
    for (const direction of [1, -1] as const) {
      const end = direction === 1 ? range.to : range.from;
      const walked = walk(start, end, direction, evaluate, segments);
      pieces += walked.pieces;
      if (walked.infeasibleFrom !== null) {
        const [from, to] = direction === 1 ? [walked.infeasibleFrom, end] : [end, walked.infeasibleFrom];
        infeasible.push({ from, to });
      }
    }
  }
  segments.sort((a, b) => compare(a.from, b.from));
  const holds = mergeRanges(segments.flatMap((segment) => holdsOn(segment, target))).map(reduceRange);
  const equality = mergeRanges(segments.flatMap((segment) => equalOn(segment, target))).map(reduceRange);
  const near = holds.length > 0 ? null : nearestValue(segments, target);
  const nearest = near === null ? null : { value: reduce(near.value), figure: reduce(near.figure) };
  const checks = equality
    .filter((r) => equal(r.from, r.to))
    .slice(0, 4)
    .map((r) => checkAt(r.from, request.spec, varied, target, index));
  return { target, parameter: varied, range, infeasible, holds, equality, nearest, checks, pieces, evaluations };
}

function reduceRange(range: ValueRange): ValueRange {
  return { from: reduce(range.from), to: reduce(range.to) };
}

function refuseMismatch(varied: VariedParameter, method: string): void {
  if (varied.name === "pct-gdp" && method !== "pct-gdp") {
    fail("NOT_ALLOWED", "vary", { when: "as pct-gdp with method " + method, fix: "Give --method pct-gdp." });
  }
  if (varied.name === "total" && method === "pct-gdp") {
    fail("NOT_ALLOWED", "vary", { when: "as total with method pct-gdp (the total follows)", fix: "Vary pct-gdp." });
  }
}

/** The row of the target's ally (-1 for the overlap of everyone), and its year among the allocation's. */
function targetIndex(target: Target, base: ScenarioResult): { row: number; year: number | null } {
  const rows = base.allocation.rows;
  const row = target.code === null ? -1 : rows.findIndex((r) => r.code === target.code);
  if (target.code !== null && row < 0) {
    fail("UNKNOWN_CODE", "target", {
      value: target.code,
      where: "a contributor of the scenario",
      fix: `Give one of ${rows
        .slice(0, 6)
        .map((r) => r.code)
        .join(", ")}, ...`,
    });
  }
  if (target.year === null) return { row, year: null };
  const year = base.allocation.years.indexOf(target.year);
  if (year < 0) {
    const years = base.allocation.years;
    fail("NO_YEAR", "target", {
      value: target.year,
      what: "allocation",
      years: `${years[0]} to ${years[years.length - 1]}`,
      fix: "Give a year of the allocation.",
    });
  }
  return { row, year };
}

/** What the EU instruments attribute to each row and year, exactly (zeros outside the EU). */
const attributedCache = new WeakMap<ScenarioResult, Fraction[][]>();
function attributedOf(result: ScenarioResult): Fraction[][] {
  let table = attributedCache.get(result);
  if (table === undefined) {
    table = result.overlap.rows.map((row) => row.exactAttributed.map(fromDec));
    attributedCache.set(result, table);
  }
  return table;
}

function measurer(target: Target, base: ScenarioResult, index: { row: number; year: number | null }): Measurer {
  const attributed = attributedOf(base);
  const years = BigInt(base.allocation.years.length);
  const yearsOf = (count: number): number[] => (index.year === null ? [...Array(count).keys()] : [index.year]);
  const ONE = fraction(1n);
  const overlapOf = (workings: ExactWorkings, row: number): Fraction => {
    const amount = workings.amount(row);
    let sum = FRACTION_ZERO;
    for (const j of yearsOf(workings.yearShares.length)) {
      const part = attributed[row][j];
      if (part.numerator === 0n) continue;
      const inYear = multiply(amount, workings.yearShares[j]);
      sum = add(sum, compare(inYear, part) <= 0 ? inYear : part);
    }
    return sum;
  };
  const amountOf = (workings: ExactWorkings, row: number): Fraction =>
    index.year === null ? workings.amount(row) : multiply(workings.amount(row), workings.yearShares[index.year]);
  switch (target.measure) {
    case "amount":
      return (w) => ({ numerator: amountOf(w, index.row), denominator: ONE });
    case "share":
      return (w) => ({ numerator: w.amount(index.row), denominator: w.total() });
    case "pct-gdp": {
      const gdp = contributorFigures(base).rows[index.row].gdp;
      if (gdp === null || gdp.isZero()) {
        return fail("NO_FIGURE", "target", { field: "GDP", code: target.code ?? "", fix: "Give a GDP for it." });
      }
      const perYear = index.year === null ? multiply(fromDec(gdp), fraction(years)) : fromDec(gdp);
      return (w) => ({ numerator: amountOf(w, index.row), denominator: perYear });
    }
    case "net-new":
      return (w) => ({ numerator: subtract(amountOf(w, index.row), overlapOf(w, index.row)), denominator: ONE });
    case "overlap":
      if (index.row >= 0) return (w) => ({ numerator: overlapOf(w, index.row), denominator: ONE });
      return (w) => {
        let sum = FRACTION_ZERO;
        for (let row = 0; row < attributed.length; row++) sum = add(sum, overlapOf(w, row));
        return { numerator: sum, denominator: ONE };
      };
  }
}

function probeOf(
  x: Fraction,
  workings: ExactWorkings,
  held: readonly (string | null)[],
  measure: Measurer,
  attributed: readonly Fraction[][] | null
): Probe {
  const differences: (Fraction | null)[] = [];
  const feasibility: boolean[] = [];
  const count = held.length;
  let lows = FRACTION_ZERO;
  let highs: Fraction | null = FRACTION_ZERO;
  for (let i = 0; i < count; i++) {
    const free = workings.free(i);
    const low = workings.low(i);
    const high = workings.high(i);
    lows = add(lows, low);
    highs = highs === null || high === null ? null : add(highs, high);
    differences.push(free === null ? null : subtract(free, low));
    differences.push(free === null || high === null ? null : subtract(free, high));
    differences.push(high === null ? null : subtract(high, low));
    feasibility.push(false, false, true);
    if (attributed === null) continue;
    const amount = workings.amount(i);
    workings.yearShares.forEach((share, j) => {
      const part = attributed[i][j];
      differences.push(part.numerator === 0n ? null : subtract(multiply(amount, share), part));
      feasibility.push(false);
    });
  }
  const total = workings.total();
  differences.push(subtract(total, lows));
  differences.push(highs === null ? null : subtract(highs, total));
  feasibility.push(true, true);
  return { x, held: held.join(","), differences, feasibility, measured: measure(workings) };
}

/** A value of the range where the scenario can be allocated: the ends first, then points between. */
function feasibleStart(range: ValueRange, evaluate: (x: Fraction) => Probe | null): Probe | null {
  const span = subtract(range.to, range.from);
  for (const part of [0n, 1n, 2n, 4n, 8n, 16n, 32n, 64n]) {
    const x = part === 0n ? range.to : add(range.from, divide(span, fraction(part)));
    const probe = evaluate(x);
    if (probe !== null) return probe;
  }
  const probe = evaluate(range.from);
  return probe;
}

/** The figures of a probe as one list: the differences, then the target's numerator and denominator. */
function figuresOf(probe: Probe): (Fraction | null)[] {
  return [...probe.differences, probe.measured.numerator, probe.measured.denominator];
}

/**
 * Walks from a probe to the end of the range in one direction, piece by piece, adding each piece's lines to
 * `segments`. Stops where the scenario stops being feasible.
 */
function walk(
  start: Probe,
  end: Fraction,
  direction: 1 | -1,
  evaluate: (x: Fraction) => Probe | null,
  segments: Segment[]
): { pieces: number; infeasibleFrom: Fraction | null } {
  let position = start.x;
  let anchor = figuresOf(start);
  let step = subtract(end, position);
  let pieces = 0;
  while (!equal(position, end)) {
    if (++pieces > MAX_PIECES) fail("INTERNAL", "vary", { detail: "the goal seek found too many pieces" });
    const piece = findPiece(position, anchor, step, evaluate);
    if (piece === null) return { pieces, infeasibleFrom: position };
    let pieceEnd = end;
    const roots = piece.lines.map((line, k) => (line === null || k >= piece.lines.length - 2 ? null : root(line)));
    for (const at of roots) {
      // A root beyond the last probe (by direction) and before the end.
      if (at !== null && compare(at, piece.last) * direction > 0 && compare(at, pieceEnd) * direction < 0) {
        pieceEnd = reduce(at);
      }
    }
    // Whether the limits stop adding up there (several lines may meet at the piece's end).
    const endsFeasible = roots.some((at, k) => at !== null && piece.feasibility[k] && equal(at, pieceEnd));
    const numerator = piece.lines[piece.lines.length - 2] as Line;
    const denominator = piece.lines[piece.lines.length - 1] as Line;
    const [from, to] = direction === 1 ? [position, pieceEnd] : [pieceEnd, position];
    segments.push({ from, to, numerator, denominator });
    // Where the limits stop adding up: one probe just beyond says whether the scenario is infeasible from there.
    if (endsFeasible) {
      const farther = add(pieceEnd, divide(subtract(pieceEnd, position), fraction(64n)));
      const beyond = shortestBetween(pieceEnd, nearer(farther, end, direction));
      if (evaluate(beyond) === null) return { pieces, infeasibleFrom: pieceEnd };
    }
    anchor = piece.lines.map((line) => (line === null ? null : reduce(valueAt(line, pieceEnd))));
    step = subtract(pieceEnd, position);
    position = pieceEnd;
    const rest = subtract(end, position);
    if (compare(absolute(step), absolute(rest)) > 0) step = rest;
  }
  return { pieces, infeasibleFrom: null };
}

/** The decimal with the fewest significant digits strictly between two values (in either order). */
export function shortestBetween(a: Fraction, b: Fraction): Fraction {
  const [low, high] = compare(a, b) <= 0 ? [a, b] : [b, a];
  const middle = toDecimal(divide(add(low, high), fraction(2n)));
  for (let digits = 1; digits <= 45; digits++) {
    const candidate = fromDec(middle.toSignificantDigits(digits));
    if (compare(candidate, low) > 0 && compare(candidate, high) < 0) return candidate;
  }
  return divide(add(low, high), fraction(2n));
}

function absolute(value: Fraction): Fraction {
  return value.numerator < 0n ? fraction(-value.numerator, value.denominator) : value;
}

/**
 * Three probes at position + step/2, 3/4 step and step, all feasible, with the same allies held, on one line in every
 * figure, and meeting the anchor (the figures at the position) on those lines; the step shrinks until they are. Null
 * when every probe beyond the position is infeasible.
 */
function findPiece(
  position: Fraction,
  anchor: readonly (Fraction | null)[],
  firstStep: Fraction,
  evaluate: (x: Fraction) => Probe | null
): { lines: (Line | null)[]; last: Fraction; feasibility: boolean[] } | null {
  let step = firstStep;
  let sawFeasible = false;
  for (let shrink = 0; shrink < MAX_SHRINKS; shrink++) {
    const at = (part: bigint): Fraction => add(position, multiply(step, fraction(part, 8n)));
    // Short decimals in three parts of the step: small integers keep every exact figure small.
    const probes = [
      shortestBetween(at(3n), at(5n)),
      shortestBetween(at(5n), at(7n)),
      equal(step, firstStep) ? at(8n) : shortestBetween(at(7n), at(8n)),
    ].map(evaluate);
    const [a, b, c] = probes;
    // Probes closer than the engine's decimals can tell apart: no piece can be read off them.
    if (a !== null && c !== null && (equal(a.x, c.x) || equal(a.x, position))) break;
    if (a !== null) sawFeasible = true;
    if (a !== null && b !== null && c !== null && a.held === b.held && b.held === c.held) {
      const lines = linesThrough(a, b, c, position, anchor);
      if (lines !== null) return { lines, last: c.x, feasibility: c.feasibility };
    }
    if (shrink > 40 && !sawFeasible) return null;
    step = divide(step, fraction(4n));
  }
  if (!sawFeasible) return null;
  return fail("INTERNAL", "vary", { detail: "the goal seek could not read a piece of the range off the engine" });
}

/** Every figure's line through probes a and c, when b lies on it and the anchor does too; else null. */
function linesThrough(
  a: Probe,
  b: Probe,
  c: Probe,
  position: Fraction,
  anchor: readonly (Fraction | null)[]
): (Line | null)[] | null {
  const first = figuresOf(a);
  const middle = figuresOf(b);
  const last = figuresOf(c);
  const lines: (Line | null)[] = [];
  for (let k = 0; k < first.length; k++) {
    const [u, v, w, at] = [first[k], middle[k], last[k], anchor[k]];
    if (u === null || v === null || w === null) {
      if (u !== null || v !== null || w !== null) return null;
      lines.push(null);
      continue;
    }
    const line = lineThrough(a.x, u, c.x, w);
    if (!onLine(line, b.x, v)) return null;
    // Only the target's figures must meet the previous piece: an amount before its limits can jump where the level
    // does (when everyone is held, the level is the smallest that works), and the answer rests on the target alone.
    const targetFigure = k >= first.length - 2;
    if (targetFigure && at !== null && at !== undefined && !onLine(line, position, at)) return null;
    lines.push(line);
  }
  return lines;
}

/** figure - target value: numerator - value x denominator, a line on the segment. */
function gap(segment: Segment, target: Target, x: Fraction): Fraction {
  return subtract(valueAt(segment.numerator, x), multiply(target.value, valueAt(segment.denominator, x)));
}

function gapLine(segment: Segment, target: Target): Line {
  return lineThrough(segment.from, gap(segment, target, segment.from), segment.to, gap(segment, target, segment.to));
}

function holdsSign(target: Target, value: Fraction): boolean {
  const s = sign(value);
  return target.relation === "<=" ? s <= 0 : target.relation === ">=" ? s >= 0 : s === 0;
}

/** The part of a segment where the target holds (at most one range: the gap is a line there). */
function holdsOn(segment: Segment, target: Target): ValueRange[] {
  if (equal(segment.from, segment.to)) return [];
  const atFrom = holdsSign(target, gap(segment, target, segment.from));
  const atTo = holdsSign(target, gap(segment, target, segment.to));
  if (atFrom && atTo) return [{ from: segment.from, to: segment.to }];
  const crossing = root(gapLine(segment, target));
  if (crossing === null) return [];
  if (atFrom) return [{ from: segment.from, to: crossing }];
  if (atTo) return [{ from: crossing, to: segment.to }];
  return target.relation === "=" && inside(crossing, segment) ? [{ from: crossing, to: crossing }] : [];
}

function equalOn(segment: Segment, target: Target): ValueRange[] {
  const line = gapLine(segment, target);
  if (line.slope.numerator === 0n) return line.value.numerator === 0n ? [{ from: segment.from, to: segment.to }] : [];
  const at = root(line) as Fraction;
  return inside(at, segment) ? [{ from: at, to: at }] : [];
}

function inside(x: Fraction, segment: Segment): boolean {
  return compare(x, segment.from) >= 0 && compare(x, segment.to) <= 0;
}

/** Ranges in order, those that touch or overlap joined. */
function mergeRanges(ranges: ValueRange[]): ValueRange[] {
  const sorted = [...ranges].sort((a, b) => compare(a.from, b.from));
  const merged: ValueRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && compare(range.from, last.to) <= 0) {
      merged[merged.length - 1] = { from: last.from, to: nearer(last.to, range.to, -1) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** The value where the figure comes nearest the target: an end of a segment (the gap is a line on each). */
function nearestValue(segments: readonly Segment[], target: Target): SolveResult["nearest"] {
  let best: { value: Fraction; distance: Fraction; segment: Segment } | null = null;
  for (const segment of segments) {
    for (const x of [segment.from, segment.to]) {
      const distance = absolute(gap(segment, target, x));
      if (best === null || compare(distance, best.distance) < 0) best = { value: x, distance, segment };
    }
  }
  if (best === null) return null;
  const { value, segment } = best;
  return { value, figure: divide(valueAt(segment.numerator, value), valueAt(segment.denominator, value)) };
}

/** The scenario run at the value (or, when the parameter cannot take it, at its nearest values on either side). */
function checkAt(
  value: Fraction,
  spec: ScenarioSpec,
  varied: VariedParameter,
  target: Target,
  index: { row: number; year: number | null }
): SolveResult["checks"][number] {
  const exact = takesExactly(varied, value);
  const values = exact ? [value] : neighbours(value, varied, spec);
  const at = values.map((x): CheckedValue => {
    const result = runScenario(specWith(spec, varied, x));
    const measured = measurer(target, result, index)(exactWorkings(result.allocation));
    const figure = divide(measured.numerator, measured.denominator);
    const difference = subtract(measured.numerator, multiply(target.value, measured.denominator));
    return { value: x, text: valueText(varied, x), figure: reduce(figure), holds: holdsSign(target, difference) };
  });
  return { value, exact, at };
}

/**
 * The values the parameter takes nearest a value it cannot take exactly: whole units for a total, else 15
 * significant digits.
 */
function neighbours(value: Fraction, varied: VariedParameter, spec: ScenarioSpec): Fraction[] {
  if (varied.name === "total") {
    const unit = fromDec(resolveScenario(spec).unit);
    const units = divide(value, unit);
    const below = units.numerator / units.denominator;
    return [multiply(unit, fraction(below)), multiply(unit, fraction(below + 1n))];
  }
  const decimal = toDecimal(value);
  const down = fromDec(decimal.toSignificantDigits(15, Dec.ROUND_DOWN));
  const up = fromDec(decimal.toSignificantDigits(15, Dec.ROUND_UP));
  return [down, up];
}
