/**
 * `fair-share sweep` and `fair-share tornado` as users run them (processes on the compiled lib/): each sweep row equals
 * `allocate` run separately at that value, a tornado's swings equal the sweep's ends, infeasible values keep their
 * rows, and mistakes exit 2 naming the flag.
 */
import { readFileSync } from "fs";
import { join } from "path";

import { modulesLoaded, parseCsv, repoRoot, run, type Run } from "./helpers/cli";

interface AllyFigures {
  readonly total: string;
  readonly share: string;
  readonly euOverlap: string;
  readonly netNew: string;
}

interface SweepJson {
  readonly allies: string[];
  readonly rows: {
    readonly values: Record<string, string>;
    readonly feasible: boolean;
    readonly error: string | null;
    readonly total: string | null;
    readonly exactTotal: string | null;
    readonly euOverlap: string | null;
    readonly netNew: string | null;
    readonly allies: Record<string, AllyFigures & { readonly exact: string }> | null;
  }[];
  readonly notes: string[];
  readonly sources: { readonly id: string }[];
}

interface AllocateJson {
  readonly total: string;
  readonly exactTotal: string;
  readonly euOverlap: string;
  readonly netNew: string;
  readonly allies: (AllyFigures & { readonly iso3: string })[];
}

interface TornadoJson {
  readonly allies: {
    readonly iso3: string;
    readonly exact: string;
    readonly bars: {
      readonly name: string;
      readonly low: { readonly value: string; readonly exact: string | null; readonly effect: string | null };
      readonly high: { readonly value: string; readonly exact: string | null; readonly effect: string | null };
      readonly swing: string | null;
    }[];
  }[];
}

function json<T>(result: Run): T {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe("sweep", () => {
  test("--vary credit=0..1:0.25 --allies ESP,ITA: 5 rows, each allocate --credit X's figures", async () => {
    const sweep = json<SweepJson>(
      await run(["sweep", "--vary", "credit=0..1:0.25", "--allies", "ESP,ITA", "--format", "json"])
    );
    expect(sweep.allies).toEqual(["ESP", "ITA"]);
    expect(sweep.rows.map((row) => row.values.credit)).toEqual(["0", "0.25", "0.5", "0.75", "1"]);
    const allocations = await Promise.all(
      sweep.rows.map((row) => run(["allocate", "--credit", row.values.credit, "--format", "json"]))
    );
    sweep.rows.forEach((row, index) => {
      const allocation = json<AllocateJson>(allocations[index]);
      expect(row.feasible).toBe(true);
      expect([row.total, row.exactTotal, row.euOverlap, row.netNew]).toEqual([
        allocation.total,
        allocation.exactTotal,
        allocation.euOverlap,
        allocation.netNew,
      ]);
      for (const code of ["ESP", "ITA"]) {
        const ally = allocation.allies.find((entry) => entry.iso3 === code) as AllyFigures;
        const swept = row.allies?.[code];
        expect(swept && [swept.total, swept.share, swept.euOverlap, swept.netNew]).toEqual([
          ally.total,
          ally.share,
          ally.euOverlap,
          ally.netNew,
        ]);
      }
    });
    expect(sweep.notes.length).toBeGreaterThan(0);
    expect(sweep.sources.map((source) => source.id)).toContainEqual(expect.stringMatching(/^kiel/));
  });

  test("a two-way table in csv, an infeasible value kept in its row with the reason", async () => {
    const result = await run([
      "sweep",
      "--vary",
      "cap=0.02,0.5",
      "--vary",
      "exempt=none,HUN",
      "--all",
      "--format",
      "csv",
    ]);
    expect(result.code).toBe(0);
    const [header, ...rows] = parseCsv(result.stdout.replace(/^\uFEFF/, ""));
    expect(header.slice(0, 2)).toEqual(["cap", "exempt"]);
    expect(header).toContain("USA");
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ["0.02", ""],
      ["0.02", "HUN"],
      ["0.5", ""],
      ["0.5", "HUN"],
    ]);
    const error = header.indexOf("error");
    const infeasible = await run(["allocate", "--cap", "0.02"]);
    expect(infeasible.code).toBe(2);
    expect(rows[0][error]).toBe(infeasible.stderr.trim().replace(/^fair-share: --/, ""));
    expect(rows[2][error]).toBe("");
    expect(rows[2][header.indexOf("total")]).toBe("100000000000");
  });

  test("the table names the varied parameter and rounds to the unit", async () => {
    const result = await run(["sweep", "--vary", "exempt=none,HUN,HUN+SVK", "--allies", "Spain", "--unit", "100m"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--vary exempt");
    expect(result.stdout).toMatch(/^\s*exempt\s+ESP\s+Total\s+EU overlap\s+Net new\s+Note$/m);
    expect(result.stdout).toMatch(/^HUN,SVK\s+[\d,]+\s+100,000\s/m);
  });

  test("mistakes exit 2 naming the flag", async () => {
    const cases: [string[], RegExp][] = [
      [["sweep"], /--vary: required/],
      [["sweep", "--vary", "credit=0..1"], /--vary: "credit=0\.\.1" is not in the form/],
      [["sweep", "--vary", "a=1,2", "--vary", "b=1", "--vary", "c=2"], /--vary: given 3 times/],
      [["sweep", "--vary", "credit=0,1", "--allies", "XYZ"], /--allies: "XYZ" is not one of/],
      [["sweep", "--vary", "credit=0,1", "--allies", "ESP", "--all"], /--all: give either/],
      [["tornado"], /--ranges: required/],
      [["tornado", "--ranges", "credit=0..1", "--ally", "ESP,ITA"], /--ally: give one ally/],
      [["tornado", "--ranges", "credit=0..1", "--cap", "0.01"], /--cap: let the contributors pay at most/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, index) => {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(cases[index][1]);
    });
  });
});

describe("tornado", () => {
  test("swings equal the sweep's ends; effects are against allocate's base amount", async () => {
    const ranges = ["credit=0..1", "cap.USA=0.3..0.5", "gdp-year=2023,2024"];
    const [tornadoRun, baseRun, ...sweepRuns] = await Promise.all([
      run(["tornado", "--exempt", "HUN", "--ranges", ranges.join("; "), "--ally", "ESP", "--format", "json"]),
      run(["sweep", "--exempt", "HUN", "--vary", "credit=0,0", "--allies", "ESP", "--format", "json"]),
      ...ranges.map((range) =>
        run(["sweep", "--exempt", "HUN", "--vary", range.replace("..", ","), "--allies", "ESP", "--format", "json"])
      ),
    ]);
    const tornado = json<TornadoJson>(tornadoRun);
    const base = json<SweepJson>(baseRun).rows[0].allies?.ESP.exact as string;
    expect(tornado.allies.map((ally) => ally.iso3)).toEqual(["ESP"]);
    expect(tornado.allies[0].exact).toBe(base);
    const bars = tornado.allies[0].bars;
    expect(bars.map((bar) => bar.name).sort()).toEqual(["cap.USA", "credit", "gdp-year"]);
    ranges.forEach((range, index) => {
      const [low, high] = json<SweepJson>(sweepRuns[index]).rows.map((row) => row.allies?.ESP.exact as string);
      const bar = bars.find((entry) => range.startsWith(`${entry.name}=`));
      expect([bar?.low.exact, bar?.high.exact]).toEqual([low, high]);
      const swing = Math.abs(Number(high) - Number(low));
      expect(Math.abs(Number(bar?.swing) - swing)).toBeLessThan(1e-3);
      expect(Math.abs(Number(bar?.low.effect) - (Number(low) - Number(base)))).toBeLessThan(1e-3);
    });
    const swings = bars.map((bar) => Number(bar.swing));
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });

  test("without --ally: one table per contributor", async () => {
    const result = await run(["tornado", "--ranges", "credit=0..1"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ESP \(Spain\): [\d,]+ in the base scenario/m);
    expect(result.stdout.match(/in the base scenario/g)).toHaveLength(32);
  });
});

describe("help and start-up", () => {
  test("README.md shows the current sweep --help and tornado --help", async () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    for (const command of ["sweep", "tornado"]) {
      const help = await run([command, "--help"]);
      expect(help.code).toBe(0);
      expect(readme).toContain(help.stdout.trimEnd());
    }
  });

  test("sweep loads neither the workbook writer nor the other commands' modules", async () => {
    const { code, modules } = await modulesLoaded(["sweep", "--vary", "credit=0,1", "--format", "json"]);
    expect(code).toBe(0);
    expect(modules).toContain("lib/cli/sweep.js");
    expect(
      modules.filter((file) =>
        /^(node_modules\/(exceljs|jszip)\/|lib\/workbook\/|lib\/functions\/|lib\/cli\/(allocate|report|track|track-report|bench|bench-functions|bench-startup|data-(?!flags)[a-z]+)\.js$)/.test(
          file
        )
      )
    ).toEqual([]);
  });
});
