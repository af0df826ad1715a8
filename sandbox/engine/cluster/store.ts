import type { KubeObject } from "./types.ts";

/** Identifies one stored object: cluster-scoped kinds have no namespace. */
export interface ObjectKey {
  kind: string;
  namespace?: string;
  name: string;
}

/** etcd keys (`<namespace>/<name>`, or `<name>` cluster-scoped) compare as bytes. */
const etcdKeyOf = (o: KubeObject) =>
  o.metadata.namespace === undefined ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`;
const byBytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

const involvedUid = (event: KubeObject) => (event.involvedObject as { uid?: unknown } | undefined)?.uid;
/** What an Event index files an involvedObject.uid under ("" when it has none). */
const uidKey = (uid: unknown) => (typeof uid === "string" ? uid : "");

/**
 * An object's Events: all of them by name, and those with each message (in the order they were
 * stored; lookups also compare the reason, which two messages of one object seldom share). One map
 * keyed by the Event's own message string and short arrays, rather than maps nested three deep or
 * a key string built for each Event: every Event is filed here (11,000 per 1,000-replica settle).
 */
interface EventsAbout {
  all: Map<string, KubeObject>;
  like: Map<string, KubeObject[]>;
}

/** An absent and an empty namespace are the same key (cluster-scoped objects have neither). */
const namespaceKey = (namespace: string | undefined) => (namespace === "" ? undefined : namespace);

/** The objects of a name-keyed map in name (etcd key) order. */
function byName(found: Map<string, KubeObject> | undefined): KubeObject[] {
  if (!found) return [];
  return [...found.keys()].sort(byBytes).map((name) => found.get(name)!);
}

/**
 * One stored key. Its object is replaced in place by every write, so the indexes below hold the
 * entry rather than the object and a write to an object that keeps its index keys (a pod's status)
 * touches no index at all; and they are keyed by the entry itself, never by a string built and
 * hashed for each write.
 */
interface Entry {
  object: KubeObject;
  /** When the key was first stored since it was last removed: the order of `all()`. */
  readonly seq: number;
  /** The keys each secondary index of the kind (by its slot) filed the object under. */
  indexKeys?: (readonly string[])[];
}

const bySeq = (a: Entry, b: Entry) => a.seq - b.seq;

/** Entries in etcd key order. */
function sortedByKey(entries: Iterable<Entry>): Entry[] {
  const keyed: { key: string; entry: Entry }[] = [];
  for (const entry of entries) keyed.push({ key: etcdKeyOf(entry.object), entry });
  keyed.sort((a, b) => byBytes(a.key, b.key));
  return keyed.map((k) => k.entry);
}

/** The `keysOf` functions marked by keysBySpec. */
const specOnly = new WeakSet<(object: KubeObject) => readonly string[]>();

/**
 * Marks an index's `keysOf` as depending only on an object's namespace, name and spec: a write
 * that keeps the stored spec object (a pod's status, a claim's annotations) is not filed again,
 * without asking `keysOf`. Sound because nothing changes a stored object in place. Every status
 * write of a big settle (3,000 of a 1,000-replica set's pods) refiled the pod under four indexes.
 */
export function keysBySpec(
  keysOf: (object: KubeObject) => readonly string[],
): (object: KubeObject) => readonly string[] {
  specOnly.add(keysOf);
  return keysOf;
}

/** Whether a new version of a stored object keeps its spec object (a spec-only index's keys then stand). */
const keepsSpec = (previous: KubeObject | undefined, next: KubeObject) =>
  previous !== undefined &&
  typeof next.spec === "object" &&
  next.spec !== null &&
  previous.spec === next.spec;

/** Objects of one kind filed under the keys `keysOf` gives each (see ObjectStore.indexed). */
interface SecondaryIndex {
  id: string;
  /** keysOf was marked by keysBySpec. */
  bySpec: boolean;
  /** Its place among the kind's indexes: where an entry keeps the keys it was filed under. */
  slot: number;
  keysOf: (object: KubeObject) => readonly string[];
  buckets: Map<string, Set<Entry>>;
}

function file(index: SecondaryIndex, entry: Entry, keys: readonly string[]): void {
  entry.indexKeys ??= [];
  entry.indexKeys[index.slot] = keys;
  for (const key of keys) {
    let bucket = index.buckets.get(key);
    if (!bucket) {
      bucket = new Set();
      index.buckets.set(key, bucket);
    }
    bucket.add(entry);
  }
}

function unfile(index: SecondaryIndex, entry: Entry): void {
  for (const key of entry.indexKeys?.[index.slot] ?? []) {
    const bucket = index.buckets.get(key);
    if (!bucket?.delete(entry)) continue;
    if (bucket.size === 0) index.buckets.delete(key);
  }
}

/** Moves an entry to the buckets of its object now (the keys of its previous version are kept on it). */
function refile(index: SecondaryIndex, entry: Entry): void {
  const keys = index.keysOf(entry.object);
  const before = entry.indexKeys?.[index.slot];
  // Most writes keep an object's keys (a pod's status changes, its node and claims do not).
  if (keys === before) return;
  if (before && keys.length === before.length && keys.every((key, i) => key === before[i])) return;
  unfile(index, entry);
  file(index, entry, keys);
}

/** One kind's entries by namespace (undefined for cluster-scoped) and name, with cached key order. */
interface KindIndex {
  byNamespace: Map<string | undefined, Map<string, Entry>>;
  /** Entries per namespace in name (byte) order, rebuilt lazily after an add or remove. */
  sortedNames: Map<string | undefined, Entry[]>;
  /** Every entry in etcd key order, rebuilt lazily after an add or remove. */
  sortedAll: Entry[] | undefined;
  /** The store's change count when an object of this kind was last put or removed. */
  changedAt: number;
}

/**
 * The object store behind the API server: what etcd is to a real cluster. Lists come back in
 * etcd key order (namespace, then name), which is the order kubectl prints.
 */
export class ObjectStore {
  #puts = 0;
  /** Entries by the uid of each owner their objects' ownerReferences name (the garbage collector's lookup). */
  readonly #dependents = new Map<string, Set<Entry>>();
  /** Every entry by kind, then namespace, then name: lists never scan other kinds. */
  readonly #kinds = new Map<string, KindIndex>();
  /**
   * Events by namespace, then involvedObject.uid, all of them and by reason then message (event
   * recorders' de-duplication lookup): nested maps, so no key is built for a lookup.
   */
  readonly #eventsAbout = new Map<string, Map<string, EventsAbout>>();
  #resourceVersion = 0;
  /** Counts every put and remove, never reset (not even by restore): see `kindRevision`. */
  #changes = 0;
  readonly #memos = new Map<string, { revision: number; value: unknown }>();
  /** Secondary indexes by kind, kept up to date on every put and remove (see `indexed`). */
  readonly #indexes = new Map<string, SecondaryIndex[]>();

  nextResourceVersion(): string {
    this.#resourceVersion += 1;
    return String(this.#resourceVersion);
  }

  /** The last resourceVersion handed out (etcd's revision). */
  currentResourceVersion(): number {
    return this.#resourceVersion;
  }

  /**
   * Replaces everything with a snapshot's objects and revision counter. `owned`: the objects are
   * the store's to keep (parsed from JSON text for this restore only), so they are not copied.
   */
  restore(objects: readonly KubeObject[], resourceVersion: number, owned = false): void {
    this.#dependents.clear();
    this.#kinds.clear();
    this.#eventsAbout.clear();
    this.#indexes.clear();
    for (const object of objects) this.put(owned ? object : structuredClone(object));
    this.#resourceVersion = resourceVersion;
  }

  get(key: ObjectKey): KubeObject | undefined {
    return this.find(key.kind, key.namespace, key.name);
  }

  /**
   * `get` without a key object: the hottest read in the engine (every API read, every create's
   * existence check, a namespace lookup for every write) is three lookups by strings the caller
   * already holds, and a key object built for each was garbage.
   */
  find(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#kinds.get(kind)?.byNamespace.get(namespaceKey(namespace))?.get(name)?.object;
  }

  put(object: KubeObject): void {
    const { kind } = object;
    const { name } = object.metadata;
    const namespace = namespaceKey(object.metadata.namespace);
    let index = this.#kinds.get(kind);
    if (!index) {
      index = { byNamespace: new Map(), sortedNames: new Map(), sortedAll: undefined, changedAt: 0 };
      this.#kinds.set(kind, index);
    }
    let names = index.byNamespace.get(namespace);
    if (!names) {
      names = new Map();
      index.byNamespace.set(namespace, names);
    }
    let entry = names.get(name);
    const previous = entry?.object;
    if (entry) entry.object = object;
    else {
      entry = { object, seq: this.#puts++ };
      names.set(name, entry);
      index.sortedNames.delete(namespace);
      index.sortedAll = undefined;
    }
    index.changedAt = ++this.#changes;
    this.#fileDependent(entry, previous, object);
    if (kind === "Event") {
      if (previous) this.#unindexEvent(previous);
      this.#indexEvent(object);
    }
    const secondary = this.#indexes.get(kind);
    if (secondary) {
      const sameSpec = keepsSpec(previous, object);
      for (const index of secondary) if (!(index.bySpec && sameSpec)) refile(index, entry);
    }
  }

  remove(key: ObjectKey): boolean {
    const namespace = namespaceKey(key.namespace);
    const index = this.#kinds.get(key.kind);
    const names = index?.byNamespace.get(namespace);
    const entry = names?.get(key.name);
    if (!index || !names || !entry) return false;
    names.delete(key.name);
    if (names.size === 0) index.byNamespace.delete(namespace);
    index.sortedNames.delete(namespace);
    index.sortedAll = undefined;
    index.changedAt = ++this.#changes;
    const stored = entry.object;
    this.#fileDependent(entry, stored, undefined);
    if (stored.kind === "Event") this.#unindexEvent(stored);
    for (const secondary of this.#indexes.get(key.kind) ?? []) unfile(secondary, entry);
    return true;
  }

  /**
   * The Events in `namespace` whose involvedObject.uid is `uid`, in name (etcd key) order: what
   * `list("Event", namespace)` filtered by involvedObject.uid gives, without scanning the rest.
   */
  eventsAbout(namespace: string, uid: string | undefined): KubeObject[] {
    return byName(this.#eventsAbout.get(namespace)?.get(uidKey(uid))?.all);
  }

  /**
   * The Events in `namespace` about `uid` with this reason and message, in name order: what an
   * event recorder looks for to bump a repeat's count (an object with many distinct events, such
   * as a big StatefulSet's SuccessfulCreate ones, keeps this short).
   */
  eventsLike(namespace: string, uid: string | undefined, reason: string, message: string): KubeObject[] {
    const like = this.#eventsAbout.get(namespace)?.get(uidKey(uid))?.like.get(message);
    if (!like) return [];
    const found: KubeObject[] = [];
    for (const event of like) if (event.reason === reason && event.message === message) found.push(event);
    return found.length < 2 ? found : found.sort((a, b) => byBytes(a.metadata.name, b.metadata.name));
  }

  #indexEvent(event: KubeObject): void {
    const namespace = event.metadata.namespace ?? "";
    let byUid = this.#eventsAbout.get(namespace);
    if (!byUid) {
      byUid = new Map();
      this.#eventsAbout.set(namespace, byUid);
    }
    const uid = uidKey(involvedUid(event));
    let about = byUid.get(uid);
    if (!about) {
      about = { all: new Map(), like: new Map() };
      byUid.set(uid, about);
    }
    const { name } = event.metadata;
    about.all.set(name, event);
    const { reason, message } = event;
    if (typeof reason !== "string" || typeof message !== "string") return;
    const like = about.like.get(message);
    if (like) like.push(event);
    else about.like.set(message, [event]);
  }

  #unindexEvent(event: KubeObject): void {
    const namespace = event.metadata.namespace ?? "";
    const byUid = this.#eventsAbout.get(namespace);
    const uid = uidKey(involvedUid(event));
    const about = byUid?.get(uid);
    if (!byUid || !about) return;
    const { name } = event.metadata;
    if (about.all.get(name) === event) about.all.delete(name);
    const { reason, message } = event;
    if (typeof reason === "string" && typeof message === "string") {
      const like = about.like.get(message);
      const at = like ? like.indexOf(event) : -1;
      if (like && at >= 0) {
        like.splice(at, 1);
        if (like.length === 0) about.like.delete(message);
      }
    }
    if (about.all.size > 0 || about.like.size > 0) return;
    byUid.delete(uid);
    if (byUid.size === 0) this.#eventsAbout.delete(namespace);
  }

  /**
   * A number that changes whenever an object of `kind` is put or removed (and only then), so a
   * result computed from `list(kind)` can be reused while it stays the same.
   */
  kindRevision(kind: string): number {
    return this.#kinds.get(kind)?.changedAt ?? -1;
  }

  /**
   * `compute()`'s result, reused until an object of `kind` is put or removed: for indexes that
   * controllers derive from `list(kind)` (pods by node, by claim). Callers must not mutate it.
   */
  memo<T>(kind: string, id: string, compute: () => T): T {
    const revision = this.kindRevision(kind);
    const key = `${kind}\u0000${id}`;
    const hit = this.#memos.get(key);
    if (hit && hit.revision === revision) return hit.value as T;
    const value = compute();
    this.#memos.set(key, { revision, value });
    return value;
  }

  /**
   * The objects of `kind` that `keysOf` files under `key`, in etcd key order. The index is built
   * on first use and then kept up to date on every put and remove; `keysOf` must depend only on
   * the object and must be the same function for the same `id`.
   */
  indexed(
    kind: string,
    id: string,
    keysOf: (object: KubeObject) => readonly string[],
    key: string,
  ): KubeObject[] {
    const bucket = this.#index(kind, id, keysOf).buckets.get(key);
    if (!bucket) return [];
    if (bucket.size === 1) return [bucket.values().next().value!.object];
    return sortedByKey(bucket).map((e) => e.object);
  }

  /**
   * How many objects `indexed` would return for each key, without listing or sorting them: the
   * index's live buckets, read-only (the scheduler looks one up for every node it weighs, so it
   * finds the index once per pod rather than once per node).
   */
  indexSizes(
    kind: string,
    id: string,
    keysOf: (object: KubeObject) => readonly string[],
  ): ReadonlyMap<string, { readonly size: number }> {
    return this.#index(kind, id, keysOf).buckets;
  }

  /** The secondary index `id` of `kind`, built from the stored objects on first use. */
  #index(kind: string, id: string, keysOf: (object: KubeObject) => readonly string[]): SecondaryIndex {
    let indexes = this.#indexes.get(kind);
    if (!indexes) {
      indexes = [];
      this.#indexes.set(kind, indexes);
    }
    // A loop, not find() with a closure: the scheduler asks for a node's pods for every node it looks at.
    let index: SecondaryIndex | undefined;
    for (let i = 0; i < indexes.length; i++) {
      if (indexes[i]!.id === id) {
        index = indexes[i];
        break;
      }
    }
    if (!index) {
      index = { id, bySpec: specOnly.has(keysOf), slot: indexes.length, keysOf, buckets: new Map() };
      indexes.push(index);
      for (const names of this.#kinds.get(kind)?.byNamespace.values() ?? []) {
        for (const entry of names.values()) file(index, entry, keysOf(entry.object));
      }
    }
    return index;
  }

  /**
   * The objects whose ownerReferences name `uid`, in the order `all()` gives them: what filtering
   * `all()` by owner uid gives, without scanning every object of the cluster.
   */
  dependentsOf(uid: string): KubeObject[] {
    const found = this.#dependents.get(uid);
    if (!found) return [];
    return [...found].sort(bySeq).map((entry) => entry.object);
  }

  #fileDependent(entry: Entry, previous: KubeObject | undefined, next: KubeObject | undefined): void {
    const refsBefore = previous?.metadata.ownerReferences;
    const refsAfter = next?.metadata.ownerReferences;
    // Most writes have no owners (Events) or keep them (a pod's status): nothing to refile.
    if (!refsBefore?.length && !refsAfter?.length) return;
    if (
      next &&
      refsBefore &&
      refsAfter &&
      refsBefore.length === refsAfter.length &&
      refsBefore.every((ref, i) => ref.uid === refsAfter[i]!.uid)
    ) {
      return;
    }
    const owners = (o: KubeObject | undefined) =>
      new Set((o?.metadata.ownerReferences ?? []).map((r) => r.uid));
    const before = owners(previous);
    const after = owners(next);
    for (const uid of before) {
      if (after.has(uid)) continue;
      const found = this.#dependents.get(uid);
      found?.delete(entry);
      if (found?.size === 0) this.#dependents.delete(uid);
    }
    for (const uid of after) {
      let found = this.#dependents.get(uid);
      if (!found) {
        found = new Set();
        this.#dependents.set(uid, found);
      }
      found.add(entry);
    }
  }

  /** Every stored object of every kind, in the order their keys were first stored. */
  all(): KubeObject[] {
    const entries: Entry[] = [];
    for (const index of this.#kinds.values()) {
      for (const names of index.byNamespace.values()) for (const entry of names.values()) entries.push(entry);
    }
    return entries.sort(bySeq).map((entry) => entry.object);
  }

  /** Objects of one kind (in one namespace, if given) in etcd key order: namespace, then name. */
  list(kind: string, namespace?: string): KubeObject[] {
    const index = this.#kinds.get(kind);
    if (!index) return [];
    if (namespace !== undefined) {
      const names = index.byNamespace.get(namespace);
      if (!names) return [];
      let sorted = index.sortedNames.get(namespace);
      if (!sorted) {
        sorted = [...names.keys()].sort(byBytes).map((name) => names.get(name)!);
        index.sortedNames.set(namespace, sorted);
      }
      return sorted.map((entry) => entry.object);
    }
    // Bytewise: no locale-aware ordering, and a namespace that prefixes another sorts after it
    // ("a-b/x" < "a/x", since '-' < '/').
    index.sortedAll ??= sortedByKey([...index.byNamespace.values()].flatMap((names) => [...names.values()]));
    return index.sortedAll.map((entry) => entry.object);
  }
}
