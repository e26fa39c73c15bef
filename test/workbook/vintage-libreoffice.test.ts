/**
 * The data status formula of the sheets Fair Share writes (vintage-cells.ts), recomputed in LibreOffice: a spreadsheet
 * without the add-in, where FAIRSHARE.VINTAGE is unknown (#NAME?), as it is in Excel without Fair Share. The formula
 * must then show a readable text, never #NAME?; and, with the function's value put in its place, say "current" or
 * name both vintages, as currentStatus and changedStatus word it.
 */
import JSZip from "jszip";

import { dataVintage, embeddedEdition } from "../../src/engine";
import type { WorkbookDescription } from "../../src/workbook/description";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import {
  DATA_STATUS_CELL,
  NEEDS_ADDIN_STATUS,
  changedStatus,
  currentStatus,
  dataStatusFormula,
} from "../../src/workbook/vintage-cells";
import { readStoredCells, recomputeInLibreOffice } from "../helpers/xlsx";

jest.setTimeout(120_000);

const MADE_WITH = "B5";
const VINTAGE_CALL = "FAIRSHARE.VINTAGE()";
/** A classic stand-in for the call while the file is written (the writer refuses custom functions). */
const PLACEHOLDER = 'UPPER("@NOW@")';

/** A one-sheet workbook: the recorded vintage and the status formula, its FAIRSHARE.VINTAGE call as `call`. */
async function workbookWith(madeWith: string, call: string): Promise<Uint8Array> {
  const formula = dataStatusFormula(MADE_WITH).split(VINTAGE_CALL).join(PLACEHOLDER);
  expect(formula).not.toContain("FAIRSHARE");
  const description: WorkbookDescription = {
    sheets: [
      {
        name: "Scenario",
        cells: [
          { address: MADE_WITH, value: madeWith },
          { address: DATA_STATUS_CELL, formula, cached: "not recomputed" },
        ],
        names: [],
        conditionalFormats: [],
        charts: [],
      },
    ],
  };
  const zip = await JSZip.loadAsync(await renderXlsx(description));
  const path = Object.keys(zip.files).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) as string;
  const xml = await zip.file(path)!.async("string");
  const placeholder = /UPPER\((?:"|&quot;)@NOW@(?:"|&quot;)\)/g;
  expect(xml.match(placeholder)).toHaveLength(dataStatusFormula(MADE_WITH).split(VINTAGE_CALL).length - 1);
  zip.file(path, xml.replace(placeholder, call.replace(/&/g, "&amp;").replace(/</g, "&lt;")));
  return zip.generateAsync({ type: "uint8array" });
}

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

describe("the data status, recomputed where FAIRSHARE.VINTAGE is unknown or stands for a value", () => {
  const madeWith = dataVintage(embeddedEdition());
  const newer = madeWith.replace(/kiel-ust-release-\d+ \S+$/, "kiel-ust-release-30 2027-02-01");
  const cases = [
    // As Excel stores a custom function's call in the file: unknown without the add-in.
    { title: "without the add-in", call: "_xldudf_FAIRSHARE_VINTAGE()", expected: NEEDS_ADDIN_STATUS },
    { title: "the same data", call: quoted(madeWith), expected: currentStatus(madeWith) },
    { title: "newer data", call: quoted(newer), expected: changedStatus(madeWith, newer) },
    // Compared exactly: a vintage that differs in case only is other data too.
    {
      title: "a vintage in other case",
      call: quoted(madeWith.toUpperCase()),
      expected: changedStatus(madeWith, madeWith.toUpperCase()),
    },
    // Another error of the function (a wrong data cell) is shown as it is, with its message in Excel.
    { title: "an error of the function", call: "NA()", expected: "#N/A" },
  ];

  let results: string[] = [];
  beforeAll(async () => {
    expect(newer).not.toBe(madeWith);
    const files = await Promise.all(cases.map((entry) => workbookWith(madeWith, entry.call)));
    const recomputed = recomputeInLibreOffice(files);
    results = await Promise.all(
      recomputed.map(async (bytes) => {
        const sheets = await readStoredCells(bytes);
        return String(sheets.get("Scenario")?.get(DATA_STATUS_CELL)?.value);
      })
    );
  });

  test.each(cases.map((entry, index) => [entry.title, index] as const))("%s", (_, index) => {
    expect(results[index]).toBe(cases[index].expected);
    expect(results[index]).not.toBe("#NAME?");
  });
});
