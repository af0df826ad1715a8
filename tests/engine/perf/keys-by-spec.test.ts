/**
 * keysBySpec: an index whose keys depend only on an object's namespace, name and spec is not
 * asked again when a write keeps the stored spec object (a status write), and is asked when the
 * spec changes; either way the index answers as if every object had been filed afresh.
 */
import { describe, expect, it } from "vitest";
import { keysBySpec, ObjectStore } from "../../../sandbox/engine/cluster/store.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

const pod = (name: string, spec: unknown, status?: unknown): KubeObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec, status }) as KubeObject;

function counted() {
  const calls: string[] = [];
  const keysOf = (o: KubeObject) => {
    calls.push(o.metadata.name);
    const volumes = (o.spec as { volumes?: { claim: string }[] } | undefined)?.volumes ?? [];
    return volumes.map((v) => v.claim);
  };
  return { calls, keysOf };
}

const names = (objects: KubeObject[]) => objects.map((o) => o.metadata.name);

describe("keysBySpec", () => {
  it("files a status write that keeps the spec object without asking for its keys", () => {
    const store = new ObjectStore();
    const { calls, keysOf } = counted();
    const bySpec = keysBySpec(keysOf);
    const spec = { volumes: [{ claim: "a" }] };
    store.put(pod("web-0", spec, { phase: "Pending" }));
    expect(names(store.indexed("Pod", "test", bySpec, "a"))).toEqual(["web-0"]);
    calls.length = 0;
    store.put(pod("web-0", spec, { phase: "Running" }));
    expect(calls).toEqual([]);
    const found = store.indexed("Pod", "test", bySpec, "a");
    expect(found.map((o) => (o.status as { phase: string }).phase)).toEqual(["Running"]);
  });

  it("files the object again when its spec changes, and new objects as they come", () => {
    const store = new ObjectStore();
    const { calls, keysOf } = counted();
    const bySpec = keysBySpec(keysOf);
    store.put(pod("web-0", { volumes: [{ claim: "a" }] }));
    expect(names(store.indexed("Pod", "test", bySpec, "a"))).toEqual(["web-0"]);
    store.put(pod("web-0", { volumes: [{ claim: "b" }] }));
    store.put(pod("web-1", { volumes: [{ claim: "a" }] }));
    expect(calls).toEqual(["web-0", "web-0", "web-1"]);
    expect(names(store.indexed("Pod", "test", bySpec, "a"))).toEqual(["web-1"]);
    expect(names(store.indexed("Pod", "test", bySpec, "b"))).toEqual(["web-0"]);
  });

  it("asks an index that is not marked on every write, and one marked for objects without a spec object", () => {
    const store = new ObjectStore();
    const plain = counted();
    const marked = counted();
    const bySpec = keysBySpec(marked.keysOf);
    store.indexed("Pod", "plain", plain.keysOf, "a");
    store.indexed("Pod", "marked", bySpec, "a");
    const spec = { volumes: [{ claim: "a" }] };
    store.put(pod("web-0", spec));
    store.put(pod("web-0", spec, { phase: "Running" }));
    store.put(pod("x", undefined));
    store.put(pod("x", undefined, { phase: "Running" }));
    expect(plain.calls).toEqual(["web-0", "web-0", "x", "x"]);
    expect(marked.calls).toEqual(["web-0", "x", "x"]);
  });
});
