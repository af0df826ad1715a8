import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import {
  createDefaultCluster,
  createScenarioCluster,
  type ScenarioName,
} from "../../../sandbox/engine/scenarios/index.ts";

export const cluster1 = (): Cluster => createDefaultCluster();
export const scenario = (name: ScenarioName): Cluster => createScenarioCluster(name);

export function podSpec(
  name: string,
  container: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { containers: [{ name: "c", ...container }], ...extra },
  };
}

export const getPod = (cluster: Cluster, name: string) => cluster.api.tryGet("Pod", "default", name);

export function podStatus(cluster: Cluster, name: string) {
  return getPod(cluster, name)?.status as
    | {
        phase?: string;
        podIP?: string;
        conditions?: { type: string; status: string; reason?: string; message?: string }[];
        containerStatuses?: {
          ready: boolean;
          restartCount: number;
          state: Record<string, { reason?: string; message?: string; exitCode?: number }>;
          lastState: Record<string, { reason?: string; exitCode?: number }>;
        }[];
      }
    | undefined;
}

export const containerState = (cluster: Cluster, name: string) =>
  podStatus(cluster, name)?.containerStatuses?.[0];

/** `Type Reason Message` lines of the events about one object, oldest first. */
export function eventsOf(cluster: Cluster, name: string, namespace = "default"): string[] {
  return cluster.api
    .list("Event", { namespace })
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

export function condition(cluster: Cluster, name: string, type: string) {
  return podStatus(cluster, name)?.conditions?.find((c) => c.type === type);
}
