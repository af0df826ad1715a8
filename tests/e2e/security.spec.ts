import { expect, type Page, test } from "@playwright/test";

// Monaco and the engine share two cores with the other tests.
test.describe.configure({ timeout: 90_000 });
// The service worker is part of what must stay inside the policy and the origin.
test.use({ serviceWorkers: "allow" });

/** Every kind of page the site has: landing, a lesson, the playground, a guide, search results. */
const PAGES = ["", "lessons/statefulsets/", "playground/", "cheat-sheet/", "instructor-guide/"];

/**
 * Collects what would make the page unsafe or not self-contained: CSP violations (reported by the
 * browser as `securitypolicyviolation` events and console errors) and any request that leaves the
 * page's own origin. Requests to other origins are aborted, so a test also proves the page works
 * without them.
 */
async function watchPage(page: Page, origin: string) {
  const problems: string[] = [];
  await page.route(
    (url) => url.origin !== origin && url.protocol !== "data:" && url.protocol !== "blob:",
    (route) => {
      problems.push(`request to another origin: ${route.request().url()}`);
      return route.abort();
    },
  );
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|CSP violation/i.test(msg.text())) {
      problems.push(msg.text());
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

const originOf = (baseURL: string | undefined) => new URL(baseURL ?? "http://127.0.0.1/").origin;

for (const path of PAGES) {
  test(`/${path} carries a strict Content-Security-Policy and breaks none of it`, async ({
    page,
    baseURL,
  }) => {
    const problems = await watchPage(page, originOf(baseURL));
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content");
    expect(policy).toBeTruthy();
    const directives = new Map(
      (policy ?? "")
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name, values] as const),
    );
    // Scripts: our own files and hashed inline ones only — no 'unsafe-inline', no eval.
    const scriptSrc = directives.get("script-src") ?? [];
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc.filter((s) => !s.startsWith("'sha256-")).sort()).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("worker-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });
}

test("the sandbox, its editor, cluster view and search stay inside the policy and the origin", async ({
  page,
  baseURL,
}) => {
  const problems = await watchPage(page, originOf(baseURL));
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator(".xterm").click();
  await page.keyboard.type("kubectl create deployment web --image=nginx:1.27 --replicas=2\n");
  await expect.poll(() => page.locator(".xterm-rows").textContent()).toContain("deployment.apps/web created");
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await page.locator("[data-editor-ready]").waitFor({ timeout: 30_000 });
  // Monaco's language workers and the YAML schema are part of the editor: give them time to start.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.type("kind: Pod\n");
  await page.waitForLoadState("networkidle");
  // Pagefind loads its index and scripts on first search.
  await page
    .getByRole("button", { name: /search/i })
    .first()
    .click();
  await page.keyboard.type("StatefulSet");
  await expect(page.locator(".pagefind-ui__result").first()).toBeVisible({ timeout: 15_000 });
  expect(problems).toEqual([]);
});
