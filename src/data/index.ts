/**
 * The embedded default data and the lookups the engine needs. Figures stay decimal strings here; the engine parses
 * them with its own decimal.js constructor, so this module has no arithmetic to get wrong.
 */

import { ALLIES, EU_GNI, EU_INSTRUMENTS, EU_INSTRUMENT_COLUMNS, KIEL_COMMITMENTS, KIEL_MILITARY } from "./generated";
import { SOURCE_IDS, sourceById, sourceLabel, type SourceId } from "./sources";
import type { AllyRecord, EuGniRecord, EuInstrumentRecord, KielMonthlySeries } from "./types";

export * from "./types";
export * from "./generated";
export * from "./sources";
export * from "./csv";
export * from "./kiel";

/** The ally with this ISO 3166 alpha-3 code, in any letter case; undefined if it is not one of the 32. */
export function allyByIso3(iso3: string): AllyRecord | undefined {
  const code = iso3.toUpperCase();
  return ALLIES.find((ally) => ally.iso3 === code);
}

/** The EU member state's GNI row, in any letter case; undefined for a state outside the EU. */
export function euGniByIso3(iso3: string): EuGniRecord | undefined {
  const code = iso3.toUpperCase();
  return EU_GNI.find((record) => record.iso3 === code);
}

/** The member states that take part in an EU instrument, in the order of the GNI data. */
export function instrumentParticipants(instrument: Pick<EuInstrumentRecord, "leftOut">): string[] {
  return EU_GNI.map((record) => record.iso3).filter((code) => !instrument.leftOut.includes(code));
}

export type EuInstrumentColumn = (typeof EU_INSTRUMENT_COLUMNS)[number];

/** One embedded instrument with every column of the source file, as the file writes it (yes/no, decimal strings). */
export function euInstrumentRow(record: EuInstrumentRecord): Record<EuInstrumentColumn, string> {
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

/** Every embedded instrument with every column, in the file's order. */
export function euInstrumentRows(): Record<EuInstrumentColumn, string>[] {
  return EU_INSTRUMENTS.map(euInstrumentRow);
}

/**
 * The columns of every listing of the EU instruments (the command line's csv and table, FAIRSHARE.DATA), in this
 * order: the data file's own, then the dataset the rows come from.
 */
export const INSTRUMENT_LISTING_COLUMNS = [...EU_INSTRUMENT_COLUMNS, "sources"] as const;
export type InstrumentListingColumn = (typeof INSTRUMENT_LISTING_COLUMNS)[number];

/** One embedded instrument as every listing shows it: each column as the file writes it, then its source. */
export function instrumentListingRow(record: EuInstrumentRecord): Record<InstrumentListingColumn, string> {
  return { ...euInstrumentRow(record), sources: sourceLabel(sourceById(SOURCE_IDS.euInstruments)) };
}

/**
 * Allies with no row at all in the Kiel tracker. Their aid is unknown rather than zero, so callers must show a
 * "not tracked" note wherever they count it as zero. Computed from the data so a new release cannot make it stale.
 */
export const NOT_TRACKED_BY_KIEL: readonly string[] = ALLIES.map((ally) => ally.iso3).filter(
  (iso3) => !isTrackedByKiel(iso3)
);

/** Whether the Kiel tracker has any row for this donor (a tracked donor may still have given zero). */
export function isTrackedByKiel(iso3: string): boolean {
  // An own-property test, so that a code such as "CONSTRUCTOR" can never match an inherited member.
  return Object.prototype.hasOwnProperty.call(KIEL_MILITARY.donorNames, iso3.toUpperCase());
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The donor's non-zero monthly military allocations [month, EUR billion] with fromMonth <= month <= toMonth
 * (both "YYYY-MM", inclusive), ascending. Empty for a donor the tracker does not cover: check isTrackedByKiel.
 * Throws on a malformed month or a window that ends before it starts, because an empty result there would
 * silently read as "no aid".
 */
export function kielMilitaryMonths(
  iso3: string,
  fromMonth: string,
  toMonth: string
): readonly (readonly [string, string])[] {
  return kielMonths(KIEL_MILITARY, iso3, fromMonth, toMonth);
}

/**
 * The donor's non-zero monthly commitments [month, EUR billion] in the window, as kielMilitaryMonths: the tracker's
 * commitments column, which counts every kind of aid (military, financial, humanitarian) together; the release has no
 * military-only commitments by month.
 */
export function kielCommitmentMonths(
  iso3: string,
  fromMonth: string,
  toMonth: string
): readonly (readonly [string, string])[] {
  return kielMonths(KIEL_COMMITMENTS, iso3, fromMonth, toMonth);
}

function kielMonths(
  series: KielMonthlySeries,
  iso3: string,
  fromMonth: string,
  toMonth: string
): readonly (readonly [string, string])[] {
  for (const [name, month] of [
    ["fromMonth", fromMonth],
    ["toMonth", toMonth],
  ] as const) {
    if (!MONTH_PATTERN.test(month)) {
      throw new Error(`${name} must be a month written YYYY-MM, e.g. 2024-01; got "${month}"`);
    }
  }
  if (toMonth < fromMonth) {
    throw new Error(`toMonth ${toMonth} is before fromMonth ${fromMonth}`);
  }
  if (!isTrackedByKiel(iso3)) return [];
  const entries = series.byDonor[iso3.toUpperCase()];
  // Zero-padded "YYYY-MM" strings sort in calendar order, so plain string comparison is a date comparison.
  return entries.filter(([month]) => month >= fromMonth && month <= toMonth);
}

/** The fields of the default data, each backed by one source in SOURCES. */
export type DataField = "gdp" | "population" | "gni" | "aid" | "instruments";

/** Which source backs which field, so every figure shown can name its source. */
export const DEFAULT_SOURCE_IDS: Readonly<Record<DataField, SourceId>> = {
  gdp: SOURCE_IDS.natoGdp,
  population: SOURCE_IDS.natoPopulation,
  gni: SOURCE_IDS.euGni,
  aid: SOURCE_IDS.kiel,
  instruments: SOURCE_IDS.euInstruments,
};
