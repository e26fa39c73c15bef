/**
 * Reading a portable copy back (src/workbook/portable-read.ts), in process: a copy written for a scenario reads back
 * to that scenario's figures; a copy edited cell by cell (as a user would, with the project's own cell writer) reads
 * back to the edited scenario, with the edited figures as the user's data named after the copy; a copy it cannot read
 * is refused naming the sheet and cell.
 */
import fc from "fast-check";
import JSZip from "jszip";

import { buildReport } from "../../src/cli/report";
import { EU_GNI } from "../../src/data";
import { Dec } from "../../src/engine/decimal";
import { readEdition } from "../../src/engine/data-file";
import { embeddedEdition } from "../../src/engine/edition";
import { aidEurBn } from "../../src/engine";
import { AID_SHEET } from "../../src/workbook/portable/aid-months";
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { columnLetters, parseAddress, type CellValue } from "../../src/workbook/description";
import {
  buildPortableWorkbook,
  PORTABLE_SHEET,
  ROUNDED_FOR_SHEET,
  type PortableLayout,
} from "../../src/workbook/portable";
import { readPortableCopy, PortableReadError } from "../../src/workbook/portable-read";
import { COPY_LABELS } from "../../src/workbook/portable-read-layout";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { writeCellValue } from "../../src/workbook/xlsx-read";

jest.setTimeout(120_000);

const OPTIONS = { version: "0.0.0-test", date: new Date("2026-12-01T00:00:00Z") };
const FILE = "copy.xlsx";

/** The report's JSON for a scenario, less the parameters echo (a copy states every input; the flags only some). */
function figures(spec: ScenarioSpec): Record<string, unknown> {
  const { parameters, ...rest } = buildReport(runScenario(spec), {});
  void parameters;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

async function copyOf(spec: ScenarioSpec): Promise<{ bytes: Uint8Array; layout: PortableLayout }> {
  const { workbook, layout } = buildPortableWorkbook(spec, OPTIONS);
  return { bytes: await renderXlsx(workbook), layout };
}

/** The EU instruments table's column of a calendar year: the header cell holding that year. */
function instrumentYearColumn(spec: ScenarioSpec, year: number): string {
  const { workbook, layout } = buildPortableWorkbook(spec, OPTIONS);
  const main = workbook.sheets.find((sheet) => sheet.name === PORTABLE_SHEET);
  const header = main?.cells.find(
    (cell) => parseAddress(cell.address).row === layout.instruments.firstRow - 1 && cell.value === year
  );
  if (header === undefined) throw new Error(`no instruments column for ${year}`);
  return columnLetters(parseAddress(header.address).column);
}

async function edited(bytes: Uint8Array, edits: readonly [string, CellValue][]): Promise<Uint8Array> {
  let current = bytes;
  for (const [address, value] of edits) current = await writeCellValue(current, PORTABLE_SHEET, address, value);
  return current;
}

async function readBack(bytes: Uint8Array): Promise<ScenarioSpec> {
  return (await readPortableCopy(bytes, FILE)).spec;
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readPortableCopy(bytes, FILE);
  } catch (error) {
    if (error instanceof PortableReadError) return error.message;
    throw error;
  }
  throw new Error("the copy was read");
}

const rowOf = (layout: PortableLayout, code: string): number => layout.firstRow + layout.codes.indexOf(code);
/** The GDP column of a year (the data's latest, which the scenarios here use, by default). */
const gdpColumn = (layout: PortableLayout, year = embeddedEdition().latestGdpYear): string =>
  layout.columns.gdpByYear[embeddedEdition().gdpYears.indexOf(year)];

test("the reader's sheet names are the writer's", () => {
  expect(COPY_LABELS.sheet).toBe(PORTABLE_SHEET);
  expect(COPY_LABELS.writtenSheet).toBe(ROUNDED_FOR_SHEET);
});

describe("an unedited copy reads back to the scenario it was written for", () => {
  const scenarios: ScenarioSpec[] = [
    {},
    { exempt: "HUN", cap: "USA=30%", credit: "50%", "aid-from": "2024-01", "aid-to": "2026-04" },
    { contributors: "ALB,USA,DEU", cap: "40%", floor: "20%" },
    { currency: "USD", "usd-per-eur": "1.078376", credit: "30%", "max-pct-gdp": "0.2%" },
    { method: "key", key: "USA=3,DEU=2,FRA=1.5", contributors: "USA,DEU,FRA" },
    { method: "pct-gdp", "pct-gdp": "0.25%" },
    { method: "blend", blend: "gdp2024:0.5,population:0.5" },
    { "eu-states": "DEU,FRA,ITA", eu: "UAF,USL_MIL" },
    { eu: "none", floor: "1%", cap: "30%" },
    { "gdp-year": "2023", start: "2026", years: "3", profile: "front" },
    { profile: "3,2,1", years: "3", unit: "100k", total: "30bn" },
  ];
  test.each(scenarios.map((spec) => [JSON.stringify(spec), spec] as const))("%s", async (_, spec) => {
    const { bytes } = await copyOf(spec);
    const read = await readBack(bytes);
    expect(read.edition).toBeUndefined();
    expect(figures(read)).toEqual(figures(spec));
  });

  test("random scenarios: write, read, the same figures", async () => {
    const allies = embeddedEdition().allies.map((ally) => ally.iso3);
    const scenario = fc.record(
      {
        contributors: fc.subarray(allies, { minLength: 3, maxLength: 8 }).map((codes) => codes.join(",")),
        credit: fc.constantFrom("0", "25%", "100%"),
        currency: fc.constantFrom("EUR", "USD"),
        years: fc.integer({ min: 1, max: 6 }).map(String),
        // Up to 2026: a credit needs aid data in its window, which ends in April 2026.
        start: fc.integer({ min: 2022, max: 2026 }).map(String),
        profile: fc.constantFrom("flat", "front"),
        eu: fc.constantFrom("adopted", "none", "UAF,USL_MIL"),
        cap: fc.constantFrom("", "45%"),
        unit: fc.constantFrom("1m", "100k"),
      },
      { requiredKeys: ["contributors", "credit", "currency", "years", "start"] }
    );
    await fc.assert(
      fc.asyncProperty(scenario, async (drawn) => {
        const spec: ScenarioSpec = {
          ...drawn,
          ...(drawn.currency === "USD" ? { "usd-per-eur": "1.078376" } : {}),
          ...(drawn.cap === "" ? { cap: undefined } : {}),
        };
        const { bytes } = await copyOf(spec);
        expect(figures(await readBack(bytes))).toEqual(figures(spec));
      }),
      { numRuns: 15, seed: 16 }
    );
  });
});

describe("an edited copy reads back to the edited scenario", () => {
  let plain: { bytes: Uint8Array; layout: PortableLayout };
  beforeAll(async () => (plain = await copyOf({})));

  test("credit 50% in a copy written without credit: the figures of credit 50%", async () => {
    const read = await readBack(await edited(plain.bytes, [[plain.layout.inputs.credit, 0.5]]));
    expect(read.edition).toBeUndefined();
    expect(figures(read)).toEqual(figures({ credit: "50%" }));
  });

  test("exempt, cap, floor, Counted and Contributing edited in the tables", async () => {
    const { layout } = plain;
    const hun = rowOf(layout, "HUN");
    const usa = rowOf(layout, "USA");
    const lux = rowOf(layout, "LUX");
    const uaf = layout.instruments.firstRow + layout.instruments.ids.indexOf("UAF");
    const aut = layout.euStates.firstRow + EU_GNI.findIndex((state) => state.iso3 === "AUT");
    const read = await readBack(
      await edited(plain.bytes, [
        [`${layout.columns.exempt}${hun}`, true],
        [`${layout.columns.cap}${usa}`, 0.3],
        [`${layout.columns.floor}${lux}`, 0.001],
        [`C${uaf}`, false],
        [`D${aut}`, false],
      ])
    );
    const states = EU_GNI.map((state) => state.iso3).filter((code) => code !== "AUT");
    const counted = runScenario({})
      .scenario.instruments.map((instrument) => instrument.id)
      .filter((id) => id !== "UAF")
      .join(",");
    expect(figures(read)).toEqual(
      figures({ exempt: "HUN", cap: "USA=30%", floor: "LUX=0.1%", eu: counted, "eu-states": states.join(",") })
    );
  });

  test("a GDP edit is the user's data named after the copy, with the figures of --data with that GDP", async () => {
    const { layout } = plain;
    const deu = embeddedEdition().ally("DEU");
    const doubled = new Dec(deu?.gdpEurBn[2024] as string).times(2);
    const read = await readBack(
      await edited(plain.bytes, [[`${gdpColumn(layout)}${rowOf(layout, "DEU")}`, doubled.times(1e9).toNumber()]])
    );
    const csv = [
      "iso3,gdp_2024_eur_bn",
      ...embeddedEdition().allies.map(
        (ally) => `${ally.iso3},${ally.iso3 === "DEU" ? doubled.toFixed() : ally.gdpEurBn[2024]}`
      ),
    ].join("\n");
    const byFile = readEdition({ data: { file: "d.csv", text: csv } });
    const expected = figures({ edition: byFile });
    const actual = figures(read);
    expect(actual.allies).toEqual(expected.allies);
    expect(actual.tranches).toEqual(expected.tranches);
    expect(JSON.stringify(actual.sources).replace(/copy\.xlsx, sheet 'Fair Share'/g, "d.csv")).toBe(
      JSON.stringify(expected.sources)
    );
    const gdp = (actual.sources as { dataset: string; origin: string; file: string }[]).find(
      (s) => s.dataset === "gdp"
    );
    expect(gdp).toMatchObject({ origin: "user", file: "copy.xlsx, sheet 'Fair Share'" });
    const share = new Dec(
      (actual.allies as { iso3: string; share: string }[]).find((a) => a.iso3 === "DEU")?.share as string
    );
    const sum = embeddedEdition()
      .allies.map((ally) => new Dec(ally.gdpEurBn[2024]))
      .reduce((a, b) => a.plus(b))
      .plus(doubled.div(2));
    expect(share.minus(doubled.div(sum)).abs().lt("1e-11")).toBe(true);
  });

  test("in a USD copy, an edited GDP converts back at the copy's rate", async () => {
    const spec: ScenarioSpec = { currency: "USD", "usd-per-eur": "1.25", contributors: "USA,DEU,FRA,ITA" };
    const { bytes, layout } = await copyOf(spec);
    const read = await readBack(await edited(bytes, [[`${gdpColumn(layout)}${rowOf(layout, "FRA")}`, 5e12]]));
    const gdp = read.edition?.ally("FRA")?.gdpEurBn[2024];
    expect(gdp).toBe("4000");
    expect(figures(read).allies).toEqual(
      figures({
        ...spec,
        edition: readEdition({
          data: {
            file: "f.csv",
            text: [
              "iso3,gdp_2024_eur_bn",
              ...embeddedEdition().allies.map((a) => `${a.iso3},${a.iso3 === "FRA" ? "4000" : a.gdpEurBn[2024]}`),
            ].join("\n"),
          },
        }),
      }).allies
    );
  });

  test("an aid figure typed into a copy written without credit is the user's; zeros there are no figures", async () => {
    const read = await readBack(
      await edited(plain.bytes, [
        [plain.layout.inputs.credit, 0.5],
        [`${plain.layout.columns.aid}${rowOf(plain.layout, "NOR")}`, 9e9],
      ])
    );
    const allies = figures(read).allies as { iso3: string; aidCredit: string }[];
    const expected = figures({ credit: "50%" }).allies as { iso3: string; aidCredit: string }[];
    expect(allies.find((a) => a.iso3 === "NOR")?.aidCredit).toBe("4500000000");
    const others = (list: typeof allies) => list.filter((a) => a.iso3 !== "NOR").map((a) => [a.iso3, a.aidCredit]);
    expect(others(allies)).toEqual(others(expected));
    expect(read.edition?.sourceOf("aid").file).toBe("copy.xlsx, sheet 'Fair Share'");
  });

  test("a month edited on the Aid by month sheet is the user's aid data for that month", async () => {
    const spec: ScenarioSpec = { credit: "50%", "aid-from": "2024-01", "aid-to": "2026-04" };
    const { workbook } = buildPortableWorkbook(spec, OPTIONS);
    const aidSheet = workbook.sheets.find((sheet) => sheet.name === AID_SHEET);
    const column = aidSheet?.cells.find((cell) => /^[A-Z]+1$/.test(cell.address) && cell.value === "2024-03");
    const row = aidSheet?.cells.find((cell) => /^A\d+$/.test(cell.address) && cell.value === "NOR");
    const address = `${(column?.address ?? "").replace(/\d+$/, "")}${(row?.address ?? "").slice(1)}`;
    const bytes = await writeCellValue(await renderXlsx(workbook), AID_SHEET, address, 2e9);
    const read = await readBack(bytes);
    expect(read.edition?.aid.byDonor.NOR).toEqual(expect.arrayContaining([["2024-03", "2"]]));
    expect(read.edition?.sourceOf("aid").file).toBe(`copy.xlsx, sheet '${AID_SHEET}'`);
    const base = embeddedEdition();
    const march = new Dec(new Map(base.aid.byDonor.NOR).get("2024-03") ?? "0");
    const window = aidEurBn(base, "NOR", "2024-01", "2026-04").minus(march).plus(2);
    const nor = (figures(read).allies as { iso3: string; aid: string }[]).find((a) => a.iso3 === "NOR");
    expect(nor?.aid).toBe(window.times(1e9).toFixed());
    const others = (report: Record<string, unknown>) =>
      (report.allies as { iso3: string; aid: string }[]).filter((a) => a.iso3 !== "NOR").map((a) => [a.iso3, a.aid]);
    expect(others(figures(read))).toEqual(others(figures(spec)));
  });

  test("an edited GNI and an edited aid figure become the user's GNI and aid", async () => {
    const spec: ScenarioSpec = { credit: "50%", "aid-from": "2024-01", "aid-to": "2026-04" };
    const { bytes, layout } = await copyOf(spec);
    const fra = layout.euStates.firstRow + EU_GNI.findIndex((state) => state.iso3 === "FRA");
    const read = await readBack(
      await edited(bytes, [
        [`C${fra}`, 3500],
        [`${layout.columns.aid}${rowOf(layout, "NOR")}`, 9e9],
      ])
    );
    const edition = read.edition;
    expect(edition?.euState("FRA")?.gniEurBn).toBe("3500");
    expect(edition?.sourceOf("gni").file).toBe("copy.xlsx, sheet 'Fair Share'");
    expect(edition?.sourceOf("aid").file).toBe("copy.xlsx, sheet 'Fair Share'");
    const nor = (figures(read).allies as { iso3: string; aidCredit: string }[]).find((a) => a.iso3 === "NOR");
    expect(nor?.aidCredit).toBe("4500000000");
  });
});

describe("EU instruments, population and a copy written on the user's data", () => {
  test("an instrument's yearly amounts and states edited: the user's EU instruments, named after the copy", async () => {
    const spec: ScenarioSpec = { start: "2025", years: "3" };
    const { bytes, layout } = await copyOf(spec);
    const row = layout.instruments.firstRow + layout.instruments.ids.indexOf("EDIP_USI");
    const pol = layout.euStates.firstRow + EU_GNI.findIndex((state) => state.iso3 === "POL");
    const participates = columnLetters(5 + layout.instruments.ids.indexOf("EDIP_USI"));
    // 2025-2027: EDIP_USI at EUR 200m a year instead of 100m, without Poland.
    const [y2025, y2026, y2027] = [2025, 2026, 2027].map((year) => instrumentYearColumn(spec, year));
    const read = await readBack(
      await edited(bytes, [
        [`${y2025}${row}`, 2e8],
        [`${y2026}${row}`, 2e8],
        [`${y2027}${row}`, 2e8],
        [`${participates}${pol}`, false],
      ])
    );
    const record = read.edition?.instruments.find((candidate) => candidate.id === "EDIP_USI");
    expect(record).toMatchObject({ amountEurBn: "0.6", firstYear: 2025, lastYear: 2027, states: "EU27 -POL" });
    expect(read.edition?.sourceOf("instruments")).toMatchObject({
      origin: "user",
      file: "copy.xlsx, sheet 'Fair Share'",
    });
    const csv = embeddedEdition()
      .instruments.map((i) =>
        [i.id, i.id === "EDIP_USI" ? "0.6" : i.amountEurBn, i.id === "EDIP_USI" ? "EU27 -POL" : i.states].join(",")
      )
      .join("\n");
    const byFile = readEdition({ euData: { file: "i.csv", text: `id,amount_eur_bn,states\n${csv}` } });
    expect(figures(read).allies).toEqual(figures({ ...spec, edition: byFile }).allies);
  });

  test("uneven yearly amounts are refused naming the cell", async () => {
    const spec: ScenarioSpec = { start: "2025", years: "3" };
    const { bytes, layout } = await copyOf(spec);
    const row = layout.instruments.firstRow + layout.instruments.ids.indexOf("EDIP_USI");
    const column = instrumentYearColumn(spec, 2026);
    expect(await refusal(await edited(bytes, [[`${column}${row}`, 3e8]]))).toBe(
      `copy.xlsx, sheet 'Fair Share', cell ${column}${row}: EDIP_USI's yearly amounts must be equal over consecutive years ` +
        "(the data spreads an instrument evenly over its years)."
    );
  });

  test("a key value edited in a copy written by key", async () => {
    const spec: ScenarioSpec = { method: "key", key: "USA=3,DEU=2,FRA=1.5", contributors: "USA,DEU,FRA" };
    const { bytes, layout } = await copyOf(spec);
    const read = await readBack(await edited(bytes, [[`${layout.columns.key}${rowOf(layout, "FRA")}`, 4.25]]));
    expect(read.edition).toBeUndefined();
    expect(figures(read)).toEqual(figures({ ...spec, key: "USA=3,DEU=2,FRA=4.25" }));
  });

  test("a figure about 1,000 times off is warned about, naming its cell and unit", async () => {
    const { bytes, layout } = await copyOf({});
    const cell = `${gdpColumn(layout)}${rowOf(layout, "FIN")}`;
    const finland = embeddedEdition().ally("FIN")?.gdpEurBn[2024] as string;
    const read = await readBack(await edited(bytes, [[cell, Number(finland) * 1e6]]));
    expect(read.edition?.warnings).toEqual([
      `copy.xlsx, sheet 'Fair Share', cell ${cell}: GDP 2024 for FIN ${new Dec(finland).times(1e6).toFixed()} is ` +
        `about a 1,000th of the embedded ${new Dec(finland).times(1e9).toFixed()}; the cell is in the currency's ` +
        "units: check its unit.",
    ]);
    expect(figures(read).notes).toEqual(expect.arrayContaining([expect.stringContaining(`cell ${cell}: GDP 2024`)]));
  });

  test("a population edit changes the amounts per inhabitant only", async () => {
    const { bytes, layout } = await copyOf({});
    const column = layout.columns.population;
    const read = await readBack(await edited(bytes, [[`${column}${rowOf(layout, "EST")}`, 2]]));
    expect(read.edition?.ally("EST")?.populationM).toBe("2");
    const estonia = (report: Record<string, unknown>) =>
      (report.allies as { iso3: string; perCapita: string; total: string }[]).find((a) => a.iso3 === "EST");
    const before = estonia(figures({}));
    const after = estonia(figures(read));
    expect(after?.total).toBe(before?.total);
    expect(after?.perCapita).not.toBe(before?.perCapita);
  });

  test("a copy written on the user's data names its file and vintage, and reads back to its figures", async () => {
    const csv = [
      "# vintage: July 2026 estimates",
      "iso3,gdp_2025_eur_bn",
      ...embeddedEdition().allies.map((ally) => `${ally.iso3},${new Dec(ally.gdpEurBn[2024]).times("1.03").toFixed()}`),
    ].join("\n");
    const edition = readEdition({ data: { file: "nato-2026.csv", text: csv } });
    const spec: ScenarioSpec = { "gdp-year": "2025", edition };
    const { workbook } = buildPortableWorkbook(spec, OPTIONS);
    const texts = workbook.sheets.flatMap((sheet) => sheet.cells.map((cell) => String(cell.value ?? "")));
    expect(
      texts.some((text) => text.includes("your data from nato-2026.csv") && text.includes("July 2026 estimates"))
    ).toBe(true);
    expect(texts).toContain("July 2026 estimates");
    const read = await readBack(await renderXlsx(workbook));
    expect(read.edition?.sourceOf("gdp", 2025).file).toBe("copy.xlsx, sheet 'Fair Share'");
    const comparable = (report: Record<string, unknown>) => ({ ...report, edition: null, sources: null, notes: null });
    expect(comparable(figures(read))).toEqual(comparable(figures(spec)));
  });

  test("an engine error on a value read names the cell it came from", async () => {
    const { bytes, layout } = await copyOf({});
    const cap = `${layout.columns.cap}${rowOf(layout, "USA")}`;
    const copy = await readPortableCopy(await edited(bytes, [[cap, 1.5]]), FILE);
    let argument = "";
    try {
      runScenario(copy.spec);
    } catch (error) {
      argument = (error as { argument: string }).argument;
    }
    expect(argument).toBe("cap (USA)");
    expect(copy.cellOf(argument)).toBe(cap);
    expect(copy.cellOf("credit")).toBe(layout.inputs.credit);
  });
});

test("random edits: a copy written again from what was read reads back to the same figures", async () => {
  const allies = embeddedEdition().allies.map((ally) => ally.iso3);
  const drawn = fc.record({
    contributors: fc.subarray(allies, { minLength: 3, maxLength: 6 }),
    currency: fc.constantFrom("EUR", "USD"),
    credit: fc.constantFrom("0", "50%"),
    gdpFactor: fc.constantFrom(0.5, 1.7, 3),
    pick: fc.nat(),
  });
  await fc.assert(
    fc.asyncProperty(drawn, async ({ contributors, currency, credit, gdpFactor, pick }) => {
      const spec: ScenarioSpec = {
        contributors: contributors.join(","),
        currency,
        credit,
        ...(currency === "USD" ? { "usd-per-eur": "1.078376" } : {}),
      };
      const { bytes, layout } = await copyOf(spec);
      const code = layout.codes[pick % layout.codes.length];
      const cell = `${gdpColumn(layout)}${rowOf(layout, code)}`;
      const unedited = await readBack(bytes);
      const before = runScenario(unedited).scenario.contributors.find((c) => c.code === code);
      const first = await readBack(await edited(bytes, [[cell, (before?.gdp?.toNumber() ?? 0) * gdpFactor]]));
      expect(first.edition?.embedded).toBe(false);
      const again = await readBack(await renderXlsx(buildPortableWorkbook(first, OPTIONS).workbook));
      const comparable = (report: Record<string, unknown>) => ({
        ...report,
        edition: null,
        sources: null,
        notes: null,
      });
      expect(comparable(figures(again))).toEqual(comparable(figures(first)));
    }),
    { numRuns: 6, seed: 20 }
  );
});

describe("a copy it cannot read is refused naming the sheet and cell", () => {
  let plain: { bytes: Uint8Array; layout: PortableLayout };
  beforeAll(async () => (plain = await copyOf({})));

  test('"yes" in an exempt cell', async () => {
    const cell = `${plain.layout.columns.exempt}${rowOf(plain.layout, "HUN")}`;
    expect(await refusal(await edited(plain.bytes, [[cell, "yes"]]))).toBe(
      `copy.xlsx, sheet 'Fair Share', cell ${cell}: exempt for HUN must be TRUE or FALSE, not "yes".`
    );
  });

  test("a garbled number", async () => {
    const cell = `${gdpColumn(plain.layout)}${rowOf(plain.layout, "DEU")}`;
    expect(await refusal(await edited(plain.bytes, [[cell, "4,27x"]]))).toBe(
      `copy.xlsx, sheet 'Fair Share', cell ${cell}: GDP 2024 for DEU must be a number, not "4,27x".`
    );
  });

  test("an edit of a cell that is not read: EU membership, a figure over the basis formula", async () => {
    const member = `${plain.layout.columns.eu}${rowOf(plain.layout, "NOR")}`;
    expect(await refusal(await edited(plain.bytes, [[member, true]]))).toBe(
      `copy.xlsx, sheet 'Fair Share', cell ${member}: NOR's cell was changed, but EU membership is who a country is, ` +
        "not an input; restore it (the copy was written with false)."
    );
    const blend = await copyOf({ method: "blend", blend: "gdp2024:0.5,population:0.5" });
    const basis = `${blend.layout.columns.basis}${rowOf(blend.layout, "FRA")}`;
    expect(await refusal(await edited(blend.bytes, [[basis, 12]]))).toMatch(
      new RegExp(`^copy\\.xlsx, sheet 'Fair Share', cell ${basis}: FRA's basis is a formula .* not an input`)
    );
  });

  test("a negative figure", async () => {
    const cell = `${gdpColumn(plain.layout)}${rowOf(plain.layout, "DEU")}`;
    expect(await refusal(await edited(plain.bytes, [[cell, -5]]))).toMatch(
      new RegExp(`^copy\\.xlsx, sheet 'Fair Share', cell ${cell}: -5 is negative`)
    );
  });

  test("a missing sheet, a missing name, a file that is not an .xlsx", async () => {
    const renamed = await JSZip.loadAsync(plain.bytes);
    const workbookXml = (await renamed.file("xl/workbook.xml")?.async("string")) as string;
    renamed.file("xl/workbook.xml", workbookXml.replace(/name="Fair Share"/, 'name="Other"'));
    expect(await refusal(await renamed.generateAsync({ type: "uint8array" }))).toMatch(
      /^copy\.xlsx: no sheet 'Fair Share' \(its sheets: 'Other', 'Aid by month', 'Sources', 'Rounded for'\)/
    );
    const unnamed = await JSZip.loadAsync(plain.bytes);
    unnamed.file(
      "xl/workbook.xml",
      workbookXml.replace(/<definedName[^>]*name="fs\.credit"[^>]*>[^<]*<\/definedName>/, "")
    );
    expect(await refusal(await unnamed.generateAsync({ type: "uint8array" }))).toMatch(
      /^copy\.xlsx, sheet 'Fair Share': no defined name fs\.credit naming one cell/
    );
    expect(await refusal(new TextEncoder().encode("code,name\nDEU,Germany\n"))).toMatch(
      /^copy\.xlsx: not an \.xlsx file: it is not a zip archive/
    );
  });
});
