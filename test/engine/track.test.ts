/**
 * Delivered against fair share (src/engine/track.ts): the rule on small cases worked out by hand, its properties on
 * random scenarios, and delivered aid against the tracker's raw file, read here on its own.
 */
import { readFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";

import { ALLIES, EU_GNI, NOT_TRACKED_BY_KIEL } from "../../src/data";
import { Dec, ZERO } from "../../src/engine/decimal";
import { FairShareError } from "../../src/engine/errors";
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { monthListWords, runTrack, type TrackResult, type TrackRow } from "../../src/engine/track";

function row(result: TrackResult, code: string): TrackRow {
  const found = result.rows.find((candidate) => candidate.code === code);
  if (found === undefined) throw new Error(`no row ${code}`);
  return found;
}

const text = (value: Dec | null): string | null => (value === null ? null : value.toFixed());

function thrown(call: () => unknown): FairShareError {
  try {
    call();
  } catch (error) {
    if (error instanceof FairShareError) return error;
    throw error;
  }
  throw new Error("expected a FairShareError");
}

/** The raw Kiel file, read here without the import script: [iso, "YYYY-MM", military, commitments] per row. */
const KIEL_ROWS: readonly { iso: string; month: string; military: string; commitments: string }[] = (() => {
  const lines = readFileSync(join(__dirname, "..", "..", "data", "kiel-release-29", "data_explorer.csv"), "utf8")
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(",").map((cell) => cell.replace(/"/g, ""));
  const at = (name: string): number => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = line.split(",").map((cell) => cell.replace(/"/g, ""));
    return {
      iso: cells[at("iso")],
      month: `${cells[at("year")]}-${cells[at("month")].padStart(2, "0")}`,
      military: cells[at("military")],
      commitments: cells[at("commitments")],
    };
  });
})();

/** A donor's sum of a column of the raw file over a window, in euros. */
function rawSum(iso: string, from: string, to: string, column: "military" | "commitments"): Dec {
  return KIEL_ROWS.filter((r) => r.iso === iso && r.month >= from && r.month <= to)
    .reduce((sum, r) => sum.plus(r[column]), ZERO)
    .times("1e9");
}

describe("the rule on small cases worked out by hand", () => {
  // Hungary exempt, Germany capped at 30%, Albania not tracked: key 1:3:1, EUR 10bn for January-March 2024.
  const three: ScenarioSpec = {
    contributors: "HUN,DEU,ALB",
    method: "key",
    key: "HUN=1,DEU=3,ALB=1",
    exempt: "HUN",
    cap: "DEU=30%",
    total: "10bn",
    from: "2024-01",
    to: "2024-03",
  };

  test("three allies, one exempt, one capped, one untracked", () => {
    const result = runTrack(three);
    // Uncapped Germany would pay 3/4; capped at 30% it pays 3bn, and Albania, free, the other 7bn.
    expect(
      ["HUN", "DEU", "ALB"].map((code) => [code, row(result, code).fairShare.toFixed(), row(result, code).constraint])
    ).toEqual([
      ["HUN", "0", "exempt"],
      ["DEU", "3000000000", "cap"],
      ["ALB", "7000000000", "none"],
    ]);
    // Germany's military allocations: January 0.929064, February 0.688918, March 0.076991 (EUR bn).
    expect(text(row(result, "DEU").delivered)).toBe("1694973000");
    expect(text(row(result, "DEU").gap)).toBe("1305027000");
    expect(text(row(result, "DEU").deliveredShare)).toBe("0.564991");
    // Hungary is tracked and gave no military aid: delivered 0, gap 0, no share of a fair share of 0.
    expect([row(result, "HUN").tracked, text(row(result, "HUN").delivered), text(row(result, "HUN").gap)]).toEqual([
      true,
      "0",
      "0",
    ]);
    expect(row(result, "HUN").deliveredShare).toBeNull();
    // Albania is not tracked: unknown, never 0.
    const albania = row(result, "ALB");
    expect([albania.tracked, albania.delivered, albania.gap, albania.deliveredShare, albania.bilateral]).toEqual([
      false,
      null,
      null,
      null,
      null,
    ]);
    expect(
      Object.fromEntries(Object.entries(result.totals).map(([key, value]) => [key, text(value as Dec | null)]))
    ).toEqual({
      pledge: "10000000000",
      fairShareTracked: "3000000000",
      fairShareNotTracked: "7000000000",
      bilateral: "1694973000",
      eu: null,
      delivered: "1694973000",
      gap: "1305027000",
      shortfall: "1305027000",
      surplus: "0",
      coverage: "0.1694973",
    });
    expect(result.notes.join("\n")).toContain("Albania: not tracked by the Kiel Ukraine Support Tracker");
  });

  test("a fourth ally takes its part of what the cap re-spreads, rounded with the total kept", () => {
    const result = runTrack({ ...three, contributors: "HUN,DEU,FRA,ALB", key: "HUN=1,DEU=3,FRA=2,ALB=1", unit: "1" });
    // 7bn re-spread 2:1 between France and Albania: 14/3bn and 7/3bn, rounded so that they add up to 7bn.
    expect(row(result, "FRA").fairShareExact.times(3).toFixed()).toBe("14000000000");
    expect(["HUN", "DEU", "FRA", "ALB"].map((code) => row(result, code).fairShare.toFixed())).toEqual([
      "0",
      "3000000000",
      "4666666667",
      "2333333333",
    ]);
    // France: January 0.104747, February nothing, March 0.002.
    expect(text(row(result, "FRA").delivered)).toBe("106747000");
    expect(text(row(result, "FRA").gap)).toBe("4559919667");
    expect(row(result, "FRA").months.map(([month, amount]) => [month, amount.toFixed()])).toEqual([
      ["2024-01", "104747000"],
      ["2024-03", "2000000"],
    ]);
  });

  test("with count-eu, an EU member's share of an instrument counts for the window's months", () => {
    // The UAF's EUR 5bn for 2024, six months in the window: EUR 2.5bn, by GNI over the 27.
    const result = runTrack({
      contributors: "DEU,FRA,USA",
      total: "10bn",
      from: "2024-07",
      to: "2024-12",
      "count-eu": true,
      eu: "UAF",
    });
    const gni = (code: string): Dec => new Dec((EU_GNI.find((r) => r.iso3 === code) as { gniEurBn: string }).gniEurBn);
    const all = EU_GNI.reduce((sum, r) => sum.plus(r.gniEurBn), ZERO);
    expect(result.eu?.instruments.map((i) => [i.id, i.amount.toFixed(), i.byYear[0].months])).toEqual([
      ["UAF", "2500000000", 6],
    ]);
    for (const code of ["DEU", "FRA"]) {
      const exact = new Dec("2.5e9").times(gni(code)).div(all);
      const part = row(result, code).eu as Dec;
      expect(part.mod("1e6").isZero()).toBe(true);
      expect(part.minus(exact).abs().lt("1e6")).toBe(true);
      expect(text(row(result, code).delivered)).toBe(
        rawSum(code, "2024-07", "2024-12", "military").plus(part).toFixed()
      );
    }
    expect(text(row(result, "USA").eu)).toBe("0");
    // Every state's rounded part adds up to the window's EUR 2.5bn.
    expect([...(result.eu?.byState.values() ?? [])].reduce((sum, part) => sum.plus(part), ZERO).toFixed()).toBe(
      "2500000000"
    );
    expect(result.notes.join("\n")).toMatch(/count-eu: delivered includes each EU member's share of UAF/);
  });

  test("in USD, delivered is the tracker's euros at the rate, exactly", () => {
    const result = runTrack({ total: "40bn", start: "2024", years: "1", currency: "USD", "usd-per-eur": "1.078376" });
    expect(text(row(result, "DEU").delivered)).toBe(
      rawSum("DEU", "2024-01", "2024-12", "military").times("1.078376").toFixed()
    );
  });

  test("delivered commitments sums the tracker's commitments column and says what it counts", () => {
    const result = runTrack({ total: "40bn", start: "2024", years: "1", delivered: "commitments" });
    for (const code of ["DEU", "USA", "GBR"]) {
      expect(text(row(result, code).delivered)).toBe(rawSum(code, "2024-01", "2024-12", "commitments").toFixed());
    }
    expect(result.notes[1]).toMatch(/every kind of aid together \(military, financial and humanitarian\)/);
  });

  test("fair shares are allocate's amounts for the same pledge in one year, with no credit", () => {
    const spec = { "per-year": "40bn", exempt: "HUN", cap: "USA=40%", floor: "LUX=0.5%", "gdp-year": "2023" };
    const tracked = runTrack({ ...spec, start: "2025", years: "1" });
    const allocated = runScenario({ ...spec, start: "2025", years: "1" });
    expect(tracked.rows.map((r) => [r.code, r.fairShare.toFixed(), r.constraint])).toEqual(
      allocated.allocation.rows.map((r) => [r.code, r.total.toFixed(), r.constraint])
    );
  });

  test("per-year over a window of months is per-year x months / 12", () => {
    expect(runTrack({ "per-year": "40bn", from: "2024-07", to: "2025-12" }).pledge.toFixed()).toBe("60000000000");
    expect(runTrack({ "per-year": "40bn", start: "2024", years: "2" }).pledge.toFixed()).toBe("80000000000");
  });

  test("max-pct-gdp over a window of whole years caps a fair share at that many years of the limit", () => {
    // By a key of 99:1 the United States would carry EUR 54.45bn of 55bn; two years at 0.1% of its GDP is less.
    const result = runTrack({
      contributors: "USA,DEU",
      method: "key",
      key: "USA=99,DEU=1",
      total: "55bn",
      start: "2024",
      years: "2",
      "max-pct-gdp": "0.1%",
    });
    const usa = ALLIES.find((ally) => ally.iso3 === "USA");
    const limit = new Dec(usa?.gdpEurBn[2024] ?? "0").times("1e9").times("0.001").times(2);
    const solved = result.allocation.rows.find((r) => r.code === "USA");
    expect(solved?.upperLimit?.toFixed()).toBe(limit.toFixed());
    expect([solved?.held, solved?.upperRule]).toEqual(["upper", "max-pct-gdp"]);
    expect(row(result, "USA").fairShareExact.toFixed()).toBe(limit.toFixed());
  });
});

describe("the window and its coverage by the data", () => {
  test("months after the data's last are named, and delivered counts the others", () => {
    const result = runTrack({ "per-year": "40bn", from: "2025-07", to: "2026-06" });
    expect(result.window.notCovered).toEqual(["2026-05", "2026-06"]);
    expect([result.window.dataFrom, result.window.dataTo, result.window.monthsWithData]).toEqual([
      "2025-07",
      "2026-04",
      10,
    ]);
    expect(result.notes.join("\n")).toContain("Not covered by the data: May and June 2026");
  });

  test("the default window is the calendar years 2024-2028, and its uncovered months are a run", () => {
    const result = runTrack({});
    expect([result.window.from, result.window.to, result.pledge.toFixed()]).toEqual([
      "2024-01",
      "2028-12",
      "100000000000",
    ]);
    expect(result.notes.join("\n")).toContain("Not covered by the data: May 2026 to December 2028");
  });

  test.each([
    [["2026-05"], "May 2026"],
    [["2021-11", "2021-12", "2026-05", "2026-06"], "November and December 2021; and May and June 2026"],
    [["2021-12", "2022-01"], "December 2021 and January 2022"],
    [["2026-05", "2026-06", "2026-07"], "May to July 2026"],
  ])("months in words: %j", (months, words) => {
    expect(monthListWords(months)).toBe(words);
  });

  test.each([
    [{ from: "2027-01", to: "2027-12" }, "from"],
    [{ from: "2019-01", to: "2021-12" }, "to"],
    [{ start: "2030", years: "2" }, "start"],
  ])("a window entirely outside the data is refused: %j", (window, argument) => {
    const error = thrown(() => runTrack(window));
    expect([error.code, error.argument]).toEqual(["NO_DATA", argument]);
    expect(error.message).toContain("Ukraine Support Tracker, Release 29 (04/2026) covers 2022-01 to 2026-04");
  });
});

describe("what track refuses, and why", () => {
  test.each([
    [{ credit: "50%" }, "credit", /cannot be used with track \(track measures .* would count that aid twice\)/],
    [{ "aid-from": "2024-01" }, "aid-from", /give the window as from and to/],
    [{ profile: "front" }, "profile", /not year by year/],
    [{ "overlap-threshold": "40%" }, "overlap-threshold", /with count-eu the EU instruments count as delivered/],
    [{ method: "pct-gdp", "pct-gdp": "0.25%" }, "pct-gdp", /pledge of a fixed amount/],
    [{ method: "pct-gdp" }, "method", /pledge of a fixed amount/],
    [{ from: "2024-01" }, "to", /is required with from/],
    [{ from: "2024-01", to: "2024-12", start: "2024" }, "start", /with from and to/],
    [{ from: "2024-12", to: "2024-01" }, "from", /after its end/],
    [{ from: "2024-01", to: "2080-01" }, "to", /outside 2024-01 to 2073-12/],
    [{ "per-year": "40bn", from: "2024-01", to: "2024-07" }, "per-year", /EUR 40bn a year over 7 months is about/],
    [{ "max-pct-gdp": "0.1%", from: "2024-01", to: "2025-06" }, "max-pct-gdp", /window of 18 months/],
    [{ eu: "UAF" }, "eu", /without count-eu/],
    [{ "eu-states": "DEU" }, "eu-states", /without count-eu/],
    [{ delivered: "pledges" }, "delivered", /not one of allocations, commitments/],
    [{ "count-eu": "maybe" }, "count-eu", /not one of TRUE, FALSE, yes or no/],
    [{ contributorData: [{ code: "DEU", aid: 5 }] }, "aid", /delivered aid from the Kiel tracker/],
  ] as const)("%j: %s", (spec, argument, message) => {
    const error = thrown(() => runTrack(spec as ScenarioSpec));
    expect(error.argument).toBe(argument);
    expect(error.message).toMatch(message);
  });

  test.each([
    [{ from: "2024-07" }, "from", /cannot be used with allocate \(it sets the first month of track's window\)/],
    [{ to: "2025-06" }, "to", /track's window/],
    [{ delivered: "commitments" }, "delivered", /what track counts as delivered/],
    [{ "count-eu": "yes" }, "count-eu", /as delivered/],
  ])("allocate refuses track's %j", (spec, argument, message) => {
    const error = thrown(() => runScenario(spec));
    expect(error.argument).toBe(argument);
    expect(error.message).toMatch(message);
  });

  test("count-eu off is the same as not given, and the words TRUE, yes and on all turn it on", () => {
    const plain = runTrack({ total: "40bn", start: "2025", years: "1" });
    expect(runTrack({ total: "40bn", start: "2025", years: "1", "count-eu": false }).totals.delivered).toEqual(
      plain.totals.delivered
    );
    for (const on of [true, "yes", "On", "TRUE"]) {
      expect(runTrack({ total: "40bn", start: "2025", years: "1", "count-eu": on }).countEu).toBe(true);
    }
  });
});

describe("delivered against the tracker's raw file", () => {
  test.each([
    ["2024-01", "2024-12"],
    ["2022-01", "2026-04"],
    ["2023-05", "2023-05"],
    ["2025-07", "2026-06"],
  ])("each tracked ally's delivered, %s to %s, is the sum of its rows", (from, to) => {
    const result = runTrack({ from, to, total: "40bn" });
    for (const ally of result.rows) {
      if (NOT_TRACKED_BY_KIEL.includes(ally.code)) {
        expect(ally.delivered).toBeNull();
        continue;
      }
      expect([ally.code, text(ally.delivered)]).toEqual([ally.code, rawSum(ally.code, from, to, "military").toFixed()]);
    }
  });
});

describe("properties on random scenarios", () => {
  const codes = ALLIES.map((ally) => ally.iso3);
  // A month of the data, and a window reaching up to a year before it and beyond the data's end after it.
  const dataFirst = 2022 * 12;
  const dataMonths = 52;
  const monthOf = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  const scenarioArb = fc
    .record({
      contributors: fc.subarray(codes, { minLength: 2 }),
      exemptPick: fc.array(fc.nat(), { maxLength: 3 }),
      capPick: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 5, max: 60 })), { freq: 2 }),
      floorPick: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 })), { freq: 3 }),
      unit: fc.constantFrom("1", "1000", "1m"),
      totalUnits: fc.integer({ min: 1, max: 200_000 }),
      dataMonth: fc.integer({ min: 0, max: dataMonths - 1 }),
      before: fc.integer({ min: 0, max: 12 }),
      after: fc.integer({ min: 0, max: 14 }),
      gdpYear: fc.constantFrom("2023", "2024"),
      eu: fc.constantFrom("adopted", "UAF,EPF_PROPOSAL", "USL_MIL,EDIP_USI"),
    })
    .map((c): ScenarioSpec => {
      const exempt = [...new Set(c.exemptPick.map((n) => c.contributors[n % c.contributors.length]))].slice(
        0,
        c.contributors.length - 1
      );
      const paying = c.contributors.filter((code) => !exempt.includes(code));
      const unitValue = c.unit === "1m" ? 1_000_000 : Number(c.unit);
      const spec: Record<string, unknown> = {
        contributors: c.contributors.join(","),
        total: String(c.totalUnits * unitValue),
        unit: c.unit,
        from: monthOf(dataFirst + c.dataMonth - c.before),
        to: monthOf(dataFirst + c.dataMonth + c.after),
        "gdp-year": c.gdpYear,
        eu: c.eu,
      };
      if (exempt.length > 0) spec.exempt = exempt.join(",");
      // One cap and one floor at most, on paying contributors, low enough together to leave a solution.
      if (c.capPick !== null && paying.length > 1) {
        spec.cap = `${paying[c.capPick[0] % paying.length]}=${c.capPick[1]}%`;
      }
      if (c.floorPick !== null) {
        const code = paying[c.floorPick[0] % paying.length];
        if (!String(spec.cap ?? "").startsWith(`${code}=`)) spec.floor = `${code}=${c.floorPick[1] / 10}%`;
      }
      return spec as ScenarioSpec;
    });

  /** The spec without the EU selection (track refuses eu without count-eu). */
  const withoutEu = (spec: ScenarioSpec): ScenarioSpec => {
    const copy: Record<string, unknown> = { ...spec };
    delete copy.eu;
    return copy as ScenarioSpec;
  };

  /** runTrack, or null when the random limits cannot all hold (the engine's error, as allocate would give). */
  const attempt = (spec: ScenarioSpec): TrackResult | null => {
    try {
      return runTrack(spec);
    } catch (error) {
      if (error instanceof FairShareError && ["CAPS_TOO_LOW", "FLOORS_TOO_HIGH"].includes(error.code)) return null;
      throw error;
    }
  };

  test("fair shares add up to the pledge, each within one unit of its exact value", () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const result = attempt(withoutEu(spec));
        if (result === null) return;
        const unit = result.scenario.unit;
        expect(result.rows.reduce((sum, r) => sum.plus(r.fairShare), ZERO).toFixed()).toBe(result.pledge.toFixed());
        for (const r of result.rows) {
          expect(r.fairShare.mod(unit).isZero()).toBe(true);
          expect(r.fairShare.minus(r.fairShareExact).abs().lt(unit)).toBe(true);
        }
      }),
      { numRuns: 120 }
    );
  });

  test("gaps add up to the pledge less what was delivered, over the tracked allies", () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const result = attempt(withoutEu(spec));
        if (result === null) return;
        const tracked = result.rows.filter((r) => r.tracked);
        const untracked = result.rows.filter((r) => !r.tracked);
        const gaps = tracked.reduce((sum, r) => sum.plus(r.gap as Dec), ZERO);
        const delivered = tracked.reduce((sum, r) => sum.plus(r.delivered as Dec), ZERO);
        const untrackedShares = untracked.reduce((sum, r) => sum.plus(r.fairShare), ZERO);
        expect(gaps.toFixed()).toBe(result.pledge.minus(untrackedShares).minus(delivered).toFixed());
        expect(result.totals.gap.toFixed()).toBe(gaps.toFixed());
        expect(result.totals.delivered.toFixed()).toBe(delivered.toFixed());
        for (const r of tracked) expect((r.gap as Dec).toFixed()).toBe(r.fairShare.minus(r.delivered as Dec).toFixed());
        for (const r of untracked) expect([r.delivered, r.gap]).toEqual([null, null]);
        const shortfall = tracked.reduce((sum, r) => ((r.gap as Dec).gt(0) ? sum.plus(r.gap as Dec) : sum), ZERO);
        expect(result.totals.shortfall.toFixed()).toBe(shortfall.toFixed());
        expect(result.totals.shortfall.minus(result.totals.surplus).toFixed()).toBe(gaps.toFixed());
        expect(result.totals.coverage.eq(delivered.div(result.pledge))).toBe(true);
      }),
      { numRuns: 120 }
    );
  });

  test("count-eu never lowers anyone's delivered, nor changes a fair share", () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const without = attempt(withoutEu(spec));
        if (without === null) return;
        const withEu = runTrack({ ...spec, "count-eu": true });
        withEu.rows.forEach((r, i) => {
          const before = without.rows[i];
          expect(r.fairShare.toFixed()).toBe(before.fairShare.toFixed());
          if (!r.tracked) return expect(r.delivered).toBeNull();
          expect((r.delivered as Dec).gte(before.delivered as Dec)).toBe(true);
          expect((r.delivered as Dec).minus(r.eu as Dec).toFixed()).toBe((before.delivered as Dec).toFixed());
        });
      }),
      { numRuns: 80 }
    );
  });
});
