import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

/** Lessons 5–11 (tables, diagrams, long checklists and quizzes) and the two guides, in both themes. */
const PAGES = [
  "lessons/storage/",
  "lessons/volume-claim-templates/",
  "lessons/scaling-and-updates/",
  "lessons/when-things-fail/",
  "lessons/replicated-databases/",
  "lessons/cleanup-and-retention/",
  "lessons/capstone/",
  "cheat-sheet/",
  "instructor-guide/",
];

for (const path of PAGES) {
  for (const theme of ["dark", "light"] as const) {
    test(`axe finds no serious or critical violation on /${path} (${theme})`, async ({ page }) => {
      // axe walks every node of these long pages (quizzes, checklists, tables): slow on a busy machine.
      test.setTimeout(120_000);
      await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      await page.goto(path);
      if (path.startsWith("lessons/")) await page.locator("[data-sandbox][data-ready]").waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      ).toEqual([]);
    });
  }
}
