/**
 * The command line as users run it: `node bin/fair-share.js ...` as a separate process, on the compiled lib/. Each
 * command runs once (in parallel, in beforeAll) and its output is shared by the assertions. The amounts are checked
 * with decimal.js against the definitions and the embedded data, never against the engine's own arithmetic.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { Decimal } from "decimal.js";

import { ALLIES, kielMilitaryMonths, sourceById } from "../src/data";
import { parametersFor } from "../src/engine/parameters";
import { BOM, parseCsv, repoRoot, commandRuns, modulesLoaded, run } from "./helpers/cli";

/** Independent of the engine's decimal settings: more digits than it uses. */
const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
type D = Decimal;

const BILLION = new D("1e9");
const MILLION = new D("1e6");
const DEFAULT_TOTAL = "100000000000";

// --- The JSON shape the README documents (only the fields these tests read). ---
type ByYear = Record<string, string>;
interface AllyJson {
  iso3: string;
  name: string;
  euMember: boolean;
  share: string;
  total: string;
  byYear: ByYear;
  constraint: string;
  aidCredit: string;
  yearlyShareOfGdp: string | null;
  perCapita: string | null;
  euOverlap: string;
  netNew: string;
  overlapByYear: ByYear;
  netNewByYear: ByYear;
  flaggedYears: number[];
}
interface ReportJson {
  total: string;
  exactTotal: string;
  currency: string;
  unit: string;
  years: number[];
  tranches: ByYear;
  euOverlap: string;
  netNew: string;
  euOverlapByYear: ByYear;
  netNewByYear: ByYear;
  scenario: { credit: string; aidWindow: { from: string; to: string } | null; usdPerEur: string | null };
  parameters: Record<string, string>;
  allies: AllyJson[];
  notes: string[];
  sources: { id: string; title: string; publisher: string; vintage: string; url: string }[];
}

const COMMANDS = {
  defaults: ["allocate", "--format", "json"],
  defaultsTable: ["allocate"],
  defaultsCsv: ["allocate", "--format=csv"],
  exemptHungary: ["allocate", "--exempt", "HUN", "--format", "json"],
  credit: ["allocate", "--credit", "0.5", "--format", "json"],
  usd: ["allocate", "--currency", "USD", "--usd-per-eur", "1.078376", "--format", "json"],
  front: ["allocate", "--profile", "front", "--format", "json"],
  pctGdp: ["allocate", "--method", "pct-gdp", "--pct-gdp", "0.25%", "--format", "json"],
  total40000m: ["allocate", "--total=40000m", "--format", "json"],
  total100e9: ["allocate", "--total", "100e9", "--format", "json"],
  thresholdZero: ["allocate", "--overlap-threshold", "0", "--format", "json"],
  benchmarkScenario: ["allocate", "--credit", "0.5", "--exempt", "HUN", "--cap", "USA=40%", "--format", "json"],
  help: ["--help"],
  helpAllocate: ["help", "allocate"],
  dashHelpBench: ["--help", "bench"],
  allocateHelp: ["allocate", "--help"],
  version: ["--version"],
  noCommand: [],
  bench: ["bench", "--runs", "5", "--process-runs", "2"],
} as const;

/** Bad input: each must exit 2 with a message on stderr naming the flag (or the stray argument). */
const BAD_CASES: readonly { readonly args: readonly string[]; readonly names: string }[] = [
  { args: ["--bogus", "1"], names: "--bogus" },
  { args: ["--credt", "0.5"], names: "--credt" },
  { args: ["--credit"], names: "--credit" },
  { args: ["--credit", "--exempt", "HUN"], names: "--credit" },
  { args: ["--credit", "0.5", "--credit=0.3"], names: "--credit" },
  { args: ["junk"], names: '"junk"' },
  { args: ["--credit", "1.5"], names: "--credit" },
  { args: ["--total", "abc"], names: "--total" },
  { args: ["--total", "-5"], names: "--total" },
  { args: ["--total="], names: "--total" },
  { args: ["--years", "0"], names: "--years" },
  { args: ["--exempt", "XXX"], names: "--exempt" },
  { args: ["--cap", "USA=150"], names: "--cap" },
  { args: ["--profile", "1,2"], names: "--profile" },
  { args: ["--currency", "GBP"], names: "--currency" },
  { args: ["--currency", "USD"], names: "--usd-per-eur" },
  { args: ["--format", "xml"], names: "--format" },
  { args: ["--aid-from", "2030-01", "--credit", "0.5"], names: "--aid-from" },
  { args: ["--aid-to", "2024-13", "--credit", "0.5"], names: "--aid-to" },
  { args: ["--cap", "1.5"], names: "--cap" },
  { args: ["--floor", "5"], names: "--floor" },
  { args: ["--method", "pct-gdp", "--pct-gdp", "0.25%", "--total", "100bn"], names: "--total" },
  { args: ["--gdp-year", "2019"], names: "--gdp-year" },
];

const { outputs, badOutputs, stdout } = commandRuns(
  COMMANDS,
  BAD_CASES.map((badCase) => ["allocate", ...badCase.args])
);

function json(name: keyof typeof COMMANDS): ReportJson {
  return JSON.parse(stdout(name)) as ReportJson;
}

const sum = (values: readonly string[]): D => values.reduce((total, value) => total.plus(value), new D(0));
const gdp2024Eur = (iso3: string): D => {
  const ally = ALLIES.find((candidate) => candidate.iso3 === iso3);
  if (!ally) throw new Error(`no ally ${iso3}`);
  return new D(ally.gdpEurBn[2024]).times(BILLION);
};
const totalGdp2024 = sum(ALLIES.map((ally) => gdp2024Eur(ally.iso3).toFixed()));

/** Every total the report promises: rows, columns and the grand total add up exactly; all whole units. */
function expectConsistent(report: ReportJson, unit: D): void {
  const years = report.years.map(String);
  expect(sum(report.allies.map((ally) => ally.total)).toFixed()).toBe(report.total);
  expect(sum(years.map((year) => report.tranches[year])).toFixed()).toBe(report.total);
  for (const year of years) {
    expect(sum(report.allies.map((ally) => ally.byYear[year])).toFixed()).toBe(report.tranches[year]);
  }
  for (const ally of report.allies) {
    expect(Object.keys(ally.byYear)).toEqual(years);
    expect(sum(years.map((year) => ally.byYear[year])).toFixed()).toBe(ally.total);
    const amounts = [ally.total, ally.euOverlap, ally.netNew, ...Object.values(ally.byYear)];
    for (const amount of amounts) {
      expect(new D(amount).mod(unit).isZero()).toBe(true);
      expect(new D(amount).gte(0)).toBe(true);
    }
    expect(new D(ally.euOverlap).plus(ally.netNew).toFixed()).toBe(ally.total);
    if (!ally.euMember) expect(ally.euOverlap).toBe("0");
    for (const year of years) {
      expect(new D(ally.overlapByYear[year]).plus(ally.netNewByYear[year]).toFixed()).toBe(ally.byYear[year]);
    }
  }
  expect(new D(report.euOverlap).plus(report.netNew).toFixed()).toBe(report.total);
}

describe("fair-share allocate --format json on the defaults", () => {
  test("32 allies, EUR, 1m unit, 2024-2028", () => {
    const report = json("defaults");
    expect(report.allies).toHaveLength(32);
    expect(report.allies.map((ally) => ally.iso3)).toEqual(ALLIES.map((ally) => ally.iso3));
    expect(report.currency).toBe("EUR");
    expect(report.unit).toBe("1000000");
    expect(report.years).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(report.total).toBe(DEFAULT_TOTAL);
  });

  test("everything adds up exactly and every amount is a whole number of millions", () => {
    const report = json("defaults");
    expectConsistent(report, MILLION);
    expect(Object.values(report.tranches)).toEqual(Array(5).fill("20000000000"));
  });

  test("each ally pays its share of 2024 GDP, each amount within one unit of its exact value", () => {
    const report = json("defaults");
    for (const ally of report.allies) {
      const exact = gdp2024Eur(ally.iso3).div(totalGdp2024).times(DEFAULT_TOTAL);
      expect(new D(ally.share).times(DEFAULT_TOTAL).minus(exact).abs().lte(1)).toBe(true);
      expect(new D(ally.total).minus(exact).abs().lt(MILLION)).toBe(true);
      for (const year of Object.keys(ally.byYear)) {
        expect(new D(ally.byYear[year]).minus(exact.div(5)).abs().lt(MILLION)).toBe(true);
      }
    }
  });

  test("row totals are the nearest million except where the grand total forces otherwise", () => {
    // Rounding every row to its nearest million leaves the grand total off by |excess| millions; only that many rows
    // need rounding the other way (largest remainder). The engine documents that the controlled rounding keeps the
    // row totals nearest whenever the table allows it, which it always does here (every cell of a row has the same
    // fraction, so any row total within one unit can be spread over the five years).
    const report = json("defaults");
    const exact = report.allies.map((ally) => gdp2024Eur(ally.iso3).div(totalGdp2024).times(DEFAULT_TOTAL));
    const nearest = exact.map((amount) => amount.div(MILLION).toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
    const excess = sum(nearest.map((units) => units.toFixed()))
      .minus(new D(DEFAULT_TOTAL).div(MILLION))
      .abs();
    const offNearest = report.allies
      .map((ally, index) => ({ ally, index }))
      .filter(({ ally, index }) => !new D(ally.total).div(MILLION).eq(nearest[index]))
      .map(({ ally, index }) => `${ally.iso3} ${ally.total} (exact ${exact[index].toFixed(0)})`);
    expect(offNearest.length <= excess.toNumber() ? [] : offNearest).toEqual([]);
  });

  test("shares are 12-place decimal fractions adding up to 1", () => {
    const report = json("defaults");
    for (const ally of report.allies) expect(ally.share).toMatch(/^0\.\d{1,12}$|^0$|^1$/);
    expect(
      sum(report.allies.map((ally) => ally.share))
        .minus(1)
        .abs()
        .lte("1e-10")
    ).toBe(true);
  });

  test("EU members carry EU overlap; the data's sources come with title and vintage", () => {
    const report = json("defaults");
    const germany = report.allies.find((ally) => ally.iso3 === "DEU");
    expect(germany?.euMember).toBe(true);
    expect(new D(germany?.euOverlap ?? "0").gt(0)).toBe(true);
    const sourceIds = report.sources.map((source) => source.id);
    expect(sourceIds).toEqual(expect.arrayContaining(["nato-gdp", "eu-instruments", "eu-gni-2023"]));
    for (const source of report.sources) expect(source.vintage).toBe(sourceById(source.id).vintage);
    expect(report.notes.some((note) => note.startsWith("Luxembourg"))).toBe(true);
    expect(report.parameters).toEqual({});
  });
});

describe("scenarios", () => {
  test("--exempt HUN: Hungary pays 0 and the rest still adds up to the total", () => {
    const report = json("exemptHungary");
    const hungary = report.allies.find((ally) => ally.iso3 === "HUN");
    expect(hungary?.total).toBe("0");
    expect(hungary?.share).toBe("0");
    expect(hungary?.constraint).toBe("exempt");
    expect(Object.values(hungary?.byYear ?? {})).toEqual(Array(5).fill("0"));
    expect(report.total).toBe(DEFAULT_TOTAL);
    expectConsistent(report, MILLION);
    expect(report.parameters).toEqual({ exempt: "HUN" });
  });

  test("--credit 0.5: allocation_i = max(0, s_i * L - 0.5 * A_i), recomputed from the embedded data", () => {
    const report = json("credit");
    expectConsistent(report, MILLION);
    expect(report.scenario.aidWindow).toEqual({ from: "2024-01", to: "2026-04" });
    const credit = new D("0.5");
    const total = new D(DEFAULT_TOTAL);
    const allies = ALLIES.map((ally) => {
      const aid = sum(kielMilitaryMonths(ally.iso3, "2024-01", "2026-04").map(([, eurBn]) => eurBn)).times(BILLION);
      const share = gdp2024Eur(ally.iso3).div(totalGdp2024);
      return { iso3: ally.iso3, share, credit: credit.times(aid), breakpoint: credit.times(aid).div(share) };
    });
    // The sum of max(0, s_i L - c A_i) grows with L; between breakpoints only the allies already paying move it, so
    // L = (T + sum of their credits) / (sum of their shares) for the first set of payers where L lands in range.
    const byBreakpoint = [...allies].sort((a, b) => a.breakpoint.comparedTo(b.breakpoint));
    let level: D | undefined;
    for (let paying = 1; paying <= byBreakpoint.length && level === undefined; paying++) {
      const payers = byBreakpoint.slice(0, paying);
      const candidate = total
        .plus(sum(payers.map((ally) => ally.credit.toFixed())))
        .div(sum(payers.map((ally) => ally.share.toFixed())));
      const next = byBreakpoint[paying];
      if (candidate.gte(payers[paying - 1].breakpoint) && (next === undefined || candidate.lte(next.breakpoint))) {
        level = candidate;
      }
    }
    if (level === undefined) throw new Error("no level found");
    const at = level;

    let zeroPayers = 0;
    for (const ally of allies) {
      const row = report.allies.find((candidate) => candidate.iso3 === ally.iso3);
      if (!row) throw new Error(`missing ${ally.iso3}`);
      const exact = D.max(0, ally.share.times(at).minus(ally.credit));
      expect(new D(row.aidCredit).minus(ally.credit).abs().lte("1e-6")).toBe(true);
      expect(new D(row.share).times(report.total).minus(exact).abs().lte(1)).toBe(true);
      expect(new D(row.total).minus(exact).abs().lt(MILLION)).toBe(true);
      if (ally.credit.gte(ally.share.times(at))) {
        zeroPayers++;
        expect(row.total).toBe("0");
        expect(row.constraint).toBe("credit");
      }
    }
    // Some allies' credit covers their whole share (else this test would not test the clamp at 0).
    expect(zeroPayers).toBeGreaterThan(0);
  });

  test("the benchmark's scenario (credit, exemption, cap) holds the cap and adds up", () => {
    const report = json("benchmarkScenario");
    expectConsistent(report, MILLION);
    const usa = report.allies.find((ally) => ally.iso3 === "USA");
    expect(usa?.constraint).toBe("cap");
    expect(usa?.total).toBe("40000000000");
  });

  test("--overlap-threshold 0 flags only allies that have EU overlap (never one outside the EU)", () => {
    const report = json("thresholdZero");
    for (const ally of report.allies) {
      const flaggable = report.years.filter((year) => new D(ally.overlapByYear[String(year)]).gt(0));
      expect({ iso3: ally.iso3, flagged: ally.flaggedYears }).toEqual({ iso3: ally.iso3, flagged: flaggable });
    }
  });

  test("USD at a stated rate: same shares as in EUR, total in USD, a note on the rate", () => {
    const usd = json("usd");
    const eur = json("defaults");
    expect(usd.currency).toBe("USD");
    expect(usd.scenario.usdPerEur).toBe("1.078376");
    expect(usd.total).toBe(DEFAULT_TOTAL);
    expectConsistent(usd, MILLION);
    expect(usd.allies.map((ally) => ally.share)).toEqual(eur.allies.map((ally) => ally.share));
    expect(usd.notes.some((note) => note.includes("1.078376 USD per EUR"))).toBe(true);
    // The EU instruments are in EUR in the data, so their overlap grows by the rate.
    expect(new D(usd.euOverlap).gt(eur.euOverlap)).toBe(true);
  });

  test("--profile front: tranches 5/15 .. 1/15 of the total, each within one unit, adding up", () => {
    const report = json("front");
    expectConsistent(report, MILLION);
    const tranches = report.years.map((year) => new D(report.tranches[String(year)]));
    tranches.forEach((tranche, index) => {
      const exact = new D(DEFAULT_TOTAL).times(5 - index).div(15);
      expect(tranche.minus(exact).abs().lt(MILLION)).toBe(true);
    });
    expect(tranches.map((tranche) => tranche.div(MILLION).toFixed())).toEqual([
      "33333",
      "26667",
      "20000",
      "13333",
      "6667",
    ]);
  });

  test("--method pct-gdp --pct-gdp 0.25%: each ally pays 0.25% of GDP for 5 years; the total follows", () => {
    const report = json("pctGdp");
    expectConsistent(report, MILLION);
    for (const ally of report.allies) {
      const exact = gdp2024Eur(ally.iso3).times("0.0025").times(5);
      expect(new D(ally.total).minus(exact).abs().lt(MILLION)).toBe(true);
    }
    const exactTotal = totalGdp2024.times("0.0025").times(5);
    expect(new D(report.total).minus(exactTotal).abs().lt(MILLION)).toBe(true);
  });

  test("--total accepts 40000m and 100e9", () => {
    const forty = json("total40000m");
    expect(forty.total).toBe("40000000000");
    expectConsistent(forty, MILLION);
    expect(json("total100e9").allies).toEqual(json("defaults").allies);
  });
});

/** A minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
describe("csv and table output", () => {
  test("csv: a header, one row per ally and a total row, matching the json exactly", () => {
    expect(outputs.defaultsCsv.code).toBe(0);
    expect(outputs.defaultsCsv.stdout.startsWith(BOM)).toBe(true);
    const rows = parseCsv(outputs.defaultsCsv.stdout);
    const report = json("defaults");
    const years = report.years.map(String);
    const stated = ["yearly_share_of_gdp", "per_capita", "aid_credit", "currency", "rounding_unit", "sources"];
    // Every row names the datasets, each with its vintage and whether it is embedded.
    const sources = report.sources.map((source) => `${source.title} (vintage ${source.vintage}; embedded)`).join(" | ");
    expect(rows[0]).toEqual([
      "code",
      "name",
      "share",
      "total",
      ...years,
      "eu_overlap",
      "net_new",
      "constraint",
      ...stated,
    ]);
    expect(rows).toHaveLength(1 + 32 + 1);
    report.allies.forEach((ally, index) => {
      expect(rows[index + 1]).toEqual([
        ally.iso3,
        ally.name,
        ally.share,
        ally.total,
        ...years.map((year) => ally.byYear[year]),
        ally.euOverlap,
        ally.netNew,
        ally.constraint,
        ally.yearlyShareOfGdp ?? "",
        ally.perCapita ?? "",
        ally.aidCredit,
        "EUR",
        "1000000",
        sources,
      ]);
    });
    expect(rows[33]).toEqual([
      "TOTAL",
      "Total",
      "1",
      report.total,
      ...years.map((year) => report.tranches[year]),
      report.euOverlap,
      report.netNew,
      "",
      "",
      "",
      "",
      "EUR",
      "1000000",
      sources,
    ]);
  });

  test("table: every ally, the totals row, the notes and every source with its vintage", () => {
    const { code, stdout } = outputs.defaultsTable;
    expect(code).toBe(0);
    const report = json("defaults");
    expect(stdout).toContain("Amounts in EUR million");
    const totalLine = stdout.split("\n").find((line) => /^\s+Total\s/.test(line));
    expect(totalLine?.split(/\s+/).filter(Boolean).slice(0, 8)).toEqual([
      "Total",
      "100.000",
      "100,000",
      "20,000",
      "20,000",
      "20,000",
      "20,000",
      "20,000",
    ]);
    for (const ally of report.allies) expect(stdout).toMatch(new RegExp(`^${ally.iso3}\\s+${ally.name}\\s`, "m"));
    for (const note of report.notes) expect(stdout).toContain(note);
    for (const source of report.sources) {
      expect(stdout).toContain(source.title);
      expect(stdout).toContain(`vintage ${source.vintage}`);
    }
  });
});

describe("help", () => {
  test("allocate --help lists every parameter of allocate with its default", () => {
    const { code, stdout } = outputs.allocateHelp;
    expect(code).toBe(0);
    for (const parameter of parametersFor("allocate")) {
      expect(stdout).toMatch(new RegExp(`^  --${parameter.name} ${parameter.kind === "data" ? "FILE" : "VALUE"}`, "m"));
      if (parameter.default !== "") expect(stdout).toContain(`Default: ${parameter.default}.`);
    }
    expect(stdout).toContain("--format");
  });

  test("README.md shows the current allocate --help", () => {
    // The README pastes the generated help: when a parameter changes, paste the new output there.
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(readme).toContain(outputs.allocateHelp.stdout.trimEnd());
  });

  test("--help names the commands; no command at all is a usage error", () => {
    expect(outputs.help.code).toBe(0);
    expect(outputs.help.stdout).toMatch(/allocate[\s\S]*bench/);
    expect(outputs.noCommand.code).toBe(2);
    expect(outputs.noCommand.stderr).toContain("Usage: fair-share");
  });
});

describe("arguments after --version or --help", () => {
  test("help COMMAND and --help COMMAND show that command's help", () => {
    expect(outputs.helpAllocate).toEqual(outputs.allocateHelp);
    expect(outputs.dashHelpBench.code).toBe(0);
    expect(outputs.dashHelpBench.stdout).toMatch(/^Usage: fair-share bench /);
    const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(outputs.version).toEqual({ code: 0, stdout: `fair-share ${version}\n`, stderr: "" });
  });

  test.each([
    [["--version", "extra"], '"extra": unexpected argument; --version takes none. Run fair-share --version alone.'],
    [["-v", "extra"], '"extra": unexpected argument; -v takes none. Run fair-share -v alone.'],
    [["--version", "--help"], '"--help": unexpected argument; --version takes none. Run fair-share --version alone.'],
    [
      ["--help", "extra"],
      '"extra": not a command; --help takes one of allocate, track, sweep, tornado, solve, explain, scenarios, summary, data or bench, e.g. fair-share help allocate.',
    ],
    [
      ["-h", "extra"],
      '"extra": not a command; -h takes one of allocate, track, sweep, tornado, solve, explain, scenarios, summary, data or bench, e.g. fair-share help allocate.',
    ],
    [
      ["help", "extra"],
      '"extra": not a command; help takes one of allocate, track, sweep, tornado, solve, explain, scenarios, summary, data or bench, e.g. fair-share help allocate.',
    ],
    [["help", "allocate", "x"], '"x": unexpected argument; help takes one command. Run fair-share help allocate.'],
  ])("%j: exit 2, the extra argument refused", async (args, message) => {
    expect(await run(args)).toEqual({ code: 2, stdout: "", stderr: `fair-share: ${message}\n` });
  });
});

describe("bad flags and values", () => {
  test.each(BAD_CASES.map((badCase, index) => [badCase.args.join(" "), badCase.names, index] as const))(
    "allocate %s: exit 2, names %s",
    (_args, names, index) => {
      const output = badOutputs[index];
      expect(output.code).toBe(2);
      expect(output.stdout).toBe("");
      expect(output.stderr.startsWith("fair-share: ")).toBe(true);
      expect(output.stderr.split("\n")[0]).toContain(names);
    }
  );
});

describe("start-up: a command loads what it needs", () => {
  /**
   * What only --xlsx, --workbook, bench or data need: the workbook builders, the .xlsx writer and reader (and the
   * reader's zip library), the copy's reader (allocate-workbook.js), the benchmarks (not bench-common.js, the
   * benchmark's scenario, which the help names) and the data report.
   */
  // data-flags.js is the commands' shared reading of --data, --eu-data and --aid-data (its readers load only with them).
  const notForAllocate =
    /^(node_modules\/jszip\/|lib\/workbook\/|lib\/functions\/|lib\/cli\/(allocate-workbook|allocate-store|store-file|scenarios|bench|bench-functions|bench-startup|data-(?!flags)[a-z]+|track|track-report|sweep|sweep-report|solve|explain)\.js$)/;

  test("allocate without --xlsx loads neither the workbook writer nor the other commands' modules", async () => {
    const { code, modules } = await modulesLoaded(["allocate", "--exempt", "HUN", "--format", "json"]);
    expect(code).toBe(0);
    expect(modules).toContain("lib/engine/scenario.js");
    expect(modules.filter((file) => notForAllocate.test(file))).toEqual([]);
  });

  test("allocate --help loads none of them either; --xlsx loads the writer when asked", async () => {
    const help = await modulesLoaded(["allocate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.modules.filter((file) => notForAllocate.test(file))).toEqual([]);
    // The same check sees a module that is loaded: --xlsx to a folder that does not exist fails after loading it.
    const xlsx = await modulesLoaded(["allocate", "--xlsx", join(repoRoot, ".tmp", "no-such-folder", "a.xlsx")]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.modules).toContain("lib/workbook/portable-xlsx.js");
    expect(xlsx.modules).toContain("lib/workbook/zip.js");
    // --workbook loads the copy's reader, and only then: a file that is not there fails after loading it.
    const workbook = await modulesLoaded(["allocate", "--workbook", join(repoRoot, ".tmp", "no-such-file.xlsx")]);
    expect(workbook.code).toBe(2);
    expect(workbook.modules).toContain("lib/cli/allocate-workbook.js");
    expect(workbook.modules).toContain("lib/workbook/portable-read.js");
  });
});

describe("bench", () => {
  test("prints the three measurements and the target (timings themselves are not asserted)", () => {
    const { code, stdout } = outputs.bench;
    expect(code).toBe(0);
    expect(stdout).toContain("exact allocate() (integer fractions)");
    expect(stdout).toContain("float64 baseline");
    expect(stdout).toContain("runScenario() end to end");
    expect(stdout).toMatch(/Target: 200 µs per exact allocation; median [\d.]+ µs: (met|NOT met)\./);
  });

  test("prints each interactive-speed budget with its median, the budget, their ratio and a verdict", () => {
    const { stdout } = outputs.bench;
    const budgets: [string, string, string][] = [
      ["runScenario() end to end", "60.0", "µs"],
      ["runScenario() end to end / float64", "15.0", "x float"],
      ["FAIRSHARE.ALLOCATE via wrapper, memo hit", "20.0", "µs"],
      ["FAIRSHARE.ALLOCATE via wrapper, memo cleared", "150.0", "µs"],
      ["exact allocate() (integer fractions) / float64", "5.0", "x float"],
    ];
    const escape = (name: string): string => name.replace(/[()./]/g, "\\$&");
    const median = (name: string): number =>
      Number(new RegExp(`^${escape(name)} +(\\d+\\.\\d)`, "m").exec(stdout)?.[1]);
    for (const [name, budget, unit] of budgets) {
      const escaped = escape(name);
      const row = new RegExp(
        `^${escaped} +(\\d+\\.\\d) +${budget} +${unit} +(\\d+\\.\\d\\d) +(met|NOT met)$`,
        "m"
      ).exec(stdout);
      expect([name, row !== null]).toEqual([name, true]);
      const [, measured, ratio, verdict] = row!;
      // The ratio is the median over the budget, and the verdict follows the ratio.
      // (within the rounding of the printed median and ratio)
      expect(Math.abs(Number(ratio) - Number(measured) / Number(budget))).toBeLessThanOrEqual(0.02);
      expect(verdict).toBe(Number(ratio) <= 1 ? "met" : "NOT met");
    }
    // The microsecond rows repeat the timing table's medians; the ratios divide by the float baseline's.
    const float = median("float64 baseline (same rule)");
    const scenario = median("runScenario() end to end");
    const row = /^runScenario\(\) end to end \/ float64 +(\d+\.\d)/m.exec(stdout);
    expect(Math.abs(Number(row?.[1]) - scenario / float)).toBeLessThanOrEqual(0.1 + (0.05 * scenario) / float);
  });

  test("prints the command line's start-up beside Node's, both medians of whole processes, and their ratio", () => {
    const { stdout } = outputs.bench;
    const cli = /^node bin\/fair-share\.js allocate (--[a-z-]+ \S+ )+ *(\d+\.\d) +2$/m.exec(stdout);
    const node = /^node -e 0 +(\d+\.\d) +2$/m.exec(stdout);
    const ratio = /^Command line \/ Node start-up: (\d+\.\d\d)x\. Budget: 3x Node's start-up: (met|NOT met)\.$/m.exec(
      stdout
    );
    expect([cli, node, ratio].map((match) => match !== null)).toEqual([true, true, true]);
    expect(Number(cli![2])).toBeGreaterThan(0);
    expect(Number(node![1])).toBeGreaterThan(0);
    // The verdict follows the printed ratio.
    expect(ratio![2]).toBe(Number(ratio![1]) <= 3 ? "met" : "NOT met");
  });
});
