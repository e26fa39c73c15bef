// `ADDIN_BASE_URL=https://example.org/fair-share/ npm run build`: a dist/ for a static HTTPS host. Builds the add-in
// with webpack into .tmp/dist-base-url (not dist/, which the other tests read) and checks that every address is at the
// given base and that no file mentions localhost.
import { execFileSync } from "child_process";
import { readFileSync, readdirSync, statSync } from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, ".tmp", "dist-base-url");
const BASE = "https://example.org/fair-share/";

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function webpack(base: string, outputPath: string): string {
  return execFileSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", outputPath],
    { cwd: ROOT, env: { ...process.env, ADDIN_BASE_URL: base }, encoding: "utf8", stdio: "pipe" }
  );
}

describe("a build for ADDIN_BASE_URL", () => {
  beforeAll(() => {
    webpack(BASE, OUT);
  }, 400_000);

  test("leaves no localhost anywhere in the output", () => {
    const files = filesUnder(OUT);
    expect(files.map((file) => path.relative(OUT, file))).toEqual(
      expect.arrayContaining([
        "manifest.xml",
        "functions.json",
        "functions.js",
        "taskpane.html",
        "taskpane.js",
        "docs/functions.html",
        "support.html",
      ])
    );
    const mentioning = files.filter((file) => readFileSync(file).toString("latin1").includes("localhost"));
    expect(mentioning.map((file) => path.relative(OUT, file))).toEqual([]);
  });

  test("the manifest and the functions' help URLs point at the base", () => {
    const manifest = readFileSync(path.join(OUT, "manifest.xml"), "utf8");
    const urls = [...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((match) => match[1]);
    const ours = urls.filter((url) => !url.startsWith("https://go.microsoft.com/"));
    expect(ours).toEqual(
      expect.arrayContaining([
        `${BASE}taskpane.html`,
        `${BASE}functions.js`,
        `${BASE}functions.json`,
        `${BASE}assets/icon-32.png`,
        `${BASE}support.html`,
      ])
    );
    expect(ours.every((url) => url.startsWith(BASE))).toBe(true);
    const metadata = JSON.parse(readFileSync(path.join(OUT, "functions.json"), "utf8")) as {
      functions: { id: string; helpUrl: string }[];
    };
    expect(metadata.functions.length).toBeGreaterThanOrEqual(7);
    for (const fn of metadata.functions) expect(fn.helpUrl).toBe(`${BASE}docs/functions.html#${fn.id.toLowerCase()}`);
  });

  test("an address that is not https is refused with a message", () => {
    expect(() => webpack("http://example.org/", path.join(ROOT, ".tmp", "dist-refused"))).toThrow(
      /ADDIN_BASE_URL "http:\/\/example.org\/" must start with https:\/\//
    );
  });
});
