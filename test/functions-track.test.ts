// FAIRSHARE.TRACK and FAIRSHARE.GAP as Excel calls them, held to the command line's `fair-share track` (its main(), in
// process) on random scenarios: the same inputs as an inputs block and as flags give the same figures.
import fc from "fast-check";

import { excelError } from "./functions-runtime";
import { OMITTED, type Range } from "./helpers/functions";
import { main } from "../src/cli/main";
import type { TrackReport } from "../src/cli/track-report";
import { ALLIES } from "../src/data";
import { runTrack } from "../src/engine/track";
import { gap, track } from "../src/functions/functions";
import { clearMemo } from "../src/functions/memo";

beforeEach(() => clearMemo());

/** `fair-share track FLAGS --format json`, in process. */
async function cliReport(flags: readonly string[]): Promise<TrackReport> {
  let stdout = "";
  let stderr = "";
  const code = await main(
    ["track", ...flags, "--format", "json"],
    { out: (text) => void (stdout += text), err: (text) => void (stderr += text) },
    {}
  );
  if (code !== 0) throw new Error(`track ${flags.join(" ")}: ${stderr}`);
  return JSON.parse(stdout) as TrackReport;
}

/** A scenario as parameter values: the flags of the command line, and the rows of an inputs block. */
type Values = Readonly<Record<string, string>>;

const flagsOf = (values: Values): string[] =>
  Object.entries(values).flatMap(([name, value]) => (name === "count-eu" ? [`--${name}`] : [`--${name}`, value]));

const blockOf = (values: Values): Range =>
  Object.entries(values).map(([name, value]) => [name, name === "count-eu" ? true : value]);

const PLEDGE_2024: Values = { "per-year": "40bn", start: "2024", years: "1", exempt: "HUN" };

describe("FAIRSHARE.TRACK", () => {
  it("spills a header and one row per ally: code, name, fair share, delivered, gap, delivered share, tracked", () => {
    const table = track(blockOf(PLEDGE_2024));
    expect(table[0]).toEqual(["Code", "Name", "Fair share", "Delivered", "Gap", "Delivered share", "Tracked"]);
    expect(table.slice(1).map((row) => row[0])).toEqual(ALLIES.map((ally) => ally.iso3));
    expect(table.slice(1).reduce((sum, row) => sum + (row[2] as number), 0)).toBe(40_000_000_000);
    expect(table.find((row) => row[0] === "DEU")).toEqual([
      "DEU",
      "Germany",
      3_431_000_000,
      3_958_557_000,
      -527_557_000,
      3_958_557_000 / 3_431_000_000,
      true,
    ]);
  });

  it('shows "not tracked" for Albania, Montenegro and North Macedonia, never 0; an exempt ally has no share', () => {
    const table = track(blockOf(PLEDGE_2024));
    for (const code of ["ALB", "MNE", "MKD"]) {
      const row = table.find((candidate) => candidate[0] === code) ?? [];
      expect(row.slice(3)).toEqual(["not tracked", "not tracked", "not tracked", false]);
    }
    expect(table.find((row) => row[0] === "HUN")?.slice(2)).toEqual([0, 0, 0, "", true]);
  });

  it("takes the columns asked for, in order, as a list in a cell or a row of names", () => {
    const block = blockOf(PLEDGE_2024);
    const full = track(block, [
      ["code,name,fair-share,delivered,gap,delivered-share,tracked,bilateral,eu,basis-share,held"],
    ]);
    const picked = track(block, [["gap", "Code", "held"]]);
    expect(picked[0]).toEqual(["Gap", "Code", "Held"]);
    picked.slice(1).forEach((row, index) => {
      const whole = full[index + 1];
      expect(row).toEqual([whole[4], whole[0], whole[10]]);
    });
    expect(full.find((row) => row[0] === "HUN")?.[10]).toBe("exempt");
    // Without count-eu the EU part is not counted: empty, not 0.
    expect(full.find((row) => row[0] === "DEU")?.[8]).toBe("");
    expect(track(block, [[null, null]])).toEqual(track(block));
  });

  it("refuses an unknown or repeated column, naming it", () => {
    expect(excelError(() => track(OMITTED, [["gap,delivred"]]))).toEqual({
      code: "#VALUE!",
      message: expect.stringMatching(/^columns: "delivred" is not one of code, name, fair-share/),
    });
    expect(excelError(() => track(OMITTED, [["gap", "gap"]])).message).toBe(
      'columns: "gap" appears more than once. Give each one only once.'
    );
  });

  it("reads months typed as dates, TRUE for count-eu, and 0 (Excel desktop's empty cell) as not given", () => {
    // 45474 is 1 July 2024 and 45627 is 1 December 2024 as Excel stores them.
    const dates = track([
      ["total", "20bn"],
      ["from", 45474],
      ["to", 45627],
      ["count-eu", true],
      ["delivered", 0],
    ]);
    expect(dates).toEqual(
      track([
        ["total", "20bn"],
        ["from", "2024-07"],
        ["to", "2024-12"],
        ["count-eu", "yes"],
      ])
    );
    expect(dates).not.toEqual(
      track([
        ["total", "20bn"],
        ["from", "2024-07"],
        ["to", "2024-12"],
      ])
    );
  });

  it("refuses what has no effect with track, as the command line does", () => {
    expect(excelError(() => track([["credit", 0.5]])).message).toMatch(/^credit: cannot be used with track/);
    expect(
      excelError(() =>
        track([
          ["from", "2027-01"],
          ["to", "2027-12"],
        ])
      )
    ).toEqual({
      code: "#N/A",
      message: expect.stringContaining("from: 2027-01 to 2027-12 has no data"),
    });
  });
});

describe("FAIRSHARE.GAP", () => {
  it("is TRACK's gap for each tracked ally, by code or English name", () => {
    const block = blockOf(PLEDGE_2024);
    for (const row of track(block).slice(1)) {
      if (row[6] === false) continue;
      expect([row[0], gap(row[0] as string, block)]).toEqual([row[0], row[4]]);
    }
    expect(gap("Germany", block)).toBe(gap("DEU", block));
  });

  it("is #N/A for an ally the tracker does not cover: its aid is unknown, not 0", () => {
    expect(excelError(() => gap("ALB", blockOf(PLEDGE_2024)))).toEqual({
      code: "#N/A",
      message:
        "code: has no delivered aid for ALB. The Kiel Ukraine Support Tracker does not track it: what it delivered is" +
        " unknown, not 0, so it has no gap.",
    });
    expect(excelError(() => gap(null, OMITTED)).message).toMatch(/^code: is required for FAIRSHARE.GAP/);
    expect(excelError(() => gap("AUT", OMITTED)).code).toBe("#N/A");
  });
});

describe("TRACK and GAP against the command line, on random scenarios", () => {
  const codes = ALLIES.map((ally) => ally.iso3);
  const month = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  const valuesArb: fc.Arbitrary<Values> = fc
    .record({
      pledge: fc.oneof(
        fc.integer({ min: 1, max: 90 }).map((bn) => ({ total: `${bn}bn` })),
        fc.integer({ min: 1, max: 60 }).map((bn) => ({ "per-year": `${bn * 12}bn` }))
      ),
      window: fc.oneof(
        fc
          .integer({ min: 2022, max: 2026 })
          .chain((start) =>
            fc.integer({ min: 1, max: 3 }).map((years) => ({ start: String(start), years: String(years) }))
          ),
        fc
          .tuple(fc.integer({ min: 2022 * 12, max: 2026 * 12 + 3 }), fc.integer({ min: 0, max: 20 }))
          .map(([from, length]) => ({ from: month(from), to: month(from + length) }))
      ),
      exempt: fc.subarray(codes, { maxLength: 3 }),
      cap: fc.option(fc.integer({ min: 20, max: 45 }), { freq: 2 }),
      gdpYear: fc.constantFrom("2023", "2024"),
      delivered: fc.constantFrom("allocations", "commitments"),
      countEu: fc.boolean(),
      currency: fc.constantFrom("EUR", "USD"),
    })
    .map((c): Values => {
      const values: Record<string, string> = { ...c.pledge, ...c.window, "gdp-year": c.gdpYear };
      if (c.exempt.length > 0) values.exempt = c.exempt.join(",");
      if (c.cap !== null && !c.exempt.includes("USA")) values.cap = `USA=${c.cap}%`;
      if (c.delivered !== "allocations") values.delivered = c.delivered;
      if (c.countEu) values["count-eu"] = "yes";
      if (c.currency === "USD") Object.assign(values, { currency: "USD", "usd-per-eur": "1.078376" });
      return values;
    });

  it("TRACK's cells are the command line's json, row by row; GAP is its gap", async () => {
    await fc.assert(
      fc.asyncProperty(valuesArb, async (values) => {
        const report = await cliReport(flagsOf(values));
        const table = track(blockOf(values), [
          ["code,name,fair-share,delivered,gap,delivered-share,tracked,bilateral,eu"],
        ]);
        expect(table.length - 1).toBe(report.allies.length);
        report.allies.forEach((ally, index) => {
          const known = (text: string | null): number | string =>
            !ally.tracked ? "not tracked" : text === null ? "" : Number(text);
          const row = table[index + 1];
          expect([...row.slice(0, 5), ...row.slice(6)]).toEqual([
            ally.iso3,
            ally.name,
            Number(ally.fairShare),
            known(ally.delivered),
            known(ally.gap),
            ally.tracked,
            known(ally.deliveredBilateral),
            known(ally.deliveredEu),
          ]);
          // The json gives the share to 12 places; the cell holds it to a float's precision.
          const share = known(ally.deliveredShare);
          if (typeof share === "number") expect(row[5] as number).toBeCloseTo(share, 11);
          else expect(row[5]).toBe(share);
          if (ally.tracked) expect(gap(ally.iso3, blockOf(values))).toBe(Number(ally.gap));
        });
      }),
      { numRuns: 40 }
    );
  });

  it("the engine behind both is one: the functions' figures are runTrack's", () => {
    const values = { ...PLEDGE_2024, "count-eu": "yes" };
    const result = runTrack(Object.fromEntries(blockOf(values)));
    const table = track(blockOf(values));
    result.rows.forEach((row, index) => {
      expect(table[index + 1][2]).toBe(row.fairShare.toNumber());
      expect(table[index + 1][3]).toBe(row.delivered === null ? "not tracked" : row.delivered.toNumber());
    });
  });
});
