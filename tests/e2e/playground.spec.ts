import { expect, test } from "@playwright/test";

test.describe.configure({ timeout: 90_000 });

test("an example manifest opens in the editor and applies from there", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.getByRole("button", { name: "Open in editor: web-statefulset.yaml" }).click();
  await page.locator("[data-editor-ready]").waitFor({ timeout: 30_000 });
  await expect(page.getByRole("tab", { name: "web-statefulset.yaml" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("clusterIP: None");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect
    .poll(() => page.locator(".xterm-rows").textContent(), { timeout: 30_000 })
    .toContain("statefulset.apps/web created");
  expect(await page.locator(".xterm-rows").textContent()).toContain("service/nginx created");
});
