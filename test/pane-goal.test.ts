// The pane's Goal seek and explanation in Debian's Chromium (playwright-core), on the production build: the answer is
// the engine's, Apply puts it into its control and the preview follows, and clicking an ally in the preview shows the
// engine's steps for it. `npm test` builds first; to run this file alone, run `npm run build` before it.
import type { Page } from "playwright-core";
import { paneInChromium } from "./helpers/browser";
import { explain, fractionText, runScenario, solve } from "../src/engine";
import { formatAmount } from "../src/taskpane/model";

jest.setTimeout(120_000);

const pane = paneInChromium();

async function open(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { context, page, errors } = await pane.open();
  return { page, errors, close: () => context.close() };
}

describe("Goal seek", () => {
  test("solves exactly as the engine does, and Apply sets the credit and Spain's amount follows", async () => {
    const { page, errors, close } = await open();
    const engine = solve({ spec: {}, target: "ESP>=3.2bn", vary: "credit" });
    const answer = fractionText(engine.equality[0].from);
    await page.fill("#fs-goal-target", "ESP>=3.2bn");
    await page.selectOption("#fs-goal-parameter", "credit");
    await page.click("#fs-goal-solve");
    await page.waitForSelector("#fs-goal-apply");
    expect(await page.locator("#fs-goal-answer").innerText()).toContain(`Holds with equality at credit = ${answer}`);
    await page.click("#fs-goal-apply");
    // The credit control is in the "Aid credit" section: open it to read the value Apply put there.
    const header = page.getByRole("button", { name: "Aid credit" });
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
    expect(await page.inputValue("#fs-credit")).toBe(answer);
    // The preview recomputes on the applied credit: Spain's row shows EUR 3.2bn as the pane formats it.
    const spainRow = page.locator("#fs-preview-contributors tbody tr", { has: page.locator('[data-code="ESP"]') });
    const expected = formatAmount(
      runScenario({ credit: answer }).allocation.rows.find((r) => r.code === "ESP")!.total,
      "EUR",
      runScenario({}).allocation.unit
    );
    await page.waitForFunction(
      ([text]) => document.querySelector("#fs-preview-contributors")?.textContent?.includes(text) ?? false,
      [expected]
    );
    expect(await spainRow.innerText()).toContain(expected);
    expect(errors).toEqual([]);
    await close();
  });

  test("a target no value reaches says so, with the nearest value, and offers nothing to apply", async () => {
    const { page, close } = await open();
    await page.fill("#fs-goal-target", "ESP<=3bn");
    await page.click("#fs-goal-solve");
    await page.waitForFunction(() => (document.querySelector("#fs-goal-answer")?.textContent ?? "").length > 0);
    expect(await page.locator("#fs-goal-answer").innerText()).toContain(
      "No value of credit reaches it. Nearest: credit = 0"
    );
    expect(await page.locator("#fs-goal-apply").count()).toBe(0);
    await close();
  });
});

describe("Explanation of the ally clicked", () => {
  test("clicking Spain in the preview shows the engine's seven steps for it", async () => {
    const { page, close } = await open();
    await page.click('#fs-preview-contributors [data-code="ESP"]');
    await page.waitForSelector("#fs-explain li");
    const steps = explain(runScenario({}), "ESP").steps;
    const shown = await page.locator("#fs-explain li").allInnerTexts();
    expect(shown).toEqual(steps.map((step) => `${step.title}. ${step.text}`));
    await close();
  });
});
