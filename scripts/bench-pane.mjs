#!/usr/bin/env node
// `npm run bench:pane`: the task pane's budget, measured on the production build in dist/ (run `npm run build` first)
// with Debian's Chromium, headless. Prints, and never asserts (timings depend on the machine):
// - the pane's JavaScript, gzipped: taskpane.js and the chunks the page fetches up to its first render (functions.js
//   and office.js are not the pane's); the chunks fetched only on demand (the portable copy's .xlsx writer, when
//   "Open portable copy" is pressed) on their own line;
// - first render: from navigation start to the first preview on screen (office.js unreachable, so the pane runs as the
//   calculator it is outside Excel), the median and worst of --runs fresh pages;
// - edit to preview: from a keystroke event in the total box to the updated preview (debounce included), in the page's
//   own clock, the median and 95th percentile of --edits edits.
// Budget (issue "Task pane"): at most 200 KB gzipped, first render at most 1.5 s, edit to preview at most 100 ms p95.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
// The same Chromium and flags as the browser tests.
const { executable: CHROMIUM, flags: FLAGS } = JSON.parse(
  readFileSync(path.join(ROOT, "scripts", "chromium.json"), "utf8")
);
const BUDGET = { gzipKb: 200, firstRenderMs: 1500, editP95Ms: 100 };

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench:pane: --${name} takes a whole number of at least 1.`);
    process.exit(2);
  }
  return value;
}
const runs = option("runs", 5);
const edits = option("edits", 60);

if (!existsSync(path.join(DIST, "taskpane.html"))) {
  console.error("bench:pane: dist/taskpane.html is missing. Run `npm run build` first.");
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`bench:pane: Chromium is not at ${CHROMIUM}. Install it: apt-get install -y chromium.`);
  process.exit(1);
}

const gzipped = (files) =>
  files.reduce((sum, name) => sum + gzipSync(readFileSync(path.join(DIST, name)), { level: 9 }).length, 0);
// The pane's own scripts at the top of dist/; which of them the first render fetches is measured below.
const jsFiles = readdirSync(DIST).filter((name) => name.endsWith(".js") && name !== "functions.js");
/** The top-level .js files of dist/ the pages fetched. */
const fetched = new Set();

const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".png": "image/png",
};
const server = http.createServer((request, response) => {
  const file = path.join(DIST, decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname));
  if (!file.startsWith(DIST + path.sep) || !existsSync(file) || !statSync(file).isFile())
    return response.writeHead(404).end();
  response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

async function openPage() {
  const context = await browser.newContext({ viewport: { width: 380, height: 900 } });
  const page = await context.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (!url.startsWith(origin)) return route.abort();
    fetched.add(url.slice(origin.length));
    return route.continue();
  });
  await page.addInitScript(() => {
    // Records when the first preview appears, in the page's clock (0 = navigation start).
    new MutationObserver((_, observer) => {
      if (document.getElementById("fs-preview-headline")) {
        window.__firstRender = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${origin}taskpane.html`);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 30_000 });
  return { context, page };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

try {
  const firstRenders = [];
  for (let run = 0; run < runs; run += 1) {
    const { context, page } = await openPage();
    firstRenders.push(await page.evaluate(() => window.__firstRender));
    await context.close();
  }

  const { context, page } = await openPage();
  const editTimes = await page.evaluate(async (count) => {
    const input = document.getElementById("fs-total");
    const preview = document.querySelector("[data-preview-revision]");
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    const times = [];
    for (let i = 0; i < count; i += 1) {
      const before = preview.getAttribute("data-preview-revision");
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (preview.getAttribute("data-preview-revision") !== before) {
            observer.disconnect();
            // The preview is on screen at the next frame.
            requestAnimationFrame(() => resolve(performance.now()));
          }
        });
        observer.observe(preview, { attributes: true });
      });
      const start = performance.now();
      setValue.call(input, `${40 + (i % 20)}bn`);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      times.push((await changed) - start);
    }
    return times;
  }, edits);
  await context.close();

  // Every page above was opened and first rendered; none pressed "Open portable copy".
  const paneFiles = jsFiles.filter((name) => fetched.has(name));
  const onDemandFiles = jsFiles.filter((name) => !fetched.has(name));
  const kb = gzipped(paneFiles) / 1024;
  const firstMedian = quantile(firstRenders, 0.5);
  const firstWorst = Math.max(...firstRenders);
  const editMedian = quantile(editTimes, 0.5);
  const editP95 = quantile(editTimes, 0.95);
  const verdict = (ok) => (ok ? "within budget" : "OVER BUDGET");
  console.log(
    `pane JavaScript (gzipped)  ${kb.toFixed(1)} KB in ${paneFiles.length} files (${paneFiles.join(", ")})  budget ${BUDGET.gzipKb} KB: ${verdict(kb <= BUDGET.gzipKb)}`
  );
  console.log(
    `on demand (gzipped)        ${(gzipped(onDemandFiles) / 1024).toFixed(1)} KB in ${onDemandFiles.length} files (${onDemandFiles.join(", ")}), not fetched by the first render`
  );
  console.log(
    `first render               median ${firstMedian.toFixed(0)} ms, worst ${firstWorst.toFixed(0)} ms of ${runs} runs  budget ${BUDGET.firstRenderMs} ms (median): ${verdict(firstMedian <= BUDGET.firstRenderMs)}`
  );
  console.log(
    `edit to preview            median ${editMedian.toFixed(1)} ms, p95 ${editP95.toFixed(1)} ms of ${edits} edits  budget ${BUDGET.editP95Ms} ms p95: ${verdict(editP95 <= BUDGET.editP95Ms)}`
  );
} finally {
  await browser.close();
  server.close();
}
