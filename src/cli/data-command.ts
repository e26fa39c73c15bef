/** `fair-share data`: the embedded data per ally, or with --eu the EU instruments; table, csv or json. */
import { UsageError, parseFlags } from "./args";
import { renderDataCsv, renderDataTable, renderInstrumentCsv, renderInstrumentTable } from "./data-format";
import { buildDataReport, buildInstrumentReport } from "./data-report";
import { renderJson } from "./format";
import { AID_FROM_FLAG, AID_TO_FLAG, DATA_FLAGS, EU_SWITCH, dataUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";

export function dataCommand(argv: readonly string[], output: Output): number {
  const flags = parseFlags(argv, DATA_FLAGS, "data");
  if (flags.help) {
    output.out(dataUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const aidFrom = flags.values.get(AID_FROM_FLAG.name);
  const aidTo = flags.values.get(AID_TO_FLAG.name);
  if (flags.switches.has(EU_SWITCH.name)) {
    const given = aidFrom !== undefined ? AID_FROM_FLAG.name : aidTo !== undefined ? AID_TO_FLAG.name : null;
    if (given !== null) throw new UsageError(`--${given}: cannot be used with --eu (instruments have no aid window).`);
    const report = buildInstrumentReport();
    const render = { table: renderInstrumentTable, csv: () => renderInstrumentCsv(report, csv), json: renderJson };
    output.out(render[format](report));
    return EXIT_OK;
  }
  const report = buildDataReport(aidFrom, aidTo);
  const render = { table: renderDataTable, csv: () => renderDataCsv(report, csv), json: renderJson };
  output.out(render[format](report));
  return EXIT_OK;
}
