/**
 * The user's data on the command line: --data FILE, --eu-data FILE and --aid-data DIR read into one edition, once per
 * command (the engine's readEdition checks the csv files; src/data/kiel.ts reads the Kiel release, the same reader the
 * embedded data's import uses). Loaded only by a command that was given one of these flags.
 */
import { existsSync, readFileSync, statSync } from "fs";
import { join } from "path";

import { DataFileError, readKielRelease, type KielFiles, type NamedText } from "../data";
import { readEdition, type AidInput, type Edition } from "../engine";
import { UsageError, type ParsedFlags } from "./args";
import { AID_DATA_FLAG, DATA_FILE_FLAG, EU_DATA_FLAG, type ValueFlag } from "./flags";
import type { Output } from "./output";

/** The data flags given, as typed. */
export interface DataFiles {
  readonly data?: string;
  readonly euData?: string;
  readonly aidData?: string;
}

export function dataFiles(flags: ParsedFlags): DataFiles {
  return { data: flags.value(DATA_FILE_FLAG), euData: flags.value(EU_DATA_FLAG), aidData: flags.value(AID_DATA_FLAG) };
}

export function anyDataFile(files: DataFiles): boolean {
  return files.data !== undefined || files.euData !== undefined || files.aidData !== undefined;
}

/** A file's text, or a usage error naming the flag. */
function readText(flag: ValueFlag, path: string): string {
  try {
    if (statSync(path).isDirectory()) {
      throw new UsageError(
        `--${flag.name}: ${path} is a folder; give the csv file, e.g. --${flag.name} ${flag.example}.`
      );
    }
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError(`--${flag.name}: cannot read the file ${path} (${code}); check the name and permissions.`);
  }
}

/** A Kiel release folder (data_explorer.csv, release_info.csv, and total_allocations.csv when there is one). */
export function kielFolderFiles(dir: string, flag: string): KielFiles {
  const named = (name: string): NamedText | undefined => {
    const path = join(dir, name);
    return existsSync(path) ? { name: path, text: readFileSync(path, "utf8") } : undefined;
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(
      `--${flag}: ${dir} is not a folder; give the folder fair-share data import-kiel wrote (--out DIR).`
    );
  }
  const explorer = named("data_explorer.csv");
  const releaseInfo = named("release_info.csv");
  if (explorer === undefined || releaseInfo === undefined) {
    throw new UsageError(
      `--${flag}: ${dir} has no ${explorer === undefined ? "data_explorer.csv" : "release_info.csv"}; make the folder` +
        " with fair-share data import-kiel FILE.csv --out DIR."
    );
  }
  return { explorer, releaseInfo, totals: named("total_allocations.csv") };
}

function readAid(dir: string): AidInput {
  try {
    return { file: dir, data: readKielRelease(kielFolderFiles(dir, AID_DATA_FLAG.name)).data };
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(`--${AID_DATA_FLAG.name}: ${error.message}`);
    throw error;
  }
}

/**
 * The edition the data flags bring, read once; its warnings (a unit off by a factor of 1,000...) are printed on
 * stderr, and every output's notes repeat them.
 */
export function loadEdition(files: DataFiles, output: Output): Edition {
  const edition = readEdition({
    data: files.data === undefined ? undefined : { file: files.data, text: readText(DATA_FILE_FLAG, files.data) },
    euData: files.euData === undefined ? undefined : { file: files.euData, text: readText(EU_DATA_FLAG, files.euData) },
    aid: files.aidData === undefined ? undefined : readAid(files.aidData),
  });
  for (const warning of edition.warnings) output.err(`fair-share: warning: ${warning}\n`);
  return edition;
}
