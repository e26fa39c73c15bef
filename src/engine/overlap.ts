import type { Allocation } from "./allocate";
import { Dec, HUNDRED, ZERO, minDec, sumDec } from "./decimal";
import { fail } from "./errors";
import { commonExponent, gcd, numeratorAt, scaled, toDecScaled } from "./rational";
import { exactUnitTable, roundUnitTable } from "./rounding";
import { nearestUnitsOf } from "./schedule";

/** An EU instrument whose cost the member states carry, already in the scenario currency. */
export interface InstrumentInput {
  readonly id: string;
  readonly name: string;
  /** Amount per calendar year (a total spread evenly over its years is given here year by year). */
  readonly amountByYear: ReadonlyMap<number, Dec>;
  /**
   * Codes of the states its cost is attributed over (its participants, narrowed by any eu-states override); when
   * absent, every state given to attributeInstruments. An instrument with none is attributed to nobody and left out.
   */
  readonly states?: readonly string[];
}

export interface ContributingState {
  readonly code: string;
  /** Its GNI (any common unit): the key the instrument's cost is shared by. */
  readonly gni: Dec;
}

/** Shared between results (see runScenario's cache), so read-only all the way down. */
export interface Attribution {
  readonly years: readonly number[];
  readonly states: readonly string[];
  /** States x years, exact. */
  readonly exact: readonly (readonly Dec[])[];
  /** States x years, rounded to the unit with every total kept. */
  readonly rounded: readonly (readonly Dec[])[];
  readonly total: Dec;
}

/**
 * Splits each instrument's yearly amounts among its own states by GNI share, rescaled over those states: state m
 * carries amount_iy * GNI_m / sum(GNI of instrument i's states) of instrument i in year y, summed over the instruments
 * it takes part in. `states` gives the GNI of every state any instrument names. Rounded like the allocation.
 */
export function attributeInstruments(
  allInstruments: readonly InstrumentInput[],
  states: readonly ContributingState[],
  unit: Dec
): Attribution {
  const allCodes = states.map((state) => state.code);
  const instruments = allInstruments
    .map((instrument) => ({ ...instrument, states: instrument.states ?? allCodes }))
    // With no states at all nothing is attributed, but the total still says what was counted.
    .filter((instrument) => instrument.states.length > 0 || states.length === 0);
  const yearSet = new Set<number>();
  for (const instrument of instruments) for (const year of instrument.amountByYear.keys()) yearSet.add(year);
  const years = [...yearSet].sort((a, b) => a - b);
  const yearlyAmounts = years.map((year) =>
    sumDec(instruments.map((instrument) => instrument.amountByYear.get(year) ?? ZERO))
  );
  const gniByCode = new Map(states.map((state) => [state.code, state.gni]));
  for (const instrument of instruments) {
    const gniSum = sumDec(instrument.states.map((code) => gniByCode.get(code) ?? ZERO));
    if (states.length > 0 && gniSum.isZero()) {
      fail("ALL_ZERO", "eu-states", {
        what: "contributing state",
        fix: "Choose contributing states with a GNI above 0.",
      });
    }
  }
  const total = sumDec(yearlyAmounts);
  if (states.length === 0 || years.length === 0) {
    const exact = states.map(() => years.map(() => ZERO));
    return { years, states: states.map((s) => s.code), exact, rounded: exact, total };
  }
  return { years, states: states.map((s) => s.code), ...attributeExactly(instruments, states, years, unit), total };
}

/**
 * The arithmetic of the attribution, separate from the choice of states: state m carries amount_iy x GNI_m / (sum of
 * the GNI of instrument i's states) of each instrument i it takes part in, exactly (integers over one common
 * denominator: the amounts on one power of ten, the GNIs on another, the least common multiple of the instruments'
 * GNI sums), and the table is rounded to the unit with every total kept.
 */
function attributeExactly(
  instruments: readonly { readonly amountByYear: ReadonlyMap<number, Dec>; readonly states: readonly string[] }[],
  states: readonly ContributingState[],
  years: readonly number[],
  unit: Dec
): { exact: Dec[][]; rounded: Dec[][] } {
  const amounts = instruments.map((instrument) =>
    years.map((year) => scaled(instrument.amountByYear.get(year) ?? ZERO))
  );
  const unitScaled = scaled(unit);
  const exponent = commonExponent([...amounts.flat(), unitScaled]);
  const a = amounts.map((row) => row.map((amount) => numeratorAt(amount, exponent)));
  const U = numeratorAt(unitScaled, exponent);
  const gniScaled = states.map((state) => scaled(state.gni));
  const gniExponent = commonExponent(gniScaled);
  const gni = gniScaled.map((value) => numeratorAt(value, gniExponent));
  const stateIndex = new Map(states.map((state, m) => [state.code, m]));
  const members = instruments.map((instrument) =>
    instrument.states.map((code) => stateIndex.get(code)).filter((m): m is number => m !== undefined)
  );
  const sums = members.map((list) => list.reduce((sum, m) => sum + gni[m], 0n));
  let common = 1n;
  for (const sum of sums) if (sum > 0n) common = (common / gcd(common, sum)) * sum;
  // cells[m][y] / common is state m's exact amount in year y (in 10^exponent).
  const cells = states.map(() => years.map(() => 0n));
  instruments.forEach((_, i) => {
    if (sums[i] === 0n) return;
    const factor = common / sums[i];
    for (const m of members[i]) {
      const weight = gni[m] * factor;
      for (let y = 0; y < years.length; y++) if (a[i][y] !== 0n) cells[m][y] += a[i][y] * weight;
    }
  });
  const rowTotals = cells.map((row) => row.reduce((sum, cell) => sum + cell, 0n));
  const columnTotals = years.map((_, y) => cells.reduce((sum, row) => sum + row[y], 0n));
  const grand = rowTotals.reduce((sum, cell) => sum + cell, 0n);
  const denominator = common * U;
  const table = roundUnitTable(
    exactUnitTable(cells, rowTotals, columnTotals, denominator, nearestUnitsOf(grand, denominator))
  );
  return {
    exact: cells.map((row) => row.map((cell) => toDecScaled(cell, common, exponent))),
    rounded: table.cells.map((row) => row.map((units) => unit.times(units))),
  };
}

export interface OverlapRow {
  readonly code: string;
  /** False for contributors outside the EU: they have no overlap. */
  readonly euMember: boolean;
  /** Per allocation year: the EU instruments' amount attributed to it (rounded). */
  readonly attributed: Dec[];
  /** Per allocation year: min(allocation, attributed). */
  readonly overlap: Dec[];
  /** Per allocation year: allocation - overlap. */
  readonly netNew: Dec[];
  /** Per allocation year: a non-zero overlap at or above threshold% of the allocation. */
  readonly flagged: boolean[];
  readonly totalOverlap: Dec;
  readonly totalNetNew: Dec;
}

export interface Overlap {
  readonly thresholdPercent: Dec;
  readonly rows: OverlapRow[];
  /** Per allocation year, summed over the contributors. */
  readonly overlapByYear: Dec[];
  readonly netNewByYear: Dec[];
  /** Over all contributors and years. */
  readonly totalOverlap: Dec;
  readonly totalNetNew: Dec;
}

/** Compares each EU member's allocation with what it already pays through the EU instruments, year by year. */
export function euOverlap(
  allocation: Allocation,
  euMembers: ReadonlySet<string>,
  attribution: Attribution,
  thresholdPercent: Dec
): Overlap {
  const threshold = thresholdPercent.div(HUNDRED);
  const rows = allocation.rows.map((row): OverlapRow => {
    const euMember = euMembers.has(row.code);
    const stateIndex = euMember ? attribution.states.indexOf(row.code) : -1;
    const attributed = allocation.years.map((year) => {
      const yearIndex = attribution.years.indexOf(year);
      return stateIndex < 0 || yearIndex < 0 ? ZERO : attribution.rounded[stateIndex][yearIndex];
    });
    // Most cells have nothing attributed (non-EU allies, years after the instruments): no arithmetic for them.
    const overlap = row.byYear.map((amount, j) => (attributed[j].isZero() ? ZERO : minDec(amount, attributed[j])));
    const netNew = row.byYear.map((amount, j) => (overlap[j].isZero() ? amount : amount.minus(overlap[j])));
    // A year with no overlap is never flagged, even at a threshold of 0%.
    const flagged = row.byYear.map((amount, j) => overlap[j].gt(0) && overlap[j].gte(amount.times(threshold)));
    return {
      code: row.code,
      euMember,
      attributed,
      overlap,
      netNew,
      flagged,
      totalOverlap: sumDec(overlap),
      totalNetNew: sumDec(netNew),
    };
  });
  const byYear = (pick: (row: OverlapRow) => Dec[]): Dec[] =>
    allocation.years.map((_, j) => sumDec(rows.map((row) => pick(row)[j])));
  const overlapByYear = byYear((row) => row.overlap);
  const netNewByYear = byYear((row) => row.netNew);
  return {
    thresholdPercent,
    rows,
    overlapByYear,
    netNewByYear,
    totalOverlap: sumDec(overlapByYear),
    totalNetNew: sumDec(netNewByYear),
  };
}
