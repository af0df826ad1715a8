/**
 * The default scheduler: binds each Pending pod (no spec.nodeName, schedulerName
 * default-scheduler) to a node that passes the filters kind users meet — PersistentVolumeClaims
 * (missing, unbound Immediate, WaitForFirstConsumer, a bound PV's node affinity), cordon,
 * nodeSelector and required node affinity on hostname labels, taints against tolerations, and
 * cpu/memory requests against allocatable. Among the nodes that fit it picks the one running
 * the fewest pods (ties by name), which spreads a StatefulSet across workers as the real scoring
 * does in an empty cluster. Failures give the real FailedScheduling message
 * (`0/3 nodes are available: …. preemption: …`); WaitForFirstConsumer claims get the
 * `volume.kubernetes.io/selected-node` annotation and the pod is bound once they are Bound.
 */

import type { Pod, PodSpec, Taint, Toleration } from "kubernetes-types/core/v1";
import { sameJson } from "./api/equality.ts";
import type { Cluster } from "./cluster.ts";
import type { Controller, WatchEvent } from "./controller-manager.ts";
import { recordEvent } from "./events.ts";
import { namespacedKey, splitNamespacedKey } from "./object-keys.ts";
import { check, isRecord } from "./snapshot-guard.ts";
import type { StatePart } from "./state-parts.ts";
import { podsUsingClaim } from "./storage/claim-users.ts";
import { parseQuantity } from "./storage/quantity.ts";
import type { KubeObject } from "./types.ts";

export const SCHEDULER = "default-scheduler";
export const SELECTED_NODE_ANNOTATION = "volume.kubernetes.io/selected-node";

interface NodeView {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { allocatable?: Record<string, string> };
}

interface ClaimView {
  spec?: { storageClassName?: string; volumeName?: string };
  status?: { phase?: string };
}

interface PvView {
  spec?: {
    nodeAffinity?: {
      required?: {
        nodeSelectorTerms?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[];
      };
    };
  };
}

const specOf = (pod: KubeObject) => (pod as unknown as Pod).spec as PodSpec | undefined;
const keyOf = (pod: KubeObject) => namespacedKey(pod.metadata.namespace ?? "default", pod.metadata.name);

function wantsScheduling(pod: KubeObject): boolean {
  const spec = specOf(pod);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return (
    !spec?.nodeName &&
    (spec?.schedulerName ?? SCHEDULER) === SCHEDULER &&
    !pod.metadata.deletionTimestamp &&
    phase !== "Succeeded" &&
    phase !== "Failed"
  );
}

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/**
 * A pod is first tried a moment after it appears (the scheduling queue and the binding cycle take
 * a few milliseconds), so other controllers see it unscheduled first, as they do for real
 * (the PV controller's WaitForPodScheduled).
 */
export const SCHEDULING_LATENCY_MS = 50;

/**
 * What the scheduler keeps besides the store, per cluster. The parts that decide where pods go
 * (unschedulable, assumed) are rebuilt from the store when a restored cluster first needs them.
 */
interface SchedulerState {
  /** Pods a cluster change may have made schedulable: their next failure is reported again. */
  retries: Set<string>;
  /**
   * Failed attempts per pod: a retry waits out the scheduler's per-pod back-off (1s doubling to
   * 10s, podInitialBackoffSeconds/podMaxBackoffSeconds) even when a cluster change woke it.
   */
  failures: Map<string, { attempts: number; at: number }>;
  /** When each pod (`key/uid`) was first seen, for SCHEDULING_LATENCY_MS. */
  firstSeen: Map<string, number>;
  /**
   * The firstSeen key of each pod uid, made once: a key built afresh for every attempt (five
   * per pod) is a new string to flatten and hash twice. Not saved: it is only a cache.
   */
  seenKeys: Map<string, string>;
  /**
   * Pending pods whose last attempt failed: the unschedulable queue, which every cluster change
   * moves back to the active queue. Pods not tried yet are queued already, and assumed pods wait
   * for their own claims, so a change retries only these (and the pods using a changed claim).
   */
  unschedulable: Set<string>;
  /**
   * Pods assumed on a node while the claims they wait for (WaitForFirstConsumer) are provisioned
   * there: VolumeBinding's PreBind. Like the scheduler cache's assumed pods they take a slot on
   * that node, so the next pod goes elsewhere, and they are not placed again meanwhile.
   */
  assumed: Map<string, string>;
  /** The same assumed pods by node. */
  assumedOn: Map<string, Set<string>>;
}

const states = new WeakMap<Cluster, SchedulerState>();

function stateOf(cluster: Cluster): SchedulerState {
  let state = states.get(cluster);
  if (!state) {
    state = {
      retries: new Set(),
      failures: new Map(),
      firstSeen: new Map(),
      seenKeys: new Map(),
      unschedulable: new Set(),
      assumed: new Map(),
      assumedOn: new Map(),
    };
    states.set(cluster, state);
    for (const pod of cluster.api.list("Pod").filter(wantsScheduling)) rememberFromStore(cluster, state, pod);
  }
  return state;
}

/** A pending pod of a restored cluster: unschedulable if its condition says so, assumed if its claims name a node. */
function rememberFromStore(cluster: Cluster, state: SchedulerState, pod: KubeObject): void {
  const scheduled = (
    pod.status as { conditions?: { type: string; status?: string }[] } | undefined
  )?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False") {
    state.unschedulable.add(keyOf(pod));
    return;
  }
  const claims = checkClaims(cluster, pod);
  if (!claims.ok || claims.waiting.length === 0) return;
  const nodes = new Set(claims.waiting.map((c) => c.metadata.annotations?.[SELECTED_NODE_ANNOTATION]));
  const [node] = nodes;
  if (nodes.size === 1 && node !== undefined) assume(state, keyOf(pod), node);
}

function assume(state: SchedulerState, key: string, node: string): void {
  forget(state, key);
  state.assumed.set(key, node);
  let keys = state.assumedOn.get(node);
  if (!keys) {
    keys = new Set();
    state.assumedOn.set(node, keys);
  }
  keys.add(key);
}

function forget(state: SchedulerState, key: string): void {
  const node = state.assumed.get(key);
  if (node === undefined) return;
  state.assumed.delete(key);
  const keys = state.assumedOn.get(node)!;
  keys.delete(key);
  if (keys.size === 0) state.assumedOn.delete(node);
}

const byBytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The pods a cluster change sends back to be tried (in list order): the unschedulable ones and
 * the pending pods among `users` (those of a changed claim). Each reports its next failure again.
 */
function retryKeys(state: SchedulerState, users: readonly KubeObject[] = []): string[] {
  // The usual case while a big set comes up (every claim change asks): nothing waits.
  if (state.unschedulable.size === 0 && users.length === 0) return [];
  const keys = new Set(state.unschedulable);
  for (const pod of users) if (wantsScheduling(pod)) keys.add(keyOf(pod));
  for (const key of keys) state.retries.add(key);
  return [...keys].sort(byBytes);
}

function keysFor(event: WatchEvent, cluster: Cluster): string[] {
  const o = event.object;
  const state = stateOf(cluster);
  if (o.kind === "Pod") {
    const key = keyOf(o);
    const wanted = event.type !== "DELETED" && wantsScheduling(o);
    if (!wanted) {
      forget(state, key);
      state.unschedulable.delete(key);
    }
    if (event.type === "DELETED") return retryKeys(state);
    return wanted ? [key] : [];
  }
  if (o.kind === "PersistentVolumeClaim") return retryKeys(state, podsUsingClaim(cluster, o));
  if (o.kind === "Node" || o.kind === "PersistentVolume" || o.kind === "StorageClass") {
    return retryKeys(state);
  }
  return [];
}

/** Does the toleration tolerate the taint (v1helper.ToleratesTaint)? */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === "Exists") return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? "") === (taint.value ?? "");
}

/**
 * The first NoSchedule/NoExecute taint no toleration covers, if any. Plain loops: the scheduler
 * asks this of every node for every pod it places.
 */
export function untoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
    if (!tolerations?.some((x) => tolerates(x, taint))) return taint;
  }
  return undefined;
}

function requests(spec: PodSpec | undefined): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of spec?.containers ?? []) {
    cpu += parseQuantity(c.resources?.requests?.cpu) ?? 0;
    memory += parseQuantity(c.resources?.requests?.memory) ?? 0;
  }
  return { cpu, memory };
}

function matchesExpression(
  labels: Record<string, string>,
  e: { key: string; operator: string; values?: string[] },
): boolean {
  const v = labels[e.key];
  switch (e.operator) {
    case "In":
      return v !== undefined && (e.values ?? []).includes(v);
    case "NotIn":
      return v === undefined || !(e.values ?? []).includes(v);
    case "Exists":
      return v !== undefined;
    case "DoesNotExist":
      return v === undefined;
    default:
      return false;
  }
}

/** Loops rather than every/some with closures: asked of every node for every pod with a local volume. */
function nodeAffinityOk(
  labels: Record<string, string>,
  terms: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] | undefined,
): boolean {
  if (!terms || terms.length === 0) return true;
  for (const term of terms) {
    let all = true;
    for (const e of term.matchExpressions ?? []) {
      if (!matchesExpression(labels, e)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

type ClaimCheck =
  | { ok: true; bound: KubeObject[]; waiting: KubeObject[] }
  /** A PreFilter failure: the same message for every node, no per-node counts. */
  | { ok: false; message: string };

function checkClaims(cluster: Cluster, pod: KubeObject): ClaimCheck {
  const ns = pod.metadata.namespace ?? "default";
  const bound: KubeObject[] = [];
  const waiting: KubeObject[] = [];
  for (const v of specOf(pod)?.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const claim = cluster.api.tryGet("PersistentVolumeClaim", ns, name);
    if (!claim) return { ok: false, message: `persistentvolumeclaim "${name}" not found` };
    const view = claim as ClaimView;
    if (view.status?.phase === "Bound" || view.spec?.volumeName) {
      bound.push(claim);
      continue;
    }
    const className = view.spec?.storageClassName;
    const sc = className ? cluster.api.tryGet("StorageClass", undefined, className) : undefined;
    if ((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === "WaitForFirstConsumer") {
      waiting.push(claim);
    } else {
      return { ok: false, message: "pod has unbound immediate PersistentVolumeClaims" };
    }
  }
  return { ok: true, bound, waiting };
}

const isFinished = (pod: KubeObject) => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
};
/** One keys array per node name and none for no node: a pod's every write files it again (no new array each time). */
const NO_NODE: readonly string[] = [];
const nodeKeys = new Map<string, readonly string[]>();
/** Store index keys: the node a pod is bound to, and the same for pods that have not finished. */
const nodeOf = (pod: KubeObject): readonly string[] => {
  const nodeName = specOf(pod)?.nodeName;
  if (nodeName === undefined) return NO_NODE;
  let keys = nodeKeys.get(nodeName);
  if (!keys) {
    keys = [nodeName];
    // Node names are few; a session naming thousands (a fuzzer) starts the table again.
    if (nodeKeys.size >= 10_000) nodeKeys.clear();
    nodeKeys.set(nodeName, keys);
  }
  return keys;
};
const activeNodeOf = (pod: KubeObject) => (isFinished(pod) ? NO_NODE : nodeOf(pod));

/**
 * How many pods each node holds, for one scheduling attempt: the store's live counts (bound pods,
 * and those not finished) and the assumed pods. Found once per attempt, read for every node.
 */
interface NodeLoads {
  /** Pods bound to each node, finished ones too: what scoring spreads by. */
  readonly bound: ReadonlyMap<string, { readonly size: number }>;
  /** Pods bound to each node that have not finished: what takes a pod slot. */
  readonly active: ReadonlyMap<string, { readonly size: number }>;
  readonly assumedOn: ReadonlyMap<string, { readonly size: number }>;
}

function nodeLoads(cluster: Cluster, state: SchedulerState): NodeLoads {
  return {
    bound: cluster.store.indexSizes("Pod", "scheduler/on-node", nodeOf),
    active: cluster.store.indexSizes("Pod", "scheduler/active-on-node", activeNodeOf),
    assumedOn: state.assumedOn,
  };
}

/** Pods bound to the node that have not finished, plus the pods assumed there. */
const podsTakingSlots = (loads: NodeLoads, node: string): number =>
  (loads.active.get(node)?.size ?? 0) + (loads.assumedOn.get(node)?.size ?? 0);

/** What scoring spreads by: every pod bound to the node (finished ones too), plus the assumed ones. */
const podsOn = (loads: NodeLoads, node: string): number =>
  (loads.bound.get(node)?.size ?? 0) + (loads.assumedOn.get(node)?.size ?? 0);

/** The cpu and memory the node's unfinished and assumed pods request. */
function requestedOn(cluster: Cluster, state: SchedulerState, node: string): { cpu: number; memory: number } {
  const used = { cpu: 0, memory: 0 };
  const pods = cluster.store.indexed("Pod", "scheduler/active-on-node", activeNodeOf, node);
  for (const key of state.assumedOn.get(node) ?? []) {
    const { namespace, name } = splitNamespacedKey(key);
    const pod = cluster.api.tryGet("Pod", namespace, name);
    if (pod) pods.push(pod);
  }
  for (const pod of pods) {
    const r = requests(specOf(pod));
    used.cpu += r.cpu;
    used.memory += r.memory;
  }
  return used;
}

/** What the filters need of the pod, worked out once per attempt rather than once per node. */
interface PodFacts {
  tolerations: Toleration[] | undefined;
  toleratesUnschedulable: boolean;
  selector: [string, string][];
  affinity: Parameters<typeof nodeAffinityOk>[1];
  want: { cpu: number; memory: number };
  /** The node affinity of each bound claim's volume (undefined: the volume has none or is missing). */
  volumeTerms: Parameters<typeof nodeAffinityOk>[1][];
}

function podFacts(cluster: Cluster, pod: KubeObject, bound: KubeObject[]): PodFacts {
  const spec = specOf(pod);
  return {
    tolerations: spec?.tolerations,
    toleratesUnschedulable:
      spec?.tolerations?.some((t) =>
        tolerates(t, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }),
      ) ?? false,
    selector: Object.entries(spec?.nodeSelector ?? {}),
    affinity: spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms as never,
    want: requests(spec),
    volumeTerms: bound.map((claim) => {
      const pvName = (claim as ClaimView).spec?.volumeName;
      const pv = pvName ? cluster.api.tryGet("PersistentVolume", undefined, pvName) : undefined;
      return (pv as PvView | undefined)?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    }),
  };
}

/** A node's allocatable pods, cpu and memory as numbers; parsed once per stored version of the node. */
const allocatables = new WeakMap<KubeObject, { pods: number; cpu: number; memory: number }>();

function allocatableOf(node: KubeObject): { pods: number; cpu: number; memory: number } {
  let found = allocatables.get(node);
  if (!found) {
    const allocatable = (node as NodeView).status?.allocatable;
    found = {
      pods: parseQuantity(allocatable?.pods) ?? Number.POSITIVE_INFINITY,
      cpu: parseQuantity(allocatable?.cpu) ?? Number.POSITIVE_INFINITY,
      memory: parseQuantity(allocatable?.memory) ?? Number.POSITIVE_INFINITY,
    };
    allocatables.set(node, found);
  }
  return found;
}

function selectorMatches(selector: [string, string][], labels: Record<string, string>): boolean {
  for (let i = 0; i < selector.length; i++) if (labels[selector[i]![0]] !== selector[i]![1]) return false;
  return true;
}

/**
 * Does every bound volume of the pod allow a node with these labels? An indexed loop, like
 * choose()'s: asked of every node for every pod placed.
 */
function volumesAllow(facts: PodFacts, labels: Record<string, string>): boolean {
  for (let i = 0; i < facts.volumeTerms.length; i++)
    if (!nodeAffinityOk(labels, facts.volumeTerms[i])) return false;
  return true;
}

/** Why `node` cannot take the pod, as the filter plugins word it; undefined when it fits. */
function rejection(
  cluster: Cluster,
  state: SchedulerState,
  loads: NodeLoads,
  pod: PodFacts,
  node: KubeObject,
): string | undefined {
  const view = node as NodeView;
  const labels = labelsOf(node);
  if (view.spec?.unschedulable && !pod.toleratesUnschedulable) return "node(s) were unschedulable";
  // The default profile's filter order; a node reports only the first filter it fails.
  const taint = untoleratedTaint(view.spec?.taints, pod.tolerations);
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
  if (!selectorMatches(pod.selector, labels) || !nodeAffinityOk(labels, pod.affinity)) {
    return "node(s) didn't match Pod's node affinity/selector";
  }
  const allocatable = allocatableOf(node);
  if (podsTakingSlots(loads, node.metadata.name) + 1 > allocatable.pods) return "Too many pods";
  const { want } = pod;
  if (want.cpu > 0 || want.memory > 0) {
    const used = requestedOn(cluster, state, node.metadata.name);
    if (want.cpu > 0 && used.cpu + want.cpu > allocatable.cpu + 1e-9) return "Insufficient cpu";
    if (want.memory > 0 && used.memory + want.memory > allocatable.memory) return "Insufficient memory";
  }
  if (!volumesAllow(pod, labels)) return "node(s) had volume node affinity conflict";
  return undefined;
}

/** Reasons that evicting lower-priority pods could fix; everything else is "not helpful". */
const PREEMPTIBLE = new Set(["Insufficient cpu", "Insufficient memory", "Too many pods"]);

/** The scheduler's FitError text, with the preemption summary kind users see. */
export function failedSchedulingMessage(total: number, perNode: string[], preFilter?: string): string {
  const preemption = (counts: Map<string, number>) =>
    [...counts]
      .map(([reason, n]) => `${n} ${reason}`)
      .sort()
      .join(", ");
  if (preFilter !== undefined) {
    return `0/${total} nodes are available: ${preFilter}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  }
  const counts = new Map<string, number>();
  for (const r of perNode) counts.set(r, (counts.get(r) ?? 0) + 1);
  const pre = new Map<string, number>();
  for (const r of perNode) {
    const key = PREEMPTIBLE.has(r)
      ? "No preemption victims found for incoming pod"
      : "Preemption is not helpful for scheduling";
    pre.set(key, (pre.get(key) ?? 0) + 1);
  }
  return `0/${total} nodes are available: ${preemption(counts)}. preemption: 0/${total} nodes are available: ${preemption(pre)}.`;
}

/** The pod's status with its PodScheduled condition set (transition time kept while unchanged). */
function withScheduledCondition(
  cluster: Cluster,
  pod: KubeObject,
  condition: Record<string, unknown>,
): unknown {
  const status = (pod.status ?? {}) as {
    phase?: string;
    conditions?: { type: string; status?: string; lastTransitionTime?: string }[];
  };
  const old = status.conditions?.find((c) => c.type === "PodScheduled");
  const since = old && old.status === condition.status ? old.lastTransitionTime : cluster.api.timestamp();
  const next = { lastProbeTime: null, lastTransitionTime: since, type: "PodScheduled", ...condition };
  const conditions = [...(status.conditions ?? []).filter((c) => c.type !== "PodScheduled"), next];
  return { ...status, phase: status.phase ?? "Pending", conditions };
}

function setScheduledCondition(
  cluster: Cluster,
  pod: KubeObject,
  condition: Record<string, unknown>,
): KubeObject {
  const updated = withScheduledCondition(cluster, pod, condition);
  if (sameJson(updated, pod.status)) return pod;
  return cluster.api.updateStatus({ ...pod, status: updated });
}

const labelsOf = (node: KubeObject) => node.metadata.labels ?? {};

/** The node that fits with the fewest pods, ties by name; undefined when none fits. */
function choose(
  cluster: Cluster,
  state: SchedulerState,
  facts: PodFacts,
  nodes: readonly KubeObject[],
): { name: string; load: number } | undefined {
  let chosen: { name: string; load: number } | undefined;
  const loads = nodeLoads(cluster, state);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (rejection(cluster, state, loads, facts, node)) continue;
    // Bytewise ties: the same in every locale, and no ICU call for each of a hundred nodes.
    const { name } = node.metadata;
    const load = podsOn(loads, name);
    if (!chosen || load < chosen.load || (load === chosen.load && byBytes(name, chosen.name) < 0)) {
      chosen = { name, load };
    }
  }
  return chosen;
}

/** `<namespace>/<name>/<uid>`, the key firstSeen files a pod under (the same string each time). */
function firstSeenKey(state: SchedulerState, key: string, uid: string | undefined): string {
  if (uid === undefined) return `${key}/${uid}`;
  let found = state.seenKeys.get(uid);
  if (found === undefined) {
    found = `${key}/${uid}`;
    // A uid belongs to one pod for good; deleted pods' keys are let go now and then.
    if (state.seenKeys.size >= 100_000) state.seenKeys.clear();
    state.seenKeys.set(uid, found);
  }
  return found;
}

function schedule(cluster: Cluster, key: string): void {
  const { namespace, name } = splitNamespacedKey(key);
  const pod = cluster.api.tryGet("Pod", namespace, name);
  if (!pod || !wantsScheduling(pod)) return;
  const state = stateOf(cluster);
  const uidKey = firstSeenKey(state, key, pod.metadata.uid);
  const arrived = state.firstSeen.get(uidKey) ?? cluster.clock.now();
  state.firstSeen.set(uidKey, arrived);
  if (cluster.clock.now() < arrived + SCHEDULING_LATENCY_MS) {
    cluster.clock.wakeAt(arrived + SCHEDULING_LATENCY_MS, SCHEDULER, key);
    return;
  }
  const failed = state.failures.get(key);
  if (failed) {
    const due = failed.at + Math.min(INITIAL_BACKOFF_MS * 2 ** (failed.attempts - 1), MAX_BACKOFF_MS);
    if (cluster.clock.now() < due) {
      cluster.clock.wakeAt(due, SCHEDULER, key);
      return;
    }
  }
  const retried = state.retries.delete(key);
  const claims = checkClaims(cluster, pod);
  if (state.assumed.has(key)) {
    // PreBind: an assumed pod waits for the claims being provisioned on its node.
    if (claims.ok && claims.waiting.length > 0) return;
    forget(state, key);
  }
  // The same list until a Node is written: a big set's every pod asks for it once or twice.
  const nodes = cluster.store.memo("Node", "scheduler/nodes", () => cluster.api.list("Node"));
  let message: string;
  if (nodes.length === 0) message = "no nodes available to schedule pods";
  else if (!claims.ok) message = failedSchedulingMessage(nodes.length, [], claims.message);
  else {
    const facts = podFacts(cluster, pod, claims.bound);
    // A node the pod's bound volumes do not allow never fits (their filter is the last one): a
    // pod pinned by a local volume looks at its own node first, and at every node only to say
    // why none fits. The choice does not depend on the order nodes are looked at.
    const pinned =
      facts.volumeTerms.length > 0 ? nodes.filter((node) => volumesAllow(facts, labelsOf(node))) : nodes;
    const chosen = choose(cluster, state, facts, pinned);
    if (chosen) {
      state.failures.delete(key);
      state.unschedulable.delete(key);
      if (claims.waiting.length === 0) state.firstSeen.delete(uidKey);
      else assume(state, key, chosen.name);
      bind(cluster, pod, chosen.name, claims.waiting);
      return;
    }
    // None fits, so every node has its reason (one outside `pinned` at least its volumes').
    const loads = nodeLoads(cluster, state);
    const reasons = nodes.map((node) => rejection(cluster, state, loads, facts, node)!);
    message = failedSchedulingMessage(nodes.length, reasons);
  }
  const old = (
    pod.status as { conditions?: { type: string; message?: string }[] } | undefined
  )?.conditions?.find((c) => c.type === "PodScheduled");
  state.failures.set(key, { attempts: (failed?.attempts ?? 0) + 1, at: cluster.clock.now() });
  state.unschedulable.add(key);
  const updated = setScheduledCondition(cluster, pod, { status: "False", reason: "Unschedulable", message });
  if (old?.message !== message || retried) {
    recordEvent(cluster, updated, "Warning", "FailedScheduling", message, { component: SCHEDULER });
  }
}

function bind(cluster: Cluster, pod: KubeObject, nodeName: string, waiting: KubeObject[]): void {
  // VolumeBinding PreBind: ask for the claims to be provisioned on this node, bind once they are Bound.
  if (waiting.length > 0) {
    for (const claim of waiting) {
      if (claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === nodeName) continue;
      cluster.api.update(
        {
          ...claim,
          metadata: {
            ...claim.metadata,
            annotations: { ...claim.metadata.annotations, [SELECTED_NODE_ANNOTATION]: nodeName },
          },
        },
        { owned: true },
      );
    }
    return;
  }
  // One write, as the binding subresource does: nodeName and PodScheduled=True together.
  const scheduled = cluster.api.bindPod(
    pod,
    nodeName,
    withScheduledCondition(cluster, pod, { status: "True" }),
  );
  const { namespace, name } = pod.metadata;
  recordEvent(
    cluster,
    scheduled,
    "Normal",
    "Scheduled",
    `Successfully assigned ${namespace}/${name} to ${nodeName}`,
    {
      component: SCHEDULER,
    },
  );
}

export function createScheduler(): Controller<Cluster> {
  return {
    name: SCHEDULER,
    kinds: ["Pod", "PersistentVolumeClaim", "Node", "PersistentVolume", "StorageClass"],
    keysFor,
    reconcile: (key, cluster) => schedule(cluster, key),
  };
}

/**
 * The scheduler's own state joins snapshots (the back-off and first-seen times decide when a
 * restored scheduler tries a pod next). Sets and maps travel as arrays, keeping their order.
 */
export function schedulerStatePart(cluster: Cluster): StatePart {
  return {
    save() {
      const state = stateOf(cluster);
      return {
        retries: [...state.retries],
        failures: [...state.failures].map(([key, f]) => [key, f.attempts, f.at]),
        firstSeen: [...state.firstSeen],
        unschedulable: [...state.unschedulable],
        assumed: [...state.assumed],
      };
    },
    restore(data) {
      const damaged = "the snapshot's scheduler state is damaged";
      const strings = (v: unknown): v is string[] =>
        Array.isArray(v) && v.every((k) => typeof k === "string");
      const tuples = (v: unknown, n: number, types: string[]): v is unknown[][] =>
        Array.isArray(v) &&
        v.every(
          (e) =>
            Array.isArray(e) &&
            e.length === n &&
            e.every((x, i) => typeof x === types[i] && (typeof x !== "number" || Number.isFinite(x))),
        );
      check(isRecord(data), damaged);
      check(strings(data.retries) && strings(data.unschedulable), damaged);
      check(tuples(data.failures, 3, ["string", "number", "number"]), damaged);
      check(tuples(data.firstSeen, 2, ["string", "number"]), damaged);
      check(tuples(data.assumed, 2, ["string", "string"]), damaged);
      const state: SchedulerState = {
        retries: new Set(data.retries),
        failures: new Map(
          data.failures.map(([key, attempts, at]) => [
            key as string,
            { attempts: attempts as number, at: at as number },
          ]),
        ),
        firstSeen: new Map(data.firstSeen as [string, number][]),
        seenKeys: new Map(),
        unschedulable: new Set(data.unschedulable),
        assumed: new Map(),
        assumedOn: new Map(),
      };
      for (const [key, node] of data.assumed as [string, string][]) assume(state, key, node);
      states.set(cluster, state);
    },
  };
}
