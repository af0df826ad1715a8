/**
 * What the persistentvolume-controller's claim and volume halves share: its name, the
 * annotations it reads and writes, its event recorder and the volume phase update.
 */
import type { Cluster } from "../cluster.ts";
import { recordEvent } from "../events.ts";
import type { KubeObject } from "../types.ts";
import { asVolume } from "./storage-classes.ts";

export const PV_CONTROLLER = "persistentvolume-controller";

export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const ANN_PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";

/** The controller's resync period (kube-controller-manager --pvclaimbinder-sync-period). */
export const PV_RESYNC_MS = 15_000;

/**
 * Records an event, at most once per resync period for the same object, reason and message.
 * The real controller repeats its Pending-claim events once per 15s resync, not on every change
 * it happens to see; this keeps the `(xN over M)` counts describe shows in that rhythm.
 */
export function binderEvent(
  cluster: Cluster,
  object: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
) {
  const recent = cluster.store
    .eventsLike(object.metadata.namespace ?? "default", object.metadata.uid, reason, message)
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

/** Metadata with these annotations; an empty set leaves the field out, as Go's nil map does. */
export function withAnnotations(
  object: KubeObject,
  annotations: Record<string, string>,
): KubeObject["metadata"] {
  const { annotations: _, ...metadata } = object.metadata;
  return Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata;
}
