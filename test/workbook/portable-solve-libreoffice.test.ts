/**
 * The level solve of the portable copy, recomputed by LibreOffice (full recalculation): the engine's figures in every
 * case the engine solves (everyone held at a limit, limits adding up exactly to the total, credits that take allies
 * out), and, for limits the engine refuses, the limits named in words and no figures.
 */
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import {
  compareExactWithEngine,
  expectRoundingRule,
  recomputeCases,
  rowOf,
  textAt,
  type EditCase,
  type Recomputed,
} from "../helpers/portable";

jest.setTimeout(300_000);

const SOLVED: [string, ScenarioSpec][] = [
  [
    "ALB, USA, DEU with cap 40% and floor 20% (everyone held: USA and DEU at the cap, ALB at the floor)",
    { contributors: "ALB,USA,DEU", cap: "40%", floor: "20%" },
  ],
  ["cap 3.13% and floor 3% on everyone", { cap: "3.13%", floor: "3%" }],
  ["caps adding up exactly to the total", { contributors: "USA,DEU,FRA", cap: "USA=50%,DEU=30%,FRA=20%" }],
  [
    "floors adding up exactly to the total (the engine's smallest level)",
    { contributors: "USA,DEU,FRA", floor: "USA=50%,DEU=30%,FRA=20%" },
  ],
  ["a credit that takes allies out", { credit: "100%", "aid-from": "2022-01", "aid-to": "2026-04" }],
  ["a credit with caps and floors", { credit: "100%", "aid-from": "2022-01", cap: "USA=25%,DEU=5%", floor: "LUX=1%" }],
  ["a percent-of-GDP limit with an exemption", { "max-pct-gdp": "0.05%", exempt: "HUN,TUR", floor: "ISL=0.04%" }],
];

/** Cases written for one scenario and edited in the file into another; expected: the engine's run of `edited`. */
const EDITED: [string, ScenarioSpec, ScenarioSpec, EditCase["edits"]][] = [
  [
    "ALB's floor raised in the file until everyone is held",
    { contributors: "ALB,USA,DEU", cap: "40%" },
    { contributors: "ALB,USA,DEU", cap: "40%", floor: "ALB=20%" },
    (layout) => [[`${layout.columns.floor}${rowOf(layout, "ALB")}`, 0.2]],
  ],
  [
    "a cap set in the file so that the caps add up exactly to the total",
    { contributors: "USA,DEU,FRA", cap: "USA=50%,DEU=30%" },
    { contributors: "USA,DEU,FRA", cap: "USA=50%,DEU=30%,FRA=20%" },
    (layout) => [[`${layout.columns.cap}${rowOf(layout, "FRA")}`, 0.2]],
  ],
];

/** Limits the engine refuses, set in the file: the words the sheet must show. */
const REFUSED: [string, ScenarioSpec, EditCase["edits"], RegExp][] = [
  [
    "caps below the total",
    { contributors: "ALB,USA,DEU", cap: "40%" },
    (layout) => [[`${layout.columns.cap}${rowOf(layout, "DEU")}`, 0.1]],
    /^Limits cannot hold: --cap: .* at most EUR 90bn in all, less than the total EUR 100bn/,
  ],
  [
    "floors above the total",
    { contributors: "ALB,USA,DEU", floor: "20%" },
    (layout) => [[`${layout.columns.floor}${rowOf(layout, "ALB")}`, 0.7]],
    /^Limits cannot hold: --floor: the floors add up to EUR 110bn, more than the total EUR 100bn/,
  ],
  [
    "a cap below a floor",
    { contributors: "ALB,USA,DEU", cap: "40%", floor: "20%" },
    (layout) => [[`${layout.columns.cap}${rowOf(layout, "DEU")}`, 0.1]],
    /^Limits cannot hold: --floor gives DEU a maximum of EUR 10bn below its minimum of EUR 20bn/,
  ],
  [
    "no share cap, payments held by max-pct-gdp below the total (named as the engine names it)",
    { contributors: "ALB,MNE" },
    (layout) => [[layout.inputs["max-pct-gdp"], 0.001]],
    /^Limits cannot hold: --max-pct-gdp: .* less than the total EUR 100bn/,
  ],
];

let recomputed: Recomputed[] = [];

beforeAll(async () => {
  recomputed = await recomputeCases([
    ...SOLVED.map(([, spec]) => ({ written: spec, edits: () => [] })),
    ...EDITED.map(([, written, , edits]) => ({ written, edits })),
    ...REFUSED.map(([, written, edits]) => ({ written, edits })),
  ]);
});

describe("the level solve recomputed by LibreOffice gives the engine's figures", () => {
  test.each(SOLVED.map(([name, spec], index) => [name, spec, index] as const))("%s", (_, spec, index) => {
    const { sheet, layout } = recomputed[index];
    const expected = runScenario(spec);
    compareExactWithEngine(sheet, layout, expected);
    expect(textAt(sheet, layout.settledCell)).toMatch(/^Settled/);
    // As written: the rounded table is the engine's.
    expected.allocation.rows.forEach((row, i) =>
      expect(`${row.code} ${String(sheet.get(`${layout.columns.rounded}${layout.firstRow + i}`)?.value)}`).toBe(
        `${row.code} ${row.total.toNumber()}`
      )
    );
  });

  test("ALB, USA, DEU with cap 40% and floor 20%: Germany pays 40bn at its cap", () => {
    const { sheet, layout } = recomputed[0];
    const row = rowOf(layout, "DEU");
    expect(sheet.get(`${layout.columns.exact}${row}`)?.value).toBe(40e9);
    expect(textAt(sheet, `${layout.columns.constraint}${row}`)).toBe("cap");
  });

  test.each(EDITED.map(([name, , edited], index) => [name, edited, SOLVED.length + index] as const))(
    "edited: %s",
    (_, edited, index) => {
      const { sheet, layout } = recomputed[index];
      const expected = runScenario(edited);
      compareExactWithEngine(sheet, layout, expected);
      expectRoundingRule(sheet, layout, expected);
      expect(textAt(sheet, layout.settledCell)).toMatch(/^Settled/);
    }
  );
});

describe("limits the engine refuses: the sheet names them and shows no figures", () => {
  test.each(REFUSED.map(([name, , , words], index) => [name, words, SOLVED.length + EDITED.length + index] as const))(
    "%s",
    (_, words, index) => {
      const { sheet, layout } = recomputed[index];
      expect(textAt(sheet, layout.settledCell)).toMatch(words);
      for (const code of layout.codes) {
        const row = rowOf(layout, code);
        expect(sheet.get(`${layout.columns.exact}${row}`)?.value ?? "").toBe("");
        expect(sheet.get(`${layout.columns.exactByYear[0]}${row}`)?.value ?? "").toBe("");
      }
    }
  );
});
