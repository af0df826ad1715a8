import { selectorMatches } from "../../api/selectors.ts";
import type { Cluster } from "../../cluster.ts";
import type { Controller, WatchEvent } from "../../controller-manager.ts";
import { recordEvent } from "../../events.ts";
import { splitNamespacedKey } from "../../object-keys.ts";
import type { KubeObject } from "../../types.ts";
import { RetryBackoff } from "../backoff.ts";
import { claimObjects, controllerOf, keyOf, selectedBy } from "../owners.ts";
import { cleanupDeployment, rolloutRecreate, rolloutRolling, scale } from "./rollout.ts";
import { type DeploymentSync, replicaSetsAndRevision, SOURCE, syncDeploymentStatus } from "./sync.ts";
import {
  asDeployment,
  conditionOf,
  hasProgressDeadline,
  newCondition,
  setCondition,
  specOf,
  withoutZeroes,
} from "./util.ts";

/**
 * The Deployment controller's loop (deployment_controller.go syncDeployment): claim the
 * ReplicaSets, then either only scale (paused, or a replicas change) or roll out.
 */

export const DEPLOYMENT_CONTROLLER = "deployment";

export function createDeploymentController(): Controller<Cluster> {
  const backoff = new RetryBackoff(DEPLOYMENT_CONTROLLER);
  return {
    name: DEPLOYMENT_CONTROLLER,
    kinds: ["Deployment", "ReplicaSet", "Pod"],
    keysFor: (event, cluster) => keysFor(event, cluster),
    reconcile(key, cluster) {
      backoff.run(cluster, key, () => syncDeployment(cluster, key));
    },
  };
}

function keysFor({ type, object }: WatchEvent, cluster: Cluster): string[] {
  if (object.kind === "Deployment") return [keyOf(object)];
  const ns = object.metadata.namespace ?? "default";
  if (object.kind === "ReplicaSet") {
    const owner = controllerOf(object);
    if (owner) return owner.kind === "Deployment" ? [`${ns}/${owner.name}`] : [];
    return cluster.api
      .list("Deployment", { namespace: ns })
      .filter((d) => selectorMatches(asDeployment(d).spec?.selector, object.metadata.labels))
      .map(keyOf);
  }
  // A Recreate rollout waits for the old pods to be gone.
  if (object.kind === "Pod" && type === "DELETED") {
    const rsRef = controllerOf(object);
    if (rsRef?.kind !== "ReplicaSet") return [];
    const rs = cluster.api.tryGet("ReplicaSet", ns, rsRef.name);
    const owner = rs && controllerOf(rs);
    return owner?.kind === "Deployment" ? [`${ns}/${owner.name}`] : [];
  }
  return [];
}

function syncDeployment(cluster: Cluster, key: string): void {
  const { namespace, name } = splitNamespacedKey(key);
  const found = cluster.api.tryGet("Deployment", namespace, name);
  if (!found) return;
  const sync: DeploymentSync = { cluster, d: found };
  const selector = asDeployment(found).spec?.selector;
  if (selector && Object.keys(selector).length === 0) {
    recordEvent(
      cluster,
      found,
      "Warning",
      "SelectingAll",
      "This deployment is selecting all pods. A non-empty selector is required.",
      SOURCE,
    );
    return;
  }
  const candidates = cluster.api.list("ReplicaSet", { namespace });
  const rsList = claimObjects(cluster, found, candidates, selectedBy(found));
  const podsByRS = new Map<string, KubeObject[]>();
  for (const pod of cluster.api.list("Pod", { namespace })) {
    const ref = controllerOf(pod);
    if (ref && rsList.some((rs) => rs.metadata.uid === ref.uid)) {
      podsByRS.set(ref.uid, [...(podsByRS.get(ref.uid) ?? []), pod]);
    }
  }

  if (found.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = replicaSetsAndRevision(sync, rsList, false);
    syncDeploymentStatus(sync, newRS ? [...oldRSs, newRS] : oldRSs, newRS);
    return;
  }
  checkPausedConditions(sync);
  if (specOf(sync.d).paused || isScalingEvent(sync, rsList)) {
    const { newRS, oldRSs } = replicaSetsAndRevision(sync, rsList, false);
    scale(sync, newRS, oldRSs);
    const fresh = refreshed(cluster, [...oldRSs, ...(newRS ? [newRS] : [])]);
    const freshNew = newRS && fresh.find((rs) => rs.metadata.uid === newRS.metadata.uid);
    const freshOld = fresh.filter((rs) => rs !== freshNew);
    if (specOf(sync.d).paused) cleanupDeployment(sync, freshOld);
    syncDeploymentStatus(sync, fresh, freshNew);
    return;
  }
  let wake: number | undefined;
  if (specOf(sync.d).recreate) {
    const { newRS, oldRSs } = replicaSetsAndRevision(sync, rsList, false);
    wake = rolloutRecreate(sync, newRS, oldRSs, podsByRS, () => replicaSetsAndRevision(sync, rsList, true));
  } else {
    const { newRS, oldRSs } = replicaSetsAndRevision(sync, rsList, true);
    if (newRS) wake = rolloutRolling(sync, newRS, oldRSs);
  }
  if (wake !== undefined) cluster.clock.wakeAt(wake, DEPLOYMENT_CONTROLLER, key);
}

/** The ReplicaSets as stored now (scaling wrote new versions of some). */
function refreshed(cluster: Cluster, list: KubeObject[]): KubeObject[] {
  return list
    .map((rs) => cluster.api.tryGet("ReplicaSet", rs.metadata.namespace, rs.metadata.name))
    .filter((rs): rs is KubeObject => rs !== undefined);
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
function isScalingEvent(sync: DeploymentSync, rsList: KubeObject[]): boolean {
  const { newRS, oldRSs } = replicaSetsAndRevision(sync, rsList, false);
  const { replicas } = specOf(sync.d);
  return [...oldRSs, newRS].some((rs) => {
    if (!rs || ((rs.spec as { replicas?: number }).replicas ?? 1) === 0) return false;
    const desired = rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"];
    return desired !== undefined && Number(desired) !== replicas;
  });
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
function checkPausedConditions(sync: DeploymentSync): void {
  const d = sync.d;
  if (!hasProgressDeadline(d)) return;
  const status = structuredClone(asDeployment(d).status ?? {});
  const current = conditionOf(status, "Progressing");
  if (current?.reason === "ProgressDeadlineExceeded") return;
  const pausedShown = current?.reason === "DeploymentPaused";
  const now = sync.cluster.api.timestamp();
  const { paused } = specOf(d);
  if (paused && !pausedShown) {
    setCondition(
      status,
      newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now),
    );
  } else if (!paused && pausedShown) {
    setCondition(
      status,
      newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now),
    );
  } else {
    return;
  }
  sync.d = sync.cluster.api.updateStatus({ ...d, status: withoutZeroes(status) });
}
