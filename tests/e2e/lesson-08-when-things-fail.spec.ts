import { test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson } from "./lesson-helpers.ts";
import { runBlocks } from "./lesson-runs.ts";

const SLUG = "when-things-fail";

test("lesson 8: a stopped node, eviction, force deletion and the node's return tick every task", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openLesson(page, SLUG);
  await runBlocks(page, 0, 1);
  await expectTicked(page, "setup");
  await runBlocks(page, 1, 2);
  await expectTicked(page, "node-down");
  await runBlocks(page, 2, 3);
  await expectTicked(page, "deployment-replaced", 120_000);
  await runBlocks(page, 3, 5);
  await expectTicked(page, "force-delete");
  await runBlocks(page, 5, 6);
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
});
