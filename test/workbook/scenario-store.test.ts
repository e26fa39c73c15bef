/**
 * The scenario store's one definition: round trips, the damage a hand edit or a newer Fair Share can do (each row
 * reported by number and reason, every readable row kept), and the migration of schema 1 rows.
 */
import { PARAMETER_NAMES, dataVintage, embeddedEdition } from "../../src/engine";
import type { CellValue } from "../../src/workbook/description";
import {
  STORED_PARAMETERS,
  STORE_SCHEMA,
  freeName,
  headerForWriting,
  nameProblem,
  problemLines,
  readStore,
  storeHeader,
  storeRow,
  storeTime,
  type StoredScenario,
} from "../../src/workbook/scenario-store";
import { chance, generator, integer, pick, subset, type Random } from "../helpers/random";

const VINTAGE = dataVintage(embeddedEdition());

function scenario(name: string, parameters: StoredScenario["parameters"], extra: Partial<StoredScenario> = {}) {
  return {
    name,
    comment: "",
    parameters,
    created: "2026-12-01T10:00:00Z",
    modified: "2026-12-02T11:30:00Z",
    author: "analyst",
    vintage: VINTAGE,
    ...extra,
  } satisfies StoredScenario;
}

const HEADER: readonly string[] = storeHeader();
const col = (label: string): number => {
  const index = HEADER.indexOf(label);
  if (index < 0) throw new Error(`no column ${label}`);
  return index;
};

/** A grid of three good scenarios; tests damage one row at a time. */
function goodGrid(): CellValue[][] {
  return [
    [...HEADER],
    storeRow(scenario("Hungary exempt", { exempt: "HUN" }), HEADER),
    storeRow(scenario("Half credit", { credit: "50%" }, { comment: "half of bilateral aid" }), HEADER),
    storeRow(scenario("US capped", { cap: "USA=40%", eu: "none" }), HEADER),
  ];
}

function damaged(row: number, label: string, value: CellValue): CellValue[][] {
  const grid = goodGrid();
  grid[row - 1][col(label)] = value;
  return grid;
}

describe("the scenario store", () => {
  test("a scenario written is read back as it was, with its row number and schema", () => {
    const content = readStore(goodGrid());
    expect(content.problems).toEqual([]);
    expect(content.notes).toEqual([]);
    expect(content.scenarios.map((s) => [s.row, s.name, s.parameters, s.schema])).toEqual([
      [2, "Hungary exempt", { exempt: "HUN" }, STORE_SCHEMA],
      [3, "Half credit", { credit: "50%" }, STORE_SCHEMA],
      [4, "US capped", { cap: "USA=40%", eu: "none" }, STORE_SCHEMA],
    ]);
    expect(content.scenarios[1]).toMatchObject(
      scenario("Half credit", { credit: "50%" }, { comment: "half of bilateral aid" })
    );
  });

  test("random scenarios round trip through the store's cells, in any column order", () => {
    const random = generator(20261207);
    const values: Partial<Record<string, readonly string[]>> = {
      total: ["100bn", "40bn", "1500000000", "75.5bn"],
      years: ["1", "3", "5"],
      start: ["2025", "2026"],
      method: ["gdp"],
      "gdp-year": ["2023", "2024"],
      credit: ["0", "50%", "0.25", "100%"],
      exempt: ["HUN", "HUN,SVK", "Hungary"],
      cap: ["USA=40%", "40%", "USA=0.4,DEU=30%"],
      floor: ["LUX=0.1%", "0.5%"],
      "max-pct-gdp": ["0.25%", "1%"],
      unit: ["1m", "1bn", "1000"],
      eu: ["adopted"],
      "overlap-threshold": ["0", "50%"],
    };
    for (let run = 0; run < 60; run++) {
      const names = subset(random, Object.keys(values), integer(random, 0, 5));
      const parameters = Object.fromEntries(names.map((name) => [name, pick(random, values[name] ?? [])]));
      const written = scenario(`Scenario ${run}`, parameters, {
        comment: chance(random, 0.5) ? "a <b>comment</b>" : "",
      });
      // A hand edit may move columns: the header finds them wherever they are.
      const order = subset(
        random,
        HEADER.map((_, i) => i),
        HEADER.length
      );
      const header = order.map((i) => HEADER[i]);
      const content = readStore([header, storeRow(written, header)]);
      expect(content.problems).toEqual([]);
      expect(content.scenarios[0]).toMatchObject(written);
    }
  });

  test("a value a spreadsheet stored as a number reads as its text, a date as ISO time", () => {
    const grid = goodGrid();
    grid[2][col("credit")] = 0.5;
    grid[2][col("gdp-year")] = 2023;
    grid[2][col("Created")] = 46000.5; // Excel made a date of it
    const content = readStore(grid);
    expect(content.problems).toEqual([]);
    expect(content.scenarios[1].parameters).toEqual({ credit: "0.5", "gdp-year": "2023" });
    expect(content.scenarios[1].created).toBe("2025-12-09T12:00:00Z");
  });

  test("empty rows are skipped and later rows keep their sheet row numbers", () => {
    const grid = goodGrid();
    grid.splice(2, 0, new Array<CellValue>(HEADER.length).fill(null), []);
    expect(readStore(grid).scenarios.map((s) => s.row)).toEqual([2, 5, 6]);
  });

  test("an empty sheet is an empty store", () => {
    expect(readStore([])).toEqual({ scenarios: [], problems: [], notes: [], header: [] });
    expect(readStore([[null, ""]]).problems).toEqual([]);
  });

  test("columns it does not know are left alone and do not stop a row", () => {
    const grid = goodGrid().map((row, i) => [...row, i === 0 ? "My notes" : "mine"]);
    const content = readStore(grid);
    expect(content.problems).toEqual([]);
    expect(content.scenarios).toHaveLength(3);
  });

  describe("damage: every readable row kept, each unreadable one reported by row number and reason", () => {
    const cases: readonly { kind: string; grid: () => CellValue[][]; row: number; reason: RegExp }[] = [
      { kind: "a garbled value", grid: () => damaged(3, "credit", "fifty"), row: 3, reason: /credit/ },
      { kind: "an unknown ally", grid: () => damaged(2, "exempt", "XYZ"), row: 2, reason: /XYZ/ },
      { kind: "a ratio out of range", grid: () => damaged(4, "cap", "USA=140%"), row: 4, reason: /cap/ },
      {
        kind: "a duplicate name",
        grid: () => damaged(4, "Name", "hungary EXEMPT"),
        row: 4,
        reason: /already used by row 2/,
      },
      { kind: "an empty name", grid: () => damaged(3, "Name", null), row: 3, reason: /name is empty/ },
      {
        kind: "a name with a line break",
        grid: () => damaged(3, "Name", "Half\ncredit"),
        row: 3,
        reason: /line break/,
      },
      { kind: "a name too long", grid: () => damaged(3, "Name", "x".repeat(101)), row: 3, reason: /longer than 100/ },
      { kind: "an unknown schema", grid: () => damaged(2, "Schema", "beta"), row: 2, reason: /"beta" is not a schema/ },
      { kind: "no schema", grid: () => damaged(2, "Schema", null), row: 2, reason: /Schema cell is empty/ },
      {
        kind: "a row from a newer Fair Share",
        grid: () => damaged(3, "Schema", STORE_SCHEMA + 1),
        row: 3,
        reason: /newer Fair Share/,
      },
      {
        kind: "an error value",
        grid: () => damaged(4, "total", "#REF!"),
        row: 4,
        reason: /total cell holds the error #REF!/,
      },
      {
        kind: "a schema 1 row without its Inputs column",
        grid: () => damaged(3, "Schema", 1),
        row: 3,
        reason: /schema 1, and the header has no "Inputs" column/,
      },
    ];
    test.each(cases)("$kind", ({ grid, row, reason }) => {
      const content = readStore(grid());
      expect(content.problems).toHaveLength(1);
      expect(content.problems[0].row).toBe(row);
      expect(content.problems[0].reason).toMatch(reason);
      // Every other row is read, whole.
      const good = readStore(goodGrid()).scenarios.filter((s) => s.row !== row);
      expect(content.scenarios).toEqual(good);
      expect(problemLines(content)[0]).toMatch(new RegExp(`^row ${row} not read: `));
    });

    test("a missing parameter column: rows cannot say what they set there", () => {
      const grid = goodGrid().map((cells) => cells.filter((_, i) => i !== col("credit")));
      const content = readStore(grid);
      expect(content.scenarios).toEqual([]);
      expect(content.problems.map((p) => p.row)).toEqual([2, 3, 4]);
      expect(content.problems[0].reason).toMatch(/no column for credit/);
    });

    test("a missing Name column or a label twice: the header is reported at row 1, and every row with it", () => {
      const noName = goodGrid().map((cells) => cells.filter((_, i) => i !== col("Name")));
      const content = readStore(noName);
      expect(content.problems[0]).toEqual({ row: 1, reason: 'the header has no "Name" column' });
      expect(content.problems.slice(1).map((p) => p.row)).toEqual([2, 3, 4]);
      const twice = goodGrid();
      twice[0][col("Comment")] = "total";
      expect(readStore(twice).problems[0]).toEqual({ row: 1, reason: 'the header names the column "total" twice' });
    });

    test("a garbled time keeps the scenario, with a note", () => {
      const content = readStore(damaged(2, "Modified", "last Tuesday"));
      expect(content.problems).toEqual([]);
      expect(content.scenarios).toHaveLength(3);
      expect(content.scenarios[0].modified).toBe("");
      expect(content.notes).toEqual([{ row: 2, reason: 'its Modified time "last Tuesday" is not a date and time' }]);
    });

    test("several damaged rows at once: each reported, the rest kept", () => {
      const grid = goodGrid();
      grid[1][col("credit")] = "lots";
      grid[3][col("Schema")] = 9;
      const content = readStore(grid);
      expect(content.problems.map((p) => p.row)).toEqual([2, 4]);
      expect(content.scenarios.map((s) => s.name)).toEqual(["Half credit"]);
    });
  });

  describe("schema 1: one Inputs column, migrated on read", () => {
    const legacyHeader = ["Name", "Comment", "Inputs", "Created", "Modified", "Author", "Data vintage", "Schema"];
    const legacyRow = (name: string, inputs: string): CellValue[] => [
      name,
      "from an early store",
      inputs,
      "2025-03-01T09:00:00Z",
      "2025-03-02T09:00:00Z",
      "someone",
      VINTAGE,
      1,
    ];

    test("its parameters become the scenario's", () => {
      const content = readStore([legacyHeader, legacyRow("Old one", "exempt=HUN; credit=50% ;cap=USA=40%")]);
      expect(content.problems).toEqual([]);
      expect(content.scenarios[0]).toMatchObject({
        name: "Old one",
        schema: 1,
        parameters: { exempt: "HUN", credit: "50%", cap: "USA=40%" },
        comment: "from an early store",
      });
    });

    test("a migrated row computes as the same scenario written in schema 2", () => {
      const header = headerForWriting(legacyHeader);
      expect(header.slice(0, legacyHeader.length)).toEqual(legacyHeader);
      expect(header).toEqual(expect.arrayContaining(storeHeader()));
      const old = legacyRow("Old one", "exempt=HUN; credit=50%");
      const grid = [header, [...old, ...new Array<CellValue>(header.length - old.length).fill(null)]];
      const migrated = readStore(grid).scenarios[0];
      grid.push(storeRow({ ...migrated, name: "Rewritten" }, header));
      const both = readStore(grid);
      expect(both.problems).toEqual([]);
      expect(both.scenarios.map((s) => s.schema)).toEqual([1, STORE_SCHEMA]);
      expect(both.scenarios[1].parameters).toEqual(both.scenarios[0].parameters);
    });

    test("a pair it cannot read, or a parameter twice, is reported", () => {
      const content = readStore([
        legacyHeader,
        legacyRow("Bad pair", "exempt HUN"),
        legacyRow("Twice", "credit=50%; credit=20%"),
        legacyRow("Unknown", "colour=blue"),
        legacyRow("Fine", ""),
      ]);
      expect(content.problems.map((p) => [p.row, p.reason])).toEqual([
        [2, 'its Inputs entry "exempt HUN" is not a parameter=value pair of Fair Share\'s'],
        [3, "its Inputs name credit twice"],
        [4, 'its Inputs entry "colour=blue" is not a parameter=value pair of Fair Share\'s'],
      ]);
      expect(content.scenarios.map((s) => [s.name, s.parameters])).toEqual([["Fine", {}]]);
    });
  });

  test("the header lists every allocate parameter once, after the store's own columns", () => {
    expect(HEADER.slice(0, 7)).toEqual(["Name", "Comment", "Created", "Modified", "Author", "Data vintage", "Schema"]);
    expect(HEADER.slice(7)).toEqual([...STORED_PARAMETERS]);
    expect(new Set(HEADER).size).toBe(HEADER.length);
    for (const name of STORED_PARAMETERS) expect(PARAMETER_NAMES).toContain(name);
  });

  test("free names: the name itself, else the first free 'name (n)'", () => {
    expect(freeName("Plan", [])).toBe("Plan");
    expect(freeName("Plan", ["plan"])).toBe("Plan (2)");
    expect(freeName("Plan", ["Plan", "Plan (2)", "Plan (3)"])).toBe("Plan (4)");
    expect(freeName("Plan (2)", ["Plan (2)"])).toBe("Plan (3)");
  });

  test("names the sheet's list and the command line can carry", () => {
    expect(nameProblem("Hungary exempt")).toBeUndefined();
    expect(nameProblem(" padded")).toMatch(/space/);
    expect(nameProblem("a,b")).toMatch(/comma/);
    expect(nameProblem("(typed inputs)")).toMatch(/parenthesis/);
  });

  test("times are ISO 8601 in UTC to the second", () => {
    expect(storeTime(new Date("2026-12-07T09:30:15.123Z"))).toBe("2026-12-07T09:30:15Z");
  });

  function randomDamage(random: Random): { grid: CellValue[][]; rows: Set<number> } {
    const grid = goodGrid();
    const rows = new Set<number>();
    for (const row of [2, 3, 4]) {
      if (!chance(random, 0.4)) continue;
      const [label, value] = pick(random, [
        ["credit", "x"],
        ["Schema", 99],
        ["Name", ""],
        ["exempt", "ZZZ"],
        ["years", "-1"],
      ] as const);
      grid[row - 1][col(label)] = value;
      rows.add(row);
    }
    return { grid, rows };
  }

  test("random damage: the unread rows are exactly the damaged ones", () => {
    const random = generator(7);
    for (let run = 0; run < 40; run++) {
      const { grid, rows } = randomDamage(random);
      const content = readStore(grid);
      expect(new Set(content.problems.map((p) => p.row))).toEqual(rows);
      expect(content.scenarios.map((s) => s.row).sort()).toEqual([2, 3, 4].filter((r) => !rows.has(r)));
    }
  });
});

describe("the store in a real .xlsx file", () => {
  test("random stores survive the writer and the reader: text, markup, numbers, damage and all", async () => {
    const { renderXlsx } = await import("../../src/workbook/portable-xlsx");
    const { readXlsx } = await import("../../src/workbook/xlsx-read");
    const { workbookStore } = await import("../../src/workbook/store-file");
    const { portableStoreSheet } = await import("../../src/workbook/portable/store-sheet");
    const random = generator(314159);
    const names = [
      "Hungary exempt",
      "Ünterstützung",
      "<img src=x onerror=alert(1)>",
      "US capped 40%",
      "日本語",
      "a & b",
    ];
    const comments = ["", "line one\nline two", '"quoted"', "=1+1", " spaced ", "x".repeat(2000)];
    for (let run = 0; run < 8; run++) {
      const chosen = subset(random, names, integer(random, 1, names.length));
      const grid: CellValue[][] = [storeHeader()];
      chosen.forEach((name) => {
        const credit = pick(random, ["", "50%", "0.25"]);
        grid.push(
          storeRow(
            scenario(name, credit === "" ? {} : { credit }, { comment: pick(random, comments) }),
            grid[0] as string[]
          )
        );
      });
      const damagedRow = chance(random, 0.5) ? integer(random, 2, grid.length) : undefined;
      if (damagedRow !== undefined) grid[damagedRow - 1][grid[0].indexOf("years")] = "many";
      const expected = readStore(grid);
      // A portable copy shows the sheet; a live workbook saved by Excel keeps it very hidden.
      const sheet = { ...portableStoreSheet({ grid }), visibility: pick(random, ["visible", "veryHidden"] as const) };
      const front = {
        name: "Budget",
        cells: [{ address: "A1", value: "mine" }],
        names: [],
        conditionalFormats: [],
        charts: [],
      };
      const bytes = await renderXlsx({ sheets: [front, sheet] });
      const read = workbookStore(await readXlsx(bytes));
      expect(read?.problems).toEqual(expected.problems);
      // Comments keep their text; a comment's edge spaces are trimmed on read, as a cell's text is.
      expect(read?.scenarios).toEqual(expected.scenarios);
      expect(read?.scenarios.length).toBe(chosen.length - (damagedRow === undefined ? 0 : 1));
    }
  });
});
