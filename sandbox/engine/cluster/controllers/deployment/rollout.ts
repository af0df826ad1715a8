import type { KubeObject } from "../../types.ts";
import { phaseOf } from "../pod-util.ts";
import {
  type DeploymentSync,
  newRSNewReplicas,
  scaleAndRecord,
  scaleReplicaSet,
  syncRolloutStatus,
} from "./sync.ts";
import {
  activeReplicaSets,
  actualReplicas,
  asDeployment,
  asRS,
  availableReplicas,
  byCreation,
  deploymentComplete,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  revisionOf,
  rsReplicas,
  specOf,
  specReplicas,
} from "./util.ts";

/**
 * How a Deployment moves between ReplicaSets: rolling.go (surge up, scale down within
 * maxUnavailable), recreate.go (all old pods gone before the new ones), sync.go's proportional
 * scaling, and the clean-up of old ReplicaSets beyond revisionHistoryLimit.
 */

/** rolloutRolling: one step; returns when to look again for the progress deadline. */
export function rolloutRolling(
  sync: DeploymentSync,
  newRS: KubeObject,
  oldRSs: KubeObject[],
): number | undefined {
  let all = [...oldRSs, newRS];
  const grown = reconcileNewReplicaSet(sync, all, newRS);
  if (grown.scaled) return syncRolloutStatus(sync, [...oldRSs, grown.rs], grown.rs);
  const shrunk = reconcileOldReplicaSets(sync, all, activeReplicaSets(oldRSs), grown.rs);
  all = [...oldRSs.map((rs) => shrunk.updated.get(rs.metadata.name) ?? rs), grown.rs];
  if (shrunk.scaled) return syncRolloutStatus(sync, all, grown.rs);
  if (deploymentComplete(sync.d, asDeployment(sync.d).status ?? {})) cleanupDeployment(sync, oldRSs);
  return syncRolloutStatus(sync, all, grown.rs);
}

function reconcileNewReplicaSet(sync: DeploymentSync, all: KubeObject[], newRS: KubeObject) {
  const { replicas } = specOf(sync.d);
  if (rsReplicas(newRS) === replicas) return { scaled: false, rs: newRS };
  if (rsReplicas(newRS) > replicas) return scaleAndRecord(sync, newRS, replicas);
  return scaleAndRecord(sync, newRS, newRSNewReplicas(sync.d, all, newRS));
}

/**
 * reconcileOldReplicaSets: first unhealthy old pods go (they count against no one), then healthy
 * ones while enough pods stay available: total − (replicas − maxUnavailable) − new unavailable.
 */
function reconcileOldReplicaSets(
  sync: DeploymentSync,
  all: KubeObject[],
  oldRSs: KubeObject[],
  newRS: KubeObject,
) {
  const updated = new Map<string, KubeObject>();
  if (specReplicas(oldRSs) === 0) return { scaled: false, updated };
  const minAvailable = specOf(sync.d).replicas - maxUnavailable(sync.d);
  const newUnavailable = rsReplicas(newRS) - (asRS(newRS).status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return { scaled: false, updated };

  let olds = [...oldRSs].sort(byCreation);
  let cleaned = 0;
  olds = olds.map((rs) => {
    if (cleaned >= maxScaledDown || rsReplicas(rs) === 0) return rs;
    const unhealthy = rsReplicas(rs) - (asRS(rs).status?.availableReplicas ?? 0);
    if (unhealthy === 0) return rs;
    const count = Math.min(maxScaledDown - cleaned, unhealthy);
    cleaned += count;
    const result = scaleAndRecord(sync, rs, rsReplicas(rs) - count).rs;
    updated.set(rs.metadata.name, result);
    return result;
  });

  // scaleDownOldReplicaSetsForRollingUpdate
  const available = availableReplicas([...olds, newRS]);
  let scaledDown = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of olds) {
      if (scaledDown >= total) break;
      if (rsReplicas(rs) === 0) continue;
      const count = Math.min(rsReplicas(rs), total - scaledDown);
      updated.set(rs.metadata.name, scaleAndRecord(sync, rs, rsReplicas(rs) - count).rs);
      scaledDown += count;
    }
  }
  return { scaled: cleaned + scaledDown > 0, updated };
}

/**
 * rolloutRecreate: scale every old ReplicaSet to 0, wait until none of their pods is left, then
 * create or scale up the new one.
 */
export function rolloutRecreate(
  sync: DeploymentSync,
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
  podsByRS: Map<string, KubeObject[]>,
  createNewRS: () => { newRS: KubeObject | undefined; oldRSs: KubeObject[] },
): number | undefined {
  let scaledDown = false;
  const olds = oldRSs.map((rs) => {
    if (rsReplicas(rs) === 0) return rs;
    const result = scaleAndRecord(sync, rs, 0);
    scaledDown ||= result.scaled;
    return result.rs;
  });
  if (scaledDown) return syncRolloutStatus(sync, newRS ? [...olds, newRS] : olds, newRS);
  if (oldPodsRunning(newRS, olds, podsByRS))
    return syncRolloutStatus(sync, newRS ? [...olds, newRS] : olds, newRS);
  let current = newRS;
  let others = olds;
  if (!current) ({ newRS: current, oldRSs: others } = createNewRS());
  if (current) current = scaleAndRecord(sync, current, specOf(sync.d).replicas).rs;
  if (deploymentComplete(sync.d, asDeployment(sync.d).status ?? {})) cleanupDeployment(sync, others);
  return syncRolloutStatus(sync, current ? [...others, current] : others, current);
}

/** oldPodsRunning: any old ReplicaSet still reports pods, or any of their pods is not finished. */
function oldPodsRunning(
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
  podsByRS: Map<string, KubeObject[]>,
) {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && uid === newRS.metadata.uid) continue;
    if (pods.some((p) => phaseOf(p) !== "Failed" && phaseOf(p) !== "Succeeded")) return true;
  }
  return false;
}

/**
 * scale (sync.go): with one active ReplicaSet it takes the whole size; a saturated new one
 * leaves the old at 0; otherwise a rolling Deployment spreads the change over the active
 * ReplicaSets in proportion to their size (the larger first, leftovers to the largest).
 */
export function scale(sync: DeploymentSync, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const d = sync.d;
  const { replicas } = specOf(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) !== replicas) scaleAndRecord(sync, activeOrLatest, replicas);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleAndRecord(sync, old, 0);
    return;
  }
  if (specOf(d).recreate) return;
  const active = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  const direction = toAdd > 0 ? "up" : toAdd < 0 ? "down" : undefined;
  const bySize = (newerFirst: boolean) => (a: KubeObject, b: KubeObject) =>
    rsReplicas(b) - rsReplicas(a) || (newerFirst ? byCreation(b, a) : byCreation(a, b));
  if (direction) active.sort(bySize(direction === "up"));
  let added = 0;
  const sizes = active.map((rs) => {
    if (toAdd === 0) return rsReplicas(rs);
    const part = proportion(d, rs, toAdd, added);
    added += part;
    return rsReplicas(rs) + part;
  });
  active.forEach((rs, i) => {
    let size = sizes[i]!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(sync, rs, size, direction);
  });
}

function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([newRS, ...newestFirst]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

function isSaturated(d: KubeObject, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const { replicas } = specOf(d);
  const desired = Number(rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"]);
  return (
    rsReplicas(rs) === replicas &&
    desired === replicas &&
    (asRS(rs).status?.availableReplicas ?? 0) === replicas
  );
}

/** GetReplicaSetProportion: this ReplicaSet's share of the change, by its max-replicas annotation. */
function proportion(d: KubeObject, rs: KubeObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const allowed = toAdd - added;
  let fraction: number;
  if (specOf(d).replicas === 0) {
    fraction = -rsReplicas(rs);
  } else {
    let before = Number(rs.metadata.annotations?.[MAX_REPLICAS] ?? Number.NaN);
    if (!Number.isInteger(before) || before === 0) before = asDeployment(d).status?.replicas ?? 0;
    if (before === 0) {
      fraction = 0;
    } else {
      const exact = (rsReplicas(rs) * (specOf(d).replicas + maxSurge(d))) / before;
      fraction = Math.sign(exact) * Math.round(Math.abs(exact)) - rsReplicas(rs);
    }
  }
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** cleanupDeployment: old ReplicaSets at 0 beyond revisionHistoryLimit go, lowest revision first. */
export function cleanupDeployment(sync: DeploymentSync, oldRSs: KubeObject[]): void {
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = alive.length - specOf(sync.d).revisionHistoryLimit;
  if (excess <= 0) return;
  const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of byRevision.slice(0, excess)) {
    const observed = asRS(rs).status?.observedGeneration ?? 0;
    if (
      (asRS(rs).status?.replicas ?? 0) !== 0 ||
      rsReplicas(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > observed
    ) {
      continue;
    }
    sync.cluster.api.delete("ReplicaSet", rs.metadata.namespace, rs.metadata.name);
  }
}
