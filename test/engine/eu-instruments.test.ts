/**
 * The EU instruments in a scenario: each attributed over its own participating states by GNI rescaled over them,
 * eu-states narrowing every instrument further, the default selection, the notes, and instruments the user adds.
 * Expected amounts are worked out by hand from data/eu_gni_2023.csv, not from the engine's arithmetic.
 */
import { EU_GNI, EU_INSTRUMENTS } from "../../src/data";
import { Dec } from "../../src/engine/decimal";
import { isDefaultInstrument, runScenario, type ScenarioResult } from "../../src/engine/scenario";
import { dec, expectClose, texts, thrown } from "../helpers/engine";

/** A state's exact and rounded attribution per year, and its overlap per year. */
function stateRow(result: ScenarioResult, code: string) {
  const i = result.attribution.states.indexOf(code);
  const o = result.overlap.rows.find((row) => row.code === code);
  return {
    exact: i < 0 ? [] : result.attribution.exact[i],
    rounded: i < 0 ? [] : result.attribution.rounded[i],
    attributed: o?.attributed ?? [],
    overlap: o?.overlap ?? [],
  };
}

const yearSums = (result: ScenarioResult): string[] =>
  result.attribution.years.map((_, j) =>
    result.attribution.rounded.reduce((sum, row) => sum.plus(row[j]), dec(0)).toFixed()
  );

// From data/eu_gni_2023.csv (EUR bn): the 27 add up to 16,985.527; Czechia 297.861, Hungary 189.558, Slovakia
// 119.641, so the 24 of the Ukraine Support Loan add up to 16,378.467. Germany 4,286.159, France 2,855.318.
const GNI_24 = "16378.467";
const GNI_DEU = "4286.159";
const GNI_FRA = "2855.318";

describe("USL_MIL: EUR 60bn over 2026-2027, attributed over its 24 states", () => {
  const result = runScenario({ eu: "USL_MIL", start: 2026, years: 2 });

  test("the 24 without Czechia, Hungary and Slovakia, and their GNI is the hand-added 16,378.467", () => {
    expect(result.attribution.states).toHaveLength(24);
    for (const code of ["CZE", "HUN", "SVK"]) expect(result.attribution.states).not.toContain(code);
    const gni = EU_GNI.filter((r) => result.attribution.states.includes(r.iso3)).reduce(
      (sum, r) => sum.plus(r.gniEurBn),
      dec(0)
    );
    expect(gni.toFixed()).toBe(GNI_24);
  });

  test("Germany carries 30bn x 4,286.159 / 16,378.467 = EUR 7,850.84m a year, rounded to 7,851m", () => {
    const deu = stateRow(result, "DEU");
    const exact = dec(30e9).times(GNI_DEU).div(GNI_24);
    expect(exact.toFixed(2)).toBe("7850842816.97");
    deu.exact.forEach((amount) => expectClose(amount, exact));
    expect(texts(deu.rounded)).toEqual(["7851000000", "7851000000"]);
    // Attributed before the min: Germany's allocation (about 1.7bn a year) is the smaller, so it is the overlap.
    expect(texts(deu.attributed)).toEqual(["7851000000", "7851000000"]);
    expect(deu.overlap.every((amount) => amount.gt(0))).toBe(true);
  });

  test("Hungary, Czechia and Slovakia: nothing attributed, no overlap", () => {
    for (const code of ["HUN", "CZE", "SVK"]) {
      const row = stateRow(result, code);
      expect(texts(row.attributed)).toEqual(["0", "0"]);
      expect(texts(row.overlap)).toEqual(["0", "0"]);
    }
  });

  test("the 24's rounded amounts add up to exactly EUR 30bn a year", () => {
    expect(result.attribution.years).toEqual([2026, 2027]);
    expect(yearSums(result)).toEqual(["30000000000", "30000000000"]);
  });

  test("a note names the states left out", () => {
    expect(result.scenario.notes).toContain(
      "USL_MIL: attributed over its 24 participating states only (not CZE, HUN, SVK)."
    );
  });
});

describe("eu-states narrows every instrument to its participants among the listed states", () => {
  test("USL_MIL with eu-states DEU,FRA,HUN: Germany and France carry it all, Hungary (not a participant) nothing", () => {
    const result = runScenario({ eu: "USL_MIL", "eu-states": "DEU,FRA,HUN", start: 2026, years: 2 });
    expect(result.scenario.instruments[0].states).toEqual(["DEU", "FRA"]);
    expect(result.attribution.states).toEqual(["DEU", "FRA"]);
    // 30bn x 4,286.159 / (4,286.159 + 2,855.318) = 18,005.35m; France the other 11,994.65m.
    const deu = dec(30e9).times(GNI_DEU).div(dec(GNI_DEU).plus(GNI_FRA));
    expect(deu.toFixed(2)).toBe("18005346793.11");
    stateRow(result, "DEU").exact.forEach((amount) => expectClose(amount, deu));
    stateRow(result, "FRA").exact.forEach((amount) => expectClose(amount, dec(30e9).minus(deu)));
    // Rounded to EUR 1m keeping every total: Germany's two years 36,010.69m -> 36,011m, so one year gets 18,006m.
    expect(texts(stateRow(result, "DEU").rounded).sort()).toEqual(["18005000000", "18006000000"]);
    expect(texts(stateRow(result, "FRA").rounded).sort()).toEqual(["11994000000", "11995000000"]);
    expect(yearSums(result)).toEqual(["30000000000", "30000000000"]);
    expect(texts(stateRow(result, "HUN").attributed)).toEqual(["0", "0"]);
    expect(result.scenario.notes.join("\n")).toContain("eu-states narrows every instrument");
  });

  test("each instrument is narrowed on its own: UAF over DEU,HUN, USL_MIL over DEU alone", () => {
    const result = runScenario({ eu: "UAF,USL_MIL", "eu-states": "DEU,HUN", start: 2024, years: 4 });
    const [uaf, usl] = result.scenario.instruments;
    expect(uaf.states).toEqual(["DEU", "HUN"]);
    expect(usl.states).toEqual(["DEU"]);
    // 2024: 5bn x 4,286.159 / (4,286.159 + 189.558) to Germany; 2026-2027: all of USL_MIL's 30bn a year.
    expectClose(stateRow(result, "DEU").exact[0], dec(5e9).times(GNI_DEU).div(dec(GNI_DEU).plus("189.558")));
    expect(texts(stateRow(result, "DEU").rounded)).toEqual(["4788000000", "30000000000", "30000000000"]);
    expect(texts(stateRow(result, "HUN").rounded)).toEqual(["212000000", "0", "0"]);
  });

  test("an instrument none of whose states is listed is attributed to nobody, with a note", () => {
    const result = runScenario({ eu: "USL_MIL", "eu-states": "HUN", start: 2026, years: 2 });
    expect(result.scenario.instruments[0].states).toEqual([]);
    expect(result.overlap.totalOverlap.isZero()).toBe(true);
    expect(result.scenario.notes).toContain(
      "USL_MIL: none of its participating states is in eu-states, so nothing of it is attributed."
    );
    expect(result.scenario.notes).toContain(
      "EU instruments counted (USL_MIL): none covers 2026-2027, so EU overlap is 0 in every year."
    );
  });
});

describe("the default selection and the notes", () => {
  test('"adopted" is adopted, military and paid by member states: UAF, EPF_PRE, EDIP_USI, USL_MIL', () => {
    expect(EU_INSTRUMENTS.filter(isDefaultInstrument).map((i) => i.id)).toEqual([
      "UAF",
      "EPF_PRE",
      "EDIP_USI",
      "USL_MIL",
    ]);
    expect(runScenario({}).scenario.instruments.map((i) => i.id)).toEqual(["UAF", "EPF_PRE", "EDIP_USI", "USL_MIL"]);
  });

  test("the default scenario's EU overlap per year, pinned, and the note naming which instruments cover which year", () => {
    const { overlap, scenario } = runScenario({});
    expect(texts(overlap.overlapByYear)).toEqual(["4734000000", "95000000", "6357000000", "6356000000", "0"]);
    expect(scenario.notes).toContain(
      "EU instruments counted in 2024-2028: UAF 2024, EDIP_USI 2025-2027, USL_MIL 2026-2027; none covers 2028, so EU overlap is 0 there (EPF_PRE: counted, but not in these years)."
    );
  });

  test("start 2026 for 2 years: Hungary, Czechia and Slovakia carry only EDIP_USI (EU27), Germany far more", () => {
    const result = runScenario({ start: 2026, years: 2 });
    // EDIP_USI: 0.1bn a year over the 27 by GNI: Hungary 0.1bn x 189.558 / 16,985.527 = 1.12m, Czechia 1.75m,
    // Slovakia 0.70m; they take no part in USL_MIL.
    expect(texts(stateRow(result, "HUN").attributed)).toEqual(["1000000", "1000000"]);
    expect(texts(stateRow(result, "CZE").attributed)).toEqual(["2000000", "2000000"]);
    expect(stateRow(result, "SVK").attributed.every((amount) => amount.lte(1e6))).toBe(true);
    expect(stateRow(result, "DEU").overlap.every((amount) => amount.gt(1e9))).toBe(true);
  });

  test("every scenario says which years no counted instrument covers", () => {
    expect(runScenario({ start: 2030 }).scenario.notes).toContain(
      "EU instruments counted (UAF, EPF_PRE, EDIP_USI, USL_MIL): none covers 2030-2034, so EU overlap is 0 in every year."
    );
    expect(runScenario({ eu: "none", start: 2026, years: 1 }).scenario.notes).toContain(
      "No EU instrument is counted (eu none): EU overlap is 0 in 2026."
    );
  });

  test("an instrument that costs member states nothing can be counted by id, with a note", () => {
    const result = runScenario({ eu: "WINDFALL_EPF_2024", years: 1 });
    expect(result.scenario.notes).toContain(
      "WINDFALL_EPF_2024 is not member-state money (proceeds of immobilised Russian assets), yet counted as overlap and attributed by GNI share."
    );
    // Its states are EU27 -HUN: Hungary gets none of the EUR 1.4bn.
    expect(texts(stateRow(result, "HUN").attributed)).toEqual(["0"]);
    expect(yearSums(result)).toEqual(["1400000000"]);
  });

  test("counting a non-military instrument keeps its note", () => {
    const notes = runScenario({ eu: "USL_BUDGET", start: 2026, years: 2 }).scenario.notes;
    expect(notes.some((note) => note.startsWith("USL_BUDGET is not military aid, yet counted as overlap ("))).toBe(
      true
    );
  });
});

describe("instruments the user adds", () => {
  test("eu-add: ID AMOUNT YEARS states, attributed like the embedded ones", () => {
    const result = runScenario({
      eu: "none",
      "eu-add": "USL2 45bn 2028-2029 EU27 -CZE -HUN -SVK",
      start: 2028,
      years: 2,
    });
    const [added] = result.scenario.instruments;
    expect(added).toMatchObject({ id: "USL2", firstYear: 2028, lastYear: 2029, military: true, costToMembers: true });
    expect(added.added).toBe(true);
    expect(added.states).toHaveLength(24);
    expect(yearSums(result)).toEqual(["22500000000", "22500000000"]);
    stateRow(result, "DEU").exact.forEach((amount) => expectClose(amount, dec(22.5e9).times(GNI_DEU).div(GNI_24)));
    expect(texts(stateRow(result, "HUN").attributed)).toEqual(["0", "0"]);
    expect(result.scenario.notes).toContain("EU instruments counted in 2028-2029: USL2 2028-2029.");
  });

  test("several, separated by semicolons, with codes, civil and no-cost; defaults EU27, military, cost", () => {
    const { scenario } = runScenario({ "eu-add": "A 1bn 2026 DEU FRA civil no-cost; B 2bn 2026-2027", start: 2026 });
    const [a, b] = scenario.instruments.filter((i) => i.added);
    expect(a).toMatchObject({ id: "A", military: false, costToMembers: false, participants: ["DEU", "FRA"] });
    expect(b).toMatchObject({ id: "B", military: true, costToMembers: true });
    expect(b.participants).toEqual(EU_GNI.map((r) => r.iso3));
    expect(scenario.notes).toContain(
      "A (added): 1000000000 in 2026, over DEU, FRA; not military aid, yet counted as overlap; not member-state money, yet counted as overlap."
    );
  });

  test("instrumentData takes states, military and cost too", () => {
    const result = runScenario({
      eu: "none",
      instrumentData: [{ id: "mine", amount: "3bn", firstYear: 2024, lastYear: 2026, states: "EU27 -HUN", cost: "no" }],
    });
    const [mine] = result.scenario.instruments;
    expect(mine).toMatchObject({ id: "MINE", military: true, costToMembers: false });
    expect(mine.states).toHaveLength(26);
    expect(yearSums(result)).toEqual(["1000000000", "1000000000", "1000000000"]);
  });

  test.each([
    ["too few fields", "X 5bn", "BAD_FORMAT", "eu-add"],
    ["years not a year", "X 5bn soon", "BAD_FORMAT", "eu-add (X)"],
    ["years backwards", "X 5bn 2027-2026", "OUT_OF_RANGE", "eu-add (X)"],
    ["a zero amount", "X 0 2026", "NOT_POSITIVE", "eu-add (X)"],
    ["a state outside the EU", "X 5bn 2026 EU27 -USA", "UNKNOWN_CODE", "eu-add (X)"],
    ["a code list with a non-member", "X 5bn 2026 DEU NOR", "UNKNOWN_CODE", "eu-add (X)"],
    ["an embedded id", "UAF 5bn 2026", "DUPLICATE_CODE", "eu-add"],
    ["the same id twice", "X 5bn 2026; X 1bn 2027", "DUPLICATE_CODE", "eu-add"],
  ])("refuses %s", (_, value, code, argument) => {
    const error = thrown(() => runScenario({ "eu-add": value }));
    expect(error.code).toBe(code);
    expect(error.argument).toBe(argument);
  });
});

test("an attribution's rounded amounts stay within one unit of exact (Dec check on the default)", () => {
  const { attribution } = runScenario({});
  attribution.rounded.forEach((row, i) =>
    row.forEach((amount, j) => expect(amount.minus(attribution.exact[i][j]).abs().lt(new Dec(1e6))).toBe(true))
  );
});

describe("the attribution's workings, instrument by instrument", () => {
  const gniOf = new Map(EU_GNI.map((record) => [record.iso3, dec(record.gniEurBn)]));
  const scenarios = [
    {},
    { eu: "adopted,UKRAINE_FACILITY", start: 2025, years: 3 },
    { eu: "UAF,USL_MIL", "eu-states": "DEU,FRA,HUN,CZE" },
    { "eu-add": "X1 7bn 2024-2026 DEU FRA; X2 3bn 2025 EU27 -DEU", start: 2025 },
  ];

  test.each(scenarios)("%j: each instrument's states, GNI, amounts, rate and exact parts", (spec) => {
    const result = runScenario(spec);
    const { attribution, scenario } = result;
    expect(attribution.instruments.map((i) => i.id)).toEqual(scenario.instruments.map((i) => i.id));
    attribution.instruments.forEach((working, k) => {
      const instrument = scenario.instruments[k];
      expect(working.years).toEqual(attribution.years);
      expect(working.states).toEqual(attribution.states.filter((code) => instrument.states.includes(code)));
      const gni = working.states.reduce((sum, code) => sum.plus(gniOf.get(code) as Dec), dec(0));
      expect(working.gni.eq(gni)).toBe(true);
      working.years.forEach((year, y) => {
        const amount = instrument.amountByYear.get(year) ?? dec(0);
        expect(working.amounts[y].eq(amount)).toBe(true);
        expectClose(working.perGni[y].times(gni), amount);
        working.states.forEach((code, m) => {
          expectClose(working.exact[m][y], amount.times(gniOf.get(code) as Dec).div(gni));
        });
      });
    });
    attribution.years.forEach((_, y) =>
      expect(attribution.roundedByYear[y].eq(attribution.rounded.reduce((sum, row) => sum.plus(row[y]), dec(0)))).toBe(
        true
      )
    );
    // Each state's exact attribution is its parts of the instruments, summed.
    attribution.states.forEach((code, m) =>
      attribution.years.forEach((_, y) => {
        const parts = attribution.instruments.map((working) => {
          const at = working.states.indexOf(code);
          return at < 0 ? dec(0) : working.exact[at][y];
        });
        expectClose(
          parts.reduce((sum, part) => sum.plus(part), dec(0)),
          attribution.exact[m][y]
        );
      })
    );
  });

  test.each(scenarios)("%j: exact overlap is min(exact allocation, exact attributed), per ally and year", (spec) => {
    const result = runScenario(spec);
    const { attribution, allocation, overlap } = result;
    overlap.rows.forEach((row, i) => {
      const m = attribution.states.indexOf(row.code);
      allocation.years.forEach((year, j) => {
        const y = attribution.years.indexOf(year);
        const attributed = row.euMember && m >= 0 && y >= 0 ? attribution.exact[m][y] : dec(0);
        const exact = allocation.rows[i].exactByYear[j];
        expect(row.exactAttributed[j].eq(attributed)).toBe(true);
        expect(row.exactOverlap[j].eq(Dec.min(exact, attributed))).toBe(true);
        expect(row.exactNetNew[j].eq(exact.minus(row.exactOverlap[j]))).toBe(true);
      });
    });
  });

  test("the instruments left out: every embedded one not counted, as the scenario would count it", () => {
    const result = runScenario({ eu: "UAF", "eu-states": "DEU,FRA", currency: "USD", "usd-per-eur": "1.1" });
    const leftOut = result.scenario.instrumentsLeftOut;
    expect(leftOut.map((i) => i.id)).toEqual(EU_INSTRUMENTS.map((r) => r.id).filter((id) => id !== "UAF"));
    for (const instrument of leftOut) {
      const record = EU_INSTRUMENTS.find((r) => r.id === instrument.id);
      expect(
        instrument.amount.eq(
          dec(record?.amountEurBn as string)
            .times("1e9")
            .times("1.1")
        )
      ).toBe(true);
      expect(instrument.states.every((code) => ["DEU", "FRA"].includes(code))).toBe(true);
    }
    const workings = result.attributionLeftOut;
    expect(workings.map((w) => w.id)).toEqual(leftOut.map((i) => i.id));
    const usl = workings.find((w) => w.id === "USL_MIL");
    expect(usl?.years).toEqual(result.allocation.years);
    expect(usl?.states).toEqual(["DEU", "FRA"]);
    // 2024-2028 against USL_MIL's 2026-2027: its amounts in the allocation's years.
    expect(texts(usl?.amounts ?? [])).toEqual(["0", "0", "33000000000", "33000000000", "0"]);
  });
});
