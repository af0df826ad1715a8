import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import {
  answerQuiz,
  expectAllTicked,
  expectTicked,
  openLesson,
  runBlock,
  task,
  typeCommand,
} from "./lesson-helpers.ts";

const SLUG = "headless-services-dns";

test("lesson 4: the lesson's Run buttons tick every task; the quiz accepts the right answers", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openLesson(page, SLUG);
  await runBlock(page, "cat > web.yaml");
  await expectTicked(page, "set-up");
  await expectTicked(page, "headless");
  await runBlock(page, "kubectl get service nginx");
  await runBlock(page, "kubectl run dns-test");
  await expectTicked(page, "dns-pod");
  await expectTicked(page, "resolve");
  await runBlock(page, "kubectl get pod web-0 -o wide");
  await expectTicked(page, "new-ip");
  await runBlock(page, "kubectl exec dns-test -- wget -qO- web-0.nginx");
  await expectTicked(page, "one-pod");
  await runBlock(page, "kubectl delete pod dns-test");
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
  await page.screenshot({ path: testInfo.outputPath("lesson-04-done.png") });
});

test("lesson 4: a ClusterIP Service does not pass for a headless one", async ({ page }) => {
  test.setTimeout(120_000);
  await openLesson(page, SLUG);
  await typeCommand(page, "kubectl create service clusterip nginx --tcp=80:80");
  await expect(task(page, "headless").locator("[data-detail]")).toHaveText(
    /it is not headless \(clusterIP: None\)$/,
  );
  await expect(task(page, "headless")).toHaveAttribute("data-done", "false");
});

for (const theme of ["dark", "light"] as const) {
  test(`lesson 4 with checklist, hints, solutions and a checked quiz: axe clean (${theme})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
    await openLesson(page, SLUG);
    for (const summary of await page.locator("lesson-checklist summary").all()) await summary.click();
    const form = page.locator("form[data-question-id]").first();
    await form.locator("input").first().check();
    await form.getByRole("button", { name: "Check answer" }).click();
    expect(await seriousViolations(page, { include: ".lesson-text" })).toEqual([]);
  });
}
