import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import {
  linkRegistration,
  listFiles,
  precacheManifest,
  writeServiceWorker,
} from "../../src/integrations/service-worker.mjs";

/** A small build output: pages, hashed assets, a worker chunk, Pagefind's index, a font, the 404 page. */
const BUILD: Record<string, string> = {
  "index.html": "<!DOCTYPE html><html><head><title>Home</title></head><body>home</body></html>",
  "404.html": "<!DOCTYPE html><html><head><title>Not found</title></head><body>404</body></html>",
  "lessons/statefulsets/index.html": "<!DOCTYPE html><html><head></head><body>sts</body></html>",
  "playground/index.html": "<!DOCTYPE html><html><head></head><body>play</body></html>",
  "_astro/Sandbox.abc123.js": "export const sandbox = 1;",
  "_astro/worker-Dx1.js": "self.onmessage = () => {};",
  "_astro/editor.worker-9f.js": "/* monaco yaml worker */",
  "_astro/k8s-schema.77.json": '{"type":"object"}',
  "_astro/codicon.DF1.ttf": "\u0000\u0001font",
  "pagefind/pagefind.js": "export {};",
  "pagefind/pagefind-entry.json": '{"version":"1"}',
  "pagefind/fragment/en_1.pf_fragment": "fragment",
  "pagefind/wasm.en.pagefind": "wasm",
  "favicon.svg": "<svg/>",
};

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function build(files: Record<string, string> = BUILD): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "sw-test-"));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

/** The manifest `sw.js` carries, read back the way the browser would run it. */
function manifestOf(worker: string): { cache: string; entries: { url: string; revision: string }[] } {
  const line = /^const MANIFEST = (.*);$/m.exec(worker)?.[1];
  if (!line) throw new Error("no MANIFEST line in sw.js");
  return JSON.parse(line);
}

describe("the precache manifest", () => {
  it("lists every file of the build, pages by their directory URL", async () => {
    const root = await build();
    const { entries } = await precacheManifest(root, "/");
    expect(entries.map((e) => e.url).sort()).toEqual(
      Object.keys(BUILD)
        .map((path) => `/${path.replace(/(^|\/)index\.html$/, "$1")}`)
        .sort(),
    );
    for (const entry of entries) expect(entry.revision).toMatch(/^[\w-]{16}$/);
  });

  it("applies the base path to every URL", async () => {
    const root = await build();
    const { entries, cache } = await precacheManifest(root, "/stateful-lab");
    const urls = entries.map((e) => e.url);
    expect(urls.every((url) => url.startsWith("/stateful-lab/"))).toBe(true);
    expect(urls).toContain("/stateful-lab/");
    expect(urls).toContain("/stateful-lab/lessons/statefulsets/");
    expect(urls).toContain("/stateful-lab/pagefind/wasm.en.pagefind");
    expect(cache.startsWith("stateful-lab:/stateful-lab/:")).toBe(true);
  });

  it("changes the hash of a changed file, and only its hash, and the cache name with it", async () => {
    const before = await precacheManifest(await build(), "/");
    const after = await precacheManifest(
      await build({ ...BUILD, "_astro/Sandbox.abc123.js": "export const sandbox = 2;" }),
      "/",
    );
    const changed = after.entries.filter(
      (entry) => before.entries.find((e) => e.url === entry.url)?.revision !== entry.revision,
    );
    expect(changed.map((e) => e.url)).toEqual(["/_astro/Sandbox.abc123.js"]);
    expect(after.cache).not.toBe(before.cache);
    // The same bytes give the same manifest: a rebuild without changes keeps the learner's cache.
    expect((await precacheManifest(await build(), "/")).cache).toBe(before.cache);
  });
});

describe("writing the service worker into the build", () => {
  it("links the registration from every page and precaches every file, itself excepted", async () => {
    const root = await build();
    const { files } = await writeServiceWorker(root, "/stateful-lab/");
    const all = await listFiles(root);
    expect(all).toContain("sw.js");
    expect(all).toContain("sw-register.js");
    const worker = await readFile(join(root, "sw.js"), "utf8");
    const manifest = manifestOf(worker);
    expect(manifest.entries).toHaveLength(files);
    expect(manifest.entries.map((e) => e.url).sort()).toEqual(
      all
        .filter((path) => path !== "sw.js")
        .map((path) => `/stateful-lab/${path.replace(/(^|\/)index\.html$/, "$1")}`)
        .sort(),
    );
    for (const page of all.filter((path) => path.endsWith(".html"))) {
      const html = await readFile(join(root, page), "utf8");
      expect(html.match(/sw-register\.js/g)).toEqual(["sw-register.js"]);
      expect(html).toContain('<script src="/stateful-lab/sw-register.js" defer></script></head>');
    }
    // The hashes are those of the pages as served, registration link included.
    const { entries } = await precacheManifest(root, "/stateful-lab/");
    expect(manifest.entries).toEqual(entries);
    // sw.js is valid JavaScript as the browser will parse it.
    expect(() => new Script(worker)).not.toThrow();
  });

  it("links the registration only once, and leaves a fragment without <head> alone", () => {
    const page = "<html><head></head><body></body></html>";
    const once = linkRegistration(page, "/");
    expect(linkRegistration(once, "/")).toBe(once);
    expect(linkRegistration("<p>fragment</p>", "/")).toBe("<p>fragment</p>");
  });
});
