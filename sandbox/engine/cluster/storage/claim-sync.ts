/**
 * The claim half of the persistentvolume-controller (syncClaim in pv_controller.go): find or
 * wait for a volume, ask a provisioner, bind both ways, or notice a lost volume.
 */

import type { ObjectReference, PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import { sameJson } from "../api/equality.ts";
import type { Cluster } from "../cluster.ts";
import { namespacedKey } from "../object-keys.ts";
import { keysBySpec } from "../store.ts";
import type { KubeObject } from "../types.ts";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  binderEvent,
  setVolumePhase,
  withAnnotations,
} from "./binder-common.ts";
import { unscheduledPodsUsingClaim } from "./claim-users.ts";
import { findBestMatchForClaim, isVolumeBoundToClaim, sameQuantity, volumeMismatch } from "./matching.ts";
import { asClaim, asVolume, bindingModeOf, claimClass, defaultStorageClass } from "./storage-classes.ts";

export function syncClaim(cluster: Cluster, namespace: string, name: string): void {
  const claim = cluster.api.tryGet("PersistentVolumeClaim", namespace, name);
  if (!claim) return;
  if (claim.metadata.annotations?.[ANN_BIND_COMPLETED]) syncBoundClaim(cluster, claim);
  else syncUnboundClaim(cluster, claim);
}

function syncUnboundClaim(cluster: Cluster, claim: KubeObject): void {
  const spec = asClaim(claim).spec ?? {};
  // Retroactive default StorageClass assignment (GA 1.28): a class-less claim created before
  // any default existed gets the default once there is one.
  if (spec.storageClassName === undefined || spec.storageClassName === null) {
    const fallback = defaultStorageClass(cluster);
    if (fallback) {
      cluster.api.update({ ...claim, spec: { ...spec, storageClassName: fallback.metadata.name } });
      return;
    }
  }
  if (!spec.volumeName) {
    const delayBinding = shouldDelayBinding(cluster, claim);
    const node = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    const volume = findBestMatchForClaim(claim, candidateVolumes(cluster, claim), delayBinding, node);
    if (volume) {
      bind(cluster, volume, claim);
      return;
    }
    if (delayBinding) {
      emitEventForUnboundDelayBindingClaim(cluster, claim);
    } else if (claimClass(claim) !== "") {
      provisionClaim(cluster, claim);
      return;
    } else {
      binderEvent(
        cluster,
        claim,
        "Normal",
        "FailedBinding",
        "no persistent volumes available for this claim and no storage class is set",
      );
    }
    setClaimStatus(cluster, claim, "Pending", undefined);
    return;
  }
  const volume = cluster.api.tryGet("PersistentVolume", undefined, spec.volumeName);
  if (!volume) {
    // The user asked for a volume that does not exist (yet): wait for it.
    setClaimStatus(cluster, claim, "Pending", undefined);
    return;
  }
  if (!asVolume(volume).spec?.claimRef) {
    const mismatch = volumeMismatch(volume, claim);
    if (mismatch) {
      binderEvent(
        cluster,
        claim,
        "Warning",
        "VolumeMismatch",
        `Cannot bind to requested volume "${spec.volumeName}": ${mismatch}`,
      );
      setClaimStatus(cluster, claim, "Pending", undefined);
    } else {
      bind(cluster, volume, claim);
    }
  } else if (isVolumeBoundToClaim(volume, claim)) {
    bind(cluster, volume, claim);
  } else {
    // The volume is someone else's; the claim waits for it to come free.
    setClaimStatus(cluster, claim, "Pending", undefined);
  }
}

/**
 * Store index key of a volume: its claimRef as `<namespace>/<name>` (namespacedKey's string), or
 * "" when it has none; worked out once per stored spec.
 */
const claimRefKeyOf = keysBySpec((volume: KubeObject) => {
  const ref = asVolume(volume).spec?.claimRef;
  return [ref ? namespacedKey(ref.namespace ?? "", ref.name ?? "") : ""];
});

/**
 * The volumes findBestMatchForClaim can pick for `claim`, in list order: those without a claimRef
 * and those whose claimRef names the claim (a volume claimed by another is always passed over).
 * Read through a store index, so that a claim does not scan every volume of a big cluster.
 */
function candidateVolumes(cluster: Cluster, claim: KubeObject): KubeObject[] {
  const { namespace, name } = claim.metadata;
  const byRef = (key: string) =>
    cluster.store.indexed("PersistentVolume", "claim-sync/claim-ref", claimRefKeyOf, key);
  const unclaimed = byRef("");
  const prebound = byRef(namespacedKey(namespace ?? "", name));
  if (prebound.length === 0) return unclaimed;
  const byName = (a: KubeObject, b: KubeObject) =>
    a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return [...unclaimed, ...prebound].sort(byName);
}

function syncBoundClaim(cluster: Cluster, claim: KubeObject): void {
  const volumeName = asClaim(claim).spec?.volumeName;
  if (!volumeName) {
    lose(cluster, claim, "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
    return;
  }
  const volume = cluster.api.tryGet("PersistentVolume", undefined, volumeName);
  if (!volume) {
    lose(cluster, claim, "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
    return;
  }
  if (!asVolume(volume).spec?.claimRef || isVolumeBoundToClaim(volume, claim)) {
    bind(cluster, volume, claim);
    return;
  }
  binderEvent(
    cluster,
    claim,
    "Warning",
    "ClaimMisbound",
    "Two claims are bound to the same volume, this one is bound incorrectly",
  );
  setClaimStatus(cluster, claim, "Lost", undefined);
}

function lose(cluster: Cluster, claim: KubeObject, message: string): void {
  if (asClaim(claim).status?.phase === "Lost") return;
  setClaimStatus(cluster, claim, "Lost", undefined);
  binderEvent(cluster, claim, "Warning", "ClaimLost", message);
}

/** A claim waits for a consumer when its class says WaitForFirstConsumer and no node is chosen. */
function shouldDelayBinding(cluster: Cluster, claim: KubeObject): boolean {
  if (claim.metadata.annotations?.[ANN_SELECTED_NODE]) return false;
  const name = claimClass(claim);
  if (name === "") return false;
  const sc = cluster.api.tryGet("StorageClass", undefined, name);
  return sc !== undefined && bindingModeOf(sc) === "WaitForFirstConsumer";
}

function emitEventForUnboundDelayBindingClaim(cluster: Cluster, claim: KubeObject): void {
  const pods = unscheduledPodsUsingClaim(cluster, claim).map((p) => p.metadata.name);
  if (pods.length === 0) {
    binderEvent(
      cluster,
      claim,
      "Normal",
      "WaitForFirstConsumer",
      "waiting for first consumer to be created before binding",
    );
  } else if (pods.length === 1) {
    binderEvent(
      cluster,
      claim,
      "Normal",
      "WaitForPodScheduled",
      `waiting for pod ${pods[0]} to be scheduled`,
    );
  } else {
    binderEvent(
      cluster,
      claim,
      "Normal",
      "WaitForPodScheduled",
      `waiting for pods ${pods.join(",")} to be scheduled`,
    );
  }
}

/**
 * provisionClaim for an external provisioner: name the provisioner on the claim (which is what
 * the provisioner watches for) and say so. In-tree `kubernetes.io/…` names have no plugin left
 * in a 1.34 controller-manager, so they fail the way `kubernetes.io/no-provisioner` does.
 */
function provisionClaim(cluster: Cluster, claim: KubeObject): void {
  const className = claimClass(claim);
  const sc = cluster.api.tryGet("StorageClass", undefined, className);
  if (!sc) {
    binderEvent(
      cluster,
      claim,
      "Warning",
      "ProvisioningFailed",
      `storageclass.storage.k8s.io "${className}" not found`,
    );
    return;
  }
  const provisioner = String(sc.provisioner ?? "");
  if (provisioner.startsWith("kubernetes.io/")) {
    binderEvent(
      cluster,
      claim,
      "Warning",
      "ProvisioningFailed",
      `no volume plugin matched name: ${provisioner}`,
    );
    return;
  }
  let current = claim;
  const annotations = claim.metadata.annotations ?? {};
  if (
    annotations[ANN_STORAGE_PROVISIONER] !== provisioner ||
    annotations[ANN_BETA_STORAGE_PROVISIONER] !== provisioner
  ) {
    current = cluster.api.update(
      {
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: {
            ...annotations,
            [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
            [ANN_STORAGE_PROVISIONER]: provisioner,
          },
        },
      },
      { owned: true },
    );
  }
  binderEvent(
    cluster,
    current,
    "Normal",
    "ExternalProvisioning",
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
}

/** bind(): claimRef and Bound on the volume, then volumeName, annotations and Bound on the claim. */
function bind(cluster: Cluster, volume: KubeObject, claim: KubeObject): void {
  let pv = bindVolumeToClaim(cluster, volume, claim);
  pv = setVolumePhase(cluster, pv, "Bound", "");
  const pvc = bindClaimToVolume(cluster, claim, pv);
  setClaimStatus(cluster, pvc, "Bound", pv);
}

function claimReference(claim: KubeObject): ObjectReference {
  return {
    kind: "PersistentVolumeClaim",
    namespace: claim.metadata.namespace,
    name: claim.metadata.name,
    uid: claim.metadata.uid,
    apiVersion: "v1",
    resourceVersion: claim.metadata.resourceVersion,
  };
}

function bindVolumeToClaim(cluster: Cluster, volume: KubeObject, claim: KubeObject): KubeObject {
  const spec = asVolume(volume).spec ?? {};
  const ref = spec.claimRef;
  const setByController = !isVolumeBoundToClaim(volume, claim);
  const refCurrent =
    ref?.name === claim.metadata.name &&
    ref?.namespace === claim.metadata.namespace &&
    ref?.uid === claim.metadata.uid;
  const annotations = { ...(volume.metadata.annotations ?? {}) };
  let dirty = false;
  const next: PersistentVolume = { ...(volume as unknown as PersistentVolume), spec: { ...spec } };
  if (!refCurrent) {
    next.spec!.claimRef = claimReference(claim);
    dirty = true;
  }
  if (setByController && annotations[ANN_BOUND_BY_CONTROLLER] === undefined) {
    annotations[ANN_BOUND_BY_CONTROLLER] = "yes";
    dirty = true;
  }
  if (!dirty) return volume;
  return cluster.api.update(
    { ...(next as unknown as KubeObject), metadata: withAnnotations(volume, annotations) },
    { owned: true },
  );
}

function bindClaimToVolume(cluster: Cluster, claim: KubeObject, volume: KubeObject): KubeObject {
  const spec = { ...(asClaim(claim).spec ?? {}) };
  const annotations = { ...(claim.metadata.annotations ?? {}) };
  let dirty = false;
  if (spec.volumeName !== volume.metadata.name) {
    spec.volumeName = volume.metadata.name;
    annotations[ANN_BOUND_BY_CONTROLLER] ??= "yes";
    dirty = true;
  }
  if (annotations[ANN_BIND_COMPLETED] === undefined) {
    annotations[ANN_BIND_COMPLETED] = "yes";
    dirty = true;
  }
  if (!dirty) return claim;
  return cluster.api.update(
    { ...claim, spec, metadata: { ...claim.metadata, annotations } },
    { owned: true },
  );
}

/** updateClaimStatus: phase, and the volume's modes and (on becoming Bound) capacity. */
function setClaimStatus(
  cluster: Cluster,
  claim: KubeObject,
  phase: string,
  volume: KubeObject | undefined,
): KubeObject {
  const status: NonNullable<PersistentVolumeClaim["status"]> = { ...(asClaim(claim).status ?? {}) };
  const was = status.phase;
  status.phase = phase;
  if (!volume) {
    delete status.accessModes;
    delete status.capacity;
  } else {
    status.accessModes = asVolume(volume).spec?.accessModes;
    const capacity = asVolume(volume).spec?.capacity;
    if (was !== phase && !sameQuantity(capacity?.storage, status.capacity?.storage))
      status.capacity = capacity;
  }
  if (sameJson(status, asClaim(claim).status ?? {})) return claim;
  return cluster.api.updateStatus({ ...claim, status });
}
