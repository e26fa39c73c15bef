import { Dec, ZERO, maxDec, sumDec } from "./decimal";
import { fail } from "./errors";
import { scaledFraction, type Fraction } from "./fraction";
import {
  SCALED_ZERO,
  approximateRatio,
  compareFractions,
  numeratorAt,
  pow10,
  scaled,
  times,
  toDec,
  toDecScaled,
  toNumberRounded,
  type Scaled,
} from "./rational";
import { roundRankOneTable } from "./rounding";
import { MAX_UNITS, integerWeights, nearestUnitsOf, scheduleUnits } from "./schedule";

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
  /** Each contributor pays a share of its GDP every year (a fraction: 0.0025 is 0.25%); the total follows. */
  | { readonly kind: "shareOfGdp"; readonly share: Dec };

export interface AllocationRequest {
  readonly contributors: readonly ContributorInput[];
  readonly amount: AmountRule;
  readonly startYear: number;
  /** Raw yearly weights, one per year (see profileWeights). */
  readonly yearWeights: readonly Dec[];
  /** Fraction 0..1 of each contributor's aid that counts toward its share. */
  readonly credit: Dec;
  /**
   * The credit exactly, when it has no finite decimal (a credit of 1/3, the credit at which a goal holds): then it is
   * the credit, and `credit` is only its nearest decimal, for reading.
   */
  readonly exactCredit?: Fraction;
  /** Largest yearly payment as a share of the contributor's GDP, a fraction (0.0025 is 0.25%). */
  readonly maxShareOfGdpPerYear?: Dec;
  /** Rounding unit in the scenario currency, > 0. */
  readonly unit: Dec;
}

/** Why a contributor pays what it pays. */
export type Constraint = "exempt" | "cap" | "floor" | "credit" | "none";

/**
 * Which rule sets a contributor's limit: its floor (minShare), its cap (maxShare), the percent-of-GDP cap
 * (maxShareOfGdpPerYear on its heaviest year), its exemption (both limits 0), or having no basis (it pays no more than
 * its floor). Null: no rule, so the lower limit is 0 and there is no upper limit.
 */
export type LimitRule = "floor" | "cap" | "max-pct-gdp" | "exempt" | "no-basis";

/** Where the solve left a contributor: held at its lower or its upper limit, or free (null). */
export type Held = "lower" | "upper" | null;

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
  /** The same as a float64, share.toNumber(), made without the decimal (what a cell shows). */
  readonly shareNumber: number;
  /** Rounded amount over all years: a whole number of units. */
  readonly total: Dec;
  /** The same in rounding units. */
  readonly totalUnits: number;
  readonly exactByYear: Dec[];
  readonly byYear: Dec[];
  /** The same in rounding units. */
  readonly byYearUnits: number[];
  readonly constraint: Constraint;
  /** The least it pays over all years (its floor as an amount; 0 without one). */
  readonly lowerLimit: Dec;
  readonly lowerRule: LimitRule | null;
  /** The most it pays over all years (the tightest of its upper limits), or null for none. */
  readonly upperLimit: Dec | null;
  readonly upperRule: LimitRule | null;
  /** Where the solve ended: at which limit it is held (the active set), or free. */
  readonly held: Held;
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
   * contributors' shares are taken of; the smallest such level when several give the same amounts. Null for the
   * percent-of-GDP rule, and when the floors alone take the whole total (every level gives the same amounts).
   */
  readonly level: Dec | null;
  /** The sum of the year weights, and the heaviest year's share of it (w_max / W: the percent-of-GDP cap binds there). */
  readonly yearWeightSum: Dec;
  readonly heaviestYearShare: Dec;
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
 * Share of GDP p (a fraction): allocation_i = clamp(p * GDP_i * years - c * A_i, 0, cap_i); the total is their sum,
 * rounded to the unit.
 *
 * Exact throughout: the inputs are read once into integers (every amount a numerator over one common denominator Q of
 * the scenario, bases and weights integers), every amount of the solution is an integer over Q x R (R from the level),
 * and decimals are made only for the figures a caller reads.
 */
export function allocate(request: AllocationRequest): Allocation {
  const { contributors, unit } = request;
  const years = request.yearWeights.map((_, index) => request.startYear + index);
  const weights = integerWeights(request.yearWeights);
  if (weights.sum === 0n)
    fail("ALL_ZERO", "profile", { what: "year", fix: "Give at least one year a weight above 0." });
  let heaviest = 0n;
  for (const weight of weights.weights) if (weight > heaviest) heaviest = weight;

  // Every amount as an exact decimal first (coefficient x 10^exponent), then all over one common denominator.
  const count = contributors.length;
  // A credit p/q: its numerator p as a decimal, and q folded into the common denominator Q below.
  const creditFraction = request.exactCredit ?? null;
  const creditOver = creditFraction === null ? 1n : creditFraction.denominator;
  const credit = scaled(creditFraction === null ? request.credit : new Dec(creditFraction.numerator.toString()));
  const total = request.amount.kind === "total" ? scaled(request.amount.total) : SCALED_ZERO;
  const shareOfGdp = request.amount.kind === "shareOfGdp" ? scaled(request.amount.share) : null;
  const maxShareOfGdp = request.maxShareOfGdpPerYear === undefined ? null : scaled(request.maxShareOfGdpPerYear);
  const unitScaled = scaled(unit);
  const yearCount = BigInt(years.length);
  // Each aid as read (0 without a credit): its credit is the credit x it, multiplied out only where it is needed.
  const aids: Scaled[] = new Array<Scaled>(count);
  const floors: Scaled[] = new Array<Scaled>(count);
  const caps: (Scaled | null)[] = new Array<Scaled | null>(count);
  // p x GDP: the yearly limit; the total cap is that over the heaviest year's fraction w_max / W.
  const gdpLimits: (Scaled | null)[] = new Array<Scaled | null>(count);
  // Share of GDP: p x GDP x years, before the credit.
  const targets: (Scaled | null)[] = new Array<Scaled | null>(count);
  let exponent = lowerExponent(lowerExponent(Infinity, total), unitScaled);
  for (let i = 0; i < count; i++) {
    const c = contributors[i];
    const aid = credit.coefficient === 0n || c.aid.isZero() ? SCALED_ZERO : scaled(c.aid);
    aids[i] = aid;
    gdpLimits[i] = maxShareOfGdp === null ? null : times(gdpOf(c, "max-pct-gdp"), maxShareOfGdp);
    floors[i] = c.minShare ? times(scaled(c.minShare), total) : SCALED_ZERO;
    caps[i] = c.maxShare ? times(scaled(c.maxShare), total) : null;
    let target: Scaled | null = null;
    if (shareOfGdp !== null && !c.exempt) {
      const yearly = times(gdpOf(c, "pct-gdp"), shareOfGdp);
      target = { coefficient: yearly.coefficient * yearCount, exponent: yearly.exponent };
    }
    targets[i] = target;
    if (aid.coefficient !== 0n && credit.exponent + aid.exponent < exponent) exponent = credit.exponent + aid.exponent;
    exponent = lowerExponent(exponent, gdpLimits[i]);
    exponent = lowerExponent(exponent, floors[i]);
    exponent = lowerExponent(exponent, caps[i]);
    exponent = lowerExponent(exponent, target);
  }
  if (exponent === Infinity) exponent = 0;
  // Q = 10^-exponent x scale; the percent-of-GDP caps bring w_max into it, a fractional credit its denominator.
  const baseScale = maxShareOfGdp === null || heaviest === 0n ? 1n : heaviest;
  const scale = baseScale * creditOver;
  const numerator = (value: Scaled): bigint =>
    scale === 1n ? numeratorAt(value, exponent) : numeratorAt(value, exponent) * scale;
  const amounts: Amounts = { exponent, scale };
  const U = numerator(unitScaled);
  const C: bigint[] = new Array<bigint>(count);
  const gdpCaps: (bigint | null)[] = new Array<bigint | null>(count);
  for (let i = 0; i < count; i++) {
    // The credit x aid is q x the aid's credit: over Q it takes the scale without q.
    const credited = creditNumerator(credit, aids[i], exponent);
    C[i] = baseScale === 1n ? credited : credited * baseScale;
    const limit = gdpLimits[i];
    gdpCaps[i] = limit === null ? null : numeratorAt(limit, exponent) * weights.sum * creditOver;
  }

  let solved: Solution;
  // Each row's amount before its limits, over the solution's denominator: basis x level - credit (null: none).
  let freeOf: (index: number) => bigint | null = () => null;
  let totalUnits: number;
  // The exact amounts' sum, over the solution's denominator.
  let exactSum: bigint;
  // Each contributor's limits over Q, and the rule that sets each.
  const limits: Limits[] = new Array<Limits>(count);
  const lowerRules: (LimitRule | null)[] = new Array<LimitRule | null>(count);
  const upperRules: (LimitRule | null)[] = new Array<LimitRule | null>(count);
  if (request.amount.kind === "total") {
    const T = numerator(total);
    totalUnits = wholeUnitsOf(T, U, request.amount.total, unit);
    const B = basisNumerators(contributors);
    for (let i = 0; i < count; i++) {
      if (contributors[i].exempt) {
        limits[i] = HELD_AT_ZERO;
        lowerRules[i] = upperRules[i] = "exempt";
        continue;
      }
      const low = numerator(floors[i]);
      lowerRules[i] = contributors[i].minShare ? "floor" : null;
      const cap = caps[i];
      let high = cap === null ? null : numerator(cap);
      let upperRule: LimitRule | null = cap === null ? null : "cap";
      const gdpCap = gdpCaps[i];
      if (gdpCap !== null && (high === null || gdpCap < high)) {
        high = gdpCap;
        upperRule = "max-pct-gdp";
      }
      // A contributor with no basis pays no more than its floor.
      if (B[i] === 0n && (high === null || low < high)) {
        high = low;
        upperRule = "no-basis";
      }
      limits[i] = low === 0n && high === null ? UNLIMITED : { low, high };
      upperRules[i] = upperRule;
    }
    checkFeasible(contributors, limits, T, request.amount.total, amounts);
    const found = (solved = solveTotal(B, C, limits, T));
    exactSum = T * solved.denominator;
    freeOf = (i) =>
      found.level === null || contributors[i].exempt ? null : B[i] * found.level.numerator - C[i] * found.denominator;
  } else {
    const X = contributors.map((_, i): bigint => {
      const target = targets[i];
      return target === null ? 0n : numerator(target) - C[i];
    });
    const at = X.map((value, i): Held => {
      if (targets[i] === null) return "upper";
      const cap = gdpCaps[i];
      return cap !== null && value >= cap ? "upper" : value <= 0n ? "lower" : null;
    });
    const amountsX = X.map((value, i) =>
      at[i] === "upper" ? (targets[i] === null ? 0n : (gdpCaps[i] as bigint)) : at[i] === "lower" ? 0n : value
    );
    for (let i = 0; i < count; i++) {
      const exempt = targets[i] === null;
      limits[i] = { low: 0n, high: exempt ? 0n : gdpCaps[i] };
      lowerRules[i] = exempt ? "exempt" : null;
      upperRules[i] = exempt ? "exempt" : gdpCaps[i] === null ? null : "max-pct-gdp";
    }
    solved = { amounts: amountsX, at, denominator: 1n, level: null };
    freeOf = (i) => (targets[i] === null ? null : X[i]);
    exactSum = amountsX.reduce((a, b) => a + b, 0n);
    totalUnits = nearestUnitsOf(exactSum, U);
  }

  // Row order for the rounding's ties: code order, so the order the contributors were listed in cannot matter.
  const order = codeOrder(contributors);
  const rowOf: number[] = new Array<number>(order.length);
  const ordered: bigint[] = new Array<bigint>(order.length);
  for (let position = 0; position < order.length; position++) {
    rowOf[order[position]] = position;
    ordered[position] = solved.amounts[order[position]];
  }
  const X = solved.amounts;
  // In units, cell (i, j) is X_i / (R Q) x w_j / W / (U / Q) = X_i w_j / (R U W).
  const table = roundRankOneTable(
    ordered,
    solved.denominator * U,
    weights.weights,
    weights.sum,
    totalUnits,
    scheduleUnits(totalUnits, weights.weights, weights.sum),
    exactSum
  );
  // Few callers read the basis shares: their decimal sum is made on first use.
  let basisSumDec: Dec | undefined;
  const basisSum = (): Dec =>
    (basisSumDec ??= contributors.reduce((sum, c) => (c.exempt ? sum : sum.plus(c.basis)), ZERO));
  const exactOf = (value: bigint, extraDenominator = 1n): Dec =>
    toDecScaled(value, solved.denominator * scale * extraDenominator, exponent);
  const exactTotal = request.amount.kind === "total" ? request.amount.total : exactOf(exactSum);

  const rowFigures: RowFigures = {
    basisSum,
    credit,
    aids,
    creditOver,
    limits,
    lowerRules,
    upperRules,
    amountOf: (value) => amountDec(value, amounts),
    amounts: X,
    exactSum,
    exactOf,
    weights: weights.weights,
    weightSum: weights.sum,
    unit,
  };
  const rows: AllocationRow[] = new Array<AllocationRow>(count);
  for (let i = 0; i < count; i++) {
    const c = contributors[i];
    const constraint = describeConstraint(c, X[i], solved.at[i], C[i]);
    // An exempt contributor pays 0 at both its limits: say it is held at the upper one, whatever its credit.
    const held = c.exempt ? "upper" : solved.at[i];
    rows[i] = new LazyRow(c, i, rowFigures, constraint, held, table.rowTotals[rowOf[i]], table.cells[rowOf[i]]);
  }
  const level = solved.level;
  return new LazyAllocation({
    unit,
    years,
    totalUnits,
    exactTotal,
    tranchesUnits: table.columnTotals,
    exactTranches: () => weights.weights.map((weight) => exactOf(exactSum * weight, weights.sum)),
    rows,
    level: () => (level === null ? null : exactOf(level.bases.reduce((sum, b) => sum + b, 0n) * level.numerator)),
    yearWeights: request.yearWeights,
    // Read by the goal seek only: made on first use, so an allocation pays nothing for it.
    workings: () => ({
      amount: (i) => scaledFraction(X[i], solved.denominator * scale, exponent),
      free: (i) => {
        const value = freeOf(i);
        return value === null ? null : scaledFraction(value, solved.denominator * scale, exponent);
      },
      low: (i) => scaledFraction(limits[i].low, scale, exponent),
      high: (i) => {
        const high = limits[i].high;
        return high === null ? null : scaledFraction(high, scale, exponent);
      },
      total: () => scaledFraction(exactSum, solved.denominator * scale, exponent),
      yearShares: weights.weights.map((weight) => scaledFraction(weight, weights.sum, 0)),
    }),
  });
}

/**
 * An allocation's figures as exact fractions, where its decimals (Allocation) may be rounded at the engine's
 * precision: what the goal seek reads and interpolates. Rows by index, in the order of the request.
 */
export interface ExactWorkings {
  /** The row's exact amount over all years. */
  readonly amount: (index: number) => Fraction;
  /** Its amount before its limits (basis x level - credit); null when no level decides it, or it is exempt. */
  readonly free: (index: number) => Fraction | null;
  /** Its lower and upper limits (null: none). */
  readonly low: (index: number) => Fraction;
  readonly high: (index: number) => Fraction | null;
  /** The exact total. */
  readonly total: () => Fraction;
  /** Each year's weight over the weights' sum: a year's exact amount is the amount times it. */
  readonly yearShares: readonly Fraction[];
}

/** The exact workings of an allocation allocate() made. */
export function exactWorkings(allocation: Allocation): ExactWorkings {
  if (allocation instanceof LazyAllocation) return allocation.workings;
  return fail("INTERNAL", "allocation", { detail: "not an allocation of allocate()" });
}

/** credit x aid x 10^-exponent, an integer: the product's numerator over the common power of ten. */
function creditNumerator(credit: Scaled, aid: Scaled, exponent: number): bigint {
  if (aid.coefficient === 0n) return 0n;
  const shift = credit.exponent + aid.exponent - exponent;
  const product = credit.coefficient * aid.coefficient;
  return shift === 0 ? product : product * pow10(shift);
}

/** The smaller of an exponent and a value's exponent; zeros and missing values have none. */
function lowerExponent(exponent: number, value: Scaled | null): number {
  return value !== null && value.coefficient !== 0n && value.exponent < exponent ? value.exponent : exponent;
}

/** A contributor's GDP, which the parameter named needs. */
function gdpOf(c: ContributorInput, parameter: "pct-gdp" | "max-pct-gdp"): Scaled {
  if (!c.gdp) return fail("NO_FIGURE", parameter, { field: "GDP", code: c.code, fix: "Give a GDP for it." });
  return scaled(c.gdp);
}

/** How the exact figures are turned into decimals: value = numerator x 10^exponent / scale. */
interface Amounts {
  readonly exponent: number;
  readonly scale: bigint;
}

/** An exact amount over the common denominator as a decimal (for messages). */
function amountDec(value: bigint, { exponent, scale }: Amounts): Dec {
  return toDecScaled(value, scale, exponent);
}

/** The total in whole units, failing as the schedule does when it is not whole or too large. */
function wholeUnitsOf(total: bigint, unit: bigint, totalDec: Dec, unitDec: Dec): number {
  if (total % unit !== 0n) {
    fail("NOT_A_MULTIPLE_OF_UNIT", "total", { value: totalDec.toFixed(), unit: unitDec.toFixed() });
  }
  const units = total / unit;
  if (units > BigInt(MAX_UNITS)) fail("TOO_MANY_UNITS", "total", { units: units.toString(), max: MAX_UNITS });
  return Number(units);
}

interface LazyAllocationParts {
  readonly unit: Dec;
  readonly years: number[];
  readonly totalUnits: number;
  readonly exactTotal: Dec;
  readonly tranchesUnits: number[];
  readonly exactTranches: () => Dec[];
  readonly rows: AllocationRow[];
  readonly level: () => Dec | null;
  readonly yearWeights: readonly Dec[];
  readonly workings: () => ExactWorkings;
}

/** The allocation's decimals are made when first read, once. */
class LazyAllocation implements Allocation {
  readonly unit: Dec;
  readonly years: number[];
  readonly exactTotal: Dec;
  readonly rows: AllocationRow[];
  private cachedTotal?: Dec;
  private cachedTranches?: Dec[];
  private cachedExactTranches?: Dec[];
  private cachedLevel?: Dec | null;

  private cachedWorkings?: ExactWorkings;

  constructor(private readonly parts: LazyAllocationParts) {
    this.unit = parts.unit;
    this.years = parts.years;
    this.exactTotal = parts.exactTotal;
    this.rows = parts.rows;
  }

  get total(): Dec {
    return (this.cachedTotal ??= this.unit.times(this.parts.totalUnits));
  }

  get tranches(): Dec[] {
    return (this.cachedTranches ??= this.parts.tranchesUnits.map((units) => this.unit.times(units)));
  }

  get exactTranches(): Dec[] {
    return (this.cachedExactTranches ??= this.parts.exactTranches());
  }

  get workings(): ExactWorkings {
    return (this.cachedWorkings ??= this.parts.workings());
  }

  get level(): Dec | null {
    if (this.cachedLevel === undefined) this.cachedLevel = this.parts.level();
    return this.cachedLevel;
  }

  get yearWeightSum(): Dec {
    return sumDec(this.parts.yearWeights);
  }

  get heaviestYearShare(): Dec {
    return this.parts.yearWeights.reduce(maxDec, ZERO).div(this.yearWeightSum);
  }
}

/** What every row's figures are made from: the row reads its own entries. */
interface RowFigures {
  readonly basisSum: () => Dec;
  /** q x each row's credit, for a credit p/q (q is 1 for a decimal credit). */
  readonly credit: Scaled;
  readonly aids: readonly Scaled[];
  readonly creditOver: bigint;
  /** Each row's limits, numerators over Q, and the rules that set them. */
  readonly limits: readonly Limits[];
  readonly lowerRules: readonly (LimitRule | null)[];
  readonly upperRules: readonly (LimitRule | null)[];
  /** A numerator over Q as a decimal. */
  readonly amountOf: (value: bigint) => Dec;
  /** Each row's exact amount: a numerator for exactOf. */
  readonly amounts: readonly bigint[];
  readonly exactSum: bigint;
  readonly exactOf: (value: bigint, extraDenominator?: bigint) => Dec;
  readonly weights: readonly bigint[];
  readonly weightSum: bigint;
  readonly unit: Dec;
}

/** A row whose decimals (exact amount, shares, per-year figures) are worked out on first use, once. */
class LazyRow implements AllocationRow {
  readonly code: string;
  readonly name: string;
  readonly totalUnits: number;
  readonly byYearUnits: number[];
  readonly constraint: Constraint;
  readonly held: Held;
  private cachedBasisShare?: Dec;
  private cachedAidCredit?: Dec;
  private cachedExact?: Dec;
  private cachedShare?: Dec;
  private cachedTotal?: Dec;
  private cachedExactByYear?: Dec[];
  private cachedByYear?: Dec[];

  constructor(
    private readonly contributor: ContributorInput,
    private readonly index: number,
    private readonly figures: RowFigures,
    constraint: Constraint,
    held: Held,
    totalUnits: number,
    byYearUnits: number[]
  ) {
    this.code = contributor.code;
    this.name = contributor.name;
    this.totalUnits = totalUnits;
    this.byYearUnits = byYearUnits;
    this.constraint = constraint;
    this.held = held;
  }

  get lowerLimit(): Dec {
    return this.figures.amountOf(this.figures.limits[this.index].low);
  }

  get lowerRule(): LimitRule | null {
    return this.figures.lowerRules[this.index];
  }

  get upperLimit(): Dec | null {
    const high = this.figures.limits[this.index].high;
    return high === null ? null : this.figures.amountOf(high);
  }

  get upperRule(): LimitRule | null {
    return this.figures.upperRules[this.index];
  }

  get basisShare(): Dec {
    const { exempt, basis } = this.contributor;
    if (this.cachedBasisShare === undefined) {
      const basisSum = this.figures.basisSum();
      this.cachedBasisShare = exempt || basisSum.isZero() ? ZERO : basis.div(basisSum);
    }
    return this.cachedBasisShare;
  }

  get aidCredit(): Dec {
    const { coefficient, exponent } = times(this.figures.credit, this.figures.aids[this.index]);
    return (this.cachedAidCredit ??= toDecScaled(coefficient, this.figures.creditOver, exponent));
  }

  get exact(): Dec {
    return (this.cachedExact ??= this.figures.exactOf(this.figures.amounts[this.index]));
  }

  get share(): Dec {
    const { amounts, exactSum } = this.figures;
    return (this.cachedShare ??= exactSum === 0n ? ZERO : toDec(amounts[this.index], exactSum));
  }

  get shareNumber(): number {
    const { amounts, exactSum } = this.figures;
    return exactSum === 0n ? 0 : toNumberRounded(amounts[this.index], exactSum);
  }

  get total(): Dec {
    return (this.cachedTotal ??= this.figures.unit.times(this.totalUnits));
  }

  get exactByYear(): Dec[] {
    const { amounts, weights, weightSum, exactOf } = this.figures;
    const amount = amounts[this.index];
    return (this.cachedExactByYear ??= weights.map((weight) => exactOf(amount * weight, weightSum)));
  }

  get byYear(): Dec[] {
    return (this.cachedByYear ??= this.byYearUnits.map((units) => this.figures.unit.times(units)));
  }
}

/**
 * The contributors' indices in code order, ties in list order: plain code-unit order, the same on every machine
 * (unlike localeCompare). An insertion sort: lists are short and often in order already.
 */
function codeOrder(contributors: readonly ContributorInput[]): number[] {
  const count = contributors.length;
  const order: number[] = new Array<number>(count);
  const sortedCodes: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const code = contributors[i].code;
    let at = i;
    while (at > 0 && sortedCodes[at - 1] > code) {
      order[at] = order[at - 1];
      sortedCodes[at] = sortedCodes[at - 1];
      at--;
    }
    order[at] = i;
    sortedCodes[at] = code;
  }
  return order;
}

/**
 * Each contributor's basis as an integer, all over one power of ten (0 when exempt), failing when nobody who pays has
 * a basis.
 */
function basisNumerators(contributors: readonly ContributorInput[]): bigint[] {
  const count = contributors.length;
  const bases: Scaled[] = new Array<Scaled>(count);
  let basisExponent = Infinity;
  for (let i = 0; i < count; i++) {
    const c = contributors[i];
    const basis = c.exempt ? SCALED_ZERO : scaled(c.basis);
    bases[i] = basis;
    if (basis.coefficient !== 0n && basis.exponent < basisExponent) basisExponent = basis.exponent;
  }
  if (basisExponent === Infinity)
    fail("ALL_ZERO", "basis", {
      what: "contributor who pays",
      fix: "Give at least one paying contributor a basis above 0.",
    });
  const B: bigint[] = new Array<bigint>(count);
  for (let i = 0; i < count; i++) B[i] = numeratorAt(bases[i], basisExponent);
  return B;
}

/** A contributor's limits as numerators over the common denominator Q. */
interface Limits {
  readonly low: bigint;
  /** Null: no upper limit. */
  readonly high: bigint | null;
}

/** The two commonest limits, shared rather than made for every row: none, and held at 0 (exempt). */
const UNLIMITED: Limits = { low: 0n, high: null };
const HELD_AT_ZERO: Limits = { low: 0n, high: 0n };

function checkFeasible(
  contributors: readonly ContributorInput[],
  limits: readonly Limits[],
  total: bigint,
  totalDec: Dec,
  amounts: Amounts
): void {
  const shown = (value: bigint): string => amountDec(value, amounts).toSignificantDigits(12).toFixed();
  // One pass: the first contributor whose cap is below its floor is named; the floors' and caps' sums follow.
  let floors = 0n;
  let capacity: bigint | null = 0n;
  for (let i = 0; i < limits.length; i++) {
    const { low, high } = limits[i];
    if (high !== null && low > high)
      fail("CAP_BELOW_FLOOR", "floor", { code: contributors[i].code, max: shown(high), min: shown(low) });
    if (low !== 0n) floors += low;
    if (capacity !== null) capacity = high === null ? null : capacity + high;
  }
  if (floors > total) fail("FLOORS_TOO_HIGH", "floor", { floors: shown(floors), total: totalDec.toFixed() });
  if (capacity !== null) {
    if (capacity < total) {
      // Every contributor has an upper limit here: each is exempt or capped.
      const binding = contributors
        .map((c) => `${c.code} ${c.exempt ? "exempt" : "capped"}`)
        .slice(0, 6)
        .join(", ");
      // Without a share cap, only the percent-of-GDP cap can have limited everyone: name the input the user gave.
      fail("CAPS_TOO_LOW", contributors.some((c) => c.maxShare) ? "cap" : "max-pct-gdp", {
        capacity: shown(capacity),
        total: totalDec.toFixed(),
        binding,
      });
    }
  }
}

/** The exact solution: amount_i = amounts[i] / (denominator x Q). */
interface Solution {
  readonly amounts: bigint[];
  readonly at: Held[];
  readonly denominator: bigint;
  /**
   * The level as (the sum of the bases) x numerator over the amounts' denominator; null when no level decides. The
   * sum is made when the level is read: few callers read it.
   */
  readonly level: { readonly bases: readonly bigint[]; readonly numerator: bigint } | null;
}

/** The level M = P / R, in amount numerators (over Q) per basis integer: amount_i = clamp(B_i M - C_i, L_i, H_i). */
interface Level {
  readonly P: bigint;
  readonly R: bigint;
}

/**
 * Finds the smallest M with sum_i clamp(B_i M - C_i, L_i, H_i) = T, exactly. The sum is continuous, non-decreasing
 * and linear between breakpoints, so once we know who is held at a limit, M follows from one division. A float64 pass
 * guesses who is held; the exact check accepts a guess only when it reproduces itself and leaves someone strictly free
 * (then M is the only solution); otherwise it tries the corrected guess, and after a few rounds an exact sweep over
 * all breakpoints decides. Either way the answer is the same exact M.
 */
function solveTotal(B: readonly bigint[], C: readonly bigint[], limits: readonly Limits[], T: bigint): Solution {
  let held = guessHeld(B, C, limits, T);
  for (let round = 0; round < 4; round++) {
    const checked = checkGuess(held, B, C, limits, T);
    const found = checked.solution;
    if (found)
      return {
        amounts: found.amounts,
        at: found.at,
        denominator: found.denominator,
        level: { bases: B, numerator: found.P },
      };
    if (!checked.corrected) break;
    held = checked.corrected;
  }
  const level = sweepLevel(B, C, limits, T);
  if (level === null) {
    // The floors take the whole total: everyone at its floor, whatever the level.
    return { amounts: limits.map((limit) => limit.low), at: limits.map(() => "lower"), denominator: 1n, level: null };
  }
  const { amounts, at } = clampAll(level.P, level.R, B, C, limits);
  return { amounts, at, denominator: level.R, level: { bases: B, numerator: level.P } };
}

/** amount_i = clamp(B_i P - C_i R, L_i R, H_i R) (over R Q), and where each is held. */
function clampAll(
  P: bigint,
  R: bigint,
  B: readonly bigint[],
  C: readonly bigint[],
  limits: readonly Limits[]
): { amounts: bigint[]; at: Held[] } {
  const count = B.length;
  const amounts: bigint[] = new Array<bigint>(count);
  const at: Held[] = new Array<Held>(count);
  for (let i = 0; i < count; i++) {
    // Zeros (no basis, no credit, no floor) are common: skip their products.
    const b = B[i];
    const c = C[i];
    const value = b === 0n ? (c === 0n ? 0n : -c * R) : c === 0n ? b * P : b * P - c * R;
    const { low, high } = limits[i];
    if (high !== null) {
      const highR = high === 0n ? 0n : high * R;
      if (value >= highR) {
        at[i] = "upper";
        amounts[i] = highR;
        continue;
      }
    }
    const lowR = low === 0n ? 0n : low * R;
    if (value <= lowR) {
      at[i] = "lower";
      amounts[i] = lowR;
    } else {
      at[i] = null;
      amounts[i] = value;
    }
  }
  return { amounts, at };
}

/** The solution a guess implies, if it reproduces itself with someone strictly free; else the corrected guess. */
function checkGuess(
  held: readonly Held[],
  B: readonly bigint[],
  C: readonly bigint[],
  limits: readonly Limits[],
  T: bigint
): { solution?: { amounts: bigint[]; at: Held[]; denominator: bigint; P: bigint }; corrected?: Held[] } {
  let fixed = 0n;
  let slope = 0n;
  let offset = 0n;
  // Zeros (no floor, no credit, exempt) are common: a BigInt sum with one is a new BigInt all the same.
  for (let i = 0; i < held.length; i++) {
    if (held[i] === "lower") {
      const low = limits[i].low;
      if (low !== 0n) fixed += low;
    } else if (held[i] === "upper") {
      const high = limits[i].high;
      if (high !== null && high !== 0n) fixed += high;
    } else {
      slope += B[i];
      if (C[i] !== 0n) offset += C[i];
    }
  }
  if (slope === 0n) return {};
  const P = T - fixed + offset;
  const { amounts, at } = clampAll(P, slope, B, C, limits);
  let matches = true;
  let someoneFree = false;
  for (let i = 0; i < held.length; i++) {
    if (at[i] === null) someoneFree = true;
    if (at[i] !== held[i]) matches = false;
  }
  return matches && someoneFree ? { solution: { amounts, at, denominator: slope, P } } : { corrected: at };
}

/**
 * Float64 work arrays of guessHeld, reused by every solve and grown to the most contributors so far: four fresh arrays
 * per solve cost more than the guess itself. Nothing here outlives the call that filled it.
 */
class GuessWork {
  b = new Float64Array(0);
  c = new Float64Array(0);
  low = new Float64Array(0);
  high = new Float64Array(0);
  points = new Float64Array(0);

  reserve(count: number): void {
    if (this.b.length >= count) return;
    const size = 2 * count;
    this.b = new Float64Array(size);
    this.c = new Float64Array(size);
    this.low = new Float64Array(size);
    this.high = new Float64Array(size);
    this.points = new Float64Array(2 * size);
  }
}

const guessWork = new GuessWork();

/**
 * Who is held at a limit, guessed in float64 on values scaled to about 1. The sum of the clamped amounts is
 * non-decreasing and linear between breakpoints (where someone leaves its floor or reaches its cap): halving the set of
 * breakpoints around the target finds the linear piece that reaches it without sorting them, and who is held inside
 * that piece is the guess. A guess only: checkGuess decides.
 */
function guessHeld(B: readonly bigint[], C: readonly bigint[], limits: readonly Limits[], T: bigint): Held[] {
  const count = B.length;
  guessWork.reserve(count);
  const { b, c, low, high, points } = guessWork;
  // Number() is monotone: the largest basis's float is the largest float, found without comparing BigInts.
  let basisScale = 0;
  for (let i = 0; i < count; i++) {
    b[i] = Number(B[i]);
    if (b[i] > basisScale) basisScale = b[i];
  }
  const amountScale = Number(T > 0n ? T : 1n);
  const basisModerate = basisScale < 1e250;
  const amountModerate = amountScale < 1e250;
  let pointCount = 0;
  for (let i = 0; i < count; i++) {
    b[i] = scaledBasis(B, i, b[i], basisScale, basisModerate);
    c[i] = scaledFloat(C[i], T, amountScale, amountModerate);
    low[i] = scaledFloat(limits[i].low, T, amountScale, amountModerate);
    const cap = limits[i].high;
    high[i] = cap === null ? Infinity : scaledFloat(cap, T, amountScale, amountModerate);
    if (b[i] <= 0 || high[i] <= low[i]) continue;
    points[pointCount++] = (low[i] + c[i]) / b[i];
    if (high[i] !== Infinity) points[pointCount++] = (high[i] + c[i]) / b[i];
  }
  const target = T > 0n ? 1 : 0;
  // The piece (below, above) that reaches the target: sum(below) < target <= sum(above).
  let below = -Infinity;
  let above = Infinity;
  let remaining = pointCount;
  while (remaining > 0) {
    const pivot = points[remaining >> 1];
    let sum = 0;
    for (let i = 0; i < count; i++) sum += Math.min(high[i], Math.max(low[i], b[i] * pivot - c[i]));
    if (sum >= target) above = pivot;
    else below = pivot;
    let kept = 0;
    for (let k = 0; k < remaining; k++) if (points[k] > below && points[k] < above) points[kept++] = points[k];
    remaining = kept;
  }
  const inside =
    below === -Infinity
      ? above === Infinity
        ? 0
        : above - Math.abs(above) - 1
      : above === Infinity
        ? below + Math.abs(below) + 1
        : below + (above - below) / 2;
  const guess: Held[] = new Array<Held>(count);
  for (let i = 0; i < count; i++) {
    const amount = b[i] * inside - c[i];
    guess[i] = amount >= high[i] ? "upper" : amount <= low[i] ? "lower" : null;
  }
  return guess;
}

/**
 * B[i] / max(B) as a float64 (scaledFloat's value), from B[i]'s float and the largest float; max(B) > 0 is found
 * exactly only when the floats overflow.
 */
function scaledBasis(B: readonly bigint[], i: number, float: number, largest: number, moderate: boolean): number {
  if (float === 0) return 0;
  if (moderate) {
    const ratio = float / largest;
    if (Number.isFinite(ratio)) return ratio;
  }
  let exactLargest = 0n;
  for (const basis of B) if (basis > exactLargest) exactLargest = basis;
  return approximateRatio(B[i], exactLargest);
}

/**
 * value / by (by > 0, byFloat its float64) as a float64, for guesses: a division of floats unless they overflow
 * (`moderate` says whether by is small enough to try). The same value the caller would get from approximateRatio.
 */
function scaledFloat(value: bigint, by: bigint, byFloat: number, moderate: boolean): number {
  if (value === 0n) return 0;
  if (moderate) {
    const ratio = Number(value) / byFloat;
    if (Number.isFinite(ratio)) return ratio;
  }
  return approximateRatio(value, by);
}

/**
 * The exact sweep over all breakpoints: slower, never wrong. Breakpoints are compared by cross-multiplication; at each
 * one the sum is checked against T with the state just before it. Null when the floors alone reach T (the smallest
 * level is minus infinity).
 */
function sweepLevel(B: readonly bigint[], C: readonly bigint[], limits: readonly Limits[], T: bigint): Level | null {
  const events: { numerator: bigint; denominator: bigint; index: number; entering: boolean }[] = [];
  let fixed = 0n;
  B.forEach((b, index) => {
    const { low, high } = limits[index];
    fixed += low;
    if (b === 0n || (high !== null && high <= low)) return;
    events.push({ numerator: low + C[index], denominator: b, index, entering: true });
    if (high !== null) events.push({ numerator: high + C[index], denominator: b, index, entering: false });
  });
  events.sort(
    (x, y) =>
      compareFractions(x.numerator, x.denominator, y.numerator, y.denominator) ||
      Number(y.entering) - Number(x.entering)
  );
  let slope = 0n;
  let offset = 0n;
  for (const event of events) {
    // sum at the breakpoint p = n/d: fixed + slope p - offset >= T  <=>  (fixed - offset - T) d + slope n >= 0.
    if ((fixed - offset - T) * event.denominator + slope * event.numerator >= 0n) {
      // With nobody free before the first breakpoint, the sum there is the floors' sum: they reach T on their own.
      return slope === 0n ? null : { P: T - fixed + offset, R: slope };
    }
    const { low, high } = limits[event.index];
    if (event.entering) {
      fixed -= low;
      slope += B[event.index];
      offset += C[event.index];
    } else {
      fixed += high as bigint;
      slope -= B[event.index];
      offset -= C[event.index];
    }
  }
  if (slope === 0n) {
    if (fixed === T) return null;
    return fail("INTERNAL", "cap", { detail: "no level meets the total" });
  }
  return { P: T - fixed + offset, R: slope };
}

function describeConstraint(c: ContributorInput, amount: bigint, at: Held, credit: bigint): Constraint {
  if (c.exempt) return "exempt";
  // No basis: its cap is its floor, so only a floor can explain what it pays.
  if (c.basis.isZero()) return amount > 0n ? "floor" : "none";
  if (at === "upper") return "cap";
  if (at === "lower") return amount > 0n ? "floor" : credit > 0n ? "credit" : "none";
  return "none";
}
