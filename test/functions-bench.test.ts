// The functions benchmark behind `fair-share bench`, run as the command line runs it: under plain Node, where Excel's
// CustomFunctions global does not exist (this file installs no stand-in of its own).
import { BENCH_SCENARIOS, SHARE_CALLS_PER_BATCH, benchmarkFunctions } from "../src/functions/bench";
import { share } from "../src/functions/functions";
import { memoStats } from "../src/functions/memo";

describe("benchmarkFunctions", () => {
  it("times ALLOCATE (memo cleared, memo hit) and 1,000 SHARE calls over 32 allies x 5 years x several scenarios", () => {
    expect((globalThis as { CustomFunctions?: unknown }).CustomFunctions).toBeUndefined();
    const timings = benchmarkFunctions(5);
    expect(timings.map((timing) => timing.name)).toEqual([
      "FAIRSHARE.ALLOCATE via wrapper, memo cleared",
      "FAIRSHARE.ALLOCATE via wrapper, memo hit",
      `1000 x FAIRSHARE.SHARE (${BENCH_SCENARIOS.length} scenarios), total`,
      "FAIRSHARE.SHARE per call (of 1000, memo cleared per batch)",
    ]);
    for (const timing of timings) {
      expect(timing.medianMicros).toBeGreaterThan(0);
      expect(timing.p90Micros).toBeGreaterThanOrEqual(timing.medianMicros);
    }
    expect(timings.map((timing) => timing.runs)).toEqual([5, 5, 3, 3]);
    // 1,000 calls reach every ally and year of six scenarios in full.
    expect(SHARE_CALLS_PER_BATCH).toBeGreaterThanOrEqual(32 * 5 * 6);
    expect(memoStats().size).toBe(0);
  });

  it("leaves a stand-in for Excel's error class, so a bad call still gives #N/A with its message", () => {
    let thrown: unknown;
    try {
      share("XYZ");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "#N/A", message: expect.stringMatching(/^code: "XYZ" is not a contributor/) });
  });
});
