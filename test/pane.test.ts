// The task pane of the production build in Debian's Chromium (playwright-core): outside Excel as a calculator, and "in
// Excel" with a stand-in for office.js whose Excel global is the recording host, so that the insert, update and load
// actions run their real Office.js calls and the test reads what was written. Also the keyboard-only path and axe.
// The run leaves a screenshot of the pane in .tmp/pane.png for review.
//
// `npm test` builds first; to run this file alone, run `npm run build` before it.
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, readFileSync, rmSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { DIST, ROOT, expectNoRequestOutside, paneInChromium, type OpenedPane } from "./helpers/browser";
import { toCsv } from "../src/cli/format";
import { countryTable, embeddedEdition, readEdition } from "../src/engine";
import { Dec } from "../src/engine/decimal";
import { runScenario, type ScenarioSpec } from "../src/engine/scenario";
import { runTrack } from "../src/engine/track";
import { EMPTY_VALUES } from "../src/taskpane/controls";
import { evaluate, formatAmount } from "../src/taskpane/model";
import { PRESETS, TRACK_PRESETS } from "../src/taskpane/presets";
import { editionText } from "../src/functions/edition";
import { dataSheetValues } from "../src/workbook/data-sheet";
import { buildPortableWorkbook } from "../src/workbook/portable";
import { readPortableCopy } from "../src/workbook/portable-read";
import { officeStandIn } from "./helpers/office-stand-in";
import type { Recording } from "./helpers/recording-excel";
import { readStoredCells, recomputeInLibreOffice, type StoredSheets } from "./helpers/xlsx";

// LibreOffice takes a few seconds to recompute the portable copy on a busy machine.
jest.setTimeout(120_000);

/** The Stored scenarios section reads the workbook's store once when the pane opens (a workbook without one: one sync). */
const STORE_READ = { options: {}, syncs: 1 };

const pane = paneInChromium();

const open = (officeJs?: string): Promise<OpenedPane> => pane.open({ officeJs });

const status = (page: Page) => page.locator(".fs-status");
const headline = (page: Page) => page.locator("#fs-preview-headline");

/** The scenario a preset gives, as the pane passes it to the engine. */
function presetSpec(id: string): ScenarioSpec {
  const preset = PRESETS.find((candidate) => candidate.id === id);
  if (preset === undefined) throw new Error(`no preset ${id}`);
  const outcome = evaluate({ ...EMPTY_VALUES, ...preset.values });
  if (!outcome.ok) throw new Error(`preset ${id}: ${outcome.message}`);
  return outcome.given as ScenarioSpec;
}

/**
 * The portable copy's figures against the engine's for the scenario: the exact total (within the float noise of a
 * spreadsheet's sums) and one ally's exact and rounded totals (the rounded one exactly).
 */
function expectEngineFigures(sheets: StoredSheets, spec: ScenarioSpec, ally: string): void {
  const { layout } = buildPortableWorkbook(spec, { version: "test", date: new Date(0) });
  const { allocation } = runScenario(spec);
  const sheet = sheets.get(layout.sheet);
  if (sheet === undefined) throw new Error(`no sheet "${layout.sheet}" in the file`);
  const numberAt = (address: string): number => {
    const value = sheet.get(address)?.value;
    if (typeof value !== "number") throw new Error(`${address}: not a number (${JSON.stringify(value)})`);
    return value;
  };
  const close = (actual: number, expected: Dec) =>
    expect(Math.abs(actual - expected.toNumber())).toBeLessThanOrEqual(Math.abs(expected.toNumber()) * 1e-11);
  close(numberAt(layout.exactTotalCell), allocation.exactTotal);
  const index = layout.codes.indexOf(ally);
  const row = allocation.rows[index];
  expect(row?.code).toBe(ally);
  close(numberAt(`${layout.columns.exact}${layout.firstRow + index}`), row.exact);
  expect(new Dec(numberAt(`${layout.columns.rounded}${layout.firstRow + index}`)).eq(row.total)).toBe(true);
}

/** Opens an accordion group by its title, unless it is open already. */
async function openGroup(page: Page, title: string): Promise<void> {
  const header = page.getByRole("button", { name: title });
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
}

describe("outside Excel", () => {
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => opened.context.close());

  test("says so within a few seconds and works as a calculator", async () => {
    const { page } = opened;
    await page.waitForFunction(
      () => document.querySelector(".fs-status")?.getAttribute("data-host") !== "connecting",
      null,
      {
        timeout: 5_000,
      }
    );
    expect(await status(page).textContent()).toBe(
      "Not running in Excel: this page works as a calculator. Open Fair Share from Excel's Home tab to write scenario sheets."
    );
    expect(await page.textContent("body")).not.toContain("Loading…");
    expect(await page.textContent("body")).not.toContain("later release");
    // The page's start-up placeholder (taskpane.html) gave way to the pane.
    expect(await page.locator(".fs-starting").count()).toBe(0);
    expect(await page.textContent("body")).not.toContain("Starting Fair Share");
    expect(await headline(page).textContent()).toBe("EUR 100,000m over 2024-2028 among 32 contributors");
    expect(await page.textContent("#fs-preview-check")).toBe("✓ Every row and every year adds up.");
    expect(await page.locator("#fs-action-insert").isDisabled()).toBe(true);
    // Every ally in the list (it scrolls); the ten largest in the chart.
    expect(await page.locator("#fs-preview-contributors tbody tr").count()).toBe(
      runScenario({}).allocation.rows.length
    );
    expect(await page.locator(".fs-chart rect").count()).toBe(10);
    expect(opened.errors).toEqual([]);
  });

  test("filling controls changes the preview", async () => {
    const { page } = opened;
    await page.fill("#fs-total", "40bn");
    await page.fill("#fs-years", "2");
    await page.waitForFunction(
      () =>
        document.querySelector("#fs-preview-headline")?.textContent ===
        "EUR 40,000m over 2024-2025 among 32 contributors"
    );
    expect(await page.textContent("#fs-preview-total")).toBe("EUR 40,000m");
    const overlap = await page.textContent("#fs-preview-overlap");
    expect(overlap).toMatch(/^EUR [\d,]+m$/);
    expect(await page.textContent("#fs-preview-net-new")).toMatch(/^EUR [\d,]+m$/);
  });

  test("an invalid value shows the catalogue's message beside its control; the preview keeps the last result", async () => {
    const { page } = opened;
    await page.fill("#fs-years", "0");
    await page.waitForSelector(".fs-preview[data-current='false']");
    const describedBy = (await page.getAttribute("#fs-years", "aria-describedby")) ?? "";
    const texts = await Promise.all(describedBy.split(" ").map((id) => page.textContent(`[id="${id}"]`)));
    expect(texts).toContain("years: 0 is outside 1 to 50. Enter a value from 1 to 50.");
    expect(await page.getAttribute("#fs-years", "aria-invalid")).toBe("true");
    expect(await page.textContent("#fs-not-current")).toContain("Not current");
    // The last valid result stays.
    expect(await headline(page).textContent()).toBe("EUR 40,000m over 2024-2025 among 32 contributors");
    await page.fill("#fs-years", "2");
    await page.waitForSelector(".fs-preview[data-current='true']");
  });

  test("presets fill the controls and show their source", async () => {
    const { page } = opened;
    await page.selectOption("#fs-preset", "washington-2024");
    await page.waitForFunction(() => document.querySelector("#fs-preview-headline")?.textContent?.includes("in 2024"));
    expect(await headline(page).textContent()).toBe("EUR 40,000m in 2024 among 31 contributors (Hungary exempt)");
    expect(await page.inputValue("#fs-total")).toBe("40bn");
    expect(await page.textContent("#fs-preview-held")).toBe("Exempt: HUN");
    expect(await page.textContent("body")).toContain("Washington summit, 10 July 2024");
    await page.selectOption("#fs-preset", "bilateral-credited");
    await page.waitForFunction(() => document.querySelector("#fs-preview-held")?.textContent?.includes("Aid credit"));
    await page.selectOption("#fs-preset", "april-2024");
    await page.waitForFunction(
      () =>
        document.querySelector("#fs-preview-headline")?.textContent ===
        "EUR 100,000m over 2024-2028 among 32 contributors"
    );
  });

  test("Open portable copy downloads a valid .xlsx with the engine's figures; invalid inputs give the message", async () => {
    const { page } = opened;
    await page.selectOption("#fs-preset", "washington-2024");
    await page.waitForFunction(() => document.querySelector("#fs-preview-headline")?.textContent?.includes("in 2024"));
    const before = opened.routes.requested.filter((url) => /\/portable\.[0-9a-f]{8}\.js$/.test(url));
    expect(before).toEqual([]);
    expect(await page.locator("#fs-action-portable").isDisabled()).toBe(false);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#fs-action-portable")]);
    expect(download.suggestedFilename()).toBe("fair-share-portable.xlsx");
    const file = await download.path();
    await page.waitForFunction(() =>
      document.querySelector("#fs-action-result")?.textContent?.startsWith("Downloaded")
    );
    expect(await page.textContent("#fs-action-result")).toBe(
      "Downloaded the portable copy as fair-share-portable.xlsx."
    );
    // The .xlsx writer came as its own chunk, on the press.
    expect(opened.routes.requested.some((url) => /\/portable\.[0-9a-f]{8}\.js$/.test(url))).toBe(true);
    // The renderer stores its results with the formulas: the file as downloaded already holds the engine's figures.
    expectEngineFigures(await readStoredCells(readFileSync(file)), presetSpec("washington-2024"), "DEU");

    await page.fill("#fs-years", "0");
    await page.waitForSelector(".fs-preview[data-current='false']");
    await page.click("#fs-action-portable");
    await page.waitForSelector("#fs-action-result.fs-error");
    expect(await page.textContent("#fs-action-result")).toBe(
      "Fix the marked input first (years: 0 is outside 1 to 50. Enter a value from 1 to 50.): " +
        "the portable copy is written from valid inputs only."
    );
    await page.fill("#fs-years", "");
    await page.waitForSelector(".fs-preview[data-current='true']");
  });

  test("the functions register first: taskpane.js is a small script that loads the UI as a separate chunk", async () => {
    const entry = readFileSync(path.join(DIST, "taskpane.js"), "utf8");
    expect(entry.length).toBeLessThan(10_000);
    expect(entry).not.toContain("createRoot");
    const scripts = opened.routes.requested.filter((url) => url.startsWith(pane.origin()) && url.endsWith(".js"));
    expect(scripts.slice(0, 2)).toEqual([`${pane.origin()}functions.js`, `${pane.origin()}taskpane.js`]);
    expect(scripts.some((url) => /\/pane\.[0-9a-f]{8}\.js$/.test(url))).toBe(true);
  });

  test("leaves a screenshot for review: .tmp/pane.png, a PNG of the whole page", async () => {
    const file = path.join(ROOT, ".tmp", "pane.png");
    mkdirSync(path.dirname(file), { recursive: true });
    rmSync(file, { force: true });
    await opened.page.screenshot({ path: file, fullPage: true });
    // A PNG starts with its signature, then the IHDR chunk: width and height at bytes 16 and 20.
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    // The whole page: at least the pane's viewport, and all of its content.
    const page = await opened.page.evaluate(() => ({
      width: Math.max(window.innerWidth, document.documentElement.scrollWidth),
      height: Math.max(window.innerHeight, document.documentElement.scrollHeight),
    }));
    expect(size).toEqual(page);
  });

  test("no request left the machine", () => {
    expectNoRequestOutside(opened.routes);
  });
});

test("with office.js unreachable the pane still starts, says it is outside Excel and calculates", async () => {
  const { context, page } = await open("unreachable");
  try {
    await page.waitForFunction(
      () => document.querySelector(".fs-status")?.getAttribute("data-host") === "outside",
      null,
      {
        timeout: 5_000,
      }
    );
    await page.fill("#fs-total", "50bn");
    await page.waitForFunction(() => document.querySelector("#fs-preview-total")?.textContent === "EUR 50,000m");
  } finally {
    await context.close();
  }
});

test("keyboard alone: tab to a control, type, open a group, tick a checkbox", async () => {
  const { context, page } = await open();
  try {
    const tabTo = async (selector: string) => {
      for (let presses = 0; presses < 80; presses += 1) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo("#fs-total");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("60bn");
    await page.waitForFunction(() => document.querySelector("#fs-preview-total")?.textContent === "EUR 60,000m");
    await tabTo("button[aria-expanded='false']");
    // Open groups until Exemptions is open, then tick the first ally with the space bar.
    for (let group = 0; group < 6; group += 1) {
      const name = await page.evaluate(() => document.activeElement?.textContent ?? "");
      if (name.startsWith("Exemptions")) break;
      await page.keyboard.press("Tab");
      await tabTo("button[aria-expanded='false']");
    }
    await page.keyboard.press("Enter");
    await tabTo("#fs-exempt-ALB");
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.querySelector("#fs-preview-held")?.textContent === "Exempt: ALB");
  } finally {
    await context.close();
  }
});

describe("in Excel (office.js stand-in backed by the recording host)", () => {
  let opened: OpenedPane;
  const recording = () => opened.page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);

  beforeAll(async () => {
    opened = await open(officeStandIn());
    await opened.page.waitForFunction(
      () => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel"
    );
  });
  afterAll(async () => opened.context.close());

  test("insert writes the scenario sheet: inputs, FAIRSHARE formulas by name, formats, rule, chart", async () => {
    const { page } = opened;
    expect(await status(page).textContent()).toBe("Connected to Excel: the actions below write scenario sheets.");
    await page.selectOption("#fs-preset", "washington-2024");
    await page.waitForFunction(() => document.querySelector("#fs-preview-headline")?.textContent?.includes("in 2024"));
    await page.click("#fs-action-insert");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted"));
    expect(await page.textContent("#fs-action-result")).toBe('Inserted sheet "Fair Share scenario".');
    const written = await recording();
    expect(written.protocolErrors).toEqual([]);
    expect(written.runs).toEqual([STORE_READ, { options: { mergeUndoGroup: true }, syncs: 2 }]);
    const sheet = written.sheets.find((candidate) => candidate.name === "Fair Share scenario");
    if (sheet === undefined) throw new Error("no scenario sheet written");
    expect(sheet.cells.B4.value).toBe("40bn");
    expect(sheet.cells.B5.value).toBe("");
    expect(sheet.cells.A19.value).toBe("exempt");
    expect(sheet.cells.B19.value).toBe("HUN");
    expect(sheet.cells.A32.formula).toBe("=FAIRSHARE.ALLOCATE(fs.inputs,,,,,,,TRUE)");
    expect(sheet.cells.A69.formula).toBe("=FAIRSHARE.OVERLAP(fs.inputs)");
    expect(sheet.cells.D33.numberFormat).toBe('"EUR "#,##0,,"m"');
    expect(sheet.names["fs.inputs"].range).toBe("A4:B29");
    expect(sheet.names["fs.total"].range).toBe("B4");
    expect(sheet.conditionalFormats).toEqual([
      { range: "G70:G101", type: "Custom", formula: "=I70=TRUE", fill: "#F8CBAD", bold: true },
      // The data status at the top turns dark red when the data changed.
      { range: "C1", type: "Custom", formula: '=LEFT($C$1,12)="Data changed"', fontColor: "#C00000", bold: true },
    ]);
    expect(sheet.charts.map((chart) => chart.series)).toEqual([
      [{ name: "2024", values: "E33:E64", categories: "B33:B64" }],
    ]);
    expect(written.active).toBe("Fair Share scenario");
  });

  test("load from sheet reads the inputs back; update rewrites the sheet in place", async () => {
    const { page } = opened;
    await page.evaluate(() => {
      const rec = (window as unknown as { __recording: Recording }).__recording;
      const sheet = rec.sheets.find((candidate) => candidate.name === rec.active);
      if (sheet) sheet.cells.B4 = { value: "60bn" };
    });
    await page.click("#fs-action-load");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Loaded"));
    expect(await page.inputValue("#fs-total")).toBe("60bn");
    await page.waitForFunction(() => document.querySelector("#fs-preview-total")?.textContent === "EUR 60,000m");
    await page.fill("#fs-years", "3");
    await page.waitForFunction(() =>
      document.querySelector("#fs-preview-headline")?.textContent?.includes("2024-2026")
    );
    await page.click("#fs-action-update");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Updated"));
    const written = await recording();
    expect(written.protocolErrors).toEqual([]);
    expect(written.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1", "Fair Share scenario"]);
    const sheet = written.sheets[1];
    expect(sheet.cells.B4.value).toBe("60bn");
    expect(sheet.cells.B8.value).toBe("3");
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].series.map((series) => series.name)).toEqual(["2024", "2025", "2026"]);
    expect(written.runs.map((run) => run.syncs)).toEqual([STORE_READ.syncs, 2, 2, 2]);
  });

  test("Open portable copy passes Excel.createWorkbook a .xlsx that LibreOffice opens, with the engine's figures", async () => {
    const { page } = opened;
    await page.selectOption("#fs-preset", "washington-2024");
    await page.waitForFunction(() => document.querySelector("#fs-preview-headline")?.textContent?.includes("in 2024"));
    await page.waitForFunction(() => document.querySelector("#fs-preview-total")?.textContent === "EUR 40,000m");
    const runsBefore = (await recording()).runs.length;
    await page.click("#fs-action-portable");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Opened"));
    expect(await page.textContent("#fs-action-result")).toBe("Opened the portable copy in a new workbook.");
    const written = await recording();
    expect(written.protocolErrors).toEqual([]);
    // createWorkbook is not an Excel.run: the open workbook is left alone.
    expect(written.runs).toHaveLength(runsBefore);
    expect(written.createdWorkbooks).toHaveLength(1);
    const bytes = Buffer.from(written.createdWorkbooks[0], "base64");
    const [recomputed] = recomputeInLibreOffice([bytes]);
    expectEngineFigures(await readStoredCells(recomputed), presetSpec("washington-2024"), "DEU");
  });

  test("a dark Office theme gives the dark pane", async () => {
    const dark = await open(officeStandIn({ bodyBackgroundColor: "#1f1f1f" }));
    try {
      await dark.page.waitForFunction(
        () => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel"
      );
      const background = await dark.page.evaluate(
        () => getComputedStyle(document.querySelector(".fs-root") as Element).backgroundColor
      );
      const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
      expect(r + g + b).toBeLessThan(3 * 80);
    } finally {
      await dark.context.close();
    }
  });
});

describe("the Delivered vs fair share view", () => {
  const trackHeadline = (page: Page) => page.locator("#fs-track-headline");

  test("outside Excel: the tab opens on the Washington pledge, with the chart, the table and the coverage", async () => {
    const { context, page, errors } = await open();
    try {
      await page.click("#fs-view-track");
      await page.waitForSelector("#fs-track-headline");
      expect(await trackHeadline(page).textContent()).toBe(
        "EUR 40,000m for January 2024 to December 2024: 102.87% delivered"
      );
      expect(await page.inputValue("#fs-preset")).toBe("track-washington-2024");
      expect(await page.inputValue("#fs-per-year")).toBe("40bn");
      expect(await page.inputValue("#fs-from")).toBe("2024-01");
      expect(await page.textContent("body")).toContain("NATO counted support from 1 January 2024");
      // Allocate's own controls are not shown here; track's are.
      expect(await page.getByRole("button", { name: "Aid credit" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Delivered aid" }).count()).toBe(1);
      expect(await page.getAttribute("#fs-view-track", "aria-pressed")).toBe("true");
      expect(await page.textContent("#fs-track-coverage")).toBe(
        "The allies the tracker covers delivered EUR 41,149m of the EUR 40,000m pledge (coverage 102.87%); their" +
          " shortfalls add up to EUR 7,873m."
      );
      // Two bars per ally, largest fair share first; no delivered bar where the tracker has no figure.
      expect(await page.locator("#fs-track-chart .fs-chart-bar").count()).toBe(32 + 1);
      expect(await page.locator("#fs-track-chart .fs-chart-bar-delivered").count()).toBe(29 + 1);
      expect(await page.locator("#fs-track-chart g[data-code]").first().getAttribute("data-code")).toBe("USA");
      expect(await page.locator("#fs-track-chart .fs-chart-note").allTextContents()).toEqual([
        "not tracked",
        "not tracked",
        "not tracked",
      ]);
      const rows = page.locator("#fs-track-table tbody tr");
      expect(await rows.count()).toBe(32);
      expect(await rows.first().locator("th, td").allTextContents()).toEqual([
        "United States",
        "EUR 21,375m",
        "EUR 20,141m",
        "EUR 1,234m",
        "5.77%",
      ]);
      const albania = page.locator("#fs-track-table tbody tr", { hasText: "Albania" });
      expect(await albania.locator("td").allTextContents()).toEqual([
        "EUR 19m",
        "not tracked",
        "not tracked",
        "not tracked",
      ]);

      // A window past the data names the months it does not cover.
      await page.fill("#fs-from", "2025-07");
      await page.fill("#fs-to", "2026-06");
      await page.waitForFunction(() =>
        document.querySelector("#fs-track-headline")?.textContent?.includes("July 2025 to June 2026")
      );
      expect(await page.textContent("#fs-track-not-covered")).toBe(
        "Not covered by the data: May and June 2026; delivered counts the other 10 months only."
      );
      // An input track refuses: the message beside its control, the last result kept.
      await page.fill("#fs-to", "");
      await page.waitForSelector("#fs-track[data-current='false']");
      const describedBy = (await page.getAttribute("#fs-to", "aria-describedby")) ?? "";
      const texts = await Promise.all(describedBy.split(" ").map((id) => page.textContent(`[id="${id}"]`)));
      expect(texts.join(" ")).toContain("to: is required with from.");
      // Counting the EU instruments shows their controls.
      await page.fill("#fs-to", "2026-06");
      await page.waitForSelector("#fs-track[data-current='true']");
      await openGroup(page, "Delivered aid");
      await page.click("#fs-count-eu");
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll("#fs-track li")).some((item) => item.textContent?.startsWith("count-eu:"))
      );
      expect(await page.getByRole("button", { name: "EU instruments (with Count EU instruments)" }).count()).toBe(1);
      // Back to the allocation: its own preview, the values kept.
      await page.click("#fs-view-allocate");
      await page.waitForSelector("#fs-preview-headline");
      expect(await page.getByRole("button", { name: "Aid credit" }).count()).toBe(1);

      const file = path.join(ROOT, ".tmp", "pane-track.png");
      mkdirSync(path.dirname(file), { recursive: true });
      await page.click("#fs-view-track");
      await page.waitForSelector("#fs-track-headline");
      await page.screenshot({ path: file, fullPage: true });
      expect(readFileSync(file).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("in Excel: the button writes the sheet with FAIRSHARE.TRACK and a chart; loading it opens the view", async () => {
    const { context, page } = await open(officeStandIn());
    const recording = () => page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);
    try {
      await page.waitForFunction(() => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel");
      await page.click("#fs-view-track");
      await page.waitForSelector("#fs-track-headline");
      expect(await page.locator("#fs-action-insert").count()).toBe(0);
      await page.click("#fs-action-insert-track");
      await page.waitForFunction(() =>
        document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted")
      );
      expect(await page.textContent("#fs-action-result")).toBe('Inserted sheet "Delivered vs fair share".');
      const written = await recording();
      expect(written.protocolErrors).toEqual([]);
      expect(written.runs).toEqual([STORE_READ, { options: { mergeUndoGroup: true }, syncs: 2 }]);
      const sheet = written.sheets.find((candidate) => candidate.name === "Delivered vs fair share");
      if (sheet === undefined) throw new Error("no sheet written");
      const formulas = Object.values(sheet.cells)
        .map((cell) => cell.formula)
        .filter((formula): formula is string => typeof formula === "string");
      expect(formulas).toContain("=FAIRSHARE.TRACK(fs.inputs)");
      expect(sheet.cells.A4.value).toBe("total");
      expect(sheet.cells.B5.value).toBe("40bn");
      expect(sheet.charts.map((chart) => chart.series.map((series) => series.name))).toEqual([
        ["Fair share", "Delivered"],
      ]);
      // The shortfall rule, and the data status's.
      expect(sheet.conditionalFormats.map((rule) => rule.range)).toEqual([expect.stringMatching(/^E\d+:E\d+$/), "C1"]);
      expect(written.active).toBe("Delivered vs fair share");

      // Load from sheet, from the allocation's view, reads the pledge back and opens the comparison.
      await page.click("#fs-view-allocate");
      await page.waitForSelector("#fs-preview-headline");
      await page.click("#fs-action-load");
      await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Loaded"));
      await page.waitForSelector("#fs-track-headline");
      expect(await page.inputValue("#fs-from")).toBe("2024-01");
    } finally {
      await context.close();
    }
  });

  test("no serious or critical accessibility violation in the view", async () => {
    const { context, page } = await open();
    try {
      await page.click("#fs-view-track");
      await page.waitForSelector("#fs-track-headline");
      for (const title of ["Delivered aid", "Exemptions, caps and floors"]) await openGroup(page, title);
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      expect(severe).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the Data section: the user's data in the pane and the workbook", () => {
  let opened: OpenedPane;
  const recording = () => opened.page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);
  /** The embedded per-country table with Germany's 2024 GDP doubled, as a file the user saved. */
  const doubled = (): string => {
    const table = countryTable(embeddedEdition(), { from: "2022-01", to: "2026-04" });
    const rows = [[...table.header], ...table.rows.map((row) => [...row])];
    const column = rows[0].indexOf("gdp_2024_eur_bn");
    const germany = rows.find((row) => row[0] === "DEU") as string[];
    germany[column] = new Dec(germany[column]).times(2).toFixed();
    return toCsv(rows);
  };
  const dataStatus = (page: Page) => page.locator("#fs-data-status");

  beforeAll(async () => {
    opened = await open(officeStandIn());
    await opened.page.waitForFunction(
      () => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel"
    );
  });
  afterAll(async () => opened.context.close());

  test("loads a data file: the preview computes on it and names it as your data", async () => {
    const { page } = opened;
    expect(await page.textContent("#fs-data-edition")).toBe("In use: the embedded data.");
    await page.setInputFiles("#fs-data-file", { name: "d.csv", mimeType: "text/csv", buffer: Buffer.from(doubled()) });
    await page.waitForFunction(() =>
      document.querySelector("#fs-data-status")?.textContent?.startsWith("Loaded d.csv")
    );
    expect(await page.textContent("#fs-data-edition")).toBe(
      "In use: your data, d.csv (your data, vintage not stated), and the embedded data for the rest."
    );
    const edition = readEdition({ data: { file: "d.csv", text: doubled() } });
    const germany = runScenario({ edition }).allocation.rows.find((row) => row.code === "DEU");
    const share = `${germany?.share.times(100).toFixed(2)}%`;
    await page.waitForFunction(
      (expected) => document.querySelector("#fs-preview-contributors")?.textContent?.includes(expected),
      share
    );
    expect(await page.textContent("#fs-preview-data")).toContain("Your data: d.csv");
    expect(await page.textContent("#fs-preview-sources")).toContain("your data (d.csv)");
  });

  test("a file with an error is refused whole, with the row named; the data in use stays", async () => {
    const { page } = opened;
    const lines = doubled().split("\n");
    lines.splice(3, 0, lines[2]);
    await page.setInputFiles("#fs-data-file", {
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(lines.join("\n")),
    });
    await page.waitForFunction(() => document.querySelector("#fs-data-status")?.textContent?.startsWith("bad.csv"));
    expect(await dataStatus(page).textContent()).toBe(
      "bad.csv was not loaded: data (bad.csv row 4, iso3): BEL (Belgium) has a second row, row 4 (its first is row 3). Keep one of them."
    );
    expect(await page.textContent("#fs-data-edition")).toContain("d.csv");
  });

  test("Open portable copy on your data: the copy carries your figures and reads back to the pane's", async () => {
    const { page } = opened;
    const before = (await recording()).createdWorkbooks.length;
    await page.click("#fs-action-portable");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Opened"));
    const written = await recording();
    expect(written.createdWorkbooks).toHaveLength(before + 1);
    const bytes = Buffer.from(written.createdWorkbooks[before], "base64");
    const sources = [...((await readStoredCells(bytes)).get("Sources")?.values() ?? [])].map((cell) =>
      String(cell.value)
    );
    expect(sources.some((text) => text.startsWith("d.csv: GDP"))).toBe(true);
    const copy = await readPortableCopy(new Uint8Array(bytes), "pane.xlsx");
    const edition = readEdition({ data: { file: "d.csv", text: doubled() } });
    const germany = (spec: ScenarioSpec) => runScenario(spec).allocation.rows.find((row) => row.code === "DEU")?.exact;
    expect(germany(copy.spec)?.toFixed()).toBe(germany({ ...copy.spec, edition })?.toFixed());
  });

  test("a scenario sheet on your data needs the data sheet; Write data sheet writes it, then insert reads it", async () => {
    const { page } = opened;
    await page.click("#fs-action-insert");
    await page.waitForFunction(() =>
      document.querySelector("#fs-action-result")?.textContent?.includes("Write data sheet")
    );
    expect(await page.textContent("#fs-action-result")).toContain('press "Write data sheet" first');
    await page.click("#fs-data-write");
    await page.waitForFunction(() => document.querySelector("#fs-data-status")?.textContent?.startsWith("Wrote sheet"));
    let written = await recording();
    expect(written.protocolErrors).toEqual([]);
    const data = written.sheets.find((sheet) => sheet.name === "Fair Share data");
    if (data === undefined) throw new Error("no data sheet written");
    expect(String(data.cells.A1.value)).toMatch(/^# Fair Share data: /);
    expect(Object.values(data.cells).some((cell) => cell.value === 8549.96)).toBe(true);
    expect(await page.textContent("#fs-data-edition")).toContain("Fair Share data (your data");
    await page.click("#fs-action-insert");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted"));
    written = await recording();
    expect(written.protocolErrors).toEqual([]);
    const sheet = written.sheets.find((candidate) => candidate.name === "Fair Share scenario");
    if (sheet === undefined) throw new Error("no scenario sheet written");
    expect(sheet.cells.A29.value).toBe("data");
    expect(sheet.cells.B29.formula).toBe("=FAIRSHARE.EDITION('Fair Share data'!$A$1:$AZ$200)");
    expect(Object.values(sheet.cells).some((cell) => cell.value === "Your data: Fair Share data")).toBe(true);
  });

  test("load from a sheet computed on other data warns, and the pane can take the sheet's data", async () => {
    const { page } = opened;
    // Excel's value of the data cell: the data sheet's edition, as =FAIRSHARE.EDITION returns it.
    const text = editionText(dataSheetValues(readEdition({ data: { file: "d.csv", text: doubled() } })));
    await page.evaluate((value) => {
      const rec = (window as unknown as { __recording: Recording }).__recording;
      const sheet = rec.sheets.find((candidate) => candidate.name === "Fair Share scenario");
      if (sheet) sheet.cells.B29 = { value };
      rec.active = "Fair Share scenario";
    }, text);
    await page.click("#fs-data-embedded");
    await page.waitForFunction(
      () => document.querySelector("#fs-data-edition")?.textContent === "In use: the embedded data."
    );
    await page.click("#fs-action-load");
    await page.waitForSelector("#fs-data-mismatch");
    expect(await page.textContent("#fs-data-mismatch p")).toBe(
      'Sheet "Fair Share scenario" was computed on your data (Fair Share data (your data, vintage not stated), and the embedded data for the rest); the pane uses the embedded data, so its figures differ from the preview.'
    );
    await page.click("#fs-data-adopt");
    await page.waitForFunction(() => document.querySelector("#fs-data-mismatch") === null);
    expect(await page.textContent("#fs-data-edition")).toContain("Fair Share data");
    expect((await recording()).protocolErrors).toEqual([]);
  });

  test("the track view computes on the data in use, and its sheet's data cell reads the data sheet", async () => {
    const { page } = opened;
    // The pane computes on the data sheet's figures (Germany's 2024 GDP doubled), as the test before left it.
    expect(await page.textContent("#fs-data-edition")).toContain("Fair Share data");
    await page.click("#fs-view-track");
    await page.waitForSelector("#fs-track-headline");
    await page.selectOption("#fs-preset", "track-washington-2024");
    const pledge = TRACK_PRESETS.find((preset) => preset.id === "track-washington-2024")?.values ?? {};
    const germany = (spec: ScenarioSpec) => runTrack(spec).rows.find((row) => row.code === "DEU");
    const edition = readEdition({ data: { file: "d.csv", text: doubled() } });
    const ours = germany({ ...pledge, edition });
    const embedded = germany(pledge);
    if (ours === undefined || embedded === undefined) throw new Error("no DEU row");
    // Germany's doubled GDP raises its fair share: the view must show the larger one.
    expect(ours.fairShare.gt(embedded.fairShare)).toBe(true);
    const expected = formatAmount(ours.fairShare, "EUR", new Dec("1e6"));
    await page.waitForFunction(
      (amount) =>
        Array.from(document.querySelectorAll("#fs-track-table tbody tr")).some(
          (row) => row.querySelector("th")?.textContent === "Germany" && row.querySelector("td")?.textContent === amount
        ),
      expected
    );
    expect(await page.textContent("#fs-track-data")).toMatch(/^Your data: Fair Share data \(your data/);
    expect(await page.textContent("#fs-track-sources")).toContain("your data (Fair Share data)");

    await page.click("#fs-action-insert-track");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted"));
    const written = await recording();
    expect(written.protocolErrors).toEqual([]);
    const sheet = written.sheets.find((candidate) => candidate.name === "Delivered vs fair share");
    if (sheet === undefined) throw new Error("no track sheet written");
    const dataRow = Object.entries(sheet.cells).find(
      ([address, cell]) => /^A\d+$/.test(address) && cell.value === "data"
    );
    if (dataRow === undefined) throw new Error("no data row in the track sheet's inputs block");
    expect(sheet.cells[`B${dataRow[0].slice(1)}`].formula).toBe("=FAIRSHARE.EDITION('Fair Share data'!$A$1:$AZ$200)");
    expect(Object.values(sheet.cells).some((cell) => cell.value === "Your data: Fair Share data")).toBe(true);
    await page.click("#fs-view-allocate");
    await page.waitForSelector("#fs-preview-headline");
  });
});

describe("accessibility (axe-core)", () => {
  test("no serious or critical violation, with every group open and an error shown", async () => {
    const { context, page } = await open();
    try {
      for (const title of ["Aid credit", "Exemptions, caps and floors", "EU overlap", "Contributors", "Rounding"]) {
        await openGroup(page, title);
      }
      await page.fill("#fs-years", "0");
      await page.waitForSelector(".fs-preview[data-current='false']");
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      expect(severe).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
