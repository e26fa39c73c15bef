/**
 * The reader of a Kiel Ukraine Support Tracker release: its `data_explorer.csv` (one row per donor and month), its
 * `release_info.csv` (release number, period, date, label) and, when present, its `total_allocations.csv` (the
 * allocations of all donors by month, to check the rows against). The one reader of these files: the embedded data's
 * import (scripts/import-data.mjs, through the compiled lib/data/kiel.js), `fair-share data import-kiel` and
 * `--aid-data` all call it. Pure: callers pass the texts. Exact: figures stay the files' decimal strings, and the
 * totals check adds them as scaled integers.
 */
import {
  DataFileError,
  decimalCell,
  integerCell,
  isZeroDecimal,
  readCsvTable,
  readExactTable,
  textCell,
  where,
  type CsvRecord,
} from "./csv";
import type { KielMilitaryData } from "./types";

/** The files of a release, as texts with the names that messages give them. */
export interface KielFiles {
  readonly explorer: NamedText;
  /** release_info.csv; when missing, `release` must be given. */
  readonly releaseInfo?: NamedText;
  /** total_allocations.csv, checked against the explorer's rows when given. */
  readonly totals?: NamedText;
}

export interface NamedText {
  readonly name: string;
  readonly text: string;
}

/** A release as release_info.csv states it. */
export interface KielReleaseInfo {
  /** The release number, "29". */
  readonly release: string;
  /** The last month of its data, as Kiel writes it: "04/2026". */
  readonly period: string;
  /** Publication date, YYYY-MM-DD. */
  readonly date: string;
  /** "Ukraine Support Tracker, Release 29 (04/2026)". */
  readonly label: string;
}

export interface KielRead {
  readonly data: KielMilitaryData;
  /**
   * The explorer's commitments column (every kind of aid announced, by donor and month, non-zero months), when the file
   * has one.
   */
  readonly commitments: Readonly<Record<string, readonly (readonly [string, string])[]>> | null;
  readonly info: KielReleaseInfo;
  /** The period as a month, "2026-04". */
  readonly periodMonth: string;
  /** How many rows the explorer file has. */
  readonly rows: number;
  /** Months checked against total_allocations.csv (0 when it was not given). */
  readonly monthsChecked: number;
}

/** The columns of release_info.csv, in its order. */
export const RELEASE_INFO_COLUMNS = ["release", "period", "date", "label"] as const;

/** The columns of data_explorer.csv the reader uses (the file has more: total, financial, humanitarian...). */
export const EXPLORER_COLUMNS = ["country", "iso", "year", "month", "military"] as const;

/** Donor codes become object keys in the generated module, so they must be plain identifiers. */
const DONOR_CODE_PATTERN = /^[A-Z][A-Z0-9]*$/;
const PERIOD_PATTERN = /^(0[1-9]|1[0-2])\/(\d{4})$/;
const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The label Kiel gives a release: "Ukraine Support Tracker, Release 29 (04/2026)". */
export function kielReleaseLabel(release: string, period: string): string {
  return `Ukraine Support Tracker, Release ${release} (${period})`;
}

/** "04/2026" -> "2026-04". */
export function periodMonth(period: string): string {
  const match = PERIOD_PATTERN.exec(period);
  if (match === null) throw new DataFileError(`period "${period}" is not a month written MM/YYYY, e.g. 04/2026`);
  return `${match[2]}-${match[1]}`;
}

/** Checks a release's facts (from release_info.csv or given by hand), naming `origin` in a message. */
export function checkReleaseInfo(info: KielReleaseInfo, origin: string): KielReleaseInfo {
  if (!/^\d{1,4}$/.test(info.release)) {
    throw new DataFileError(`${origin}: release "${info.release}" is not a release number, e.g. 29`);
  }
  if (!PERIOD_PATTERN.test(info.period)) {
    throw new DataFileError(`${origin}: period "${info.period}" is not a month written MM/YYYY, e.g. 04/2026`);
  }
  if (!DATE_PATTERN.test(info.date)) {
    throw new DataFileError(`${origin}: date "${info.date}" is not a date written YYYY-MM-DD, e.g. 2026-08-04`);
  }
  if (info.label.trim() === "") throw new DataFileError(`${origin}: the release label is empty`);
  return info;
}

/** release_info.csv: one row, release, period, date and label. */
export function readReleaseInfo(file: NamedText): KielReleaseInfo {
  const rows = readExactTable(file.text, file.name, RELEASE_INFO_COLUMNS);
  if (rows.length !== 1) {
    throw new DataFileError(`${file.name}: expected exactly one release row, found ${rows.length}`);
  }
  const [row] = rows;
  return checkReleaseInfo(
    {
      release: row.release,
      period: row.period,
      date: row.date,
      label: textCell(file.name, row, "label"),
    },
    `${file.name} line ${row.line}`
  );
}

/**
 * Reads a release: the explorer's military column by donor and month (the non-zero months kept, every donor named),
 * checked: the columns are there, each row's year and month are a month no later than the release's period, each
 * donor has one code and one name and at most one row a month, every figure is a plain decimal, and (with
 * total_allocations.csv) every month's rows add up to the published total. `release` stands in for release_info.csv.
 */
export function readKielRelease(files: KielFiles, release?: KielReleaseInfo): KielRead {
  let info: KielReleaseInfo;
  if (release !== undefined) info = checkReleaseInfo(release, "the release given");
  else if (files.releaseInfo !== undefined) info = readReleaseInfo(files.releaseInfo);
  else {
    throw new DataFileError(
      `${files.explorer.name}: no release_info.csv beside it; give the release number, period and date instead`
    );
  }
  const lastAllowed = periodMonth(info.period);
  const file = files.explorer.name;
  const { records } = readCsvTable(files.explorer.text, file, EXPLORER_COLUMNS);
  if (records.length === 0) throw new DataFileError(`${file}: no data rows`);

  // Every donor gets a key, even one whose military rows are all zero (the EU row is): "has a row in the tracker"
  // is what separates a zero from "not tracked".
  const donorNames = new Map<string, string>();
  const byDonor = new Map<string, [string, string][]>();
  const hasCommitments = records.length > 0 && Object.prototype.hasOwnProperty.call(records[0], "commitments");
  const commitments = new Map<string, [string, string][]>();
  const seenDonorMonths = new Set<string>();
  const rowsByMonth = new Map<string, CsvRecord[]>();
  let firstMonth: string | undefined;
  let lastMonth: string | undefined;
  for (const row of records) {
    const donor = row.iso;
    if (!DONOR_CODE_PATTERN.test(donor)) {
      throw new DataFileError(`${where(file, row, "iso")}: "${donor}" is not an upper-case donor code`);
    }
    const name = textCell(file, row, "country");
    const known = donorNames.get(donor);
    if (known !== undefined && known !== name) {
      throw new DataFileError(`${file} line ${row.line}: ${donor} is named both ${known} and ${name}`);
    }
    const year = integerCell(file, row, "year", 2000, 2100);
    const monthNumber = integerCell(file, row, "month", 1, 12);
    const month = `${year}-${String(monthNumber).padStart(2, "0")}`;
    if (month > lastAllowed) {
      throw new DataFileError(
        `${file} line ${row.line}: ${donor} has a row for ${month}, after the release's period ${info.period}`
      );
    }
    const donorMonth = `${donor} ${month}`;
    if (seenDonorMonths.has(donorMonth)) {
      throw new DataFileError(`${file} line ${row.line}: ${donor} has two rows for ${month}`);
    }
    seenDonorMonths.add(donorMonth);
    if (firstMonth === undefined || month < firstMonth) firstMonth = month;
    if (lastMonth === undefined || month > lastMonth) lastMonth = month;

    const military = decimalCell(file, row, "military");
    if (military.startsWith("-")) {
      throw new DataFileError(`${where(file, row, "military")}: "${military}" is negative`);
    }
    if (known === undefined) {
      donorNames.set(donor, name);
      byDonor.set(donor, []);
      commitments.set(donor, []);
    }
    if (!isZeroDecimal(military)) (byDonor.get(donor) as [string, string][]).push([month, military]);
    if (hasCommitments) {
      const committed = decimalCell(file, row, "commitments");
      if (!isZeroDecimal(committed)) (commitments.get(donor) as [string, string][]).push([month, committed]);
    }
    rowsByMonth.set(month, [...(rowsByMonth.get(month) ?? []), row]);
  }
  const byMonth = ([a]: readonly [string, string], [b]: readonly [string, string]): number =>
    a < b ? -1 : a > b ? 1 : 0;
  for (const entries of byDonor.values()) entries.sort(byMonth);
  for (const entries of commitments.values()) entries.sort(byMonth);
  const monthsChecked = files.totals === undefined ? 0 : checkTotals(files.totals, rowsByMonth);

  return {
    data: {
      release: info.label,
      releaseDate: info.date,
      firstMonth: firstMonth as string,
      lastMonth: lastMonth as string,
      donorNames: Object.fromEntries(donorNames),
      byDonor: Object.fromEntries(byDonor),
    },
    commitments: hasCommitments ? Object.fromEntries(commitments) : null,
    info,
    periodMonth: lastAllowed,
    rows: records.length,
    monthsChecked,
  };
}

/** A decimal string as an integer at `scale` decimal places (the string has at most that many). */
function scaled(decimal: string, scale: number): bigint {
  const [whole, fraction = ""] = decimal.replace(/^-/, "").split(".");
  const value = BigInt(whole + fraction.padEnd(scale, "0"));
  return decimal.startsWith("-") ? -value : value;
}

function decimals(decimal: string): number {
  return decimal.split(".")[1]?.length ?? 0;
}

/** An integer at `scale` places as a decimal string. */
function unscaled(value: bigint, scale: number): string {
  const negative = value < BigInt(0);
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return `${negative ? "-" : ""}${text}`;
}

/**
 * Each month's military total of total_allocations.csv against the sum of the explorer's rows for that month. Each
 * row is rounded to the 6 places Kiel prints, so a month may differ by up to 0.000001 per row; more is an error.
 * Returns the number of months compared.
 */
function checkTotals(totals: NamedText, rowsByMonth: ReadonlyMap<string, readonly CsvRecord[]>): number {
  const { records } = readCsvTable(totals.text, totals.name, ["year", "month", "military"]);
  const published = new Map<string, { value: string; row: CsvRecord }>();
  for (const row of records) {
    const year = integerCell(totals.name, row, "year", 2000, 2100);
    const month = `${year}-${String(integerCell(totals.name, row, "month", 1, 12)).padStart(2, "0")}`;
    if (published.has(month)) throw new DataFileError(`${totals.name} line ${row.line}: a second row for ${month}`);
    published.set(month, { value: decimalCell(totals.name, row, "military"), row });
  }
  for (const month of rowsByMonth.keys()) {
    if (!published.has(month)) {
      throw new DataFileError(`${totals.name}: has no row for ${month}, a month the donors' rows cover`);
    }
  }
  for (const [month, { value, row }] of published) {
    const rows = rowsByMonth.get(month) ?? [];
    const figures = rows.map((record) => record.military);
    const scale = Math.max(6, decimals(value), ...figures.map(decimals));
    const sum = figures.reduce((total, figure) => total + scaled(figure, scale), BigInt(0));
    const difference = sum - scaled(value, scale);
    const allowed = BigInt(rows.length) * BigInt(10) ** BigInt(scale - 6);
    if (difference > allowed || -difference > allowed) {
      throw new DataFileError(
        `${totals.name} line ${row.line}: the military total of ${month} is ${value}, but the ${rows.length} donor` +
          ` rows of that month add up to ${unscaled(sum, scale)}`
      );
    }
  }
  return published.size;
}
