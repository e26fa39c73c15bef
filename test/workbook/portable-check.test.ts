/**
 * The comparison the portable copy's differential tests rest on (test/helpers/portable-check.ts), checked without
 * LibreOffice on the values the writer caches (the engine's own figures): it finds nothing to say about them, and it
 * names a figure that is off, a rounded figure that breaks the rule, a status cell with an error, and numbers shown
 * where the engine refuses the limits.
 */
import { runScenario } from "../../src/engine/scenario";
import { describePortableWorkbook } from "../../src/workbook/portable";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { readXlsx } from "../../src/workbook/xlsx-read";
import { expectedFor, model, specOf, type Expected, type Model } from "../helpers/portable-cases";
import { compareCopy, type Sheet } from "../helpers/portable-check";
import { COPY_SHEET, CopyLayout } from "../helpers/portable-layout";
import { COPY_OPTIONS } from "../helpers/portable-run";
import { readStoredCells, type StoredCell } from "../helpers/xlsx";

interface Written {
  readonly layout: CopyLayout;
  readonly sheet: Sheet;
  readonly expected: Expected;
}

async function written(m: Model): Promise<Written> {
  const spec = specOf(m);
  const bytes = await renderXlsx(describePortableWorkbook(spec, runScenario(spec), COPY_OPTIONS).workbook);
  const sheet = (await readStoredCells(bytes)).get(COPY_SHEET);
  if (!sheet) throw new Error("no main sheet");
  return { layout: new CopyLayout(await readXlsx(bytes)), sheet, expected: expectedFor(m) };
}

/** The sheet with one cell's value replaced. */
function withCell(sheet: Sheet, address: string, value: StoredCell["value"]): Sheet {
  const copy = new Map(sheet);
  copy.set(address, { ...copy.get(address), value });
  return copy;
}

const SCENARIOS: [string, Model][] = [
  ["the defaults", model()],
  ["caps and floors with credits", model({ credit: "100%", "aid-from": "2022-01" }, { cap: { USA: "0.3" } })],
  ["EU overlap over several years", model({ eu: "UAF,EPF_PROPOSAL", profile: "1,2,3,2,1", unit: "100k" })],
];

describe.each(SCENARIOS)("the comparison on the cached values of %s", (_, m) => {
  let copy: Written;
  beforeAll(async () => {
    copy = await written(m);
  });

  test("finds no mismatch as written, nor by the rounding rule", () => {
    expect(compareCopy(copy.sheet, copy.layout, copy.expected, true)).toEqual([]);
    expect(compareCopy(copy.sheet, copy.layout, copy.expected, false)).toEqual([]);
  });

  test("names an exact amount that is off", () => {
    const code = copy.layout.codes[1];
    const address = copy.layout.exactCell(code);
    const sheet = withCell(copy.sheet, address, Number(copy.sheet.get(address)?.value) * 1.001);
    expect(compareCopy(sheet, copy.layout, copy.expected, true)).toEqual([
      expect.stringContaining(`${code} exact (${address})`),
    ]);
  });

  test("names a rounded amount that breaks the rule after an edit, and one that is not the engine's as written", () => {
    const code = copy.layout.codes[0];
    const address = copy.layout.roundedCell(code);
    const unit = (copy.expected.kind === "figures" && copy.expected.result.scenario.unit.toNumber()) || 1;
    const sheet = withCell(copy.sheet, address, Number(copy.sheet.get(address)?.value) + unit);
    const asWritten = compareCopy(sheet, copy.layout, copy.expected, true);
    expect(asWritten).toEqual([expect.stringContaining(`${code} rounded (${address})`)]);
    const byRule = compareCopy(sheet, copy.layout, copy.expected, false);
    expect(byRule).toEqual(expect.arrayContaining([expect.stringContaining(`${code}: its rounded years add up to`)]));
  });

  test("names a status cell showing an error", () => {
    const address = copy.layout.statusCell("settled");
    const sheet = withCell(copy.sheet, address, "#VALUE!");
    expect(compareCopy(sheet, copy.layout, copy.expected, true)).toEqual(
      expect.arrayContaining([`status cell ${address} shows #VALUE!`])
    );
  });

  test("names every number shown where the engine refuses the limits", () => {
    const refused: Expected = { kind: "infeasible", message: "floor: add up to more than the total" };
    const mismatches = compareCopy(copy.sheet, copy.layout, refused, false);
    for (const code of copy.layout.codes) {
      expect(mismatches).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${code}: shows the number`))])
      );
    }
    expect(mismatches).toEqual(expect.arrayContaining([expect.stringContaining("no status cell says which limits")]));
  });
});

test("a part of the copy the tests cannot find is named, with what was looked for", async () => {
  const copy = await written(model());
  expect(() => copy.layout.exemptCell("XXX")).toThrow(/XXX is not in the contributors table/);
  expect(() => new CopyLayout({ sheets: [], names: [] })).toThrow(/no sheet "Fair Share"/);
});

describe("the edited scenario the engine computes: a model's data changes reach it as a data edition", () => {
  const exactOf = (m: Model, code: string): number => {
    const expected = expectedFor(m);
    if (expected.kind !== "figures") throw new Error(expected.message);
    return expected.result.allocation.rows.find((row) => row.code === code)?.exact.toNumber() ?? NaN;
  };
  /** What the EU instruments attribute to an ally over the scenario's years. */
  const attributedTo = (m: Model, code: string): number => {
    const expected = expectedFor(m);
    if (expected.kind !== "figures") throw new Error(expected.message);
    const { allocation, overlap } = expected.result;
    const row = overlap.rows[allocation.rows.findIndex((r) => r.code === code)];
    return row.exactAttributed.reduce((sum, amount) => sum + amount.toNumber(), 0);
  };

  test("a higher GDP raises the ally's amount", () => {
    expect(exactOf(model({}, { gdp: { "DEU 2024": "6000" } }), "DEU")).toBeGreaterThan(exactOf(model(), "DEU"));
  });

  test("more aid in a month of the window raises the ally's credit and lowers its amount", () => {
    const credited = model({ credit: "100%" });
    expect(exactOf({ ...credited, aid: { "POL 2024-03": "5" } }, "POL")).toBeLessThan(exactOf(credited, "POL"));
  });

  test("an instrument's amount, years and states move the EU attribution", () => {
    const counted = model({ eu: "UAF" });
    const base = attributedTo(counted, "FRA");
    expect(attributedTo({ ...counted, instruments: { UAF: { amountEurBn: "50" } } }, "FRA")).toBeGreaterThan(base);
    expect(attributedTo({ ...counted, instruments: { UAF: { out: ["FRA"] } } }, "FRA")).toBe(0);
    const later = { ...counted, instruments: { UAF: { firstYear: 2030, lastYear: 2031 } } };
    expect(attributedTo(later, "FRA")).toBe(0);
  });

  test("limits that cannot hold are the engine's refusal, in its words", () => {
    const expected = expectedFor(model({ contributors: "USA,DEU" }, { floor: { USA: "0.6", DEU: "0.6" } }));
    expect(expected).toEqual({ kind: "infeasible", message: expect.stringMatching(/^floor: add up to/) });
  });
});
