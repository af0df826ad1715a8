import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["", "lessons/stateless-vs-stateful/", "playground/"];

for (const path of PAGES) {
  for (const theme of ["dark", "light"] as const) {
    test(`axe finds no serious or critical violation on /${path} (${theme})`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      await page.goto(path);
      if (path !== "") await page.locator("[data-sandbox][data-ready]").waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      ).toEqual([]);
    });
  }
}

// Keyboard-only use of the sandbox (Tab order, Escape then Tab out of the terminal and the editor,
// visible focus) is walked through a whole lesson in keyboard-lesson.spec.ts.
