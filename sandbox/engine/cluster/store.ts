import type { KubeObject } from "./types.ts";

/** Identifies one stored object: cluster-scoped kinds have no namespace. */
export interface ObjectKey {
  kind: string;
  namespace?: string;
  name: string;
}

const keyOf = ({ kind, namespace, name }: ObjectKey) => `${kind}/${namespace ?? ""}/${name}`;

/** etcd keys (`<namespace>/<name>`, or `<name>` cluster-scoped) compare as bytes. */
const etcdKeyOf = (o: KubeObject) =>
  o.metadata.namespace === undefined ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`;
const byBytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

const involvedUid = (event: KubeObject) => (event.involvedObject as { uid?: unknown } | undefined)?.uid;
const eventIndexKey = (namespace: string | undefined, uid: unknown) =>
  `${namespace ?? ""}\u0000${typeof uid === "string" ? uid : ""}`;

/** The objects of a name-keyed map in name (etcd key) order. */
function byName(found: Map<string, KubeObject> | undefined): KubeObject[] {
  if (!found) return [];
  return [...found.keys()].sort(byBytes).map((name) => found.get(name)!);
}

/** Objects of one kind filed under the keys `keysOf` gives each (see ObjectStore.indexed). */
interface SecondaryIndex {
  id: string;
  keysOf: (object: KubeObject) => readonly string[];
  buckets: Map<string, Map<string, KubeObject>>;
}

function file(index: SecondaryIndex, storeKey: string, object: KubeObject): void {
  for (const key of new Set(index.keysOf(object))) {
    let bucket = index.buckets.get(key);
    if (!bucket) {
      bucket = new Map();
      index.buckets.set(key, bucket);
    }
    bucket.set(storeKey, object);
  }
}

function unfile(index: SecondaryIndex, storeKey: string, object: KubeObject): void {
  for (const key of new Set(index.keysOf(object))) {
    const bucket = index.buckets.get(key);
    if (bucket?.get(storeKey) !== object) continue;
    bucket.delete(storeKey);
    if (bucket.size === 0) index.buckets.delete(key);
  }
}

/** Moves an object from the buckets of its previous version to those of this one. */
function refile(
  index: SecondaryIndex,
  storeKey: string,
  previous: KubeObject | undefined,
  object: KubeObject,
): void {
  const keys = index.keysOf(object);
  const before = previous ? index.keysOf(previous) : [];
  // Most writes keep an object's keys (a pod's status changes, its node and claims do not).
  const [key] = keys;
  const bucket =
    key !== undefined &&
    keys.length === 1 &&
    before.length === 1 &&
    before[0] === key &&
    index.buckets.get(key);
  if (bucket && bucket.get(storeKey) === previous) {
    bucket.set(storeKey, object);
    return;
  }
  if (previous) unfile(index, storeKey, previous);
  file(index, storeKey, object);
}

/** One kind's objects by namespace (undefined for cluster-scoped) and name, with cached key order. */
interface KindIndex {
  byNamespace: Map<string | undefined, Map<string, KubeObject>>;
  /** Names per namespace in byte order, rebuilt lazily after an add or remove. */
  sortedNames: Map<string | undefined, string[]>;
  /** Every object's [namespace, name] in etcd key order, rebuilt lazily after an add or remove. */
  sortedAll: [string | undefined, string][] | undefined;
  /** The store's change count when an object of this kind was last put or removed. */
  changedAt: number;
}

/**
 * The object store behind the API server: what etcd is to a real cluster. Lists come back in
 * etcd key order (namespace, then name), which is the order kubectl prints.
 */
export class ObjectStore {
  readonly #objects = new Map<string, KubeObject>();
  /** When each stored key was first put (since it was last removed): the order of `all()`. */
  readonly #seq = new Map<string, number>();
  #puts = 0;
  /** Objects by the uid of each owner their ownerReferences name (the garbage collector's lookup). */
  readonly #dependents = new Map<string, Map<string, KubeObject>>();
  /** The same objects by kind, then namespace, then name: lists never scan other kinds. */
  readonly #kinds = new Map<string, KindIndex>();
  /**
   * Events by namespace and involvedObject.uid, all of them and by reason then message (event
   * recorders' de-duplication lookup): nested maps, so no key is built from a long message.
   */
  readonly #eventsAbout = new Map<
    string,
    { all: Map<string, KubeObject>; like: Map<string, Map<string, Map<string, KubeObject>>> }
  >();
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

  /** Replaces everything with a snapshot's objects and revision counter. */
  restore(objects: readonly KubeObject[], resourceVersion: number): void {
    this.#objects.clear();
    this.#seq.clear();
    this.#dependents.clear();
    this.#kinds.clear();
    this.#eventsAbout.clear();
    this.#indexes.clear();
    for (const object of objects) this.put(structuredClone(object));
    this.#resourceVersion = resourceVersion;
  }

  get(key: ObjectKey): KubeObject | undefined {
    // Through the per-kind index: the hottest read in the engine, and no key string to build and hash.
    const byNamespace = this.#kinds.get(key.kind)?.byNamespace;
    if (!byNamespace) return undefined;
    const found = byNamespace.get(key.namespace)?.get(key.name);
    if (found || (key.namespace !== undefined && key.namespace !== "")) return found;
    // keyOf files an absent and an empty namespace under the same key.
    return byNamespace.get(key.namespace === undefined ? "" : undefined)?.get(key.name);
  }

  put(object: KubeObject): void {
    const { kind } = object;
    const { namespace, name } = object.metadata;
    const k = keyOf({ kind, namespace, name });
    const previous = this.#objects.get(k);
    if (previous?.kind === "Event") this.#unindexEvent(previous);
    if (!previous) this.#seq.set(k, this.#puts++);
    this.#objects.set(k, object);
    this.#fileDependent(k, previous, object);
    if (kind === "Event") this.#indexEvent(object);
    for (const index of this.#indexes.get(kind) ?? []) refile(index, k, previous, object);
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
    if (!names.has(name)) {
      index.sortedNames.delete(namespace);
      index.sortedAll = undefined;
    }
    names.set(name, object);
    index.changedAt = ++this.#changes;
  }

  remove(key: ObjectKey): boolean {
    const k = keyOf(key);
    const stored = this.#objects.get(k);
    if (!stored) return false;
    this.#objects.delete(k);
    this.#seq.delete(k);
    this.#fileDependent(k, stored, undefined);
    if (stored.kind === "Event") this.#unindexEvent(stored);
    for (const index of this.#indexes.get(stored.kind) ?? []) unfile(index, k, stored);
    const { namespace, name } = stored.metadata;
    const index = this.#kinds.get(stored.kind);
    const names = index?.byNamespace.get(namespace);
    if (index) index.changedAt = ++this.#changes;
    if (index && names?.delete(name)) {
      if (names.size === 0) index.byNamespace.delete(namespace);
      index.sortedNames.delete(namespace);
      index.sortedAll = undefined;
    }
    return true;
  }

  /**
   * The Events in `namespace` whose involvedObject.uid is `uid`, in name (etcd key) order: what
   * `list("Event", namespace)` filtered by involvedObject.uid gives, without scanning the rest.
   */
  eventsAbout(namespace: string, uid: string | undefined): KubeObject[] {
    return byName(this.#eventsAbout.get(eventIndexKey(namespace, uid))?.all);
  }

  /**
   * The Events in `namespace` about `uid` with this reason and message, in name order: what an
   * event recorder looks for to bump a repeat's count (an object with many distinct events, such
   * as a big StatefulSet's SuccessfulCreate ones, keeps this short).
   */
  eventsLike(namespace: string, uid: string | undefined, reason: string, message: string): KubeObject[] {
    return byName(this.#eventsAbout.get(eventIndexKey(namespace, uid))?.like.get(reason)?.get(message));
  }

  #indexEvent(event: KubeObject): void {
    const key = eventIndexKey(event.metadata.namespace, involvedUid(event));
    let about = this.#eventsAbout.get(key);
    if (!about) {
      about = { all: new Map(), like: new Map() };
      this.#eventsAbout.set(key, about);
    }
    const { name } = event.metadata;
    about.all.set(name, event);
    const { reason, message } = event;
    if (typeof reason !== "string" || typeof message !== "string") return;
    let byMessage = about.like.get(reason);
    if (!byMessage) {
      byMessage = new Map();
      about.like.set(reason, byMessage);
    }
    let named = byMessage.get(message);
    if (!named) {
      named = new Map();
      byMessage.set(message, named);
    }
    named.set(name, event);
  }

  #unindexEvent(event: KubeObject): void {
    const key = eventIndexKey(event.metadata.namespace, involvedUid(event));
    const about = this.#eventsAbout.get(key);
    if (!about) return;
    const { name } = event.metadata;
    if (about.all.get(name) === event) about.all.delete(name);
    const { reason, message } = event;
    const byMessage = typeof reason === "string" ? about.like.get(reason) : undefined;
    const named = typeof message === "string" ? byMessage?.get(message) : undefined;
    if (byMessage && named?.get(name) === event) {
      named.delete(name);
      if (named.size === 0) byMessage.delete(message as string);
      if (byMessage.size === 0) about.like.delete(reason as string);
    }
    if (about.all.size === 0 && about.like.size === 0) this.#eventsAbout.delete(key);
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
    const objects = [...bucket.values()];
    if (objects.length < 2) return objects;
    const keyed = objects.map((o) => ({ key: etcdKeyOf(o), o }));
    keyed.sort((a, b) => byBytes(a.key, b.key));
    return keyed.map((e) => e.o);
  }

  /** How many objects `indexed` would return, without listing or sorting them. */
  indexedCount(
    kind: string,
    id: string,
    keysOf: (object: KubeObject) => readonly string[],
    key: string,
  ): number {
    return this.#index(kind, id, keysOf).buckets.get(key)?.size ?? 0;
  }

  /** The secondary index `id` of `kind`, built from the stored objects on first use. */
  #index(kind: string, id: string, keysOf: (object: KubeObject) => readonly string[]): SecondaryIndex {
    let indexes = this.#indexes.get(kind);
    if (!indexes) {
      indexes = [];
      this.#indexes.set(kind, indexes);
    }
    let index = indexes.find((i) => i.id === id);
    if (!index) {
      index = { id, keysOf, buckets: new Map() };
      indexes.push(index);
      for (const names of this.#kinds.get(kind)?.byNamespace.values() ?? []) {
        for (const object of names.values()) {
          const { namespace, name } = object.metadata;
          file(index, keyOf({ kind, namespace, name }), object);
        }
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
    const keys = [...found.keys()];
    if (keys.length > 1) keys.sort((a, b) => this.#seq.get(a)! - this.#seq.get(b)!);
    return keys.map((key) => found.get(key)!);
  }

  #fileDependent(storeKey: string, previous: KubeObject | undefined, next: KubeObject | undefined): void {
    const refsBefore = previous?.metadata.ownerReferences;
    const refsAfter = next?.metadata.ownerReferences;
    // Most writes have no owners (Events) or keep them (a pod's status): no sets to build.
    if (!refsBefore?.length && !refsAfter?.length) return;
    if (
      next &&
      refsBefore &&
      refsAfter &&
      refsBefore.length === refsAfter.length &&
      refsBefore.every((ref, i) => ref.uid === refsAfter[i]!.uid)
    ) {
      for (const ref of refsAfter) this.#dependents.get(ref.uid)!.set(storeKey, next);
      return;
    }
    const owners = (o: KubeObject | undefined) =>
      new Set((o?.metadata.ownerReferences ?? []).map((r) => r.uid));
    const before = owners(previous);
    const after = owners(next);
    for (const uid of before) {
      if (after.has(uid)) continue;
      const found = this.#dependents.get(uid);
      found?.delete(storeKey);
      if (found?.size === 0) this.#dependents.delete(uid);
    }
    for (const uid of after) {
      let found = this.#dependents.get(uid);
      if (!found) {
        found = new Map();
        this.#dependents.set(uid, found);
      }
      found.set(storeKey, next!);
    }
  }

  /** Every stored object of every kind, in the order their keys were first stored. */
  all(): KubeObject[] {
    return [...this.#objects.values()];
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
        sorted = [...names.keys()].sort(byBytes);
        index.sortedNames.set(namespace, sorted);
      }
      return sorted.map((name) => names.get(name)!);
    }
    if (!index.sortedAll) {
      const entries: { key: string; at: [string | undefined, string] }[] = [];
      for (const names of index.byNamespace.values()) {
        for (const object of names.values()) {
          entries.push({ key: etcdKeyOf(object), at: [object.metadata.namespace, object.metadata.name] });
        }
      }
      // Bytewise: no locale-aware ordering, and a namespace that prefixes another sorts after it
      // ("a-b/x" < "a/x", since '-' < '/').
      entries.sort((a, b) => byBytes(a.key, b.key));
      index.sortedAll = entries.map((e) => e.at);
    }
    return index.sortedAll.map(([ns, name]) => index.byNamespace.get(ns)!.get(name)!);
  }
}
