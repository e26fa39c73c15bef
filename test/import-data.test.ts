/**
 * scripts/import-data.mjs: it turns data/ into src/data/generated.ts with the command line's own readers (lib/data),
 * so it runs as a process on a current lib/ (the cli project).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { repoRoot, runScript } from "./helpers/cli";

const committedModule = join(repoRoot, "src", "data", "generated.ts");

function runImport(args: readonly string[]) {
  return runScript(join("scripts", "import-data.mjs"), args);
}

describe("generated.ts is the import of data/", () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), "fair-share-data-"));
  });
  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A copy of the files the import reads from data/, in a new folder of workDir, to spoil one of them. */
  function copyOfData(name: string): string {
    const dataDir = join(workDir, name);
    mkdirSync(join(dataDir, "kiel-release-29"), { recursive: true });
    for (const file of ["allies.csv", "eu_gni_2023.csv", "eu_instruments.csv"]) {
      copyFileSync(join(repoRoot, "data", file), join(dataDir, file));
    }
    for (const file of ["release_info.csv", "data_explorer.csv"]) {
      copyFileSync(join(repoRoot, "data", "kiel-release-29", file), join(dataDir, "kiel-release-29", file));
    }
    return dataDir;
  }

  it("--check passes on the committed file", () => {
    const result = runImport(["--check"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("regenerating from data/ gives exactly the committed file", () => {
    const fresh = join(workDir, "fresh.ts");
    const result = runImport(["--out", fresh]);
    expect(result.status).toBe(0);
    expect(readFileSync(fresh, "utf8")).toBe(readFileSync(committedModule, "utf8").replace(/\r\n/g, "\n"));
  });

  it("--check fails when the file was edited by hand", () => {
    const edited = join(workDir, "edited.ts");
    writeFileSync(edited, readFileSync(committedModule, "utf8").replace('"4610.035"', '"4610.036"'));
    const result = runImport(["--check", "--out", edited]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/out of date/);
  });

  it("refuses a number it cannot copy exactly, naming the file and line", () => {
    const dataDir = copyOfData("bad-data");
    const allies = readFileSync(join(dataDir, "allies.csv"), "utf8");
    writeFileSync(join(dataDir, "allies.csv"), allies.replace("4610.035", "4.610035e3"));
    const result = runImport(["--check", "--data-dir", dataDir, "--out", join(workDir, "unused.ts")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/allies\.csv line 12, column gdp_2024_usd_bn: "4\.610035e3" is not a plain decimal/);
  });

  it("refuses a states cell naming a state outside the 27, naming the file, line and column", () => {
    const dataDir = copyOfData("bad-states");
    const instruments = readFileSync(join(dataDir, "eu_instruments.csv"), "utf8");
    writeFileSync(
      join(dataDir, "eu_instruments.csv"),
      instruments.replace('EU27 -CZE -HUN -SVK,yes,"EUR 90bn', 'EU27 -CZE -NOR,yes,"EUR 90bn')
    );
    const result = runImport(["--check", "--data-dir", dataDir, "--out", join(workDir, "unused.ts")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/eu_instruments\.csv line 10, column states: "-NOR" must be -CODE for one of the 27/);
  });

  it("reads the Kiel release with the command line's reader: a bad row is refused naming the file and line", () => {
    const dataDir = copyOfData("bad-kiel");
    const explorer = join(dataDir, "kiel-release-29", "data_explorer.csv");
    const lines = readFileSync(explorer, "utf8").split("\n");
    lines.splice(3, 0, lines[2]);
    writeFileSync(explorer, lines.join("\n"));
    const result = runImport(["--check", "--data-dir", dataDir, "--out", join(workDir, "unused.ts")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/kiel-release-29\/data_explorer\.csv line 4: AUS has two rows for 2022-03/);
  });

  it("refuses a Kiel row after the release's period", () => {
    const dataDir = copyOfData("late-kiel");
    const info = join(dataDir, "kiel-release-29", "release_info.csv");
    writeFileSync(info, readFileSync(info, "utf8").replace('"04/2026"', '"03/2026"'));
    const result = runImport(["--check", "--data-dir", dataDir, "--out", join(workDir, "unused.ts")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/has a row for 2026-04, after the release's period 03\/2026/);
  });
});
