/**
 * The data a scenario rests on: an edition. It holds every dataset the engine reads (the allies' GDP by year, their
 * population, the EU member states' GNI, the EU instruments, the bilateral aid by donor and month), each with its
 * source and vintage and whether it is the embedded data or the user's (with the file it came from and the vintage
 * the file states). The embedded edition is the default; a user's edition is the embedded one with some of its
 * figures replaced (a data file may give only GDP 2025, say: the rest stays embedded).
 *
 * An edition is resolved once (figures parsed into decimals, lookups built) and is immutable, so one edition serves
 * any number of scenarios: pass it as `edition` in every ScenarioSpec. Who the countries are (codes, names, EU
 * membership, NATO accession) is never part of an edition; only their figures are.
 */
import {
  ALLIES,
  EU_GNI,
  EU_GNI_YEAR,
  EU_INSTRUMENTS,
  GDP_YEARS,
  KIEL_MILITARY,
  POPULATION_YEAR,
  SOURCE_IDS,
  sourceById,
  type AllyRecord,
  type DatasetSource,
  type EuInstrumentRecord,
  type KielMilitaryData,
} from "../data";
import { Dec, sumDec } from "./decimal";

/** The datasets of an edition. */
export type DatasetKind = "gdp" | "population" | "gni" | "instruments" | "aid";
export const DATASET_KINDS: readonly DatasetKind[] = ["gdp", "population", "gni", "instruments", "aid"];

/** Where a dataset's figures come from. */
export type DataOrigin = "embedded" | "user";

/**
 * One dataset of an edition, as every output names it: its source (title, publisher, dates, vintage, unit, address,
 * caveats) and whether it is embedded or the user's.
 */
export interface EditionSource extends DatasetSource {
  readonly dataset: DatasetKind;
  readonly origin: DataOrigin;
  /** The file (or sheet) the user's figures came from; null for embedded data. */
  readonly file: string | null;
  /** The columns of that file the dataset holds, as the file names them (gdp_2025_eur_bn); empty when embedded. */
  readonly columns: readonly string[];
}

/** An ally with its figures in an edition: the record's decimal strings, and the numbers the engine computes with. */
export interface EditionAlly extends AllyRecord {
  /** GDP in euros (not billions), by each year the edition has. */
  readonly gdpEur: ReadonlyMap<number, Dec>;
  /** Inhabitants (not millions), of the edition's population year. */
  readonly population: Dec;
}

/** An EU member state with its GNI in an edition. */
export interface EditionEuState {
  readonly iso3: string;
  readonly name: string;
  /** GNI of the edition's GNI year, EUR billion, as a decimal string. */
  readonly gniEurBn: string;
  readonly gni: Dec;
}

/** The bilateral military aid of an edition: a Kiel release, by donor and month. */
export interface EditionAid extends KielMilitaryData {
  /** Whether the tracker has any row for this donor (a tracked donor may still have given zero). */
  tracked(code: string): boolean;
  /** The allies the tracker does not cover: their aid is unknown, not zero. */
  readonly notTracked: readonly string[];
}

export interface Edition {
  /** "embedded", or "user-" and a fingerprint of the user's figures and of where they come from. */
  readonly id: string;
  /**
   * A fingerprint of the figures alone (not of the files' names or stated vintages): two editions with the same
   * figures compute the same numbers, whatever they are called. "embedded" for the embedded figures.
   */
  readonly figuresId: string;
  /** In words: "the embedded data", or the user's files and their vintages with "embedded data for the rest". */
  readonly label: string;
  /** True when every figure is embedded. */
  readonly embedded: boolean;
  /** The years the allies' GDP (in EUR) is given for, ascending; gdp-year takes any of them. */
  readonly gdpYears: readonly number[];
  readonly latestGdpYear: number;
  readonly populationYear: number;
  readonly gniYear: number;
  /** The bases a blend can weigh: gdpYEAR for each GDP year, population, gni, key. */
  readonly blendBases: readonly string[];
  /** The 32 allies, in the data's order. */
  readonly allies: readonly EditionAlly[];
  ally(code: string): EditionAlly | undefined;
  /** The 27 EU member states, in the GNI data's order. */
  readonly euStates: readonly EditionEuState[];
  euState(code: string): EditionEuState | undefined;
  /** The 27's GNI, added up. */
  readonly gniTotal: Dec;
  readonly instruments: readonly EuInstrumentRecord[];
  readonly aid: EditionAid;
  /** Every dataset of the edition with its source: the embedded ones still in use and the user's. */
  readonly sources: readonly EditionSource[];
  /** The dataset a kind of figure comes from (for GDP, the year's). */
  sourceOf(kind: DatasetKind, year?: number): EditionSource;
  /** A source of this edition by its id; throws for an id it does not have. */
  sourceById(id: string): EditionSource;
  /** What reading the user's files found worth a look without refusing them (a unit off by a factor of 1,000). */
  readonly warnings: readonly string[];
}

/** The dataset kind of each embedded source id. */
const EMBEDDED_KIND: Readonly<Record<string, DatasetKind>> = {
  [SOURCE_IDS.natoGdp]: "gdp",
  [SOURCE_IDS.natoPopulation]: "population",
  [SOURCE_IDS.euGni]: "gni",
  [SOURCE_IDS.euInstruments]: "instruments",
  [SOURCE_IDS.kiel]: "aid",
};

function embeddedSource(id: string): EditionSource {
  return { ...sourceById(id), dataset: EMBEDDED_KIND[id], origin: "embedded", file: null, columns: [] };
}

const BILLION = new Dec("1e9");
const MILLION = new Dec("1e6");

function editionAlly(record: AllyRecord): EditionAlly {
  const gdpEur = new Map<number, Dec>();
  for (const [year, text] of Object.entries(record.gdpEurBn)) gdpEur.set(Number(year), new Dec(text).times(BILLION));
  return { ...record, gdpEur, population: new Dec(record.populationM).times(MILLION) };
}

function editionAid(data: KielMilitaryData, allyCodes: readonly string[]): EditionAid {
  const tracked = (code: string): boolean =>
    // An own-property test, so that a code such as "CONSTRUCTOR" can never match an inherited member.
    Object.prototype.hasOwnProperty.call(data.donorNames, code.toUpperCase());
  return { ...data, tracked, notTracked: allyCodes.filter((code) => !tracked(code)) };
}

/** The parts an edition is made of: figures, and the source of each dataset (for GDP, of each year). */
export interface EditionParts {
  readonly allies: readonly AllyRecord[];
  readonly gdpYears: readonly number[];
  readonly populationYear: number;
  readonly euStates: readonly { readonly iso3: string; readonly name: string; readonly gniEurBn: string }[];
  readonly gniYear: number;
  readonly instruments: readonly EuInstrumentRecord[];
  readonly aid: KielMilitaryData;
  /** The source of each kind; for GDP, by year (a user's file may give some years). */
  readonly gdpSources: ReadonlyMap<number, EditionSource>;
  readonly otherSources: Readonly<Record<Exclude<DatasetKind, "gdp">, EditionSource>>;
  readonly warnings: readonly string[];
}

/** Builds an edition from its parts, once: every figure parsed, every lookup made. */
export function makeEdition(id: string, label: string, parts: EditionParts): Edition {
  let figures: string | undefined;
  const allies = parts.allies.map(editionAlly);
  const allyIndex = new Map(allies.map((ally) => [ally.iso3, ally]));
  const euStates = parts.euStates.map((state): EditionEuState => ({ ...state, gni: new Dec(state.gniEurBn) }));
  const stateIndex = new Map(euStates.map((state) => [state.iso3, state]));
  const gdpYears = [...parts.gdpYears].sort((a, b) => a - b);
  const sources: EditionSource[] = [];
  const addSource = (source: EditionSource): void => {
    if (!sources.some((known) => known.id === source.id)) sources.push(source);
  };
  for (const year of gdpYears) addSource(parts.gdpSources.get(year) as EditionSource);
  for (const kind of DATASET_KINDS) if (kind !== "gdp") addSource(parts.otherSources[kind]);
  const byId = new Map(sources.map((source) => [source.id, source]));
  return {
    id,
    get figuresId() {
      return (figures ??= figuresFingerprint(parts));
    },
    label,
    embedded: sources.every((source) => source.origin === "embedded"),
    gdpYears,
    latestGdpYear: gdpYears[gdpYears.length - 1],
    populationYear: parts.populationYear,
    gniYear: parts.gniYear,
    blendBases: [...gdpYears.map((year) => `gdp${year}`), "population", "gni", "key"],
    allies,
    // Codes mostly arrive upper-case already: look them up as they are before making an upper-case copy.
    ally: (code) => allyIndex.get(code) ?? allyIndex.get(code.toUpperCase()),
    euStates,
    euState: (code) => stateIndex.get(code) ?? stateIndex.get(code.toUpperCase()),
    gniTotal: sumDec(euStates.map((state) => state.gni)),
    instruments: parts.instruments,
    aid: editionAid(
      parts.aid,
      allies.map((ally) => ally.iso3)
    ),
    sources,
    sourceOf(kind, year) {
      if (kind !== "gdp") return parts.otherSources[kind];
      const source = parts.gdpSources.get(year ?? gdpYears[gdpYears.length - 1]);
      if (source === undefined) throw new Error(`The edition has no GDP for ${year}`);
      return source;
    },
    sourceById(sourceId) {
      const source = byId.get(sourceId);
      if (source === undefined) {
        throw new Error(`Unknown data source id "${sourceId}"; this edition's: ${[...byId.keys()].join(", ")}`);
      }
      return source;
    },
    warnings: parts.warnings,
  };
}

let embeddedFigures: string | undefined;

/** A decimal string in one form for one number: "4274.980" and "4274.98" are the same figure. */
function canonical(decimal: string): string {
  return new Dec(decimal).toFixed();
}

function figuresText(parts: EditionParts): string {
  const byYear = (figures: Readonly<Record<number, string>>) =>
    Object.entries(figures).map(([year, value]) => [year, canonical(value)]);
  return JSON.stringify([
    parts.allies.map((ally) => [ally.iso3, byYear(ally.gdpEurBn), canonical(ally.populationM)]),
    parts.populationYear,
    parts.euStates.map((state) => [state.iso3, canonical(state.gniEurBn)]),
    parts.gniYear,
    parts.instruments.map((record) => ({ ...record, amountEurBn: canonical(record.amountEurBn) })),
    [
      parts.aid.firstMonth,
      parts.aid.lastMonth,
      Object.keys(parts.aid.donorNames),
      Object.entries(parts.aid.byDonor).map(([donor, months]) => [donor, months.map(([m, v]) => [m, canonical(v)])]),
    ],
  ]);
}

/** The fingerprint of an edition's figures; "embedded" when they are the embedded ones. */
function figuresFingerprint(parts: EditionParts): string {
  const value = `figures-${fingerprint(figuresText(parts))}`;
  embeddedFigures ??= `figures-${fingerprint(figuresText(embeddedParts()))}`;
  return value === embeddedFigures ? EMBEDDED_EDITION_ID : value;
}

/** The embedded edition's parts: the data generated from data/*.csv, with its sources. */
export function embeddedParts(): EditionParts {
  const gdp = embeddedSource(SOURCE_IDS.natoGdp);
  return {
    allies: ALLIES,
    gdpYears: GDP_YEARS,
    populationYear: POPULATION_YEAR,
    euStates: EU_GNI,
    gniYear: EU_GNI_YEAR,
    instruments: EU_INSTRUMENTS,
    aid: KIEL_MILITARY,
    gdpSources: new Map(GDP_YEARS.map((year) => [year, gdp])),
    otherSources: {
      population: embeddedSource(SOURCE_IDS.natoPopulation),
      gni: embeddedSource(SOURCE_IDS.euGni),
      instruments: embeddedSource(SOURCE_IDS.euInstruments),
      aid: embeddedSource(SOURCE_IDS.kiel),
    },
    warnings: [],
  };
}

/** The id of the embedded edition. */
export const EMBEDDED_EDITION_ID = "embedded";

let embedded: Edition | undefined;

/** The embedded edition: the data in the package, resolved on first use. */
export function embeddedEdition(): Edition {
  return (embedded ??= makeEdition(EMBEDDED_EDITION_ID, "the embedded data", embeddedParts()));
}

/**
 * A fingerprint of a text: 53 bits of cyrb53 as 14 hex digits. Equal texts give equal fingerprints; different ones
 * practically never the same (an edition's id keys the caches of what is computed from it).
 */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, "0");
}

/** Aid sums kept: scenarios on one edition with one window share them. */
const AID_CACHE_SIZE = 512;
const aidCache = new Map<string, Dec>();

/**
 * A donor's bilateral military aid in an edition from one month to another (both "YYYY-MM", inclusive), EUR billion:
 * the sum of its monthly allocations; zero for a donor the aid data does not track (check edition.aid.tracked).
 */
export function aidEurBn(edition: Edition, code: string, fromMonth: string, toMonth: string): Dec {
  const donor = code.toUpperCase();
  const key = `${edition.id}|${donor}|${fromMonth}|${toMonth}`;
  let aid = aidCache.get(key);
  if (aid === undefined) {
    const entries = edition.aid.tracked(donor) ? edition.aid.byDonor[donor] : [];
    aid = sumDec(
      entries.filter(([month]) => month >= fromMonth && month <= toMonth).map(([, eurBn]) => new Dec(eurBn))
    );
    if (aidCache.size >= AID_CACHE_SIZE) aidCache.delete(aidCache.keys().next().value as string);
    aidCache.set(key, aid);
  }
  return aid;
}

/**
 * The data vintage a figure was computed with, in one line that names every dataset and when it was published
 * ("nato-gdp 2024-06-17; ...; kiel-ust-release-29 2026-08-04"); the user's datasets say so. Two runs whose vintages
 * differ may give other numbers: stored scenarios and sheets record it, and say when the add-in's data differ.
 */
export function dataVintage(edition: Edition): string {
  return edition.sources
    .map((source) =>
      source.origin === "user"
        ? `${source.id} ${source.vintage || "undated"} (your data)`
        : `${source.id} ${source.published}`
    )
    .join("; ");
}
