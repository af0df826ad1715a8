import { readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";

/** Every page of the site: the landing page, each lesson (read from content/lessons), the guides, the playground and the 404 page. */
const LESSONS = readdirSync(new URL("../../content/lessons/", import.meta.url))
  .filter((f) => f.endsWith(".mdx"))
  .map((f) => `lessons/${f.replace(/^\d+-/, "").replace(/\.mdx$/, "")}/`);
const PAGES = ["", ...LESSONS, "playground/", "cheat-sheet/", "instructor-guide/", "no-such-page/"];

/**
 * The rules whose outcome depends on colour: all that a theme changes (it swaps CSS colours on the
 * same DOM), so the second theme is checked for these alone, which halves the time axe takes.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

for (const path of PAGES) {
  test(`axe finds no serious or critical violation on /${path} in both themes`, async ({ page }) => {
    // axe walks every node of the long lessons (quizzes, checklists, tables): slow on a busy machine.
    test.setTimeout(180_000);
    await page.addInitScript(() => {
      if (!localStorage.getItem("starlight-theme")) localStorage.setItem("starlight-theme", "dark");
    });
    await page.goto(path);
    if (path.startsWith("lessons/") || path === "playground/") {
      // The sandbox as it stays: xterm, once it has taken over from the early terminal
      // (early-terminal.spec.ts checks that one).
      await page.locator("[data-sandbox][data-ready]").waitFor();
      await expect(page.locator("[data-early-terminal]")).toHaveCount(0, { timeout: 30_000 });
    }
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await seriousViolations(page), "dark theme").toEqual([]);
    // Switched the way a reader does it, with Starlight's theme picker.
    await page.locator("starlight-theme-select select").first().selectOption("light");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await seriousViolations(page, { rules: COLOUR_RULES }), "light theme").toEqual([]);
  });
}

// Keyboard-only use of the sandbox (Tab order, Escape then Tab out of the terminal and the editor,
// visible focus) is walked through a whole lesson in keyboard-lesson.spec.ts.
