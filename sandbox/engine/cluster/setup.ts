import type { Cluster } from "./cluster.ts";
import { createDeploymentController } from "./controllers/deployment/controller.ts";
import { createReplicaSetController } from "./controllers/replicaset.ts";
import { createStatefulSetController } from "./controllers/statefulset/controller.ts";
import { createGarbageCollector } from "./gc/garbage-collector.ts";
import { createNamespaceController } from "./gc/namespace-controller.ts";
import { installNetworking } from "./network/install.ts";
import { installNodes } from "./nodes/install.ts";
import { installStorage } from "./storage/install.ts";

/**
 * Installs the controllers a kind cluster runs (kube-controller-manager's loops, the scheduler,
 * each node's kubelet, the storage provisioner). One line per controller; order does not matter
 * for correctness because each reconciles from the store.
 */
export function installControllers(cluster: Cluster): void {
  installNetworking(cluster);
  installNodes(cluster);
  installStorage(cluster);
  cluster.controllers.register(createStatefulSetController());
  cluster.controllers.register(createReplicaSetController());
  cluster.controllers.register(createDeploymentController());
  cluster.controllers.register(createGarbageCollector());
  cluster.controllers.register(createNamespaceController());
  // cluster.controllers.register(createStatefulSetController()); …
}
