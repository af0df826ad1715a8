/** Objects as controllers would have left them, for golden tables. */
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

const template = (app: string, extraLabels: Record<string, string> = {}, image = "nginx:1.27") => ({
  metadata: { labels: { app, ...extraLabels } },
  spec: { containers: [{ name: "nginx", image }] },
});

export const statefulSet = (name: string, replicas: number, ready: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name, namespace: "default", labels: { app: name } },
  spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: template(name) },
  status: { replicas, readyReplicas: ready, availableReplicas: ready },
});

export const deployment = (name: string, replicas: number, ready: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "default", labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name) },
  status: { replicas, readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready },
});

export const replicaSet = (name: string, app: string, replicas: number, ready: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name, namespace: "default", labels: { app, "pod-template-hash": name.split("-").at(-1)! } },
  spec: {
    replicas,
    selector: { matchLabels: { app, "pod-template-hash": name.split("-").at(-1)! } },
    template: template(app, { "pod-template-hash": name.split("-").at(-1)! }),
  },
  status: { replicas, readyReplicas: ready, availableReplicas: ready },
});

export const service = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default" },
  spec,
});

export const runningPod = (
  name: string,
  namespace = "default",
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
  spec: { containers: [{ name: "nginx", image: "nginx:1.27" }], nodeName: "kind-control-plane" },
  status: {
    phase: "Running",
    podIP: "10.244.0.5",
    podIPs: [{ ip: "10.244.0.5" }],
    conditions: [{ type: "Ready", status: "True" }],
    containerStatuses: [
      {
        name: "nginx",
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: "2026-01-01T00:00:00Z" } },
      },
    ],
  },
});
