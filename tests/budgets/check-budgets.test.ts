/**
 * The page-weight check must be able to fail: on small built sites written here it must find every
 * file a page loads (scripts, modulepreloads, inline imports, static and dynamic imports, workers
 * and their imports), leave on-demand chunks out, and exit non-zero when a page is over budget.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../scripts/check-budgets.ts";

const SCRIPT = resolve(import.meta.dirname, "../../scripts/check-budgets.ts");

/** About `kb` thousand bytes once gzipped: base-36 noise from a seeded xorshift (gzip keeps ~65%). */
function incompressible(kb: number): string {
  let x = 2463534242;
  let out = "";
  while (out.length < kb * 1600) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += ((x >>> 0) % 36 ** 6).toString(36);
  }
  return `export const noise = "${out.slice(0, kb * 1600)}";\n`;
}

function site(files: Record<string, string>): string {
  const dist = mkdtempSync(join(tmpdir(), "budgets-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  return dist;
}

/** A lesson page whose sandbox script starts a worker and imports xterm's chunk and the editor. */
function lessonSite(workerKb: number, base = "/"): Record<string, string> {
  return {
    "index.html": `<script type="module" src="${base}_astro/page.js"></script>`,
    "lessons/one/index.html": [
      `<link rel="modulepreload" href="${base}_astro/preloaded.js">`,
      `<script type="module" src="${base}_astro/page.js"></script>`,
      `<script type="application/ld+json">{"import":"x"}</script>`,
      `<script type="module">import"${base}_astro/inline-dep.js";console.log(1)</script>`,
    ].join("\n"),
    "_astro/page.js": `import{a}from"./shared.js";export const p=1;`,
    "_astro/shared.js": "export const a=1;",
    "_astro/preloaded.js": "export const b=2;",
    "_astro/inline-dep.js": `import "./sandbox.js";`,
    "_astro/sandbox.js":
      `const w=new Worker(new URL(\`${base}_astro/worker-x.js\`,import.meta.url),{type:\`module\`});` +
      "const t=()=>import(`./create-terminal.js`);const e=()=>import(`./yaml-editor.js`);",
    "_astro/create-terminal.js": `export{x}from"./xterm.js";`,
    "_astro/xterm.js": "export const x=3;",
    "_astro/worker-x.js": `import{c}from"./engine.js";const v=()=>import("./verb-get.js");`,
    "_astro/verb-get.js": `import{c}from"./engine.js";import"./printers.js";`,
    "_astro/printers.js": "export const t=1;",
    "_astro/engine.js": incompressible(workerKb),
    // Monaco's workers are started from a plain string, as Vite writes `?worker` imports.
    "_astro/yaml-editor.js": `import "./monaco.js";const y=new Worker(\`${base}_astro/yaml.worker-x.js\`,{type:\`module\`});`,
    "_astro/monaco.js": incompressible(300),
    "_astro/yaml.worker-x.js": `import{s}from"./schema.js";`,
    "_astro/schema.js": "export const s=1;",
  };
}

const BUDGETS = {
  gzipLevel: 9,
  pages: {
    landing: { html: ["index.html"], eagerJsKB: 150 },
    lesson: { html: ["lessons/*/index.html"], eagerJsKB: 150 },
  },
  onDemand: { editor: { chunks: ["yaml-editor."] }, verbs: { importedFrom: ["worker-"] } },
};

function check(dist: string, budgets: object) {
  const file = join(dist, "budgets.json");
  writeFileSync(file, JSON.stringify(budgets));
  return spawnSync(process.execPath, ["--experimental-strip-types", "--no-warnings", SCRIPT, dist, file], {
    encoding: "utf8",
  });
}

// Each case spawns the check in its own Node process: allow for a busy machine.
describe("check-budgets", { timeout: 30_000 }, () => {
  it.each(["/", "/stateful-lab/"])("follows everything a lesson page loads up front (base %s)", (base) => {
    const dist = site(lessonSite(10, base));
    const { pages, groups } = analyse(dist, BUDGETS);
    const lesson = pages.find((p) => p.type === "lesson")!;
    expect(lesson.assets.map((a) => a.file).sort()).toEqual(
      [
        "create-terminal.js",
        "engine.js",
        "inline-dep.js",
        "page.js",
        "preloaded.js",
        "sandbox.js",
        "shared.js",
        "worker-x.js",
        "xterm.js",
      ].map((f) => join("_astro", f)),
    );
    expect(lesson.inlineGzip).toBeGreaterThan(0);
    // The editor is followed on its own, Monaco's stand-in and its worker (with its imports) included.
    expect(groups[0]!.assets.map((a) => a.file).sort()).toEqual([
      "_astro/monaco.js",
      "_astro/schema.js",
      "_astro/yaml-editor.js",
      "_astro/yaml.worker-x.js",
    ]);
    expect(groups[0]!.total).toBeGreaterThan(200_000);
    // The worker's own import()s load on first use: their own group, less what the page already has.
    expect(groups[1]!.assets.map((a) => a.file).sort()).toEqual(["_astro/printers.js", "_astro/verb-get.js"]);
  });

  it.each(["/", "/stateful-lab/"])(
    "follows a worker started from a plain string, as from new URL (base %s)",
    (base) => {
      const dist = site({
        "index.html": `<script type="module" src="${base}_astro/page.js"></script>`,
        "_astro/page.js": `new Worker("${base}_astro/plain.js");new SharedWorker('${base}_astro/shared-w.js',{type:"module"});`,
        "_astro/plain.js": `import"./plain-dep.js";`,
        "_astro/plain-dep.js": "export const d=1;",
        "_astro/shared-w.js": "export const s=1;",
        // Relative to the page, which a chunk cannot know: not followed (Vite writes none).
        "_astro/relative.js": `new Worker("relative-w.js");`,
        "relative-w.js": "export const r=1;",
      });
      const { pages } = analyse(dist, { pages: { landing: { html: ["index.html"] } } });
      expect(pages[0]!.assets.map((a) => a.file).sort()).toEqual(
        ["page.js", "plain-dep.js", "plain.js", "shared-w.js"].map((f) => join("_astro", f)),
      );
    },
  );

  it("passes a site within its budgets", () => {
    const result = check(site(lessonSite(100)), BUDGETS);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/lessons\/one\/index\.html\s+9\s+\d+\.\d\s+150\s+ok/);
  });

  it("fails, naming the page and its heaviest file, when a worker's import is over budget", () => {
    const result = check(site(lessonSite(160)), BUDGETS);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/lessons\/one\/index\.html\s+9\s+1\d\d\.\d\s+150\s+OVER/);
    expect(result.stdout).toMatch(/index\.html\s+2\s+\d\.\d\s+150\s+ok/);
    expect(result.stdout).toContain("_astro/engine.js");
    expect(result.stderr).toContain("1 budget(s) exceeded");
  });

  it("lets a page over its target pass within an explicit allowance, saying so, and fails above it", () => {
    const allowance = (allowedKB: number) => ({
      ...BUDGETS,
      pages: {
        lesson: {
          html: ["lessons/*/index.html"],
          eagerJsKB: 150,
          allowedKB,
          allowedBecause: "the engine core",
        },
      },
    });
    const within = check(site(lessonSite(160)), allowance(200));
    expect(within.status).toBe(0);
    expect(within.stdout).toMatch(
      /lessons\/one\/index\.html\s+9\s+1\d\d\.\d\s+150 \(allowed 200\)\s+OVER TARGET/,
    );
    expect(within.stdout).toContain("allowance of 200 KB that budgets.json records: the engine core");
    const above = check(site(lessonSite(210)), allowance(200));
    expect(above.status).toBe(1);
    expect(above.stdout).toMatch(/150 \(allowed 200\)\s+OVER$/m);
  });

  it("counts a lazily imported chunk that budgets.json does not call on demand", () => {
    const result = check(site(lessonSite(10)), { ...BUDGETS, onDemand: {} });
    expect(result.status).toBe(1);
    // The 9 up-front files, the editor's 4 (its worker and the worker's import included) and 2 verbs.
    expect(result.stdout).toMatch(/lessons\/one\/index\.html\s+15\s+.*OVER/);
  });

  it("fails when a page references a file the build does not have", () => {
    const files = lessonSite(10);
    delete files["_astro/xterm.js"];
    const result = check(site(files), BUDGETS);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("referenced but not in the build");
  });
});
