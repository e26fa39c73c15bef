/** The output flags `allocate` and `data` share: --format, --delimiter and --decimal-comma. */
import { parseChoice } from "../engine/parse";
import { UsageError, type ParsedFlags } from "./args";
import type { CsvOptions } from "./format";
import { DECIMAL_COMMA_FLAG, DELIMITERS, DELIMITER_FLAG, FORMAT_FLAG, OUTPUT_FORMATS, type OutputFormat } from "./help";

export function outputFormat(flags: ParsedFlags): OutputFormat {
  const formatText = flags.values.get(FORMAT_FLAG.name);
  return formatText === undefined ? "table" : parseChoice<OutputFormat>(FORMAT_FLAG.name, formatText, OUTPUT_FORMATS);
}

/** --delimiter and --decimal-comma: csv only, and a decimal comma only where the comma is not the delimiter. */
export function csvOptions(flags: ParsedFlags, format: OutputFormat): CsvOptions {
  const delimiterText = flags.values.get(DELIMITER_FLAG.name);
  const decimalComma = flags.switches.has(DECIMAL_COMMA_FLAG.name);
  if (format !== "csv") {
    const given = delimiterText !== undefined ? DELIMITER_FLAG.name : decimalComma ? DECIMAL_COMMA_FLAG.name : null;
    if (given !== null) throw new UsageError(`--${given}: applies to csv only. Add --format csv, or drop --${given}.`);
  }
  const delimiter = delimiterText === undefined ? "comma" : parseChoice(DELIMITER_FLAG.name, delimiterText, DELIMITERS);
  if (decimalComma && delimiter === "comma") {
    throw new UsageError(
      "--decimal-comma: needs --delimiter semicolon (a decimal comma would split comma-separated fields)."
    );
  }
  return { delimiter: delimiter === "comma" ? "," : ";", decimalComma };
}
