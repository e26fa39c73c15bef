// The pane's stored scenarios in the production build in Chromium (run `npm run build` first), "in Excel" through the
// recording host: save, switch, rename, duplicate, delete; a garbled row reported while every other scenario is
// listed; a co-author's change shown; merge from an .xlsx file written by the project's writer, with rename, replace
// and skip; and names and comments holding markup and script shown as text, nothing run, at 320 px.
import type { Page } from "playwright-core";
import { PRESETS } from "../src/taskpane/presets";
import { EMPTY_VALUES } from "../src/taskpane/controls";
import { givenValues } from "../src/taskpane/model";
import type { CellDescription } from "../src/workbook/description";
import { renderXlsx } from "../src/workbook/portable-xlsx";
import {
  STORE_SHEET,
  readStore,
  storeHeader,
  storeRow,
  storedParameters,
  type StoredScenario,
} from "../src/workbook/scenario-store";
import { cellAddress } from "../src/workbook/description";
import { paneInChromium, type OpenedPane } from "./helpers/browser";
import { officeStandIn } from "./helpers/office-stand-in";
import type { RecordedSheet, Recording } from "./helpers/recording-excel";

jest.setTimeout(120_000);

const pane = paneInChromium();

async function openInExcel(width = 380): Promise<OpenedPane> {
  const opened = await pane.open({ officeJs: officeStandIn(), width, height: 900, consoleErrors: true });
  await opened.page.waitForFunction(() => document.querySelector(".fs-status")?.getAttribute("data-host") === "excel");
  return opened;
}

const recordingOf = (page: Page) => page.evaluate(() => (window as unknown as { __recording: Recording }).__recording);

/** The store sheet's cells as rows from A1 (what readStore reads), from the recording. */
function gridOf(sheet: RecordedSheet): unknown[][] {
  const grid: unknown[][] = [];
  for (const [address, cell] of Object.entries(sheet.cells)) {
    const match = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
    const column = [...match[1]].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
    const row = Number(match[2]);
    while (grid.length < row) grid.push([]);
    while (grid[row - 1].length < column) grid[row - 1].push("");
    grid[row - 1][column - 1] = cell.value ?? "";
  }
  return grid;
}

async function storeInRecording(page: Page) {
  const sheet = (await recordingOf(page)).sheets.find((candidate) => candidate.name === STORE_SHEET);
  if (sheet === undefined) throw new Error("no store sheet");
  return { sheet, content: readStore(gridOf(sheet)) };
}

const sheetVisibility = (recording: Recording) =>
  recording.sheets.find((candidate) => candidate.name === STORE_SHEET)?.visibility;

/** Presses a button of the section and waits until its status says `prefix` and the section is idle again. */
async function press(page: Page, selector: string, prefix: string): Promise<void> {
  await page.click(selector);
  await page.waitForFunction(
    (start) =>
      (document.querySelector("#fs-scenario-status")?.textContent ?? "").startsWith(start) &&
      !(document.querySelector("#fs-scenario-refresh") as HTMLButtonElement).disabled,
    prefix
  );
}

const listedNames = (page: Page) => page.locator("#fs-scenario-list .fs-scenario-name").allTextContents();

/** The list item of a stored scenario, by its name. */
const item = (page: Page, name: string) => page.locator("#fs-scenario-list > li", { hasText: name }).first();

function scenario(name: string, parameters: StoredScenario["parameters"], comment = ""): StoredScenario {
  return {
    name,
    comment,
    parameters,
    created: "2026-12-01T08:00:00Z",
    modified: "2026-12-02T08:00:00Z",
    author: "",
    vintage: "as stored",
  };
}

/** Puts a store sheet with these rows into the recording host (as a co-author or a hand edit would) and tells the pane. */
async function putStore(page: Page, rows: readonly (readonly unknown[])[]): Promise<void> {
  const cells: Record<string, { value: unknown }> = {};
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== "") cells[cellAddress(r + 1, c + 1)] = { value };
    })
  );
  await page.evaluate(
    ({ name, cells }) => {
      const rec = (window as unknown as { __recording: Recording }).__recording;
      const existing = rec.sheets.find((sheet) => sheet.name === name);
      if (existing !== undefined) existing.cells = cells;
      else {
        const sheet = { name, cells, names: {}, conditionalFormats: [], charts: [], frozenRows: 0, columnWidths: {} };
        rec.sheets.push(sheet);
      }
    },
    { name: STORE_SHEET, cells }
  );
  // The pane listens to the store sheet once there is one; a store made by someone else is read on Refresh.
  await page.click("#fs-scenario-refresh");
}

/** A co-author's edit of one cell of the store, with the change event Excel raises for it. */
async function coAuthorEdit(page: Page, address: string, value: string): Promise<void> {
  await page.evaluate(
    ({ name, address, value }) => {
      const rec = (window as unknown as { __recording: Recording }).__recording;
      const sheet = rec.sheets.find((candidate) => candidate.name === name);
      if (sheet === undefined) throw new Error("no store sheet");
      sheet.cells[address] = { value };
      return (window as unknown as { __fireChanged(sheet: string): Promise<void> }).__fireChanged(name);
    },
    { name: STORE_SHEET, address, value }
  );
}

/** An .xlsx file whose "Scenarios" sheet holds these rows, as the project's writer writes it. */
async function storeFile(rows: readonly (readonly (string | number)[])[], visibility: "visible" | "veryHidden") {
  const cells: CellDescription[] = [];
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== "") cells.push({ address: cellAddress(r + 1, c + 1), value });
    })
  );
  const empty = { names: [], conditionalFormats: [], charts: [] };
  const bytes = await renderXlsx({
    sheets: [
      { name: "Fair Share scenario", cells: [{ address: "A1", value: "Plan" }], ...empty },
      { name: STORE_SHEET, cells, visibility, ...empty },
    ],
  });
  return Buffer.from(bytes);
}

const header = storeHeader();
const rowOf = (stored: StoredScenario) => storeRow(stored, header) as (string | number)[];

describe("in Excel: save, switch, rename, duplicate, delete", () => {
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await openInExcel();
  });
  afterAll(async () => opened.context.close());

  test("the current controls are saved in a very hidden store; switching loads them back", async () => {
    const { page } = opened;
    const washington = PRESETS.find((preset) => preset.id === "washington-2024");
    if (washington === undefined) throw new Error("no washington preset");
    await page.selectOption("#fs-preset", washington.id);
    await page.waitForFunction(() => document.querySelector("#fs-preview-headline")?.textContent?.includes("in 2024"));
    const savedHeadline = await page.textContent("#fs-preview-headline");
    await page.fill("#fs-scenario-name", "Hungary exempt");
    await page.fill("#fs-scenario-comment", "as in Washington");
    await press(page, "#fs-scenario-save", "Saved");
    expect(await listedNames(page)).toEqual(["Hungary exempt"]);

    const { sheet, content } = await storeInRecording(page);
    expect(sheet.visibility).toBe("VeryHidden");
    expect(sheet.visibilitySets).toBe(1);
    expect(content.problems).toEqual([]);
    expect(content.scenarios).toHaveLength(1);
    const saved = content.scenarios[0];
    expect(saved).toMatchObject({ name: "Hungary exempt", comment: "as in Washington", author: "", row: 2 });
    expect(saved.parameters).toEqual(storedParameters(givenValues({ ...EMPTY_VALUES, ...washington.values })));
    expect(saved.vintage).not.toBe("");
    expect(saved.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await item(page, "Hungary exempt").textContent()).toContain(saved.vintage);

    // Another scenario in the controls, then the stored one switched back in.
    await page.selectOption("#fs-preset", "april-2024");
    await page.waitForFunction(
      (headline) => document.querySelector("#fs-preview-headline")?.textContent !== headline,
      savedHeadline
    );
    await press(page, "#fs-scenario-list .fs-scenario-switch", 'Switched to "Hungary exempt"');
    await page.waitForFunction(
      (headline) => document.querySelector("#fs-preview-headline")?.textContent === headline,
      savedHeadline
    );
    expect(await page.inputValue("#fs-total")).toBe(washington.values.total);

    // Asked to, a switch also rewrites the active scenario sheet from the stored scenario.
    await page.selectOption("#fs-preset", "april-2024");
    await page.waitForFunction(
      (headline) => document.querySelector("#fs-preview-headline")?.textContent !== headline,
      savedHeadline
    );
    await page.click("#fs-action-insert");
    await page.waitForFunction(() => document.querySelector("#fs-action-result")?.textContent?.startsWith("Inserted"));
    const activeValues = async () => {
      const rec = await recordingOf(page);
      const active = rec.sheets.find((candidate) => candidate.name === rec.active);
      return Object.values(active?.cells ?? {}).map((cell) => cell.value);
    };
    expect(await activeValues()).not.toContain(washington.values.total);
    await page.check("#fs-scenario-also-sheet");
    await press(page, "#fs-scenario-list .fs-scenario-switch", 'Switched to "Hungary exempt". Updated sheet "');
    expect(await activeValues()).toContain(washington.values.total);
    expect(sheetVisibility(await recordingOf(page))).toBe("VeryHidden");
    await page.uncheck("#fs-scenario-also-sheet");

    // A name in use asks to replace it or pick another; another name is offered.
    // (Enter in the name box saves, as the button does.)
    await page.fill("#fs-scenario-name", "HUNGARY EXEMPT");
    await page.press("#fs-scenario-name", "Enter");
    await page.waitForSelector("#fs-scenario-replace");
    await page.click("#fs-scenario-replace-no");
    expect(await page.inputValue("#fs-scenario-name")).toBe("HUNGARY EXEMPT (2)");
    // A name the store cannot keep is refused beside the box.
    await page.fill("#fs-scenario-name", "a,b");
    await page.click("#fs-scenario-save");
    await page.waitForFunction(() =>
      document.body.textContent?.includes("The name cannot be used: its name holds a comma")
    );
    expect((await storeInRecording(page)).content.scenarios).toHaveLength(1);
  });

  test("rename, duplicate (a free name offered) and delete after a confirmation", async () => {
    const { page } = opened;
    await item(page, "Hungary exempt").locator(".fs-scenario-rename").click();
    await page.fill("#fs-scenario-2-name", "Hungary out");
    await press(page, "#fs-scenario-2-confirm", "Renamed");
    expect(await listedNames(page)).toEqual(["Hungary out"]);

    await item(page, "Hungary out").locator(".fs-scenario-duplicate").click();
    expect(await page.inputValue("#fs-scenario-2-name")).toBe("Hungary out (2)");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      document.querySelector("#fs-scenario-status")?.textContent?.startsWith("Duplicated")
    );
    await page.waitForFunction(() => document.querySelectorAll("#fs-scenario-list > li").length === 2);
    expect(await listedNames(page)).toEqual(["Hungary out", "Hungary out (2)"]);
    let { content } = await storeInRecording(page);
    expect(content.scenarios[1].parameters).toEqual(content.scenarios[0].parameters);

    await item(page, "Hungary out (2)").locator(".fs-scenario-delete").click();
    await page.click("#fs-scenario-3-cancel");
    expect(await listedNames(page)).toHaveLength(2);
    await item(page, "Hungary out (2)").locator(".fs-scenario-delete").click();
    await press(page, "#fs-scenario-3-confirm", "Deleted");
    expect(await listedNames(page)).toEqual(["Hungary out"]);
    ({ content } = await storeInRecording(page));
    expect(content.scenarios.map((known) => known.name)).toEqual(["Hungary out"]);
    expect((await recordingOf(page)).protocolErrors).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});

describe("in Excel: a damaged store, a co-author's change, a merge", () => {
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await openInExcel();
  });
  afterAll(async () => opened.context.close());

  test("one garbled row: every other scenario listed, the row reported by number and reason, and left as it is", async () => {
    const { page } = opened;
    const garbled = rowOf(scenario("Half credited", { credit: "100%" }));
    garbled[header.indexOf("credit")] = "half";
    const rows = [header, rowOf(scenario("Base", {})), garbled, rowOf(scenario("US capped", { cap: "USA=40%" }))];
    await putStore(page, rows);
    await page.waitForFunction(() => document.querySelectorAll("#fs-scenario-list > li").length === 2);
    expect(await listedNames(page)).toEqual(["Base", "US capped"]);
    const expected = readStore(rows).problems.map((problem) => `Row ${problem.row} not read: ${problem.reason}`);
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatch(/^Row 3 not read: .*credit/);
    expect(await page.locator("#fs-scenario-problems li").allTextContents()).toEqual(expected);

    // A save writes a new row below; the garbled row keeps every cell.
    const before = (await storeInRecording(page)).sheet.cells;
    await page.fill("#fs-scenario-name", "Saved after");
    await press(page, "#fs-scenario-save", "Saved");
    const after = (await storeInRecording(page)).sheet.cells;
    for (const [address, cell] of Object.entries(before)) {
      if (/^[A-Z]+3$/.test(address)) expect([address, after[address]]).toEqual([address, cell]);
    }
    expect(await listedNames(page)).toEqual(["Base", "US capped", "Saved after"]);
    // "Base" was stored on other data than the pane's: switching to it says so, naming both.
    await press(page, "#fs-scenario-2 .fs-scenario-switch", 'Switched to "Base". It was saved on data as stored;');
    const vintage = (await storeInRecording(page)).content.scenarios[2].vintage;
    expect(await page.textContent("#fs-scenario-status")).toBe(
      `Switched to "Base". It was saved on data as stored; the pane computes on ${vintage}.`
    );

    // A co-author renames a scenario: the list shows it without a press.
    await coAuthorEdit(page, cellAddress(2, header.indexOf("Name") + 1), "Base renamed");
    await page.waitForFunction(
      () => document.querySelector("#fs-scenario-list .fs-scenario-name")?.textContent === "Base renamed"
    );
    // Shown again after a trip to another view, with one read per change (the event is listened to once).
    await page.click("#fs-view-track");
    await page.click("#fs-view-allocate");
    await page.waitForSelector("#fs-scenario-list .fs-scenario-name");
    const runsBefore = (await recordingOf(page)).runs.length;
    await coAuthorEdit(page, cellAddress(2, header.indexOf("Name") + 1), "Base");
    await page.waitForFunction(
      () => document.querySelector("#fs-scenario-list .fs-scenario-name")?.textContent === "Base"
    );
    await press(page, "#fs-scenario-refresh", "Read the stored scenarios again.");
    expect((await recordingOf(page)).runs.length).toBe(runsBefore + 2);
  });

  test("merge from a file: chosen scenarios imported, a clash renamed, replaced or skipped as chosen", async () => {
    const { page } = opened;
    const theirs = [
      scenario("Base", { total: "60bn" }, "theirs"),
      scenario("US capped", { cap: "USA=30%" }, "theirs"),
      scenario("Saved after", {}, "theirs"),
      scenario("Only theirs", { years: "3" }),
      scenario("Not wanted", {}),
    ];
    const file = await storeFile([header, ...theirs.map(rowOf)], "visible");
    await page.setInputFiles("#fs-scenario-merge-file", {
      name: "colleague.xlsx",
      mimeType: "application/octet-stream",
      buffer: file,
    });
    await page.waitForSelector("#fs-merge-choices");
    expect(await page.locator("#fs-merge-choices .fs-merge-choice").count()).toBe(5);
    await page.locator("#fs-merge-choices .fs-merge-choice input").nth(4).uncheck();
    // Three clashes, each offered a free name; the first renamed, the second replaced, the third skipped.
    expect(await page.inputValue("#fs-merge-conflict-0-name")).toBe("Base (2)");
    await page.selectOption("#fs-merge-conflict-1-action", "replace");
    await page.selectOption("#fs-merge-conflict-2-action", "skip");
    await press(page, "#fs-merge-import", "Merged 3 scenarios");
    const { content } = await storeInRecording(page);
    const byName = new Map(content.scenarios.map((known) => [known.name, known]));
    expect([...byName.keys()]).toEqual(["Base", "US capped", "Saved after", "Base (2)", "Only theirs"]);
    expect(byName.get("Base")?.comment).toBe("");
    expect(byName.get("Base (2)")?.parameters).toEqual(theirs[0].parameters);
    expect(byName.get("US capped")?.parameters).toEqual(theirs[1].parameters);
    expect(byName.get("Saved after")?.comment).toBe("");
    expect(content.problems.map((problem) => problem.row)).toEqual([3]);
    expect(await listedNames(page)).toEqual(["Base", "US capped", "Saved after", "Base (2)", "Only theirs"]);
  });

  test("a very hidden store in a live workbook's file is read too", async () => {
    const { page } = opened;
    const garbled = rowOf(scenario("Garbled", {}));
    garbled[header.indexOf("Schema")] = "two";
    const rows = [header, rowOf(scenario("From a live workbook", {})), garbled];
    const file = await storeFile(rows, "veryHidden");
    await page.setInputFiles("#fs-scenario-merge-file", {
      name: "live.xlsx",
      mimeType: "application/octet-stream",
      buffer: file,
    });
    await page.waitForFunction(() =>
      document.querySelector("#fs-merge-choices")?.textContent?.includes("From a live workbook")
    );
    // Its damaged row is reported by number and reason, as the workbook's own are.
    expect(await page.locator("#fs-merge-problems li").allTextContents()).toEqual(
      readStore(rows).problems.map((problem) => `Row ${problem.row} not read: ${problem.reason}`)
    );
    expect(await page.textContent("#fs-merge-problems")).toContain("Row 3 not read");
    await press(page, "#fs-merge-import", "Merged 1 scenario");
    expect(await listedNames(page)).toContain("From a live workbook");
    expect((await recordingOf(page)).protocolErrors).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});

describe("in Excel: the summary sheet of the stored scenarios", () => {
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await openInExcel();
  });
  afterAll(async () => opened.context.close());

  test("written with live FAIRSHARE formulas over the store; a garbled row left out and named", async () => {
    const { page } = opened;
    const garbled = rowOf(scenario("Garbled", {}));
    garbled[header.indexOf("years")] = "many";
    await putStore(page, [
      header,
      rowOf(scenario("Base", {})),
      garbled,
      rowOf(scenario("Hungary exempt", { exempt: "HUN" })),
    ]);
    await page.waitForFunction(() => document.querySelectorAll("#fs-scenario-list > li").length === 2);
    await press(page, "#fs-scenario-summary", 'Wrote "Fair Share summary": 2 scenarios side by side');
    expect(await page.textContent("#fs-scenario-status")).toContain("Left out: row 3 (");
    const rec = await recordingOf(page);
    const summary = rec.sheets.find((sheet) => sheet.name === "Fair Share summary");
    if (summary === undefined) throw new Error("no summary sheet");
    const formulas = Object.values(summary.cells).map((cell) => cell.formula ?? "");
    expect(formulas.filter((formula) => formula.includes("FAIRSHARE.SHARE(")).length).toBe(2 * 32);
    // The blocks read the very hidden store by name, so the sheet follows a rewritten scenario.
    expect(
      formulas.some((formula) => formula.includes(`'${STORE_SHEET}'!`) || formula.includes(`${STORE_SHEET}!`))
    ).toBe(true);
    expect(formulas.some((formula) => formula.includes("FAIRSHARE.VINTAGE("))).toBe(true);
    expect(formulas.some((formula) => /FAIRSHARE\.SHARE\(\$A\d+,2024,/.test(formula))).toBe(false);

    // Asked for each year too: a second sheet, with an ally's amount in each year per scenario.
    await page.check("#fs-scenario-summary-years");
    await press(page, "#fs-scenario-summary", 'Wrote "Fair Share summary (2)": 2 scenarios side by side');
    const again = (await recordingOf(page)).sheets.find((sheet) => sheet.name === "Fair Share summary (2)");
    const yearly = Object.values(again?.cells ?? {}).filter((cell) =>
      /FAIRSHARE\.SHARE\(\$A\d+,\d{4},/.test(cell.formula ?? "")
    );
    expect(yearly.length).toBe(2 * 32 * 5);
    expect(rec.protocolErrors).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});

describe("at 320 px: names and comments holding markup and script are text", () => {
  const IMG = '<img src="x" onerror="window.__markupRan = 1">';
  const SCRIPT = "<script>window.__markupRan = 2</script>";
  let opened: OpenedPane;
  beforeAll(async () => {
    opened = await openInExcel(320);
  });
  afterAll(async () => opened.context.close());

  async function expectNothingRan(page: Page): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __markupRan?: number }).__markupRan)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("script:not([src])").count()).toBe(0);
  }

  async function expectNoSidewaysScroll(page: Page): Promise<void> {
    const size = await page.evaluate(() => {
      const element = document.scrollingElement as Element;
      return { scroll: element.scrollWidth, client: element.clientWidth };
    });
    expect(size.client).toBe(320);
    expect(size.scroll).toBeLessThanOrEqual(size.client);
  }

  test("a store of the workbook and a file to merge, both with markup: shown as typed, nothing runs", async () => {
    const { page } = opened;
    const long = `A very long scenario name without any break ${"x".repeat(50)}`;
    await putStore(page, [
      header,
      rowOf(scenario(IMG, {}, SCRIPT)),
      rowOf(scenario(SCRIPT, {}, IMG)),
      rowOf(scenario(long, {}, "y".repeat(120))),
    ]);
    await page.waitForFunction(() => document.querySelectorAll("#fs-scenario-list > li").length === 3);
    expect(await listedNames(page)).toEqual([IMG, SCRIPT, long]);
    expect(await page.locator("#fs-scenario-list .fs-scenario-comment").allTextContents()).toEqual([
      SCRIPT,
      IMG,
      "y".repeat(120),
    ]);
    await item(page, "very long").locator(".fs-scenario-delete").click();
    await expectNoSidewaysScroll(page);
    await expectNothingRan(page);

    const file = await storeFile(
      [header, rowOf(scenario(`${IMG} theirs`, {}, SCRIPT)), rowOf(scenario(IMG, {}))],
      "visible"
    );
    await page.setInputFiles("#fs-scenario-merge-file", {
      name: "markup.xlsx",
      mimeType: "application/octet-stream",
      buffer: file,
    });
    await page.waitForSelector("#fs-merge-conflict-0-name");
    expect(await page.inputValue("#fs-merge-conflict-0-name")).toBe(`${IMG} (2)`);
    await press(page, "#fs-merge-import", "Merged 2 scenarios");
    expect(await listedNames(page)).toEqual([IMG, SCRIPT, long, `${IMG} theirs`, `${IMG} (2)`]);
    await expectNoSidewaysScroll(page);
    await expectNothingRan(page);
    // Every control of the section has a name a screen reader says (its label, text or aria-label).
    const labels = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".fs-scenarios input, .fs-scenarios button, .fs-scenarios select"))
        .filter((element) => !(element as HTMLInputElement).hidden)
        .map((element) => {
          const labelled = (element as HTMLInputElement).labels?.[0]?.textContent ?? "";
          const byIds = (element.getAttribute("aria-labelledby") ?? "")
            .split(" ")
            .map((id) => (id === "" ? "" : (document.getElementById(id)?.textContent ?? "")))
            .join(" ");
          return element.getAttribute("aria-label") ?? (byIds.trim() || labelled || (element.textContent ?? ""));
        })
    );
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.filter((label) => label.trim() === "")).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
