/**
 * Names of saved sessions: each page keeps its own under a versioned key (`v1:playground`,
 * `v1:lessons/statefulsets`). Pure, so the server render can name the page it renders.
 */
import { SESSION_VERSION } from "./session-record.ts";

/** The IndexedDB key of a page's saved session in a given format version. */
export function storageKey(page: string, version: number = SESSION_VERSION): string {
  return `v${version}:${page}`;
}

/** The page and format version a key belongs to, or undefined for keys that are not ours. */
export function parseStorageKey(key: unknown): { page: string; version: number } | undefined {
  if (typeof key !== "string") return undefined;
  const match = /^v(\d+):(.+)$/.exec(key);
  return match ? { version: Number(match[1]), page: match[2]! } : undefined;
}

/**
 * A page's key from its URL path, independent of the base path the site is served under:
 * `/stateful-lab/lessons/statefulsets/` → `lessons/statefulsets`; the landing page is `index`.
 */
export function pageKeyFromPath(pathname: string, base = "/"): string {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  if (`${pathname}/` === prefix) return "index";
  const path = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname.replace(/^\/+/, "");
  const trimmed = path.replace(/\/?index\.html$/, "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "index" : trimmed;
}
