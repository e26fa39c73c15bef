// Bad input as a new user types it, through the command line's main() and through the FAIRSHARE functions: every case
// exits 2 (or gives #VALUE!/#N/A) with a message a person can act on, pinned word for word. Most of these gave a wrong
// number with exit 0, a hang, a 10 MB message or an unhelpful "not one of the contributors" before the parameter table
// became the one schema (ratios as fractions, bounded numbers, unambiguous commas, codes with suggestions).
import { excelError } from "./functions-runtime";
import { OMITTED, allocateExcel, expectedAllocation } from "./helpers/functions";
import { main, type Environment } from "../src/cli/main";
import { data, overlap, schedule, share } from "../src/functions/functions";
import { clearMemo } from "../src/functions/memo";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: readonly string[], env: Environment = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(
    ["allocate", ...args],
    { out: (text) => void (stdout += text), err: (text) => void (stderr += text) },
    env
  );
  return { code, stdout, stderr };
}

async function report(args: readonly string[]): Promise<{
  allies: { iso3: string; total: string; constraint: string }[];
  notes: string[];
}> {
  const result = await run([...args, "--format", "json"]);
  if (result.code !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/** Command-line input that must exit 2 with exactly this message (after "fair-share: "). */
const CLI_CASES: readonly (readonly [readonly string[], string])[] = [
  [["--cap", "USA=40"], "--cap (USA): 40 would be 4000% of the total; for 40% write 40% or 0.4."],
  [
    ["--currency", "USD", "--usd-per-eur", "1,078"],
    '--usd-per-eur: "1,078" could be read as 1078 or as 1.078. Write 1078 or 1.078, without the comma.',
  ],
  [
    ["--total", "2,500bn"],
    '--total: "2,500bn" could be read as 2500bn or as 2.5bn. Write 2500bn or 2.5bn, without the comma.',
  ],
  [
    ["--total", "1e9000000000000000"],
    '--total: "1e9000000000000000" is far too large or too small to be meant. Enter a number such as 100bn.',
  ],
  [
    ["--total", "1e10000000"],
    '--total: "1e10000000" is far too large or too small to be meant. Enter a number such as 100bn.',
  ],
  [
    ["--exempt", "UK"],
    '--exempt: "UK" is not one of the 32 allies. Did you mean GBR (United Kingdom)? Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [
    ["--exempt", "GER"],
    '--exempt: "GER" is not one of the 32 allies. Did you mean DEU (Germany) or GBR (United Kingdom)? Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [
    ["--cap", "US=40%"],
    '--cap: "US" is not one of the 32 allies. Did you mean USA (United States)? Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [
    ["--method", "pct-gdp", "--pct-gdp", "0.25"],
    "--pct-gdp: 0.25 would be 25% of GDP a year; for 0.25% write 0.25% or 0.0025.",
  ],
  [["--exempt", ",,,"], "--exempt: is empty. Give at least one item, e.g. HUN, or leave it out."],
  [
    ["--exempt", "HUN", "--cap", "USA=22%,HUN=3%"],
    "--cap (HUN): cannot be used for an exempt contributor. HUN (Hungary) pays nothing: remove its cap, or do not exempt it.",
  ],
  [
    ["--exempt", "HUN", "--floor", "HUN=1%"],
    "--floor (HUN): cannot be used for an exempt contributor. HUN (Hungary) pays nothing: remove its floor, or do not exempt it.",
  ],
  [
    ["--eu", "none", "--eu-states", "DEU"],
    "--eu-states: cannot be used with eu none (no EU instruments, so no overlap to attribute or flag). Clear eu-states, or choose instruments in eu (e.g. adopted).",
  ],
  [
    ["--eu", "none", "--overlap-threshold", "40%"],
    "--overlap-threshold: cannot be used with eu none (no EU instruments, so no overlap to attribute or flag). Clear overlap-threshold, or choose instruments in eu (e.g. adopted).",
  ],
  [
    ["--start", "2025", "--credit", "0.5", "--aid-to", "2024-06"],
    "--aid-to: 2024-06 is before the aid window's start 2025-01 (January of the start year, as aid-from is not given). Give a later aid-to, or an aid-from no later than it.",
  ],
  [
    ["--currency", "USD", "--usd-per-eur", "1e10000000"],
    '--usd-per-eur: "1e10000000" is far too large or too small to be meant. Enter a number such as 1.078376.',
  ],
  [
    ["--floor", "5%"],
    "--floor: add up to EUR 160bn (32 x 5%), more than the total EUR 100bn. Lower the floors or raise the total.",
  ],
  [
    ["--unit", "3m"],
    "--unit: the total EUR 100bn is not a whole number of EUR 3m units. Use a unit that divides it, such as EUR 2.5m or EUR 4m.",
  ],
  [["--currency", "USD", "--usd-per-eur", "3"], "--usd-per-eur: 3 is outside 0.5 to 2. Enter a value from 0.5 to 2."],
  [
    ["--contributors", "USA,DEU", "--exempt", "FRA"],
    '--exempt: "FRA" (France) is an ally, but not one of the contributors: contributors leaves it out. Add it to contributors, or remove it here.',
  ],
  [
    ["--exempt", "AUT"],
    '--exempt: "AUT" is not one of the 32 allies. AUT (Austria) is an EU member state, not a NATO ally. Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [
    ["--exempt", "JPN"],
    '--exempt: "JPN" is not one of the 32 allies. Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [["--credit", "50"], "--credit: 50 would be 5000% of each contributor's aid; for 50% write 50% or 0.5."],
  [
    ["--overlap-threshold", "50"],
    "--overlap-threshold: 50 would be 5000% of the allocation; for 50% write 50% or 0.5.",
  ],
  [["--max-pct-gdp", "0.5"], "--max-pct-gdp: 0.5 would be 50% of GDP a year; for 0.5% write 0.5% or 0.005."],
  [["--total", "0,5bn"], '--total: "0,5bn" has a comma where a number is expected. Write 0.5bn.'],
  [["--years", "1e401"], '--years: "1e401" is far too large or too small to be meant. Enter a number such as 1.'],
  [
    ["--profile", "1e10000000,1,1,1,1"],
    '--profile (weight 1): "1e10000000" is far too large or too small to be meant. Enter a number such as 1.',
  ],
  [
    ["--unit", "0.001"],
    '--unit: "0.001" is finer than 0.01: an amount has at most 2 decimal places. Round it, e.g. to 0.01.',
  ],
  [["--unit", "0"], "--unit: 0 must be greater than 0. Enter a positive number such as 1m."],
  [["--total", "2000tn"], "--total: 2,000tn is outside 0 to 1,000tn. Enter a value from 0 to 1,000tn."],
  [["--cap", "0%"], "--cap: 0% must be greater than 0. Enter a positive number such as 40%."],
  [["--cap", "USA=40%,USA=30%"], '--cap: "USA" appears more than once. Give each one only once.'],
  [["--exempt", "HUN,Hungary"], '--exempt: "HUN" appears more than once. Give each one only once.'],
  [
    ["--method", "key", "--key", "USA=1"],
    "--key: has no key value for ALB, BEL, BGR, CAN, HRV and 26 more. Give every contributor a value (0 to exclude it).",
  ],
  [
    ["--method", "blend", "--blend", "gdp2024:50,population:50"],
    "--blend (gdp2024): 50 would be 5000% of the blend; for 50% write 50% or 0.5.",
  ],
  [["--contributors", ",,"], "--contributors: is empty. Give at least one item, e.g. USA,DEU,FRA, or leave it out."],
  [
    ["--eu-states", "NOR"],
    '--eu-states: "NOR" is not an EU member state. NOR (Norway) is a NATO ally, not an EU member state. Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [
    ["--exempt", "Hungry"],
    '--exempt: "Hungry" is not one of the 32 allies. Did you mean HUN (Hungary)? Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
  ],
  [
    ["--total", "1e15", "--unit", "0.01"],
    "--total: would need 100000000000000000 rounding units, more than 1000000000000000. Use a larger rounding unit.",
  ],
  [
    ["--cap", "USA=150%"],
    "--cap (USA): 150% is outside 0% to 100% of the total. Enter a value in that range, e.g. 40%.",
  ],
  [
    ["--credit", "-5%"],
    "--credit: -5% is outside 0% to 100% of each contributor's aid. Enter a value in that range, e.g. 50%.",
  ],
  [["--total", "1,000.5"], '--total: "1,000.5" has a comma where a number is expected. Write 1000.5.'],
  [["--floor", "LUX=0.1,LUX=0.2"], '--floor: "LUX" appears more than once. Give each one only once.'],
  [
    ["--cap", "40% 30%"],
    '--cap: "40% 30%" is not in the form CODE=RATIO pairs or one ratio for everyone. Write it like USA=40%.',
  ],
  [
    ["--max-pct-gdp", "0.01%"],
    "--max-pct-gdp: let the contributors pay at most about EUR 25.03bn in all, less than the total EUR 100bn (every contributor at most 0.01% of its GDP a year). Raise the caps, exempt fewer contributors or lower the total.",
  ],
  [
    ["--cap", "USA=10%", "--floor", "USA=20%"],
    "--floor: gives USA a maximum of EUR 10bn below its minimum of EUR 20bn. Raise its cap or lower its floor.",
  ],
  [
    ["--contributors", "USA,DEU", "--cap", "50%", "--exempt", "Germany"],
    "--cap: let the contributors pay at most EUR 50bn in all, less than the total EUR 100bn (DEU exempt and USA capped at 50%). Raise the caps, exempt fewer contributors or lower the total.",
  ],
  [["--profile", "0,0,0,0,0"], "--profile: is zero for every year. Give at least one year a weight above 0."],
  [["--eu-states", ";"], "--eu-states: is empty. Give at least one item, e.g. DEU,FRA, or leave it out."],
  [["--key", "USA=1"], "--key: cannot be used with method gdp. Clear key, or use method key (or key in a blend)."],
  // Messages that misled: each says what is wrong with the value as typed, and what to write instead.
  [
    ["--eu", "none,adopted"],
    '--eu: "none" must stand alone: it means no EU instrument at all. Give none by itself, or leave it out of the list.',
  ],
  [["--credit", "50%%"], '--credit: "50%%" has 2 percent signs. Write 50% or 0.5.'],
  [["--cap", "USA=40%%"], '--cap (USA): "40%%" has 2 percent signs. Write 40% or 0.4.'],
  [["--credit", "5o%"], '--credit: "5o%" is not a number. Enter a number such as 50%.'],
  [
    ["--total", "1000.0000000001tn"],
    "--total: 1,000.0000000001tn is outside 0 to 1,000tn. Enter a value from 0 to 1,000tn.",
  ],
  [
    ["--total", "1000000000000000.01"],
    "--total: 1,000.00000000000001tn is outside 0 to 1,000tn. Enter a value from 0 to 1,000tn.",
  ],
  [
    ["--total", "1e-400"],
    '--total: "1e-400" is finer than 0.01: an amount has at most 2 decimal places. Round it, e.g. to 0.01.',
  ],
  [["--total", "1e400"], "--total: 1e400 is outside 0 to 1,000tn. Enter a value from 0 to 1,000tn."],
  [
    ["--total", "1.2345678901234k"],
    '--total: "1.2345678901234k" is finer than 0.01: an amount has at most 2 decimal places. Round it, e.g. to 1234.57.',
  ],
  [
    [
      "--years",
      "123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012",
    ],
    "--years: about 1.235e101 is outside 1 to 50. Enter a value from 1 to 50.",
  ],
  [
    ["--exempt", "\u001b[31mHUN"],
    '--exempt: "\\u001b[31mHUN" is not in the form a code of letters and digits. Write it like DEU.',
  ],
  [
    ["--eu-add", "A\u0007 1bn 2024"],
    '--eu-add: "A\\u0007" is not an id: an id is letters, digits and _ (at most 24). Write it like USL2.',
  ],
  // Accepted before, though it should not be: one rule of the schema for each, whatever the face.
  [["--eu", "UAF,UAF"], '--eu: "UAF" appears more than once. Give each one only once.'],
  [["--eu", "adopted,uaf,ADOPTED"], '--eu: "ADOPTED" appears more than once. Give each one only once.'],
  [
    ["--eu-add", "a-b 1bn 2024"],
    '--eu-add: "a-b" is not an id: an id is letters, digits and _ (at most 24). Write it like USL2.',
  ],
  [
    ["--eu-add", "A 1bn 2024 civil civil military"],
    '--eu-add (A): "civil" after "civil": give one of military or civil, once.',
  ],
  [
    ["--eu-add", "A 1bn 2024 military DEU FRA civil"],
    '--eu-add (A): "civil" after "military": give one of military or civil, once.',
  ],
  [["--eu-add", "A 1bn 2024 no-cost cost"], '--eu-add (A): "cost" after "no-cost": give one of cost or no-cost, once.'],
  [["--eu-add", "A 1bn 2024 EU27 -HUN -HUN"], '--eu-add (A): "HUN" appears more than once. Give each one only once.'],
  [["--eu-add", "A 1bn 2024 DEU FRA DEU"], '--eu-add (A): "DEU" appears more than once. Give each one only once.'],
  [["--eu-add", "A 1bn 2101"], "--eu-add (A): 2101 is outside 1949 to 2100. Enter a value from 1949 to 2100."],
  [
    ["--start", "2100", "--years", "50"],
    "--years: 50 years from 2100 run to 2149, past 2100, the last year a scenario may reach. Give at most 1 year from 2100, or start by 2051.",
  ],
  [
    ["--start", "2099"],
    "--start: 5 years from 2099 run to 2103, past 2100, the last year a scenario may reach. Give at most 2 years from 2099, or start by 2096.",
  ],
  [
    ["--method", "pct-gdp", "--pct-gdp", "1e-400"],
    "--pct-gdp: 1e-400 is closer to 0 than 1e-9 (0.0000001%), the smallest ratio other than 0. Enter at least 1e-9.",
  ],
  [
    ["--cap", "USA=1e-400"],
    "--cap (USA): 1e-400 is closer to 0 than 1e-9 (0.0000001%), the smallest ratio other than 0. Enter at least 1e-9.",
  ],
  [
    ["--credit", "1e-400"],
    "--credit: 1e-400 is closer to 0 than 1e-9 (0.0000001%), the smallest ratio other than 0. Enter 0 or at least 1e-9.",
  ],
  [
    ["--floor", "0.00000000001%"],
    "--floor: 0.00000000001% is closer to 0 than 0.0000001% (1e-9), the smallest ratio other than 0. Enter 0 or at least 0.0000001%.",
  ],
  [
    ["--credit", "0.333333333333333333333"],
    '--credit: "0.333333333333333333333" has 21 significant digits; a ratio has at most 17. Round it, e.g. to 0.33333333333333333.',
  ],
  [
    ["--credit", "-1e-400"],
    "--credit: -1e-400 (-1e-398%) is outside 0% to 100% of each contributor's aid. Enter a value in that range, e.g. 50%.",
  ],
];

beforeEach(() => clearMemo());

describe("bad input on the command line: exit 2 and one short message that names the flag and the fix", () => {
  test("at least 45 distinct cases", () => {
    expect(new Set(CLI_CASES.map(([args]) => args.join(" "))).size).toBe(CLI_CASES.length);
    expect(CLI_CASES.length).toBeGreaterThanOrEqual(45);
  });

  test.each(CLI_CASES.map(([args, message]) => [args.join(" "), args, message] as const))(
    "allocate %s",
    async (_, args, message) => {
      const result = await run(args);
      expect(result).toEqual({ code: 2, stdout: "", stderr: `fair-share: ${message}\n` });
      // A message is a few lines at most, whatever was typed.
      expect(result.stderr.length).toBeLessThan(400);
    }
  );

  test("npm run allocate --exempt HUN: npm keeps the flag, fair-share says flags go after --", async () => {
    const env = { npm_lifecycle_event: "allocate", npm_config_exempt: "true" };
    expect(await run(["HUN"], env)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "fair-share: npm took --exempt as its own option, so it never reached fair-share. Run through npm, flags go after --: npm run allocate -- --exempt HUN.\n",
    });
    // npm passes --cap=... on as a bare value: the stray value's message says the same.
    const stray = await run(["USA=40%"], { npm_lifecycle_event: "allocate" });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("Run through npm, flags go after --: npm run allocate -- --exempt HUN.");
    // The output switches too: every flag allocate accepts is checked, not a list kept beside them.
    const switches = await run([], {
      npm_lifecycle_event: "allocate",
      npm_config_force: "true",
      npm_config_decimal_comma: "true",
    });
    expect(switches.code).toBe(2);
    expect(switches.stderr).toContain("npm took --decimal-comma, --force as its own option");
  });
});

describe("input a person would type, read as meant", () => {
  test("--cap USA=0.4 caps the United States at 40% of the total, and the notes say so in percent", async () => {
    const capped = await report(["--cap", "USA=0.4"]);
    const usa = capped.allies.find((ally) => ally.iso3 === "USA");
    expect(usa).toMatchObject({ total: "40000000000", constraint: "cap" });
    expect(capped.notes).toContain("United States capped at 40% of the total.");
    // 40% and 0.4 are the same cap; so is "USA=40 %".
    const percent = await report(["--cap", "USA=40%"]);
    expect(percent.allies).toEqual(capped.allies);
    expect(percent.notes).toEqual(capped.notes);
    expect((await report(["--cap", "USA=40 %"])).allies).toEqual(capped.allies);
  });

  test("--exempt Hungary exempts HUN, as --exempt HUN does; names work in lists and in cap", async () => {
    const byName = await report(["--exempt", "Hungary"]);
    expect(byName.allies.find((ally) => ally.iso3 === "HUN")).toMatchObject({ total: "0", constraint: "exempt" });
    expect(byName.allies).toEqual((await report(["--exempt", "HUN"])).allies);
    expect((await report(["--exempt", "United Kingdom, hungary"])).allies).toEqual(
      (await report(["--exempt", "GBR,HUN"])).allies
    );
    expect((await report(["--cap", "United States=40%"])).allies).toEqual((await report(["--cap", "USA=40%"])).allies);
  });

  test("ratios read as fractions everywhere: credit 50% is 0.5, pct-gdp 0.25% is 0.0025", async () => {
    expect((await report(["--credit", "50%"])).allies).toEqual((await report(["--credit", "0.5"])).allies);
    const pct = await report(["--method", "pct-gdp", "--pct-gdp", "0.25%"]);
    expect(pct.allies).toEqual((await report(["--method", "pct-gdp", "--pct-gdp", "0.0025"])).allies);
    expect(pct.notes).toContain("Each contributor pays 0.25% of its GDP a year.");
  });

  test("leading zeros are fine: --years 007 is 7 years, and a hundred zeros before 5 are 5", async () => {
    const seven = await report(["--years", "7"]);
    expect((await report(["--years", "007"])).allies).toEqual(seven.allies);
    expect((await report(["--years", `${"0".repeat(100)}5`])).allies).toEqual((await report(["--years", "5"])).allies);
  });

  test("every suffix of the one table reads as its scale: 5mn is 5m, 2b is 2bn, 0.1t is 100bn", async () => {
    expect((await report(["--total", "5mn"])).allies).toEqual((await report(["--total", "5m"])).allies);
    expect((await report(["--total", "2b"])).allies).toEqual((await report(["--total", "2bn"])).allies);
    expect((await report(["--total", "0.1t"])).allies).toEqual((await report(["--total", "100bn"])).allies);
  });

  test("a scenario may end in 2100, the last year of the schema's year range", async () => {
    const result = await run(["--start", "2096", "--format", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).years).toEqual([2096, 2097, 2098, 2099, 2100]);
  });

  test("a comma in two or more thousands groups is unambiguous", async () => {
    expect((await report(["--total", "1,000,000,000"])).allies).toEqual((await report(["--total", "1bn"])).allies);
  });
});

describe("bad input through the FAIRSHARE functions: the same rules and messages as the command line", () => {
  const block = (...rows: (string | number)[][]) => ({ inputs: rows });
  const CASES: readonly (readonly [string, () => unknown, string, string])[] = [
    [
      "a cap of 40 in a plain cell",
      () => allocateExcel(block(["cap", "USA=40"])),
      "#VALUE!",
      "cap (USA): 40 would be 4000% of the total; for 40% write 40% or 0.4.",
    ],
    [
      "a cap of 40 for everyone, as a number",
      () => allocateExcel(block(["cap", 40])),
      "#VALUE!",
      "cap: 40 would be 4000% of the total; for 40% write 40% or 0.4.",
    ],
    [
      "usd-per-eur 1,078 as text",
      () => allocateExcel(block(["currency", "USD"], ["usd-per-eur", "1,078"])),
      "#VALUE!",
      'usd-per-eur: "1,078" could be read as 1078 or as 1.078. Write 1078 or 1.078, without the comma.',
    ],
    [
      "total 2,500bn as an argument",
      () => allocateExcel({ total: "2,500bn" }),
      "#VALUE!",
      'total: "2,500bn" could be read as 2500bn or as 2.5bn. Write 2500bn or 2.5bn, without the comma.',
    ],
    [
      "an absurd total",
      () => allocateExcel({ total: "1e9000000000000000" }),
      "#VALUE!",
      'total: "1e9000000000000000" is far too large or too small to be meant. Enter a number such as 100bn.',
    ],
    [
      "SCHEDULE of an absurd total",
      () => schedule("1e9000000000000000", 5),
      "#VALUE!",
      'total: "1e9000000000000000" is far too large or too small to be meant. Enter a number such as 100bn.',
    ],
    [
      "SCHEDULE with an absurd weight",
      () => schedule("100bn", 5, [["1e10000000", 1, 1, 1, 1]]),
      "#VALUE!",
      'profile (weight 1): "1e10000000" is far too large or too small to be meant. Enter a number such as 1.',
    ],
    [
      "SCHEDULE of 100,5m",
      () => schedule("100,5m", 5),
      "#VALUE!",
      'total: "100,5m" has a comma where a number is expected. Write 100.5m.',
    ],
    [
      "exempt UK",
      () => allocateExcel(block(["exempt", "UK"])),
      "#N/A",
      'exempt: "UK" is not one of the 32 allies. Did you mean GBR (United Kingdom)? Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
    ],
    [
      "SHARE of GER",
      () => share("GER"),
      "#N/A",
      'code: "GER" is not one of this scenario\'s contributors. Did you mean DEU (Germany) or GBR (United Kingdom)? Codes are ISO 3166 alpha-3 (GBR), or English names (United Kingdom).',
    ],
    [
      "pct-gdp 0.25 in a plain cell",
      () => allocateExcel(block(["method", "pct-gdp"], ["pct-gdp", 0.25])),
      "#VALUE!",
      "pct-gdp: 0.25 would be 25% of GDP a year; for 0.25% write 0.25% or 0.0025.",
    ],
    [
      "overlap-threshold 50 in a plain cell",
      () => overlap([["overlap-threshold", 50]]),
      "#VALUE!",
      "overlap-threshold: 50 would be 5000% of the allocation; for 50% write 50% or 0.5.",
    ],
    [
      "credit 50 in a plain cell",
      () => allocateExcel(block(["credit", 50])),
      "#VALUE!",
      "credit: 50 would be 5000% of each contributor's aid; for 50% write 50% or 0.5.",
    ],
    [
      "eu none with eu-states",
      () =>
        overlap([
          ["eu", "none"],
          ["eu-states", "DEU"],
        ]),
      "#VALUE!",
      "eu-states: cannot be used with eu none (no EU instruments, so no overlap to attribute or flag). Clear eu-states, or choose instruments in eu (e.g. adopted).",
    ],
    [
      "an empty exempt list",
      () => allocateExcel(block(["exempt", ",,,"])),
      "#VALUE!",
      "exempt: is empty. Give at least one item, e.g. HUN, or leave it out.",
    ],
    [
      "floors of 5% each",
      () => allocateExcel(block(["floor", 0.05])),
      "#VALUE!",
      "floor: add up to EUR 160bn (32 x 5%), more than the total EUR 100bn. Lower the floors or raise the total.",
    ],
    [
      "a unit of 3m",
      () => allocateExcel(block(["unit", "3m"])),
      "#VALUE!",
      "unit: the total EUR 100bn is not a whole number of EUR 3m units. Use a unit that divides it, such as EUR 2.5m or EUR 4m.",
    ],
    [
      "usd-per-eur 3",
      () => allocateExcel(block(["currency", "USD"], ["usd-per-eur", 3])),
      "#VALUE!",
      "usd-per-eur: 3 is outside 0.5 to 2. Enter a value from 0.5 to 2.",
    ],
    [
      "exempt an ally contributors leaves out",
      () => allocateExcel(block(["contributors", "USA,DEU"], ["exempt", "FRA"])),
      "#N/A",
      'exempt: "FRA" (France) is an ally, but not one of the contributors: contributors leaves it out. Add it to contributors, or remove it here.',
    ],
    [
      "aid-to before the default aid-from",
      () => allocateExcel(block(["start", 2025], ["credit", 0.5], ["aid-to", "2024-06"])),
      "#VALUE!",
      "aid-to: 2024-06 is before the aid window's start 2025-01 (January of the start year, as aid-from is not given). Give a later aid-to, or an aid-from no later than it.",
    ],
    [
      "a cap for an exempt contributor",
      () => allocateExcel(block(["exempt", "HUN"], ["cap", "HUN=10%"])),
      "#VALUE!",
      "cap (HUN): cannot be used for an exempt contributor. HUN (Hungary) pays nothing: remove its cap, or do not exempt it.",
    ],
    [
      "total 0,5bn",
      () => allocateExcel({ total: "0,5bn" }),
      "#VALUE!",
      'total: "0,5bn" has a comma where a number is expected. Write 0.5bn.',
    ],
    [
      "an amount above 2^53",
      () =>
        allocateExcel({
          codes: [["A"]],
          basis: [[1e20]],
          inputs: [
            ["method", "pct-gdp"],
            ["pct-gdp", "1%"],
            ["unit", "1e12"],
          ],
        }),
      "#VALUE!",
      "result: 5e18 is above 2^53 (about 9.007e15), the largest amount an Excel cell holds exactly. Use the command line, or a smaller scenario.",
    ],
    [
      "SHARE of an amount above 2^53",
      () =>
        share(
          "A",
          null,
          null,
          [
            ["method", "pct-gdp"],
            ["pct-gdp", "1%"],
            ["unit", "1e12"],
          ],
          [["A"]],
          [[1e20]]
        ),
      "#VALUE!",
      "result: 5e18 is above 2^53 (about 9.007e15), the largest amount an Excel cell holds exactly. Use the command line, or a smaller scenario.",
    ],
    [
      "years 3.0000000000000004, as a cell holds it: the number as given, not 3e0",
      () => allocateExcel({ years: 3.0000000000000004 }),
      "#VALUE!",
      'years: "3.0000000000000004" is not a whole number. Enter a whole number such as 1.',
    ],
    [
      "SHARE in the year 2024.5",
      () => share("DEU", 2024.5),
      "#VALUE!",
      'year: "2024.5" is not a whole number. Enter a whole number such as 2024.',
    ],
    [
      "an escape sequence in a cell: shown visibly, never sent to the screen",
      () => allocateExcel(block(["exempt", "\u001b[2J\u001b[31mHUN"])),
      "#VALUE!",
      'exempt: "\\u001b[2J\\u001b[31mHUN" is not in the form a code of letters and digits. Write it like DEU.',
    ],
    [
      "eu none,adopted in the inputs block",
      () => overlap([["eu", "none,adopted"]]),
      "#VALUE!",
      'eu: "none" must stand alone: it means no EU instrument at all. Give none by itself, or leave it out of the list.',
    ],
    [
      "eu UAF,UAF in the inputs block",
      () => overlap([["eu", "UAF,UAF"]]),
      "#VALUE!",
      'eu: "UAF" appears more than once. Give each one only once.',
    ],
    [
      "an eu-add id with a hyphen in the inputs block",
      () => overlap([["eu-add", "a-b 1bn 2024"]]),
      "#VALUE!",
      'eu-add: "a-b" is not an id: an id is letters, digits and _ (at most 24). Write it like USL2.',
    ],
    [
      "a cap of 1e-300 in a cell",
      () => allocateExcel(block(["cap", 1e-300])),
      "#VALUE!",
      "cap: 1e-300 is closer to 0 than 1e-9 (0.0000001%), the smallest ratio other than 0. Enter at least 1e-9.",
    ],
    [
      "a credit of 50%% as text",
      () => allocateExcel(block(["credit", "50%%"])),
      "#VALUE!",
      'credit: "50%%" has 2 percent signs. Write 50% or 0.5.',
    ],
    [
      "SCHEDULE of 50 years from 2100",
      () => schedule("100bn", 50, OMITTED, 2100),
      "#VALUE!",
      "years: 50 years from 2100 run to 2149, past 2100, the last year a scenario may reach. Give at most 1 year from 2100, or start by 2051.",
    ],
  ];

  test("at least 20 distinct cases, which with the command line's make more than 60", () => {
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(CASES.length + CLI_CASES.length).toBeGreaterThanOrEqual(60);
  });

  test.each(CASES.map(([name, call, code, message]) => [name, call, code, message] as const))(
    "%s",
    (_, call, code, message) => {
      expect(excelError(call)).toEqual({ code, message });
    }
  );

  test('a cap of 40% in a percentage cell (0.4) caps the United States at 40%; "USA=22 %" reads as "USA=22%"', () => {
    const table = allocateExcel(block(["cap", "USA=0.4"]));
    expect(table.find((row) => row[0] === "USA")?.[3]).toBe(40e9);
    expect(allocateExcel(block(["cap", "USA=22 %"]))).toEqual(expectedAllocation({ cap: "USA=22%" }));
    expect(allocateExcel(block(["cap", "22 %"]))).toEqual(expectedAllocation({ cap: "22%" }));
  });

  test("SCHEDULE reads every suffix of the one table: 5mn is 5m, 1b is 1bn", () => {
    expect(schedule("5mn", 1)).toEqual(schedule("5m", 1));
    expect(schedule("1b", 2)).toEqual(schedule("1bn", 2));
    expect(schedule("5mn", 1)).toEqual([[5e6]]);
  });

  test("SHARE, DATA and exempt take English names; DATA suggests a code", () => {
    expect(share("Germany")).toBe(share("DEU"));
    expect(data("Germany", "gdp")).toEqual(data("DEU", "gdp"));
    expect(excelError(() => data("UK", "gdp"))).toEqual({
      code: "#N/A",
      message:
        'code: "UK" is not a country of the embedded data. Did you mean GBR (United Kingdom)? Use a three-letter ISO code such as DEU; FAIRSHARE.ALLIES lists the allies.',
    });
    expect(allocateExcel(block(["exempt", "Hungary"]))).toEqual(expectedAllocation({ exempt: "HUN" }));
  });
});
