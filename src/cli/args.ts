/**
 * Command-line flags: `--name value` or `--name=value`, each at most once, nothing positional. The names a command
 * accepts come from the caller (for allocate: the engine's PARAMETERS table plus the output flags), so this file holds
 * no list of flags of its own.
 */
import { editDistance } from "../engine";

/** A mistake in how the command was typed (not in a value): exit code 2, message on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface FlagSpec {
  readonly name: string;
  /** Shown when the value is missing, e.g. "0.5". */
  readonly example?: string;
  /** A switch takes no value: present or not (e.g. --decimal-comma). */
  readonly isSwitch?: boolean;
}

/** Flags that take no value. */
const SWITCHES = new Set(["help"]);

export interface ParsedFlags {
  /** Flag name (without "--") -> its value as typed. */
  readonly values: ReadonlyMap<string, string>;
  /** The switches given (names without "--"). */
  readonly switches: ReadonlySet<string>;
  readonly help: boolean;
}

/**
 * Reads argv into flag values. A value may start with "-" (so `--total -5` reaches the engine, which explains why -5
 * is wrong) but not with "--", which is the next flag: `--credit --exempt HUN` is a missing value, not a credit of
 * "--exempt".
 */
export function parseFlags(argv: readonly string[], flags: readonly FlagSpec[], command: string): ParsedFlags {
  const known = new Map(flags.map((flag) => [flag.name, flag]));
  const values = new Map<string, string>();
  const switches = new Set<string>();
  let help = false;
  const seeHelp = `See fair-share ${command} --help.`;

  for (let index = 0; index < argv.length; index++) {
    const token = argv[index];
    if (token === "-h" || token === "--help") {
      help = true;
      continue;
    }
    if (!token.startsWith("--") || token === "--") {
      const looksLikeFlag = token.startsWith("-") && token.length > 1;
      throw new UsageError(
        looksLikeFlag
          ? `${token}: unknown flag; flags start with two dashes, e.g. --${token.replace(/^-+/, "")}. ${seeHelp}`
          : `"${token}": unexpected argument; every value follows its flag, e.g. --exempt HUN. ${seeHelp}`
      );
    }
    const equals = token.indexOf("=");
    const name = token.slice(2, equals < 0 ? undefined : equals);
    const flagText = `--${name}`;
    if (SWITCHES.has(name)) {
      throw new UsageError(`${flagText}: takes no value. ${seeHelp}`);
    }
    const flag = known.get(name);
    if (!flag) {
      const suggestion = closestName(name, [...known.keys()]);
      const hint = suggestion ? ` Did you mean --${suggestion}?` : "";
      throw new UsageError(`${flagText}: unknown flag for fair-share ${command}.${hint} ${seeHelp}`);
    }

    if (flag.isSwitch) {
      if (equals >= 0) throw new UsageError(`${flagText}: takes no value. ${seeHelp}`);
      if (switches.has(name)) throw new UsageError(`${flagText}: given twice. Give each flag once.`);
      switches.add(name);
      continue;
    }
    let value: string;
    if (equals >= 0) {
      value = token.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`${flagText}: needs a value, e.g. ${flagText} ${flag.example ?? "VALUE"}. ${seeHelp}`);
      }
      value = next;
      index++;
    }
    // An empty value would silently mean "use the default": say so instead.
    if (value.trim() === "") {
      throw new UsageError(`${flagText}: the value is empty; give one, e.g. ${flagText} ${flag.example ?? "VALUE"}.`);
    }
    const earlier = values.get(name);
    if (earlier !== undefined) {
      throw new UsageError(`${flagText}: given twice ("${earlier}" and "${value}"). Give each flag once.`);
    }
    values.set(name, value);
  }
  return { values, switches, help };
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
