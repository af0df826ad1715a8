/**
 * The node side of a cluster in one call: the DefaultTolerationSeconds admission plugin, the
 * scheduler, every node's kubelet, and the node lifecycle (+ taint eviction) controller.
 */
import type { Cluster } from "../cluster.ts";
import { createKubelet } from "../kubelet/kubelet.ts";
import { createScheduler } from "../scheduler.ts";
import { admitDefaultTolerationSeconds } from "./default-tolerations.ts";
import { createNodeLifecycleController } from "./lifecycle.ts";

export function installNodes(cluster: Cluster): void {
  cluster.api.admission.push(admitDefaultTolerationSeconds);
  cluster.controllers.register(createScheduler());
  cluster.controllers.register(createKubelet());
  cluster.controllers.register(createNodeLifecycleController());
}
