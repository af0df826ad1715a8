/**
 * A fresh sandbox starts from the build's boot snapshot of its scenario (src/vite/boot-snapshots.mjs),
 * moved to the page's start time: the page fetches that scenario's snapshot and no other while the
 * engine worker starts, and the cluster it shows is five minutes old now, not on the day the site
 * was built.
 */
import { expect, type Page, test } from "@playwright/test";
import { expectTicked, openLesson, task, typeCommand } from "./lesson-helpers.ts";

async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

/** The boot snapshot chunks the page (its engine worker included) fetches: `_virtual_boot-<scenario>.<hash>.js`. */
function snapshotsFetched(page: Page): string[] {
  const fetched: string[] = [];
  page.context().on("request", (request) => {
    const file = new URL(request.url()).pathname.split("/").pop() ?? "";
    if (file.startsWith("_virtual_boot-")) fetched.push(file);
  });
  return fetched;
}

test("a lesson's sandbox starts from its scenario's boot snapshot, moved to the page's time", async ({
  page,
}) => {
  const fetched = snapshotsFetched(page);
  await page.goto("lessons/scaling-and-updates/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const year = new Date().getUTCFullYear();
  await typeCommand(page, "kubectl get pods");
  await expect.poll(() => terminalText(page)).toMatch(/web-2\s+1\/1\s+Running\s+0\s+\d+m/);
  // The StatefulSet's pods were made during the cluster's five minutes of boot: minutes old, now.
  expect(await terminalText(page)).toMatch(/web-0\s+1\/1\s+Running\s+0\s+[45]m\d*s?\s/);
  await typeCommand(page, "date; kubectl get events -A -o jsonpath='{.items[0].lastTimestamp}'; echo");
  await expect.poll(() => terminalText(page)).toMatch(new RegExp(`UTC ${year}\\s+${year}-\\d\\d-\\d\\dT`));
  expect(fetched).toEqual([expect.stringMatching(/^_virtual_boot-web-statefulset\./)]);
});

test("Start from here replays the earlier solutions on the boot snapshot of the lesson's scenario", async ({
  page,
}) => {
  const fetched = snapshotsFetched(page);
  await openLesson(page, "statefulsets");
  page.once("dialog", (dialog) => void dialog.accept());
  await task(page, "headless")
    .getByRole("button", { name: /Start from here/ })
    .click();
  await expectTicked(page, "create");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeCommand(page, "kubectl get nodes");
  await expect.poll(() => terminalText(page)).toMatch(/kind-control-plane\s+Ready\s+control-plane\s+\d+m/);
  // The page's first sandbox and the checkpoint's both start from the default scenario's snapshot.
  expect(fetched.length).toBeGreaterThan(0);
  expect(fetched.every((f) => f.startsWith("_virtual_boot-default."))).toBe(true);
});

test("a boot snapshot that cannot be fetched leaves the cluster to boot in the browser, the same cluster", async ({
  page,
}) => {
  const fetched = snapshotsFetched(page);
  await page.route(/_virtual_boot-/, (route) => route.abort("connectionfailed"));
  await page.goto("lessons/scaling-and-updates/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await typeCommand(page, "kubectl get pods");
  // Booted live: the scenario's StatefulSet, made during the boot's five minutes, is there all the same.
  await expect.poll(() => terminalText(page)).toMatch(/web-2\s+1\/1\s+Running\s+0\s+\d+m/);
  expect(await terminalText(page)).toMatch(/web-0\s+1\/1\s+Running\s+0\s+[45]m\d*s?\s/);
  expect(fetched).toEqual([expect.stringMatching(/^_virtual_boot-web-statefulset\./)]);
});
