/**
 * What the two benchmarks of `fair-share bench` share: the scenario they time and the one timing helper. Medians and
 * 90th percentiles, not means: a garbage collection now and then should not decide the number. Arithmetic on times
 * only, never on amounts.
 */
import type { ScenarioSpec } from "../engine";

/** The benchmark scenario: every kind of constraint the level solve handles, on the default EUR 100bn over 5 years. */
export const BENCH_SPEC = { credit: "0.5", exempt: "HUN", cap: "USA=40%" } as const satisfies ScenarioSpec;

/** BENCH_SPEC in words, for the help and the report (keep the two together). */
export const BENCH_SCENARIO_TEXT =
  "EUR 100bn among the 32 allies over 5 years with credit 50%, Hungary exempt and the United States capped at 40%";

/** The budget for one exact allocation of 32 allies x 5 years, in microseconds. */
export const TARGET_MICROSECONDS = 200;

/**
 * The interactive-speed budgets (sweeps and goal seeks run a scenario thousands of times; Excel recalculates every
 * FAIRSHARE cell on each change): a median in microseconds, or a median as a multiple of the float64 baseline's
 * median in the same run (which leaves out how fast the machine is).
 */
export const SCENARIO_BUDGET_MICROSECONDS = 60;
export const SCENARIO_BUDGET_RATIO = 15;
export const ALLOCATE_MEMO_HIT_BUDGET_MICROSECONDS = 20;
export const ALLOCATE_MEMO_CLEARED_BUDGET_MICROSECONDS = 150;
export const EXACT_BUDGET_RATIO = 5;

/** One allocation through the command line (a whole process) may take at most this many times `node -e 0`. */
export const STARTUP_BUDGET_RATIO = 3;

/** Untimed runs before the timed ones (at most as many as the timed runs), so the JIT compiles the paths timed. */
export const WARM_UP_RUNS = 200;

/**
 * Untimed runs before each side of the exact / float comparison, whatever the timed runs: the exact allocate() only
 * reaches its steady speed after some thousands of runs (200 left it at about twice its steady time), and the ratio
 * compares the two sides at steady state. The same count for both sides, which are then timed by turns.
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
    samples[run] = timeOnce(task, (result) => (sink += result));
  }
  if (Number.isNaN(sink)) throw new Error(`${name}: the benchmark produced NaN`);
  return summary(name, samples);
}

export interface NamedTask {
  readonly name: string;
  /** Returns a number so the work cannot be optimised away. */
  readonly task: () => number;
}

/**
 * Times two tasks by turns, one run of each (in alternating order), after warming both up the same way: a burst of
 * load on the machine then slows both alike, where timing one after the other would charge it to one side of their
 * ratio.
 */
export function timeByTurns(first: NamedTask, second: NamedTask, runs: number, warmUpRuns: number): [Timing, Timing] {
  let sink = 0;
  const keep = (result: number): void => void (sink += result);
  for (let run = 0; run < warmUpRuns; run++) {
    keep(first.task());
    keep(second.task());
  }
  const firstSamples = new Float64Array(runs);
  const secondSamples = new Float64Array(runs);
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      firstSamples[run] = timeOnce(first.task, keep);
      secondSamples[run] = timeOnce(second.task, keep);
    } else {
      secondSamples[run] = timeOnce(second.task, keep);
      firstSamples[run] = timeOnce(first.task, keep);
    }
  }
  if (Number.isNaN(sink)) throw new Error(`${first.name}, ${second.name}: the benchmark produced NaN`);
  return [summary(first.name, firstSamples), summary(second.name, secondSamples)];
}

/** One run of a task, in microseconds; its result goes to `keep`. */
function timeOnce(task: () => number, keep: (result: number) => void): number {
  const started = process.hrtime.bigint();
  const result = task();
  const microseconds = Number(process.hrtime.bigint() - started) / 1000;
  keep(result);
  return microseconds;
}

/** Median and 90th percentile of the samples (sorted in place). */
function summary(name: string, samples: Float64Array): Timing {
  const runs = samples.length;
  samples.sort((a, b) => a - b);
  const at = (fraction: number): number => samples[Math.min(runs - 1, Math.floor(fraction * runs))];
  return { name, medianMicroseconds: at(0.5), p90Microseconds: at(0.9), runs };
}
