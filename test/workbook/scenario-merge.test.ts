// Merging another workbook's scenarios: a name already here is never overwritten without a "replace" for it; rename
// suggests a free name, skip leaves it out.
import { mergeChanges, mergeConflicts, type Resolution } from "../../src/workbook/scenario-merge";
import type { StoredScenario } from "../../src/workbook/scenario-store";

function scenario(name: string, comment = ""): StoredScenario {
  return {
    name,
    comment,
    parameters: { total: "100bn" },
    created: "2026-12-01T08:00:00Z",
    modified: "2026-12-02T08:00:00Z",
    author: "",
    vintage: "gdp 2026-10",
  };
}

const HERE = [scenario("Base"), scenario("Hungary exempt"), scenario("Hungary exempt (2)")];

describe("merge conflicts", () => {
  test("only names already here clash (regardless of case), each with a free name suggested", () => {
    const chosen = [scenario("hungary exempt"), scenario("New one"), scenario("Base")];
    expect(mergeConflicts(HERE, chosen)).toEqual([
      { name: "hungary exempt", suggested: "hungary exempt (3)" },
      { name: "Base", suggested: "Base (2)" },
    ]);
  });

  test("a suggestion avoids the other chosen names and the suggestions before it", () => {
    const chosen = [scenario("Base"), scenario("Base (2)"), scenario("base")];
    const conflicts = mergeConflicts([scenario("Base"), scenario("base (2)")], chosen);
    expect(conflicts.map((conflict) => conflict.suggested)).toEqual(["Base (3)", "Base (4)", "base (5)"]);
  });

  test("no resolution for a clash: refused, naming it", () => {
    const outcome = mergeChanges(HERE, [scenario("New"), scenario("Base")], new Map());
    expect(outcome).toEqual({ problem: expect.stringContaining('"Base" is already in this workbook') });
  });

  test("rename adds under the new name, replace rewrites the row here, skip leaves it out", () => {
    const incoming = [
      scenario("New"),
      scenario("Base", "theirs"),
      scenario("HUNGARY EXEMPT", "theirs"),
      scenario("Hungary exempt (2)"),
    ];
    const resolutions = new Map<string, Resolution>([
      ["Base", { action: "rename", name: "Base (theirs)" }],
      ["HUNGARY EXEMPT", { action: "replace" }],
      ["Hungary exempt (2)", { action: "skip" }],
    ]);
    const outcome = mergeChanges(HERE, incoming, resolutions);
    expect(outcome).toEqual({
      changes: [
        { kind: "add", scenario: incoming[0] },
        { kind: "add", scenario: { ...incoming[1], name: "Base (theirs)" } },
        // The row keeps the name it has here; everything else is the imported scenario's.
        { kind: "rewrite", name: "Hungary exempt", scenario: { ...incoming[2], name: "Hungary exempt" } },
      ],
    });
  });

  test("a new name that is taken (here, by another chosen one, or by another rename) or unusable is refused", () => {
    const rename = (name: string): Resolution => ({ action: "rename", name });
    const cases: [StoredScenario[], [string, Resolution][], RegExp][] = [
      [[scenario("Base")], [["Base", rename("hungary exempt")]], /"hungary exempt", is taken/],
      [[scenario("Base"), scenario("Other")], [["Base", rename("Other")]], /"Other", is taken/],
      [
        [scenario("Base"), scenario("Hungary exempt")],
        [
          ["Base", rename("Same")],
          ["Hungary exempt", rename("same")],
        ],
        /"same", is taken/,
      ],
      [[scenario("Base")], [["Base", rename(" Base")]], /begins or ends with a space/],
      [[scenario("Base")], [["Base", rename("a,b")]], /comma/],
    ];
    for (const [chosen, resolutions, message] of cases) {
      const outcome = mergeChanges(HERE, chosen, new Map(resolutions));
      expect("problem" in outcome ? outcome.problem : "").toMatch(message);
    }
  });

  test("the suggested names, taken as they are, always make a merge that adds every chosen scenario", () => {
    const chosen = [scenario("Base"), scenario("Hungary exempt"), scenario("Hungary exempt (2)"), scenario("Fresh")];
    const conflicts = mergeConflicts(HERE, chosen);
    const resolutions = new Map<string, Resolution>(
      conflicts.map((conflict) => [conflict.name, { action: "rename", name: conflict.suggested }])
    );
    const outcome = mergeChanges(HERE, chosen, resolutions);
    if (!("changes" in outcome)) throw new Error(outcome.problem);
    const names = outcome.changes.map((change) => (change.kind === "add" ? change.scenario.name : "?"));
    expect(names).toHaveLength(4);
    const all = [...HERE.map((known) => known.name), ...names].map((name) => name.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });
});
