import type { OwnerReference } from "kubernetes-types/meta/v1";
import { selectorMatches } from "../api/selectors.ts";
import type { Cluster } from "../cluster.ts";
import { namespacedKey } from "../object-keys.ts";
import type { KubeObject } from "../types.ts";

/** The reference a controller puts on what it creates (metav1.NewControllerRef). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The owner reference marked `controller: true`, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerOf(object)?.uid === owner.metadata.uid;
}

/** `namespace/name`, the key controllers queue (split back with splitNamespacedKey). */
export function keyOf(object: KubeObject): string {
  return namespacedKey(object.metadata.namespace ?? "", object.metadata.name);
}

/**
 * The ControllerRefManager's claim step: of `candidates`, keep those the owner controls and
 * still matches, adopt orphans that match (unless the owner is being deleted), and release the
 * ones it controls that no longer match. Writes adoptions and releases through the API.
 */
export function claimObjects(
  cluster: Cluster,
  owner: KubeObject,
  candidates: readonly KubeObject[],
  matches: (candidate: KubeObject) => boolean,
): KubeObject[] {
  const claimed: KubeObject[] = [];
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  for (const candidate of candidates) {
    const ref = controllerOf(candidate);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches(candidate)) {
        claimed.push(candidate);
      } else if (!ownerDeleting) {
        releaseObject(cluster, candidate, owner);
      }
      continue;
    }
    if (ownerDeleting || candidate.metadata.deletionTimestamp || !matches(candidate)) continue;
    claimed.push(adoptObject(cluster, candidate, owner));
  }
  return claimed;
}

/** The usual "matches" for claiming: the owner's spec.selector selects the candidate's labels. */
export function selectedBy(owner: KubeObject): (candidate: KubeObject) => boolean {
  const selector = (owner.spec as { selector?: Parameters<typeof selectorMatches>[0] } | undefined)?.selector;
  return (candidate) => selectorMatches(selector, candidate.metadata.labels);
}

function adoptObject(cluster: Cluster, object: KubeObject, owner: KubeObject): KubeObject {
  return cluster.api.update({
    ...object,
    metadata: {
      ...object.metadata,
      ownerReferences: [...(object.metadata.ownerReferences ?? []), controllerRef(owner)],
    },
  });
}

function releaseObject(cluster: Cluster, object: KubeObject, owner: KubeObject): void {
  const remaining = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  const { ownerReferences: _old, ...metadata } = object.metadata;
  cluster.api.update({
    ...object,
    metadata: remaining.length > 0 ? { ...metadata, ownerReferences: remaining } : metadata,
  });
}
