import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { ControllerManager } from "../../../sandbox/engine/cluster/controller-manager.ts";
import { createDeploymentController } from "../../../sandbox/engine/cluster/controllers/deployment/controller.ts";
import { createReplicaSetController } from "../../../sandbox/engine/cluster/controllers/replicaset.ts";
import { createStatefulSetController } from "../../../sandbox/engine/cluster/controllers/statefulset/controller.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

/** A stored object with its spec and status typed, e.g. `Typed<StatefulSetSpec, StatefulSetStatus>`. */
export type Typed<Spec, Status = unknown> = KubeObject & { spec: Spec; status?: Status };

/** Replaces an object with an edited copy of it (never the stored object itself), then reconciles. */
export function editSpec<Spec>(
  cluster: Cluster,
  kind: string,
  name: string,
  change: (spec: Spec) => void,
  namespace = "default",
): void {
  const copy = structuredClone(cluster.api.get(kind, namespace, name)) as Typed<Spec>;
  change(copy.spec);
  cluster.api.update(copy);
  cluster.runControllers();
}

/** The first container of a workload's pod template. */
export const firstContainer = (spec: { template?: { spec?: { containers: { image?: string }[] } } }) =>
  spec.template!.spec!.containers[0]!;

/**
 * Test stand-ins for the kubelet: until it lands, these move pods through their phases by
 * writing status the way the kubelet would (through api.updateStatus).
 */

/**
 * A default cluster running only the workload controllers: no scheduler or kubelet moves pods,
 * so each test decides exactly when a pod becomes Running, Ready or gone.
 */
export function newCluster(seed = 1): Cluster {
  const cluster = createDefaultCluster({ seed });
  cluster.runControllers();
  const controllers = new ControllerManager<Cluster>();
  controllers.register(createStatefulSetController());
  controllers.register(createReplicaSetController());
  controllers.register(createDeploymentController());
  Object.defineProperty(cluster, "controllers", { value: controllers });
  return cluster;
}

export const pod = (cluster: Cluster, name: string, namespace = "default") =>
  cluster.api.tryGet("Pod", namespace, name);

export const podNames = (cluster: Cluster, namespace = "default") =>
  cluster.api.list("Pod", { namespace }).map((p) => p.metadata.name);

/** Marks a pod Running with Ready=True (or Running but not ready), then lets controllers react. */
export function setPodState(
  cluster: Cluster,
  name: string,
  state: "Ready" | "Running" | "Failed" | "Succeeded",
  namespace = "default",
): KubeObject {
  const current = cluster.api.get("Pod", namespace, name);
  const now = cluster.api.timestamp();
  const ready = state === "Ready" ? "True" : "False";
  const phase = state === "Ready" ? "Running" : state;
  const updated = cluster.api.updateStatus({
    ...current,
    status: {
      phase,
      conditions: [
        { type: "Initialized", status: "True", lastTransitionTime: now },
        { type: "Ready", status: ready, lastTransitionTime: now },
        { type: "ContainersReady", status: ready, lastTransitionTime: now },
        { type: "PodScheduled", status: "True", lastTransitionTime: now },
      ],
    },
  });
  cluster.runControllers();
  return updated;
}

/** Makes every pod of the namespace Ready, repeatedly, until no new pod appears. */
export function readyAll(cluster: Cluster, namespace = "default"): void {
  cluster.runControllers();
  for (let round = 0; round < 100; round++) {
    const waiting = cluster.api
      .list("Pod", { namespace })
      .filter(
        (p) =>
          !p.metadata.deletionTimestamp && (p.status as { phase?: string } | undefined)?.phase !== "Running",
      );
    if (waiting.length === 0) return;
    for (const p of waiting) setPodState(cluster, p.metadata.name, "Ready", namespace);
  }
}

/** Finishes the deletion of terminating pods, as the kubelet does once containers stopped. */
export function finishTerminating(cluster: Cluster, namespace = "default"): void {
  for (const p of cluster.api.list("Pod", { namespace })) {
    if (p.metadata.deletionTimestamp) {
      cluster.api.delete("Pod", namespace, p.metadata.name, { gracePeriodSeconds: 0 });
    }
  }
  cluster.runControllers();
}

export function statefulSet(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: "default" },
    spec: {
      serviceName: name,
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
      },
      ...spec,
    },
  };
}

export const www = {
  metadata: { name: "www" },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
};

export const eventMessages = (cluster: Cluster, reason?: string) =>
  cluster.api
    .list("Event", { namespace: "default" })
    .filter((e) => reason === undefined || e.reason === reason)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => e.message as string);
