import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { createScenarioCluster } from "../../../sandbox/engine/scenarios/index.ts";
import type { SandboxEnv } from "../../../sandbox/engine/shell/command.ts";
import { runLine } from "../../../sandbox/engine/shell/shell.ts";
import { createTimeDriver } from "../../../sandbox/engine/time-driver.ts";
import { statefulSet } from "./fixtures.ts";

/**
 * At most one pod per identity, with the real node lifecycle: a StatefulSet pod on a stopped node
 * is evicted but stays Terminating (its kubelet cannot confirm), so web-1 is not replaced until
 * the node returns and the old object is gone.
 */

async function shell(cluster: Cluster, line: string): Promise<string> {
  const env: SandboxEnv = { cluster, time: createTimeDriver(cluster, "instant") };
  let out = "";
  await runLine(
    line,
    env,
    (chunk) => {
      out += chunk.text;
    },
    new AbortController().signal,
  );
  cluster.runControllers();
  return out;
}

describe("a StatefulSet pod on a node that stops", () => {
  it("is never replaced while its Terminating object exists", async () => {
    const cluster = createScenarioCluster("multi-node");
    cluster.create(statefulSet("web"));
    await shell(cluster, "sleep 60");
    const before = cluster.api.get("Pod", "default", "web-1");
    const node = (before.spec as { nodeName: string }).nodeName;
    await shell(cluster, `docker stop ${node}`);
    await shell(cluster, "sleep 460");
    const stuck = cluster.api.get("Pod", "default", "web-1");
    expect(stuck.metadata.uid).toBe(before.metadata.uid);
    expect(stuck.metadata.deletionTimestamp).toBeDefined();
    expect(await shell(cluster, "kubectl get sts")).toMatch(/^NAME {3}READY {3}AGE\nweb {4}2\/3 {5}/);
    await shell(cluster, `docker start ${node}`);
    await shell(cluster, "sleep 60");
    const back = cluster.api.get("Pod", "default", "web-1");
    expect(back.metadata.uid).not.toBe(before.metadata.uid);
    expect(back.metadata.deletionTimestamp).toBeUndefined();
    expect(await shell(cluster, "kubectl get sts")).toMatch(/^NAME {3}READY {3}AGE\nweb {4}3\/3 {5}/);
  });
});
