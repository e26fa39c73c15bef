/**
 * Scenarios from the real debate, each with a one-line source. Values are written as a user would type them; ratios
 * carry a % sign ("100%" is the fraction 1), the unambiguous way to write a ratio.
 */
import type { ParameterName } from "../engine";

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly values: Partial<Record<ParameterName, string>>;
  /** Where the scenario comes from, one line. */
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
