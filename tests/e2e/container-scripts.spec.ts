import { expect, test } from "@playwright/test";
import { typeCommand } from "./lesson-helpers.ts";

test.describe.configure({ timeout: 120_000 });

// A container's script runs in the browser's engine worker on the cluster's clock as it ticks:
// its lines arrive in `kubectl logs` and its volume file grows while the learner watches.
test("a writer pod's script appends as time passes, in logs and in its volume", async ({ page }) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await typeCommand(
    page,
    `kubectl run writer --image=busybox:1.37 -- sh -c 'i=0; while true; do i=$((i+1)); echo "line $i" >> /tmp/f; echo "wrote $i"; sleep 2; done'`,
  );
  await typeCommand(page, "kubectl wait --for=condition=Ready pod/writer --timeout=60s");
  const rows = page.locator(".xterm-rows");
  await expect.poll(() => rows.textContent(), { timeout: 60_000 }).toContain("condition met");
  await typeCommand(page, "sleep 7; kubectl logs writer | tail -n 1");
  await expect.poll(() => rows.textContent(), { timeout: 60_000 }).toMatch(/wrote ([4-9]|\d\d)\b/);
  // Rows' text runs together: the count follows the command line directly.
  await typeCommand(page, "kubectl exec writer -- wc -l /tmp/f");
  await expect
    .poll(() => rows.textContent(), { timeout: 30_000 })
    .toMatch(/wc -l \/tmp\/f([4-9]|\d\d+) \/tmp\/f/);
});
