/**
 * Boots what `kind create cluster` leaves: namespaces, the built-in Services and StorageClass,
 * the nodes and the kube-system workloads. Callers start the clock `KIND_AGE_MS` before the
 * lesson's t0 and let it run up to t0, so everything has a believable AGE and is already Running.
 */
import type { Cluster } from "../cluster.ts";
import { createDefaultServices } from "../network/default-services.ts";
import { createDefaultStorage } from "../storage/install.ts";
import {
  createControlPlanePods,
  createKindDaemonSets,
  createKindDeployments,
  kindNode,
  kindTopology,
  placeDaemonPods,
} from "./kind.ts";

/** How long before t0 the cluster was created: `kubectl get nodes` shows AGE 5m. */
export const KIND_AGE_MS = 5 * 60_000;
/** Workers join after the control plane is up (kind runs `kubeadm join` once init finished). */
const WORKER_JOIN_DELAY_MS = 30_000;

export const KIND_NAMESPACES = [
  "default",
  "kube-node-lease",
  "kube-public",
  "kube-system",
  "local-path-storage",
];

export function bootKindCluster(cluster: Cluster, options: { workers: number }): void {
  for (const name of KIND_NAMESPACES) {
    cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name }, status: { phase: "Active" } });
  }
  createDefaultServices(cluster);
  createDefaultStorage(cluster);
  const [controlPlane, ...workers] = kindTopology(options.workers);
  const cp = cluster.create(kindNode(cluster, controlPlane!));
  createControlPlanePods(cluster, cp);
  createKindDaemonSets(cluster);
  placeDaemonPods(cluster, cp);
  createKindDeployments(cluster);
  if (workers.length === 0) return;
  // CoreDNS and local-path land on the control plane before any worker has joined, as in kind.
  cluster.advance(WORKER_JOIN_DELAY_MS);
  for (const worker of workers) placeDaemonPods(cluster, cluster.create(kindNode(cluster, worker)));
}
