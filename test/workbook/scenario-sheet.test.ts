import { SOURCE_IDS, sourceById } from "../../src/data";
import { allResultNotes } from "../../src/engine/figures";
import { parametersFor, type ParameterName } from "../../src/engine/parameters";
import { runScenario } from "../../src/engine/scenario";
import { readInputsBlock } from "../../src/functions/inputs";
import { parameterDefinedName, type SheetDescription } from "../../src/workbook/description";
import { INPUTS_BLOCK_NAME } from "../../src/workbook/inputs-block";
import { amountFormat, describeScenario } from "../../src/workbook/scenario-sheet";
import { sheetFor } from "../helpers/workbook";

/** The parameters an allocation's inputs block lists. */
const ALLOCATE_PARAMETERS = parametersFor("allocate");

type Values = Partial<Record<ParameterName, string>>;

function cell(sheet: SheetDescription, address: string) {
  const found = sheet.cells.filter((candidate) => candidate.address === address);
  if (found.length === 0) throw new Error(`no cell ${address}`);
  // A cell may be described twice (a format on a spilled cell, then nothing else): merge.
  return Object.assign({}, ...found) as SheetDescription["cells"][number];
}

describe("the scenario sheet, default scenario (EUR 100bn, 2024-2028, 32 allies)", () => {
  const sheet = sheetFor({});
  const rows = ALLOCATE_PARAMETERS.length;

  test("title, description line and the inputs block with a defined name per parameter", () => {
    expect(cell(sheet, "A1").value).toBe("Fair Share scenario");
    expect(cell(sheet, "A2").value).toBe("EUR 100bn over 2024-2028 by share of GDP (2024).");
    expect(cell(sheet, "A4").value).toBe("total");
    expect(sheet.names).toContainEqual({ name: "fs.total", range: "B4" });
    expect(sheet.names.find((name) => name.name === INPUTS_BLOCK_NAME)?.range).toBe(`A4:B${3 + rows}`);
    for (const parameter of ALLOCATE_PARAMETERS) {
      expect(sheet.names.map((name) => name.name)).toContain(parameterDefinedName(parameter.name));
    }
  });

  test("pinned formulas reference the inputs block by its names", () => {
    // 26 parameter rows from row 4 end at row 29; the allocation starts two rows later.
    expect(rows).toBe(26);
    expect(cell(sheet, "A32")).toMatchObject({
      formula: "=FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE)",
      spill: { rows: 33, columns: 12 },
    });
    expect(cell(sheet, "D65").formula).toBe("=SUM(D33:D64)");
    expect(cell(sheet, "B66").formula).toBe(
      '=IF(AND(SUMPRODUCT(ABS(MMULT(E33:I64,TRANSPOSE(COLUMN(E33:I33)^0))-D33:D64))=0,SUM(E33:I64)=D65),"Every row and every year adds up","Rows or years do not add up")'
    );
    expect(cell(sheet, "A69")).toMatchObject({
      formula: "=FAIRSHARE.OVERLAP(fs.inputs)",
      spill: { rows: 33, columns: 21 },
    });
    expect(cell(sheet, "E102").formula).toBe("=SUM(E70:E101)");
    expect(cell(sheet, "A104").value).toBe("EU overlap");
    expect(cell(sheet, "B104").formula).toBe("=E102");
    expect(cell(sheet, "A105").value).toBe("Net new money");
    expect(cell(sheet, "B105").formula).toBe("=F102");
    // No formula calls a custom function outside the FAIRSHARE namespace, and none uses the _xlfn prefix.
    for (const described of sheet.cells) {
      if (described.formula !== undefined) expect(described.formula).not.toMatch(/_xlfn|_xldudf/);
    }
  });

  test("number formats in the currency and unit", () => {
    expect(cell(sheet, "D33").numberFormat).toBe('"EUR "#,##0,,"m"');
    expect(cell(sheet, "E33").numberFormat).toBe('"EUR "#,##0,,"m"');
    expect(cell(sheet, "C33").numberFormat).toBe("0.00%");
    // The figures columns of ALLOCATE: share of GDP a year, per capita, aid credit.
    expect(cell(sheet, "J33").numberFormat).toBe("0.000%");
    expect(cell(sheet, "K33").numberFormat).toBe('"EUR "#,##0.00');
    expect(cell(sheet, "L33").numberFormat).toBe('"EUR "#,##0,,"m"');
    expect(cell(sheet, "G70").numberFormat).toBe('"EUR "#,##0,,"m"');
  });

  test("conditional format: each year's overlap highlighted where its flag (plain cell) is TRUE", () => {
    expect(sheet.conditionalFormats[0]).toEqual({
      range: "G70:K101",
      formula: "=Q70=TRUE",
      style: { fill: "F8CBAD", bold: true },
    });
    // The other rule marks the data status (vintage-cells.ts); no rule calls a custom function.
    expect(sheet.conditionalFormats.map((rule) => rule.range)).toEqual(["G70:K101", "C1"]);
    for (const rule of sheet.conditionalFormats) expect(rule.formula).not.toMatch(/FAIRSHARE/);
  });

  test("a stacked bar chart of the allocation by ally, one series per year over a fixed range", () => {
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    expect(chart.type).toBe("barStacked");
    expect(chart.categories).toBe("B33:B64");
    expect(chart.series).toEqual([
      { name: "2024", values: "E33:E64" },
      { name: "2025", values: "F33:F64" },
      { name: "2026", values: "G33:G64" },
      { name: "2027", values: "H33:H64" },
      { name: "2028", values: "I33:I64" },
    ]);
    expect(chart.from).toBe("E3");
  });

  test("sources with their vintages", () => {
    const texts = sheet.cells.map((described) => String(described.value ?? ""));
    expect(texts).toContain("Sources");
    expect(texts.some((text) => text.startsWith("NATO, Defence Expenditure of NATO Countries"))).toBe(true);
    expect(texts).toContain("Vintage: 2023-2024 (2023 and 2024 are NATO estimates)");
    // The per-capita column's population, which only the figures use, is listed too, as on the command line.
    expect(texts).toContain(sourceById(SOURCE_IDS.natoPopulation).title);
    expect(texts).toContain(`Vintage: ${sourceById(SOURCE_IDS.natoPopulation).vintage}`);
  });

  test("the notes include the result's own: the controlled rounding", () => {
    const texts = sheet.cells.map((described) => String(described.value ?? ""));
    expect(texts).toContain("Notes");
    for (const note of allResultNotes(runScenario({}))) expect(texts).toContain(note);
    expect(texts.some((text) => text.startsWith("Controlled rounding:"))).toBe(true);
  });
});

describe("other scenarios", () => {
  test("July 2024: EUR 40bn in one year, Hungary exempt", () => {
    const values: Values = { total: "40bn", years: "1", exempt: "HUN" };
    const sheet = sheetFor(values);
    expect(cell(sheet, "A2").value).toBe("EUR 40bn in 2024 by share of GDP (2024); exempt HUN.");
    expect(cell(sheet, "A32")).toMatchObject({
      formula: "=FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE)",
      spill: { rows: 33, columns: 8 },
    });
    expect(cell(sheet, "B4").value).toBe("40bn");
    expect(sheet.conditionalFormats[0]).toEqual({
      range: "G70:G101",
      formula: "=I70=TRUE",
      style: { fill: "F8CBAD", bold: true },
    });
    expect(sheet.charts[0].series).toEqual([{ name: "2024", values: "E33:E64" }]);
    // The block reads back as the scenario it was built from.
    const byAddress = new Map(sheet.cells.map((described) => [described.address, described.value ?? null]));
    const block = ALLOCATE_PARAMETERS.map((_, index) => [
      byAddress.get(`A${4 + index}`),
      byAddress.get(`B${4 + index}`),
    ]);
    expect(Object.fromEntries(readInputsBlock(block))).toEqual(values);
  });

  test("USD, front-loaded, ten contributors, rounded to 100k", () => {
    const values: Values = {
      currency: "USD",
      "usd-per-eur": "1.078376",
      profile: "front",
      unit: "100k",
      contributors: "USA,DEU,FRA,GBR,ITA,ESP,POL,NLD,CAN,TUR",
    };
    const sheet = sheetFor(values);
    expect(cell(sheet, "A32").spill).toEqual({ rows: 11, columns: 12 });
    expect(cell(sheet, "D33").numberFormat).toBe('"USD "#,##0.0,,"m"');
    expect(cell(sheet, "D43").formula).toBe("=SUM(D33:D42)");
    expect(sheet.charts[0].categories).toBe("B33:B42");
    expect(cell(sheet, "A47").formula).toBe("=FAIRSHARE.OVERLAP(fs.inputs)");
    expect(sheet.conditionalFormats[0].range).toBe("G48:K57");
  });

  test("a 250k unit shows its amounts in millions to 2 places, as the command line does", () => {
    const sheet = sheetFor({ unit: "250k" });
    expect(cell(sheet, "D33").numberFormat).toBe('"EUR "#,##0.00,,"m"');
    expect(cell(sheet, "E33").numberFormat).toBe('"EUR "#,##0.00,,"m"');
  });
});

describe("amount formats", () => {
  test.each([
    ["EUR", "1000000", '"EUR "#,##0,,"m"'],
    ["EUR", "100000", '"EUR "#,##0.0,,"m"'],
    ["EUR", "250000", '"EUR "#,##0.00,,"m"'],
    ["EUR", "500000", '"EUR "#,##0.0,,"m"'],
    ["EUR", "2500000", '"EUR "#,##0.0,,"m"'],
    ["USD", "1000", '"USD "#,##0.000,,"m"'],
    ["EUR", "1", '"EUR "#,##0'],
    ["EUR", "0.01", '"EUR "#,##0.00'],
    ["EUR", "0.25", '"EUR "#,##0.00'],
  ])("%s with unit %s", (currency, unit, format) => {
    expect(amountFormat(currency, unit)).toBe(format);
  });

  test("the description names what the user changed", () => {
    const values: Values = { credit: "50%", cap: "USA=40%" };
    expect(describeScenario(values, runScenario(values))).toBe(
      "EUR 100bn over 2024-2028 by share of GDP (2024); credit 50%; cap USA=40%."
    );
  });
});
