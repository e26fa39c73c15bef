/**
 * `fair-share data`: the embedded data as a reader checks it, per ally (GDP both years in EUR and USD, population, EU
 * membership, share of EU GNI, bilateral military aid in a window of months) or, with --eu, the EU instruments with
 * every field of their records. Every figure is the data's own decimal string, or the engine's exact sum or share; the
 * json is this object, the table and csv are drawn from it. Fields are documented in README.md ("fair-share data").
 */
import {
  ALLIES,
  EU_GNI_YEAR,
  EU_INSTRUMENTS,
  KIEL_MILITARY,
  NOT_TRACKED_BY_KIEL,
  POPULATION_YEAR,
  SOURCE_IDS,
  isTrackedByKiel,
  sourceById,
  type DatasetSource,
  type EuInstrumentRecord,
} from "../data";
import { euGniShare, fail, isBlank, militaryAidEurBn, parseMonth, plain } from "../engine";

export interface AllyDataReport {
  readonly iso3: string;
  readonly name: string;
  readonly euMember: boolean;
  readonly natoJoined: number;
  /** { "YEAR": GDP }, EUR billion, current prices (NATO's exchange rates). */
  readonly gdpEurBn: Record<string, string>;
  /** { "YEAR": GDP }, USD billion, current prices. */
  readonly gdpUsdBn: Record<string, string>;
  /** Population in `populationYear`, million (derived from NATO's tables). */
  readonly populationM: string;
  readonly populationYear: number;
  /**
   * The same population under the name the json first gave it, which carries the data's year (population2023M): kept
   * for scripts that read it.
   */
  readonly [populationWithYear: `population${number}M`]: string;
  /** Its share of the 27 EU member states' GNI (of EU_GNI_YEAR), a fraction (12 places); null outside the EU. */
  readonly euGniShare: string | null;
  /** Bilateral military aid in the window, EUR billion; null when the Kiel tracker does not track it (unknown). */
  readonly militaryAidEurBn: string | null;
}

export interface DataReport {
  readonly aidWindow: { readonly from: string; readonly to: string };
  readonly allies: AllyDataReport[];
  readonly notes: string[];
  readonly sources: DatasetSource[];
}

export interface InstrumentDataReport {
  /** The embedded EU instrument records, every field as the data holds it. */
  readonly instruments: readonly EuInstrumentRecord[];
  readonly sources: DatasetSource[];
}

/** The aid window: each end defaults to the data's first or last month; a window outside the data is refused. */
function dataAidWindow(fromText: string | undefined, toText: string | undefined): { from: string; to: string } {
  const first = KIEL_MILITARY.firstMonth;
  const last = KIEL_MILITARY.lastMonth;
  const from = isBlank(fromText) ? first : parseMonth("aid-from", fromText);
  const to = isBlank(toText) ? last : parseMonth("aid-to", toText);
  if (from < first || from > last) fail("OUT_OF_RANGE", "aid-from", { value: from, min: first, max: last });
  if (to < first || to > last) fail("OUT_OF_RANGE", "aid-to", { value: to, min: first, max: last });
  if (from > to) fail("WINDOW_ORDER", "aid-from", { from, to });
  return { from, to };
}

export function buildDataReport(aidFrom?: string, aidTo?: string): DataReport {
  const aidWindow = dataAidWindow(aidFrom, aidTo);
  const allies = ALLIES.map((ally): AllyDataReport => {
    const gniShare = euGniShare(ally.iso3);
    return {
      iso3: ally.iso3,
      name: ally.name,
      euMember: ally.euMember,
      natoJoined: ally.natoJoined,
      gdpEurBn: { ...ally.gdpEurBn },
      gdpUsdBn: { ...ally.gdpUsdBn },
      populationM: ally.populationM,
      populationYear: POPULATION_YEAR,
      [`population${POPULATION_YEAR}M`]: ally.populationM,
      euGniShare: gniShare === null ? null : plain(gniShare),
      militaryAidEurBn: isTrackedByKiel(ally.iso3)
        ? plain(militaryAidEurBn(ally.iso3, aidWindow.from, aidWindow.to))
        : null,
    };
  });
  const untracked = ALLIES.filter((ally) => NOT_TRACKED_BY_KIEL.includes(ally.iso3)).map((ally) => ally.name);
  const notes = [
    `Military aid: bilateral military allocations ${aidWindow.from} to ${aidWindow.to} (${KIEL_MILITARY.release}).`,
    `EU GNI share: ${EU_GNI_YEAR} GNI over the 27 EU member states (Austria, Cyprus, Ireland and Malta are EU members` +
      " outside NATO); empty for allies outside the EU.",
  ];
  if (untracked.length > 0) {
    notes.push(`${untracked.join(", ")}: not tracked by the Kiel Ukraine Support Tracker; aid unknown (left empty).`);
  }
  const sources = [SOURCE_IDS.natoGdp, SOURCE_IDS.natoPopulation, SOURCE_IDS.euGni, SOURCE_IDS.kiel].map(sourceById);
  return { aidWindow, allies, notes, sources };
}

export function buildInstrumentReport(): InstrumentDataReport {
  return { instruments: EU_INSTRUMENTS, sources: [sourceById(SOURCE_IDS.euInstruments)] };
}
