/** The output flags `allocate` and `data` share: --format, --delimiter and --decimal-comma. */
import { UsageError, type ParsedFlags } from "./args";
import type { CsvOptions } from "./format";
import { DECIMAL_COMMA_FLAG, DELIMITER_FLAG, FORMAT_FLAG, type OutputFormat } from "./flags";

export function outputFormat(flags: ParsedFlags): OutputFormat {
  return flags.valueOrDefault(FORMAT_FLAG);
}

/** --delimiter and --decimal-comma: csv only, and a decimal comma only where the comma is not the delimiter. */
export function csvOptions(flags: ParsedFlags, format: OutputFormat): CsvOptions {
  const delimiter = flags.valueOrDefault(DELIMITER_FLAG);
  const decimalComma = flags.has(DECIMAL_COMMA_FLAG);
  if (format !== "csv") {
    const given = flags.value(DELIMITER_FLAG) !== undefined ? DELIMITER_FLAG : decimalComma ? DECIMAL_COMMA_FLAG : null;
    if (given !== null) {
      throw new UsageError(`--${given.name}: applies to csv only. Add --format csv, or drop --${given.name}.`);
    }
  }
  if (decimalComma && delimiter !== "semicolon") {
    throw new UsageError(
      `--${DECIMAL_COMMA_FLAG.name}: needs --${DELIMITER_FLAG.name} semicolon (a decimal comma would split` +
        " comma-separated fields)."
    );
  }
  return { delimiter: delimiter === "semicolon" ? ";" : ",", decimalComma };
}
