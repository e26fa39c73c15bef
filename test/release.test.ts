// `ADDIN_BASE_URL=... npm run release`: the production build for an organisation's host, its zip and its checksums.
// Runs the real script (a webpack build) into .tmp/release, not release/ or dist/, which other tests read.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "fs";
import JSZip from "jszip";
import path from "path";
import { manifestProblems } from "./helpers/manifest-rules";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, ".tmp", "release");
const BASE = "https://example.org/fair-share/";
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Runs `npm run release -- --out DIR` as npm would: the script under node, with ADDIN_BASE_URL as given. */
function release(base: string | undefined, out: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (base === undefined) delete env.ADDIN_BASE_URL;
  else env.ADDIN_BASE_URL = base;
  return spawnSync(process.execPath, [path.join(ROOT, "scripts", "release.mjs"), "--out", out], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function filesUnder(directory: string, prefix = ""): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    const relative = prefix === "" ? name : `${prefix}/${name}`;
    return statSync(full).isDirectory() ? filesUnder(full, relative) : [relative];
  });
}

describe("refusals, before anything is built", () => {
  it.each([
    ["without ADDIN_BASE_URL", undefined, /set ADDIN_BASE_URL to the https address/],
    ["with an empty ADDIN_BASE_URL", "", /set ADDIN_BASE_URL to the https address/],
    [
      "with an http address",
      "http://example.org/fair-share/",
      /"http:\/\/example.org\/fair-share\/" must start with https:\/\//,
    ],
    ["with something that is not a URL", "example.org/fair-share", /is not a URL/],
  ])("%s", (_label, base, message) => {
    const out = path.join(ROOT, ".tmp", "release-refused");
    const result = release(base, out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });
});

describe("a release for an https address", () => {
  let zip: JSZip;
  let zipBytes: Buffer;
  const zipName = `fair-share-${VERSION}.zip`;

  beforeAll(async () => {
    const result = release(BASE, OUT);
    if (result.status !== 0) throw new Error(`release failed (${result.status}): ${result.stderr}`);
    zipBytes = readFileSync(path.join(OUT, zipName));
    zip = await JSZip.loadAsync(zipBytes);
  }, 400_000);

  const entries = () =>
    Object.values(zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort();

  test("the zip holds every file of the site, and the files Office loads", () => {
    expect(entries()).toEqual(filesUnder(path.join(OUT, "site")).sort());
    expect(entries()).toEqual(
      expect.arrayContaining([
        "manifest.xml",
        "taskpane.html",
        "taskpane.js",
        "functions.js",
        "functions.json",
        "support.html",
        "docs/functions.html",
        "assets/icon-32.png",
      ])
    );
    // office.js comes from Microsoft's CDN in a release: no copy of it is hosted.
    expect(entries().filter((name) => name.startsWith("office-js/"))).toEqual([]);
  });

  test("the manifest in the zip has package.json's version and the address, and keeps the schema's rules", async () => {
    const manifest = await zip.file("manifest.xml")?.async("string");
    if (manifest === undefined) throw new Error("no manifest.xml in the zip");
    expect(manifest).toContain(`<Version>${VERSION}.0</Version>`);
    const urls = [...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((match) => match[1]);
    const ours = urls.filter((url) => !url.startsWith("https://go.microsoft.com/"));
    expect(ours.length).toBeGreaterThanOrEqual(6);
    expect(ours.filter((url) => !url.startsWith(BASE))).toEqual([]);
    expect(manifest).toContain(`<SupportUrl DefaultValue="${BASE}support.html"/>`);
    expect(manifest).not.toContain("localhost");
    expect(manifestProblems(manifest)).toEqual([]);
    // The page SupportUrl names says which version it is about, and runs no script.
    const support = await zip.file("support.html")?.async("string");
    expect(support).toMatch(new RegExp(`id="?fs-support-version"?>${VERSION.replace(/\./g, "\\.")}<`));
    expect(support).not.toMatch(/<script/i);
  });

  test("SHA256SUMS lists the zip and every file in it, with their sha256", async () => {
    const lines = readFileSync(path.join(OUT, "SHA256SUMS"), "utf8").trimEnd().split("\n");
    const sums = new Map(
      lines.map((line) => {
        const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
        if (match === null) throw new Error(`not a sha256sum line: ${line}`);
        return [match[2], match[1]] as const;
      })
    );
    expect(sums.get(zipName)).toBe(sha256(zipBytes));
    expect([...sums.keys()].filter((name) => name !== zipName).sort()).toEqual(entries().map((name) => `site/${name}`));
    for (const name of entries()) {
      const bytes = await zip.file(name)?.async("nodebuffer");
      if (bytes === undefined) throw new Error(`no ${name} in the zip`);
      expect([name, sha256(bytes)]).toEqual([name, sums.get(`site/${name}`)]);
    }
  });
});
