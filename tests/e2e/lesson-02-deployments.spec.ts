import { expect, test } from "@playwright/test";
import { answerQuiz, expectAllTicked, expectTicked, openLesson, runBlock, task } from "./lesson-helpers.ts";

const SLUG = "deployments";

test("lesson 2: the lesson's own Run buttons tick every task; the quiz accepts the right answers", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openLesson(page, SLUG);
  await runBlock(page, "kubectl create deployment web");
  await runBlock(page, "kubectl get deployment,replicaset,pods");
  await runBlock(page, "kubectl rollout status deployment/web");
  await expectTicked(page, "create");
  await expect(task(page, "replace")).toHaveAttribute("data-done", "false");
  await expect(task(page, "replace").locator("[data-detail]")).toHaveText(
    "No pod of Deployment web has been deleted yet",
  );

  await runBlock(page, "kubectl delete pod $(kubectl get pods");
  await expectTicked(page, "replace");
  await runBlock(page, "kubectl scale deployment web --replicas=5");
  await expectTicked(page, "scale");
  await runBlock(page, "kubectl expose deployment web --port=80");
  await expectTicked(page, "expose");
  // The last step through the checklist itself: its solution, run from the disclosure.
  await task(page, "clean-up").getByText("Show solution").click();
  await task(page, "clean-up").getByRole("button", { name: "Run in the terminal" }).click();
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
  await page.screenshot({ path: testInfo.outputPath("lesson-02-done.png") });
});
