import type { Cluster } from "./cluster.ts";
import { createDeploymentController } from "./controllers/deployment/controller.ts";
import { createReplicaSetController } from "./controllers/replicaset.ts";
import { admitServiceAccount, createServiceAccountController } from "./controllers/service-accounts.ts";
import { createStatefulSetController } from "./controllers/statefulset/controller.ts";
import { eventClockStatePart } from "./events.ts";
import { createGarbageCollector } from "./gc/garbage-collector.ts";
import { createNamespaceController } from "./gc/namespace-controller.ts";
import { kubeletStatePart } from "./kubelet/state-part.ts";
import { podTimingsStatePart } from "./kubelet/timings.ts";
import { installNetworking } from "./network/install.ts";
import { installNodes } from "./nodes/install.ts";
import { schedulerStatePart } from "./scheduler.ts";
import { installStorage } from "./storage/install.ts";
import { volumeDataStatePart } from "./storage/volume-data.ts";

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
  cluster.controllers.register(createServiceAccountController());
  cluster.api.admission.push(admitServiceAccount);
  registerStateParts(cluster);
}

/**
 * What lives outside the store joins snapshots (cluster/snapshot.ts). A subsystem that keeps
 * state of its own beside the cluster adds one line here, or a restored cluster forgets it.
 */
function registerStateParts(cluster: Cluster): void {
  cluster.stateParts.register("event-clock", eventClockStatePart(cluster));
  cluster.stateParts.register("kubelet", kubeletStatePart(cluster));
  cluster.stateParts.register("pod-timings", podTimingsStatePart(cluster));
  cluster.stateParts.register("scheduler", schedulerStatePart(cluster));
  cluster.stateParts.register("volume-data", volumeDataStatePart(cluster));
}
