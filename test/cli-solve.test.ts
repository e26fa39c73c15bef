/**
 * `fair-share solve` and `fair-share explain` as users run them: processes on the compiled lib/ (test/helpers/cli.ts).
 * The must-show cases: a solved credit, applied with allocate --credit, gives the target exactly; explain's numbers
 * are allocate's. The modules each command loads, and the refusals.
 */
import { readFileSync } from "fs";
import { join } from "path";

import { Dec } from "../src/engine";
import { commandRuns, modulesLoaded, repoRoot, run } from "./helpers/cli";

interface ExactValue {
  exact: string;
  decimal: string;
}
interface SolveJson {
  answer: ExactValue | null;
  holds: { from: ExactValue; to: ExactValue }[];
  nearest: { value: ExactValue; figure: ExactValue } | null;
  checks: { takenExactly: boolean; at: { value: string; figure: ExactValue; holds: boolean }[] }[];
}
interface AllocateJson {
  scenario: { credit: string };
  allies: { iso3: string; exact: string; total: string; byYear: Record<string, string> }[];
}

const { outputs, stdout, badOutputs } = commandRuns(
  {
    solveText: ["solve", "--target", "ESP<=3bn", "--vary", "credit"],
    solveJson: ["solve", "--target", "ESP<=3bn", "--vary", "credit", "--format", "json"],
    reachable: ["solve", "--target", "ESP>=3.2bn", "--vary", "credit", "--format", "json"],
    reachableText: ["solve", "--target", "ESP>=3.2bn", "--vary", "credit"],
    allocateAtZero: ["allocate", "--credit", "0", "--format", "json"],
    explainText: ["explain", "ESP", "--credit", "50%", "--exempt", "HUN", "--cap", "USA=25%"],
    explainJson: ["explain", "ESP", "--credit", "50%", "--exempt", "HUN", "--cap", "USA=25%", "--format", "json"],
    explainYear: ["explain", "USA", "--year", "2026"],
    allocateForExplain: ["allocate", "--credit", "50%", "--exempt", "HUN", "--cap", "USA=25%", "--format", "json"],
    allocateDefault: ["allocate", "--format", "json"],
    solveHelp: ["solve", "--help"],
    explainHelp: ["explain", "--help"],
  },
  [
    ["solve", "--vary", "credit"],
    ["solve", "--target", "ESP<=3bn"],
    ["solve", "--target", "ESP<=3bn", "--vary", "colour"],
    ["solve", "--target", "ESP<3bn", "--vary", "credit"],
    ["explain"],
    ["explain", "XYZ"],
    ["explain", "ESP", "--year", "2040"],
    ["allocate", "--credit", "3/2"],
  ]
);

function ally(report: AllocateJson, code: string): AllocateJson["allies"][number] {
  const found = report.allies.find((a) => a.iso3 === code);
  if (found === undefined) throw new Error(`${code} missing`);
  return found;
}

describe("solve", () => {
  test("ESP>=3.2bn by credit: an exact credit c, and allocate --credit c gives Spain exactly EUR 3.2bn", async () => {
    const solved = JSON.parse(stdout("reachable")) as SolveJson;
    expect(solved.answer).not.toBeNull();
    const c = solved.answer?.exact ?? "";
    expect(c).toMatch(/^\d+\/\d+$/);
    expect(stdout("reachableText")).toContain(`Holds with equality at credit = ${c}`);
    expect(stdout("reachableText")).toContain(`Apply: fair-share allocate --credit ${c}`);
    const applied = await run(["allocate", "--credit", c, "--format", "json"]);
    expect(applied.code).toBe(0);
    const report = JSON.parse(applied.stdout) as AllocateJson;
    expect(report.scenario.credit).toBe(c);
    expect(ally(report, "ESP").exact).toBe("3200000000");
    // A step either side of c: not exactly EUR 3.2bn, and below c the target does not hold.
    const [p, q] = c.split("/").map(BigInt);
    const below = await run(["allocate", "--credit", `${p * 1000000n - 1n}/${q * 1000000n}`, "--format", "json"]);
    const above = await run(["allocate", "--credit", `${p * 1000000n + 1n}/${q * 1000000n}`, "--format", "json"]);
    const belowAmount = new Dec(ally(JSON.parse(below.stdout) as AllocateJson, "ESP").exact);
    const aboveAmount = new Dec(ally(JSON.parse(above.stdout) as AllocateJson, "ESP").exact);
    expect(belowAmount.lt("3.2e9")).toBe(true);
    expect(aboveAmount.gt("3.2e9")).toBe(true);
  });

  test("ESP<=3bn by credit (the issue's case): no credit reaches it, and the nearest credit's figure is allocate's", () => {
    // Spain's aid is small beside its GDP: crediting aid raises its amount, so its least is at credit 0.
    const solved = JSON.parse(stdout("solveJson")) as SolveJson;
    expect(solved.answer).toBeNull();
    expect(solved.holds).toEqual([]);
    expect(solved.nearest?.value.exact).toBe("0");
    const atZero = ally(JSON.parse(stdout("allocateAtZero")) as AllocateJson, "ESP").exact;
    expect(new Dec(solved.nearest?.figure.decimal ?? "0").toDecimalPlaces(12).toFixed()).toBe(atZero);
    expect(stdout("solveText")).toContain("No value of credit in its range reaches the target. Nearest: credit = 0");
  });

  test("refuses a missing or wrong target or parameter, naming the flag", () => {
    const [noTarget, noVary, badVary, badTarget] = badOutputs;
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain("--target");
    expect(noVary.stderr).toContain("--vary");
    expect(badVary.stderr).toContain('"colour"');
    expect(badTarget.stderr).toContain("--target");
    expect(badOutputs[7].code).toBe(2);
    expect(badOutputs[7].stderr).toContain("--credit");
  });

  test("--help names the flags", () => {
    expect(stdout("solveHelp")).toContain("--target VALUE");
    expect(stdout("solveHelp")).toContain("--vary VALUE");
    expect(stdout("explainHelp")).toContain("--year VALUE");
  });
});

describe("explain", () => {
  test("prints the seven steps, and every number in them appears in allocate --format json", () => {
    const text = stdout("explainText");
    for (const title of [
      "Basis",
      "Level",
      "Credit",
      "The limit that binds",
      "Year split",
      "Rounding",
      "EU attribution",
    ]) {
      expect(text).toContain(title);
    }
    const json = stdout("allocateForExplain");
    const printed = [...json.matchAll(/\d+(?:\.\d+)?/g)].map((m) => new Dec(m[0]));
    const numbers = [...text.matchAll(/\d[\d,]*(?:\.\d+)?%?/g)].map((m) => m[0]);
    expect(numbers.length).toBeGreaterThan(20);
    for (const number of numbers) {
      const value = new Dec(number.replace(/[,%]/g, ""));
      const found = printed.some((p) => p.eq(value) || (number.endsWith("%") && p.eq(value.div(100))));
      expect([number, found]).toEqual([number, true]);
    }
  });

  test("--format json has the same steps, its figures allocate's fields", () => {
    const explanation = JSON.parse(stdout("explainJson")) as {
      steps: { step: string; figures: Record<string, unknown> }[];
    };
    const report = JSON.parse(stdout("allocateForExplain")) as AllocateJson & { level: string };
    const spain = ally(report, "ESP") as unknown as Record<string, unknown>;
    const figures = Object.assign({}, ...explanation.steps.map((step) => step.figures)) as Record<string, unknown>;
    expect(figures.level).toBe(report.level);
    for (const key of ["basis", "basisShare", "aid", "aidCredit", "lowerLimit", "upperLimit", "held", "euOverlap"]) {
      expect([key, figures[key]]).toEqual([key, spain[key]]);
    }
    expect(explanation.steps.map((step) => step.step)).toEqual([
      "basis",
      "level",
      "credit",
      "limit",
      "years",
      "rounding",
      "eu",
    ]);
  });

  test("--year explains one year's rounding with that year's amounts", () => {
    const text = stdout("explainYear");
    const usa = ally(JSON.parse(stdout("allocateDefault")) as AllocateJson, "USA");
    const rounded = usa.byYear["2026"].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    expect(text).toContain(`United States (USA), 2026`);
    expect(text).toContain(`EUR ${rounded}.`);
  });

  test("refuses a missing or unknown ally, or a year outside the allocation", () => {
    const [, , , , noCode, unknown, year] = badOutputs;
    expect(noCode.code).toBe(2);
    expect(noCode.stderr).toContain("explain ESP");
    expect(unknown.stderr).toContain("XYZ");
    expect(year.stderr).toContain("2040");
  });
});

describe("start-up: solve and explain load their own modules only", () => {
  test("solve loads lib/cli/solve.js, not track's, the workbook's or explain's", async () => {
    const { code, modules } = await modulesLoaded(["solve", "--target", "ESP>=3.2bn", "--vary", "credit"]);
    expect(code).toBe(0);
    expect(modules).toContain("lib/cli/solve.js");
    expect(
      modules.filter((file) => /^lib\/(workbook|functions)\/|lib\/cli\/(track|explain|bench(?!-common))/.test(file))
    ).toEqual([]);
  });

  test("explain loads lib/cli/explain.js, not solve's", async () => {
    const { code, modules } = await modulesLoaded(["explain", "ESP"]);
    expect(code).toBe(0);
    expect(modules).toContain("lib/cli/explain.js");
    expect(
      modules.filter((file) => /^lib\/(workbook|functions)\/|lib\/cli\/(track|solve|bench(?!-common))/.test(file))
    ).toEqual([]);
  });
});

test("outputs were collected", () => expect(Object.keys(outputs).length).toBeGreaterThan(0));

describe("README.md", () => {
  test("shows the current solve --help and explain --help", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(readme).toContain(stdout("solveHelp").trimEnd());
    expect(readme).toContain(stdout("explainHelp").trimEnd());
  });
});
