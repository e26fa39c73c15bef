/**
 * The user's own data through the command line as users run it: export with `fair-share data --format csv`, edit,
 * pass back with --data (and --eu-data); a new Kiel release checked by `fair-share data import-kiel` and used with
 * --aid-data. Figures are checked with decimal.js against the files, never against the engine's own arithmetic.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { Decimal } from "decimal.js";

import { modulesLoaded, parseCsv, run, type Run } from "./helpers/cli";

const D = Decimal.clone({ precision: 80 });
type D = Decimal;

interface SourceJson {
  id: string;
  title: string;
  origin: "embedded" | "user";
  file: string | null;
  vintage: string;
  dataset: string;
}
interface ReportJson {
  total: string;
  scenario: { gdpYear: number; aidWindow: { from: string; to: string } | null };
  allies: { iso3: string; share: string; total: string; byYear: Record<string, string>; aidCredit: string }[];
  notes: string[];
  sources: SourceJson[];
  edition: { id: string; label: string; embedded: boolean };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fair-share-data-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command and returns its output, failing with its stderr when it did not exit 0. */
async function ok(args: readonly string[]): Promise<Run> {
  const result = await run(args);
  if (result.code !== 0) throw new Error(`fair-share ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return result;
}

/** Rows back to csv (fields quoted when needed), without a byte-order mark. */
function toCsvText(rows: readonly (readonly string[])[]): string {
  const field = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(field).join(",")).join("\n") + "\n";
}

/** Every figure of a report, without what names the data (sources, notes, edition). */
function figuresOf(report: ReportJson): unknown {
  return report.allies.map((ally) => [ally.iso3, ally.share, ally.total, ally.byYear, ally.aidCredit]);
}

describe("--data: the export is the import format", () => {
  let exported: string[][];
  beforeAll(async () => {
    exported = parseCsv((await ok(["data", "--format", "csv"])).stdout);
  });

  test("must show: Germany's 2024 GDP doubled in d.csv; its share is its doubled GDP over the new sum", async () => {
    const rows = exported.map((row) => [...row]);
    const column = rows[0].indexOf("gdp_2024_eur_bn");
    const germany = rows.find((row) => row[0] === "DEU") as string[];
    germany[column] = new D(germany[column]).times(2).toFixed();
    const file = join(dir, "d.csv");
    writeFileSync(file, toCsvText(rows));
    const report = JSON.parse((await ok(["allocate", "--data", file, "--format", "json"])).stdout) as ReportJson;
    const allies = rows.filter((row) => row[3] !== "" && row[0] !== "iso3");
    expect(allies).toHaveLength(32);
    const sum = allies.reduce((total, row) => total.plus(row[column]), new D(0));
    const expected = new D(germany[column]).div(sum).toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN);
    expect(report.allies.find((ally) => ally.iso3 === "DEU")?.share).toBe(expected.toFixed());
    // Every other ally's share too.
    for (const row of allies) {
      const share = new D(row[column]).div(sum).toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN).toFixed();
      expect([row[0], report.allies.find((ally) => ally.iso3 === row[0])?.share]).toEqual([row[0], share]);
    }
    const gdp = report.sources.find((source) => source.dataset === "gdp") as SourceJson;
    expect(gdp).toMatchObject({ id: "user-gdp", origin: "user", file, vintage: "not stated" });
    expect(gdp.title).toContain(file);
    expect(report.edition.embedded).toBe(false);
    expect(report.notes).toContainEqual(expect.stringContaining(`GDP 2024 from ${file}`));
    // The embedded datasets still used say so.
    expect(report.sources.filter((source) => source.origin === "embedded").map((source) => source.id)).toEqual([
      "eu-instruments",
    ]);
  });

  test("must show: a file with gdp_2025_eur_bn for every ally makes --data f.csv --gdp-year 2025 work", async () => {
    const column = exported[0].indexOf("gdp_2024_eur_bn");
    const rows = [
      ["iso3", "gdp_2025_eur_bn"],
      ...exported.slice(1, 33).map((row) => [row[0], new D(row[column]).times("1.04").toFixed()]),
    ];
    const file = join(dir, "f.csv");
    writeFileSync(file, `# vintage: 2025 estimates\n${toCsvText(rows)}`);
    const report = JSON.parse(
      (await ok(["allocate", "--data", file, "--gdp-year", "2025", "--format", "json"])).stdout
    ) as ReportJson;
    expect(report.scenario.gdpYear).toBe(2025);
    expect(report.sources.find((source) => source.dataset === "gdp")).toMatchObject({
      origin: "user",
      file,
      vintage: "2025 estimates",
    });
    const table = (await ok(["allocate", "--data", file, "--gdp-year", "2025"])).stdout;
    expect(table).toContain("by share of 2025 GDP");
    expect(table).toContain(`Your data, from ${file}`);
    const refused = await run(["allocate", "--gdp-year", "2025"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--gdp-year: 2025: the data has no GDP for that year; it has 2023 and 2024.");
  });

  test("must show: a duplicated ally row is refused with exit 2 and a message naming the row", async () => {
    const rows = exported.map((row) => [...row]);
    rows.splice(13, 0, [...(rows.find((row) => row[0] === "DEU") as string[])]);
    const file = join(dir, "twice.csv");
    writeFileSync(file, toCsvText(rows));
    const refused = await run(["allocate", "--data", file]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `fair-share: --data (${file} row 14, iso3): DEU (Germany) has a second row, row 14 (its first is row 12). Keep one of them.\n`
    );
  });

  test("round trip: both exports passed back unchanged give identical figures", async () => {
    const data = join(dir, "same.csv");
    const eu = join(dir, "same-eu.csv");
    writeFileSync(data, (await ok(["data", "--format", "csv"])).stdout);
    writeFileSync(eu, (await ok(["data", "--eu", "--format", "csv"])).stdout);
    for (const flags of [
      [],
      ["--credit", "50%", "--exempt", "HUN"],
      ["--eu", "adopted,EPF_PROPOSAL", "--cap", "USA=30%"],
    ]) {
      const mine = JSON.parse(
        (await ok(["allocate", ...flags, "--data", data, "--eu-data", eu, "--format", "json"])).stdout
      ) as ReportJson;
      const embedded = JSON.parse((await ok(["allocate", ...flags, "--format", "json"])).stdout) as ReportJson;
      expect(figuresOf(mine)).toEqual(figuresOf(embedded));
      expect(mine.sources.some((source) => source.origin === "user" && source.file === eu)).toBe(true);
    }
    // Exported again from the user's edition, the figure columns are the file's.
    const again = parseCsv((await ok(["data", "--data", data, "--format", "csv"])).stdout);
    const sources = again[0].indexOf("sources");
    expect(again.map((row) => row.slice(0, sources))).toEqual(exported.map((row) => row.slice(0, sources)));
    expect(again[1][sources]).toContain(`${data}: GDP 2023 and 2024 (vintage not stated; your data)`);
  });

  test("a unit off by a factor of 1,000 is a warning on stderr (and a note), not a refusal", async () => {
    const rows = exported.map((row) => [...row]);
    const column = rows[0].indexOf("gdp_2024_eur_bn");
    const france = rows.find((row) => row[0] === "FRA") as string[];
    france[column] = new D(france[column]).times(1000).toFixed();
    const file = join(dir, "millions.csv");
    writeFileSync(file, toCsvText(rows));
    const result = await ok(["allocate", "--data", file, "--format", "json"]);
    expect(result.stderr).toBe(
      `fair-share: warning: ${file} row 11, gdp_2024_eur_bn: FRA (France) 2893562 is about 1,000 times the embedded 2893.562; the column is in EUR billion: check its unit.\n`
    );
    expect((JSON.parse(result.stdout) as ReportJson).notes).toContainEqual(
      expect.stringContaining("about 1,000 times")
    );
  });

  test("--xlsx writes the portable copy on the user's data (test/cli-workbook.test.ts reads it back)", async () => {
    const written = await run(["allocate", "--data", join(dir, "d.csv"), "--xlsx", join(dir, "x.xlsx")]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain("wrote the portable workbook");
  });

  test("a file that is not there, or a folder, is a usage error naming the flag", async () => {
    const missing = await run(["allocate", "--data", join(dir, "nothing.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^fair-share: --data: cannot read the file .*nothing\.csv \(ENOENT\)/);
    const folder = await run(["allocate", "--eu-data", dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("--eu-data: ");
  });
});

/** A Kiel release in the tracker's own format, small: a few donors and months. */
function writeRelease(folder: string, options: { totalsOff?: boolean; releaseInfo?: boolean } = {}): void {
  mkdirSync(folder, { recursive: true });
  const months = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"];
  const donors: [string, string, string[]][] = [
    ["Germany", "DEU", ["1.25", "0", "0.5", "2.125", "0", "0.75", "1"]],
    ["United States", "USA", ["0", "3.5", "0", "0", "1.000001", "0", "2"]],
    ["Norway", "NOR", ["0.2", "0.2", "0.2", "0.2", "0.2", "0.2", "0.2"]],
    ["EU (Commission and Council)", "EU", ["0", "0", "0", "0", "0", "0", "0"]],
  ];
  const header =
    '"country","iso","year","month","total","financial","humanitarian","military","commitments","to_be_allocated","gdp","pct_gdp"';
  const lines = [header];
  for (const [country, iso, figures] of donors) {
    months.forEach((month, index) => {
      const [year, number] = month.split("-");
      const value = figures[index];
      lines.push(`"${country}","${iso}",${year},${Number(number)},${value},0,0,${value},${value},0,1000,0.1`);
    });
  }
  writeFileSync(join(folder, "data_explorer.csv"), lines.join("\n") + "\n");
  if (options.releaseInfo !== false) {
    writeFileSync(
      join(folder, "release_info.csv"),
      '"release","period","date","label"\n"30","05/2026","2026-11-04","Ukraine Support Tracker, Release 30 (05/2026)"\n'
    );
  }
  const totals = ['"year","month","total_allocations","military","financial","humanitarian"'];
  months.forEach((month, index) => {
    const sum = donors.reduce((total, [, , figures]) => total.plus(figures[index]), new D(0));
    const military = options.totalsOff && index === 2 ? sum.plus("0.5") : sum;
    const [year, number] = month.split("-");
    totals.push(`${year},${Number(number)},${military.toFixed()},${military.toFixed()},0,0`);
  });
  writeFileSync(join(folder, "total_allocations.csv"), totals.join("\n") + "\n");
}

describe("import-kiel and --aid-data", () => {
  test("must show: import-kiel on a release-format file, then allocate --credit 50% --aid-data DIR uses it", async () => {
    const source = join(dir, "release-30");
    const out = join(dir, "kiel-release-30");
    writeRelease(source);
    const imported = await ok(["data", "import-kiel", join(source, "data_explorer.csv"), "--out", out]);
    expect(imported.stdout).toContain(
      "Read data_explorer.csv: Ukraine Support Tracker, Release 30 (05/2026), published 2026-11-04; 28 rows, 4 donors, 2025-11 to 2026-05; each month's total checked against total_allocations.csv (7 months)."
    );
    expect(readFileSync(join(out, "data_explorer.csv"), "utf8")).toBe(
      readFileSync(join(source, "data_explorer.csv"), "utf8")
    );
    const report = JSON.parse(
      (await ok(["allocate", "--credit", "50%", "--aid-data", out, "--format", "json"])).stdout
    ) as ReportJson;
    // The window runs from January of the start year to the release's last month.
    expect(report.scenario.aidWindow).toEqual({ from: "2024-01", to: "2026-05" });
    const credit = (code: string): string => report.allies.find((ally) => ally.iso3 === code)?.aidCredit as string;
    expect(credit("DEU")).toBe(new D("5.625").times("1e9").div(2).toFixed());
    expect(credit("USA")).toBe(new D("6.500001").times("1e9").div(2).toFixed());
    expect(credit("NOR")).toBe(new D("1.4").times("1e9").div(2).toFixed());
    expect(credit("FRA")).toBe("0");
    expect(report.notes).toContain(
      "Aid credit: bilateral military allocations 2024-01 to 2026-05 (Ukraine Support Tracker, Release 30 (05/2026))."
    );
    expect(report.notes).toContainEqual(expect.stringContaining("not tracked by the Kiel Ukraine Support Tracker"));
    const aid = report.sources.find((source) => source.dataset === "aid") as SourceJson;
    expect(aid).toMatchObject({ origin: "user", file: out, vintage: "2025-11 to 2026-05" });
    expect(aid.title).toContain("Release 30 (05/2026)");
    const table = (await ok(["allocate", "--credit", "50%", "--aid-data", out])).stdout;
    expect(table).toContain("Release 30 (05/2026)");
  });

  test("the release from flags when no release_info.csv is beside the file; written into DIR", async () => {
    const source = join(dir, "bare");
    const out = join(dir, "from-flags");
    writeRelease(source, { releaseInfo: false });
    const file = join(source, "data_explorer.csv");
    const refused = await run(["data", "import-kiel", file, "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("no release_info.csv beside the file: give the release with --release N");
    await ok([
      "data",
      "import-kiel",
      file,
      "--out",
      out,
      "--release",
      "30",
      "--period",
      "05/2026",
      "--date",
      "2026-11-04",
    ]);
    expect(readFileSync(join(out, "release_info.csv"), "utf8")).toBe(
      'release,period,date,label\n30,05/2026,2026-11-04,"Ukraine Support Tracker, Release 30 (05/2026)"\n'
    );
    const again = await run([
      "data",
      "import-kiel",
      file,
      "--out",
      out,
      "--release",
      "30",
      "--period",
      "05/2026",
      "--date",
      "2026-11-04",
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists; add --force to overwrite");
    const report = JSON.parse((await ok(["data", "--aid-data", out, "--format", "json"])).stdout) as {
      aidWindow: { from: string; to: string };
      sources: SourceJson[];
    };
    expect(report.aidWindow).toEqual({ from: "2025-11", to: "2026-05" });
    expect(report.sources.find((s) => s.dataset === "aid")).toMatchObject({ origin: "user", file: out });
  });

  test("a month whose rows do not add up to total_allocations.csv is refused, naming it; nothing is written", async () => {
    const source = join(dir, "off");
    const out = join(dir, "off-out");
    writeRelease(source, { totalsOff: true });
    const refused = await run(["data", "import-kiel", join(source, "data_explorer.csv"), "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `fair-share: import-kiel: ${join(source, "total_allocations.csv")} line 4: the military total of 2026-01 is 1.2, but the 4 donor rows of that month add up to 0.700000\n`
    );
    const missing = await run(["allocate", "--credit", "50%", "--aid-data", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("is not a folder; give the folder fair-share data import-kiel wrote");
  });

  test("allocate without a data flag loads no data reader; with one it does", async () => {
    const plain = await modulesLoaded(["allocate", "--format", "json"]);
    expect(plain.modules.filter((file) => /lib\/cli\/(data-files|import-kiel)\.js$/.test(file))).toEqual([]);
    const withData = await modulesLoaded(["allocate", "--data", join(dir, "d.csv"), "--format", "json"]);
    expect(withData.code).toBe(0);
    expect(withData.modules).toContain("lib/cli/data-files.js");
    // track the same way.
    const track = await modulesLoaded(["track", "--per-year", "40bn", "--start", "2024", "--years", "1"]);
    expect(track.code).toBe(0);
    expect(track.modules.filter((file) => /lib\/cli\/(data-files|import-kiel)\.js$/.test(file))).toEqual([]);
  });
});

describe("track on the user's data", () => {
  interface TrackJson {
    allies: { iso3: string; fairShare: string; fairShareExact: string; delivered: string | null; tracked: boolean }[];
    window: { notCovered: string[] };
    scenario: { release: string };
    notes: string[];
    sources: SourceJson[];
    edition: { embedded: boolean };
  }
  const pledge = ["--per-year", "40bn", "--start", "2024", "--years", "1", "--exempt", "HUN"];

  test("--data: Germany's 2024 GDP doubled; each fair share is its GDP over the payers' new sum times the pledge", async () => {
    const exported = parseCsv((await ok(["data", "--format", "csv"])).stdout);
    const rows = exported.map((row) => [...row]);
    const column = rows[0].indexOf("gdp_2024_eur_bn");
    const germany = rows.find((row) => row[0] === "DEU") as string[];
    germany[column] = new D(germany[column]).times(2).toFixed();
    const file = join(dir, "track-d.csv");
    writeFileSync(file, toCsvText(rows));
    const report = JSON.parse((await ok(["track", ...pledge, "--data", file, "--format", "json"])).stdout) as TrackJson;
    const embedded = JSON.parse((await ok(["track", ...pledge, "--format", "json"])).stdout) as TrackJson;
    // By hand: P x GDP_i / the sum of the GDP of those who pay (every ally but Hungary), from the edited file.
    const payers = rows.filter((row) => row[0] !== "iso3" && row[3] !== "" && row[0] !== "HUN");
    expect(payers).toHaveLength(31);
    const sum = payers.reduce((total, row) => total.plus(row[column]), new D(0));
    const pledged = new D("40e9");
    for (const row of payers) {
      const ally = report.allies.find((candidate) => candidate.iso3 === row[0]);
      const exact = pledged.times(row[column]).div(sum);
      expect([row[0], ally?.fairShareExact]).toEqual([
        row[0],
        exact.toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN).toFixed(),
      ]);
      // Rounded to EUR 1m, within one unit of the exact share.
      expect(
        exact
          .minus(ally?.fairShare ?? "NaN")
          .abs()
          .lte("1e6")
      ).toBe(true);
    }
    const deu = (json: TrackJson) => json.allies.find((ally) => ally.iso3 === "DEU");
    expect(new D(deu(report)?.fairShare ?? "0").gt(deu(embedded)?.fairShare ?? "0")).toBe(true);
    // Delivered is the embedded aid still: only GDP came from the file.
    expect(deu(report)?.delivered).toBe(deu(embedded)?.delivered);
    expect(report.allies.reduce((total, ally) => total.plus(ally.fairShare), new D(0)).toFixed()).toBe("40000000000");
    expect(report.edition.embedded).toBe(false);
    expect(report.sources.find((source) => source.dataset === "gdp")).toMatchObject({ origin: "user", file });
    expect(report.sources.find((source) => source.dataset === "aid")).toMatchObject({ origin: "embedded" });
    const csv = parseCsv((await ok(["track", ...pledge, "--data", file, "--format", "csv"])).stdout);
    expect(csv[0][csv[0].length - 1]).toBe("sources");
    expect(csv[1][csv[0].length - 1]).toContain(`${file}: GDP 2023 and 2024 (vintage not stated; your data)`);
  });

  test("--aid-data: delivered is the release's, over its months; the table names the release", async () => {
    const source = join(dir, "release-30-track");
    const out = join(dir, "kiel-release-30-track");
    writeRelease(source);
    await ok(["data", "import-kiel", join(source, "data_explorer.csv"), "--out", out]);
    const window = ["--total", "35bn", "--from", "2025-11", "--to", "2026-05"];
    const report = JSON.parse(
      (await ok(["track", ...window, "--aid-data", out, "--format", "json"])).stdout
    ) as TrackJson;
    const delivered = (code: string) => report.allies.find((ally) => ally.iso3 === code)?.delivered;
    // The fixture's months, added up: Germany 1.25 + 0.5 + 2.125 + 0.75 + 1, Norway 0.2 a month.
    expect(delivered("DEU")).toBe(new D("5.625").times("1e9").toFixed());
    expect(delivered("USA")).toBe(new D("6.500001").times("1e9").toFixed());
    expect(delivered("NOR")).toBe(new D("1.4").times("1e9").toFixed());
    // France has no row in this release: not tracked, never 0.
    expect(report.allies.find((ally) => ally.iso3 === "FRA")).toMatchObject({ tracked: false, delivered: null });
    // The release runs to May 2026, which the embedded one does not cover.
    expect(report.window.notCovered).toEqual([]);
    expect(report.scenario.release).toContain("Release 30 (05/2026)");
    expect(report.sources.find((s) => s.dataset === "aid")).toMatchObject({ origin: "user", file: out });
    const embedded = JSON.parse((await ok(["track", ...window, "--format", "json"])).stdout) as TrackJson;
    expect(embedded.window.notCovered).toEqual(["2026-05"]);
    const table = (await ok(["track", ...window, "--aid-data", out])).stdout;
    expect(table).toContain("Release 30 (05/2026)");
    expect(table).toMatch(/^Data: .*kiel-release-30-track \(your data: .*Release 30/m);
    // Commitments come from the embedded release, and the note says why.
    const commitments = JSON.parse(
      (await ok(["track", ...pledge, "--delivered", "commitments", "--aid-data", out, "--format", "json"])).stdout
    ) as TrackJson;
    expect(commitments.notes).toContainEqual(expect.stringContaining("carries allocations only"));
    expect(commitments.sources.find((s) => s.dataset === "aid")).toMatchObject({ origin: "embedded" });
  });
});
