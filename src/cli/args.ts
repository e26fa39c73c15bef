/**
 * Command-line flags: `--name value` or `--name=value`, each at most once, nothing positional. Which flags a command
 * accepts, which take a value and which values are valid all come from the command's definition (flags.ts), so this
 * file holds no list of flags of its own.
 */
import { type ParameterName, editDistance, isParameterName, parseChoice, parseWholeNumber } from "../engine";
import {
  HELP_FLAG,
  acceptedFlags,
  choiceValues,
  commandFlags,
  type CommandFlags,
  type SwitchFlag,
  type ValueFlag,
} from "./flags";

/** A mistake in how the command was typed (not in a value): exit code 2, message on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** A value that follows no flag: under `npm run`, npm may have taken its flag (main adds the advice). */
    readonly strayValue = false
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedFlags {
  /** --help or -h was given. */
  readonly help: boolean;
  /** A value flag's value as given; for a flag with choices, the choice's own spelling. Undefined: not given. */
  value<T extends string, D extends T | "">(flag: ValueFlag<T, D>): T | undefined;
  /** A value flag's value, or its default when not given ("" for a flag without a default). */
  valueOrDefault<T extends string, D extends T | "">(flag: ValueFlag<T, D>): T | D;
  /** Every value of a flag that may be given more than once, in the order typed (none: not given). */
  all(flag: ValueFlag): string[];
  /** Whether a switch was given. */
  has(flag: SwitchFlag): boolean;
  /** Every value given, by flag name (without "--"), in the order typed. */
  readonly values: ReadonlyMap<string, string>;
  /** The names of the switches given (without "--"). */
  readonly switches: ReadonlySet<string>;
}

/** A value as a shell would need it typed: quoted when it holds a space or a character the shell reads. */
function shellWord(text: string): string {
  return /^[\w%.,:=@/+-]+$/.test(text) ? text : `"${text}"`;
}

/**
 * Reads argv into flag values. A value may start with "-" (so `--total -5` reaches the engine, which explains why -5
 * is wrong) but not with "--", which is the next flag: `--credit --exempt HUN` is a missing value, not a credit of
 * "--exempt". With --help, the values are not checked (the help is what was asked for).
 */
export function parseFlags(argv: readonly string[], command: CommandFlags): ParsedFlags {
  const known = new Map(acceptedFlags(command).map((flag) => [flag.name, flag]));
  // A near miss is suggested from the flags the help lists, not from the ones the command only accepts to refuse.
  const listed = commandFlags(command).map((flag) => flag.name);
  const values = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const switches = new Set<string>();
  let help = false;
  const seeHelp = `See fair-share ${command.name} --help.`;

  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] === "-h" ? `--${HELP_FLAG.name}` : argv[index];
    if (!token.startsWith("--") || token === "--") {
      const looksLikeFlag = token.startsWith("-") && token.length > 1;
      if (looksLikeFlag) {
        throw new UsageError(
          `${token}: unknown flag; flags start with two dashes, e.g. --${token.replace(/^-+/, "")}. ${seeHelp}`
        );
      }
      throw new UsageError(
        `"${token}": unexpected argument; every value follows its flag, e.g. --exempt HUN. ${seeHelp}`,
        true
      );
    }
    const equals = token.indexOf("=");
    const name = token.slice(2, equals < 0 ? undefined : equals);
    const flagText = `--${name}`;
    const flag = known.get(name);
    if (!flag) {
      const suggestion = closestName(name, listed);
      const hint = suggestion ? ` Did you mean --${suggestion}?` : "";
      throw new UsageError(`${flagText}: unknown flag for fair-share ${command.name}.${hint} ${seeHelp}`);
    }

    if (flag.kind === "switch") {
      if (equals >= 0) throw new UsageError(`${flagText}: takes no value. ${seeHelp}`);
      // Asking for help twice (-h --help) still asks for help.
      if (switches.has(name) && flag !== HELP_FLAG)
        throw new UsageError(`${flagText}: given twice. Give each flag once.`);
      switches.add(name);
      if (flag === HELP_FLAG) help = true;
      continue;
    }
    const example = `${flagText} ${shellWord(flag.example)}`;
    let value: string;
    if (equals >= 0) {
      value = token.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`${flagText}: needs a value, e.g. ${example}. ${seeHelp}`);
      }
      value = next;
      index++;
    }
    // An empty value would silently mean "use the default": say so instead.
    if (value.trim() === "") throw new UsageError(`${flagText}: the value is empty; give one, e.g. ${example}.`);
    const earlier = values.get(name);
    if (flag.repeatable !== undefined) {
      const list = repeated.get(name) ?? [];
      if (list.length >= flag.repeatable) {
        throw new UsageError(`${flagText}: given ${list.length + 1} times; give it at most ${flag.repeatable} times.`);
      }
      repeated.set(name, [...list, value]);
      if (earlier === undefined) values.set(name, value);
      continue;
    }
    if (earlier !== undefined) {
      throw new UsageError(`${flagText}: given twice ("${earlier}" and "${value}"). Give each flag once.`);
    }
    values.set(name, value);
  }

  if (!help) {
    // The values the definitions restrict, checked in the order typed; the engine's errors name the flag.
    for (const [name, value] of values) {
      const flag = known.get(name);
      if (flag?.kind !== "value") continue;
      if (flag.choices !== undefined) values.set(name, parseChoice(name, value, choiceValues(flag)));
      if (flag.wholeNumber !== undefined) {
        values.set(name, String(parseWholeNumber(name, value, flag.wholeNumber.min, flag.wholeNumber.max)));
      }
    }
  }

  // Values are stored as the definitions accept them, so a flag's value has the flag's type.
  const value = <T extends string, D extends T | "">(flag: ValueFlag<T, D>): T | undefined =>
    values.get(flag.name) as T | undefined;
  return {
    help,
    values,
    switches,
    value,
    valueOrDefault: <T extends string, D extends T | "">(flag: ValueFlag<T, D>): T | D => value(flag) ?? flag.default,
    all: (flag) => repeated.get(flag.name) ?? [],
    has: (flag) => switches.has(flag.name),
  };
}

/** The known name a mistyped flag most likely meant (at most two edits away, or a prefix), if any. */
function closestName(typed: string, names: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const prefixed = names.filter((name) => name.startsWith(lower) && lower.length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const distance = editDistance(lower, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The scenario parameters among the flags, as the engine's spec takes them: each value as typed, and an on-or-off
 * parameter given as a switch (--count-eu) as "yes". Also the report's record of the flags.
 */
export function scenarioValues(flags: ParsedFlags): Partial<Record<ParameterName, string>> {
  const spec: Partial<Record<ParameterName, string>> = {};
  for (const [name, value] of flags.values) if (isParameterName(name)) spec[name] = value;
  for (const name of flags.switches) if (isParameterName(name)) spec[name] = "yes";
  return spec;
}
