import type { Cluster } from "./cluster.ts";

/**
 * Installs the controllers a kind cluster runs (kube-controller-manager's loops, the scheduler,
 * each node's kubelet, the storage provisioner). One line per controller; order does not matter
 * for correctness because each reconciles from the store.
 */
export function installControllers(_cluster: Cluster): void {
  // cluster.controllers.register(createStatefulSetController()); …
}
