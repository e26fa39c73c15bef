/**
 * `fair-share data import-kiel FILE.csv --out DIR`: reads a Kiel Ukraine Support Tracker release (its
 * data_explorer.csv, with the release_info.csv beside it or the release given by flags), checks it with the reader
 * the embedded data's import uses (src/data/kiel.ts: columns, months, donors, figures, and the totals against a
 * total_allocations.csv beside it), compares it with the embedded release, and writes it to DIR, where
 * `--aid-data DIR` reads it. Nothing is written when a check fails.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { basename, dirname, join } from "path";

import {
  DataFileError,
  KIEL_MILITARY,
  RELEASE_INFO_COLUMNS,
  kielReleaseLabel,
  readKielRelease,
  readReleaseInfo,
  type KielReleaseInfo,
  type NamedText,
} from "../data";
import { codeWithName, embeddedEdition } from "../engine";
import { UsageError, parseFlags } from "./args";
import { DATE_FLAG, IMPORT_KIEL, OUT_FLAG, OVERWRITE_FLAG, PERIOD_FLAG, RELEASE_FLAG } from "./flags";
import { toCsv } from "./format";
import { importKielUsage } from "./help";
import { EXIT_OK, type Output } from "./output";

/** The files import-kiel writes into DIR: the folder --aid-data reads. */
const WRITTEN = ["data_explorer.csv", "release_info.csv", "total_allocations.csv"] as const;

function readNamed(path: string): NamedText | undefined {
  return existsSync(path) ? { name: path, text: readFileSync(path, "utf8") } : undefined;
}

/** The release: from the flags (all three), or release_info.csv beside the file; both must agree when both are there. */
function releaseOf(given: Partial<Record<"release" | "period" | "date", string>>, beside: NamedText | undefined) {
  const named = (["release", "period", "date"] as const).filter((key) => given[key] !== undefined);
  if (named.length > 0 && named.length < 3) {
    const missing = (["release", "period", "date"] as const).filter((key) => given[key] === undefined);
    throw new UsageError(
      `--${missing[0]}: needed with --${named.join(" and --")}: give --release, --period and --date together` +
        " (or none, to read release_info.csv beside the file)."
    );
  }
  const fromFlags: KielReleaseInfo | undefined =
    named.length === 3
      ? {
          release: given.release as string,
          period: given.period as string,
          date: given.date as string,
          label: kielReleaseLabel(given.release as string, given.period as string),
        }
      : undefined;
  const fromFile = beside === undefined ? undefined : readReleaseInfo(beside);
  if (fromFlags !== undefined && fromFile !== undefined) {
    for (const key of ["release", "period", "date"] as const) {
      if (fromFlags[key] !== fromFile[key]) {
        throw new UsageError(
          `--${key}: ${fromFlags[key]}, but ${beside?.name} says ${fromFile[key]}; give the release's own facts, or drop the flags.`
        );
      }
    }
  }
  if (fromFlags === undefined && fromFile === undefined) {
    throw new UsageError(
      `no release_info.csv beside the file: give the release with --release N --period MM/YYYY --date YYYY-MM-DD` +
        ` (e.g. --${RELEASE_FLAG.name} ${RELEASE_FLAG.example} --${PERIOD_FLAG.name} ${PERIOD_FLAG.example} --${DATE_FLAG.name} ${DATE_FLAG.example}).`
    );
  }
  return { info: fromFile ?? (fromFlags as KielReleaseInfo), written: fromFile === undefined };
}

export function importKielCommand(argv: readonly string[], output: Output): number {
  const [file, ...rest] = argv;
  if (file === "--help" || file === "-h") {
    output.out(importKielUsage());
    return EXIT_OK;
  }
  const flags = parseFlags(rest, IMPORT_KIEL);
  if (flags.help) {
    output.out(importKielUsage());
    return EXIT_OK;
  }
  if (file === undefined || file.startsWith("--")) {
    throw new UsageError(
      "import-kiel: give the data_explorer.csv to read first, e.g. fair-share data import-kiel data_explorer.csv --out kiel-release-30."
    );
  }
  const out = flags.value(OUT_FLAG);
  if (out === undefined) {
    throw new UsageError(
      `--${OUT_FLAG.name}: required: the folder to write to, e.g. --${OUT_FLAG.name} ${OUT_FLAG.example}.`
    );
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    throw new UsageError(`import-kiel: ${file} is not a file; give the release's data_explorer.csv.`);
  }
  const folder = dirname(file);
  const beside = readNamed(join(folder, "release_info.csv"));
  const totals = readNamed(join(folder, "total_allocations.csv"));

  let read;
  let release;
  try {
    release = releaseOf(
      { release: flags.value(RELEASE_FLAG), period: flags.value(PERIOD_FLAG), date: flags.value(DATE_FLAG) },
      beside
    );
    read = readKielRelease({ explorer: { name: file, text: readFileSync(file, "utf8") }, totals }, release.info);
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(`import-kiel: ${error.message}`);
    throw error;
  }

  // What changed against the embedded release: an ally it tracked that this one does not is worth a look.
  const embedded = embeddedEdition().aid;
  const dropped = embeddedEdition()
    .allies.map((ally) => ally.iso3)
    .filter((code) => embedded.tracked(code) && read.data.donorNames[code] === undefined);
  const warnings: string[] = [];
  if (dropped.length > 0) {
    warnings.push(`${dropped.map(codeWithName).join(", ")}: tracked in ${KIEL_MILITARY.release}, not in this file.`);
  }
  if (read.data.lastMonth < embedded.lastMonth) {
    warnings.push(`this release ends in ${read.data.lastMonth}, before the embedded one (${embedded.lastMonth}).`);
  }

  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UsageError(`--${OUT_FLAG.name}: ${out} is a file; give a folder.`);
  }
  const targets = WRITTEN.filter((name) => name !== "total_allocations.csv" || totals !== undefined);
  const taken = targets.filter((name) => existsSync(join(out, name)));
  if (taken.length > 0 && !flags.has(OVERWRITE_FLAG)) {
    throw new UsageError(
      `--${OUT_FLAG.name}: ${join(out, taken[0])} exists; add --${OVERWRITE_FLAG.name} to overwrite, or choose another folder.`
    );
  }
  mkdirSync(out, { recursive: true });
  copyFileSync(file, join(out, "data_explorer.csv"));
  if (release.written) {
    const info = release.info;
    writeFileSync(
      join(out, "release_info.csv"),
      toCsv([[...RELEASE_INFO_COLUMNS], [info.release, info.period, info.date, info.label]]).replace(/^\uFEFF/, "")
    );
  } else {
    copyFileSync(join(folder, "release_info.csv"), join(out, "release_info.csv"));
  }
  if (totals !== undefined) copyFileSync(totals.name, join(out, "total_allocations.csv"));

  const donors = Object.keys(read.data.donorNames).length;
  const checked =
    read.monthsChecked > 0
      ? `; each month's total checked against total_allocations.csv (${read.monthsChecked} months)`
      : "; no total_allocations.csv beside it, so the monthly totals were not checked";
  output.out(
    [
      `Read ${basename(file)}: ${read.data.release}, published ${read.data.releaseDate}; ${read.rows} rows, ${donors}` +
        ` donors, ${read.data.firstMonth} to ${read.data.lastMonth}${checked}.`,
      ...warnings.map((warning) => `Warning: ${warning}`),
      `Wrote ${targets.map((name) => join(out, name)).join(", ")}.`,
      `Use it: fair-share allocate --credit 50% --aid-data ${out}`,
      "",
    ].join("\n")
  );
  for (const warning of warnings) output.err(`fair-share: warning: ${warning}\n`);
  return EXIT_OK;
}
