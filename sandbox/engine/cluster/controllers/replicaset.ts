import type { ReplicaSet } from "kubernetes-types/apps/v1";
import { selectorMatches } from "../api/selectors.ts";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { recordEvent } from "../events.ts";
import { splitNamespacedKey } from "../object-keys.ts";
import type { KubeObject } from "../types.ts";
import { RetryBackoff } from "./backoff.ts";
import { claimObjects, controllerOf, keyOf, selectedBy } from "./owners.ts";
import {
  availableAt,
  isPodActive,
  isPodAvailable,
  isPodReady,
  phaseOf,
  podFromTemplate,
  readySince,
} from "./pod-util.ts";

/**
 * The ReplicaSet controller (replica_set.go): claim the pods the selector matches, create or
 * delete pods until the active ones number spec.replicas, and report the counts in status.
 */

export const REPLICASET_CONTROLLER = "replicaset";
const SOURCE = { component: "replicaset-controller" };
/** burstReplicas: the most pods one sync creates or deletes. */
const BURST_REPLICAS = 500;

export const asReplicaSet = (object: KubeObject): ReplicaSet => object as unknown as ReplicaSet;

export function createReplicaSetController(): Controller<Cluster> {
  const backoff = new RetryBackoff(REPLICASET_CONTROLLER);
  return {
    name: REPLICASET_CONTROLLER,
    kinds: ["ReplicaSet", "Pod"],
    keysFor: (event, cluster) => keysFor(event, cluster),
    reconcile(key, cluster) {
      backoff.run(cluster, key, () => sync(cluster, key));
    },
  };
}

function keysFor({ object }: WatchEvent, cluster: Cluster): string[] {
  if (object.kind === "ReplicaSet") return [keyOf(object)];
  if (object.kind !== "Pod") return [];
  const owner = controllerOf(object);
  if (owner) return owner.kind === "ReplicaSet" ? [`${object.metadata.namespace}/${owner.name}`] : [];
  return cluster.api
    .list("ReplicaSet", { namespace: object.metadata.namespace ?? "default" })
    .filter((rs) => selectorMatches(asReplicaSet(rs).spec?.selector, object.metadata.labels))
    .map(keyOf);
}

function sync(cluster: Cluster, key: string): void {
  const { namespace, name } = splitNamespacedKey(key);
  const rs = cluster.api.tryGet("ReplicaSet", namespace, name);
  if (!rs) return;
  const active = cluster.api.list("Pod", { namespace }).filter(isPodActive);
  const pods = claimObjects(cluster, rs, active, selectedBy(rs));
  let failure: unknown;
  if (!rs.metadata.deletionTimestamp) {
    try {
      manageReplicas(cluster, rs, pods);
    } catch (error) {
      failure = error;
    }
  }
  const now = cluster.clock.now();
  const minReadySeconds = asReplicaSet(rs).spec?.minReadySeconds ?? 0;
  writeStatus(cluster, rs, pods, minReadySeconds, now);
  if (failure) throw failure;
  const waits = pods
    .filter((p) => isPodReady(p) && !isPodAvailable(p, minReadySeconds, now))
    .map((p) => availableAt(p, minReadySeconds))
    .filter((t): t is number => t !== undefined);
  if (waits.length > 0) cluster.clock.wakeAt(Math.min(...waits), REPLICASET_CONTROLLER, key);
}

/**
 * manageReplicas: one step towards spec.replicas active pods, at most burstReplicas at once.
 * The first failed create ends the step (slowStartBatch skips the rest), with the FailedCreate
 * event controller_utils.go records.
 */
function manageReplicas(cluster: Cluster, rs: KubeObject, pods: KubeObject[]): void {
  const diff = pods.length - (asReplicaSet(rs).spec?.replicas ?? 1);
  if (diff < 0) {
    const template = asReplicaSet(rs).spec?.template;
    for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) {
      let created: KubeObject;
      try {
        created = cluster.api.create(podFromTemplate(template, rs));
      } catch (error) {
        recordEvent(cluster, rs, "Warning", "FailedCreate", `Error creating: ${messageOf(error)}`, SOURCE);
        throw error;
      }
      recordEvent(cluster, rs, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`, SOURCE);
    }
  } else if (diff > 0) {
    const victims = podsToDelete(
      pods,
      relatedPods(cluster, rs),
      Math.min(diff, BURST_REPLICAS),
      cluster.clock.now(),
    );
    for (const victim of victims) {
      try {
        cluster.api.delete("Pod", victim.metadata.namespace, victim.metadata.name);
      } catch (error) {
        recordEvent(cluster, rs, "Warning", "FailedDelete", `Error deleting: ${messageOf(error)}`, SOURCE);
        throw error;
      }
      recordEvent(cluster, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${victim.metadata.name}`, SOURCE);
    }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The pods of every ReplicaSet of the same Deployment: they decide who is "doubled up" on a node. */
function relatedPods(cluster: Cluster, rs: KubeObject): KubeObject[] {
  const owner = controllerOf(rs);
  const pods = cluster.api.list("Pod", { namespace: rs.metadata.namespace });
  if (!owner) return pods.filter((p) => controllerOf(p)?.uid === rs.metadata.uid);
  const siblings = new Set(
    cluster.api
      .list("ReplicaSet", { namespace: rs.metadata.namespace })
      .filter((other) => controllerOf(other)?.uid === owner.uid)
      .map((other) => other.metadata.uid),
  );
  return pods.filter((p) => siblings.has(controllerOf(p)?.uid));
}

const nodeOf = (pod: KubeObject): string => (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? "";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

const DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

function maxRestarts(pod: KubeObject): number {
  const statuses = (pod.status as { containerStatuses?: { restartCount?: number }[] } | undefined)
    ?.containerStatuses;
  return Math.max(0, ...(statuses ?? []).map((s) => s.restartCount ?? 0));
}

/** logarithmicRankDiff: compares ages on a log2 scale of nanoseconds, so similar ages tie. */
function logRank(time: number, now: number): number {
  const age = (now - time) * 1e6;
  return age > 0 ? Math.floor(Math.log2(age)) : -1;
}

/**
 * getPodsToDelete: the pods sorted by controller.ActivePodsWithRanks, the least valuable first:
 * unscheduled, then Pending < Unknown < Running, not ready, lower deletion cost, doubled up on a
 * node, ready for less time, more restarts, newer.
 */
export function podsToDelete(
  pods: KubeObject[],
  related: KubeObject[],
  count: number,
  now: number,
): KubeObject[] {
  if (count >= pods.length) return pods.slice(0, count);
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(nodeOf(p), (onNode.get(nodeOf(p)) ?? 0) + 1);
  const rank = (p: KubeObject) => onNode.get(nodeOf(p)) ?? 0;
  const cost = (p: KubeObject) => Number(p.metadata.annotations?.[DELETION_COST] ?? 0) || 0;
  const uidOrder = (a: KubeObject, b: KubeObject) =>
    (a.metadata.uid ?? "") < (b.metadata.uid ?? "")
      ? -1
      : (a.metadata.uid ?? "") > (b.metadata.uid ?? "")
        ? 1
        : 0;
  const byAge = (ta: number | undefined, tb: number | undefined, a: KubeObject, b: KubeObject) => {
    if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
    const diff = logRank(ta, now) - logRank(tb, now);
    return diff === 0 ? uidOrder(a, b) : diff;
  };
  const compare = (a: KubeObject, b: KubeObject): number => {
    if (nodeOf(a) !== nodeOf(b) && (nodeOf(a) === "" || nodeOf(b) === "")) return nodeOf(a) === "" ? -1 : 1;
    const phase = (PHASE_ORDER[phaseOf(a)] ?? 0) - (PHASE_ORDER[phaseOf(b)] ?? 0);
    if (phase !== 0) return phase;
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (isPodReady(a) && isPodReady(b) && readySince(a) !== readySince(b)) {
      return byAge(readySince(a), readySince(b), a, b);
    }
    if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
    const ca = a.metadata.creationTimestamp;
    const cb = b.metadata.creationTimestamp;
    if (ca !== cb) return byAge(ca ? Date.parse(ca) : undefined, cb ? Date.parse(cb) : undefined, a, b);
    return 0;
  };
  return [...pods].sort(compare).slice(0, count);
}

/** calculateStatus + updateReplicaSetStatus: written only when a count or the generation moved. */
function writeStatus(
  cluster: Cluster,
  rs: KubeObject,
  pods: KubeObject[],
  minReadySeconds: number,
  now: number,
) {
  const templateLabels = asReplicaSet(rs).spec?.template?.metadata?.labels ?? {};
  const fullyLabeled = pods.filter((p) =>
    Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
  ).length;
  const ready = pods.filter(isPodReady).length;
  const available = pods.filter((p) => isPodAvailable(p, minReadySeconds, now)).length;
  const old = asReplicaSet(rs).status;
  if (
    old &&
    old.replicas === pods.length &&
    (old.fullyLabeledReplicas ?? 0) === fullyLabeled &&
    (old.readyReplicas ?? 0) === ready &&
    (old.availableReplicas ?? 0) === available &&
    old.observedGeneration === rs.metadata.generation
  ) {
    return;
  }
  const status: Record<string, number> = { replicas: pods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  cluster.api.updateStatus({ ...rs, status });
}
