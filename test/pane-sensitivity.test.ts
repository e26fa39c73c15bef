// The task pane's Sensitivity view in the production build in Debian's Chromium (playwright-core): its line chart and
// table over a sweep, its tornado, both held to the engine; and "in Excel" (the office.js stand-in backed by the
// recording host) the buttons that write the sweep and tornado sheets. `npm run build` first when run alone.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expectNoRequestOutside, paneInChromium, type OpenedPane } from "./helpers/browser";
import { parseRanges, runScenario, runTornado, tornadoForAlly } from "../src/engine";
import { officeStandIn } from "./helpers/office-stand-in";
import type { Recording } from "./helpers/recording-excel";

jest.setTimeout(120_000);

const pane = paneInChromium();

const open = (officeJs?: string): Promise<OpenedPane> => pane.open({ officeJs });

/** The rows of a table in the page, as text cells. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.$$eval(`#${id} tbody tr`, (rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent ?? ""))
  );
}

const millions = (amount: { div(n: number): { toFixed(places: number): string } }): string =>
  amount.div(1e6).toFixed(0);

describe("the Sensitivity view", () => {
  test("outside Excel: a line chart and table over the sweep, a tornado, each the engine's figures", async () => {
    const { context, page, routes, errors } = await open();
    try {
      await page.click("#fs-view-sensitivity");
      await page.waitForSelector("#fs-sweep-chart polyline");
      await page.waitForSelector("#fs-tornado-chart rect");
      expect(await page.getAttribute("#fs-view-sensitivity", "aria-pressed")).toBe("true");
      // The default sweep: credit 0 to 1 in steps of 0.05, Spain and Italy.
      const rows = await tableRows(page, "fs-sweep-table");
      expect(rows).toHaveLength(21);
      expect(await page.locator("#fs-sweep-chart polyline").count()).toBe(2);
      for (const row of [rows[0], rows[10], rows[20]]) {
        const allocation = runScenario({ credit: row[0] }).allocation.rows;
        const amount = (code: string) => millions(allocation.find((entry) => entry.code === code)!.total);
        expect(row.slice(1)).toEqual([amount("ESP"), amount("ITA")]);
      }
      // The tornado: bars in the engine's order, largest swing first.
      const tornado = runTornado({}, parseRanges("credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024"));
      const order = tornadoForAlly(tornado, "ESP").map((bar) => bar.bar.variation.name);
      expect((await tableRows(page, "fs-tornado-table")).map((row) => row[0])).toEqual(order);

      // A narrower sweep redraws; a range without a step is refused beside its field.
      await page.fill("#fs-sensitivity-values", "0..1:0.5");
      await page.waitForFunction(() => document.querySelectorAll("#fs-sweep-table tbody tr").length === 3);
      await page.fill("#fs-sensitivity-values", "0..1");
      await page.waitForSelector("text=/is not in the form/");
      expect(errors).toEqual([]);
      expectNoRequestOutside(routes);
    } finally {
      await context.close();
    }
  });

  test("in Excel: the buttons write the sweep sheet (SWEEP, a line chart) and the tornado sheet", async () => {
    const { context, page } = await open(officeStandIn());
    const recording = () => page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);
    try {
      await page.waitForFunction(() => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel");
      await page.click("#fs-view-sensitivity");
      await page.waitForSelector("#fs-sweep-chart polyline");
      await page.click("#fs-action-insert-sweep");
      await page.waitForFunction(() =>
        document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted")
      );
      await page.click("#fs-action-insert-tornado");
      await page.waitForFunction(
        () => document.querySelector("#fs-action-result")?.textContent === 'Inserted sheet "Sensitivity tornado".'
      );
      const written = await recording();
      expect(written.protocolErrors).toEqual([]);
      const sweepSheet = written.sheets.find((sheet) => sheet.name === "Sensitivity sweep");
      const tornadoSheet = written.sheets.find((sheet) => sheet.name === "Sensitivity tornado");
      const formulas = (sheet: typeof sweepSheet) =>
        Object.values(sheet?.cells ?? {})
          .map((cell) => cell.formula)
          .filter((formula): formula is string => typeof formula === "string");
      expect(formulas(sweepSheet).some((formula) => formula.startsWith("=FAIRSHARE.SWEEP(fs.inputs,"))).toBe(true);
      expect(sweepSheet?.charts.map((chart) => [chart.type, chart.series.length])).toEqual([["Line", 2]]);
      expect(formulas(tornadoSheet).filter((formula) => formula.startsWith("=INDEX(FAIRSHARE.SWEEP("))).toHaveLength(6);
      expect(tornadoSheet?.charts.map((chart) => chart.type)).toEqual(["BarClustered"]);
    } finally {
      await context.close();
    }
  });

  test("no serious or critical accessibility violation in the view", async () => {
    const { context, page } = await open();
    try {
      await page.click("#fs-view-sensitivity");
      await page.waitForSelector("#fs-tornado-chart rect");
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
