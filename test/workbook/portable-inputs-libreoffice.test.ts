/**
 * Every yellow input of the portable copy is live: a copy written for one scenario, with one input edited in the file
 * (formulas kept), recomputes in LibreOffice (full recalculation) to the engine's exact figures for the edited
 * scenario: credit (the aid summed from the monthly sheet), the aid window, gdp-year, start (the EU attribution
 * follows the calendar years), method key with key values, per-year.
 */
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import type { CellValue } from "../../src/workbook/description";
import type { PortableLayout } from "../../src/workbook/portable";
import {
  compareExactWithEngine,
  expectRoundingRule,
  recomputeCases,
  rowOf,
  textAt,
  type Recomputed,
} from "../helpers/portable";

jest.setTimeout(300_000);

type Edits = (layout: PortableLayout) => [string, CellValue][];

/** Key values for every default contributor: varied, so that a basis left on GDP would show. */
const keyOf = (code: string, index: number): number => (index % 7) + 1 + (code === "USA" ? 10 : 0);
const DEFAULT_CODES = runScenario({}).scenario.contributors.map((c) => c.code);
const KEY_SPEC = DEFAULT_CODES.map((code, index) => `${code}=${keyOf(code, index)}`).join(",");

const CASES: [string, ScenarioSpec, ScenarioSpec, Edits][] = [
  ["credit set to 50% in a copy written without credit", {}, { credit: "50%" }, (l) => [[l.inputs.credit, 0.5]]],
  [
    "credit 50% and aid-from 2022-01 in a copy written without credit",
    {},
    { credit: "50%", "aid-from": "2022-01" },
    (l) => [
      [l.inputs.credit, "50%"],
      [l.inputs["aid-from"], "2022-01"],
    ],
  ],
  [
    "aid-from 2022-01 and aid-to 2024-12 in a copy written with credit 100%",
    { credit: "100%" },
    { credit: "100%", "aid-from": "2022-01", "aid-to": "2024-12" },
    (l) => [
      [l.inputs["aid-from"], "2022-01"],
      [l.inputs["aid-to"], "2024-12"],
    ],
  ],
  ["gdp-year 2023", {}, { "gdp-year": "2023" }, (l) => [[l.inputs["gdp-year"], 2023]]],
  [
    "start 2026 (the EU attribution follows the calendar years)",
    {},
    { start: "2026" },
    (l) => [[l.inputs.start, 2026]],
  ],
  [
    "start 2025 with three EU instruments counted",
    { eu: "UAF,EPF_PROPOSAL,USL_MIL" },
    { eu: "UAF,EPF_PROPOSAL,USL_MIL", start: "2025" },
    (l) => [[l.inputs.start, 2025]],
  ],
  [
    "method key with key values in the Key column",
    {},
    { method: "key", key: KEY_SPEC },
    (l) => [
      [l.inputs.method, "key"],
      ...DEFAULT_CODES.map((code, index): [string, CellValue] => [
        `${l.columns.key}${rowOf(l, code)}`,
        keyOf(code, index),
      ]),
    ],
  ],
  [
    "per-year instead of the total (the total cleared)",
    {},
    { "per-year": "30bn" },
    (l) => [
      [l.inputs.total, null],
      [l.inputs["per-year"], "30bn"],
    ],
  ],
  [
    "method pct-gdp with its percent",
    {},
    { method: "pct-gdp", "pct-gdp": "0.2%" },
    (l) => [
      [l.inputs.method, "pct-gdp"],
      [l.inputs["pct-gdp"], "0.2%"],
    ],
  ],
  [
    "a GDP figure of the year used",
    {},
    { "gdp-year": "2024" },
    (l) => [[`${l.columns.gdpByYear[0]}${rowOf(l, "DEU")}`, 1]],
  ],
];

/** Bad entries that get past validation: the words of the inputs check, for a copy of the defaults. */
const TYPOS: [string, Edits, string][] = [
  [
    '"yes" in an exempt cell',
    (l) => [[`${l.columns.exempt}${rowOf(l, "HUN")}`, "yes"]],
    "exempt for HUN must be TRUE or FALSE",
  ],
  [
    "text in a cap cell",
    (l) => [[`${l.columns.cap}${rowOf(l, "USA")}`, "a third"]],
    "cap for USA must be a share of the total from 0% to 100%, or empty",
  ],
  [
    "text in the total",
    (l) => [[l.inputs.total, "lots"]],
    "total must be an amount above 0, such as 100bn (or per-year, with total empty)",
  ],
  [
    "text in a GDP cell",
    (l) => [[`${l.columns.gdpByYear[1]}${rowOf(l, "DEU")}`, "n/a"]],
    "GDP 2024 for DEU must be a number",
  ],
  [
    "a method the copy cannot compute",
    (l) => [[l.inputs.method, "blend"]],
    "method must be gdp, key or pct-gdp (a blend needs the copy written again)",
  ],
  [
    "a cap left in a copy switched to method pct-gdp",
    (l) => [
      [l.inputs.method, "pct-gdp"],
      [l.inputs["pct-gdp"], "0.2%"],
      [`${l.columns.cap}${rowOf(l, "USA")}`, 0.3],
    ],
    "cap and floor are not allowed with method pct-gdp (the total is not fixed): use max-pct-gdp",
  ],
  [
    // The window is read only when a credit counts the aid, as the engine reads it.
    "a month that is not one, with a credit",
    (l) => [
      [l.inputs.credit, 0.5],
      [l.inputs["aid-from"], "May 2022"],
    ],
    "aid-from must be a month YYYY-MM, such as 2022-01",
  ],
];

let recomputed: Recomputed[] = [];

beforeAll(async () => {
  recomputed = await recomputeCases([
    ...CASES.map(([, written, , edits]) => ({ written, edits })),
    ...TYPOS.map(([, edits]) => ({ written: {}, edits })),
  ]);
});

describe("a bad entry is named in the inputs check; the figures are blank, no status shows an error", () => {
  test.each(TYPOS.map(([name, , words], index) => [name, words, CASES.length + index] as const))(
    "%s",
    (_, words, index) => {
      const { sheet, layout } = recomputed[index];
      expect(textAt(sheet, layout.inputCheckCell)).toBe(words);
      expect(textAt(sheet, layout.settledCell)).toBe(`No figures: ${words}.`);
      expect(textAt(sheet, layout.checkCell)).toMatch(/^No figures/);
      for (const cell of [layout.staleCell, layout.settledCell, layout.checkCell, layout.inputCheckCell])
        expect(textAt(sheet, cell)).not.toMatch(/#|Err:/);
      for (const code of layout.codes) {
        const row = rowOf(layout, code);
        for (const column of [
          layout.columns.exact,
          layout.columns.rounded,
          layout.columns.roundedByYear[0],
          layout.columns.overlapByYear[0],
          layout.columns.netNew,
        ])
          expect(`${code} ${String(sheet.get(`${column}${row}`)?.value ?? "")}`).toBe(`${code} `);
      }
    }
  );
});

describe("an input edited in the file recomputes to the engine's exact figures", () => {
  test.each(CASES.map(([name, , edited], index) => [name, edited, index] as const))("%s", (_, edited, index) => {
    const { sheet, layout } = recomputed[index];
    const expected = runScenario(edited);
    compareExactWithEngine(sheet, layout, expected);
    expect(textAt(sheet, layout.settledCell)).toMatch(/^(Settled|No level needed)/);
    // The rounded figures are recomputed by the rule, and the check cells say so.
    expectRoundingRule(sheet, layout, expected);
    expect(textAt(sheet, layout.staleCell)).toMatch(/^STALE: .*recomputed here by largest remainder/);
    expect(textAt(sheet, layout.checkCell)).toMatch(/^Every rounded amount is within one unit/);
  });
});
