/**
 * Every command's flags, each defined once: its name, whether it takes a value, its help, default, example and the
 * values it accepts. The parser (args.ts) reads the kind, the example and the accepted values; the help (help.ts) is
 * drawn from the help, the default and the placeholder; the commands read the parsed values through the same
 * definitions. The scenario flags of `allocate` are the engine's parameter table (src/engine/parameters.ts), whose
 * values the engine checks.
 */
import {
  PARAMETERS,
  appliesTo,
  parameter,
  parameterHelp,
  parametersFor,
  type Parameter,
  type ScenarioUse,
} from "../engine";

/** One accepted value of a flag, and what it means (shown in the help after the value, in parentheses). */
export interface Choice<T extends string> {
  readonly value: T;
  readonly help?: string;
}

/** A flag followed by a value: --format json, --format=json. T: the values it takes; D: its default. */
export interface ValueFlag<T extends string = string, D extends T | "" = T | ""> {
  readonly kind: "value";
  readonly name: string;
  /** "{choices}" in it is replaced by the accepted values and their meanings: "table (for reading), csv or json". */
  readonly help: string;
  /** The value when the flag is not given, as typed; "" when there is none (the help then says what happens). */
  readonly default: D;
  /** A value to show in messages: "--format: needs a value, e.g. --format json". */
  readonly example: string;
  /** What the help writes after the flag name; VALUE unless given (FILE, N). */
  readonly placeholder?: string;
  /** The only values accepted (in any case); the parser refuses others, naming the flag and the choices. */
  readonly choices?: readonly Choice<T>[];
  /** A whole number in this range; the parser refuses others. */
  readonly wholeNumber?: { readonly min: number; readonly max: number };
  /** The most times it may be given (--vary twice for a two-way table); once when not set. */
  readonly repeatable?: number;
}

/** A flag that takes no value: present or not (--force). */
export interface SwitchFlag {
  readonly kind: "switch";
  readonly name: string;
  readonly help: string;
}

export type Flag = ValueFlag | SwitchFlag;

/** The values a flag with choices accepts, as a type: "table" | "csv" | "json". */
export type ChoiceOf<F> = F extends { readonly choices?: readonly Choice<infer T>[] } ? T : never;

/** A value flag; its type keeps the default's literal, so that reading the flag with its default gives T. */
function valueFlag<const T extends string, const D extends T | "">(
  flag: Omit<ValueFlag<T, D>, "kind">
): ValueFlag<T, D> {
  return { kind: "value", ...flag };
}

function switchFlag(name: string, help: string): SwitchFlag {
  return { kind: "switch", name, help };
}

/** The values of a flag with choices, in order. */
export function choiceValues<T extends string>(flag: ValueFlag<T>): T[] {
  return (flag.choices ?? []).map((choice) => choice.value);
}

// --- The output flags (allocate, data, bench). ---

export const HELP_FLAG = switchFlag("help", "Show this help.");

export const FORMAT_FLAG = valueFlag({
  name: "format",
  help: "Output: {choices}.",
  default: "table",
  example: "json",
  choices: [
    { value: "table", help: "for reading" },
    { value: "csv", help: "one row per ally and a total row" },
    { value: "json", help: "everything, as exact strings" },
  ],
});
export type OutputFormat = ChoiceOf<typeof FORMAT_FLAG>;

export const SORT_FLAG = valueFlag({
  name: "sort",
  help: "Row order: {choices}. Default: the data's order (allies by English name).",
  default: "",
  example: "share",
  choices: [{ value: "share", help: "largest amount first" }, { value: "code" }, { value: "name" }],
});
export type SortOrder = ChoiceOf<typeof SORT_FLAG>;

export const DELIMITER_FLAG = valueFlag({
  name: "delimiter",
  help: "With --format csv: {choices}.",
  default: "comma",
  example: "semicolon",
  choices: [
    { value: "comma", help: "RFC 4180" },
    { value: "semicolon", help: "for Excel where the list separator is a semicolon" },
  ],
});
export type Delimiter = ChoiceOf<typeof DELIMITER_FLAG>;

export const DECIMAL_COMMA_FLAG = switchFlag(
  "decimal-comma",
  "With --delimiter semicolon: write decimal fractions with a comma (0,25)."
);

/** Also write the scenario as a portable workbook (src/workbook/portable.ts). */
export const XLSX_FLAG = valueFlag({
  name: "xlsx",
  help:
    "Also write the scenario to FILE as a portable workbook (.xlsx): classic formulas only, computes in any Excel " +
    "2010+ or LibreOffice without the add-in. Refuses an existing FILE unless --force.",
  default: "",
  example: "fair-share.xlsx",
  placeholder: "FILE",
});

export const FORCE_FLAG = switchFlag("force", "With --xlsx: overwrite FILE if it exists.");

/** Read the scenario and its figures from a portable copy (src/workbook/portable-read.ts). */
export const WORKBOOK_FLAG = valueFlag({
  name: "workbook",
  help:
    "Compute the scenario a portable copy (.xlsx) states, edited or not: its inputs block, contributors table" +
    " (GDP, population, aid, exempt, cap, floor) and EU tables; figures that differ from the embedded data are" +
    " your data, named after FILE. Takes no scenario or data flags; with --xlsx NEW, writes the copy again.",
  default: "",
  example: "edited.xlsx",
  placeholder: "FILE",
});

/** Compute one of a copy's stored scenarios instead of what its sheet shows (src/workbook/scenario-store.ts). */
export const SCENARIO_FLAG = valueFlag({
  name: "scenario",
  help:
    "With --workbook: compute the scenario stored in the copy's Scenarios sheet under NAME (names compare without" +
    " regard to case) instead of what its sheet shows; with --xlsx NEW, write a copy that shows it.",
  default: "",
  example: "Hungary exempt",
  placeholder: "NAME",
});

export const SAVE_SCENARIO_FLAG = valueFlag({
  name: "save-scenario",
  help:
    "With --xlsx: store the scenario in the copy's Scenarios sheet under NAME (with its parameters as given, the" +
    " time, your user name and the data vintage); the copy shows it and lets a reader choose among the stored ones.",
  default: "",
  example: "Hungary exempt",
  placeholder: "NAME",
});

export const COMMENT_FLAG = valueFlag({
  name: "comment",
  help: "With --save-scenario: a comment stored with the scenario.",
  default: "",
  example: "Hungary's veto priced in",
  placeholder: "TEXT",
});

export const APPEND_FLAG = switchFlag(
  "append",
  "With --save-scenario: add the scenario to the scenarios already stored in the copy FILE (every row kept as it" +
    " is, unreadable ones too) and write FILE again showing the new scenario; inputs typed into FILE's sheet and" +
    " not stored are replaced. NAME must not be stored yet."
);

export const AID_FROM_FLAG = valueFlag({
  name: "aid-from",
  help: "First month of the aid window, YYYY-MM (default: the first month of the aid data).",
  default: "",
  example: "2024-01",
});

export const AID_TO_FLAG = valueFlag({
  name: "aid-to",
  help: "Last month of the aid window, YYYY-MM (default: the last month of the aid data).",
  default: "",
  example: "2026-04",
});

export const EU_SWITCH = switchFlag("eu", "List the EU instruments instead of the allies.");

export const RUNS_FLAG = valueFlag({
  name: "runs",
  help: "Timed runs per engine measurement (the custom functions' rows always take 200).",
  default: "2000",
  example: "200",
  placeholder: "N",
  wholeNumber: { min: 1, max: 1_000_000 },
});

export const PROCESS_RUNS_FLAG = valueFlag({
  name: "process-runs",
  help: "Timed runs of each process in the start-up rows (the command line's allocation and node -e 0, by turns).",
  default: "10",
  example: "5",
  placeholder: "N",
  wholeNumber: { min: 1, max: 100 },
});

/** --data on the command line: the parameter `data`, given as a file. */
const DATA_FILE_HELP =
  "Your own per-country figures: a csv file as fair-share data --format csv writes it, edited (replace figures, add" +
  " a column such as gdp_2025_eur_bn, state the vintage in a # vintage: line); the columns it gives replace the" +
  " embedded ones, the rest stays embedded. It may hold the EU instruments too, as a second table.";

/**
 * An engine parameter as a flag: a switch for an on-or-off parameter (--count-eu), else a flag with a value, which the
 * engine checks (so the parser takes any); the data parameter takes a FILE.
 */
function scenarioFlag(parameter: Parameter): Flag {
  if (parameter.kind === "switch") return switchFlag(parameter.name, parameterHelp(parameter));
  return valueFlag({
    name: parameter.name,
    help: parameter.kind === "data" ? DATA_FILE_HELP : parameterHelp(parameter),
    default: parameter.default,
    example: parameter.example,
    ...(parameter.kind === "data" ? { placeholder: "FILE" } : {}),
  });
}

/** The parameters that have effect in a use, as flags: the command's scenario flags (data has a group of its own). */
function scenarioFlags(use: ScenarioUse): Flag[] {
  return parametersFor(use)
    .filter((parameter) => parameter.group !== "data")
    .map(scenarioFlag);
}

/**
 * The other parameters, as flags the command accepts but does not list: the engine refuses each with the reason it has
 * no effect there ("--credit: cannot be used with track ..."), which says more than "unknown flag".
 */
function otherScenarioFlags(use: ScenarioUse): Flag[] {
  return PARAMETERS.filter((parameter) => !appliesTo(parameter, use)).map(scenarioFlag);
}

/** --data: the one data parameter, as a flag. */
export const DATA_FILE_FLAG = scenarioFlag(parameter("data")) as ValueFlag;

export const EU_DATA_FLAG = valueFlag({
  name: "eu-data",
  help:
    "Your own EU instruments: a csv file as fair-share data --eu --format csv writes it, edited (amounts, years," +
    " states, new rows); every embedded instrument keeps a row, --eu chooses which are counted.",
  default: "",
  example: "instruments.csv",
  placeholder: "FILE",
});

export const AID_DATA_FLAG = valueFlag({
  name: "aid-data",
  help:
    "Your own bilateral aid: a folder holding a Kiel Ukraine Support Tracker release (data_explorer.csv and" +
    " release_info.csv), as fair-share data import-kiel writes it.",
  default: "",
  example: "kiel-release-30",
  placeholder: "DIR",
});

/** The flags that bring the user's own data edition: every command that computes or lists the data takes them. */
export const DATA_FLAGS: FlagGroup = { title: "Data flags", flags: [DATA_FILE_FLAG, EU_DATA_FLAG, AID_DATA_FLAG] };

// --- fair-share data import-kiel. ---

export const OUT_FLAG = valueFlag({
  name: "out",
  help: "The folder to write the checked release to (made if missing); --aid-data DIR then reads it.",
  default: "",
  example: "kiel-release-30",
  placeholder: "DIR",
});

export const RELEASE_FLAG = valueFlag({
  name: "release",
  help: "The release number, when no release_info.csv is beside FILE.",
  default: "",
  example: "30",
  placeholder: "N",
});

export const PERIOD_FLAG = valueFlag({
  name: "period",
  help: "The release's last month, MM/YYYY as Kiel writes it, when no release_info.csv is beside FILE.",
  default: "",
  example: "07/2026",
  placeholder: "MM/YYYY",
});

export const DATE_FLAG = valueFlag({
  name: "date",
  help: "The release's publication date, YYYY-MM-DD, when no release_info.csv is beside FILE.",
  default: "",
  example: "2026-11-04",
  placeholder: "YYYY-MM-DD",
});

export const OVERWRITE_FLAG = switchFlag("force", "Overwrite the files in DIR if they exist.");

// --- The commands. ---

export interface FlagGroup {
  /** The help's heading for the group: "Scenario flags". */
  readonly title: string;
  readonly flags: readonly Flag[];
}

export interface CommandFlags {
  readonly name:
    | "allocate"
    | "track"
    | "sweep"
    | "tornado"
    | "solve"
    | "explain"
    | "scenarios"
    | "summary"
    | "data"
    | "bench"
    | "data import-kiel";
  /** One line for the list of commands in fair-share --help. */
  readonly summary: string;
  readonly groups: readonly FlagGroup[];
  /** Flags it accepts without listing them in its help (another use's parameters, which the engine refuses). */
  readonly unlisted?: readonly Flag[];
}

export const ALLOCATE: CommandFlags = {
  name: "allocate",
  summary: "Allocate the total and print the ally x year table (or csv, json).",
  groups: [
    { title: "Scenario flags", flags: scenarioFlags("allocate") },
    DATA_FLAGS,
    {
      title: "Portable copy flags",
      flags: [WORKBOOK_FLAG, SCENARIO_FLAG, SAVE_SCENARIO_FLAG, COMMENT_FLAG, APPEND_FLAG],
    },
    {
      title: "Output flags",
      flags: [FORMAT_FLAG, SORT_FLAG, DELIMITER_FLAG, DECIMAL_COMMA_FLAG, XLSX_FLAG, FORCE_FLAG, HELP_FLAG],
    },
  ],
  unlisted: otherScenarioFlags("allocate"),
};

export const TRACK_SORT_FLAG = valueFlag({
  name: "sort",
  help: "Row order: {choices}. Default: the data's order (allies by English name).",
  default: "",
  example: "gap",
  choices: [
    { value: "gap", help: "largest shortfall first, the largest surplus last, untracked allies at the end" },
    { value: "share", help: "largest fair share first" },
    { value: "code" },
    { value: "name" },
  ],
});
export type TrackSortOrder = ChoiceOf<typeof TRACK_SORT_FLAG>;

export const TRACK: CommandFlags = {
  name: "track",
  summary: "Compare each ally's fair share of a pledge with the aid it delivered in a window (Kiel data).",
  groups: [
    { title: "Scenario flags", flags: scenarioFlags("track") },
    DATA_FLAGS,
    { title: "Output flags", flags: [FORMAT_FLAG, TRACK_SORT_FLAG, DELIMITER_FLAG, DECIMAL_COMMA_FLAG, HELP_FLAG] },
  ],
  unlisted: otherScenarioFlags("track"),
};

// --- fair-share sweep and tornado. ---

/** --format for solve and explain: text for reading, or json. */
export const TEXT_FORMAT_FLAG = valueFlag({
  name: "format",
  help: "Output: {choices}.",
  default: "table",
  example: "json",
  choices: [
    { value: "table", help: "sentences for reading" },
    { value: "json", help: "everything, fractions exact as a/b" },
  ],
});
export type TextFormat = ChoiceOf<typeof TEXT_FORMAT_FLAG>;

export const TARGET_FLAG = valueFlag({
  name: "target",
  help:
    "What must hold: CODE[YEAR].MEASURE then <=, >= or = and a value. MEASURE: amount (the default, exact before" +
    " rounding), share (of the total), pct-gdp (a year's payment over GDP), net-new or overlap (EU overlap); overlap" +
    " alone is every ally's EU overlap. E.g. ESP<=3bn, ESP[2026]<=600m, ESP.share>=8%, overlap<=10bn.",
  default: "",
  example: "ESP<=3bn",
});

export const VARY_FLAG = valueFlag({
  name: "vary",
  help:
    "The parameter to vary and its values: a range FROM..TO:STEP (exact decimal steps; TO is included when it is on" +
    " the grid; 0%..100%:5% for a ratio, 80bn..120bn:10bn for an amount) or a list V1,V2,... (none for no value; +" +
    " joins the items of a list: exempt=none,HUN,HUN+SVK). NAME is a scenario flag's name (total, credit, floor," +
    " max-pct-gdp, pct-gdp, overlap-threshold, gdp-year, exempt...) or one contributor's entry of cap, floor or key:" +
    " cap.USA, key.DEU. Give it twice for a two-way table (the first varies slowest).",
  default: "",
  example: "credit=0..1:0.05",
  placeholder: "NAME=VALUES",
  repeatable: 2,
});

export const ALLIES_FLAG = valueFlag({
  name: "allies",
  help: "The allies whose amounts to show, codes or English names: ESP,ITA. Default: none (the totals only).",
  default: "",
  example: "ESP,ITA",
  placeholder: "CODES",
});

export const ALL_ALLIES_SWITCH = switchFlag("all", "Show every contributor's amount (instead of --allies).");

export const SWEEP: CommandFlags = {
  name: "sweep",
  summary: "Run the scenario at each value of a parameter (or two): amounts, total, EU overlap, net new.",
  groups: [
    { title: "Sweep flags", flags: [VARY_FLAG, ALLIES_FLAG, ALL_ALLIES_SWITCH] },
    { title: "Scenario flags", flags: scenarioFlags("allocate") },
    DATA_FLAGS,
    { title: "Output flags", flags: [FORMAT_FLAG, DELIMITER_FLAG, DECIMAL_COMMA_FLAG, HELP_FLAG] },
  ],
  unlisted: otherScenarioFlags("allocate"),
};

/** solve's --vary names one parameter (its values are what solve finds); sweep's takes NAME=VALUES. */
export const SOLVE_VARY_FLAG = valueFlag({
  name: "vary",
  help:
    "The parameter to solve for: credit, total, cap, floor, max-pct-gdp, pct-gdp, overlap-threshold, or one" +
    " contributor's cap or floor (cap.USA). Its other scenario flag, if given, is where the search starts.",
  default: "",
  example: "credit",
});

export const YEAR_FLAG = valueFlag({
  name: "year",
  help: "Explain one year's amount instead of the amount over all the years.",
  default: "",
  example: "2026",
  wholeNumber: { min: 1949, max: 2100 },
});

export const SOLVE: CommandFlags = {
  name: "solve",
  summary: "Goal seek, exactly: the value of one parameter at which a target holds (ESP>=3.2bn by credit).",
  groups: [
    { title: "Goal flags", flags: [TARGET_FLAG, SOLVE_VARY_FLAG] },
    { title: "Scenario flags", flags: scenarioFlags("allocate") },
    DATA_FLAGS,
    { title: "Output flags", flags: [TEXT_FORMAT_FLAG, HELP_FLAG] },
  ],
  unlisted: otherScenarioFlags("allocate"),
};

export const RANGES_FLAG = valueFlag({
  name: "ranges",
  help:
    "Each parameter's low and high value, separated by semicolons: NAME=LOW..HIGH or NAME=LOW,HIGH (names and" +
    ' values as --vary takes them): "credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024".',
  default: "",
  example: "credit=0..1; cap.USA=0.3..0.5",
  placeholder: '"RANGES"',
});

export const ALLY_FLAG = valueFlag({
  name: "ally",
  help: "The ally whose amount the bars show, a code or English name. Default: every contributor, one table each.",
  default: "",
  example: "ESP",
  placeholder: "CODE",
});

export const TORNADO: CommandFlags = {
  name: "tornado",
  summary: "Each parameter's low and high effect on an ally's amount, largest swing first.",
  groups: [
    { title: "Tornado flags", flags: [RANGES_FLAG, ALLY_FLAG] },
    { title: "Scenario flags", flags: scenarioFlags("allocate") },
    DATA_FLAGS,
    { title: "Output flags", flags: [FORMAT_FLAG, DELIMITER_FLAG, DECIMAL_COMMA_FLAG, HELP_FLAG] },
  ],
  unlisted: otherScenarioFlags("allocate"),
};

export const EXPLAIN: CommandFlags = {
  name: "explain",
  summary: "How one ally's amount came about, step by step, with its numbers and sources.",
  groups: [
    { title: "Scenario flags", flags: scenarioFlags("allocate") },
    DATA_FLAGS,
    { title: "Output flags", flags: [YEAR_FLAG, TEXT_FORMAT_FLAG, HELP_FLAG] },
  ],
  unlisted: otherScenarioFlags("allocate"),
};

export const DATA: CommandFlags = {
  name: "data",
  summary: "Print the data: per ally GDP, population, EU GNI, aid; --eu the EU instruments; import-kiel a release.",
  groups: [
    {
      title: "Flags",
      flags: [FORMAT_FLAG, AID_FROM_FLAG, AID_TO_FLAG, EU_SWITCH, DELIMITER_FLAG, DECIMAL_COMMA_FLAG, HELP_FLAG],
    },
    DATA_FLAGS,
  ],
};

export const IMPORT_KIEL: CommandFlags = {
  name: "data import-kiel",
  summary: "Check a Kiel tracker release (data_explorer.csv) and write it where --aid-data reads it.",
  groups: [{ title: "Flags", flags: [OUT_FLAG, RELEASE_FLAG, PERIOD_FLAG, DATE_FLAG, OVERWRITE_FLAG, HELP_FLAG] }],
};

export const SCENARIOS: CommandFlags = {
  name: "scenarios",
  summary: "List the scenarios stored in a workbook (a portable copy or a live workbook), and rows it cannot read.",
  groups: [{ title: "Flags", flags: [FORMAT_FLAG, HELP_FLAG] }],
};

export const BENCH: CommandFlags = {
  name: "bench",
  summary: "Time one allocation: engine, float64 baseline, scenario, and the command's start-up.",
  groups: [{ title: "Flags", flags: [RUNS_FLAG, PROCESS_RUNS_FLAG, HELP_FLAG] }],
};

// --- fair-share summary FILE. ---

export const SCENARIOS_FLAG = valueFlag({
  name: "scenarios",
  help: "The stored scenarios to compare, by name, in this order: A,B,C. Default: every readable one, in the store's order.",
  default: "",
  example: "Default,Hungary exempt",
  placeholder: "NAMES",
});

export const BASE_FLAG = valueFlag({
  name: "base",
  help: "The scenario the others are compared with. Default: the first compared.",
  default: "",
  example: "Default",
  placeholder: "NAME",
});

export const PER_YEAR_SWITCH = switchFlag("per-year", "Also show each ally's amount in each year, per scenario.");

export const SUMMARY: CommandFlags = {
  name: "summary",
  summary: "Compare the scenarios stored in a workbook side by side: per ally, differences from a base.",
  groups: [{ title: "Flags", flags: [SCENARIOS_FLAG, BASE_FLAG, PER_YEAR_SWITCH, FORMAT_FLAG, HELP_FLAG] }],
};

export const COMMANDS: readonly CommandFlags[] = [
  ALLOCATE,
  TRACK,
  SWEEP,
  TORNADO,
  SOLVE,
  EXPLAIN,
  SCENARIOS,
  SUMMARY,
  DATA,
  BENCH,
];

/** A command's flags, in the order of its help. */
export function commandFlags(command: CommandFlags): Flag[] {
  return command.groups.flatMap((group) => group.flags);
}

/** Every flag a command accepts: those of its help, then the unlisted ones. */
export function acceptedFlags(command: CommandFlags): Flag[] {
  return [...commandFlags(command), ...(command.unlisted ?? [])];
}

/**
 * A flag's help with its accepted values written out: "{choices}" -> "table (for reading), csv (...) or json (...)";
 * a whole number's range is added ("Valid: 1 to 1000000.").
 */
export function flagHelp(flag: Flag): string {
  if (flag.kind === "switch") return flag.help;
  let help = flag.help;
  if (flag.choices !== undefined) {
    const words = flag.choices.map((choice) => (choice.help ? `${choice.value} (${choice.help})` : choice.value));
    const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
    help = help.replace("{choices}", list);
  }
  if (flag.wholeNumber !== undefined) help += ` Valid: ${flag.wholeNumber.min} to ${flag.wholeNumber.max}.`;
  return help;
}
