/** `fair-share track`: flags -> spec -> engine (runTrack) -> table, csv or json. */
import { runTrack } from "../engine";
import { parseFlags, scenarioValues } from "./args";
import { editionFromFlags } from "./data-flags";
import { withEuAddFile } from "./eu-add-file";
import { TRACK, TRACK_SORT_FLAG } from "./flags";
import { renderJson } from "./format";
import { trackUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";
import { buildTrackReport, renderTrackCsv, renderTrackTable } from "./track-report";

export async function trackCommand(argv: readonly string[], output: Output): Promise<number> {
  const flags = parseFlags(argv, TRACK);
  if (flags.help) {
    output.out(trackUsage());
    return EXIT_OK;
  }
  const spec = scenarioValues(flags);
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  // --eu-add @FILE reads the instruments from a file, as allocate does; the report keeps the flag as given.
  const edition = await editionFromFlags(flags, output);
  const report = buildTrackReport(
    runTrack({ ...withEuAddFile(spec), edition }),
    spec,
    flags.value(TRACK_SORT_FLAG) ?? null
  );
  const render = { table: renderTrackTable, csv: (r: typeof report) => renderTrackCsv(r, csv), json: renderJson }[
    format
  ];
  output.out(render(report));
  return EXIT_OK;
}
