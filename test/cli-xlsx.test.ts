/**
 * `fair-share allocate --xlsx FILE` as a process: writes the portable workbook, refuses to overwrite it unless
 * --force, and keeps printing the chosen output. (LibreOffice's recompute of the file is in
 * test/workbook/portable-libreoffice.test.ts.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { run } from "./helpers/cli";
import { readStoredCells } from "./helpers/xlsx";

// Each run starts Node and loads the engine; on a busy machine that takes seconds.
jest.setTimeout(60_000);

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), "fair-share-xlsx-"))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("fair-share allocate --xlsx FILE", () => {
  test("writes a workbook with the scenario's flags and still prints the chosen output", async () => {
    const file = join(folder, "hun.xlsx");
    const result = await run(["allocate", "--exempt", "HUN", "--format", "csv", "--xlsx", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\uFEFF?code,name,share,total/);
    expect(result.stderr).toContain(`wrote the portable workbook ${file}`);
    const sheets = await readStoredCells(readFileSync(file));
    const cells = [...(sheets.get("Fair Share")?.values() ?? [])];
    expect(cells.some((cell) => cell.value === "HUN exempt" || String(cell.value).includes("HUN exempt"))).toBe(true);
  });

  test("refuses to overwrite an existing file, and leaves it alone", async () => {
    const file = join(folder, "existing.xlsx");
    writeFileSync(file, "keep me");
    const result = await run(["allocate", "--xlsx", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `fair-share: --xlsx: ${file} exists; add --force to overwrite it, or choose another name.\n`
    );
    expect(readFileSync(file, "utf8")).toBe("keep me");
  });

  test("--force overwrites it", async () => {
    const file = join(folder, "forced.xlsx");
    writeFileSync(file, "old");
    const result = await run(["allocate", "--xlsx", file, "--force"]);
    expect(result.code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect((await readStoredCells(readFileSync(file))).has("Fair Share")).toBe(true);
  });

  test("--force alone, --force with a value, and a bad scenario are usage errors that write nothing", async () => {
    expect((await run(["allocate", "--force"])).stderr).toMatch(/--force: only with --xlsx FILE/);
    const withValue = await run(["allocate", "--xlsx", join(folder, "a.xlsx"), "--force=yes"]);
    expect(withValue.code).toBe(2);
    expect(withValue.stderr).toMatch(/--force: takes no value/);
    const bad = join(folder, "bad.xlsx");
    const refused = await run(["allocate", "--credit", "1.5", "--xlsx", bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^fair-share: --credit: /);
    expect(existsSync(bad)).toBe(false);
    expect(existsSync(join(folder, "a.xlsx"))).toBe(false);
  });

  test("a folder is refused at once, with or without --force, saying to give a file name", async () => {
    const expected = `fair-share: --xlsx: ${folder} is a folder; give a file name, e.g. --xlsx ${join(folder, "fair-share.xlsx")}.\n`;
    for (const args of [
      ["--xlsx", folder],
      ["--xlsx", folder, "--force"],
    ]) {
      const result = await run(["allocate", ...args]);
      expect(result).toEqual({ code: 2, stdout: "", stderr: expected });
    }
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  test("a folder that does not exist is a usage error naming the file", async () => {
    const file = join(folder, "missing", "out.xlsx");
    const result = await run(["allocate", "--xlsx", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--xlsx: cannot write ${file}`);
  });
});
