/**
 * keysBySpec: an index's keys are worked out once per stored spec object, and handed back as the
 * same array while the spec, name and namespace stay (a status write); any of them changing
 * gives the keys of the object as it now is.
 */
import { describe, expect, it } from "vitest";
import { keysBySpec } from "../../../sandbox/engine/cluster/store.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

const pod = (name: string, namespace: string | undefined, spec: unknown, status?: unknown): KubeObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace }, spec, status }) as KubeObject;

describe("keysBySpec", () => {
  let calls = 0;
  const keysOf = keysBySpec((o) => {
    calls++;
    const volumes = (o.spec as { volumes?: { claim: string }[] }).volumes ?? [];
    return volumes.map((v) => `${o.metadata.namespace}/${o.metadata.name}/${v.claim}`);
  });

  it("hands back the same keys for a new version of the object with the same spec", () => {
    const spec = { volumes: [{ claim: "a" }] };
    const first = keysOf(pod("web-0", "default", spec, { phase: "Pending" }));
    const again = keysOf(pod("web-0", "default", spec, { phase: "Running" }));
    expect(again).toBe(first);
    expect(first).toEqual(["default/web-0/a"]);
  });

  it("works the keys out again for another spec, name or namespace", () => {
    const spec = { volumes: [{ claim: "a" }] };
    calls = 0;
    expect(keysOf(pod("web-0", "default", spec))).toEqual(["default/web-0/a"]);
    expect(keysOf(pod("web-1", "default", spec))).toEqual(["default/web-1/a"]);
    expect(keysOf(pod("web-1", "other", spec))).toEqual(["other/web-1/a"]);
    expect(keysOf(pod("web-1", "other", { volumes: [{ claim: "b" }] }))).toEqual(["other/web-1/b"]);
    expect(calls).toBe(4);
  });

  it("asks every time for an object without a spec object", () => {
    calls = 0;
    const plain = keysBySpec(() => {
      calls++;
      return ["k"];
    });
    plain(pod("x", "default", undefined));
    plain(pod("x", "default", undefined));
    expect(calls).toBe(2);
  });
});
