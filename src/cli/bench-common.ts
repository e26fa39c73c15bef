/**
 * What the two benchmarks of `fair-share bench` share: the scenario they time and the one timing helper. Medians and
 * 90th percentiles, not means: a garbage collection now and then should not decide the number. Arithmetic on times
 * only, never on amounts.
 */
import type { ScenarioSpec } from "../engine/scenario";

/** The benchmark scenario: every kind of constraint the level solve handles, on the default EUR 100bn over 5 years. */
export const BENCH_SPEC = { credit: "0.5", exempt: "HUN", cap: "USA=40%" } as const satisfies ScenarioSpec;

/** BENCH_SPEC in words, for the help and the report (keep the two together). */
export const BENCH_SCENARIO_TEXT =
  "EUR 100bn among the 32 allies over 5 years with credit 50%, Hungary exempt and the United States capped at 40%";

/** Untimed runs before the timed ones (at most as many as the timed runs), so the JIT compiles the paths timed. */
export const WARM_UP_RUNS = 200;

/**
 * Untimed runs before each side of the exact / float comparison, whatever the timed runs: the exact allocate() only
 * reaches its steady speed after some thousands of runs (200 left it at about twice its steady time), and the ratio
 * compares the two sides at steady state. The same count for both sides.
 */
export const COMPARISON_WARM_UP_RUNS = 10_000;

export interface Timing {
  readonly name: string;
  readonly medianMicroseconds: number;
  readonly p90Microseconds: number;
  readonly runs: number;
}

export interface TimeOptions {
  /** Untimed runs first; min(WARM_UP_RUNS, runs) unless given. */
  readonly warmUpRuns?: number;
  /** Untimed work before every run, warm-up or timed (e.g. clearing a cache). */
  readonly before?: () => void;
}

/** Times `task` once per run after warming up; `task` returns a number so the work cannot be optimised away. */
export function time(name: string, runs: number, task: () => number, options: TimeOptions = {}): Timing {
  const before = options.before ?? (() => undefined);
  let sink = 0;
  for (let run = 0; run < (options.warmUpRuns ?? Math.min(WARM_UP_RUNS, runs)); run++) {
    before();
    sink += task();
  }
  const samples = new Float64Array(runs);
  for (let run = 0; run < runs; run++) {
    before();
    const started = process.hrtime.bigint();
    sink += task();
    samples[run] = Number(process.hrtime.bigint() - started) / 1000;
  }
  if (Number.isNaN(sink)) throw new Error(`${name}: the benchmark produced NaN`);
  samples.sort((a, b) => a - b);
  const at = (fraction: number): number => samples[Math.min(runs - 1, Math.floor(fraction * runs))];
  return { name, medianMicroseconds: at(0.5), p90Microseconds: at(0.9), runs };
}
