/**
 * The sweep row of `fair-share bench`: a sweep of 10,000 values of one parameter (the aid credit) on the benchmark's
 * scenario, reading what the command line prints for one ally at each value, against its budget of one second.
 */
import { parseVariation, runSweep } from "../engine";
import { BENCH_SPEC, time, type Timing } from "./bench-common";

/** The sweep timed: credit from 0.0001 to 1 in steps of 0.0001, 10,000 values. */
export const SWEEP_BENCH_VARY = "credit=0.0001..1:0.0001";
export const SWEEP_BUDGET_MILLISECONDS = 1000;
/** Whole sweeps timed (each some seconds at most); one smaller sweep warms the engine up first. */
const SWEEP_RUNS = 3;
const WARM_UP_VARY = "credit=0.001..1:0.001";

/** One sweep, reading every row's total, overlap and net new and Spain's amount: what `sweep --allies ESP` prints. */
function sweepOnce(vary: string): number {
  // The variation sets the credit at each value; the rest is the benchmark's scenario.
  const sweep = runSweep(BENCH_SPEC, [parseVariation(vary, "vary")], ["ESP"]);
  const spain = sweep.sample?.result.allocation.rows.findIndex((row) => row.code === "ESP") ?? 0;
  let sink = 0;
  for (const row of sweep.rows) {
    if (row.point === null) continue;
    const ally = row.point.allies[spain];
    sink += row.point.total.toNumber() + row.point.netNew.toNumber() + ally.total.toNumber() + ally.exact.toNumber();
  }
  return sink + sweep.rows.length;
}

export function benchmarkSweep(): Timing {
  sweepOnce(WARM_UP_VARY);
  return time(`sweep of 10,000 values (--vary ${SWEEP_BENCH_VARY})`, SWEEP_RUNS, () => sweepOnce(SWEEP_BENCH_VARY), {
    warmUpRuns: 0,
  });
}

/** The row's verdict: the median against the budget. */
export function sweepBudgetLine(timing: Timing): string {
  const milliseconds = timing.medianMicroseconds / 1000;
  return (
    `Sweep budget: ${SWEEP_BUDGET_MILLISECONDS} ms for 10,000 values; median ${milliseconds.toFixed(0)} ms` +
    ` (${(timing.medianMicroseconds / 10_000).toFixed(1)} µs a value): ` +
    `${milliseconds <= SWEEP_BUDGET_MILLISECONDS ? "met" : "NOT met"}.`
  );
}
