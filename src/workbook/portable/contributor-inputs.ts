/**
 * The input columns of the portable copy's contributors table: GDP for every year the data carries (the year used
 * follows gdp-year), the key values (method key), the basis the method takes from them, population, the aid in the
 * window (summed from the "Aid by month" sheet), exemption, cap, floor and EU membership. Yellow cells are inputs;
 * the GDP used, the basis and the aid are formulas.
 */
import { fromEurAt, type Scenario } from "../../engine";
import { SHEET_COLOURS } from "../description";
import type { AidMonths } from "./aid-months";
import { num, type SheetCells } from "./cells";

export interface ContributorInputColumns {
  readonly code: string;
  readonly name: string;
  readonly gdpByYear: readonly string[];
  readonly gdp: string;
  readonly key: string;
  readonly basis: string;
  readonly population: string;
  readonly aid: string;
  readonly exempt: string;
  readonly cap: string;
  readonly floor: string;
  readonly eu: string;
}

/** The parsed working values the input columns read. */
export interface ContributorWorkings {
  readonly methodCell: string;
  readonly gdpYearCell: string;
  readonly aidFromCell: string;
  readonly aidToCell: string;
}

/** The header of each input column (stable labels: the read-back and the tests find the columns by them). */
export function contributorInputHeaders(columns: ContributorInputColumns, scenario: Scenario): [string, string][] {
  const currency = scenario.currency;
  return [
    [columns.code, "Code"],
    [columns.name, "Name"],
    ...scenario.edition.gdpYears.map((year, y): [string, string] => [
      columns.gdpByYear[y],
      `GDP ${year} (${currency})`,
    ]),
    [columns.gdp, `GDP used (${currency})`],
    [columns.key, "Key"],
    [columns.basis, "Basis"],
    [columns.population, "Population (m)"],
    [columns.aid, `Bilateral aid in window (${currency})`],
    [columns.exempt, "Exempt"],
    [columns.cap, "Cap (share of total)"],
    [columns.floor, "Floor (share of total)"],
    [columns.eu, "EU member"],
  ];
}

/** Writes each contributor's input cells and the formulas of GDP used, basis and aid. */
export function contributorInputs(
  cells: SheetCells,
  first: number,
  col: ContributorInputColumns,
  scenario: Scenario,
  workings: ContributorWorkings,
  aid: AidMonths
): void {
  const input = { style: { fill: SHEET_COLOURS.input } };
  const fixed = { style: { fill: SHEET_COLOURS.value } };
  const { edition, gdpYear } = scenario;
  const fromEur = fromEurAt(scenario.usdPerEur);
  const blend = scenario.method === "blend";
  scenario.contributors.forEach((c, i) => {
    const row = first + i;
    const at = (column: string): string => `${column}${row}`;
    cells.value(at(col.code), c.code, { style: { bold: true } });
    cells.value(at(col.name), c.name);
    const ally = edition.ally(c.code);
    // The scenario's own GDP for its year (the data's, or the user's basis); the data's for the other years.
    const gdpValues = edition.gdpYears.map((year): number | null => {
      const dataGdp = ally?.gdpEur.get(year);
      const own = year === gdpYear ? c.gdp : undefined;
      return own !== undefined ? num(own) : dataGdp === undefined ? null : num(fromEur(dataGdp));
    });
    gdpValues.forEach((value, y) => cells.value(at(col.gdpByYear[y]), value, { ...input, numberFormat: "#,##0" }));
    const pick = edition.gdpYears
      .map((year, y) => `IF(${workings.gdpYearCell}=${year},${at(col.gdpByYear[y])},`)
      .join("");
    const used = gdpValues[edition.gdpYears.indexOf(gdpYear)] ?? null;
    cells.formula(at(col.gdp), `${pick}""${")".repeat(edition.gdpYears.length)}`, used ?? "", {
      numberFormat: "#,##0",
    });
    const key = scenario.method === "key" ? num(c.basisBeforeExemption) : null;
    cells.value(at(col.key), key, { ...input, numberFormat: "#,##0.####" });
    if (blend) {
      // A blend is locked: its basis is the value written (method blend, or back to gdp or key by formula).
      cells.formula(
        at(col.basis),
        `IF(${workings.methodCell}="key",${at(col.key)},IF(${workings.methodCell}="blend",${num(c.basisBeforeExemption)},${at(col.gdp)}))`,
        num(c.basisBeforeExemption),
        { ...fixed, numberFormat: "#,##0.####" }
      );
    } else {
      cells.formula(
        at(col.basis),
        `IF(${workings.methodCell}="key",${at(col.key)},${at(col.gdp)})`,
        num(c.basisBeforeExemption),
        { numberFormat: "#,##0.####" }
      );
    }
    const population = ally?.population;
    cells.value(at(col.population), population === undefined ? null : population.div(1e6).toNumber(), {
      numberFormat: "#,##0.0",
    });
    if (aid.fromData[i]) {
      cells.formula(at(col.aid), aid.windowFormula(i, workings.aidFromCell, workings.aidToCell), num(c.aid), {
        numberFormat: "#,##0",
      });
    } else {
      cells.value(at(col.aid), num(c.aid), { ...input, numberFormat: "#,##0" });
    }
    cells.value(at(col.exempt), c.exempt, input);
    cells.value(at(col.cap), c.maxShare ? num(c.maxShare) : null, { ...input, numberFormat: "0.####%" });
    cells.value(at(col.floor), c.minShare ? num(c.minShare) : null, { ...input, numberFormat: "0.####%" });
    cells.value(at(col.eu), c.euMember, fixed);
  });
}
