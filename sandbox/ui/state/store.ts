/**
 * Saved sessions in IndexedDB (through idb-keyval), one record per page under a versioned key:
 * `v1:playground`, `v1:lessons/statefulsets`. A page only ever reads, writes or deletes its own
 * keys, so a damaged record on one page never costs another page its work.
 */
import { createStore, del, get, keys, set, type UseStore } from "idb-keyval";
import { parseStorageKey, storageKey } from "./keys.ts";
import { type SavedSession, SavedStateError, SESSION_VERSION, validateSession } from "./session-record.ts";

const DATABASE = "stateful-lab";
const OBJECT_STORE = "sessions";

export type LoadResult =
  | { kind: "none" }
  | { kind: "found"; session: SavedSession }
  /** There was something, but it cannot be used (damaged, partial, another format); it was removed. */
  | { kind: "unusable"; reason: string }
  /** IndexedDB itself failed (private browsing, storage disabled, quota). */
  | { kind: "unavailable"; reason: string };

export class SessionStore {
  readonly page: string;
  #db: UseStore | undefined;

  constructor(page: string) {
    this.page = page;
  }

  // Opened on first use: the database is not touched until a sandbox needs it.
  get #store(): UseStore {
    this.#db ??= createStore(DATABASE, OBJECT_STORE);
    return this.#db;
  }

  async load(): Promise<LoadResult> {
    let value: unknown;
    let older: string | undefined;
    try {
      value = await get(storageKey(this.page), this.#store);
      if (value === undefined) {
        // A record this page saved in an earlier format: say so rather than silently drop it.
        older = (await keys(this.#store)).map(String).find((key) => {
          const parsed = parseStorageKey(key);
          return parsed?.page === this.page && parsed.version < SESSION_VERSION;
        });
      }
    } catch (error) {
      return { kind: "unavailable", reason: reasonOf(error) };
    }
    if (older !== undefined) {
      await del(older, this.#store).catch(() => undefined);
      return { kind: "unusable", reason: "it was saved by an older version of Stateful Lab" };
    }
    if (value === undefined) return { kind: "none" };
    try {
      return { kind: "found", session: validateSession(value) };
    } catch (error) {
      await this.clear().catch(() => undefined);
      return { kind: "unusable", reason: reasonOf(error) };
    }
  }

  save(session: SavedSession): Promise<void> {
    return set(storageKey(this.page), session, this.#store);
  }

  clear(): Promise<void> {
    return del(storageKey(this.page), this.#store);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof SavedStateError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
