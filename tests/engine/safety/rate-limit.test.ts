/**
 * The work queue's safety net (client-go's rate-limited queue): a controller whose reconcile keeps
 * re-triggering itself is backed off on simulated time, 5 ms doubling to 1000 s, so a drain ends,
 * settle() returns and every other key is still served.
 */
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { Controller } from "../../../sandbox/engine/cluster/controller-manager.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

const HOT = 20;

/** Rewrites its ConfigMap on every reconcile (a counter in its data) while `spinning` says so. */
function flapper(state: { spinning: boolean; runs: number[] }): Controller<Cluster> {
  return {
    name: "flapper",
    kinds: ["ConfigMap"],
    keysFor: ({ object }) => (object.metadata.name === "flap" ? ["default/flap"] : []),
    reconcile(_key, cluster) {
      state.runs.push(cluster.clock.now());
      if (!state.spinning) return;
      const cm = structuredClone(cluster.api.get("ConfigMap", "default", "flap"));
      const data = (cm as KubeObject & { data: Record<string, string> }).data;
      data.n = String(Number(data.n) + 1);
      cluster.api.update(cm);
    },
  };
}

function clusterWithFlapper() {
  const cluster = createDefaultCluster({ seed: 3 });
  cluster.settle();
  cluster.controllers.setLimits({ hotReconciles: HOT, maxReconcilesPerDrain: 100_000 });
  const state = { spinning: true, runs: [] as number[] };
  cluster.controllers.register(flapper(state));
  return { cluster, state };
}

const configMap = (): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "flap", namespace: "default" },
  data: { n: "0" },
});

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
    },
  },
};

describe("a key whose reconcile re-triggers itself", () => {
  it("is backed off 5 ms, 10, 20 … on simulated time instead of spinning in one drain", () => {
    const { cluster, state } = clusterWithFlapper();
    const start = cluster.clock.now();
    cluster.create(configMap());
    cluster.runControllers();
    // The drain ended: the key ran HOT times at this instant, then went to the rate limiter.
    expect(state.runs).toEqual(Array(HOT).fill(start));
    expect(cluster.controllers.hasWork()).toBe(false);
    expect(cluster.clock.nextWakeupAt()).toBe(start + 5);
    cluster.advance(5 + 10 + 20 + 40);
    expect(state.runs.slice(HOT).map((t) => t - start)).toEqual([5, 15, 35, 75]);
  });

  it("lets settle() return while the rest of the cluster is served", () => {
    const { cluster, state } = clusterWithFlapper();
    cluster.create(configMap());
    cluster.create(structuredClone(deployment));
    const passed = cluster.settle(120_000);
    expect(passed).toBeLessThanOrEqual(120_000);
    const pods = cluster.api.list("Pod", { namespace: "default" });
    expect(pods.map((p) => (p.status as { phase?: string }).phase)).toEqual(["Running", "Running"]);
    // Retries doubled from 5 ms: 5+10+…+5·2^k stays within two minutes for k = 14.
    const retries = state.runs.length - HOT;
    expect(retries).toBeGreaterThanOrEqual(14);
    expect(retries).toBeLessThanOrEqual(15);
  });

  it("is forgotten once a reconcile no longer re-queues it, and then runs at once again", () => {
    const { cluster, state } = clusterWithFlapper();
    cluster.create(configMap());
    cluster.runControllers();
    cluster.advance(5 + 10);
    state.spinning = false;
    cluster.advance(20);
    const before = state.runs.length;
    // A change made now reaches the controller now: no back-off is left for the key.
    const cm = structuredClone(cluster.api.get("ConfigMap", "default", "flap"));
    (cm as KubeObject & { data: Record<string, string> }).data.n = "changed";
    cluster.api.update(cm);
    cluster.runControllers();
    expect(state.runs.slice(before)).toEqual([cluster.clock.now()]);
    expect(
      cluster.clock.nextWakeupAt() === undefined || cluster.clock.nextWakeupAt()! > cluster.clock.now(),
    ).toBe(true);
  });

  it("never limits a converging controller: many writes at one instant, each command's own period", () => {
    const { cluster, state } = clusterWithFlapper();
    state.spinning = false;
    cluster.create(configMap());
    cluster.runControllers();
    for (let i = 0; i < HOT * 3; i++) {
      const cm = structuredClone(cluster.api.get("ConfigMap", "default", "flap"));
      (cm as KubeObject & { data: Record<string, string> }).data.n = String(i + 1);
      cluster.api.update(cm);
      cluster.runControllers();
    }
    expect(state.runs.length).toBe(HOT * 3 + 1);
    expect(new Set(state.runs)).toEqual(new Set([cluster.clock.now()]));
  });
});
