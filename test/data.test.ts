import { readFileSync } from "fs";
import { join } from "path";

import {
  ALLIES,
  DEFAULT_SOURCE_IDS,
  EU_GNI,
  EU_INSTRUMENTS,
  EU_INSTRUMENT_COLUMNS,
  KIEL_COMMITMENTS,
  KIEL_MILITARY,
  NOT_TRACKED_BY_KIEL,
  SOURCES,
  allyByIso3,
  euGniByIso3,
  euInstrumentRows,
  instrumentParticipants,
  isTrackedByKiel,
  kielCommitmentMonths,
  kielMilitaryMonths,
  sourceById,
  type EuInstrumentRecord,
} from "../src/data";

const repoRoot = join(__dirname, "..");

// Exact arithmetic without binary fractions: decimals become integers at a fixed scale. Every integer here stays
// below 2^53 (asserted), where JavaScript numbers are exact, so no BigInt (and no ES2020 target) is needed.

function exact(value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is beyond exact integer range`);
  return value;
}

/** Exact fixed-point: "53976.436" -> 53976436 at scale 3. Refuses more decimals than the scale, never rounds. */
function toScaledInteger(decimal: string, scale: number): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (match === null) throw new Error(`not a plain decimal: ${decimal}`);
  const fraction = match[2] ?? "";
  if (fraction.length > scale) throw new Error(`${decimal} has more than ${scale} decimals`);
  return exact(Number(match[1] + fraction.padEnd(scale, "0")));
}

function sumScaled(decimals: readonly string[], scale: number): number {
  return decimals.reduce((sum, decimal) => exact(sum + toScaledInteger(decimal, scale)), 0);
}

/** Round half up from thousandths to hundredths (all inputs here are positive). */
function thousandthsToHundredths(thousandths: number): number {
  return Math.floor(exact(thousandths + 5) / 10);
}

/** A positive fraction num/den of integers, compared exactly, for the exchange-rate intervals. */
interface Fraction {
  readonly num: number;
  readonly den: number;
}
const isLessOrEqual = (a: Fraction, b: Fraction): boolean => exact(a.num * b.den) <= exact(b.num * a.den);

function readCsvRows(relativePath: string, withHeader = false): string[][] {
  // The Kiel files quote text cells but never contain commas inside them, so a split is enough for a cross-check.
  return readFileSync(join(repoRoot, relativePath), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(withHeader ? 0 : 1)
    .map((line) => line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
}

describe("allies and EU GNI", () => {
  it("has the 32 allies, 23 of them EU members, and 27 GNI rows", () => {
    expect(ALLIES).toHaveLength(32);
    expect(ALLIES.filter((ally) => ally.euMember)).toHaveLength(23);
    expect(EU_GNI).toHaveLength(27);
    expect(ALLIES[0].iso3).toBe("ALB");
    expect(ALLIES[31].iso3).toBe("USA");
  });

  it("sums 2024 GDP to NATO's own total and 2023 GDP (with Sweden) to 51,732.97bn", () => {
    const sum2024 = sumScaled(
      ALLIES.map((ally) => ally.gdpUsdBn[2024]),
      3
    );
    const sum2023 = sumScaled(
      ALLIES.map((ally) => ally.gdpUsdBn[2023]),
      3
    );
    expect(thousandthsToHundredths(sum2024)).toBe(5397644);
    expect(thousandthsToHundredths(sum2023)).toBe(5173297);
    // NATO's published 2023 total leaves Sweden out.
    const sweden2023 = toScaledInteger(allyByIso3("SWE")?.gdpUsdBn[2023] ?? "", 3);
    expect(thousandthsToHundredths(sum2023 - sweden2023)).toBe(5113952);
  });

  it("sums the 27 GNI figures to EUR 16,985.53bn", () => {
    const sum = sumScaled(
      EU_GNI.map((record) => record.gniEurBn),
      3
    );
    expect(thousandthsToHundredths(sum)).toBe(1698553);
  });

  it("has a GNI row for every EU-member ally, and the other GNI rows are the four EU states outside NATO", () => {
    const gniCodes = new Set(EU_GNI.map((record) => record.iso3));
    const euAllies = ALLIES.filter((ally) => ally.euMember).map((ally) => ally.iso3);
    expect(euAllies.filter((iso3) => !gniCodes.has(iso3))).toEqual([]);
    const outsideNato = [...gniCodes].filter((iso3) => allyByIso3(iso3) === undefined).sort();
    expect(outsideNato).toEqual(["AUT", "CYP", "IRL", "MLT"]);
    expect(ALLIES.filter((ally) => !ally.euMember && gniCodes.has(ally.iso3))).toEqual([]);
  });

  // |usd / rate - eur| < 0.0006 does not hold for the large economies (USA 2023 is off by 0.010): NATO converted with
  // an unrounded rate that it prints to 6 decimals. So check exactly what rounding allows: some single rate, within
  // half a millionth of the printed one, reproduces every ally's EUR figure from its USD figure, each rounded to 3
  // decimals.
  it.each<[number, string]>([
    [2023, "1.081580"],
    [2024, "1.078376"],
  ])("converts %i USD to EUR at one rate that rounds to %s", (year, printedRate) => {
    let highestLow: Fraction = { num: 0, den: 1 };
    let lowestHigh: Fraction = { num: 10, den: 1 };
    for (const ally of ALLIES) {
      const usd = toScaledInteger(ally.gdpUsdBn[year], 3);
      const eur = toScaledInteger(ally.gdpEurBn[year], 3);
      // The true values lie within half a thousandth of the printed ones: usd +- 1/2000 and eur +- 1/2000.
      const low = { num: 2 * usd - 1, den: 2 * eur + 1 };
      const high = { num: 2 * usd + 1, den: 2 * eur - 1 };
      if (isLessOrEqual(highestLow, low)) highestLow = low;
      if (isLessOrEqual(high, lowestHigh)) lowestHigh = high;
    }
    const rate = toScaledInteger(printedRate, 6);
    const printedLow = { num: 2 * rate - 1, den: 2_000_000 };
    const printedHigh = { num: 2 * rate + 1, den: 2_000_000 };
    expect(isLessOrEqual(highestLow, lowestHigh)).toBe(true);
    expect(isLessOrEqual(highestLow, printedHigh)).toBe(true);
    expect(isLessOrEqual(printedLow, lowestHigh)).toBe(true);
  });

  it("finds allies by code in any case", () => {
    expect(allyByIso3("deu")?.name).toBe("Germany");
    expect(allyByIso3("Tur")?.name).toBe("Türkiye");
    expect(allyByIso3("AUT")).toBeUndefined();
    expect(euGniByIso3("aut")?.gniEurBn).toBe("474.411");
    expect(euGniByIso3("USA")).toBeUndefined();
  });

  it("keeps the exact CSV strings and types", () => {
    expect(allyByIso3("USA")).toEqual({
      iso3: "USA",
      name: "United States",
      euMember: false,
      natoJoined: 1949,
      gdpUsdBn: { 2023: "27360.935", 2024: "28719.942" },
      gdpEurBn: { 2023: "25297.180", 2024: "26632.590" },
      populationM: "335.169",
    });
    expect(allyByIso3("SWE")?.natoJoined).toBe(2024);
  });
});

describe("EU instruments", () => {
  it("has the ten instruments with their amounts, years and kinds, the earlier ids kept", () => {
    expect(
      EU_INSTRUMENTS.map((i) => [i.id, i.amountEurBn, i.firstYear, i.lastYear, i.key, i.states, i.costToMembers])
    ).toEqual([
      ["UAF", "5.0", 2024, 2024, "gni", "EU27", true],
      ["EPF_PRE", "6.1", 2022, 2023, "gni", "EU27", true],
      ["EPF_PROPOSAL", "20.0", 2024, 2027, "gni", "EU27", true],
      ["UKRAINE_FACILITY", "50.0", 2024, 2027, "eu_budget", "EU27", true],
      ["WINDFALL_EPF_2024", "1.4", 2024, 2024, "russian_assets", "EU27 -HUN", false],
      ["WINDFALL_EPF_2025", "1.97", 2025, 2025, "russian_assets", "EU27 -HUN", false],
      ["ERA_MFA", "18.1", 2025, 2025, "russian_assets", "EU27", false],
      ["EDIP_USI", "0.3", 2025, 2027, "eu_budget", "EU27", true],
      ["USL_MIL", "60.0", 2026, 2027, "eu_budget", "EU27 -CZE -HUN -SVK", true],
      ["USL_BUDGET", "30.0", 2026, 2027, "eu_budget", "EU27 -CZE -HUN -SVK", true],
    ]);
    expect(EU_INSTRUMENTS.filter((instrument) => !instrument.military).map((i) => i.id)).toEqual([
      "UKRAINE_FACILITY",
      "ERA_MFA",
      "USL_BUDGET",
    ]);
    expect(EU_INSTRUMENTS.filter((instrument) => instrument.status === "proposal").map((i) => i.id)).toEqual([
      "EPF_PROPOSAL",
    ]);
  });

  it("works out each instrument's participants from its states column", () => {
    const usl = EU_INSTRUMENTS.find((i) => i.id === "USL_MIL");
    expect(usl?.leftOut).toEqual(["CZE", "HUN", "SVK"]);
    const participants = instrumentParticipants(usl as EuInstrumentRecord);
    expect(participants).toHaveLength(24);
    expect(participants).not.toContain("HUN");
    expect(participants).toContain("DEU");
    expect(instrumentParticipants(EU_INSTRUMENTS[0])).toEqual(EU_GNI.map((r) => r.iso3));
  });

  it("lists every instrument with every column of its file, as the file writes it", () => {
    const header = readFileSync(join(__dirname, "..", "data", "eu_instruments.csv"), "utf8").split(/\r?\n/)[0];
    expect(EU_INSTRUMENT_COLUMNS.join(",")).toBe(header);
    const rows = euInstrumentRows();
    expect(rows).toHaveLength(10);
    expect(rows[8]).toMatchObject({
      id: "USL_MIL",
      amount_eur_bn: "60.0",
      first_year: "2026",
      military: "yes",
      states: "EU27 -CZE -HUN -SVK",
      cost_to_members: "yes",
      key: "eu_budget",
    });
    expect(rows[6].cost_to_members).toBe("no");
  });
});

describe("Kiel military aid", () => {
  it("covers January 2022 to April 2026 of release 29", () => {
    expect(KIEL_MILITARY.firstMonth).toBe("2022-01");
    expect(KIEL_MILITARY.lastMonth).toBe("2026-04");
    expect(KIEL_MILITARY.release).toBe("Ukraine Support Tracker, Release 29 (04/2026)");
    expect(KIEL_MILITARY.releaseDate).toBe("2026-08-04");
  });

  it("lists exactly Albania, North Macedonia and Montenegro as not tracked", () => {
    expect([...NOT_TRACKED_BY_KIEL].sort()).toEqual(["ALB", "MKD", "MNE"]);
    expect(isTrackedByKiel("alb")).toBe(false);
  });

  it("keeps every donor, including ones outside NATO and the EU row whose military aid is all zero", () => {
    expect(Object.keys(KIEL_MILITARY.donorNames)).toHaveLength(42);
    expect(Object.keys(KIEL_MILITARY.byDonor)).toEqual(Object.keys(KIEL_MILITARY.donorNames));
    expect(KIEL_MILITARY.donorNames.EU).toBe("EU (Commission and Council)");
    expect(KIEL_MILITARY.byDonor.EU).toEqual([]);
    expect(KIEL_MILITARY.byDonor.JPN.length).toBeGreaterThan(0);
    // Hungary has rows, all zero: tracked, with nothing to credit.
    expect(isTrackedByKiel("HUN")).toBe(true);
    expect(KIEL_MILITARY.byDonor.HUN).toEqual([]);
  });

  it("holds hand-checked values from data_explorer.csv and drops the zero rows", () => {
    // CSV: "Germany","DEU",2022,6,...,military 1.038118 and "United States","USA",2024,4,...,military 6.653764
    expect(KIEL_MILITARY.byDonor.DEU).toContainEqual(["2022-06", "1.038118"]);
    expect(KIEL_MILITARY.byDonor.USA).toContainEqual(["2024-04", "6.653764"]);
    // CSV: "Germany","DEU",2022,3,...,military 0
    expect(KIEL_MILITARY.byDonor.DEU.map(([month]) => month)).not.toContain("2022-03");
    expect(KIEL_MILITARY.byDonor.DEU[0]).toEqual(["2022-06", "1.038118"]);
  });

  it("keeps each donor's months ascending, zero-padded, within the covered period and never zero", () => {
    for (const entries of Object.values(KIEL_MILITARY.byDonor)) {
      const months = entries.map(([month]) => month);
      expect(months).toEqual([...months].sort());
      expect(new Set(months).size).toBe(months.length);
      for (const [month, value] of entries) {
        expect(month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        expect(month >= KIEL_MILITARY.firstMonth && month <= KIEL_MILITARY.lastMonth).toBe(true);
        expect(toScaledInteger(value, 6)).not.toBe(0);
      }
    }
  });

  it("adds up, month by month, to the military column of Kiel's total_allocations.csv", () => {
    const totals = new Map<string, number>();
    for (const entries of Object.values(KIEL_MILITARY.byDonor)) {
      for (const [month, value] of entries) {
        totals.set(month, exact((totals.get(month) ?? 0) + toScaledInteger(value, 6)));
      }
    }
    const published = readCsvRows("data/kiel-release-29/total_allocations.csv");
    expect(published).toHaveLength(52);
    for (const [year, month, , military] of published) {
      const key = `${year}-${month.padStart(2, "0")}`;
      expect([key, totals.get(key) ?? 0]).toEqual([key, toScaledInteger(military, 6)]);
    }
  });

  it("carries the commitments column of data_explorer.csv: every non-zero donor month, exactly", () => {
    const [header, ...rows] = readCsvRows("data/kiel-release-29/data_explorer.csv", true);
    const column = (name: string): number => header.indexOf(name);
    const expected: Record<string, [string, string][]> = {};
    for (const row of rows) {
      const donor = row[column("iso")];
      expected[donor] ??= [];
      const value = row[column("commitments")];
      if (toScaledInteger(value, 6) === 0) continue;
      expected[donor].push([`${row[column("year")]}-${row[column("month")].padStart(2, "0")}`, value]);
    }
    for (const entries of Object.values(expected)) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(KIEL_COMMITMENTS.byDonor).toEqual(expected);
    expect(Object.keys(KIEL_COMMITMENTS.byDonor)).toEqual(Object.keys(KIEL_MILITARY.donorNames));
    expect([KIEL_COMMITMENTS.firstMonth, KIEL_COMMITMENTS.lastMonth]).toEqual([
      KIEL_MILITARY.firstMonth,
      KIEL_MILITARY.lastMonth,
    ]);
    expect(KIEL_COMMITMENTS.release).toBe(KIEL_MILITARY.release);
    // CSV: "Germany","DEU",2024,2,...,commitments 1.502296; "Germany","DEU",2024,1,...,commitments 0
    expect(kielCommitmentMonths("DEU", "2024-01", "2024-02")).toEqual([["2024-02", "1.502296"]]);
    expect(kielCommitmentMonths("ALB", "2022-01", "2026-04")).toEqual([]);
  });

  describe("kielMilitaryMonths", () => {
    it("includes both ends of the window", () => {
      expect(kielMilitaryMonths("DEU", "2022-06", "2022-08")).toEqual([
        ["2022-06", "1.038118"],
        ["2022-07", "0.190729"],
        ["2022-08", "0.095139"],
      ]);
      expect(kielMilitaryMonths("deu", "2022-07", "2022-07")).toEqual([["2022-07", "0.190729"]]);
    });

    it("excludes the months just outside the window", () => {
      const window = kielMilitaryMonths("DEU", "2022-07", "2022-07");
      expect(window.map(([month]) => month)).toEqual(["2022-07"]);
      const all = kielMilitaryMonths("DEU", KIEL_MILITARY.firstMonth, KIEL_MILITARY.lastMonth);
      expect(all).toEqual(KIEL_MILITARY.byDonor.DEU);
    });

    it("is empty for a donor the tracker does not cover", () => {
      expect(kielMilitaryMonths("ALB", "2022-01", "2026-04")).toEqual([]);
      expect(kielMilitaryMonths("constructor", "2022-01", "2026-04")).toEqual([]);
    });

    it.each([
      ["2024-1", "2024-12"],
      ["2024-01", "2024-13"],
      ["2024-00", "2024-12"],
      ["January 2024", "2024-12"],
    ])("rejects the malformed window %s .. %s", (from, to) => {
      expect(() => kielMilitaryMonths("DEU", from, to)).toThrow(/YYYY-MM/);
    });

    it("rejects a window that ends before it starts", () => {
      expect(() => kielMilitaryMonths("DEU", "2024-02", "2024-01")).toThrow(/before/);
    });
  });
});

describe("sources", () => {
  it.each(SOURCES.map((source) => [source.id, source] as const))("%s is complete", (_id, source) => {
    for (const text of [source.title, source.publisher, source.vintage, source.unit]) {
      expect(text.trim()).not.toBe("");
    }
    expect(source.url).toMatch(/^https:\/\/[^\s/]+\.[^\s/]+\//);
    // ISO 8601, possibly reduced to year-month or year when the source gives no day; must be a real date.
    expect(source.published).toMatch(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/);
    expect(Number.isNaN(Date.parse(source.published))).toBe(false);
    expect(source.caveats.length).toBeGreaterThan(0);
    for (const caveat of source.caveats) expect(caveat.trim()).not.toBe("");
  });

  it("has unique ids, found by sourceById", () => {
    const ids = SOURCES.map((source) => source.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(sourceById(id).id).toBe(id);
  });

  it("throws a plain Error naming an unknown id", () => {
    expect(() => sourceById("nato-gpd")).toThrow(Error);
    expect(() => sourceById("nato-gpd")).toThrow(/nato-gpd/);
  });

  it("backs every data field with a listed source", () => {
    expect(Object.keys(DEFAULT_SOURCE_IDS).sort()).toEqual(["aid", "gdp", "gni", "instruments", "population"]);
    for (const id of Object.values(DEFAULT_SOURCE_IDS)) expect(() => sourceById(id)).not.toThrow();
    expect(new Set(Object.values(DEFAULT_SOURCE_IDS)).size).toBe(SOURCES.length);
  });

  it("dates the Kiel source as the release it embeds", () => {
    expect(sourceById(DEFAULT_SOURCE_IDS.aid).published).toBe(KIEL_MILITARY.releaseDate);
    expect(sourceById(DEFAULT_SOURCE_IDS.aid).title).toContain("Release 29");
  });
});
