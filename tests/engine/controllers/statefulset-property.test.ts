import fc from "fast-check";
import type { StatefulSetSpec, StatefulSetStatus } from "kubernetes-types/apps/v1";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import {
  editSpec,
  firstContainer,
  newCluster,
  readyAll,
  setPodState,
  statefulSet,
  type Typed,
  www,
} from "./fixtures.ts";

/**
 * Random sequences of scale / delete pod / hold a pod in Terminating / update the template /
 * make ready / settle must keep the StatefulSet guarantees, watched through the change stream.
 */

type Op =
  | { op: "scale"; replicas: number }
  | { op: "deletePod"; ordinal: number }
  | { op: "hold"; ordinal: number }
  | { op: "releaseAll" }
  | { op: "image"; tag: number }
  | { op: "ready"; ordinal: number }
  | { op: "settle" };

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("scale" as const), replicas: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ op: fc.constant("deletePod" as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ op: fc.constant("hold" as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
    fc.constant({ op: "releaseAll" as const }),
    fc.record({ op: fc.constant("image" as const), tag: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant("ready" as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
    fc.constant({ op: "settle" as const }),
  ),
  { maxLength: 15 },
);

const isReady = (pod: KubeObject | undefined) =>
  pod !== undefined &&
  !pod.metadata.deletionTimestamp &&
  (pod.status as { phase?: string } | undefined)?.phase === "Running" &&
  ((pod.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some(
    (c) => c.type === "Ready" && c.status === "True",
  );

function apply(cluster: Cluster, step: Op, start: number): void {
  const name = (ordinal: number) => `web-${start + ordinal}`;
  const pod = (ordinal: number) => cluster.api.tryGet("Pod", "default", name(ordinal));
  const edit = (change: (spec: StatefulSetSpec) => void) =>
    editSpec<StatefulSetSpec>(cluster, "StatefulSet", "web", change);
  switch (step.op) {
    case "scale":
      edit((spec) => {
        spec.replicas = step.replicas;
      });
      break;
    case "deletePod":
      if (pod(step.ordinal) && !pod(step.ordinal)!.metadata.deletionTimestamp) {
        cluster.api.delete("Pod", "default", name(step.ordinal));
      }
      break;
    case "hold": {
      const found = pod(step.ordinal);
      if (found && !found.metadata.deletionTimestamp) {
        cluster.api.update({
          ...structuredClone(found),
          metadata: { ...found.metadata, finalizers: ["test/hold"] },
        });
      }
      break;
    }
    case "releaseAll":
      releaseAll(cluster);
      break;
    case "image":
      edit((spec) => {
        firstContainer(spec).image = `nginx:1.${step.tag}`;
      });
      break;
    case "ready":
      if (pod(step.ordinal) && !pod(step.ordinal)!.metadata.deletionTimestamp) {
        setPodState(cluster, name(step.ordinal), "Ready");
      }
      break;
    case "settle":
      readyAll(cluster);
      break;
  }
  cluster.runControllers();
}

function releaseAll(cluster: Cluster): void {
  for (const pod of cluster.api.list("Pod", { namespace: "default" })) {
    if (pod.metadata.finalizers?.length) {
      cluster.api.update({ ...structuredClone(pod), metadata: { ...pod.metadata, finalizers: [] } });
    }
  }
  cluster.runControllers();
}

describe("StatefulSet invariants under random operations", () => {
  it("keeps one pod per identity, strict ordering, exact ordinals at rest, and Retain claims", {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(ops, fc.constantFrom(0, 2), fc.boolean(), (steps, start, parallel) => {
        const cluster = newCluster();
        const live = new Map<string, KubeObject>();
        const problems: string[] = [];
        cluster.watch(({ type, object }) => {
          if (object.kind === "PersistentVolumeClaim" && type === "DELETED") {
            problems.push(`claim ${object.metadata.name} deleted under Retain`);
          }
          if (object.kind !== "Pod") return;
          const { name } = object.metadata;
          if (type === "ADDED") {
            if (live.has(name)) problems.push(`second ${name} while the first exists`);
            const ordinal = Number(name.slice("web-".length));
            if (!parallel && ordinal > start && !isReady(live.get(`web-${ordinal - 1}`))) {
              problems.push(`${name} created before web-${ordinal - 1} was Ready`);
            }
          }
          if (type === "DELETED") live.delete(name);
          else live.set(name, object);
        });
        cluster.create(
          statefulSet("web", {
            replicas: 2,
            ordinals: { start },
            volumeClaimTemplates: [www],
            ...(parallel ? { podManagementPolicy: "Parallel" } : {}),
          }),
        );
        cluster.runControllers();
        for (const step of steps) apply(cluster, step, start);
        expect(problems).toEqual([]);

        // At rest: nothing held, everything ready, the ordinals are exactly [start, start+replicas).
        releaseAll(cluster);
        readyAll(cluster);
        const set = cluster.api.get("StatefulSet", "default", "web") as Typed<
          StatefulSetSpec,
          StatefulSetStatus
        >;
        const names = cluster.api.list("Pod", { namespace: "default" }).map((p) => p.metadata.name);
        const expected = Array.from({ length: set.spec.replicas! }, (_, i) => `web-${start + i}`);
        expect(names.sort()).toEqual(expected.sort());
        expect(set.status!.currentRevision).toBe(set.status!.updateRevision);
        expect(set.status!.readyReplicas ?? 0).toBe(set.spec.replicas);
        for (const name of names) {
          const labels = cluster.api.get("Pod", "default", name).metadata.labels!;
          expect(labels["controller-revision-hash"]).toBe(set.status!.updateRevision);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
