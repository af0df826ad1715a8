import { expect, test } from "@playwright/test";

test("Monaco loads only when the editor is opened, with YAML highlighting", async ({ page }, testInfo) => {
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto("lessons/stateless-vs-stateful/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.waitForLoadState("networkidle");
  expect(await page.locator(".monaco-editor").count()).toBe(0);
  const beforeOpen = requested.length;
  expect(await page.locator("style[data-monaco]").count()).toBe(0);

  const toggle = page.getByRole("button", { name: "Editor" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 15_000 });
  expect(requested.length).toBeGreaterThan(beforeOpen);
  // YAML tokens are coloured: keys and values get different token classes.
  await expect(page.locator(".monaco-editor .view-line").first()).toBeVisible();
  const tokenClasses = await page
    .locator(".monaco-editor .view-line span span")
    .evaluateAll((spans) => [...new Set(spans.map((s) => s.className))].filter(Boolean));
  expect(tokenClasses.length).toBeGreaterThan(2);
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("kind: Service");
  await page.screenshot({ path: testInfo.outputPath("lesson-editor-open.png") });
});
