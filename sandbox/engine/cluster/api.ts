import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { JsonObject } from "../kubectl/apply/strategic-merge.ts";
import type { AdmissionPlugin } from "./api/admission.ts";
import { cloneJson } from "./api/clone.ts";
import { type DeleteOptions, planDeletion, readyToRemove } from "./api/deletion.ts";
import { deepEqualExcept } from "./api/equality.ts";
import { admitNamespaceLifecycle } from "./api/namespace-lifecycle.ts";
import { applyPatch, type PatchType } from "./api/patch.ts";
import { patchDecodeError } from "./api/patch-decode.ts";
import { decodingTypeError, strictDecodingError } from "./api/schema.ts";
import {
  fieldMatcher,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  requirementsOf,
  SelectorParseError,
} from "./api/selectors.ts";
import { prepareForCreate, prepareForUpdate, validateCreate, validateUpdate } from "./api/strategy.ts";
import type { Cluster } from "./cluster.ts";
import type { WatchEventType } from "./controller-manager.ts";
import { ApiError } from "./errors.ts";
import { qualifiedResource, type ResourceType, resourceTypeForKind } from "./kinds.ts";
import type { KubeObject, WritableMeta } from "./types.ts";

export type { AdmissionPlugin } from "./api/admission.ts";
export type { DeleteOptions } from "./api/deletion.ts";
export type { PatchType } from "./api/patch.ts";

/** What a create or update request may ask for besides the object. */
export interface WriteOptions {
  /**
   * "Strict" refuses unknown fields with the server's BadRequest (kubectl's default
   * `--validate=strict` asks for it); left out, unknown fields pass (client-go's default).
   * A mistyped field is refused either way, as encoding/json refuses it.
   */
  fieldValidation?: "Strict";
  /** Server-side dry run: everything but the write happens; the would-be object is returned. */
  dryRun?: boolean;
  /**
   * The caller built the object for this call and keeps no reference to it (an event recorder's
   * Event): the server takes it as its own copy instead of copying it first, and does not decode
   * it (the engine's objects are typed by construction). An update's object may share its nested
   * parts with the stored object (`{ ...claim, metadata: { ...claim.metadata, annotations } }`):
   * nothing on the way in changes a part in place unless it is wrong (defaulting fills only what
   * is missing, canonical quantities are written only when they change), and a stored object's
   * parts are right already.
   */
  owned?: boolean;
}

export interface ListOptions {
  /** Leave out for every namespace (and for cluster-scoped kinds). */
  namespace?: string;
  /** Equality labels every returned object must carry. */
  labels?: Record<string, string>;
  /** `app=web,tier in (a,b)` as `-l` takes it, or a structured selector as workloads carry. */
  labelSelector?: string | LabelSelector;
  /** `metadata.name=x,status.phase!=Running` as `--field-selector` takes it. */
  fieldSelector?: string;
}

/**
 * The API server: the one way controllers, kubectl and the kubelet read and write objects.
 * Every write goes: strict decoding → defaulting → admission plugins → validation → store, and
 * every store change is stamped with the next resourceVersion, logged in `cluster.history` and
 * told to watchers and controllers.
 *
 * Deletion (objects.md §6-7, workloads.md §4.6): `delete` never removes an object that still has
 * finalizers; it sets `metadata.deletionTimestamp`. A pod bound to a node gets
 * `deletionTimestamp = now + grace` and `deletionGracePeriodSeconds = grace` (default
 * `spec.terminationGracePeriodSeconds`, 30) and stays, shown as Terminating, until **the kubelet
 * finishes the deletion by calling `api.delete("Pod", ns, name, { gracePeriodSeconds: 0 })`**
 * once its containers have stopped. `gracePeriodSeconds: 0` (kubectl's `--force --grace-period=0`)
 * removes a pod at once; an unscheduled or finished pod is removed at once anyway.
 * `propagationPolicy` Foreground/Orphan adds the `foregroundDeletion`/`orphan` finalizer that the
 * garbage collector (cluster/gc) honours; Background (the default) removes the owner at once and
 * the collector deletes the dependents afterwards.
 */
export class ApiServer {
  readonly #cluster: Cluster;
  /**
   * Admission plugins, run in order on every create and update after defaulting and before
   * validation (mutating admission's place). Each returns the object to store (changed or not)
   * or throws an ApiError to refuse the write. Register with `api.admission.push(plugin)`.
   */
  readonly admission: AdmissionPlugin[] = [admitNamespaceLifecycle];
  /** The last timestamp formatted. */
  #stamped = { ms: Number.NaN, text: "" };

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  create(object: KubeObject, options: WriteOptions = {}): KubeObject {
    const type = this.#typeOf(object.kind);
    this.#decode(type, object, options);
    const candidate = prepareForCreate(type, options.owned ? object : cloneJson(object), this.#cluster);
    return this.#createPrepared(type, candidate, options);
  }

  /**
   * create() for an Event the engine's event recorder built (events.ts: a v1 Event with its name
   * and namespace, no other metadata), owned: prepareForCreate would leave it as it is, so it is
   * not run — in a real settle's mix of kinds it cost about as much as the rest of an Event's
   * create (11,000 per 1,000-replica settle). Admission, validation, the existence check, uid
   * and timestamp are as for any create.
   */
  createEvent(event: KubeObject): KubeObject {
    return this.#createPrepared(this.#typeOf("Event"), event, { owned: true });
  }

  /** The rest of a create once the server's copy is prepared: admission, validation, store. */
  #createPrepared(type: ResourceType, prepared: KubeObject, options: WriteOptions): KubeObject {
    const candidate = this.#admit(prepared, undefined);
    validateCreate(type, candidate);
    const metadata: WritableMeta = candidate.metadata;
    if (this.#cluster.store.find(type.kind, metadata.namespace, metadata.name)) {
      throw new ApiError("AlreadyExists", `${qualifiedResource(type)} "${metadata.name}" already exists`);
    }
    // The candidate is the server's own copy by now (prepareForCreate's): stamped in place.
    metadata.uid = this.#cluster.rng.uuid();
    metadata.creationTimestamp = this.timestamp();
    if (options.dryRun) return candidate;
    return this.#commit("ADDED", candidate, "all");
  }

  /** The stored object, or a NotFound error with the server's message. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject {
    const found = this.tryGet(kind, namespace, name);
    if (!found) throw this.notFound(kind, name);
    return found;
  }

  tryGet(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const type = this.#typeOf(kind);
    return this.#cluster.store.find(kind, type.namespaced ? namespace : undefined, name);
  }

  list(kind: string, options: ListOptions = {}): KubeObject[] {
    const type = this.#typeOf(kind);
    const objects = this.#cluster.store.list(kind, type.namespaced ? options.namespace : undefined);
    const matchers: ((o: KubeObject) => boolean)[] = [];
    const wanted = Object.entries(options.labels ?? {});
    if (wanted.length > 0) matchers.push((o) => wanted.every(([k, v]) => o.metadata.labels?.[k] === v));
    try {
      if (typeof options.labelSelector === "string") {
        const requirements = parseLabelSelector(options.labelSelector);
        matchers.push((o) => matchesLabels(requirements, o.metadata.labels));
      } else if (options.labelSelector) {
        const requirements = requirementsOf(options.labelSelector);
        matchers.push((o) => matchesLabels(requirements, o.metadata.labels));
      }
      if (options.fieldSelector) matchers.push(fieldMatcher(kind, parseFieldSelector(options.fieldSelector)));
    } catch (error) {
      if (error instanceof SelectorParseError) throw new ApiError("BadRequest", error.message);
      throw error;
    }
    return matchers.length === 0 ? objects : objects.filter((o) => matchers.every((m) => m(o)));
  }

  /**
   * Replaces an object's spec and metadata (status is kept: it changes only through
   * `updateStatus`). A stale `metadata.resourceVersion` fails with a Conflict; leaving it out
   * means "last write wins". `generation` goes up only when the spec changed. An update that
   * changes nothing is not written (no new resourceVersion, no event), as in the real server.
   */
  update(object: KubeObject, options: WriteOptions = {}): KubeObject {
    const type = this.#typeOf(object.kind);
    this.#decode(type, object, options);
    const current = this.#current(type, object);
    // The status given is never used (prepareForUpdate keeps the stored one): not worth copying.
    const given = object.status === undefined ? object : { ...object, status: undefined };
    let candidate = prepareForUpdate(type, options.owned ? given : cloneJson(given), current);
    candidate = this.#admit(candidate, current);
    validateUpdate(type, candidate, current);
    if (options.dryRun)
      return { ...candidate, metadata: { ...candidate.metadata, ...pick(current.metadata) } };
    // prepareForUpdate built the candidate's top level and metadata: stamped in place.
    return this.#write(candidate, current, "all");
  }

  /**
   * PATCH: applies a merge, strategic merge or JSON patch to the stored object and writes the
   * result as an update (so defaulting, validation, admission and the resourceVersion
   * precondition all apply; a patch carrying `metadata.resourceVersion` is a precondition).
   */
  patch(
    kind: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const objectType = this.#typeOf(kind);
    const current = this.get(kind, objectType.namespaced ? namespace : undefined, name);
    const patched = applyPatch(current as unknown as JsonObject, type, patch, kind) as unknown as KubeObject;
    const undecodable = patchDecodeError(patched, type, patch, objectType.version);
    if (undecodable) throw undecodable;
    const given = (isRecord(patched.metadata) ? patched.metadata : {}) as Partial<KubeObject["metadata"]>;
    const metadata: KubeObject["metadata"] = {
      ...given,
      name: current.metadata.name,
      namespace: current.metadata.namespace,
      resourceVersion: given.resourceVersion ?? current.metadata.resourceVersion,
    };
    if (metadata.namespace === undefined) delete metadata.namespace;
    return this.update({ ...patched, kind: current.kind, apiVersion: current.apiVersion, metadata }, options);
  }

  /**
   * Replaces only the status, as the /status subresource does. `owned`: the caller built this
   * status for the call and keeps no reference to it (the kubelet's), so it is not copied.
   */
  updateStatus(object: KubeObject, options: Pick<WriteOptions, "owned"> = {}): KubeObject {
    const type = this.#typeOf(object.kind);
    const current = this.#current(type, object);
    const status = options.owned ? object.status : cloneJson(object.status);
    return this.#write({ ...current, status }, current, "top");
  }

  /**
   * The pods/binding subresource the scheduler uses: `spec.nodeName` and the given status (with
   * PodScheduled=True) land in one write, so a watch sees the binding as a single change. The
   * status is the scheduler's, built for this call (its unchanged parts the stored status's, which
   * nothing changes in place): kept as it is.
   */
  bindPod(pod: KubeObject, nodeName: string, status: unknown): KubeObject {
    const current = this.#current(this.#typeOf("Pod"), pod);
    const spec = { ...(current.spec as object), nodeName };
    return this.#write({ ...current, spec, status }, current, "top");
  }

  /**
   * Deletes an object, or starts its graceful deletion (see the class comment). Returns the object
   * as it was removed, or as it now stands with its deletionTimestamp.
   */
  delete(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject {
    const type = this.#typeOf(kind);
    const current = this.get(kind, type.namespaced ? namespace : undefined, name);
    if (kind === "Namespace" && IMMORTAL_NAMESPACES.has(name)) {
      throw new ApiError("Forbidden", `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    const plan = planDeletion(current, options, this.#cluster.clock.now(), (ms) => this.timestamp(ms));
    if (plan.action === "none") return current;
    if (options.dryRun) return plan.action === "mark" ? plan.object : current;
    // planDeletion built the marked object's top level and metadata.
    if (plan.action === "mark") return this.#write(plan.object, current, "all");
    return this.#commit("DELETED", current);
  }

  /** RFC 3339 in UTC with whole seconds, the way metadata timestamps are written. */
  timestamp(ms: number = this.#cluster.clock.now()): string {
    // Many writes share one simulated instant: format it once.
    if (ms !== this.#stamped.ms) {
      this.#stamped = { ms, text: new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z") };
    }
    return this.#stamped.text;
  }

  notFound(kind: string, name: string): ApiError {
    return new ApiError("NotFound", `${qualifiedResource(this.#typeOf(kind))} "${name}" not found`);
  }

  /** The stored object an update refers to, checking the caller's resourceVersion precondition. */
  #current(type: ResourceType, object: KubeObject): KubeObject {
    const namespace = type.namespaced ? (object.metadata.namespace ?? "default") : undefined;
    const current = this.get(type.kind, namespace, object.metadata.name);
    const expected = object.metadata.resourceVersion;
    if (expected !== undefined && expected !== "" && expected !== current.metadata.resourceVersion) {
      throw new ApiError(
        "Conflict",
        `Operation cannot be fulfilled on ${qualifiedResource(type)} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    return current;
  }

  #decode(type: ResourceType, object: KubeObject, options: WriteOptions): void {
    // What the engine built for itself is typed by construction: only what came in is decoded.
    if (options.owned) return;
    const problem =
      options.fieldValidation === "Strict"
        ? strictDecodingError(object, type.version)
        : decodingTypeError(object, type.version);
    if (problem) throw new ApiError("BadRequest", problem);
  }

  #admit(object: KubeObject, old: KubeObject | undefined): KubeObject {
    let admitted = object;
    for (const plugin of this.admission) admitted = plugin(this.#cluster, admitted, old);
    return admitted;
  }

  /**
   * Stores a changed object; an object whose deletion is complete leaves the store instead.
   * `owns` as for #commit.
   */
  #write(object: KubeObject, current: KubeObject, owns: Ownership): KubeObject {
    if (readyToRemove(object)) return this.#commit("DELETED", object);
    if (
      deepEqualExcept(object, current, "metadata") &&
      deepEqualExcept(object.metadata, current.metadata, "resourceVersion")
    ) {
      return current;
    }
    return this.#commit("MODIFIED", object, owns);
  }

  /**
   * The one place the store changes: stamps the resourceVersion, logs history, tells watchers.
   * What the server owns is stamped in place: all of it (a create's own copy, shared with nobody),
   * or its top level (a status write's `{ ...current, status }`, whose metadata is the stored
   * object's and gets a copy); anything else is copied down to its metadata.
   */
  #commit(type: WatchEventType, object: KubeObject, owns: Ownership = "none"): KubeObject {
    const resourceVersion = this.#cluster.store.nextResourceVersion();
    let stored = object;
    if (owns === "all") (object.metadata as WritableMeta).resourceVersion = resourceVersion;
    else if (owns === "top") object.metadata = { ...object.metadata, resourceVersion };
    else stored = { ...object, metadata: { ...object.metadata, resourceVersion } };
    if (type === "DELETED") this.#cluster.store.remove({ kind: stored.kind, ...keyOf(stored) });
    else this.#cluster.store.put(stored);
    this.#cluster.history.record(this.#cluster.clock.now(), type, stored);
    this.#cluster.emit({ type, object: stored });
    return stored;
  }

  #typeOf(kind: string): ResourceType {
    const type = resourceTypeForKind(kind);
    if (!type) throw new ApiError("NotFound", "the server could not find the requested resource");
    return type;
  }
}

/**
 * What of an object given to #commit is the server's own, to stamp in place: all of it, its top
 * level only (its metadata may be a stored object's), or nothing.
 */
type Ownership = "all" | "top" | "none";

/** The namespaces the NamespaceLifecycle admission plugin never lets go. */
const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

/** The stored resourceVersion a dry-run update answers with. */
function pick(meta: KubeObject["metadata"]): { resourceVersion?: string } {
  return meta.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function keyOf(object: KubeObject): { namespace?: string; name: string } {
  const { namespace, name } = object.metadata;
  return namespace === undefined ? { name } : { namespace, name };
}
