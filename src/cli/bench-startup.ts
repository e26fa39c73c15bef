/**
 * The command line's start-up, for `fair-share bench`: the wall time of one allocation through the command as a user
 * runs it (a new Node process running bin/fair-share.js), beside Node's own start-up (`node -e 0`) on the same
 * machine, run by turns. Their ratio is what the budget speaks of: start-up costs what Node costs plus what the
 * command loads, and the machine's speed cancels out.
 */
import { spawnSync } from "child_process";
import { join } from "path";

import { BENCH_SPEC } from "./bench-common";

/** The entry point users run; lib/cli/ and src/cli/ both sit two folders below the package. */
const BIN = join(__dirname, "..", "..", "bin", "fair-share.js");

/** The allocation timed: the benchmark's scenario as flags, every figure printed (json). */
export const STARTUP_ARGS: readonly string[] = [
  "allocate",
  ...Object.entries(BENCH_SPEC).flatMap(([name, value]) => [`--${name}`, value]),
  "--format",
  "json",
];

export interface ProcessTiming {
  /** The command as a person would type it. */
  readonly command: string;
  readonly medianMilliseconds: number;
  readonly runs: number;
}

export interface StartupTimings {
  readonly cli: ProcessTiming;
  readonly node: ProcessTiming;
  /** The CLI's median over Node's median. */
  readonly ratio: number;
}

/** The environment for the timed processes: without npm's, so `npm run bench` times what a user's shell runs. */
function plainEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("npm_"))
  ) as NodeJS.ProcessEnv;
}

/** Runs `node ARGS` once and returns its wall time in milliseconds; a failed run is an error, not a timing. */
function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error !== undefined || result.status !== 0) {
    const reason = result.error?.message ?? `exit ${result.status}: ${result.stderr}`;
    throw new Error(`node ${args.join(" ")} failed (${reason})`);
  }
  return milliseconds;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times `runs` processes of each, by turns (the order alternating), after one untimed run of each that brings the
 * files into the disk cache.
 */
export function benchmarkStartup(runs: number): StartupTimings {
  const env = plainEnvironment();
  const cliArgs = [BIN, ...STARTUP_ARGS];
  const nodeArgs = ["-e", "0"];
  timeProcess(cliArgs, env);
  timeProcess(nodeArgs, env);
  const cliSamples: number[] = [];
  const nodeSamples: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      cliSamples.push(timeProcess(cliArgs, env));
      nodeSamples.push(timeProcess(nodeArgs, env));
    } else {
      nodeSamples.push(timeProcess(nodeArgs, env));
      cliSamples.push(timeProcess(cliArgs, env));
    }
  }
  const cli = {
    command: `node bin/fair-share.js ${STARTUP_ARGS.join(" ")}`,
    medianMilliseconds: median(cliSamples),
    runs,
  };
  const node = { command: "node -e 0", medianMilliseconds: median(nodeSamples), runs };
  return { cli, node, ratio: cli.medianMilliseconds / node.medianMilliseconds };
}
