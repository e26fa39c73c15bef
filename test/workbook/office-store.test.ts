// The scenario store in the live workbook, through the recording Office host (which enforces load and sync): save,
// read back, rename, duplicate, delete; the sheet made very hidden once; damaged rows never touched by a write.
import type { ExcelLike } from "../../src/workbook/office";
import { changeLiveStore, readLiveStore, watchLiveStore } from "../../src/workbook/office-store";
import { STORE_SHEET, freeName, storeHeader, storeRow, type StoredScenario } from "../../src/workbook/scenario-store";
import { chance, generator, integer, pick } from "../helpers/random";
import { createRecordingExcel, type RecordedSheet } from "../helpers/recording-excel";

function host(sheets?: RecordedSheet[]) {
  const made = createRecordingExcel(sheets === undefined ? {} : { sheets });
  return { excel: made.excel as unknown as ExcelLike, recording: made.recording, fireChanged: made.fireChanged };
}

function scenario(name: string, parameters: StoredScenario["parameters"], comment = ""): StoredScenario {
  return {
    name,
    comment,
    parameters,
    created: "2026-12-07T09:30:00Z",
    modified: "2026-12-07T09:30:00Z",
    author: "",
    vintage: "gdp 2026-10",
  };
}

const HUNGARY = scenario("Hungary exempt", { exempt: "HUN" }, "as in Washington");
const CAPPED = scenario("US capped at 40%", { cap: "USA=40%", total: "100bn" });

function letters(column: number): string {
  let text = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    text = String.fromCharCode(65 + ((rest - 1) % 26)) + text;
  }
  return text;
}

/** A store sheet holding these rows of cells (row 1 first), as a hand edit or another program left it. */
function storeSheet(rows: readonly (readonly unknown[])[], visibility?: string): RecordedSheet {
  const cells: RecordedSheet["cells"] = {};
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== "") cells[`${letters(c + 1)}${r + 1}`] = { value };
    })
  );
  return {
    name: STORE_SHEET,
    cells,
    names: {},
    conditionalFormats: [],
    charts: [],
    frozenRows: 0,
    columnWidths: {},
    ...(visibility === undefined ? {} : { visibility }),
  };
}

function sheetOf(recording: ReturnType<typeof host>["recording"]): RecordedSheet {
  const sheet = recording.sheets.find((candidate) => candidate.name === STORE_SHEET);
  if (sheet === undefined) throw new Error("no store sheet");
  return sheet;
}

/** A snapshot of a sheet's cells (values and formats), to compare before and after a write. */
const cellsOf = (sheet: RecordedSheet) => JSON.parse(JSON.stringify(sheet.cells)) as RecordedSheet["cells"];

describe("the store in the live workbook", () => {
  test("a workbook without a store reads as empty, and reading makes no sheet", async () => {
    const { excel, recording } = host();
    const store = await readLiveStore(excel);
    expect(store).toMatchObject({ exists: false, scenarios: [], problems: [] });
    expect(recording.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1"]);
    expect(await watchLiveStore(excel, () => undefined)).toBe(false);
    expect(recording.protocolErrors).toEqual([]);
  });

  test("save, read back, rename, duplicate, delete; the sheet made very hidden once", async () => {
    const { excel, recording } = host();
    await changeLiveStore(excel, [{ kind: "add", scenario: HUNGARY }]);
    await changeLiveStore(excel, [{ kind: "add", scenario: CAPPED }]);
    let store = await readLiveStore(excel);
    expect(store.exists).toBe(true);
    expect(store.problems).toEqual([]);
    expect(store.scenarios.map(({ row, schema, ...rest }) => [row, schema, rest])).toEqual([
      [2, 2, HUNGARY],
      [3, 2, CAPPED],
    ]);
    // Every cell is written as text, so that "40%" stays the text the engine reads.
    const sheet = sheetOf(recording);
    expect(sheet.cells.A3).toMatchObject({ value: "US capped at 40%", numberFormat: "@" });
    expect(Object.values(sheet.cells).every((cell) => cell.numberFormat === "@")).toBe(true);

    const renamed = { ...HUNGARY, name: "Hungary and Slovakia exempt", modified: "2026-12-07T10:00:00Z" };
    await changeLiveStore(excel, [{ kind: "rewrite", name: HUNGARY.name, scenario: renamed }]);
    const copyName = freeName(
      CAPPED.name,
      (await readLiveStore(excel)).scenarios.map((known) => known.name)
    );
    expect(copyName).toBe("US capped at 40% (2)");
    await changeLiveStore(excel, [{ kind: "add", scenario: { ...CAPPED, name: copyName } }]);
    store = await readLiveStore(excel);
    expect(store.scenarios.map((known) => [known.row, known.name])).toEqual([
      [2, renamed.name],
      [3, CAPPED.name],
      [4, copyName],
    ]);
    expect(store.scenarios[0].modified).toBe(renamed.modified);

    await changeLiveStore(excel, [{ kind: "delete", name: CAPPED.name }]);
    store = await readLiveStore(excel);
    expect(store.scenarios.map((known) => [known.row, known.name])).toEqual([
      [2, renamed.name],
      [3, copyName],
    ]);
    expect(store.scenarios[1].parameters).toEqual(CAPPED.parameters);

    // Made once, very hidden when made, and its visibility never set again.
    expect(recording.sheets.filter((candidate) => candidate.name === STORE_SHEET)).toHaveLength(1);
    expect(sheetOf(recording)).toMatchObject({ visibility: "VeryHidden", visibilitySets: 1 });
    // Each change is one Excel.run, one Undo step.
    const writes = recording.runs.filter((run) => (run.options as { mergeUndoGroup?: boolean }).mergeUndoGroup);
    expect(writes).toHaveLength(5);
    expect(recording.protocolErrors).toEqual([]);
  });

  test("a store sheet that exists is used as it is, whatever its visibility", async () => {
    const { excel, recording } = host([storeSheet([storeHeader()], "Visible")]);
    await changeLiveStore(excel, [{ kind: "add", scenario: HUNGARY }]);
    expect(sheetOf(recording).visibility).toBe("Visible");
    expect(sheetOf(recording).visibilitySets).toBeUndefined();
    expect((await readLiveStore(excel)).scenarios.map((known) => known.name)).toEqual([HUNGARY.name]);
  });

  test("a taken name is refused, a vanished one too, and nothing is written", async () => {
    const { excel, recording } = host();
    await changeLiveStore(excel, [{ kind: "add", scenario: HUNGARY }]);
    const before = cellsOf(sheetOf(recording));
    await expect(
      changeLiveStore(excel, [{ kind: "add", scenario: { ...CAPPED, name: "HUNGARY EXEMPT" } }])
    ).rejects.toThrow(/already has a scenario named "HUNGARY EXEMPT"/);
    await expect(changeLiveStore(excel, [{ kind: "rewrite", name: "Gone", scenario: CAPPED }])).rejects.toThrow(
      /no scenario named "Gone"/
    );
    await expect(changeLiveStore(excel, [{ kind: "delete", name: "Gone" }])).rejects.toThrow(/no scenario/);
    // Text that Excel could take for a formula is never written.
    await expect(
      changeLiveStore(excel, [{ kind: "add", scenario: { ...CAPPED, comment: '=WEBSERVICE("x")' } }])
    ).rejects.toThrow(/beginning with "="/);
    expect(cellsOf(sheetOf(recording))).toEqual(before);
    expect(recording.protocolErrors).toEqual([]);
  });

  test("damaged rows are reported and never touched; a column of the user's own is kept", async () => {
    const header = [...storeHeader(), "Notes"];
    const rowOf = (known: StoredScenario, note: string) => [...storeRow(known, storeHeader()), note];
    const garbled = rowOf(scenario("Garbled", { credit: "half" }), "hand edit");
    const newer = [...rowOf(scenario("From the future", {}), "")];
    newer[storeHeader().indexOf("Schema")] = 9;
    const { excel, recording } = host([
      storeSheet([header, rowOf(HUNGARY, "mine"), garbled, rowOf(CAPPED, "theirs"), newer]),
    ]);
    const store = await readLiveStore(excel);
    expect(store.scenarios.map((known) => [known.row, known.name])).toEqual([
      [2, HUNGARY.name],
      [4, CAPPED.name],
    ]);
    expect(store.problems.map((problem) => problem.row)).toEqual([3, 5]);
    expect(store.problems[0].reason).toMatch(/credit/);
    expect(store.problems[1].reason).toMatch(/newer Fair Share/);

    const before = cellsOf(sheetOf(recording));
    const rowCells = (cells: RecordedSheet["cells"], row: number) =>
      Object.fromEntries(Object.entries(cells).filter(([address]) => new RegExp(`^[A-Z]+${row}$`).test(address)));
    await changeLiveStore(excel, [
      { kind: "rewrite", name: CAPPED.name, scenario: { ...CAPPED, comment: "changed" } },
      { kind: "add", scenario: scenario("Added", { total: "50bn" }) },
    ]);
    let after = cellsOf(sheetOf(recording));
    for (const row of [1, 2, 3, 5]) expect([row, rowCells(after, row)]).toEqual([row, rowCells(before, row)]);
    const notes = header.length;
    expect(after[`${letters(notes)}4`].value).toBe("theirs");
    expect(after[`${letters(notes)}6`]?.value ?? "").toBe("");

    // A delete shifts the rows below up, as they are.
    await changeLiveStore(excel, [{ kind: "delete", name: HUNGARY.name }]);
    after = cellsOf(sheetOf(recording));
    expect(rowCells(after, 2)).toEqual(
      Object.fromEntries(
        Object.entries(rowCells(before, 3)).map(([address, cell]) => [address.replace("3", "2"), cell])
      )
    );
    const reread = await readLiveStore(excel);
    expect(reread.problems.map((problem) => problem.row)).toEqual([2, 4]);
    expect(reread.scenarios.map((known) => known.name)).toEqual([CAPPED.name, "Added"]);
    expect(recording.protocolErrors).toEqual([]);
  });

  test("a header missing columns is extended at its right, its other cells untouched", async () => {
    const last = storeHeader()[storeHeader().length - 1];
    const short = storeHeader().filter((label) => label !== "Author" && label !== last);
    const { excel, recording } = host([storeSheet([short])]);
    await changeLiveStore(excel, [{ kind: "add", scenario: HUNGARY }]);
    const sheet = sheetOf(recording);
    expect(sheet.cells[`${letters(short.length + 1)}1`].value).toBe("Author");
    expect(sheet.cells[`${letters(short.length + 2)}1`].value).toBe(last);
    expect(sheet.cells.A1).toEqual({ value: "Name" });
    expect((await readLiveStore(excel)).scenarios.map((known) => known.name)).toEqual([HUNGARY.name]);
  });

  test("a header that names a column twice: the store is listed as unreadable and nothing is written", async () => {
    const { excel, recording } = host([storeSheet([[...storeHeader(), "Comment"], storeRow(HUNGARY, storeHeader())])]);
    const store = await readLiveStore(excel);
    expect(store.problems.map((problem) => problem.row)).toEqual([1, 2]);
    const before = cellsOf(sheetOf(recording));
    await expect(changeLiveStore(excel, [{ kind: "add", scenario: CAPPED }])).rejects.toThrow(
      /names the column "Comment" twice: nothing was written/
    );
    expect(cellsOf(sheetOf(recording))).toEqual(before);
  });

  test("a sheet of the user's own named Scenarios is never written into", async () => {
    const { excel, recording } = host([
      storeSheet([
        ["Item", "Cost"],
        ["Flights", 1200],
      ]),
    ]);
    const before = cellsOf(sheetOf(recording));
    await expect(changeLiveStore(excel, [{ kind: "add", scenario: HUNGARY }])).rejects.toThrow(
      /is not Fair Share's store \(the header has no "Name" column\): nothing was written/
    );
    expect(cellsOf(sheetOf(recording))).toEqual(before);
  });

  test("a schema 1 row is migrated when rewritten: its parameters in their columns, its Inputs cell emptied", async () => {
    const legacy = ["Name", "Comment", "Created", "Modified", "Author", "Data vintage", "Schema", "Inputs"];
    const { excel, recording } = host([
      storeSheet([legacy, ["Old one", "from before", "", "", "", "", 1, "total=60bn; exempt=HUN"]]),
    ]);
    const [old] = (await readLiveStore(excel)).scenarios;
    expect(old).toMatchObject({ schema: 1, parameters: { total: "60bn", exempt: "HUN" } });
    await changeLiveStore(excel, [{ kind: "rewrite", name: old.name, scenario: { ...old, name: "Old one renamed" } }]);
    const [migrated] = (await readLiveStore(excel)).scenarios;
    expect(migrated).toMatchObject({ schema: 2, name: "Old one renamed", parameters: old.parameters });
    expect(sheetOf(recording).cells.H2.value).toBe("");
    expect(recording.protocolErrors).toEqual([]);
  });

  test("a store whose used range starts right of column A is read from column A", async () => {
    // Column A left empty: the header, then the row, one column to the right.
    const grid = [storeHeader(), storeRow(HUNGARY, storeHeader())].map((row) => ["", ...row]);
    const { excel } = host([storeSheet(grid)]);
    const store = await readLiveStore(excel);
    expect(store.problems).toEqual([]);
    expect(store.header[0]).toBe("");
    expect(store.scenarios.map((known) => [known.row, known.name])).toEqual([[2, HUNGARY.name]]);
  });

  test("a co-author's change calls the watcher", async () => {
    const { excel, fireChanged } = host();
    await changeLiveStore(excel, [{ kind: "add", scenario: HUNGARY }]);
    let calls = 0;
    expect(await watchLiveStore(excel, () => (calls += 1))).toBe(true);
    await fireChanged(STORE_SHEET);
    expect(calls).toBe(1);
  });

  test("random sequences of saves, renames, duplicates and deletes among damaged rows match a plain list", async () => {
    const garbledRow = (tag: number) => {
      const row = storeRow(scenario(`Damaged ${tag}`, {}), storeHeader()) as unknown[];
      row[storeHeader().indexOf("credit")] = `half ${tag}`;
      return row;
    };
    for (let seed = 1; seed <= 12; seed += 1) {
      const random = generator(seed);
      const rows: unknown[][] = [storeHeader()];
      const model: string[] = [];
      for (let index = 0; index < integer(random, 0, 4); index += 1) {
        if (chance(random, 0.5)) rows.push(garbledRow(index));
        else {
          const name = `Start ${index}`;
          rows.push(storeRow(scenario(name, { years: String(index + 1) }), storeHeader()));
          model.push(name);
        }
      }
      const { excel, recording } = host([storeSheet(rows)]);
      const damaged = () =>
        Object.values(sheetOf(recording).cells)
          .map((cell) => cell.value)
          .filter((value) => typeof value === "string" && value.startsWith("half "))
          .sort();
      const damagedBefore = damaged();
      for (let step = 0; step < 12; step += 1) {
        const action = pick(random, ["add", "rename", "duplicate", "delete"] as const);
        const now = `2026-12-07T10:${String(step).padStart(2, "0")}:00Z`;
        if (action === "add" || model.length === 0) {
          const name = freeName(`Plan ${integer(random, 1, 3)}`, model);
          await changeLiveStore(excel, [
            { kind: "add", scenario: { ...scenario(name, { total: `${step + 1}0bn` }), created: now } },
          ]);
          model.push(name);
          continue;
        }
        const target = pick(random, model);
        if (action === "delete") {
          await changeLiveStore(excel, [{ kind: "delete", name: target }]);
          model.splice(model.indexOf(target), 1);
        } else {
          const name = freeName(`${target} ${action === "rename" ? "renamed" : "copy"}`, model);
          const kept = (await readLiveStore(excel)).scenarios.find((known) => known.name === target) as StoredScenario;
          const next = { ...kept, name, modified: now };
          await changeLiveStore(
            excel,
            action === "rename"
              ? [{ kind: "rewrite", name: target, scenario: next }]
              : [{ kind: "add", scenario: next }]
          );
          if (action === "rename") model[model.indexOf(target)] = name;
          else model.push(name);
        }
      }
      const store = await readLiveStore(excel);
      expect([seed, store.scenarios.map((known) => known.name)]).toEqual([seed, model]);
      expect([seed, damaged()]).toEqual([seed, damagedBefore]);
      expect(store.problems.map((problem) => problem.reason).every((reason) => /credit/.test(reason))).toBe(true);
      expect(store.problems).toHaveLength(damagedBefore.length);
      expect(recording.protocolErrors).toEqual([]);
    }
  });
});
