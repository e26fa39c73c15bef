import { Dec, ENGINE_PRECISION, maxDec, minDec, plain, sumDec } from "../../src/engine/decimal";
import {
  isBlank,
  parseAmount,
  parseChoice,
  parseCode,
  parseCodeValues,
  parseDecimal,
  parseInRange,
  parseList,
  parseMonth,
  parseRatio,
  parseWholeNumber,
  type RatioRules,
  type RawValue,
} from "../../src/engine/parse";
import { runScenario } from "../../src/engine/scenario";
import { dec, thrown } from "../helpers/engine";

describe("parseAmount: numbers and scale suffixes", () => {
  test.each([
    ["100bn", "100000000000"],
    ["100 bn", "100000000000"],
    ["100B", "100000000000"],
    ["40000m", "40000000000"],
    ["40,000,000k", "40000000000"],
    ["2.5tn", "2500000000000"],
    ["1T", "1000000000000"],
    ["1.5mn", "1500000"],
    ["250k", "250000"],
    ["1e11", "100000000000"],
    ["100e9", "100000000000"],
    ["1,000,000", "1000000"],
    [" 42 ", "42"],
    ["0.01", "0.01"],
    [1e11, "100000000000"],
    [0.1, "0.1"],
  ] as [RawValue, string][])("%p is %s", (input, expected) => {
    expect(parseAmount("total", input).toFixed()).toBe(expected);
  });

  test.each([
    ["abc", "NOT_A_NUMBER"],
    ["1,5", "COMMA_IN_NUMBER"],
    ["40,000m", "AMBIGUOUS_COMMA"],
    ["1e9000000000000000", "NUMBER_OUT_OF_BOUNDS"],
    ["bn", "NOT_A_NUMBER"],
    ["", "NOT_A_NUMBER"],
    [true, "NOT_A_NUMBER"],
    [NaN, "NOT_A_NUMBER"],
    ["0", "NOT_POSITIVE"],
    ["-1bn", "NOT_POSITIVE"],
  ] as [RawValue, string][])("%p is refused (%s)", (input, code) => {
    const error = thrown(() => parseAmount("total", input));
    expect(error.code).toBe(code);
    expect(error.argument).toBe("total");
  });
});

describe("the other parsers", () => {
  test("parseDecimal keeps a cell's number as its shortest text (0.1 stays 0.1)", () => {
    expect(parseDecimal("x", 0.1).eq("0.1")).toBe(true);
    expect(parseDecimal("x", 0.1 + 0.2).toFixed()).toBe("0.30000000000000004");
    expect(parseDecimal("x", "-2.5e-3").toFixed()).toBe("-0.0025");
    expect(parseDecimal("x", ".5").toFixed()).toBe("0.5");
  });

  test.each([
    [0, 0, 1, "0"],
    [1, 0, 1, "1"],
    ["0.5", 0, 1, "0.5"],
  ] as [RawValue, number, number, string][])("parseInRange(%p, %d, %d)", (input, min, max, expected) => {
    expect(parseInRange("credit", input, min, max, "0.5").toFixed()).toBe(expected);
  });

  test("parseInRange refuses values outside, naming both ends", () => {
    expect(thrown(() => parseInRange("credit", "1.01", 0, 1, "0.5")).message).toBe(
      "credit: 1.01 is outside 0 to 1. Enter a value from 0 to 1."
    );
  });

  test("parseWholeNumber", () => {
    expect(parseWholeNumber("years", "5", 1, 50)).toBe(5);
    expect(parseWholeNumber("years", 50, 1, 50)).toBe(50);
    expect(parseWholeNumber("years", "5.0", 1, 50)).toBe(5);
    expect(thrown(() => parseWholeNumber("years", "5.5", 1, 50)).code).toBe("NOT_A_WHOLE_NUMBER");
    expect(thrown(() => parseWholeNumber("years", 0, 1, 50)).code).toBe("OUT_OF_RANGE");
  });

  test("parseChoice ignores case and returns the canonical spelling", () => {
    expect(parseChoice("currency", " usd ", ["EUR", "USD"])).toBe("USD");
    expect(parseChoice("method", "PCT-GDP", ["gdp", "pct-gdp"])).toBe("pct-gdp");
    expect(thrown(() => parseChoice("currency", null, ["EUR", "USD"])).message).toBe(
      'currency: "" is not one of EUR, USD. Use one of them.'
    );
  });

  test.each([
    ["2024-01", "2024-01"],
    ["2024-1", "2024-01"],
    ["2024/12", "2024-12"],
    [" 2022-03 ", "2022-03"],
  ])("parseMonth(%p) is %s", (input, expected) => {
    expect(parseMonth("aid-from", input)).toBe(expected);
  });

  test.each(["2024-00", "2024-13", "24-01", "2024", "January 2024", "2024-01-15"])("parseMonth refuses %p", (input) => {
    const error = thrown(() => parseMonth("aid-from", input));
    expect(error.code).toBe("BAD_FORMAT");
    expect(error.message).toContain("Write it like 2024-01.");
  });

  test("parseList splits on commas, semicolons and spaces", () => {
    expect(parseList("USA, DEU;FRA  ITA,,")).toEqual(["USA", "DEU", "FRA", "ITA"]);
    expect(parseList(null)).toEqual([]);
    expect(parseList("   ")).toEqual([]);
    expect(parseList(2024)).toEqual(["2024"]);
  });

  test("parseCode upper-cases and refuses symbols", () => {
    expect(parseCode("exempt", " hun ")).toBe("HUN");
    expect(parseCode("exempt", "EPF_PRE")).toBe("EPF_PRE");
    expect(thrown(() => parseCode("exempt", "H U N")).code).toBe("BAD_FORMAT");
    expect(thrown(() => parseCode("exempt", "x".repeat(25))).code).toBe("BAD_FORMAT");
  });

  test("parseCodeValues reads CODE=VALUE or CODE:VALUE, once per code", () => {
    expect([...parseCodeValues("cap", "usa=22, DEU:16.5", "USA=22")]).toEqual([
      ["USA", "22"],
      ["DEU", "16.5"],
    ]);
    expect(thrown(() => parseCodeValues("cap", "USA=22,usa=1", "USA=22")).code).toBe("DUPLICATE_CODE");
    expect(thrown(() => parseCodeValues("cap", "USA22", "USA=22")).message).toBe(
      'cap: "USA22" is not in the form CODE=VALUE. Write it like USA=22.'
    );
  });

  test.each([
    [null, true],
    [undefined, true],
    ["", true],
    ["   ", true],
    [0, false],
    [false, false],
    ["0", false],
  ] as [RawValue, boolean][])("isBlank(%p) is %p", (input, expected) => {
    expect(isBlank(input)).toBe(expected);
  });
});

describe("decimal helpers", () => {
  test("the engine's constructor keeps its own settings whatever the global one says", () => {
    expect(Dec.precision).toBe(ENGINE_PRECISION);
    expect(Dec.rounding).toBe(Dec.ROUND_HALF_EVEN);
    // 1/3 to 50 significant digits.
    expect(dec(1).div(3).toFixed()).toBe(`0.${"3".repeat(50)}`);
  });

  test("minDec, maxDec, sumDec", () => {
    expect(minDec(dec(2), dec("1.5")).toFixed()).toBe("1.5");
    expect(maxDec(dec(2), dec("1.5")).toFixed()).toBe("2");
    expect(sumDec([dec("0.1"), dec("0.2")]).toFixed()).toBe("0.3");
    expect(sumDec([]).toFixed()).toBe("0");
  });

  test.each([
    ["1.23456789012345", 12, "1.234567890123"],
    ["2.5", 0, "2"], // half-even
    ["3.5", 0, "4"],
    ["1e20", 12, "100000000000000000000"],
    ["-0.0000000000001", 12, "0"],
    ["10.500", 12, "10.5"],
  ])("plain(%s, %d) is %s", (value, places, expected) => {
    expect(plain(dec(value), places)).toBe(expected);
  });
});

describe("ratios: fractions as Excel stores percentages; text may carry a percent sign", () => {
  const cap: RatioRules = {
    valid: { min: "0", max: "1", minExclusive: true },
    plausible: { min: "0", max: "1" },
    ratioOf: "of the total",
    example: "40%",
  };
  const pctGdp: RatioRules = {
    valid: { min: "0", max: "1", minExclusive: true },
    plausible: { min: "0", max: "0.03" },
    ratioOf: "of GDP a year",
    example: "0.25%",
  };

  it.each([
    ["0.25%", "0.0025"],
    [" 10 % ", "0.1"],
    ["40%", "0.4"],
    ["0.4", "0.4"],
    [0.4, "0.4"],
    ["100%", "1"],
    [1, "1"],
  ] as [RawValue, string][])("a cap of %p is the fraction %s", (value, expected) => {
    expect(parseRatio("cap", value, cap).toFixed()).toBe(expected);
  });

  it.each([
    ["40", "cap: 40 would be 4000% of the total; for 40% write 40% or 0.4."],
    [40, "cap: 40 would be 4000% of the total; for 40% write 40% or 0.4."],
    ["1.5", "cap: 1.5 would be 150% of the total; for 1.5% write 1.5% or 0.015."],
    ["150%", "cap: 150% is outside 0% to 100% of the total. Enter a value in that range, e.g. 40%."],
    ["-5%", "cap: -5% is outside 0% to 100% of the total. Enter a value in that range, e.g. 40%."],
    ["250", "cap: 250 (25000%) is outside 0% to 100% of the total. Enter a value in that range, e.g. 40%."],
    ["0%", "cap: 0% must be greater than 0. Enter a positive number such as 40%."],
    ["40 percent", 'cap: "40 percent" is not a number. Enter a number such as 40%.'],
  ] as [RawValue, string][])("a cap of %p is refused: %s", (value, message) => {
    expect(thrown(() => parseRatio("cap", value, cap)).message).toBe(message);
  });

  it("a bare share of GDP above the plausible few percent is refused, suggesting the percent form", () => {
    expect(thrown(() => parseRatio("pct-gdp", "0.25", pctGdp)).message).toBe(
      "pct-gdp: 0.25 would be 25% of GDP a year; for 0.25% write 0.25% or 0.0025."
    );
    expect(parseRatio("pct-gdp", "0.25%", pctGdp).toFixed()).toBe("0.0025");
    expect(parseRatio("pct-gdp", "0.0025", pctGdp).toFixed()).toBe("0.0025");
    // An explicit percent is unambiguous: 5% of GDP is refused only by the valid range, not the plausible one.
    expect(parseRatio("pct-gdp", "5%", pctGdp).toFixed()).toBe("0.05");
  });

  it("the error carries the parameter, the value and the range as typed facts", () => {
    const error = thrown(() => parseRatio("cap (USA)", "150%", cap));
    expect(error.parameter).toBe("cap");
    expect(error.value).toBe("150%");
    expect(error.range).toEqual(cap.valid);
  });

  it("credit 50% in a scenario is the same as credit 0.5", () => {
    const asPercent = runScenario({ credit: "50%" });
    const asFraction = runScenario({ credit: "0.5" });
    expect(asPercent.scenario.credit.toFixed()).toBe("0.5");
    expect(asPercent.allocation.rows.map((row) => row.total.toFixed())).toEqual(
      asFraction.allocation.rows.map((row) => row.total.toFixed())
    );
  });
});
