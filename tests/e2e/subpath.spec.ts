import { expect, test } from "@playwright/test";

// Built with BASE_PATH=/stateful-lab/: every link, asset and the engine worker must load from there.
test("under a sub-path, links, assets and the worker all resolve", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("./");
  await page.getByRole("link", { name: "Start the first lesson" }).click();
  await expect(page).toHaveURL(/\/stateful-lab\/lessons\/stateless-vs-stateful\/$/);
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator(".xterm").click();
  await page.keyboard.type("kubectl version --client\n");
  await expect(page.locator(".xterm-rows")).toContainText("Kustomize Version: v5.7.1");
  await page.getByRole("link", { name: "Playground" }).first().click();
  await expect(page).toHaveURL(/\/stateful-lab\/playground\/$/);
  expect(failed).toEqual([]);
});
