/**
 * The portable copy's look, read back from the written file: the inputs (yellow cells) unlocked and every other cell
 * locked on protected sheets without a password; what the copy holds fixed shown grey with a note; validation on
 * every input in the parameter schema's words; column widths wide enough for every formatted number; TRUE/FALSE
 * centred alike; the print setup. And the writer's parts the layer uses (merged cells, print area, a message-only
 * validation), and the number formatter the widths are measured with.
 */
import JSZip from "jszip";

import { parameter, parameterHelp, type ParameterName } from "../../src/engine";
import { formatNumber, textWidth } from "../../src/workbook/column-widths";
import {
  SHEET_COLOURS,
  parseAddress,
  type CellDescription,
  type SheetDescription,
} from "../../src/workbook/description";
import { PORTABLE_SHEET, buildPortableWorkbook } from "../../src/workbook/portable";
import { fixedNote, helpLead, withPortableLook } from "../../src/workbook/portable-look";
import { FIXED_PARAMETERS } from "../../src/workbook/portable/fixed-inputs";
import { AID_SHEET } from "../../src/workbook/portable/aid-months";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import type { ScenarioSpec } from "../../src/engine/scenario";
import { findAll, parseXml, type XmlElement } from "../helpers/xml";

const OPTIONS = { version: "test", date: new Date("2026-01-02T03:04:05Z") };

interface WrittenCell {
  readonly address: string;
  readonly value: string | undefined;
  readonly type: string | undefined;
  readonly fill: string | undefined;
  readonly locked: boolean;
  readonly horizontal: string | undefined;
  readonly numberFormat: string;
}

interface Written {
  readonly sheets: Map<string, XmlElement>;
  readonly cells: Map<string, WrittenCell[]>;
  readonly workbook: XmlElement;
  readonly sharedStrings: string[];
}

const BUILT_IN: Record<string, string> = {
  "0": "General",
  "1": "0",
  "3": "#,##0",
  "9": "0%",
  "10": "0.00%",
  "49": "@",
};

/** Every written cell with its fill, lock and number format, read from the styles part (not from the description). */
async function readWritten(bytes: Uint8Array): Promise<Written> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string): Promise<string> => (await zip.file(path)?.async("string")) ?? "";
  const workbook = parseXml(await text("xl/workbook.xml"));
  const styles = parseXml(await text("xl/styles.xml"));
  const fills = findAll(only(styles, "fills"), "fill").map(
    (fill) => findAll(fill, "fgColor")[0]?.attributes.rgb?.slice(2) as string | undefined
  );
  const formats = new Map(findAll(styles, "numFmt").map((f) => [f.attributes.numFmtId, f.attributes.formatCode]));
  const xfs = findAll(only(styles, "cellXfs"), "xf").map((xf) => ({
    fill: fills[Number(xf.attributes.fillId)],
    locked: findAll(xf, "protection")[0]?.attributes.locked !== "0",
    horizontal: findAll(xf, "alignment")[0]?.attributes.horizontal,
    numberFormat: formats.get(xf.attributes.numFmtId) ?? BUILT_IN[xf.attributes.numFmtId] ?? xf.attributes.numFmtId,
  }));
  const sharedStrings = findAll(parseXml(await text("xl/sharedStrings.xml")), "si").map((si) =>
    findAll(si, "t")
      .map((t) => t.text)
      .join("")
  );
  const sheets = new Map<string, XmlElement>();
  const cells = new Map<string, WrittenCell[]>();
  for (const [index, sheet] of findAll(workbook, "sheet").entries()) {
    const root = parseXml(await text(`xl/worksheets/sheet${index + 1}.xml`));
    sheets.set(sheet.attributes.name, root);
    cells.set(
      sheet.attributes.name,
      findAll(root, "c").map((c) => {
        const v = findAll(c, "v")[0]?.text;
        return {
          address: c.attributes.r,
          value: c.attributes.t === "s" && v !== undefined ? sharedStrings[Number(v)] : v,
          type: c.attributes.t,
          ...xfs[Number(c.attributes.s ?? 0)],
        };
      })
    );
  }
  return { sheets, cells, workbook, sharedStrings };
}

function only(root: XmlElement, name: string): XmlElement {
  const found = findAll(root, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}

/** Whether an address lies in a space-separated range list. */
function inRanges(address: string, sqref: string): boolean {
  const { row, column } = parseAddress(address);
  return sqref.split(" ").some((range) => {
    const [from, to = from] = range.split(":");
    const a = parseAddress(from);
    const b = parseAddress(to);
    return row >= a.row && row <= b.row && column >= a.column && column <= b.column;
  });
}

const SCENARIOS: [string, ScenarioSpec][] = [
  ["the defaults", {}],
  [
    "a wide scenario: 12 years, USD, a blend with population, a small unit, credit, a cap and a floor",
    {
      years: "12",
      currency: "USD",
      "usd-per-eur": "1.078376",
      method: "blend",
      blend: "gdp2024:0.5,population:0.5",
      unit: "1",
      credit: "50%",
      "aid-from": "2022-01",
      cap: "USA=30%",
      floor: "LUX=1%",
      exempt: "HUN",
    },
  ],
];

describe.each(SCENARIOS)("the portable copy's look: %s", (_, spec) => {
  let written: Written;
  let main: SheetDescription;
  let inputNames: Map<string, ParameterName>;
  beforeAll(async () => {
    const { workbook } = buildPortableWorkbook(spec, OPTIONS);
    main = workbook.sheets.find((sheet) => sheet.name === PORTABLE_SHEET) as SheetDescription;
    inputNames = new Map(
      main.names
        .filter((n) => n.name.startsWith("fs.") && n.name !== "fs.inputs")
        .map((n) => [n.range, n.name.slice(3).replace(/_/g, "-") as ParameterName])
    );
    written = await readWritten(await renderXlsx(workbook));
  });
  const mainCells = (): WrittenCell[] => written.cells.get(PORTABLE_SHEET) as WrittenCell[];
  const validations = (): XmlElement[] => findAll(written.sheets.get(PORTABLE_SHEET) as XmlElement, "dataValidation");
  const validationOf = (address: string): XmlElement[] =>
    validations().filter((v) => inRanges(address, v.attributes.sqref));

  test("every sheet is protected without a password; the yellow cells are unlocked and every other cell locked", () => {
    for (const [name, root] of written.sheets) {
      const protection = only(root, "sheetProtection").attributes;
      expect([name, protection.sheet]).toEqual([name, "1"]);
      for (const key of ["password", "hashValue", "saltValue", "algorithmName"])
        expect(protection[key]).toBeUndefined();
    }
    for (const [name, cells] of written.cells) {
      for (const cell of cells)
        expect([name, cell.address, cell.locked]).toEqual([name, cell.address, cell.fill !== SHEET_COLOURS.input]);
    }
    expect(mainCells().filter((cell) => !cell.locked).length).toBeGreaterThan(100);
  });

  test("the number of years, the contributors, the currency and the rest of the one list are fixed, with a note", () => {
    for (const name of ["years", "currency", "contributors"] as const) expect(FIXED_PARAMETERS).toContain(name);
    for (const name of FIXED_PARAMETERS) {
      const address = [...inputNames].find(([, n]) => n === name)?.[0] as string;
      const cell = mainCells().find((c) => c.address === address);
      expect([name, cell?.fill, cell?.locked]).toEqual([name, SHEET_COLOURS.value, true]);
      const note = main.cells.find((c) => c.address === address)?.note;
      expect(note).toBe(fixedNote(name));
      expect(note).toMatch(/write the copy again.*--xlsx/);
    }
  });

  test("every input has validation; TRUE/FALSE cells a TRUE,FALSE list; choices the schema's; ratios 0 to 1", () => {
    const inputs = mainCells().filter((cell) => !cell.locked);
    for (const cell of inputs) expect([cell.address, validationOf(cell.address).length]).toEqual([cell.address, 1]);
    const booleans = mainCells().filter((cell) => cell.type === "b" && !cell.locked);
    expect(booleans.length).toBeGreaterThan(32);
    for (const cell of booleans) {
      const [rule] = validationOf(cell.address);
      expect([cell.address, rule.attributes.type, only(rule, "formula1").text]).toEqual([
        cell.address,
        "list",
        '"TRUE,FALSE"',
      ]);
    }
    for (const name of ["method", "gdp-year"] as const) {
      const address = [...inputNames].find(([, n]) => n === name)?.[0] as string;
      const [rule] = validationOf(address);
      expect(rule.attributes.type).toBe("list");
      expect(only(rule, "formula1").text).toBe(`"${(parameter(name).choices ?? []).join(",")}"`);
    }
    for (const cell of inputs.filter((c) => c.numberFormat.includes("%"))) {
      const [rule] = validationOf(cell.address);
      expect([cell.address, rule.attributes.type, only(rule, "formula1").text, only(rule, "formula2").text]).toEqual([
        cell.address,
        "decimal",
        "0",
        "1",
      ]);
    }
    const start = [...inputNames].find(([, n]) => n === "start")?.[0] as string;
    expect(validationOf(start)[0].attributes.type).toBe("whole");
  });

  test("every input of every sheet has one validation; the monthly aid a number, its code and name printed on each page", () => {
    const sheetNames = [...written.sheets.keys()];
    for (const [name, cells] of written.cells) {
      const rules = findAll(written.sheets.get(name) as XmlElement, "dataValidation");
      for (const cell of cells.filter((c) => !c.locked)) {
        const covering = rules.filter((v) => inRanges(cell.address, v.attributes.sqref));
        expect([name, cell.address, covering.length]).toEqual([name, cell.address, 1]);
      }
    }
    const aid = written.cells.get(AID_SHEET) as WrittenCell[];
    const aidInputs = aid.filter((cell) => !cell.locked);
    expect(aidInputs.length).toBeGreaterThan(100);
    const rules = findAll(written.sheets.get(AID_SHEET) as XmlElement, "dataValidation");
    for (const cell of aidInputs.slice(0, 50)) {
      const [rule] = rules.filter((v) => inRanges(cell.address, v.attributes.sqref));
      expect([cell.address, rule.attributes.type]).toEqual([cell.address, "decimal"]);
    }
    const titles = findAll(written.workbook, "definedName").find(
      (n) =>
        n.attributes.name === "_xlnm.Print_Titles" &&
        n.attributes.localSheetId === String(sheetNames.indexOf(AID_SHEET))
    );
    expect(titles?.text).toBe(`'${AID_SHEET}'!$A:$B`);
  });

  test("input messages are in the parameter schema's words", () => {
    for (const [address, name] of inputNames) {
      const cell = mainCells().find((c) => c.address === address);
      if (cell?.locked !== false) continue;
      const [rule] = validationOf(address);
      expect([name, rule.attributes.promptTitle, rule.attributes.prompt]).toEqual([
        name,
        parameter(name).label,
        parameterHelp(parameter(name)).slice(0, 255),
      ]);
    }
    const exemptRule = validations().find((v) => v.attributes.promptTitle === "Exempt");
    expect(exemptRule?.attributes.prompt).toBe(`TRUE or FALSE. ${helpLead(parameter("exempt").help)}.`);
    const capRule = validations().find((v) => v.attributes.promptTitle?.startsWith("Cap"));
    expect(capRule?.attributes.prompt).toContain(helpLead(parameter("cap").help));
  });

  test("every number fits its column: its formatted text in digits, plus LibreOffice's one digit, within the width", () => {
    const root = written.sheets.get(PORTABLE_SHEET) as XmlElement;
    const widths = new Map<number, number>();
    for (const col of findAll(root, "col")) widths.set(Number(col.attributes.min), Number(col.attributes.width));
    const numbers = mainCells().filter((cell) => cell.type === undefined && cell.value !== undefined);
    expect(numbers.length).toBeGreaterThan(500);
    for (const cell of numbers) {
      const shown = formatNumber(Number(cell.value), cell.numberFormat);
      const width = widths.get(parseAddress(cell.address).column) ?? 0;
      // Bold digits are a tenth wider in LibreOffice's substitute font.
      expect([cell.address, shown, width >= textWidth(shown) * 1.1 + 1]).toEqual([cell.address, shown, true]);
    }
  });

  test("TRUE/FALSE is centred in every column", () => {
    const booleans = [...written.cells.values()].flat().filter((cell) => cell.type === "b");
    expect(booleans.length).toBeGreaterThan(0);
    for (const cell of booleans) expect([cell.address, cell.horizontal]).toEqual([cell.address, "center"]);
  });

  test("print setup: landscape, one page wide, code and name columns repeated, a header with scenario and data", () => {
    for (const [name, root] of written.sheets) {
      if (name === "Rounded for") continue;
      const setup = only(root, "pageSetup").attributes;
      expect([name, setup.orientation, setup.fitToWidth, setup.fitToHeight]).toEqual([name, "landscape", "1", "0"]);
      const header = only(root, "oddHeader").text;
      expect(header).toMatch(/^&CFair Share portable copy: .* over \d+ year\(s\) from \d{4}.*Data: .*NATO/);
    }
    const names = findAll(written.workbook, "definedName");
    const titles = names.find((n) => n.attributes.name === "_xlnm.Print_Titles" && n.attributes.localSheetId === "0");
    expect(titles?.text).toBe("'Fair Share'!$A:$B");
    const area = names.find((n) => n.attributes.name === "_xlnm.Print_Area" && n.attributes.localSheetId === "0");
    expect(area?.text).toMatch(/^'Fair Share'!\$A\$1:\$[A-Z]+\$\d+$/);
  });

  test("month inputs are kept as text", () => {
    for (const name of ["aid-from", "aid-to"] as const) {
      const address = [...inputNames].find(([, n]) => n === name)?.[0] as string;
      expect(mainCells().find((c) => c.address === address)?.numberFormat).toBe("@");
    }
  });
});

describe("the look of a sheet the builder describes", () => {
  const INPUT = { fill: SHEET_COLOURS.input };
  const sheet: SheetDescription = {
    name: "Main",
    cells: [
      { address: "A1", value: "Exempt", style: { bold: true, fill: SHEET_COLOURS.header } },
      { address: "A2", value: false, style: INPUT },
      { address: "A3", value: true, style: INPUT },
      { address: "B2", value: 5, style: INPUT },
      { address: "C2", value: "help for years" },
      { address: "B3", value: 0.5, numberFormat: "0%", style: INPUT },
    ],
    names: [{ name: "fs.years", range: "B2" }],
    conditionalFormats: [],
    charts: [],
    validations: [{ range: "A3", kind: "list", values: ["TRUE"] }],
  };
  const [looked] = withPortableLook(
    { sheets: [sheet] },
    { mainSheet: "Main", header: "h", titleColumns: "A:A" }
  ).sheets;
  const cell = (address: string): CellDescription | undefined => looked.cells.find((c) => c.address === address);

  test("a cell the builder validates keeps its one rule; the other inputs get theirs", () => {
    const covering = (address: string): string[] =>
      (looked.validations ?? [])
        .filter((v) => v.range.split(" ").some((r) => r === address || r.startsWith(`${address}:`)))
        .map((v) => v.kind);
    expect(covering("A3")).toEqual(["list"]);
    expect((looked.validations ?? []).filter((v) => v.range.includes("A3"))).toHaveLength(1);
    expect(covering("A2")).toEqual(["list"]);
    expect(covering("B3")).toEqual(["decimal"]);
  });

  test("a fixed parameter is grey and locked, its help says so; TRUE/FALSE centred; inputs unlocked", () => {
    expect(cell("B2")?.style).toEqual({ fill: SHEET_COLOURS.value });
    expect(cell("B2")?.note).toBe(fixedNote("years"));
    expect(cell("C2")?.value).toMatch(/^Fixed in this copy: write it again to change this\. help for years$/);
    expect(cell("A2")?.style).toEqual({ ...INPUT, horizontal: "center", locked: false });
    expect(looked.protected).toBe(true);
  });
});

describe("the number formats widths are measured with", () => {
  test.each([
    [20000000000, "#,##0.000,,", "20,000.000"],
    [1234567.891, "#,##0", "1,234,568"],
    [-1234.5, "#,##0", "-1,235"],
    [0.5, "0.####%", "50.%"],
    [0.123456, "0.####%", "12.3456%"],
    [0.0471163, "0.0000%", "4.7116%"],
    [1e300, '[>=1E+299]"none";#,##0', "none"],
    [12345, '[>=1E+299]"none";#,##0', "12,345"],
    [2.7, "#,##0.0", "2.7"],
    [1 / 3, undefined, "0.333333333"],
    [2024, "General", "2024"],
    [1078376e-6, "0.000000", "1.078376"],
  ])("%p as %p shows %p", (value, format, shown) => {
    expect(formatNumber(value, format)).toBe(shown);
  });
});

describe("the writer's parts the look uses", () => {
  const sheet = (extra: Partial<SheetDescription>): SheetDescription => ({
    name: "S",
    cells: [{ address: "A1", value: "a long text" }],
    names: [],
    conditionalFormats: [],
    charts: [],
    ...extra,
  });

  test("merged cells, a print area and a message-only validation are written where the schema puts them", async () => {
    const bytes = await renderXlsx({
      sheets: [
        sheet({
          merges: ["A1:D1"],
          print: { orientation: "landscape", area: "A1:D9" },
          validations: [{ range: "B2", kind: "any", prompt: { title: "Note", text: "Anything" } }],
        }),
      ],
    });
    const written = await readWritten(bytes);
    const root = written.sheets.get("S") as XmlElement;
    expect(findAll(root, "mergeCell").map((m) => m.attributes.ref)).toEqual(["A1:D1"]);
    const validation = only(root, "dataValidation").attributes;
    expect(validation.type).toBeUndefined();
    expect([validation.prompt, validation.sqref]).toEqual(["Anything", "B2"]);
    const names = findAll(written.workbook, "definedName").map((n) => [n.attributes.name, n.text]);
    expect(names).toEqual([["_xlnm.Print_Area", "'S'!$A$1:$D$9"]]);
  });

  test.each([
    ["a merge over a cell with content", { merges: ["A1:A2"], cells: [{ address: "A2", value: 1 }] }, /A2 has content/],
    ["overlapping merges", { merges: ["B1:C1", "C1:D1"] }, /overlaps/],
    ["a one-cell merge", { merges: ["B1:B1"] }, /two cells or more/],
    [
      "an error message longer than 225 characters",
      { validations: [{ range: "A1", kind: "any" as const, error: { title: "t", text: "x".repeat(226) } }] },
      /error text has 226 characters/,
    ],
    ["a print area that is not a range", { print: { orientation: "landscape" as const, area: "A:D" } }, /"A:D"/],
  ])("refuses %s", async (_, extra, message) => {
    await expect(renderXlsx({ sheets: [sheet(extra)] })).rejects.toThrow(message);
  });
});
