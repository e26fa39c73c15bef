#!/usr/bin/env node
// Turns the CSV files in data/ into src/data/generated.ts, so the add-in bundle embeds the default data without
// reading files at run time. Plain Node and the compiled lib/ (its csv and Kiel readers are the command line's own):
// no other dependency.
//
//   node scripts/import-data.mjs            write src/data/generated.ts
//   node scripts/import-data.mjs --check    exit 1 if src/data/generated.ts differs from what the CSVs give
//   options: --data-dir <dir> (default data/), --out <file> (default src/data/generated.ts)
//
// Every figure is copied as the exact decimal string of its CSV cell: the engine reads them into decimal.js, and a
// round trip through a JavaScript number could change the last digit.

import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = "usage: node scripts/import-data.mjs [--check] [--data-dir <dir>] [--out <file>]";

/**
 * The readers of the data files (csv and the Kiel release) are the command line's own, compiled to lib/ by
 * `npm run build:cli` (which `npm ci` runs through `prepare`): `fair-share data import-kiel` and this script read a
 * Kiel release with the same code.
 */
const compiled = join(repoRoot, "lib", "data");
if (!existsSync(join(compiled, "kiel.js"))) {
  process.stderr.write("import-data: lib/ is not built: run npm run build:cli (npm ci runs it) and try again\n");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const {
  DataFileError,
  assertUnique,
  decimalCell,
  integerCell,
  iso3Cell,
  oneOfCell,
  readCsvTable,
  readExactTable,
  textCell,
  where,
  yesNoCell,
} = require(join(compiled, "csv.js"));
const { readKielRelease } = require(join(compiled, "kiel.js"));

/** Reads a CSV file of dataDir into its header and its data rows, each row an object by column name (with its line). */
function readRows(dataDir, fileName) {
  return readCsvTable(readFileSync(join(dataDir, fileName), "utf8"), fileName);
}

/** Reads a CSV whose header must be exactly `expectedHeader`; returns one object per data row. */
function readTable(dataDir, fileName, expectedHeader) {
  return readExactTable(readFileSync(join(dataDir, fileName), "utf8"), fileName, expectedHeader);
}

/**
 * The header's columns that carry a year in their name (gdp_2024_eur_bn), by year, ascending: the figures' years are
 * read from the file, so a new edition with another year is a data change only.
 */
function yearColumns(fileName, header, pattern) {
  const years = [];
  for (const name of header) {
    const match = pattern.exec(name);
    if (match) years.push(Number(match[1]));
  }
  if (years.length === 0) throw new DataFileError(`${fileName}: no column matches ${pattern}`);
  return years.sort((a, b) => a - b);
}

/** The one year of a column that must appear exactly once (population_2023_m). */
function singleYearColumn(fileName, header, pattern) {
  const years = yearColumns(fileName, header, pattern);
  if (years.length > 1) throw new DataFileError(`${fileName}: more than one column matches ${pattern}`);
  return years[0];
}

const GDP_COLUMN = (currency) => new RegExp(`^gdp_(\\d{4})_${currency}_bn$`);
const POPULATION_COLUMN = /^population_(\d{4})_m$/;
const GNI_COLUMN = /^gni_(\d{4})_eur_bn$/;

function readAllies(dataDir) {
  const file = "allies.csv";
  const { header, records: rows } = readRows(dataDir, file);
  const gdpYears = yearColumns(file, header, GDP_COLUMN("eur"));
  const usdYears = yearColumns(file, header, GDP_COLUMN("usd"));
  if (usdYears.join() !== gdpYears.join()) {
    throw new DataFileError(`${file}: GDP in USD has the years ${usdYears.join(", ")}, in EUR ${gdpYears.join(", ")}`);
  }
  const populationYear = singleYearColumn(file, header, POPULATION_COLUMN);
  const expected = [
    "iso3",
    "name",
    "eu_member",
    "nato_joined",
    ...gdpYears.map((year) => `gdp_${year}_usd_bn`),
    ...gdpYears.map((year) => `gdp_${year}_eur_bn`),
    `population_${populationYear}_m`,
  ];
  if (header.join(",") !== expected.join(",")) {
    throw new DataFileError(`${file}: expected the header ${expected.join(",")} but found ${header.join(",")}`);
  }
  const byYear = (row, currency) =>
    Object.fromEntries(gdpYears.map((year) => [year, decimalCell(file, row, `gdp_${year}_${currency}_bn`)]));
  const allies = rows.map((row) => ({
    iso3: iso3Cell(file, row, "iso3"),
    name: textCell(file, row, "name"),
    euMember: yesNoCell(file, row, "eu_member"),
    natoJoined: integerCell(file, row, "nato_joined", 1949, 2100),
    gdpUsdBn: byYear(row, "usd"),
    gdpEurBn: byYear(row, "eur"),
    populationM: decimalCell(file, row, `population_${populationYear}_m`),
  }));
  assertUnique(
    file,
    allies.map((ally) => ally.iso3),
    "iso3"
  );
  return { gdpYears, populationYear, allies };
}

/** The one file of EU GNI figures (eu_gni_YEAR.csv) and its year. */
function euGniFile(dataDir) {
  const files = readdirSync(dataDir).filter((name) => /^eu_gni_\d{4}\.csv$/.test(name));
  if (files.length !== 1) throw new DataFileError(`${dataDir}: expected one eu_gni_YEAR.csv, found ${files.length}`);
  return files[0];
}

function readEuGni(dataDir) {
  const file = euGniFile(dataDir);
  const { header, records: rows } = readRows(dataDir, file);
  const year = singleYearColumn(file, header, GNI_COLUMN);
  const column = `gni_${year}_eur_bn`;
  if (header.join(",") !== ["iso3", "name", column].join(",")) {
    throw new DataFileError(`${file}: expected the header iso3,name,${column} but found ${header.join(",")}`);
  }
  const records = rows.map((row) => ({
    iso3: iso3Cell(file, row, "iso3"),
    name: textCell(file, row, "name"),
    gniEurBn: decimalCell(file, row, column),
  }));
  assertUnique(
    file,
    records.map((record) => record.iso3),
    "iso3"
  );
  return { file, year, records };
}

/**
 * A `states` cell: `EU27`, or `EU27` followed by ` -CODE` for each member state that does not take part. Returns the
 * codes left out, checked against eu_gni_2023.csv, so the engine needs no parser for this column.
 */
function statesCell(fileName, row, column, memberCodes) {
  const value = textCell(fileName, row, column);
  const [base, ...rest] = value.split(/\s+/);
  if (base !== "EU27") {
    throw new DataFileError(`${where(fileName, row, column)}: "${value}" must be EU27, or EU27 -CODE -CODE...`);
  }
  const excluded = new Set();
  for (const item of rest) {
    const code = item.startsWith("-") ? item.slice(1) : "";
    if (!memberCodes.includes(code)) {
      throw new DataFileError(
        `${where(fileName, row, column)}: "${item}" must be -CODE for one of the 27 member states`
      );
    }
    if (excluded.has(code)) throw new DataFileError(`${where(fileName, row, column)}: ${code} is left out twice`);
    excluded.add(code);
  }
  return { text: value, leftOut: [...excluded] };
}

/** The columns of data/eu_instruments.csv, in its order; written into the generated module for every listing. */
const EU_INSTRUMENT_COLUMNS = [
  "id",
  "instrument",
  "amount_eur_bn",
  "first_year",
  "last_year",
  "military",
  "status",
  "key",
  "states",
  "cost_to_members",
  "notes",
];

function readEuInstruments(dataDir, memberCodes) {
  const file = "eu_instruments.csv";
  const rows = readTable(dataDir, file, EU_INSTRUMENT_COLUMNS);
  const records = rows.map((row) => {
    const firstYear = integerCell(file, row, "first_year", 2000, 2100);
    const lastYear = integerCell(file, row, "last_year", 2000, 2100);
    if (lastYear < firstYear) {
      throw new DataFileError(`${file} line ${row.line}: last_year ${lastYear} is before first_year ${firstYear}`);
    }
    const states = statesCell(file, row, "states", memberCodes);
    return {
      id: textCell(file, row, "id"),
      name: textCell(file, row, "instrument"),
      amountEurBn: decimalCell(file, row, "amount_eur_bn"),
      firstYear,
      lastYear,
      military: yesNoCell(file, row, "military"),
      status: oneOfCell(file, row, "status", ["adopted", "proposal"]),
      key: oneOfCell(file, row, "key", ["gni", "eu_budget", "russian_assets"]),
      states: states.text,
      leftOut: states.leftOut,
      costToMembers: yesNoCell(file, row, "cost_to_members"),
      notes: textCell(file, row, "notes"),
    };
  });
  assertUnique(
    file,
    records.map((record) => record.id),
    "id"
  );
  return records;
}

/** The one folder of the Kiel tracker's release files (kiel-release-N). */
function kielFolder(dataDir) {
  const folders = readdirSync(dataDir).filter((name) => /^kiel-release-\d+$/.test(name));
  if (folders.length !== 1)
    throw new DataFileError(`${dataDir}: expected one kiel-release-N folder, found ${folders.length}`);
  return folders[0];
}

function readKielMilitary(dataDir) {
  const folder = kielFolder(dataDir);
  const file = `${folder}/data_explorer.csv`;
  const releaseFile = `${folder}/release_info.csv`;
  const read = (name) => ({ name, text: readFileSync(join(dataDir, name), "utf8") });
  const { data, commitments } = readKielRelease({ explorer: read(file), releaseInfo: read(releaseFile) });
  return {
    file,
    release: data.release,
    releaseDate: data.releaseDate,
    firstMonth: data.firstMonth,
    lastMonth: data.lastMonth,
    donorNames: new Map(Object.entries(data.donorNames)),
    byDonor: new Map(Object.entries(data.byDonor)),
    commitmentsByDonor: new Map(Object.entries(commitments ?? {})),
  };
}

// ---- Writing the TypeScript module. The layout is what Prettier would print, so formatting never rewrites it. ----

/** printWidth in prettier.config.js. */
const PRINT_WIDTH = 120;

const str = (value) => JSON.stringify(value);

/** { 2023: "21.028", 2024: "23.583" }: figures by year, years ascending. */
function byYearLiteral(figures) {
  const entries = Object.keys(figures)
    .map(Number)
    .sort((a, b) => a - b)
    .map((year) => `${year}: ${str(figures[year])}`);
  return `{ ${entries.join(", ")} }`;
}

function renderAlly(ally) {
  return [
    "  {",
    `    iso3: ${str(ally.iso3)},`,
    `    name: ${str(ally.name)},`,
    `    euMember: ${ally.euMember},`,
    `    natoJoined: ${ally.natoJoined},`,
    `    gdpUsdBn: ${byYearLiteral(ally.gdpUsdBn)},`,
    `    gdpEurBn: ${byYearLiteral(ally.gdpEurBn)},`,
    `    populationM: ${str(ally.populationM)},`,
    "  },",
  ].join("\n");
}

function renderGni(record) {
  return `  { iso3: ${str(record.iso3)}, name: ${str(record.name)}, gniEurBn: ${str(record.gniEurBn)} },`;
}

function renderInstrument(instrument) {
  return [
    "  {",
    `    id: ${str(instrument.id)},`,
    `    name: ${str(instrument.name)},`,
    `    amountEurBn: ${str(instrument.amountEurBn)},`,
    `    firstYear: ${instrument.firstYear},`,
    `    lastYear: ${instrument.lastYear},`,
    `    military: ${instrument.military},`,
    `    status: ${str(instrument.status)},`,
    `    key: ${str(instrument.key)},`,
    `    states: ${str(instrument.states)},`,
    `    leftOut: [${instrument.leftOut.map(str).join(", ")}],`,
    `    costToMembers: ${instrument.costToMembers},`,
    propertyLine("    ", "notes", str(instrument.notes)),
    "  },",
  ].join("\n");
}

/** Prettier moves a value that overflows the line onto its own, further indented line. */
function propertyLine(indent, key, literal) {
  const oneLine = `${indent}${key}: ${literal},`;
  return oneLine.length <= PRINT_WIDTH ? oneLine : `${indent}${key}:\n${indent}  ${literal},`;
}

function renderDonorMonths(donor, entries) {
  if (entries.length === 0) return `    ${donor}: [],`;
  if (entries.length === 1) return `    ${donor}: [[${str(entries[0][0])}, ${str(entries[0][1])}]],`;
  const lines = entries.map(([month, value]) => `      [${str(month)}, ${str(value)}],`);
  return [`    ${donor}: [`, ...lines, "    ],"].join("\n");
}

function renderKiel(kiel) {
  const names = [...kiel.donorNames].map(([donor, name]) => `    ${donor}: ${str(name)},`);
  const months = [...kiel.byDonor].map(([donor, entries]) => renderDonorMonths(donor, entries));
  return [
    "export const KIEL_MILITARY: KielMilitaryData = {",
    `  release: ${str(kiel.release)},`,
    `  releaseDate: ${str(kiel.releaseDate)},`,
    `  firstMonth: ${str(kiel.firstMonth)},`,
    `  lastMonth: ${str(kiel.lastMonth)},`,
    "  donorNames: {",
    ...names,
    "  },",
    "  byDonor: {",
    ...months,
    "  },",
    "};",
  ].join("\n");
}

function renderKielCommitments(kiel) {
  const months = [...kiel.commitmentsByDonor].map(([donor, entries]) => renderDonorMonths(donor, entries));
  return [
    "export const KIEL_COMMITMENTS: KielMonthlySeries = {",
    `  release: ${str(kiel.release)},`,
    `  firstMonth: ${str(kiel.firstMonth)},`,
    `  lastMonth: ${str(kiel.lastMonth)},`,
    "  byDonor: {",
    ...months,
    "  },",
    "};",
  ].join("\n");
}

export function renderGeneratedModule(dataDir) {
  const { gdpYears, populationYear, allies } = readAllies(dataDir);
  const gni = readEuGni(dataDir);
  const memberCodes = gni.records.map((record) => record.iso3);
  const instruments = readEuInstruments(dataDir, memberCodes);
  const kiel = readKielMilitary(dataDir);
  return [
    "// Generated by `node scripts/import-data.mjs` from the CSV files in data/ (sources: data/SOURCES.md).",
    "// Do not edit by hand: change the CSVs and run the script again; `--check` tells whether this file is current.",
    "",
    'import type { AllyRecord, EuGniRecord, EuInstrumentRecord, KielMilitaryData, KielMonthlySeries } from "./types";',
    "",
    "/** data/allies.csv: the years its GDP columns give, ascending. */",
    `export const GDP_YEARS: readonly number[] = [${gdpYears.join(", ")}];`,
    "",
    "/** data/allies.csv: the year its population column gives. */",
    `export const POPULATION_YEAR = ${populationYear};`,
    "",
    "/** data/allies.csv: the 32 NATO allies, in the file's order. */",
    "export const ALLIES: readonly AllyRecord[] = [",
    ...allies.map(renderAlly),
    "];",
    "",
    `/** data/${gni.file}: the year of its gross national income figures. */`,
    `export const EU_GNI_YEAR = ${gni.year};`,
    "",
    `/** data/${gni.file}: the 27 EU member states' gross national income. */`,
    "export const EU_GNI: readonly EuGniRecord[] = [",
    ...gni.records.map(renderGni),
    "];",
    "",
    "/** The columns of data/eu_instruments.csv, in its order: how every listing of the instruments heads its table. */",
    "export const EU_INSTRUMENT_COLUMNS = [",
    ...EU_INSTRUMENT_COLUMNS.map((name) => `  ${JSON.stringify(name)},`),
    "] as const;",
    "",
    "/** data/eu_instruments.csv: EU instruments that may overlap with a NATO pledge. */",
    "export const EU_INSTRUMENTS: readonly EuInstrumentRecord[] = [",
    ...instruments.map(renderInstrument),
    "];",
    "",
    `/** data/${kiel.file}, column military: non-zero monthly allocations per donor. */`,
    renderKiel(kiel),
    "",
    `/** data/${kiel.file}, column commitments: non-zero monthly commitments per donor, every kind of aid together. */`,
    renderKielCommitments(kiel),
    "",
  ].join("\n");
}

function parseArguments(argv) {
  const options = { check: false, dataDir: join(repoRoot, "data"), out: join(repoRoot, "src", "data", "generated.ts") };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--check") {
      options.check = true;
    } else if ((argument === "--data-dir" || argument === "--out") && argv[i + 1] !== undefined) {
      options[argument === "--out" ? "out" : "dataDir"] = resolve(argv[++i]);
    } else {
      throw new DataFileError(`unknown or incomplete argument "${argument}"\n${USAGE}`);
    }
  }
  return options;
}

function readIfExists(filePath) {
  try {
    return readFileSync(filePath, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const generated = renderGeneratedModule(options.dataDir);
  const shownPath = relative(process.cwd(), options.out) || options.out;
  const current = readIfExists(options.out);
  // A checkout with CRLF line ends holds the same module; only the content matters.
  const upToDate = current !== undefined && current.replace(/\r\n/g, "\n") === generated;
  if (options.check) {
    if (!upToDate) {
      process.stderr.write(`${shownPath} is out of date: run node scripts/import-data.mjs\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (!upToDate) writeFileSync(options.out, generated);
  process.stdout.write(`${shownPath} ${upToDate ? "already up to date" : "written"}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    process.stderr.write(`import-data: ${error.message}\n`);
    process.exitCode = 2;
  }
}
