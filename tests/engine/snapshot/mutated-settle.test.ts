/**
 * A restored cluster always settles. A mutated snapshot that the restore guard accepts may hold
 * odd Deployments and ReplicaSets (revisions, annotations, conditions, replicas, paused,
 * deadlines, selectors, owner references pointing at each other, clocks out of order); whatever
 * they hold, advance() and settle() must return. The limits are low here so that a reconcile
 * that does not converge fails in milliseconds, naming its key, instead of spinning for minutes:
 * the rate limiter (controller-manager.ts) backs off any key reconciled 30 times at one instant,
 * and a drain of more than 20,000 reconciles throws.
 *
 * Found this way: a clock restored at 1e91 ms, where 1e91 + 5 is 1e91, kept the Deployment
 * controller's failing reconcile (no timestamp can be written there) retrying at one instant for
 * ever; the guard now refuses a clock past 9999-12-31.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { controllerRef } from "../../../sandbox/engine/cluster/controllers/owners.ts";
import { restoreCluster, SnapshotError, saveSnapshot } from "../../../sandbox/engine/cluster/snapshot.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

/** A default cluster with a Deployment in the middle of a rolling update. */
function midRollout(): Cluster {
  const cluster = createDefaultCluster({ seed: 11 });
  const web: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
      },
    },
  };
  cluster.create(web);
  cluster.advance(30_000);
  const updated = structuredClone(cluster.api.get("Deployment", "default", "web"));
  (updated.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
    .containers[0]!.image = "nginx:1.28";
  cluster.api.update(updated);
  cluster.advance(2_000);
  return cluster;
}

const saved = JSON.stringify(saveSnapshot(midRollout()));
const base = JSON.parse(saved) as { objects: KubeObject[] };
const targets = base.objects.flatMap((o, i) =>
  ["Deployment", "ReplicaSet", "Pod"].includes(o.kind) ? [i] : [],
);

const times = [
  "2025-12-31T23:55:00Z",
  "2026-01-01T00:00:00Z",
  "2026-01-01T00:04:59Z",
  "2026-01-01T00:10:01Z",
  "2030-01-01T00:00:00Z",
  "2000-01-01T00:00:00Z",
  "garbage",
];
const condition = fc.record({
  type: fc.constantFrom("Progressing", "Available", "ReplicaFailure"),
  status: fc.constantFrom("True", "False", "Unknown"),
  reason: fc.constantFrom(
    "DeploymentPaused",
    "DeploymentResumed",
    "NewReplicaSetAvailable",
    "ReplicaSetUpdated",
    "ProgressDeadlineExceeded",
    "FoundNewReplicaSet",
  ),
  message: fc.constant("m"),
  lastUpdateTime: fc.constantFrom(...times),
  lastTransitionTime: fc.constantFrom(...times),
});
const value = fc.oneof(
  fc.constantFrom(
    0,
    1,
    2,
    3,
    -1,
    10,
    600,
    2147483647,
    1.5,
    null,
    true,
    false,
    "",
    "1",
    "2",
    "x",
    "25%",
    "100%",
  ),
  fc.constantFrom(...times),
  fc.array(condition, { minLength: 1, maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const fields: (string | number)[][] = [
  ["spec", "replicas"],
  ["spec", "paused"],
  ["spec", "progressDeadlineSeconds"],
  ["spec", "minReadySeconds"],
  ["spec", "revisionHistoryLimit"],
  ["spec", "strategy", "type"],
  ["spec", "strategy", "rollingUpdate", "maxSurge"],
  ["spec", "strategy", "rollingUpdate", "maxUnavailable"],
  ["spec", "selector", "matchLabels"],
  ["spec", "template", "metadata", "labels"],
  ["metadata", "annotations", "deployment.kubernetes.io/revision"],
  ["metadata", "annotations", "deployment.kubernetes.io/desired-replicas"],
  ["metadata", "annotations", "deployment.kubernetes.io/max-replicas"],
  ["metadata", "annotations", "deployment.kubernetes.io/revision-history"],
  ["metadata", "generation"],
  ["metadata", "creationTimestamp"],
  ["metadata", "deletionTimestamp"],
  ["metadata", "ownerReferences", 0, "uid"],
  ["metadata", "ownerReferences", 0, "controller"],
  ["metadata", "labels"],
  ["status", "conditions"],
  ["status", "observedGeneration"],
  ["status", "replicas"],
  ["status", "availableReplicas"],
  ["status", "readyReplicas"],
  ["status", "updatedReplicas"],
  ["status", "collisionCount"],
];
const clockFields: (string | number)[][] = [
  ["clock", "now"],
  ["clock", "wakeups", 0, "at"],
  ["resourceVersion"],
];
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant("field" as const),
    index: fc.constantFrom(...targets),
    path: fc.constantFrom(...fields),
    value,
  }),
  fc.record({
    kind: fc.constant("clock" as const),
    path: fc.constantFrom(...clockFields),
    value: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e91, 8.7e15, 2 ** 53)),
  }),
  // Owner references pointing at each other: a's controller becomes b.
  fc.record({
    kind: fc.constant("owner" as const),
    a: fc.constantFrom(...targets),
    b: fc.constantFrom(...targets),
  }),
);

function setPath(root: Record<string | number, unknown>, path: (string | number)[], value: unknown): void {
  let at = root;
  for (const [i, step] of path.slice(0, -1).entries()) {
    if (at[step] === null || typeof at[step] !== "object")
      at[step] = typeof path[i + 1] === "number" ? [] : {};
    at = at[step] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

describe("a restored cluster settles, whatever its Deployments hold (property)", () => {
  it("returns from advance and settle with every non-converging key backed off", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const snapshot = JSON.parse(saved);
        for (const m of mutations) {
          if (m.kind === "clock") setPath(snapshot, m.path, m.value);
          else if (m.kind === "field") setPath(snapshot.objects[m.index], m.path, m.value);
          else {
            (snapshot.objects[m.a] as KubeObject).metadata.ownerReferences = [
              controllerRef(snapshot.objects[m.b] as KubeObject),
            ];
          }
        }
        let cluster: Cluster;
        try {
          cluster = restoreCluster(snapshot);
        } catch (error) {
          expect(error).toBeInstanceOf(SnapshotError);
          return;
        }
        cluster.controllers.setLimits({ hotReconciles: 30, maxReconcilesPerDrain: 20_000 });
        cluster.advance(60_000);
        expect(cluster.settle(20 * 60_000)).toBeLessThanOrEqual(20 * 60_000);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("refuses a status list of the wrong type, which the kubelet and controllers would walk", () => {
    // Found by the property above: a Pod whose conditions were 0 was restored, then the kubelet threw.
    const pod = base.objects.findIndex((o) => o.kind === "Pod");
    const deployment = base.objects.findIndex((o) => o.kind === "Deployment");
    const node = base.objects.findIndex((o) => o.kind === "Node");
    for (const [index, path, message] of [
      [pod, ["status", "conditions"], "PodStatus.status.conditions of type []v1.PodCondition"],
      [
        pod,
        ["status", "containerStatuses", 0],
        "PodStatus.status.containerStatuses of type v1.ContainerStatus",
      ],
      [
        deployment,
        ["status", "conditions"],
        "DeploymentStatus.status.conditions of type []v1.DeploymentCondition",
      ],
      [node, ["status", "addresses"], "NodeStatus.status.addresses of type []v1.NodeAddress"],
    ] as const) {
      const snapshot = JSON.parse(saved);
      setPath(snapshot.objects[index], [...path], 0);
      expect(() => restoreCluster(snapshot)).toThrow(
        `json: cannot unmarshal number into Go struct field ${message}`,
      );
    }
  });

  it("refuses a clock no RFC 3339 timestamp can write", () => {
    for (const now of [1e91, 8.7e15, Date.UTC(10000, 0, 1)]) {
      const snapshot = JSON.parse(saved);
      snapshot.clock.now = now;
      expect(() => restoreCluster(snapshot)).toThrow("the snapshot's clock is damaged");
    }
  });
});
