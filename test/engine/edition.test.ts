/**
 * Data editions: the embedded one, and a user's read from the per-country and instruments tables that `fair-share
 * data` exports. Round trips, figures changed by hand against the allocation, and every validation case with its
 * message.
 */
import { toCsv } from "../../src/cli/format";
import {
  Dec,
  FairShareError,
  countryTable,
  embeddedEdition,
  instrumentTable,
  readEdition,
  resultSourceDetails,
  runScenario,
  type Edition,
  type ScenarioResult,
  type ScenarioSpec,
} from "../../src/engine";

const WINDOW = { from: "2022-01", to: "2026-04" };

/** The embedded per-country table as rows of cells (header first). */
function countryRows(): string[][] {
  const table = countryTable(embeddedEdition(), WINDOW);
  return [[...table.header], ...table.rows.map((row) => [...row])];
}

function instrumentRows(): string[][] {
  const table = instrumentTable(embeddedEdition());
  return [[...table.header], ...table.rows.map((row) => [...row])];
}

/** Rows as csv text, as the command line writes them (with the byte-order mark). */
const csv = (rows: readonly (readonly string[])[]): string => toCsv(rows);

function thrown(action: () => unknown): FairShareError {
  try {
    action();
  } catch (error) {
    if (error instanceof FairShareError) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
}

/** The row of a country in a table, and the index of a column. */
const rowOf = (rows: string[][], code: string): string[] => rows.find((row) => row[0] === code) as string[];
const columnOf = (rows: string[][], name: string): number => rows[0].indexOf(name);

function editionFrom(rows: readonly (readonly string[])[], file = "d.csv"): Edition {
  return readEdition({ data: { file, text: csv(rows) } });
}

/** Every figure of a result that a user sees, to compare two results. */
function figures(result: ScenarioResult): unknown {
  return {
    rows: result.allocation.rows.map((row) => [
      row.code,
      row.exact.toString(),
      row.total.toString(),
      row.byYear.map(String),
    ]),
    overlap: result.overlap.rows.map((row) => [row.code, row.overlap.map(String)]),
    attributed: result.attribution.rounded.map((row) => row.map(String)),
  };
}

const SPECS: readonly ScenarioSpec[] = [
  {},
  { credit: "50%", exempt: "HUN", cap: "USA=40%" },
  { method: "blend", blend: "gdp2023:0.4,population:0.3,gni:0.3", exempt: "NOR,ISL,TUR,GBR,USA,CAN,ALB,MNE,MKD" },
  { method: "pct-gdp", "pct-gdp": "0.25%", "gdp-year": 2023, "max-pct-gdp": "0.3%" },
  { eu: "UAF,EPF_PRE,EPF_PROPOSAL,USL_MIL,USL_BUDGET,ERA_MFA", start: 2022, years: 6, credit: "100%" },
];

describe("the embedded edition", () => {
  const edition = embeddedEdition();

  test("is resolved once, and is the default of every scenario", () => {
    expect(embeddedEdition()).toBe(edition);
    expect(edition.id).toBe("embedded");
    expect(edition.embedded).toBe(true);
    expect(edition.gdpYears).toEqual([2023, 2024]);
    expect(edition.latestGdpYear).toBe(2024);
    expect(runScenario({}).scenario.edition).toBe(edition);
    expect(edition.sources.every((source) => source.origin === "embedded" && source.file === null)).toBe(true);
  });

  test("exports 32 allies and the 4 EU member states outside NATO, with GNI and the columns of the import", () => {
    const rows = countryRows();
    expect(rows[0]).toEqual([
      "iso3",
      "name",
      "eu_member",
      "nato_joined",
      "gdp_2023_eur_bn",
      "gdp_2024_eur_bn",
      "gdp_2023_usd_bn",
      "gdp_2024_usd_bn",
      "population_2023_m",
      "gni_2023_eur_bn",
      "eu_gni_share",
      "military_aid_eur_bn",
      "aid_from",
      "aid_to",
      "sources",
    ]);
    expect(rows).toHaveLength(1 + 32 + 4);
    expect(rows.slice(33).map((row) => row[0])).toEqual(["IRL", "CYP", "MLT", "AUT"]);
    expect(rowOf(rows, "DEU")[columnOf(rows, "gni_2023_eur_bn")]).toBe("4286.159");
  });
});

describe("a user's edition", () => {
  test("round trip: the export read back unchanged gives identical results, and says it is the user's", () => {
    const edition = readEdition({
      data: { file: "d.csv", text: csv(countryRows()) },
      euData: { file: "eu.csv", text: csv(instrumentRows()) },
    });
    expect(edition.embedded).toBe(false);
    expect(edition.warnings).toEqual([]);
    expect(edition.gdpYears).toEqual([2023, 2024]);
    for (const spec of SPECS) {
      const theirs = runScenario({ ...spec, edition, data: "d.csv" });
      expect(figures(theirs)).toEqual(figures(runScenario(spec)));
      const sources = resultSourceDetails(theirs);
      expect(sources.some((source) => source.origin === "user" && source.file === "d.csv")).toBe(true);
    }
    // Read again, the same files give the same edition id; the tables it exports are the ones read.
    const again = readEdition({
      data: { file: "d.csv", text: csv(countryRows()) },
      euData: { file: "eu.csv", text: csv(instrumentRows()) },
    });
    expect(again.id).toBe(edition.id);
    expect(countryTable(edition, WINDOW).rows.map((row) => row.slice(0, -1))).toEqual(
      countryRows()
        .slice(1)
        .map((row) => row.slice(0, -1))
    );
  });

  test("Germany's 2024 GDP doubled: its share is its doubled GDP over the new sum, exactly", () => {
    const rows = countryRows();
    const gdp = columnOf(rows, "gdp_2024_eur_bn");
    const germany = rowOf(rows, "DEU");
    germany[gdp] = new Dec(germany[gdp]).times(2).toFixed();
    const edition = editionFrom(rows);
    const result = runScenario({ edition, data: "d.csv" });
    const allies = rows.slice(1, 33);
    const sum = allies.reduce((total, row) => total.plus(row[gdp]), new Dec(0));
    const expected = new Dec(germany[gdp]).div(sum);
    const row = result.allocation.rows.find((candidate) => candidate.code === "DEU");
    expect(row?.share.toSignificantDigits(40).toString()).toBe(expected.toSignificantDigits(40).toString());
    expect(row?.exact.toSignificantDigits(40).toString()).toBe(
      expected.times("1e11").toSignificantDigits(40).toString()
    );
    expect(result.scenario.notes.some((note) => note.startsWith("Figures from your data: GDP 2024 from d.csv"))).toBe(
      true
    );
    const gdpSource = resultSourceDetails(result).find((source) => source.dataset === "gdp");
    expect(gdpSource).toMatchObject({
      origin: "user",
      file: "d.csv",
      vintage: "not stated",
      columns: expect.any(Array),
    });
  });

  test("a file with gdp_2025_eur_bn for every ally, and nothing else, makes 2025 a GDP year (and the default)", () => {
    const base = countryRows();
    const rows = [
      ["iso3", "gdp_2025_eur_bn"],
      ...base
        .slice(1, 33)
        .map((row) => [row[0], new Dec(row[columnOf(base, "gdp_2024_eur_bn")]).times("1.03").toFixed()]),
    ];
    const text = `# source: NATO, Defence Investment of NATO Countries (2014-2026)\n# vintage: 2025 estimates (July 2026)\n${csv(rows).slice(1)}`;
    const edition = readEdition({ data: { file: "f.csv", text } });
    expect(edition.gdpYears).toEqual([2023, 2024, 2025]);
    expect(edition.latestGdpYear).toBe(2025);
    const result = runScenario({ edition, data: "f.csv", "gdp-year": 2025 });
    expect(result.scenario.gdpYear).toBe(2025);
    // Every share grows by the same 3%, so the shares are those of 2024.
    const shares = (r: ScenarioResult) => r.allocation.rows.map((row) => row.share.toSignificantDigits(30).toString());
    expect(shares(result)).toEqual(shares(runScenario({ "gdp-year": 2024 })));
    expect(runScenario({ edition, data: "f.csv" }).scenario.gdpYear).toBe(2025);
    const gdpSource = edition.sourceOf("gdp", 2025);
    expect(gdpSource).toMatchObject({
      origin: "user",
      file: "f.csv",
      publisher: "NATO, Defence Investment of NATO Countries (2014-2026)",
      vintage: "2025 estimates (July 2026)",
    });
    // The rest stays embedded, and the notes say which figures came from where.
    expect(edition.sourceOf("gdp", 2024).origin).toBe("embedded");
    expect(edition.sourceOf("population").origin).toBe("embedded");
    const withCredit = runScenario({ edition, data: "f.csv", credit: "50%" });
    expect(withCredit.scenario.notes).toContainEqual(
      expect.stringMatching(
        /^Figures from your data: GDP 2025 from f\.csv \(vintage 2025 estimates \(July 2026\)\)\. From the embedded data: .*bilateral military aid/
      )
    );
    // Without the file there is no 2025.
    expect(thrown(() => runScenario({ "gdp-year": 2025 })).message).toBe(
      "gdp-year: 2025: the data has no GDP for that year; it has 2023 and 2024. Give one of them, or bring GDP 2025 in your data (a gdp_2025_eur_bn column)."
    );
  });

  test("a blend weighs the GDP years of the edition", () => {
    const base = countryRows();
    const rows = [["iso3", "gdp_2025_eur_bn"], ...base.slice(1, 33).map((row) => [row[0], "1"])];
    const edition = editionFrom(rows);
    const result = runScenario({ edition, data: "d.csv", method: "blend", blend: "gdp2025:0.5,gdp2024:0.5" });
    expect(result.allocation.rows).toHaveLength(32);
    expect(thrown(() => runScenario({ method: "blend", blend: "gdp2025:1" })).message).toMatch(/not one of gdp2023/);
  });

  test("a semicolon-separated file with decimal commas is read as the comma one", () => {
    const rows = countryRows();
    const text = toCsv(rows, { delimiter: ";", decimalComma: true });
    expect(text).toContain("4274,98");
    const edition = readEdition({ data: { file: "d.csv", text } });
    expect(figures(runScenario({ edition, data: "d.csv", credit: "50%" }))).toEqual(
      figures(runScenario({ credit: "50%" }))
    );
  });

  test("an edited derived column is warned about (it is not read), naming where to edit instead", () => {
    const rows = countryRows();
    rowOf(rows, "DEU")[columnOf(rows, "eu_gni_share")] = "0.3";
    const edition = editionFrom(rows);
    expect(edition.warnings).toEqual([
      expect.stringMatching(
        /^d\.csv: eu_gni_share is derived from the GNI figures and not read, yet row 12 DEU 0\.3 \(the figures give 0\.252341831961\) differs: to change the attribution, edit a gni_YEAR_eur_bn column\.$/
      ),
    ]);
    expect(runScenario({ edition, data: "d.csv" }).scenario.notes).toContain(edition.warnings[0]);
  });

  test("the user's instruments: an amount changed, an instrument added, counted by eu", () => {
    const rows = instrumentRows();
    const amount = columnOf(rows, "amount_eur_bn");
    rowOf(rows, "UAF")[amount] = "6";
    rows.push([
      "USL2",
      "Ukraine Support Loan 2",
      "45",
      "2028",
      "2029",
      "yes",
      "proposal",
      "eu_budget",
      "EU27 -HUN",
      "yes",
      "",
      "",
    ]);
    const edition = readEdition({ euData: { file: "eu.csv", text: csv(rows) } });
    expect(edition.instruments.find((record) => record.id === "UAF")?.amountEurBn).toBe("6");
    const result = runScenario({ edition, "eu-data": "eu.csv", eu: "UAF,USL2", start: 2024, years: 6 } as ScenarioSpec);
    expect(result.scenario.instruments.map((instrument) => instrument.id)).toEqual(["UAF", "USL2"]);
    expect(result.scenario.instruments[0].amount.toString()).toBe("6000000000");
    expect(edition.sourceOf("instruments")).toMatchObject({ origin: "user", file: "eu.csv" });
  });
});

/** One validation case: what is changed in the exported table, and the message it gives. */
interface BadFile {
  readonly name: string;
  readonly edit: (rows: string[][]) => void;
  readonly code: string;
  readonly message: string | RegExp;
}

const BAD_FILES: readonly BadFile[] = [
  {
    name: "a missing ally",
    edit: (rows) => void rows.splice(1, 1),
    code: "MISSING_ROWS",
    message:
      "data (d.csv): has no row for ALB (Albania). Give every ally a row (and, with a GNI column, every EU member state), so that no figure of another edition is mixed in; fair-share data --format csv writes them all.",
  },
  {
    name: "a duplicate row",
    edit: (rows) => void rows.splice(12, 0, [...rowOf(rows, "DEU")]),
    code: "DUPLICATE_ROW",
    message:
      "data (d.csv row 13, iso3): DEU (Germany) has a second row, row 13 (its first is row 12). Keep one of them.",
  },
  {
    name: "a figure that is not a number",
    edit: (rows) => void (rowOf(rows, "FRA")[columnOf(rows, "gdp_2024_eur_bn")] = "n/a"),
    code: "NOT_A_NUMBER",
    message: 'data (d.csv row 11, gdp_2024_eur_bn): "n/a" is not a number. Enter a number such as 4274.98.',
  },
  {
    name: "a negative figure",
    edit: (rows) => void (rowOf(rows, "ITA")[columnOf(rows, "population_2023_m")] = "-58.9"),
    code: "NEGATIVE",
    message: "data (d.csv row 16, population_2023_m): -58.9 is negative. Enter 0 or more.",
  },
  {
    name: "an empty figure",
    edit: (rows) => void (rowOf(rows, "ESP")[columnOf(rows, "gdp_2023_eur_bn")] = ""),
    code: "EMPTY",
    message:
      "data (d.csv row 29, gdp_2023_eur_bn): is empty. Give ESP (Spain)'s GDP in EUR billion, or leave the column out to use the embedded figures.",
  },
  {
    name: "an unknown code, with the did-you-mean of the command line",
    edit: (rows) => void (rowOf(rows, "DEU")[0] = "GER"),
    code: "UNKNOWN_CODE",
    message:
      'data (d.csv row 12, iso3): "GER" is not one of the 32 allies or the 27 EU member states. Did you mean DEU (Germany) or GBR (United Kingdom)? A row is an ally (or an EU member state, for its GNI), by its ISO 3166 alpha-3 code.',
  },
  {
    name: "a year column that does not parse",
    edit: (rows) => void (rows[0][columnOf(rows, "gdp_2024_eur_bn")] = "gdp_24_eur_bn"),
    code: "BAD_YEAR_COLUMN",
    message:
      'data (d.csv row 1): column "gdp_24_eur_bn": "24" is not a year from 1949 to 2100. Write the year in four digits, e.g. gdp_2025_eur_bn.',
  },
  {
    name: "an unknown column, with the column it probably is",
    edit: (rows) => void (rows[0][columnOf(rows, "gdp_2024_eur_bn")] = "gdp_2024_eur"),
    code: "UNKNOWN_COLUMN",
    message:
      /^data \(d\.csv row 1\): "gdp_2024_eur" is not a column of a per-country data file\. Did you mean gdp_2024_eur_bn\? The columns are iso3/,
  },
  {
    name: "a changed EU membership",
    edit: (rows) => void (rowOf(rows, "NOR")[columnOf(rows, "eu_member")] = "yes"),
    code: "DATA_MISMATCH",
    message:
      'data (d.csv row 23, eu_member): "yes", but NOR (Norway) is not an EU member state. Write no: membership is not part of a data edition.',
  },
  {
    name: "a GNI figure for an ally outside the EU",
    edit: (rows) => void (rowOf(rows, "USA")[columnOf(rows, "gni_2023_eur_bn")] = "25000"),
    code: "DATA_MISMATCH",
    message:
      'data (d.csv row 33, gni_2023_eur_bn): "25000", but USA (United States) is not an EU member state, so it has no EU GNI. Leave the cell empty.',
  },
  {
    name: "two vintages in one file",
    edit: (rows) => {
      rows[0].push("vintage");
      rows.slice(1).forEach((row, index) => row.push(index === 5 ? "2026" : "2025"));
    },
    code: "TWO_STATEMENTS",
    message: 'data (d.csv row 7): states the vintage "2025" and also "2026". State one vintage for the whole table.',
  },
  {
    name: "GDP in USD without GDP in EUR for a year",
    edit: (rows) => {
      rows[0].push("gdp_2025_usd_bn");
      rows.slice(1).forEach((row) => row.push(row[columnOf(rows, "nato_joined")] === "" ? "" : "1"));
    },
    code: "DATA_FILE",
    message:
      "data (d.csv row 1): gdp_2025_usd_bn is given without gdp_2025_eur_bn. Allocations use GDP in EUR: add gdp_2025_eur_bn (NATO publishes both).",
  },
  {
    name: "a row before the header",
    edit: (rows) => void rows.unshift(["DEU", "Germany"]),
    code: "DATA_FILE",
    message: /^data \(d\.csv row 1\): row 1 comes before a header row\. Start the table with its header/,
  },
  {
    name: "a table with no figure column",
    edit: (rows) => {
      for (const row of rows) row.splice(2);
    },
    code: "DATA_FILE",
    message: /^data \(d\.csv row 1\): it gives no figure column\. Give at least one of gdp_YEAR_eur_bn/,
  },
];

describe("validation: a file with an error is refused whole, naming the row and the column", () => {
  test("there are at least ten cases", () => expect(BAD_FILES.length).toBeGreaterThanOrEqual(10));

  test.each(BAD_FILES.map((bad) => [bad.name, bad] as const))("%s", (_, bad) => {
    const rows = countryRows();
    bad.edit(rows);
    const error = thrown(() => editionFrom(rows));
    expect(error.code).toBe(bad.code);
    if (typeof bad.message === "string") expect(error.message).toBe(bad.message);
    else expect(error.message).toMatch(bad.message);
    // On the command line the argument is the flag: the message starts with the file, row and column.
    expect(error.argument.startsWith("data (d.csv")).toBe(true);
    // Nothing half-loaded: the embedded edition is untouched.
    expect(embeddedEdition().ally("DEU")?.gdpEurBn[2024]).toBe("4274.980");
  });

  test("a figure 1,000 times the embedded one is a warning naming the ally and both figures, not a refusal", () => {
    const rows = countryRows();
    rowOf(rows, "DEU")[columnOf(rows, "gdp_2024_eur_bn")] = "4274980";
    const edition = editionFrom(rows);
    expect(edition.warnings).toEqual([
      "d.csv row 12, gdp_2024_eur_bn: DEU (Germany) 4274980 is about 1,000 times the embedded 4274.980; the column is in EUR billion: check its unit.",
    ]);
    const result = runScenario({ edition, data: "d.csv" });
    expect(result.scenario.notes).toContain(edition.warnings[0]);
  });

  test("a whole column in millions is one warning, counting the others", () => {
    const rows = countryRows();
    const column = columnOf(rows, "population_2023_m");
    for (const row of rows.slice(1, 33)) row[column] = new Dec(row[column]).times(1000000).toFixed();
    expect(editionFrom(rows).warnings).toEqual([
      expect.stringMatching(
        /^d\.csv row 2, population_2023_m: ALB \(Albania\) 2748000 is about 1,000,000 times the embedded 2\.748 \(and 31 more in the column\); the column is in million people/
      ),
    ]);
  });

  test("the instruments file: a duplicate id, a missing instrument, a new one without its columns, a bad state", () => {
    const eu = (edit: (rows: string[][]) => void): FairShareError => {
      const rows = instrumentRows();
      edit(rows);
      return thrown(() => readEdition({ euData: { file: "eu.csv", text: csv(rows) } }));
    };
    expect(eu((rows) => rows.push([...rowOf(rows, "UAF")])).message).toBe(
      "eu-data (eu.csv row 12, id): UAF (European Peace Facility - Ukraine Assistance Fund) has a second row, row 12 (its first is row 2). Keep one of them."
    );
    expect(eu((rows) => rows.splice(2, 1)).message).toBe(
      "eu-data (eu.csv): has no row for EPF_PRE. Keep a row for every embedded instrument (eu chooses which a scenario counts); add rows for new ones."
    );
    const partial = eu((rows) => {
      for (const row of rows) row.splice(3);
      rows.push(["NEW", "A new one", "5"]);
    });
    expect(partial.message).toBe(
      "eu-data (eu.csv row 12, id): NEW is not an embedded instrument, and the file has no first_year, last_year, military, status, key, states, cost_to_members column. A new instrument needs every column: give them all, as fair-share data --eu --format csv writes them."
    );
    expect(
      eu((rows) => void (rowOf(rows, "USL_MIL")[columnOf(rows, "states")] = "EU27 -CZE -HUN -Slovakia")).message
    ).toBe(
      'eu-data (eu.csv row 10, states): "-Slovakia" is not -CODE for one of the 27 EU member states. Did you mean SVK (Slovakia) or SVN (Slovenia)? Write -AUT for a state that does not take part.'
    );
    expect(thrown(() => readEdition({ euData: { file: "eu.csv", text: csv(countryRows()) } })).message).toMatch(
      /^eu-data \(eu\.csv row 1\): it is a per-country table\./
    );
  });

  test("a gdp-year the data does not have, and data named but not read, are refused", () => {
    expect(thrown(() => runScenario({ data: "d.csv" })).message).toMatch(
      /^data: "d\.csv" names data that was not read/
    );
  });
});

describe("figuresId: the same figures under any name", () => {
  test("the export read back has the embedded figures; a changed figure does not", () => {
    const same = readEdition({ data: { file: "a.csv", text: csv(countryRows()) } });
    expect(same.figuresId).toBe("embedded");
    expect(embeddedEdition().figuresId).toBe("embedded");
    const rows = countryRows();
    rows[1][columnOf(rows, "gdp_2024_eur_bn")] = "23.584";
    const one = readEdition({ data: { file: "a.csv", text: csv(rows) } });
    const other = readEdition({ data: { file: "b.csv", text: `# vintage: x\n${csv(rows).slice(1)}` } });
    expect(one.figuresId).toMatch(/^figures-[0-9a-f]{14}$/);
    expect(other.figuresId).toBe(one.figuresId);
    expect(other.id).not.toBe(one.id);
  });
});
