import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { deflateSync, strToU8 } from "fflate";
import { toBase64Url } from "../../sandbox/ui/state/share-link.ts";

/**
 * Crafted share links: a `#sandbox=…` fragment that decodes but carries hostile content. Either the
 * page says why it cannot open it and starts a fresh sandbox, or it opens it with everything shown
 * as inert text; nothing runs, nothing is fetched from another origin, other pages' saved state
 * stays. The links are made here the way an attacker would: the engine's own snapshot, edited.
 */

test.describe.configure({ timeout: 120_000 });

const HTML = "<img src=x onerror=window.__pwned=1>";
const BIDI_NAME = "\u202eexe.txt";
const CONTROL_NAME = "evil\x1b]0;title\x07name";
const FILE_TEXT = `\x1b[31mRED\x1b]52;c;aGk=\x07\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ <script>window.__pwned=2</script>\n`;

type Snapshot = Record<string, unknown> & {
  version: number;
  workspace: { root: { children: Record<string, { children: Record<string, { children: object }> }> } };
  shell: { history: string[] };
};

const ENGINE_SNAPSHOT = fileURLToPath(new URL("./engine-snapshot.ts", import.meta.url));

/**
 * The engine's snapshot of a sandbox made with real commands, as plain JSON to edit. The engine
 * runs in a child Node process (see engine-snapshot.ts for why).
 */
async function snapshot(lines: string[] = []): Promise<Snapshot> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--experimental-strip-types", "--no-warnings", ENGINE_SNAPSHOT, ...lines],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

/** Puts files straight into the learner's home, names the shell would never make included. */
function addFiles(snap: Snapshot, files: Record<string, string>): void {
  const home = snap.workspace.root.children.home!.children.learner!.children as Record<string, unknown>;
  for (const [name, content] of Object.entries(files)) {
    Object.defineProperty(home, name, {
      value: { type: "file", content, mtime: 1767225600000, mode: 0o644 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** A link payload holding exactly this JSON text (keys such as __proto__ stay as written). */
const payloadOf = (json: string) => `1.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;

const sessionJson = (snap: unknown, history: string[] = [], extra = "") =>
  `{${extra}"format":"stateful-lab-session","version":1,"savedAt":1767225600000,"sandbox":${JSON.stringify(snap)},"terminal":{"history":${JSON.stringify(history)}}}`;

async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's row breaks, as a reader sees them.
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

async function run(page: Page, line: string, expected: string | RegExp): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(`${line}\n`);
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toMatch(expected);
}

/** Deletes one page's saved state, as a learner who never opened that page has none. */
function forget(page: Page, key: string): Promise<void> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("stateful-lab");
      request.onupgradeneeded = () => request.result.createObjectStore("sessions");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction("sessions", "readwrite");
      tx.objectStore("sessions").delete(key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, key);
}

/** Everything that must never happen on a page given a hostile link. */
function watchForHarm(page: Page, origin: () => string): string[] {
  const harm: string[] = [];
  page.on("dialog", (d) => {
    harm.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => harm.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin())
      harm.push(`request to ${r.url()}`);
  });
  return harm;
}

async function notPwned(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      polluted: ({} as Record<string, unknown>).polluted,
    })),
  ).toEqual({ pwned: undefined, polluted: undefined });
}

test("a share link full of hostile text opens with all of it shown as inert text", async ({
  page,
  baseURL,
}) => {
  const harm = watchForHarm(page, () => new URL(baseURL!).origin);
  const snap = await snapshot([
    "kubectl create configmap notes --from-literal=__proto__=proto-value --from-literal=constructor=ctor-value",
    `kubectl annotate configmap notes note='${HTML}' colour="$(printf '\\033[31mRED\\033]52;c;aGk=\\007')"`,
  ]);
  addFiles(snap, {
    [`${HTML}.yaml`]: FILE_TEXT,
    [BIDI_NAME]: "bidi\n",
    [CONTROL_NAME]: "control\n",
    // Computed, so that the literal makes a key rather than setting its prototype.
    ["__proto__"]: "a file named __proto__\n",
  });
  snap.shell.history.push(`echo '${HTML}'`, "printf '\x1b[31m'");
  // Prototype keys beside the real ones: JSON makes them own properties, and they must stay data.
  const json = sessionJson(
    snap,
    [`echo '${HTML}'`],
    '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},',
  );
  await page.goto(`playground/#sandbox=${payloadOf(json)}`);
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const title = await page.title();
  await expect.poll(() => terminalText(page)).toMatch(/Opened a shared sandbox \(saved .+\)\./);

  await run(page, "ls", "M-bM-^@M-.exe.txt");
  const listing = await terminalText(page);
  expect(listing).toContain(`${HTML}.yaml`);
  expect(listing).toContain("evil^[]0;title^Gname");
  expect(listing).toContain("__proto__");
  await run(page, `cat '${HTML}.yaml'`, "^[[31mRED^[]52;c;aGk=^G^[]8;;https://evil.example/^[\\link");
  await run(page, "cat __proto__", "a file named __proto__");
  await run(page, "kubectl describe configmap notes", `note: ${HTML}`);
  expect(await terminalText(page)).toContain("colour: ^[[31mRED^[]52;c;aGk=^G");
  await run(
    page,
    "kubectl get configmap notes -o jsonpath='{.data.__proto__}/{.data.constructor}'",
    "proto-value/ctor-value",
  );
  await run(page, "history | grep -F printf", "printf '^[[31m'");
  // Nothing was restyled, linked or retitled.
  await expect(page.locator(".xterm-rows .xterm-fg-1, .xterm-rows .xterm-fg-9")).toHaveCount(0);
  await expect(page.locator(".xterm-rows a")).toHaveCount(0);
  expect(await page.title()).toBe(title);

  // The editor lists every file by its name, as text; the cluster view draws the ConfigMap's cluster.
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await expect(page.getByRole("tab", { name: `${HTML}.yaml` })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("tab", { name: `${HTML}.yaml` }).click();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("RED", { timeout: 30_000 });
  await page.getByRole("button", { name: "Cluster" }).click();
  await expect(page.getByRole("region", { name: "Cluster view" })).toContainText("kind-control-plane");

  await expect(page.locator("img[src='x']")).toHaveCount(0);
  expect(await page.evaluate(() => [...document.scripts].some((s) => s.text.includes("__pwned")))).toBe(
    false,
  );
  await notPwned(page);
  expect(harm).toEqual([]);
});

test("hostile or impossible share links say why, start a fresh sandbox and leave saved state alone", async ({
  page,
  baseURL,
}) => {
  // Eight links, two page loads each, then the lesson again: about 50 s on CI, over 120 s at load 30.
  test.setTimeout(180_000);
  const harm = watchForHarm(page, () => new URL(baseURL!).origin);
  // A lesson with work of its own, saved, that no link may touch.
  await page.goto("lessons/stateless-vs-stateful/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await run(page, "kubectl create namespace keep-me", "namespace/keep-me created");

  const base = await snapshot();
  const withFile = (name: string) => {
    const snap = structuredClone(base);
    addFiles(snap, { [name]: "x" });
    return snap;
  };
  const huge = structuredClone(base);
  addFiles(huge, { [`../${"a".repeat(100_000)}`]: "x" });
  const cases: [string, string, string][] = [
    ["a file named ../../x", payloadOf(sessionJson(withFile("../../x"))), 'impossible name "../../x"'],
    ["a file named with a NUL", payloadOf(sessionJson(withFile("a\0b"))), 'impossible name "a\\u0000b"'],
    [
      "a megabyte-long impossible name",
      payloadOf(sessionJson(huge)),
      `impossible name "../${"a".repeat(77)}…"`,
    ],
    [
      "a zip bomb",
      `1.${toBase64Url(deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 }))}`,
      "the link unpacks to more than 16 MB",
    ],
    [
      "a newer session format",
      payloadOf(sessionJson(base).replace('"version":1,"savedAt"', '"version":2,"savedAt"')),
      "it was saved by a newer version of Stateful Lab (format 2",
    ],
    [
      "an older engine snapshot",
      payloadOf(sessionJson({ ...base, version: 0 })),
      "the snapshot was saved by an older version of the sandbox (format 0",
    ],
    [
      "control characters in the command history",
      payloadOf(sessionJson(base, ["ls\x1b[2J"])),
      "its command history is damaged",
    ],
    [
      "a session hidden behind __proto__",
      payloadOf(`{"__proto__":${sessionJson(base)}}`),
      "it is not a saved Stateful Lab sandbox",
    ],
  ];
  for (const [what, payload, reason] of cases) {
    await test.step(what, async () => {
      expect(payload.length).toBeLessThanOrEqual(60_000);
      // Each link meets a playground with nothing saved, so that none is asked about first.
      await page.goto("");
      await forget(page, "v1:playground");
      await page.goto(`playground/#sandbox=${payload}`);
      await page.locator("[data-sandbox][data-ready]").waitFor();
      // Rows joined: a long message wraps across the terminal's rows.
      const shown = async () => (await terminalText(page)).replace(/\n/g, "");
      await expect.poll(shown, { timeout: 15_000 }).toContain(reason);
      expect(await shown()).toMatch(/The shared sandbox (in this link )?could not be opened/);
      // The address no longer carries the link, so a reload does not ask again.
      expect(new URL(page.url()).hash).toBe("");
      await notPwned(page);
    });
  }
  // A fresh sandbox that works, and the lesson's own state untouched.
  await run(page, "kubectl get namespaces", /kube-system\s+Active/);
  expect(await terminalText(page)).not.toContain("keep-me");
  await page.goto("lessons/stateless-vs-stateful/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await expect.poll(() => terminalText(page)).toContain("Session restored");
  await run(page, "kubectl get namespace keep-me", /keep-me\s+Active/);
  expect(harm).toEqual([]);
});

test("a link the engine refuses, opened over one's own sandbox, leaves that sandbox as it was", async ({
  page,
  baseURL,
}) => {
  const harm = watchForHarm(page, () => new URL(baseURL!).origin);
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await run(page, "echo mine > mine.txt && kubectl create namespace mine", "namespace/mine created");
  const refused = payloadOf(sessionJson({ ...(await snapshot()), version: 0 }));
  await page.goto("about:blank");
  await page.goto(`playground/#sandbox=${refused}`);
  const ask = page.getByRole("dialog", { name: "Open the shared sandbox?" });
  await ask.getByRole("button", { name: "Open the shared sandbox" }).click();
  const shown = async () => (await terminalText(page)).replace(/\n/g, "");
  await expect
    .poll(shown)
    .toContain("The shared sandbox could not be opened: the snapshot was saved by an older version");
  await expect.poll(shown).toContain("Your sandbox is unchanged.");
  await run(page, "cat mine.txt && kubectl get namespace mine", /mine\n[\s\S]*mine\s+Active/);
  expect(harm).toEqual([]);
});

test("an imported file's hostile scrollback is drawn inert, the prompt below it; a CRLF split across chunks is a newline", async ({
  page,
  baseURL,
}) => {
  const harm = watchForHarm(page, () => new URL(baseURL!).origin);
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const title = await page.title();
  // A title, a clipboard write, a hyperlink, an absolute cursor move home and a screen erase at
  // the end: were they obeyed, the notice and prompt would be written over the first row.
  const scrollback =
    "first row\r\n\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\\r\n" +
    "\x1b[31mred\x1b[0m \u202eexe.txt\r\nlast row\x1b[H\x1b[2J";
  const file = sessionJson(await snapshot()).replace(
    '"terminal":{"history":[]}',
    `"terminal":${JSON.stringify({ history: [], scrollback })}`,
  );
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Save or share this sandbox" });
  const choosing = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Import from file…" }).click();
  await (await choosing).setFiles({
    name: "hostile.json",
    mimeType: "application/json",
    buffer: Buffer.from(file),
  });
  await expect(dialog).toBeHidden();
  await expect
    .poll(() => terminalText(page))
    .toMatch(/^first row\nlink\nred M-bM-\^@M-\.exe\.txt\nlast row\nImported a sandbox \(saved .+\)\.\n\$ /);
  await expect(page.locator(".xterm-rows a")).toHaveCount(0);
  expect(await page.title()).toBe(title);

  await run(page, "printf 'one\\r'; printf '\\ntwo\\r'; printf 'three\\n'", /\none\ntwo\^Mthree\n/);
  expect(await terminalText(page)).not.toContain("one^M");
  await notPwned(page);
  expect(harm).toEqual([]);
});
