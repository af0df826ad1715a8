import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["", "lessons/stateless-vs-stateful/", "playground/"];

for (const path of PAGES) {
  for (const theme of ["dark", "light"] as const) {
    test(`axe finds no serious or critical violation on /${path} (${theme})`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      await page.goto(path);
      if (path !== "") await page.locator("[data-sandbox][data-ready]").waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      ).toEqual([]);
    });
  }
}

test("the sandbox can be reached and used with the keyboard alone", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const editor = page.getByRole("button", { name: "Editor", exact: true });
  // Tab until the Editor control has focus, then open it with the keyboard.
  for (let i = 0; i < 40 && !(await editor.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(editor).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(editor).toHaveAttribute("aria-expanded", "true");
});

test("Escape then Tab leaves the terminal; plain Tab stays in it", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const input = page.locator(".xterm-helper-textarea");
  await page.locator(".xterm").click();
  await expect(input).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(input).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(input).not.toBeFocused();
});
