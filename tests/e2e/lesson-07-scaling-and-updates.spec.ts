import { expect, test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson, task } from "./lesson-helpers.ts";
import { interrupt, runBlocks } from "./lesson-runs.ts";

const SLUG = "scaling-and-updates";

test("lesson 7: following the lesson (watches stopped with Ctrl-C) ticks every task; the quiz accepts the right answers", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openLesson(page, SLUG);
  // The scenario's StatefulSet is already there, yet nothing is ticked before the learner acts.
  await expect(page.locator("lesson-checklist [data-count]")).toHaveText("0 of 7 done");
  await runBlocks(page, 0, 2);
  await expectTicked(page, "scale-up");
  await interrupt(page);
  await runBlocks(page, 2, 3);
  await expectTicked(page, "scale-down");
  await interrupt(page);
  await runBlocks(page, 3, 5);
  await expectTicked(page, "rolling-update");
  await interrupt(page);
  await runBlocks(page, 5, 7);
  await expectTicked(page, "canary");
  await expect(task(page, "finish-rollout")).toHaveAttribute("data-done", "false");
  await runBlocks(page, 7, 8);
  await expectTicked(page, "finish-rollout");
  await runBlocks(page, 8, 10);
  await expectTicked(page, "on-delete");
  await runBlocks(page, 10, 13);
  await expectAllTicked(page, SLUG);
  await interrupt(page);
  await runBlocks(page, 13, 14);
  await answerQuiz(page, SLUG);
});
