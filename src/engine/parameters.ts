/**
 * The scenario's parameters: one vocabulary for the command line (--name), the inputs block of a scenario sheet
 * (a label per row) and the custom functions' arguments. Error messages name parameters by these names.
 */
export const PARAMETERS = [
  { name: "total", default: "100bn", help: "Amount to raise over all years, in the currency: 100bn, 40000m or 1e11." },
  {
    name: "per-year",
    default: "",
    help: "Amount to raise each year instead of total, flat: 40bn with years 5 is 200bn (not with other profiles).",
  },
  { name: "currency", default: "EUR", help: "EUR, or USD at the rate usd-per-eur." },
  { name: "usd-per-eur", default: "", help: "US dollars per euro, required with USD (NATO used 1.078376 for 2024)." },
  { name: "years", default: "5", help: "Number of years, 1 to 50." },
  { name: "start", default: "2024", help: "First year." },
  { name: "profile", default: "flat", help: "flat, front (weights N..1) or custom weights W1,W2,... one per year." },
  { name: "method", default: "gdp", help: "gdp (share of GDP), pct-gdp (a percent of GDP each), key or blend." },
  { name: "gdp-year", default: "2024", help: "GDP year of the embedded data: 2023 or 2024." },
  { name: "pct-gdp", default: "", help: "With method pct-gdp: percent of GDP each pays every year (flat), e.g. 0.25." },
  { name: "key", default: "", help: "With method key: CODE=VALUE,... for every contributor (any scale)." },
  {
    name: "blend",
    default: "",
    help: "With method blend: BASIS:WEIGHT,... over gdp2023, gdp2024, population, gni, key; weights add up to 1.",
  },
  {
    name: "credit",
    default: "0",
    help: "Fraction 0 to 1 of each contributor's bilateral military aid that counts toward its share.",
  },
  {
    name: "aid-from",
    default: "",
    help: "First month of the aid window, YYYY-MM (default: January of the start year).",
  },
  {
    name: "aid-to",
    default: "",
    help: "Last month of the aid window, YYYY-MM (default: the last month of the aid data).",
  },
  { name: "exempt", default: "", help: "Codes of contributors who pay nothing, e.g. HUN." },
  { name: "cap", default: "", help: "Largest share of the total, in percent: CODE=PCT,... or one PCT for everyone." },
  {
    name: "floor",
    default: "",
    help: "Smallest share of the total, in percent: CODE=PCT,... or one PCT for everyone.",
  },
  { name: "max-pct-gdp", default: "", help: "Largest yearly payment as a percent of GDP, for everyone." },
  { name: "unit", default: "1m", help: "Rounding unit in the currency: 1m, 100k, 1." },
  {
    name: "eu",
    default: "adopted",
    help: 'EU instruments counted for overlap: IDs, "adopted" (adopted, military, paid by member states) or "none".',
  },
  {
    name: "eu-add",
    default: "",
    help: "EU instruments of your own, counted too: ID AMOUNT YEARS [states] [military|civil] [cost|no-cost]; ...",
  },
  {
    name: "eu-states",
    default: "",
    help: "Narrows every EU instrument to its participating states among these (default: all 27).",
  },
  {
    name: "overlap-threshold",
    default: "50",
    help: "Flag a year when EU overlap is at least this percent of the allocation.",
  },
  { name: "contributors", default: "", help: "Codes of the contributors to include (default: all 32 allies)." },
] as const;

export type ParameterName = (typeof PARAMETERS)[number]["name"];

export const PARAMETER_NAMES: readonly ParameterName[] = PARAMETERS.map((parameter) => parameter.name);

/** The parameter with this name, ignoring case, spaces and underscores ("USD per EUR" finds usd-per-eur). */
export function findParameter(label: string): ParameterName | undefined {
  const wanted = label
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return PARAMETER_NAMES.find((name) => name === wanted);
}

/** The default of each parameter as the user would type it ("" where there is none): the one place defaults live. */
export const PARAMETER_DEFAULTS: Readonly<Record<ParameterName, string>> = Object.fromEntries(
  PARAMETERS.map((parameter) => [parameter.name, parameter.default])
) as Record<ParameterName, string>;
