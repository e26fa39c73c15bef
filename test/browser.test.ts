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
import { readFileSync } from "fs";
import type http from "http";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  DIST,
  checkPrerequisites,
  closeServer,
  expectNoRequestOutside,
  routeOffline,
  serveDist,
  type RouteLog,
} from "./helpers/browser";
import { expectedAllocation } from "./helpers/functions";

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
  let requests: RouteLog = { requested: [], blocked: [] };
  const pageErrors: string[] = [];
  let generated: Generated;

  beforeAll(async () => {
    checkPrerequisites(["taskpane.html", "functions.js", "functions.json", "office-js/office.js"]);
    generated = JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")) as Generated;
    ({ server, origin } = await serveDist());

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    requests = await routeOffline(page, origin);
    await page.addInitScript(recordAssociations);
    await page.goto(`${origin}taskpane.html`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { __associated: string[] }).__associated.length > 0, null, {
      timeout: 10_000,
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
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
    expectNoRequestOutside(requests);
    expect(requests.requested).toContain(`${origin}functions.js`);
  });
});
