import { expect, type Page } from "@playwright/test";

/**
 * Search as a learner uses it, on a lesson page: Pagefind's UI is not on the page until search is
 * opened (it costs 26 KB of the page's JavaScript budget), then the button and Ctrl-K open it,
 * keys typed while it loads are kept, and a query finds the lesson on headless Services.
 */
export async function searchForHeadless(page: Page): Promise<void> {
  const uiRequests: string[] = [];
  page.on("request", (request) => {
    if (/\/pagefind\//.test(request.url())) uiRequests.push(request.url());
  });
  await page.goto("lessons/statefulsets/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  // Give the page the idle time in which Starlight used to load the search UI.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await expect(page.locator("#starlight__search")).toBeEmpty();
  expect(uiRequests).toEqual([]);

  const button = page.getByRole("button", { name: /^Search (Ctrl|⌘) K$/ });
  await button.click();
  const dialog = page.getByRole("dialog", { name: "Search" });
  await expect(dialog).toBeVisible();
  // Typed at once, before the field exists: nothing may be lost.
  await page.keyboard.type("headless");
  const field = dialog.getByRole("searchbox").or(dialog.locator("input")).first();
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("headless");
  const result = dialog.locator(".pagefind-ui__result-link").first();
  await expect(result).toBeVisible({ timeout: 15_000 });
  await expect(dialog.locator(".pagefind-ui__result-link")).toContainText([/Headless/i]);

  // Escape closes (Pagefind's field clears itself on Escape); Ctrl-K opens again, field focused.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.keyboard.press("Control+k");
  await expect(dialog).toBeVisible();
  await expect(field).toBeFocused();
  await page.keyboard.type("headless");
  await result.click();
  await expect(page).toHaveURL(/\/lessons\/headless-services-dns\//);
}
