/**
 * The figures analysts compare beside an allocation: each contributor's yearly payment as a fraction of its GDP, its
 * amount per inhabitant and its aid credit, and the notes that explain the result (the controlled rounding, a coarse
 * rounding unit; the EU coverage notes are the scenario's). Computed once here, from the exact amounts before
 * rounding, for every adapter (command line, custom functions).
 */
import type { AllocationRow } from "./allocate";
import { Dec } from "./decimal";
import { embeddedEdition, type Edition, type EditionSource } from "./edition";
import { editionGdp, fromEurAt, type ScenarioResult } from "./scenario";
import { amountWords } from "./words";

export interface ContributorFigures {
  readonly code: string;
  /** Its GDP in the scenario currency (the basis year), or null when neither the data nor the user gives one. */
  readonly gdp: Dec | null;
  /** Population, inhabitants, or null for a contributor outside the embedded data. */
  readonly population: Dec | null;
  /** Its average yearly payment / its GDP, a fraction (0.0025 is 0.25% of GDP); null without a GDP. */
  readonly yearlyShareOfGdp: Dec | null;
  /** Its amount over all years per inhabitant, in the currency; null without a population. */
  readonly perCapita: Dec | null;
  /** Credit fraction x its bilateral aid in the window: the credit counted toward its share. */
  readonly aidCredit: Dec;
}

export interface Figures {
  /** One per allocation row, in the same order. */
  readonly rows: ContributorFigures[];
  /** The ids of the datasets these figures use (GDP, population), to list beside the scenario's own. */
  readonly sources: string[];
}

/** Each contributor's percent of GDP a year, amount per inhabitant and aid credit. */
export function contributorFigures(result: ScenarioResult): Figures {
  const { scenario, allocation } = result;
  const { edition } = scenario;
  const sources = new Set<string>();
  const years = allocation.years.length;
  const fromEur = fromEurAt(scenario.usdPerEur);
  const rows = allocation.rows.map((row, index): ContributorFigures => {
    const contributor = scenario.contributors[index];
    const ally = edition.ally(row.code);
    let gdp: Dec | null = contributor?.gdp ?? null;
    if (gdp === null && ally) {
      gdp = editionGdp(ally, scenario.gdpYear, fromEur);
      sources.add(edition.sourceOf("gdp", scenario.gdpYear).id);
    }
    const population = ally ? ally.population : null;
    if (population !== null) sources.add(edition.sourceOf("population").id);
    return {
      code: row.code,
      gdp,
      population,
      yearlyShareOfGdp: gdp === null || gdp.isZero() ? null : row.exact.div(years).div(gdp),
      perCapita: population === null || population.isZero() ? null : row.exact.div(population),
      aidCredit: row.aidCredit,
    };
  });
  return { rows, sources: [...sources] };
}

/** One year's payment of a row as a fraction of GDP, or per inhabitant: the per-year forms of the figures above. */
export function yearFigure(
  row: AllocationRow,
  figures: ContributorFigures,
  yearIndex: number,
  figure: "share-of-gdp" | "per-capita"
): Dec | null {
  const divisor = figure === "share-of-gdp" ? figures.gdp : figures.population;
  if (divisor === null || divisor.isZero()) return null;
  return row.exactByYear[yearIndex].div(divisor);
}

/**
 * Notes that depend on the allocation as well as the scenario: the controlled rounding (once), and a unit too coarse
 * for the smallest amounts. (The scenario's own notes say which EU instruments cover which years.)
 */
export function resultNotes(result: ScenarioResult): string[] {
  const { scenario, allocation } = result;
  const notes: string[] = [];
  const unit = allocation.unit;
  const unitText = amountWords(unit, scenario.currency);
  notes.push(
    `Controlled rounding: each amount is within one unit (${unitText}) of its exact value, so a rounded amount can` +
      " differ from share x total by up to one unit while every row and every year still adds up exactly."
  );
  const below = allocation.rows.reduce(
    (count, row) => count + row.exactByYear.filter((amount) => amount.gt(0) && amount.lt(unit)).length,
    0
  );
  if (below > 0) {
    notes.push(
      `The rounding unit (${unitText}) is coarse for the smallest amounts: ${below} yearly amount${
        below === 1 ? " is" : "s are"
      } below one unit exactly, so they show as 0 or one unit; a smaller unit shows them.`
    );
  }
  return notes;
}

/**
 * The id of every dataset a result uses, once each: the scenario's own (GDP or the key, aid, EU instruments), then
 * those only the figures beside the allocation use (population for the amount per inhabitant). What every adapter
 * lists as the result's sources; resultSourceDetails gives each with its source, vintage and origin.
 */
export function resultSources(result: ScenarioResult, figures: Figures = contributorFigures(result)): string[] {
  return [...new Set([...result.scenario.sources, ...figures.sources])];
}

/**
 * Every dataset a result uses, with its source and vintage and whether it is embedded or the user's (the file and the
 * vintage it states): what every output names beside the figures.
 */
export function resultSourceDetails(result: ScenarioResult, figures?: Figures): EditionSource[] {
  return resultSources(result, figures).map((id) => result.scenario.edition.sourceById(id));
}

/** Every note on a result: the scenario's own (which EU instruments cover which years), then resultNotes'. */
export function allResultNotes(result: ScenarioResult): string[] {
  return [...result.scenario.notes, ...resultNotes(result)];
}

/** An EU member state's share of the 27's GNI (of the edition's GNI year), a fraction; null outside the EU. */
export function euGniShare(code: string, edition: Edition = embeddedEdition()): Dec | null {
  const state = edition.euState(code);
  if (state === undefined) return null;
  return state.gni.div(edition.gniTotal);
}
