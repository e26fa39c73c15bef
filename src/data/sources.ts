/**
 * Where each embedded dataset comes from (see data/SOURCES.md). The add-in shows these beside every figure, so each
 * caveat is a sentence a reader of a shared workbook can act on.
 */

import type { DatasetSource } from "./types";

/**
 * Source ids are stored in workbooks and looked up by callers: spell them once, here. The ids name an edition (they
 * are data); the keys name the dataset, whatever its edition.
 */
export const SOURCE_IDS = {
  natoGdp: "nato-gdp",
  natoPopulation: "nato-population",
  euGni: "eu-gni-2023",
  euInstruments: "eu-instruments",
  kiel: "kiel-ust-release-29",
} as const;

export type SourceId = (typeof SOURCE_IDS)[keyof typeof SOURCE_IDS];

const NATO_DEFENCE_EXPENDITURE_PAGE = "https://www.nato.int/cps/en/natohq/topics_49198.htm";

export const SOURCES: readonly DatasetSource[] = [
  {
    id: SOURCE_IDS.natoGdp,
    title: "NATO, Defence Expenditure of NATO Countries (2014-2024), Table 5",
    publisher: "NATO",
    published: "2024-06-17",
    vintage: "2023-2024 (2023 and 2024 are NATO estimates)",
    url: NATO_DEFENCE_EXPENDITURE_PAGE,
    unit: "USD billion, current prices and exchange rates; EUR billion at NATO's own exchange rates",
    caveats: [
      'Table 5 "GDP, current prices and exchange rates" in the tables file 240617-def-exp-2024-TABLES-en.xlsx, in USD million, divided by 1000.',
      "EUR figures are the USD figures divided by the rates NATO applied in the same report: USD 1.081580 per EUR for 2023 and 1.078376 for 2024.",
      "The 32 allies' 2024 GDP sums to NATO's own total of USD 53,976.44bn.",
      "NATO's 2023 total (USD 51,139.52bn) leaves out Sweden, which joined on 7 March 2024; with Sweden the 2023 sum is USD 51,732.97bn.",
      "Luxembourg's figure falls from USD 82.0bn (2022) to 57.5bn (2023) and appears to be measured on GNI from 2023, so its GDP share is understated by roughly 30%.",
    ],
  },
  {
    id: SOURCE_IDS.natoPopulation,
    title: "Population 2023 derived from NATO, Defence Expenditure of NATO Countries (2014-2024), Tables 5 and 6",
    publisher: "NATO (derived by Fair Share)",
    published: "2024-06-17",
    vintage: "2023 (NATO estimates)",
    url: NATO_DEFENCE_EXPENDITURE_PAGE,
    unit: "million people",
    caveats: [
      "Derived, not published: real GDP at 2015 prices (Table 5) divided by real GDP per capita (Table 6), for 2023.",
      "Use it for per-head comparisons only; it is not an official population count.",
    ],
  },
  {
    id: SOURCE_IDS.euGni,
    title: 'European Commission, "EU spending and revenue - Data 2000-2023", sheet 2023, Gross National Income',
    publisher: "European Commission",
    // The exact publication day was not recorded; the figures are the Commission's Spring 2024 forecast.
    published: "2024",
    vintage: "2023 (ESA 2010, Commission Spring 2024 forecast)",
    url: "https://commission.europa.eu/strategy-and-policy/eu-budget/long-term-eu-budget/2021-2027/spending-and-revenue_en",
    unit: "EUR billion, current prices",
    caveats: [
      'Row "Gross National Income (GNI), EUR million" of sheet 2023, divided by 1000.',
      "The 27 member states' GNI sums to EUR 16,985.53bn; Germany's share is 25.23%, in line with reports that Germany pays about a quarter of the European Peace Facility.",
      "The European Peace Facility is financed by a GNI key over the member states taking part in each measure; the exact per-measure key was not found, so these GNI shares rescaled over the contributing states are an approximation.",
      "Austria, Cyprus, Ireland and Malta are EU members but not NATO allies; they pay into EU instruments too.",
      "The publication date is given as a year only: the exact day was not recorded.",
    ],
  },
  {
    id: SOURCE_IDS.euInstruments,
    title: "EU instruments for Ukraine, 2022-2027: Council and European Council decisions (revised November 2026)",
    publisher:
      "Council of the EU; European Council; European Commission; European Parliament; European Parliamentary Research Service",
    published: "2026-11",
    vintage:
      "Instruments adopted or proposed up to April 2026 (Ukraine Support Loan: Regulation (EU) 2026/467 of 24 February 2026), covering 2022-2027",
    url: "https://www.consilium.europa.eu/en/policies/european-peace-facility/",
    unit: "EUR billion, total over each instrument's years",
    caveats: [
      "Each instrument is spread evenly over its years: no per-year split is published for any of them.",
      "Ukraine Assistance Fund (UAF), EUR 5bn for 2024: Council decision of 18 March 2024; its measures were reported blocked by Hungary until mid-2026, so the money may have flowed later.",
      "EUR 6.1bn of European Peace Facility measures for Ukraine were mobilised in 2022-2023 before the UAF (EPRS, 3 September 2024); further tranches were blocked from May 2023.",
      "The High Representative's proposal of EUR 5bn a year for 2024-2027 (EPRS blog, 21 February 2024) was not adopted in that form: it became the single UAF top-up.",
      "The Ukraine Facility, EUR 50bn for 2024-2027 (European Council, 1 February 2024), is budget support in grants and loans, not military aid.",
      "Proceeds of immobilised Russian assets passed through the European Peace Facility in 2024 and 2025 (Hungary not taking part) and the EU's EUR 18.1bn share of the G7 ERA loans cost member states nothing.",
      "EDIP Ukraine Support Instrument: EUR 300m for 2025-2027 from the EU budget (Council, 8 December 2025).",
      "Ukraine Support Loan: EUR 90bn for 2026-2027 (EUR 60bn defence, EUR 30bn budget support), EU borrowing backed by the EU budget by enhanced cooperation of 24 states, without Czechia, Hungary and Slovakia.",
      "The loan's interest (about EUR 1bn in 2027, EUR 3bn a year from 2028) is paid from the EU budget, with Czechia, Hungary and Slovakia shielded from it; the participating states carry the risk. Counting the EUR 60bn as the members' own money is a modelling choice (what they pay is the interest and the guarantee): leave USL_MIL out with eu to model the other reading.",
      "Member states' shares are approximated by their GNI rescaled over each instrument's participating states; the exact per-measure key was not found, and EU-budget instruments follow the own-resources key only approximately.",
    ],
  },
  {
    id: SOURCE_IDS.kiel,
    title: "Kiel Institute, Ukraine Support Tracker, Release 29 (04/2026)",
    publisher: "Kiel Institute for the World Economy",
    published: "2026-08-04",
    vintage: "January 2022 - April 2026",
    url: "https://github.com/UkraineSupportTrackerWebsite/ukraine-support-tracker",
    unit: "EUR billion of military aid allocated, per donor and month",
    caveats: [
      "Copied unchanged from the folder data/ of the repository that feeds the tracker's web pages, commit ddf24c0f (4 August 2026).",
      "Kiel counts allocations (aid delivered or earmarked), not pledges.",
      "Its monthly commitments (track's delivered commitments) count every kind of aid together, military, financial and humanitarian: the release has no military-only commitments by month.",
      'Albania, Montenegro and North Macedonia are not tracked: treat their aid as zero only with a visible "not tracked" note.',
      "Figures are bilateral: EU-level aid is a separate donor row (EU Commission and Council), so crediting bilateral aid and EU contributions does not double count.",
      "Payments through PURL (allies buying US weapons for Ukraine, from July 2025) are inside the paying allies' military figures: never add PURL amounts on top of them.",
      "The EU row's military column is zero in this release; European Peace Facility amounts come from the EU instruments dataset instead.",
      "The tracker covers 42 donors, including countries outside NATO and the EU institutions.",
    ],
  },
];

/** The source with this id; an unknown id is a programming error, so it throws rather than returning undefined. */
export function sourceById(id: string): DatasetSource {
  const source = SOURCES.find((candidate) => candidate.id === id);
  if (source === undefined) {
    const known = SOURCES.map((candidate) => candidate.id).join(", ");
    throw new Error(`Unknown data source id "${id}"; known ids: ${known}`);
  }
  return source;
}

/** A source in one line, as a csv field or a cell names it: "title (vintage V)". */
export function sourceLabel(source: DatasetSource): string {
  return `${source.title} (vintage ${source.vintage})`;
}

/** A source as a table row: title, publisher, published, vintage, unit, address and caveats (one text). */
export function sourceFields(source: DatasetSource): string[] {
  return [
    source.title,
    source.publisher,
    source.published,
    source.vintage,
    source.unit,
    source.url,
    source.caveats.join(" "),
  ];
}
