// What the browser tests share: dist/ served from 127.0.0.1, Debian's Chromium driven by playwright-core, office.js
// answered from dist/office-js/ (or a stand-in), and every other request that would leave the machine blocked.
import { createReadStream, existsSync, statSync } from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import chromiumSettings from "../../scripts/chromium.json";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");
export const CHROMIUM = chromiumSettings.executable;
/**
 * Flags for a quiet, offline headless Chromium (scripts/chromium.json, which the pane benchmark reads too): no sandbox
 * (Chromium refuses to start sandboxed as root, as in a container), no GPU, and none of its own background traffic
 * (QUIC, first-run, component updates, sync). playwright adds --headless and a fresh profile.
 */
export const CHROMIUM_FLAGS: string[] = chromiumSettings.flags;
/** Where the production build loads office.js from; answered with dist/office-js/ (or a stand-in). */
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Fails early, with what to do, when the build or Chromium is missing. */
export function checkPrerequisites(files: readonly string[]): void {
  for (const file of files) {
    if (!existsSync(path.join(DIST, file))) {
      throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does it for you).`);
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`
    );
  }
}

/** Serves dist/ read-only on 127.0.0.1; anything outside it, or missing, is a 404. Resolves with the origin. */
export async function serveDist(): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.join(DIST, pathname);
    if (!file.startsWith(DIST + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export function closeServer(server: http.Server | undefined): Promise<void> {
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

export interface RouteLog {
  /** Every request the page made, in order, whatever became of it. */
  readonly requested: string[];
  /** The requests for anywhere but the local server and office.js's CDN: refused, none reached the network. */
  readonly blocked: string[];
}

/**
 * Routes the page's requests: the local origin passes, office.js comes from dist/office-js/ (or `officeJs`, a script
 * that stands in for it; or nothing, when `officeJs` is "unreachable"), everything else is blocked.
 */
export async function routeOffline(page: Page, origin: string, officeJs?: string | "unreachable"): Promise<RouteLog> {
  const log: RouteLog = { requested: [], blocked: [] };
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    log.requested.push(url);
    if (url.startsWith(origin)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      if (officeJs === "unreachable") return route.abort("connectionrefused");
      if (officeJs !== undefined && url === `${OFFICE_CDN}office.js`) {
        return route.fulfill({ body: officeJs, contentType: CONTENT_TYPES[".js"] });
      }
      const file = path.join(DIST, "office-js", new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
      if (file.startsWith(path.join(DIST, "office-js") + path.sep) && existsSync(file)) {
        return route.fulfill({ path: file, contentType: CONTENT_TYPES[".js"] });
      }
      return route.fulfill({ status: 404 });
    }
    log.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return log;
}

/**
 * The one request beyond the machine that the page makes and its own code does not: office.js opens this telemetry
 * frame about three seconds after it loads (outside Excel too). routeOffline blocks it like any other.
 */
export const OFFICE_JS_TELEMETRY =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";

/**
 * Checks that the page did not even try to reach beyond the machine: each of its requests went to the local server or
 * to office.js's CDN, which routeOffline answers from dist/office-js/, except office.js's own telemetry frame.
 * routeOffline blocks any other request, so none could get out; a request it had to block is a dependency on the
 * network that the add-in must not have.
 */
export function expectNoRequestOutside(log: RouteLog): void {
  expect(log.requested).not.toEqual([]);
  expect(log.blocked.filter((url) => url !== OFFICE_JS_TELEMETRY)).toEqual([]);
}

/** A task pane opened in Chromium by paneInChromium. */
export interface OpenedPane {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly routes: RouteLog;
  /** Uncaught exceptions, and console errors when asked for (then each says which it is), in order. */
  readonly errors: string[];
}

export interface PaneOptions {
  readonly width?: number;
  readonly height?: number;
  /** office.js's answer: a stand-in's source, "unreachable", or (left out) the copy in dist/office-js. */
  readonly officeJs?: string;
  /** Also collect the console's errors. */
  readonly consoleErrors?: boolean;
  /** Runs on the new page before the pane loads (an init script, say). */
  readonly beforeLoad?: (page: Page) => Promise<unknown>;
}

/**
 * For a test file of the built pane: serves dist/ and starts Chromium before its tests and stops both after them;
 * open() loads taskpane.html in a new context, offline, and waits for the preview's headline.
 */
export function paneInChromium(): { open(options?: PaneOptions): Promise<OpenedPane>; origin(): string } {
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  let origin = "";
  beforeAll(async () => {
    checkPrerequisites(["taskpane.html", "taskpane.js", "functions.js", "office-js/office.js"]);
    ({ server, origin } = await serveDist());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
  });
  async function open(options: PaneOptions = {}): Promise<OpenedPane> {
    if (browser === undefined) throw new Error("no browser");
    const viewport = { width: options.width ?? 380, height: options.height ?? 900 };
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    if (options.consoleErrors) {
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`console: ${message.text()}`);
      });
    } else {
      page.on("pageerror", (error) => errors.push(error.message));
    }
    await options.beforeLoad?.(page);
    const routes = await routeOffline(page, origin, options.officeJs);
    await page.goto(`${origin}taskpane.html`, { waitUntil: "load" });
    await page.waitForSelector("#fs-preview-headline", { timeout: 10_000 });
    return { context, page, routes, errors };
  }
  return { open, origin: () => origin };
}
