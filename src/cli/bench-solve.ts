/**
 * The goal seek's row of `fair-share bench`: one exact solve of the benchmark scenario for the credit at which Spain
 * pays EUR 3.2bn, end to end (the scenario resolved, the range walked, the answer checked through runScenario).
 */
import { solve } from "../engine";
import { BENCH_SPEC, time, type Timing } from "./bench-common";

/** The budget for one solve, in milliseconds. */
export const SOLVE_BUDGET_MILLISECONDS = 50;

export const SOLVE_TARGET = "ESP>=3.2bn";

/** A solve is some thousand times an allocation: a few runs give a steady median. */
export function benchmarkSolve(runs: number): { timing: Timing; line: string } {
  const solveRuns = Math.max(3, Math.min(20, Math.floor(runs / 50)));
  const timing = time(
    `solve --target "${SOLVE_TARGET}" --vary credit`,
    solveRuns,
    () => solve({ spec: BENCH_SPEC, target: SOLVE_TARGET, vary: "credit" }).evaluations,
    { warmUpRuns: 2 }
  );
  const milliseconds = timing.medianMicroseconds / 1000;
  const line =
    `Solve budget: ${SOLVE_BUDGET_MILLISECONDS} ms; median ${milliseconds.toFixed(1)} ms: ` +
    `${milliseconds <= SOLVE_BUDGET_MILLISECONDS ? "met" : "NOT met"}.`;
  return { timing, line };
}
