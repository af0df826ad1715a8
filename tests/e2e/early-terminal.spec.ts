import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";

/**
 * The early terminal: the banner and prompt are in the page's HTML, and the terminal takes keys
 * from the first paint, before xterm and the sandbox's module have loaded. Here the sandbox's
 * scripts are held back while the learner types, then let through: what was typed must run in
 * the real terminal exactly as if it had been typed there, with focus following.
 */

test.slow();

/** Holds every request for the page's own scripts until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_astro\/.*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

test("keys typed before xterm has loaded run in the terminal once it has", async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto("playground/", { waitUntil: "commit" });
  const sandbox = page.locator("[data-sandbox]");
  // Ready, with the banner and prompt on screen, while no script of the page has loaded.
  await expect(sandbox).toHaveAttribute("data-ready", "");
  await expect(sandbox.locator("[data-status]")).toHaveText("Ready");
  await expect(page.locator(".xterm")).toHaveCount(0);
  const early = sandbox.locator("[data-early-terminal]");
  await expect(early).toContainText("Stateful Lab — a Kubernetes 1.34 cluster running in your browser.");

  // A learner clicks the terminal and types: a mistake rubbed out, a command, a pasted second one.
  await early.click();
  await expect(page.getByRole("textbox", { name: "Terminal input" })).toBeFocused();
  await page.keyboard.type("kubectl get nodse");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("es");
  await page.keyboard.press("Enter");
  await page.keyboard.type("echo one");
  await page.keyboard.press("Enter");
  // A paste of two lines, as a browser delivers it: it runs line by line, as in xterm.
  await page.getByRole("textbox", { name: "Terminal input" }).evaluate((input) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", "echo pasted-1\necho pasted-2\n");
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  });
  // The tty-like echo shows what was typed, Backspace applied.
  await expect(early).toContainText("$ kubectl get nodes\necho one\necho pasted-1\necho pasted-2");

  release();
  await expect(early).toHaveCount(0);
  await expect(page.locator(".xterm-helper-textarea")).toBeFocused();
  await expect
    .poll(() => terminalText(page), { timeout: 60_000 })
    .toMatch(
      /\$ kubectl get nodes\nNAME\s+STATUS[^$]*kind-control-plane\s+Ready[^$]*\n\$ echo one\none\n\$ echo pasted-1\npasted-1\n\$ echo pasted-2\npasted-2\n\$\s*$/,
    );
  // Typing goes on in xterm itself.
  await page.keyboard.type("echo two\n");
  await expect.poll(() => terminalText(page)).toMatch(/\$ echo two\ntwo\n\$\s*$/);
});

test("Escape then Tab leaves the early terminal; Tab alone stays in it, as in xterm; axe finds nothing serious", async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto("playground/", { waitUntil: "commit" });
  const input = page.getByRole("textbox", { name: "Terminal input" });
  await expect(input).toBeVisible();
  expect(await seriousViolations(page, { include: "[data-terminal]" })).toEqual([]);
  await input.focus();
  await page.keyboard.press("Tab");
  await expect(input).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(input).not.toBeFocused();
  release();
  await expect(page.locator("[data-early-terminal]")).toHaveCount(0);
  // The learner had left: xterm does not take focus back.
  await expect(page.locator(".xterm-helper-textarea")).not.toBeFocused();
});

test("focusing the early terminal starts the engine while xterm is still loading", async ({ page }) => {
  // Only xterm's chunk is held: the sandbox's module runs and finds the early terminal in use.
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_astro\/create-terminal\.[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("playground/", { waitUntil: "commit" });
  const engine = page.waitForEvent("worker");
  await page.getByRole("textbox", { name: "Terminal input" }).click();
  expect((await engine).url()).toMatch(/\/_astro\/worker-[^/]*\.js$/);
  await expect(page.locator(".xterm")).toHaveCount(0);
  release();
  await expect(page.locator("[data-early-terminal]")).toHaveCount(0);
  await expect(page.locator("[data-status]")).toHaveText("Cluster ready");
});

/**
 * Serves the site's pages through a local proxy that sends `path`'s HTML up to the end of its
 * sandbox, then the rest only when the returned `release` is called: a lesson whose text is still
 * on its way. Everything else is passed through from the site's server, so the page keeps one origin.
 */
async function holdLessonText(
  site: string,
  path: string,
): Promise<{ url: string; release: () => void; close: () => void }> {
  const { createServer } = await import("node:http");
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = createServer(async (req, res) => {
    const upstream = await fetch(new URL(req.url ?? "/", site));
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "" });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (req.url !== path) return res.end(body);
    const cut = body.indexOf("</aside>") + "</aside>".length;
    res.write(body.subarray(0, cut));
    await released;
    res.end(body.subarray(cut));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}${path}`, release, close: () => server.close() };
}

test("on a lesson the terminal takes keys before the text has arrived; the text then comes first, focus kept", async ({
  page,
}, testInfo) => {
  const site = new URL("lessons/statefulsets/", testInfo.project.use.baseURL);
  const held = await holdLessonText(site.origin, site.pathname);
  try {
    await page.goto(held.url, { waitUntil: "commit" });
    const sandbox = page.locator("[data-sandbox]");
    await expect(sandbox).toHaveAttribute("data-ready", "");
    await expect(page.locator(".lesson-text")).toHaveCount(0);
    const input = page.getByRole("textbox", { name: "Terminal input" });
    await input.click();
    await page.keyboard.type("echo typed-while-loading");

    held.release();
    // In reading and focus order the sandbox follows the lesson's text, as a learner tabs through it.
    await expect
      .poll(
        () =>
          page
            .locator(".lesson > :not(script)")
            .evaluateAll((els) => els.map((el) => el.className.split(" ")[0])),
        { timeout: 20_000 },
      )
      .toEqual(["lesson-text", "lesson-sandbox"]);
    await expect(page.locator(".lesson-text lesson-quiz")).toHaveCount(1);
    // Moving the sandbox did not take the learner's focus or keys away.
    await page.keyboard.press("Enter");
    // xterm takes over once the page's modules have run: seconds on a loaded machine.
    await expect(page.locator(".xterm-helper-textarea")).toBeFocused({ timeout: 20_000 });
    await expect
      .poll(() => terminalText(page), { timeout: 60_000 })
      .toMatch(/\$ echo typed-while-loading\ntyped-while-loading\n\$\s*$/);
  } finally {
    held.close();
  }
});
