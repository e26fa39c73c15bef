// The functions benchmark behind `fair-share bench`, run as the command line runs it: under plain Node, where Excel's
// CustomFunctions global does not exist (this file installs no stand-in of its own).
import { ALLIES } from "../src/data";
import { BENCH_SCENARIOS, SHARE_CALLS_PER_BATCH, benchmarkFunctions } from "../src/cli/bench-functions";
import * as functionsModule from "../src/functions/functions";
import { memoStats } from "../src/functions/memo";

const YEARS = [2024, 2025, 2026, 2027, 2028];

describe("benchmarkFunctions", () => {
  it("times ALLOCATE (memo cleared, memo hit) and batches of 1,000 distinct SHARE calls over every scenario", () => {
    expect((globalThis as { CustomFunctions?: unknown }).CustomFunctions).toBeUndefined();
    // Every SHARE call the benchmark makes, as "scenario | code | year".
    const seen: string[] = [];
    const spy = jest.spyOn(functionsModule, "share");
    let timings: ReturnType<typeof benchmarkFunctions>;
    try {
      timings = benchmarkFunctions(5);
      for (const [code, year, , inputs] of spy.mock.calls) {
        seen.push(`${JSON.stringify(inputs)} | ${String(code)} | ${String(year)}`);
      }
    } finally {
      spy.mockRestore();
    }

    expect(timings.map((timing) => timing.name)).toEqual([
      "FAIRSHARE.ALLOCATE via wrapper, memo cleared",
      "FAIRSHARE.ALLOCATE via wrapper, memo hit",
      `1000 x FAIRSHARE.SHARE (${BENCH_SCENARIOS.length} scenarios), total`,
      "FAIRSHARE.SHARE per call (of 1000, memo cleared per batch)",
    ]);
    for (const timing of timings) {
      expect(timing.medianMicroseconds).toBeGreaterThan(0);
      expect(timing.p90Microseconds).toBeGreaterThanOrEqual(timing.medianMicroseconds);
    }
    expect(timings.map((timing) => timing.runs)).toEqual([5, 5, 3, 3]);

    // 2 warm-up batches and 3 timed ones, each the same 1,000 calls, none repeated within a batch.
    expect(seen).toHaveLength(5 * SHARE_CALLS_PER_BATCH);
    const distinct = new Set(seen);
    expect(distinct.size).toBe(SHARE_CALLS_PER_BATCH);
    // Grouped by scenario: every scenario is reached, and each is walked ally by ally, year by year, over the 32
    // allies x 5 years; 1,000 calls cover six scenarios in full (960 calls) and the first 40 of the seventh.
    const byScenario = new Map<string, string[]>();
    for (const call of distinct) {
      const [scenario, code, year] = call.split(" | ");
      byScenario.set(scenario, [...(byScenario.get(scenario) ?? []), `${code} ${year}`]);
    }
    expect(byScenario.size).toBe(BENCH_SCENARIOS.length);
    const allyYears = ALLIES.flatMap((ally) => YEARS.map((year) => `${ally.iso3} ${year}`));
    const groups = [...byScenario.values()];
    for (const group of groups.slice(0, -1)) expect(group).toEqual(allyYears);
    expect(groups[groups.length - 1]).toEqual(allyYears.slice(0, SHARE_CALLS_PER_BATCH - 6 * allyYears.length));
    expect(memoStats().size).toBe(0);
  });

  it("leaves a stand-in for Excel's error class, so a bad call still gives #N/A with its message", () => {
    let thrown: unknown;
    try {
      functionsModule.share("XYZ");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: "#N/A",
      message:
        'code: "XYZ" is not one of this scenario\'s contributors. Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
    });
  });
});
