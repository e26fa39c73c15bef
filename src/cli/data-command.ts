/**
 * `fair-share data`: the data per ally, or with --eu the EU instruments; table, csv or json; the embedded edition, or
 * the one --data, --eu-data and --aid-data bring. `fair-share data import-kiel` checks a Kiel release (import-kiel.ts).
 */
import { embeddedEdition, type Edition } from "../engine";
import { UsageError, parseFlags } from "./args";
import { renderDataCsv, renderDataTable, renderInstrumentCsv, renderInstrumentTable } from "./data-format";
import { buildDataReport, buildInstrumentReport } from "./data-report";
import { AID_DATA_FLAG, AID_FROM_FLAG, AID_TO_FLAG, DATA, DATA_FILE_FLAG, EU_DATA_FLAG, EU_SWITCH } from "./flags";
import { renderJson } from "./format";
import { dataUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";

export async function dataCommand(argv: readonly string[], output: Output): Promise<number> {
  if (argv[0] === "import-kiel") {
    const { importKielCommand } = await import("./import-kiel");
    return importKielCommand(argv.slice(1), output);
  }
  const flags = parseFlags(argv, DATA);
  if (flags.help) {
    output.out(dataUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const aidFrom = flags.value(AID_FROM_FLAG);
  const aidTo = flags.value(AID_TO_FLAG);
  const files = {
    data: flags.value(DATA_FILE_FLAG),
    euData: flags.value(EU_DATA_FLAG),
    aidData: flags.value(AID_DATA_FLAG),
  };
  let edition: Edition = embeddedEdition();
  if (files.data !== undefined || files.euData !== undefined || files.aidData !== undefined) {
    // The readers are loaded only when a data flag is given.
    const { loadEdition } = await import("./data-files");
    edition = loadEdition(files, output);
  }
  if (flags.has(EU_SWITCH)) {
    const given = aidFrom !== undefined ? AID_FROM_FLAG : aidTo !== undefined ? AID_TO_FLAG : null;
    if (given !== null) {
      throw new UsageError(
        `--${given.name}: cannot be used with --${EU_SWITCH.name} (instruments have no aid window).`
      );
    }
    const report = buildInstrumentReport(edition);
    const render = {
      table: renderInstrumentTable,
      csv: () => renderInstrumentCsv(edition, csv),
      json: renderJson,
    };
    output.out(render[format](report));
    return EXIT_OK;
  }
  const report = buildDataReport(edition, aidFrom, aidTo);
  const render = { table: renderDataTable, csv: () => renderDataCsv(edition, report, csv), json: renderJson };
  output.out(render[format](report));
  return EXIT_OK;
}
