/**
 * The source speaks one vocabulary: the engine is reached through its public face, and no name in the code carries a
 * data edition (a year, a release number) — the edition is data, so the next one is a data change only.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { join, relative } from "path";

import ts from "typescript";

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "src");
/** Written by scripts/import-data.mjs from the CSV files: data, keyed by the years the files give. */
const GENERATED = join(SRC, "data", "generated.ts");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && path !== GENERATED ? [path] : [];
  });
}

/** Every identifier of a file, as TypeScript parses it (strings, comments, numbers and regular expressions are not). */
function identifiers(path: string): string[] {
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, false, kind);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) names.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

const EDITION = /(?:19|20)\d\d|release_?\d+/i;

describe("one vocabulary", () => {
  const files = sourceFiles(SRC);

  test("what counts as a name with an edition in it", () => {
    for (const name of ["EU_GNI_2023", "population2023M", "kielRelease29", "KIEL_RELEASE_29", "gdp2024"]) {
      expect(name).toMatch(EDITION);
    }
    for (const name of ["EU_GNI", "populationM", "kiel", "GDP_YEARS", "utf8", "int32"])
      expect(name).not.toMatch(EDITION);
    expect(files.length).toBeGreaterThan(50);
  });

  test.each(files.map((path) => [relative(ROOT, path)]))("%s: no identifier names a data edition", (file) => {
    const named = identifiers(join(ROOT, file)).filter((name) => EDITION.test(name));
    expect(named).toEqual([]);
  });
});
