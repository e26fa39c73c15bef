// The FAIRSHARE functions called as Excel calls them: every declared parameter passed, omitted optional arguments as
// null, empty cells as null (Excel on the web) or 0 (Excel on Windows and Mac), ranges as arrays of rows, numbers
// sometimes as text. Values are checked against the engine, called directly.
import { excelError } from "./functions-runtime";
import { OMITTED, allocateExcel, expectedAllocation, type Range } from "./helpers/functions";
import { ALLIES, EU_INSTRUMENTS, EU_INSTRUMENT_COLUMNS, KIEL_MILITARY, SOURCES } from "../src/data";
import * as scenarioModule from "../src/engine/scenario";
import { runScenario, type ScenarioSpec } from "../src/engine/scenario";
import { allocate, allies, data, overlap, schedule, share, sources } from "../src/functions/functions";
import { MEMO_CAPACITY, clearMemo, memoStats } from "../src/functions/memo";
import { Decimal } from "decimal.js";

/** Independent of the engine's decimal settings. */
const D = Decimal.clone({ precision: 60 });

/** An empty cell as each Excel passes it. */
const EMPTIES = [
  ["web (null)", null],
  ["desktop (0)", 0],
] as const;

beforeEach(() => clearMemo());

describe("FAIRSHARE.ALLOCATE", () => {
  it("gives the default allocation: a header, then 32 allies with code, name, share, total and five years", () => {
    const table = allocateExcel();
    expect(table).toEqual(expectedAllocation({}));
    expect(table[0]).toEqual(["Code", "Name", "Share", "Total", 2024, 2025, 2026, 2027, 2028]);
    expect(table).toHaveLength(33);
    expect(table.slice(1).map((row) => row[0])).toEqual(ALLIES.map((ally) => ally.iso3));
    const deu = table.find((row) => row[0] === "DEU");
    expect(deu?.slice(0, 2)).toEqual(["DEU", "Germany"]);
    expect(deu?.slice(3).every((amount) => Number.isInteger(amount) && (amount as number) % 1e6 === 0)).toBe(true);
  });

  it("adds up exactly: each row's years to its total, the totals to EUR 100bn", () => {
    const rows = allocateExcel().slice(1);
    let grand = 0;
    for (const row of rows) {
      const years = (row.slice(4) as number[]).reduce((sum, amount) => sum + amount, 0);
      expect(years).toBe(row[3]);
      grand += row[3] as number;
    }
    expect(grand).toBe(100_000_000_000);
  });

  it("adds percent of GDP a year, per capita and aid credit on the right with figures TRUE, and only then", () => {
    const plainTable = allocateExcel();
    const withFigures = allocateExcel({ figures: true });
    expect(allocateExcel({ figures: false })).toEqual(plainTable);
    expect(withFigures[0]).toEqual([...plainTable[0], "Share of GDP a year", "Per capita", "Aid credit"]);
    withFigures.slice(1).forEach((row, index) => {
      expect(row.slice(0, plainTable[0].length)).toEqual(plainTable[index + 1]);
      const code = row[0];
      expect(row.slice(-3)).toEqual([
        share(code as string, null, "pct-gdp", OMITTED, OMITTED, OMITTED, OMITTED, null, null, null),
        share(code as string, null, "per-capita", OMITTED, OMITTED, OMITTED, OMITTED, null, null, null),
        0,
      ]);
    });
  });

  it("reads per-year from the inputs block under the same name as the command line's flag", () => {
    const block: Range = [
      ["per-year", "40bn"],
      ["years", 1],
      ["exempt", "HUN"],
    ];
    const table = allocateExcel({ inputs: block });
    expect(table).toEqual(expectedAllocation({ "per-year": "40bn", years: 1, exempt: "HUN" }));
    expect(table.slice(1).reduce((total, row) => total + (row[3] as number), 0)).toBe(40_000_000_000);
  });

  it("treats called-with-nothing and called-with-nulls alike", () => {
    expect(allocate()).toEqual(allocateExcel());
  });

  it("reads an inputs block: labels matched loosely, values as numbers or text", () => {
    const spec: ScenarioSpec = { total: "40bn", years: 1, start: 2025, exempt: "HUN", credit: 0.5 };
    const block: Range = [
      ["Total", "40bn"],
      ["YEARS", 1],
      ["start", "2025"],
      ["exempt", "HUN"],
      ["credit", "0.5"],
    ];
    expect(allocateExcel({ inputs: block })).toEqual(expectedAllocation(spec));
    const loose: Range = [
      ["Overlap Threshold", 0.4],
      ["usd_per_eur", 1.08],
      ["currency", "usd"],
    ];
    expect(allocateExcel({ inputs: loose })).toEqual(
      expectedAllocation({ "overlap-threshold": "40%", "usd-per-eur": 1.08, currency: "usd" })
    );
  });

  it.each(EMPTIES)("skips empty rows of the inputs block and leaves empty values at their default, %s", (_, empty) => {
    const block: Range = [
      ["total", "40bn"],
      [empty, empty],
      ["years", empty],
      ["exempt", empty],
      ["cap", empty],
      ["aid-from", empty],
      ["", empty],
    ];
    expect(allocateExcel({ inputs: block })).toEqual(expectedAllocation({ total: "40bn" }));
  });

  it("passes credit 0 and overlap-threshold 0 on as values (0 means something for them), and drops other 0s", () => {
    const spy = jest.spyOn(scenarioModule, "runScenario");
    try {
      overlap(
        [
          ["credit", 0],
          ["overlap-threshold", 0],
          ["cap", 0],
          ["total", 0],
        ],
        OMITTED,
        OMITTED,
        OMITTED,
        0,
        0,
        0
      );
      expect(spy).toHaveBeenCalledWith({ credit: 0, "overlap-threshold": 0 });
    } finally {
      spy.mockRestore();
    }
    expect(overlap([["overlap-threshold", 0]])).toEqual(overlap([["overlap-threshold", "0"]]));
  });

  it("reads a date cell (Excel's serial number) in aid-from and aid-to as its month", () => {
    const serial2024Jan = 45292;
    const serial2024Dec = 45627;
    expect(
      allocateExcel({
        inputs: [
          ["credit", 1],
          ["aid-from", serial2024Jan],
          ["aid-to", serial2024Dec],
        ],
      })
    ).toEqual(expectedAllocation({ credit: 1, "aid-from": "2024-01", "aid-to": "2024-12" }));
  });

  it("takes total, years and method as arguments, as numbers or text", () => {
    const expected = expectedAllocation({ total: "40bn", years: 2, method: "gdp" });
    expect(allocateExcel({ total: "40bn", years: 2, method: "GDP" })).toEqual(expected);
    expect(allocateExcel({ total: 40e9, years: "2", method: "gdp" })).toEqual(expected);
    expect(allocateExcel({ total: "40,000,000,000", years: " 2 " })).toEqual(expected);
  });

  it.each(EMPTIES)("treats an empty total, years or method cell as not given, %s", (_, empty) => {
    expect(allocateExcel({ total: empty, years: empty, method: empty })).toEqual(expectedAllocation({}));
  });

  it("allows a block parameter and a different argument side by side", () => {
    expect(allocateExcel({ inputs: [["years", 2]], total: "10bn" })).toEqual(
      expectedAllocation({ years: 2, total: "10bn" })
    );
  });

  it("splits among the user's contributors by their basis values", () => {
    const codes: Range = [["USA"], ["DEU"], ["GBR"], ["FRA"]];
    const basis: Range = [[15.88], [16.19], [10.94], [10.2]];
    const table = allocateExcel({ codes, basis, total: "1bn", years: 2, method: "key" });
    expect(table).toEqual(
      expectedAllocation({
        total: "1bn",
        years: 2,
        method: "key",
        contributorData: [
          { code: "USA", basis: 15.88 },
          { code: "DEU", basis: 16.19 },
          { code: "GBR", basis: 10.94 },
          { code: "FRA", basis: 10.2 },
        ],
      })
    );
    expect(table.slice(1).map((row) => row[3])).toEqual([298e6, 304e6, 206e6, 192e6]);
  });

  it("reads a row of cells like a column, and lower-case codes and text numbers", () => {
    const column = allocateExcel({
      codes: [["usa"], ["DEU"]],
      basis: [["3"], [1]],
      aid: [[0], ["1,000,000"]],
      inputs: [["credit", 0.5]],
    });
    const row = allocateExcel({
      codes: [["USA", "deu"]],
      basis: [[3, "1"]],
      aid: [["0", 1000000]],
      inputs: [["credit", 0.5]],
    });
    expect(row).toEqual(column);
    expect(column).toEqual(
      expectedAllocation({
        credit: 0.5,
        contributorData: [
          { code: "USA", basis: 3, aid: 0 },
          { code: "DEU", basis: 1, aid: 1000000 },
        ],
      })
    );
  });

  it.each(EMPTIES)("skips spare empty rows at the end of the contributor ranges, %s", (_, empty) => {
    const withSpare = allocateExcel({
      codes: [["USA"], ["DEU"], [empty], [empty]],
      basis: [[3], [1], [empty], [empty]],
    });
    expect(withSpare).toEqual(allocateExcel({ codes: [["USA"], ["DEU"]], basis: [[3], [1]] }));
  });

  it("uses the embedded GDP for allies when no basis range is given", () => {
    expect(allocateExcel({ codes: [["DEU"], ["FRA"], ["ITA"]] })).toEqual(
      expectedAllocation({ contributorData: [{ code: "DEU" }, { code: "FRA" }, { code: "ITA" }] })
    );
  });

  it("reads a formatted number (a data type with a plain value) as that number", () => {
    const formatted = { type: "FormattedNumber", basicValue: 40e9, numberFormat: "#,##0" };
    expect(allocate([["total", formatted as unknown as number]])).toEqual(expectedAllocation({ total: 40e9 }));
  });

  it("never returns text that looks like an Excel error", () => {
    const cells = [...allocateExcel().flat(), ...overlap().flat(), ...allies().flat(), ...sources().flat()];
    expect(cells.filter((cell) => typeof cell === "string" && cell.startsWith("#"))).toEqual([]);
    expect(cells.every((cell) => cell !== null && cell !== undefined)).toBe(true);
  });
});

describe("FAIRSHARE.SHARE", () => {
  const shareExcel = (code: unknown, year: unknown = null, what: unknown = null, inputs: Range | null = null) =>
    share(code as string, year as number, what as string, inputs!, OMITTED, OMITTED, OMITTED, null, null, null);

  it("gives one ally's total, one year's amount, or its share", () => {
    const deu = runScenario({}).allocation.rows.find((row) => row.code === "DEU");
    if (deu === undefined) throw new Error("DEU missing from the default allocation");
    expect(shareExcel("DEU")).toBe(deu.total.toNumber());
    expect(shareExcel("deu", 2025)).toBe(deu.byYear[1].toNumber());
    expect(shareExcel("DEU", "2027")).toBe(deu.byYear[3].toNumber());
    expect(shareExcel("DEU", null, "share")).toBe(deu.share.toNumber());
    expect(shareExcel("DEU", 2026, "Share")).toBe(deu.share.toNumber());
    expect(shareExcel("DEU", null, "amount")).toBe(deu.total.toNumber());
  });

  it.each(EMPTIES)("reads an empty year as the total and an empty what as amount, %s", (_, empty) => {
    expect(shareExcel("DEU", empty, empty)).toBe(shareExcel("DEU"));
  });

  it("agrees with ALLOCATE for every ally and year, in a scenario from an inputs block", () => {
    const block: Range = [
      ["total", "40bn"],
      ["exempt", "HUN"],
      ["profile", "front"],
    ];
    const table = allocateExcel({ inputs: block });
    const years = table[0].slice(4) as number[];
    for (const row of table.slice(1)) {
      expect(shareExcel(row[0], null, null, block)).toBe(row[3]);
      years.forEach((year, index) => expect(shareExcel(row[0], year, null, block)).toBe(row[4 + index]));
    }
    expect(shareExcel("HUN", null, null, block)).toBe(0);
  });

  it("takes the scenario's total, years and method as arguments too", () => {
    expect(share("USA", null, null, OMITTED, OMITTED, OMITTED, OMITTED, "40bn", 1, null)).toBe(
      runScenario({ total: "40bn", years: 1 })
        .allocation.rows.find((row) => row.code === "USA")
        ?.total.toNumber()
    );
  });

  it("gives the yearly payment as a fraction of GDP, the amount per inhabitant and the aid credit", () => {
    // Checked against the definitions with the data's own figures: the default scenario splits EUR 20bn a year by
    // 2024 GDP, so every ally pays the same fraction of its GDP, 20bn / the sum of the 32 GDPs.
    const gdpSum = ALLIES.reduce((sum, ally) => sum.plus(ally.gdpEurBn[2024]), new D(0)).times(1e9);
    const deuRecord = ALLIES.find((ally) => ally.iso3 === "DEU");
    if (deuRecord === undefined) throw new Error("DEU missing from the data");
    const deuGdp = new D(deuRecord.gdpEurBn[2024]).times(1e9);
    const deuExact = new D("1e11").times(deuGdp).div(gdpSum);
    expect(shareExcel("DEU", null, "pct-gdp")).toBeCloseTo(new D("2e10").div(gdpSum).toNumber(), 15);
    expect(shareExcel("USA", null, "pct-gdp")).toBeCloseTo(new D("2e10").div(gdpSum).toNumber(), 15);
    expect(shareExcel("DEU", null, "per-capita")).toBeCloseTo(
      deuExact.div(new D(deuRecord.populationM).times(1e6)).toNumber(),
      9
    );
    // One year: that year's payment per inhabitant (a fifth of the total in a flat profile).
    expect(shareExcel("DEU", 2025, "per-capita")).toBeCloseTo(
      deuExact.div(5).div(new D(deuRecord.populationM).times(1e6)).toNumber(),
      9
    );
    expect(shareExcel("DEU", 2025, "pct-gdp")).toBeCloseTo(shareExcel("DEU", null, "pct-gdp"), 15);
    expect(shareExcel("DEU", null, "credit")).toBe(0);
    const block: Range = [["credit", "0.5"]];
    const credited = runScenario({ credit: "0.5" }).allocation.rows.find((row) => row.code === "DEU");
    expect(shareExcel("DEU", null, "credit", block)).toBe(credited?.aidCredit.toNumber());
    expect(shareExcel("DEU", null, "credit", block)).toBeGreaterThan(0);
  });

  it("works on the user's own contributors", () => {
    const codes: Range = [["A"], ["B"]];
    const basis: Range = [[1], [3]];
    expect(share("B", null, null, OMITTED, codes, basis, OMITTED, "1bn", 2, "key")).toBe(750_000_000);
    expect(share("B", null, "share", OMITTED, codes, basis, OMITTED, "1bn", 2, "key")).toBe(0.75);
  });
});

describe("FAIRSHARE.SCHEDULE", () => {
  const scheduleExcel = (
    total: unknown,
    years: unknown,
    profile: Range | null = null,
    start: unknown = null,
    unit: unknown = null
  ) => schedule(total as string, years as number, profile!, start as number, unit as string);

  it("gives equal tranches for a flat profile, adding up to the total", () => {
    expect(scheduleExcel("100bn", 5)).toEqual([[20e9, 20e9, 20e9, 20e9, 20e9]]);
    const thirds = scheduleExcel(1e9, 3)[0];
    expect(thirds.reduce((a, b) => a + b, 0)).toBe(1e9);
    expect([...thirds].sort()).toEqual([333e6, 333e6, 334e6]);
  });

  it("front-loads with weights N..1", () => {
    expect(scheduleExcel("100bn", 5, [["front"]])).toEqual([[33_333e6, 26_667e6, 20_000e6, 13_333e6, 6_667e6]]);
  });

  it("takes custom weights as text, as a row of cells or as a column of cells", () => {
    const expected = [[33_333.3e6, 26_666.7e6, 20_000e6, 13_333.3e6, 6_666.7e6]];
    expect(scheduleExcel("100bn", 5, [["5,4,3,2,1"]], 2025, "100k")).toEqual(expected);
    expect(scheduleExcel("100bn", 5, [[5, 4, 3, 2, 1]], 2025, "100k")).toEqual(expected);
    expect(scheduleExcel("100bn", 5, [[5], ["4"], [3], [2], [1]], 2025, "100k")).toEqual(expected);
  });

  it.each(EMPTIES)("reads an empty profile, start or unit as the default, %s", (_, empty) => {
    expect(scheduleExcel("100bn", 5, [[empty]], empty, empty)).toEqual(scheduleExcel("100bn", 5));
    if (empty !== 0) {
      expect(scheduleExcel("100bn", 5, [[empty, empty, empty]], empty, empty)).toEqual(scheduleExcel("100bn", 5));
    }
  });

  it("refuses a profile of weights that are all 0, as the command line does (not a silent flat profile)", () => {
    expect(excelError(() => scheduleExcel("100bn", 5, [[0, 0, 0, 0, 0]])).message).toBe(
      "profile: is zero for every year. Give at least one year a weight above 0."
    );
    expect(excelError(() => scheduleExcel("100bn", 5, [["0,0,0,0,0"]])).message).toBe(
      "profile: is zero for every year. Give at least one year a weight above 0."
    );
  });

  it("reads numbers written as text", () => {
    expect(scheduleExcel("1e11", "5", null, "2024", "1000000")).toEqual(scheduleExcel(1e11, 5));
  });
});

describe("FAIRSHARE.OVERLAP", () => {
  it("shows the EU overlap and net new money per ally, in all and per year, as the engine computes it", () => {
    const table = overlap();
    const { allocation, overlap: expected } = runScenario({});
    expect(table[0]).toEqual([
      "Code",
      "Name",
      "EU member",
      "Allocation",
      "EU overlap",
      "Net new",
      "EU overlap 2024 (UAF)",
      "EU overlap 2025 (EDIP_USI)",
      "EU overlap 2026 (EDIP_USI, USL_MIL)",
      "EU overlap 2027 (EDIP_USI, USL_MIL)",
      "EU overlap 2028 (no instrument)",
      ...[2024, 2025, 2026, 2027, 2028].map((year) => `Net new ${year}`),
      ...[2024, 2025, 2026, 2027, 2028].map((year) => `Flag ${year}`),
    ]);
    expect(table).toHaveLength(33);
    table.slice(1).forEach((row, index) => {
      const compared = expected.rows[index];
      expect(row).toEqual([
        allocation.rows[index].code,
        allocation.rows[index].name,
        compared.euMember,
        allocation.rows[index].total.toNumber(),
        compared.totalOverlap.toNumber(),
        compared.totalNetNew.toNumber(),
        ...compared.overlap.map((amount) => amount.toNumber()),
        ...compared.netNew.map((amount) => amount.toNumber()),
        ...compared.flagged,
      ]);
    });
    const usa = table.find((row) => row[0] === "USA");
    expect(usa?.slice(2, 3)).toEqual([false]);
    expect(usa?.[4]).toBe(0);
    expect(usa?.[5]).toBe(usa?.[3]);
  });

  it.each(EMPTIES)("reads empty cells like ALLOCATE does, %s", (_, empty) => {
    expect(overlap([[empty, empty]], OMITTED, OMITTED, OMITTED, empty, empty, empty)).toEqual(overlap());
  });

  it("takes the same inputs as ALLOCATE", () => {
    const table = overlap([["eu", "none"]], OMITTED, OMITTED, OMITTED, "50bn", 2, null);
    expect(table[0]).toHaveLength(6 + 3 * 2);
    expect(table.slice(1).every((row) => row[4] === 0 && row[3] === row[5])).toBe(true);
  });
});

describe("FAIRSHARE.DATA", () => {
  const dataTableExcel = (
    code: unknown,
    field: unknown,
    year: unknown = null,
    from: unknown = null,
    to: unknown = null
  ) => data(code as string, field as string, year as number, from as string, to as string);
  /** A figure: one cell. */
  const dataExcel = (code: unknown, field: unknown, year: unknown = null, from: unknown = null, to: unknown = null) => {
    const table = dataTableExcel(code, field, year, from, to);
    expect(table).toHaveLength(1);
    expect(table[0]).toHaveLength(1);
    return table[0][0];
  };

  it("lists the EU instruments with every column of their source file (code EU), or one of them (its id)", () => {
    const table = dataTableExcel("EU", "instruments");
    expect(table[0]).toEqual([...EU_INSTRUMENT_COLUMNS, "sources"]);
    expect(table.slice(1).map((row) => row[0])).toEqual(EU_INSTRUMENTS.map((record) => record.id));
    expect(dataTableExcel("usl_mil", "Instruments")).toEqual([
      [...EU_INSTRUMENT_COLUMNS, "sources"],
      [
        "USL_MIL",
        "Ukraine Support Loan - defence component",
        60,
        2026,
        2027,
        true,
        "adopted",
        "eu_budget",
        "EU27 -CZE -HUN -SVK",
        true,
        EU_INSTRUMENTS.find((record) => record.id === "USL_MIL")?.notes,
        `${SOURCES.find((s) => s.id === "eu-instruments")?.title} (vintage ${SOURCES.find((s) => s.id === "eu-instruments")?.vintage}; embedded)`,
      ],
    ]);
    expect(table.find((row) => row[0] === "ERA_MFA")?.slice(5, 10)).toEqual([
      false,
      "adopted",
      "russian_assets",
      "EU27",
      false,
    ]);
    expect(excelError(() => dataTableExcel("XYZ", "instruments")).code).toBe("#N/A");
    expect(excelError(() => dataTableExcel("EU", "instruments", 2024)).message).toMatch(/^year: cannot be used/);
  });

  it("gives each field of the embedded data", () => {
    expect(dataExcel("DEU", "name")).toBe("Germany");
    expect(dataExcel("deu", "EU")).toBe(true);
    expect(dataExcel("NOR", "eu")).toBe(false);
    expect(dataExcel("AUT", "eu")).toBe(true);
    expect(dataExcel("USA", "nato-joined")).toBe(1949);
    expect(dataExcel("DEU", "gdp")).toBe(4274.98);
    expect(dataExcel("DEU", "gdp", 2023)).toBe(Number(ALLIES.find((a) => a.iso3 === "DEU")?.gdpEurBn[2023]));
    expect(dataExcel("USA", "gdp-usd", "2023")).toBe(27360.935);
    expect(dataExcel("DEU", "population")).toBe(84.259);
    expect(dataExcel("AUT", "gni")).toBe(474.411);
    expect(dataExcel("AUT", "name")).toBe("Austria");
  });

  it("sums bilateral military aid over a year or a window of months, as the engine's aid credit does", () => {
    const engineAid = (from: string, to: string) =>
      runScenario({ contributors: "DEU", credit: 1, "aid-from": from, "aid-to": to, eu: "none" })
        .scenario.contributors[0].aid.div(1e9)
        .toNumber();
    expect(dataExcel("DEU", "aid", 2024)).toBe(engineAid("2024-01", "2024-12"));
    expect(dataExcel("DEU", "aid", 2024)).toBe(3.958557);
    expect(dataExcel("DEU", "aid", null, "2024-01", "2024-06")).toBe(2.201096);
    // A date cell for a month: 1 January 2024 and 1 June 2024.
    expect(dataExcel("DEU", "aid", null, 45292, 45444)).toBe(2.201096);
    expect(dataExcel("DEU", "aid")).toBe(engineAid(KIEL_MILITARY.firstMonth, KIEL_MILITARY.lastMonth));
  });

  it("gives the aid of any donor the tracker covers, ally or not, and its name and EU membership", () => {
    // Austria: an EU member outside NATO that the tracker covers (and that allocated nothing in 2024).
    expect(dataExcel("AUT", "aid", 2024)).toBe(0);
    expect(dataExcel("JPN", "aid", 2024)).toBe(0.035097);
    expect(dataExcel("JPN", "name")).toBe("Japan");
    expect(dataExcel("JPN", "eu")).toBe(false);
  });

  it.each(EMPTIES)("reads empty optional arguments as not given, %s", (_, empty) => {
    expect(dataExcel("DEU", "gdp", empty, empty, empty)).toBe(4274.98);
    expect(dataExcel("DEU", "aid", empty, empty, empty)).toBe(dataExcel("DEU", "aid"));
  });
});

describe("FAIRSHARE.ALLIES and FAIRSHARE.SOURCES", () => {
  it("lists the 32 allies with EU membership and accession year", () => {
    const table = allies();
    expect(table[0]).toEqual(["Code", "Name", "EU member", "NATO member since"]);
    expect(table.slice(1)).toEqual(ALLIES.map((ally) => [ally.iso3, ally.name, ally.euMember, ally.natoJoined]));
    expect(table[1]).toEqual(["ALB", "Albania", false, 2009]);
  });

  it("lists every dataset with its source, vintage, unit and caveats, and that it is embedded", () => {
    const table = sources(OMITTED);
    expect(table[0]).toEqual([
      "Id",
      "Title",
      "Publisher",
      "Published",
      "Vintage",
      "Unit",
      "URL",
      "Caveats",
      "Origin",
      "File",
    ]);
    expect(table.slice(1).map((row) => row[0])).toEqual(SOURCES.map((source) => source.id));
    for (const row of table.slice(1)) {
      expect(row.slice(0, 8).every((cell) => typeof cell === "string" && cell.length > 0)).toBe(true);
      expect(row.slice(8)).toEqual(["embedded", ""]);
    }
  });
});

describe("the memo", () => {
  it("runs the engine once for identical calls, however the empties arrive", () => {
    allocateExcel({ inputs: [["total", "40bn"]] });
    expect(memoStats()).toMatchObject({ misses: 1, hits: 0 });
    allocateExcel({
      inputs: [
        ["total", "40bn"],
        [null, null],
      ],
    });
    allocateExcel({
      inputs: [
        ["Total", "40bn"],
        [0, 0],
      ],
      total: 0,
      years: "",
    });
    share("DEU", 2025, null, [["total", "40bn"]], OMITTED, OMITTED, OMITTED, null, null, null);
    expect(memoStats()).toMatchObject({ misses: 1, hits: 3 });
  });

  it("runs it again for a different scenario, and once per scenario for a sheet of SHARE cells", () => {
    const spy = jest.spyOn(scenarioModule, "runScenario");
    try {
      for (const code of ["DEU", "FRA", "ITA"]) for (const year of [2024, 2025]) share(code, year);
      expect(spy).toHaveBeenCalledTimes(1);
      share("DEU", null, null, OMITTED, OMITTED, OMITTED, OMITTED, "40bn", null, null);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("keeps the most recent scenarios only", () => {
    for (let index = 1; index <= MEMO_CAPACITY + 1; index++) allocateExcel({ total: `${index}bn` });
    expect(memoStats().size).toBe(MEMO_CAPACITY);
    allocateExcel({ total: `${MEMO_CAPACITY + 1}bn` });
    expect(memoStats().hits).toBe(1);
    allocateExcel({ total: "1bn" });
    expect(memoStats().misses).toBe(MEMO_CAPACITY + 2);
  });

  it("remembers a scenario's error too, and gives the same error again", () => {
    const first = excelError(() =>
      allocateExcel({
        inputs: [
          ["cap", "USA=1"],
          ["floor", 5],
        ],
      })
    );
    const second = excelError(() =>
      allocateExcel({
        inputs: [
          ["cap", "USA=1"],
          ["floor", 5],
        ],
      })
    );
    expect(second).toEqual(first);
    expect(memoStats()).toMatchObject({ misses: 1, hits: 1 });
  });
});
