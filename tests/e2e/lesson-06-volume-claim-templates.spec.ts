import { test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson } from "./lesson-helpers.ts";
import { runBlocks } from "./lesson-runs.ts";

const SLUG = "volume-claim-templates";

test("lesson 6: following the lesson's Run buttons ticks every task; the quiz accepts the right answers", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openLesson(page, SLUG);
  await runBlocks(page, 0, 2);
  await expectTicked(page, "create");
  await expectTicked(page, "claim-per-pod");
  await runBlocks(page, 2, 3);
  await expectTicked(page, "own-data");
  await runBlocks(page, 3, 4);
  await expectTicked(page, "recreated");
  await runBlocks(page, 4, 5);
  await expectTicked(page, "scale-down");
  await runBlocks(page, 5, 7);
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
});
