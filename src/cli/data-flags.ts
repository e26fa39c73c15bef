/**
 * --data, --eu-data and --aid-data as a command reads them: the user's edition, or undefined for the embedded data.
 * The readers are loaded only when one of the flags is given, so a command without them starts as fast as before.
 */
import type { Edition } from "../engine";
import type { ParsedFlags } from "./args";
import { AID_DATA_FLAG, DATA_FILE_FLAG, EU_DATA_FLAG } from "./flags";
import type { Output } from "./output";

export async function editionFromFlags(flags: ParsedFlags, output: Output): Promise<Edition | undefined> {
  const files = {
    data: flags.value(DATA_FILE_FLAG),
    euData: flags.value(EU_DATA_FLAG),
    aidData: flags.value(AID_DATA_FLAG),
  };
  if (files.data === undefined && files.euData === undefined && files.aidData === undefined) return undefined;
  const { loadEdition } = await import("./data-files");
  return loadEdition(files, output);
}
