/**
 * Per-kind rules the API server applies on the way into the store, after the Kubernetes
 * registry strategies (PrepareForCreate/PrepareForUpdate, Validate/ValidateUpdate): who owns
 * which metadata field, when generation moves, defaulting, and validation with exact texts.
 */
import type { Cluster } from "../cluster.ts";
import { ApiError, type FieldError, invalidError } from "../errors.ts";
import { apiVersionOf, type ResourceType } from "../kinds.ts";
import type { KubeObject, WritableMeta } from "../types.ts";
import { canonicalizeQuantities } from "./defaults/quantities.ts";
import { deepEqual } from "./equality.ts";
import { KIND_RULES } from "./kind-rules.ts";
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from "./validation/meta.ts";

/** Kinds whose strategy stamps metadata.generation (Pods too since PodObservedGenerationTracking, 1.34). */
const GENERATION_KINDS = new Set(["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"]);

function checkApiVersion(type: ResourceType, object: KubeObject): void {
  const expected = apiVersionOf(type);
  if (object.apiVersion === undefined || object.apiVersion === "") object.apiVersion = expected;
  else if (object.apiVersion !== expected) {
    throw new ApiError("NotFound", "the server could not find the requested resource");
  }
}

/** The metadata only the server sets. */
const SERVER_OWNED = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"] as const;

/**
 * BeforeCreate: server-owned metadata reset, name generated, defaults filled. `object` is the
 * server's own copy of what was sent (every create makes one): it is changed in place and returned.
 */
export function prepareForCreate(type: ResourceType, object: KubeObject, cluster: Cluster): KubeObject {
  checkApiVersion(type, object);
  // Anything but a plain object (left out, or a string in a hand-written manifest) spreads as ever.
  if (typeof object.metadata !== "object" || object.metadata === null || Array.isArray(object.metadata)) {
    object.metadata = { ...(object.metadata as object) } as KubeObject["metadata"];
  }
  const metadata: WritableMeta = object.metadata;
  if (metadata.resourceVersion) {
    throw new ApiError("BadRequest", "resourceVersion should not be set on objects to be created");
  }
  if (type.namespaced) metadata.namespace ||= "default";
  else if ("namespace" in metadata) delete metadata.namespace;
  if (!metadata.name && metadata.generateName) {
    // apiserver's names.SimpleNameGenerator: base cut to 58 characters plus 5 random ones.
    metadata.name = `${metadata.generateName.slice(0, 58)}${cluster.rng.k8sString(5)}`;
  }
  // Deleting only what is there: a delete turns a V8 object into a slow dictionary.
  for (const key of SERVER_OWNED) if (key in metadata) delete metadata[key];
  if (GENERATION_KINDS.has(type.kind)) metadata.generation = 1;
  else if ("generation" in metadata) delete metadata.generation;
  metadata.name ??= "";
  // The pod strategy's PrepareForCreate replaces whatever status was sent (kubectl run sends
  // `status: {}`): a new pod is Pending with its QoS class, which defaultPod fills in.
  if (type.kind === "Pod" && "status" in object) delete object.status;
  KIND_RULES[type.kind]?.default?.(object);
  KIND_RULES[type.kind]?.dropDisabledFields?.(object, undefined);
  canonicalizeQuantities(object.spec);
  return object;
}

/** BeforeUpdate: identity, timestamps, deletion state and status come from the stored object. */
export function prepareForUpdate(type: ResourceType, object: KubeObject, current: KubeObject): KubeObject {
  checkApiVersion(type, object);
  const old = current.metadata;
  const metadata = { ...object.metadata, name: old.name };
  if (old.namespace !== undefined) metadata.namespace = old.namespace;
  else delete metadata.namespace;
  for (const key of SERVER_OWNED) {
    if (old[key] !== undefined) (metadata as Record<string, unknown>)[key] = old[key];
    else delete metadata[key];
  }
  delete metadata.resourceVersion;
  const prepared: KubeObject = { ...object, metadata };
  if (current.status !== undefined) prepared.status = current.status;
  else delete prepared.status;
  KIND_RULES[type.kind]?.default?.(prepared);
  KIND_RULES[type.kind]?.dropDisabledFields?.(prepared, current);
  // The stored spec itself (an owned update of metadata or status) is canonical already.
  if (prepared.spec !== current.spec) canonicalizeQuantities(prepared.spec);
  if (old.generation !== undefined) {
    metadata.generation = deepEqual(prepared.spec, current.spec) ? old.generation : old.generation + 1;
  } else {
    delete metadata.generation;
  }
  return prepared;
}

function details(type: ResourceType, object: KubeObject) {
  return { kind: type.kind, group: type.group, name: object.metadata.name };
}

function throwIfInvalid(type: ResourceType, object: KubeObject, errs: FieldError[]): void {
  if (errs.length > 0) throw invalidError(details(type, object), errs);
}

export function validateCreate(type: ResourceType, object: KubeObject): void {
  const rules = KIND_RULES[type.kind];
  const errs = validateObjectMeta(object.metadata, type.namespaced, rules?.name ?? nameIsDNSSubdomain);
  errs.push(...(rules?.validate?.(object) ?? []));
  throwIfInvalid(type, object, errs);
}

export function validateUpdate(type: ResourceType, object: KubeObject, current: KubeObject): void {
  const rules = KIND_RULES[type.kind];
  const errs = validateObjectMeta(object.metadata, type.namespaced, rules?.name ?? nameIsDNSSubdomain);
  errs.push(...(rules?.validate?.(object) ?? []));
  errs.push(...validateObjectMetaUpdate(object.metadata, current.metadata));
  errs.push(...(rules?.validateUpdate?.(object, current) ?? []));
  throwIfInvalid(type, object, errs);
}
