import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { pasteIntoTerminal } from "./terminal-input.ts";

/** The terminal: completion, reverse search, Ctrl-D in a pod's shell, the screen-reader toggle. */

const PLAYGROUND = "playground/";

// Each test makes many round trips to the worker (and one a reload); on a busy 2-core machine
// that can pass the default 30 s, so these get three times as long.
test.slow();

const STATEFULSET = `cat > web.yaml <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
EOF
`;

/** The terminal's visible text, row by row, as a sighted learner reads it. */
async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

/** The row the cursor is on: the prompt and the line being edited. */
async function currentLine(page: Page): Promise<string> {
  const rows = (await terminalText(page)).split("\n").filter((row) => row.trim() !== "");
  return rows.at(-1)?.trimEnd() ?? "";
}

async function ready(page: Page): Promise<void> {
  await page.goto(PLAYGROUND);
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator(".xterm").click();
}

async function run(page: Page, line: string, expected: string | RegExp): Promise<void> {
  await page.keyboard.type(`${line}\n`);
  if (typeof expected === "string") await expect.poll(() => terminalText(page)).toContain(expected);
  else await expect.poll(() => terminalText(page)).toMatch(expected);
}

test("Tab completes commands, verbs, types and the pods of a new StatefulSet, bash-like", async ({
  page,
}) => {
  await ready(page);
  await pasteIntoTerminal(page, STATEFULSET);
  await run(page, "kubectl apply -f web.yaml", "statefulset.apps/web created");

  // A command, a verb and a type, each unique: completed with a space after.
  await page.keyboard.type("kubec");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl");
  await page.keyboard.type("ge");
  await page.keyboard.press("Tab");
  await page.keyboard.type("pod");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl get pod");
  // `pod` and `pods` both fit: the first Tab cannot add anything, the second lists them.
  await page.keyboard.press("Tab");
  await expect
    .poll(() => terminalText(page))
    .toMatch(/\$ kubectl get pod\n\s*pod\s+pods\s*\n\$ kubectl get pod *$/m);
  await page.keyboard.type("s we");
  // Both pods start with web-: the common part is completed, then a second Tab lists them.
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl get pods web-");
  await page.keyboard.press("Tab");
  await expect.poll(() => terminalText(page)).toMatch(/\n\s*web-0\s+web-1\s*\n\$ kubectl get pods web- *$/m);
  await page.keyboard.type("1");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl get pods web-1");
  await run(page, "", /\nweb-1\s+\d\/1\s+\w+/);

  // TYPE/NAME, flags and files.
  await page.keyboard.type("kubectl describe sts/");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl describe sts/web");
  await page.keyboard.press("Control+U");
  await page.keyboard.type("kubectl get pods --show-l");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl get pods --show-labels");
  await page.keyboard.press("Control+U");
  await page.keyboard.type("cat we");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ cat web.yaml");
  await run(page, "", "podManagementPolicy: Parallel");
});

test("Ctrl-R searches history back, Ctrl-R again goes older, Enter runs, Ctrl-G gives the line back", async ({
  page,
}) => {
  await ready(page);
  await run(page, "echo first-marker", "\nfirst-marker");
  await run(page, "echo second-marker", "\nsecond-marker");
  await run(page, "kubectl version --client", "Client Version");
  await page.keyboard.type("half typed");
  await page.keyboard.press("Control+R");
  await expect.poll(() => currentLine(page)).toBe("(reverse-i-search)`': half typed");
  await page.keyboard.type("mark");
  await expect.poll(() => currentLine(page)).toBe("(reverse-i-search)`mark': echo second-marker");
  await page.keyboard.press("Control+R");
  await expect.poll(() => currentLine(page)).toBe("(reverse-i-search)`mark': echo first-marker");
  await page.keyboard.press("Control+R");
  await expect.poll(() => currentLine(page)).toBe("(failed reverse-i-search)`mark': echo first-marker");
  await page.keyboard.press("Control+G");
  await expect.poll(() => currentLine(page)).toBe("$ half typed");

  await page.keyboard.press("Control+U");
  await page.keyboard.press("Control+R");
  await page.keyboard.type("second");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalText(page)).split("\nsecond-marker").length - 1).toBe(2);

  // Escape keeps the match for editing, in place.
  await page.keyboard.press("Control+R");
  await page.keyboard.type("first");
  await page.keyboard.press("Escape");
  await page.keyboard.press("End");
  await page.keyboard.type("-edited");
  await expect.poll(() => currentLine(page)).toBe("$ echo first-marker-edited");
});

test("history survives a reload and Ctrl-R finds it there", async ({ page }) => {
  await ready(page);
  await run(page, "echo kept-across-reload", "\nkept-across-reload");
  // The save follows the command; wait for it before reloading.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            // sandbox/ui/state/store.ts: database "stateful-lab", object store "sessions".
            const open = indexedDB.open("stateful-lab");
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains("sessions")) return resolve("");
              const get = db.transaction("sessions").objectStore("sessions").get("v1:playground");
              get.onsuccess = () => resolve(JSON.stringify(get.result ?? ""));
              get.onerror = () => resolve("");
            };
            open.onerror = () => resolve("");
          }),
      ),
    )
    .toContain("kept-across-reload");
  await page.reload();
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator(".xterm").click();
  await page.keyboard.press("Control+R");
  await page.keyboard.type("kept");
  await expect.poll(() => currentLine(page)).toBe("(reverse-i-search)`kept': echo kept-across-reload");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalText(page)).split("\nkept-across-reload").length - 1).toBe(2);
});

test("Ctrl-C cancels watch; Ctrl-D leaves a pod's shell and does nothing on the host", async ({ page }) => {
  await ready(page);
  await run(page, "watch -n 1 kubectl get nodes", "kind-control-plane");
  await page.keyboard.press("Control+C");
  await run(page, "echo after-watch", "\nafter-watch");

  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.locator(".xterm").click();
  await run(page, "kubectl run box --image=busybox:1.36 -- sleep 3600", "pod/box created");
  await run(page, "kubectl wait --for=condition=Ready pod/box --timeout=120s", "pod/box condition met");
  await run(page, "kubectl exec -it box -- sh", /\n\/ # *$/);
  await run(page, "hostname", "\nbox\n");
  await page.keyboard.press("Control+D");
  await expect.poll(() => currentLine(page)).toBe("$");
  // On the host Ctrl-D on an empty line does nothing at all: the sandbox has no login to end.
  await page.keyboard.press("Control+D");
  await run(page, "echo still-here", "\nstill-here");
});

test("an open quote reads on at > until the command is whole; Ctrl-C there drops what was typed", async ({
  page,
}) => {
  await ready(page);
  // The engine answers that the line is not whole yet (nothing runs): the terminal reads on.
  await page.keyboard.type('echo "first\n');
  await expect.poll(() => currentLine(page)).toBe(">");
  await run(page, 'line"', "\nfirst\nline\n");
  await expect.poll(() => currentLine(page)).toBe("$");
  // Ctrl-C at the continuation prompt drops the open command, as bash does; the next one runs alone.
  await page.keyboard.type("echo 'never\n");
  await expect.poll(() => currentLine(page)).toBe(">");
  await page.keyboard.press("Control+C");
  await expect.poll(() => currentLine(page)).toBe("$");
  await run(page, "echo alone", "\nalone\n");
  expect(await terminalText(page)).not.toContain("never\nalone");
  // Ctrl-C pressed together with the Enter that leaves a quote open drops it too.
  await page.keyboard.type("echo 'dropped");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+C");
  await expect.poll(() => currentLine(page)).toBe("$");
  await run(page, "echo next", "\nnext\n");
  expect(await terminalText(page)).not.toContain("dropped\nnext");
});

test("the screen-reader toggle turns xterm's accessible mode on, is remembered, and axe stays clean", async ({
  page,
}) => {
  await ready(page);
  const toggle = page.getByRole("button", { name: "Screen reader" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(page.locator(".xterm-accessibility")).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".xterm-accessibility")).toHaveCount(1);
  await page.locator(".xterm").click();
  await run(page, "echo read-aloud", "\nread-aloud");
  await expect(page.locator(".xterm-accessibility-tree")).toContainText("read-aloud");
  expect(await seriousViolations(page)).toEqual([]);

  await page.reload();
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await expect(page.getByRole("button", { name: "Screen reader" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".xterm-accessibility")).toHaveCount(1);
  // Keyboard users still leave the terminal with Escape then Tab.
  await page.locator(".xterm").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.locator(".xterm-helper-textarea")).not.toBeFocused();
});

test("Ctrl- and Alt-arrows move by words; the terminal refits its panel when the window resizes", async ({
  page,
}) => {
  await ready(page);
  await page.keyboard.type("kubectl get pods");
  await page.keyboard.press("Control+ArrowLeft");
  await page.keyboard.press("Control+ArrowLeft");
  await page.keyboard.type("X");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl Xget pods");
  await page.keyboard.press("Alt+ArrowRight");
  await page.keyboard.type("Y");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl XgetY pods");
  await page.keyboard.press("Alt+ArrowLeft");
  await page.keyboard.press("Control+ArrowRight");
  await page.keyboard.press("Control+ArrowRight");
  await page.keyboard.type("Z");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl XgetY podsZ");
  await page.keyboard.press("Control+U");

  /** How much of the panel's width the terminal's grid leaves unused. */
  const slack = () =>
    page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>("[data-terminal]")!.getBoundingClientRect();
      const grid = document.querySelector<HTMLElement>(".xterm-screen")!.getBoundingClientRect();
      return panel.width - grid.width;
    });
  // The grid leaves xterm's left padding (10 px) and its scrollbar's 14 px free — no column under
  // the scrollbar — and less than one more cell (8.4 px): 24 to 32.5 px.
  const RESERVED = 24;
  const fits = async () => {
    const left = await slack();
    return left >= RESERVED && left < RESERVED + 8.5;
  };
  expect(await fits()).toBe(true);
  const { width, height } = page.viewportSize()!;
  await page.setViewportSize({ width: Math.round(width * 0.7), height });
  // Narrower or wider, the grid fills the panel the same way.
  await expect.poll(fits).toBe(true);
  await page.setViewportSize({ width, height });
  await expect.poll(fits).toBe(true);
});

test("a long listing asks first, as bash does past 100 candidates", async ({ page }) => {
  await ready(page);
  await run(page, "i=0; while [ $i -lt 120 ]; do touch f$i.txt; i=$((i+1)); done; ls | wc -l", "\n120\n");
  await page.keyboard.type("cat f");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("Display all 120 possibilities? (y or n)");
  await page.keyboard.type("n");
  await expect.poll(() => currentLine(page)).toBe("$ cat f");
  expect(await terminalText(page)).not.toContain("f119.txt");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("Display all 120 possibilities? (y or n)");
  await page.keyboard.type("y");
  await expect.poll(() => currentLine(page)).toBe("$ cat f");
  await expect.poll(() => terminalText(page)).toMatch(/f0\.txt\s+f/);
  expect(await terminalText(page)).toContain("f99.txt");
});

test("selecting text in the terminal copies it to the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await ready(page);
  await run(page, "echo copy-me-please", "\ncopy-me-please");
  // Select all of the terminal's text through xterm's own selection (as a drag or Ctrl-A would).
  const row = page.locator(".xterm-rows > div", { hasText: /^copy-me-please/ }).first();
  const box = (await row.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("copy-me");
});

test("Tab completes containers, exec's commands and type lists; Ctrl-C stops rollout status and a pod shell's command; sleep follows the speed", async ({
  page,
}) => {
  await ready(page);
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.locator(".xterm").click();
  await run(page, "kubectl run box --image=busybox:1.36 -- sleep 3600", "pod/box created");
  // At 10× a 30-second sleep ends in about 3 s; at 1× this poll would give up first.
  await page.keyboard.type("sleep 30; echo slept-at-speed\n");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain("\nslept-at-speed");
  await run(page, "kubectl wait --for=condition=Ready pod/box --timeout=120s", "pod/box condition met");

  await page.keyboard.type("kubectl exec -it box -c b");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl exec -it box -c box");
  await page.keyboard.type("-- hostn");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl exec -it box -c box -- hostname");
  await run(page, "", "\nbox\n");
  await page.keyboard.type("kubectl get po,deployme");
  await page.keyboard.press("Tab");
  await expect.poll(() => currentLine(page)).toBe("$ kubectl get po,deployment");
  await page.keyboard.press("Control+U");

  // Ctrl-C inside a pod's shell stops its command, and the shell stays.
  await run(page, "kubectl exec -it box -- sh", /\n\/ # *$/);
  await page.keyboard.type("sleep 1000\n");
  await page.keyboard.press("Control+C");
  await run(page, "echo still-in-the-pod", "\nstill-in-the-pod");
  await expect.poll(() => currentLine(page)).toBe("/ #");
  await run(page, "exit", /\n\$ *$/);

  // rollout status waits for pods that cannot start while time is paused; Ctrl-C ends the wait.
  await page.getByRole("button", { name: "Pause time" }).click();
  await expect(page.getByRole("button", { name: "Resume time" })).toHaveAttribute("aria-pressed", "true");
  await page.locator(".xterm").click();
  await run(
    page,
    "kubectl create deployment web --image=nginx:1.27 --replicas=2",
    "deployment.apps/web created",
  );
  await run(page, "kubectl rollout status deployment/web", 'Waiting for deployment "web" rollout to finish');
  await page.keyboard.press("Control+C");
  await expect.poll(() => currentLine(page)).toBe("$");
  await run(page, "echo after-rollout-status", "\nafter-rollout-status");
});
