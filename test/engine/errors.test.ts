import { ERROR_CATALOGUE, FairShareError, fail, isFairShareError, type ErrorCode } from "../../src/engine/errors";
import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { thrown } from "../helpers/engine";

interface BadInput {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly code: ErrorCode;
  /** The input the message names (its first word, before the colon). */
  readonly argument: string;
  /** Text the message must contain: the offending value or detail, and the sentence that says how to fix it. */
  readonly says: readonly string[];
}

const row = (code: string, basis?: number | string, aid?: number | string) => ({ code, basis, aid });

const BAD_INPUTS: readonly BadInput[] = [
  // Wrong types and non-numbers.
  {
    name: "total TRUE",
    spec: { total: true },
    code: "NOT_A_NUMBER",
    argument: "total",
    says: ['"TRUE" is not a number.', "Enter a number such as 100bn."],
  },
  {
    name: "total abc",
    spec: { total: "abc" },
    code: "NOT_A_NUMBER",
    argument: "total",
    says: ['"abc" is not a number.'],
  },
  {
    name: "total with words after the scale",
    spec: { total: "100 bn euros" },
    code: "NOT_A_NUMBER",
    argument: "total",
    says: ['"100 bn euros" is not a number.'],
  },
  {
    name: "total Infinity",
    spec: { total: Infinity },
    code: "NOT_A_NUMBER",
    argument: "total",
    says: ['"Infinity" is not a number.'],
  },
  {
    name: "total NaN",
    spec: { total: NaN },
    code: "NOT_A_NUMBER",
    argument: "total",
    says: ['"NaN" is not a number.'],
  },
  {
    name: "years five",
    spec: { years: "five" },
    code: "NOT_A_NUMBER",
    argument: "years",
    says: ['"five" is not a number.', "Enter a number such as 1."],
  },
  {
    name: "credit half",
    spec: { credit: "half" },
    code: "NOT_A_NUMBER",
    argument: "credit",
    says: ['"half" is not a number.', "such as 50%"],
  },
  {
    name: "usd-per-eur x",
    spec: { currency: "USD", "usd-per-eur": "x" },
    code: "NOT_A_NUMBER",
    argument: "usd-per-eur",
    says: ['"x" is not a number.', "such as 1.078376"],
  },
  {
    name: "cap USA=abc",
    spec: { cap: "USA=abc" },
    code: "NOT_A_NUMBER",
    argument: "cap (USA)",
    says: ['"abc" is not a number.', "such as 40%"],
  },
  {
    name: "cap with a code but no value",
    spec: { cap: "USA" },
    code: "NOT_A_NUMBER",
    argument: "cap",
    says: ['"USA" is not a number.'],
  },
  {
    name: "a user basis that is text",
    spec: { contributorData: [row("AAA", "lots")] },
    code: "NOT_A_NUMBER",
    argument: "basis (AAA)",
    says: ['"lots" is not a number.', "such as 4274.98"],
  },
  {
    name: "years 2.5",
    spec: { years: 2.5 },
    code: "NOT_A_WHOLE_NUMBER",
    argument: "years",
    says: ['"2.5" is not a whole number.', "Enter a whole number such as 1."],
  },
  // Negative or zero where not allowed.
  {
    name: "total -5",
    spec: { total: -5 },
    code: "NOT_POSITIVE",
    argument: "total",
    says: ["-5 must be greater than 0.", "Enter a positive number such as 100bn."],
  },
  { name: "total 0", spec: { total: 0 }, code: "NOT_POSITIVE", argument: "total", says: ["0 must be greater than 0."] },
  {
    name: "unit 0",
    spec: { unit: 0 },
    code: "NOT_POSITIVE",
    argument: "unit",
    says: ["0 must be greater than 0.", "such as 1m"],
  },
  {
    name: "unit -1m",
    spec: { unit: "-1m" },
    code: "NOT_POSITIVE",
    argument: "unit",
    says: ["-1000000 must be greater than 0."],
  },
  {
    name: "usd-per-eur 0",
    spec: { currency: "USD", "usd-per-eur": 0 },
    code: "OUT_OF_RANGE",
    argument: "usd-per-eur",
    says: ["0 is outside 0.5 to 2."],
  },
  {
    name: "pct-gdp 0",
    spec: { method: "pct-gdp", "pct-gdp": 0 },
    code: "NOT_POSITIVE",
    argument: "pct-gdp",
    says: ["0 must be greater than 0.", "such as 0.25"],
  },
  {
    name: "max-pct-gdp 0",
    spec: { "max-pct-gdp": 0 },
    code: "NOT_POSITIVE",
    argument: "max-pct-gdp",
    says: ["0 must be greater than 0."],
  },
  {
    name: "cap 0 for everyone",
    spec: { cap: 0 },
    code: "NOT_POSITIVE",
    argument: "cap",
    says: ["0 must be greater than 0.", "such as 40%"],
  },
  {
    name: "cap USA=0",
    spec: { cap: "USA=0" },
    code: "NOT_POSITIVE",
    argument: "cap (USA)",
    says: ["0 must be greater than 0."],
  },
  {
    name: "a negative key value",
    spec: { method: "key", key: "USA=-1,DEU=1", contributors: "USA,DEU" },
    code: "NEGATIVE",
    argument: "key (USA)",
    says: ["-1 is negative.", "Enter 0 or more."],
  },
  {
    name: "a negative user basis",
    spec: { contributorData: [row("AAA", -1)] },
    code: "NEGATIVE",
    argument: "basis (AAA)",
    says: ["-1 is negative.", "Enter 0 or more."],
  },
  {
    name: "a negative user aid",
    spec: { credit: 1, contributorData: [row("AAA", 1, -3)] },
    code: "NEGATIVE",
    argument: "aid (AAA)",
    says: ["-3 is negative.", "Enter 0 or more."],
  },
  {
    name: "a negative profile weight",
    spec: { profile: "1,1,1,1,-1" },
    code: "NEGATIVE",
    argument: "profile (weight 5)",
    says: ["-1 is negative."],
  },
  // Out of range.
  {
    name: "years 0",
    spec: { years: 0 },
    code: "OUT_OF_RANGE",
    argument: "years",
    says: ["0 is outside 1 to 50.", "Enter a value from 1 to 50."],
  },
  { name: "years 51", spec: { years: 51 }, code: "OUT_OF_RANGE", argument: "years", says: ["51 is outside 1 to 50."] },
  {
    name: "start 1900",
    spec: { start: 1900 },
    code: "OUT_OF_RANGE",
    argument: "start",
    says: ["1900 is outside 1949 to 2100.", "Enter a value from 1949 to 2100."],
  },
  {
    name: "start 2101",
    spec: { start: 2101 },
    code: "OUT_OF_RANGE",
    argument: "start",
    says: ["2101 is outside 1949 to 2100."],
  },
  {
    name: "credit 1.5: a bare 1.5 reads as 150%, so the message offers 1.5%",
    spec: { credit: 1.5 },
    code: "RATIO_LOOKS_LIKE_PERCENT",
    argument: "credit",
    says: ["1.5 would be 150% of each contributor's aid; for 1.5% write 1.5% or 0.015."],
  },
  {
    name: "credit -0.1",
    spec: { credit: -0.1 },
    code: "RATIO_OUT_OF_RANGE",
    argument: "credit",
    says: ["-0.1 (-10%) is outside 0% to 100% of each contributor's aid."],
  },
  {
    name: "overlap-threshold 150",
    spec: { "overlap-threshold": 150 },
    code: "RATIO_OUT_OF_RANGE",
    argument: "overlap-threshold",
    says: ["150 (15000%) is outside 0% to 100% of the allocation.", "e.g. 50%"],
  },
  {
    name: "pct-gdp 150%",
    spec: { method: "pct-gdp", "pct-gdp": "150%" },
    code: "RATIO_OUT_OF_RANGE",
    argument: "pct-gdp",
    says: ["150% is outside 0% to 100% of GDP a year."],
  },
  {
    name: "cap 101",
    spec: { cap: 101 },
    code: "RATIO_OUT_OF_RANGE",
    argument: "cap",
    says: ["101 (10100%) is outside 0% to 100% of the total."],
  },
  {
    name: "a blend weight of 150%",
    spec: { method: "blend", blend: "gdp2024:150%,population:-50%" },
    code: "RATIO_OUT_OF_RANGE",
    argument: "blend (gdp2024)",
    says: ["150% is outside 0% to 100% of the blend."],
  },
  {
    name: "an instrument ending before it starts",
    spec: { instrumentData: [{ id: "X", amount: "1bn", firstYear: 2025, lastYear: 2024 }] },
    code: "OUT_OF_RANGE",
    argument: "instruments (row 1) last year",
    says: ["2024 is outside 2025 to 2100."],
  },
  // Unknown choices.
  {
    name: "currency GBP",
    spec: { currency: "GBP" },
    code: "UNKNOWN_CHOICE",
    argument: "currency",
    says: ['"GBP" is not one of EUR, USD.', "Use one of them."],
  },
  {
    name: "method magic",
    spec: { method: "magic" },
    code: "UNKNOWN_CHOICE",
    argument: "method",
    says: ['"magic" is not one of gdp, pct-gdp, key, blend.'],
  },
  {
    name: "gdp-year 2022",
    spec: { "gdp-year": 2022 },
    code: "NO_YEAR",
    argument: "gdp-year",
    says: ["2022: the data has no GDP for that year; it has 2023 and 2024.", "a gdp_2022_eur_bn column"],
  },
  {
    name: "profile steep",
    spec: { profile: "steep" },
    code: "UNKNOWN_CHOICE",
    argument: "profile",
    says: ['"steep" is not one of flat, front, or weights'],
  },
  {
    name: "an unknown blend basis",
    spec: { method: "blend", blend: "gdp2024:0.5,wealth:0.5" },
    code: "UNKNOWN_CHOICE",
    argument: "blend",
    says: ['"wealth" is not one of gdp2023, gdp2024, population, gni, key.'],
  },
  {
    name: "an unknown EU instrument",
    spec: { eu: "UAF,FOO" },
    code: "UNKNOWN_CHOICE",
    argument: "eu",
    says: ['"FOO" is not one of adopted, none, UAF, EPF_PRE', "Use one of them."],
  },
  // Unknown and duplicate codes.
  {
    name: "exempt XXX",
    spec: { exempt: "XXX" },
    code: "UNKNOWN_CODE",
    argument: "exempt",
    says: [
      '"XXX" is not one of the 32 allies.',
      "Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).",
    ],
  },
  {
    name: "exempt an ally left out of the contributors",
    spec: { contributors: "USA,DEU", exempt: "HUN" },
    code: "CODE_LEFT_OUT",
    argument: "exempt",
    says: [
      '"HUN" (Hungary) is an ally, but not one of the contributors: contributors leaves it out.',
      "Add it to contributors, or remove it here.",
    ],
  },
  {
    name: "cap XXX=10%",
    spec: { cap: "XXX=10%" },
    code: "UNKNOWN_CODE",
    argument: "cap",
    says: ['"XXX" is not one of the 32 allies.'],
  },
  {
    name: "floor XXX=1%",
    spec: { floor: "XXX=1%" },
    code: "UNKNOWN_CODE",
    argument: "floor",
    says: ['"XXX" is not one of the 32 allies.'],
  },
  {
    name: "contributors XXX",
    spec: { contributors: "USA,XXX" },
    code: "UNKNOWN_CODE",
    argument: "contributors",
    says: ['"XXX" is not one of the 32 allies.', "Codes are ISO 3166 alpha-3"],
  },
  {
    name: "eu-states USA",
    spec: { "eu-states": "DEU,USA" },
    code: "UNKNOWN_CODE",
    argument: "eu-states",
    says: ['"USA" is not an EU member state.', "USA (United States) is a NATO ally, not an EU member state."],
  },
  {
    name: "key with an unknown code",
    spec: { method: "key", key: "USA=1,XXX=2", contributors: "USA" },
    code: "UNKNOWN_CODE",
    argument: "key",
    says: ['"XXX" is not one of the contributors.'],
  },
  {
    name: "a blend of embedded bases beside a basis range",
    spec: {
      method: "blend",
      blend: "gdp2024:1",
      contributorData: [
        { code: "DEU", basis: 1 },
        { code: "FRA", basis: 1000 },
      ],
    },
    code: "NOT_ALLOWED",
    argument: "basis",
    says: ["cannot be used with a blend of embedded bases.", "Add key to the blend"],
  },
  {
    name: "pct-gdp with a front-loaded profile",
    spec: { method: "pct-gdp", "pct-gdp": "0.25", profile: "front" },
    code: "NOT_ALLOWED",
    argument: "profile",
    says: ["cannot be used with method pct-gdp", "Use profile flat"],
  },
  {
    name: "gdp-year with method key, where no embedded GDP is used",
    spec: { method: "key", key: "USA=1,DEU=1", contributors: "USA,DEU", "gdp-year": "2023" },
    code: "NOT_ALLOWED",
    argument: "gdp-year",
    says: ["cannot be used when no GDP of the data is used", "Clear gdp-year"],
  },
  {
    name: "max-pct-gdp for a contributor with no GDP",
    spec: {
      method: "key",
      "max-pct-gdp": "1%",
      contributorData: [
        { code: "DEU", basis: 1 },
        { code: "XYZ", basis: 1 },
      ],
    },
    code: "NO_FIGURE",
    argument: "max-pct-gdp",
    says: ["has no GDP for XYZ.", "Give only allies, or clear max-pct-gdp."],
  },
  {
    name: "usd-per-eur with currency EUR",
    spec: { "usd-per-eur": "1.08" },
    code: "NOT_ALLOWED",
    argument: "usd-per-eur",
    says: ["cannot be used when currency is EUR.", "Clear usd-per-eur, or set currency USD."],
  },
  {
    name: "key given beside a basis range",
    spec: {
      method: "key",
      key: "A=1,B=1",
      total: "1bn",
      years: 1,
      contributorData: [
        { code: "A", basis: 1 },
        { code: "B", basis: 3 },
      ],
    },
    code: "NOT_ALLOWED",
    argument: "key",
    says: ["cannot be used with a basis range.", "clear key, or drop the basis range."],
  },
  {
    name: "exempt HUN twice",
    spec: { exempt: "HUN,hun" },
    code: "DUPLICATE_CODE",
    argument: "exempt",
    says: ['"HUN" appears more than once.', "Give each one only once."],
  },
  {
    name: "contributors with a duplicate",
    spec: { contributors: "USA,DEU,USA" },
    code: "DUPLICATE_CODE",
    argument: "contributors",
    says: ['"USA" appears more than once.'],
  },
  {
    name: "eu-states with a duplicate",
    spec: { "eu-states": "DEU,DEU" },
    code: "DUPLICATE_CODE",
    argument: "eu-states",
    says: ['"DEU" appears more than once.'],
  },
  {
    name: "key with a duplicate",
    spec: { method: "key", key: "USA=1,USA=2", contributors: "USA" },
    code: "DUPLICATE_CODE",
    argument: "key",
    says: ['"USA" appears more than once.'],
  },
  {
    name: "user rows with a duplicate code",
    spec: { contributorData: [row("AAA", 1), row("aaa", 2)] },
    code: "DUPLICATE_CODE",
    argument: "codes",
    says: ['"AAA" appears more than once.', "Give each one only once."],
  },
  {
    name: "a code with a symbol",
    spec: { exempt: "U$A" },
    code: "BAD_FORMAT",
    argument: "exempt",
    says: ['"U$A" is not in the form a code of letters and digits.', "Write it like DEU."],
  },
  // Months.
  {
    name: "aid-from 2024-13",
    spec: { credit: "0.5", "aid-from": "2024-13" },
    code: "BAD_FORMAT",
    argument: "aid-from",
    says: ['"2024-13" is not in the form YYYY-MM.', "Write it like 2024-01."],
  },
  {
    name: "aid-from 24-01",
    spec: { credit: "0.5", "aid-from": "24-01" },
    code: "BAD_FORMAT",
    argument: "aid-from",
    says: ['"24-01" is not in the form YYYY-MM.'],
  },
  {
    name: "aid-to March",
    spec: { credit: "0.5", "aid-to": "March" },
    code: "BAD_FORMAT",
    argument: "aid-to",
    says: ['"March" is not in the form YYYY-MM.'],
  },
  {
    name: "aid-from after aid-to",
    spec: { credit: "0.5", "aid-from": "2024-06", "aid-to": "2024-01" },
    code: "WINDOW_ORDER",
    argument: "aid-from",
    says: ["starts at 2024-06, after its end 2024-01.", "Give a first month no later than the last."],
  },
  {
    name: "a window with no data: aid-from 2030-01",
    spec: { credit: "0.5", "aid-from": "2030-01" },
    code: "NO_DATA",
    argument: "aid-from",
    says: ["2030-01 to 2026-04 has no data", "covers 2022-01 to 2026-04.", "Choose months in that range."],
  },
  {
    name: "a window with no data: 2030 to 2031",
    spec: { credit: "0.5", "aid-from": "2030-01", "aid-to": "2031-12" },
    code: "NO_DATA",
    argument: "aid-from",
    says: ["2030-01 to 2031-12 has no data"],
  },
  {
    name: "a window with no data: start 2030, no aid-from",
    spec: { credit: "0.5", start: 2030 },
    code: "NO_DATA",
    argument: "start",
    says: ["2030-01 to 2026-04 has no data"],
  },
  {
    name: "a window with no data: aid-to before the data",
    spec: { credit: "0.5", "aid-to": "2021-06" },
    code: "NO_DATA",
    argument: "aid-to",
    says: ["has no data", "Choose months in that range."],
  },
  // Missing or not allowed together.
  {
    name: "USD without usd-per-eur",
    spec: { currency: "USD" },
    code: "MISSING",
    argument: "usd-per-eur",
    says: ["is required when currency is USD.", "Give US dollars per euro, e.g. 1.08"],
  },
  {
    name: "pct-gdp method without a value",
    spec: { method: "pct-gdp" },
    code: "MISSING",
    argument: "pct-gdp",
    says: ["is required with method pct-gdp.", "Give a share of GDP, e.g. 0.25%."],
  },
  {
    name: "key method without a key",
    spec: { method: "key" },
    code: "MISSING",
    argument: "key",
    says: ["is required with method key.", "Give CODE=VALUE for every contributor"],
  },
  {
    name: "blend method without a blend",
    spec: { method: "blend" },
    code: "MISSING",
    argument: "blend",
    says: ["is required with method blend.", "Give bases and weights"],
  },
  {
    name: "total with pct-gdp",
    spec: { method: "pct-gdp", "pct-gdp": "0.25", total: "100bn" },
    code: "NOT_ALLOWED",
    argument: "total",
    says: ["cannot be used with method pct-gdp.", "clear total, or use method gdp."],
  },
  {
    name: "pct-gdp with method gdp",
    spec: { "pct-gdp": "0.25" },
    code: "NOT_ALLOWED",
    argument: "pct-gdp",
    says: ["cannot be used with method gdp.", "Clear pct-gdp, or use method pct-gdp."],
  },
  {
    name: "key with method gdp",
    spec: { key: "USA=1" },
    code: "NOT_ALLOWED",
    argument: "key",
    says: ["cannot be used with method gdp.", "Clear key, or use method key"],
  },
  {
    name: "blend with method gdp",
    spec: { blend: "gdp2024:1" },
    code: "NOT_ALLOWED",
    argument: "blend",
    says: ["cannot be used with method gdp.", "Clear blend, or use method blend."],
  },
  {
    name: "cap with pct-gdp",
    spec: { method: "pct-gdp", "pct-gdp": "0.25%", cap: "10%" },
    code: "NOT_ALLOWED",
    argument: "cap",
    says: ["cannot be used with method pct-gdp", "Use max-pct-gdp to limit payments"],
  },
  {
    name: "user rows and a contributors list",
    spec: { contributors: "USA", contributorData: [row("AAA", 1)] },
    code: "NOT_ALLOWED",
    argument: "contributors",
    says: ["cannot be used with contributor ranges.", "Either pass ranges or list codes, not both."],
  },
  // Lengths and sums.
  {
    name: "profile weights for 2 years, years 5",
    spec: { profile: "1,2" },
    code: "LENGTH_MISMATCH",
    argument: "profile",
    says: ["has 2 values but years has 5."],
  },
  {
    name: "blend weights adding up to 0.9",
    spec: { method: "blend", blend: "gdp2024:0.5,population:0.4" },
    code: "WEIGHTS_SUM",
    argument: "blend",
    says: ["weights add up to 0.9, not 1.", "Make the weights add up to 1"],
  },
  {
    name: "blend weights adding up to 1.1",
    spec: { method: "blend", blend: "gdp2024:0.6,population:0.5" },
    code: "WEIGHTS_SUM",
    argument: "blend",
    says: ["weights add up to 1.1, not 1."],
  },
  // Figures the data does not have.
  {
    name: "key missing a contributor",
    spec: { method: "key", key: "USA=1,DEU=2", contributors: "USA,DEU,FRA" },
    code: "NO_FIGURE",
    argument: "key",
    says: ["has no key value for FRA.", "Give every contributor a value (0 to exclude it)."],
  },
  {
    name: "blend gni with a non-EU ally",
    spec: { method: "blend", blend: "gni:1", contributors: "DEU,USA" },
    code: "NO_FIGURE",
    argument: "blend",
    says: ["for USA.", "Use another basis, or exempt it."],
  },
  {
    name: "a user row with no basis and no embedded GDP",
    spec: { contributorData: [row("AAA")] },
    code: "NO_FIGURE",
    argument: "basis",
    says: ["has no GDP for AAA.", "Give its GDP as its basis value."],
  },
  {
    name: "credit for a user row with no aid figure",
    spec: { credit: "0.5", contributorData: [row("AAA", 1)] },
    code: "NO_FIGURE",
    argument: "credit",
    says: ["has no bilateral aid for AAA.", "Give its aid in an aid range, or set credit to 0."],
  },
  {
    name: "a user row with an empty code",
    spec: { contributorData: [row("AAA", 1), row("  ", 2)] },
    code: "EMPTY",
    argument: "codes (row 2)",
    says: ["is empty.", "Give every row a contributor code."],
  },
  {
    name: "every key value zero",
    spec: { method: "key", key: "USA=0,DEU=0", contributors: "USA,DEU" },
    code: "ALL_ZERO",
    argument: "key",
    says: ["Give at least one paying contributor a key value above 0."],
  },
  {
    name: "every profile weight zero",
    spec: { profile: "0,0,0,0,0" },
    code: "ALL_ZERO",
    argument: "profile",
    says: ["Give at least one year a weight above 0."],
  },
  // Infeasible constraints.
  {
    name: "everyone exempt",
    spec: { contributors: "USA,DEU", exempt: "DEU,USA" },
    code: "EVERYONE_EXEMPT",
    argument: "exempt",
    says: ["exempts every contributor, so nobody is left to pay.", "Exempt fewer contributors."],
  },
  {
    name: "cap 1% for everyone",
    spec: { cap: 0.01 },
    code: "CAPS_TOO_LOW",
    argument: "cap",
    says: [
      "at most EUR 32bn in all, less than the total EUR 100bn (every contributor capped: 32 x 1%).",
      "Raise the caps, exempt fewer contributors or lower the total.",
    ],
  },
  {
    name: "caps with exemptions leaving too little",
    spec: { contributors: "USA,DEU,FRA", cap: "USA=40%,DEU=40%", exempt: "FRA" },
    code: "CAPS_TOO_LOW",
    argument: "cap",
    says: ["at most EUR 80bn in all", "(FRA exempt, DEU capped at 40% and USA capped at 40%)"],
  },
  {
    name: "max-pct-gdp too low for the total",
    spec: { "max-pct-gdp": "0.01%" },
    code: "CAPS_TOO_LOW",
    argument: "max-pct-gdp",
    says: [
      "at most about EUR 25.03bn in all, less than the total EUR 100bn",
      "every contributor at most 0.01% of its GDP a year",
      "Raise the caps",
    ],
  },
  {
    name: "floors over 100% in total",
    spec: { floor: "4%" },
    code: "FLOORS_TOO_HIGH",
    argument: "floor",
    says: ["add up to EUR 128bn (32 x 4%), more than the total EUR 100bn.", "Lower the floors or raise the total."],
  },
  {
    name: "a cap below the floor for one contributor",
    spec: { cap: "USA=0.1", floor: "USA=0.2" },
    code: "CAP_BELOW_FLOOR",
    argument: "floor",
    says: ["gives USA a maximum of EUR 10bn below its minimum of EUR 20bn.", "Raise its cap or lower its floor."],
  },
  // Units.
  {
    name: "total 100, unit 7",
    spec: { total: 100, unit: 7 },
    code: "UNIT_DOES_NOT_DIVIDE",
    argument: "total",
    says: [
      "the total EUR 100 is not a whole number of EUR 7 units.",
      "Use a unit that divides it, such as EUR 5 or EUR 10.",
    ],
  },
  {
    name: "total 100bn, unit 0.3: the unit is named, as the total is the default",
    spec: { unit: "0.3" },
    code: "UNIT_DOES_NOT_DIVIDE",
    argument: "unit",
    says: ["EUR 0.3 units", "such as EUR 0.25 or EUR 0.4"],
  },
  {
    name: "1e21 units: 1e21 is a valid total, but not in units of 1",
    spec: { total: "1e15", unit: 0.01 },
    code: "TOO_MANY_UNITS",
    argument: "total",
    says: ["more than 1000000000000000.", "Use a larger rounding unit."],
  },
  // The user's instruments.
  {
    name: "an instrument with a negative amount",
    spec: { instrumentData: [{ id: "X", amount: -1, firstYear: 2024, lastYear: 2024 }] },
    code: "NOT_POSITIVE",
    argument: "instruments (row 1) amount",
    says: ["-1 must be greater than 0.", "such as 5bn"],
  },
];

/** The last sentence of the catalogue's text for this code, with its placeholders filled from the details. */
function fixSentence(code: ErrorCode, details: Readonly<Record<string, string | number>>): string {
  const text = ERROR_CATALOGUE[code].text;
  const sentences = text.split(/(?<=\.) (?=[A-Z{])/);
  const last = sentences[sentences.length - 1];
  return last.replace(/\{(\w+)\}/g, (whole, key: string) => (key in details ? String(details[key]) : whole));
}

describe("bad inputs to runScenario: the catalogue's error, naming the input and the fix", () => {
  test("there are at least 30 distinct bad inputs", () => {
    // Numbers through String, so that Infinity and NaN stay apart (JSON writes both as null).
    const key = (spec: ScenarioSpec): string =>
      JSON.stringify(spec, (_, value: unknown) => (typeof value === "number" ? String(value) : value));
    expect(new Set(BAD_INPUTS.map((bad) => key(bad.spec))).size).toBe(BAD_INPUTS.length);
    expect(new Set(BAD_INPUTS.map((bad) => bad.name)).size).toBe(BAD_INPUTS.length);
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
  });

  test.each(BAD_INPUTS.map((bad) => [bad.name, bad] as const))("%s", (_, bad) => {
    const error = thrown(() => runScenario(bad.spec));
    expect(error.code).toBe(bad.code);
    expect(error.argument).toBe(bad.argument);
    expect(error.excel).toBe(ERROR_CATALOGUE[bad.code].excel);
    expect(error.message.startsWith(`${bad.argument}: `)).toBe(true);
    for (const text of bad.says) expect(error.message).toContain(text);
    // Every placeholder was filled in, and the message ends with the catalogue's last sentence: the fix.
    expect(error.message).not.toMatch(/\{\w+\}/);
    expect(error.message.endsWith(fixSentence(bad.code, error.details))).toBe(true);
  });
});

describe("the catalogue", () => {
  test.each(Object.keys(ERROR_CATALOGUE) as ErrorCode[])("%s ends with a sentence that says what to do", (code) => {
    // Either the catalogue's own fix sentence, or the {fix} every caller must give.
    const text = ERROR_CATALOGUE[code].text;
    expect(text.endsWith(".") || text.endsWith(". {fix}")).toBe(true);
    expect(["#VALUE!", "#N/A"]).toContain(ERROR_CATALOGUE[code].excel);
  });

  test("FairShareError carries the code, argument, Excel kind and details; fail() throws it", () => {
    const details = { value: "XXX", where: "one of the contributors", fix: "Use one of theirs." };
    const error = new FairShareError("UNKNOWN_CODE", "exempt", details);
    expect(error.name).toBe("FairShareError");
    expect(error.code).toBe("UNKNOWN_CODE");
    expect(error.argument).toBe("exempt");
    expect(error.excel).toBe("#N/A");
    expect(error.details).toEqual(details);
    expect(error.message).toBe('exempt: "XXX" is not one of the contributors. Use one of theirs.');
    expect(isFairShareError(error)).toBe(true);
    expect(isFairShareError(new Error("x"))).toBe(false);
    const thrownByFail = thrown(() => fail("NEGATIVE", "aid", { value: -1 }));
    expect(thrownByFail.message).toBe("aid: -1 is negative. Enter 0 or more.");
  });

  test("a placeholder without a detail is left visible rather than dropped", () => {
    expect(new FairShareError("NEGATIVE", "aid").message).toBe("aid: {value} is negative. Enter 0 or more.");
  });
});
