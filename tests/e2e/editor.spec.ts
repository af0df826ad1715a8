import { expect, test } from "@playwright/test";

// Monaco, its YAML worker and the engine share two cores with the other tests.
test.describe.configure({ timeout: 90_000 });

test("Monaco loads only when the editor is opened, with YAML highlighting", async ({ page }, testInfo) => {
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto("lessons/stateless-vs-stateful/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.waitForLoadState("networkidle");
  expect(await page.locator(".monaco-editor").count()).toBe(0);
  const beforeOpen = requested.length;
  expect(await page.locator("style[data-monaco]").count()).toBe(0);

  const toggle = page.getByRole("button", { name: "Editor", exact: true });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 15_000 });
  expect(requested.length).toBeGreaterThan(beforeOpen);
  // YAML tokens are coloured: keys and values get different token classes.
  await expect(page.locator(".monaco-editor .view-line").first()).toBeVisible();
  const tokenClasses = () =>
    page
      .locator(".monaco-editor .view-line span span")
      .evaluateAll((spans) => [...new Set(spans.map((s) => s.className))].filter(Boolean).length);
  // The YAML tokenizer loads with the language, a moment after the text is shown.
  await expect.poll(tokenClasses).toBeGreaterThan(2);
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("kind: Service");
  await page.screenshot({ path: testInfo.outputPath("lesson-editor-open.png") });
});

test("the editor shares files with the shell, and Apply runs kubectl apply in the terminal", async ({
  page,
}) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator(".xterm").click();
  await page.keyboard.type("cat > svc.yaml <<'EOF'\n");
  await page.keyboard.type(
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n",
  );
  await page.keyboard.type("  selector:\n    app: nginx\n  ports:\n  - port: 80\nEOF\n");
  await expect(page.locator(".xterm-rows")).toContainText("> EOF");

  await page.getByRole("button", { name: "Editor", exact: true }).click();
  const svc = page.getByRole("tab", { name: "svc.yaml" });
  await expect(svc).toHaveAttribute("aria-selected", "true", { timeout: 15_000 });
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("clusterIP: None");

  // An edit in the editor is what the shell sees, and Apply runs it, visibly, in the terminal.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n# edited in the editor");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator(".xterm-rows")).toContainText("$ kubectl apply -f svc.yaml");
  await expect(page.locator(".xterm-rows")).toContainText("service/nginx created");
  await page.locator(".xterm").click();
  await page.keyboard.type("tail -1 svc.yaml\n");
  await expect(page.locator(".xterm-rows")).toContainText("# edited in the editor");
});
