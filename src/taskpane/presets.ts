/**
 * Scenarios from the real debate, each with a one-line source. Values are written as a user would type them; ratios
 * carry a % sign ("100%" is the fraction 1), the unambiguous way to write a ratio.
 */
import type { ParameterName } from "../engine";

export interface Preset {
  readonly id: string;
  readonly title: string;
  /** The values it sets; every other control is emptied, unless the preset keeps the values as they are. */
  readonly values: Partial<Record<ParameterName, string>>;
  /** "Your own": choosing it changes no value, it says the values are the user's. */
  readonly keepsValues?: boolean;
  /** Where the scenario comes from, one line, with the reasoning behind its choices where there are some. */
  readonly source: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: "april-2024",
    title: "April 2024 proposal (default)",
    values: {},
    source:
      "NATO Secretary General's proposal to the foreign ministers, 3-4 April 2024: EUR 100bn over five years; here shared by 2024 GDP.",
  },
  {
    id: "washington-2024",
    title: "July 2024 Washington pledge",
    values: { total: "40bn", years: "1", exempt: "HUN" },
    source:
      "Washington summit, 10 July 2024: a baseline of EUR 40bn within the next year, by each ally's share of Alliance GDP; Hungary exempted.",
  },
  {
    id: "bilateral-credited",
    title: "Bilateral aid credited (Spain's and Italy's worry)",
    values: { credit: "100%", "aid-from": "2024-01" },
    source:
      "April 2024: Spain and Italy feared the fund would duplicate their bilateral aid; here all bilateral military aid since January 2024 (Kiel tracker) counts.",
  },
  {
    id: "eu-overlap",
    title: "EU overlap counted, with the proposed EPF top-up",
    values: { eu: "UAF,EPF_PRE,EPF_PROPOSAL" },
    source:
      "April 2024: Spain and Italy also feared duplicating EU contributions: the European Peace Facility's Ukraine Assistance Fund (Council, 18 March 2024) and the proposed EUR 5bn a year.",
  },
];

/** Pledges to measure what was delivered against, for the "Delivered vs fair share" view. */
export const TRACK_PRESETS: readonly Preset[] = [
  {
    id: "track-washington-2024",
    title: "Washington pledge: EUR 40bn, 2024",
    values: { "per-year": "40bn", from: "2024-01", to: "2024-12", exempt: "HUN", "gdp-year": "2024" },
    source:
      'Washington summit declaration, 10 July 2024: a minimum baseline of EUR 40bn of military support "within the' +
      " next year\", by each ally's share of Alliance GDP, all channels counting; Hungary exempted. NATO counted support" +
      " from 1 January 2024 and reported against the pledge by halves of 2024 (EUR 20.9bn in the first half, NATO" +
      " Secretary General, October 2024), so the window is January to December 2024, and the GDP year 2024: NATO's own" +
      " estimates of June 2024, the shares at hand when the pledge was made.",
  },
  {
    id: "track-2024",
    title: "Calendar 2024 at EUR 40bn, all 32 allies",
    values: { "per-year": "40bn", start: "2024", years: "1" },
    source: "EUR 40bn for January to December 2024, shared by 2024 GDP among all 32 allies (no exemption).",
  },
  {
    id: "track-2025",
    title: "Calendar 2025 at EUR 40bn, all 32 allies",
    values: { "per-year": "40bn", start: "2025", years: "1" },
    source:
      "EUR 40bn for January to December 2025, the pledge's level a year on, shared by 2024 GDP among all 32 allies.",
  },
  {
    id: "track-own",
    title: "A pledge of your own",
    values: {},
    keepsValues: true,
    source: "Set the pledge, its window, what counts as delivered and the limits below; the comparison follows.",
  },
];
