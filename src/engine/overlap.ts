import type { Allocation } from "./allocate";
import { Dec, ZERO, minDec, sumDec } from "./decimal";
import { fail } from "./errors";
import { commonExponent, gcd, numeratorAt, pow10, scaled, toDecScaled } from "./rational";
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

/** One instrument's attribution: what the overlap of every state it names is made of. Read-only, like Attribution. */
export interface InstrumentAttribution {
  readonly id: string;
  /** The years its amounts, rates and parts are given for (an attribution's: the years of its instruments). */
  readonly years: readonly number[];
  /** The states it is attributed over (its own among those given); none: attributed to nobody. */
  readonly states: readonly string[];
  /** The GNI those states carry together: the key's denominator, in the GNI's unit. */
  readonly gni: Dec;
  /** Its amount in each of `years`; 0 outside its own years. */
  readonly amounts: readonly Dec[];
  /** Per year: its amount per unit of its states' GNI (a state's part is this times its GNI). */
  readonly perGni: readonly Dec[];
  /** Its states (in `states` order) x `years`: each state's exact part of it. */
  readonly exact: readonly (readonly Dec[])[];
}

/** Shared between results (see runScenario's cache), so read-only all the way down. */
export interface Attribution {
  readonly years: readonly number[];
  readonly states: readonly string[];
  /** States x years, exact: each state's parts of every instrument, summed. */
  readonly exact: readonly (readonly Dec[])[];
  /** The rounding unit of `rounded`. */
  readonly unit: Dec;
  /** States x years, rounded to the unit with every total kept. */
  readonly rounded: readonly (readonly Dec[])[];
  /** The same in rounding units: what the overlap compares with an allocation's units, with no decimal arithmetic. */
  readonly roundedUnits: readonly (readonly number[])[];
  /** Per year: the rounded attribution summed over the states (the rounded table's column totals). */
  readonly roundedByYear: readonly Dec[];
  /** Per year: the amount of every instrument given (those attributed to nobody too), summed; and over all years. */
  readonly amounts: readonly Dec[];
  readonly total: Dec;
  /** Each instrument given, in the order given, with its workings. */
  readonly instruments: readonly InstrumentAttribution[];
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
  const given = allInstruments.map((instrument) => ({ ...instrument, states: instrument.states ?? allCodes }));
  // With no states at all nothing is attributed, but the total still says what was counted.
  const instruments = given.filter((instrument) => instrument.states.length > 0 || states.length === 0);
  const yearSet = new Set<number>();
  for (const instrument of given) for (const year of instrument.amountByYear.keys()) yearSet.add(year);
  const years = [...yearSet].sort((a, b) => a - b);
  const yearlyAmounts = years.map((year) =>
    sumDec(given.map((instrument) => instrument.amountByYear.get(year) ?? ZERO))
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
  const codes = states.map((s) => s.code);
  const workings = given.map((instrument) => instrumentAttribution(instrument, states, years));
  if (states.length === 0 || years.length === 0) {
    const exact = states.map(() => years.map(() => ZERO));
    const roundedByYear = years.map(() => ZERO);
    return {
      years,
      states: codes,
      unit,
      exact,
      rounded: exact,
      roundedUnits: states.map(() => years.map(() => 0)),
      roundedByYear,
      amounts: yearlyAmounts,
      total,
      instruments: workings,
    };
  }
  return {
    years,
    states: codes,
    unit,
    ...attributeExactly(instruments, states, years, unit),
    amounts: yearlyAmounts,
    total,
    instruments: workings,
  };
}

/**
 * One instrument's workings on the given years, made when first read: its states among those given (all of them when
 * it names none), their GNI, its amounts, its amount per unit of GNI and each state's exact part (amount x GNI_m / GNI
 * of its states). Also for an instrument a scenario leaves out, to show what counting it would attribute.
 */
export function instrumentAttribution(
  instrument: InstrumentInput,
  states: readonly ContributingState[],
  years: readonly number[]
): InstrumentAttribution {
  const gniByCode = new Map(states.map((state) => [state.code, state.gni]));
  const named = new Set(instrument.states ?? states.map((state) => state.code));
  const own = states.filter((state) => named.has(state.code)).map((state) => state.code);
  let gni: Dec | undefined;
  let amounts: Dec[] | undefined;
  let perGni: Dec[] | undefined;
  let exact: Dec[][] | undefined;
  const gniSum = (): Dec => (gni ??= sumDec(own.map((code) => gniByCode.get(code) as Dec)));
  const yearly = (): Dec[] => (amounts ??= years.map((year) => instrument.amountByYear.get(year) ?? ZERO));
  const rates = (): Dec[] => (perGni ??= yearly().map((amount) => (gniSum().isZero() ? ZERO : amount.div(gniSum()))));
  return {
    id: instrument.id,
    years,
    states: own,
    get gni() {
      return gniSum();
    },
    get amounts() {
      return yearly();
    },
    get perGni() {
      return rates();
    },
    get exact() {
      return (exact ??= own.map((code) => {
        const stateGni = gniByCode.get(code) as Dec;
        return yearly().map((amount) => (amount.isZero() ? ZERO : amount.times(stateGni).div(gniSum())));
      }));
    },
  };
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
): { exact: Dec[][]; rounded: Dec[][]; roundedUnits: number[][]; roundedByYear: Dec[] } {
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
    roundedUnits: table.cells,
    roundedByYear: table.columnTotals.map((units) => unit.times(units)),
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
  /** Per allocation year: a non-zero overlap at or above the threshold's fraction of the allocation. */
  readonly flagged: boolean[];
  readonly totalOverlap: Dec;
  readonly totalNetNew: Dec;
  /** Per allocation year, before rounding: the exact amount attributed to it (0 outside the EU). */
  readonly exactAttributed: Dec[];
  /** Per allocation year, before rounding: min(exact allocation, exact attributed). */
  readonly exactOverlap: Dec[];
  /** Per allocation year, before rounding: exact allocation - exact overlap. */
  readonly exactNetNew: Dec[];
}

export interface Overlap {
  /** A year is flagged when its overlap is at least this fraction of the allocation (0.5 is 50%). */
  readonly threshold: Dec;
  readonly rows: OverlapRow[];
  /** Per allocation year, summed over the contributors. */
  readonly overlapByYear: Dec[];
  readonly netNewByYear: Dec[];
  /** Over all contributors and years. */
  readonly totalOverlap: Dec;
  readonly totalNetNew: Dec;
}

/**
 * Compares each EU member's allocation with what it already pays through the EU instruments, year by year. Both tables
 * are rounded to the same unit, so the comparison is done on whole units (plain integers, exact below 2^53); the
 * decimals a caller reads are made on first use, from those units.
 */
export function euOverlap(
  allocation: Allocation,
  euMembers: ReadonlySet<string>,
  attribution: Attribution,
  threshold: Dec
): Overlap {
  const { unit } = allocation;
  if (attribution.years.length > 0 && attribution.states.length > 0 && !attribution.unit.eq(unit)) {
    fail("INTERNAL", "unit", { detail: "the EU attribution and the allocation are rounded to different units" });
  }
  const yearIndices = allocation.years.map((year) => attribution.years.indexOf(year));
  const atThreshold = thresholdTest(threshold);
  const rows = allocation.rows.map((row): OverlapRow => {
    const euMember = euMembers.has(row.code);
    const stateIndex = euMember ? attribution.states.indexOf(row.code) : -1;
    const units =
      stateIndex < 0
        ? NOTHING_ATTRIBUTED
        : overlapUnits(row.byYearUnits, attribution.roundedUnits[stateIndex], yearIndices, atThreshold);
    const exactAttributed = (): Dec[] =>
      yearIndices.map((y) => (stateIndex < 0 || y < 0 ? ZERO : attribution.exact[stateIndex][y]));
    return new LazyOverlapRow(row, euMember, unit, units, exactAttributed);
  });
  return new LazyOverlap(threshold, rows, allocation.years.length);
}

/** One row's figures in whole units, per allocation year. */
interface OverlapUnits {
  readonly attributed: readonly number[];
  readonly overlap: readonly number[];
  /** Null: the allocation itself (nothing overlaps). */
  readonly netNew: readonly number[] | null;
  /** Null: no year flagged. */
  readonly flagged: readonly boolean[] | null;
}

/** A row with nothing attributed (outside the EU, or no instrument names it): no overlap, every year net new. */
const NOTHING_ATTRIBUTED: OverlapUnits = { attributed: [], overlap: [], netNew: null, flagged: null };

/** An EU member's overlap in units: min(allocation, attributed) where something is attributed, the rest net new. */
function overlapUnits(
  allocated: readonly number[],
  attributedRow: readonly number[],
  yearIndices: readonly number[],
  atThreshold: (overlap: number, allocated: number) => boolean
): OverlapUnits {
  const count = allocated.length;
  const attributed: number[] = new Array<number>(count);
  const overlap: number[] = new Array<number>(count);
  const netNew: number[] = new Array<number>(count);
  const flagged: boolean[] = new Array<boolean>(count);
  for (let j = 0; j < count; j++) {
    const part = yearIndices[j] < 0 ? 0 : attributedRow[yearIndices[j]];
    attributed[j] = part;
    // Nothing attributed (years after the instruments): no overlap, whatever the allocation.
    overlap[j] = part === 0 ? 0 : Math.min(allocated[j], part);
    netNew[j] = allocated[j] - overlap[j];
    // A year with no overlap is never flagged, even at a threshold of 0%.
    flagged[j] = overlap[j] > 0 && atThreshold(overlap[j], allocated[j]);
  }
  return { attributed, overlap, netNew, flagged };
}

/** The overlap's sums over the contributors, made on first use from the rows. */
class LazyOverlap implements Overlap {
  private cachedOverlapByYear?: Dec[];
  private cachedNetNewByYear?: Dec[];
  private cachedTotalOverlap?: Dec;
  private cachedTotalNetNew?: Dec;

  constructor(
    readonly threshold: Dec,
    readonly rows: OverlapRow[],
    private readonly yearCount: number
  ) {}

  private byYear(pick: (row: OverlapRow) => readonly Dec[]): Dec[] {
    return Array.from({ length: this.yearCount }, (_, j) => sumDec(this.rows.map((row) => pick(row)[j])));
  }

  get overlapByYear(): Dec[] {
    return (this.cachedOverlapByYear ??= this.byYear((row) => row.overlap));
  }

  get netNewByYear(): Dec[] {
    return (this.cachedNetNewByYear ??= this.byYear((row) => row.netNew));
  }

  get totalOverlap(): Dec {
    return (this.cachedTotalOverlap ??= sumDec(this.overlapByYear));
  }

  get totalNetNew(): Dec {
    return (this.cachedTotalNetNew ??= sumDec(this.netNewByYear));
  }
}

/**
 * Whether an overlap of `overlap` units is at least the threshold's fraction of an allocation of `allocated` units:
 * overlap >= allocated x threshold, exactly, with the threshold as an integer over a power of ten.
 */
function thresholdTest(threshold: Dec): (overlap: number, allocated: number) => boolean {
  const { coefficient, exponent } = scaled(threshold);
  const overlapScale = exponent < 0 ? pow10(-exponent) : 1n;
  const allocatedScale = exponent > 0 ? coefficient * pow10(exponent) : coefficient;
  const overlapFactor = Number(overlapScale);
  const allocatedFactor = Number(allocatedScale);
  return (overlap, allocated) => {
    // Float64 products are exact while they stay safe integers (the factors are then exact too); else BigInt.
    const left = overlap * overlapFactor;
    const right = allocated * allocatedFactor;
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left >= right;
    return BigInt(overlap) * overlapScale >= BigInt(allocated) * allocatedScale;
  };
}

/**
 * An overlap row whose decimals are made on first use, once: most callers read a few of them (a sheet one cell, a
 * sweep one total), and making all of them for every row was most of a scenario's time. A class, like the allocation's
 * rows: an object literal with getters is much slower to make.
 */
class LazyOverlapRow implements OverlapRow {
  readonly code: string;
  private cachedFlagged?: boolean[];
  private cachedAttributed?: Dec[];
  private cachedOverlap?: Dec[];
  private cachedNetNew?: Dec[];
  private cachedTotalOverlap?: Dec;
  private cachedTotalNetNew?: Dec;
  private cachedExactAttributed?: Dec[];
  private cachedExactOverlap?: Dec[];
  private cachedExactNetNew?: Dec[];

  constructor(
    private readonly row: Allocation["rows"][number],
    readonly euMember: boolean,
    private readonly unit: Dec,
    private readonly units: OverlapUnits,
    private readonly exactAttributedOf: () => Dec[]
  ) {
    this.code = row.code;
  }

  /** Units as decimals; a row with nothing attributed has zeros. */
  private decimals(values: readonly number[]): Dec[] {
    if (values.length === 0) return this.row.byYearUnits.map(() => ZERO);
    return values.map((value) => (value === 0 ? ZERO : this.unit.times(value)));
  }

  private total(values: readonly number[]): Dec {
    return this.unit.times(values.reduce((sum, value) => sum + value, 0));
  }

  get flagged(): boolean[] {
    return (this.cachedFlagged ??= this.units.flagged?.slice() ?? this.row.byYearUnits.map(() => false));
  }

  get attributed(): Dec[] {
    return (this.cachedAttributed ??= this.decimals(this.units.attributed));
  }

  get overlap(): Dec[] {
    return (this.cachedOverlap ??= this.decimals(this.units.overlap));
  }

  get netNew(): Dec[] {
    return (this.cachedNetNew ??= this.decimals(this.units.netNew ?? this.row.byYearUnits));
  }

  get totalOverlap(): Dec {
    return (this.cachedTotalOverlap ??= this.total(this.units.overlap));
  }

  get totalNetNew(): Dec {
    return (this.cachedTotalNetNew ??= this.total(this.units.netNew ?? this.row.byYearUnits));
  }

  get exactAttributed(): Dec[] {
    return (this.cachedExactAttributed ??= this.exactAttributedOf());
  }

  get exactOverlap(): Dec[] {
    return (this.cachedExactOverlap ??= this.row.exactByYear.map((amount, j) => {
      const part = this.exactAttributed[j];
      return part.isZero() ? ZERO : minDec(amount, part);
    }));
  }

  get exactNetNew(): Dec[] {
    return (this.cachedExactNetNew ??= this.row.exactByYear.map((amount, j) => amount.minus(this.exactOverlap[j])));
  }
}
