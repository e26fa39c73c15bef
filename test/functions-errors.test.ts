// Bad input through every FAIRSHARE function, called as Excel calls it: each case must give a CustomFunctions.Error with
// #VALUE! or #N/A and a message of the engine's catalogue, naming the argument and saying what to fix. Each case pins
// the Excel error, the catalogue entry, the argument the message names and the details it fills in (the value, the
// valid range, the fix); representative cases also pin the message word for word, as a user reads it when hovering over
// the cell, so a change in the catalogue's wording fails here and is made on purpose.
import { excelError } from "./functions-runtime";
import { OMITTED, allocateExcel } from "./helpers/functions";
import { ERROR_CATALOGUE, FairShareError, type ErrorCode } from "../src/engine/errors";
import { PARAMETER_NAMES } from "../src/engine/parameters";
import * as scenarioModule from "../src/engine/scenario";
import { data, overlap, schedule, share } from "../src/functions/functions";
import { clearMemo } from "../src/functions/memo";

/** An Excel error value as the runtime would hand it over, were errors passed to the function. */
const NOT_AVAILABLE = { code: "#N/A", message: "" } as unknown as string;

const VALUE = "#VALUE!";
const NA = "#N/A";

interface BadInput {
  readonly name: string;
  readonly call: () => unknown;
  readonly excel: typeof VALUE | typeof NA;
  readonly error: ErrorCode;
  readonly argument: string;
  readonly details?: Record<string, string | number>;
  /** The whole message, word for word. */
  readonly message?: string;
}

const NO_CODE_FIX = { fix: "Give every row that has a basis or aid value a contributor code." };

const CASES: readonly BadInput[] = [
  // The inputs block.
  {
    name: "an unknown label in the inputs block",
    call: () => allocateExcel({ inputs: [["totl", 5]] }),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "inputs (row 1)",
    details: { value: "totl", choices: PARAMETER_NAMES.join(", ") },
    message:
      'inputs (row 1): "totl" is not one of total, per-year, currency, usd-per-eur, years, start, from, to, profile, method, gdp-year, pct-gdp, key, blend, credit, aid-from, aid-to, delivered, count-eu, exempt, cap, floor, max-pct-gdp, unit, eu, eu-add, eu-states, overlap-threshold, contributors, data. Use one of them.',
  },
  {
    name: "a label given twice",
    call: () =>
      allocateExcel({
        inputs: [
          ["total", "1bn"],
          ["years", 2],
          ["Total", "2bn"],
        ],
      }),
    excel: VALUE,
    error: "NOT_ALLOWED",
    argument: "total",
    details: { when: "twice in the inputs block", fix: "Keep one of rows 1 and 3." },
  },
  {
    name: "an inputs block of three columns",
    call: () => allocateExcel({ inputs: [["total", "1bn", "note"]] }),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "inputs",
    details: {
      value: "1 row x 3 columns",
      form: "two columns, labels on the left and values on the right",
      example: "Inputs!A2:B12",
    },
  },
  {
    name: "a value with no label",
    call: () =>
      allocateExcel({
        inputs: [
          ["total", "1bn"],
          [null, 5],
        ],
      }),
    excel: VALUE,
    error: "EMPTY",
    argument: "inputs (row 2) label",
    details: { fix: "Give the value a label, such as total or years." },
  },
  {
    name: "a parameter both in the block and as an argument",
    call: () => allocateExcel({ inputs: [["years", 2]], years: 3 }),
    excel: VALUE,
    error: "NOT_ALLOWED",
    argument: "years",
    details: {
      when: "both in the inputs block and as an argument",
      fix: "Give years in one place only: clear the argument or delete its row from the inputs block.",
    },
  },
  {
    name: "an error value in the inputs block",
    call: () =>
      allocateExcel({
        inputs: [
          ["total", "1bn"],
          ["years", NOT_AVAILABLE],
        ],
      }),
    excel: VALUE,
    error: "ERROR_VALUE_IN_RANGE",
    argument: "inputs",
    details: { value: "#N/A", position: "row 2, column 2" },
  },
  {
    name: "an error passed as text",
    call: () => allocateExcel({ inputs: [["total", "#DIV/0!"]] }),
    excel: VALUE,
    error: "ERROR_VALUE_IN_RANGE",
    argument: "inputs",
    details: { value: "#DIV/0!", position: "row 1, column 2" },
  },
  {
    name: "a data type that has no plain value",
    call: () => allocateExcel({ inputs: [["total", { type: "Entity", text: "Germany" } as unknown as string]] }),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "inputs",
    details: { value: "a data type (Entity)", form: "a number or text", example: "100bn or DEU" },
  },
  // Scenario values, checked by the engine.
  {
    name: "a total that is not a number",
    call: () => allocateExcel({ total: "lots" }),
    excel: VALUE,
    error: "NOT_A_NUMBER",
    argument: "total",
    details: { value: "lots", example: "100bn" },
    message: 'total: "lots" is not a number. Enter a number such as 100bn.',
  },
  {
    name: "a negative total",
    call: () => allocateExcel({ total: -5 }),
    excel: VALUE,
    error: "NOT_POSITIVE",
    argument: "total",
    details: { value: "-5", example: "100bn" },
  },
  {
    name: "a fractional number of years",
    call: () => allocateExcel({ years: 2.5 }),
    excel: VALUE,
    error: "NOT_A_WHOLE_NUMBER",
    argument: "years",
    details: { value: "2.5", example: "1" },
  },
  {
    name: "too many years, as text",
    call: () => allocateExcel({ years: "51" }),
    excel: VALUE,
    error: "OUT_OF_RANGE",
    argument: "years",
    details: { value: "51", min: 1, max: 50 },
  },
  {
    name: "a credit above 100%, typed as a bare number",
    call: () => allocateExcel({ inputs: [["credit", 1.5]] }),
    excel: VALUE,
    error: "RATIO_LOOKS_LIKE_PERCENT",
    argument: "credit",
    details: { value: "1.5", percent: "150%", of: "of each contributor's aid", fraction: "0.015" },
    message: "credit: 1.5 would be 150% of each contributor's aid; for 1.5% write 1.5% or 0.015.",
  },
  {
    name: "an unknown method",
    call: () => allocateExcel({ method: "gpd" }),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "method",
    details: { value: "gpd", choices: "gdp, pct-gdp, key, blend" },
    message: 'method: "gpd" is not one of gdp, pct-gdp, key, blend. Use one of them.',
  },
  {
    name: "USD without a rate",
    call: () => allocateExcel({ inputs: [["currency", "USD"]] }),
    excel: VALUE,
    error: "MISSING",
    argument: "usd-per-eur",
    details: {
      when: "when currency is USD",
      fix: "Give US dollars per euro, e.g. 1.08 (NATO used 1.078376 for 2024).",
    },
  },
  {
    name: "everyone exempt",
    call: () =>
      allocateExcel({
        inputs: [
          ["contributors", "DEU,FRA"],
          ["exempt", "DEU FRA"],
        ],
      }),
    excel: VALUE,
    error: "EVERYONE_EXEMPT",
    argument: "exempt",
  },
  // Contributor ranges.
  {
    name: "codes and basis of different sizes",
    call: () => allocateExcel({ codes: [["DEU"], ["FRA"]], basis: [[1], [2], [3]] }),
    excel: VALUE,
    error: "LENGTH_MISMATCH",
    argument: "basis",
    details: { actual: 3, other: "codes", expected: 2 },
    message: "basis: has 3 values but codes has 2. Give the same number of values to both.",
  },
  {
    name: "aid without codes",
    call: () => allocateExcel({ aid: [[1], [2]] }),
    excel: VALUE,
    error: "NOT_ALLOWED",
    argument: "aid",
    details: {
      when: "without codes",
      fix: "Give the contributors' codes as the codes argument, in the same order as the aid values.",
    },
  },
  {
    name: "a basis value with no code",
    call: () => allocateExcel({ codes: [["DEU"], [null], ["FRA"]], basis: [[1], [2], [3]] }),
    excel: VALUE,
    error: "EMPTY",
    argument: "codes (row 2)",
    details: NO_CODE_FIX,
  },
  {
    name: "an aid value with no code, in a row of cells (desktop's 0 for the empty code)",
    call: () => allocateExcel({ codes: [["DEU", 0]], aid: [[1, 2]] }),
    excel: VALUE,
    error: "EMPTY",
    argument: "codes (column 2)",
    details: NO_CODE_FIX,
  },
  {
    name: "codes as a block of rows and columns",
    call: () =>
      allocateExcel({
        codes: [
          ["DEU", "FRA"],
          ["ITA", "ESP"],
        ],
      }),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "codes",
    details: { value: "2 rows x 2 columns", form: "one column or one row of cells", example: "A2:A33" },
  },
  {
    name: "a code given twice",
    call: () => allocateExcel({ codes: [["DEU"], ["deu"]] }),
    excel: VALUE,
    error: "DUPLICATE_CODE",
    argument: "codes",
    details: { value: "DEU" },
  },
  {
    name: "a code with spaces",
    call: () => allocateExcel({ codes: [["D E U"]] }),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "codes (row 1)",
    details: { value: "D E U", form: "a code of letters and digits", example: "DEU" },
  },
  {
    name: "TRUE as a code",
    call: () => allocateExcel({ codes: [[true], ["FRA"]] }),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "codes (row 1)",
    details: { value: "TRUE", form: "a code of letters", example: "DEU" },
  },
  {
    name: "a codes range with only empty cells (null and desktop's 0)",
    call: () => allocateExcel({ codes: [[null], [0]] }),
    excel: VALUE,
    error: "EMPTY",
    argument: "codes",
    details: {
      fix: "Select the cells that hold the contributors' codes, or leave the argument out to use the 32 allies.",
    },
  },
  {
    name: "a basis value that is not a number",
    call: () => allocateExcel({ codes: [["DEU"], ["FRA"]], basis: [["lots"], [2]] }),
    excel: VALUE,
    error: "NOT_A_NUMBER",
    argument: "basis (DEU)",
    details: { value: "lots", example: "4274.98" },
  },
  {
    name: "a negative basis",
    call: () => allocateExcel({ codes: [["DEU"], ["FRA"]], basis: [[-1], [2]] }),
    excel: VALUE,
    error: "NEGATIVE",
    argument: "basis (DEU)",
    details: { value: "-1" },
  },
  {
    name: "an empty basis cell beside a code",
    call: () => allocateExcel({ codes: [["DEU"], ["FRA"]], basis: [[null], [2]] }),
    excel: VALUE,
    error: "EMPTY",
    argument: "basis (DEU)",
    details: {
      fix: "Enter its basis value (0 if it pays nothing), or leave out the basis range to use the embedded GDP.",
    },
  },
  {
    name: "an empty aid cell beside a code",
    call: () => allocateExcel({ inputs: [["credit", 1]], codes: [["DEU"], ["FRA"]], aid: [[1], [""]] }),
    excel: VALUE,
    error: "EMPTY",
    argument: "aid (FRA)",
    details: { fix: "Enter its aid (0 for none), or leave out the aid range to use the embedded Kiel data." },
  },
  {
    name: "an error value in the basis range",
    call: () => allocateExcel({ codes: [["DEU"], ["FRA"]], basis: [[1], ["#DIV/0!"]] }),
    excel: VALUE,
    error: "ERROR_VALUE_IN_RANGE",
    argument: "basis",
    details: { value: "#DIV/0!", position: "2" },
    message: "basis: contains an error value (#DIV/0!) at position 2. Fix that cell first.",
  },
  {
    name: "an error value in the codes range",
    call: () => allocateExcel({ codes: [["DEU"], [NOT_AVAILABLE]] }),
    excel: VALUE,
    error: "ERROR_VALUE_IN_RANGE",
    argument: "codes",
    details: { value: "#N/A", position: "2" },
  },
  {
    name: "a contributor the data does not know, with no basis",
    call: () => allocateExcel({ codes: [["DEU"], ["XYZ"]] }),
    excel: NA,
    error: "NO_FIGURE",
    argument: "basis",
    details: { field: "GDP", code: "XYZ", fix: "Give its GDP as its basis value." },
  },
  // SHARE.
  {
    name: "SHARE of an unknown code",
    call: () => share("XYZ"),
    excel: NA,
    error: "UNKNOWN_CODE",
    argument: "code",
    details: {
      value: "XYZ",
      where: "one of this scenario's contributors",
      fix: "Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).",
    },
    message:
      'code: "XYZ" is not one of this scenario\'s contributors. Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  },
  {
    name: "SHARE with an empty code cell on the web",
    call: () => share(null),
    excel: VALUE,
    error: "MISSING",
    argument: "code",
    details: { when: "for FAIRSHARE.SHARE", fix: "Give a contributor code such as DEU; FAIRSHARE.ALLIES lists them." },
  },
  {
    name: "SHARE with an empty code cell on desktop",
    call: () => share(0),
    excel: VALUE,
    error: "MISSING",
    argument: "code",
    details: { when: "for FAIRSHARE.SHARE", fix: "Give a contributor code such as DEU; FAIRSHARE.ALLIES lists them." },
  },
  {
    name: "SHARE for a year outside the pledge",
    call: () => share("DEU", 2030),
    excel: VALUE,
    error: "OUT_OF_RANGE",
    argument: "year",
    details: { value: "2030", min: 2024, max: 2028 },
  },
  {
    name: "SHARE for a year that is not a number",
    call: () => share("DEU", "next year"),
    excel: VALUE,
    error: "NOT_A_NUMBER",
    argument: "year",
    details: { value: "next year", example: "2024" },
  },
  {
    name: "SHARE with an unknown what",
    call: () => share("DEU", null, "percent"),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "what",
    details: { value: "percent", choices: "amount, share, pct-gdp, per-capita, credit" },
  },
  {
    name: "SHARE of the credit in one year",
    call: () => share("DEU", 2025, "credit"),
    excel: VALUE,
    error: "NOT_ALLOWED",
    argument: "year",
    details: { when: "with what credit", fix: "Clear year: the aid credit counts over the whole pledge." },
  },
  {
    name: "SHARE per capita of a contributor outside the embedded data",
    call: () => share("B", null, "per-capita", OMITTED, [["A"], ["B"]], [[1], [3]], OMITTED, "1bn", 2, "key"),
    excel: NA,
    error: "NO_FIGURE",
    argument: "what",
    details: {
      field: "population",
      code: "B",
      fix: "The embedded data has population for the 32 NATO allies only.",
    },
  },
  {
    name: "ALLOCATE with figures that are not TRUE or FALSE",
    call: () => allocateExcel({ figures: "yes" }),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "figures",
    details: { value: "yes", form: "TRUE or FALSE", example: "TRUE" },
  },
  // SCHEDULE.
  {
    name: "SCHEDULE with an empty total cell",
    call: () => schedule(null, 5),
    excel: VALUE,
    error: "MISSING",
    argument: "total",
    details: { when: "for FAIRSHARE.SCHEDULE", fix: "Give the amount to spread, e.g. 100bn." },
    message: "total: is required for FAIRSHARE.SCHEDULE. Give the amount to spread, e.g. 100bn.",
  },
  {
    name: "SCHEDULE with 0 years (an empty cell on desktop)",
    call: () => schedule("1bn", 0),
    excel: VALUE,
    error: "MISSING",
    argument: "years",
    details: { when: "for FAIRSHARE.SCHEDULE", fix: "Give the number of years, e.g. 5." },
  },
  {
    name: "SCHEDULE of a total that is not a whole number of units",
    call: () => schedule("100.5m", 5),
    excel: VALUE,
    error: "UNIT_DOES_NOT_DIVIDE",
    argument: "total",
    details: { amount: "the total EUR 100.5m", unit: "EUR 1m", divisors: "EUR 500k" },
  },
  {
    name: "SCHEDULE with fewer weights than years",
    call: () => schedule("100bn", 5, [[1, 2, 3]]),
    excel: VALUE,
    error: "LENGTH_MISMATCH",
    argument: "profile",
    details: { actual: 3, other: "years", expected: 5 },
  },
  {
    name: "SCHEDULE with an empty weight cell",
    call: () => schedule("100bn", 3, [[1, null, 3]]),
    excel: VALUE,
    error: "EMPTY",
    argument: "profile (weight 2)",
    details: { fix: "Give every year a weight (0 for none)." },
  },
  {
    name: "SCHEDULE with an unknown profile",
    call: () => schedule("100bn", 3, [["backloaded"]]),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "profile",
    details: { value: "backloaded", choices: "flat, front, or weights W1,W2,... one per year" },
  },
  {
    name: "SCHEDULE with a negative weight",
    call: () => schedule("100bn", 3, [[1, -2, 3]]),
    excel: VALUE,
    error: "NEGATIVE",
    argument: "profile (weight 2)",
    details: { value: "-2" },
  },
  {
    name: "SCHEDULE with a block of weights",
    call: () =>
      schedule("100bn", 4, [
        [1, 2],
        [3, 4],
      ]),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "profile",
    details: { value: "2 rows x 2 columns", form: "one column or one row of cells", example: "{5,4,3,2,1}" },
  },
  // OVERLAP.
  {
    name: "OVERLAP with an unknown EU instrument",
    call: () => overlap([["eu", "EPF_X"]]),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "eu",
    details: {
      value: "EPF_X",
      choices:
        "adopted, none, UAF, EPF_PRE, EPF_PROPOSAL, UKRAINE_FACILITY, WINDFALL_EPF_2024, WINDFALL_EPF_2025, ERA_MFA, EDIP_USI, USL_MIL, USL_BUDGET",
    },
  },
  {
    name: "OVERLAP with a threshold of 150%",
    call: () => overlap([["overlap-threshold", "150%"]]),
    excel: VALUE,
    error: "RATIO_OUT_OF_RANGE",
    argument: "overlap-threshold",
    details: { value: "150%", min: "0%", max: "100%", of: "of the allocation", example: "50%" },
  },
  // DATA.
  {
    name: "DATA for an unknown country",
    call: () => data("XYZ", "gdp"),
    excel: NA,
    error: "UNKNOWN_CODE",
    argument: "code",
    details: {
      value: "XYZ",
      where: "a country of the embedded data",
      fix: "Use a three-letter ISO code such as DEU; FAIRSHARE.ALLIES lists the allies.",
    },
    message:
      'code: "XYZ" is not a country of the embedded data. Use a three-letter ISO code such as DEU; FAIRSHARE.ALLIES lists the allies.',
  },
  {
    name: "DATA of an unknown field",
    call: () => data("DEU", "gpd"),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "field",
    details: { value: "gpd", choices: "name, eu, nato-joined, gdp, gdp-usd, population, gni, aid, instruments" },
  },
  {
    name: "DATA with no field",
    call: () => data("DEU", null),
    excel: VALUE,
    error: "MISSING",
    argument: "field",
    details: {
      when: "for FAIRSHARE.DATA",
      fix: "Give one of name, eu, nato-joined, gdp, gdp-usd, population, gni, aid.",
    },
  },
  {
    name: "DATA: GNI of a country outside the EU",
    call: () => data("USA", "gni"),
    excel: NA,
    error: "NO_FIGURE",
    argument: "field",
    details: { field: "GNI", code: "USA", fix: "The embedded GNI data covers the 27 EU member states only." },
  },
  {
    name: "DATA: aid of an ally Kiel does not track",
    call: () => data("ALB", "aid"),
    excel: NA,
    error: "NO_FIGURE",
    argument: "field",
    details: {
      field: "bilateral aid",
      code: "ALB",
      fix: "The Kiel Ukraine Support Tracker does not track it, so its aid is unknown (not zero).",
    },
    message:
      "field: has no bilateral aid for ALB. The Kiel Ukraine Support Tracker does not track it, so its aid is unknown (not zero).",
  },
  {
    name: "DATA: an aid window starting before the data",
    call: () => data("DEU", "aid", null, "2021-05"),
    excel: VALUE,
    error: "OUT_OF_RANGE",
    argument: "from",
    details: { value: "2021-05", min: "2022-01", max: "2026-04" },
  },
  {
    name: "DATA: aid in a year the data covers only in part",
    call: () => data("DEU", "aid", 2026),
    excel: VALUE,
    error: "OUT_OF_RANGE",
    argument: "year",
    details: { value: "2026", min: 2022, max: 2025 },
  },
  {
    name: "DATA: GDP of a year the data does not have",
    call: () => data("DEU", "gdp", 2022),
    excel: VALUE,
    error: "UNKNOWN_CHOICE",
    argument: "year",
    details: { value: "2022", choices: "2023, 2024" },
  },
  {
    name: "DATA: a window that ends before it starts",
    call: () => data("DEU", "aid", null, "2024-06", "2024-01"),
    excel: VALUE,
    error: "WINDOW_ORDER",
    argument: "from",
    details: { from: "2024-06", to: "2024-01" },
  },
  {
    name: "DATA: a month in the wrong form",
    call: () => data("DEU", "aid", null, "2024/13"),
    excel: VALUE,
    error: "BAD_FORMAT",
    argument: "from",
    details: { value: "2024/13", form: "YYYY-MM", example: "2024-01" },
  },
  {
    name: "DATA: a window with a field that has none",
    call: () => data("DEU", "gdp", null, "2024-01"),
    excel: VALUE,
    error: "NOT_ALLOWED",
    argument: "from",
    details: { when: "with field gdp", fix: "Clear it: only the aid field takes a window." },
  },
  {
    name: "DATA: both a year and a window",
    call: () => data("DEU", "aid", 2024, "2024-01"),
    excel: VALUE,
    error: "NOT_ALLOWED",
    argument: "year",
    details: { when: "with from or to", fix: "Give either a year or a window of months (from, to), not both." },
  },
];

/** The message a case must show: the catalogue entry with the argument and details filled in. */
function expectedMessage(error: ErrorCode, argument: string, details: Record<string, string | number> = {}): string {
  return new FairShareError(error, argument, details).message;
}

beforeEach(() => clearMemo());

describe("bad input through the FAIRSHARE functions", () => {
  it("covers at least 25 cases, and all five functions that take arguments", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it("pins at least 8 messages word for word", () => {
    expect(CASES.filter((c) => c.message !== undefined).length).toBeGreaterThanOrEqual(8);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(ERROR_CATALOGUE[c.error].excel).toBe(c.excel);
    const seen = excelError(c.call);
    expect(seen).toEqual({ code: c.excel, message: expectedMessage(c.error, c.argument, c.details) });
    expect(seen.message.startsWith(`${c.argument}: `)).toBe(true);
    if (c.message !== undefined) expect(seen.message).toBe(c.message);
  });

  it("reports a scenario's own error (caps too low) through SHARE, naming cap and the capacity", () => {
    const seen = excelError(() => share("DEU", null, null, [["cap", "0.5%"]]));
    expect(seen.code).toBe(VALUE);
    expect(seen.message).toBe(
      "cap: let the contributors pay at most EUR 16bn in all, less than the total EUR 100bn (every contributor capped: 32 x 0.5%). Raise the caps, exempt fewer contributors or lower the total."
    );
  });

  it("shows the messages a user reads, word for word", () => {
    expect(excelError(() => allocateExcel({ inputs: [["years", 2]], years: 3 })).message).toBe(
      "years: cannot be used both in the inputs block and as an argument. Give years in one place only: clear the argument or delete its row from the inputs block."
    );
    expect(excelError(() => allocateExcel({ codes: [["DEU"], [null], ["FRA"]], basis: [[1], [2], [3]] })).message).toBe(
      "codes (row 2): is empty. Give every row that has a basis or aid value a contributor code."
    );
    expect(excelError(() => share("DEU", 2030)).message).toBe(
      "year: 2030 is outside 2024 to 2028. Enter a value from 2024 to 2028."
    );
    expect(excelError(() => data("DEU", "aid", 2026)).message).toBe(
      "year: 2026 is outside 2022 to 2025. Enter a value from 2022 to 2025."
    );
  });

  it("turns an unexpected exception into #VALUE! with the catalogue's internal message, never a crash", () => {
    const spy = jest.spyOn(scenarioModule, "runScenario").mockImplementation(() => {
      throw new TypeError("boom");
    });
    try {
      expect(excelError(() => allocateExcel({}))).toEqual({
        code: VALUE,
        message: expectedMessage("INTERNAL", "FAIRSHARE.ALLOCATE", { detail: "TypeError: boom" }),
      });
      expect(excelError(() => share("DEU", 2025, null, [["total", "2bn"]]))).toEqual({
        code: VALUE,
        message: expectedMessage("INTERNAL", "FAIRSHARE.SHARE", { detail: "TypeError: boom" }),
      });
    } finally {
      spy.mockRestore();
    }
  });
});
