// @ts-check
/**
 * A minimal static file server for the end-to-end tests: serves a build folder under a base path,
 * exactly as a plain static host would (no Astro in the loop). Usage:
 *   node tests/e2e/static-server.mjs <dir> <port> [basePath]
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

const [dir = "dist", port = "4391", base = "/"] = process.argv.slice(2);
const root = resolve(dir);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** @param {string} path */
async function fileFor(path) {
  const candidate = normalize(join(root, path));
  if (!candidate.startsWith(root)) return undefined;
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) return fileFor(join(path, "index.html"));
  return undefined;
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = decodeURIComponent(url.pathname);
  const file = path.startsWith(base) ? await fileFor(path.slice(base.length - 1)) : undefined;
  const notFound = file ? undefined : await fileFor("404.html");
  const served = file ?? notFound;
  if (!served) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(file ? 200 : 404, {
    "content-type": TYPES[/** @type {keyof TYPES} */ (extname(served))] ?? "application/octet-stream",
  });
  createReadStream(served).pipe(res);
}).listen(Number(port), "127.0.0.1", () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
