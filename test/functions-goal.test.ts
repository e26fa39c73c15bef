/**
 * FAIRSHARE.SOLVE and FAIRSHARE.EXPLAIN against the command line's own builders: the same answers, the same steps,
 * on random inputs blocks; and the examples of docs/functions.md are what the functions return.
 */
import { readFileSync } from "fs";
import { join } from "path";

import fc from "fast-check";

import "./functions-runtime";
import { solveReport } from "../src/cli/solve";
import { explain as explainSteps, explanationText, runScenario, solve as solveEngine } from "../src/engine";
import { explain, solve } from "../src/functions/functions";

type Block = Array<Array<number | string | boolean | null>>;

const blocks = fc.record(
  {
    credit: fc.constantFrom("50%", "0.25", "1/3"),
    exempt: fc.constantFrom("HUN", "HUN,SVK"),
    cap: fc.constantFrom("USA=30%", "USA=40%"),
    "aid-from": fc.constantFrom("2022-01", "2024-01"),
  },
  { requiredKeys: [] }
);

function blockOf(spec: Record<string, string>): Block {
  return Object.entries(spec).map(([name, value]) => [name, value]);
}

describe("FAIRSHARE.SOLVE", () => {
  test("gives the command line's answer, ranges and nearest value", () => {
    fc.assert(
      fc.property(
        blocks,
        fc.constantFrom("ESP>=3.2bn", "ITA<=5bn", "DEU.share>=20%", "overlap<=16bn"),
        (spec, target) => {
          const table = solve(blockOf(spec), target, "credit");
          const cli = solveReport(solveEngine({ spec, target, vary: "credit" })) as {
            answer: { exact: string; decimal: string } | null;
            holds: { from: { exact: string }; to: { exact: string } }[];
            nearest: { value: { exact: string }; figure: { decimal: string } } | null;
          };
          const cell = Object.fromEntries(table.map(([label, value]) => [label, value]));
          expect(cell.Answer).toBe(cli.answer?.exact ?? "none");
          expect(cell["Answer (decimal)"]).toBe(cli.answer === null ? "none" : Number(cli.answer.decimal));
          const holds = cli.holds.map((r) =>
            r.from.exact === r.to.exact ? r.from.exact : `${r.from.exact} to ${r.to.exact}`
          );
          expect(cell["Holds for"]).toBe(holds.length === 0 ? "none" : holds.join("; "));
          expect(cell.Nearest).toBe(cli.nearest?.value.exact ?? "none");
        }
      ),
      { numRuns: 6 }
    );
  });

  test("refuses a missing target as #VALUE! naming it", () => {
    expect(() => solve(null as unknown as Block, null, "credit")).toThrow(/target/);
  });
});

describe("FAIRSHARE.EXPLAIN", () => {
  test("gives the command line's steps, word for word", () => {
    fc.assert(
      fc.property(blocks, fc.constantFrom("ESP", "USA", "NOR"), fc.constantFrom(null, 2026), (spec, code, year) => {
        const table = explain(code, blockOf(spec), year);
        const text = explanationText(explainSteps(runScenario(spec), code, year));
        const lines = text.split("\n").slice(1, 1 + table.length);
        expect(table.map(([title, sentences], i) => `${i + 1}. ${title}. ${sentences}`)).toEqual(lines);
      }),
      { numRuns: 10 }
    );
  });
});

describe("docs/functions.md", () => {
  const docs = readFileSync(join(__dirname, "..", "docs", "functions.md"), "utf8").replace(/\s+/g, " ");
  test("its SOLVE and EXPLAIN examples are what the functions return", () => {
    const reached = Object.fromEntries(solve(null as unknown as Block, "ESP>=3.2bn", "credit"));
    expect(docs).toContain(`gives the Answer ${String(reached.Answer)} (about`);
    const missed = Object.fromEntries(solve(null as unknown as Block, "ESP<=3bn", "credit"));
    expect(docs).toContain(
      `Nearest ${String(missed.Nearest)} and Figure at nearest ${Number(missed["Figure at nearest"]).toFixed(2)}`
    );
    const rounding = explain("ESP", undefined, 2026)[5][1] as string;
    expect(docs).toContain(`its Rounding row reads "${rounding.split(" Rounded down")[0]}`);
  });
});
