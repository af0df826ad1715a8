import { expect, type Page, test } from "@playwright/test";

// Monaco, its YAML worker and the engine share two cores with the other tests.
test.describe.configure({ timeout: 90_000 });

/** The URLs of the scripts the page and its workers fetch from now on. */
function scriptsFetched(page: Page): string[] {
  const urls: string[] = [];
  page.context().on("request", (request) => {
    if (/\.m?js$/.test(new URL(request.url()).pathname)) urls.push(request.url());
  });
  return urls;
}

const editorChunk = (urls: string[]) => urls.find((url) => /\/yaml-editor\.[^/]*\.js$/.test(url));

test("pointing at the Editor button starts loading Monaco; the editor opens only on the click", async ({
  page,
}) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.waitForLoadState("networkidle");
  const fetched = scriptsFetched(page);
  const toggle = page.getByRole("button", { name: "Editor", exact: true });
  expect(editorChunk(fetched)).toBeUndefined();

  await toggle.hover();
  await expect.poll(() => editorChunk(fetched)).toBeDefined();
  // Loaded, not opened: the panel stays closed and nothing of the editor is drawn.
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator(".monaco-editor")).toHaveCount(0);

  await toggle.click();
  await page.locator("[data-editor-ready]").waitFor({ timeout: 15_000 });
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("apiVersion:");
  // Fetched once, whether by the pointer or the click.
  expect(fetched.filter((url) => /\/yaml-editor\./.test(url))).toHaveLength(1);
});

test("focusing the Editor button from the keyboard starts loading Monaco too", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.waitForLoadState("networkidle");
  const fetched = scriptsFetched(page);
  await page.getByRole("button", { name: "Editor", exact: true }).focus();
  await expect.poll(() => editorChunk(fetched)).toBeDefined();
  await expect(page.locator(".monaco-editor")).toHaveCount(0);
});

test("the Kubernetes schema travels in the YAML worker only, and Prettier nowhere", async ({
  page,
  request,
}) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const fetched = scriptsFetched(page);
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await page.locator("[data-editor-ready]").waitFor({ timeout: 15_000 });
  // The worker starts with the first file and validates it against the schema: a marker shows it.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: 3\n");
  await expect(page.locator(".monaco-editor .squiggly-warning").first()).toBeVisible({ timeout: 20_000 });

  const worker = fetched.find((url) => /\/yaml\.worker-[^/]*\.js$/.test(url));
  const chunk = editorChunk(fetched);
  expect(worker, "the YAML worker was fetched").toBeDefined();
  expect(chunk, "the editor chunk was fetched").toBeDefined();
  const text = async (url: string | undefined) => (await request.get(url!)).text();
  // A description only the schema carries (PersistentVolumeClaimSpec.storageClassName).
  const marker = "storageClassName is the name of the StorageClass required by the claim";
  expect(await text(worker)).toContain(marker);
  expect(await text(chunk)).not.toContain(marker);
  for (const url of fetched.filter((u) => /\/(yaml-editor\.|yaml\.worker-)/.test(u)))
    expect(await text(url)).not.toMatch(/prettier/i);
});

test("Monaco's stylesheet comes in a chunk of its own, once, and only with the editor", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.waitForLoadState("networkidle");
  const fetched = scriptsFetched(page);
  expect(await page.locator("style[data-monaco]").count()).toBe(0);
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await page.locator("[data-editor-ready]").waitFor({ timeout: 15_000 });
  // One stylesheet with all of Monaco's rules, the codicon font's URL resolved beside it.
  await expect(page.locator("style[data-monaco]")).toHaveCount(1);
  const css = await page.locator("style[data-monaco]").textContent();
  expect(css).toContain(".monaco-editor");
  expect(css).toMatch(/url\("[^"]*\/_astro\/codicon\.[^"]*\.ttf"\)/);
  expect(fetched.filter((url) => /\/editor-preload\./.test(url))).toHaveLength(1);
  // The editor's own chunk carries none of it (each of Monaco's stylesheets starts with its licence).
  const chunk = await (await page.request.get(editorChunk(fetched)!)).text();
  expect(css).toContain("Copyright (c) Microsoft Corporation");
  expect(chunk.includes("Copyright (c) Microsoft Corporation"), "Monaco's CSS in the editor chunk").toBe(
    false,
  );
});

test("ready means the first file is drawn and takes keys", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  // What the editor shows at the very moment it says it is ready.
  const atReady = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        new MutationObserver((_, observer) => {
          const editor = document.querySelector("[data-editor-ready]");
          if (!editor) return;
          observer.disconnect();
          // Monaco draws spaces as no-break spaces.
          resolve((editor.querySelector(".view-lines")?.textContent ?? "").replaceAll("\u00a0", " "));
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-editor-ready"] });
      }),
  );
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  expect(await atReady).toContain("kind: Service");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("# typed at once\n");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("# typed at once");
});

test("a file the shell changes while Monaco loads is shown as changed, and a new one gets its tab", async ({
  page,
}) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const run = (command: string) =>
    page.evaluate(
      (text) => (document.querySelector("k8s-sandbox") as HTMLElement & { run(t: string): void }).run(text),
      command,
    );
  await run("echo 'before: 1' > a.yaml");
  await expect(page.locator(".xterm-rows")).toContainText("$ echo 'before: 1' > a.yaml");
  // The editor's files are read as soon as it starts loading; these land while Monaco loads, before
  // or after that read (the editor must catch up in every case).
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await run("echo 'after: 2' > a.yaml; echo 'late: 3' > late.yaml");
  await page.locator("[data-editor-ready]").waitFor({ timeout: 15_000 });
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("after: 2");
  await page.getByRole("tab", { name: "late.yaml" }).click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("late: 3");
});
