import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { kvdbRequest } from "../../../sandbox/engine/cluster/kubelet/kvdb.ts";
import { podLogs } from "../../../sandbox/engine/cluster/kubelet/logs.ts";
import { cluster1, getPod, podStatus } from "./fixtures.ts";

function kvdbSet(cluster: Cluster, replicas: number, headless = true) {
  // Replicas reach their peers by DNS (db-1.db), which the governing headless Service provides.
  if (headless) {
    cluster.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "db", namespace: "default" },
      spec: { clusterIP: "None", selector: { app: "db" }, ports: [{ port: 7379, name: "kvdb" }] },
    });
  }
  cluster.create({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db", namespace: "default" },
    spec: {
      replicas,
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      template: {
        metadata: { labels: { app: "db" } },
        spec: { containers: [{ name: "kvdb", image: "statelab/kvdb:1.0" }] },
      },
    },
  });
}

const ask = (cluster: Cluster, pod: string, ...argv: string[]) =>
  kvdbRequest(cluster, getPod(cluster, pod)!, argv);
const logText = (cluster: Cluster, pod: string) =>
  podLogs(cluster, getPod(cluster, pod)!, "kvdb")?.map((l) => l.text) ?? [];

describe("statelab/kvdb in a StatefulSet", () => {
  it("writes on the primary, replicates to running replicas, and refuses writes on a replica", () => {
    const cluster = cluster1();
    kvdbSet(cluster, 3);
    cluster.advance(60_000);
    expect(ask(cluster, "db-0", "SET", "greeting", "hello")).toEqual({ output: "OK\n", status: 0 });
    expect(ask(cluster, "db-2", "GET", "greeting")).toEqual({ output: "hello\n", status: 0 });
    expect(ask(cluster, "db-1", "SET", "x", "1")).toEqual({
      output: "(error) READONLY You can't write against a read only replica.\n",
      status: 1,
    });
    expect(ask(cluster, "db-1", "ROLE").output).toBe("replica of db-0\n");
    expect(logText(cluster, "db-1")).toContain("cloned 0 keys from db-0.db");
  });

  it("clones a fresh replica from the previous ordinal", () => {
    const cluster = cluster1();
    kvdbSet(cluster, 2);
    cluster.advance(60_000);
    ask(cluster, "db-0", "SET", "a", "1");
    ask(cluster, "db-0", "SET", "b", "2");
    const scale = structuredClone(cluster.api.get("StatefulSet", "default", "db"));
    (scale.spec as { replicas: number }).replicas = 3;
    cluster.api.update(scale);
    cluster.advance(60_000);
    expect(podStatus(cluster, "db-2")?.phase).toBe("Running");
    expect(logText(cluster, "db-2")).toContain("cloned 2 keys from db-1.db");
    expect(ask(cluster, "db-2", "KEYS").output).toBe("a\nb\n");
  });

  it("cannot clone without the headless Service: no DNS name for the peer, so the replica crash-loops", () => {
    const cluster = cluster1();
    kvdbSet(cluster, 2, false);
    cluster.advance(60_000);
    expect(logText(cluster, "db-1")).toContain("clone: cannot reach db-0.db:7379: connection refused");
    expect(podStatus(cluster, "db-1")?.containerStatuses?.[0]?.ready).toBe(false);
  });
});
