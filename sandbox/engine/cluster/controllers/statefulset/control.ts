import type { Cluster } from "../../cluster.ts";
import type { KubeObject } from "../../types.ts";
import {
  createRevision,
  findEqualRevisions,
  listRevisions,
  newRevision,
  nextRevisionNumber,
  rawData,
  renumberRevision,
} from "../history.ts";
import { scaledValue } from "../int-or-percent.ts";
import { availableAt, isPodAvailable, isRunningAndReady, isTerminating, phaseOf } from "../pod-util.ts";
import {
  applyRevision,
  asStatefulSet,
  identityMatches,
  newVersionedPod,
  ordinalOf,
  podRevision,
  revisionData,
  specOf,
  storageMatches,
} from "./identity.ts";
import {
  claimsMatchRetentionPolicy,
  createMissingClaims,
  createStatefulPod,
  deleteStatefulPod,
  podClaimIsStale,
  updateClaimsForRetentionPolicy,
  updateStatefulPod,
} from "./pod-control.ts";

/**
 * One pass of the StatefulSet control loop (stateful_set_control.go UpdateStatefulSet): find or
 * make the revisions, create / delete / update at most what the pod management policy allows,
 * write the status, trim the history. workloads.md §3.4 walks through it step by step.
 */

/** MaxUnavailableStatefulSet is alpha, so off, in Kubernetes 1.34 (beta and on from 1.35). */
export const MAX_UNAVAILABLE_STATEFULSET = false;

/** What the controller keeps between passes beyond the store: when it wants to look again. */
export interface PassResult {
  /** Simulated ms at which a pod becomes available (minReadySeconds), if one is waiting. */
  wakeAt?: number;
}

interface Status {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount: number;
  availableReplicas: number;
}

/** A slot of the ordinal range: the stored pod, or the one this pass would create. */
interface Slot {
  pod: KubeObject;
  created: boolean;
  /** The pod's ordinal, worked out once per pass (every step below asks for it). */
  ordinal: number;
}

export function updateStatefulSet(cluster: Cluster, set: KubeObject, pods: KubeObject[]): PassResult {
  const revisions = listRevisions(cluster, set);
  const { current, update, collisionCount } = statefulSetRevisions(cluster, set, revisions);
  const now = cluster.clock.now();
  const { minReadySeconds } = specOf(set);
  // Step 3 first: the status counts the pods as they were when the pass began (§3.6).
  const status: Status = {
    observedGeneration: set.metadata.generation,
    replicas: 0,
    currentRevision: current.metadata.name,
    updateRevision: update.metadata.name,
    collisionCount,
    availableReplicas: 0,
  };
  countReplicas(status, pods, minReadySeconds, current, update, now);
  let failure: unknown;
  try {
    runPass(cluster, set, current, update, pods, status, now);
  } catch (error) {
    failure = error;
  }
  // The status is written even when the pass failed half-way, as the real controller does.
  writeStatus(cluster, set, status);
  truncateHistory(cluster, set, pods, revisions, current, update);
  if (failure) throw failure;
  const waits = pods
    .filter((p) => isRunningAndReady(p) && !isPodAvailable(p, minReadySeconds, now))
    .map((p) => availableAt(p, minReadySeconds))
    .filter((t): t is number => t !== undefined);
  return waits.length > 0 ? { wakeAt: Math.min(...waits) } : {};
}

/** getStatefulSetRevisions: the current revision, and the update revision made from the spec. */
function statefulSetRevisions(cluster: Cluster, set: KubeObject, revisions: KubeObject[]) {
  let collisionCount = asStatefulSet(set).status?.collisionCount ?? 0;
  const candidate = newRevision(
    set,
    specOf(set).template.metadata?.labels,
    revisionData(set),
    nextRevisionNumber(revisions),
  );
  const equal = findEqualRevisions(revisions, candidate);
  const latest = revisions[revisions.length - 1];
  let update: KubeObject;
  if (equal.length > 0 && latest && rawData(latest) === rawData(equal[equal.length - 1]!)) {
    update = latest;
  } else if (equal.length > 0) {
    update = renumberRevision(cluster, equal[equal.length - 1]!, candidate.revision as number);
  } else {
    ({ revision: update, collisionCount } = createRevision(cluster, candidate, collisionCount));
  }
  const currentName = asStatefulSet(set).status?.currentRevision;
  const current = revisions.find((r) => r.metadata.name === currentName) ?? update;
  return { current, update, collisionCount };
}

/** isUnavailable: not Running+Ready, terminating, or not yet available. */
const isUnavailable = (pod: KubeObject, minReadySeconds: number, now: number) =>
  !isRunningAndReady(pod) || isTerminating(pod) || !isPodAvailable(pod, minReadySeconds, now);

function runPass(
  cluster: Cluster,
  set: KubeObject,
  current: KubeObject,
  update: KubeObject,
  pods: KubeObject[],
  status: Status,
  now: number,
): void {
  const spec = specOf(set);
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const currentReplicas = asStatefulSet(set).status?.currentReplicas ?? 0;

  // Step 1 and 2: sort pods into the ordinal range and the condemned; fill the gaps.
  const slots: (Slot | undefined)[] = Array.from({ length: spec.replicas }, () => undefined);
  const outOfRange: Slot[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(pod);
    if (ordinal >= spec.start && ordinal < spec.start + spec.replicas) {
      slots[ordinal - spec.start] = { pod, created: true, ordinal };
    } else if (ordinal >= 0) {
      outOfRange.push({ pod, created: true, ordinal });
    }
  }
  const filled: Slot[] = slots.map((slot, index) => {
    if (slot) return slot;
    const ordinal = spec.start + index;
    const pod = newVersionedPod(
      currentSet,
      updateSet,
      current.metadata.name,
      update.metadata.name,
      ordinal,
      currentReplicas,
    );
    return { pod, created: false, ordinal };
  });
  // Highest ordinal first; a stable sort keeps equal ordinals (`web-1`, `web-01`) in list order, as before.
  outOfRange.sort((a, b) => b.ordinal - a.ordinal);
  const condemned = outOfRange.map((slot) => slot.pod);
  const condemnedOrdinals = outOfRange.map((slot) => slot.ordinal);
  const unavailable = (pod: KubeObject) => isUnavailable(pod, spec.minReadySeconds, now);
  const firstUnhealthy =
    filled.find((s) => unavailable(s.pod))?.pod ?? [...condemned].reverse().find((p) => unavailable(p));

  // A set being deleted only gets its status updated.
  if (set.metadata.deletionTimestamp) return;
  const monotonic = !spec.parallel;

  // Step 4 and 5: each replica in ordinal order.
  const processReplica = (i: number): boolean => {
    const slot = filled[i]!;
    const phase = phaseOf(slot.pod);
    if (slot.created && (phase === "Failed" || phase === "Succeeded")) {
      if (!isTerminating(slot.pod)) deleteStatefulPod(cluster, set, slot.pod);
      return true;
    }
    if (!slot.created) {
      if (podClaimIsStale(cluster, set, slot.pod, slot.ordinal)) return true;
      slot.pod = createStatefulPod(cluster, set, slot.pod, slot.ordinal);
      slot.created = true;
      if (monotonic) return true;
    } else if (phase === "Pending" || phase === "") {
      createMissingClaims(cluster, set, slot.pod, slot.ordinal);
    }
    if (monotonic && (isTerminating(slot.pod) || !isRunningAndReady(slot.pod))) return true;
    if (monotonic && !isPodAvailable(slot.pod, spec.minReadySeconds, now)) return true;
    const retentionMatches = claimsMatchRetentionPolicy(cluster, updateSet, slot.pod, slot.ordinal);
    if (
      identityMatches(set, slot.pod, slot.ordinal) &&
      storageMatches(set, slot.pod, slot.ordinal) &&
      retentionMatches
    )
      return false;
    updateStatefulPod(cluster, updateSet, slot.pod);
    return false;
  };
  if (runForAll(filled.length, processReplica, monotonic)) return;

  // Claims of condemned pods get their owner refs before the pods go (whenScaled).
  const fixClaims = (i: number): boolean => {
    const pod = condemned[i]!;
    const ordinal = condemnedOrdinals[i]!;
    if (!claimsMatchRetentionPolicy(cluster, updateSet, pod, ordinal))
      updateClaimsForRetentionPolicy(cluster, updateSet, pod, ordinal);
    return false;
  };
  if (runForAll(condemned.length, fixClaims, monotonic)) return;

  // Step 6: scale down, highest ordinal first; in OrderedReady one at a time.
  const processCondemned = (i: number): boolean => {
    const pod = condemned[i]!;
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy && unavailable(pod)) return true;
    deleteStatefulPod(cluster, set, pod);
    return true;
  };
  if (runForAll(condemned.length, processCondemned, monotonic)) return;

  // Step 7: OnDelete stops here; RollingUpdate replaces pods from the highest ordinal down.
  if (spec.onDelete) return;
  const targets = podsToDeleteForUpdate(
    filled.map((s) => s.pod),
    update.metadata.name,
    spec.partition ?? 0,
    MAX_UNAVAILABLE_STATEFULSET ? maxUnavailableOf(set, spec.replicas) : undefined,
    unavailable,
  );
  for (const pod of targets) {
    deleteStatefulPod(cluster, set, pod);
    status.currentReplicas = (status.currentReplicas ?? 0) - 1;
  }
  return;
}

/**
 * runForAll: OrderedReady stops at the first step that says so; Parallel runs every step, in
 * slow-start batches of 1, 2, 4… that stop after a batch with an error. True means "stop the pass".
 */
function runForAll(count: number, step: (i: number) => boolean, monotonic: boolean): boolean {
  if (monotonic) {
    for (let i = 0; i < count; i++) if (step(i)) return true;
    return false;
  }
  let next = 0;
  for (let batch = Math.min(1, count); batch > 0; batch = Math.min(2 * batch, count - next, 500)) {
    let failure: unknown;
    for (let i = next; i < next + batch; i++) {
      try {
        step(i);
      } catch (error) {
        failure ??= error;
      }
    }
    next += batch;
    if (failure) throw failure;
  }
  return false;
}

/** getStatefulSetMaxUnavailable: default 1, percentages of replicas rounded down, at least 1. */
function maxUnavailableOf(set: KubeObject, replicas: number): number {
  const value = asStatefulSet(set).spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  return Math.max(1, scaledValue(value, replicas, false));
}

/**
 * Which pods a rolling update deletes this pass (the two variants of step 7). Without
 * maxUnavailable: the highest-ordinal outdated pod at or above the partition, unless a pod above
 * it is unavailable. With it: up to maxUnavailable minus the unavailable count, highest first.
 */
export function podsToDeleteForUpdate(
  replicas: readonly KubeObject[],
  updateRevision: string,
  partition: number,
  maxUnavailable: number | undefined,
  unavailable: (pod: KubeObject) => boolean,
): KubeObject[] {
  const outdated = (pod: KubeObject) => podRevision(pod) !== updateRevision && !isTerminating(pod);
  if (maxUnavailable === undefined) {
    for (let target = replicas.length - 1; target >= partition; target--) {
      const pod = replicas[target]!;
      if (outdated(pod)) return [pod];
      if (unavailable(pod)) return [];
    }
    return [];
  }
  const unavailableCount = replicas.filter(unavailable).length;
  if (unavailableCount > maxUnavailable) return [];
  const chosen: KubeObject[] = [];
  for (let target = replicas.length - 1; target >= partition; target--) {
    if (chosen.length >= maxUnavailable - unavailableCount) break;
    if (outdated(replicas[target]!)) chosen.push(replicas[target]!);
  }
  return chosen;
}

/** computeReplicaStatus over every pod of the set, condemned ones included (§3.6). */
function countReplicas(
  status: Status,
  pods: readonly KubeObject[],
  minReadySeconds: number,
  current: KubeObject,
  update: KubeObject,
  now: number,
): void {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let currentCount = 0;
  let updated = 0;
  for (const pod of pods) {
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
    if (!isTerminating(pod)) {
      if (podRevision(pod) === current.metadata.name) currentCount++;
      if (podRevision(pod) === update.metadata.name) updated++;
    }
  }
  status.replicas = replicas;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  status.currentReplicas = currentCount;
  status.updatedReplicas = updated;
}

/**
 * updateStatefulSetStatus: a finished rolling update moves currentRevision to updateRevision;
 * the status is written only when something differs.
 */
function writeStatus(cluster: Cluster, set: KubeObject, status: Status): void {
  const spec = specOf(set);
  if (
    !spec.onDelete &&
    status.updatedReplicas === status.replicas &&
    status.readyReplicas === status.replicas &&
    status.replicas === spec.replicas
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  const old = (asStatefulSet(set).status ?? {}) as Partial<Status>;
  const counters = [
    "replicas",
    "readyReplicas",
    "currentReplicas",
    "updatedReplicas",
    "availableReplicas",
  ] as const;
  const differs =
    old.observedGeneration === undefined ||
    (status.observedGeneration ?? 0) > old.observedGeneration ||
    counters.some((field) => (status[field] ?? 0) !== (old[field] ?? 0)) ||
    status.currentRevision !== old.currentRevision ||
    status.updateRevision !== old.updateRevision ||
    status.collisionCount !== (old.collisionCount ?? 0);
  if (differs) cluster.api.updateStatus({ ...set, status: withoutZeroes(status) });
}

/** Go leaves out omitempty fields at their zero value; replicas, availableReplicas and collisionCount stay. */
function withoutZeroes(status: Status): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keep = new Set(["replicas", "availableReplicas", "collisionCount"]);
  for (const [key, value] of Object.entries(status)) {
    if (value === undefined) continue;
    if (!keep.has(key) && (value === 0 || value === "")) continue;
    out[key] = value;
  }
  return out;
}

/**
 * truncateHistory: revisions that are neither current, update, nor used by a pod are deleted,
 * oldest first, beyond revisionHistoryLimit.
 */
function truncateHistory(
  cluster: Cluster,
  set: KubeObject,
  pods: readonly KubeObject[],
  revisions: readonly KubeObject[],
  current: KubeObject,
  update: KubeObject,
): void {
  const live = new Set([current.metadata.name, update.metadata.name, ...pods.map(podRevision)]);
  const history = revisions.filter((r) => !live.has(r.metadata.name));
  const limit = specOf(set).revisionHistoryLimit;
  if (limit < 0 || history.length <= limit) return;
  for (const revision of history.slice(0, history.length - limit)) {
    cluster.api.delete("ControllerRevision", revision.metadata.namespace, revision.metadata.name);
  }
}
