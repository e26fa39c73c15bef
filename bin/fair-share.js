#!/usr/bin/env node
// Contract: src/cli/main.ts exports `async function main(argv: string[]): Promise<number>` (the exit code).
Promise.resolve(require("../lib/cli/main.js").main(process.argv.slice(2))).then((code) => (process.exitCode = code), (error) => { console.error(error); process.exitCode = 1; });
