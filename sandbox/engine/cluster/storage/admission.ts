/**
 * What the API server does to storage objects on their way in: the registry defaults and
 * PrepareForCreate status of PersistentVolume, PersistentVolumeClaim and StorageClass, the
 * DefaultStorageClass admission plugin, StorageObjectInUseProtection (the pvc-protection and
 * pv-protection finalizers) and PersistentVolumeClaimResize. Registered as one admission plugin (`api.admission`).
 */
import type { Cluster } from "../cluster.ts";
import { ApiError } from "../errors.ts";
import type { KubeObject } from "../types.ts";
import { parseQuantity } from "./quantity.ts";
import { asClaim, claimClass, defaultStorageClass } from "./storage-classes.ts";

export const PVC_PROTECTION = "kubernetes.io/pvc-protection";
export const PV_PROTECTION = "kubernetes.io/pv-protection";

type Spec = Record<string, unknown>;

export function admitStorage(cluster: Cluster, object: KubeObject, old: KubeObject | undefined): KubeObject {
  switch (object.kind) {
    case "PersistentVolumeClaim":
      if (!old) return createClaim(cluster, object);
      refuseUnsupportedResize(cluster, object, old);
      return defaultClaim(object);
    case "PersistentVolume":
      return old ? defaultVolume(object) : createVolume(cluster, object);
    case "StorageClass":
      return defaultClass(object);
    default:
      return object;
  }
}

function createClaim(cluster: Cluster, object: KubeObject): KubeObject {
  const claim = defaultClaim(object);
  const spec = claim.spec as Spec;
  // DefaultStorageClass: only a claim that leaves the class out gets the default; "" means none.
  if (spec.storageClassName === undefined || spec.storageClassName === null) {
    const fallback = defaultStorageClass(cluster);
    if (fallback) spec.storageClassName = fallback.metadata.name;
  }
  claim.status = { phase: "Pending" };
  return withFinalizer(claim, PVC_PROTECTION);
}

/**
 * The PersistentVolumeClaimResize admission plugin: a claim may only grow when it is bound and its
 * class says allowVolumeExpansion (kind's `standard` does not).
 */
function refuseUnsupportedResize(cluster: Cluster, claim: KubeObject, old: KubeObject): void {
  // The stored spec itself (an owned update of the claim's metadata) asks for no more.
  if (claim.spec === old.spec) return;
  const requested = parseQuantity(asClaim(claim).spec?.resources?.requests?.storage) ?? 0;
  const before = parseQuantity(asClaim(old).spec?.resources?.requests?.storage) ?? 0;
  if (requested <= before) return;
  const forbidden = (why: string) =>
    new ApiError("Forbidden", `persistentvolumeclaims "${claim.metadata.name}" is forbidden: ${why}`);
  if (asClaim(old).status?.phase !== "Bound")
    throw forbidden("Only bound persistent volume claims can be expanded");
  const className = claimClass(claim);
  const sc = className === "" ? undefined : cluster.api.tryGet("StorageClass", undefined, className);
  if (className !== claimClass(old) || !sc || sc.allowVolumeExpansion !== true) {
    throw forbidden(
      "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
    );
  }
}

function createVolume(cluster: Cluster, object: KubeObject): KubeObject {
  const volume = defaultVolume(object);
  // PrepareForCreate: a new volume starts Pending (the controller makes it Available) and
  // records when it entered that phase (PersistentVolumeLastPhaseTransitionTime, GA 1.31).
  volume.status = { phase: "Pending", lastPhaseTransitionTime: cluster.api.timestamp() };
  return withFinalizer(volume, PV_PROTECTION);
}

function defaultClaim(object: KubeObject): KubeObject {
  // Already defaulted (every update of a stored claim): the same object, not a copy of its spec.
  if ((object.spec as Spec | undefined)?.volumeMode != null) return object;
  const spec: Spec = { ...((object.spec as Spec | undefined) ?? {}) };
  spec.volumeMode ??= "Filesystem";
  return { ...object, spec };
}

function defaultVolume(object: KubeObject): KubeObject {
  const given = object.spec as Spec | undefined;
  const givenHostPath = given?.hostPath as Spec | undefined;
  // Already defaulted (every update of a stored volume): the same object, not a copy of its spec.
  if (
    given?.persistentVolumeReclaimPolicy != null &&
    given.volumeMode != null &&
    (!givenHostPath || givenHostPath.type !== undefined)
  )
    return object;
  const spec: Spec = { ...(given ?? {}) };
  spec.persistentVolumeReclaimPolicy ??= "Retain";
  spec.volumeMode ??= "Filesystem";
  const hostPath = spec.hostPath as Spec | undefined;
  if (hostPath && hostPath.type === undefined) spec.hostPath = { ...hostPath, type: "" };
  return { ...object, spec };
}

function defaultClass(object: KubeObject): KubeObject {
  return {
    ...object,
    reclaimPolicy: object.reclaimPolicy ?? "Delete",
    volumeBindingMode: object.volumeBindingMode ?? "Immediate",
  };
}

function withFinalizer(object: KubeObject, finalizer: string): KubeObject {
  const finalizers = object.metadata.finalizers ?? [];
  if (finalizers.includes(finalizer)) return object;
  return { ...object, metadata: { ...object.metadata, finalizers: [...finalizers, finalizer] } };
}
