/**
 * The portable copy's scenario chooser recomputed by LibreOffice: a copy with stored scenarios that differ in the
 * inputs block, the contributors' exemptions and caps and the EU choices, the chooser set to each in turn (the cell
 * set in the file, every formula kept), one LibreOffice run for every file, and each recomputed sheet compared with the
 * engine's figures for the chosen scenario. Also a choice with a typed edit, a scenario the copy cannot show, and the
 * reader on a copy whose chooser was changed without recalculation.
 */
import { ALLIES, EU_GNI } from "../../src/data";
import { embeddedEdition, runScenario, type ScenarioSpec } from "../../src/engine";

/** Each ally's exact and rounded amounts by year, as text: what two runs agree on when they compute one scenario. */
const amounts = (spec: ScenarioSpec): string[] =>
  runScenario(spec).allocation.rows.map(
    (row) => `${row.code} ${row.exact.toFixed()} ${row.byYear.map((amount) => amount.toFixed()).join(" ")}`
  );
import type { CellValue } from "../../src/workbook/description";
import type { PortableLayout } from "../../src/workbook/portable";
import { readPortableCopy } from "../../src/workbook/portable-read";
import { allPartsText } from "../helpers/xlsx";
import {
  compareExactWithEngine,
  expectRoundingRule,
  numberAt,
  recomputeCases,
  rowOf,
  textAt,
  type EditCase,
  type Recomputed,
} from "../helpers/portable";
import { storeGrid, type Named } from "../helpers/portable-store";
import { chance, generator, integer, pick, subset, type Random } from "../helpers/random";

jest.setTimeout(600_000);

const STORED: Named[] = [
  { name: "Hungary exempt", parameters: { exempt: "HUN" } },
  { name: "Half credit", parameters: { credit: "50%", "aid-from": "2023-01" } },
  { name: "US capped", parameters: { cap: "USA=40%", eu: "UAF", "overlap-threshold": "25%" } },
  { name: "Front-loaded 2026", parameters: { start: "2026", profile: "front", floor: "DEU=10%", exempt: "ALB,HUN" } },
  { name: "Three years", parameters: { years: "3", exempt: "HUN" } },
];
const WRITTEN: ScenarioSpec = { exempt: "HUN" };
const STORE = { store: { grid: storeGrid(STORED), shown: "Hungary exempt" } };
const parametersOf = (name: string): ScenarioSpec => {
  const found = STORED.find((scenario) => scenario.name === name);
  if (!found) throw new Error(`no stored scenario ${name}`);
  return found.parameters;
};

const choose =
  (name: string | null, typed: (layout: PortableLayout) => [string, CellValue][] = () => []) =>
  (layout: PortableLayout): [string, CellValue][] => {
    if (!layout.choice) throw new Error("the copy has no chooser");
    return [[layout.choice.chooserCell, name], ...typed(layout)];
  };

/**
 * A random stored scenario the default copy can show: the inputs block, exemptions, a cap and a floor, the EU
 * instruments counted and the states contributing drawn at random (limits kept feasible).
 */
function randomStored(random: Random, index: number): Named {
  const codes = ALLIES.map((ally) => ally.iso3);
  const parameters: Named["parameters"] = {};
  const set = (name: keyof Named["parameters"], value: string): void => {
    parameters[name] = value;
  };
  if (chance(random, 0.6)) set("credit", `${integer(random, 0, 10) * 10}%`);
  const exempt = subset(random, codes, integer(random, 0, 3));
  if (exempt.length > 0) set("exempt", exempt.join(","));
  const payers = codes.filter((code) => !exempt.includes(code));
  const usePct = chance(random, 0.2);
  if (usePct) {
    set("method", "pct-gdp");
    set("pct-gdp", `${integer(random, 1, 5) / 10}%`);
  } else {
    if (chance(random, 0.5)) set("cap", `${pick(random, payers)}=${integer(random, 20, 40)}%`);
    if (chance(random, 0.4)) set("floor", `${pick(random, payers)}=${integer(random, 1, 3)}%`);
    if (chance(random, 0.5)) set("total", `${integer(random, 4, 20) * 10}bn`);
  }
  if (chance(random, 0.4)) set("start", String(integer(random, 2023, 2027)));
  // The engine refuses a profile with pct-gdp (each year is that share of GDP).
  if (!usePct && chance(random, 0.4)) set("profile", pick(random, ["front", "1,2,2,1,1", "flat"]));
  if (chance(random, 0.3)) set("gdp-year", String(pick(random, embeddedEdition().gdpYears)));
  if (chance(random, 0.5)) {
    const ids = embeddedEdition().instruments.map((instrument) => instrument.id);
    const counted = subset(random, ids, integer(random, 0, 3));
    set("eu", counted.length === 0 ? "none" : counted.join(","));
  }
  // eu-states narrows instruments: without any it is refused.
  if (parameters.eu !== "none" && chance(random, 0.4)) {
    const states = EU_GNI.map((state) => state.iso3);
    set("eu-states", subset(random, states, integer(random, 15, states.length - 1)).join(","));
  }
  // ... and an overlap threshold without instruments.
  if (parameters.eu !== "none" && chance(random, 0.3)) set("overlap-threshold", `${pick(random, [10, 25, 75])}%`);
  if (chance(random, 0.3)) set("unit", pick(random, ["100k", "10m"]));
  return { name: `Random ${index + 1}`, parameters };
}

const SEED = 1717;
const RANDOM = Array.from({ length: 6 }, (_, index) => randomStored(generator(SEED + index), index));
const RANDOM_STORE = { store: { grid: storeGrid(RANDOM), shown: RANDOM[0].name } };

/** The cases, in order: each showable scenario chosen, the written one chosen again, a choice with a typed edit ... */
const CASES: (EditCase & { readonly expected?: ScenarioSpec; readonly label: string })[] = [
  ...["Half credit", "US capped", "Front-loaded 2026"].map((name) => ({
    label: name,
    written: WRITTEN,
    options: STORE,
    edits: choose(name),
    expected: parametersOf(name),
  })),
  {
    label: "Hungary exempt again",
    written: WRITTEN,
    options: STORE,
    edits: choose("Hungary exempt"),
    expected: WRITTEN,
  },
  { label: "empty chooser", written: WRITTEN, options: STORE, edits: choose(null), expected: WRITTEN },
  {
    label: "US capped, credit typed 25%",
    written: WRITTEN,
    options: STORE,
    edits: choose("US capped", (layout) => [[layout.inputs.credit, 0.25]]),
    expected: { ...parametersOf("US capped"), credit: "25%" },
  },
  {
    label: "Half credit, then DEU exempt typed",
    written: WRITTEN,
    options: STORE,
    edits: choose("Half credit", (layout) => [[`${layout.columns.exempt}${rowOf(layout, "DEU")}`, true]]),
    expected: { ...parametersOf("Half credit"), exempt: "DEU" },
  },
  {
    label: "written for US capped, Hungary exempt chosen",
    written: parametersOf("US capped"),
    options: { store: { ...STORE.store, shown: "US capped" } },
    edits: choose("Hungary exempt"),
    expected: WRITTEN,
  },
  { label: "Three years (cannot be shown)", written: WRITTEN, options: STORE, edits: choose("Three years") },
  { label: "a name not stored", written: WRITTEN, options: STORE, edits: choose("Nobody's") },
  ...RANDOM.slice(1).map((stored) => ({
    label: stored.name,
    written: RANDOM[0].parameters,
    options: RANDOM_STORE,
    edits: choose(stored.name),
    expected: stored.parameters,
  })),
];

let recomputed: Recomputed[];
beforeAll(async () => {
  recomputed = await recomputeCases(CASES);
});

const outcome = (label: string): Recomputed => recomputed[CASES.findIndex((item) => item.label === label)];
const expectedOf = (label: string): ScenarioSpec => {
  const found = CASES.find((item) => item.label === label)?.expected;
  if (!found) throw new Error(`no expected scenario for ${label}`);
  return found;
};

describe.each(["Half credit", "US capped", "Front-loaded 2026"])("choosing %s", (name) => {
  test("every exact figure is the engine's for that scenario", () => {
    const { sheet, layout } = outcome(name);
    compareExactWithEngine(sheet, layout, runScenario(expectedOf(name)));
  });
  test("the rounded figures meet the rule after an edit, the table STALE, the status names it", () => {
    const { sheet, layout } = outcome(name);
    const result = runScenario(expectedOf(name));
    expectRoundingRule(sheet, layout, result);
    expect(textAt(sheet, layout.staleCell)).toMatch(/^STALE/);
    expect(textAt(sheet, layout.choice?.statusCell ?? "")).toBe(`Showing "${name}".`);
    expect(textAt(sheet, layout.inputCheckCell)).toBe("Every input reads.");
    expect(textAt(sheet, "B3")).toMatch(/^As written: .* see Shown below\.$/);
  });
});

test.each(["Hungary exempt again", "empty chooser"])(
  "%s: the inputs as written, Fair Share's own rounding",
  (label) => {
    const { sheet, layout } = outcome(label);
    const result = runScenario(WRITTEN);
    compareExactWithEngine(sheet, layout, result);
    expect(textAt(sheet, layout.staleCell)).toMatch(/^Current/);
    expect(textAt(sheet, "B3")).toMatch(/^EUR 100bn over 5 year\(s\).*HUN exempt/);
    result.allocation.rows.forEach((row, i) =>
      expect([row.code, numberAt(sheet, `${layout.columns.rounded}${layout.firstRow + i}`)]).toEqual([
        row.code,
        row.total.toNumber(),
      ])
    );
    expect(textAt(sheet, layout.choice?.statusCell ?? "")).toMatch(
      label === "empty chooser" ? /^No stored scenario chosen/ : /^Showing "Hungary exempt"\.$/
    );
  }
);

test("a copy written for one stored scenario shows another: the written one's cap and EU choice give way", () => {
  const { sheet, layout } = outcome("written for US capped, Hungary exempt chosen");
  const result = runScenario(WRITTEN);
  compareExactWithEngine(sheet, layout, result);
  expectRoundingRule(sheet, layout, result);
  expect(textAt(sheet, layout.choice?.statusCell ?? "")).toBe('Showing "Hungary exempt".');
});

test.each(["US capped, credit typed 25%", "Half credit, then DEU exempt typed"])(
  "%s: a choice and a typed edit give the engine's figures for both, the typed input counted",
  (label) => {
    const { sheet, layout } = outcome(label);
    const result = runScenario(expectedOf(label));
    compareExactWithEngine(sheet, layout, result);
    expectRoundingRule(sheet, layout, result);
    expect(textAt(sheet, layout.choice?.statusCell ?? "")).toMatch(/^Showing ".*"\. 1 input\(s\) differ from it/);
  }
);

test.each([
  [
    "Three years (cannot be shown)",
    /Three years.*years \(3; this copy: 5\).*fair-share allocate --workbook FILE --scenario "Three years" --xlsx NEW/,
  ],
  ["a name not stored", /"Nobody's" is not a name of the Scenarios sheet/],
])("%s: blank figures and the reason in words", (label, reason) => {
  const { sheet, layout } = outcome(label);
  expect(textAt(sheet, layout.choice?.statusCell ?? "")).toMatch(reason);
  expect(textAt(sheet, layout.inputCheckCell)).toBe(
    "the stored scenario chosen cannot be shown in this copy (see Shown)"
  );
  expect(textAt(sheet, layout.settledCell)).toMatch(/^No figures: /);
  layout.codes.forEach((code, i) => {
    const r = layout.firstRow + i;
    for (const column of [layout.columns.exact, layout.columns.rounded, ...layout.columns.roundedByYear]) {
      expect([code, column, sheet.get(`${column}${r}`)?.value ?? ""]).toEqual([code, column, ""]);
    }
  });
});

test.each(["US capped", "US capped, credit typed 25%", "empty chooser"])(
  "the reader takes the copy LibreOffice saved for %s as that scenario",
  async (label) => {
    const copy = await readPortableCopy(outcome(label).bytes, "b.xlsx");
    expect(amounts(copy.spec)).toEqual(amounts(expectedOf(label)));
  }
);

test("the chooser's list survives LibreOffice: a list validation over the Scenarios sheet's names", async () => {
  const text = await allPartsText(outcome("US capped").bytes);
  const rule = /<dataValidation ([^>]*sqref="B12"[^>]*)>\s*<formula1>([^<]*)<\/formula1>/.exec(text);
  expect(rule?.[1]).toMatch(/type="list"/);
  expect(rule?.[2]).toBe("fs.scenario_names");
});

describe(`random stored scenarios (seed ${SEED}), each chosen in a copy written for the first`, () => {
  test.each(RANDOM.slice(1).map((stored) => [stored.name, JSON.stringify(stored.parameters)]))(
    "%s %s: the engine's exact figures, the rounding rule",
    (label) => {
      const { sheet, layout } = outcome(label);
      const result = runScenario(expectedOf(label));
      expect(textAt(sheet, layout.inputCheckCell)).toBe("Every input reads.");
      compareExactWithEngine(sheet, layout, result);
      expectRoundingRule(sheet, layout, result);
    }
  );
});
