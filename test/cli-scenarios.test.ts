/**
 * The scenario store on the command line, as processes: allocate --xlsx FILE --save-scenario NAME [--append],
 * allocate --workbook FILE --scenario NAME, and scenarios list FILE, on copies written by the writer and stores
 * edited by hand (cells set with the project's cell writer, as a recipient would type them).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { dataVintage, embeddedEdition } from "../src/engine";
import { cellAddress, type CellValue } from "../src/workbook/description";
import { renderXlsx } from "../src/workbook/portable-xlsx";
import { STORE_SHEET, storeHeader } from "../src/workbook/scenario-store";
import { workbookStore } from "../src/workbook/store-file";
import { readXlsx, writeCellValue } from "../src/workbook/xlsx-read";
import { run, type Run } from "./helpers/cli";

jest.setTimeout(180_000);

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), "fair-share-scenarios-"))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const path = (name: string): string => join(folder, name);

function ok(result: Run): Run {
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return result;
}

/** The address of a stored row's cell, by its header label (the writer's header). */
function storeCell(row: number, label: string): string {
  const column = storeHeader().indexOf(label);
  if (column < 0) throw new Error(`no store column ${label}`);
  return cellAddress(row, column + 1);
}

/** A copy of `file` with cells of its Scenarios sheet set by hand. */
async function editStore(file: string, name: string, edits: readonly [string, CellValue][]): Promise<string> {
  let bytes: Uint8Array = readFileSync(file);
  for (const [address, value] of edits) bytes = await writeCellValue(bytes, STORE_SHEET, address, value);
  writeFileSync(path(name), bytes);
  return path(name);
}

async function storeOf(file: string) {
  const store = workbookStore(await readXlsx(readFileSync(file)));
  if (store === undefined) throw new Error(`${file} has no store`);
  return store;
}

/** A copy storing three scenarios, written as a user would: one new copy, two appended. */
async function threeScenarioCopy(name: string): Promise<string> {
  const file = path(name);
  ok(await run(["allocate", "--exempt", "HUN", "--xlsx", file, "--save-scenario", "Hungary exempt"]));
  ok(
    await run([
      "allocate",
      "--credit",
      "50%",
      "--xlsx",
      file,
      "--save-scenario",
      "Half credit",
      "--comment",
      "half",
      "--append",
    ])
  );
  ok(await run(["allocate", "--cap", "USA=40%", "--xlsx", file, "--save-scenario", "US capped", "--append"]));
  return file;
}

describe("fair-share and the scenario store", () => {
  test("a stored scenario computes exactly as the flags that stored it (the issue's must-show)", async () => {
    const file = path("b.xlsx");
    ok(await run(["allocate", "--exempt", "HUN", "--xlsx", file, "--save-scenario", "Hungary exempt"]));
    const stored = ok(await run(["allocate", "--workbook", file, "--scenario", "Hungary exempt", "--format", "json"]));
    const flags = ok(await run(["allocate", "--exempt", "HUN", "--format", "json"]));
    expect(stored.stdout).toBe(flags.stdout);
    expect(stored.stderr).toBe("");
    // Names compare without regard to case.
    const lower = ok(await run(["allocate", "--workbook", file, "--scenario", "hungary EXEMPT", "--format", "json"]));
    expect(lower.stdout).toBe(flags.stdout);
  });

  test("instruments of the user's own (eu-add) are stored and reproduced; a file of them is refused by name", async () => {
    const file = path("own-fund.xlsx");
    const flags = ["--eu-add", "MYFUND 10bn 2025-2026", "--credit", "25%"];
    ok(await run(["allocate", ...flags, "--xlsx", file, "--save-scenario", "Own fund"]));
    const stored = ok(await run(["allocate", "--workbook", file, "--scenario", "Own fund", "--format", "json"]));
    expect(stored.stdout).toBe(ok(await run(["allocate", ...flags, "--format", "json"])).stdout);
    const fromFile = await editStore(file, "own-fund-file.xlsx", [[storeCell(2, "eu-add"), "@funds.txt"]]);
    const refused = await run(["allocate", "--workbook", fromFile, "--scenario", "Own fund"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("reads its EU instruments from a file (eu-add @funds.txt)");
  });

  test("--append adds rows and keeps those stored; the copy shows the last one", async () => {
    const file = await threeScenarioCopy("three.xlsx");
    const store = await storeOf(file);
    expect(store.problems).toEqual([]);
    expect(store.scenarios.map((s) => [s.row, s.name, s.comment, s.parameters])).toEqual([
      [2, "Hungary exempt", "", { exempt: "HUN" }],
      [3, "Half credit", "half", { credit: "50%" }],
      [4, "US capped", "", { cap: "USA=40%" }],
    ]);
    expect(new Set(store.scenarios.map((s) => s.vintage))).toEqual(new Set([dataVintage(embeddedEdition())]));
    for (const s of store.scenarios) expect(Date.parse(s.created)).toBeGreaterThan(Date.parse("2026-01-01"));
    for (const [name, flags] of [
      ["Half credit", ["--credit", "50%"]],
      ["US capped", ["--cap", "USA=40%"]],
    ] as const) {
      const stored = ok(await run(["allocate", "--workbook", file, "--scenario", name, "--format", "csv"]));
      expect(stored.stdout).toBe(ok(await run(["allocate", ...flags, "--format", "csv"])).stdout);
    }
    // What the sheet shows is the last scenario stored.
    const shown = JSON.parse(ok(await run(["allocate", "--workbook", file, "--format", "json"])).stdout);
    const capped = JSON.parse(ok(await run(["allocate", "--cap", "USA=40%", "--format", "json"])).stdout);
    expect(shown.allies).toEqual(capped.allies);
  });

  test("a name already stored is refused with a free one suggested; the file is left as it was", async () => {
    const file = await threeScenarioCopy("taken.xlsx");
    const before = readFileSync(file);
    const again = await run([
      "allocate",
      "--credit",
      "20%",
      "--xlsx",
      file,
      "--save-scenario",
      "half CREDIT",
      "--append",
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('"Half credit" is already stored');
    expect(again.stderr).toContain("(row 3)");
    expect(again.stderr).toContain('"half CREDIT (2)"');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test("scenarios list: every scenario, and a garbled row reported by number and reason (exit 3)", async () => {
    const file = await threeScenarioCopy("list.xlsx");
    const clean = ok(await run(["scenarios", "list", file]));
    for (const name of ["Hungary exempt", "Half credit", "US capped"]) expect(clean.stdout).toContain(name);
    expect(clean.stdout).toContain("credit=50%");
    const garbled = await editStore(file, "garbled.xlsx", [[storeCell(3, "credit"), "fifty"]]);
    const listed = await run(["scenarios", "list", garbled]);
    expect(listed.code).toBe(3);
    expect(listed.stdout).toContain("Hungary exempt");
    expect(listed.stdout).toContain("US capped");
    expect(listed.stdout).not.toContain("Half credit");
    expect(listed.stdout).toMatch(/Row 3 not read: its credit|Row 3 not read: credit/);
    expect(listed.stderr).toContain(`${garbled}, sheet 'Scenarios', row 3 not read:`);
    expect(listed.stderr).toContain("fifty");
    const asJson = JSON.parse((await run(["scenarios", "list", garbled, "--format", "json"])).stdout);
    expect(asJson.scenarios.map((s: { name: string }) => s.name)).toEqual(["Hungary exempt", "US capped"]);
    expect(asJson.unread).toHaveLength(1);
    expect(asJson.unread[0].row).toBe(3);
    // Its own name cannot be computed, and says why.
    const named = await run(["allocate", "--workbook", garbled, "--scenario", "Half credit"]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('the row 3 named "Half credit" cannot be read');
  });

  test("a garbled row is carried over unchanged when a scenario is appended", async () => {
    const file = await threeScenarioCopy("carry.xlsx");
    const garbled = await editStore(file, "carry-garbled.xlsx", [
      [storeCell(3, "credit"), "fifty"],
      [storeCell(4, "Schema"), 7],
    ]);
    const appended = ok(
      await run(["allocate", "--floor", "LUX=0.1%", "--xlsx", garbled, "--save-scenario", "Floor", "--append"])
    );
    expect(appended.stderr).toContain("row 3 not read");
    const store = await storeOf(garbled);
    expect(store.grid[2][storeHeader().indexOf("credit")]).toBe("fifty");
    expect(store.grid[3][storeHeader().indexOf("Schema")]).toBe(7);
    expect(store.problems.map((p) => p.row)).toEqual([3, 4]);
    expect(store.scenarios.map((s) => s.name)).toEqual(["Hungary exempt", "Floor"]);
  });

  test("a store edited by hand computes what it now says", async () => {
    const file = await threeScenarioCopy("hand.xlsx");
    const edited = await editStore(file, "hand-edited.xlsx", [
      [storeCell(2, "exempt"), "HUN,SVK"],
      [storeCell(2, "credit"), 0.25],
    ]);
    const stored = ok(await run(["allocate", "--workbook", edited, "--scenario", "Hungary exempt", "--format", "csv"]));
    const flags = ok(await run(["allocate", "--exempt", "HUN,SVK", "--credit", "0.25", "--format", "csv"]));
    expect(stored.stdout).toBe(flags.stdout);
  });

  test("a scenario stored with other data is computed on the copy's figures, with both vintages named", async () => {
    const file = await threeScenarioCopy("vintage.xlsx");
    const edited = await editStore(file, "vintage-edited.xlsx", [[storeCell(2, "Data vintage"), "kiel 1999-01-01"]]);
    const stored = ok(await run(["allocate", "--workbook", edited, "--scenario", "Hungary exempt", "--format", "csv"]));
    expect(stored.stderr).toContain("kiel 1999-01-01");
    expect(stored.stderr).toContain(dataVintage(embeddedEdition()));
    expect(stored.stdout).toBe(ok(await run(["allocate", "--exempt", "HUN", "--format", "csv"])).stdout);
  });

  test("--workbook FILE --scenario NAME --xlsx NEW writes a copy showing it, with the store carried over", async () => {
    const file = await threeScenarioCopy("carry-over.xlsx");
    const copy = path("half.xlsx");
    ok(await run(["allocate", "--workbook", file, "--scenario", "Half credit", "--xlsx", copy]));
    expect((await storeOf(copy)).scenarios.map((s) => s.name)).toEqual(["Hungary exempt", "Half credit", "US capped"]);
    const shown = JSON.parse(ok(await run(["allocate", "--workbook", copy, "--format", "json"])).stdout);
    const half = JSON.parse(ok(await run(["allocate", "--credit", "50%", "--format", "json"])).stdout);
    expect(shown.allies).toEqual(half.allies);
  });

  test("the store's flags are refused where they mean nothing, naming what they need", async () => {
    const file = await threeScenarioCopy("flags.xlsx");
    const cases: readonly [readonly string[], string][] = [
      [["allocate", "--scenario", "X"], "--scenario: only with --workbook FILE"],
      [["allocate", "--save-scenario", "X"], "--save-scenario: only with --xlsx FILE"],
      [["allocate", "--xlsx", path("c.xlsx"), "--comment", "x"], "--comment: only with --save-scenario NAME"],
      [["allocate", "--xlsx", path("c.xlsx"), "--append"], "--append: only with --save-scenario NAME"],
      [["allocate", "--workbook", file, "--xlsx", path("c.xlsx"), "--save-scenario", "X"], "--save-scenario: stores"],
      [["allocate", "--xlsx", path("c.xlsx"), "--save-scenario", "a,b"], "its name holds a comma"],
      [["allocate", "--xlsx", path("absent.xlsx"), "--save-scenario", "X", "--append"], "does not exist"],
      [["allocate", "--workbook", file, "--scenario", "Nope"], 'no scenario "Nope" is stored'],
      [["scenarios", "list"], "give the workbook"],
      [["scenarios", "show", file], "scenarios takes list"],
      [["scenarios", "list", path("missing.xlsx")], "cannot read the file"],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect([argv.join(" "), result.code]).toEqual([argv.join(" "), 2]);
      expect(result.stderr).toContain(message);
    }
    expect(existsSync(path("c.xlsx"))).toBe(false);
  });

  test("--append refuses a workbook that is not a portable copy, and leaves it alone", async () => {
    const own = path("own.xlsx");
    const bytes = await renderXlsx({
      sheets: [
        { name: "Budget", cells: [{ address: "A1", value: "mine" }], names: [], conditionalFormats: [], charts: [] },
      ],
    });
    writeFileSync(own, bytes);
    const result = await run(["allocate", "--xlsx", own, "--save-scenario", "X", "--append"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a Fair Share portable copy");
    expect(readFileSync(own).equals(Buffer.from(bytes))).toBe(true);
  });

  test("a workbook without a store lists none", async () => {
    const plain = path("plain.xlsx");
    ok(await run(["allocate", "--xlsx", plain]));
    const listed = ok(await run(["scenarios", "list", plain, "--format", "json"]));
    expect(JSON.parse(listed.stdout).scenarios).toEqual([]);
    expect(listed.stderr).toContain("stores no scenarios");
  });
});
