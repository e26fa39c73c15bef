/**
 * Random (scenario, edit) pairs for `npm run fuzz:portable`: a random scenario the engine computes (the hard cases
 * among them: everyone held at a limit, limits adding up exactly to the total, credits that take allies out), and a
 * random edit of one live input, whose edited scenario the engine computes or refuses for its limits (infeasible
 * limits are a case too). A pair whose edit the engine refuses for any other reason is drawn again.
 */
import { ALLIES, EU_GNI } from "../../src/data";
import { FairShareError } from "../../src/engine/errors";
import { runScenario } from "../../src/engine/scenario";
import {
  asWritten,
  editsInTurn,
  expectedFor,
  model,
  setContributing,
  setCounted,
  setExempt,
  setGdp,
  setInstrumentAmount,
  setInstrumentYears,
  setKey,
  setLimit,
  setMonthlyAid,
  setPopulation,
  setTakesPart,
  specOf,
  typeInput,
  type EditMaker,
  type Model,
} from "./portable-cases";
import type { CopyLayout } from "./portable-layout";
import type { Pair } from "./portable-run";
import { chance, integer, pick, subset, type Random } from "./random";

const CODES = ALLIES.map((ally) => ally.iso3);
const UNITS: [string, number][] = [
  ["1m", 1e6],
  ["100k", 1e5],
  ["10m", 1e7],
  ["250k", 2.5e5],
];

const fraction = (percent: number): string => String(percent / 100);

/** A random key over the contributors (whole numbers, at least one above 0). */
function randomKey(random: Random, codes: readonly string[]): Record<string, string> {
  const key = Object.fromEntries(codes.map((code) => [code, String(integer(random, 0, 20))]));
  if (Object.values(key).every((value) => value === "0")) key[codes[0]] = "1";
  return key;
}

/** A plain random scenario: contributors, method, years, amount, profile, credit, exemptions and limits. */
function plainScenario(random: Random): Model {
  const codes = chance(random, 0.4) ? CODES : subset(random, CODES, integer(random, 2, 12));
  const params: Record<string, string> = {};
  if (codes !== CODES) params.contributors = codes.join(",");
  const years = integer(random, 1, 6);
  if (years !== 5) params.years = String(years);
  if (chance(random, 0.3)) params.start = String(integer(random, 2023, 2028));
  const [unitText, unit] = pick(random, UNITS);
  params.unit = unitText;
  const method = pick(random, ["gdp", "gdp", "gdp", "key", "pct-gdp"]);
  if (method !== "gdp") params.method = method;
  if (method === "pct-gdp") params["pct-gdp"] = pick(random, ["0.25%", "0.1%", "0.05%"]);
  else {
    params.total = String(unit * integer(random, 10, 200_000));
    const profile = pick(random, ["flat", "front", "custom"]);
    if (profile === "front") params.profile = "front";
    if (profile === "custom") params.profile = Array.from({ length: years }, () => integer(random, 1, 9)).join(",");
  }
  if (chance(random, 0.4)) {
    params.credit = pick(random, ["50%", "100%", "25%"]);
    if (chance(random, 0.5)) params["aid-from"] = pick(random, ["2022-01", "2023-06", "2024-01"]);
  }
  if (chance(random, 0.2)) params["gdp-year"] = "2023";
  if (chance(random, 0.2)) params["max-pct-gdp"] = pick(random, ["1%", "0.5%", "2%"]);
  if (chance(random, 0.2)) params.eu = pick(random, ["none", "UAF,EPF_PROPOSAL", "adopted,USL_MIL"]);
  const exempt = codes.length > 2 && chance(random, 0.3) ? subset(random, codes, 1) : [];
  const paying = codes.filter((code) => !exempt.includes(code));
  const cap: Record<string, string> = {};
  const floor: Record<string, string> = {};
  if (method !== "pct-gdp" && chance(random, 0.4)) cap[pick(random, paying)] = fraction(integer(random, 5, 60));
  if (method !== "pct-gdp" && chance(random, 0.3)) floor[pick(random, paying)] = fraction(integer(random, 1, 10));
  const key = method === "key" ? randomKey(random, codes) : {};
  return model(params, { exempt, cap, floor, key });
}

/** Everyone held at a limit: a few contributors whose caps and floors leave no one free. */
function everyoneHeld(random: Random): Model {
  const [count, cap, floor] = pick(random, [
    [3, 40, 20],
    [4, 30, 10],
    [4, 35, 15],
    [5, 25, 0],
  ] as const);
  const codes = subset(random, CODES, count);
  const each = (percent: number): Record<string, string> =>
    percent === 0 ? {} : Object.fromEntries(codes.map((code) => [code, fraction(percent)]));
  return model({ contributors: codes.join(",") }, { cap: each(cap), floor: each(floor) });
}

/** Caps that add up to exactly the total (whole percents over a few contributors). */
function capsAddingUp(random: Random): Model {
  const codes = subset(random, CODES, integer(random, 2, 6));
  const cuts = subset(
    random,
    Array.from({ length: 99 }, (_, i) => i + 1),
    codes.length - 1
  ).sort((a, b) => a - b);
  const bounds = [0, ...cuts, 100];
  const cap = Object.fromEntries(codes.map((code, i) => [code, fraction(bounds[i + 1] - bounds[i])]));
  return model({ contributors: codes.join(",") }, { cap });
}

/** Credits that take allies out: all of a long aid window credited against a small total. */
function creditsOut(random: Random): Model {
  return model({
    credit: "100%",
    "aid-from": "2022-01",
    total: `${integer(random, 2, 30)}bn`,
  });
}

/** The scenario: every ally capped at 3.13% and floored at 3%. */
function capAndFloorOnAll(): Model {
  return model(
    {},
    {
      cap: Object.fromEntries(CODES.map((c) => [c, "0.0313"])),
      floor: Object.fromEntries(CODES.map((c) => [c, "0.03"])),
    }
  );
}

function randomScenario(random: Random): Model {
  const kind = random();
  if (kind < 0.55) return plainScenario(random);
  if (kind < 0.7) return everyoneHeld(random);
  if (kind < 0.82) return capsAddingUp(random);
  if (kind < 0.94) return creditsOut(random);
  return capAndFloorOnAll();
}

/** Who contributes in a model's scenario (the engine says). */
const contributorsOf = (m: Model): string[] => runScenario(specOf(m)).scenario.contributors.map((c) => c.code);

/** The total typed as a number of currency units: the model takes the same amount. */
const typedTotal = (amount: number): EditMaker => typeInput("total", amount, String(amount));

/** A random edit of one live input of a written scenario. */
function randomEdit(random: Random, written: Model): EditMaker {
  const result = runScenario(specOf(written));
  const codes = contributorsOf(written);
  const code = pick(random, codes);
  const years = result.allocation.years.length;
  const unit = result.scenario.unit.toNumber();
  const isPct = written.params.method === "pct-gdp";
  const instrument = pick(random, ["UAF", "EPF_PROPOSAL", "USL_MIL", "EPF_PRE"]);
  const edits: (() => EditMaker)[] = [
    () => asWritten,
    () =>
      isPct
        ? typeInput("pct-gdp", pick(random, ["0.3%", "0.15%"]))
        : chance(random, 0.5)
          ? typeInput("total", `${integer(random, 1, 300)}bn`)
          : typedTotal(unit * integer(random, 10, 100_000)),
    () => editsInTurn(typeInput("total", null), typeInput("per-year", `${integer(random, 1, 60)}bn`)),
    () => typeInput("start", integer(random, 2023, 2030), undefined),
    () =>
      typeInput(
        "profile",
        pick(random, ["flat", "front", Array.from({ length: years }, () => integer(random, 0, 9) || 1).join(",")])
      ),
    () => editsInTurn(typeInput("method", "key"), setKey(randomKey(random, codes))),
    () => (written.params.method === "key" ? editsInTurn(typeInput("method", "gdp"), setKey({})) : asWritten),
    () =>
      editsInTurn(
        typeInput("total", null),
        typeInput("profile", null),
        typeInput("method", "pct-gdp"),
        typeInput("pct-gdp", pick(random, ["0.25%", "0.1%"]))
      ),
    () => (written.params.method === "key" ? setKey(randomKey(random, codes)) : asWritten),
    () => typeInput("gdp-year", written.params["gdp-year"] === "2023" ? 2024 : 2023, undefined),
    () => setGdp(code, Number(written.params["gdp-year"] ?? 2024), String(integer(random, 10, 30_000))),
    () => setPopulation(code, String(integer(random, 1, 400))),
    () => typeInput("credit", pick(random, [0, 0.25, 0.5, 1]), undefined),
    () => typeInput("aid-from", pick(random, ["2022-01", "2022-06", "2023-01", "2024-03"])),
    () => typeInput("aid-to", pick(random, ["2024-12", "2025-06", "2023-12"])),
    () =>
      setMonthlyAid(
        code,
        pick(random, ["2022-03", "2023-07", "2024-05", "2025-02"]),
        String(integer(random, 0, 40) / 10)
      ),
    () => setExempt(code, !written.exempt.includes(code)),
    () => setLimit("cap", code, chance(random, 0.2) ? null : fraction(integer(random, 1, 80))),
    () => setLimit("floor", code, chance(random, 0.2) ? null : fraction(integer(random, 0, 30))),
    () => typeInput("max-pct-gdp", pick(random, ["0.5%", "1%", "0.2%"])),
    () => typeInput("unit", pick(random, [1e5, 1e6, 1e7]), undefined),
    () => setCounted(instrument, chance(random, 0.5)),
    () => setInstrumentAmount(instrument, String(integer(random, 1, 60))),
    () => {
      // Within the copy's calendar columns: the data's instrument years (2022-2027) are always there; later years
      // only when the scenario reaches them.
      const first = integer(random, 2023, 2026);
      return setInstrumentYears(instrument, first, Math.min(first + integer(random, 0, 2), 2027));
    },
    () => setTakesPart(instrument, pick(random, EU_GNI).iso3, chance(random, 0.3)),
    () => setContributing(pick(random, EU_GNI).iso3, chance(random, 0.2)),
    () => typeInput("overlap-threshold", pick(random, [0, 0.25, 0.75]), undefined),
    () => editsInTurn(...subset(random, codes, 2).map((c) => setLimit("floor", c, "0.6"))),
  ];
  return pick(random, edits)();
}

/**
 * A layout that answers every lookup with A1 (no codes; any calendar year for an instrument): to learn an edit's
 * scenario before the copy exists.
 */
const ANY_CELL = new Proxy(
  {},
  {
    get: (_, name) => {
      if (name === "codes") return [];
      if (name === "instrumentYearCells") return () => [2000, 2100].map((year) => ({ year, cell: "A1" }));
      return () => "A1";
    },
  }
) as CopyLayout;

/** Whether the engine takes the model (or refuses only its limits). */
function acceptable(m: Model): boolean {
  try {
    expectedFor(m);
    return true;
  } catch (error) {
    if (error instanceof FairShareError) return false;
    throw error;
  }
}

/** A random pair: the written scenario the engine computes, and an edit whose scenario it computes or refuses for limits. */
export function randomPair(random: Random, index: number): Pair {
  for (;;) {
    const written = randomScenario(random);
    try {
      runScenario(specOf(written));
    } catch (error) {
      if (error instanceof FairShareError) continue;
      throw error;
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const edit = randomEdit(random, written);
      const dry = edit(ANY_CELL, written);
      if (acceptable(dry.edited))
        return { name: `case ${index}: ${JSON.stringify(specOf(written), replacer)}`, written, edit };
    }
  }
}

/** A spec as JSON without its edition (none is written). */
function replacer(key: string, value: unknown): unknown {
  return key === "edition" ? undefined : value;
}
