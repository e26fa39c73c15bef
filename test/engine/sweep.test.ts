/**
 * Sweeps and tornadoes against separate runs: every row of a sweep is what runScenario gives when the value is written
 * into the scenario by hand (random scenarios and parameters), and a tornado's effects and swings are the sweep's ends.
 */
import fc from "fast-check";

import { Dec } from "../../src/engine/decimal";
import { isFairShareError } from "../../src/engine/errors";
import { runScenario, type ScenarioResult, type ScenarioSpec } from "../../src/engine/scenario";
import {
  MAX_SWEEP_ROWS,
  parseRanges,
  parseVariation,
  runSweep,
  runTornado,
  tornadoForAlly,
  type SweepPoint,
} from "../../src/engine/sweep";
import { thrown } from "../helpers/engine";

/** A separate run, or the engine's message where it refuses. */
function separateRun(spec: ScenarioSpec): ScenarioResult | string {
  try {
    return runScenario(spec);
  } catch (error) {
    if (isFairShareError(error)) return error.message;
    throw error;
  }
}

/** The figures a sweep row reports, read from a separate run's own result (allocation and euOverlap). */
function figuresOfRun(result: ScenarioResult): unknown {
  const { allocation, overlap } = result;
  return {
    total: allocation.total.toFixed(),
    exactTotal: allocation.exactTotal.toFixed(),
    euOverlap: overlap.totalOverlap.toFixed(),
    netNew: overlap.totalNetNew.toFixed(),
    allies: allocation.rows.map((row, index) => ({
      code: row.code,
      total: row.total.toFixed(),
      exact: row.exact.toFixed(),
      share: row.share.toFixed(),
      euOverlap: overlap.rows[index].totalOverlap.toFixed(),
      netNew: overlap.rows[index].totalNetNew.toFixed(),
    })),
  };
}

function figuresOfPoint(point: SweepPoint): unknown {
  return {
    total: point.total.toFixed(),
    exactTotal: point.exactTotal.toFixed(),
    euOverlap: point.euOverlap.toFixed(),
    netNew: point.netNew.toFixed(),
    allies: point.allies.map((ally) => ({
      code: ally.code,
      total: ally.total.toFixed(),
      exact: ally.exact.toFixed(),
      share: ally.share.toFixed(),
      euOverlap: ally.euOverlap.toFixed(),
      netNew: ally.netNew.toFixed(),
    })),
  };
}

/** A base scenario: some of the allocate parameters, at values that sometimes make it infeasible. */
const baseSpecArb: fc.Arbitrary<ScenarioSpec> = fc
  .record({
    exempt: fc.constantFrom(undefined, "HUN", "HUN,SVK"),
    credit: fc.constantFrom(undefined, "0", "0.3", "1"),
    total: fc.constantFrom(undefined, "40bn", "100bn"),
    cap: fc.constantFrom(undefined, "DEU=0.1", "FRA=20%,GBR=0.05"),
    floor: fc.constantFrom(undefined, "LUX=0.01"),
    "max-pct-gdp": fc.constantFrom(undefined, "0.25%", "0.05%"),
    "gdp-year": fc.constantFrom(undefined, "2023"),
    unit: fc.constantFrom(undefined, "1m", "100m"),
    years: fc.constantFrom(undefined, "1", "3"),
  })
  .map((spec) => Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined)));

/** A parameter to vary: its --vary name, how the test writes a value into a spec by hand, and values to try. */
interface Varied {
  readonly name: string;
  readonly write: (spec: ScenarioSpec, value: string) => ScenarioSpec;
  readonly text: string;
}

const plainWrite =
  (name: string) =>
  (spec: ScenarioSpec, value: string): ScenarioSpec => ({ ...spec, [name]: value === "" ? undefined : value });

/** cap.USA or floor.POL: the test's own entry appended to the spec's text (the generated specs never name USA or POL). */
const entryWrite =
  (name: "cap" | "floor", code: string) =>
  (spec: ScenarioSpec, value: string): ScenarioSpec => {
    const others = spec[name] === undefined ? [] : [String(spec[name])];
    return { ...spec, [name]: [...others, `${code}=${value}`].join(",") };
  };

const variedArb: fc.Arbitrary<Varied> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 8 })).map(([from, step]) => ({
    name: "credit",
    write: plainWrite("credit"),
    text: `credit=${from / 20}..1:${step / 20}`,
  })),
  fc.constant({ name: "total", write: plainWrite("total"), text: "total=20bn..140bn:40bn" }),
  fc.constant({ name: "cap.USA", write: entryWrite("cap", "USA"), text: "cap.USA=5%..45%:10%" }),
  fc.constant({ name: "floor.POL", write: entryWrite("floor", "POL"), text: "floor.POL=0..0.3:0.1" }),
  fc.constant({
    name: "max-pct-gdp",
    write: plainWrite("max-pct-gdp"),
    text: "max-pct-gdp=none,0.01%,0.1%,0.5%,0.05%",
  }),
  fc.constant({
    name: "overlap-threshold",
    write: plainWrite("overlap-threshold"),
    text: "overlap-threshold=0..1:0.5",
  }),
  fc.constant({ name: "gdp-year", write: plainWrite("gdp-year"), text: "gdp-year=2023,2024" }),
  fc.constant({ name: "exempt", write: plainWrite("exempt"), text: "exempt=none,HUN,HUN+SVK" })
);

describe("a sweep's rows are separate allocate runs at each value", () => {
  test("random scenarios and parameters: every figure, or the same error", () => {
    fc.assert(
      fc.property(baseSpecArb, variedArb, (spec, varied) => {
        const variation = parseVariation(varied.text, "vary");
        const sweep = runSweep(spec, [variation]);
        expect(sweep.rows.map((row) => row.values[0])).toEqual(variation.values);
        sweep.rows.forEach((row, index) => {
          const expected = separateRun(varied.write(spec, variation.values[index]));
          if (typeof expected === "string") {
            expect(row.point).toBeNull();
            expect(row.error?.message).toBe(expected);
          } else {
            expect(row.error).toBeNull();
            expect(figuresOfPoint(row.point as SweepPoint)).toEqual(figuresOfRun(expected));
          }
        });
      }),
      { numRuns: 25 }
    );
  });

  test("a key value of one contributor: key.DEU, the other entries as given", () => {
    const spec: ScenarioSpec = { method: "key", contributors: "USA,DEU,FRA", key: "USA=16.2,Germany=16,FRA=10" };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 15 }), (from, step) => {
        const variation = parseVariation(`key.DEU=${from}..40:${step}`, "vary");
        runSweep(spec, [variation]).rows.forEach((row, index) => {
          const value = variation.values[index];
          const expected = separateRun({ ...spec, key: `USA=16.2,FRA=10,DEU=${value}` });
          if (typeof expected === "string") expect(row.error?.message).toBe(expected);
          else expect(figuresOfPoint(row.point as SweepPoint)).toEqual(figuresOfRun(expected));
        });
      }),
      { numRuns: 5 }
    );
  });

  test("max-pct-gdp on a key: none reads no GDP, a cap reads it; every row as a separate run", () => {
    const spec: ScenarioSpec = { method: "key", contributors: "USA,DEU,FRA,LUX", key: "USA=16.2,DEU=16,FRA=10,LUX=5" };
    const variation = parseVariation("max-pct-gdp=none,0.01%,0.2%,1%,0.001%", "vary");
    const rows = runSweep(spec, [variation]).rows;
    rows.forEach((row, index) => {
      const value = variation.values[index];
      const expected = separateRun(value === "" ? spec : { ...spec, "max-pct-gdp": value });
      if (typeof expected === "string") expect(row.error?.message).toBe(expected);
      else expect(figuresOfPoint(row.point as SweepPoint)).toEqual(figuresOfRun(expected));
    });
    expect(rows.some((row) => row.error !== null)).toBe(true);
    expect(rows.some((row) => row.error === null)).toBe(true);
  });

  test("a two-way table: every pair, the first parameter varying slowest", () => {
    const outer = parseVariation("exempt=none,HUN", "vary");
    const inner = parseVariation("credit=0..1:0.5", "vary");
    const sweep = runSweep({ cap: "USA=0.3" }, [outer, inner]);
    expect(sweep.rows.map((row) => row.values)).toEqual([
      ["", "0"],
      ["", "0.5"],
      ["", "1"],
      ["HUN", "0"],
      ["HUN", "0.5"],
      ["HUN", "1"],
    ]);
    for (const row of sweep.rows) {
      const expected = runScenario({ cap: "USA=0.3", exempt: row.values[0] || undefined, credit: row.values[1] });
      expect(figuresOfPoint(row.point as SweepPoint)).toEqual(figuresOfRun(expected));
    }
  });

  test("an infeasible value keeps its row, with the engine's message", () => {
    const sweep = runSweep({}, [parseVariation("cap=0.01,0.5", "vary")]);
    expect(sweep.rows).toHaveLength(2);
    expect(sweep.rows[0].point).toBeNull();
    expect(sweep.rows[0].error?.message).toBe(separateRun({ cap: "0.01" }));
    expect(sweep.rows[0].error?.code).toBe("CAPS_TOO_LOW");
    expect(sweep.rows[1].point).not.toBeNull();
    expect(sweep.sample?.values).toEqual(["0.5"]);
  });

  test("a value the parameter refuses is reported as allocate reports it", () => {
    const sweep = runSweep({}, [parseVariation("credit=0.5,1.5", "vary")]);
    expect(sweep.rows[1].error?.message).toBe(separateRun({ credit: "1.5" }));
    expect(sweep.rows[0].point).not.toBeNull();
  });
});

describe("what a sweep keeps", () => {
  test("the exact figures of the allies kept; every ally's rounded figures; an exact not kept is refused", () => {
    const variation = parseVariation("credit=0,0.5", "vary");
    const all = runSweep({}, [variation]);
    const some = runSweep({}, [variation], ["ESP"]);
    some.rows.forEach((row, index) => {
      const full = all.rows[index].point as SweepPoint;
      const kept = row.point as SweepPoint;
      const spain = kept.allies.findIndex((ally) => ally.code === "ESP");
      expect(kept.allies[spain].exact.toFixed()).toBe(full.allies[spain].exact.toFixed());
      expect(kept.allies[spain].share.toFixed()).toBe(full.allies[spain].share.toFixed());
      expect(kept.allies.map((ally) => ally.total.toFixed())).toEqual(full.allies.map((ally) => ally.total.toFixed()));
      expect(kept.allies.map((ally) => ally.netNew.toFixed())).toEqual(
        full.allies.map((ally) => ally.netNew.toFixed())
      );
      const italy = kept.allies.find((ally) => ally.code === "ITA");
      expect(thrown(() => italy?.exact).code).toBe("INTERNAL");
    });
  });
});

describe("--vary's values", () => {
  const values = (text: string): readonly string[] => parseVariation(text, "vary").values;

  test("a range steps exactly, and includes its end when the end is on the grid", () => {
    expect(values("credit=0..1:0.1")).toEqual([
      "0",
      "0.1",
      "0.2",
      "0.3",
      "0.4",
      "0.5",
      "0.6",
      "0.7",
      "0.8",
      "0.9",
      "1",
    ]);
    expect(values("credit=0..1:0.3")).toEqual(["0", "0.3", "0.6", "0.9"]);
    expect(values("credit=1..0:0.5")).toEqual(["1", "0.5", "0"]);
    expect(values("credit=0%..100%:25%")).toEqual(["0", "0.25", "0.5", "0.75", "1"]);
    expect(values("total=80bn..120bn:20bn")).toEqual(["80000000000", "100000000000", "120000000000"]);
    expect(values("key.DEU=1..2:0.5")).toEqual(["1", "1.5", "2"]);
  });

  test("a list: none for no value, + joining a list's items", () => {
    expect(values("exempt=none,HUN,HUN+SVK")).toEqual(["", "HUN", "HUN,SVK"]);
    expect(values("gdp-year=2023,2024")).toEqual(["2023", "2024"]);
    // eu has a choice named none: kept as typed.
    expect(values("eu=none,adopted")).toEqual(["none", "adopted"]);
  });

  test("an entry of one contributor: cap.USA, by code or English name", () => {
    const byName = parseVariation("cap.Germany=0.1,0.2", "vary");
    expect(byName.parameter).toBe("cap");
    expect(byName.code).toBe("DEU");
  });

  test("mistakes are refused naming --vary and the fix", () => {
    expect(thrown(() => parseVariation("credit", "vary")).message).toMatch(/^vary: "credit" is not in the form/);
    expect(thrown(() => parseVariation("credit=0..1", "vary")).message).toContain("credit=0..1:STEP");
    expect(thrown(() => parseVariation("credit=0..1:0", "vary")).message).toMatch(/^vary \(step\)/);
    expect(thrown(() => parseVariation("credits=0..1:0.1", "vary")).message).toContain("overlap-threshold");
    expect(thrown(() => parseVariation("credit.USA=0,1", "vary")).code).toBe("NOT_ALLOWED");
    expect(thrown(() => parseVariation("credit=0..1:1e-6", "vary")).code).toBe("TOO_MANY_ITEMS");
    expect(thrown(() => parseVariation("credit=a..1:0.1", "vary")).code).toBe("NOT_A_NUMBER");
    expect(thrown(() => runSweep({ cap: "0.3" }, [parseVariation("cap.USA=0.1,0.2", "vary")])).message).toContain(
      "one ratio for everyone"
    );
    const both = [parseVariation("credit=0,1", "vary"), parseVariation("credit=0,1", "vary")];
    expect(thrown(() => runSweep({}, both)).code).toBe("DUPLICATE_CODE");
    const many = [parseVariation("credit=0..1:0.0001", "vary"), parseVariation("total=1bn..100bn:1bn", "vary")];
    expect(thrown(() => runSweep({}, many)).message).toContain(String(MAX_SWEEP_ROWS));
  });
});

describe("a tornado's bars are the sweep's ends", () => {
  const rangesArb = fc.subarray(
    ["credit=0..1", "cap.USA=0.3..0.5", "gdp-year=2023,2024", "exempt=none,HUN+SVK", "total=50bn..150bn"],
    {
      minLength: 1,
    }
  );
  const allyArb = fc.constantFrom("ESP", "ITA", "USA", "HUN", "POL");

  test("effects against the base, swings |high - low|, largest swing first", () => {
    fc.assert(
      fc.property(baseSpecArb, rangesArb, allyArb, (spec, ranges, ally) => {
        const base = separateRun(spec);
        if (typeof base === "string") {
          expect(thrown(() => runTornado(spec, parseRanges(ranges.join(";")))).message).toBe(base);
          return;
        }
        const tornado = runTornado(spec, parseRanges(ranges.join(";")));
        const index = base.allocation.rows.findIndex((row) => row.code === ally);
        const baseAmount = base.allocation.rows[index].exact;
        const bars = tornadoForAlly(tornado, ally);
        expect(bars).toHaveLength(ranges.length);
        for (const bar of bars) {
          const variation = bar.bar.variation;
          const text = ranges.find((range) => range.startsWith(`${variation.name}=`)) as string;
          const ends = runSweep(spec, [parseVariation(text.replace(/\.\.|,/, ","), "vary")]).rows;
          const amount = (row: (typeof ends)[number]): Dec | null => row.point?.allies[index].exact ?? null;
          const [low, high] = [amount(ends[0]), amount(ends[ends.length - 1])];
          expect(bar.low?.toFixed()).toBe(low?.toFixed());
          expect(bar.high?.toFixed()).toBe(high?.toFixed());
          expect(bar.lowEffect?.toFixed()).toBe(low?.minus(baseAmount).toFixed());
          expect(bar.swing?.toFixed()).toBe(
            low === null || high === null ? undefined : high.minus(low).abs().toFixed()
          );
        }
        const swings = bars.map((bar) => bar.swing);
        const known = swings.filter((swing): swing is Dec => swing !== null);
        expect(swings.slice(0, known.length)).toEqual(known);
        for (let i = 1; i < known.length; i++) expect(known[i - 1].gte(known[i])).toBe(true);
      }),
      { numRuns: 15 }
    );
  });

  test("--ranges takes two ends only", () => {
    expect(thrown(() => parseRanges("credit=0..1:0.5")).message).toContain("credit=0..1");
    expect(thrown(() => parseRanges("gdp-year=2023")).code).toBe("BAD_FORMAT");
    expect(thrown(() => runTornado({}, parseRanges("credit=0..1; credit=0..0.5"))).code).toBe("DUPLICATE_CODE");
    expect(thrown(() => runTornado({}, parseRanges(" ; "))).code).toBe("EMPTY");
  });
});
