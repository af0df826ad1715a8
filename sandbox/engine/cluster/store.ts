import type { KubeObject } from "./types.ts";

/** Identifies one stored object: cluster-scoped kinds have no namespace. */
export interface ObjectKey {
  kind: string;
  namespace?: string;
  name: string;
}

const keyOf = ({ kind, namespace, name }: ObjectKey) => `${kind}/${namespace ?? ""}/${name}`;

/**
 * The object store behind the API server: what etcd is to a real cluster. Lists come back in
 * etcd key order (namespace, then name), which is the order kubectl prints.
 */
export class ObjectStore {
  readonly #objects = new Map<string, KubeObject>();
  #resourceVersion = 0;

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
    for (const object of objects) this.put(structuredClone(object));
    this.#resourceVersion = resourceVersion;
  }

  get(key: ObjectKey): KubeObject | undefined {
    return this.#objects.get(keyOf(key));
  }

  put(object: KubeObject): void {
    const { kind } = object;
    const { namespace, name } = object.metadata;
    this.#objects.set(keyOf({ kind, namespace, name }), object);
  }

  remove(key: ObjectKey): boolean {
    return this.#objects.delete(keyOf(key));
  }

  /** Every stored object of every kind, in no particular order (the garbage collector's scan). */
  all(): KubeObject[] {
    return [...this.#objects.values()];
  }

  list(kind: string, namespace?: string): KubeObject[] {
    const found: KubeObject[] = [];
    for (const object of this.#objects.values()) {
      if (object.kind !== kind) continue;
      if (namespace !== undefined && object.metadata.namespace !== namespace) continue;
      found.push(object);
    }
    // etcd keys (`<namespace>/<name>`) compare as bytes: no locale-aware ordering, and a
    // namespace that prefixes another sorts after it ("a-b/x" < "a/x", since '-' < '/').
    const etcdKey = (o: KubeObject) =>
      o.metadata.namespace === undefined ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`;
    return found.sort((a, b) => {
      const x = etcdKey(a);
      const y = etcdKey(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
}
