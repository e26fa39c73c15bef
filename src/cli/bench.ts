/**
 * `fair-share bench`: how long one exact allocation takes, against a plain float64 version of the same rule and the
 * whole scenario (parse + data + allocate + EU overlap), then the custom functions through their wrappers
 * (bench-functions.ts).
 */
import {
  type AllocationRequest,
  type ScenarioSpec,
  allocate,
  allocationRequest,
  resolveScenario,
  runScenario,
} from "../engine";
import {
  ALLOCATE_MEMO_CLEARED_BUDGET_MICROSECONDS,
  ALLOCATE_MEMO_HIT_BUDGET_MICROSECONDS,
  BENCH_SCENARIO_TEXT,
  BENCH_SPEC,
  COMPARISON_WARM_UP_RUNS,
  EXACT_BUDGET_RATIO,
  SCENARIO_BUDGET_MICROSECONDS,
  SCENARIO_BUDGET_RATIO,
  STARTUP_BUDGET_RATIO,
  TARGET_MICROSECONDS,
  WARM_UP_RUNS,
  time,
  timeByTurns,
  type Timing,
} from "./bench-common";
import { benchmarkFunctions } from "./bench-functions";
import { benchmarkStartup } from "./bench-startup";
import { benchmarkSweep, sweepBudgetLine } from "./bench-sweep";
import { benchmarkSolve } from "./bench-solve";
import { parseFlags } from "./args";
import { BENCH, PROCESS_RUNS_FLAG, RUNS_FLAG } from "./flags";
import { benchUsage } from "./help";
import { EXIT_OK, type Output } from "./output";

/** The same request runScenario() builds from a resolved scenario. */
function requestFor(spec: ScenarioSpec): AllocationRequest {
  return allocationRequest(resolveScenario(spec));
}

// ---------------------------------------------------------------------------------------------------------------------
// Float64 baseline. A BASELINE ONLY, and the one place in src/cli that does arithmetic on amounts: the same rule as
// allocate() (amount_i = clamp(s_i * L - c * A_i, floor_i, cap_i), L found by sweeping the breakpoints) in binary
// floating point, then each cell rounded on its own with Math.round. Its rows and columns need not add up, which is
// exactly what the exact engine's controlled rounding guarantees; never use it for figures.
// ---------------------------------------------------------------------------------------------------------------------

interface FloatInputs {
  readonly basis: Float64Array;
  readonly credits: Float64Array;
  readonly low: Float64Array;
  /** Infinity: no cap. */
  readonly high: Float64Array;
  readonly total: number;
  readonly yearFractions: Float64Array;
  readonly unit: number;
}

/** The request's inputs as float64, converted once outside the timed loop (as a float program would hold them). */
function floatInputs(request: AllocationRequest): FloatInputs {
  if (request.amount.kind !== "total") throw new Error("the float baseline handles a fixed total only");
  const total = request.amount.total.toNumber();
  const contributors = request.contributors;
  const weightSum = request.yearWeights.reduce((sum, weight) => sum + weight.toNumber(), 0);
  return {
    basis: Float64Array.from(contributors, (c) => (c.exempt ? 0 : c.basis.toNumber())),
    credits: Float64Array.from(contributors, (c) => c.aid.toNumber() * request.credit.toNumber()),
    low: Float64Array.from(contributors, (c) => (c.minShare ? c.minShare.toNumber() * total : 0)),
    high: Float64Array.from(contributors, (c) =>
      c.exempt ? 0 : c.maxShare ? c.maxShare.toNumber() * total : Number.POSITIVE_INFINITY
    ),
    total,
    yearFractions: Float64Array.from(request.yearWeights, (weight) => weight.toNumber() / weightSum),
    unit: request.unit.toNumber(),
  };
}

/** Float version of the allocation: returns each contributor's row of rounded cells (in units). */
export function allocateFloat(input: FloatInputs): Float64Array[] {
  const { basis, credits, low, high, total, yearFractions, unit } = input;
  const count = basis.length;
  // Breakpoints of the level M (per unit of basis): where each contributor leaves its floor and reaches its cap.
  const events: { at: number; index: number; entering: boolean }[] = [];
  let fixed = 0;
  for (let i = 0; i < count; i++) {
    fixed += low[i];
    if (basis[i] <= 0 || high[i] <= low[i]) continue;
    events.push({ at: (low[i] + credits[i]) / basis[i], index: i, entering: true });
    if (high[i] !== Number.POSITIVE_INFINITY)
      events.push({ at: (high[i] + credits[i]) / basis[i], index: i, entering: false });
  }
  events.sort((a, b) => a.at - b.at);
  let slope = 0;
  let offset = 0;
  let level = Number.NaN;
  for (const event of events) {
    if (fixed + slope * event.at - offset >= total) {
      level = slope > 0 ? (total - fixed + offset) / slope : event.at;
      break;
    }
    const i = event.index;
    const sign = event.entering ? 1 : -1;
    fixed += event.entering ? -low[i] : high[i];
    slope += sign * basis[i];
    offset += sign * credits[i];
  }
  if (Number.isNaN(level)) level = (total - fixed + offset) / slope;

  const rows: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    const amount = Math.min(high[i], Math.max(low[i], basis[i] * level - credits[i]));
    const cells = new Float64Array(yearFractions.length);
    for (let year = 0; year < yearFractions.length; year++)
      cells[year] = Math.round((amount * yearFractions[year]) / unit);
    rows.push(cells);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------------

function formatMicroseconds(value: number): string {
  return value.toFixed(1);
}

/** The start-up rows: the command line's median wall time beside Node's, their ratio and the budget. */
function startupLines(processRuns: number): string[] {
  const { cli, node, ratio } = benchmarkStartup(processRuns);
  const width = Math.max(cli.command.length, node.command.length);
  const row = (timing: typeof cli): string =>
    `${timing.command.padEnd(width)}  ${timing.medianMilliseconds.toFixed(1).padStart(9)}  ${String(timing.runs).padStart(5)}`;
  const header = `${"Whole process (wall time)".padEnd(width)}  ${"Median ms".padStart(9)}  ${"Runs".padStart(5)}`;
  return [
    `Start-up: one allocation through the command line, beside Node's own start-up; whole processes run by turns.`,
    "",
    header,
    "-".repeat(header.length),
    row(cli),
    row(node),
    "",
    `Command line / Node start-up: ${ratio.toFixed(2)}x. Budget: ${STARTUP_BUDGET_RATIO}x Node's start-up:` +
      ` ${ratio <= STARTUP_BUDGET_RATIO ? "met" : "NOT met"}.`,
    "",
  ];
}

/** One budget row: what is measured, its median (µs, or a multiple of the float baseline), the budget, their ratio. */
interface BudgetRow {
  readonly name: string;
  readonly measured: number;
  readonly budget: number;
  readonly unit: "µs" | "x float";
}

/** The interactive-speed budgets (bench-common.ts), each with its median, the budget, their ratio and a verdict. */
function budgetLines(exact: Timing, float: Timing, endToEnd: Timing, functions: readonly Timing[]): string[] {
  const [allocateCleared, allocateHit] = functions;
  const floatMedian = float.medianMicroseconds;
  const rows: BudgetRow[] = [
    { name: endToEnd.name, measured: endToEnd.medianMicroseconds, budget: SCENARIO_BUDGET_MICROSECONDS, unit: "µs" },
    {
      name: `${endToEnd.name} / float64`,
      measured: endToEnd.medianMicroseconds / floatMedian,
      budget: SCENARIO_BUDGET_RATIO,
      unit: "x float",
    },
    {
      name: allocateHit.name,
      measured: allocateHit.medianMicroseconds,
      budget: ALLOCATE_MEMO_HIT_BUDGET_MICROSECONDS,
      unit: "µs",
    },
    {
      name: allocateCleared.name,
      measured: allocateCleared.medianMicroseconds,
      budget: ALLOCATE_MEMO_CLEARED_BUDGET_MICROSECONDS,
      unit: "µs",
    },
    {
      name: `${exact.name} / float64`,
      measured: exact.medianMicroseconds / floatMedian,
      budget: EXACT_BUDGET_RATIO,
      unit: "x float",
    },
  ];
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const header =
    `${"Budget (medians)".padEnd(nameWidth)}  ${"Median".padStart(10)}  ${"Budget".padStart(10)}` +
    `  ${"Unit".padEnd(7)}  ${"Ratio".padStart(6)}  Verdict`;
  return [
    "Interactive-speed budgets: each median beside its budget; ratio = median / budget (at most 1.00 meets it).",
    "",
    header,
    "-".repeat(header.length),
    ...rows.map((row) => {
      const ratio = row.measured / row.budget;
      return (
        `${row.name.padEnd(nameWidth)}  ${row.measured.toFixed(1).padStart(10)}  ${row.budget.toFixed(1).padStart(10)}` +
        `  ${row.unit.padEnd(7)}  ${ratio.toFixed(2).padStart(6)}  ${ratio <= 1 ? "met" : "NOT met"}`
      );
    }),
  ];
}

export function runBench(runs: number, processRuns: number): string {
  const request = requestFor(BENCH_SPEC);
  const floats = floatInputs(request);
  const [exact, float] = timeByTurns(
    { name: "exact allocate() (integer fractions)", task: () => allocate(request).rows.length },
    { name: "float64 baseline (same rule)", task: () => allocateFloat(floats)[0][0] },
    runs,
    COMPARISON_WARM_UP_RUNS
  );
  // Its budget is also a ratio to the float baseline, so it is warmed up to its steady speed the same way.
  const endToEnd = time("runScenario() end to end", runs, () => runScenario(BENCH_SPEC).overlap.rows.length, {
    warmUpRuns: COMPARISON_WARM_UP_RUNS,
  });

  // How far the baseline's cells land from the exact engine's (in units): a sanity check that both solve the same rule.
  const exactRows = allocate(request).rows;
  const floatRows = allocateFloat(floats);
  let largestGap = 0;
  exactRows.forEach((row, i) =>
    row.byYearUnits.forEach((units, year) => {
      largestGap = Math.max(largestGap, Math.abs(units - floatRows[i][year]));
    })
  );

  const functionTimings = benchmarkFunctions();
  const sweep = benchmarkSweep();
  const solved = benchmarkSolve(runs);
  const timings = [exact, float, endToEnd, ...functionTimings, sweep, solved.timing];
  const nameWidth = Math.max(...timings.map((timing) => timing.name.length));
  const header = `${"Measurement".padEnd(nameWidth)}  ${"Median µs".padStart(10)}  ${"p90 µs".padStart(10)}  ${"Runs".padStart(7)}`;
  const lines = [
    `Fair Share benchmark: ${BENCH_SCENARIO_TEXT}.`,
    `${COMPARISON_WARM_UP_RUNS} warm-up runs each for the exact and float rows (then timed by turns) and for` +
      ` runScenario(); up to ${WARM_UP_RUNS} warm-up runs for the others; Node ${process.version}.`,
    "",
    header,
    "-".repeat(header.length),
    ...timings.map(
      (timing) =>
        `${timing.name.padEnd(nameWidth)}  ${formatMicroseconds(timing.medianMicroseconds).padStart(10)}  ` +
        `${formatMicroseconds(timing.p90Microseconds).padStart(10)}  ${String(timing.runs).padStart(7)}`
    ),
    "",
    `Exact / float median: ${(exact.medianMicroseconds / float.medianMicroseconds).toFixed(1)}x.` +
      ` The float baseline's cells are within ${largestGap} unit(s) of the exact ones (it skips controlled rounding).`,
    `Target: ${TARGET_MICROSECONDS} µs per exact allocation; median ${formatMicroseconds(exact.medianMicroseconds)} µs:` +
      ` ${exact.medianMicroseconds <= TARGET_MICROSECONDS ? "met" : "NOT met"}.`,
    sweepBudgetLine(sweep),
    solved.line,
    "",
    ...budgetLines(exact, float, endToEnd, functionTimings),
    "",
    ...startupLines(processRuns),
  ];
  return lines.join("\n");
}

/** `fair-share bench [--runs N]`. */
export function benchCommand(argv: readonly string[], output: Output): number {
  const flags = parseFlags(argv, BENCH);
  if (flags.help) {
    output.out(benchUsage());
    return EXIT_OK;
  }
  output.out(runBench(Number(flags.valueOrDefault(RUNS_FLAG)), Number(flags.valueOrDefault(PROCESS_RUNS_FLAG))));
  return EXIT_OK;
}
