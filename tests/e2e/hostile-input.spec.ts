import { expect, type Page, test } from "@playwright/test";

// The engine shares two cores with the other tests.
test.describe.configure({ timeout: 90_000 });

/** The terminal's visible text, row by row. */
async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

async function run(page: Page, line: string, expected: string): Promise<void> {
  await page.keyboard.type(`${line}\n`);
  await expect.poll(() => terminalText(page)).toContain(expected);
}

const HOSTILE = "<img src=x onerror=window.__pwned=1>";

test("hostile bytes in files, annotations and names are shown literally and run nothing", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const title = await page.title();
  await page.locator(".xterm").click();

  // A file holding SGR red, an OSC title, an OSC 52 clipboard write and an OSC 8 hyperlink.
  await run(
    page,
    "printf '\\033[31mRED\\033]0;pwned\\007\\033]52;c;aGk=\\007\\033]8;;http://x/\\033\\\\link\\n' > evil.txt",
    "$ printf",
  );
  await run(page, "cat evil.txt", "^[[31mRED^[]0;pwned^G^[]52;c;aGk=^G^[]8;;http://x/^[\\link");
  // Nothing was restyled: xterm's DOM rows carry no red foreground, no hyperlink, and the title stands.
  await expect(page.locator(".xterm-rows .xterm-fg-1, .xterm-rows .xterm-fg-9")).toHaveCount(0);
  await expect(page.locator(".xterm-rows a, .xterm-rows [class*='xterm-underline']")).toHaveCount(0);
  expect(await page.title()).toBe(title);

  // Names cannot hold HTML: the API server refuses them as real Kubernetes does.
  await run(page, `kubectl create configmap '${HOSTILE}'`, "metadata.name: Invalid value");
  // Annotations can: printed literally.
  await run(page, "kubectl create configmap notes", "configmap/notes created");
  await run(page, `kubectl annotate configmap notes note='${HOSTILE}'`, "configmap/notes annotated");
  await run(page, "kubectl describe configmap notes", `note: ${HOSTILE}`);

  // A file whose name is HTML gets a tab labelled with that text, as text.
  await run(page, `touch '${HOSTILE}.yaml' && ls`, `${HOSTILE}.yaml`);
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await expect(page.getByRole("tab", { name: `${HOSTILE}.yaml` })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("[data-sandbox] img")).toHaveCount(0);

  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});
