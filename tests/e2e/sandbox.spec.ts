import { expect, type Page, test } from "@playwright/test";

const LESSON = "lessons/stateless-vs-stateful/";

/** The terminal's visible text, row by row, as a sighted learner reads it. */
async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

async function typeInTerminal(page: Page, text: string) {
  await page.locator(".xterm").click();
  await page.keyboard.type(text);
}

test("a lesson answers kubectl version from the engine in its worker", async ({ page }, testInfo) => {
  await page.goto(LESSON);
  await expect(
    page.getByRole("heading", { level: 1, name: "Stateless vs stateful applications" }),
  ).toBeVisible();
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeInTerminal(page, "kubectl version\n");
  await expect.poll(() => terminalText(page)).toContain("Server Version: v1.34.0");
  const text = await terminalText(page);
  expect(text).toContain("Client Version: v1.34.1");
  expect(text).toContain("Kustomize Version: v5.7.1");
  await page.screenshot({ path: testInfo.outputPath("lesson-kubectl-version.png") });
});

test("kubectl get nodes prints kind's node in kubectl's columns", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeInTerminal(page, "kubectl get nodes\n");
  await expect.poll(() => terminalText(page)).toMatch(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  expect(await terminalText(page)).toMatch(/kind-control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.34\.0/);
});

test("line editing: history, Ctrl-A insertion, Ctrl-U, Ctrl-C and unknown commands", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeInTerminal(page, "version\n");
  await expect.poll(() => terminalText(page)).toContain("bash: version: command not found");
  // Up recalls the line; Ctrl-A jumps to its start, where we insert the missing word.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("kubectl ");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toContain("Server Version: v1.34.0");
  // Ctrl-U clears what was typed; Ctrl-C abandons a line and prints ^C.
  await page.keyboard.type("kubectl gte nodes");
  await page.keyboard.press("Control+U");
  await page.keyboard.type("kubectl gte nodes");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toContain('Error: unknown command "gte" for "kubectl"');
  expect(await terminalText(page)).toContain("Did you mean this?");
  await page.keyboard.type("half a line");
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toContain("half a line^C");
});

test("Ctrl-L and clear wipe the screen but keep the prompt", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeInTerminal(page, "kubectl version\n");
  await expect.poll(() => terminalText(page)).toContain("Server Version");
  await page.keyboard.press("Control+L");
  await expect.poll(() => terminalText(page)).not.toContain("Server Version");
  await page.keyboard.type("help\n");
  await expect.poll(() => terminalText(page)).toContain("kubectl <command>");
  await page.keyboard.type("clear\n");
  await expect.poll(() => terminalText(page)).not.toContain("kubectl <command>");
  expect((await terminalText(page)).trim()).toBe("$");
});

test("pasting several lines runs them one after another", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator(".xterm").click();
  // What the browser delivers on paste: xterm turns it into one onData chunk.
  await page.evaluate(() => {
    const textarea = document.querySelector<HTMLTextAreaElement>(".xterm-helper-textarea")!;
    const data = new DataTransfer();
    data.setData("text/plain", "kubectl version --client\nkubectl get nodes\n");
    textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
  });
  await expect.poll(() => terminalText(page)).toContain("kind-control-plane");
  const text = await terminalText(page);
  expect(text.indexOf("Kustomize Version")).toBeLessThan(text.indexOf("kind-control-plane"));
  expect(text).not.toContain("Server Version");
});

test("a heredoc typed at the prompt continues with > and writes a file kubectl can apply", async ({
  page,
}) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeInTerminal(page, "cat > svc.yaml <<'EOF'\n");
  await page.keyboard.type("apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n");
  await page.keyboard.type(
    "spec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\nEOF\n",
  );
  await expect.poll(() => terminalText(page)).toContain("> EOF");
  await page.keyboard.type("kubectl apply -f svc.yaml\n");
  await expect.poll(() => terminalText(page)).toContain("service/nginx created");
  await page.keyboard.type("kubectl get svc nginx\n");
  await expect.poll(() => terminalText(page)).toMatch(/nginx\s+ClusterIP\s+None\s+<none>\s+80\/TCP/);
});

test("Ctrl-C stops a watch and echoes ^C", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeInTerminal(page, "kubectl get nodes -w\n");
  await expect.poll(() => terminalText(page)).toContain("kind-control-plane");
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toContain("^C");
  await page.keyboard.type("kubectl version --client\n");
  await expect.poll(() => terminalText(page)).toContain("Kustomize Version");
});

test("the engine starts when the learner reaches for the sandbox, not with the page", async ({ page }) => {
  await page.goto(LESSON);
  await page.locator("[data-sandbox][data-ready]").waitFor();
  // The terminal takes input at once; the engine worker (the page's heaviest script) is not loaded.
  await expect(page.locator(".xterm-rows")).toContainText("$");
  await page.waitForTimeout(1000);
  expect(page.workers()).toHaveLength(0);
  await expect(page.locator("[data-status]")).toHaveText("Ready");
  await expect(page.locator("[data-clock]")).toHaveText("--:--:--");
  // Pointing at the sandbox starts it: the cluster and its clock come up.
  await page.locator("[data-terminal]").hover();
  await expect(page.locator("[data-status]")).toHaveText("Cluster ready");
  await expect(page.locator("[data-clock]")).toHaveText(/^\d\d:\d\d:\d\d$/);
  expect(page.workers()).toHaveLength(1);
});

test("a command typed before the engine is up waits for it and runs", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  // Focus and type in one go, as fast as Playwright can: the worker starts with the first key.
  await page.locator(".xterm-helper-textarea").focus();
  await page.keyboard.type("kubectl get nodes\n");
  await expect.poll(() => terminalText(page)).toMatch(/kind-control-plane\s+Ready\s+control-plane/);
});

test("a press on Pause held across the clock's refreshes still pauses", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator("[data-terminal]").hover();
  await expect(page.locator("[data-clock]")).toHaveText(/^\d\d:\d\d:\d\d$/);
  const pause = page.getByRole("button", { name: "Pause time" });
  const box = (await pause.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // A slow press: the clock refreshes four times a second meanwhile. Redrawing the button's icon
  // under the pointer made the browser drop the click.
  await page.mouse.down();
  await page.waitForTimeout(700);
  await page.mouse.up();
  await expect(page.getByRole("button", { name: "Resume time" })).toHaveAttribute("aria-pressed", "true");
});

test("time can be paused, resumed and stepped", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const clock = page.locator("[data-clock]");
  // The clock is the engine's, which starts when the learner points at the sandbox.
  await page.locator("[data-terminal]").hover();
  await expect(clock).toHaveText(/^\d\d:\d\d:\d\d$/);
  await page.getByRole("button", { name: "Pause time" }).click();
  await expect(page.getByRole("button", { name: "Resume time" })).toHaveAttribute("aria-pressed", "true");
  const paused = await clock.textContent();
  await page.waitForTimeout(1500);
  expect(await clock.textContent()).toBe(paused);
  await page.getByRole("button", { name: "Resume time" }).click();
  await expect.poll(() => clock.textContent(), { timeout: 5000 }).not.toBe(paused);
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await expect(page.getByRole("combobox", { name: "Speed" })).toHaveValue("10");
});

test("a lesson's Run button types its command into the terminal", async ({ page }) => {
  await page.goto("lessons/stateless-vs-stateful/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const run = page.getByRole("button", { name: "Run in the terminal: kubectl get nodes" });
  // Reaching for a Run button (here by keyboard) starts the engine before the click.
  await run.focus();
  await expect(page.locator("[data-status]")).toHaveText("Cluster ready");
  await run.click();
  await expect.poll(() => terminalText(page)).toContain("$ kubectl get nodes");
  await expect.poll(() => terminalText(page)).toMatch(/kind-control-plane\s+Ready/);
});
