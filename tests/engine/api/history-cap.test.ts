/**
 * The history log keeps exactly its last `cap` entries, oldest first, however many were recorded
 * (it cuts dropped entries off in chunks, so the visible log must not show that).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { History } from "../../../sandbox/engine/cluster/history.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

const configMap = (i: number): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: `c${i}`, namespace: "default", uid: `u${i}`, resourceVersion: String(i + 1) },
});

describe("history past its cap", () => {
  it("shows exactly the last cap entries in order, through entries, first, size and save", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 120 }), (cap, count) => {
        const history = new History(cap);
        for (let i = 0; i < count; i++) history.record(i, "ADDED", configMap(i));
        const kept = Array.from(
          { length: Math.min(cap, count) },
          (_, k) => `c${count - Math.min(cap, count) + k}`,
        );
        expect(history.entries().map((e) => e.name)).toEqual(kept);
        expect(history.size).toBe(kept.length);
        expect(history.first(() => true)?.name).toBe(kept[0]);
        expect(history.save().map((e) => e.name)).toEqual(kept);
        const restored = new History(cap);
        restored.restore(history.save());
        restored.record(count, "ADDED", configMap(count));
        expect(restored.entries().map((e) => e.name)).toEqual([...kept, `c${count}`].slice(-cap));
      }),
    );
  });
});
