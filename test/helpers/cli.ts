/**
 * Running the command line as users run it (`node bin/fair-share.js ...` as a separate process, on the compiled lib/)
 * and reading its csv back, for the CLI tests.
 */
import { execFile, spawnSync } from "child_process";
import { existsSync, readdirSync, statSync } from "fs";
import { join, relative } from "path";

export const repoRoot = join(__dirname, "..", "..");
const cli = join(repoRoot, "bin", "fair-share.js");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Whether any source of the CLI build (tsconfig.cli.json) is newer than its compiled file. */
function isLibStale(): boolean {
  // src/workbook is compiled only as far as the command line imports it: a file there without output is not stale.
  for (const folder of ["engine", "data", "cli", "workbook"]) {
    const sourceFolder = join(repoRoot, "src", folder);
    for (const file of readdirSync(sourceFolder).filter((name) => name.endsWith(".ts"))) {
      const source = join(sourceFolder, file);
      const compiled = join(repoRoot, "lib", relative(join(repoRoot, "src"), source).replace(/\.ts$/, ".js"));
      if (!existsSync(compiled) && folder === "workbook") continue;
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) return true;
    }
  }
  return false;
}

let libChecked = false;

/**
 * Compiles lib/ when any source is newer than its output, so the processes run the code under test. Checked once per
 * test file: the sources do not change while it runs.
 */
function ensureLibCurrent(): void {
  if (libChecked) return;
  libChecked = true;
  if (!isLibStale()) return;
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.cli.json"], { cwd: repoRoot, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`tsc -p tsconfig.cli.json failed:\n${build.stdout}${build.stderr}`);
}

/** Runs a Node script of the repository (scripts/...) as a process, synchronously, after making lib/ current. */
export function runScript(
  script: string,
  args: readonly string[]
): { status: number | null; stdout: string; stderr: string } {
  ensureLibCurrent();
  return spawnSync(process.execPath, [join(repoRoot, script), ...args], { cwd: repoRoot, encoding: "utf8" });
}

/** Runs `fair-share ARGS` as a process on a current lib/; resolves (never rejects) with its exit code and output. */
export function run(args: readonly string[]): Promise<Run> {
  ensureLibCurrent();
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The files a command loads: `main(ARGS)` of lib/cli/main.js in a fresh process (its output discarded), then every
 * module in require's cache, as paths relative to the repository (node_modules/exceljs/..., lib/cli/main.js).
 */
export function modulesLoaded(args: readonly string[]): Promise<{ code: number; modules: string[] }> {
  ensureLibCurrent();
  const script = [
    'const { main } = require("./lib/cli/main.js");',
    "main(process.argv.slice(1), { out() {}, err() {} }).then((code) =>",
    "  process.stdout.write(JSON.stringify({ code, modules: Object.keys(require.cache) }))",
    ");",
  ].join("\n");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", script, ...args], { cwd: repoRoot, encoding: "utf8" }, (error, stdout) => {
      if (error) return reject(error);
      const loaded = JSON.parse(stdout) as { code: number; modules: string[] };
      resolve({
        code: loaded.code,
        modules: loaded.modules.map((file) => relative(repoRoot, file).replace(/\\/g, "/")),
      });
    });
  });
}

/** What a test file's commands printed: see commandRuns. */
export interface CommandRuns<Name extends string> {
  readonly outputs: Record<Name, Run>;
  /** In the order of the bad arguments given. */
  readonly badOutputs: Run[];
  /** A command's standard output; throws with its standard error when it did not exit 0. */
  stdout(name: Name): string;
}

/**
 * Runs named commands and bad-argument cases in parallel (each a process) in one beforeAll for a test file's many
 * expectations; the outputs are there when the tests run.
 */
export function commandRuns<Name extends string>(
  commands: Readonly<Record<Name, readonly string[]>>,
  badArgs: readonly (readonly string[])[]
): CommandRuns<Name> {
  const outputs = {} as Record<Name, Run>;
  const badOutputs: Run[] = [];
  beforeAll(async () => {
    const names = Object.keys(commands) as Name[];
    const [good, bad] = await Promise.all([
      Promise.all(names.map((name) => run(commands[name]))),
      Promise.all(badArgs.map((args) => run(args))),
    ]);
    names.forEach((name, index) => (outputs[name] = good[index]));
    badOutputs.push(...bad);
  }, 120_000);
  return {
    outputs,
    badOutputs,
    stdout(name) {
      const { code, stdout, stderr } = outputs[name];
      if (code !== 0) throw new Error(`${commands[name].join(" ")} exited ${code}: ${stderr}`);
      return stdout;
    },
  };
}

export const BOM = "\uFEFF";

/**
 * Reads csv as a spreadsheet would: a leading byte-order mark dropped, fields split at the delimiter outside quotes,
 * "" inside quotes read as one quote. Lines end in a bare newline (no field of ours holds one).
 */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const rows: string[][] = [];
  for (const line of body.split("\n").filter((row) => row !== "")) {
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    for (let index = 0; index < line.length; index++) {
      const character = line[index];
      if (quoted) {
        if (character === '"' && line[index + 1] === '"') {
          field += '"';
          index++;
        } else if (character === '"') quoted = false;
        else field += character;
      } else if (character === '"') quoted = true;
      else if (character === delimiter) {
        fields.push(field);
        field = "";
      } else field += character;
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}
