import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalQuantity } from "../../../sandbox/engine/cluster/api/defaults/quantities.ts";
import { parseQuantity } from "../../../sandbox/engine/cluster/storage/quantity.ts";
import { run } from "../helpers.ts";

describe("resource quantities in canonical form", () => {
  it("writes what resource.Quantity's String() writes", () => {
    const cases: [string | number, string][] = [
      ["500m", "500m"],
      ["0.5", "500m"],
      [0.5, "500m"],
      [1, "1"],
      ["1000m", "1"],
      ["1500m", "1500m"],
      ["1.5", "1500m"],
      ["1000", "1k"],
      ["2000000", "2M"],
      ["1Gi", "1Gi"],
      ["1.5Gi", "1536Mi"],
      ["0.5Gi", "512Mi"],
      ["1024Mi", "1Gi"],
      ["100Mi", "100Mi"],
      ["512", "512"],
      ["1.5Ki", "1536"],
      ["1e3", "1e3"],
      ["129e6", "129e6"],
      ["0", "0"],
      ["0.0000000001", "1n"],
      ["102625208Ki", "102625208Ki"],
    ];
    for (const [input, canonical] of cases)
      expect([input, canonicalQuantity(input)]).toEqual([input, canonical]);
    expect(canonicalQuantity("abc")).toBeUndefined();
    expect(canonicalQuantity("1Xi")).toBeUndefined();
  });

  it("never changes a quantity's value, and is idempotent (property)", () => {
    const suffix = fc.constantFrom("", "m", "k", "M", "G", "Ki", "Mi", "Gi");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        suffix,
        (n, dp, s) => {
          const text = `${(n / 10 ** dp).toFixed(dp)}${s}`;
          const canonical = canonicalQuantity(text)!;
          expect(canonicalQuantity(canonical)).toBe(canonical);
          // The binder's parser has no n/u suffixes: read those here.
          const value = (q: string) =>
            q.endsWith("n")
              ? Number(q.slice(0, -1)) * 1e-9
              : q.endsWith("u")
                ? Number(q.slice(0, -1)) * 1e-6
                : parseQuantity(q)!;
          const a = value(text);
          const b = value(canonical);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(1e-9, Math.abs(a) * 1e-12));
        },
      ),
    );
  });

  it("stores pod and claim quantities canonically, as the API server does", async () => {
    const [, pod, pvc] = await run([
      `cat > q.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: r
spec:
  containers:
  - name: c
    image: nginx:1.27
    resources:
      requests:
        cpu: 0.5
        memory: 1.5Gi
      limits:
        cpu: "1000m"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1024Mi
EOF
kubectl apply -f q.yaml`,
      "kubectl get pod r -o jsonpath='{.spec.containers[0].resources}'",
      "kubectl get pvc data -o jsonpath='{.spec.resources.requests.storage}'",
    ]);
    expect(pod!.stdout).toBe('{"limits":{"cpu":"1"},"requests":{"cpu":"500m","memory":"1536Mi"}}');
    expect(pvc!.stdout).toBe("1Gi");
  });
});
