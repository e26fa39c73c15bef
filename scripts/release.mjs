#!/usr/bin/env node
// `ADDIN_BASE_URL=https://example.org/fair-share/ npm run release`: what an organisation hosts, ready to upload.
//   release/site/                the production build for that address (the manifest's <Version> is package.json's)
//   release/fair-share-V.zip     the same files, zipped, for the web server
//   release/SHA256SUMS           sha256 of the zip and of every file in it (`cd release && sha256sum -c SHA256SUMS`)
// Refuses, before building anything, without ADDIN_BASE_URL or with an address that is not https.
// `--out DIR` writes to DIR instead of release/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const JSZip = require("jszip");
const { checkedBaseUrl, manifestVersion } = require("./addin-address.cjs");

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Every entry of the zip carries this time, so that the same build gives the same zip. */
const ZIP_DATE = new Date("2000-01-01T00:00:00Z");

function fail(message) {
  process.stderr.write(`npm run release: ${message}\n`);
  process.exit(1);
}

/** The output folder: --out DIR, else release/ in the project. */
function outputFolder() {
  const index = process.argv.indexOf("--out");
  if (index === -1) return path.join(ROOT, "release");
  const given = process.argv[index + 1];
  if (given === undefined || given.startsWith("--")) fail("--out needs a folder, e.g. --out release");
  return path.resolve(given);
}

/** Every file under a folder, as paths relative to it with "/" separators, sorted. */
function filesUnder(folder, prefix = "") {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const full = path.join(folder, name);
      const relative = prefix === "" ? name : `${prefix}/${name}`;
      return statSync(full).isDirectory() ? filesUnder(full, relative) : [relative];
    });
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

async function main() {
  const given = process.env.ADDIN_BASE_URL;
  if (given === undefined || given.trim() === "") {
    fail(
      "set ADDIN_BASE_URL to the https address the files will be hosted at, e.g. " +
        "ADDIN_BASE_URL=https://example.org/fair-share/ npm run release"
    );
  }
  let base;
  let version;
  try {
    base = checkedBaseUrl(given.trim());
    ({ version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")));
    manifestVersion(version);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  const out = outputFolder();
  const site = path.join(out, "site");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  process.stdout.write(`Building Fair Share ${version} for ${base} ...\n`);
  try {
    execFileSync(
      process.execPath,
      [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", site],
      { cwd: ROOT, env: { ...process.env, ADDIN_BASE_URL: base }, stdio: ["ignore", "pipe", "inherit"] }
    );
  } catch (error) {
    // webpack reports its errors on stdout, which is kept quiet when the build succeeds.
    process.stderr.write(String(error.stdout ?? ""));
    fail("the production build failed (webpack's report above).");
  }
  if (!existsSync(path.join(site, "manifest.xml"))) fail(`the build wrote no manifest.xml to ${site}`);

  const files = filesUnder(site);
  const zip = new JSZip();
  for (const file of files) zip.file(file, readFileSync(path.join(site, file)), { date: ZIP_DATE });
  const zipName = `fair-share-${version}.zip`;
  const zipBytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
  writeFileSync(path.join(out, zipName), zipBytes);

  const sums = [
    `${sha256(zipBytes)}  ${zipName}`,
    ...files.map((file) => `${sha256(readFileSync(path.join(site, file)))}  site/${file}`),
  ];
  writeFileSync(path.join(out, "SHA256SUMS"), `${sums.join("\n")}\n`);

  const shown = path.relative(process.cwd(), out) || ".";
  process.stdout.write(
    [
      `Fair Share ${version} for ${base}: ${files.length} files.`,
      `  ${path.join(shown, "site")}/  the files to host at ${base}`,
      `  ${path.join(shown, zipName)}  the same files, zipped`,
      `  ${path.join(shown, "SHA256SUMS")}  their sha256 (check with: cd ${shown} && sha256sum -c SHA256SUMS)`,
      `Next: put the files at ${base}, check that ${base}manifest.xml opens in a browser, then upload that`,
      "manifest.xml in the Microsoft 365 admin center (Settings > Integrated apps > Upload custom apps).",
      "",
    ].join("\n")
  );
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
