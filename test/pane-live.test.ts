// The pane's live-workbook care in the production build in Debian's Chromium (playwright-core), "in Excel" with the
// office.js stand-in backed by the recording host: the first scenario sheet written sets Office.DisableTrustUX once
// (never on opening the pane), the sheet records its data vintage, and "Repair formulas" re-enters every FAIRSHARE
// formula and says how many on how many sheets; outside Excel that button is disabled. `npm run build` first when run
// alone.
import { expectNoRequestOutside, paneInChromium, type OpenedPane } from "./helpers/browser";
import { dataVintage, embeddedEdition } from "../src/engine";
import { DISABLE_TRUST_SETTING } from "../src/workbook/office-trust";
import { repairReport } from "../src/workbook/repair";
import { DATA_STATUS_CELL, MADE_WITH_LABEL } from "../src/workbook/vintage-cells";
import { officeStandIn } from "./helpers/office-stand-in";
import type { Recording } from "./helpers/recording-excel";

jest.setTimeout(120_000);

const pane = paneInChromium();

const open = (officeJs?: string): Promise<OpenedPane> => pane.open({ officeJs });

test("outside Excel the Repair formulas button is disabled and says it needs Excel", async () => {
  const { context, page, errors, routes } = await open();
  try {
    await page.waitForFunction(() => document.querySelector(".fs-status")?.getAttribute("data-host") === "outside");
    expect(await page.isDisabled("#fs-repair")).toBe(true);
    expect(await page.textContent("#fs-repair-hint")).toMatch(/^Needs Excel/);
    expect(errors).toEqual([]);
    expectNoRequestOutside(routes);
  } finally {
    await context.close();
  }
});

test("in Excel: the first sheet marks the workbook once, records its vintage, and Repair formulas re-enters", async () => {
  const { context, page, errors } = await open(officeStandIn());
  const recording = () => page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);
  const result = (id: string) => page.locator(id).textContent();
  try {
    await page.waitForFunction(() => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel");
    expect(await page.isDisabled("#fs-repair")).toBe(false);
    // Opening the pane saves nothing: saving settings would clear the user's Undo.
    expect((await recording()).settingsSaves).toEqual([]);

    await page.click("#fs-action-insert");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted"));
    expect((await recording()).settingsSaves).toEqual([{ [DISABLE_TRUST_SETTING]: true }]);
    await page.click("#fs-action-insert");
    await page.waitForFunction(
      () => document.querySelector("#fs-action-result")?.textContent === 'Inserted sheet "Fair Share scenario (2)".'
    );
    const written = await recording();
    expect(written.settingsSaves).toHaveLength(1);

    const sheet = written.sheets.find((candidate) => candidate.name === "Fair Share scenario");
    const cells = Object.entries(sheet?.cells ?? {});
    const label = cells.find(([, cell]) => cell.value === MADE_WITH_LABEL)?.[0] ?? "";
    expect(sheet?.cells[label.replace(/^A/, "B")]?.value).toBe(dataVintage(embeddedEdition()));
    expect(sheet?.cells[DATA_STATUS_CELL]?.formula).toContain("FAIRSHARE.VINTAGE(fs.data)");

    await page.click("#fs-repair");
    await page.waitForFunction(() =>
      document.querySelector("#fs-repair-result")?.textContent?.startsWith("Re-entered")
    );
    const repaired = await recording();
    const perSheet = repaired.sheets
      .map((candidate) => ({
        sheet: candidate.name,
        cells: Object.values(candidate.cells).filter((cell) => cell.formula?.includes("FAIRSHARE.")).length,
      }))
      .filter((entry) => entry.cells > 0);
    expect(perSheet.map((entry) => entry.sheet)).toEqual(["Fair Share scenario", "Fair Share scenario (2)"]);
    expect(await result("#fs-repair-result")).toBe(repairReport(perSheet));
    expect(repaired.formulaWrites.length - written.formulaWrites.length).toBe(
      perSheet.reduce((sum, entry) => sum + entry.cells, 0)
    );
    expect(repaired.protocolErrors).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
