/**
 * The garbage collector deletes an owner's dependents in the same order in a sandbox and in a copy
 * restored from its snapshot. The trap: a dependent whose ownerReferences change (an orphaned pod
 * adopted again) moves to the end of the owner-uid lookup, while a restore files every object in
 * store order. Twelve Parallel replicas are adopted in name order (web-10 before web-2), which is
 * not the order they were created in, so any lookup that keeps adoption order diverges.
 */
import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../../sandbox/engine/cluster/store.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";

async function sh(sandbox: Sandbox, line: string): Promise<string> {
  let out = "";
  const status = await sandbox.exec(line, (chunk) => {
    out += chunk.text;
  });
  return `${out}[${status}]`;
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 12
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx:1.27}
`;

const pod = (name: string, owner?: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: "default",
    ...(owner
      ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: owner }] }
      : {}),
  },
});

describe("dependents after save and restore", () => {
  it("the store lists an adopted dependent in store order, before and after a restore", () => {
    const store = new ObjectStore();
    store.put(pod("a"));
    store.put(pod("b", "owner"));
    store.put(pod("a", "owner")); // a is adopted after b was filed under the owner
    const names = (s: ObjectStore) => s.dependentsOf("owner").map((o) => o.metadata.name);
    expect(names(store)).toEqual(store.all().map((o) => o.metadata.name));
    const copy = new ObjectStore();
    copy.restore(store.all(), store.currentResourceVersion());
    expect(names(copy)).toEqual(names(store));
  });

  it("deleting an owner whose pods were orphaned and adopted again goes the same way in a copy", async () => {
    const original = createSandbox({ seed: 5 });
    original.writeFile("sts.yaml", STS);
    await sh(original, "kubectl apply -f sts.yaml && sleep 20");
    await sh(original, "kubectl delete sts web --cascade=orphan && sleep 2");
    await sh(original, "kubectl apply -f sts.yaml && sleep 5");
    const copy = restoreSandbox(JSON.stringify(original.save()));
    for (const line of ["kubectl delete sts web --wait=false", "sleep 1", "kubectl get events", "sleep 40"]) {
      expect(await sh(copy, line)).toBe(await sh(original, line));
    }
    expect(JSON.stringify(copy.save())).toBe(JSON.stringify(original.save()));
  });
});
