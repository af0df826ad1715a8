import { expect, test } from "@playwright/test";
import { searchForHeadless } from "./search-helpers.ts";

test("search loads when opened, keeps early keys and finds a lesson", async ({ page }) => {
  await searchForHeadless(page);
});

test("the sandbox's own words (its buttons, banner and dialogs, on every lesson) do not make every page a result", async ({
  page,
}) => {
  await page.goto("lessons/statefulsets/");
  await page.getByRole("button", { name: /^Search (Ctrl|⌘) K$/ }).click();
  const dialog = page.getByRole("dialog", { name: "Search" });
  // "Tab completes" is in the sandbox's keyboard help on every lesson and the playground; one
  // lesson's text has "complete" (Pagefind stems): that lesson is the only result.
  await page.keyboard.type("completes");
  const results = dialog.locator(
    ".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link",
  );
  await expect(dialog.getByText("1 result for completes")).toBeVisible({ timeout: 15_000 });
  await expect(results).toHaveText(["Scaling and updates"]);
});
