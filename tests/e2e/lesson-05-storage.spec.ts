import { test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson } from "./lesson-helpers.ts";
import { runBlocks } from "./lesson-runs.ts";

const SLUG = "storage";

test("lesson 5: following the lesson's Run buttons ticks every task; the quiz accepts the right answers", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openLesson(page, SLUG);
  await runBlocks(page, 0, 3);
  await expectTicked(page, "static-binding");
  await runBlocks(page, 3, 6);
  await expectTicked(page, "dynamic");
  await runBlocks(page, 6, 9);
  await expectTicked(page, "pending-claim");
  await runBlocks(page, 9, 11);
  await expectTicked(page, "retain");
  await runBlocks(page, 11, 13);
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
});
