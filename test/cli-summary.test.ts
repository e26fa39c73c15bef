/**
 * `fair-share summary FILE` as a process, on portable copies carrying a store written by the project's writer, one of
 * them then edited by hand with the project's cell writer. The figures are checked against runScenario of each
 * scenario, computed here independently of the command.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { Dec, dataVintage, embeddedEdition, runScenario, type ScenarioSpec } from "../src/engine";
import { buildPortableWorkbook } from "../src/workbook/portable";
import { renderXlsx } from "../src/workbook/portable-xlsx";
import { STORE_SHEET, storeRow } from "../src/workbook/scenario-store";
import { portableStoreSheet } from "../src/workbook/portable/store-sheet";
import { writeCellValue } from "../src/workbook/xlsx-read";
import { cellAddress } from "../src/workbook/description";
import { repoRoot, run, type Run } from "./helpers/cli";
import { THREE_SCENARIOS, storeGrid } from "./helpers/summary-store";

jest.setTimeout(120_000);

const SCENARIOS = THREE_SCENARIOS;
const NAMES = Object.keys(SCENARIOS);

interface Compared {
  amounts: Record<string, string | null>;
  differences: Record<string, string>;
  percent: Record<string, string | null>;
}
interface SummaryJson {
  scenarios: { name: string; assumptions: Record<string, string>; row: number }[];
  base: string;
  allies: (Compared & { code: string; name: string; byYear?: Record<string, Record<string, string | null>> })[];
  totals: Compared;
  euOverlap: Compared;
  netNew: Compared;
  problems: { row: number; reason: string }[];
  sources: { id: string }[];
  edition: { id: string; embedded: boolean };
}

let folder: string;
let copy: string;
let edited: string;
let oldVintage: string;
let live: string;
let mixed: string;

async function writeCopy(file: string, grid: string[][]): Promise<string> {
  const { workbook } = buildPortableWorkbook({}, { version: "0", date: new Date(), store: { grid } });
  const path = join(folder, file);
  writeFileSync(path, await renderXlsx(workbook));
  return path;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "fair-share-summary-"));
  const current = dataVintage(embeddedEdition());
  copy = await writeCopy("three.xlsx", storeGrid());
  oldVintage = "nato-gdp 2023-01-01";
  const grid = storeGrid(SCENARIOS, (name) => (name === "Default" ? oldVintage : current));
  // A fourth row, garbled by hand afterwards: its credit cell made unreadable.
  const header = grid[0];
  grid.push(storeRow({ ...rowOf("Garbled"), parameters: { credit: "10%" } }, header) as string[]);
  const written = await writeCopy("edited-source.xlsx", grid);
  const creditColumn = header.indexOf("credit") + 1;
  const bytes = await writeCellValue(readFileSync(written), STORE_SHEET, cellAddress(5, creditColumn), "lots");
  edited = join(folder, "edited.xlsx");
  writeFileSync(edited, bytes);
  // A live workbook as Excel saves it: a sheet of the user's, and the store very hidden.
  const store = { ...portableStoreSheet({ grid: storeGrid() }), visibility: "veryHidden" as const };
  const userSheet = {
    name: "Sheet1",
    cells: [{ address: "A1", value: "notes" }],
    names: [],
    conditionalFormats: [],
    charts: [],
  };
  mixed = await writeCopy("mixed.xlsx", storeGrid({ Euros: {}, Dollars: { currency: "USD", "usd-per-eur": "1.08" } }));
  live = join(folder, "live.xlsx");
  writeFileSync(live, await renderXlsx({ sheets: [userSheet, store] }));
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function rowOf(name: string) {
  return {
    name,
    comment: "",
    parameters: {},
    created: "2026-12-01T09:00:00Z",
    modified: "2026-12-01T09:00:00Z",
    author: "",
    vintage: dataVintage(embeddedEdition()),
  };
}

function parsed(result: Run): SummaryJson {
  // 3: done, with rows of the store left unread (reported on stderr).
  if (result.code !== 0 && result.code !== 3) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as SummaryJson;
}

const sum = (values: readonly string[]): Dec => values.reduce((total, value) => total.plus(value), new Dec(0));

describe("fair-share summary of three stored scenarios", () => {
  test.each(NAMES)(
    "base %s: per-ally differences add up to the difference of the totals, as the engine's",
    async (base) => {
      const summary = parsed(await run(["summary", copy, "--base", base, "--format", "json"]));
      expect(summary.base).toBe(base);
      expect(summary.scenarios.map((scenario) => scenario.name)).toEqual(NAMES);
      const results = Object.fromEntries(NAMES.map((name) => [name, runScenario(SCENARIOS[name] as ScenarioSpec)]));
      for (const name of NAMES) {
        const expected = results[name].allocation.total.minus(results[base].allocation.total);
        expect(sum(summary.allies.map((ally) => ally.differences[name])).eq(expected)).toBe(true);
        expect(new Dec(summary.totals.differences[name]).eq(expected)).toBe(true);
        expect(new Dec(summary.totals.amounts[name] as string).eq(results[name].allocation.total)).toBe(true);
        expect(new Dec(summary.euOverlap.amounts[name] as string).eq(results[name].overlap.totalOverlap)).toBe(true);
        expect(new Dec(summary.netNew.amounts[name] as string).eq(results[name].overlap.totalNetNew)).toBe(true);
        for (const row of results[name].allocation.rows) {
          const ally = summary.allies.find((candidate) => candidate.code === row.code);
          expect(new Dec(ally?.amounts[name] as string).eq(row.total)).toBe(true);
        }
      }
      const hungary = summary.allies.find((ally) => ally.code === "HUN");
      if (base === "Hungary exempt") expect(Object.values(hungary?.percent ?? {})).toEqual([null, null, null]);
      else expect(hungary?.percent["Hungary exempt"]).toBe("-100");
    }
  );

  test("--scenarios chooses and orders them; --per-year adds each year; sources and edition as allocate's", async () => {
    const summary = parsed(
      await run(["summary", copy, "--scenarios", "us capped at 40%,Default", "--per-year", "--format", "json"])
    );
    expect(summary.scenarios.map((scenario) => scenario.name)).toEqual(["US capped at 40%", "Default"]);
    expect(summary.base).toBe("US capped at 40%");
    expect(summary.scenarios[0].assumptions.caps).toBe("USA at most 40%");
    const usa = summary.allies.find((ally) => ally.code === "USA");
    const years = runScenario(SCENARIOS.Default).allocation.rows.find((row) => row.code === "USA")?.byYear ?? [];
    expect(Object.values(usa?.byYear?.Default ?? {})).toEqual(years.map((amount) => amount.toFixed()));
    expect(summary.edition.embedded).toBe(true);
    expect(summary.sources.length).toBeGreaterThan(0);
  });

  test("sources and edition are printed as allocate prints them", async () => {
    const [summary, allocate] = await Promise.all([
      run(["summary", copy, "--scenarios", "Default", "--format", "json"]),
      run(["allocate", "--format", "json"]),
    ]);
    const fromAllocate = JSON.parse(allocate.stdout) as SummaryJson;
    expect(parsed(summary).sources).toEqual(fromAllocate.sources);
    expect(parsed(summary).edition).toEqual(fromAllocate.edition);
  });

  test("the table and csv show the same differences", async () => {
    const [table, csv] = await Promise.all([
      run(["summary", copy, "--base", "Default"]),
      run(["summary", copy, "--base", "Default", "--format", "csv"]),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Credit for bilateral aid");
    expect(table.stdout).toMatch(/Hungary exempt - base %/);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "code,name,Default,Hungary exempt,US capped at 40%,Hungary exempt - base,Hungary exempt - base %," +
        "US capped at 40% - base,US capped at 40% - base %"
    );
    const total = lines.find((line) => line.startsWith(",Total,"))?.split(",") ?? [];
    const allyLines = lines.slice(1).filter((line) => /^[A-Z]{3},/.test(line));
    expect(allyLines).toHaveLength(32);
    const differences = allyLines.map((line) => line.split(",").slice(-4)[0]);
    expect(sum(differences).eq(total[total.length - 4])).toBe(true);
  });
});

describe("fair-share summary of a store edited by hand", () => {
  let result: Run;
  beforeAll(async () => (result = await run(["summary", edited, "--format", "json"])));

  test("the damaged row is reported by number and reason; the rest are summarised; exit 3", () => {
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/row 5 not read: .*credit/);
    const summary = parsed(result);
    expect(summary.scenarios.map((scenario) => scenario.name)).toEqual(NAMES);
    expect(summary.problems.map((problem) => problem.row)).toEqual([5]);
  });

  test("a scenario stored with another data vintage is warned about, naming both", () => {
    const warning =
      result.stderr.split("\n").find((line) => line.includes("warning") && line.includes("vintage")) ?? "";
    expect(warning).toContain("row 2");
    expect(warning).toContain(oldVintage);
    expect(warning).toContain(dataVintage(embeddedEdition()));
  });
});

test("a live workbook's very hidden store is read as a copy's", async () => {
  const [fromLive, fromCopy] = await Promise.all([
    run(["summary", live, "--format", "json"]),
    run(["summary", copy, "--format", "json"]),
  ]);
  const { file: liveFile, ...liveRest } = parsed(fromLive) as SummaryJson & { file: string };
  const { file: copyFile, ...copyRest } = parsed(fromCopy) as SummaryJson & { file: string };
  expect([liveFile, copyFile]).toEqual([live, copy]);
  expect(liveRest).toEqual(copyRest);
});

describe("usage errors exit 2", () => {
  test.each([
    [
      ["--scenarios", "Default,Nobody"],
      /--scenarios: no readable scenario is named "Nobody"; the store has "Default", "Hungary exempt", "US capped at 40%"/,
    ],
    [["--base", "Nobody"], /--base: no readable scenario is named "Nobody"/],
    [
      ["--scenarios", "Default", "--base", "Hungary exempt"],
      /--base: no readable scenario is named "Hungary exempt"; the store has "Default"/,
    ],
    [["--format", "xml"], /--format/],
  ])("summary FILE %j", async (flags, message) => {
    const result = await run(["summary", copy, ...(flags as string[])]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stdout).toBe("");
  });

  test("scenarios in different currencies are refused, naming each one's; one currency is compared", async () => {
    const [refused, chosen] = await Promise.all([
      run(["summary", mixed]),
      run(["summary", mixed, "--scenarios", "Dollars"]),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("different currencies (Euros: EUR; Dollars: USD)");
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain("Amounts in USD m");
  });

  test("a missing file, a file without a store, no file", async () => {
    const [missing, noStore, none] = await Promise.all([
      run(["summary", join(folder, "nothing.xlsx")]),
      run(["summary", join(repoRoot, "package.json")]),
      run(["summary"]),
    ]);
    for (const result of [missing, noStore, none]) expect(result.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the file");
    expect(noStore.stderr).toContain("not an .xlsx file");
    expect(none.stderr).toContain("give the workbook first");
  });
});

describe("README.md", () => {
  test("shows the current summary --help", async () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const help = await run(["summary", "--help"]);
    expect(help.code).toBe(0);
    expect(readme).toContain(help.stdout.trimEnd());
  });
});
