import { expect, test } from "@playwright/test";
import {
  answerQuiz,
  codeBlock,
  expectAllTicked,
  expectTicked,
  openLesson,
  runBlock,
  task,
  typeCommand,
} from "./lesson-helpers.ts";

const SLUG = "statefulsets";

/** The terminal's visible text, row by row. */
async function terminalText(page: import("@playwright/test").Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

test("lesson 3: following the lesson (watches stopped with Ctrl-C) ticks every task, the order check included", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openLesson(page, SLUG);
  await runBlock(page, "cat > web.yaml");
  await runBlock(page, "kubectl apply -f web.yaml");
  await expectTicked(page, "create");
  await expectTicked(page, "headless");
  await expectTicked(page, "ordered");
  await page.locator(".xterm").click();
  await page.keyboard.press("Control+C");

  await runBlock(page, "kubectl delete pod -l app=nginx");
  await expectTicked(page, "same-name");
  await page.locator(".xterm").click();
  await page.keyboard.press("Control+C");
  await runBlock(page, "kubectl scale statefulset web --replicas=1");
  await expectAllTicked(page, SLUG);
  await answerQuiz(page, SLUG);
  await page.screenshot({ path: testInfo.outputPath("lesson-03-done.png") });
});

test("lesson 3: the checklist does not tick for wrong work (a Deployment, a ClusterIP Service)", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openLesson(page, SLUG);
  await typeCommand(
    page,
    "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.27 --replicas=2",
  );
  await typeCommand(page, "kubectl create service clusterip nginx --tcp=80:80");
  await typeCommand(page, "kubectl rollout status deployment/web");
  await expect
    .poll(() => terminalText(page), { timeout: 60_000 })
    .toContain('deployment "web" successfully rolled out');
  await typeCommand(page, "kubectl delete pod -l app=web");
  await typeCommand(page, "kubectl scale deployment web --replicas=1");
  await expect(task(page, "create").locator("[data-detail]")).toHaveText(
    "web is a Deployment, not a StatefulSet",
  );
  await expect(task(page, "headless").locator("[data-detail]")).toHaveText(
    /^Service nginx has ClusterIP 10\.96\.\d+\.\d+: it is not headless \(clusterIP: None\)$/,
  );
  for (const id of ["create", "headless", "ordered", "same-name", "scale-down"]) {
    await expect(task(page, id)).toHaveAttribute("data-done", "false");
  }
  await expect(page.locator("lesson-checklist [data-count]")).toHaveText("0 of 5 done");
});

test("lesson 3: Start from here restores the state of a step; Open in editor shows the manifest", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openLesson(page, SLUG);
  page.once("dialog", (dialog) => void dialog.accept());
  await task(page, "same-name")
    .getByRole("button", { name: /Start from here/ })
    .click();
  // The earlier tasks' solutions were replayed: the StatefulSet is there, and their checks tick.
  await expectTicked(page, "create");
  await expectTicked(page, "ordered");
  await expect(task(page, "same-name")).toHaveAttribute("data-done", "false");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeCommand(page, "kubectl get statefulset web");
  await expect.poll(() => terminalText(page)).toMatch(/web\s+2\/2\s+/);
  // Rows wrap in a narrow terminal: read them joined.
  expect((await terminalText(page)).replace(/\n/g, "")).toContain(
    "Started at task 4: the solutions of tasks 1–3 replayed.",
  );

  await codeBlock(page, "cat > web.yaml").getByRole("button", { name: "Open in editor: web.yaml" }).click();
  await expect(page.getByRole("button", { name: "Editor", exact: true })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("clusterIP: None", {
    timeout: 30_000,
  });
});
