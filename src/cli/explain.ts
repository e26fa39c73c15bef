/** `fair-share explain CODE`: flags -> spec -> engine (runScenario, explain) -> sentences or json. */
import { explain, explanationText, runScenario } from "../engine";
import { UsageError, parseFlags, scenarioValues } from "./args";
import { editionFromFlags } from "./data-flags";
import { withEuAddFile } from "./eu-add-file";
import { EXPLAIN, TEXT_FORMAT_FLAG, YEAR_FLAG } from "./flags";
import { renderJson } from "./format";
import { explainUsage } from "./help";
import { EXIT_OK, type Output } from "./output";

export async function explainCommand(argv: readonly string[], output: Output): Promise<number> {
  // The ally comes first and alone: fair-share explain ESP --credit 50%.
  const hasCode = argv.length > 0 && !argv[0].startsWith("-");
  const code = hasCode ? argv[0] : undefined;
  const rest = hasCode ? argv.slice(1) : argv;
  const flags = parseFlags(rest, EXPLAIN);
  if (flags.help) {
    output.out(explainUsage());
    return EXIT_OK;
  }
  if (code === undefined) {
    throw new UsageError(
      "explain: give the ally's code first, e.g. fair-share explain ESP. See fair-share explain --help."
    );
  }
  const spec = scenarioValues(flags);
  const edition = await editionFromFlags(flags, output);
  const result = runScenario({ ...withEuAddFile(spec), edition });
  const yearText = flags.value(YEAR_FLAG);
  const explanation = explain(result, code, yearText === undefined ? null : Number(yearText));
  output.out(
    flags.valueOrDefault(TEXT_FORMAT_FLAG) === "json" ? renderJson(explanation) : `${explanationText(explanation)}\n`
  );
  return EXIT_OK;
}
