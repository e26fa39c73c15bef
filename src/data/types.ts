/**
 * Shapes of the embedded default data. Every figure is kept as the decimal string printed in its source file, so the
 * engine can read it into decimal.js without a binary-float detour.
 */

/** Where a dataset comes from and how old it is: shown to users beside every figure that uses it. */
export interface DatasetSource {
  /** Stable id, e.g. "nato-gdp". */
  readonly id: string;
  /** Short title for a spreadsheet cell, e.g. "NATO, Defence Expenditure of NATO Countries (2014-2024), Table 5". */
  readonly title: string;
  readonly publisher: string;
  /** Publication or release date, ISO 8601: YYYY-MM-DD, or the reduced form YYYY-MM or YYYY when the day is unknown. */
  readonly published: string;
  /** What period the figures describe, e.g. "2023-2024 (2023 and 2024 are NATO estimates)". */
  readonly vintage: string;
  readonly url: string;
  /** Unit of the figures, e.g. "EUR billion, current prices". */
  readonly unit: string;
  /** Caveats a reader must know, one sentence each. */
  readonly caveats: readonly string[];
}

export interface AllyRecord {
  readonly iso3: string;
  readonly name: string;
  readonly euMember: boolean;
  readonly natoJoined: number;
  /** GDP, current prices, USD billion, by year (the years of GDP_YEARS). */
  readonly gdpUsdBn: Readonly<Record<number, string>>;
  /** GDP, current prices, EUR billion (NATO's own exchange rates), by year (the years of GDP_YEARS). */
  readonly gdpEurBn: Readonly<Record<number, string>>;
  /** Population in POPULATION_YEAR, million (derived; see caveats). */
  readonly populationM: string;
}

export interface EuGniRecord {
  readonly iso3: string;
  readonly name: string;
  /** Gross national income in EU_GNI_YEAR, EUR billion. */
  readonly gniEurBn: string;
}

export type EuInstrumentKey = "gni" | "eu_budget" | "russian_assets";

export interface EuInstrumentRecord {
  readonly id: string;
  readonly name: string;
  /** Total amount, EUR billion. */
  readonly amountEurBn: string;
  readonly firstYear: number;
  readonly lastYear: number;
  /** Military aid (counts against a military pledge) or not. */
  readonly military: boolean;
  readonly status: "adopted" | "proposal";
  /**
   * How the cost falls: "gni" (EPF contributions by GNI key), "eu_budget" (the EU budget, financed mostly by GNI-based
   * own resources) or "russian_assets" (proceeds of immobilised Russian assets: no cost to member states).
   */
  readonly key: EuInstrumentKey;
  /** Who takes part, as the source file writes it: "EU27", or "EU27" less codes ("EU27 -CZE -HUN -SVK"). */
  readonly states: string;
  /** The member states that do not take part (the codes after "EU27 -" in `states`); see instrumentParticipants. */
  readonly leftOut: readonly string[];
  /** Whether member states pay for it (false for Russian-asset proceeds). */
  readonly costToMembers: boolean;
  readonly notes: string;
}

/** One monthly series of the Kiel Ukraine Support Tracker, per donor: months with a non-zero figure, EUR billion. */
export interface KielMonthlySeries {
  readonly release: string;
  /** First and last month covered, "YYYY-MM". */
  readonly firstMonth: string;
  readonly lastMonth: string;
  /**
   * Donor code -> [month "YYYY-MM", EUR billion][] for the months with a non-zero row in the source, ascending.
   * Every donor the tracker has a row for has a key, with an empty list if all its rows in this column are zero.
   */
  readonly byDonor: Readonly<Record<string, readonly (readonly [string, string])[]>>;
}

/** Kiel Ukraine Support Tracker: bilateral military allocations per donor and month. */
export interface KielMilitaryData extends KielMonthlySeries {
  /** Publication date of the release, ISO 8601 (YYYY-MM-DD). */
  readonly releaseDate: string;
  /** Donor code (ISO3, or "EU" for the EU institutions) -> the donor's name in the tracker; every donor with a row. */
  readonly donorNames: Readonly<Record<string, string>>;
}
