/**
 * The persistentvolume-controller of kube-controller-manager (pkg/controller/volume/
 * persistentvolume/pv_controller.go): binds claims to volumes, asks provisioners for new
 * volumes, moves both through their phases and reclaims released volumes. One claim or one
 * volume per reconcile, keyed `claim/<ns>/<name>` or `volume/<name>`.
 *
 * Differences from the real loop, on purpose: there is no 15-second resync (it would keep
 * simulated time from ever settling); instead a new or changed volume or class re-queues the
 * pending claims it could matter to, so binding happens at once rather than up to 15s later,
 * and events repeat at most once per resync period when something re-queues a claim.
 * A WaitForFirstConsumer claim whose node the scheduler chose binds a matching hand-made volume
 * on that node before asking for a new one (the scheduler's own binder does that for real).
 */
import type { ObjectReference, PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { recordEvent } from "../events.ts";
import type { KubeObject } from "../types.ts";
import { unscheduledPodsUsingClaim } from "./claim-users.ts";
import { findBestMatchForClaim, isVolumeBoundToClaim, sameQuantity, volumeMismatch } from "./matching.ts";
import {
  asClaim,
  asVolume,
  bindingModeOf,
  claimClass,
  defaultStorageClass,
  volumeClass,
} from "./storage-classes.ts";

export const PV_CONTROLLER = "persistentvolume-controller";

export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const ANN_PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";

const claimKey = (namespace: string | undefined, name: string) => `claim/${namespace ?? "default"}/${name}`;
const volumeKey = (name: string) => `volume/${name}`;

export function createPersistentVolumeController(): Controller<Cluster> {
  return {
    name: PV_CONTROLLER,
    keysFor(event, cluster) {
      return keysFor(event, cluster);
    },
    reconcile(key, cluster) {
      const [what, ...rest] = key.split("/");
      if (what === "claim") syncClaim(cluster, rest[0]!, rest.slice(1).join("/"));
      else if (what === "volume") syncVolume(cluster, rest.join("/"));
    },
  };
}

function keysFor({ type, object }: WatchEvent, cluster: Cluster): string[] {
  switch (object.kind) {
    case "PersistentVolumeClaim": {
      const keys = [claimKey(object.metadata.namespace, object.metadata.name)];
      // A claim that goes away releases its volume: the volume side notices.
      if (type === "DELETED") {
        for (const volume of cluster.api.list("PersistentVolume")) {
          const ref = asVolume(volume).spec?.claimRef;
          if (ref?.namespace === object.metadata.namespace && ref?.name === object.metadata.name) {
            keys.push(volumeKey(volume.metadata.name));
          }
        }
      }
      return keys;
    }
    case "PersistentVolume": {
      const keys = type === "DELETED" ? [] : [volumeKey(object.metadata.name)];
      const ref = asVolume(object).spec?.claimRef;
      if (ref?.name) keys.push(claimKey(ref.namespace, ref.name));
      if (type !== "DELETED" && !ref) {
        const cls = volumeClass(object);
        for (const claim of pendingClaims(cluster))
          if (claimClass(claim) === cls) keys.push(claimKeyOf(claim));
      }
      return keys;
    }
    case "StorageClass":
      // A class that appears can provision pending claims; a new default is assigned retroactively.
      return type === "DELETED" ? [] : pendingClaims(cluster).map(claimKeyOf);
    default:
      return [];
  }
}

const claimKeyOf = (claim: KubeObject) => claimKey(claim.metadata.namespace, claim.metadata.name);
const pendingClaims = (cluster: Cluster) =>
  cluster.api.list("PersistentVolumeClaim").filter((c) => !c.metadata.annotations?.[ANN_BIND_COMPLETED]);

/** The controller's resync period (kube-controller-manager --pvclaimbinder-sync-period). */
export const PV_RESYNC_MS = 15_000;

/**
 * Records an event, at most once per resync period for the same object, reason and message.
 * The real controller repeats its Pending-claim events once per 15s resync, not on every change
 * it happens to see; this keeps the `(xN over M)` counts describe shows in that rhythm.
 */
function event(
  cluster: Cluster,
  object: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
) {
  const recent = cluster.api
    .list("Event", { namespace: object.metadata.namespace ?? "default" })
    .some(
      (e) =>
        (e.involvedObject as { uid?: string }).uid === object.metadata.uid &&
        e.reason === reason &&
        e.message === message &&
        Date.parse(String(e.lastTimestamp)) > cluster.clock.now() - PV_RESYNC_MS,
    );
  if (recent) return;
  recordEvent(cluster, object, type, reason, message, { component: PV_CONTROLLER });
}

// ---------------------------------------------------------------------------------------------
// Claims

function syncClaim(cluster: Cluster, namespace: string, name: string): void {
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
    const volume = findBestMatchForClaim(claim, cluster.api.list("PersistentVolume"), delayBinding, node);
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
      event(
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
      event(
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
  event(
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
  event(cluster, claim, "Warning", "ClaimLost", message);
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
    event(
      cluster,
      claim,
      "Normal",
      "WaitForFirstConsumer",
      "waiting for first consumer to be created before binding",
    );
  } else if (pods.length === 1) {
    event(cluster, claim, "Normal", "WaitForPodScheduled", `waiting for pod ${pods[0]} to be scheduled`);
  } else {
    event(
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
    event(
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
    event(cluster, claim, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${provisioner}`);
    return;
  }
  let current = claim;
  const annotations = claim.metadata.annotations ?? {};
  if (
    annotations[ANN_STORAGE_PROVISIONER] !== provisioner ||
    annotations[ANN_BETA_STORAGE_PROVISIONER] !== provisioner
  ) {
    current = cluster.api.update({
      ...claim,
      metadata: {
        ...claim.metadata,
        annotations: {
          ...annotations,
          [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
          [ANN_STORAGE_PROVISIONER]: provisioner,
        },
      },
    });
  }
  event(
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

/** Metadata with these annotations; an empty set leaves the field out, as Go's nil map does. */
function withAnnotations(object: KubeObject, annotations: Record<string, string>): KubeObject["metadata"] {
  const { annotations: _, ...metadata } = object.metadata;
  return Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata;
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
  return cluster.api.update({
    ...(next as unknown as KubeObject),
    metadata: withAnnotations(volume, annotations),
  });
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
  return cluster.api.update({ ...claim, spec, metadata: { ...claim.metadata, annotations } });
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
  if (JSON.stringify(status) === JSON.stringify(asClaim(claim).status ?? {})) return claim;
  return cluster.api.updateStatus({ ...claim, status });
}

// ---------------------------------------------------------------------------------------------
// Volumes

/** updateVolumePhase: a phase change also stamps lastPhaseTransitionTime and the message. */
export function setVolumePhase(
  cluster: Cluster,
  volume: KubeObject,
  phase: string,
  message: string,
): KubeObject {
  const status = asVolume(volume).status ?? {};
  if (status.phase === phase && (status.message ?? "") === message) return volume;
  const next: Record<string, unknown> = { ...status, phase };
  if (message) next.message = message;
  else delete next.message;
  if (status.phase !== phase) next.lastPhaseTransitionTime = cluster.api.timestamp();
  return cluster.api.updateStatus({ ...volume, status: next });
}

function syncVolume(cluster: Cluster, name: string): void {
  const volume = cluster.api.tryGet("PersistentVolume", undefined, name);
  if (!volume) return;
  const spec = asVolume(volume).spec ?? {};
  const phase = asVolume(volume).status?.phase;
  const ref = spec.claimRef;
  if (!ref?.uid) {
    // Free, or reserved for a claim (claimRef without uid) that has not come yet.
    if (phase !== "Available") setVolumePhase(cluster, volume, "Available", "");
    return;
  }
  let claim = cluster.api.tryGet("PersistentVolumeClaim", ref.namespace, ref.name ?? "");
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    const released =
      phase === "Released" || phase === "Failed" ? volume : setVolumePhase(cluster, volume, "Released", "");
    reclaimVolume(cluster, released);
    return;
  }
  const claimVolume = asClaim(claim).spec?.volumeName;
  // Bound on our side only: the claim's sync finishes the binding (it was queued with this change).
  if (!claimVolume) return;
  if (claimVolume === name) {
    setVolumePhase(cluster, volume, "Bound", "");
    return;
  }
  // The claim is bound to another volume.
  const annotations = volume.metadata.annotations ?? {};
  if (annotations[ANN_PROVISIONED_BY] && spec.persistentVolumeReclaimPolicy === "Delete") {
    const released =
      phase === "Released" || phase === "Failed" ? volume : setVolumePhase(cluster, volume, "Released", "");
    reclaimVolume(cluster, released);
  } else if (annotations[ANN_BOUND_BY_CONTROLLER]) {
    const { [ANN_BOUND_BY_CONTROLLER]: _, ...rest } = annotations;
    const { claimRef: _ref, ...unbound } = spec;
    const updated = cluster.api.update({
      ...volume,
      spec: unbound,
      metadata: withAnnotations(volume, rest),
    });
    setVolumePhase(cluster, updated, "Available", "");
  }
}

/**
 * reclaimVolume. Retain keeps everything (Released, claimRef and data). Delete of a volume an
 * external provisioner made is that provisioner's job. Delete of a hand-made volume falls to the
 * in-tree plugins: hostPath deletes only under /tmp (and then in the controller-manager's own
 * filesystem, so the node's files stay), anything else fails. Recycle is deprecated and treated
 * like Delete.
 */
function reclaimVolume(cluster: Cluster, volume: KubeObject): void {
  const spec = asVolume(volume).spec ?? {};
  const policy = spec.persistentVolumeReclaimPolicy ?? "Retain";
  if (policy === "Retain") return;
  if (volume.metadata.deletionTimestamp) return;
  const provisionedBy = volume.metadata.annotations?.[ANN_PROVISIONED_BY];
  if (provisionedBy && !provisionedBy.startsWith("kubernetes.io/")) return;
  const failure = staticDeleteFailure(volume);
  if (failure) {
    if (asVolume(volume).status?.phase !== "Failed") {
      setVolumePhase(cluster, volume, "Failed", failure);
      event(cluster, volume, "Warning", "VolumeFailedDelete", failure);
    }
    return;
  }
  cluster.api.delete("PersistentVolume", undefined, volume.metadata.name);
}

function staticDeleteFailure(volume: KubeObject): string | undefined {
  const spec = asVolume(volume).spec ?? {};
  if (spec.hostPath) {
    const path = spec.hostPath.path ?? "";
    return /\/tmp\/.+/.test(path)
      ? undefined
      : `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  }
  return `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`;
}
