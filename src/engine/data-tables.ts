/**
 * An edition written as the tables a person edits: the per-country table (`fair-share data --format csv`, the
 * "Fair Share data" sheet) and the EU instruments table (`fair-share data --eu --format csv`). They are also the
 * import formats (data-file.ts reads them back): exporting and reading back gives the same figures. Every figure is
 * the edition's own decimal string, or a share or sum the engine computes exactly.
 */
import { EU_INSTRUMENT_COLUMNS, type EuInstrumentColumn, type EuInstrumentRecord } from "../data";
import { plain } from "./decimal";
import { aidEurBn, type Edition, type EditionSource } from "./edition";

export interface DataTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A source in one line, as a csv field or a cell names it: "title (vintage V; embedded)" or "(...; your data)". */
export function editionSourceLabel(source: EditionSource): string {
  return `${source.title} (vintage ${source.vintage}; ${source.origin === "user" ? "your data" : "embedded"})`;
}

/** The datasets as one csv field: each source's label, separated by " | ". */
export function sourcesField(sources: readonly EditionSource[]): string {
  return sources.map(editionSourceLabel).join(" | ");
}

/** The years whose GDP in USD the edition gives for every ally (a user's file may give only EUR). */
export function usdYears(edition: Edition): number[] {
  return edition.gdpYears.filter((year) => edition.allies.every((ally) => ally.gdpUsdBn[year] !== undefined));
}

/** The datasets the per-country table shows, once each: GDP of each year, population, GNI, aid. */
export function countrySources(edition: Edition): EditionSource[] {
  const sources = [
    ...edition.gdpYears.map((year) => edition.sourceOf("gdp", year)),
    edition.sourceOf("population"),
    edition.sourceOf("gni"),
    edition.sourceOf("aid"),
  ];
  return sources.filter((source, index) => sources.findIndex((other) => other.id === source.id) === index);
}

/** The per-country table's columns, in order, for an edition. */
export function countryColumns(edition: Edition): string[] {
  return [
    "iso3",
    "name",
    "eu_member",
    "nato_joined",
    ...edition.gdpYears.map((year) => `gdp_${year}_eur_bn`),
    ...usdYears(edition).map((year) => `gdp_${year}_usd_bn`),
    `population_${edition.populationYear}_m`,
    `gni_${edition.gniYear}_eur_bn`,
    "eu_gni_share",
    "military_aid_eur_bn",
    "aid_from",
    "aid_to",
    "sources",
  ];
}

/**
 * The per-country table: one row per ally (in the data's order), then one per EU member state outside NATO (for its
 * GNI); the aid in the window from..to (empty where the tracker does not track the country: unknown, not zero).
 */
export function countryTable(edition: Edition, window: { readonly from: string; readonly to: string }): DataTable {
  const usd = usdYears(edition);
  const sources = sourcesField(countrySources(edition));
  const share = (code: string): string => {
    const state = edition.euState(code);
    return state === undefined ? "" : plain(state.gni.div(edition.gniTotal));
  };
  const aid = (code: string): string =>
    edition.aid.tracked(code) ? plain(aidEurBn(edition, code, window.from, window.to)) : "";
  const allies = edition.allies.map((ally) => [
    ally.iso3,
    ally.name,
    ally.euMember ? "yes" : "no",
    String(ally.natoJoined),
    ...edition.gdpYears.map((year) => ally.gdpEurBn[year]),
    ...usd.map((year) => ally.gdpUsdBn[year]),
    ally.populationM,
    edition.euState(ally.iso3)?.gniEurBn ?? "",
    share(ally.iso3),
    aid(ally.iso3),
    window.from,
    window.to,
    sources,
  ]);
  const others = edition.euStates
    .filter((state) => edition.ally(state.iso3) === undefined)
    .map((state) => [
      state.iso3,
      state.name,
      "yes",
      "",
      ...edition.gdpYears.map(() => ""),
      ...usd.map(() => ""),
      "",
      state.gniEurBn,
      share(state.iso3),
      aid(state.iso3),
      window.from,
      window.to,
      sources,
    ]);
  return { header: countryColumns(edition), rows: [...allies, ...others] };
}

/** The columns of every listing of the EU instruments: the data file's own, then the dataset the rows come from. */
export const INSTRUMENT_TABLE_COLUMNS = [...EU_INSTRUMENT_COLUMNS, "sources"] as const;
export type InstrumentTableColumn = (typeof INSTRUMENT_TABLE_COLUMNS)[number];

/** One instrument with every column of the source file, as the file writes it (yes/no, decimal strings). */
export function instrumentFields(record: EuInstrumentRecord): Record<EuInstrumentColumn, string> {
  const yesNo = (value: boolean): string => (value ? "yes" : "no");
  return {
    id: record.id,
    instrument: record.name,
    amount_eur_bn: record.amountEurBn,
    first_year: String(record.firstYear),
    last_year: String(record.lastYear),
    military: yesNo(record.military),
    status: record.status,
    key: record.key,
    states: record.states,
    cost_to_members: yesNo(record.costToMembers),
    notes: record.notes,
  };
}

/** One instrument as every listing shows it: each column as the file writes it, then its dataset. */
export function instrumentRow(edition: Edition, record: EuInstrumentRecord): Record<InstrumentTableColumn, string> {
  return { ...instrumentFields(record), sources: editionSourceLabel(edition.sourceOf("instruments")) };
}

/** The EU instruments table of an edition. */
export function instrumentTable(edition: Edition): DataTable {
  return {
    header: [...INSTRUMENT_TABLE_COLUMNS],
    rows: edition.instruments.map((record) => {
      const row = instrumentRow(edition, record);
      return INSTRUMENT_TABLE_COLUMNS.map((column) => row[column]);
    }),
  };
}
