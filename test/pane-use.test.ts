// The task pane as people use it, in the production build in Chromium (run `npm run build` first): a narrow pane, the
// heading, an action's message going once its input is corrected, every ally in the preview, and a quiet console.
import type { Page } from "playwright-core";
import { expectNoRequestOutside, paneInChromium, type OpenedPane } from "./helpers/browser";
import { runScenario } from "../src/engine/scenario";

jest.setTimeout(120_000);

const pane = paneInChromium();

/** The pane outside Excel (office.js from its local copy, or unreachable), at a width; settled outside Excel. */
async function open(width: number, officeJs?: "unreachable"): Promise<OpenedPane> {
  const opened = await pane.open({ width, height: 800, officeJs, consoleErrors: true });
  await opened.page.waitForFunction(
    () => document.querySelector(".fs-status")?.getAttribute("data-host") === "outside"
  );
  return opened;
}

/** Does something to the controls and waits until the preview has recomputed after it. */
async function recomputedAfter(page: Page, change: () => Promise<void>): Promise<void> {
  const before = await page.getAttribute("#fs-preview", "data-preview-revision");
  await change();
  await page.waitForFunction(
    (revision) => document.querySelector("#fs-preview")?.getAttribute("data-preview-revision") !== revision,
    before
  );
}

/** Opens every closed group of controls, one at a time (each opened one leaves the set of closed ones). */
async function openGroups(page: Page): Promise<void> {
  const closed = page.locator(".fui-AccordionHeader button[aria-expanded='false']");
  for (let opened = 0; (await closed.count()) > 0; opened += 1) {
    if (opened > 20) throw new Error("the groups do not open");
    await closed.first().click();
  }
}

/** The figures of a table that the browser broke across lines. */
function figuresOnTwoLines(page: Page, table: string): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      Array.from(document.querySelectorAll(`${selector} td`))
        .filter((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
          return lines.size > 1;
        })
        .map((cell) => cell.textContent ?? ""),
    table
  );
}

/** How far the page scrolls sideways: the scrolling element's width beyond its visible width. */
function sideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const element = document.scrollingElement as Element;
    return { scrollWidth: element.scrollWidth, clientWidth: element.clientWidth };
  });
}

describe.each([320, 350])("at %i px wide", (width) => {
  test("the page never scrolls sideways: every view, every group open, an error shown", async () => {
    const { context, page } = await open(width);
    try {
      await openGroups(page);
      // The stored scenarios' section is part of the Allocate view measured here.
      expect(await page.isVisible("#fs-scenario-name")).toBe(true);
      await page.fill("#fs-years", "0");
      await page.waitForSelector(".fs-preview[data-current='false']");
      const allocate = await sideways(page);
      expect(allocate.clientWidth).toBe(width);
      expect(allocate.scrollWidth).toBeLessThanOrEqual(allocate.clientWidth);

      await page.fill("#fs-years", "");
      await page.click("#fs-view-track");
      await page.waitForSelector("#fs-track-headline");
      await openGroups(page);
      const track = await sideways(page);
      expect(track.scrollWidth).toBeLessThanOrEqual(track.clientWidth);
      // Its table, wider than the pane, scrolls in its own box instead, and no figure breaks across lines.
      expect(await figuresOnTwoLines(page, "#fs-track-table")).toEqual([]);
      await page.click("#fs-view-sensitivity");
      await page.waitForSelector("#fs-sweep-chart polyline");
      await page.waitForSelector("#fs-tornado-chart rect");
      const sensitivity = await sideways(page);
      expect(sensitivity.scrollWidth).toBeLessThanOrEqual(sensitivity.clientWidth);
      expect(await figuresOnTwoLines(page, "#fs-tornado-table")).toEqual([]);
      await page.click("#fs-view-allocate");
      await page.waitForSelector("#fs-preview-headline");
      expect(await figuresOnTwoLines(page, "#fs-preview-contributors")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("outside Excel", () => {
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await open(380);
  });
  afterAll(async () => opened.context.close());

  test("the preview lists every ally in a box that scrolls, largest first", async () => {
    const { page } = opened;
    const expected = [...runScenario({}).allocation.rows]
      .sort((a, b) => b.total.comparedTo(a.total) || a.code.localeCompare(b.code))
      .map((row) => row.name);
    expect(expected).toHaveLength(32);
    expect(await page.locator("#fs-preview-contributors tbody th").allTextContents()).toEqual(expected);
    const box = page.locator(".fs-table-scroll");
    expect(await box.getAttribute("tabindex")).toBe("0");
    const size = await box.evaluate((element) => ({ scroll: element.scrollHeight, client: element.clientHeight }));
    expect(size.scroll).toBeGreaterThan(size.client);
    // Scrolled to its end, the last ally is in view inside the box.
    await box.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForFunction(() => {
      const scroller = document.querySelector(".fs-table-scroll") as Element;
      const last = document.querySelector("#fs-preview-contributors tbody tr:last-child") as Element;
      return last.getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom + 1;
    });
  });

  test("the heading counts the contributors who pay and names the exemption", async () => {
    const { page } = opened;
    await page.selectOption("#fs-preset", "washington-2024");
    await page.waitForFunction(() => document.querySelector("#fs-preview-headline")?.textContent?.includes("in 2024"));
    expect(await page.textContent("#fs-preview-headline")).toBe(
      "EUR 40,000m in 2024 among 31 contributors (Hungary exempt)"
    );
    await page.selectOption("#fs-preset", "april-2024");
    await page.waitForFunction(
      () =>
        document.querySelector("#fs-preview-headline")?.textContent ===
        "EUR 100,000m over 2024-2028 among 32 contributors"
    );
  });

  test("an action's message about an input stays while another input changes and goes once it is corrected", async () => {
    const { page } = opened;
    const result = page.locator("#fs-action-result");
    await page.fill("#fs-years", "0");
    await page.waitForSelector(".fs-preview[data-current='false']");
    await page.click("#fs-action-portable");
    await page.waitForSelector("#fs-action-result.fs-error");
    expect(await result.textContent()).toBe(
      "Fix the marked input first (years: 0 is outside 1 to 50. Enter a value from 1 to 50.): " +
        "the portable copy is written from valid inputs only."
    );
    // Another input changes and the preview recomputes: years is still wrong, so the message stays.
    await recomputedAfter(page, () => page.fill("#fs-total", "50bn"));
    expect(await result.textContent()).toContain("years: 0 is outside 1 to 50");
    // Years changes to another wrong value: it stays.
    await recomputedAfter(page, () => page.fill("#fs-years", "99"));
    expect(await page.getAttribute("#fs-years", "aria-invalid")).toBe("true");
    expect(await result.textContent()).toContain("Fix the marked input first");
    // Corrected: it goes.
    await page.fill("#fs-years", "3");
    await page.waitForSelector(".fs-preview[data-current='true']");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent === "");
    expect(await page.getAttribute("#fs-action-result", "class")).not.toContain("fs-error");
    await page.fill("#fs-total", "");
    await page.fill("#fs-years", "");
  });

  test("nothing went to the console as an error, and no request left the machine", () => {
    expect(opened.errors).toEqual([]);
    expectNoRequestOutside(opened.routes);
  });
});

test("with office.js unreachable, no uncaught error: only the failed load of office.js itself", async () => {
  const { context, page, errors } = await open(380, "unreachable");
  try {
    await page.fill("#fs-total", "50bn");
    await page.waitForFunction(() => document.querySelector("#fs-preview-total")?.textContent === "EUR 50,000m");
    expect(
      errors.filter((error) => !/^console: Failed to load resource: net::ERR_CONNECTION_REFUSED$/.test(error))
    ).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
  } finally {
    await context.close();
  }
});
