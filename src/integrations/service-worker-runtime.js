/*
 * Stateful Lab's service worker: after one visit, the whole site works with the network off.
 *
 * `src/integrations/service-worker.mjs` copies this file to `sw.js` at the root of the build and
 * replaces the MANIFEST line with the list of every built file and a hash of its bytes. The file is
 * plain JavaScript that runs as it is written (no bundling), so what you read is what runs.
 *
 * - install: every file of the build goes into a cache named after the manifest's hash. A file whose
 *   hash is unchanged since the previous deploy is copied from the old cache, not downloaded again.
 * - activate: older caches of this site are deleted, and open pages are taken over at once.
 * - fetch, pages (navigations and HTML): the network first, so a new deploy shows up as soon as the
 *   learner is online; the cached copy when the network fails or is slow; the site's 404 page for a
 *   page the build does not have. `/lessons/x`, `/lessons/x/index.html` and `/lessons/x/?q` all find
 *   `/lessons/x/`.
 * - fetch, everything else the build holds (scripts, styles, the schema, Pagefind's index, fonts):
 *   from the cache, since their bytes cannot change without their manifest hash changing; the
 *   query string is ignored (Pagefind asks for `pagefind-entry.json?ts=…`).
 * - anything else (other origins, paths outside the site) is left to the browser.
 */

const MANIFEST = { cache: "stateful-lab:dev", entries: [] }; // replaced by the build

/** The site's root (its base path): the worker's own folder, which is also its scope. */
const SCOPE = new URL("./", self.location.href);
/** Caches of this site start with this; another site on the same origin has another scope. */
const PREFIX = `stateful-lab:${SCOPE.pathname}:`;
/** How long a page waits for the network before the cached copy is shown. */
const NETWORK_TIMEOUT_MS = 3000;

/** @type {Map<string, {url: string, revision: string}>} pathname → manifest entry */
const byPath = new Map(MANIFEST.entries.map((entry) => [new URL(entry.url, SCOPE).pathname, entry]));

/** The cache key of an entry carries its revision, so a changed file never matches an old copy. */
const keyOf = (entry) => {
  const url = new URL(entry.url, SCOPE);
  url.search = `__revision=${entry.revision}`;
  return url.href;
};

const isPage = (entry) => entry.url.endsWith("/") || entry.url.endsWith(".html");

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== MANIFEST.cache) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
    return;
  }
  const entry = byPath.get(url.pathname);
  if (!entry) return;
  event.respondWith(isPage(entry) ? page(request, url) : cached(entry, request));
});

async function precache() {
  const cache = await caches.open(MANIFEST.cache);
  await Promise.all(
    MANIFEST.entries.map(async (entry) => {
      const key = keyOf(entry);
      const previous = await caches.match(key);
      if (previous) return cache.put(key, previous);
      // no-cache: revalidate with the server, so the HTTP cache cannot hand back older bytes.
      const response = await fetch(new URL(entry.url, SCOPE), { cache: "no-cache" });
      if (!response.ok) throw new Error(`precaching ${entry.url}: HTTP ${response.status}`);
      await cache.put(key, await unredirected(response));
    }),
  );
}

/** A hashed file: the cached copy, or the network if the cache lost it. */
async function cached(entry, request) {
  return (await caches.match(keyOf(entry))) ?? fetch(request);
}

/** A page: the network, falling back to the cached page, then to the cached 404 page. */
async function page(request, url) {
  const network = fetch(request);
  network.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
  const entry = pageEntry(url.pathname);
  const copy = entry ? await caches.match(keyOf(entry)) : undefined;
  try {
    if (!copy) return await network;
    // A slow network (a crowded workshop Wi-Fi) gets the cached page after a while.
    return await Promise.race([network, delay(NETWORK_TIMEOUT_MS).then(() => copy)]);
  } catch (error) {
    if (copy) return copy;
    const notFound = byPath.get(`${SCOPE.pathname}404.html`);
    const fallback = notFound ? await caches.match(keyOf(notFound)) : undefined;
    if (!fallback) throw error;
    return new Response(fallback.body, { status: 404, statusText: "Not Found", headers: fallback.headers });
  }
}

/** The page a path means: as it is, with the trailing slash it lacks, or without `index.html`. */
function pageEntry(pathname) {
  for (const candidate of [pathname, `${pathname}/`, pathname.replace(/index\.html$/, "")]) {
    const entry = byPath.get(candidate);
    if (entry && isPage(entry)) return entry;
  }
  return undefined;
}

/** Browsers refuse a redirected response as the answer to a navigation: keep only its body. */
async function unredirected(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
