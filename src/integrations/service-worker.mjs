// @ts-check
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Makes the built site work offline after one visit: a service worker that precaches every file of
 * the build. Production builds only — the dev server never runs `astro:build:done`, so nothing is
 * registered there.
 *
 * After the build (and after the other integrations have written their files: keep this one last),
 * it writes into the output folder:
 * - `sw-register.js`, linked from every page as an external script (service-worker-register.js);
 * - `sw.js`, service-worker-runtime.js with the precache manifest in place of its MANIFEST line:
 *   every file of the build with a hash of its bytes, and a cache name that hashes the manifest, so
 *   any change to any file makes browsers install the new version and drop the old cache.
 *
 * Hand-written rather than Workbox: the worker is about a hundred readable lines, while
 * workbox-build would bring Babel, Rollup and Terser into the build to generate the same thing.
 */
/** @returns {import("astro").AstroIntegration} */
export function serviceWorker() {
  let base = "/";
  return {
    name: "stateful-lab:service-worker",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = withSlash(config.base);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const { files, bytes } = await writeServiceWorker(fileURLToPath(dir), base);
        logger.info(`sw.js precaches ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
      },
    },
  };
}

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const WORKER_FILE = "sw.js";
export const REGISTER_FILE = "sw-register.js";

/**
 * Links the registration script from every page, then writes it and `sw.js` with the manifest of
 * what the folder now holds (pages included, with the script tag already in their bytes).
 * @param {string} root the build output
 * @param {string} base the base path the site is served under, e.g. "/" or "/stateful-lab/"
 * @returns {Promise<{files: number, bytes: number}>}
 */
export async function writeServiceWorker(root, base) {
  base = withSlash(base);
  for (const file of await listFiles(root)) {
    if (!file.endsWith(".html")) continue;
    const html = await readFile(join(root, file), "utf8");
    await writeFile(join(root, file), linkRegistration(html, base));
  }
  await writeFile(join(root, REGISTER_FILE), await readFile(join(HERE, "service-worker-register.js")));
  const manifest = await precacheManifest(root, base);
  const runtime = await readFile(join(HERE, "service-worker-runtime.js"), "utf8");
  await writeFile(join(root, WORKER_FILE), workerSource(runtime, manifest));
  return { files: manifest.entries.length, bytes: manifest.bytes };
}

/**
 * Every file of the build except the worker itself, by the URL a browser asks for, with a hash of
 * its bytes. Pages are listed by their directory URL (`lessons/x/index.html` → `lessons/x/`).
 * @param {string} root
 * @param {string} base
 * @returns {Promise<{cache: string, entries: {url: string, revision: string}[], bytes: number}>}
 */
export async function precacheManifest(root, base) {
  base = withSlash(base);
  const entries = [];
  let bytes = 0;
  for (const file of await listFiles(root)) {
    if (file === WORKER_FILE) continue;
    const content = await readFile(join(root, file));
    bytes += content.length;
    const path =
      file === "index.html" || file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file;
    entries.push({ url: base + path, revision: hash(content) });
  }
  // The base is in the name: two copies of the site on one origin keep their caches apart.
  const cache = `stateful-lab:${base}:${hash(JSON.stringify(entries))}`;
  return { cache, entries, bytes };
}

/**
 * The worker: the runtime with its placeholder manifest replaced by the real one.
 * @param {string} runtime
 * @param {{cache: string, entries: {url: string, revision: string}[]}} manifest
 */
export function workerSource(runtime, manifest) {
  const placeholder = /^const MANIFEST = .*$/m;
  if (!placeholder.test(runtime)) throw new Error("service-worker-runtime.js has no `const MANIFEST =` line");
  const json = JSON.stringify({ cache: manifest.cache, entries: manifest.entries });
  return runtime.replace(placeholder, () => `const MANIFEST = ${json};`);
}

/**
 * The page with the registration script linked at the end of its `<head>` (once).
 * @param {string} html
 * @param {string} base
 */
export function linkRegistration(html, base) {
  const tag = `<script src="${withSlash(base)}${REGISTER_FILE}" defer></script>`;
  if (html.includes(tag) || !html.includes("</head>")) return html;
  return html.replace("</head>", `${tag}</head>`);
}

/**
 * Every file under `root`, as sorted POSIX paths relative to it.
 * @param {string} root
 * @returns {Promise<string[]>}
 */
export async function listFiles(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** @param {string | Buffer} content */
const hash = (content) => createHash("sha256").update(content).digest("base64url").slice(0, 16);

/** @param {string} base */
const withSlash = (base) => (base.endsWith("/") ? base : `${base}/`);
