/**
 * `fair-share sweep` and `fair-share tornado`: flags -> spec and variations -> engine (runSweep, runTornado) -> table,
 * csv or json. Loaded only when one of them runs.
 */
import {
  type ScenarioResult,
  type ScenarioSpec,
  codeForName,
  isFairShareError,
  parseRanges,
  parseVariation,
  runScenario,
  runSweep,
  runTornado,
} from "../engine";
import { UsageError, parseFlags, scenarioValues, type ParsedFlags } from "./args";
import { editionFromFlags } from "./data-flags";
import { withEuAddFile } from "./eu-add-file";
import { ALLIES_FLAG, ALLY_FLAG, ALL_ALLIES_SWITCH, RANGES_FLAG, SWEEP, TORNADO, VARY_FLAG } from "./flags";
import { renderJson } from "./format";
import { sweepUsage, tornadoUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";
import {
  buildSweepReport,
  buildTornadoReport,
  renderSweepCsv,
  renderSweepTable,
  renderTornadoCsv,
  renderTornadoTable,
} from "./sweep-report";

/** The scenario's spec from the flags, with the user's data read once. */
async function scenarioSpec(flags: ParsedFlags, output: Output): Promise<ScenarioSpec> {
  const edition = await editionFromFlags(flags, output);
  return { ...withEuAddFile(scenarioValues(flags)), edition };
}

/** Codes or English names, as codes. */
function allyCodes(text: string): { typed: string; code: string }[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((typed) => ({ typed, code: codeForName(typed) ?? typed.toUpperCase() }));
}

/** Each one of the scenario's contributors; refused naming the flag otherwise. */
function checkAllies(
  flag: string,
  allies: readonly { typed: string; code: string }[],
  contributors: readonly string[]
): string[] {
  return allies.map(({ typed, code }) => {
    if (!contributors.includes(code)) {
      throw new UsageError(
        `--${flag}: "${typed}" is not one of the scenario's contributors; give codes such as ${contributors.slice(0, 3).join(",")}.`
      );
    }
    return code;
  });
}

function chosenAllies(flag: string, text: string, contributors: readonly string[]): string[] {
  return checkAllies(flag, allyCodes(text), contributors);
}

/** The base scenario's result, or null where it is itself infeasible (its notes then cannot be shown). */
function baseResult(spec: ScenarioSpec): ScenarioResult | null {
  try {
    return runScenario(spec);
  } catch (error) {
    if (isFairShareError(error)) return null;
    throw error;
  }
}

export async function sweepCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, SWEEP);
  if (flags.help) {
    output.out(sweepUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const varied = flags.all(VARY_FLAG);
  if (varied.length === 0) {
    throw new UsageError(`--${VARY_FLAG.name}: required; e.g. --${VARY_FLAG.name} ${VARY_FLAG.example}.`);
  }
  const alliesText = flags.value(ALLIES_FLAG);
  const all = flags.has(ALL_ALLIES_SWITCH);
  if (all && alliesText !== undefined) {
    throw new UsageError(`--${ALL_ALLIES_SWITCH.name}: give either --${ALLIES_FLAG.name} or --all, not both.`);
  }
  const variations = varied.map((text) => parseVariation(text, VARY_FLAG.name));
  const spec = await scenarioSpec(flags, output);
  const typed = allyCodes(alliesText ?? "");
  // Only the allies shown keep their exact figures: a long sweep holds little.
  const sweep = runSweep(spec, variations, all ? "all" : typed.map((ally) => ally.code));
  const fallback = (): ScenarioResult | null => baseResult(spec);
  const contributors = (sweep.sample?.result ?? fallback())?.allocation.rows.map((row) => row.code) ?? [];
  const allies = all ? "all" : checkAllies(ALLIES_FLAG.name, typed, contributors);
  const report = buildSweepReport(sweep, allies, scenarioValues(flags), fallback);
  const render = { table: renderSweepTable, csv: (r: typeof report) => renderSweepCsv(r, csv), json: renderJson }[
    format
  ];
  output.out(render(report));
  return EXIT_OK;
}

export async function tornadoCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, TORNADO);
  if (flags.help) {
    output.out(tornadoUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const rangesText = flags.value(RANGES_FLAG);
  if (rangesText === undefined) {
    throw new UsageError(`--${RANGES_FLAG.name}: required; e.g. --${RANGES_FLAG.name} "${RANGES_FLAG.example}".`);
  }
  const variations = parseRanges(rangesText, RANGES_FLAG.name);
  const spec = await scenarioSpec(flags, output);
  const tornado = runTornado(spec, variations);
  const contributors = tornado.basePoint.allies.map((ally) => ally.code);
  const allyText = flags.value(ALLY_FLAG);
  const allies = allyText === undefined ? contributors : chosenAllies(ALLY_FLAG.name, allyText, contributors);
  if (allies.length !== 1 && allyText !== undefined) {
    throw new UsageError(`--${ALLY_FLAG.name}: give one ally, e.g. --${ALLY_FLAG.name} ESP.`);
  }
  const report = buildTornadoReport(tornado, allies, scenarioValues(flags));
  const render = {
    table: renderTornadoTable,
    csv: (r: typeof report) => renderTornadoCsv(r, csv),
    json: renderJson,
  }[format];
  output.out(render(report));
  return EXIT_OK;
}
