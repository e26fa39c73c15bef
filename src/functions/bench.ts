/**
 * Timings of the custom functions as Excel calls them, through their wrappers (argument normalisation, memo, engine,
 * shaping, error mapping), for `fair-share bench`:
 * - FAIRSHARE.ALLOCATE with the memo cleared before each run (a new scenario), and again with the memo warm (Excel
 *   recalculating an unchanged call);
 * - 1,000 FAIRSHARE.SHARE calls covering the 32 allies x 5 years in several scenarios, the memo cleared before each
 *   batch: the whole batch, and the same per call.
 * Medians and 90th percentiles in microseconds; no arithmetic on amounts here, only on times.
 */
import { allocate, share } from "./functions";
import { clearMemo } from "./memo";

export interface FunctionTiming {
  readonly name: string;
  readonly medianMicros: number;
  readonly p90Micros: number;
  readonly runs: number;
}

/**
 * Excel's runtime defines the CustomFunctions global; under plain Node (the command line) it does not exist, and the
 * wrappers only touch it to build an error. A minimal stand-in lets the benchmark run there; it is installed only when
 * the global is absent and only by this module, never by the add-in bundle.
 */
function ensureCustomFunctionsGlobal(): void {
  const host = globalThis as { CustomFunctions?: unknown };
  if (host.CustomFunctions !== undefined) return;
  class StandInError extends Error {
    constructor(
      readonly code: string,
      message?: string
    ) {
      super(message ?? "");
    }
  }
  host.CustomFunctions = { Error: StandInError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
}

/** Inputs blocks (label/value rows) of the scenarios the SHARE batch walks through. */
export const BENCH_SCENARIOS: readonly (readonly [string, number | string][])[] = [
  [],
  [
    ["credit", 0.5],
    ["exempt", "HUN"],
    ["cap", "USA=40"],
  ],
  [["profile", "front"]],
  [
    ["total", "40bn"],
    ["gdp-year", 2023],
  ],
  [
    ["currency", "USD"],
    ["usd-per-eur", 1.078376],
  ],
  [["floor", 0.1]],
  [["max-pct-gdp", 0.05]],
];

interface ShareCall {
  readonly inputs: (string | number)[][];
  readonly code: string;
  readonly year: number;
}

/** The SHARE calls of one batch: scenario by scenario, ally by ally, year by year, cut at `count`. */
function shareCalls(count: number): ShareCall[] {
  // The default allocation's rows and header give the contributors (the 32 allies) and the years.
  const table = allocate();
  const years = table[0].slice(4) as number[];
  const codes = table.slice(1).map((row) => row[0] as string);
  const calls: ShareCall[] = [];
  for (const scenario of BENCH_SCENARIOS) {
    const inputs = scenario.map((row) => [...row]);
    for (const code of codes) {
      for (const year of years) {
        if (calls.length === count) return calls;
        calls.push({ inputs, code, year });
      }
    }
  }
  return calls;
}

function summarise(name: string, samples: number[]): FunctionTiming {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return { name, medianMicros: at(0.5), p90Micros: at(0.9), runs: sorted.length };
}

function timeMicros(task: () => void): number {
  const started = performance.now();
  task();
  return (performance.now() - started) * 1000;
}

export const SHARE_CALLS_PER_BATCH = 1000;
/** Untimed ALLOCATE runs before timing (at most `runs`); two untimed SHARE batches likewise. */
const WARM_UP_RUNS = 200;

/**
 * Runs the benchmark: `runs` timed ALLOCATE calls of each kind and max(3, runs / 10) batches of 1,000 SHARE calls,
 * after a warm-up. About a second with the default 200 runs. Leaves the memo empty.
 */
export function benchmarkFunctions(runs = 200): FunctionTiming[] {
  ensureCustomFunctionsGlobal();
  const inputs = BENCH_SCENARIOS[1].map((row) => [...row]);
  const calls = shareCalls(SHARE_CALLS_PER_BATCH);
  if (calls.length < SHARE_CALLS_PER_BATCH) throw new Error("the SHARE benchmark has too few scenarios");
  let sink = 0;
  const allocateOnce = (): void => {
    sink += allocate(inputs).length;
  };
  const shareBatch = (): void => {
    for (const call of calls) sink += share(call.code, call.year, null, call.inputs);
  };

  // Warm-up, as `fair-share bench` does: let the JIT compile the paths being timed.
  for (let run = 0; run < Math.min(WARM_UP_RUNS, runs); run++) {
    clearMemo();
    allocateOnce();
  }
  for (let run = 0; run < 2; run++) {
    clearMemo();
    shareBatch();
  }

  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < runs; run++) {
    clearMemo();
    cold.push(timeMicros(allocateOnce));
    warm.push(timeMicros(allocateOnce));
  }
  const batches: number[] = [];
  for (let run = 0; run < Math.max(3, Math.floor(runs / 10)); run++) {
    clearMemo();
    batches.push(timeMicros(shareBatch));
  }
  clearMemo();
  if (!Number.isFinite(sink)) throw new Error("the functions benchmark produced no numbers");
  const perCall = batches.map((micros) => micros / SHARE_CALLS_PER_BATCH);
  return [
    summarise("FAIRSHARE.ALLOCATE via wrapper, memo cleared", cold),
    summarise("FAIRSHARE.ALLOCATE via wrapper, memo hit", warm),
    summarise(`${SHARE_CALLS_PER_BATCH} x FAIRSHARE.SHARE (${BENCH_SCENARIOS.length} scenarios), total`, batches),
    summarise(`FAIRSHARE.SHARE per call (of ${SHARE_CALLS_PER_BATCH}, memo cleared per batch)`, perCall),
  ];
}
