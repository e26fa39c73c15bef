/// <reference types="custom-functions-runtime" />
/**
 * Timings of the custom functions as Excel calls them, through their wrappers (argument normalisation, memo, engine,
 * shaping, error mapping), for `fair-share bench`:
 * - FAIRSHARE.ALLOCATE on the benchmark scenario with the memo cleared before each run (a new scenario), and again with
 *   the memo warm (Excel recalculating an unchanged call);
 * - batches of 1,000 FAIRSHARE.SHARE calls walking the 32 allies x 5 years scenario by scenario (six scenarios in full
 *   and the first calls of the seventh), the memo cleared before each batch: the whole batch, and the same per call.
 *
 * The wrappers are the add-in's code, so this is the one CLI module that needs the CustomFunctions types (the
 * triple-slash reference above; the CLI's compiler otherwise loads Node types only).
 */
import { allocate, share } from "../functions/functions";
import { clearMemo } from "../functions/memo";
import { BENCH_SPEC, time, type Timing } from "./bench-common";

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

type InputsBlock = readonly (readonly [string, number | string])[];

/** The benchmark scenario as an inputs block (label/value rows). */
const BENCH_INPUTS: InputsBlock = Object.entries(BENCH_SPEC);

/** Inputs blocks of the scenarios the SHARE batch walks through. */
export const BENCH_SCENARIOS: readonly InputsBlock[] = [
  [],
  BENCH_INPUTS,
  [["profile", "front"]],
  [
    ["total", "40bn"],
    ["gdp-year", 2023],
  ],
  [
    ["currency", "USD"],
    ["usd-per-eur", 1.078376],
  ],
  [["floor", "0.1%"]],
  [["max-pct-gdp", "0.05%"]],
];

export const SHARE_CALLS_PER_BATCH = 1000;

/** An inputs block as the mutable rows of cells Excel hands a function. */
const cells = (block: InputsBlock): (string | number)[][] => block.map((row) => [...row]);

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
    const inputs = cells(scenario);
    for (const code of codes) {
      for (const year of years) {
        if (calls.length === count) return calls;
        calls.push({ inputs, code, year });
      }
    }
  }
  return calls;
}

/**
 * Runs the benchmark: `runs` timed ALLOCATE calls of each kind and max(3, runs / 10) batches of 1,000 SHARE calls,
 * after a warm-up. About a second with the default 200 runs. Leaves the memo empty.
 */
export function benchmarkFunctions(runs = 200): Timing[] {
  ensureCustomFunctionsGlobal();
  const inputs = cells(BENCH_INPUTS);
  const calls = shareCalls(SHARE_CALLS_PER_BATCH);
  if (calls.length < SHARE_CALLS_PER_BATCH) throw new Error("the SHARE benchmark has too few scenarios");
  const allocateOnce = (): number => allocate(inputs).length;
  const shareBatch = (): number =>
    calls.reduce((sink, call) => sink + share(call.code, call.year, null, call.inputs), 0);

  const cold = time("FAIRSHARE.ALLOCATE via wrapper, memo cleared", runs, allocateOnce, { before: clearMemo });
  const warm = time("FAIRSHARE.ALLOCATE via wrapper, memo hit", runs, allocateOnce);
  const batch = time(
    `${SHARE_CALLS_PER_BATCH} x FAIRSHARE.SHARE (${BENCH_SCENARIOS.length} scenarios), total`,
    Math.max(3, Math.floor(runs / 10)),
    shareBatch,
    { before: clearMemo, warmUpRuns: 2 }
  );
  clearMemo();
  // Per call: the batch's times over its number of calls (the order of the samples does not change).
  const perCall: Timing = {
    name: `FAIRSHARE.SHARE per call (of ${SHARE_CALLS_PER_BATCH}, memo cleared per batch)`,
    medianMicroseconds: batch.medianMicroseconds / SHARE_CALLS_PER_BATCH,
    p90Microseconds: batch.p90Microseconds / SHARE_CALLS_PER_BATCH,
    runs: batch.runs,
  };
  return [cold, warm, batch, perCall];
}
