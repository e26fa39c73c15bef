/**
 * `fair-share data`: the data of an edition (the embedded one, or the user's) as a reader checks it, per ally (GDP of
 * every year in EUR and USD, population, EU membership, EU GNI and its share, bilateral military aid in a window of
 * months), then the EU member states outside NATO (for their GNI); or, with --eu, the EU instruments with every field
 * of their records. Every figure is the edition's own decimal string, or the engine's exact sum or share; the json is
 * this object, the table is drawn from it, and the csv is the engine's countryTable (the import format). Fields are
 * documented in README.md ("fair-share data").
 */
import type { EuInstrumentRecord } from "../data";
import {
  aidEurBn,
  countrySources,
  euGniShare,
  fail,
  isBlank,
  parseMonth,
  plain,
  usdYears,
  type Edition,
  type EditionSource,
} from "../engine";

export interface AllyDataReport {
  readonly iso3: string;
  readonly name: string;
  readonly euMember: boolean;
  readonly natoJoined: number;
  /** { "YEAR": GDP }, EUR billion, current prices (NATO's exchange rates). */
  readonly gdpEurBn: Record<string, string>;
  /** { "YEAR": GDP }, USD billion, current prices (the years the data gives for every ally). */
  readonly gdpUsdBn: Record<string, string>;
  /** Population in `populationYear`, million (derived from NATO's tables). */
  readonly populationM: string;
  readonly populationYear: number;
  /**
   * The same population under the name the json first gave it, which carries the data's year (population2023M): kept
   * for scripts that read it.
   */
  readonly [populationWithYear: `population${number}M`]: string;
  /** Its GNI of `gniYear`, EUR billion; null outside the EU. */
  readonly gniEurBn: string | null;
  readonly gniYear: number;
  /** Its share of the 27 EU member states' GNI (of gniYear), a fraction (12 places); null outside the EU. */
  readonly euGniShare: string | null;
  /** Bilateral military aid in the window, EUR billion; null when the Kiel tracker does not track it (unknown). */
  readonly militaryAidEurBn: string | null;
}

/** An EU member state outside NATO: its GNI, share and aid (it pays into the EU instruments too). */
export interface EuStateDataReport {
  readonly iso3: string;
  readonly name: string;
  readonly gniEurBn: string;
  readonly gniYear: number;
  readonly euGniShare: string;
  readonly militaryAidEurBn: string | null;
}

export interface DataReport {
  readonly aidWindow: { readonly from: string; readonly to: string };
  readonly allies: AllyDataReport[];
  /** The EU member states that are not NATO allies (Austria, Cyprus, Ireland, Malta). */
  readonly otherEuStates: EuStateDataReport[];
  readonly notes: string[];
  readonly sources: EditionSource[];
  readonly edition: { readonly id: string; readonly label: string; readonly embedded: boolean };
}

export interface InstrumentDataReport {
  /** The edition's EU instrument records, every field as the data holds it. */
  readonly instruments: readonly EuInstrumentRecord[];
  readonly sources: EditionSource[];
  readonly edition: { readonly id: string; readonly label: string; readonly embedded: boolean };
}

/** The aid window: each end defaults to the data's first or last month; a window outside the data is refused. */
export function dataAidWindow(
  edition: Edition,
  fromText: string | undefined,
  toText: string | undefined
): { from: string; to: string } {
  const first = edition.aid.firstMonth;
  const last = edition.aid.lastMonth;
  const from = isBlank(fromText) ? first : parseMonth("aid-from", fromText);
  const to = isBlank(toText) ? last : parseMonth("aid-to", toText);
  if (from < first || from > last) fail("OUT_OF_RANGE", "aid-from", { value: from, min: first, max: last });
  if (to < first || to > last) fail("OUT_OF_RANGE", "aid-to", { value: to, min: first, max: last });
  if (from > to) fail("WINDOW_ORDER", "aid-from", { from, to });
  return { from, to };
}

function editionFacts(edition: Edition): DataReport["edition"] {
  return { id: edition.id, label: edition.label, embedded: edition.embedded };
}

export function buildDataReport(edition: Edition, aidFrom?: string, aidTo?: string): DataReport {
  const aidWindow = dataAidWindow(edition, aidFrom, aidTo);
  const usd = usdYears(edition);
  const aid = (code: string): string | null =>
    edition.aid.tracked(code) ? plain(aidEurBn(edition, code, aidWindow.from, aidWindow.to)) : null;
  const share = (code: string): string | null => {
    const value = euGniShare(code, edition);
    return value === null ? null : plain(value);
  };
  const allies = edition.allies.map(
    (ally) =>
      ({
        iso3: ally.iso3,
        name: ally.name,
        euMember: ally.euMember,
        natoJoined: ally.natoJoined,
        gdpEurBn: Object.fromEntries(edition.gdpYears.map((year) => [String(year), ally.gdpEurBn[year]])),
        gdpUsdBn: Object.fromEntries(usd.map((year) => [String(year), ally.gdpUsdBn[year]])),
        populationM: ally.populationM,
        populationYear: edition.populationYear,
        [`population${edition.populationYear}M` as `population${number}M`]: ally.populationM,
        gniEurBn: edition.euState(ally.iso3)?.gniEurBn ?? null,
        gniYear: edition.gniYear,
        euGniShare: share(ally.iso3),
        militaryAidEurBn: aid(ally.iso3),
      }) as AllyDataReport
  );
  const otherEuStates = edition.euStates
    .filter((state) => edition.ally(state.iso3) === undefined)
    .map((state): EuStateDataReport => ({
      iso3: state.iso3,
      name: state.name,
      gniEurBn: state.gniEurBn,
      gniYear: edition.gniYear,
      euGniShare: share(state.iso3) as string,
      militaryAidEurBn: aid(state.iso3),
    }));
  const untracked = edition.allies.filter((ally) => edition.aid.notTracked.includes(ally.iso3)).map((a) => a.name);
  const notes = [
    `Military aid: bilateral military allocations ${aidWindow.from} to ${aidWindow.to} (${edition.aid.release}).`,
    `EU GNI share: ${edition.gniYear} GNI over the 27 EU member states (Austria, Cyprus, Ireland and Malta are EU` +
      " members outside NATO, listed after the allies); empty for allies outside the EU.",
  ];
  if (untracked.length > 0) {
    notes.push(`${untracked.join(", ")}: not tracked by the Kiel Ukraine Support Tracker; aid unknown (left empty).`);
  }
  if (!edition.embedded) notes.push(`Data: ${edition.label}.`, ...edition.warnings);
  return { aidWindow, allies, otherEuStates, notes, sources: countrySources(edition), edition: editionFacts(edition) };
}

export function buildInstrumentReport(edition: Edition): InstrumentDataReport {
  return {
    instruments: edition.instruments,
    sources: [edition.sourceOf("instruments")],
    edition: editionFacts(edition),
  };
}
