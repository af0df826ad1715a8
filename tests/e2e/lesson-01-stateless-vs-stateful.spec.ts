import { expect, test } from "@playwright/test";
import { answerQuiz, expectTicked, openLesson, runBlock, task, typeCommand } from "./lesson-helpers.ts";

const SLUG = "stateless-vs-stateful";

test("lesson 1: following the lesson ticks every task, the quiz accepts the right answers, progress shows everywhere", async ({
  page,
}, testInfo) => {
  await openLesson(page, SLUG);
  const checklist = page.locator("lesson-checklist");
  await expect(checklist.locator("[data-count]")).toHaveText("0 of 2 done");
  await expect(task(page, "version")).toHaveAttribute("data-done", "false");

  // The lesson's Run button, then a command typed by hand.
  await runBlock(page, "kubectl version");
  await expectTicked(page, "version");
  await expect(checklist.locator("[data-announce]")).toHaveText(
    /^Task done: Ask the cluster which Kubernetes version/,
  );
  await typeCommand(page, "kubectl get nodes");
  await expectTicked(page, "nodes");
  await expect(checklist.locator("[data-count]")).toHaveText("2 of 2 done");
  await expect(checklist.locator("[data-announce]")).toContainText("All tasks done!");

  await answerQuiz(page, SLUG);
  await page.screenshot({ path: testInfo.outputPath("lesson-01-done.png"), fullPage: true });

  // Remembered: after a reload the ticks are there before any command runs, and the sidebar marks the lesson.
  await page.reload();
  await expect(task(page, "version")).toHaveAttribute("data-done", "true");
  await expect(page.locator(`nav a[href$="/lessons/${SLUG}/"] .lesson-mark`)).toHaveText("✓ (done)");
  await page.goto("./");
  await expect(page.locator("[data-continue]")).toHaveText(
    "Continue with lesson 2: Deployments: interchangeable pods",
  );
  await expect(page.locator(`li[data-lesson="${SLUG}"]`)).toHaveAttribute("data-state", "done");
});
