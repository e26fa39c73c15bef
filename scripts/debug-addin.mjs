#!/usr/bin/env node
// `npm start` / `npm stop`: sideload the add-in into desktop Excel (and start the dev server) with
// office-addin-debugging, which supports Windows and macOS only. Elsewhere it used to print "platform not supported"
// and exit 0; here the command fails with what to do instead.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const SUPPORTED = ["win32", "darwin"];
const action = process.argv[2];
if (action !== "start" && action !== "stop") {
  console.error("usage: node scripts/debug-addin.mjs start|stop");
  process.exit(2);
}

const platform = process.platform;
if (!SUPPORTED.includes(platform)) {
  console.error(
    [
      `npm ${action}: desktop Excel runs on Windows and macOS only, so the add-in cannot be sideloaded on ${platform}.`,
      "Instead, use Excel on the web:",
      "  1. npm run dev-server            (serves https://localhost:3000/ from this machine)",
      "  2. in Excel on the web: Home > Add-ins > More Add-ins > Upload My Add-in, and choose manifest.xml",
      action === "stop"
        ? "To stop, end the dev server (Ctrl+C) and remove the add-in from Home > Add-ins > My Add-ins."
        : 'See README.md, "Running it in Excel", for the other ways (a hosted build, organisation deployment).',
    ].join("\n")
  );
  process.exit(1);
}

const require = createRequire(import.meta.url);
const cli = require.resolve("office-addin-debugging/cli.js");
const result = spawnSync(process.execPath, [cli, action, "manifest.xml"], { stdio: "inherit" });
process.exit(result.status ?? 1);
