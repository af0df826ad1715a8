import { expect, test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, lessonData, openLesson, task } from "./lesson-helpers.ts";
import { runBlocks } from "./lesson-runs.ts";

const SLUG = "capstone";

test("lesson 11: the broken cluster ticks nothing, and says why", async ({ page }) => {
  await openLesson(page, SLUG);
  await runBlocks(page, 0, 1);
  await expect(page.locator("lesson-checklist [data-count]")).toHaveText("0 of 5 done");
  await expect(task(page, "storage").locator("[data-detail]")).toHaveText("Claim data-orders-0 is Pending");
  await expect(task(page, "headless").locator("[data-detail]")).toHaveText(
    /^Service orders has ClusterIP 10\.96\.\d+\.\d+: it is not headless \(clusterIP: None\)$/,
  );
});

test("lesson 11: each task's own solution, run from the checklist, fixes the app and ticks it", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openLesson(page, SLUG);
  for (const { id, solution } of lessonData(SLUG).tasks) {
    if (solution) {
      await task(page, id).getByText("Show solution").click();
      await task(page, id).locator(`[data-run-solution="${id}"]`).click();
    }
    await expectTicked(page, id, 120_000);
  }
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
});
