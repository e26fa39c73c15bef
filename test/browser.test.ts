// The built add-in in a real browser: the production build's taskpane.html (the shared-runtime page that loads office.js,
// functions.js and taskpane.js) in Debian's Chromium, driven by playwright-core. dist/ is served from 127.0.0.1; office.js
// comes from dist/office-js/ (a request for Microsoft's CDN copy is answered with the local file), and every other
// request that would leave the machine is blocked.
//
// Outside Excel, office.js still defines CustomFunctions.associate (it files each function under its upper-cased id);
// only CustomFunctions.Error and ErrorCode come with Excel's host script. So the real runtime is used as it is: an init
// script only watches the moment office.js installs `associate` and wraps it, recording every id the built bundle
// passes, before handing the call on. The test then checks those ids against dist/functions.json and calls the
// function registered for ALLOCATE, as Excel would (null for every omitted argument), against the engine.
//
// `npm test` builds first; to run this file alone, run `npm run build` before it. Chromium: apt-get install -y chromium.
import { existsSync, readFileSync, statSync, createReadStream } from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expectedAllocation } from "./helpers/functions";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const CHROMIUM = "/usr/bin/chromium";
/**
 * Flags for a quiet, offline headless Chromium: no sandbox (Chromium refuses to start sandboxed as root, as in a
 * container), no GPU, and none of its own background traffic (QUIC, first-run, component updates, sync). playwright
 * adds --headless and a fresh profile.
 */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Where the production build loads office.js from; answered with dist/office-js/. */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves dist/ read-only; anything outside it, or missing, is a 404. */
function serveDist(): http.Server {
  return http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.join(DIST, pathname);
    if (!file.startsWith(DIST + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
}

/** Runs in the page before any script: wraps CustomFunctions.associate the moment office.js installs it. */
function recordAssociations(): void {
  const host = window as unknown as {
    CustomFunctions?: Record<string, unknown>;
    __associated?: string[];
  };
  const recorded: string[] = [];
  host.__associated = recorded;
  const namespace: Record<string, unknown> = {};
  let associate: ((...args: unknown[]) => unknown) | undefined;
  Object.defineProperty(namespace, "associate", {
    configurable: true,
    enumerable: true,
    get: () =>
      associate === undefined
        ? undefined
        : (...args: unknown[]) => {
            if (typeof args[0] === "string") recorded.push(args[0]);
            else if (typeof args[0] === "object" && args[0] !== null) recorded.push(...Object.keys(args[0]));
            return associate?.(...args);
          },
    set: (value: (...args: unknown[]) => unknown) => {
      associate = value;
    },
  });
  host.CustomFunctions = namespace;
}

interface Generated {
  readonly functions: readonly { readonly id: string; readonly parameters: readonly unknown[] }[];
}

describe("the built functions page in Chromium", () => {
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin = "";
  const blocked: string[] = [];
  const served: string[] = [];
  const pageErrors: string[] = [];
  let generated: Generated;

  beforeAll(async () => {
    for (const file of ["taskpane.html", "functions.js", "functions.json", "office-js/office.js"]) {
      if (!existsSync(path.join(DIST, file))) {
        throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does it for you).`);
      }
    }
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`
      );
    }
    generated = JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")) as Generated;
    const listening = serveDist();
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      served.push(url);
      if (url.startsWith(origin)) return route.continue();
      if (url.startsWith(OFFICE_CDN)) {
        const file = path.join(DIST, "office-js", new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
        if (file.startsWith(path.join(DIST, "office-js") + path.sep) && existsSync(file)) {
          return route.fulfill({ path: file, contentType: CONTENT_TYPES[".js"] });
        }
        return route.fulfill({ status: 404 });
      }
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    await page.addInitScript(recordAssociations);
    await page.goto(`${origin}taskpane.html`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { __associated: string[] }).__associated.length > 0, null, {
      timeout: 10_000,
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("loads the page without a script error, office.js from the local copy", async () => {
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
    // Office.onReady resolved (outside Excel, with no host) and the task pane said so.
    await page.waitForFunction(
      () => document.querySelector(".fs-status")?.getAttribute("data-host") === "outside",
      null,
      { timeout: 10_000 }
    );
    expect(await page.textContent(".fs-status")).toMatch(/^Not running in Excel: this page works as a calculator\./);
  });

  it("registers every function of functions.json, each once, through the real CustomFunctions.associate", async () => {
    const associated = await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated);
    const ids = generated.functions.map((fn) => fn.id);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    expect([...associated].sort()).toEqual([...ids].sort());
    // office.js's own registry (upper-cased ids) holds the same functions.
    const registered = await page.evaluate(() =>
      Object.keys(
        (window as unknown as { CustomFunctions: { _association: { mappings: Record<string, unknown> } } })
          .CustomFunctions._association.mappings
      )
    );
    expect([...registered].sort()).toEqual([...ids].sort());
  });

  it("computes ALLOCATE through the registered function, as the engine does", async () => {
    const allocateFunction = generated.functions.find((fn) => fn.id === "ALLOCATE");
    if (allocateFunction === undefined) throw new Error("functions.json has no ALLOCATE");
    // Excel passes every declared parameter; an omitted optional argument arrives as null.
    const args = allocateFunction.parameters.map(() => null);
    const table = await page.evaluate(
      (excelArgs) =>
        (
          window as unknown as {
            CustomFunctions: { _association: { mappings: Record<string, (...args: unknown[]) => unknown> } };
          }
        ).CustomFunctions._association.mappings.ALLOCATE(...excelArgs),
      args
    );
    expect(table).toEqual(expectedAllocation({}));
  });

  it("let no request leave the machine", () => {
    // Every request went to the local server, was answered with the local office.js, or was blocked.
    const leaving = served.filter(
      (url) => !url.startsWith(origin) && !url.startsWith(OFFICE_CDN) && !blocked.includes(url)
    );
    expect(leaving).toEqual([]);
    expect(served.some((url) => url === `${origin}functions.js`)).toBe(true);
  });
});
