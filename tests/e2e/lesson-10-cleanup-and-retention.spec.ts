import { test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson } from "./lesson-helpers.ts";
import { runBlocks } from "./lesson-runs.ts";

const SLUG = "cleanup-and-retention";

test("lesson 10: claims left behind, orphaning and retention policies tick every task", async ({ page }) => {
  test.setTimeout(240_000);
  await openLesson(page, SLUG);
  await runBlocks(page, 0, 1);
  await expectTicked(page, "create");
  await expectTicked(page, "delete");
  await runBlocks(page, 1, 2);
  await expectTicked(page, "recreate");
  await runBlocks(page, 2, 3);
  await expectTicked(page, "orphan");
  await runBlocks(page, 3, 8);
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
});
