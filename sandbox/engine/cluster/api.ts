import type { Cluster } from "./cluster.ts";
import { ApiError } from "./errors.ts";
import { qualifiedResource, type ResourceType, resourceTypeForKind } from "./kinds.ts";
import type { KubeObject } from "./types.ts";

export interface ListOptions {
  /** Leave out for every namespace (and for cluster-scoped kinds). */
  namespace?: string;
  /** Equality labels every returned object must carry. */
  labels?: Record<string, string>;
}

export interface DeleteOptions {
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  gracePeriodSeconds?: number;
}

/**
 * The API server: the one way controllers, kubectl and the kubelet read and write objects.
 * It stamps metadata (uid, resourceVersion, generation, timestamps), keeps etcd-like ordering in
 * lists, refuses unknown kinds, and tells watchers and controllers about every change.
 *
 * Growth points: defaulting and validation per kind, admission (finalizers such as
 * pvc-protection), patch types, selectors, graceful deletion and the garbage collector.
 */
export class ApiServer {
  readonly #cluster: Cluster;

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  create(object: KubeObject): KubeObject {
    const type = this.#typeOf(object.kind);
    const metadata = { ...object.metadata };
    if (!metadata.name && typeof metadata.generateName === "string") {
      metadata.name = `${metadata.generateName}${this.#cluster.rng.k8sString(5)}`;
    }
    if (type.namespaced) metadata.namespace ??= "default";
    else delete metadata.namespace;
    const key = { kind: object.kind, namespace: metadata.namespace, name: metadata.name };
    if (this.#cluster.store.get(key)) {
      throw new ApiError("AlreadyExists", `${qualifiedResource(type)} "${metadata.name}" already exists`);
    }
    const stored: KubeObject = {
      ...structuredClone(object),
      apiVersion: object.apiVersion,
      metadata: {
        ...metadata,
        uid: this.#cluster.rng.uuid(),
        resourceVersion: this.#cluster.store.nextResourceVersion(),
        creationTimestamp: this.timestamp(),
        ...("spec" in object && object.kind !== "Pod" ? { generation: 1 } : {}),
      },
    };
    this.#cluster.store.put(stored);
    this.#cluster.emit({ type: "ADDED", object: stored });
    return stored;
  }

  /** The stored object, or a NotFound error with the server's message. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject {
    const found = this.tryGet(kind, namespace, name);
    if (!found) throw this.notFound(kind, name);
    return found;
  }

  tryGet(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const type = this.#typeOf(kind);
    return this.#cluster.store.get({ kind, namespace: type.namespaced ? namespace : undefined, name });
  }

  list(kind: string, options: ListOptions = {}): KubeObject[] {
    const type = this.#typeOf(kind);
    const objects = this.#cluster.store.list(kind, type.namespaced ? options.namespace : undefined);
    const wanted = Object.entries(options.labels ?? {});
    if (wanted.length === 0) return objects;
    return objects.filter((o) => wanted.every(([k, v]) => o.metadata.labels?.[k] === v));
  }

  /** Replaces an object's spec and metadata; bumps generation when the spec changed. */
  update(object: KubeObject): KubeObject {
    const current = this.get(object.kind, object.metadata.namespace, object.metadata.name);
    const specChanged = JSON.stringify(current.spec) !== JSON.stringify(object.spec);
    const generation = current.metadata.generation as number | undefined;
    return this.#write({
      ...structuredClone(object),
      status: current.status,
      metadata: {
        ...structuredClone(object.metadata),
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        ...(generation !== undefined ? { generation: specChanged ? generation + 1 : generation } : {}),
      },
    });
  }

  /** Replaces only the status, as the /status subresource does. */
  updateStatus(object: KubeObject): KubeObject {
    const current = this.get(object.kind, object.metadata.namespace, object.metadata.name);
    return this.#write({ ...current, status: structuredClone(object.status) });
  }

  /**
   * Deletes an object. With finalizers it only gets a deletionTimestamp and stays until the
   * last finalizer is removed (by an update); without them it is gone at once.
   */
  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    _options: DeleteOptions = {},
  ): KubeObject {
    const current = this.get(kind, namespace, name);
    const finalizers = current.metadata.finalizers as string[] | undefined;
    if (finalizers && finalizers.length > 0) {
      if (current.metadata.deletionTimestamp) return current;
      return this.#write({
        ...current,
        metadata: { ...current.metadata, deletionTimestamp: this.timestamp(), deletionGracePeriodSeconds: 0 },
      });
    }
    this.#cluster.store.remove({ kind, namespace: current.metadata.namespace, name });
    this.#cluster.emit({ type: "DELETED", object: current });
    return current;
  }

  /** RFC 3339 in UTC with whole seconds, the way metadata timestamps are written. */
  timestamp(ms: number = this.#cluster.clock.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  notFound(kind: string, name: string): ApiError {
    return new ApiError("NotFound", `${qualifiedResource(this.#typeOf(kind))} "${name}" not found`);
  }

  #write(object: KubeObject): KubeObject {
    const stored = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: this.#cluster.store.nextResourceVersion() },
    };
    const finalizers = stored.metadata.finalizers as string[] | undefined;
    if (
      stored.metadata.deletionTimestamp &&
      (!finalizers || finalizers.length === 0) &&
      stored.kind !== "Pod"
    ) {
      this.#cluster.store.remove({
        kind: stored.kind,
        namespace: stored.metadata.namespace,
        name: stored.metadata.name,
      });
      this.#cluster.emit({ type: "DELETED", object: stored });
      return stored;
    }
    this.#cluster.store.put(stored);
    this.#cluster.emit({ type: "MODIFIED", object: stored });
    return stored;
  }

  #typeOf(kind: string): ResourceType {
    const type = resourceTypeForKind(kind);
    if (!type)
      throw new ApiError("NotFound", `the server could not find the requested resource (kind ${kind})`);
    return type;
  }
}
