import { expect, type Locator, type Page, test } from "@playwright/test";
import { lessonData } from "./lesson-helpers.ts";

/**
 * A whole lesson with the keyboard alone (issue 7, "Accessibility"): only page.keyboard from page
 * load on, no clicks and no element.focus(). Each control reached is checked for a visible focus
 * indicator (an outline or a box-shadow in its computed style). The terminal and the editor take
 * their keys through hidden text areas, so their ring is on the panel around them.
 */

const SLUG = "stateless-vs-stateful";

// One long walk through a loaded machine's worker, Monaco included: about a minute and a half
// beside CI's other workers, more when the machine is busier.
test.describe.configure({ timeout: 180_000 });

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/** Presses Tab (or Shift-Tab) until `target` has focus, as a learner would. */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<void> {
  for (let i = 0; i < max && !(await isFocused(target)); i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  expect(await isFocused(target), `focus should reach ${target}`).toBe(true);
}

/**
 * The element shows that it has focus: a non-empty outline or box-shadow on it, or on a layer
 * it draws above its content (::after, where the editor's ring sits over Monaco).
 */
async function expectVisibleFocus(ring: Locator): Promise<void> {
  const styles = await ring.evaluate((el) =>
    [getComputedStyle(el), getComputedStyle(el, "::after")].map((css) => ({
      outline: `${css.outlineStyle} ${css.outlineWidth}`,
      shadow: css.boxShadow,
    })),
  );
  const visible = styles.some(
    ({ outline, shadow }) =>
      (!outline.startsWith("none") && Number.parseFloat(outline.split(" ")[1]!) > 0) || shadow !== "none",
  );
  expect(visible, `${ring} shows focus (${JSON.stringify(styles)})`).toBe(true);
}

async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

/** The screen's text with the terminal's line wrapping undone (a narrow panel wraps long lines). */
async function screenText(page: Page): Promise<string> {
  return (await terminalText(page)).replace(/\n/g, "");
}

test("a learner does lesson 1 and uses the whole sandbox with the keyboard alone", async ({ page }) => {
  const { tasks, quiz } = lessonData(SLUG);
  await page.goto(`lessons/${SLUG}/`);
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const terminal = page.locator("[data-terminal]");
  const terminalInput = page.locator(".xterm-helper-textarea");

  // The lesson's first Run button, from the top of the page.
  const firstRun = page.locator(".lesson-text .run-command").first();
  await tabTo(page, firstRun);
  await expectVisibleFocus(firstRun);
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toContain("Server Version");
  await expect(page.locator(`lesson-checklist [data-task-id="${tasks[0]!.id}"]`)).toHaveAttribute(
    "data-done",
    "true",
  );

  // On into the terminal; type the next task's command there, with Tab completing the verb.
  await tabTo(page, terminalInput);
  await expectVisibleFocus(terminal);
  await page.keyboard.type("kubectl ge");
  await page.keyboard.press("Tab");
  await page.keyboard.type("nodes");
  await page.keyboard.press("Enter");
  await expect
    .poll(() => terminalText(page))
    .toMatch(/\$ kubectl get nodes\n[^$]*\nkind-control-plane\s+Ready/);
  await expect(page.locator(`lesson-checklist [data-task-id="${tasks[1]!.id}"]`)).toHaveAttribute(
    "data-done",
    "true",
  );
  // Plain Tab stays (it completes); Escape then Tab is the documented way out.
  await page.keyboard.press("Tab");
  await expect(terminalInput).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(terminalInput).not.toBeFocused();
  await expectVisibleFocus(page.locator(":focus"));

  // Back up the page (Shift-Tab re-enters the terminal; Escape, Shift-Tab leaves it again) to the
  // checklist: open the first task's hint and solution and run the solution.
  await page.keyboard.press("Shift+Tab");
  await expect(terminalInput).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  const firstTask = page.locator(`lesson-checklist [data-task-id="${tasks[0]!.id}"]`);
  const hint = firstTask.locator("summary", { hasText: "Hint" });
  await tabTo(page, hint, { back: true });
  await expectVisibleFocus(hint);
  await page.keyboard.press("Enter");
  await expect(hint.locator("..")).toHaveAttribute("open", "");
  await expect(firstTask.getByText(tasks[0]!.hint!.replace(/`/g, ""))).toBeVisible();
  const solution = firstTask.locator("summary", { hasText: "Show solution" });
  await tabTo(page, solution);
  await expectVisibleFocus(solution);
  await page.keyboard.press("Enter");
  const runSolution = firstTask.getByRole("button", { name: "Run in the terminal" });
  await tabTo(page, runSolution);
  await expectVisibleFocus(runSolution);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalText(page)).split("Server Version").length - 1).toBe(2);

  // The quiz: checkboxes with Space, radio buttons with the arrow keys, then "Check answer".
  for (const question of quiz) {
    const form = page.locator(`form[data-question-id="${question.id}"]`);
    const multiple = question.choices.filter((c) => c.correct).length > 1;
    await tabTo(page, form.locator("input").first());
    await expectVisibleFocus(form.locator("input").first());
    if (multiple) {
      for (const [i, choice] of question.choices.entries()) {
        await expect(form.locator("input").nth(i)).toBeFocused();
        if (choice.correct) await page.keyboard.press("Space");
        if (i < question.choices.length - 1) await page.keyboard.press("Tab");
      }
    } else {
      await page.keyboard.press("Space");
      const right = question.choices.findIndex((c) => c.correct);
      for (let i = 0; i < right; i++) await page.keyboard.press("ArrowDown");
      await expect(form.locator("input").nth(right)).toBeChecked();
    }
    const check = form.getByRole("button", { name: "Check answer" });
    await tabTo(page, check);
    await expectVisibleFocus(check);
    await page.keyboard.press("Enter");
    await expect(form.getByRole("status")).toHaveText(/^Right!/);
  }

  // Speed up time from the bar's select, with the arrow keys.
  const speed = page.getByRole("combobox", { name: "Speed" });
  await tabTo(page, speed);
  await expectVisibleFocus(speed);
  await page.keyboard.press("End");
  await expect(speed).toHaveValue("10");

  // The editor: open it, find the StatefulSet's replicas (Ctrl-F), change them, Ctrl-S applies.
  const editorToggle = page.getByRole("button", { name: "Editor", exact: true });
  await tabTo(page, editorToggle, { back: true });
  await expectVisibleFocus(editorToggle);
  await page.keyboard.press("Enter");
  await expect(editorToggle).toHaveAttribute("aria-expanded", "true");
  const surface = page.locator(".sandbox-editor-surface");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  const fileTab = page.getByRole("tab", { name: "manifest.yaml" });
  await tabTo(page, fileTab);
  await expectVisibleFocus(fileTab);
  await tabTo(page, surface);
  await expectVisibleFocus(surface);
  // Tab belongs to the editor (it indents the first line, a comment): focus stays.
  await page.keyboard.press("Tab");
  expect(await isFocused(surface)).toBe(true);
  await page.keyboard.press("Control+F");
  await page.keyboard.type("replicas: 2");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.type("replicas: 3");
  await page.keyboard.press("Control+S");
  await expect.poll(() => terminalText(page)).toContain("$ kubectl apply -f manifest.yaml");
  await expect.poll(() => terminalText(page)).toContain("statefulset.apps/web created");
  // Tab indents inside the editor; Escape then Shift-Tab leaves it, back to the bar.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  expect(await isFocused(surface)).toBe(false);

  // The cluster view: open it, Tab through the objects, Enter describes one in the terminal.
  const clusterToggle = page.getByRole("button", { name: "Cluster", exact: true });
  await tabTo(page, clusterToggle, { back: true });
  await expectVisibleFocus(clusterToggle);
  await page.keyboard.press("Enter");
  await expect(clusterToggle).toHaveAttribute("aria-expanded", "true");
  const view = page.getByRole("region", { name: "Cluster view" });
  await expect(view.locator(".cv-card .cv-pod-name")).toHaveText(["web-0", "web-1", "web-2"], {
    timeout: 40_000,
  });
  // Close the editor on the way, so that Tab goes from the bar straight into the picture.
  await tabTo(page, editorToggle);
  await page.keyboard.press("Enter");
  await expect(editorToggle).toHaveAttribute("aria-expanded", "false");
  const node = view.getByRole("button", { name: "kind-control-plane" });
  await tabTo(page, node);
  await expectVisibleFocus(node);
  const card = view.getByRole("button", { name: /^web-1 / });
  await tabTo(page, card);
  await expectVisibleFocus(card);
  await page.keyboard.press("Enter");
  await expect
    .poll(() => screenText(page))
    .toContain("Successfully assigned default/web-1 to kind-control-plane");
  const service = view.getByRole("button", { name: "nginx", exact: true });
  await tabTo(page, service);
  await expectVisibleFocus(service);
  await page.keyboard.press("Enter");
  await expect.poll(() => screenText(page)).toMatch(/Endpoints:\s+10\.244\.0\.\d+:80,/);

  // The time controls: pause, then step to the next event. A settled cluster may have nothing
  // left to wait for (Step is then disabled), so a running sleep gives Step somewhere to go.
  await tabTo(page, terminalInput);
  await page.keyboard.type("sleep 600");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  const pause = page.getByRole("button", { name: "Pause time" });
  await tabTo(page, pause, { back: true });
  await expectVisibleFocus(pause);
  await page.keyboard.press("Enter");
  const resume = page.getByRole("button", { name: "Resume time" });
  await expect(resume).toHaveAttribute("aria-pressed", "true");
  await expect(resume).toBeFocused();
  const clock = page.locator("[data-clock]");
  const step = page.getByRole("button", { name: "Step" });
  await tabTo(page, step);
  await expectVisibleFocus(step);
  await expect(step).toBeEnabled();
  const before = await clock.getAttribute("datetime");
  await page.keyboard.press("Enter");
  await expect.poll(() => clock.getAttribute("datetime")).not.toBe(before);
  expect(Date.parse((await clock.getAttribute("datetime"))!)).toBeGreaterThan(Date.parse(before!));
});
