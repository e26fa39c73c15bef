/**
 * The Sensitivity view's settings and their defaults: apart from the sweep and tornado they drive
 * (sensitivity.ts), so that the pane's first load does not carry those.
 */
export interface SensitivitySettings {
  /** As --vary names it: credit, cap.USA. */
  readonly parameter: string;
  /** As --vary writes them: 0..1:0.05, or 2023,2024. */
  readonly values: string;
  /** The allies charted: ESP,ITA. */
  readonly allies: string;
  /** The tornado's ranges, as --ranges: "credit=0..1; cap.USA=0.3..0.5". */
  readonly ranges: string;
  /** The tornado's ally. */
  readonly ally: string;
}

export const DEFAULT_SENSITIVITY: SensitivitySettings = {
  parameter: "credit",
  values: "0..1:0.05",
  allies: "ESP,ITA",
  ranges: "credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024",
  ally: "ESP",
};
