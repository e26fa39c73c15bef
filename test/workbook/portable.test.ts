/**
 * The portable workbook as data and as a file, without LibreOffice: classic formulas only, a cached value for every
 * formula, the engine's figures in the cache, the inputs block FAIRSHARE reads, the chart part, and the pane's entry.
 */
import { readFileSync, readdirSync } from "fs";
import { join } from "path";

import JSZip from "jszip";

import { EU_GNI, SOURCE_IDS, sourceById } from "../../src/data";
import { allResultNotes } from "../../src/engine/figures";
import { readInputsBlock } from "../../src/functions/inputs";
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { parametersFor } from "../../src/engine/parameters";
import { cellAddress } from "../../src/workbook/description";
import { TABLE_NAMES, buildPortableWorkbook } from "../../src/workbook/portable";
import { LEVEL_SOLVE_HEADERS } from "../../src/workbook/portable/level-solve";
import { renderXlsx } from "../../src/workbook/portable-xlsx";
import { openPortableCopy, portableCopyBase64, PORTABLE_FILE_NAME } from "../../src/workbook/portable-open";
import { allPartsText, readStoredCells } from "../helpers/xlsx";
import { findAll, parseXml } from "../helpers/xml";

/** The parameters an allocation's inputs block lists. */
const ALLOCATE_PARAMETERS = parametersFor("allocate");

const OPTIONS = { version: "9.8.7", date: new Date("2026-01-02T03:04:05Z") };
const SPEC: ScenarioSpec = { exempt: "HUN", cap: "USA=30%", credit: "50%", "aid-from": "2024-01", "aid-to": "2026-04" };

describe("portable workbook description", () => {
  const { workbook, layout, result } = buildPortableWorkbook(SPEC, OPTIONS);
  const main = workbook.sheets[0];
  const formulas = workbook.sheets.flatMap((sheet) => sheet.cells.filter((cell) => cell.formula !== undefined));

  test("classic functions only: no custom, dynamic-array or post-2010 functions, no prefixes", () => {
    expect(formulas.length).toBeGreaterThan(1000);
    const used = new Set(
      formulas.flatMap((cell) => [...(cell.formula as string).matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]))
    );
    const classic = ["IF", "SUMPRODUCT", "INDEX", "MATCH", "MIN", "MAX", "SUM", "ROUND", "IFERROR", "AND", "OR", "ABS"];
    const text = ["LOWER", "TRIM", "RIGHT", "LEFT", "LEN", "VALUE", "ISNUMBER", "MID", "SUBSTITUTE", "REPT", "COUNT"];
    const counting = ["NOT", "COUNTIF", "INT", "ISTEXT", "ISLOGICAL", "YEAR", "MONTH", "ROW", "COLUMN"];
    expect([...used].filter((name) => ![...classic, ...text, ...counting].includes(name))).toEqual([]);
    for (const cell of formulas) expect(cell.formula).not.toMatch(/_xl|FAIRSHARE/i);
  });

  test("every formula carries a cached value, and the spill feature is not used", () => {
    for (const cell of formulas) {
      expect(cell.cached).not.toBeUndefined();
      expect(cell.spill).toBeUndefined();
    }
  });

  test("the cache holds the engine's figures", () => {
    const byAddress = new Map(main.cells.map((cell) => [cell.address, cell]));
    result.allocation.rows.forEach((row, i) => {
      const r = layout.firstRow + i;
      expect(byAddress.get(`${layout.columns.exact}${r}`)?.cached).toBe(row.exact.toNumber());
      expect(byAddress.get(`${layout.columns.rounded}${r}`)?.cached).toBe(row.total.toNumber());
      expect(byAddress.get(`${layout.columns.constraint}${r}`)?.cached).toBe(row.constraint);
    });
    expect(byAddress.get(layout.settledCell)?.cached).toMatch(/^Settled/);
    expect(byAddress.get(layout.staleCell)?.cached).toMatch(/^Current/);
  });

  test("the inputs block reads back, through the functions' own reader, as the same scenario", () => {
    const byAddress = new Map(main.cells.map((cell) => [cell.address, cell]));
    const read = (address: string): string | number | boolean | null => {
      const cell = byAddress.get(address);
      return cell === undefined ? null : cell.formula !== undefined ? (cell.cached ?? null) : (cell.value ?? null);
    };
    const top = Number(layout.inputs.total.slice(1));
    const rows = ALLOCATE_PARAMETERS.map((_, index) => [
      read(cellAddress(top + index, 1)),
      read(cellAddress(top + index, 2)),
    ]);
    const spec = Object.fromEntries(readInputsBlock(rows)) as ScenarioSpec;
    const again = runScenario(spec);
    expect(again.allocation.rows.map((row) => row.total.toFixed())).toEqual(
      result.allocation.rows.map((row) => row.total.toFixed())
    );
    expect(read(layout.inputs.exempt)).toBe("HUN");
    expect(read(layout.inputs.cap)).toBe("USA=30%");
  });

  test("the About block states the scenario, the data vintage, the version and the date", () => {
    const text = main.cells.map((cell) => String(cell.value ?? "")).join("\n");
    expect(text).toMatch(/EUR 100bn over 5 year\(s\).*HUN exempt.*credit 50% of bilateral aid.*cap on USA/);
    expect(text).toContain("Fair Share 9.8.7");
    expect(text).toContain("2026-01-02");
    expect(text).toMatch(/NATO, 2023-2024/);
  });

  test("the overlap threshold is highlighted by conditional formats on plain cells, read from the inputs", () => {
    const { overlapByYear, exactOverlapByYear } = layout.columns;
    const rules = main.conditionalFormats.filter((format) =>
      [overlapByYear[0], exactOverlapByYear[0]].some((column) =>
        format.range.startsWith(`${column}${layout.firstRow}:`)
      )
    );
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      // Relative to the range's top-left cell, times the threshold's working value ($F$..), never a custom function.
      expect(rule.formula).toMatch(/^AND\([A-Z]+\d+>0,[A-Z]+\d+>=[A-Z]+\d+\*\$F\$\d+\)$/);
    }
    expect(main.conditionalFormats.find((format) => format.range === layout.staleCell)?.style.fill).toBe("FF0000");
  });

  test("every table and status cell has a defined name; the contributors table starts with its header row", () => {
    const names = new Map(main.names.map((name) => [name.name, name.range]));
    for (const name of Object.values(TABLE_NAMES)) expect(names.has(name)).toBe(true);
    const top = names.get(TABLE_NAMES.contributors)?.split(":")[0] ?? "";
    expect(main.cells.find((cell) => cell.address === top)?.value).toBe("Code");
    expect(Number(top.slice(1))).toBe(layout.firstRow - 1);
    expect(names.get(TABLE_NAMES.inputsCheck)).toBe(layout.inputCheckCell);
    const aidSheet = workbook.sheets.find((sheet) => sheet.name === "Aid by month");
    expect(aidSheet?.names.map((name) => name.name)).toEqual(["fs.table_aid_by_month"]);
  });

  test("the level solve laid out in columns under stable headers, and a cell that says it settled", () => {
    const texts = new Set(main.cells.map((cell) => String(cell.value)));
    for (const header of Object.values(LEVEL_SOLVE_HEADERS)) expect(texts).toContain(header);
    expect(main.cells.find((cell) => cell.address === layout.settledCell)?.cached).toMatch(/^Settled/);
  });

  test("the sources sheet carries every dataset's vintage", () => {
    const sources = workbook.sheets.find((sheet) => sheet.name === "Sources");
    const text = sources?.cells.map((cell) => String(cell.value)).join("\n") ?? "";
    expect(result.scenario.sources.length).toBeGreaterThan(2);
    for (const id of result.scenario.sources) {
      const source = sourceById(id);
      expect(text).toContain(source.title);
      expect(text).toContain(source.vintage);
    }
    // The population behind the per-capita figures, which only the figures use, as on the command line.
    expect(text).toContain(sourceById(SOURCE_IDS.natoPopulation).title);
    for (const note of allResultNotes(result)) expect(text).toContain(note);
    expect(text).toContain("Controlled rounding:");
    const about = main.cells.find((cell) => cell.address === "B4");
    expect(String(about?.value)).toContain(sourceById(SOURCE_IDS.natoPopulation).publisher);
  });
});

describe("the portable copy's cached workings are the engine's fields", () => {
  const scenarios: ScenarioSpec[] = [
    SPEC,
    {},
    { contributors: "ALB,USA,DEU", cap: "40%", floor: "20%" },
    { "max-pct-gdp": "0.2%", floor: "LUX=0.1%", exempt: "HUN,TUR" },
    { method: "pct-gdp", "pct-gdp": "0.25%", "max-pct-gdp": "0.3%", credit: "100%", "aid-from": "2022-01" },
    { eu: "UAF,USL_MIL,UKRAINE_FACILITY", "eu-states": "DEU,FRA,HUN,CZE,AUT", start: 2025, years: 3 },
    { currency: "USD", "usd-per-eur": "1.078376", eu: "adopted,EPF_PROPOSAL", profile: "front" },
  ];

  test.each(scenarios)("%j: basis share, credit, limits, EU rates and exact attribution, field by field", (spec) => {
    const { workbook, layout, result } = buildPortableWorkbook(spec, OPTIONS);
    const cached = new Map(
      workbook.sheets[0].cells.map((cell) => [cell.address, cell.formula ? cell.cached : cell.value])
    );
    const at = (column: string, row: number): unknown => cached.get(`${column}${row}`);
    const { columns } = layout;
    result.allocation.rows.forEach((row, i) => {
      const r = layout.firstRow + i;
      expect(at(columns.basisShare, r)).toBe(row.basisShare.toNumber());
      expect(at(columns.credit, r)).toBe(row.aidCredit.toNumber());
      expect(at(columns.low, r)).toBe(row.lowerLimit.toNumber());
      // No upper limit is written as a number too large to be one.
      expect(at(columns.high, r)).toBe(row.upperLimit === null ? 1e300 : row.upperLimit.toNumber());
      const overlapRow = result.overlap.rows[i];
      columns.exactAttributedByYear.forEach((column, j) =>
        expect(at(column, r)).toBe(overlapRow.exactAttributed[j].toNumber())
      );
      layout.columns.exactOverlapByYear.forEach((column, j) =>
        expect(at(column, r)).toBe(overlapRow.exactOverlap[j].toNumber())
      );
    });
    const { attribution, scenario } = result;
    const workings = [...attribution.instruments, ...result.attributionLeftOut];
    expect(layout.instruments.ids).toEqual(workings.map((w) => w.id));
    workings.forEach((working, k) => {
      const r = layout.instruments.firstRow + k;
      const counted = k < scenario.instruments.length;
      expect(at(layout.instruments.gniColumn, r)).toBe(working.gni.toNumber());
      layout.years.forEach((year, j) => {
        const y = working.years.indexOf(year);
        expect(at(layout.instruments.rateColumns[j], r)).toBe(counted && y >= 0 ? working.perGni[y].toNumber() : 0);
      });
    });
    EU_GNI.forEach((state, m) => {
      const s = attribution.states.indexOf(state.iso3);
      layout.years.forEach((year, j) => {
        const y = attribution.years.indexOf(year);
        const expected = s < 0 || y < 0 ? 0 : attribution.exact[s][y].toNumber();
        expect(at(layout.euStates.exactColumns[j], layout.euStates.firstRow + m)).toBe(expected);
      });
    });
  });

  test("the workbook code resolves no scenario of its own: it reads the result", () => {
    const folder = join(__dirname, "../../src/workbook");
    const sources = readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => readFileSync(join(folder, name), "utf8"));
    for (const text of sources) expect(text).not.toMatch(/resolveScenario/);
  });
});

describe("portable workbook number formats", () => {
  /** The number formats of the first contributor's rounded total and first rounded year. */
  const roundedFormats = (spec: ScenarioSpec): (string | undefined)[] => {
    const { workbook, layout } = buildPortableWorkbook(spec, OPTIONS);
    const byAddress = new Map(workbook.sheets[0].cells.map((cell) => [cell.address, cell]));
    const columns = [layout.columns.rounded, layout.columns.roundedByYear[0]];
    return columns.map((column) => byAddress.get(`${column}${layout.firstRow}`)?.numberFormat);
  };

  test("the default 1m unit shows rounded amounts in whole millions", () => {
    expect(roundedFormats({})).toEqual(["#,##0,,", "#,##0,,"]);
  });

  test("a 250k unit shows rounded amounts in millions to 2 places, as the command line does", () => {
    expect(roundedFormats({ unit: "250k" })).toEqual(["#,##0.00,,", "#,##0.00,,"]);
  });
});

describe("portable workbook file", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderXlsx(buildPortableWorkbook(SPEC, OPTIONS).workbook);
  });

  test("every formula is stored with its cached value", async () => {
    const sheets = await readStoredCells(bytes);
    const cells = [...(sheets.get("Fair Share")?.values() ?? [])].filter((cell) => cell.formula !== undefined);
    expect(cells.length).toBeGreaterThan(1000);
    expect(cells.filter((cell) => cell.value === null)).toEqual([]);
  });

  test("the conditional formats are in the sheet", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    const formats = findAll(parseXml(sheet), "conditionalFormatting");
    expect(formats.length).toBeGreaterThanOrEqual(5);
    expect(findAll(formats[0], "formula")[0].text).not.toMatch(/^=/);
  });

  test("no custom-function names, add-in parts or macros", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names.filter((name) => /webextension|taskpane|vbaProject|customXml/i.test(name))).toEqual([]);
    expect(await allPartsText(bytes)).not.toMatch(/_xldudf_/);
  });

  test("a native bar chart bound to the sheet's ranges, linked from the sheet and declared", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const chart = parseXml((await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "");
    expect(findAll(chart, "c:barChart")).toHaveLength(1);
    const series = findAll(chart, "c:ser");
    expect(series).toHaveLength(5);
    expect(findAll(series[0], "c:f").map((f) => f.text)).toEqual([
      expect.stringMatching(/^'Fair Share'!\$[A-Z]+\$\d+$/),
      expect.stringMatching(/^'Fair Share'!\$B\$\d+:\$B\$\d+$/),
      expect.stringMatching(/^'Fair Share'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/),
    ]);
    expect(findAll(series[0], "c:pt").length).toBeGreaterThan(60);
    parseXml((await zip.file("xl/drawings/drawing1.xml")?.async("string")) ?? "");
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(findAll(parseXml(sheet), "drawing")).toHaveLength(1);
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
  });
});

describe("Open portable copy", () => {
  test("in Excel: createWorkbook gets base64 of a valid workbook", async () => {
    const received: string[] = [];
    const how = await openPortableCopy(SPEC, OPTIONS, {
      createWorkbook: async (base64) => void received.push(base64),
      download: () => {
        throw new Error("no download inside Excel");
      },
    });
    expect(how).toBe("opened");
    const sheets = await readStoredCells(Buffer.from(received[0], "base64"));
    expect([...sheets.keys()]).toEqual(["Fair Share", "Aid by month", "Sources", "Rounded for"]);
  });

  test("outside Excel: a download of the same workbook", async () => {
    const downloads: [Uint8Array, string][] = [];
    const how = await openPortableCopy(SPEC, OPTIONS, { download: (data, name) => void downloads.push([data, name]) });
    expect(how).toBe("downloaded");
    expect(downloads[0][1]).toBe(PORTABLE_FILE_NAME);
    const downloaded = await readStoredCells(downloads[0][0]);
    const opened = await readStoredCells(Buffer.from(await portableCopyBase64(SPEC, OPTIONS), "base64"));
    expect(downloaded).toEqual(opened);
  });

  test("a scenario the engine refuses is refused with its message", async () => {
    await expect(portableCopyBase64({ credit: "1.5" }, OPTIONS)).rejects.toThrow(/credit/);
  });
});

describe("the renderer's guard", () => {
  test.each(["=XLOOKUP(A1,B1:B3,C1:C3)", "=_xldudf_FAIRSHARE_ALLOCATE(A1:B3)", "=FAIRSHARE.SHARE(A1)", "=LET(x,1,x)"])(
    "refuses %s",
    async (formula) => {
      const sheet = {
        name: "S",
        cells: [{ address: "A1", formula, cached: 1 }],
        names: [],
        conditionalFormats: [],
        charts: [],
      };
      await expect(renderXlsx({ sheets: [sheet] })).rejects.toThrow(/classic functions only/);
    }
  );
});
