/**
 * Stopping and starting a kind node's container (`docker stop kind-worker2`). Stopped, the node
 * runs nothing: its kubelet neither heartbeats nor acts on its pods, and their processes are gone.
 * Started again, the kubelet finds every container dead (they show a last state of `Unknown`,
 * exit 255), restarts them, and finishes any pod deletions that were waiting for it. A pod whose
 * sandbox died with the node gets a new one (`SandboxChanged`: "Pod sandbox changed, it will be
 * killed and re-created."), and with it a new IP: stopping the old sandbox releases its address,
 * and host-local hands out the next one after the last it gave (kind keeps /var, and the IPAM's
 * state in it, across a restart) — so the pod comes back at another address, as on kind.
 */
import type { Cluster } from "../cluster.ts";
import { recordEvent } from "../events.ts";
import { exitContainer } from "../kubelet/containers.ts";
import { KUBELET, podKeysOnNode } from "../kubelet/kubelet.ts";
import { allocatePodIP, releasePodIP } from "../kubelet/pod-ips.ts";
import { type NodeRecord, nodeRecord, type PodRecord, runtimeState } from "../kubelet/state.ts";
import { NODE_LIFECYCLE } from "./lifecycle.ts";

export function isNodeUp(cluster: Cluster, name: string): boolean {
  return nodeRecord(cluster, name).up;
}

export function stopNode(cluster: Cluster, name: string): void {
  const record = nodeRecord(cluster, name);
  if (!record.up) return;
  record.up = false;
  record.changedAt = cluster.clock.now();
  cluster.clock.wakeAt(record.changedAt, NODE_LIFECYCLE, name);
}

export function startNode(cluster: Cluster, name: string): void {
  const record = nodeRecord(cluster, name);
  if (record.up) return;
  const stoppedAt = record.changedAt;
  record.up = true;
  record.changedAt = cluster.clock.now();
  for (const pod of runtimeState(cluster).pods.values()) {
    if (pod.node !== name) continue;
    let sandboxDied = false;
    for (const c of [...pod.initContainers, ...pod.containers]) {
      const running =
        c.current && c.current.finishedAt === undefined && (c.stage === "running" || c.stage === "stopping");
      if (running) {
        exitContainer(c, stoppedAt, 255, "Unknown");
        sandboxDied = true;
        // The kubelet's first sync after boot restarts it.
        c.until = record.changedAt;
        if (c.stage === "exited" && pod.killingSince !== undefined) c.stage = "stopped";
      }
    }
    if (sandboxDied && pod.killingSince === undefined) newSandbox(cluster, pod, record);
  }
  cluster.clock.wakeAt(record.changedAt, NODE_LIFECYCLE, name);
  for (const key of podKeysOnNode(cluster, name)) cluster.clock.wakeAt(record.changedAt, KUBELET, key);
}

/** The kubelet's first sync after boot: the pod's dead sandbox is replaced, with a new pod IP. */
function newSandbox(cluster: Cluster, pod: PodRecord, node: NodeRecord): void {
  const object = cluster.api.tryGet("Pod", pod.namespace, pod.name);
  // A pod deleted meanwhile is only finished off: no new sandbox.
  if (!object || object.metadata.uid !== pod.uid || object.metadata.deletionTimestamp) return;
  recordEvent(
    cluster,
    object,
    "Normal",
    "SandboxChanged",
    "Pod sandbox changed, it will be killed and re-created.",
    { component: "kubelet", host: node.name },
  );
  if (pod.ip === undefined) return; // host network: the node's address
  const cidr = (cluster.api.tryGet("Node", undefined, node.name)?.spec as { podCIDR?: string } | undefined)
    ?.podCIDR;
  releasePodIP(node, pod.ip, pod.uid);
  const ip = cidr ? allocatePodIP(node, cidr, pod.uid) : undefined;
  if (ip) pod.ip = ip;
  else delete pod.ip;
}
