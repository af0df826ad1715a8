import { describe, expect, it } from "vitest";
import { KIND_RULES } from "../../../sandbox/engine/cluster/api/kind-rules.ts";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

function bare(): Cluster {
  const cluster = new Cluster();
  cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  return cluster;
}

const sts = (rollingUpdate: Record<string, unknown> | undefined): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "web", namespace: "default" },
  spec: {
    serviceName: "web",
    selector: { matchLabels: { app: "web" } },
    updateStrategy: { type: "RollingUpdate", ...(rollingUpdate ? { rollingUpdate } : {}) },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
    },
  },
});
const rollingOf = (o: KubeObject) =>
  (o.spec as { updateStrategy: { rollingUpdate?: object } }).updateStrategy.rollingUpdate;

describe("MaxUnavailableStatefulSet is alpha, so off, in 1.34: the apiserver drops the field", () => {
  it("drops rollingUpdate.maxUnavailable on create, before validation (0 is not refused)", () => {
    const cluster = bare();
    expect(rollingOf(cluster.api.create(sts({ maxUnavailable: 2 })))).toEqual({ partition: 0 });
    cluster.api.delete("StatefulSet", "default", "web");
    expect(rollingOf(cluster.api.create(sts({ maxUnavailable: 0, partition: 1 })))).toEqual({ partition: 1 });
  });

  it("drops it on update when the stored object does not use it", () => {
    const cluster = bare();
    const created = cluster.api.create(sts(undefined));
    const updated = cluster.api.update({
      ...created,
      spec: {
        ...(created.spec as object),
        updateStrategy: (sts({ maxUnavailable: "50%" }).spec as { updateStrategy: unknown }).updateStrategy,
      },
    } as KubeObject);
    expect(rollingOf(updated)).toEqual({ partition: 0 });
    expect(updated.metadata.generation).toBe(1);
  });

  it("keeps it on update when the stored object already has it (dropDisabledFields' in-use rule)", () => {
    const drop = KIND_RULES.StatefulSet!.dropDisabledFields!;
    const inUse = sts({ maxUnavailable: 2, partition: 0 });
    const next = sts({ maxUnavailable: 3, partition: 0 });
    drop(next, inUse);
    expect(rollingOf(next)).toEqual({ maxUnavailable: 3, partition: 0 });
    const fresh = sts({ maxUnavailable: 3, partition: 0 });
    drop(fresh, sts({ partition: 0 }));
    expect(rollingOf(fresh)).toEqual({ partition: 0 });
  });
});
