/**
 * The allocation as the command line reports it: every figure the engine computed, as exact decimal strings. The json
 * output is this object; the table and csv outputs are drawn from it, so the three cannot disagree. Each field is
 * documented in README.md ("JSON output"); scripts depend on it, so add fields rather than change them.
 */
import type { EuInstrumentColumn, EuInstrumentKey } from "../data";
import {
  PARAMETER_NAMES,
  type Constraint,
  type Held,
  fractionText,
  type LimitRule,
  type EditionSource,
  type Currency,
  type Dec,
  type Method,
  type ParameterName,
  type ScenarioResult,
  ZERO,
  allResultNotes,
  contributorFigures,
  instrumentFields,
  plain,
  resultSourceDetails,
} from "../engine";
import type { SortOrder } from "./flags";

export type ByYear = Record<string, string>;

export interface AllyReport {
  readonly iso3: string;
  readonly name: string;
  readonly euMember: boolean;
  /** Its exact amount / the exact total, a fraction (12 decimal places). */
  readonly share: string;
  /** Rounded amount over all years, in whole currency units. */
  readonly total: string;
  readonly byYear: ByYear;
  /** Why it pays what it pays: none, exempt, cap, floor or credit. */
  readonly constraint: Constraint;
  /** Credit fraction x its bilateral aid in the window, exact (not rounded). */
  readonly aidCredit: string;
  /** Its average yearly payment / its GDP of the basis year, a fraction (0.0025 is 0.25% of GDP); null without GDP. */
  readonly yearlyShareOfGdp: string | null;
  /** Its amount over all years per inhabitant, in the currency; null without a population figure. */
  readonly perCapita: string | null;
  /** EU instruments overlapping its allocation, summed over the years ("0" outside the EU). */
  readonly euOverlap: string;
  readonly netNew: string;
  readonly overlapByYear: ByYear;
  /** The EU instruments' amount attributed to it each year, before the min with its allocation ("0" outside the EU). */
  readonly euAttributedByYear: ByYear;
  readonly netNewByYear: ByYear;
  /** Years whose overlap is at least the threshold percent of its allocation. */
  readonly flaggedYears: number[];
  /** The engine's workings (12 decimal places): its exact amount before rounding, over all years and each year. */
  readonly exact: string;
  readonly exactByYear: ByYear;
  /** Its basis value (GDP in the currency, a key value, a blended share) and its share among those who pay. */
  readonly basis: string;
  readonly basisShare: string;
  /** Its bilateral aid in the credit window, in the currency (the credit is a fraction of it). */
  readonly aid: string;
  /** Its limits over all years and the rule that sets each (null: none); where the solve held it (null: free). */
  readonly lowerLimit: string;
  readonly lowerRule: LimitRule | null;
  readonly upperLimit: string | null;
  readonly upperRule: LimitRule | null;
  readonly held: Held;
  /** The EU overlap and net new money before rounding, each year. */
  readonly exactOverlapByYear: ByYear;
  readonly exactNetNewByYear: ByYear;
}

export interface AllocationReport {
  readonly total: string;
  readonly exactTotal: string;
  /** The level L: amount = clamp(basis share x L - credit, lower, upper) (12 decimal places); null when none decides. */
  readonly level: string | null;
  readonly currency: Currency;
  readonly unit: string;
  readonly years: number[];
  readonly tranches: ByYear;
  readonly euOverlap: string;
  readonly netNew: string;
  readonly euOverlapByYear: ByYear;
  readonly netNewByYear: ByYear;
  readonly scenario: {
    readonly method: Method;
    readonly gdpYear: number;
    readonly startYear: number;
    readonly profile: string;
    readonly yearWeights: string[];
    readonly usdPerEur: string | null;
    readonly pctGdp: string | null;
    readonly credit: string;
    readonly aidWindow: { readonly from: string; readonly to: string } | null;
    readonly maxPctGdp: string | null;
    readonly overlapThreshold: string;
    readonly euInstruments: CountedInstrumentReport[];
    readonly euStates: string[];
  };
  /**
   * The flags as given on the command line (without --format), in the parameter table's order whatever order they were
   * typed in (so a stored scenario echoes as its flags do); every other parameter has its default.
   */
  readonly parameters: Readonly<Partial<Record<ParameterName, string>>>;
  readonly allies: AllyReport[];
  /**
   * The counted instruments attributed to every state they are attributed over (allies or not) in each year of the
   * allocation, rounded to the unit: `byYear` is the instruments' yearly amount, and an ally's overlap is
   * min(allocation, its amount here).
   */
  readonly euAttribution: { readonly byYear: ByYear; readonly byState: Record<string, ByYear> };
  readonly notes: string[];
  /**
   * Every dataset used, with its source and vintage, whether it is embedded or the user's (`origin`), and for the
   * user's the file and its columns. The EU instruments' source also lists every instrument of the edition with every
   * column of its file.
   */
  readonly sources: (EditionSource & { readonly instruments?: Record<EuInstrumentColumn, string>[] })[];
  /** The data edition: "embedded", or the user's files (with the embedded data for the rest). */
  readonly edition: { readonly id: string; readonly label: string; readonly embedded: boolean };
}

/** A counted EU instrument as the scenario used it. */
export interface CountedInstrumentReport {
  readonly id: string;
  readonly name: string;
  /** Total over its years in the currency, exact. */
  readonly amount: string;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly military: boolean;
  readonly costToMembers: boolean;
  /** gni, eu_budget or russian_assets; null for one the user added. */
  readonly key: EuInstrumentKey | null;
  /** Its own participating states. */
  readonly participants: string[];
  /** The states it is attributed over: its participants among eu-states. */
  readonly states: string[];
  readonly added: boolean;
}

function byYear(years: readonly number[], amounts: readonly { toFixed(): string }[]): ByYear {
  return Object.fromEntries(years.map((year, index) => [String(year), amounts[index].toFixed()]));
}

function plainByYear(years: readonly number[], amounts: readonly Dec[]): ByYear {
  return Object.fromEntries(years.map((year, index) => [String(year), plain(amounts[index])]));
}

const orNull = (value: Dec | null): string | null => (value === null ? null : plain(value));

export function buildReport(
  result: ScenarioResult,
  parameters: Readonly<Partial<Record<ParameterName, string>>>,
  sort: SortOrder | null = null
): AllocationReport {
  const { scenario, allocation, overlap, attribution } = result;
  const years = allocation.years;
  const figures = contributorFigures(result);
  const order = allocation.rows.map((_, index) => index);
  if (sort !== null) {
    const rows = allocation.rows;
    const byCode = (a: number, b: number): number =>
      rows[a].code < rows[b].code ? -1 : rows[a].code > rows[b].code ? 1 : 0;
    order.sort(
      sort === "share"
        ? (a, b) => rows[b].exact.comparedTo(rows[a].exact) || byCode(a, b)
        : sort === "code"
          ? byCode
          : (a, b) => rows[a].name.localeCompare(rows[b].name, "en") || byCode(a, b)
    );
  }
  const allies = order.map((index): AllyReport => {
    const row = allocation.rows[index];
    const overlapRow = overlap.rows[index];
    const figure = figures.rows[index];
    return {
      iso3: row.code,
      name: row.name,
      euMember: overlapRow.euMember,
      share: plain(row.share),
      total: row.total.toFixed(),
      byYear: byYear(years, row.byYear),
      constraint: row.constraint,
      aidCredit: plain(row.aidCredit),
      yearlyShareOfGdp: orNull(figure.yearlyShareOfGdp),
      perCapita: orNull(figure.perCapita),
      euOverlap: overlapRow.totalOverlap.toFixed(),
      netNew: overlapRow.totalNetNew.toFixed(),
      overlapByYear: byYear(years, overlapRow.overlap),
      euAttributedByYear: byYear(years, overlapRow.attributed),
      netNewByYear: byYear(years, overlapRow.netNew),
      flaggedYears: years.filter((_, yearIndex) => overlapRow.flagged[yearIndex]),
      exact: plain(row.exact),
      exactByYear: plainByYear(years, row.exactByYear),
      basis: plain(scenario.contributors[index].basis),
      basisShare: plain(row.basisShare),
      aid: plain(scenario.contributors[index].aid),
      lowerLimit: plain(row.lowerLimit),
      lowerRule: row.lowerRule,
      upperLimit: orNull(row.upperLimit),
      upperRule: row.upperRule,
      held: row.held,
      exactOverlapByYear: plainByYear(years, overlapRow.exactOverlap),
      exactNetNewByYear: plainByYear(years, overlapRow.exactNetNew),
    };
  });
  /** A state's rounded attribution in a year of the allocation (0 in a year no instrument covers). */
  const attributedIn = (row: readonly Dec[], year: number): Dec => row[attribution.years.indexOf(year)] ?? ZERO;
  return {
    total: allocation.total.toFixed(),
    exactTotal: plain(allocation.exactTotal),
    level: orNull(allocation.level),
    currency: scenario.currency,
    unit: scenario.unit.toFixed(),
    years,
    tranches: byYear(years, allocation.tranches),
    euOverlap: overlap.totalOverlap.toFixed(),
    netNew: overlap.totalNetNew.toFixed(),
    euOverlapByYear: byYear(years, overlap.overlapByYear),
    netNewByYear: byYear(years, overlap.netNewByYear),
    scenario: {
      method: scenario.method,
      gdpYear: scenario.gdpYear,
      startYear: scenario.startYear,
      profile: scenario.profile.kind,
      yearWeights: scenario.yearWeights.map((weight) => weight.toFixed()),
      usdPerEur: scenario.usdPerEur?.toFixed() ?? null,
      // pctGdp, maxPctGdp and overlapThreshold are percent numbers ("0.25" is 0.25%), as documented since the first
      // release; the scenario holds them as fractions.
      pctGdp: scenario.pctGdp === null ? null : plain(scenario.pctGdp.times(100)),
      // A credit given as a fraction with no finite decimal (solve's answer) is shown as given: a/b.
      credit: scenario.exactCredit === null ? scenario.credit.toFixed() : fractionText(scenario.exactCredit),
      aidWindow: scenario.aidWindow,
      maxPctGdp: scenario.maxPctGdp === null ? null : plain(scenario.maxPctGdp.times(100)),
      overlapThreshold: plain(scenario.overlapThreshold.times(100)),
      euInstruments: scenario.instruments.map((instrument) => ({
        id: instrument.id,
        name: instrument.name,
        amount: plain(instrument.amount),
        firstYear: instrument.firstYear,
        lastYear: instrument.lastYear,
        military: instrument.military,
        costToMembers: instrument.costToMembers,
        key: instrument.key,
        participants: [...instrument.participants],
        states: [...instrument.states],
        added: instrument.added,
      })),
      euStates: scenario.euStates,
    },
    parameters: Object.fromEntries(
      PARAMETER_NAMES.filter((name) => parameters[name] !== undefined).map((name) => [name, parameters[name]])
    ),
    allies,
    euAttribution: {
      byYear: byYear(
        years,
        years.map((year) => attribution.roundedByYear[attribution.years.indexOf(year)] ?? ZERO)
      ),
      byState: Object.fromEntries(
        attribution.states.map((code, i) => [
          code,
          byYear(
            years,
            years.map((year) => attributedIn(attribution.rounded[i], year))
          ),
        ])
      ),
    },
    notes: allResultNotes(result),
    sources: resultSourceDetails(result, figures).map((source) =>
      source.dataset === "instruments"
        ? { ...source, instruments: scenario.edition.instruments.map(instrumentFields) }
        : source
    ),
    edition: { id: scenario.edition.id, label: scenario.edition.label, embedded: scenario.edition.embedded },
  };
}
