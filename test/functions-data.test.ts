/**
 * The user's data in cells: a "Fair Share data" range read by FAIRSHARE.EDITION, its text in the inputs block's data
 * entry, and every function that reads the block computing on it, as the command line does with --data (its main(),
 * in process, on the same table written as a file).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { main, type Output } from "../src/cli/main";
import { allocate, edition, gap, overlap, share, sources, track } from "../src/functions/functions";
import { clearMemo } from "../src/functions/memo";
import { excelError, installCustomFunctions } from "./functions-runtime";
import { OMITTED, allocateExcel, type Range } from "./helpers/functions";

installCustomFunctions();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fair-share-cells-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => clearMemo());

/** The command line's main() in process: its exit code and what it wrote. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const output: Output = { out: (text) => void (out += text), err: (text) => void (err += text) };
  const code = await main(args, output, {});
  return { code, out, err };
}

/** csv text as Excel holds it in cells: numbers as numbers, text as text, empty cells as null (the web). */
function asRange(text: string, empty: null | 0 = null): Range {
  const lines = text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\n");
  return lines.map((line) => {
    const cells: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") {
        cells.push(field);
        field = "";
      } else field += ch;
    }
    cells.push(field);
    return cells.map((cell) =>
      cell === "" ? empty : /^\d+(\.\d+)?$/.test(cell) && !/^0\d/.test(cell) ? Number(cell) : cell
    );
  });
}

/** Both tables stacked, as the pane writes the data sheet: per-country, a blank row, the instruments. */
function sheet(countries: Range, instruments: Range): Range {
  const width = Math.max(countries[0].length, instruments[0].length);
  const pad = (row: Range[number]): Range[number] => [...row, ...Array(width - row.length).fill(null)];
  return [
    pad(["# Fair Share data: edit the figures; # lines state the source and vintage"]),
    pad(["# vintage: doubled German GDP (a test)"]),
    ...countries.map(pad),
    pad([]),
    ...instruments.map(pad),
  ];
}

describe("FAIRSHARE.EDITION and the inputs block's data entry, against --data on the command line", () => {
  let countriesCsv: string;
  let instrumentsCsv: string;
  beforeAll(async () => {
    countriesCsv = (await cli(["data", "--format", "csv"])).out;
    instrumentsCsv = (await cli(["data", "--eu", "--format", "csv"])).out;
  });

  /** The per-country table with Germany's 2024 GDP doubled. */
  function edited(): string {
    return countriesCsv.replace(
      /^DEU,Germany,yes,1955,4122\.311,4274\.980,/m,
      "DEU,Germany,yes,1955,4122.311,8549.96,"
    );
  }

  test("the same figures as the command line, for several scenarios, and a name for the data", async () => {
    expect(edited()).not.toBe(countriesCsv);
    const file = join(dir, "d.csv");
    writeFileSync(file, edited());
    const text = edition(sheet(asRange(edited()), asRange(instrumentsCsv)), OMITTED);
    expect(text).toMatch(/^# fair-share edition: Fair Share data \(user-[0-9a-f]{14}\)\n/);
    for (const flags of [[], ["credit", "50%"], ["exempt", "HUN"], ["method", "pct-gdp", "pct-gdp", "0.25%"]]) {
      const inputs: Range = [["data", text]];
      for (let i = 0; i < flags.length; i += 2) inputs.push([flags[i], flags[i + 1]]);
      const table = allocateExcel({ inputs });
      const run = await cli([
        "allocate",
        ...flags.flatMap((f, i) => (i % 2 === 0 ? [`--${f}`] : [f])),
        "--data",
        file,
        "--format",
        "json",
      ]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.out) as {
        allies: { iso3: string; total: string; byYear: Record<string, string> }[];
      };
      expect(table.slice(1).map((row) => [row[0], row[3], ...row.slice(4)])).toEqual(
        report.allies.map((ally) => [ally.iso3, Number(ally.total), ...Object.values(ally.byYear).map(Number)])
      );
    }
    // Germany's share with the doubled GDP, in cells and on the command line.
    const germany = share("DEU", OMITTED, "share", [["data", text]], OMITTED, OMITTED, OMITTED, null, null, null);
    expect(germany).toBeCloseTo(0.157375409125, 12);
    // OVERLAP reads the block too.
    const overlapTable = overlap([["data", text]], OMITTED, OMITTED, OMITTED, null, null, null);
    expect(overlapTable.find((row) => row[0] === "DEU")?.[3]).toBe(
      allocateExcel({ inputs: [["data", text]] }).find((row) => row[0] === "DEU")?.[3]
    );
  });

  test("TRACK and GAP read the data entry: the same fair shares and gaps as track --data on the command line", async () => {
    const file = join(dir, "track-d.csv");
    writeFileSync(file, edited());
    const text = edition(sheet(asRange(edited()), asRange(instrumentsCsv)), OMITTED);
    const pledge = { "per-year": "40bn", start: "2024", years: "1", exempt: "HUN" };
    for (const extra of [{}, { "count-eu": "yes" }] as Record<string, string>[]) {
      const values: Record<string, string> = { ...pledge, ...extra };
      const inputs: Range = [["data", text], ...Object.entries(values).map(([name, value]) => [name, value])];
      const flags = Object.entries(values).flatMap(([name, value]) =>
        name === "count-eu" ? [`--${name}`] : [`--${name}`, value]
      );
      const run = await cli(["track", ...flags, "--data", file, "--format", "json"]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.out) as {
        allies: { iso3: string; fairShare: string; gap: string | null }[];
      };
      const table = track(inputs, [["code,fair-share,gap"]]);
      expect(table.slice(1)).toEqual(
        report.allies.map((ally) => [
          ally.iso3,
          Number(ally.fairShare),
          ally.gap === null ? "not tracked" : Number(ally.gap),
        ])
      );
      const germany = report.allies.find((ally) => ally.iso3 === "DEU");
      expect(gap("DEU", inputs)).toBe(Number(germany?.gap));
    }
    // Germany's doubled GDP raises its fair share against the embedded data's.
    const fairShare = (inputs: Range) => track(inputs, [["code,fair-share"]]).find((row) => row[0] === "DEU")?.[1];
    const embedded = Object.entries(pledge).map(([name, value]) => [name, value]);
    expect(Number(fairShare([["data", text], ...embedded]))).toBeGreaterThan(Number(fairShare(embedded)));
    // SOURCES on a track block lists the data sheet's GDP and the aid delivered comes from.
    const listed = sources([["data", text], ...embedded, ["from", null], ["delivered", null]]);
    expect(listed.slice(1).map((row) => [row[0], row[8]])).toEqual([
      ["user-gdp", "user"],
      ["kiel-ust-release-29", "embedded"],
    ]);
  });

  test("SOURCES with the inputs block names the data as the user's, with its name and stated vintage", () => {
    const text = edition(sheet(asRange(edited()), asRange(instrumentsCsv)), "ministry 2026");
    const table = sources([["data", text]]);
    const gdp = table.find((row) => row[0] === "user-gdp");
    expect(gdp?.slice(4, 5)).toEqual(["doubled German GDP (a test)"]);
    expect(gdp?.slice(8)).toEqual(["user", "ministry 2026"]);
    expect(table.slice(1).every((row) => row[8] === "user" || row[8] === "embedded")).toBe(true);
  });

  test("codes and basis ranges win over the data sheet where both are given", () => {
    const text = edition(sheet(asRange(edited()), asRange(instrumentsCsv)), OMITTED);
    const table = allocate([["data", text]], [["DEU"], ["FRA"]], [[1], [1]], OMITTED, null, null, null, null);
    expect(table.slice(1).map((row) => row[2])).toEqual([0.5, 0.5]);
    // Without a basis the data sheet's GDP is used for them.
    const fromSheet = allocate([["data", text]], [["DEU"], ["FRA"]], OMITTED, OMITTED, null, null, null, null);
    expect(fromSheet[1][2]).toBeCloseTo(8549.96 / (8549.96 + 2893.562), 12);
  });

  test("Excel desktop's empty cells (0) read as empty", () => {
    const web = edition(sheet(asRange(edited()), asRange(instrumentsCsv)), OMITTED);
    const desktop = edition(sheet(asRange(edited(), 0), asRange(instrumentsCsv, 0)), OMITTED);
    expect(desktop).toBe(web);
  });

  test("a problem in the sheet is an error at the EDITION cell naming the row and column", () => {
    const rows = asRange(edited());
    rows.splice(5, 0, [...rows[4]]);
    const seen = excelError(() => edition(sheet(rows, asRange(instrumentsCsv)), OMITTED));
    expect(seen).toEqual({
      code: "#VALUE!",
      message: `data (Fair Share data row 8, iso3): ${String(rows[4][0])} (${String(rows[4][1])}) has a second row, row 8 (its first is row 7). Keep one of them.`,
    });
  });

  test("a name typed where the formula belongs is refused with the fix", () => {
    const seen = excelError(() => allocateExcel({ inputs: [["data", "fs.data"]] }));
    expect(seen.code).toBe("#VALUE!");
    expect(seen.message).toBe(
      "data: \"fs.data\" is not a data edition. Write =FAIRSHARE.EDITION('Fair Share data'!A1:AZ200) in the cell (the Fair Share data sheet's range): the functions then read that sheet and recalculate when it changes. Leave the cell empty for the embedded data."
    );
  });

  test("a GDP year only the sheet has works in cells as on the command line", async () => {
    const rows = asRange(edited());
    rows[0].push("gdp_2025_eur_bn");
    rows.slice(1).forEach((row) => row.push(row[3] === null ? null : 1));
    const text = edition(sheet(rows, asRange(instrumentsCsv)), OMITTED);
    const table = allocateExcel({
      inputs: [
        ["data", text],
        ["gdp-year", 2025],
      ],
    });
    expect(table[1][2]).toBeCloseTo(1 / 32, 12);
  });
});
