/**
 * A portable copy as it comes back from a colleague: edited, recomputed and saved by LibreOffice (its own shared
 * strings, styles, names and cached results), then read back by `allocate --workbook`'s reader. One soffice run
 * recomputes every file.
 */
import { buildReport } from "../../src/cli/report";
import { embeddedEdition } from "../../src/engine/edition";
import { readEdition } from "../../src/engine/data-file";
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import type { CellValue } from "../../src/workbook/description";
import { buildPortableWorkbook, PORTABLE_SHEET, type PortableLayout } from "../../src/workbook/portable";
import { readPortableCopy } from "../../src/workbook/portable-read";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { writeCellValue } from "../../src/workbook/xlsx-read";
import { recomputeInLibreOffice } from "../helpers/xlsx";

jest.setTimeout(300_000);

const OPTIONS = { version: "0.0.0-test", date: new Date("2026-12-01T00:00:00Z") };

function figures(spec: ScenarioSpec): unknown {
  const { parameters, edition, sources, notes, ...rest } = buildReport(runScenario(spec), {});
  void parameters;
  void edition;
  void sources;
  void notes;
  return JSON.parse(JSON.stringify(rest)) as unknown;
}

interface Case {
  readonly written: ScenarioSpec;
  readonly edits: (layout: PortableLayout) => [string, CellValue][];
  readonly expected: ScenarioSpec;
}

const rowOf = (layout: PortableLayout, code: string): number => layout.firstRow + layout.codes.indexOf(code);
const germany = embeddedEdition().ally("DEU")?.gdpEurBn[2024] as string;
const gdpCsv = [
  "iso3,gdp_2024_eur_bn",
  ...embeddedEdition().allies.map((ally) => `${ally.iso3},${ally.iso3 === "DEU" ? "5000" : ally.gdpEurBn[2024]}`),
].join("\n");

const CASES: Record<string, Case> = {
  unedited: { written: { exempt: "HUN" }, edits: () => [], expected: { exempt: "HUN" } },
  "USD, unedited": {
    written: { currency: "USD", "usd-per-eur": "1.078376", credit: "50%" },
    edits: () => [],
    expected: { currency: "USD", "usd-per-eur": "1.078376", credit: "50%" },
  },
  "credit, exempt and a GDP edited": {
    written: {},
    edits: (layout) => [
      [layout.inputs.credit, 0.5],
      [`${layout.columns.exempt}${rowOf(layout, "HUN")}`, true],
      [`${layout.columns.gdpByYear[embeddedEdition().gdpYears.indexOf(2024)]}${rowOf(layout, "DEU")}`, 5e12],
    ],
    expected: { credit: "50%", exempt: "HUN", edition: readEdition({ data: { file: "d.csv", text: gdpCsv } }) },
  },
};

test(`copies edited and recomputed by LibreOffice read back to the edited scenarios (Germany's GDP ${germany}bn -> 5000bn)`, async () => {
  const names = Object.keys(CASES);
  const files = await Promise.all(
    names.map(async (name) => {
      const { written, edits } = CASES[name];
      const { workbook, layout } = buildPortableWorkbook(written, OPTIONS);
      let bytes = await renderXlsx(workbook);
      for (const [address, value] of edits(layout)) bytes = await writeCellValue(bytes, PORTABLE_SHEET, address, value);
      return bytes;
    })
  );
  const recomputed = recomputeInLibreOffice(files);
  for (const [index, name] of names.entries()) {
    const copy = await readPortableCopy(new Uint8Array(recomputed[index]), `${name}.xlsx`);
    expect([name, figures(copy.spec)]).toEqual([name, figures(CASES[name].expected)]);
  }
});
