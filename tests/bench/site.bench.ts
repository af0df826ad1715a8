/**
 * The site as a learner meets it, in headless Chromium against a plain static server of a built
 * site: JavaScript fetched per page type before anything is opened (gzip), navigation → terminal
 * ready (`data-ready`: it takes keys, those of the early terminal in the page's HTML) and →
 * xterm has taken over, ready → first `kubectl get pods` answer on screen when it is run at once
 * (by a Run button, so it includes starting the engine worker; and the JavaScript that fetched),
 * Editor click → editor ready (and, on a page of its own, with the pointer resting on the button
 * for 300 ms first, which starts loading the editor). Then, as a learner does it: the pointer
 * reaches the terminal at ready (which starts the engine: pointer → "Cluster ready"), `kubectl get
 * pods` is typed at ten keys a second, and Enter → answer on screen. Every run is cold (a fresh browser context, empty
 * cache); figures are medians. Budgets are in budgets.json; nothing is asserted here
 * (scripts/check-timings.ts compares the saved figures with them).
 *
 *   BENCH_DIST=/tmp/dist node --experimental-strip-types --no-warnings tests/bench/site.bench.ts
 *
 * Without BENCH_DIST it builds the site into a temporary folder first. SITE_BENCH_RUNS (default 5)
 * sets the number of cold runs, BENCH_PORT (default 4399) the static server's port.
 * It also cross-checks scripts/check-budgets.ts: a JS file the browser fetched before anything was
 * opened that the check did not count is reported, since the check would then be under-weighing.
 * What the offline service worker fetches to precache the site is left out of the page's figures
 * (it is not the page's JavaScript, and a second visit fetches nothing) and printed on its own.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "@playwright/test";
import { analyse } from "../../scripts/check-budgets.ts";
import { median, type Result, report } from "./report.ts";

const root = resolve(import.meta.dirname, "../..");
const RUNS = Number(process.env.SITE_BENCH_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4399);
const BASE = `http://127.0.0.1:${PORT}/`;
const budgets = JSON.parse(readFileSync(join(root, "budgets.json"), "utf8"));

const PAGES = [
  { type: "landing", path: "", sandbox: false },
  { type: "lesson", path: "lessons/statefulsets/", sandbox: true },
  { type: "playground", path: "playground/", sandbox: true },
] as const;

function buildSite(): string {
  const out = mkdtempSync(join(tmpdir(), "site-bench-"));
  console.log(`building the site into ${out} …`);
  const built = spawnSync("npx", ["astro", "build", "--outDir", out], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ASTRO_CACHE_DIR: `${out}-cache` },
  });
  if (built.status !== 0) throw new Error("astro build failed");
  return out;
}

async function serve(dist: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [join(root, "tests/e2e/static-server.mjs"), dist, String(PORT), "/"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((ok, fail) => {
    server.stdout?.once("data", () => ok());
    server.once("exit", (code) => fail(new Error(`static server exited (${code}); is port ${PORT} free?`)));
  });
  return server;
}

/**
 * Records, from the first byte of the page, when `data-ready` (the terminal takes keys: the early
 * terminal's, from the page's HTML) and `data-editor-ready` appear, and when xterm has taken over
 * from the early terminal (`xterm`).
 */
const MARKS = () => {
  const marks: Record<string, number> = {};
  (window as unknown as { __marks: typeof marks }).__marks = marks;
  new MutationObserver((records) => {
    for (const r of records)
      if (r.attributeName && !(r.attributeName in marks)) marks[r.attributeName] = performance.now();
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ["data-ready", "data-editor-ready"],
  });
  // Looked for once a frame (a mutation observer on the whole document would slow the page's
  // parsing, which is what is being measured).
  const handedOver = () => {
    if (document.querySelector(".xterm-rows") && !document.querySelector("[data-early-terminal]"))
      marks.xterm = performance.now();
    else requestAnimationFrame(handedOver);
  };
  requestAnimationFrame(handedOver);
};

const marks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);

/** Runs `kubectl get pods` as a Run button does; resolves when its answer is on screen. */
const firstGetPods = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        const sandbox = document.querySelector("k8s-sandbox") as HTMLElement & { run(text: string): void };
        // The terminal's host: xterm's rows appear in it when xterm takes over from the early terminal.
        const rows = document.querySelector("[data-terminal]")!;
        const start = performance.now();
        // The answer: kubectl's table header or its "No resources found", after the command line.
        const answered = () => {
          const text = rows.querySelector(".xterm-rows")?.textContent ?? "";
          const after = text.slice(text.lastIndexOf("kubectl get pods") + 16);
          return /No resources found|NAME\s+READY/.test(after);
        };
        new MutationObserver((_, observer) => {
          if (!answered()) return;
          observer.disconnect();
          done(performance.now() - start);
        }).observe(rows, { subtree: true, childList: true, characterData: true });
        sandbox.run("kubectl get pods");
      }),
  );

/**
 * A learner's first command on a fresh page: the pointer on the terminal at ready, then a click,
 * `kubectl get pods` typed at ten keys a second and Enter. Times are the page's own clock.
 */
async function learnerRun(browser: Browser, path: string): Promise<{ engine: number; answer: number }> {
  const context = await browser.newContext();
  await context.addInitScript(MARKS);
  const page = await context.newPage();
  await page.goto(BASE + path, { waitUntil: "load" });
  await page.locator("k8s-sandbox[data-ready]").waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const times: Record<string, number> = {};
    (window as unknown as { __learner: typeof times }).__learner = times;
    const status = document.querySelector("[data-status]")!;
    new MutationObserver(() => {
      if (status.textContent === "Cluster ready") times.engine ??= performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Enter") times.enter = performance.now();
      },
      { capture: true },
    );
    const rows = document.querySelector("[data-terminal]")!;
    new MutationObserver(() => {
      const text = rows.querySelector(".xterm-rows")?.textContent ?? "";
      const at = text.lastIndexOf("kubectl get pods");
      if (at >= 0 && times.enter && /No resources found|NAME\s+READY/.test(text.slice(at + 16)))
        times.answer ??= performance.now();
    }).observe(rows, { subtree: true, childList: true, characterData: true });
  });
  await page.locator("[data-terminal]").hover();
  const pointed = await page.evaluate(() => performance.now());
  await page.locator("[data-terminal]").click();
  await page.keyboard.type("kubectl get pods", { delay: 100 });
  await page.keyboard.press("Enter");
  const times = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __learner: Record<string, number> }).__learner;
      return t.answer !== undefined && t.engine !== undefined ? t : undefined;
    },
    undefined,
    { timeout: 30_000 },
  );
  const { engine, enter, answer } = (await times.jsonValue()) as Record<string, number>;
  await context.close();
  return { engine: engine! - pointed, answer: answer! - enter! };
}

/**
 * Editor click → editor ready when the pointer has rested on the Editor button for 300 ms first, as
 * a learner's does on its way to the click (pointing at the button starts loading the editor).
 */
async function editorAfterPointer(browser: Browser, path: string): Promise<number> {
  const context = await browser.newContext();
  await context.addInitScript(MARKS);
  const page = await context.newPage();
  await page.goto(BASE + path, { waitUntil: "load" });
  await page.locator("k8s-sandbox[data-ready]").waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await page.locator("[data-editor-toggle]").hover();
  await page.waitForTimeout(300);
  const clicked = await page.evaluate(() => {
    (document.querySelector("[data-editor-toggle]") as HTMLButtonElement).click();
    return performance.now();
  });
  await page.locator("[data-editor-ready]").waitFor({ timeout: 30_000 });
  const ready = (await marks(page))["data-editor-ready"]! - clicked;
  await context.close();
  return ready;
}

interface Run {
  jsGzip: number;
  files: string[];
  /** Files of any type the service worker fetched to precache the site, all gzipped. */
  precacheGzip: number;
  ready?: number;
  xterm?: number;
  getPods?: number;
  getPodsGzip?: number;
  editor?: number;
}

async function coldRun(browser: Browser, dist: string, path: string, sandbox: boolean): Promise<Run> {
  const context = await browser.newContext();
  const fetched: string[] = [];
  const precached: string[] = [];
  // Requests of the page and of its workers (Chromium reports both to the context); the service
  // worker's own (precaching) are counted apart.
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(BASE).origin) return;
    if (request.serviceWorker()) precached.push(url.pathname);
    else if (/\.m?js$/.test(url.pathname)) fetched.push(url.pathname);
  });
  await context.addInitScript(MARKS);
  const page = await context.newPage();
  const gzipOf = (paths: string[]) =>
    paths.reduce(
      (sum, p) => sum + gzipSync(readFileSync(join(dist, p)), { level: budgets.gzipLevel }).length,
      0,
    );
  await page.goto(BASE + path, { waitUntil: "load" });
  const run: Run = { jsGzip: 0, files: [], precacheGzip: 0 };
  if (sandbox) {
    await page.locator("k8s-sandbox[data-ready]").waitFor({ timeout: 30_000 });
    run.ready = (await marks(page))["data-ready"];
  }
  await page.waitForLoadState("networkidle");
  run.files = [...new Set(fetched)];
  run.jsGzip = gzipOf(run.files);
  // The offline cache fills once the page is left alone (sw-register.js): on the landing page,
  // three seconds after an idle moment; a sandbox's page waits for its cluster first.
  if (!sandbox) await page.evaluate(() => navigator.serviceWorker.ready);
  const files = [...new Set(precached)].map((p) => (p.endsWith("/") ? `${p}index.html` : p));
  run.precacheGzip = gzipOf(files.filter((p) => existsSync(join(dist, p))));
  if (sandbox) {
    run.xterm = (await marks(page)).xterm;
    const before = fetched.length;
    run.getPods = await firstGetPods(page);
    await page.waitForLoadState("networkidle");
    run.getPodsGzip = gzipOf([...new Set(fetched.slice(before))].filter((f) => !run.files.includes(f)));
    const clicked = await page.evaluate(() => {
      (document.querySelector("[data-editor-toggle]") as HTMLButtonElement).click();
      return performance.now();
    });
    await page.locator("[data-editor-ready]").waitFor({ timeout: 30_000 });
    run.editor = (await marks(page))["data-editor-ready"]! - clicked;
  }
  await context.close();
  return run;
}

const dist = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : buildSite();
const counted = analyse(dist, budgets);
const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
  ],
});
const results: Result[] = [];
try {
  for (const { type, path, sandbox } of PAGES) {
    await coldRun(browser, dist, path, sandbox); // warms the server's file cache and the OS, not the browser
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await coldRun(browser, dist, path, sandbox));
    const learner = [];
    const pointed: number[] = [];
    if (sandbox)
      for (let i = 0; i < RUNS; i++) {
        learner.push(await learnerRun(browser, path));
        pointed.push(await editorAfterPointer(browser, path));
      }
    const of = (pick: (r: Run) => number | undefined) =>
      median(runs.map(pick).filter((v) => v !== undefined));
    results.push({
      name: `${type}: JS fetched before the editor (gzip)`,
      budget: `pages.${type}.eagerJsKB`,
      unit: "KB",
      median: of((r) => r.jsGzip) / 1000,
      runs: RUNS,
    });
    if (runs.some((r) => r.precacheGzip > 0))
      results.push({
        name: `${type}: fetched by the service worker to precache the site (all files, gzip)`,
        unit: "KB",
        median: of((r) => r.precacheGzip) / 1000,
        runs: RUNS,
      });
    if (sandbox) {
      results.push(
        {
          name: `${type}: navigation → terminal ready (takes keys: the early terminal)`,
          budget: "timings.navigationToReadyMs",
          unit: "ms",
          median: of((r) => r.ready),
          runs: RUNS,
        },
        {
          name: `${type}: navigation → xterm has taken over`,
          unit: "ms",
          median: of((r) => r.xterm),
          runs: RUNS,
        },
        {
          name: `${type}: ready → first kubectl get pods answer, run at once (engine start included)`,
          budget: "timings.readyToFirstGetPodsMs",
          unit: "ms",
          median: of((r) => r.getPods),
          runs: RUNS,
        },
        {
          name: `${type}: JS fetched by that first command, the engine worker included (gzip)`,
          unit: "KB",
          median: of((r) => r.getPodsGzip) / 1000,
          runs: RUNS,
        },
        {
          name: `${type}: Editor click → editor ready`,
          budget: "timings.editorOpenToReadyMs",
          unit: "ms",
          median: of((r) => r.editor),
          runs: RUNS,
        },
        {
          name: `${type}: Editor click → editor ready, the pointer on the button 300 ms before`,
          unit: "ms",
          median: median(pointed),
          runs: RUNS,
        },
        {
          name: `${type}: learner: pointer on the terminal → cluster ready`,
          unit: "ms",
          median: median(learner.map((l) => l.engine)),
          runs: RUNS,
        },
        {
          name: `${type}: learner: first kubectl get pods typed, Enter → answer`,
          unit: "ms",
          median: median(learner.map((l) => l.answer)),
          runs: RUNS,
        },
      );
    }
    const page = counted.pages.find((p) => p.page === `${path}index.html`);
    const known = new Set(page?.assets.map((a: { file: string }) => `/${a.file}`));
    const missed = runs[0]!.files.filter((f) => !known.has(f));
    if (missed.length > 0)
      console.log(
        `! ${type}: fetched before the editor but not counted by check-budgets: ${missed.join(", ")}`,
      );
  }
} finally {
  await browser.close();
  server.kill();
  // A build made for this run is removed with its cache; a BENCH_DIST given is left alone.
  if (!process.env.BENCH_DIST)
    for (const dir of [dist, `${dist}-cache`]) rmSync(dir, { recursive: true, force: true });
}
report(results);
