// --eu-add @FILE as a user runs it (a process on lib/): a file of more instruments than eu-add may hold is refused at
// once with the limit, and a file at the limit computes, its overlap that of the instruments it adds up to. (Resolving
// 8,000 instruments took 7 s and 16,000 took a minute before the limit and a linear duplicate check; the time is
// measured apart from the tests, which assert no timing.)
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import type { AllocationReport } from "../src/cli/report";
import { parameter } from "../src/engine/parameters";
import { run, type Run } from "./helpers/cli";

const folder = mkdtempSync(join(tmpdir(), "fair-share-eu-add-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A file of `count` instruments, one a line, in the --eu-add form, with a comment and a blank line among them. */
function instrumentsFile(name: string, count: number, line: (i: number) => string): string {
  const path = join(folder, name);
  const lines = Array.from({ length: count }, (_, i) => line(i));
  writeFileSync(path, ["# instruments of our own", "", ...lines].join("\n"));
  return path;
}

const LIMIT = parameter("eu-add").maxItems as number;
/** Two kinds of instrument, alternating: half of them 3m over the 26 without Hungary, half 1m for DEU and FRA. */
const line = (i: number): string => (i % 2 === 0 ? `E${i} 3m 2024-2025 EU27 -HUN` : `F${i} 1m 2025 DEU FRA civil`);

const runs: Record<"tooMany" | "atLimit" | "merged", Run> = {} as Record<"tooMany" | "atLimit" | "merged", Run>;

beforeAll(async () => {
  const tooMany = instrumentsFile("eight-thousand.txt", 8000, line);
  const atLimit = instrumentsFile("at-limit.txt", LIMIT, line);
  const half = LIMIT / 2;
  const merged = `E ${3 * half}m 2024-2025 EU27 -HUN; F ${half}m 2025 DEU FRA civil`;
  const json = ["--eu", "none", "--format", "json"];
  [runs.tooMany, runs.atLimit, runs.merged] = await Promise.all([
    run(["allocate", "--eu-add", `@${tooMany}`, ...json]),
    run(["allocate", "--eu-add", `@${atLimit}`, ...json]),
    run(["allocate", "--eu-add", merged, ...json]),
  ]);
}, 120_000);

test("a file of 8,000 instruments is refused with eu-add's limit, and what to do", () => {
  expect(runs.tooMany).toEqual({
    code: 2,
    stdout: "",
    stderr:
      "fair-share: --eu-add: has 8,000 instruments, more than the 1,000 it may hold. Give at most 1,000: instruments with the same years, states and kind add up to one, so merge those.\n",
  });
});

test("a file of 1,000 instruments computes, and its overlap is that of the two instruments they add up to", () => {
  expect(runs.atLimit.code).toBe(0);
  expect(runs.merged.code).toBe(0);
  const added = JSON.parse(runs.atLimit.stdout) as AllocationReport;
  const merged = JSON.parse(runs.merged.stdout) as AllocationReport;
  expect(added.scenario.euInstruments).toHaveLength(LIMIT);
  const overlap = (report: AllocationReport) =>
    report.allies.map((ally) => [ally.iso3, ally.overlapByYear, ally.euAttributedByYear, ally.netNewByYear]);
  expect(overlap(added)).toEqual(overlap(merged));
  expect(added.euOverlap).toBe(merged.euOverlap);
  expect(added.euAttribution).toEqual(merged.euAttribution);
  // Something is attributed: 1,500m to the 26 in 2024-2025 and 500m to Germany and France in 2025.
  expect(Number(added.euOverlap)).toBeGreaterThan(0);
  const germany = added.allies.find((ally) => ally.iso3 === "DEU");
  expect(Number(germany?.euAttributedByYear["2025"])).toBeGreaterThan(Number(germany?.euAttributedByYear["2024"]));
});
