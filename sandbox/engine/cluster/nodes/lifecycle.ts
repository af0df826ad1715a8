/**
 * kube-controller-manager's node lifecycle and taint-eviction loops, for the failure kind users
 * cause with `docker stop <node>`: once the node's kubelet has been silent for the node monitor
 * grace period (50s since v1.32; it was 40s before) the node's conditions go Unknown, it gets the
 * `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints, and its pods are marked not
 * Ready. Each pod is then deleted when its toleration of the NoExecute taint runs out (300s from
 * the API's default tolerations) — but with no kubelet to confirm, it stays Terminating. When the
 * node comes back its kubelet posts Ready again and the taints go. A cordoned node gets the
 * `node.kubernetes.io/unschedulable` NoSchedule taint, and loses it when uncordoned.
 */
import type { Pod, Taint } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { recordEvent } from "../events.ts";
import { nodeRecord } from "../kubelet/state.ts";
import { tolerates } from "../scheduler.ts";
import type { KubeObject } from "../types.ts";

export const NODE_LIFECYCLE = "node-lifecycle-controller";
/** --node-monitor-grace-period: 50s from Kubernetes v1.32 (kubernetes/kubernetes#125926). */
export const NODE_MONITOR_GRACE_MS = 50_000;
export const UNREACHABLE_TAINT_KEY = "node.kubernetes.io/unreachable";
export const NOT_READY_TAINT_KEY = "node.kubernetes.io/not-ready";
export const UNSCHEDULABLE_TAINT_KEY = "node.kubernetes.io/unschedulable";

interface NodeStatusView {
  conditions?: {
    type: string;
    status: string;
    reason?: string;
    message?: string;
    lastHeartbeatTime?: string;
    lastTransitionTime?: string;
  }[];
}

const podSpec = (pod: KubeObject) => (pod as unknown as Pod).spec;

function keysFor(event: WatchEvent): string[] {
  const o = event.object;
  if (o.kind === "Node" && event.type !== "DELETED") return [o.metadata.name];
  if (o.kind === "Pod" && event.type !== "DELETED") {
    const node = podSpec(o)?.nodeName;
    return node ? [node] : [];
  }
  return [];
}

function podsOn(cluster: Cluster, node: string): KubeObject[] {
  return cluster.api.list("Pod").filter((p) => podSpec(p)?.nodeName === node);
}

/** How long a pod tolerates the unreachable NoExecute taint: undefined = forever, 0 = not at all. */
export function tolerationMs(pod: KubeObject, taint: Taint): number | undefined {
  const matching = (podSpec(pod)?.tolerations ?? []).filter((t) => tolerates(t, taint));
  if (matching.length === 0) return 0;
  const seconds = matching.map((t) => t.tolerationSeconds).filter((s): s is number => typeof s === "number");
  if (seconds.length < matching.length) return undefined;
  return Math.max(0, Math.min(...seconds)) * 1000;
}

function markUnreachable(cluster: Cluster, node: KubeObject, since: number): KubeObject {
  const status = (node.status ?? {}) as NodeStatusView & Record<string, unknown>;
  const at = cluster.api.timestamp(since);
  const conditions = (status.conditions ?? []).map((c) =>
    c.status === "Unknown"
      ? c
      : {
          ...c,
          lastTransitionTime: at,
          message: "Kubelet stopped posting node status.",
          reason: "NodeStatusUnknown",
          status: "Unknown",
        },
  );
  let current = node;
  if (JSON.stringify(conditions) !== JSON.stringify(status.conditions)) {
    current = cluster.api.updateStatus({ ...node, status: { ...status, conditions } });
    recordEvent(
      cluster,
      current,
      "Normal",
      "NodeNotReady",
      `Node ${node.metadata.name} status is now: NodeNotReady`,
      {
        component: "node-controller",
      },
    );
    for (const pod of podsOn(cluster, node.metadata.name)) markPodNotReady(cluster, pod, at);
  }
  const spec = (current.spec ?? {}) as { taints?: Taint[] };
  const taints = spec.taints ?? [];
  if (!taints.some((t) => t.key === UNREACHABLE_TAINT_KEY)) {
    current = cluster.api.update({
      ...current,
      spec: {
        ...spec,
        taints: [
          ...taints,
          { effect: "NoSchedule", key: UNREACHABLE_TAINT_KEY, timeAdded: at },
          { effect: "NoExecute", key: UNREACHABLE_TAINT_KEY, timeAdded: at },
        ],
      },
    });
  }
  return current;
}

function markPodNotReady(cluster: Cluster, pod: KubeObject, at: string): void {
  const status = (pod.status ?? {}) as {
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
  };
  if (!status.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return;
  const conditions = status.conditions.map((c) =>
    c.type === "Ready" ? { ...c, status: "False", lastTransitionTime: at } : c,
  );
  const updated = cluster.api.updateStatus({ ...pod, status: { ...status, conditions } });
  recordEvent(cluster, updated, "Warning", "NodeNotReady", "Node is not ready", {
    component: "node-controller",
  });
}

function evictPods(cluster: Cluster, node: KubeObject): void {
  const taint = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).find(
    (t) => t.key === UNREACHABLE_TAINT_KEY && t.effect === "NoExecute",
  );
  if (!taint) return;
  const added = Date.parse(taint.timeAdded ?? cluster.api.timestamp());
  const now = cluster.clock.now();
  for (const pod of podsOn(cluster, node.metadata.name)) {
    if (pod.metadata.deletionTimestamp) continue;
    const ms = tolerationMs(pod, taint);
    if (ms === undefined) continue;
    if (now < added + ms) {
      cluster.clock.wakeAt(added + ms, NODE_LIFECYCLE, node.metadata.name);
      continue;
    }
    const ns = pod.metadata.namespace ?? "default";
    recordEvent(
      cluster,
      pod,
      "Normal",
      "TaintManagerEviction",
      `Marking for deletion Pod ${ns}/${pod.metadata.name}`,
      {
        component: "taint-eviction-controller",
      },
    );
    const status = (pod.status ?? {}) as { conditions?: object[] };
    cluster.api.updateStatus({
      ...pod,
      status: {
        ...status,
        conditions: [
          ...(status.conditions ?? []),
          {
            lastProbeTime: null,
            lastTransitionTime: cluster.api.timestamp(),
            message: "Taint manager: deleting due to NoExecute taint",
            reason: "DeletionByTaintManager",
            status: "True",
            type: "DisruptionTarget",
          },
        ],
      },
    });
    cluster.api.delete("Pod", ns, pod.metadata.name);
  }
}

/** The kubelet is back: it posts Ready, and the controller lifts the unreachable taints. */
function markReady(cluster: Cluster, node: KubeObject): void {
  const status = (node.status ?? {}) as NodeStatusView & Record<string, unknown>;
  const ready = status.conditions?.find((c) => c.type === "Ready");
  if (
    ready?.status === "True" &&
    !(node.spec as { taints?: Taint[] } | undefined)?.taints?.some((t) => t.key === UNREACHABLE_TAINT_KEY)
  ) {
    return;
  }
  const now = cluster.api.timestamp();
  const healthy: Record<string, [string, string, string]> = {
    MemoryPressure: ["False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
    DiskPressure: ["False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
    PIDPressure: ["False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
    Ready: ["True", "KubeletReady", "kubelet is posting ready status"],
  };
  const conditions = (status.conditions ?? []).map((c) => {
    const [value, reason, message] = healthy[c.type] ?? [c.status, c.reason, c.message];
    const changed = value !== c.status;
    return {
      ...c,
      lastHeartbeatTime: now,
      lastTransitionTime: changed ? now : c.lastTransitionTime,
      message,
      reason,
      status: value,
    };
  });
  let current = cluster.api.updateStatus({ ...node, status: { ...status, conditions } });
  if (ready?.status !== "True") {
    recordEvent(
      cluster,
      current,
      "Normal",
      "NodeReady",
      `Node ${node.metadata.name} status is now: NodeReady`,
      {
        component: "kubelet",
        host: node.metadata.name,
      },
    );
  }
  const spec = (current.spec ?? {}) as { taints?: Taint[] };
  const kept = (spec.taints ?? []).filter(
    (t) => t.key !== UNREACHABLE_TAINT_KEY && t.key !== NOT_READY_TAINT_KEY,
  );
  if (kept.length !== (spec.taints ?? []).length) {
    const { taints: _gone, ...rest } = spec;
    current = cluster.api.update({ ...current, spec: kept.length > 0 ? { ...rest, taints: kept } : rest });
  }
}

/**
 * The NoSchedule tainting pass's part for cordoned nodes (doNoScheduleTaintingPass): a node with
 * `spec.unschedulable` gets the `node.kubernetes.io/unschedulable:NoSchedule` taint, stamped with
 * timeAdded and appended after the node's other taints; an uncordoned node loses it.
 */
function syncUnschedulableTaint(cluster: Cluster, node: KubeObject): KubeObject {
  const spec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
  const taints = spec.taints ?? [];
  const isTaint = (t: Taint) => t.key === UNSCHEDULABLE_TAINT_KEY && t.effect === "NoSchedule";
  const tainted = taints.some(isTaint);
  if ((spec.unschedulable === true) === tainted) return node;
  if (!tainted) {
    const taint = { effect: "NoSchedule", key: UNSCHEDULABLE_TAINT_KEY, timeAdded: cluster.api.timestamp() };
    return cluster.api.update({ ...node, spec: { ...spec, taints: [...taints, taint] } });
  }
  const kept = taints.filter((t) => !isTaint(t));
  const { taints: _gone, ...rest } = spec;
  return cluster.api.update({ ...node, spec: kept.length > 0 ? { ...rest, taints: kept } : rest });
}

function reconcile(name: string, cluster: Cluster): void {
  const found = cluster.api.tryGet("Node", undefined, name);
  if (!found) return;
  const node = syncUnschedulableTaint(cluster, found);
  const record = nodeRecord(cluster, name);
  if (record.up) {
    markReady(cluster, node);
    return;
  }
  const unreachableAt = record.changedAt + NODE_MONITOR_GRACE_MS;
  if (cluster.clock.now() < unreachableAt) {
    cluster.clock.wakeAt(unreachableAt, NODE_LIFECYCLE, name);
    return;
  }
  evictPods(cluster, markUnreachable(cluster, node, unreachableAt));
}

export function createNodeLifecycleController(): Controller<Cluster> {
  return { name: NODE_LIFECYCLE, kinds: ["Node", "Pod"], keysFor, reconcile };
}
