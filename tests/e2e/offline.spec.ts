import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { SUB_PATH } from "../../playwright.config.ts";
import { typeCommand } from "./lesson-helpers.ts";

/*
 * After one visit, the whole site works with the network off (issue 7, "Offline").
 *
 * Each test serves a build from a static server of its own, visits one lesson while online, waits
 * for the service worker to control the page and then STOPS THAT SERVER and sets the browser
 * context offline: nothing the site needs can come from the network any more, whatever path a
 * request takes (Playwright's offline mode alone does not cover a service worker's own fetches).
 */

// Monaco, Pagefind and two sandboxes share two cores with the other tests.
test.describe.configure({ timeout: 180_000 });
test.use({ serviceWorkers: "allow" });

const BUILDS = [
  { name: "at the root", dist: process.env.E2E_DIST ?? "dist", base: "/" },
  { name: "under a sub-path", dist: process.env.E2E_DIST_SUBPATH ?? "dist-subpath", base: SUB_PATH },
];

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The build served by the project's static server; `stop()` takes the site off the network. */
async function serve(dist: string, base: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ["tests/e2e/static-server.mjs", dist, String(port), base],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await once(server.stdout!, "data");
  return {
    url: `http://127.0.0.1:${port}${base}`,
    stop: async () => {
      if (server.exitCode !== null) return;
      server.kill();
      await once(server, "exit");
    },
  };
}

const terminal = (page: Page) => page.locator(".xterm-rows");
const sidebar = (page: Page) => page.locator("#starlight__sidebar");
const sandboxReady = (page: Page) => page.locator("[data-sandbox][data-ready]").waitFor({ timeout: 60_000 });

for (const build of BUILDS) {
  test(`${build.name}: after one visit, every lesson, the editor, search and the playground work offline`, async ({
    page,
    context,
  }) => {
    const site = await serve(build.dist, build.base);
    try {
      // One visit, online: the first lesson only, where the learner runs a command. The offline
      // cache fills once the cluster is up (see the test below).
      await page.goto(`${site.url}lessons/stateless-vs-stateful/`);
      await sandboxReady(page);
      await typeCommand(page, "kubectl get nodes");
      await expect(terminal(page)).toContainText("kind-control-plane");
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, {
        timeout: 60_000,
      });
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(site.url);
    } finally {
      await site.stop();
    }
    await context.setOffline(true);
    // sw.js is the one file the worker does not serve itself: proof that the network is gone.
    const probe = `${site.url}sw.js`;
    expect(
      await page.evaluate(
        (url) =>
          fetch(url).then(
            () => "network",
            () => "no network",
          ),
        probe,
      ),
    ).toBe("no network");

    // Another lesson, reached through the sidebar: its page, sandbox and engine come from the cache.
    await sidebar(page)
      .getByRole("link", { name: /StatefulSets: ordered, sticky identity/ })
      .click();
    await expect(page).toHaveURL(`${site.url}lessons/statefulsets/`);
    await sandboxReady(page);
    await typeCommand(page, "kubectl get pods");
    await expect(terminal(page)).toContainText("No resources found in default namespace.");

    // The editor (Monaco, monaco-yaml's worker, the Kubernetes schema) marks a schema error.
    await typeCommand(
      page,
      [
        "cat > web.yaml <<'EOF'",
        "apiVersion: apps/v1",
        "kind: StatefulSet",
        "metadata:",
        "  name: web",
        "spec:",
      ]
        .concat(['  replicas: "three"', "EOF"])
        .join("\n"),
    );
    await expect(terminal(page)).toContainText("> EOF");
    await page.getByRole("button", { name: "Editor", exact: true }).click();
    await page.locator("[data-editor-ready]").waitFor({ timeout: 60_000 });
    await page.getByRole("tab", { name: /web\.yaml/ }).click();
    await expect(page.locator(".monaco-editor .view-lines")).toContainText('replicas: "three"');
    await expect(page.locator(".monaco-editor .squiggly-warning").first()).toBeVisible({ timeout: 20_000 });

    // Search (Pagefind's script, index, fragments and WebAssembly) finds a lesson and opens it.
    await page
      .getByRole("button", { name: /search/i })
      .first()
      .click();
    await page.keyboard.type("headless");
    const result = page.locator(".pagefind-ui__result-link", { hasText: /Headless Services/ }).first();
    await expect(result).toBeVisible({ timeout: 30_000 });
    await result.click();
    await expect(page).toHaveURL(new RegExp(`${build.base}lessons/headless-services-dns/`));
    await expect(page.locator("h1")).toContainText("Headless Services");

    // The playground, through the sidebar.
    await sidebar(page).getByRole("link", { name: "Playground", exact: true }).click();
    await expect(page).toHaveURL(`${site.url}playground/`);
    await sandboxReady(page);
    await typeCommand(page, "kubectl get nodes");
    await expect(terminal(page)).toContainText("kind-control-plane");

    // A URL without its trailing slash, with a query and a fragment, still finds its page.
    const storage = await page.goto(`${site.url}lessons/storage?from=offline#tasks`);
    expect(storage?.fromServiceWorker()).toBe(true);
    await expect(page.locator("h1")).toContainText("Storage");

    // A page the site does not have gets the site's own 404 page.
    const missing = await page.goto(`${site.url}lessons/no-such-lesson/`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByText("Page not found.")).toBeVisible();
  });
}

test("the offline cache fills once the page's cluster is up, or a minute after the load if the sandbox is not used", async ({
  page,
  browser,
}) => {
  const site = await serve(BUILDS[0]!.dist, BUILDS[0]!.base);
  const registered = (on: Page) =>
    on.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined);
  try {
    // Precaching the whole site must not compete with the engine's start: nothing is registered
    // while the page sits loaded and idle with its cluster not started…
    await page.goto(`${site.url}lessons/statefulsets/`);
    await sandboxReady(page);
    await page.waitForLoadState("load");
    await page.waitForTimeout(2_000);
    expect(await registered(page)).toBe(false);
    // …and the learner's first command brings the cluster up, then the cache.
    await typeCommand(page, "kubectl get pods");
    await expect(terminal(page)).toContainText("No resources found in default namespace.");
    await expect(page.locator("k8s-sandbox")).toHaveAttribute("data-cluster-ready", "");
    await expect.poll(() => registered(page), { timeout: 30_000 }).toBe(true);

    // A reader who never uses the sandbox (a context of its own: no worker registered yet) still
    // gets the site offline, a minute after the load. The page's clock is Playwright's, paused:
    // the page's timers run only as the test moves time on, however slow the machine is.
    const context = await browser.newContext({ serviceWorkers: "allow" });
    const reader = await context.newPage();
    await reader.clock.install();
    await reader.clock.pauseAt(Date.now() + 1_000);
    await reader.goto(`${site.url}playground/`);
    await sandboxReady(reader);
    await reader.waitForLoadState("load");
    await reader.clock.runFor(50_000);
    expect(await registered(reader)).toBe(false);
    // Past the minute, a key every two seconds holds the cache back; three quiet seconds let it fill.
    for (let second = 50; second < 80; second += 2) {
      await reader.keyboard.press("Shift");
      await reader.clock.runFor(2_000);
    }
    expect(await registered(reader)).toBe(false);
    await reader.clock.runFor(4_000);
    await expect.poll(() => registered(reader), { timeout: 30_000 }).toBe(true);
    expect(await reader.locator("k8s-sandbox").getAttribute("data-cluster-ready")).toBeNull();
    await context.close();
  } finally {
    await site.stop();
  }
});
