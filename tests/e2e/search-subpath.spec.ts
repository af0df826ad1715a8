import { test } from "@playwright/test";
import { searchForHeadless } from "./search-helpers.ts";

// Built with BASE_PATH=/stateful-lab/: the search UI and Pagefind's index load from there.
test("under a sub-path, search loads when opened and finds a lesson", async ({ page }) => {
  await searchForHeadless(page);
});
