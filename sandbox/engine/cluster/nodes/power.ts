/**
 * Stopping and starting a kind node's container (`docker stop kind-worker2`). Stopped, the node
 * runs nothing: its kubelet neither heartbeats nor acts on its pods, and their processes are gone.
 * Started again, the kubelet finds every container dead (they show a last state of `Unknown`,
 * exit 255), restarts them, and finishes any pod deletions that were waiting for it.
 */
import type { Cluster } from "../cluster.ts";
import { exitContainer } from "../kubelet/containers.ts";
import { KUBELET, podKeysOnNode } from "../kubelet/kubelet.ts";
import { nodeRecord, runtimeState } from "../kubelet/state.ts";
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
    for (const c of [...pod.initContainers, ...pod.containers]) {
      const running =
        c.current && c.current.finishedAt === undefined && (c.stage === "running" || c.stage === "stopping");
      if (running) {
        exitContainer(c, stoppedAt, 255, "Unknown");
        // The kubelet's first sync after boot restarts it.
        c.until = record.changedAt;
        if (c.stage === "exited" && pod.killingSince !== undefined) c.stage = "stopped";
      }
    }
  }
  cluster.clock.wakeAt(record.changedAt, NODE_LIFECYCLE, name);
  for (const key of podKeysOnNode(cluster, name)) cluster.clock.wakeAt(record.changedAt, KUBELET, key);
}
