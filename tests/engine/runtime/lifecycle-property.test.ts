import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cluster1, podSpec } from "./fixtures.ts";

/** Which phase may follow which (a pod never goes back to Pending, and a finished pod stays finished). */
const ALLOWED: Record<string, string[]> = {
  "": ["Pending", "Running", "Succeeded", "Failed"],
  Pending: ["Pending", "Running", "Succeeded", "Failed"],
  Running: ["Running", "Succeeded", "Failed"],
  Succeeded: ["Succeeded"],
  Failed: ["Failed"],
};

const containers = fc.constantFrom(
  { image: "nginx:1.27" },
  { image: "busybox:1.36" },
  { image: "busybox:1.36", command: ["sh", "-c", "sleep 3; exit 1"] },
  { image: "busybox:1.36", command: ["sleep", "3600"] },
  { image: "nginx:nope" },
);

const op = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), container: containers, never: fc.boolean() }),
  fc.record({ kind: fc.constant("delete" as const), index: fc.nat(5) }),
  fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 60_000 }) }),
);

describe("pod lifecycle invariants (property)", () => {
  it("phases only move forward, and live pods never share an IP", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const cluster = cluster1();
        const phases = new Map<string, string>();
        const problems: string[] = [];
        cluster.watch((e) => {
          if (e.object.kind !== "Pod" || e.object.metadata.namespace !== "default") return;
          const uid = e.object.metadata.uid ?? "";
          const next = (e.object.status as { phase?: string } | undefined)?.phase ?? "";
          const prev = phases.get(uid) ?? "";
          if (next !== "" && !ALLOWED[prev]?.includes(next))
            problems.push(`${e.object.metadata.name}: ${prev} -> ${next}`);
          if (next !== "") phases.set(uid, next);
        });
        let n = 0;
        for (const o of ops) {
          if (o.kind === "create") {
            const extra = o.never ? { restartPolicy: "Never" } : {};
            cluster.create(podSpec(`p${n++}`, { name: "c", ...o.container }, extra));
          } else if (o.kind === "delete") {
            const pods = cluster.api.list("Pod", { namespace: "default" });
            const victim = pods[o.index % Math.max(1, pods.length)];
            if (victim && !victim.metadata.deletionTimestamp)
              cluster.api.delete("Pod", "default", victim.metadata.name);
          } else cluster.advance(o.ms);
          cluster.runControllers();
          const ips = cluster.api
            .list("Pod")
            .filter((p) => !(p.spec as { hostNetwork?: boolean }).hostNetwork)
            .map((p) => (p.status as { podIP?: string } | undefined)?.podIP)
            .filter((ip): ip is string => ip !== undefined);
          expect(new Set(ips).size).toBe(ips.length);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
