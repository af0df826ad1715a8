import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { PV_CONTROLLER } from "../../../sandbox/engine/cluster/storage/binder-common.ts";
import { createDefaultStorage, installStorage } from "../../../sandbox/engine/cluster/storage/install.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

/** A default kind cluster with storage installed (whether or not setup.ts already does it). */
export function storageCluster(): Cluster {
  const cluster = createDefaultCluster();
  if (!cluster.controllers.controllerNamed(PV_CONTROLLER)) installStorage(cluster);
  if (!cluster.api.tryGet("StorageClass", undefined, "standard")) createDefaultStorage(cluster);
  cluster.runControllers();
  return cluster;
}

export function hostPathVolume(
  name: string,
  opts: {
    size?: string;
    modes?: string[];
    path?: string;
    className?: string;
    reclaim?: string;
    labels?: Record<string, string>;
    claimRef?: Record<string, string>;
  } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: {
      capacity: { storage: opts.size ?? "1Gi" },
      accessModes: opts.modes ?? ["ReadWriteOnce"],
      hostPath: { path: opts.path ?? `/mnt/${name}` },
      ...(opts.className !== undefined ? { storageClassName: opts.className } : {}),
      ...(opts.reclaim ? { persistentVolumeReclaimPolicy: opts.reclaim } : {}),
      ...(opts.claimRef ? { claimRef: opts.claimRef } : {}),
    },
  };
}

export function claim(
  name: string,
  opts: {
    size?: string;
    modes?: string[];
    className?: string | null;
    volumeName?: string;
    selector?: Record<string, unknown>;
    namespace?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: opts.namespace ?? "default" },
    spec: {
      accessModes: opts.modes ?? ["ReadWriteOnce"],
      resources: { requests: { storage: opts.size ?? "1Gi" } },
      ...(opts.className !== undefined && opts.className !== null
        ? { storageClassName: opts.className }
        : {}),
      ...(opts.volumeName ? { volumeName: opts.volumeName } : {}),
      ...(opts.selector ? { selector: opts.selector } : {}),
    },
  };
}

export function podUsing(name: string, claimName: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      containers: [
        {
          name: "app",
          image: "busybox",
          command: ["sleep", "3600"],
          volumeMounts: [{ name: "data", mountPath: "/data" }],
        },
      ],
      volumes: [{ name: "data", persistentVolumeClaim: { claimName } }],
    },
  };
}

export const getPv = (cluster: Cluster, name: string) =>
  cluster.api.tryGet("PersistentVolume", undefined, name);
export const getPvc = (cluster: Cluster, name: string, namespace = "default") =>
  cluster.api.tryGet("PersistentVolumeClaim", namespace, name);

/** `Type Reason Message (xN)` lines for the events about one object, oldest first. */
export function eventsFor(cluster: Cluster, object: KubeObject): string[] {
  return cluster.api
    .list("Event")
    .filter((e) => (e.involvedObject as { uid?: string }).uid === object.metadata.uid)
    .sort(
      (a, b) =>
        String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) ||
        Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
    )
    .map((e) => `${e.type} ${e.reason} ${e.message}${Number(e.count) > 1 ? ` (x${e.count})` : ""}`);
}

/** Sets the scheduler's selected-node annotation, as the scheduler does for a WaitForFirstConsumer claim. */
export function selectNode(cluster: Cluster, claimName: string, node = "kind-control-plane"): void {
  const current = getPvc(cluster, claimName)!;
  cluster.api.update({
    ...current,
    metadata: {
      ...current.metadata,
      annotations: { ...(current.metadata.annotations ?? {}), "volume.kubernetes.io/selected-node": node },
    },
  });
  cluster.runControllers();
}
