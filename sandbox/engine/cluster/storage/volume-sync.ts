/**
 * The volume half of the persistentvolume-controller (syncVolume and reclaimVolume in
 * pv_controller.go): Available, Bound, Released, and what the reclaim policy does next.
 */
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  binderEvent,
  setVolumePhase,
  withAnnotations,
} from "./binder-common.ts";
import { asClaim, asVolume } from "./storage-classes.ts";

export function syncVolume(cluster: Cluster, name: string): void {
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
      binderEvent(cluster, volume, "Warning", "VolumeFailedDelete", failure);
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
