/**
 * The EU instruments through each face: the command line (JSON fields, --eu-add and an --eu-add file) and the custom
 * functions (an eu-add row in the inputs block). Amounts are checked against hand-worked GNI shares with decimal.js.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Decimal } from "decimal.js";

import { EU_GNI, EU_INSTRUMENTS, SOURCE_IDS } from "../src/data";
import { overlap } from "../src/functions/functions";
import { commandRuns } from "./helpers/cli";
import { OMITTED } from "./helpers/functions";

const D = Decimal.clone({ precision: 80 });
const gni = (code: string): Decimal => new D(EU_GNI.find((r) => r.iso3 === code)?.gniEurBn as string);
const gniOver = (codes: readonly string[]): Decimal => codes.reduce((sum, code) => sum.plus(gni(code)), new D(0));
const THE_24 = EU_GNI.map((r) => r.iso3).filter((code) => !["CZE", "HUN", "SVK"].includes(code));

type ByYear = Record<string, string>;
interface ReportJson {
  allies: { iso3: string; overlapByYear: ByYear; euAttributedByYear: ByYear; byYear: ByYear }[];
  euAttribution: { byYear: ByYear; byState: Record<string, ByYear> };
  scenario: { euInstruments: { id: string; states: string[]; added: boolean; amount: string }[] };
  notes: string[];
  sources: { id: string; instruments?: Record<string, string>[] }[];
}

const workDir = mkdtempSync(join(tmpdir(), "fair-share-eu-"));
const addFile = join(workDir, "instruments.txt");
writeFileSync(addFile, "# instruments of my own\nUSL2 45bn 2028-2029 EU27 -CZE -HUN -SVK\n\nPOOL 2bn 2028 DEU FRA\n");

// 2028-2029 with no embedded instrument: only the one added counts.
const onlyAdded = (euAdd: string): string[] => [
  "allocate",
  "--start",
  "2028",
  "--years",
  "2",
  "--eu",
  "none",
  "--eu-add",
  euAdd,
  "--format",
  "json",
];
const COMMANDS = {
  default2026: ["allocate", "--start", "2026", "--years", "2", "--format", "json"],
  usl: ["allocate", "--start", "2026", "--years", "2", "--eu", "USL_MIL", "--format", "json"],
  start2025: ["allocate", "--start", "2025"],
  added: onlyAdded("USL2 45bn 2028-2029 EU27 -CZE -HUN -SVK"),
  addedFile: onlyAdded(`@${addFile}`),
  missingFile: ["allocate", "--eu-add", `@${join(workDir, "nope.txt")}`],
  badAdd: ["allocate", "--eu-add", "X 5bn someday"],
};
const { outputs: runs, stdout } = commandRuns(COMMANDS, []);
const json = (name: keyof typeof COMMANDS): ReportJson => JSON.parse(stdout(name)) as ReportJson;

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("fair-share allocate --start 2026 --years 2 --format json", () => {
  test("Hungary, Czechia and Slovakia: no part of USL_MIL; Germany's overlap is positive both years", () => {
    const report = json("default2026");
    const ally = (code: string) => report.allies.find((a) => a.iso3 === code);
    for (const code of ["HUN", "CZE", "SVK"]) {
      // Their only counted instrument in 2026-2027 is EDIP_USI (EU27, EUR 0.1bn a year): at most EUR 2m a year.
      expect(report.euAttribution.byState[code]).toEqual(ally(code)?.euAttributedByYear);
      for (const amount of Object.values(ally(code)?.overlapByYear ?? {}))
        expect(Number(amount)).toBeLessThanOrEqual(2e6);
    }
    for (const amount of Object.values(ally("DEU")?.overlapByYear ?? {})) expect(Number(amount)).toBeGreaterThan(1e9);
    expect(report.notes).toContain("USL_MIL: attributed over its 24 participating states only (not CZE, HUN, SVK).");
  });

  test("the eu-instruments source lists every embedded instrument with every column", () => {
    const source = json("default2026").sources.find((s) => s.id === SOURCE_IDS.euInstruments);
    expect(source?.instruments?.map((row) => row.id)).toEqual(EU_INSTRUMENTS.map((record) => record.id));
    expect(source?.instruments?.[8]).toMatchObject({
      id: "USL_MIL",
      states: "EU27 -CZE -HUN -SVK",
      cost_to_members: "yes",
    });
  });
});

describe("--eu USL_MIL: EUR 30bn a year over the 24, exactly", () => {
  test("the attributed amounts before the min add up to 30bn a year, Hungary, Czechia and Slovakia 0", () => {
    const report = json("usl");
    expect(report.euAttribution.byYear).toEqual({ "2026": "30000000000", "2027": "30000000000" });
    expect(Object.keys(report.euAttribution.byState).sort()).toEqual([...THE_24].sort());
    for (const year of ["2026", "2027"]) {
      const sum = Object.values(report.euAttribution.byState).reduce((total, row) => total.plus(row[year]), new D(0));
      expect(sum.toFixed()).toBe("30000000000");
    }
    for (const code of ["HUN", "CZE", "SVK"]) {
      const ally = report.allies.find((a) => a.iso3 === code);
      expect(ally?.euAttributedByYear).toEqual({ "2026": "0", "2027": "0" });
      expect(ally?.overlapByYear).toEqual({ "2026": "0", "2027": "0" });
    }
  });

  test("Germany: 30bn x its share of the 24's GNI, rounded to EUR 1m; its overlap is the min with its allocation", () => {
    const report = json("usl");
    const exact = new D(30e9).times(gni("DEU")).div(gniOver(THE_24));
    const deu = report.allies.find((a) => a.iso3 === "DEU");
    for (const year of ["2026", "2027"]) {
      const attributed = new D(deu?.euAttributedByYear[year] as string);
      expect(attributed.minus(exact).abs().lt(1e6)).toBe(true);
      expect(deu?.overlapByYear[year]).toBe(Decimal.min(attributed, deu?.byYear[year] as string).toFixed());
    }
  });
});

test("fair-share allocate --start 2025 names the instruments of each year and the years none covers", () => {
  const run = runs.start2025;
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    "EU instruments counted in 2025-2029: EDIP_USI 2025-2027, USL_MIL 2026-2027; none covers 2028-2029, so EU overlap is 0 there (UAF, EPF_PRE: counted, but not in these years)."
  );
});

describe("--eu-add: an instrument of the user's own", () => {
  for (const name of ["added", "addedFile"] as const) {
    test(`${name === "added" ? "on the command line" : "from a file (@FILE)"}: attributed over its 24 states`, () => {
      const report = json(name);
      const added = report.scenario.euInstruments.find((i) => i.id === "USL2");
      expect(added).toMatchObject({ added: true, amount: "45000000000" });
      expect(added?.states).toEqual(THE_24);
      // 2029 has USL2 alone (the file's POOL is in 2028): Germany's share of the 24's GNI of EUR 22.5bn.
      const deu = new D(22.5e9).times(gni("DEU")).div(gniOver(THE_24));
      expect(new D(report.euAttribution.byState.DEU["2029"]).minus(deu).abs().lt(1e6)).toBe(true);
      expect(report.euAttribution.byState.HUN).toBeUndefined();
    });
  }

  test("the file's second instrument is counted too, over Germany and France", () => {
    const report = json("addedFile");
    expect(report.scenario.euInstruments.map((i) => i.id)).toEqual(["USL2", "POOL"]);
    expect(report.euAttribution.byYear["2028"]).toBe("24500000000");
  });

  test("a missing file and a bad instrument are usage errors naming --eu-add", () => {
    expect(runs.missingFile.code).toBe(2);
    expect(runs.missingFile.stderr).toMatch(/^fair-share: --eu-add: cannot read the file/);
    expect(runs.badAdd.code).toBe(2);
    expect(runs.badAdd.stderr).toMatch(/^fair-share: --eu-add \(X\): "someday" is not in the form YEAR or FIRST-LAST/);
  });
});

test("FAIRSHARE.OVERLAP: an eu-add row in the inputs block is counted, and its year's column names it", () => {
  const table = overlap(
    [
      ["eu", "none"],
      ["eu-add", "MINE 10bn 2026 DEU FRA"],
      ["start", 2026],
      ["years", 2],
    ],
    OMITTED,
    OMITTED,
    OMITTED,
    null,
    null,
    null
  );
  expect(table[0].slice(6, 8)).toEqual(["EU overlap 2026 (MINE)", "EU overlap 2027 (no instrument)"]);
  const row = (code: string) => table.find((r) => r[0] === code) as (string | number | boolean)[];
  // Germany's part of MINE, 10bn x 4,286.159 / (4,286.159 + 2,855.318) = EUR 6,001.78m, is more than its 2026
  // allocation (8.54% of EUR 50bn, about 4.27bn): the overlap is all of the allocation, and nothing is net new.
  const deu = new D(10e9).times(gni("DEU")).div(gniOver(["DEU", "FRA"]));
  expect(deu.toFixed(0)).toBe("6001782264");
  expect(row("DEU")[6]).toBe(4271e6);
  expect(row("DEU")[8]).toBe(0);
  expect(Number(row("FRA")[6])).toBeGreaterThan(0);
  expect(row("ITA")[6]).toBe(0);
  expect(row("DEU")[7]).toBe(0);
});
