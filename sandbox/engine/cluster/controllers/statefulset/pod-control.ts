import type { OwnerReference } from "kubernetes-types/meta/v1";
import { cloneJson } from "../../api/clone.ts";
import type { Cluster } from "../../cluster.ts";
import { ApiError } from "../../errors.ts";
import { recordEvent } from "../../events.ts";
import type { KubeObject } from "../../types.ts";
import { controllerRef } from "../owners.ts";
import {
  claimFor,
  claimNamesFor,
  identityMatches,
  inOrdinalRange,
  ordinalOf,
  specOf,
  storageMatches,
  updateIdentity,
  updateStorage,
} from "./identity.ts";

/**
 * The StatefulSet controller's writes (stateful_pod_control.go): pods, their claims and the
 * claims' owner references for the retention policy, each with the event the real controller
 * records on the set.
 */

const SOURCE = { component: "statefulset-controller" };

function recordPodEvent(cluster: Cluster, verb: string, set: KubeObject, pod: KubeObject, error?: unknown) {
  const title = verb[0]!.toUpperCase() + verb.slice(1);
  const where = `Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`;
  if (error === undefined) {
    recordEvent(cluster, set, "Normal", `Successful${title}`, `${verb} ${where} successful`, SOURCE);
  } else {
    recordEvent(
      cluster,
      set,
      "Warning",
      `Failed${title}`,
      `${verb} ${where} failed error: ${message(error)}`,
      SOURCE,
    );
  }
}

function recordClaimEvent(
  cluster: Cluster,
  verb: string,
  set: KubeObject,
  pod: KubeObject,
  claim: KubeObject,
  error?: unknown,
) {
  const title = verb[0]!.toUpperCase() + verb.slice(1);
  const { name } = claim.metadata;
  if (error === undefined) {
    const text = `${verb} Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`;
    recordEvent(cluster, set, "Normal", `Successful${title}`, text, SOURCE);
  } else {
    const text = `${verb} Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${message(error)}`;
    recordEvent(cluster, set, "Warning", `Failed${title}`, text, SOURCE);
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isAlreadyExists = (error: unknown) => error instanceof ApiError && error.reason === "AlreadyExists";

/** createPersistentVolumeClaims: creates what is missing; a claim being deleted is an error. */
function createClaims(cluster: Cluster, set: KubeObject, pod: KubeObject, ordinal = ordinalOf(pod)): void {
  const errors: string[] = [];
  const { claimTemplates } = specOf(set);
  const names = claimNamesFor(set, ordinal);
  for (let i = 0; i < claimTemplates.length; i++) {
    const template = claimTemplates[i]!;
    const existing = cluster.api.tryGet("PersistentVolumeClaim", set.metadata.namespace, names[i]!);
    if (existing) {
      if (existing.metadata.deletionTimestamp) errors.push(`pvc ${existing.metadata.name} is being deleted`);
      continue;
    }
    // Built only when missing: a big set's every pass checks every pod's claims.
    const claim = claimFor(set, template, ordinal);
    try {
      // Built for this call from a copy of the template: the server may keep it as it is.
      cluster.api.create(claim, { owned: true });
      recordClaimEvent(cluster, "create", set, pod, claim);
    } catch (error) {
      errors.push(`failed to create PVC ${claim.metadata.name}: ${message(error)}`);
      if (!isAlreadyExists(error)) recordClaimEvent(cluster, "create", set, pod, claim, error);
    }
  }
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length > 1) throw new Error(`[${errors.join(", ")}]`);
}

/** CreateStatefulPod: claims first, then the pod, then the claims' owner refs. */
export function createStatefulPod(
  cluster: Cluster,
  set: KubeObject,
  pod: KubeObject,
  ordinal = ordinalOf(pod),
): KubeObject {
  try {
    createClaims(cluster, set, pod, ordinal);
  } catch (error) {
    recordPodEvent(cluster, "create", set, pod, error);
    throw error;
  }
  let created: KubeObject;
  try {
    // Built from a copy of the template (podFromTemplate) and replaced by what the server stored.
    created = cluster.api.create(pod, { owned: true });
  } catch (error) {
    if (!isAlreadyExists(error)) recordPodEvent(cluster, "create", set, pod, error);
    throw error;
  }
  updateClaimsForRetentionPolicy(cluster, set, created, ordinal);
  recordPodEvent(cluster, "create", set, created);
  return created;
}

/** createMissingPersistentVolumeClaims, for a pod still Pending. */
export function createMissingClaims(
  cluster: Cluster,
  set: KubeObject,
  pod: KubeObject,
  ordinal = ordinalOf(pod),
): void {
  try {
    createClaims(cluster, set, pod, ordinal);
  } catch (error) {
    recordPodEvent(cluster, "update", set, pod, error);
    throw error;
  }
}

export function deleteStatefulPod(cluster: Cluster, set: KubeObject, pod: KubeObject): void {
  try {
    cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name);
  } catch (error) {
    recordPodEvent(cluster, "delete", set, pod, error);
    throw error;
  }
  recordPodEvent(cluster, "delete", set, pod);
}

/** UpdateStatefulPod: restores identity labels, claim volumes and claim owner refs. */
export function updateStatefulPod(cluster: Cluster, set: KubeObject, pod: KubeObject): void {
  const replica = cloneJson(pod);
  let consistent = true;
  if (!identityMatches(set, replica)) {
    updateIdentity(set, replica);
    consistent = false;
  }
  try {
    if (!storageMatches(set, replica)) {
      updateStorage(set, replica);
      consistent = false;
      createClaims(cluster, set, replica);
    }
    if (!claimsMatchRetentionPolicy(cluster, set, replica)) {
      updateClaimsForRetentionPolicy(cluster, set, replica);
      consistent = false;
    }
  } catch (error) {
    recordPodEvent(cluster, "update", set, replica, error);
    throw error;
  }
  if (consistent) return;
  try {
    cluster.api.update(replica);
  } catch (error) {
    recordPodEvent(cluster, "update", set, replica, error);
    throw error;
  }
  recordPodEvent(cluster, "update", set, replica);
}

/**
 * PodClaimIsStale: under whenScaled=Delete a claim still owned by an earlier pod of the same
 * name is about to be garbage collected, so the new pod must wait for it to go.
 */
export function podClaimIsStale(
  cluster: Cluster,
  set: KubeObject,
  pod: KubeObject,
  ordinal = ordinalOf(pod),
): boolean {
  if (specOf(set).whenScaled === "Retain") return false;
  for (const name of claimNamesFor(set, ordinal)) {
    const existing = cluster.api.tryGet("PersistentVolumeClaim", set.metadata.namespace, name);
    const ref = existing?.metadata.ownerReferences?.find(
      (r) => r.kind === "Pod" && r.name === pod.metadata.name,
    );
    if (ref && ref.uid !== pod.metadata.uid) return true;
  }
  return false;
}

const refersTo = (ref: OwnerReference, owner: KubeObject) =>
  ref.kind === owner.kind && ref.name === owner.metadata.name;

/** The claim's owner refs under the retention policy (storage.md §7); undefined if unchanged. */
function retainedOwnerRefs(
  claim: KubeObject,
  set: KubeObject,
  pod: KubeObject,
  ordinal: number,
): OwnerReference[] | undefined {
  const { whenDeleted, whenScaled } = specOf(set);
  const current = claim.metadata.ownerReferences ?? [];
  const scaledDown = !inOrdinalRange(set, pod, ordinal);
  const wantSet = whenDeleted === "Delete" && !(whenScaled === "Delete" && scaledDown);
  const wantPod = whenScaled === "Delete" && scaledDown;
  // What the filters below come to for a claim owned by nothing that should stay so (Retain
  // both ways, the default): every pass asks it of every claim.
  if (current.length === 0 && !wantSet && !wantPod) return undefined;
  let refs = current.filter((r) => (wantSet || !refersTo(r, set)) && (wantPod || !refersTo(r, pod)));
  if (wantSet && !refs.some((r) => r.uid === set.metadata.uid)) {
    refs = [...refs.filter((r) => !refersTo(r, set)), controllerRef(set)];
  }
  if (wantPod && !refs.some((r) => r.uid === pod.metadata.uid)) {
    const podRef = { apiVersion: "v1", kind: "Pod", name: pod.metadata.name, uid: pod.metadata.uid ?? "" };
    refs = [...refs.filter((r) => !refersTo(r, pod)), podRef];
  }
  return sameElements(refs, current) ? undefined : refs;
}

/**
 * Whether the refs worked out are the claim's own, element for element. The filters above keep
 * the claim's ref objects and anything added is a new ref for a uid the claim lacked, so this is
 * what comparing their JSON said, without writing both out for every claim of every pass.
 */
function sameElements(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A claim controlled by something other than this set or this pod is left alone. */
function hasUnexpectedController(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  return (claim.metadata.ownerReferences ?? []).some((ref) => {
    if (ref.controller !== true) return false;
    if (refersTo(ref, set)) return ref.uid !== set.metadata.uid;
    if (refersTo(ref, pod)) return ref.uid !== pod.metadata.uid;
    return true;
  });
}

function existingClaims(cluster: Cluster, set: KubeObject, ordinal: number): KubeObject[] {
  const claims: KubeObject[] = [];
  for (const name of claimNamesFor(set, ordinal)) {
    const claim = cluster.api.tryGet("PersistentVolumeClaim", set.metadata.namespace, name);
    if (claim) claims.push(claim);
  }
  return claims;
}

export function claimsMatchRetentionPolicy(
  cluster: Cluster,
  set: KubeObject,
  pod: KubeObject,
  ordinal = ordinalOf(pod),
): boolean {
  return existingClaims(cluster, set, ordinal).every(
    (claim) =>
      hasUnexpectedController(claim, set, pod) || retainedOwnerRefs(claim, set, pod, ordinal) === undefined,
  );
}

/** UpdatePodClaimForRetentionPolicy: moves owner refs so that the GC deletes what the policy says. */
export function updateClaimsForRetentionPolicy(
  cluster: Cluster,
  set: KubeObject,
  pod: KubeObject,
  ordinal = ordinalOf(pod),
): void {
  for (const claim of existingClaims(cluster, set, ordinal)) {
    if (hasUnexpectedController(claim, set, pod)) continue;
    const refs = retainedOwnerRefs(claim, set, pod, ordinal);
    if (refs === undefined) continue;
    const metadata = { ...claim.metadata, ownerReferences: refs };
    if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    cluster.api.update({ ...claim, metadata });
  }
}
