import { Dec, HUNDRED, ZERO, approximate, dividerBy, maxDec, minDec, sumDec } from "./decimal";
import { fail } from "./errors";
import { controlledRounding } from "./rounding";
import { YearSplitter, nearestUnits, schedule, wholeUnits } from "./schedule";

/** One contributor as the allocation sees it: every amount already in the scenario's currency. */
export interface ContributorInput {
  readonly code: string;
  readonly name: string;
  /** Its basis value (GDP, a key, a blended share...); only its ratio to the others matters. >= 0. */
  readonly basis: Dec;
  /** Its yearly GDP in the scenario currency; needed by the percent-of-GDP method and the percent-of-GDP cap. */
  readonly gdp?: Dec;
  /** Bilateral aid in the credit window, >= 0. */
  readonly aid: Dec;
  readonly exempt: boolean;
  /** Largest share of the total it may pay, a fraction 0..1. */
  readonly maxShare?: Dec;
  /** Smallest share of the total it must pay, a fraction 0..1. */
  readonly minShare?: Dec;
}

export type AmountRule =
  /** A fixed total, split by basis shares. */
  | { readonly kind: "total"; readonly total: Dec }
  /** Each contributor pays a percent of its GDP every year; the total follows. */
  | { readonly kind: "percentOfGdp"; readonly percent: Dec };

export interface AllocationRequest {
  readonly contributors: readonly ContributorInput[];
  readonly amount: AmountRule;
  readonly startYear: number;
  /** Raw yearly weights, one per year (see profileWeights). */
  readonly yearWeights: readonly Dec[];
  /** Fraction 0..1 of each contributor's aid that counts toward its share. */
  readonly credit: Dec;
  /** Largest yearly payment as a percent of the contributor's GDP. */
  readonly maxPercentOfGdpPerYear?: Dec;
  /** Rounding unit in the scenario currency, > 0. */
  readonly unit: Dec;
}

/** Why a contributor pays what it pays. */
export type Constraint = "exempt" | "cap" | "floor" | "credit" | "none";

export interface AllocationRow {
  readonly code: string;
  readonly name: string;
  /** Its basis share among the contributors who pay (0 when exempt). */
  readonly basisShare: Dec;
  /** The credit for its aid: credit fraction x aid. */
  readonly aidCredit: Dec;
  /** Exact amount over all years, before rounding. */
  readonly exact: Dec;
  /** Exact amount / exact total. */
  readonly share: Dec;
  /** Rounded amount over all years: a whole number of units. */
  readonly total: Dec;
  /** The same in rounding units. */
  readonly totalUnits: number;
  readonly exactByYear: Dec[];
  readonly byYear: Dec[];
  /** The same in rounding units. */
  readonly byYearUnits: number[];
  readonly constraint: Constraint;
}

export interface Allocation {
  readonly unit: Dec;
  readonly years: number[];
  /** The rounded total (equal to the requested total for a fixed total). */
  readonly total: Dec;
  readonly exactTotal: Dec;
  /** Rounded yearly tranches: the column sums of the table. */
  readonly tranches: Dec[];
  readonly exactTranches: Dec[];
  /** Rows in the order the contributors were given. */
  readonly rows: AllocationRow[];
  /**
   * The level L of the solution allocation_i = clamp(s_i * L - credit_i, floor_i, cap_i): the total the unconstrained
   * contributors' shares are taken of. Null for the percent-of-GDP rule.
   */
  readonly level: Dec | null;
}

interface Limits {
  readonly low: Dec;
  /** Null: no upper limit. */
  readonly high: Dec | null;
}

/**
 * Splits the amount among the contributors, exactly, then rounds the contributor x year table to the unit with every
 * total kept (see rounding.ts).
 *
 * Fixed total T: allocation_i = clamp(s_i * L - c * A_i, floor_i, cap_i), with s_i the basis share, c * A_i the aid
 * credit, floor_i = minShare_i * T, cap_i the tighter of maxShare_i * T and the percent-of-GDP cap, exempt contributors
 * held at 0, and L the one level at which the allocations add up to T. Everyone not held at a limit pays in proportion
 * to its basis, so a shortfall left by credits, caps or exemptions is re-spread in proportion to the basis shares.
 *
 * Percent of GDP p: allocation_i = clamp(p% * GDP_i * years - c * A_i, 0, cap_i); the total is their sum, rounded to
 * the unit.
 */
export function allocate(request: AllocationRequest): Allocation {
  const { contributors, unit } = request;
  const years = request.yearWeights.map((_, index) => request.startYear + index);
  const basisSum = sumDec(contributors.filter((c) => !c.exempt).map((c) => c.basis));
  const credits = contributors.map((c) =>
    request.credit.isZero() || c.aid.isZero() ? ZERO : c.aid.times(request.credit)
  );
  const gdpCaps = percentOfGdpCaps(request);

  let solved: Clamped[];
  let level: Dec | null = null;
  let totalUnits: number;
  if (request.amount.kind === "total") {
    const total = request.amount.total;
    totalUnits = wholeUnits(total, unit, "total");
    if (basisSum.isZero())
      fail("ALL_ZERO", "basis", {
        what: "contributor who pays",
        fix: "Give at least one paying contributor a basis above 0.",
      });
    const payingBasis = contributors.map((c) => (c.exempt ? ZERO : c.basis));
    const limits = contributors.map((c, i) => shareLimits(c, total, gdpCaps[i], payingBasis[i]));
    checkFeasible(contributors, limits, total);
    const solution = solveLevel(payingBasis, credits, limits, total);
    level = solution.perBasisUnit.times(basisSum);
    solved = solution.amounts;
  } else {
    const percent = request.amount.percent;
    const yearCount = new Dec(years.length);
    solved = contributors.map((c, i) => {
      if (c.exempt) return { amount: ZERO, at: "high" };
      const gdp = c.gdp ?? fail("NO_FIGURE", "pct-gdp", { field: "GDP", code: c.code, fix: "Give a GDP for it." });
      const target = gdp.times(percent).div(HUNDRED).times(yearCount).minus(credits[i]);
      return clamp(target, { low: ZERO, high: gdpCaps[i] });
    });
    totalUnits = nearestUnits(sumDec(solved.map((s) => s.amount)), unit, "unit");
  }
  const exact = solved.map((s) => s.amount);
  const constraints = contributors.map((c, i) => describeConstraint(c, solved[i], credits[i]));

  const splitter = new YearSplitter(request.yearWeights);
  // A fixed total is its own exact sum; adding the shares back would only add precision noise.
  const exactTotal = request.amount.kind === "total" ? request.amount.total : sumDec(exact);
  const roundedTotal = unit.times(totalUnits);
  const inUnits = dividerBy(unit);
  const exactUnits = exact.map(inUnits);
  const plannedTranches = schedule(roundedTotal, request.yearWeights, request.startYear, unit);
  // The rounding breaks ties (equal fractions) by row position: give it the rows in code order, so the order the
  // contributors were listed in cannot change anyone's rounded amount.
  const order = contributors.map((_, i) => i);
  order.sort((a, b) => compareCodes(contributors[a].code, contributors[b].code) || a - b);
  const rowOf: number[] = [];
  order.forEach((i, position) => (rowOf[i] = position));
  const table = controlledRounding({
    cells: order.map((i) => splitter.split(exactUnits[i])),
    rowTotals: order.map((i) => exactUnits[i]),
    columnTotals: splitter.split(inUnits(exactTotal)),
    grandTotal: totalUnits,
    preferredColumnTotals: plannedTranches.units,
  });

  const rows = contributors.map(
    (c, i) =>
      new LazyRow(c, basisSum, credits[i], exact[i], exactTotal, constraints[i], {
        unit,
        splitter,
        totalUnits: table.rowTotals[rowOf[i]],
        byYearUnits: table.cells[rowOf[i]],
      })
  );
  return {
    unit,
    years,
    total: roundedTotal,
    exactTotal,
    tranches: table.columnTotals.map((units) => unit.times(units)),
    exactTranches: splitter.split(exactTotal),
    rows,
    level,
  };
}

/** A row whose figures few callers read (shares, per-year decimals) are worked out on first use, once. */
class LazyRow implements AllocationRow {
  readonly code: string;
  readonly name: string;
  readonly totalUnits: number;
  readonly byYearUnits: number[];
  private cachedBasisShare?: Dec;
  private cachedShare?: Dec;
  private cachedTotal?: Dec;
  private cachedExactByYear?: Dec[];
  private cachedByYear?: Dec[];

  constructor(
    private readonly contributor: ContributorInput,
    private readonly basisSum: Dec,
    readonly aidCredit: Dec,
    readonly exact: Dec,
    private readonly exactTotal: Dec,
    readonly constraint: Constraint,
    private readonly rounded: { unit: Dec; splitter: YearSplitter; totalUnits: number; byYearUnits: number[] }
  ) {
    this.code = contributor.code;
    this.name = contributor.name;
    this.totalUnits = rounded.totalUnits;
    this.byYearUnits = rounded.byYearUnits;
  }

  get basisShare(): Dec {
    const { exempt, basis } = this.contributor;
    return (this.cachedBasisShare ??= exempt || this.basisSum.isZero() ? ZERO : basis.div(this.basisSum));
  }

  get share(): Dec {
    return (this.cachedShare ??= this.exactTotal.isZero() ? ZERO : this.exact.div(this.exactTotal));
  }

  get total(): Dec {
    return (this.cachedTotal ??= this.rounded.unit.times(this.totalUnits));
  }

  get exactByYear(): Dec[] {
    return (this.cachedExactByYear ??= this.rounded.splitter.split(this.exact));
  }

  get byYear(): Dec[] {
    return (this.cachedByYear ??= this.byYearUnits.map((units) => this.rounded.unit.times(units)));
  }
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The per-contributor cap from the largest yearly percent of GDP: in the heaviest year, amount * w_max <= p% * GDP. */
function percentOfGdpCaps(request: AllocationRequest): (Dec | null)[] {
  const percent = request.maxPercentOfGdpPerYear;
  if (percent === undefined) return request.contributors.map(() => null);
  const weights = request.yearWeights;
  const heaviestYearFraction = weights.reduce(maxDec, ZERO).div(sumDec(weights));
  return request.contributors.map((c) => {
    const gdp = c.gdp ?? fail("NO_FIGURE", "max-pct-gdp", { field: "GDP", code: c.code, fix: "Give a GDP for it." });
    return gdp.times(percent).div(HUNDRED).div(heaviestYearFraction);
  });
}

function shareLimits(c: ContributorInput, total: Dec, gdpCap: Dec | null, payingBasis: Dec): Limits {
  if (c.exempt) return { low: ZERO, high: ZERO };
  const low = c.minShare ? c.minShare.times(total) : ZERO;
  let high: Dec | null = c.maxShare ? c.maxShare.times(total) : null;
  if (gdpCap !== null) high = high === null ? gdpCap : minDec(high, gdpCap);
  // A contributor with no basis pays no more than its floor.
  if (payingBasis.isZero()) high = high === null ? low : minDec(high, low);
  return { low, high };
}

function checkFeasible(contributors: readonly ContributorInput[], limits: readonly Limits[], total: Dec): void {
  limits.forEach((limit, i) => {
    if (limit.high !== null && limit.low.gt(limit.high)) {
      fail("CAP_BELOW_FLOOR", "floor", {
        code: contributors[i].code,
        max: limit.high.toSignificantDigits(12).toFixed(),
        min: limit.low.toSignificantDigits(12).toFixed(),
      });
    }
  });
  const floors = sumDec(limits.map((limit) => limit.low));
  if (floors.gt(total)) {
    fail("FLOORS_TOO_HIGH", "floor", { floors: floors.toSignificantDigits(12).toFixed(), total: total.toFixed() });
  }
  if (limits.every((limit) => limit.high !== null)) {
    const capacity = sumDec(limits.map((limit) => limit.high as Dec));
    if (capacity.lt(total)) {
      const binding = contributors
        .map((c, i) =>
          c.exempt ? `${c.code} exempt` : c.maxShare || limits[i].high !== null ? `${c.code} capped` : ""
        )
        .filter(Boolean)
        .slice(0, 6)
        .join(", ");
      // Without a share cap, only the percent-of-GDP cap can have limited everyone: name the input the user gave.
      fail("CAPS_TOO_LOW", contributors.some((c) => c.maxShare) ? "cap" : "max-pct-gdp", {
        capacity: capacity.toSignificantDigits(12).toFixed(),
        total: total.toFixed(),
        binding,
      });
    }
  }
}

/** An amount and the limit it was held at, if any. */
interface Clamped {
  readonly amount: Dec;
  readonly at: "low" | "high" | null;
}

function clamp(value: Dec, { low, high }: Limits): Clamped {
  if (high !== null && value.gte(high)) return { amount: high, at: "high" };
  if (value.lte(low)) return { amount: low, at: "low" };
  return { amount: value, at: null };
}

interface LevelSolution {
  /** M = L / sum(basis): amount_i = clamp(basis_i * M - credit_i, low_i, high_i). */
  readonly perBasisUnit: Dec;
  readonly amounts: Clamped[];
}

/**
 * Finds M with sum_i clamp(basis_i * M - credit_i, low_i, high_i) = T. The sum is continuous, non-decreasing and
 * linear between breakpoints, so once we know who is held at a limit, M follows from one division. A float64 pass
 * guesses who is held; the exact pass checks the guess and corrects it (each correction moves to the true segment's
 * neighbourhood); if that has not settled after a few rounds, an exact sweep over all breakpoints decides.
 */
function solveLevel(
  basis: readonly Dec[],
  credits: readonly Dec[],
  limits: readonly Limits[],
  total: Dec
): LevelSolution {
  let held = guessHeld(basis, credits, limits, total);
  for (let round = 0; round < 4; round++) {
    const level = levelFor(held, basis, credits, limits, total);
    if (level === null) break;
    const amounts = basis.map((b, i) => clamp(unclamped(b, level, credits[i]), limits[i]));
    if (amounts.every((amount, i) => amount.at === held[i])) return { perBasisUnit: level, amounts };
    held = amounts.map((amount) => amount.at);
  }
  const level = sweepLevel(basis, credits, limits, total);
  return { perBasisUnit: level, amounts: basis.map((b, i) => clamp(unclamped(b, level, credits[i]), limits[i])) };
}

type Held = Clamped["at"];

/** basis * M - credit, before the limits. */
function unclamped(basis: Dec, level: Dec, credit: Dec): Dec {
  const amount = basis.isZero() ? ZERO : basis.times(level);
  return credit.isZero() ? amount : amount.minus(credit);
}

/** M for a given set of held contributors, or null when nobody is free to move. */
function levelFor(
  held: readonly Held[],
  basis: readonly Dec[],
  credits: readonly Dec[],
  limits: readonly Limits[],
  total: Dec
): Dec | null {
  let fixed = ZERO;
  let slope = ZERO;
  let offset = ZERO;
  held.forEach((at, i) => {
    if (at === "low") fixed = limits[i].low.isZero() ? fixed : fixed.plus(limits[i].low);
    else if (at === "high") fixed = fixed.plus(limits[i].high as Dec);
    else {
      slope = slope.plus(basis[i]);
      offset = credits[i].isZero() ? offset : offset.plus(credits[i]);
    }
  });
  return slope.isZero() ? null : total.minus(fixed).plus(offset).div(slope);
}

/** Who is held at a limit, by the same sweep as sweepLevel in float64: a guess only. */
function guessHeld(basis: readonly Dec[], credits: readonly Dec[], limits: readonly Limits[], total: Dec): Held[] {
  const b = basis.map(approximate);
  const c = credits.map(approximate);
  const low = limits.map((limit) => approximate(limit.low));
  const high = limits.map((limit) => (limit.high === null ? Infinity : approximate(limit.high)));
  const target = approximate(total);
  const events: { at: number; index: number; entering: boolean }[] = [];
  let fixed = 0;
  b.forEach((value, index) => {
    fixed += low[index];
    if (value <= 0 || high[index] <= low[index]) return;
    events.push({ at: (low[index] + c[index]) / value, index, entering: true });
    if (high[index] !== Infinity) events.push({ at: (high[index] + c[index]) / value, index, entering: false });
  });
  events.sort((x, y) => x.at - y.at);
  let slope = 0;
  let offset = 0;
  let level = Infinity;
  for (const event of events) {
    if (fixed + slope * event.at - offset >= target) {
      level = slope > 0 ? (target - fixed + offset) / slope : event.at;
      break;
    }
    const { index } = event;
    const sign = event.entering ? 1 : -1;
    fixed += event.entering ? -low[index] : high[index];
    slope += sign * b[index];
    offset += sign * c[index];
  }
  if (level === Infinity && slope > 0) level = (target - fixed + offset) / slope;
  return b.map((value, i) => {
    const amount = value * level - c[i];
    return amount >= high[i] ? "high" : amount <= low[i] ? "low" : null;
  });
}

/** The exact sweep over all breakpoints: slower, never wrong. */
function sweepLevel(basis: readonly Dec[], credits: readonly Dec[], limits: readonly Limits[], total: Dec): Dec {
  const events: { at: Dec; index: number; entering: boolean }[] = [];
  let fixedSum = ZERO;
  basis.forEach((b, index) => {
    const { low, high } = limits[index];
    fixedSum = fixedSum.plus(low);
    if (b.isZero() || (high !== null && high.eq(low))) return;
    events.push({ at: low.plus(credits[index]).div(b), index, entering: true });
    if (high !== null) events.push({ at: high.plus(credits[index]).div(b), index, entering: false });
  });
  events.sort((a, b) => a.at.comparedTo(b.at) || Number(b.entering) - Number(a.entering));

  let slope = ZERO;
  let offset = ZERO;
  for (const event of events) {
    const sumAtEvent = fixedSum.plus(slope.times(event.at)).minus(offset);
    if (sumAtEvent.gte(total)) {
      return slope.isZero() ? event.at : total.minus(fixedSum).plus(offset).div(slope);
    }
    const { low, high } = limits[event.index];
    if (event.entering) {
      fixedSum = fixedSum.minus(low);
      slope = slope.plus(basis[event.index]);
      offset = offset.plus(credits[event.index]);
    } else {
      fixedSum = fixedSum.plus(high as Dec);
      slope = slope.minus(basis[event.index]);
      offset = offset.minus(credits[event.index]);
    }
  }
  if (slope.isZero()) return fail("INTERNAL", "cap", { detail: "no level meets the total" });
  return total.minus(fixedSum).plus(offset).div(slope);
}

function describeConstraint(c: ContributorInput, solved: Clamped, credit: Dec): Constraint {
  if (c.exempt) return "exempt";
  // No basis: shareLimits holds it at its floor (as its "cap"), so only a floor can explain what it pays.
  if (c.basis.isZero()) return solved.amount.gt(0) ? "floor" : "none";
  if (solved.at === "high") return "cap";
  if (solved.at === "low") return solved.amount.gt(0) ? "floor" : credit.gt(0) ? "credit" : "none";
  return "none";
}
