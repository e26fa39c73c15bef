// The input rules the parameter schema states once (parameters.ts: KIND_RULES, YEAR_RANGE, INSTRUMENT_ID, maxItems,
// AMOUNT_SUFFIXES), checked from the schema itself so that a parameter added later is held to them too; and the
// catalogue's promise that every number and value a message shows is short and printable.
import fc from "fast-check";

import { Dec } from "../../src/engine/decimal";
import { printable } from "../../src/engine/errors";
import {
  AMOUNT_SUFFIXES,
  KIND_RULES,
  PARAMETERS,
  YEAR_RANGE,
  amountSuffixWords,
  parameter,
  type NumberRange,
  type ParameterName,
} from "../../src/engine/parameters";
import { checkRange, inRange, outsideWords, parseAmount, parseDecimal, parseWholeNumber } from "../../src/engine/parse";
import { resolveSchedule, runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { readAmount, readRate, readRatio } from "../../src/engine/values";
import { numberWords, scaledWords } from "../../src/engine/words";
import { thrown } from "../helpers/engine";

/** What a parameter needs beside it to be used at all (key and blend only with their method). */
function withMethod(name: ParameterName, value: string): ScenarioSpec {
  if (name === "key") return { method: "key", key: value, contributors: "USA,DEU" };
  if (name === "blend") return { method: "blend", blend: value };
  return { [name]: value };
}

describe("a list whose kind names things gives each item once, whichever list it is", () => {
  const distinct = PARAMETERS.filter((entry) => KIND_RULES[entry.kind].distinct);

  test("every list kind but the profile's weights is distinct", () => {
    expect(distinct.map((entry) => entry.name)).toEqual([
      "key",
      "blend",
      "exempt",
      "cap",
      "floor",
      "eu",
      "eu-add",
      "eu-states",
      "contributors",
    ]);
    expect(KIND_RULES.profile.distinct).toBeFalsy();
    // 1,1,1,1,1 is the flat profile written out: weights repeat.
    expect(() => runScenario({ profile: "1,1,1,1,1" })).not.toThrow();
  });

  test.each(distinct.map((entry) => [entry.name, entry.example] as const))(
    "%s: its example given twice is refused",
    (name, example) => {
      const twice = `${example}${name === "eu-add" ? ";" : ","}${example}`;
      expect(() => runScenario(withMethod(name, example))).not.toThrow();
      const error = thrown(() => runScenario(withMethod(name, twice)));
      expect(error.code).toBe("DUPLICATE_CODE");
      expect(error.parameter).toBe(name);
      expect(error.message).toMatch(/appears more than once\. Give each one only once\.$/);
    }
  );

  test("an instrument of the user's own may not reuse an embedded id, nor another added one", () => {
    expect(thrown(() => runScenario({ "eu-add": "UAF 1bn 2024" })).message).toBe(
      'eu-add: "UAF" appears more than once. Give each one only once.'
    );
    const rows = { amount: "1bn", firstYear: 2024, lastYear: 2024 };
    const both = { instrumentData: [{ id: "A", ...rows }], "eu-add": "a 1bn 2024" };
    expect(thrown(() => runScenario(both)).message).toBe(
      'eu-add: "A" appears more than once. Give each one only once.'
    );
  });
});

describe("how fine a number may be: one rule per kind, in the schema, for every parameter of the kind", () => {
  test("the rules: amounts in whole cents, ratios no closer to 0 than 1e-9, at most 17 significant digits", () => {
    expect(KIND_RULES.amount.fineness).toEqual({ places: 2 });
    expect(KIND_RULES.ratio.fineness).toEqual({ smallest: "1e-9", digits: 17 });
    expect(KIND_RULES["code-ratios"].fineness).toEqual(KIND_RULES.ratio.fineness);
    expect(KIND_RULES.blend.fineness).toEqual(KIND_RULES.ratio.fineness);
    expect(KIND_RULES.rate.fineness).toEqual({ digits: 17 });
  });

  test.each(PARAMETERS.filter((entry) => entry.kind === "amount").map((entry) => entry.name))(
    "%s: whole cents pass, a thousandth is refused with the limit",
    (name) => {
      expect(readAmount(name, "12.34").toFixed()).toBe("12.34");
      expect(readAmount(name, "1.234567bn").toFixed()).toBe("1234567000");
      expect(thrown(() => readAmount(name, "12.345")).message).toBe(
        `${name}: "12.345" is finer than 0.01: an amount has at most 2 decimal places. Round it, e.g. to 12.35.`
      );
      expect(thrown(() => readAmount(name, 1e-300)).code).toBe("TOO_MANY_PLACES");
    }
  );

  test.each(PARAMETERS.filter((entry) => entry.kind === "ratio").map((entry) => entry.name))(
    "%s: 1e-9 passes, anything closer to 0 is refused; 17 digits pass, 18 do not",
    (name) => {
      const zeroValid = parameter(name).zeroIsValue === true;
      expect(readRatio(name, "1e-9").toFixed()).toBe("0.000000001");
      expect(readRatio(name, "0.0000001%").toFixed()).toBe("0.000000001");
      expect(thrown(() => readRatio(name, "9.9e-10")).message).toBe(
        `${name}: 9.9e-10 is closer to 0 than 1e-9 (0.0000001%), the smallest ratio other than 0. Enter ${zeroValid ? "0 or " : ""}at least 1e-9.`
      );
      expect(readRatio(name, "0.0012345678901234567").sd()).toBe(17);
      expect(thrown(() => readRatio(name, "0.00123456789012345678")).code).toBe("TOO_MANY_DIGITS");
      // A cell's number never has more than 17 significant digits: it passes as it is.
      expect(readRatio(name, (1 / 3) * 0.01).toFixed()).toBe("0.003333333333333333");
    }
  );

  test("a cap, a floor and a blend weight are ratios too", () => {
    expect(thrown(() => runScenario({ cap: "USA=1e-10" })).code).toBe("TOO_FINE");
    expect(thrown(() => runScenario({ floor: "1e-10" })).code).toBe("TOO_FINE");
    const blend = { method: "blend", blend: "gdp2024:0.5000000000000000001,population:0.4999999999999999999" };
    expect(thrown(() => runScenario(blend)).code).toBe("TOO_MANY_DIGITS");
  });

  test("a rate and a key value have at most 17 significant digits", () => {
    expect(readRate("usd-per-eur", "1.0783760000000001").toFixed()).toBe("1.0783760000000001");
    expect(thrown(() => readRate("usd-per-eur", "1.07837600000000001")).message).toBe(
      'usd-per-eur: "1.07837600000000001" has 18 significant digits; a rate has at most 17. Round it, e.g. to 1.078376.'
    );
    const key = { method: "key", key: "USA=1.23456789012345678,DEU=1" };
    expect(thrown(() => runScenario(key)).code).toBe("TOO_MANY_DIGITS");
  });

  test("notes state the finest ratios in a few characters, never hundreds", () => {
    const { scenario } = runScenario({ credit: "1e-9", cap: "USA=0.12345678901234567" });
    expect(scenario.notes).toContain(
      "0.0000001% of each contributor's bilateral military aid counts toward its share."
    );
    expect(scenario.notes).toContain("United States capped at 12.345678901234567% of the total.");
    for (const note of scenario.notes) expect(note).not.toMatch(/\d{30}/);
  });
});

describe("every year a scenario touches lies in the schema's year range", () => {
  test("the range is the start's", () => {
    expect(parameter("start").valid).toEqual(YEAR_RANGE);
  });

  test.each([
    [{ start: 2096 }, null],
    [{ start: 2100, years: 1 }, null],
    [{ start: 2100, years: 2 }, "years: 2 years from 2100 run to 2101"],
    [{ start: 2097 }, "start: 5 years from 2097 run to 2101"],
    [{ "eu-add": "A 1bn 2100" }, null],
    [{ "eu-add": "A 1bn 2099-2101" }, "eu-add (A): 2101 is outside 2099 to 2100"],
    [{ "eu-add": "A 1bn 1948" }, "eu-add (A): 1948 is outside 1949 to 2100"],
  ] as [ScenarioSpec, string | null][])("%p", (spec, message) => {
    if (message === null) expect(() => runScenario(spec)).not.toThrow();
    else expect(thrown(() => runScenario(spec)).message).toContain(message);
  });

  test("instrument rows and a standalone schedule too", () => {
    const row = { id: "A", amount: "1bn", firstYear: 2100, lastYear: 2101 };
    expect(thrown(() => runScenario({ instrumentData: [row] })).message).toBe(
      "instruments (row 1) last year: 2101 is outside 2100 to 2100. Enter a value from 2100 to 2100."
    );
    expect(thrown(() => resolveSchedule({ total: "1bn", years: 3, start: 2099 })).code).toBe("YEARS_PAST_END");
    expect(resolveSchedule({ total: "1bn", years: 2, start: 2099 }).years).toEqual([2099, 2100]);
  });
});

describe("eu-add: ids, words and how many", () => {
  test("an id is letters, digits and _; an instrument row's id too", () => {
    expect(runScenario({ "eu-add": "pool_2 1bn 2024" }).scenario.instruments.map((i) => i.id)).toContain("POOL_2");
    for (const id of ["a-b", "a.b", "x".repeat(25), "é"]) {
      expect(thrown(() => runScenario({ "eu-add": `${id} 1bn 2024` })).code).toBe("BAD_ID");
    }
    const row = { id: "A-B", amount: "1bn", firstYear: 2024, lastYear: 2024 };
    expect(thrown(() => runScenario({ instrumentData: [row] })).message).toBe(
      'instruments (row 1) id: "A-B" is not an id: an id is letters, digits and _ (at most 24). Write it like USL2.'
    );
  });

  test.each([
    ["A 1bn 2024 civil", false, true],
    ["A 1bn 2024 no-cost military", true, false],
    ["A 1bn 2024 DEU civil FRA no-cost", false, false],
  ])("%s is read word by word", (text, military, cost) => {
    const added = runScenario({ "eu-add": text }).scenario.instruments.find((i) => i.id === "A");
    expect(added).toMatchObject({ military, costToMembers: cost });
  });

  test.each([
    ["A 1bn 2024 civil civil", '"civil" after "civil": give one of military or civil, once.'],
    ["A 1bn 2024 civil military", '"military" after "civil": give one of military or civil, once.'],
    ["A 1bn 2024 COST no-cost", '"no-cost" after "cost": give one of cost or no-cost, once.'],
  ])("%s is refused: a repeated or contradictory word", (text, message) => {
    expect(thrown(() => runScenario({ "eu-add": text })).message).toBe(`eu-add (A): ${message}`);
  });

  const many = (count: number, line: (i: number) => string): string =>
    Array.from({ length: count }, (_, i) => line(i)).join("\n");

  test("at most 1000 instruments, refused at once with the limit: no instrument beyond is read", () => {
    expect(parameter("eu-add").maxItems).toBe(1000);
    // Lines that could not be read at all: the count alone refuses them.
    expect(thrown(() => runScenario({ "eu-add": many(1001, () => "not an instrument") })).message).toBe(
      "eu-add: has 1,001 instruments, more than the 1,000 it may hold. Give at most 1,000: instruments with the same years, states and kind add up to one, so merge those."
    );
    const rows = Array.from({ length: 1001 }, (_, i) => ({
      id: `I${i}`,
      amount: "1m",
      firstYear: 2024,
      lastYear: 2024,
    }));
    expect(thrown(() => runScenario({ instrumentData: rows })).code).toBe("TOO_MANY_ITEMS");
  });

  test("1000 instruments attribute as the instruments they add up to", () => {
    // Alternating two kinds of instrument: 500 x 3m over the 26 without Hungary in 2024-2025, 500 x 1m for DEU and FRA
    // in 2025. The exact attribution is linear in the instruments, so it is that of two instruments of their sums.
    const text = many(1000, (i) => (i % 2 === 0 ? `E${i} 3m 2024-2025 EU27 -HUN` : `F${i} 1m 2025 DEU FRA civil`));
    const added = runScenario({ eu: "none", "eu-add": text });
    const merged = runScenario({ eu: "none", "eu-add": "E 1500m 2024-2025 EU27 -HUN; F 500m 2025 DEU FRA civil" });
    expect(added.scenario.instruments).toHaveLength(1000);
    expect(added.attribution.exact.map((row) => row.map((cell) => cell.toFixed()))).toEqual(
      merged.attribution.exact.map((row) => row.map((cell) => cell.toFixed()))
    );
    expect(added.attribution.rounded).toEqual(merged.attribution.rounded);
    expect(added.overlap.rows.map((row) => row.overlap.map((cell) => cell.toFixed()))).toEqual(
      merged.overlap.rows.map((row) => row.overlap.map((cell) => cell.toFixed()))
    );
    expect(added.overlap.totalOverlap.gt(0)).toBe(true);
  });
});

describe("the one table of amount suffixes", () => {
  test("each suffix, in any case and after a space, scales by its power of ten", () => {
    for (const { suffix, exponent } of AMOUNT_SUFFIXES) {
      const scale = new Dec(10).pow(exponent);
      expect(parseAmount("total", `2${suffix}`).eq(scale.times(2))).toBe(true);
      expect(parseAmount("total", `1.5 ${suffix.toUpperCase()}`).eq(scale.times(1.5))).toBe(true);
    }
    expect(thrown(() => parseAmount("total", "5q")).code).toBe("NOT_A_NUMBER");
    expect(thrown(() => parseAmount("total", "5n")).code).toBe("NOT_A_NUMBER");
  });

  test("help names them from the table", () => {
    expect(amountSuffixWords()).toBe("k, m (or mn), bn (or b), tn (or t)");
  });

  test("figures are written in the preferred spellings", () => {
    expect(scaledWords(new Dec("5e6"))).toBe("5m");
    expect(scaledWords(new Dec("2.5e12"))).toBe("2.5tn");
  });
});

describe("numbers in messages: short whatever their size, and never rounded into the range", () => {
  test.each([
    ["3.0000000000000004", "3.0000000000000004"],
    ["0.30000000000000004", "0.30000000000000004"],
    ["1e-400", "1e-400"],
    ["-1e-400", "-1e-400"],
    ["5e18", "5e18"],
    ["1234567890123456789012", "about 1.23457e21"],
    ["0.1234567890123456789", "about 0.123457"],
    ["0.0000001", "0.0000001"],
    ["0.00000001", "1e-8"],
    ["0", "0"],
  ])("numberWords(%s) is %s", (value, words) => {
    expect(numberWords(new Dec(value))).toBe(words);
  });

  test.each([
    ["1e-400", "1e-400"],
    ["1e400", "1e400"],
    ["160e9", "160bn"],
    ["25034567890", "about 25.03bn"],
    ["1000000000000100", "about 1,000tn"],
  ])("scaledWords(%s) is %s", (value, words) => {
    expect(scaledWords(new Dec(value))).toBe(words);
  });

  /** A number of any size and up to 60 significant digits, as text. */
  const anyNumber = fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(/^[1-9]\d{0,59}$/),
      fc.integer({ min: -400, max: 400 }),
      fc.constantFrom(numberWords, scaledWords)
    )
    .map(([negative, digits, exponent, show]) => ({
      value: new Dec(`${negative ? "-" : ""}${digits}e${exponent}`),
      show,
    }));

  test("no number is shown in more than 32 characters", () => {
    fc.assert(
      fc.property(anyNumber, ({ value, show }) => {
        expect(show(value).length).toBeLessThanOrEqual(32);
      }),
      { numRuns: 2000 }
    );
  });

  /** The number a message shows, read back: "about" and grouping dropped, the scale suffix applied. */
  function readBack(words: string): Dec {
    const text = words.replace(/^about /, "").replace(/,/g, "");
    const suffix = AMOUNT_SUFFIXES.find(
      (entry) => text.endsWith(entry.suffix) && /\d$/.test(text.slice(0, -entry.suffix.length))
    );
    return suffix === undefined
      ? new Dec(text)
      : new Dec(text.slice(0, -suffix.suffix.length)).times(new Dec(10).pow(suffix.exponent));
  }

  test("a value outside a range is shown with the digits it takes to read as outside (differential)", () => {
    const nearEnd = fc
      .tuple(
        fc.stringMatching(/^[1-9]\d{0,15}$/),
        fc.integer({ min: -20, max: 15 }),
        fc.integer({ min: 1, max: 19 }),
        fc.boolean(),
        fc.constantFrom(numberWords, scaledWords)
      )
      .map(([digits, exponent, offset, above, show]) => {
        const end = new Dec(`${digits}e${exponent}`);
        const step = new Dec(10).pow(end.e - offset);
        const range: NumberRange = above
          ? { min: "0", max: end.toString() }
          : { min: end.toString(), max: end.times(2).toString() };
        return { range, value: above ? end.plus(step) : end.minus(step), show };
      });
    fc.assert(
      fc.property(nearEnd, ({ range, value, show }) => {
        const words = outsideWords(value, range, show);
        expect(inRange(readBack(words), range)).toBe(false);
        expect(words.length).toBeLessThanOrEqual(40);
      }),
      { numRuns: 2000 }
    );
  });

  test("checkRange says 1,000.0000000001tn, not about 1,000tn", () => {
    const range = { min: "0", max: "1e15", minExclusive: true };
    expect(thrown(() => checkRange("total", new Dec("1000000000000100"), range, "100bn", scaledWords)).message).toBe(
      "total: 1,000.0000000001tn is outside 0 to 1,000tn. Enter a value from 0 to 1,000tn."
    );
  });

  test("a number that is not whole is quoted as given", () => {
    expect(thrown(() => parseWholeNumber("year", 3.0000000000000004, 1, 5)).message).toBe(
      'year: "3.0000000000000004" is not a whole number. Enter a whole number such as 1.'
    );
    expect(thrown(() => parseWholeNumber("year", " 2024.50 ", 2024, 2028)).message).toBe(
      'year: "2024.50" is not a whole number. Enter a whole number such as 2024.'
    );
  });

  test("leading zeros are read; a 1,001-character number is refused for its length, before any arithmetic", () => {
    expect(parseDecimal("years", `${"0".repeat(500)}7`).toFixed()).toBe("7");
    expect(parseWholeNumber("years", "007", 1, 50)).toBe(7);
    expect(thrown(() => parseDecimal("years", `1${"0".repeat(1000)}`, "1")).message).toBe(
      `years: "1${"0".repeat(38)}…" is 1,001 characters long, far longer than any number. Enter a number such as 1.`
    );
  });
});

describe("values quoted in messages are printable, for every face", () => {
  test("control, format and separator characters are written as \\u escapes", () => {
    expect(printable("\u001b[31mHUN\u0007")).toBe("\\u001b[31mHUN\\u0007");
    expect(printable("a\u0000b\u007fc\u0085d\u200ee\u202ef\u2028g\ufeffh")).toBe(
      "a\\u0000b\\u007fc\\u0085d\\u200ee\\u202ef\\u2028g\\ufeffh"
    );
    expect(printable("Türkiye, São Tomé – 40%")).toBe("Türkiye, São Tomé – 40%");
  });

  test("in every placeholder of a message, not only the value", () => {
    for (const code of ["\u001b[2J", "\u009b31m"]) {
      const error = thrown(() => runScenario({ exempt: `${code}HUN` }));
      // eslint-disable-next-line no-control-regex -- the test looks for control characters that must not be there.
      expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(error.value).toBe(`${code}HUN`);
    }
    const choice = thrown(() => runScenario({ currency: "EUR\u001b" }));
    expect(choice.message).toBe('currency: "EUR\\u001b" is not one of EUR, USD. Use one of them.');
  });
});
