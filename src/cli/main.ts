/**
 * The command line: `fair-share allocate [flags]`, `fair-share bench`, `fair-share --help`. A thin adapter: flags go
 * to the engine as a ScenarioSpec, the engine computes, the result is printed. Exit codes: 0 done, 2 a usage or input
 * error (the message names the flag), 1 anything unexpected.
 */
import { type FairShareError, isFairShareError } from "../engine";
import { UsageError } from "./args";
import { ALLOCATE, COMMANDS, EXPLAIN, SOLVE, SWEEP, TORNADO, TRACK, acceptedFlags, type CommandFlags } from "./flags";
import {
  allocateUsage,
  benchUsage,
  dataUsage,
  explainUsage,
  importKielUsage,
  mainUsage,
  scenariosUsage,
  solveUsage,
  summaryUsage,
  sweepUsage,
  tornadoUsage,
  trackUsage,
} from "./help";
import { EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, type Output } from "./output";
import { packageVersion } from "./package-version";

export { EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, type Output } from "./output";

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Every command's flags: an error whose argument is one of them is shown with "--". */
const FLAG_NAMES: readonly string[] = [...new Set(COMMANDS.flatMap(acceptedFlags).map((flag) => flag.name))];

/** The environment the command runs in; process.env unless a caller passes its own. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Flags npm kept for itself. `npm run allocate --exempt HUN` makes npm read --exempt as one of its own options (it
 * sets npm_config_exempt) and pass only "HUN" on, so the scenario would silently lose the flag. Returns the command's
 * flags npm took, when the command runs under `npm run`.
 */
function flagsTakenByNpm(env: Environment, command: CommandFlags): string[] {
  if (env.npm_lifecycle_event === undefined) return [];
  return acceptedFlags(command)
    .map((flag) => flag.name)
    .filter((name) => env[`npm_config_${name.replace(/-/g, "_")}`] !== undefined);
}

/** Refuses to run a scenario command when npm took some of its flags (see flagsTakenByNpm). */
function refuseFlagsTakenByNpm(env: Environment, command: CommandFlags): void {
  const taken = flagsTakenByNpm(env, command);
  if (taken.length > 0) {
    throw new UsageError(
      `npm took ${taken.map((name) => `--${name}`).join(", ")} as its own option, so it never reached fair-share. ${npmAdvice(env)}`
    );
  }
}

function npmAdvice(env: Environment): string {
  const script = env.npm_lifecycle_event ?? "allocate";
  return `Run through npm, flags go after --: npm run ${script} -- --exempt HUN.`;
}

const USAGES: Readonly<Record<CommandFlags["name"], () => string>> = {
  allocate: allocateUsage,
  track: trackUsage,
  sweep: sweepUsage,
  tornado: tornadoUsage,
  solve: solveUsage,
  explain: explainUsage,
  scenarios: scenariosUsage,
  data: dataUsage,
  bench: benchUsage,
  "data import-kiel": importKielUsage,
  summary: summaryUsage,
};

/** "allocate, data or bench". */
function commandNames(): string {
  const names = COMMANDS.map((entry) => entry.name);
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/**
 * `fair-share help`, `--help` or `-h`, alone or with one command's name (fair-share help allocate); anything else
 * after it is refused rather than ignored.
 */
function helpFor(asked: string, rest: readonly string[]): string {
  if (rest.length === 0) return mainUsage();
  const named = COMMANDS.find((entry) => entry.name === rest[0]);
  if (named === undefined) {
    throw new UsageError(
      `"${rest[0]}": not a command; ${asked} takes one of ${commandNames()}, e.g. fair-share help allocate.`
    );
  }
  if (rest.length > 1) {
    throw new UsageError(
      `"${rest[1]}": unexpected argument; ${asked} takes one command. Run fair-share help ${named.name}.`
    );
  }
  return USAGES[named.name]();
}

function version(): string {
  return `fair-share ${packageVersion()}\n`;
}

/**
 * An error's message starts with the argument it names ("credit: 1.5 ...", "cap (USA): ..."); on the command line a
 * parameter is a flag, so an error whose argument belongs to a parameter (its typed `parameter`) is shown with the
 * flag ("--credit: ..."). Other arguments (e.g. "basis") are left as they are.
 */
function asFlagMessage(error: FairShareError): string {
  const { argument, message } = error;
  const flag = error.parameter ?? (FLAG_NAMES.includes(argument.split(/[\s(]/, 1)[0]) ? argument : null);
  if (flag === null || !message.startsWith(argument)) return message;
  return `--${argument}${message.slice(argument.length)}`;
}

async function dispatch(argv: readonly string[], output: Output, env: Environment): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "allocate": {
      refuseFlagsTakenByNpm(env, ALLOCATE);
      // Each command's modules are loaded when it runs: `allocate` never pays for the benchmark or the data report.
      const { allocateCommand } = await import("./allocate");
      return allocateCommand(rest, output);
    }
    case "track": {
      refuseFlagsTakenByNpm(env, TRACK);
      const { trackCommand } = await import("./track");
      return trackCommand(rest, output);
    }
    case "sweep": {
      refuseFlagsTakenByNpm(env, SWEEP);
      const { sweepCommand } = await import("./sweep");
      return sweepCommand(rest, output);
    }
    case "tornado": {
      refuseFlagsTakenByNpm(env, TORNADO);
      const { tornadoCommand } = await import("./sweep");
      return tornadoCommand(rest, output);
    }
    case "solve": {
      refuseFlagsTakenByNpm(env, SOLVE);
      const { solveCommand } = await import("./solve");
      return solveCommand(rest, output);
    }
    case "explain": {
      refuseFlagsTakenByNpm(env, EXPLAIN);
      const { explainCommand } = await import("./explain");
      return explainCommand(rest, output);
    }
    case "scenarios": {
      const { scenariosCommand } = await import("./scenarios");
      return scenariosCommand(rest, output);
    }
    case "summary": {
      const { summaryCommand } = await import("./summary");
      return summaryCommand(rest, output);
    }
    case "bench": {
      const { benchCommand } = await import("./bench");
      return benchCommand(rest, output);
    }
    case "data": {
      const { dataCommand } = await import("./data-command");
      return dataCommand(rest, output);
    }
    case "help":
    case "--help":
    case "-h":
      output.out(helpFor(command, rest));
      return EXIT_OK;
    case "--version":
    case "-v":
      if (rest.length > 0) {
        throw new UsageError(
          `"${rest[0]}": unexpected argument; ${command} takes none. Run fair-share ${command} alone.`
        );
      }
      output.out(version());
      return EXIT_OK;
    case undefined:
      output.err(mainUsage());
      return EXIT_USAGE;
    default:
      throw new UsageError(
        command.startsWith("-")
          ? `${command}: give a command first, e.g. fair-share allocate ${command} ... See fair-share --help.`
          : `"${command}": unknown command; use ${commandNames()}. See fair-share --help.`
      );
  }
}

let pipeGuardInstalled = false;

/** Runs the command line; returns the exit code (bin/fair-share.js sets it). */
export async function main(
  argv: string[],
  output: Output = processOutput,
  env: Environment = process.env
): Promise<number> {
  // `fair-share allocate | head` closes the pipe early: that is the reader's choice, not an error.
  if (!pipeGuardInstalled) {
    pipeGuardInstalled = true;
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  try {
    return await dispatch(argv, output, env);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = env.npm_lifecycle_event !== undefined && error.strayValue;
      output.err(`fair-share: ${error.message}${hint ? ` ${npmAdvice(env)}` : ""}\n`);
      return EXIT_USAGE;
    }
    // INTERNAL is the engine's own check failing: not something the user can fix by changing a flag.
    if (isFairShareError(error) && error.code !== "INTERNAL") {
      output.err(`fair-share: ${asFlagMessage(error)}\n`);
      return EXIT_USAGE;
    }
    const detail = isFairShareError(error)
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
    output.err(`fair-share: unexpected error; please report it with the command you ran.\n${detail}\n`);
    return EXIT_UNEXPECTED;
  }
}
