import { test } from "@playwright/test";
import { searchForHeadless } from "./search-helpers.ts";

test("search loads when opened, keeps early keys and finds a lesson", async ({ page }) => {
  await searchForHeadless(page);
});
