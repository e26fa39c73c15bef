// The pane's Content-Security-Policy and text from a workbook, on the production build in Chromium (run `npm run
// build` first). The policy lets scripts come only from the add-in's origin and office.js's CDN, with no inline script
// and no eval; the page's own scripts (the bundles, their chunks, office.js) run under it without a violation, and
// names and values read from a workbook are shown as text: markup and script in them never run.
import { readFileSync, readdirSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import {
  DIST,
  OFFICE_CDN,
  OFFICE_JS_TELEMETRY,
  ROOT,
  checkPrerequisites,
  paneInChromium,
  type OpenedPane,
} from "./helpers/browser";
import { officeStandIn } from "./helpers/office-stand-in";
import type { Recording } from "./helpers/recording-excel";

jest.setTimeout(120_000);

const pane = paneInChromium();

beforeAll(() => checkPrerequisites(["support.html"]));

/** A page's Content-Security-Policy meta tag, as directive -> sources; fails when there is not exactly one. */
function policyOf(html: string): Map<string, string[]> {
  const tags = [...html.matchAll(/<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi)];
  if (tags.length !== 1) throw new Error(`expected one Content-Security-Policy meta tag, found ${tags.length}`);
  const content = /\bcontent=(?:"([^"]*)"|'([^']*)')/i.exec(tags[0][0]);
  if (content === null) throw new Error("the Content-Security-Policy meta tag has no content");
  return new Map(
    (content[1] ?? content[2])
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((words) => words[0] !== "")
      .map(([name, ...sources]) => [name, sources])
  );
}

/** The <script> tags of a page: their src, or null for an inline one. */
function scriptsOf(html: string): (string | null)[] {
  return [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) => {
    const src = /\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i.exec(match[1]);
    return src === null ? null : (src[1] ?? src[2] ?? src[3]);
  });
}

describe("the policy in the built pages", () => {
  const pane = readFileSync(path.join(DIST, "taskpane.html"), "utf8");

  test("taskpane.html: scripts from its own origin and office.js's CDN only, no inline script, no eval", () => {
    const policy = policyOf(pane);
    expect(policy.get("script-src")).toEqual(["'self'", new URL(OFFICE_CDN).origin]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    // Every script tag loads a file, from the page's origin or the CDN; the policy comes before the first of them.
    const scripts = scriptsOf(pane);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    expect(scripts.filter((src) => src === null)).toEqual([]);
    expect(scripts.filter((src) => src !== null && /^[a-z]+:/i.test(src) && !src.startsWith(OFFICE_CDN))).toEqual([]);
    expect(pane.search(/<meta\b[^>]*Content-Security-Policy/i)).toBeLessThan(pane.search(/<script\b/i));
    expect(pane).not.toMatch(/\son[a-z]+=/i);
  });

  test("the support page and the functions' help run no script at all", () => {
    for (const file of ["support.html", "docs/functions.html"]) {
      const html = readFileSync(path.join(DIST, file), "utf8");
      expect([file, policyOf(html).get("default-src")]).toEqual([file, ["'none'"]]);
      expect([file, policyOf(html).get("script-src")]).toEqual([file, undefined]);
      expect([file, scriptsOf(html)]).toEqual([file, []]);
    }
  });

  test("no bundle calls eval; webpack's one `new Function` is its fallback for browsers without globalThis", () => {
    const bundles = readdirSync(DIST).filter((name) => name.endsWith(".js"));
    expect(bundles.length).toBeGreaterThanOrEqual(3);
    for (const name of bundles) {
      const code = readFileSync(path.join(DIST, name), "utf8");
      expect([name, /\beval\(/.test(code)]).toEqual([name, false]);
      const fallbacks = code.match(/new Function\("return this"\)/g)?.length ?? 0;
      expect([name, code.match(/new Function\(/g)?.length ?? 0]).toEqual([name, fallbacks]);
      if (fallbacks > 0) expect(code).toContain('"object"==typeof globalThis');
    }
  });

  test("the webpack configuration never uses an eval devtool, in development or production", async () => {
    const configure = require(path.join(ROOT, "webpack.config.js")) as (
      env: object,
      options: { mode: string }
    ) => Promise<{ devtool: string | false }>;
    for (const mode of ["development", "production"]) {
      const { devtool } = await configure({}, { mode });
      expect([mode, String(devtool).includes("eval")]).toEqual([mode, false]);
    }
  });
});

interface Violation {
  readonly directive: string;
  readonly blocked: string;
}

/** Opens the pane with a recorder of the page's Content-Security-Policy violations (window.__violations). */
async function open(officeJs?: string): Promise<OpenedPane> {
  return pane.open({
    officeJs,
    beforeLoad: (page) =>
      page.addInitScript(() => {
        const store = window as unknown as { __violations: { directive: string; blocked: string }[] };
        store.__violations = [];
        document.addEventListener("securitypolicyviolation", (event) =>
          store.__violations.push({ directive: event.violatedDirective, blocked: event.blockedURI })
        );
      }),
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

describe("outside Excel, with Microsoft's office.js", () => {
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => opened.context.close());

  test("the page's own scripts run without a violation: bundles, chunks, office.js and its telemetry frame", async () => {
    const { page, routes } = opened;
    await page.waitForFunction(() => document.querySelector(".fs-status")?.getAttribute("data-host") === "outside");
    // office.js opens its telemetry frame a few seconds after it loads: wait for it, so that it is covered too.
    if (!routes.requested.includes(OFFICE_JS_TELEMETRY)) {
      await page.waitForRequest(OFFICE_JS_TELEMETRY, { timeout: 15_000 });
    }
    // The portable copy's chunk is loaded on the press, and the file is downloaded through a blob: link.
    await Promise.all([page.waitForEvent("download"), page.click("#fs-action-portable")]);
    expect(routes.requested.some((url) => /\/portable\.[0-9a-f]{8}\.js$/.test(url))).toBe(true);
    expect(await violations(page)).toEqual([]);
  });

  test("the policy is in force: an injected inline script does not run, and a script of the origin cannot eval", async () => {
    const { page } = opened;
    // A script from the page's own origin, as the bundles are, that tries eval.
    await page.route(`${pane.origin()}probe-eval.js`, (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: 'try { window.__evalRan = String(eval("1 + 1")); } catch (error) { window.__evalRan = error.name; }',
      })
    );
    await page.evaluate(() => {
      const inline = document.createElement("script");
      inline.textContent = "window.__inlineRan = true;";
      document.body.appendChild(inline);
      const probe = document.createElement("script");
      probe.src = "probe-eval.js";
      document.body.appendChild(probe);
    });
    await page.waitForFunction(() => (window as unknown as { __evalRan?: string }).__evalRan !== undefined);
    const outcome = await page.evaluate(() => {
      const store = window as unknown as { __inlineRan?: boolean; __evalRan?: string };
      return { inline: store.__inlineRan === true, eval: store.__evalRan };
    });
    expect(outcome).toEqual({ inline: false, eval: "EvalError" });
    await page.waitForFunction(() => (window as unknown as { __violations: Violation[] }).__violations.length >= 2);
    expect((await violations(page)).map((violation) => violation.directive).sort()).toEqual([
      "script-src",
      "script-src-elem",
    ]);
  });
});

describe("in Excel: text read from the workbook is shown as text", () => {
  const IMG = '<img src="x" onerror="window.__markupRan = 1">';
  /** What the engine's messages quote of IMG: they cut a long value short. */
  const IMG_QUOTED = '<img src="x" onerror="window.__markupRa';
  const SCRIPT = "<script>window.__markupRan = 2</script>";
  let opened: OpenedPane;
  const recording = () => opened.page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);

  beforeAll(async () => {
    opened = await open(officeStandIn());
    await opened.page.waitForFunction(
      () => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel"
    );
    await opened.page.click("#fs-action-insert");
    await opened.page.waitForFunction(() =>
      document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted")
    );
  });
  afterAll(async () => opened.context.close());

  /** Nothing from the workbook ran or became an element, and no violation: it never reached the page as markup. */
  async function expectNothingRan(page: Page): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __markupRan?: number }).__markupRan)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("script:not([src])").count()).toBe(0);
    expect(await violations(page)).toEqual([]);
  }

  test("a sheet name and input cells holding markup and script: loaded as plain values, shown as text", async () => {
    const { page } = opened;
    expect((await recording()).protocolErrors).toEqual([]);
    await page.evaluate(
      ({ img, script }) => {
        const rec = (window as unknown as { __recording: Recording }).__recording;
        const sheet = rec.sheets.find((candidate) => candidate.name === "Fair Share scenario");
        if (sheet === undefined) throw new Error("no scenario sheet");
        sheet.name = `Plan ${img}`;
        rec.active = sheet.name;
        sheet.cells.B4 = { value: img };
        sheet.cells.B19 = { value: script };
      },
      { img: IMG, script: SCRIPT }
    );
    await page.click("#fs-action-load");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Loaded"));
    expect(await page.textContent("#fs-action-result")).toBe(`Loaded the inputs of sheet "Plan ${IMG}".`);
    expect(await page.inputValue("#fs-total")).toBe(IMG);
    // The engine's message quotes the value: as text beside the control.
    await page.waitForSelector(".fs-preview[data-current='false']");
    const describedBy = (await page.getAttribute("#fs-total", "aria-describedby")) ?? "";
    const texts = await Promise.all(describedBy.split(" ").map((id) => page.textContent(`[id="${id}"]`)));
    expect(texts.join(" ")).toContain(IMG_QUOTED);
    await expectNothingRan(page);
  });

  test("a label holding markup: the refusal quotes it, as text", async () => {
    const { page } = opened;
    await page.evaluate(
      ({ img }) => {
        const rec = (window as unknown as { __recording: Recording }).__recording;
        const sheet = rec.sheets.find((candidate) => candidate.name === rec.active);
        if (sheet === undefined) throw new Error("no active sheet");
        sheet.cells.A4 = { value: img };
      },
      { img: IMG }
    );
    await page.click("#fs-action-load");
    await page.waitForSelector("#fs-action-result.fs-error");
    expect(await page.textContent("#fs-action-result")).toContain(IMG_QUOTED);
    await expectNothingRan(page);
  });
});
