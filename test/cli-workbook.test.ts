/**
 * `fair-share allocate --workbook FILE [--format json|csv|table] [--xlsx NEW]` as a process: a portable copy written by
 * --xlsx, edited with the project's cell writer as a user would edit it, read back and computed. The json equals the
 * command line's for the edited scenario in every field but `parameters`: the flags' run echoes the flags typed
 * (credit 50%), the copy's run every input the copy states (total, currency, years, credit 0.5 ...), so the two echoes
 * differ by design while the figures, notes, sources and edition are equal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { embeddedEdition } from "../src/engine/edition";
import type { ScenarioSpec } from "../src/engine/scenario";
import type { CellValue } from "../src/workbook/description";
import { buildPortableWorkbook, PORTABLE_SHEET, SOURCES_SHEET, type PortableLayout } from "../src/workbook/portable";
import { writeCellValue } from "../src/workbook/xlsx-read";
import { run, type Run } from "./helpers/cli";
import { readStoredCells } from "./helpers/xlsx";

jest.setTimeout(120_000);

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), "fair-share-workbook-"))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Json = Record<string, unknown>;

function json(result: Run): Json {
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Json;
}

/** Everything but the parameters echo (see the file's comment). */
function withoutEcho(report: Json): Json {
  const { parameters, ...rest } = report;
  void parameters;
  return rest;
}

/** Writes the copy of a scenario with the command line; returns its path and where its cells are. */
async function writeCopy(
  name: string,
  flags: readonly string[],
  spec: ScenarioSpec
): Promise<{ file: string; layout: PortableLayout }> {
  const file = join(folder, name);
  const written = await run(["allocate", ...flags, "--format", "json", "--xlsx", file]);
  if (written.code !== 0) throw new Error(written.stderr);
  const { layout } = buildPortableWorkbook(spec, { version: "0", date: new Date() });
  return { file, layout };
}

/** A copy of `file` with cells of its Fair Share sheet set, as a user would type them. */
async function editCopy(file: string, name: string, edits: readonly [string, CellValue][]): Promise<string> {
  let bytes: Uint8Array = readFileSync(file);
  for (const [address, value] of edits) bytes = await writeCellValue(bytes, PORTABLE_SHEET, address, value);
  const out = join(folder, name);
  writeFileSync(out, bytes);
  return out;
}

const rowOf = (layout: PortableLayout, code: string): number => layout.firstRow + layout.codes.indexOf(code);
/** The GDP column of the data's latest year, the one the scenarios here use. */
const gdpColumn = (layout: PortableLayout): string =>
  layout.columns.gdpByYear[embeddedEdition().gdpYears.indexOf(embeddedEdition().latestGdpYear)];

describe("allocate --workbook reads a copy back", () => {
  let plain: { file: string; layout: PortableLayout };
  beforeAll(async () => (plain = await writeCopy("plain.xlsx", [], {})));

  test("an unedited copy: the figures of the scenario it was written for", async () => {
    const [direct, read] = await Promise.all([
      run(["allocate", "--format", "json"]),
      run(["allocate", "--workbook", plain.file, "--format", "json"]),
    ]);
    expect(withoutEcho(json(read))).toEqual(withoutEcho(json(direct)));
    expect(json(read).parameters).toMatchObject({ total: "100000000000", unit: "1000000" });
  });

  test("credit 50% typed in the copy equals --credit 50%", async () => {
    const edited = await editCopy(plain.file, "credit.xlsx", [[plain.layout.inputs.credit, 0.5]]);
    const [direct, read] = await Promise.all([
      run(["allocate", "--credit", "50%", "--format", "json"]),
      run(["allocate", "--workbook", edited, "--format", "json"]),
    ]);
    expect(withoutEcho(json(read))).toEqual(withoutEcho(json(direct)));
    expect(json(read).parameters).toMatchObject({ credit: "0.5" });
    expect(json(direct).parameters).toEqual({ credit: "50%" });
  });

  test("a GDP edit equals --data with that GDP; the sources name the copy as your data", async () => {
    const germany = embeddedEdition().ally("DEU")?.gdpEurBn[2024] as string;
    const doubled = (Number(germany) * 2).toFixed(2);
    const csv = join(folder, "d.csv");
    writeFileSync(
      csv,
      [
        "iso3,gdp_2024_eur_bn",
        ...embeddedEdition().allies.map((a) => `${a.iso3},${a.iso3 === "DEU" ? doubled : a.gdpEurBn[2024]}`),
      ].join("\n")
    );
    const cell = `${gdpColumn(plain.layout)}${rowOf(plain.layout, "DEU")}`;
    const edited = await editCopy(plain.file, "gdp.xlsx", [[cell, Math.round(Number(doubled) * 1e9)]]);
    const [direct, read] = await Promise.all([
      run(["allocate", "--data", csv, "--format", "json"]),
      run(["allocate", "--workbook", edited, "--format", "json"]),
    ]);
    const fromFile = json(direct);
    const fromCopy = json(read);
    for (const field of ["allies", "tranches", "total", "exactTotal", "euOverlap", "netNew", "scenario"]) {
      expect(fromCopy[field]).toEqual(fromFile[field]);
    }
    // The notes and sources are the file's with the copy named in its place.
    const named = `${edited}, sheet 'Fair Share'`;
    for (const field of ["notes", "sources"]) {
      expect(JSON.stringify(fromCopy[field])).toBe(JSON.stringify(fromFile[field]).split(csv).join(named));
    }
    expect(fromCopy.sources).toContainEqual(expect.objectContaining({ dataset: "gdp", origin: "user", file: named }));
    expect((fromCopy.edition as { label: string }).label).toContain(named);
  });

  test("--format csv and table print the copy's scenario too", async () => {
    const [csv, table, direct] = await Promise.all([
      run(["allocate", "--workbook", plain.file, "--format", "csv"]),
      run(["allocate", "--workbook", plain.file]),
      run(["allocate", "--format", "csv"]),
    ]);
    expect(csv).toEqual(direct);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Germany");
  });
});

describe("--workbook X --xlsx NEW writes the copy again", () => {
  test("for an unedited and an edited copy (the user's data carried), reading back to the same figures", async () => {
    const spec = { contributors: "ALB,USA,DEU", cap: "40%", credit: "50%" };
    const { file, layout } = await writeCopy(
      "limits.xlsx",
      ["--contributors", "ALB,USA,DEU", "--cap", "40%", "--credit", "50%"],
      spec
    );
    const edited = await editCopy(file, "limits-edited.xlsx", [
      [`${gdpColumn(layout)}${rowOf(layout, "USA")}`, 3e13],
      [`${layout.columns.floor}${rowOf(layout, "ALB")}`, 0.1],
    ]);
    for (const source of [file, edited]) {
      const again = `${source}.again.xlsx`;
      const first = await run(["allocate", "--workbook", source, "--format", "json", "--xlsx", again]);
      expect(first.stderr).toContain(`wrote the portable workbook ${again}`);
      const second = await run(["allocate", "--workbook", again, "--format", "json"]);
      // The user's data is named after the copy read, and the edition's id is a fingerprint of that name too.
      const comparable = (report: Json, name: string): Json => {
        const { edition, ...rest } = withoutEcho(report);
        const { id, ...named } = edition as { id: string };
        void id;
        return JSON.parse(
          JSON.stringify({ ...rest, edition: named })
            .split(name)
            .join("COPY")
        ) as Json;
      };
      expect(comparable(json(second), again)).toEqual(comparable(json(first), source));
    }
    const carried = await readStoredCells(readFileSync(`${edited}.again.xlsx`));
    const sources = [...(carried.get(SOURCES_SHEET)?.values() ?? [])].map((cell) => String(cell.value));
    expect(sources.some((text) => text.includes(`${edited}, sheet 'Fair Share'`))).toBe(true);
  });

  test("--xlsx with --data writes a copy whose Sources sheet names the file", async () => {
    const csv = join(folder, "pop.csv");
    writeFileSync(
      csv,
      [
        "# vintage: 2026 census",
        "iso3,population_2024_m",
        ...embeddedEdition().allies.map((a) => `${a.iso3},${a.populationM}`),
      ].join("\n")
    );
    const out = join(folder, "with-data.xlsx");
    const result = await run(["allocate", "--data", csv, "--xlsx", out, "--format", "json"]);
    expect(result.code).toBe(0);
    const sheets = await readStoredCells(readFileSync(out));
    const sources = [...(sheets.get(SOURCES_SHEET)?.values() ?? [])].map((cell) => String(cell.value));
    expect(sources.some((text) => text.includes(csv))).toBe(true);
    expect(sources).toContain("2026 census");
  });
});

describe("what --workbook refuses (exit 2)", () => {
  let plain: { file: string; layout: PortableLayout };
  beforeAll(async () => (plain = await writeCopy("refusals.xlsx", ["--exempt", "HUN"], { exempt: "HUN" })));

  test("a garbled number and a yes in a TRUE/FALSE cell name the sheet and cell", async () => {
    const gdpCell = `${gdpColumn(plain.layout)}${rowOf(plain.layout, "FRA")}`;
    const exemptCell = `${plain.layout.columns.exempt}${rowOf(plain.layout, "HUN")}`;
    const garbled = await editCopy(plain.file, "garbled.xlsx", [[gdpCell, "3.1 trn"]]);
    const yes = await editCopy(plain.file, "yes.xlsx", [[exemptCell, "yes"]]);
    const [one, two] = await Promise.all([
      run(["allocate", "--workbook", garbled]),
      run(["allocate", "--workbook", yes]),
    ]);
    expect(one).toEqual({
      code: 2,
      stdout: "",
      stderr: `fair-share: --workbook: ${garbled}, sheet 'Fair Share', cell ${gdpCell}: GDP 2024 for FRA must be a number, not "3.1 trn".\n`,
    });
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(
      `fair-share: --workbook: ${yes}, sheet 'Fair Share', cell ${exemptCell}: exempt for HUN must be TRUE or FALSE, not "yes".\n`
    );
  });

  test("an engine error names the cell its input came from", async () => {
    const bad = await editCopy(plain.file, "credit-bad.xlsx", [[plain.layout.inputs.credit, 1.5]]);
    const result = await run(["allocate", "--workbook", bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^fair-share: --workbook: .*credit-bad\\.xlsx, sheet 'Fair Share', cell ${plain.layout.inputs.credit}: credit: 1\\.5 `
      )
    );
  });

  test("scenario and data flags beside --workbook", async () => {
    const [credit, data] = await Promise.all([
      run(["allocate", "--workbook", plain.file, "--credit", "50%", "--exempt", "POL"]),
      run(["allocate", "--workbook", plain.file, "--data", "d.csv"]),
    ]);
    expect(credit.code).toBe(2);
    expect(credit.stderr).toBe(
      "fair-share: --workbook: the copy states the scenario and its figures, so --credit, --exempt cannot be given " +
        "with it; edit the copy's yellow cells instead, or leave out --workbook.\n"
    );
    expect(data.code).toBe(2);
    expect(data.stderr).toContain("so --data cannot be given with it");
  });

  test("a file that is not an .xlsx, and one that is not there", async () => {
    const text = join(folder, "not.xlsx");
    writeFileSync(text, "iso3,name\nDEU,Germany\n");
    const [notXlsx, missing] = await Promise.all([
      run(["allocate", "--workbook", text]),
      run(["allocate", "--workbook", join(folder, "missing.xlsx")]),
    ]);
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.stderr).toMatch(/^fair-share: --workbook: .*not\.xlsx: not an \.xlsx file: it is not a zip archive/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^fair-share: --workbook: cannot read the file .*missing\.xlsx \(ENOENT\)/);
  });
});
