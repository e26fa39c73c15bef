// FAIRSHARE.SWEEP as Excel calls it, held to the command line's `fair-share sweep` (its main(), in process) on random
// scenarios and parameters: the same inputs as an inputs block and as flags give the same rows.
import fc from "fast-check";

import { excelError } from "./functions-runtime";
import { OMITTED, type Range } from "./helpers/functions";
import { main } from "../src/cli/main";
import type { SweepReport } from "../src/cli/sweep-report";
import { sweep } from "../src/functions/functions";
import { clearMemo } from "../src/functions/memo";

beforeEach(() => clearMemo());

/** `fair-share sweep FLAGS --format json`, in process. */
async function cliReport(flags: readonly string[]): Promise<SweepReport> {
  let stdout = "";
  let stderr = "";
  const code = await main(
    ["sweep", ...flags, "--format", "json"],
    { out: (text) => void (stdout += text), err: (text) => void (stderr += text) },
    {}
  );
  if (code !== 0) throw new Error(`sweep ${flags.join(" ")}: ${stderr}`);
  return JSON.parse(stdout) as SweepReport;
}

type Values = Readonly<Record<string, string>>;
const flagsOf = (values: Values): string[] => Object.entries(values).flatMap(([name, value]) => [`--${name}`, value]);
const blockOf = (values: Values): Range => Object.entries(values).map(([name, value]) => [name, value]);

/** The CLI's rows as the function's cells: the value, the allies' amounts, total, overlap, net new and the note. */
function cellsOf(report: SweepReport, name: string): (string | number)[][] {
  const number = (text: string | null | undefined): number | string => (text == null ? "" : Number(text));
  return report.rows.map((row) => [
    row.values[name] === ""
      ? "none"
      : /^-?\d+(\.\d+)?$/.test(row.values[name])
        ? Number(row.values[name])
        : row.values[name],
    ...report.allies.map((code) => number(row.allies?.[code]?.total)),
    number(row.total),
    number(row.euOverlap),
    number(row.netNew),
    row.error ?? "",
  ]);
}

const scenarioArb = fc
  .record({
    exempt: fc.constantFrom(undefined, "HUN"),
    credit: fc.constantFrom(undefined, "0.5"),
    cap: fc.constantFrom(undefined, "DEU=0.1"),
    "max-pct-gdp": fc.constantFrom(undefined, "0.1%"),
    unit: fc.constantFrom(undefined, "100m"),
  })
  .map((values) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Values);

const varyArb = fc.constantFrom(
  ["credit", "0..1:0.25"],
  ["cap.USA", "0.05..0.45:0.2"],
  ["total", "50bn,100bn,200bn"],
  ["gdp-year", "2023,2024"],
  ["exempt", "none,HUN,HUN+SVK"],
  ["max-pct-gdp", "0.01%,0.1%"]
);

describe("FAIRSHARE.SWEEP", () => {
  test("equals fair-share sweep on random scenarios and parameters", async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArb,
        varyArb,
        fc.constantFrom<string[]>([], ["ESP", "ITA"], ["USA"]),
        async (values, [name, range], allies) => {
          clearMemo();
          const report = await cliReport([
            ...flagsOf(values),
            "--vary",
            `${name}=${range}`,
            ...(allies.length > 0 ? ["--allies", allies.join(",")] : []),
          ]);
          const table = sweep(blockOf(values), name, [[range]], allies.length > 0 ? [allies] : OMITTED);
          expect(table[0]).toEqual([name, ...allies, "Total", "EU overlap", "Net new", "Note"]);
          expect(table.slice(1)).toEqual(cellsOf(report, name));
        }
      ),
      { numRuns: 12 }
    );
  });

  test("values in cells, one each; an infeasible value keeps its row with the reason", () => {
    const table = sweep([["exempt", "HUN"]], "cap", [[0.01], [null], [0.5]], [["Spain"]]);
    expect(table.map((row) => row[0])).toEqual(["cap", 0.01, 0.5]);
    expect(table[1].slice(1, 5)).toEqual(["", "", "", ""]);
    expect(String(table[1][5])).toMatch(/^cap: let the contributors pay at most/);
    expect(typeof table[2][1]).toBe("number");
    expect(table[2][5]).toBe("");
  });

  test("mistakes are #VALUE! or #N/A naming the argument", () => {
    expect(excelError(() => sweep([[null]], null, [["0,1"]]))).toMatchObject({ code: "#VALUE!" });
    expect(excelError(() => sweep([[null]], "credits", [["0,1"]])).message).toMatch(
      /^parameter: "credits" is not one of/
    );
    expect(excelError(() => sweep([[null]], "credit", [["0..1"]])).message).toMatch(/^values: "credit=0\.\.1"/);
    expect(excelError(() => sweep([[null]], "credit", [[0.5]], [["XYZ"]]))).toMatchObject({ code: "#N/A" });
  });
});
