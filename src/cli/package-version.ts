import { readFileSync } from "fs";
import { join } from "path";

/** The version in package.json (read when asked, so starting the command line costs no file read). */
export function packageVersion(): string {
  // lib/cli/*.js and src/cli/*.ts both sit two folders below package.json.
  const packageJson = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version?: string;
  };
  return packageJson.version ?? "unknown";
}
