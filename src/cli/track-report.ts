/**
 * `fair-share track` as the command line reports it: every figure of the engine's comparison as exact decimal strings
 * (the json output is this object), and the table and csv drawn from it. Each field is documented in README.md
 * ("track's json"); scripts depend on it, so add fields rather than change them. No figure is derived here.
 */
import {
  type Constraint,
  type Currency,
  Dec,
  type DeliveredMeasure,
  type EditionSource,
  type Held,
  type Method,
  type ParameterName,
  type TrackResult,
  type TrackRow,
  monthWords,
  plain,
  sourcesField,
  unitPlacesInMillions,
} from "../engine";
import type { TrackSortOrder } from "./flags";
import { groupThousands, renderColumns, shortAmount, sourceLines, toCsv, type Align, type CsvOptions } from "./format";

export interface TrackAllyReport {
  readonly iso3: string;
  readonly name: string;
  /** Whether the Kiel tracker covers it: if not, delivered, gap and deliveredShare are null (unknown, never 0). */
  readonly tracked: boolean;
  /** Its fair share of the pledge, rounded to the unit; the fair shares add up to the pledge. */
  readonly fairShare: string;
  /** Its fair share before rounding. */
  readonly fairShareExact: string;
  /** Its basis share among those who pay (0 when exempt), a fraction. */
  readonly basisShare: string;
  /** Why its fair share is what it is: none, exempt, cap or floor. */
  readonly constraint: Constraint;
  /** Where the solve held it: lower, upper or null (free). */
  readonly held: Held;
  /** deliveredBilateral + deliveredEu, exact; null when not tracked. */
  readonly delivered: string | null;
  /** Its bilateral aid in the window (Kiel), exact; null when not tracked. */
  readonly deliveredBilateral: string | null;
  /** With --count-eu, its share of the EU instruments in the window, rounded to the unit; else null. */
  readonly deliveredEu: string | null;
  /** fairShare - delivered: positive short of its share, negative beyond it; null when not tracked. */
  readonly gap: string | null;
  /** delivered / fairShare, a fraction (12 places); null when not tracked or its fair share is 0. */
  readonly deliveredShare: string | null;
  /** Its bilateral aid by month in the window, months with aid only, exact. */
  readonly months: Record<string, string>;
}

export interface TrackReport {
  readonly currency: Currency;
  readonly unit: string;
  /** The pledge P: the fair shares' sum. */
  readonly pledge: string;
  readonly window: {
    readonly from: string;
    readonly to: string;
    readonly months: number;
    /** The months of the window the aid data cover: the first, the last and how many. */
    readonly dataFrom: string;
    readonly dataTo: string;
    readonly monthsWithData: number;
    /** The window's months outside the aid data. */
    readonly notCovered: readonly string[];
  };
  readonly scenario: {
    readonly delivered: DeliveredMeasure;
    readonly countEu: boolean;
    readonly method: Method;
    readonly gdpYear: number;
    readonly usdPerEur: string | null;
    /** A fraction (0.0025 is 0.25%), or null. */
    readonly maxPctGdp: string | null;
    readonly euStates: readonly string[];
    /** The release the delivered aid comes from. */
    readonly release: string;
  };
  /** The flags as given (without the output flags). */
  readonly parameters: Readonly<Partial<Record<ParameterName, string>>>;
  readonly allies: TrackAllyReport[];
  readonly totals: {
    readonly fairShare: string;
    readonly fairShareTracked: string;
    readonly fairShareNotTracked: string;
    /** Over the tracked allies. */
    readonly delivered: string;
    readonly deliveredBilateral: string;
    readonly deliveredEu: string | null;
    /** The gaps' sum over the tracked allies: fairShareTracked - delivered. */
    readonly gap: string;
    /** The positive gaps' sum: what the pledge still needs if no one's surplus counts for others. */
    readonly shortfall: string;
    /** The negative gaps' sum, as a positive amount. */
    readonly surplus: string;
    /** delivered / pledge, a fraction (12 places). */
    readonly coverage: string;
    readonly notTracked: readonly string[];
  };
  /** With --count-eu: each counted instrument's amount in the window, by year (months counted); else null. */
  readonly euInstruments:
    | {
        readonly id: string;
        readonly name: string;
        readonly amount: string;
        readonly states: readonly string[];
        readonly byYear: Record<string, { readonly months: number; readonly amount: string }>;
      }[]
    | null;
  readonly notes: readonly string[];
  /**
   * Every dataset the comparison uses, with its source and vintage, and whether it is embedded or the user's: for
   * the user's, the file and its columns.
   */
  readonly sources: readonly EditionSource[];
  /** The data edition: "embedded", or the user's files (with the embedded data for the rest). */
  readonly edition: { readonly id: string; readonly label: string; readonly embedded: boolean };
}

const orNull = (value: Dec | null): string | null => (value === null ? null : value.toFixed());

/** Rows in the order asked: gap (largest shortfall first, untracked last), share (largest fair share first), ... */
function order(rows: readonly TrackRow[], sort: TrackSortOrder | null): number[] {
  const indices = rows.map((_, index) => index);
  if (sort === null) return indices;
  const byCode = (a: number, b: number): number =>
    rows[a].code < rows[b].code ? -1 : rows[a].code > rows[b].code ? 1 : 0;
  const compare: Record<TrackSortOrder, (a: number, b: number) => number> = {
    gap: (a, b) => {
      const [x, y] = [rows[a].gap, rows[b].gap];
      if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || byCode(a, b);
      return y.comparedTo(x) || byCode(a, b);
    },
    share: (a, b) => rows[b].fairShareExact.comparedTo(rows[a].fairShareExact) || byCode(a, b),
    code: byCode,
    name: (a, b) => rows[a].name.localeCompare(rows[b].name, "en") || byCode(a, b),
  };
  return indices.sort(compare[sort]);
}

export function buildTrackReport(
  result: TrackResult,
  parameters: Readonly<Partial<Record<ParameterName, string>>>,
  sort: TrackSortOrder | null = null
): TrackReport {
  const { scenario, window, totals } = result;
  const allies = order(result.rows, sort).map((index): TrackAllyReport => {
    const row = result.rows[index];
    return {
      iso3: row.code,
      name: row.name,
      tracked: row.tracked,
      fairShare: row.fairShare.toFixed(),
      fairShareExact: plain(row.fairShareExact),
      basisShare: plain(row.basisShare),
      constraint: row.constraint,
      held: row.held,
      delivered: orNull(row.delivered),
      deliveredBilateral: orNull(row.bilateral),
      deliveredEu: orNull(row.eu),
      gap: orNull(row.gap),
      deliveredShare: row.deliveredShare === null ? null : plain(row.deliveredShare),
      months: Object.fromEntries(row.months.map(([month, amount]) => [month, amount.toFixed()])),
    };
  });
  return {
    currency: scenario.currency,
    unit: scenario.unit.toFixed(),
    pledge: result.pledge.toFixed(),
    window: {
      from: window.from,
      to: window.to,
      months: window.months,
      dataFrom: window.dataFrom,
      dataTo: window.dataTo,
      monthsWithData: window.monthsWithData,
      notCovered: [...window.notCovered],
    },
    scenario: {
      delivered: result.measure,
      countEu: result.countEu,
      method: scenario.method,
      gdpYear: scenario.gdpYear,
      usdPerEur: scenario.usdPerEur?.toFixed() ?? null,
      maxPctGdp: scenario.maxPctGdp === null ? null : plain(scenario.maxPctGdp),
      euStates: result.countEu ? scenario.euStates : [],
      release: result.release,
    },
    parameters,
    allies,
    totals: {
      fairShare: totals.pledge.toFixed(),
      fairShareTracked: totals.fairShareTracked.toFixed(),
      fairShareNotTracked: totals.fairShareNotTracked.toFixed(),
      delivered: totals.delivered.toFixed(),
      deliveredBilateral: totals.bilateral.toFixed(),
      deliveredEu: orNull(totals.eu),
      gap: totals.gap.toFixed(),
      shortfall: totals.shortfall.toFixed(),
      surplus: totals.surplus.toFixed(),
      coverage: plain(totals.coverage),
      notTracked: result.rows.filter((row) => !row.tracked).map((row) => row.code),
    },
    euInstruments:
      result.eu === null
        ? null
        : result.eu.instruments.map((instrument) => ({
            id: instrument.id,
            name: instrument.name,
            amount: plain(instrument.amount),
            states: [...instrument.states],
            byYear: Object.fromEntries(
              instrument.byYear.map((entry) => [
                String(entry.year),
                { months: entry.months, amount: plain(entry.amount) },
              ])
            ),
          })),
    notes: [...result.notes],
    sources: [...result.sources],
    edition: { id: scenario.edition.id, label: scenario.edition.label, embedded: scenario.edition.embedded },
  };
}

const MILLION = new Dec("1e6");
/** Delivered aid comes to the thousand (the tracker's EUR billion to six places): three places in millions. */
const DELIVERED_PLACES = 3;
const NOT_TRACKED = "not tracked";

/** An amount in millions for reading; display only (the json has the exact figure). */
function millions(amount: string, places: number): string {
  return groupThousands(new Dec(amount).div(MILLION).toFixed(places));
}

/** A fraction as a percent to one place: "0.873" -> "87.3%"; "-" for none. */
function percentOfFairShare(fraction: string | null): string {
  return fraction === null ? "-" : `${new Dec(fraction).times(100).toFixed(1)}%`;
}

export function renderTrackTable(report: TrackReport): string {
  const places = Math.max(unitPlacesInMillions(new Dec(report.unit)), DELIVERED_PLACES);
  const money = (amount: string | null): string => (amount === null ? NOT_TRACKED : millions(amount, places));
  const { window, totals, scenario } = report;
  const countEu = scenario.countEu;
  const header = [
    "Code",
    "Name",
    "Fair share",
    ...(countEu ? ["Bilateral", "EU"] : []),
    "Delivered",
    "Gap",
    "Delivered %",
    "Held",
  ];
  const align: Align[] = ["left", "left", ...Array<Align>(header.length - 3).fill("right"), "left"];
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    money(ally.fairShare),
    ...(countEu ? [money(ally.deliveredBilateral), ally.tracked ? money(ally.deliveredEu) : NOT_TRACKED] : []),
    money(ally.delivered),
    money(ally.gap),
    ally.tracked ? percentOfFairShare(ally.deliveredShare) : NOT_TRACKED,
    ally.constraint === "none" ? "" : ally.constraint,
  ]);
  const totalRow = [
    "",
    "Total",
    money(totals.fairShare),
    ...(countEu ? [money(totals.deliveredBilateral), money(totals.deliveredEu)] : []),
    money(totals.delivered),
    money(totals.gap),
    percentOfFairShare(totals.coverage),
    "",
  ];
  const basis =
    scenario.method === "gdp"
      ? `share of ${scenario.gdpYear} GDP`
      : scenario.method === "key"
        ? "a key given by the user"
        : "a blend of bases";
  // An on-or-off parameter given as a switch shows as it was typed: --count-eu.
  const flags = Object.entries(report.parameters).map(([name, value]) =>
    name === "count-eu" && value === "yes" ? `--${name}` : `--${name} ${value}`
  );
  const what = scenario.delivered === "allocations" ? "military aid allocated" : "commitments (every kind of aid)";
  const lines = [
    `Fair Share track: a pledge of ${report.currency} ${shortAmount(report.pledge)} for ${monthWords(window.from)} to` +
      ` ${monthWords(window.to)} (${window.months} months), shared by ${basis}; delivered: ${what}` +
      `${countEu ? " plus EU instruments" : ""}, Kiel tracker.`,
    `Flags: ${flags.length > 0 ? flags.join(" ") : "none (all defaults; see fair-share track --help)"}`,
    `Data: ${report.edition.label}.`,
    `Amounts in ${report.currency} million. Fair shares are rounded to ${report.currency} ${shortAmount(report.unit)}` +
      " and add up to the pledge exactly; delivered aid is exact. Gap = fair share - delivered.",
    "",
    ...renderColumns(header, [...rows, totalRow], align),
    "",
    `Delivered %: delivered as a percent of the fair share; in the total row, the pledge's coverage. Totals of` +
      " delivered aid and gaps are over the tracked allies.",
    `Pledge ${money(totals.fairShare)}; delivered ${money(totals.delivered)} (coverage` +
      ` ${percentOfFairShare(totals.coverage)}); shortfalls add up to ${money(totals.shortfall)}, surpluses to` +
      ` ${money(totals.surplus)}.`,
  ];
  if (totals.notTracked.length > 0) {
    lines.push(
      `Not tracked: ${totals.notTracked.join(", ")} (fair share ${money(totals.fairShareNotTracked)}); what they delivered is unknown, not 0.`
    );
  }
  if (report.notes.length > 0) lines.push("", "Notes:", ...report.notes.map((note) => `- ${note}`));
  lines.push("", "Sources:", ...sourceLines(report.sources), "");
  return lines.join("\n");
}

export function renderTrackCsv(report: TrackReport, options: CsvOptions): string {
  const header = [
    "code",
    "name",
    "tracked",
    "fair_share",
    "delivered",
    "delivered_bilateral",
    "delivered_eu",
    "gap",
    "delivered_share",
    "constraint",
    "currency",
    "rounding_unit",
    "sources",
  ];
  // Every row says what its numbers are: the currency, the rounding unit and the datasets (embedded or yours).
  const stated = [report.currency, report.unit, sourcesField(report.sources)];
  // An ally the tracker does not cover has empty figures (unknown), never 0.
  const rows = report.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.tracked ? "yes" : "no",
    ally.fairShare,
    ally.delivered ?? "",
    ally.deliveredBilateral ?? "",
    ally.tracked ? (ally.deliveredEu ?? "") : "",
    ally.gap ?? "",
    ally.deliveredShare ?? "",
    ally.constraint,
    ...stated,
  ]);
  const { totals } = report;
  const totalRow = [
    "TOTAL",
    "Total",
    "",
    totals.fairShare,
    totals.delivered,
    totals.deliveredBilateral,
    totals.deliveredEu ?? "",
    totals.gap,
    totals.coverage,
    "",
    ...stated,
  ];
  return toCsv([header, ...rows, totalRow], options);
}
