import { type Browser, expect, type Locator, type Page, type TestInfo, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { pasteIntoTerminal } from "./terminal-input.ts";

/**
 * Two pages, one per theme, each with the playground's editor opened once: loading the page and
 * Monaco is most of a test's time on two shared cores, and these tests only add files of their own
 * names, so each group's tests share its page and run in order (a failure skips the rest of its
 * group; a retry starts the group again on a fresh page). The two groups run side by side.
 */
// Monaco, its YAML worker and the engine share two cores with the other tests.
test.describe.configure({ timeout: 90_000 });

/** A token of the editor's line that shows `line`: Monaco renders each token as a span in a span. */
const token = (page: Page, line: string, text: string | RegExp) =>
  page
    .locator(".monaco-editor .view-line", { hasText: line })
    .first()
    .locator("span > span", { hasText: text })
    .first();

/**
 * Double-clicks a token to select it, as a learner picks a value to replace. On a machine busy
 * enough, the page can take a double click as two single clicks (no selection; the typing would
 * land inside the word): that click is tried again until Monaco draws a selection.
 */
async function selectToken(page: Page, target: Locator): Promise<void> {
  await expect(async () => {
    await target.dblclick();
    await expect(page.locator(".monaco-editor .selected-text").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Finds `line` with the editor's Find (the live object is longer than the editor is tall) and
 * replaces `old` at its end with `replacement`.
 */
async function replaceLineEnd(page: Page, line: string, old: string, replacement: string): Promise<void> {
  await page.locator(".monaco-editor .view-lines").click();
  // From the top: spec comes before status, which has fields of the same names.
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Control+f");
  // Find selects the first match as you type (Enter would move on to the next one).
  await page.keyboard.type(line);
  await page.keyboard.press("Escape");
  await page.keyboard.press("End");
  for (let i = 0; i < old.length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type(replacement);
  await expect(lines(page)).toContainText(line.replace(old, replacement));
}

/**
 * A page of its own for a group (the `page` fixture is per test), with the project's base URL and
 * its blocked service worker: the playground in `theme`, its terminal ready and the editor open on
 * the starter file it writes into an empty workspace.
 */
async function editorPage(browser: Browser, testInfo: TestInfo, theme: "dark" | "light"): Promise<Page> {
  const { baseURL, serviceWorkers } = testInfo.project.use;
  // A context of its own, not browser.newPage()'s: axe opens a page beside it to gather results.
  const context = await browser.newContext({ baseURL, serviceWorkers });
  const page = await context.newPage();
  await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const ms = await openEditor(page);
  console.log(`editor ready ${ms} ms after the click (target ≤ 1000 ms)`);
  await expect(lines(page)).toContainText("kind: Service");
  return page;
}

/** Types lines into the terminal, as the learner would. */
async function shell(page: Page, text: string): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(text);
}

/** Opens the editor panel and returns how long it took until the editor showed its first file. */
async function openEditor(page: Page): Promise<number> {
  const started = Date.now();
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await page.locator("[data-editor-ready]").waitFor({ timeout: 15_000 });
  return Date.now() - started;
}

const terminal = (page: Page) => page.locator(".xterm-rows");
const lines = (page: Page) => page.locator(".monaco-editor .view-lines");
const tab = (page: Page, name: string | RegExp) => page.getByRole("tab", { name });

/** The 1-based line of the editor that shows `text`, and the line a decoration's top sits on. */
async function lineTop(page: Page, text: string): Promise<number> {
  const box = await page.locator(".monaco-editor .view-line", { hasText: text }).first().boundingBox();
  return Math.round(box?.y ?? -1);
}

async function decorationTops(page: Page, selector: string): Promise<number[]> {
  return page
    .locator(`.monaco-editor ${selector}`)
    .evaluateAll((nodes) => nodes.map((n) => Math.round(n.getBoundingClientRect().y)));
}

const STS = [
  "apiVersion: apps/v1",
  "kind: StatefulSet",
  "metadata:",
  "  name: web",
  "spec:",
  "  serviceName: nginx",
  "  replicas: 1",
  "  selector:",
  "    matchLabels:",
  "      app: nginx",
  "  template:",
  "    metadata:",
  "      labels:",
  "        app: nginx",
  "    spec:",
  "      containers:",
  "      - name: nginx",
  "        image: nginx",
];

/**
 * Writes a file with a heredoc pasted into the terminal, as a learner pastes a manifest, and waits
 * for the open editor to show its tab.
 */
async function heredoc(page: Page, file: string, body: string[]): Promise<void> {
  await pasteIntoTerminal(page, `cat > ${file} <<'EOF'\n${body.join("\n")}\nEOF\n`);
  // The shell writes, the workspace tells the editor, the editor reads the file: beyond 5 s at CI's load.
  await expect(tab(page, file)).toBeVisible({ timeout: 20_000 });
}

/** Closes what a test left floating over the editor (a hover, a suggestion list) and moves the pointer off it. */
async function settle(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await page.mouse.move(0, 0);
}

/** axe's findings on the open editor's page, with a screenshot for the eye. */
async function editorViolations(page: Page, testInfo: TestInfo, theme: string): Promise<string[]> {
  await page.screenshot({ path: testInfo.outputPath(`editor-${theme}.png`) });
  // Monaco's own text surface is a canvas-like widget axe cannot judge; everything around it counts.
  return seriousViolations(page, { exclude: ".monaco-editor" });
}

test.describe("the editor in the dark theme: schema markers, hover, completion, kubectl's markers", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    page = await editorPage(browser, testInfo, "dark");
  });
  test.afterAll(async () => {
    await page?.context().close();
  });
  test.afterEach(async () => {
    await settle(page);
  });

  test("the open editor has no serious or critical axe violation (dark)", async () => {
    expect(await editorViolations(page, test.info(), "dark")).toEqual([]);
  });

  test("a schema error gets a marker on its line, with the schema's message", async () => {
    await heredoc(page, "web.yaml", STS);
    await tab(page, "web.yaml").click();
    await expect(lines(page)).toContainText("replicas: 1");
    // Double-click selects the value; the replacement is a string where the API wants an integer.
    await selectToken(page, token(page, "replicas: 1", /^1$/));
    await page.keyboard.type('"three"');
    await expect(page.locator(".monaco-editor .squiggly-warning").first()).toBeVisible({ timeout: 10_000 });
    expect(await decorationTops(page, ".squiggly-warning")).toContain(
      await lineTop(page, 'replicas: "three"'),
    );
    await token(page, 'replicas: "three"', /three/).hover();
    await expect(page.locator(".monaco-hover").first()).toContainText('Incorrect type. Expected "integer"');
  });

  test("an enum value the API refuses is marked; hover shows the field's documentation", async () => {
    await heredoc(page, "policy.yaml", [
      ...STS.slice(0, 6),
      "  podManagementPolicy: Sometimes",
      ...STS.slice(6),
    ]);
    await tab(page, "policy.yaml").click();
    await expect(lines(page)).toContainText("podManagementPolicy: Sometimes");
    await expect(page.locator(".monaco-editor .squiggly-warning").first()).toBeVisible({ timeout: 10_000 });
    expect(await decorationTops(page, ".squiggly-warning")).toContain(
      await lineTop(page, "podManagementPolicy: Sometimes"),
    );
    await token(page, "serviceName", "serviceName").hover();
    await expect(page.locator(".monaco-hover").first()).toContainText(
      "serviceName is the name of the service",
      {
        timeout: 10_000,
      },
    );
  });

  test("completion offers the fields of the kind being written", async () => {
    await heredoc(page, "sts.yaml", ["apiVersion: apps/v1", "kind: StatefulSet", "spec:", "  replicas: 1"]);
    await tab(page, "sts.yaml").click();
    await page.locator(".monaco-editor .view-line", { hasText: "replicas: 1" }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("podMan");
    await page.keyboard.press("Control+Space");
    const suggestion = page.locator(".monaco-editor .suggest-widget .monaco-list-row", {
      hasText: "podManagementPolicy",
    });
    await expect(suggestion.first()).toBeVisible({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    await expect(lines(page)).toContainText("podManagementPolicy:");
  });

  test("when kubectl apply is rejected, the offending line is marked", async () => {
    await heredoc(
      page,
      "bad.yaml",
      STS.map((line) => line.replace("replicas: 1", "replicas: -1")),
    );
    await tab(page, "bad.yaml").click();
    await expect(lines(page)).toContainText("replicas: -1");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(terminal(page)).toContainText('The StatefulSet "web" is invalid');
    await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible({ timeout: 10_000 });
    expect(await decorationTops(page, ".squiggly-error")).toEqual([await lineTop(page, "replicas: -1")]);
    await token(page, "replicas: -1", /1/).hover();
    await expect(page.locator(".monaco-hover").first()).toContainText(
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    );
  });
});

test.describe("the editor in the light theme: files as tabs, kubectl edit", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    page = await editorPage(browser, testInfo, "light");
  });
  test.afterAll(async () => {
    await page?.context().close();
  });
  test.afterEach(async () => {
    await settle(page);
  });

  test("the open editor has no serious or critical axe violation (light)", async () => {
    expect(await editorViolations(page, test.info(), "light")).toEqual([]);
  });

  test("files are tabs shared with the shell: new, rename and delete round trip", async () => {
    // The starter file the editor wrote into the empty workspace would sort between the two below.
    await shell(page, "rm manifest.yaml\n");
    await expect(tab(page, "manifest.yaml")).toHaveCount(0, { timeout: 20_000 });
    await heredoc(page, "first.yaml", ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: first"]);
    await heredoc(page, "second.yaml", ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: second"]);

    // Arrow keys move between tabs (the ARIA tabs pattern).
    await tab(page, "first.yaml").click();
    await expect(tab(page, "first.yaml")).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowRight");
    await expect(tab(page, "second.yaml")).toHaveAttribute("aria-selected", "true");
    await expect(tab(page, "second.yaml")).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(tab(page, "first.yaml")).toBeFocused();

    // Rename in the editor (F2 on the tab): the shell's ls sees the new name only.
    await page.keyboard.press("F2");
    const name = page.getByRole("textbox", { name: /Rename first\.yaml to/ });
    await expect(name).toBeFocused();
    await name.fill("renamed.yaml");
    await page.keyboard.press("Enter");
    await expect(tab(page, "renamed.yaml")).toHaveAttribute("aria-selected", "true");
    await expect(tab(page, "first.yaml")).toHaveCount(0);
    await shell(page, "ls\n");
    await expect(terminal(page)).toContainText("renamed.yaml");

    // New in the editor: the shell can cat it.
    await page.getByRole("button", { name: "New file" }).click();
    const newName = page.getByRole("textbox", { name: "New file name" });
    await newName.fill("bad name.txt");
    await page.keyboard.press("Enter");
    await expect(page.locator(".sandbox-editor-ask").getByRole("alert")).toContainText(
      "Use a .yaml, .yml or .json name.",
    );
    await newName.fill("fresh.yaml");
    await page.keyboard.press("Enter");
    await expect(tab(page, "fresh.yaml")).toHaveAttribute("aria-selected", "true");
    await page.keyboard.type("# written in the editor");
    await shell(page, "sleep 1; cat fresh.yaml\n");
    await expect(terminal(page)).toContainText("# written in the editor", { timeout: 10_000 });

    // Delete asks first; dismissing keeps the file, accepting removes it for the shell too.
    await tab(page, "fresh.yaml").click();
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "Delete file" }).click();
    await expect(tab(page, "fresh.yaml")).toBeVisible();
    page.once("dialog", (dialog) => {
      // The name is quoted between FSI and PDI (U+2068, U+2069), isolated as in the DOM.
      expect(dialog.message()).toContain("Delete \u2068fresh.yaml\u2069?");
      void dialog.accept();
    });
    await page.getByRole("button", { name: "Delete file" }).click();
    await expect(tab(page, "fresh.yaml")).toHaveCount(0);
    await shell(page, "ls fresh.yaml\n");
    await expect(terminal(page)).toContainText("ls: cannot access 'fresh.yaml': No such file or directory");

    // A file the shell removes or renames leaves the tabs.
    await shell(page, "mv renamed.yaml moved.yaml\n");
    await expect(tab(page, "moved.yaml")).toBeVisible();
    await expect(tab(page, "renamed.yaml")).toHaveCount(0);
  });

  test("kubectl edit opens the live object in a tab; Save applies it, Cancel changes nothing", async () => {
    await shell(page, "kubectl create configmap cfg --from-literal=colour=blue\n");
    await expect(terminal(page)).toContainText("configmap/cfg created");
    await shell(page, "kubectl edit cm cfg\n");
    const editTab = tab(page, "cfg.yaml (kubectl edit)");
    await expect(editTab).toHaveAttribute("aria-selected", "true", { timeout: 15_000 });
    await expect(lines(page)).toContainText("# Please edit the object below.");
    await expect(lines(page)).toContainText("colour: blue");
    await selectToken(page, token(page, "colour: blue", /^blue$/));
    await page.keyboard.type("green");
    await page.getByRole("button", { name: "Save edit" }).click();
    await expect(terminal(page)).toContainText("configmap/cfg edited");
    await expect(editTab).toHaveCount(0);

    await shell(page, "kubectl edit cm cfg\n");
    await expect(editTab).toBeVisible({ timeout: 10_000 });
    await expect(lines(page)).toContainText("colour: green");
    await page.getByRole("button", { name: "Cancel edit" }).click();
    await expect(terminal(page)).toContainText("Edit cancelled, no changes made.");

    // Ctrl-C in the terminal stops kubectl edit waiting; its tab closes.
    await shell(page, "kubectl edit cm cfg\n");
    await expect(editTab).toBeVisible({ timeout: 10_000 });
    await page.locator(".xterm").click();
    await page.keyboard.press("Control+c");
    await expect(editTab).toHaveCount(0);
  });

  test("a rejected kubectl edit reopens with kubectl's reasons; Ctrl+S saves the fix", async () => {
    await heredoc(page, "sts.yaml", STS);
    await shell(page, "kubectl apply -f sts.yaml && kubectl edit sts web\n");
    await expect(tab(page, "web.yaml (kubectl edit)")).toBeVisible({ timeout: 30_000 });
    await replaceLineEnd(page, "  replicas: 1", "1", "-1");
    await page.keyboard.press("Control+s");
    await expect(terminal(page)).toContainText('error: statefulsets.apps "web" is invalid');
    await expect(lines(page)).toContainText('# statefulsets.apps "web" was not valid:', { timeout: 10_000 });
    await replaceLineEnd(page, "  replicas: -1", "-1", "3");
    await page.keyboard.press("Control+s");
    await expect(terminal(page)).toContainText("statefulset.apps/web edited");
  });
});
