/**
 * The FAIRSHARE custom functions. CustomFunctionsMetadataPlugin reads the JSDoc below at build time, writes
 * functions.json and appends a CustomFunctions.associate call per function; test/golden/functions.json pins the ids and
 * parameters. An id is stored in users' workbooks: never rename one once shipped.
 *
 * Each function is a thin shell: adapters.ts normalises the arguments, runs the engine and shapes the cells;
 * excel-errors.ts turns a problem into #VALUE! or #N/A with the catalogue's message. Arguments are typed as unions so
 * that the metadata declares them "any" and Excel passes cells unconverted: text numbers, empty cells (null on the web,
 * 0 on desktop) and data types are then handled in one place, cells.ts, with a clear error where needed.
 *
 * Metadata rules, as the generator reads this file: `export function`, never arrow constants (it skips arrow-function
 * exports); spilled results typed as 2-D arrays written `Array<Array<...>>` (a parenthesised union array type breaks its
 * parser); no type aliases in signatures.
 */
import {
  allocationTable,
  alliesTable,
  dataTable,
  gapValue,
  overlapTable,
  scheduleRow,
  shareValue,
  sourcesTable,
  trackTable,
} from "./adapters";
import { editionText } from "./edition";
import { sweepTable } from "./sweep-table";
import { vintageText } from "./vintage";
import { explainTable, solveTable } from "./goal-adapters";
import { excelCall } from "./excel-errors";

/**
 * The build appends a CustomFunctions.associate call per function below. In Excel, office.js (loaded before this
 * script) defines CustomFunctions; in a browser where office.js could not load at all there is nothing to register
 * with, and those calls would throw "CustomFunctions is not defined": they then go to a stand-in that ignores them.
 * Only on a page without Office at all, so a host that defines CustomFunctions late never gets the stand-in; under
 * Node (the command line, the tests) nothing is appended and nothing is defined.
 */
const page = globalThis as unknown as { window?: unknown; Office?: unknown; CustomFunctions?: unknown };
if (page.window !== undefined && page.Office === undefined && page.CustomFunctions === undefined) {
  page.CustomFunctions = { associate: () => undefined };
}

/**
 * Splits a multi-year pledge among the contributors: one row per contributor with its share, total and yearly amounts.
 * @customfunction ALLOCATE
 * @param inputs The scenario's inputs block: two columns, parameter names (total, years, method, credit, exempt, cap, ...) on the left and values on the right. Leave out for the defaults: EUR 100bn over 2024-2028 by GDP share among the 32 allies.
 * @param codes Your own contributors: a column (or row) of country codes such as DEU. Leave out for the 32 allies.
 * @param basis Each contributor's basis value, in the same order as codes: its GDP in the currency (method gdp) or its key value (method key). Leave out to use the embedded GDP.
 * @param aid Each contributor's bilateral aid in the currency, in the same order as codes; counts toward its share when credit is above 0. Leave out to use the embedded Kiel data.
 * @param total The amount to raise over all years, e.g. 100bn or 40000m (not also in the inputs block).
 * @param years The number of years, 1 to 50 (not also in the inputs block).
 * @param method gdp, pct-gdp, key or blend (not also in the inputs block).
 * @param figures TRUE to add three columns on the right: the yearly payment as a fraction of GDP (0.0025 is 0.25% of GDP), the amount per inhabitant and the aid credit. Leave out for the table without them.
 * @helpurl https://localhost:3000/docs/functions.html#allocate
 * @returns A table: Code, Name, Share, Total, then one column per year (and, with figures, Share of GDP a year, Per capita and Aid credit).
 */
export function allocate(
  inputs?: Array<Array<number | string | boolean | null>>,
  codes?: Array<Array<number | string | boolean | null>>,
  basis?: Array<Array<number | string | boolean | null>>,
  aid?: Array<Array<number | string | boolean | null>>,
  total?: number | string | boolean | null,
  years?: number | string | boolean | null,
  method?: number | string | boolean | null,
  figures?: number | string | boolean | null
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.ALLOCATE", () =>
    allocationTable({ inputs, codes, basis, aid, total, years, method, figures })
  );
}

/**
 * One contributor's part of the pledge: its amount over all years or in one year, or its share of the total.
 * @customfunction SHARE
 * @param code The contributor's code, e.g. DEU.
 * @param year A year of the pledge, e.g. 2025; leave out for the total over all years.
 * @param what amount (the default) for money; share for its fraction of the total; pct-gdp for its yearly payment as a fraction of its GDP (0.0025 is 0.25% of GDP; the average year, or the year given); per-capita for its amount per inhabitant; credit for its aid credit.
 * @param inputs The scenario's inputs block: two columns, parameter names on the left and values on the right.
 * @param codes Your own contributors: a column (or row) of country codes. Leave out for the 32 allies.
 * @param basis Each contributor's basis value (GDP or key value), in the same order as codes.
 * @param aid Each contributor's bilateral aid in the currency, in the same order as codes.
 * @param total The amount to raise over all years, e.g. 100bn (not also in the inputs block).
 * @param years The number of years, 1 to 50 (not also in the inputs block).
 * @param method gdp, pct-gdp, key or blend (not also in the inputs block).
 * @helpurl https://localhost:3000/docs/functions.html#share
 * @returns The amount in the currency, a fraction (share, pct-gdp), an amount per inhabitant or the aid credit in the currency.
 */
export function share(
  code: number | string | boolean | null,
  year?: number | string | boolean | null,
  what?: number | string | boolean | null,
  inputs?: Array<Array<number | string | boolean | null>>,
  codes?: Array<Array<number | string | boolean | null>>,
  basis?: Array<Array<number | string | boolean | null>>,
  aid?: Array<Array<number | string | boolean | null>>,
  total?: number | string | boolean | null,
  years?: number | string | boolean | null,
  method?: number | string | boolean | null
): number {
  return excelCall("FAIRSHARE.SHARE", () =>
    shareValue({ code, year, what, inputs, codes, basis, aid, total, years, method })
  );
}

/**
 * Spreads a total over the years, rounded to the unit so that the yearly tranches add up exactly to the total.
 * @customfunction SCHEDULE
 * @param total The amount to spread, e.g. 100bn, 40000m or 1e11.
 * @param years The number of years, 1 to 50.
 * @param profile flat (the default), front (front-loaded: weights N..1), or one weight per year as text (5,4,3,2,1) or in a row of cells.
 * @param start The first year; 2024 if left out.
 * @param unit The rounding unit, e.g. 1m (the default), 100k or 1.
 * @helpurl https://localhost:3000/docs/functions.html#schedule
 * @returns One row: the amount of each year.
 */
export function schedule(
  total: number | string | boolean | null,
  years: number | string | boolean | null,
  profile?: Array<Array<number | string | boolean | null>>,
  start?: number | string | boolean | null,
  unit?: number | string | boolean | null
): number[][] {
  return excelCall("FAIRSHARE.SCHEDULE", () => scheduleRow({ total, years, profile, start, unit }));
}

/**
 * Shows how much of each ally's allocation the EU instruments already cover, and the net new money, by year.
 * @customfunction OVERLAP
 * @param inputs The scenario's inputs block: two columns, parameter names (eu, eu-states, overlap-threshold, ...) on the left and values on the right.
 * @param codes Your own contributors: a column (or row) of country codes. Leave out for the 32 allies.
 * @param basis Each contributor's basis value (GDP or key value), in the same order as codes.
 * @param aid Each contributor's bilateral aid in the currency, in the same order as codes.
 * @param total The amount to raise over all years, e.g. 100bn (not also in the inputs block).
 * @param years The number of years, 1 to 50 (not also in the inputs block).
 * @param method gdp, pct-gdp, key or blend (not also in the inputs block).
 * @helpurl https://localhost:3000/docs/functions.html#overlap
 * @returns A table: Code, Name, EU member, Allocation, EU overlap, Net new, then EU overlap, Net new and Flag for each year.
 */
export function overlap(
  inputs?: Array<Array<number | string | boolean | null>>,
  codes?: Array<Array<number | string | boolean | null>>,
  basis?: Array<Array<number | string | boolean | null>>,
  aid?: Array<Array<number | string | boolean | null>>,
  total?: number | string | boolean | null,
  years?: number | string | boolean | null,
  method?: number | string | boolean | null
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.OVERLAP", () => overlapTable({ inputs, codes, basis, aid, total, years, method }));
}

/**
 * Looks up a figure of the embedded data for a country (name, EU membership, GDP, population, GNI or military aid), or lists the EU instruments.
 * @customfunction DATA
 * @param code The country's code, e.g. DEU; with field instruments, EU for every EU instrument or an instrument's id such as USL_MIL.
 * @param field name, eu (TRUE for an EU member), nato-joined, gdp (EUR bn), gdp-usd (USD bn), population (million), gni (EUR bn, EU members), aid (EUR bn of bilateral military aid, Kiel tracker) or instruments (a table of the EU instruments with every column: amount, years, military, status, key, states, cost to members, notes, sources).
 * @param year For gdp and gdp-usd: 2023 or 2024 (the default). For aid: a calendar year instead of from and to.
 * @param from For aid: the first month, YYYY-MM; the first month of the data if left out.
 * @param to For aid: the last month, YYYY-MM; the last month of the data if left out.
 * @helpurl https://localhost:3000/docs/functions.html#data
 * @returns The figure, in the unit of its dataset (see FAIRSHARE.SOURCES); for instruments, a table with a header row.
 */
export function data(
  code: number | string | boolean | null,
  field: number | string | boolean | null,
  year?: number | string | boolean | null,
  from?: number | string | boolean | null,
  to?: number | string | boolean | null
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.DATA", () => dataTable({ code, field, year, from, to }));
}

/**
 * Lists the contributors of the default data: the 32 NATO allies with their EU membership and year of accession.
 * @customfunction ALLIES
 * @helpurl https://localhost:3000/docs/functions.html#allies
 * @returns A table: Code, Name, EU member, NATO member since.
 */
export function allies(): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.ALLIES", () => alliesTable());
}

/**
 * Lists where each dataset comes from: title, publisher, date, vintage, unit, link, caveats, and whether it is embedded or your data (with its file).
 * @customfunction SOURCES
 * @param inputs A scenario's inputs block (ALLOCATE's or TRACK's): lists the datasets that scenario's figures rest on (your data where its data entry names it). Leave out for every embedded dataset.
 * @helpurl https://localhost:3000/docs/functions.html#sources
 * @returns A table with one row per dataset.
 */
export function sources(
  inputs?: Array<Array<number | string | boolean | null>>
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.SOURCES", () => sourcesTable(inputs));
}

/**
 * Reads your own data (a Fair Share data sheet: the per-country and EU instruments tables, in the columns of fair-share data --format csv) into a data edition, for the inputs block's data entry.
 * @customfunction EDITION
 * @param data The data sheet's tables, e.g. 'Fair Share data'!A1:AZ200: header rows whose first column is iso3 (per country) or id (EU instruments), comment rows starting with # (# vintage: ...).
 * @param name What the sources call this data; Fair Share data if left out.
 * @helpurl https://localhost:3000/docs/functions.html#edition
 * @returns The edition as one text, checked: put =FAIRSHARE.EDITION('Fair Share data'!A1:AZ200) in the data cell of an inputs block.
 */
export function edition(
  data: Array<Array<number | string | boolean | null>>,
  name?: number | string | boolean | null
): string {
  return excelCall("FAIRSHARE.EDITION", () => editionText(data, name));
}

/**
 * Compares each ally's fair share of a pledge with the military aid it delivered in a window (Kiel tracker): fair share, delivered, gap and the share of its fair share delivered.
 * @customfunction TRACK
 * @param inputs The scenario's inputs block: two columns, parameter names on the left (total or per-year, start and years or from and to, exempt, cap, delivered, count-eu, data, ...) and values on the right. Example: a block with per-year 40bn, start 2024, years 1 and exempt HUN compares EUR 40bn for 2024 with the aid delivered in 2024. Leave out for the defaults: EUR 100bn over 2024-2028.
 * @param columns The columns to show, in order: a list such as fair-share,delivered,gap in one cell, or a row of names, from code, name, fair-share, delivered, gap, delivered-share, tracked, bilateral, eu, basis-share, held. Leave out for Code, Name, Fair share, Delivered, Gap, Delivered share, Tracked.
 * @helpurl https://localhost:3000/docs/functions.html#track
 * @returns A table with a header row and one row per ally; an ally the Kiel tracker does not cover shows "not tracked", never 0.
 */
export function track(
  inputs?: Array<Array<number | string | boolean | null>>,
  columns?: Array<Array<number | string | boolean | null>>
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.TRACK", () => trackTable({ inputs, columns }));
}

/**
 * One ally's gap: its fair share of the pledge less the military aid it delivered in the window (positive: short of its share; negative: beyond it).
 * @customfunction GAP
 * @param code The ally's code or English name, e.g. DEU.
 * @param inputs The scenario's inputs block, as for FAIRSHARE.TRACK. Example: =FAIRSHARE.GAP("DEU", A1:B4) with per-year 40bn, start 2024, years 1 and exempt HUN in A1:B4.
 * @helpurl https://localhost:3000/docs/functions.html#gap
 * @returns The gap in the currency; #N/A for an ally the Kiel tracker does not cover (its aid is unknown, not 0).
 */
export function gap(
  code: number | string | boolean | null,
  inputs?: Array<Array<number | string | boolean | null>>
): number {
  return excelCall("FAIRSHARE.GAP", () => gapValue({ code, inputs }));
}

/**
 * Runs the scenario at each value of one parameter: one row per value with the chosen allies' amounts, the total, the EU overlap and the net new money (as fair-share sweep). A value where the scenario is infeasible keeps its row, with the reason in the Note column.
 * @customfunction SWEEP
 * @param inputs The scenario's inputs block, as for FAIRSHARE.ALLOCATE. Leave empty for the defaults.
 * @param parameter The parameter to vary, as the inputs block names it: credit, total, max-pct-gdp, gdp-year, exempt, ...; or one contributor's entry of cap, floor or key: cap.USA, key.DEU.
 * @param values The values: a column or row of cells, one value each (none for no value), or one cell with a range FROM..TO:STEP such as 0..1:0.05 or a list such as 2023,2024.
 * @param allies The allies whose amounts to show: codes or English names, in one cell (ESP,ITA) or a range. Leave out for the totals only.
 * @helpurl https://localhost:3000/docs/functions.html#sweep
 * @returns A table with a header row (the parameter, each ally's code, Total, EU overlap, Net new, Note) and one row per value.
 */
export function sweep(
  inputs: Array<Array<number | string | boolean | null>>,
  parameter: number | string | boolean | null,
  values: Array<Array<number | string | boolean | null>>,
  allies?: Array<Array<number | string | boolean | null>>
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.SWEEP", () => sweepTable({ inputs, parameter, values, allies }));
}

/**
 * Exact goal seek: the value of one parameter at which a target holds with equality, the ranges where it holds, or the nearest value when none reaches it.
 * @customfunction SOLVE
 * @param inputs The scenario's inputs block, as for FAIRSHARE.ALLOCATE. Leave out for the defaults.
 * @param target What must hold: a code, an optional [year] and .measure (amount, share, pct-gdp, net-new, overlap), then <=, >= or = and a value. Examples: "ESP<=3bn", "ESP[2026]<=600m", "ESP.share>=8%", "overlap<=10bn".
 * @param parameter The parameter to solve for: credit, total, cap, floor, max-pct-gdp, pct-gdp, overlap-threshold, or one contributor's cap or floor such as cap.USA.
 * @helpurl https://localhost:3000/docs/functions.html#solve
 * @returns Two columns, a label and a value a row: Target, Parameter, Answer (exact, a/b as text: credit takes it), Answer (decimal), Holds for, Nearest, Figure at nearest; "none" where there is none.
 */
export function solve(
  inputs: Array<Array<number | string | boolean | null>>,
  target: number | string | boolean | null,
  parameter: number | string | boolean | null
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.SOLVE", () => solveTable({ inputs, target, parameter }));
}

/**
 * How one ally's amount came about, step by step: basis and basis share, the level and who is held, the credit, the limit that binds, the year split, the rounding, the EU attribution and overlap.
 * @customfunction EXPLAIN
 * @param code The ally's code, e.g. ESP.
 * @param inputs The scenario's inputs block, as for FAIRSHARE.ALLOCATE. Leave out for the defaults.
 * @param year A year of the pledge, e.g. 2026; leave out for the amount over all years.
 * @helpurl https://localhost:3000/docs/functions.html#explain
 * @returns One row per step: its title and its sentences, with the engine's numbers.
 */
export function explain(
  code: number | string | boolean | null,
  inputs?: Array<Array<number | string | boolean | null>>,
  year?: number | string | boolean | null
): Array<Array<number | string | boolean>> {
  return excelCall("FAIRSHARE.EXPLAIN", () => explainTable({ code, inputs, year }));
}

/**
 * The data vintage Fair Share computes with now: every dataset and when it was published, in one line. Compare it with the vintage a sheet was made with to see whether its figures would change.
 * @customfunction VINTAGE
 * @param data Which data: leave out for the embedded data; a data cell holding =FAIRSHARE.EDITION(...) for your data; or a whole inputs block, whose data entry is read.
 * @helpurl https://localhost:3000/docs/functions.html#vintage
 * @returns One text such as "nato-gdp 2024-06-17; ...; kiel-ust-release-29 2026-08-04"; your datasets say "(your data)".
 */
export function vintage(data?: Array<Array<number | string | boolean | null>>): string {
  return excelCall("FAIRSHARE.VINTAGE", () => vintageText(data));
}
