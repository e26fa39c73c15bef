/**
 * An independent exact reference for the allocation: plain BigInt fractions, computed from the rule's definition with
 * none of the engine's arithmetic (no decimal.js beyond reading the inputs' text, no shared helpers), and a check that
 * an allocation's rounded table is a faithful rounding of the exact one. Used by the property tests and the fuzz
 * script.
 *
 * The rule (allocate.ts): with a fixed total T, amount_i = clamp(b_i M - c_i, low_i, high_i) for the level M at which
 * the amounts add up to T (b_i the basis, 0 when exempt; c_i = credit x aid_i; low_i = minShare_i T; high_i the
 * tighter of maxShare_i T and the percent-of-GDP cap GDP_i p / (w_max / W); exempt held at 0; no basis: high at most
 * low). With a share of GDP p (a fraction): amount_i = clamp(GDP_i p years - c_i, 0, cap_i). Cell (i, j) = amount_i w_j / W.
 */
import type { Allocation, AllocationRequest } from "../../src/engine/allocate";

/** A fraction n / d in lowest terms, d > 0. */
export class Fraction {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d = 1n) {
    if (d === 0n) throw new RangeError("zero denominator");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }

  /** From a decimal's plain text (as decimal.js's toFixed() writes it). */
  static parse(text: string): Fraction {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) throw new Error(`not a plain decimal: ${text}`);
    const digits = (match[2] + (match[3] ?? "")).replace(/^0+(?=\d)/, "");
    const n = BigInt(digits) * (match[1] ? -1n : 1n);
    return new Fraction(n, 10n ** BigInt((match[3] ?? "").length));
  }

  static of(value: { toFixed(): string }): Fraction {
    return Fraction.parse(value.toFixed());
  }

  plus(o: Fraction): Fraction {
    return new Fraction(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Fraction): Fraction {
    return new Fraction(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Fraction): Fraction {
    return new Fraction(this.n * o.n, this.d * o.d);
  }
  div(o: Fraction): Fraction {
    return new Fraction(this.n * o.d, this.d * o.n);
  }
  cmp(o: Fraction): number {
    const left = this.n * o.d;
    const right = o.n * this.d;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  /** Largest integer <= this. */
  floor(): bigint {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  isWhole(): boolean {
    return this.d === 1n;
  }
  toString(): string {
    return this.d === 1n ? `${this.n}` : `${this.n}/${this.d}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const ZERO = new Fraction(0n);

function min(a: Fraction, b: Fraction): Fraction {
  return a.cmp(b) <= 0 ? a : b;
}

function clamp(value: Fraction, low: Fraction, high: Fraction | null): Fraction {
  if (high !== null && value.cmp(high) >= 0) return high;
  if (value.cmp(low) <= 0) return low;
  return value;
}

/** The exact allocation from the definition: amounts, cells in units, totals in units. */
export interface OracleTable {
  /** Exact amount of each contributor (request order). */
  readonly amounts: Fraction[];
  /** Exact cells in rounding units, contributors x years. */
  readonly cells: Fraction[][];
  readonly rowTotals: Fraction[];
  readonly columnTotals: Fraction[];
  /** The rounded grand total in units: T / unit, or the exact sum rounded half up. */
  readonly grandTotalUnits: bigint;
}

/** Computes the exact allocation of a request that the engine accepts (feasible limits). */
export function oracleAllocation(request: AllocationRequest): OracleTable {
  const weights = request.yearWeights.map(Fraction.of);
  const weightSum = weights.reduce((a, b) => a.plus(b), ZERO);
  const heaviest = weights.reduce((a, b) => (a.cmp(b) >= 0 ? a : b), ZERO);
  const unit = Fraction.of(request.unit);
  const credit = Fraction.of(request.credit);
  const credits = request.contributors.map((c) => credit.times(Fraction.of(c.aid)));
  const maxShare = request.maxShareOfGdpPerYear ? Fraction.of(request.maxShareOfGdpPerYear) : null;
  const gdpCaps = request.contributors.map((c) =>
    maxShare === null || !c.gdp ? null : Fraction.of(c.gdp).times(maxShare).times(weightSum).div(heaviest)
  );

  let amounts: Fraction[];
  let grandTotalUnits: bigint;
  if (request.amount.kind === "total") {
    const total = Fraction.of(request.amount.total);
    const bases = request.contributors.map((c) => (c.exempt ? ZERO : Fraction.of(c.basis)));
    const lows = request.contributors.map((c) =>
      c.exempt || !c.minShare ? ZERO : Fraction.of(c.minShare).times(total)
    );
    const highs = request.contributors.map((c, i): Fraction | null => {
      if (c.exempt) return ZERO;
      let high: Fraction | null = c.maxShare ? Fraction.of(c.maxShare).times(total) : null;
      const cap = gdpCaps[i];
      if (cap !== null) high = high === null ? cap : min(high, cap);
      if (bases[i].isZero()) high = high === null ? lows[i] : min(high, lows[i]);
      return high;
    });
    const sumAt = (level: Fraction): Fraction =>
      bases.reduce((sum, b, i) => sum.plus(clamp(b.times(level).minus(credits[i]), lows[i], highs[i])), ZERO);
    // Every breakpoint of the piecewise-linear sum, each evaluated from the definition (no running state).
    const points: Fraction[] = [];
    bases.forEach((b, i) => {
      if (b.isZero()) return;
      points.push(lows[i].plus(credits[i]).div(b));
      const high = highs[i];
      if (high !== null) points.push(high.plus(credits[i]).div(b));
    });
    points.sort((a, b) => a.cmp(b));
    const firstAbove = points.findIndex((p) => sumAt(p).cmp(total) >= 0);
    let level: Fraction | null;
    if (firstAbove === 0 || (points.length === 0 && sumAt(ZERO).cmp(total) === 0)) {
      level = null; // the floors alone reach the total
    } else {
      // Linear between the last breakpoint below and the next (or beyond the last): interpolate exactly.
      const from = firstAbove < 0 ? points[points.length - 1] : points[firstAbove - 1];
      const to = firstAbove < 0 ? from.plus(new Fraction(1n)) : points[firstAbove];
      const atFrom = sumAt(from);
      const atTo = sumAt(to);
      level = from.plus(total.minus(atFrom).times(to.minus(from)).div(atTo.minus(atFrom)));
    }
    amounts =
      level === null
        ? lows.slice()
        : bases.map((b, i) => clamp(b.times(level as Fraction).minus(credits[i]), lows[i], highs[i]));
    const units = total.div(unit);
    if (!units.isWhole()) throw new Error("the total is not a whole number of units");
    grandTotalUnits = units.n;
  } else {
    const share = Fraction.of(request.amount.share);
    const years = new Fraction(BigInt(request.yearWeights.length));
    amounts = request.contributors.map((c, i) => {
      if (c.exempt) return ZERO;
      const target = Fraction.of(c.gdp as NonNullable<typeof c.gdp>)
        .times(share)
        .times(years)
        .minus(credits[i]);
      return clamp(target, ZERO, gdpCaps[i]);
    });
    const units = amounts.reduce((a, b) => a.plus(b), ZERO).div(unit);
    const whole = units.floor();
    grandTotalUnits = units.minus(new Fraction(whole)).cmp(new Fraction(1n, 2n)) >= 0 ? whole + 1n : whole;
  }
  const cells = amounts.map((amount) => weights.map((w) => amount.times(w).div(weightSum).div(unit)));
  return {
    amounts,
    cells,
    rowTotals: amounts.map((amount) => amount.div(unit)),
    columnTotals: weights.map((w) =>
      amounts
        .reduce((a, b) => a.plus(b), ZERO)
        .times(w)
        .div(weightSum)
        .div(unit)
    ),
    grandTotalUnits,
  };
}

/** Rounded is the floor or the ceiling of exact, and exact itself when that is whole. */
function faithful(rounded: bigint, exact: Fraction): boolean {
  const floor = exact.floor();
  return exact.isWhole() ? rounded === floor : rounded === floor || rounded === floor + 1n;
}

/**
 * The differences between an allocation's rounded units and the exact reference (empty when it is faithful): every
 * rounded cell, row total and column total is the floor or the ceiling of its exact value (a whole exact value kept
 * as it is), and the rows, the columns and the grand total add up exactly.
 */
export function oracleDifferences(
  oracle: OracleTable,
  rows: readonly { readonly code: string; readonly totalUnits: number; readonly byYearUnits: readonly number[] }[],
  columnUnits: readonly number[],
  totalUnits: number
): string[] {
  const problems: string[] = [];
  const columnSums = columnUnits.map(() => 0n);
  let grand = 0n;
  rows.forEach((row, i) => {
    let rowSum = 0n;
    row.byYearUnits.forEach((units, j) => {
      const value = BigInt(units);
      if (!faithful(value, oracle.cells[i][j])) {
        problems.push(`${row.code} year ${j}: ${units} units, exact ${oracle.cells[i][j].toString()}`);
      }
      rowSum += value;
      columnSums[j] += value;
    });
    if (rowSum !== BigInt(row.totalUnits))
      problems.push(`${row.code}: years add up to ${rowSum}, not ${row.totalUnits}`);
    if (!faithful(BigInt(row.totalUnits), oracle.rowTotals[i])) {
      problems.push(`${row.code} total: ${row.totalUnits} units, exact ${oracle.rowTotals[i].toString()}`);
    }
    grand += BigInt(row.totalUnits);
  });
  columnUnits.forEach((units, j) => {
    if (columnSums[j] !== BigInt(units)) problems.push(`year ${j}: rows add up to ${columnSums[j]}, not ${units}`);
    if (!faithful(BigInt(units), oracle.columnTotals[j])) {
      problems.push(`year ${j} tranche: ${units} units, exact ${oracle.columnTotals[j].toString()}`);
    }
  });
  if (grand !== BigInt(totalUnits)) problems.push(`rows add up to ${grand}, not the total ${totalUnits}`);
  if (BigInt(totalUnits) !== oracle.grandTotalUnits) {
    problems.push(`total ${totalUnits} units, expected ${oracle.grandTotalUnits}`);
  }
  return problems;
}

/** The differences between an allocation (from allocate()) and the exact reference for its request. */
export function checkAgainstOracle(request: AllocationRequest, allocation: Allocation): string[] {
  const oracle = oracleAllocation(request);
  const unitsOf = (amount: { toFixed(): string }): number =>
    Number(Fraction.of(amount).div(Fraction.of(allocation.unit)).floor());
  const problems = oracleDifferences(
    oracle,
    allocation.rows,
    allocation.tranches.map(unitsOf),
    unitsOf(allocation.total)
  );
  // The engine's exact amounts, read as decimals, must be the exact ones (to the digits a decimal can hold).
  allocation.rows.forEach((row, i) => {
    const gap = Fraction.of(row.exact).minus(oracle.amounts[i]);
    const scale = oracle.amounts[i].isZero() ? new Fraction(1n) : oracle.amounts[i];
    const relative = gap.div(scale);
    if (relative.cmp(new Fraction(1n, 10n ** 40n)) > 0 || relative.cmp(new Fraction(-1n, 10n ** 40n)) < 0) {
      problems.push(`${row.code}: exact ${row.exact.toFixed()} is not ${oracle.amounts[i].toString()}`);
    }
  });
  return problems;
}
