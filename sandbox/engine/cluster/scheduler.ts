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
import type { Cluster } from "./cluster.ts";
import type { Controller, WatchEvent } from "./controller-manager.ts";
import { recordEvent } from "./events.ts";
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
const keyOf = (pod: KubeObject) => `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;

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

/** Pods a cluster change may have made schedulable: they are retried and report again. */
const retries = new WeakMap<Cluster, Set<string>>();

/**
 * Failed attempts per pod: a retry waits out the scheduler's per-pod back-off (1s doubling to
 * 10s, podInitialBackoffSeconds/podMaxBackoffSeconds) even when a cluster change woke it.
 */
const failures = new WeakMap<Cluster, Map<string, { attempts: number; at: number }>>();
const INITIAL_BACKOFF_MS = 1000;
/**
 * A pod is first tried a moment after it appears (the scheduling queue and the binding cycle take
 * a few milliseconds), so other controllers see it unscheduled first, as they do for real
 * (the PV controller's WaitForPodScheduled).
 */
export const SCHEDULING_LATENCY_MS = 50;
const firstSeen = new WeakMap<Cluster, Map<string, number>>();
const MAX_BACKOFF_MS = 10_000;

function failuresOf(cluster: Cluster): Map<string, { attempts: number; at: number }> {
  let map = failures.get(cluster);
  if (!map) {
    map = new Map();
    failures.set(cluster, map);
  }
  return map;
}

/** The last pendingPodKeys answer and the Pod revision it was computed at. */
const pendingCache = new WeakMap<Cluster, { revision: number; keys: string[] }>();

function pendingPodKeys(cluster: Cluster): string[] {
  const revision = cluster.store.kindRevision("Pod");
  let cached = pendingCache.get(cluster);
  if (cached?.revision !== revision) {
    cached = { revision, keys: cluster.api.list("Pod").filter(wantsScheduling).map(keyOf) };
    pendingCache.set(cluster, cached);
  }
  const { keys } = cached;
  const set = retries.get(cluster) ?? new Set();
  for (const k of keys) set.add(k);
  retries.set(cluster, set);
  return keys;
}

function keysFor(event: WatchEvent, cluster: Cluster): string[] {
  const o = event.object;
  if (o.kind === "Pod") {
    if (event.type === "DELETED") return pendingPodKeys(cluster);
    return wantsScheduling(o) ? [keyOf(o)] : [];
  }
  if (["Node", "PersistentVolumeClaim", "PersistentVolume", "StorageClass"].includes(o.kind)) {
    return pendingPodKeys(cluster);
  }
  return [];
}

/** Does the toleration tolerate the taint (v1helper.ToleratesTaint)? */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === "Exists") return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? "") === (taint.value ?? "");
}

/** The first NoSchedule/NoExecute taint no toleration covers, if any. */
export function untoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
): Taint | undefined {
  return (taints ?? []).find(
    (t) =>
      (t.effect === "NoSchedule" || t.effect === "NoExecute") &&
      !(tolerations ?? []).some((x) => tolerates(x, t)),
  );
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

function matchesExpressions(
  labels: Record<string, string>,
  exprs: { key: string; operator: string; values?: string[] }[] | undefined,
): boolean {
  return (exprs ?? []).every((e) => {
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
  });
}

function nodeAffinityOk(
  labels: Record<string, string>,
  terms: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] | undefined,
): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => matchesExpressions(labels, t.matchExpressions));
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

/** Pods bound to each node that have not finished, in list order (reused while no Pod changes). */
function activePodsByNode(cluster: Cluster): Map<string, KubeObject[]> {
  return cluster.store.memo("Pod", "scheduler/active-by-node", () => {
    const byNode = new Map<string, KubeObject[]>();
    for (const p of cluster.api.list("Pod")) {
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      const nodeName = specOf(p)?.nodeName;
      if (nodeName === undefined || phase === "Succeeded" || phase === "Failed") continue;
      const pods = byNode.get(nodeName);
      if (pods) pods.push(p);
      else byNode.set(nodeName, [p]);
    }
    return byNode;
  });
}

/** Why `node` cannot take `pod`, as the filter plugins word it; undefined when it fits. */
function rejection(
  cluster: Cluster,
  pod: KubeObject,
  node: KubeObject,
  bound: KubeObject[],
): string | undefined {
  const spec = specOf(pod);
  const view = node as NodeView;
  const labels = node.metadata.labels ?? {};
  if (
    view.spec?.unschedulable &&
    !spec?.tolerations?.some((t) =>
      tolerates(t, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }),
    )
  ) {
    return "node(s) were unschedulable";
  }
  // The default profile's filter order; a node reports only the first filter it fails.
  const taint = untoleratedTaint(view.spec?.taints, spec?.tolerations);
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
  const selector = spec?.nodeSelector ?? {};
  const affinity =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (
    !Object.entries(selector).every(([k, v]) => labels[k] === v) ||
    !nodeAffinityOk(labels, affinity as never)
  ) {
    return "node(s) didn't match Pod's node affinity/selector";
  }
  const maxPods = parseQuantity(view.status?.allocatable?.pods) ?? Number.POSITIVE_INFINITY;
  const onNode = activePodsByNode(cluster).get(node.metadata.name) ?? [];
  if (onNode.length + 1 > maxPods) return "Too many pods";
  const want = requests(spec);
  if (want.cpu > 0 || want.memory > 0) {
    const used = { cpu: 0, memory: 0 };
    for (const other of onNode) {
      const r = requests(specOf(other));
      used.cpu += r.cpu;
      used.memory += r.memory;
    }
    const cpu = parseQuantity(view.status?.allocatable?.cpu) ?? Number.POSITIVE_INFINITY;
    const memory = parseQuantity(view.status?.allocatable?.memory) ?? Number.POSITIVE_INFINITY;
    if (want.cpu > 0 && used.cpu + want.cpu > cpu + 1e-9) return "Insufficient cpu";
    if (want.memory > 0 && used.memory + want.memory > memory) return "Insufficient memory";
  }
  for (const claim of bound) {
    const pvName = (claim as ClaimView).spec?.volumeName;
    const pv = pvName ? cluster.api.tryGet("PersistentVolume", undefined, pvName) : undefined;
    const terms = (pv as PvView | undefined)?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (!nodeAffinityOk(labels, terms)) return "node(s) had volume node affinity conflict";
  }
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
  if (JSON.stringify(updated) === JSON.stringify(pod.status)) return pod;
  return cluster.api.updateStatus({ ...pod, status: updated });
}

function schedule(cluster: Cluster, key: string): void {
  const slash = key.indexOf("/");
  const pod = cluster.api.tryGet("Pod", key.slice(0, slash), key.slice(slash + 1));
  if (!pod || !wantsScheduling(pod)) return;
  let seen = firstSeen.get(cluster);
  if (!seen) {
    seen = new Map();
    firstSeen.set(cluster, seen);
  }
  const uidKey = `${key}/${pod.metadata.uid}`;
  const arrived = seen.get(uidKey) ?? cluster.clock.now();
  seen.set(uidKey, arrived);
  if (cluster.clock.now() < arrived + SCHEDULING_LATENCY_MS) {
    cluster.clock.wakeAt(arrived + SCHEDULING_LATENCY_MS, SCHEDULER, key);
    return;
  }
  const failed = failuresOf(cluster).get(key);
  if (failed) {
    const due = failed.at + Math.min(INITIAL_BACKOFF_MS * 2 ** (failed.attempts - 1), MAX_BACKOFF_MS);
    if (cluster.clock.now() < due) {
      cluster.clock.wakeAt(due, SCHEDULER, key);
      return;
    }
  }
  const retried = retries.get(cluster)?.delete(key) ?? false;
  const nodes = cluster.api.list("Node");
  const claims = checkClaims(cluster, pod);
  let message: string;
  if (nodes.length === 0) message = "no nodes available to schedule pods";
  else if (!claims.ok) message = failedSchedulingMessage(nodes.length, [], claims.message);
  else {
    const reasons: string[] = [];
    const fits: KubeObject[] = [];
    for (const node of nodes) {
      const why = rejection(cluster, pod, node, claims.bound);
      if (why) reasons.push(why);
      else fits.push(node);
    }
    if (fits.length > 0) {
      const load = (n: KubeObject) =>
        cluster.api.list("Pod").filter((p) => specOf(p)?.nodeName === n.metadata.name).length;
      const chosen = [...fits].sort(
        (a, b) => load(a) - load(b) || a.metadata.name.localeCompare(b.metadata.name),
      )[0]!;
      failuresOf(cluster).delete(key);
      if (claims.waiting.length === 0) seen.delete(uidKey);
      bind(cluster, pod, chosen.metadata.name, claims.waiting);
      return;
    }
    message = failedSchedulingMessage(nodes.length, reasons);
  }
  const old = (
    pod.status as { conditions?: { type: string; message?: string }[] } | undefined
  )?.conditions?.find((c) => c.type === "PodScheduled");
  failuresOf(cluster).set(key, { attempts: (failed?.attempts ?? 0) + 1, at: cluster.clock.now() });
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
      cluster.api.update({
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: { ...claim.metadata.annotations, [SELECTED_NODE_ANNOTATION]: nodeName },
        },
      });
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
  return { name: SCHEDULER, keysFor, reconcile: (key, cluster) => schedule(cluster, key) };
}
