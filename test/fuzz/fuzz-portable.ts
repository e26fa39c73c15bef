/**
 * `npm run fuzz:portable [-- --cases N] [-- --seed S] [-- --batch B] [-- --case K]`: random (scenario, edit) pairs on the portable
 * copy. Each copy is written as `allocate --xlsx` and the pane write it, one live input is edited in the file (every
 * formula kept), LibreOffice recomputes B files per run (full recalculation; one soffice start per batch), and every
 * figure is compared with the engine's answer for the edited scenario (test/helpers/portable-check.ts). Prints the
 * seed, every mismatch, and a summary with the count of mismatching pairs and the time taken; exits 1 on any mismatch.
 * The same seed replays the same pairs; --case K replays only pair K of them.
 */
import { randomPair } from "../helpers/portable-random";
import { mismatchLines, runPairs } from "../helpers/portable-run";
import { generator } from "../helpers/random";

const DEFAULT_CASES = 200;
const DEFAULT_BATCH = 50;

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

function whole(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: "${text}" is not a whole number above 0`);
  return value;
}

/** The pair --case names: 0 to cases - 1, as the mismatches number them. */
function caseIndex(text: string, cases: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value >= cases) {
    throw new Error(`--case: "${text}" is not a case number from 0 to ${cases - 1}`);
  }
  return value;
}

async function fuzzPortable(): Promise<number> {
  const argv = process.argv.slice(2);
  const seed = whole(option(argv, "seed"), Math.floor(Math.random() * 2 ** 31), "seed");
  const cases = whole(option(argv, "cases"), DEFAULT_CASES, "cases");
  const batch = whole(option(argv, "batch"), DEFAULT_BATCH, "batch");
  console.log(
    `fuzz:portable: seed ${seed}, ${cases} (scenario, edit) pairs, ${batch} files per LibreOffice run ` +
      `(replay with npm run fuzz:portable -- --seed ${seed} --cases ${cases})`
  );
  const random = generator(seed);
  const all = Array.from({ length: cases }, (_, index) => randomPair(random, index));
  const only = option(argv, "case");
  const pairs = only === undefined ? all : [all[caseIndex(only, cases)]];
  const started = Date.now();
  const outcomes = await runPairs(pairs, batch, (done, milliseconds) =>
    console.log(
      `  ${done}/${pairs.length} recomputed (this batch's LibreOffice run: ${(milliseconds / 1000).toFixed(1)} s)`
    )
  );
  let failing = 0;
  for (const outcome of outcomes) {
    if (outcome.mismatches.length === 0) continue;
    failing++;
    console.log(`${outcome.name}\n  edit: ${outcome.what}\n    ${mismatchLines(outcome, 12).join("\n    ")}`);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz:portable: seed ${seed}: ${pairs.length} pairs in ${seconds.toFixed(1)} s; ${failing} with mismatches, ` +
      `${pairs.length - failing} right.`
  );
  return failing === 0 ? 0 : 1;
}

fuzzPortable().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  }
);
