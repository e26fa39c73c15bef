/**
 * The command line's flags are defined once (src/cli/flags.ts): the parser, the help and the checks of each value are
 * drawn from those definitions. These tests hold the three to the definitions, in process (no build).
 */
import { isFairShareError } from "../src/engine/errors";
import { PARAMETERS, parametersFor } from "../src/engine/parameters";
import { UsageError, parseFlags } from "../src/cli/args";
import {
  ALLOCATE,
  COMMANDS,
  DELIMITER_FLAG,
  FORMAT_FLAG,
  HELP_FLAG,
  RUNS_FLAG,
  SORT_FLAG,
  TRACK,
  acceptedFlags,
  choiceValues,
  commandFlags,
  flagHelp,
  type CommandFlags,
  type ValueFlag,
} from "../src/cli/flags";
import {
  allocateUsage,
  benchUsage,
  dataUsage,
  explainUsage,
  importKielUsage,
  mainUsage,
  scenariosUsage,
  solveUsage,
  summaryUsage,
  sweepUsage,
  tornadoUsage,
  trackUsage,
} from "../src/cli/help";

const USAGE: Record<CommandFlags["name"], () => string> = {
  allocate: allocateUsage,
  track: trackUsage,
  sweep: sweepUsage,
  tornado: tornadoUsage,
  solve: solveUsage,
  explain: explainUsage,
  scenarios: scenariosUsage,
  data: dataUsage,
  bench: benchUsage,
  "data import-kiel": importKielUsage,
  summary: summaryUsage,
};

/**
 * The message parseFlags throws, or null when it parses: a usage error, or the engine's error for a value (which
 * names the argument without "--"; main() shows it with the dashes).
 */
function parseError(argv: readonly string[], command: CommandFlags): string | null {
  try {
    parseFlags(argv, command);
    return null;
  } catch (error) {
    if (error instanceof UsageError || isFairShareError(error)) return error.message;
    throw error;
  }
}

const everyFlag = COMMANDS.flatMap((command) => commandFlags(command).map((flag) => [command.name, flag] as const));
const flagsWithChoices = everyFlag.filter(
  (entry): entry is readonly [CommandFlags["name"], ValueFlag] => entry[1].kind === "value" && !!entry[1].choices
);
const command = (name: CommandFlags["name"]): CommandFlags => COMMANDS.find((entry) => entry.name === name)!;

describe("each command's definition", () => {
  test.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    "%s: every name once, --help among them",
    (_, entry) => {
      const names = commandFlags(entry).map((flag) => flag.name);
      expect(new Set(names).size).toBe(names.length);
      expect(commandFlags(entry)).toContain(HELP_FLAG);
    }
  );

  test("allocate's and track's scenario and data flags are the engine's parameters of each, in the table's order", () => {
    // The data parameter heads the data flags, with --eu-data and --aid-data (the command line's own).
    for (const command of [ALLOCATE, TRACK]) {
      const use = command === ALLOCATE ? "allocate" : "track";
      const scenario = parametersFor(use).filter((parameter) => parameter.group !== "data");
      expect(command.groups[0].flags.map((flag) => flag.name)).toEqual(scenario.map((parameter) => parameter.name));
      expect(command.groups[1].flags.map((flag) => flag.name)).toEqual(["data", "eu-data", "aid-data"]);
      const listed = [...command.groups[0].flags, ...command.groups[1].flags].map((flag) => flag.name);
      for (const parameter of parametersFor(use)) expect(listed).toContain(parameter.name);
    }
    // Each accepts the other's too, unlisted, so that the engine can say why it has no effect there.
    for (const command of [ALLOCATE, TRACK]) {
      expect(new Set(acceptedFlags(command).map((flag) => flag.name))).toEqual(
        new Set([...PARAMETERS.map((parameter) => parameter.name), ...commandFlags(command).map((flag) => flag.name)])
      );
    }
    // An on-or-off parameter is a switch: --count-eu takes no value.
    expect(TRACK.groups[0].flags.find((flag) => flag.name === "count-eu")?.kind).toBe("switch");
  });

  test("a default is one of the flag's own choices", () => {
    for (const [, flag] of flagsWithChoices) {
      if (flag.default !== "") expect(choiceValues(flag)).toContain(flag.default);
    }
  });
});

describe("the help is drawn from the definitions", () => {
  test.each(everyFlag.map(([name, flag]) => [name, flag.name, flag] as const))(
    "%s --help shows --%s with its placeholder, help and default",
    (name, _, flag) => {
      const usage = USAGE[name]();
      const label = flag.kind === "switch" ? `--${flag.name}` : `--${flag.name} ${flag.placeholder ?? "VALUE"}`;
      expect(usage.split("\n").some((line) => line.startsWith(`  ${label}  `))).toBe(true);
      // The help wraps: compare with the lines joined.
      const joined = usage.replace(/\s+/g, " ");
      const help = flagHelp(flag).replace(/\s+/g, " ");
      const shown = flag.kind === "value" && flag.default !== "" ? `${help} Default: ${flag.default}.` : help;
      expect(joined).toContain(`${label} ${shown}`);
    }
  );

  test.each(flagsWithChoices.map(([name, flag]) => [name, flag.name, flag] as const))(
    "%s --%s: the help names every accepted value",
    (_, __, flag) => {
      expect(flag.help).toContain("{choices}");
      const help = flagHelp(flag);
      expect(help).not.toContain("{choices}");
      for (const value of choiceValues(flag)) expect(help).toMatch(new RegExp(`\\b${value}\\b`));
    }
  );

  test("a whole-number flag states its range", () => {
    expect(flagHelp(RUNS_FLAG)).toContain("Valid: 1 to 1000000.");
  });

  test("fair-share --help lists every command", () => {
    for (const entry of COMMANDS) expect(mainUsage()).toContain(`  ${entry.name}`);
  });
});

describe("the parser follows the definitions", () => {
  test.each(flagsWithChoices.map(([name, flag]) => [name, flag.name, flag] as const))(
    "%s --%s: accepts each choice in any case, refuses others naming the choices",
    (name, _, flag) => {
      for (const value of choiceValues(flag)) {
        expect(parseFlags([`--${flag.name}`, value.toUpperCase()], command(name)).value(flag)).toBe(value);
      }
      expect(parseError([`--${flag.name}`, "bogus"], command(name))).toBe(
        `${flag.name}: "bogus" is not one of ${choiceValues(flag).join(", ")}. Use one of them.`
      );
    }
  );

  test.each(everyFlag.map(([name, flag]) => [name, flag.name, flag] as const))(
    "%s --%s: a switch refuses a value; a value flag needs one and shows its example",
    (name, _, flag) => {
      if (flag.kind === "switch") {
        expect(parseError([`--${flag.name}=1`], command(name))).toBe(
          `--${flag.name}: takes no value. See fair-share ${name} --help.`
        );
        return;
      }
      // Quoted as a shell needs it: a space, or a character the shell reads (the < of a target such as ESP<=3bn).
      const example = /^[\w%.,:=@/+-]+$/.test(flag.example) ? flag.example : `"${flag.example}"`;
      expect(parseError([`--${flag.name}`], command(name))).toBe(
        `--${flag.name}: needs a value, e.g. --${flag.name} ${example}. See fair-share ${name} --help.`
      );
      // The example itself is accepted by the parser.
      expect(parseError([`--${flag.name}`, flag.example], command(name))).toBeNull();
    }
  );

  test("a flag's default is what reading it gives when it is not given", () => {
    const none = parseFlags([], ALLOCATE);
    expect(none.valueOrDefault(FORMAT_FLAG)).toBe("table");
    expect(none.valueOrDefault(DELIMITER_FLAG)).toBe("comma");
    expect(none.value(SORT_FLAG)).toBeUndefined();
  });

  test("--runs is checked against its range; with --help nothing is checked", () => {
    expect(parseError(["--runs", "0"], command("bench"))).toBe(
      "runs: 0 is outside 1 to 1000000. Enter a value from 1 to 1000000."
    );
    expect(parseFlags(["--runs", "1e3"], command("bench")).value(RUNS_FLAG)).toBe("1000");
    const help = parseFlags(["--format", "xml", "-h"], ALLOCATE);
    expect(help.help).toBe(true);
    expect(parseFlags(["-h", "--help"], ALLOCATE).help).toBe(true);
  });
});
