/**
 * The command line: `fair-share allocate [flags]`, `fair-share bench`, `fair-share --help`. A thin adapter: flags go
 * to the engine as a ScenarioSpec, the engine computes, the result is printed. Exit codes: 0 done, 2 a usage or input
 * error (the message names the flag), 1 anything unexpected.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";

import {
  type FairShareError,
  type ParameterName,
  type ScenarioSpec,
  isFairShareError,
  isParameterName,
  parseChoice,
  parseWholeNumber,
  runScenario,
} from "../engine";
import { describePortableWorkbook } from "../workbook/portable";
import { renderXlsx } from "../workbook/portable-xlsx";
import { UsageError, parseFlags, type ParsedFlags } from "./args";
import { runBench } from "./bench";
import { renderDataCsv, renderDataTable, renderInstrumentCsv, renderInstrumentTable } from "./data-format";
import { buildDataReport, buildInstrumentReport } from "./data-report";
import { renderCsv, renderJson, renderTable, type CsvOptions } from "./format";
import {
  AID_FROM_FLAG,
  AID_TO_FLAG,
  ALLOCATE_FLAGS,
  BENCH_FLAGS,
  DATA_FLAGS,
  DECIMAL_COMMA_FLAG,
  DELIMITERS,
  DELIMITER_FLAG,
  EU_SWITCH,
  FORCE_FLAG,
  FORMAT_FLAG,
  OUTPUT_FORMATS,
  RUNS_FLAG,
  SORT_FLAG,
  XLSX_FLAG,
  allocateUsage,
  benchUsage,
  dataUsage,
  mainUsage,
  type OutputFormat,
} from "./help";
import { SORT_ORDERS, buildReport, type SortOrder } from "./report";

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;

/** Where the command writes; process.stdout and process.stderr unless a caller passes its own. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** The flags `allocate` accepts: the ones npm can take for itself under `npm run allocate`. */
const ALLOCATE_FLAG_NAMES: readonly string[] = ALLOCATE_FLAGS.map((flag) => flag.name);

/** Every command's flags: an error whose argument is one of them is shown with "--". */
const FLAG_NAMES: readonly string[] = [
  ...new Set([...ALLOCATE_FLAGS, ...DATA_FLAGS, ...BENCH_FLAGS].map((flag) => flag.name)),
];

/** The environment the command runs in; process.env unless a caller passes its own. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Flags npm kept for itself. `npm run allocate --exempt HUN` makes npm read --exempt as one of its own options (it
 * sets npm_config_exempt) and pass only "HUN" on, so the scenario would silently lose the flag. Returns the flags
 * npm took, when the command runs under `npm run`.
 */
function flagsTakenByNpm(env: Environment): string[] {
  if (env.npm_lifecycle_event === undefined) return [];
  return ALLOCATE_FLAG_NAMES.filter((name) => env[`npm_config_${name.replace(/-/g, "_")}`] !== undefined);
}

function npmAdvice(env: Environment): string {
  const script = env.npm_lifecycle_event ?? "allocate";
  return `Run through npm, flags go after --: npm run ${script} -- --exempt HUN.`;
}

/** `fair-share allocate`: flags -> spec -> engine -> table, csv or json (and with --xlsx, a portable workbook). */
async function allocateCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, ALLOCATE_FLAGS, "allocate");
  if (flags.help) {
    output.out(allocateUsage());
    return EXIT_OK;
  }
  // The scenario's flags as given: the engine's spec, and the report's record of the flags.
  const spec: Partial<Record<ParameterName, string>> = {};
  for (const [name, value] of flags.values) if (isParameterName(name)) spec[name] = value;
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const sortText = flags.values.get(SORT_FLAG.name);
  const sort = sortText === undefined ? null : parseChoice<SortOrder>(SORT_FLAG.name, sortText, SORT_ORDERS);

  const xlsxFile = flags.values.get(XLSX_FLAG.name);
  const force = flags.switches.has(FORCE_FLAG.name);
  if (force && xlsxFile === undefined) {
    throw new UsageError(`--${FORCE_FLAG.name}: only with --${XLSX_FLAG.name} FILE (it allows overwriting FILE).`);
  }

  // --eu-add @FILE reads the instruments from a file, one a line; the report keeps the flag as given.
  const euAdd = spec["eu-add"];
  const euAddValue = euAdd?.startsWith("@") ? readEuAddFile(euAdd.slice(1)) : euAdd;
  const scenarioSpec = { ...spec, "eu-add": euAddValue } satisfies ScenarioSpec;
  const result = runScenario(scenarioSpec);
  const report = buildReport(result, spec, sort);
  if (xlsxFile !== undefined) await writePortableWorkbook(xlsxFile, force, scenarioSpec, result);
  const render = { table: renderTable, csv: (r: typeof report) => renderCsv(r, csv), json: renderJson }[format];
  output.out(render(report));
  if (xlsxFile !== undefined) output.err(`fair-share: wrote the portable workbook ${xlsxFile}\n`);
  return EXIT_OK;
}

async function writePortableWorkbook(
  file: string,
  force: boolean,
  spec: ScenarioSpec,
  result: ReturnType<typeof runScenario>
): Promise<void> {
  const { workbook } = describePortableWorkbook(spec, result, { version: packageVersion(), date: new Date() });
  const bytes = await renderXlsx(workbook);
  try {
    // "wx" fails when the file exists, in the same call that creates it.
    writeFileSync(file, bytes, { flag: force ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new UsageError(
        `--${XLSX_FLAG.name}: ${file} exists; add --${FORCE_FLAG.name} to overwrite it, or choose another name.`
      );
    }
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "EPERM") {
      throw new UsageError(`--${XLSX_FLAG.name}: cannot write ${file} (${code}); check the folder and permissions.`);
    }
    throw error;
  }
}

function outputFormat(flags: ParsedFlags): OutputFormat {
  const formatText = flags.values.get(FORMAT_FLAG.name);
  return formatText === undefined ? "table" : parseChoice<OutputFormat>(FORMAT_FLAG.name, formatText, OUTPUT_FORMATS);
}

/** --delimiter and --decimal-comma: csv only, and a decimal comma only where the comma is not the delimiter. */
function csvOptions(flags: ParsedFlags, format: OutputFormat): CsvOptions {
  const delimiterText = flags.values.get(DELIMITER_FLAG.name);
  const decimalComma = flags.switches.has(DECIMAL_COMMA_FLAG.name);
  if (format !== "csv") {
    const given = delimiterText !== undefined ? DELIMITER_FLAG.name : decimalComma ? DECIMAL_COMMA_FLAG.name : null;
    if (given !== null) throw new UsageError(`--${given}: applies to csv only. Add --format csv, or drop --${given}.`);
  }
  const delimiter = delimiterText === undefined ? "comma" : parseChoice(DELIMITER_FLAG.name, delimiterText, DELIMITERS);
  if (decimalComma && delimiter === "comma") {
    throw new UsageError(
      "--decimal-comma: needs --delimiter semicolon (a decimal comma would split comma-separated fields)."
    );
  }
  return { delimiter: delimiter === "comma" ? "," : ";", decimalComma };
}

/** `fair-share data`: the embedded data per ally, or with --eu the EU instruments; table, csv or json. */
function dataCommand(argv: readonly string[], output: Output): number {
  const flags = parseFlags(argv, DATA_FLAGS, "data");
  if (flags.help) {
    output.out(dataUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const aidFrom = flags.values.get(AID_FROM_FLAG.name);
  const aidTo = flags.values.get(AID_TO_FLAG.name);
  if (flags.switches.has(EU_SWITCH.name)) {
    const given = aidFrom !== undefined ? AID_FROM_FLAG.name : aidTo !== undefined ? AID_TO_FLAG.name : null;
    if (given !== null) throw new UsageError(`--${given}: cannot be used with --eu (instruments have no aid window).`);
    const report = buildInstrumentReport();
    const render = { table: renderInstrumentTable, csv: () => renderInstrumentCsv(report, csv), json: renderJson };
    output.out(render[format](report));
    return EXIT_OK;
  }
  const report = buildDataReport(aidFrom, aidTo);
  const render = { table: renderDataTable, csv: () => renderDataCsv(report, csv), json: renderJson };
  output.out(render[format](report));
  return EXIT_OK;
}

/** An --eu-add file: one instrument a line in the --eu-add form; blank lines and lines starting with # are skipped. */
function readEuAddFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(
      `--eu-add: cannot read the file "${path}". Give an existing file after @, e.g. @instruments.txt.`
    );
  }
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  if (lines.length === 0) {
    throw new UsageError(
      `--eu-add: the file "${path}" lists no instrument. Write one a line: ID AMOUNT YEARS [states].`
    );
  }
  return lines.join("\n");
}

function benchCommand(argv: readonly string[], output: Output): number {
  const flags = parseFlags(argv, BENCH_FLAGS, "bench");
  if (flags.help) {
    output.out(benchUsage());
    return EXIT_OK;
  }
  const runsText = flags.values.get(RUNS_FLAG.name);
  const runs = runsText === undefined ? Number(RUNS_FLAG.default) : parseWholeNumber(RUNS_FLAG.name, runsText, 1, 1e6);
  output.out(runBench(runs));
  return EXIT_OK;
}

function packageVersion(): string {
  // lib/cli/main.js and src/cli/main.ts both sit two folders below package.json.
  const packageJson = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version?: string;
  };
  return packageJson.version ?? "unknown";
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
      const taken = flagsTakenByNpm(env);
      if (taken.length > 0) {
        throw new UsageError(
          `npm took ${taken.map((name) => `--${name}`).join(", ")} as its own option, so it never reached fair-share. ${npmAdvice(env)}`
        );
      }
      return allocateCommand(rest, output);
    }
    case "bench":
      return benchCommand(rest, output);
    case "data":
      return dataCommand(rest, output);
    case "help":
      if (rest[0] === "allocate") output.out(allocateUsage());
      else if (rest[0] === "data") output.out(dataUsage());
      else if (rest[0] === "bench") output.out(benchUsage());
      else output.out(mainUsage());
      return EXIT_OK;
    case "--help":
    case "-h":
      output.out(mainUsage());
      return EXIT_OK;
    case "--version":
    case "-v":
      output.out(version());
      return EXIT_OK;
    case undefined:
      output.err(mainUsage());
      return EXIT_USAGE;
    default:
      throw new UsageError(
        command.startsWith("-")
          ? `${command}: give a command first, e.g. fair-share allocate ${command} ... See fair-share --help.`
          : `"${command}": unknown command; use allocate, data or bench. See fair-share --help.`
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
      const hint = env.npm_lifecycle_event !== undefined && /unexpected argument/.test(error.message);
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
