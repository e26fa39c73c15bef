import type { Allocation } from "./allocate";
import { Dec, HUNDRED, ZERO, minDec, sumDec } from "./decimal";
import { fail } from "./errors";
import { controlledRounding } from "./rounding";
import { nearestUnits } from "./schedule";

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
  const gniSums = instruments.map((instrument) => {
    const gniSum = sumDec(instrument.states.map((code) => gniByCode.get(code) ?? ZERO));
    if (states.length > 0 && gniSum.isZero()) {
      fail("ALL_ZERO", "eu-states", {
        what: "contributing state",
        fix: "Choose contributing states with a GNI above 0.",
      });
    }
    return gniSum;
  });
  const exact = states.map((state) =>
    years.map((year) =>
      sumDec(
        instruments.map((instrument, i) =>
          instrument.states.includes(state.code)
            ? (instrument.amountByYear.get(year) ?? ZERO).times(state.gni).div(gniSums[i])
            : ZERO
        )
      )
    )
  );
  const total = sumDec(yearlyAmounts);
  if (states.length === 0 || years.length === 0) {
    return { years, states: states.map((s) => s.code), exact, rounded: exact.map((row) => row.map(() => ZERO)), total };
  }
  const table = controlledRounding({
    cells: exact.map((row) => row.map((amount) => amount.div(unit))),
    rowTotals: exact.map((row) => sumDec(row).div(unit)),
    columnTotals: yearlyAmounts.map((amount) => amount.div(unit)),
    grandTotal: nearestUnits(total, unit, "unit"),
  });
  return {
    years,
    states: states.map((s) => s.code),
    exact,
    rounded: table.cells.map((row) => row.map((units) => unit.times(units))),
    total,
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
