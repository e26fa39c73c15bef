// Preloaded (node --require) into scripts/debug-addin.mjs by test/start-script.test.ts, so the script's decisions can
// be checked for every platform on any machine: process.platform reads as AS_PLATFORM, and the script's call of
// office-addin-debugging is printed on stdout as JSON (command, args, stdio) instead of made, answering with exit
// status AS_PLATFORM_STATUS. The script itself is run unchanged.
"use strict";
const childProcess = require("child_process");
const { syncBuiltinESMExports } = require("module");

Object.defineProperty(process, "platform", { value: process.env.AS_PLATFORM, enumerable: true });
childProcess.spawnSync = (command, args, options) => {
  process.stdout.write(`${JSON.stringify({ command, args, stdio: options && options.stdio })}\n`);
  return { status: Number(process.env.AS_PLATFORM_STATUS || "0"), signal: null, output: [], pid: 0 };
};
// The script imports spawnSync from "node:child_process" as an ES module: make that binding see the stand-in.
syncBuiltinESMExports();
