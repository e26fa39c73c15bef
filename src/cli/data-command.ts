/** `fair-share data`: the embedded data per ally, or with --eu the EU instruments; table, csv or json. */
import { UsageError, parseFlags } from "./args";
import { renderDataCsv, renderDataTable, renderInstrumentCsv, renderInstrumentTable } from "./data-format";
import { buildDataReport, buildInstrumentReport } from "./data-report";
import { AID_FROM_FLAG, AID_TO_FLAG, DATA, EU_SWITCH } from "./flags";
import { renderJson } from "./format";
import { dataUsage } from "./help";
import { EXIT_OK, type Output } from "./output";
import { csvOptions, outputFormat } from "./output-flags";

export function dataCommand(argv: readonly string[], output: Output): number {
  const flags = parseFlags(argv, DATA);
  if (flags.help) {
    output.out(dataUsage());
    return EXIT_OK;
  }
  const format = outputFormat(flags);
  const csv = csvOptions(flags, format);
  const aidFrom = flags.value(AID_FROM_FLAG);
  const aidTo = flags.value(AID_TO_FLAG);
  if (flags.has(EU_SWITCH)) {
    const given = aidFrom !== undefined ? AID_FROM_FLAG : aidTo !== undefined ? AID_TO_FLAG : null;
    if (given !== null) {
      throw new UsageError(
        `--${given.name}: cannot be used with --${EU_SWITCH.name} (instruments have no aid window).`
      );
    }
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
