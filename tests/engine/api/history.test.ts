import { describe, expect, it } from "vitest";
import { History } from "../../../sandbox/engine/cluster/history.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

const pod = (name: string, ready: boolean, rv: number): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: String(rv) },
  status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});

describe("history", () => {
  it("summarizes each change with phase and readiness so checks can order events", () => {
    const history = new History();
    history.record(1000, "ADDED", pod("web-0", false, 1));
    history.record(5000, "MODIFIED", pod("web-0", true, 2));
    history.record(6000, "ADDED", pod("web-1", false, 3));
    const web0Ready = history.first((e) => e.name === "web-0" && e.ready === true);
    const web1Created = history.first((e) => e.name === "web-1" && e.type === "ADDED");
    expect(web0Ready).toMatchObject({ time: 5000, phase: "Running", resourceVersion: "2", kind: "Pod" });
    expect(web1Created!.time).toBeGreaterThanOrEqual(web0Ready!.time);
    expect(history.entries({ name: "web-0" }).map((e) => e.type)).toEqual(["ADDED", "MODIFIED"]);
  });

  it("drops the oldest entries past its cap", () => {
    const history = new History(3);
    for (let i = 0; i < 5; i++) history.record(i, "ADDED", pod(`p${i}`, false, i));
    expect(history.entries().map((e) => e.name)).toEqual(["p2", "p3", "p4"]);
  });

  it("is fed by every API write, deletions included, with terminating marked", () => {
    const cluster = createDefaultCluster();
    const before = cluster.history.size;
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", finalizers: ["example.com/x"] },
    });
    cluster.api.delete("ConfigMap", "default", "c");
    const entries = cluster.history.entries({ kind: "ConfigMap", name: "c" });
    expect(entries.map((e) => [e.type, e.terminating ?? false])).toEqual([
      ["ADDED", false],
      ["MODIFIED", true],
    ]);
    expect(cluster.history.size).toBe(before + 2);
    expect(entries[0]!.time).toBe(cluster.clock.now());
  });
});
