import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import type { Cluster } from "../../cluster.ts";
import { ApiError } from "../../errors.ts";
import { recordEvent } from "../../events.ts";
import type { KubeObject } from "../../types.ts";
import { computePodTemplateHash, goJson } from "../hash.ts";
import { controllerRef } from "../owners.ts";
import { sortedRecord } from "../statefulset/identity.ts";
import {
  actualReplicas,
  asDeployment,
  asRS,
  availableReplicas,
  conditionOf,
  deploymentComplete,
  deploymentProgressing,
  findNewReplicaSet,
  hasProgressDeadline,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  POD_TEMPLATE_HASH,
  progressDeadline,
  REVISION,
  readyReplicas,
  removeCondition,
  rsReplicas,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specOf,
  specReplicas,
  withoutZeroes,
} from "./util.ts";

/**
 * The Deployment controller's shared steps (sync.go): finding or creating the new ReplicaSet,
 * scaling a ReplicaSet with its event, and computing and writing the Deployment's status.
 * `DeploymentSync` carries the Deployment as last written, since every write returns a new object.
 */

export const SOURCE = { component: "deployment-controller" };

export interface DeploymentSync {
  cluster: Cluster;
  d: KubeObject;
}

/** scaleReplicaSet: new size and replica annotations in one update; an event when the size moved. */
export function scaleReplicaSet(
  sync: DeploymentSync,
  rs: KubeObject,
  newScale: number,
  direction?: "up" | "down",
): { scaled: boolean; rs: KubeObject } {
  const { d, cluster } = sync;
  const oldScale = rsReplicas(rs);
  const copy = structuredClone(rs);
  const annotationsChanged = setReplicasAnnotations(
    copy,
    specOf(d).replicas,
    specOf(d).replicas + maxSurge(d),
  );
  if (oldScale === newScale && !annotationsChanged) return { scaled: false, rs };
  (copy.spec as { replicas?: number }).replicas = newScale;
  const updated = cluster.api.update(copy);
  if (oldScale === newScale) return { scaled: false, rs: updated };
  const operation = direction ?? (oldScale < newScale ? "up" : "down");
  const message = `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`;
  recordEvent(cluster, d, "Normal", "ScalingReplicaSet", message, SOURCE);
  return { scaled: true, rs: updated };
}

/** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
export function scaleAndRecord(sync: DeploymentSync, rs: KubeObject, newScale: number) {
  if (rsReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(sync, rs, newScale);
}

/** NewRSNewReplicas: how far the new ReplicaSet may grow within maxSurge. */
export function newRSNewReplicas(
  d: KubeObject,
  all: readonly (KubeObject | undefined)[],
  newRS: KubeObject,
): number {
  const { replicas, recreate } = specOf(d);
  if (recreate) return replicas;
  const maxTotal = replicas + maxSurge(d);
  const current = specReplicas(all);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, replicas - rsReplicas(newRS));
}

/** Writes the Deployment's annotations (revision) and then its status, as UpdateStatus does. */
function saveDeployment(sync: DeploymentSync, annotations: Record<string, string>, status: DeploymentStatus) {
  const { cluster } = sync;
  if (goJson(annotations) !== goJson(sync.d.metadata.annotations ?? {})) {
    sync.d = cluster.api.update({
      ...sync.d,
      metadata: { ...sync.d.metadata, annotations: sortedRecord(annotations) },
    });
  }
  if (goJson(withoutZeroes(status)) !== goJson(asDeployment(sync.d).status ?? {})) {
    sync.d = cluster.api.updateStatus({ ...sync.d, status: withoutZeroes(status) });
  }
}

/**
 * getAllReplicaSetsAndSyncRevision + getNewReplicaSet: the ReplicaSet whose template is the
 * Deployment's (created at revision max+1 when `create` and missing) and all the others.
 */
export function replicaSetsAndRevision(
  sync: DeploymentSync,
  list: readonly KubeObject[],
  create: boolean,
): { newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
  const existing = findNewReplicaSet(sync.d, list);
  const oldRSs = list.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  const now = sync.cluster.api.timestamp();
  const d = sync.d;
  const annotations = { ...d.metadata.annotations };
  const status = structuredClone(asDeployment(d).status ?? {});

  if (existing) {
    const copy = structuredClone(existing);
    const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReadySeconds = specOf(d).minReadySeconds;
    if (annotationsChanged || (asRS(copy).spec?.minReadySeconds ?? 0) !== minReadySeconds) {
      (copy.spec as { minReadySeconds?: number }).minReadySeconds = minReadySeconds || undefined;
      return { newRS: sync.cluster.api.update(copy), oldRSs };
    }
    annotations[REVISION] = copy.metadata.annotations?.[REVISION] ?? "";
    if (hasProgressDeadline(d) && !conditionOf(status, "Progressing")) {
      const message = `Found new replica set "${copy.metadata.name}"`;
      setCondition(status, newCondition("Progressing", "True", "FoundNewReplicaSet", message, now));
    }
    saveDeployment(sync, annotations, status);
    return { newRS: copy, oldRSs };
  }
  if (!create) return { newRS: undefined, oldRSs };

  const spec = specOf(d);
  const hash = computePodTemplateHash(spec.template, asDeployment(d).status?.collisionCount);
  const template = structuredClone(spec.template);
  template.metadata = {
    ...template.metadata,
    labels: sortedRecord({ ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash }),
  };
  const selector = structuredClone(asDeployment(d).spec?.selector ?? {});
  selector.matchLabels = sortedRecord({ ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash });
  const newRS: KubeObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: template.metadata.labels,
      ownerReferences: [controllerRef(d)],
    },
    spec: {
      replicas: 0,
      ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  (newRS.spec as { replicas: number }).replicas = replicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  newRS.metadata.annotations = sortedRecord(newRS.metadata.annotations ?? {});
  let stored: KubeObject;
  try {
    stored = sync.cluster.api.create(newRS);
  } catch (error) {
    if (!(error instanceof ApiError) || error.reason !== "AlreadyExists") throw error;
    // A name collision with a different template: bump collisionCount so the next hash differs.
    const taken = sync.cluster.api.get("ReplicaSet", d.metadata.namespace, newRS.metadata.name);
    const ours = taken.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid);
    if (ours && (asRS(taken).spec?.template ? findNewReplicaSet(d, [taken]) : undefined)) {
      return { newRS: taken, oldRSs };
    }
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    saveDeployment(sync, annotations, status);
    throw error;
  }
  if (replicas > 0) {
    const message = `Scaled up replica set ${stored.metadata.name} from 0 to ${replicas}`;
    recordEvent(sync.cluster, d, "Normal", "ScalingReplicaSet", message, SOURCE);
  }
  annotations[REVISION] = String(newRevision);
  if (hasProgressDeadline(d)) {
    const message = `Created new replica set "${stored.metadata.name}"`;
    setCondition(status, newCondition("Progressing", "True", "NewReplicaSetCreated", message, now));
  }
  saveDeployment(sync, annotations, status);
  return { newRS: stored, oldRSs };
}

/** calculateStatus: counts from the ReplicaSets, and the Available condition. */
export function calculateStatus(
  sync: DeploymentSync,
  all: readonly KubeObject[],
  newRS: KubeObject | undefined,
) {
  const d = sync.d;
  const available = availableReplicas(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicas(all),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
    conditions: structuredClone(asDeployment(d).status?.conditions ?? []),
    collisionCount: asDeployment(d).status?.collisionCount,
  };
  const now = sync.cluster.api.timestamp();
  if (available >= specOf(d).replicas - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        "Available",
        "True",
        "MinimumReplicasAvailable",
        "Deployment has minimum availability.",
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        "Available",
        "False",
        "MinimumReplicasUnavailable",
        "Deployment does not have minimum availability.",
        now,
      ),
    );
  }
  return status;
}

/** syncDeploymentStatus: the counts only, for scaling and paused Deployments. */
export function syncDeploymentStatus(sync: DeploymentSync, all: KubeObject[], newRS: KubeObject | undefined) {
  const status = calculateStatus(sync, all, newRS);
  saveDeployment(sync, { ...sync.d.metadata.annotations }, status);
}

/**
 * syncRolloutStatus: counts plus the Progressing condition (progressing, complete, or timed out
 * after progressDeadlineSeconds). Returns when to look again for the deadline, if anything runs.
 */
export function syncRolloutStatus(
  sync: DeploymentSync,
  all: KubeObject[],
  newRS: KubeObject | undefined,
): number | undefined {
  const d = sync.d;
  const status = calculateStatus(sync, all, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
  const current = conditionOf(asDeployment(d).status, "Progressing");
  const isComplete =
    status.replicas === status.updatedReplicas && current?.reason === "NewReplicaSetAvailable";
  const now = sync.cluster.api.timestamp();
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const message = `${subject} has successfully progressed.`;
      setCondition(status, newCondition("Progressing", "True", "NewReplicaSetAvailable", message, now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition(
        "Progressing",
        "True",
        "ReplicaSetUpdated",
        `${subject} is progressing.`,
        now,
      );
      if (current) {
        if (current.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, "Progressing");
      }
      setCondition(status, condition);
    } else if (timedOut(sync, status)) {
      const message = `${subject} has timed out progressing.`;
      setCondition(status, newCondition("Progressing", "False", "ProgressDeadlineExceeded", message, now));
    }
  }
  saveDeployment(sync, { ...sync.d.metadata.annotations }, status);
  const deadline = progressDeadline(sync.d, status);
  return deadline === undefined ? undefined : deadline + 1;
}

/** DeploymentTimedOut: the Progressing condition has not been refreshed for progressDeadlineSeconds. */
function timedOut(sync: DeploymentSync, status: DeploymentStatus): boolean {
  const condition = conditionOf(status, "Progressing");
  if (!hasProgressDeadline(sync.d) || !condition) return false;
  if (condition.reason === "NewReplicaSetAvailable") return false;
  if (condition.reason === "ProgressDeadlineExceeded") return true;
  const deadline = progressDeadline(sync.d, status);
  return deadline !== undefined && deadline < sync.cluster.clock.now();
}
