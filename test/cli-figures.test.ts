/**
 * The figures analysts compare and the data behind them, through the command line as users run it: percent of GDP a
 * year, per capita and credit; --sort; --per-year; the notes; csv that opens in Excel (BOM, --delimiter semicolon,
 * --decimal-comma); `fair-share data` and `fair-share data --eu`. Figures are checked with decimal.js against their
 * definitions and the embedded data, never against the engine's own arithmetic.
 */
import { readFileSync } from "fs";
import { join } from "path";

import { Decimal } from "decimal.js";

import {
  ALLIES,
  EU_GNI,
  EU_INSTRUMENTS,
  KIEL_MILITARY,
  isTrackedByKiel,
  kielMilitaryMonths,
  sourceById,
  POPULATION_YEAR,
} from "../src/data";
import { dataTable } from "../src/functions/adapters";
import { BOM, parseCsv, commandRuns } from "./helpers/cli";

const D = Decimal.clone({ precision: 80 });
type D = Decimal;
const BILLION = new D("1e9");
const MILLION = new D("1e6");

interface AllyJson {
  iso3: string;
  name: string;
  share: string;
  total: string;
  byYear: Record<string, string>;
  aidCredit: string;
  yearlyShareOfGdp: string | null;
  perCapita: string | null;
}
interface ReportJson {
  total: string;
  exactTotal: string;
  years: number[];
  tranches: Record<string, string>;
  allies: AllyJson[];
  notes: string[];
  sources: { id: string }[];
}
interface DataJson {
  aidWindow: { from: string; to: string };
  allies: {
    iso3: string;
    euMember: boolean;
    gdpEurBn: Record<string, string>;
    gdpUsdBn: Record<string, string>;
    population2023M: string;
    populationM: string;
    populationYear: number;
    euGniShare: string | null;
    militaryAidEurBn: string | null;
  }[];
  notes: string[];
  sources: { id: string; vintage: string; published: string }[];
}

// An instrument to test coverage notes with, chosen from the data so the test follows the data's instruments.
const someInstrument = EU_INSTRUMENTS[0];
const civilianInstrument = EU_INSTRUMENTS.find((instrument) => !instrument.military);

const COMMANDS = {
  defaults: ["allocate", "--format", "json"],
  table: ["allocate"],
  sortShare: ["allocate", "--sort", "share", "--format", "json"],
  sortShareTable: ["allocate", "--sort", "share"],
  sortCode: ["allocate", "--sort", "code", "--format", "json"],
  sortName: ["allocate", "--sort", "name", "--format", "json"],
  perYear: ["allocate", "--per-year", "40bn", "--years", "1", "--start", "2024", "--exempt", "HUN", "--format", "json"],
  perYearFive: ["allocate", "--per-year", "40bn", "--years", "5", "--format", "json"],
  credit: ["allocate", "--credit", "0.5", "--format", "json"],
  creditTable: ["allocate", "--credit", "0.5"],
  pastInstrument: [
    "allocate",
    "--eu",
    someInstrument.id,
    "--start",
    String(someInstrument.lastYear),
    "--years",
    "3",
    "--format",
    "json",
  ],
  civilian: ["allocate", "--eu", civilianInstrument?.id ?? "none", "--format", "json"],
  coarse: ["allocate", "--unit", "1bn", "--format", "json"],
  csvComma: ["allocate", "--format", "csv"],
  csvSemicolon: ["allocate", "--format", "csv", "--delimiter", "semicolon"],
  csvDecimalComma: ["allocate", "--format", "csv", "--delimiter", "semicolon", "--decimal-comma"],
  data: ["data", "--format", "json"],
  dataWindow: ["data", "--aid-from", "2024-01", "--aid-to", "2026-04", "--format", "json"],
  dataTable: ["data"],
  dataCsv: ["data", "--format", "csv", "--delimiter", "semicolon", "--decimal-comma"],
  eu: ["data", "--eu", "--format", "json"],
  euCsv: ["data", "--eu", "--format", "csv"],
  euTable: ["data", "--eu"],
  help: ["--help"],
  allocateHelp: ["allocate", "--help"],
  dataHelp: ["data", "--help"],
} as const;

const BAD_CASES: readonly { readonly args: readonly string[]; readonly names: string }[] = [
  { args: ["allocate", "--sort", "size"], names: "--sort" },
  { args: ["allocate", "--per-year", "40bn", "--profile", "front"], names: "--per-year" },
  { args: ["allocate", "--per-year", "40bn", "--total", "100bn"], names: "--per-year" },
  { args: ["allocate", "--per-year", "40bn", "--method", "pct-gdp", "--pct-gdp", "0.25%"], names: "--per-year" },
  { args: ["allocate", "--per-year", "40.5m"], names: "--per-year" },
  { args: ["allocate", "--delimiter", "semicolon"], names: "--delimiter" },
  { args: ["allocate", "--format", "csv", "--decimal-comma"], names: "--decimal-comma" },
  { args: ["allocate", "--format", "csv", "--decimal-comma=yes"], names: "--decimal-comma" },
  { args: ["allocate", "--format", "csv", "--delimiter", "tab"], names: "--delimiter" },
  { args: ["data", "--aid-from", "2019-01"], names: "--aid-from" },
  { args: ["data", "--aid-from", "2025-01", "--aid-to", "2024-01"], names: "--aid-from" },
  { args: ["data", "--eu", "--aid-to", "2025-01"], names: "--aid-to" },
  { args: ["data", "--total", "5"], names: "--total" },
];

const { badOutputs, stdout: output } = commandRuns(
  COMMANDS,
  BAD_CASES.map((badCase) => badCase.args)
);

const json = <T = ReportJson>(name: keyof typeof COMMANDS): T => JSON.parse(output(name)) as T;
const sum = (values: readonly (string | D)[]): D => values.reduce<D>((total, value) => total.plus(value), new D(0));
const ally = (iso3: string) => {
  const record = ALLIES.find((candidate) => candidate.iso3 === iso3);
  if (!record) throw new Error(`no ally ${iso3}`);
  return record;
};

describe("percent of GDP a year, per capita and credit", () => {
  test("json: each ally's average yearly payment / its 2024 GDP, and its total / its population", () => {
    const report = json("defaults");
    const gdpSum = sum(ALLIES.map((record) => record.gdpEurBn[2024])).times(BILLION);
    for (const row of report.allies) {
      const record = ally(row.iso3);
      const gdp = new D(record.gdpEurBn[2024]).times(BILLION);
      const exact = new D("1e11").times(gdp).div(gdpSum);
      // By share of GDP every ally pays the same fraction of its GDP: EUR 20bn a year / the 32 GDPs.
      expect(new D(row.yearlyShareOfGdp ?? "NaN").minus(new D("2e10").div(gdpSum)).abs().lte("1e-12")).toBe(true);
      const perCapita = exact.div(new D(record.populationM).times(MILLION));
      expect(new D(row.perCapita ?? "NaN").minus(perCapita).abs().lte("1e-12")).toBe(true);
      expect(row.aidCredit).toBe("0");
    }
  });

  test("the table has the three columns and says what they mean; the credit column shows the aid credit", () => {
    const table = output("table");
    expect(table).toMatch(/Net new\s+% GDP\/yr\s+Per capita\s+Credit\s+Held/);
    expect(table).toContain("% GDP/yr: its average yearly payment as a percent of its 2024 GDP.");
    const deu = json("defaults").allies.find((row) => row.iso3 === "DEU");
    const percent = new D(deu?.yearlyShareOfGdp ?? "0").times(100).toFixed(4);
    expect(table).toMatch(
      new RegExp(`^DEU\\s+Germany\\s.*\\s${percent.replace(".", "\\.")}%\\s+101\\.36\\s+0\\s*$`, "m")
    );
    const credited = json("credit").allies.find((row) => row.iso3 === "DEU");
    const creditMillions = new D(credited?.aidCredit ?? "0").div(MILLION).toDecimalPlaces(0).toNumber();
    expect(creditMillions).toBeGreaterThan(0);
    expect(output("creditTable")).toMatch(
      new RegExp(`^DEU\\s+Germany\\s.*\\s${creditMillions.toLocaleString("en-US")}\\s*$`, "m")
    );
  });

  test("the population source is listed beside the figures that use it", () => {
    const ids = json("defaults").sources.map((source) => source.id);
    expect(ids).toEqual(expect.arrayContaining(["nato-gdp", "nato-population"]));
  });
});

describe("--sort", () => {
  test("share orders by amount, largest first; code and name alphabetically; the default is the data's order", () => {
    const byShare = json("sortShare").allies;
    for (let index = 1; index < byShare.length; index++) {
      expect(new D(byShare[index - 1].total).gte(byShare[index].total)).toBe(true);
    }
    expect(byShare[0].iso3).toBe("USA");
    const codes = json("sortCode").allies.map((row) => row.iso3);
    expect(codes).toEqual([...codes].sort());
    const names = json("sortName").allies.map((row) => row.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    expect(json("defaults").allies.map((row) => row.iso3)).toEqual(ALLIES.map((record) => record.iso3));
    // The same rows, reordered: nothing else changes.
    const sorted = [...byShare].sort((a, b) => a.iso3.localeCompare(b.iso3));
    const original = [...json("defaults").allies].sort((a, b) => a.iso3.localeCompare(b.iso3));
    expect(sorted).toEqual(original);
  });

  test("the table follows the order", () => {
    const lines = output("sortShareTable").split("\n");
    const first = lines.findIndex((line) => /^[A-Z]{3}\s/.test(line));
    expect(lines[first]).toMatch(/^USA\s+United States/);
  });
});

describe("--per-year", () => {
  test("--per-year 40bn --years 1 --start 2024 --exempt HUN totals exactly 40000000000", () => {
    const report = json("perYear");
    expect(report.total).toBe("40000000000");
    expect(report.tranches).toEqual({ 2024: "40000000000" });
    expect(sum(report.allies.map((row) => row.total)).toFixed()).toBe("40000000000");
    expect(report.allies.find((row) => row.iso3 === "HUN")?.total).toBe("0");
  });

  test("--per-year 40bn --years 5 is EUR 200bn, flat", () => {
    const report = json("perYearFive");
    expect(report.total).toBe("200000000000");
    expect(Object.values(report.tranches)).toEqual(Array(5).fill("40000000000"));
  });
});

describe("notes", () => {
  test("years no counted EU instrument covers are named", () => {
    const last = someInstrument.lastYear;
    const notes = json("pastInstrument").notes;
    expect(notes.some((note) => note.includes(`none covers ${last + 1}-${last + 2}, so EU overlap is 0 there`))).toBe(
      true
    );
  });

  test("a counted instrument that is not military is named", () => {
    const notes = json("civilian").notes;
    if (civilianInstrument === undefined) {
      expect(notes.some((note) => note.includes("is not military aid"))).toBe(false);
    } else {
      expect(notes.some((note) => note.startsWith(`${civilianInstrument.id} is not military aid, yet counted`))).toBe(
        true
      );
    }
  });

  test("the controlled rounding is explained once; a coarse unit only when some cells fall below one unit", () => {
    const notes = json("defaults").notes;
    expect(notes.filter((note) => note.startsWith("Controlled rounding:"))).toHaveLength(1);
    expect(notes.some((note) => note.includes("is coarse"))).toBe(false);
    const coarse = json("coarse");
    // Count the yearly amounts below EUR 1bn exactly: share x EUR 20bn a year, from the data.
    const gdpSum = sum(ALLIES.map((record) => record.gdpEurBn[2024]));
    const below = ALLIES.filter((record) => new D("20").times(record.gdpEurBn[2024]).div(gdpSum).lt(1)).length * 5;
    expect(below).toBeGreaterThan(0);
    expect(coarse.notes).toContain(
      `The rounding unit (EUR 1bn) is coarse for the smallest amounts: ${below} yearly amounts are below one` +
        " unit exactly, so they show as 0 or one unit; a smaller unit shows them."
    );
    const cells = coarse.allies.flatMap((row) => Object.values(row.byYear));
    expect(cells).toContain("0");
    expect(cells).toContain("1000000000");
  });
});

describe("csv that opens in Excel everywhere", () => {
  test("starts with a byte-order mark; Türkiye is written in UTF-8", () => {
    const csv = output("csvComma");
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain("Türkiye");
    expect(output("dataCsv").startsWith(BOM)).toBe(true);
    expect(output("euCsv").startsWith(BOM)).toBe(true);
  });

  test("--delimiter semicolon reads back as the same columns; decimal fractions keep the point unless asked", () => {
    const comma = parseCsv(output("csvComma"), ",");
    const semicolon = parseCsv(output("csvSemicolon"), ";");
    expect(semicolon).toEqual(comma);
    expect(semicolon[0].length).toBeGreaterThan(10);
    for (const row of semicolon) expect(row).toHaveLength(semicolon[0].length);
    const header = semicolon[0];
    expect(semicolon[1][header.indexOf("currency")]).toBe("EUR");
    expect(semicolon[1][header.indexOf("rounding_unit")]).toBe("1000000");
  });

  test("--decimal-comma writes 0,25 for 0.25 and nothing else changes", () => {
    const points = parseCsv(output("csvSemicolon"), ";");
    const commas = parseCsv(output("csvDecimalComma"), ";");
    expect(commas).toHaveLength(points.length);
    const shareColumn = points[0].indexOf("share");
    expect(commas[1][shareColumn]).toBe(points[1][shareColumn].replace(".", ","));
    expect(commas[1][shareColumn]).toMatch(/^0,\d+$/);
    commas.forEach((row, index) =>
      expect(row.map((field) => field.replace(/^(-?\d+),(\d+)$/, "$1.$2"))).toEqual(points[index])
    );
  });
});

describe("fair-share data", () => {
  test("--format json lists the 32 allies with GDP, population and aid, and the sources", () => {
    const report = json<DataJson>("data");
    expect(report.allies.map((row) => row.iso3)).toEqual(ALLIES.map((record) => record.iso3));
    expect(report.allies).toHaveLength(32);
    expect(report.aidWindow).toEqual({ from: KIEL_MILITARY.firstMonth, to: KIEL_MILITARY.lastMonth });
    for (const row of report.allies) {
      const record = ally(row.iso3);
      expect(row.gdpEurBn).toEqual({ ...record.gdpEurBn });
      expect(row.gdpUsdBn).toEqual({ ...record.gdpUsdBn });
      expect(row.populationM).toBe(record.populationM);
      expect(row.populationYear).toBe(POPULATION_YEAR);
      // The name the json first gave the field carries the data's year; it stays for scripts that read it.
      expect(row.population2023M).toBe(record.populationM);
      expect(row.euMember).toBe(record.euMember);
      if (isTrackedByKiel(row.iso3)) {
        const months = kielMilitaryMonths(row.iso3, report.aidWindow.from, report.aidWindow.to);
        expect(new D(row.militaryAidEurBn ?? "NaN").eq(sum(months.map(([, eurBn]) => eurBn)))).toBe(true);
      } else {
        expect(row.militaryAidEurBn).toBeNull();
      }
    }
    expect(report.sources.map((source) => source.id)).toEqual([
      "nato-gdp",
      "nato-population",
      "eu-gni-2023",
      "kiel-ust-release-29",
    ]);
    for (const source of report.sources) expect(source.vintage.length).toBeGreaterThan(0);
  });

  test("EU GNI share: each member's 2023 GNI over the 27; none outside the EU; aid in the window asked", () => {
    const report = json<DataJson>("dataWindow");
    const gniSum = sum(EU_GNI.map((record) => record.gniEurBn));
    for (const row of report.allies) {
      const gni = EU_GNI.find((record) => record.iso3 === row.iso3);
      if (gni === undefined) expect(row.euGniShare).toBeNull();
      else expect(new D(row.euGniShare ?? "NaN").minus(new D(gni.gniEurBn).div(gniSum)).abs().lte("1e-12")).toBe(true);
    }
    const deu = report.allies.find((row) => row.iso3 === "DEU");
    const months = kielMilitaryMonths("DEU", "2024-01", "2026-04");
    expect(new D(deu?.militaryAidEurBn ?? "NaN").eq(sum(months.map(([, eurBn]) => eurBn)))).toBe(true);
    expect(report.notes[0]).toContain("2024-01 to 2026-04");
  });

  test("the table and the semicolon csv carry the same allies, the csv its units in the column names", () => {
    const table = output("dataTable");
    for (const record of ALLIES) expect(table).toMatch(new RegExp(`^${record.iso3}\\s`, "m"));
    expect(table).toContain("vintage");
    const rows = parseCsv(output("dataCsv"), ";");
    // 32 allies, then the 4 EU member states outside NATO (for their GNI).
    expect(rows).toHaveLength(1 + 32 + 4);
    expect(rows[0]).toEqual(expect.arrayContaining(["gdp_2024_eur_bn", "gdp_2024_usd_bn", "population_2023_m"]));
    const deu = rows.find((row) => row[0] === "DEU") ?? [];
    expect(deu[rows[0].indexOf("gdp_2024_eur_bn")]).toBe(ally("DEU").gdpEurBn[2024].replace(".", ","));
    const sources = deu[rows[0].indexOf("sources")];
    for (const id of ["nato-gdp", "nato-population", "eu-gni-2023", "kiel-ust-release-29"]) {
      expect(sources).toContain(`${sourceById(id).title} (vintage ${sourceById(id).vintage}; embedded)`);
    }
  });

  test("--eu lists every instrument with every field of its record, and its source", () => {
    const report = json<{ instruments: unknown[]; sources: { id: string }[] }>("eu");
    expect(report.instruments).toEqual(JSON.parse(JSON.stringify(EU_INSTRUMENTS)));
    expect(report.sources.map((source) => source.id)).toEqual(["eu-instruments"]);
    for (const instrument of EU_INSTRUMENTS) expect(output("euTable")).toContain(instrument.id);
  });

  test("--eu --format csv: the data file's own columns and cells, then the source, as FAIRSHARE.DATA lists them", () => {
    const rows = parseCsv(output("euCsv"));
    const file = parseCsv(readFileSync(join(__dirname, "../data/eu_instruments.csv"), "utf8"));
    expect(rows[0]).toEqual([...file[0], "sources"]);
    rows.slice(1).forEach((row, i) => {
      expect(row.slice(0, -1)).toEqual(file[i + 1]);
      expect(row[row.length - 1]).toBe(
        `${sourceById("eu-instruments").title} (vintage ${sourceById("eu-instruments").vintage}; embedded)`
      );
    });
    // The function's table: the same columns in the same order, each cell the same figure (numbers and TRUE/FALSE
    // where the csv writes decimals and yes/no).
    const table = dataTable({ code: "EU", field: "instruments" });
    expect(table[0]).toEqual(rows[0]);
    table.slice(1).forEach((cells, i) =>
      cells.forEach((cell, c) => {
        const text = rows[i + 1][c];
        if (typeof cell === "number") expect(Number(text)).toBe(cell);
        else if (typeof cell === "boolean") expect(text).toBe(cell ? "yes" : "no");
        else expect(text).toBe(cell);
      })
    );
  });

  test("--help of allocate and of data lists the EU instrument ids", () => {
    for (const name of ["help", "allocateHelp", "dataHelp"] as const) {
      for (const instrument of EU_INSTRUMENTS) expect(output(name)).toContain(instrument.id);
    }
    expect(output("allocateHelp")).toMatch(/^ {2}--per-year VALUE/m);
    expect(output("allocateHelp")).toMatch(/^ {2}--sort VALUE/m);
    expect(output("allocateHelp")).toMatch(/^ {2}--decimal-comma\s/m);
  });
});

describe("bad flags", () => {
  test.each(BAD_CASES.map((badCase, index) => [badCase.args.join(" "), badCase.names, index] as const))(
    "%s: exit 2, names %s",
    (_args, names, index) => {
      const result = badOutputs[index];
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n")[0]).toContain(names);
    }
  );
});
