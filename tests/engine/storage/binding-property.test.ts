import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { claim, hostPathVolume, storageCluster } from "./fixture.ts";

type Op =
  | { op: "pv"; name: string; size: string; modes: string[]; className: string; reserveFor?: string }
  | { op: "pvc"; name: string; size: string; modes: string[]; className: string; volumeName?: string }
  | { op: "delete-pvc"; name: string }
  | { op: "advance"; ms: number };

const names = fc.constantFrom("a", "b", "c");
const sizes = fc.constantFrom("500Mi", "1Gi", "1024Mi", "5Gi");
const modes = fc.constantFrom<string[]>(
  ["ReadWriteOnce"],
  ["ReadWriteMany"],
  ["ReadWriteOnce", "ReadOnlyMany"],
);
const classes = fc.constantFrom("", "", "manual");

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("pv" as const),
    name: names,
    size: sizes,
    modes,
    className: classes,
    reserveFor: fc.constantFrom(undefined, undefined, undefined, "a", "b"),
  }),
  fc.record({
    op: fc.constant("pvc" as const),
    name: names,
    size: sizes,
    modes,
    className: classes,
    volumeName: fc.constantFrom(undefined, undefined, undefined, "pv-a", "pv-b"),
  }),
  fc.record({ op: fc.constant("delete-pvc" as const), name: names }),
  fc.record({ op: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
);

function apply(cluster: Cluster, step: Op): void {
  try {
    if (step.op === "pv") {
      cluster.create(
        hostPathVolume(`pv-${step.name}`, {
          size: step.size,
          modes: step.modes,
          className: step.className,
          ...(step.reserveFor ? { claimRef: { namespace: "default", name: `pvc-${step.reserveFor}` } } : {}),
        }),
      );
    } else if (step.op === "pvc") {
      cluster.create(
        claim(`pvc-${step.name}`, {
          size: step.size,
          modes: step.modes,
          className: step.className,
          ...(step.volumeName ? { volumeName: step.volumeName } : {}),
        }),
      );
    } else if (step.op === "delete-pvc") {
      cluster.api.delete("PersistentVolumeClaim", "default", `pvc-${step.name}`);
    } else {
      cluster.advance(step.ms);
    }
  } catch (error) {
    // AlreadyExists / NotFound are part of the random walk.
    if (!(error instanceof Error && error.name === "ApiError")) throw error;
  }
  cluster.runControllers();
}

function checkOneToOne(cluster: Cluster): void {
  const claims = cluster.api.list("PersistentVolumeClaim");
  const volumes = cluster.api.list("PersistentVolume");
  const boundClaims = claims.filter((c) => (c.status as { phase?: string })?.phase === "Bound");
  // No volume is ever taken from a claim that had it: once bound, a claim stays Bound (this walk
  // never deletes volumes, so Lost could only mean a stolen volume).
  for (const c of claims) {
    if (c.metadata.annotations?.["pv.kubernetes.io/bind-completed"])
      expect(c.status).toMatchObject({ phase: "Bound" });
  }
  const claimed = boundClaims.map((c) => (c.spec as { volumeName?: string }).volumeName);
  // A volume is bound by at most one claim.
  expect(new Set(claimed).size).toBe(claimed.length);
  for (const c of boundClaims) {
    const pv = volumes.find((v) => v.metadata.name === (c.spec as { volumeName?: string }).volumeName);
    expect(pv).toBeDefined();
    const ref = (pv!.spec as { claimRef?: { name?: string; uid?: string } }).claimRef;
    expect(ref).toMatchObject({ name: c.metadata.name, uid: c.metadata.uid });
  }
  for (const pv of volumes) {
    if ((pv.status as { phase?: string })?.phase !== "Bound") continue;
    const ref = (pv.spec as { claimRef?: { name?: string; uid?: string } }).claimRef!;
    const owner = claims.find((c) => c.metadata.uid === ref.uid);
    // A Bound volume belongs to exactly one live claim, which points back at it.
    expect(owner).toBeDefined();
    expect((owner!.spec as { volumeName?: string }).volumeName).toBe(pv.metadata.name);
  }
}

describe("binding invariants", () => {
  it("a claim binds at most one volume and a volume at most one claim, whatever the order of events", () => {
    let bindings = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 25 }), (steps) => {
        const cluster = storageCluster();
        for (const step of steps) {
          apply(cluster, step);
          checkOneToOne(cluster);
          bindings += cluster.api
            .list("PersistentVolume")
            .filter((v) => (v.status as { phase?: string })?.phase === "Bound").length;
        }
      }),
      { numRuns: 100 },
    );
    // The walk must actually bind things, or the invariant is vacuous.
    expect(bindings).toBeGreaterThan(20);
  }, 60_000);
});
