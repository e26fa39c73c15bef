/**
 * The portable copy recomputed by LibreOffice (forced full recalculation) must give the engine's figures: every exact
 * amount within floating-point noise, every rounded amount exactly, for a range of scenarios; and after edits a
 * recipient makes in the file (cells set by writeCellValue, every formula kept), the engine's figures for the edited
 * scenario, with the stale check on.
 */
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import JSZip from "jszip";

import type { AllocationReport } from "../../src/cli/report";
import { main } from "../../src/cli/main";

import { Dec } from "../../src/engine/decimal";
import { runScenario, type ScenarioResult, type ScenarioSpec } from "../../src/engine/scenario";
import { buildPortableWorkbook, type PortableLayout } from "../../src/workbook/portable";
import type { CellValue } from "../../src/workbook/description";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { writeCellValue } from "../../src/workbook/xlsx-read";
import { allPartsText, readStoredCells, recomputeInLibreOffice } from "../helpers/xlsx";
import { OPTIONS, compareExactWithEngine, numberAt, textAt, type Sheet } from "../helpers/portable";

// LibreOffice takes a few seconds per file on a busy machine.
jest.setTimeout(120_000);

function expectExactly(actual: number, expected: Dec, what: string): void {
  if (!new Dec(actual).eq(expected)) throw new Error(`${what}: LibreOffice ${actual}, engine ${expected.toFixed()}`);
}

/** Compares every exact figure of the recomputed sheet with the engine's result and, as written, every rounded one. */
function compareWithEngine(sheet: Sheet, layout: PortableLayout, result: ScenarioResult, rounded: boolean): void {
  compareExactWithEngine(sheet, layout, result);
  if (rounded) compareRoundedWithEngine(sheet, layout, result);
  expect(textAt(sheet, layout.settledCell)).toMatch(/^(Settled|No level needed)/);
}

/** The rounded figures a copy shows as written: exactly the engine's. */
function compareRoundedWithEngine(sheet: Sheet, layout: PortableLayout, result: ScenarioResult): void {
  const { allocation, overlap } = result;
  const c = layout.columns;
  allocation.rows.forEach((row, i) => {
    const r = layout.firstRow + i;
    expectExactly(numberAt(sheet, `${c.rounded}${r}`), row.total, `${row.code} rounded`);
    row.byYear.forEach((amount, j) =>
      expectExactly(numberAt(sheet, `${c.roundedByYear[j]}${r}`), amount, `${row.code} rounded ${allocation.years[j]}`)
    );
    overlap.rows[i].overlap.forEach((amount, j) =>
      expectExactly(numberAt(sheet, `${c.overlapByYear[j]}${r}`), amount, `${row.code} overlap ${allocation.years[j]}`)
    );
    expectExactly(numberAt(sheet, `${c.netNew}${r}`), overlap.rows[i].totalNetNew, `${row.code} net new`);
  });
  allocation.years.forEach((year, j) =>
    expectExactly(
      numberAt(sheet, `${layout.tranches.columns[j]}${layout.tranches.roundedRow}`),
      allocation.tranches[j],
      `rounded tranche ${year}`
    )
  );
}

const SCENARIOS: [string, ScenarioSpec, (result: ScenarioResult) => void][] = [
  ["the defaults", {}, () => undefined],
  [
    "an exemption",
    { exempt: "HUN" },
    (r) => expect(r.allocation.rows.find((row) => row.code === "HUN")?.constraint).toBe("exempt"),
  ],
  [
    "a credit that takes allies out",
    { credit: "100%", "aid-from": "2022-01", "aid-to": "2026-04" },
    (r) => expect(r.allocation.rows.filter((row) => row.constraint === "credit").length).toBeGreaterThan(0),
  ],
  [
    "a cap",
    { cap: "USA=22%" },
    (r) => expect(r.allocation.rows.find((row) => row.code === "USA")?.constraint).toBe("cap"),
  ],
  [
    "a floor",
    { floor: "LUX=1%,ISL=0.5%" },
    (r) => expect(r.allocation.rows.find((row) => row.code === "LUX")?.constraint).toBe("floor"),
  ],
  [
    "USD at a stated rate",
    { currency: "USD", "usd-per-eur": "1.078376" },
    (r) => expect(r.scenario.currency).toBe("USD"),
  ],
  ["a front-loaded profile", { profile: "front", years: "4", start: "2025" }, () => undefined],
  [
    "EU overlap over several years, with a custom profile and a percent-of-GDP limit",
    { eu: "UAF,EPF_PROPOSAL", profile: "1,2,3,2,1", "max-pct-gdp": "0.1%", unit: "100k" },
    (r) => expect(r.overlap.rows.some((row) => row.flagged.some(Boolean))).toBe(true),
  ],
  [
    "method pct-gdp with a credit",
    { method: "pct-gdp", "pct-gdp": "0.25%", credit: "100%", "aid-from": "2022-01", "aid-to": "2026-04" },
    (r) => expect(r.scenario.amount.kind).toBe("shareOfGdp"),
  ],
  [
    "method key over three contributors, some EU states not contributing",
    { method: "key", contributors: "USA,DEU,FRA", key: "USA=3,DEU=2,FRA=1", "eu-states": "DEU,FRA,ITA" },
    (r) => expect(r.allocation.rows).toHaveLength(3),
  ],
];

/** The file with cells of one sheet set to values, as a recipient would type them (formulas kept elsewhere). */
async function editWorkbook(
  bytes: Uint8Array,
  sheetName: string,
  edits: readonly (readonly [string, CellValue])[]
): Promise<Uint8Array> {
  let edited = bytes;
  for (const [address, value] of edits) edited = await writeCellValue(edited, sheetName, address, value);
  return edited;
}

/** The cells an edit sets, with their values. */
type Edit = (layout: PortableLayout) => [string, CellValue][];
const rowOf = (layout: PortableLayout, code: string): number => layout.firstRow + layout.codes.indexOf(code);

const EDITS: [string, ScenarioSpec, ScenarioSpec, Edit][] = [
  ["the total, typed as 60bn", {}, { total: "60bn" }, (layout) => [[layout.inputs.total, "60bn"]]],
  [
    "the total, typed as 5 MN (a suffix of the engine's table, in capitals, after a space)",
    {},
    { total: "5mn" },
    (layout) => [[layout.inputs.total, "5 MN"]],
  ],
  [
    "an exemption in the contributors table",
    { exempt: "HUN" },
    { exempt: "HUN,POL" },
    (layout) => [[`${layout.columns.exempt}${rowOf(layout, "POL")}`, true]],
  ],
  [
    "the credit",
    { credit: "50%", "aid-from": "2022-01", "aid-to": "2026-04" },
    { credit: "100%", "aid-from": "2022-01", "aid-to": "2026-04" },
    (layout) => [[layout.inputs.credit, 1]],
  ],
  [
    "a cap in the contributors table",
    {},
    { cap: "USA=30%,DEU=5%" },
    (layout) => [
      [`${layout.columns.cap}${rowOf(layout, "USA")}`, 0.3],
      [`${layout.columns.cap}${rowOf(layout, "DEU")}`, 0.05],
    ],
  ],
  [
    "an EU instrument counted",
    {},
    { eu: "adopted,EPF_PROPOSAL" },
    (layout) => [[`C${layout.instruments.firstRow + layout.instruments.ids.indexOf("EPF_PROPOSAL")}`, true]],
  ],
];

interface Written {
  readonly bytes: Uint8Array;
  readonly layout: PortableLayout;
  readonly result: ScenarioResult;
}

const written: Written[] = [];
let recomputed: Sheet[] = [];
let recomputedFiles: Buffer[] = [];

/** Runs the command line; returns its stdout. */
async function cli(args: string[]): Promise<string> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (text) => void (out += text), err: (text) => void (err += text) });
  if (code !== 0) throw new Error(`fair-share ${args.join(" ")} exited ${code}: ${err}`);
  return out;
}

/** The command line's own file for the defaults, and the same file with its total edited to 60bn. */
const fromCli: { json: AllocationReport; json60: AllocationReport; file: Buffer; edited?: Uint8Array } = {
  json: {} as AllocationReport,
  json60: {} as AllocationReport,
  file: Buffer.alloc(0),
};

// Every file is written first and LibreOffice recomputes them all in one run (its start-up dominates).
beforeAll(async () => {
  for (const [, spec] of SCENARIOS) {
    const { workbook, layout, result } = buildPortableWorkbook(spec, OPTIONS);
    written.push({ bytes: await renderXlsx(workbook), layout, result });
  }
  for (const [, spec, , edit] of EDITS) {
    const { workbook, layout, result } = buildPortableWorkbook(spec, OPTIONS);
    const bytes = await editWorkbook(await renderXlsx(workbook), layout.sheet, edit(layout));
    written.push({ bytes, layout, result });
  }
  const folder = mkdtempSync(join(tmpdir(), "fair-share-cli-"));
  try {
    const file = join(folder, "out.xlsx");
    fromCli.json = JSON.parse(await cli(["allocate", "--xlsx", file, "--format", "json"])) as AllocationReport;
    fromCli.file = readFileSync(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  fromCli.json60 = JSON.parse(await cli(["allocate", "--total", "60bn", "--format", "json"])) as AllocationReport;
  const defaultsLayout = written[0].layout;
  fromCli.edited = await editWorkbook(fromCli.file, defaultsLayout.sheet, [[defaultsLayout.inputs.total, 60e9]]);
  const files = recomputeInLibreOffice([...written.map((w) => w.bytes), fromCli.file, fromCli.edited]);
  recomputedFiles = files;
  recomputed = await Promise.all(
    files.map(async (file) => {
      const sheet = (await readStoredCells(file)).get(written[0].layout.sheet);
      if (!sheet) throw new Error("LibreOffice's file has no Fair Share sheet");
      return sheet;
    })
  );
});

describe("portable workbook recomputed by LibreOffice", () => {
  test.each(SCENARIOS.map((scenario, index) => [...scenario, index] as const))(
    "%s: every exact and rounded figure is the engine's",
    async (_, __, check, index) => {
      const { bytes, layout, result } = written[index];
      const sheet = recomputed[index];
      check(result);
      compareWithEngine(sheet, layout, result, true);
      expect(textAt(sheet, layout.staleCell)).toMatch(/^Current/);
      expect(numberAt(sheet, layout.staleCountCell)).toBe(0);
      expect(await allPartsText(bytes)).not.toMatch(/_xldudf_|FAIRSHARE\./i);
    }
  );
});

test("LibreOffice opens the chart as a chart bound to the sheet's ranges, and saves it again", async () => {
  const zip = await JSZip.loadAsync(recomputedFiles[0]);
  const charts = Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name));
  expect(charts).toHaveLength(1);
  const xml = (await zip.file(charts[0])?.async("string")) ?? "";
  expect(xml).toContain("<c:barChart>");
  expect(xml.match(/<c:ser>/g)).toHaveLength(5);
  expect(xml.replace(/&apos;/g, "'")).toMatch(/<c:f>'Fair Share'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+<\/c:f>/);
});

describe("edits a recipient makes, recomputed by LibreOffice", () => {
  test.each(EDITS.map((edit, index) => [...edit, SCENARIOS.length + index] as const))(
    "%s: the engine's exact figures for the edited scenario, stale check on",
    (_, __, edited, ___, index) => {
      const { layout } = written[index];
      const sheet = recomputed[index];
      const expected = runScenario(edited);
      compareWithEngine(sheet, layout, expected, false);
      // The rounded table still holds the old scenario's figures: the check must say it is stale.
      expect(textAt(sheet, layout.staleCell)).toMatch(/^STALE: .*round again/);
      expect(numberAt(sheet, layout.staleCountCell)).toBeGreaterThan(0);
      // The inputs block's lists follow the table, so FAIRSHARE would read the edited scenario too.
      if (edited.exempt) expect(textAt(sheet, layout.inputs.exempt)).toBe(edited.exempt);
      if (edited.eu) {
        expect(textAt(sheet, layout.inputs.eu).split(",").sort()).toEqual(
          expected.scenario.instruments.map((i) => i.id).sort()
        );
      }
      if (edited.cap) {
        expect(textAt(sheet, layout.inputs.cap).split(",").sort()).toEqual(String(edited.cap).split(",").sort());
      }
    }
  );
});

describe("the command line's workbook (fair-share allocate --xlsx FILE)", () => {
  const layout = (): PortableLayout => written[0].layout;
  const recomputedCli = (): Sheet => recomputed[written.length];
  const recomputedEdited = (): Sheet => recomputed[written.length + 1];

  test("on the defaults, LibreOffice's full recompute gives exactly the CLI's JSON figures; no _xldudf_", async () => {
    const sheet = recomputedCli();
    const { columns: c, firstRow, tranches } = layout();
    const json = fromCli.json;
    expect(await allPartsText(fromCli.file)).not.toMatch(/_xldudf_/);
    expect(numberAt(sheet, layout().exactTotalCell)).toBe(Number(json.exactTotal));
    json.allies.forEach((ally, i) => {
      const r = firstRow + i;
      expect(textAt(sheet, `${c.code}${r}`)).toBe(ally.iso3);
      expectExactly(numberAt(sheet, `${c.rounded}${r}`), new Dec(ally.total), `${ally.iso3} total`);
      json.years.forEach((year, j) => {
        expectExactly(numberAt(sheet, `${c.roundedByYear[j]}${r}`), new Dec(ally.byYear[year]), `${ally.iso3} ${year}`);
        expectExactly(
          numberAt(sheet, `${c.overlapByYear[j]}${r}`),
          new Dec(ally.overlapByYear[year]),
          `${ally.iso3} overlap ${year}`
        );
      });
      expectExactly(numberAt(sheet, `${c.overlap}${r}`), new Dec(ally.euOverlap), `${ally.iso3} overlap`);
      expectExactly(numberAt(sheet, `${c.netNew}${r}`), new Dec(ally.netNew), `${ally.iso3} net new`);
      // The exact amount is share x exact total; the JSON's share has 12 decimal places.
      expect(Math.abs(numberAt(sheet, `${c.exact}${r}`) / Number(json.exactTotal) - Number(ally.share))).toBeLessThan(
        1e-12
      );
      expect(textAt(sheet, `${c.constraint}${r}`)).toBe(ally.constraint);
    });
    json.years.forEach((year, j) =>
      expectExactly(
        numberAt(sheet, `${tranches.columns[j]}${tranches.roundedRow}`),
        new Dec(json.tranches[year]),
        `tranche ${year}`
      )
    );
    expect(textAt(sheet, layout().staleCell)).toMatch(/^Current/);
  });

  test("with its total edited to 60bn, it recomputes to --total 60bn's figures and says the rounding is stale", () => {
    const sheet = recomputedEdited();
    const { columns: c, firstRow } = layout();
    const json = fromCli.json60;
    const unit = Number(json.unit);
    expect(numberAt(sheet, layout().exactTotalCell)).toBe(Number(json.exactTotal));
    json.allies.forEach((ally, i) => {
      const r = firstRow + i;
      const exact = numberAt(sheet, `${c.exact}${r}`);
      expect(Math.abs(exact / Number(json.exactTotal) - Number(ally.share))).toBeLessThan(1e-12);
      // Each ally within one unit of the CLI's rounded figures for --total 60bn.
      expect(Math.abs(exact - Number(ally.total))).toBeLessThan(unit);
      json.years.forEach((year, j) =>
        expect(Math.abs(numberAt(sheet, `${c.exactByYear[j]}${r}`) - Number(ally.byYear[year]))).toBeLessThan(unit)
      );
    });
    expect(textAt(sheet, layout().staleCell)).toMatch(/^STALE: the inputs differ .* out of date/);
  });
});
