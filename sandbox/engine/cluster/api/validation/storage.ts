/**
 * PersistentVolumeClaim, PersistentVolume and StorageClass validation (pkg/apis/core/validation,
 * pkg/apis/storage/validation). Defaults and the protection finalizers come from the storage
 * admission plugin (cluster/storage/admission.ts).
 */
import type { FieldError } from "../../errors.ts";
import type { KubeObject } from "../../types.ts";
import { deepEqual } from "../equality.ts";
import { forbidden, invalid, notSupported, required } from "./field.ts";

type Obj = Record<string, unknown>;

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"];
const VOLUME_SOURCES = [
  "hostPath",
  "local",
  "nfs",
  "csi",
  "iscsi",
  "fc",
  "awsElasticBlockStore",
  "gcePersistentDisk",
];

function accessModeErrors(modes: unknown, path: string, requiredDetail?: string): FieldError[] {
  const list = Array.isArray(modes) ? (modes as string[]) : [];
  const errs: FieldError[] = [];
  if (list.length === 0) errs.push(required(path, requiredDetail));
  for (const mode of list)
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path, mode, ACCESS_MODES));
  if (list.includes("ReadWriteOncePod") && list.length > 1) {
    errs.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  }
  return errs;
}

export function validateClaim(claim: KubeObject): FieldError[] {
  const spec = (claim.spec ?? {}) as Obj;
  const errs = accessModeErrors(spec.accessModes, "spec.accessModes", "at least 1 access mode is required");
  const requests = ((spec.resources as Obj | undefined)?.requests ?? {}) as Obj;
  if (requests.storage === undefined) errs.push(required("spec.resources[storage]"));
  return errs;
}

export const CLAIM_SPEC_IMMUTABLE =
  "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

/**
 * What may change on a claim: the requested size of a bound claim, the attributes class, and the
 * fields the control plane fills in once (volumeName by the binder, storageClassName by the
 * retroactive default class). The real message is followed by a diff of the spec, left out here.
 */
export function validateClaimUpdate(claim: KubeObject, old: KubeObject): FieldError[] {
  const spec = { ...((claim.spec ?? {}) as Obj) };
  const oldSpec = (old.spec ?? {}) as Obj;
  const bound = (old.status as { phase?: string } | undefined)?.phase === "Bound";
  if (bound) spec.resources = oldSpec.resources;
  spec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!oldSpec.volumeName) spec.volumeName = oldSpec.volumeName;
  if (oldSpec.storageClassName === undefined) spec.storageClassName = oldSpec.storageClassName;
  return deepEqual(spec, oldSpec) ? [] : [forbidden("spec", CLAIM_SPEC_IMMUTABLE)];
}

export function validateVolume(pv: KubeObject): FieldError[] {
  const spec = (pv.spec ?? {}) as Obj;
  const errs: FieldError[] = [];
  const capacity = (spec.capacity ?? {}) as Obj;
  if (Object.keys(capacity).length === 0) errs.push(required("spec.capacity"));
  else if (capacity.storage === undefined)
    errs.push(notSupported("spec.capacity", Object.keys(capacity)[0], ["storage"]));
  errs.push(...accessModeErrors(spec.accessModes, "spec.accessModes"));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && !RECLAIM_POLICIES.includes(policy as string)) {
    errs.push(notSupported("spec.persistentVolumeReclaimPolicy", policy, RECLAIM_POLICIES));
  }
  const sources = VOLUME_SOURCES.filter((s) => spec[s] !== undefined);
  if (sources.length === 0) errs.push(required("spec", "must specify a volume type"));
  return errs;
}

/** Reference: the volume source cannot change once created (exact text not verified, objects.md §8). */
export function validateVolumeUpdate(pv: KubeObject, old: KubeObject): FieldError[] {
  const spec = (pv.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  const changed = VOLUME_SOURCES.some((s) => !deepEqual(spec[s], oldSpec[s]));
  return changed
    ? [forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation")]
    : [];
}

const BINDING_MODES = ["Immediate", "WaitForFirstConsumer"];

export function validateStorageClass(sc: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required("provisioner"));
  if (sc.reclaimPolicy !== undefined && sc.reclaimPolicy !== "Delete" && sc.reclaimPolicy !== "Retain") {
    errs.push(notSupported("reclaimPolicy", sc.reclaimPolicy, ["Delete", "Retain"]));
  }
  if (sc.volumeBindingMode !== undefined && !BINDING_MODES.includes(sc.volumeBindingMode as string)) {
    errs.push(notSupported("volumeBindingMode", sc.volumeBindingMode, BINDING_MODES));
  }
  return errs;
}

export function validateStorageClassUpdate(sc: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!deepEqual(sc.parameters, old.parameters))
    errs.push(forbidden("parameters", "updates to parameters are forbidden."));
  if (sc.provisioner !== old.provisioner)
    errs.push(forbidden("provisioner", "updates to provisioner are forbidden."));
  if (sc.reclaimPolicy !== old.reclaimPolicy) {
    errs.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
  }
  if (sc.volumeBindingMode !== old.volumeBindingMode) {
    errs.push(invalid("volumeBindingMode", sc.volumeBindingMode ?? null, "field is immutable"));
  }
  return errs;
}
