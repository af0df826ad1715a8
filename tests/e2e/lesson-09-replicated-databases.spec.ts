import { test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson } from "./lesson-helpers.ts";
import { runBlocks } from "./lesson-runs.ts";

const SLUG = "replicated-databases";

test("lesson 9: primary, replicas, clone, catch-up and split brain tick every task", async ({ page }) => {
  test.setTimeout(240_000);
  await openLesson(page, SLUG);
  await runBlocks(page, 0, 2);
  await expectTicked(page, "deploy");
  await runBlocks(page, 2, 3);
  await expectTicked(page, "replicated-write");
  await runBlocks(page, 3, 4);
  await expectTicked(page, "write-by-name");
  await runBlocks(page, 4, 5);
  await expectTicked(page, "clone");
  await runBlocks(page, 5, 6);
  await expectTicked(page, "catch-up");
  await runBlocks(page, 6, 9);
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
});
