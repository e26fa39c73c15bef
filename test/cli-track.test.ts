/**
 * `fair-share track` as users run it: a process on the compiled lib/ (test/helpers/cli.ts). The must-show cases of the
 * feature, the three output formats, the sort orders, the refusals and the help. Delivered aid is checked against the
 * tracker's raw file, read here on its own.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

import type { TrackReport } from "../src/cli/track-report";
import { parametersFor } from "../src/engine/parameters";
import { commandRuns, modulesLoaded, parseCsv, repoRoot } from "./helpers/cli";

/** Exact decimal arithmetic on amounts of at most six decimals, as integers of millionths. */
function micros(text: string): bigint {
  const [whole, fraction = ""] = text.replace(/^-/, "").split(".");
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6) || "0");
  if (fraction.length > 6) throw new Error(`${text}: more than six decimals`);
  return text.startsWith("-") ? -value : value;
}

/** Each donor's military allocations per month from data_explorer.csv, in millionths of a euro billion (EUR 1k). */
const RAW = readFileSync(join(repoRoot, "data", "kiel-release-29", "data_explorer.csv"), "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(",").map((cell) => cell.replace(/"/g, "")))
  .map(([, iso, year, month, , , , military, commitments]) => ({
    iso,
    month: `${year}-${month.padStart(2, "0")}`,
    military,
    commitments,
  }));

/** A donor's military allocations in a window, in euros. */
function militaryEuros(iso: string, from: string, to: string): bigint {
  const thousands = RAW.filter((r) => r.iso === iso && r.month >= from && r.month <= to).reduce(
    (sum, r) => sum + micros(r.military),
    0n
  );
  return thousands * 1000n;
}

/** An --eu-add file of one instrument, as allocate takes it. */
const EU_ADD_FILE = join(repoRoot, ".tmp", "cli-track-eu-add.txt");
mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
writeFileSync(EU_ADD_FILE, "# one instrument a line\nUAF2 2bn 2024\n");

const runs = commandRuns(
  {
    mustShow: ["track", "--per-year", "40bn", "--start", "2024", "--years", "1", "--exempt", "HUN", "--format", "json"],
    mustShowTable: ["track", "--per-year", "40bn", "--start", "2024", "--years", "1", "--exempt", "HUN"],
    mustShowCsv: [
      "track",
      "--per-year",
      "40bn",
      "--start",
      "2024",
      "--years",
      "1",
      "--exempt",
      "HUN",
      "--format",
      "csv",
    ],
    lateWindow: ["track", "--per-year", "40bn", "--from", "2025-07", "--to", "2026-06", "--format", "json"],
    lateWindowTable: ["track", "--per-year", "40bn", "--from", "2025-07", "--to", "2026-06"],
    byGap: ["track", "--per-year", "40bn", "--start", "2024", "--years", "1", "--sort", "gap", "--format", "json"],
    byShare: ["track", "--per-year", "40bn", "--start", "2024", "--years", "1", "--sort", "share", "--format", "json"],
    countEu: ["track", "--per-year", "40bn", "--start", "2025", "--years", "1", "--count-eu", "--format", "json"],
    countEuTable: ["track", "--per-year", "40bn", "--start", "2025", "--years", "1", "--count-eu"],
    help: ["track", "--help"],
    euAddFile: [
      "track",
      "--per-year",
      "40bn",
      "--start",
      "2024",
      "--years",
      "1",
      "--count-eu",
      "--eu",
      "none",
      "--eu-add",
      `@${EU_ADD_FILE}`,
      "--format",
      "json",
    ],
  },
  [
    ["track", "--credit", "50%"],
    ["track", "--from", "2027-01", "--to", "2027-12"],
    ["track", "--count-eu=yes"],
    ["allocate", "--from", "2024-07"],
    ["track", "--from", "2024-01"],
    ["track", "--sort", "delivered"],
  ]
);

const { badOutputs } = runs;
const stdout = (name: keyof typeof runs.outputs): string => runs.stdout(name);
const json = (name: keyof typeof runs.outputs): TrackReport => JSON.parse(stdout(name)) as TrackReport;

describe("the must-show case: EUR 40bn for 2024, Hungary exempt", () => {
  test("fair shares add up to exactly 40000000000", () => {
    const report = json("mustShow");
    expect(report.pledge).toBe("40000000000");
    expect(report.allies).toHaveLength(32);
    expect(report.allies.reduce((sum, ally) => sum + BigInt(ally.fairShare), 0n)).toBe(40_000_000_000n);
    expect(report.totals.fairShare).toBe("40000000000");
    expect(report.allies.find((ally) => ally.iso3 === "HUN")?.fairShare).toBe("0");
  });

  test("each tracked ally's delivered is its Kiel military allocations of January-December 2024", () => {
    for (const ally of json("mustShow").allies.filter((candidate) => candidate.tracked)) {
      expect([ally.iso3, ally.delivered]).toEqual([ally.iso3, String(militaryEuros(ally.iso3, "2024-01", "2024-12"))]);
    }
  });

  test("gap is fairShare - delivered, exactly", () => {
    for (const ally of json("mustShow").allies.filter((candidate) => candidate.tracked)) {
      expect(micros(ally.gap as string)).toBe(micros(ally.fairShare) - micros(ally.delivered as string));
    }
  });

  test("Albania, Montenegro and North Macedonia are marked not tracked, with no figure, never 0", () => {
    const report = json("mustShow");
    const untracked = report.allies.filter((ally) => !ally.tracked);
    expect(untracked.map((ally) => ally.iso3).sort()).toEqual(["ALB", "MKD", "MNE"]);
    for (const ally of untracked) {
      expect([ally.delivered, ally.gap, ally.deliveredShare]).toEqual([null, null, null]);
      expect(BigInt(ally.fairShare) > 0n).toBe(true);
    }
    expect([...report.totals.notTracked].sort()).toEqual(["ALB", "MKD", "MNE"]);
  });

  test("the totals add up from the allies: delivered, gaps, shortfalls, coverage", () => {
    const report = json("mustShow");
    const tracked = report.allies.filter((ally) => ally.tracked);
    const delivered = tracked.reduce((sum, ally) => sum + micros(ally.delivered as string), 0n);
    expect(micros(report.totals.delivered)).toBe(delivered);
    const gaps = tracked.map((ally) => micros(ally.gap as string));
    expect(micros(report.totals.gap)).toBe(gaps.reduce((sum, gap) => sum + gap, 0n));
    expect(micros(report.totals.shortfall)).toBe(gaps.filter((gap) => gap > 0n).reduce((sum, gap) => sum + gap, 0n));
    expect(Number(report.totals.coverage)).toBeCloseTo(Number(delivered) / 1e6 / 40e9, 9);
    expect(report.window).toMatchObject({ from: "2024-01", to: "2024-12", months: 12, notCovered: [] });
    expect(report.scenario).toMatchObject({ delivered: "allocations", countEu: false, method: "gdp", gdpYear: 2024 });
  });

  test("the table marks them not tracked and ends with a totals row; the csv leaves their figures empty", () => {
    const table = stdout("mustShowTable");
    expect(table).toMatch(/^ALB +Albania +19\.000 +not tracked +not tracked +not tracked/m);
    expect(table).toMatch(/^ +Total +40,000\.000 /m);
    expect(table).toContain("Not tracked: ALB, MNE, MKD");
    const rows = parseCsv(stdout("mustShowCsv"));
    expect(rows[0].slice(0, 9)).toEqual([
      "code",
      "name",
      "tracked",
      "fair_share",
      "delivered",
      "delivered_bilateral",
      "delivered_eu",
      "gap",
      "delivered_share",
    ]);
    const albania = rows.find((row) => row[0] === "ALB") as string[];
    expect(albania.slice(2, 9)).toEqual(["no", albania[3], "", "", "", "", ""]);
    const total = rows[rows.length - 1];
    expect([total[0], total[3]]).toEqual(["TOTAL", "40000000000"]);
  });
});

describe("a window reaching past the data", () => {
  test("--from 2025-07 --to 2026-06 names May and June 2026 as not covered", () => {
    const report = json("lateWindow");
    expect(report.window).toMatchObject({
      from: "2025-07",
      to: "2026-06",
      months: 12,
      dataTo: "2026-04",
      monthsWithData: 10,
      notCovered: ["2026-05", "2026-06"],
    });
    expect(report.notes.join("\n")).toContain("Not covered by the data: May and June 2026");
    expect(stdout("lateWindowTable")).toContain("- Not covered by the data: May and June 2026");
    for (const ally of report.allies.filter((candidate) => candidate.tracked)) {
      expect(ally.delivered).toBe(String(militaryEuros(ally.iso3, "2025-07", "2026-06")));
    }
  });
});

describe("sort orders and count-eu", () => {
  test("--sort gap puts the largest shortfall first and the untracked allies last", () => {
    const allies = json("byGap").allies;
    const gaps = allies.filter((ally) => ally.tracked).map((ally) => micros(ally.gap as string));
    expect(gaps).toEqual([...gaps].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(allies.slice(-3).every((ally) => !ally.tracked)).toBe(true);
  });

  test("--sort share puts the largest fair share first", () => {
    const shares = json("byShare").allies.map((ally) => BigInt(ally.fairShare));
    expect(shares).toEqual([...shares].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });

  test("--count-eu adds each EU member's share of the instruments to its bilateral aid", () => {
    const report = json("countEu");
    expect(report.scenario.countEu).toBe(true);
    expect(report.euInstruments?.map((instrument) => instrument.id)).toEqual(["EDIP_USI"]);
    for (const ally of report.allies.filter((candidate) => candidate.tracked)) {
      expect(micros(ally.delivered as string)).toBe(
        micros(ally.deliveredBilateral as string) + micros(ally.deliveredEu as string)
      );
    }
    expect(report.allies.find((ally) => ally.iso3 === "USA")?.deliveredEu).toBe("0");
    expect(stdout("countEuTable")).toMatch(/^Code +Name +Fair share +Bilateral +EU +Delivered +Gap/m);
    expect(stdout("countEuTable")).toMatch(/^Flags: .*--count-eu$/m);
  });
});

test("--eu-add @FILE reads the instruments from the file, as allocate does; the report keeps the flag", () => {
  const report = json("euAddFile");
  expect(report.euInstruments?.map((instrument) => [instrument.id, instrument.amount])).toEqual([
    ["UAF2", "2000000000"],
  ]);
  expect(report.parameters["eu-add"]).toBe(`@${EU_ADD_FILE}`);
  expect(report.totals.deliveredEu).not.toBe("0");
});

describe("refusals and help", () => {
  test("a parameter with no effect, a window without data, a switch with a value: exit 2 with the reason", () => {
    const [credit, outside, switchValue, allocateFrom, halfWindow, badSort] = badOutputs;
    expect(credit.code).toBe(2);
    expect(credit.stderr).toMatch(/^fair-share: --credit: cannot be used with track \(track measures/);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("--from: 2027-01 to 2027-12 has no data");
    expect(switchValue.stderr).toContain("--count-eu: takes no value.");
    expect(allocateFrom.code).toBe(2);
    expect(allocateFrom.stderr).toMatch(/--from: cannot be used with allocate \(it sets the first month of track/);
    expect(halfWindow.stderr).toContain("--to: is required with from.");
    expect(badSort.stderr).toContain('"delivered" is not one of gap, share, code, name');
  });

  test("track --help lists track's parameters, --count-eu as a switch, and not allocate's own", () => {
    const help = stdout("help");
    for (const parameter of parametersFor("track")) {
      const value = parameter.kind === "data" ? "FILE" : "VALUE";
      const label = parameter.kind === "switch" ? `--${parameter.name}` : `--${parameter.name} ${value}`;
      expect(help).toMatch(new RegExp(`^  ${label} `, "m"));
    }
    for (const name of ["credit", "aid-from", "profile", "overlap-threshold"]) {
      expect(help).not.toMatch(new RegExp(`^  --${name} `, "m"));
    }
    expect(help).toContain("--sort VALUE");
  });

  test("README.md shows the current track --help", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(readme).toContain(stdout("help").trimEnd());
  });

  test("track loads neither the workbook writer nor the other commands' modules", async () => {
    const { code, modules } = await modulesLoaded(["track", "--exempt", "HUN", "--format", "json"]);
    expect(code).toBe(0);
    expect(modules).toContain("lib/cli/track.js");
    // data-flags.js reads the data flags allocate and track share; the data readers load only when one is given.
    expect(
      modules.filter((file) =>
        /^(node_modules\/(exceljs|jszip)\/|lib\/workbook\/|lib\/functions\/|lib\/cli\/(allocate|report|bench|bench-functions|bench-startup|data-(?!flags)[a-z]+)\.js$)/.test(
          file
        )
      )
    ).toEqual([]);
  });
});
