/**
 * The work queue's dispatch by kind: a controller that declares `kinds` is asked only about those
 * kinds' changes, so declaring them must never lose a key its keysFor would have returned.
 */
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import {
  type Controller,
  ControllerManager,
  type WatchEvent,
} from "../../../sandbox/engine/cluster/controller-manager.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";
import { kindCluster, shellOn, webStatefulSet } from "../../bench/harness.ts";

const object = (kind: string, name: string): KubeObject => ({ apiVersion: "v1", kind, metadata: { name } });
const change = (kind: string, name: string): WatchEvent => ({ type: "ADDED", object: object(kind, name) });

function recorder(name: string, kinds?: string[]) {
  const asked: string[] = [];
  const ran: string[] = [];
  const controller: Controller<null> = {
    name,
    ...(kinds ? { kinds } : {}),
    keysFor(event) {
      asked.push(event.object.kind);
      return [event.object.metadata.name];
    },
    reconcile(key) {
      ran.push(key);
    },
  };
  return { controller, asked, ran };
}

describe("ControllerManager", () => {
  it("asks a controller only about the kinds it declares, and one without kinds about everything", () => {
    const manager = new ControllerManager<null>();
    const pods = recorder("pods", ["Pod"]);
    const all = recorder("all");
    manager.register(pods.controller);
    manager.register(all.controller);
    for (const kind of ["Pod", "Event", "Node", "Pod"]) manager.notify(change(kind, `${kind}-x`), null);
    expect(pods.asked).toEqual(["Pod", "Pod"]);
    expect(all.asked).toEqual(["Pod", "Event", "Node", "Pod"]);
  });

  it("runs queued keys first-come first-served, each once while queued, and lists what is left", () => {
    const manager = new ControllerManager<null>();
    const a = recorder("a");
    const b = recorder("b");
    manager.register(a.controller);
    manager.register(b.controller);
    for (const key of ["x", "y", "x"]) manager.enqueue(a.controller, key);
    manager.enqueue(b.controller, "x");
    expect(manager.pending()).toEqual([
      { controller: "a", key: "x" },
      { controller: "a", key: "y" },
      { controller: "b", key: "x" },
    ]);
    expect(manager.drain(null)).toBe(3);
    expect([a.ran, b.ran]).toEqual([["x", "y"], ["x"]]);
    expect(manager.hasWork()).toBe(false);
    // A key that ran can be queued again.
    manager.enqueue(a.controller, "x");
    expect(manager.pending()).toEqual([{ controller: "a", key: "x" }]);
  });

  it("keeps FIFO order across a drain longer than the queue's compaction point", () => {
    const manager = new ControllerManager<null>();
    const order: string[] = [];
    const chain: Controller<null> = {
      name: "chain",
      keysFor: () => [],
      reconcile(key) {
        order.push(key);
        const n = Number(key);
        // Each run queues two more, so the queue grows while its front is consumed.
        if (n < 3000) for (const next of [2 * n + 1, 2 * n + 2]) manager.enqueue(chain, String(next));
      },
    };
    manager.register(chain);
    manager.enqueue(chain, "0");
    manager.drain(null);
    expect(order.map(Number)).toEqual(order.map((_, i) => i));
  });
});

/**
 * Every registered controller that declares kinds, asked about the changes of a real workload's
 * other kinds, has nothing to say: the declarations drop no work.
 */
describe("controllers' declared kinds", () => {
  const CONTROLLERS = [
    "statefulset",
    "replicaset",
    "deployment",
    "kubelet",
    "node-lifecycle-controller",
    "persistentvolume-controller",
    "pvc-protection-controller",
    "pv-protection-controller",
    "endpoint-controller",
    "endpointslice-controller",
    "default-scheduler",
    "local-path-provisioner",
    "serviceaccount",
  ];

  /**
   * Asks every controller about each change of a kind it does not declare, at the moment of the
   * change (keysFor reads the store as it then is); returns the kinds seen and how many were asked.
   */
  function checkDeclarations(cluster: Cluster) {
    const seen = { kinds: new Set<string>(), asked: 0 };
    cluster.watch((event) => {
      seen.kinds.add(event.object.kind);
      for (const name of CONTROLLERS) {
        const controller = cluster.controllers.controllerNamed(name);
        if (!controller?.kinds || controller.kinds.includes(event.object.kind)) continue;
        expect(controller.keysFor(event, cluster), `${name} on a ${event.object.kind} ${event.type}`).toEqual(
          [],
        );
        seen.asked++;
      }
    });
    return seen;
  }

  it("lose no key over a StatefulSet's life with claims, on a multi-node cluster", async () => {
    const cluster = kindCluster(2);
    const seen = checkDeclarations(cluster);
    const shell = shellOn(cluster);
    await shell.run(webStatefulSet(3, "OrderedReady"));
    await shell.run("kubectl apply -f web.yaml");
    cluster.advance(120_000);
    // A claim that changes under a running pod concerns the pod's kubelet and the scheduler.
    await shell.run("kubectl label pvc www-web-0 touched=yes");
    await shell.run("kubectl scale sts web --replicas=1");
    await shell.run("kubectl delete pod web-0");
    cluster.advance(120_000);
    await shell.run("kubectl delete -f web.yaml");
    await shell.run("kubectl delete pvc --all");
    cluster.advance(120_000);
    expect([...seen.kinds]).toEqual(
      expect.arrayContaining(["Event", "EndpointSlice", "ControllerRevision", "PersistentVolume"]),
    );
    expect(seen.asked).toBeGreaterThan(1000);
  });

  it("lose no key when a Deployment rolls out in the default cluster", async () => {
    const cluster = createDefaultCluster({ seed: 3 });
    const seen = checkDeclarations(cluster);
    const shell = shellOn(cluster);
    await shell.run("kubectl create deployment web --image=nginx --replicas=2");
    cluster.advance(60_000);
    await shell.run("kubectl set image deployment/web nginx=nginx:1.27");
    cluster.advance(60_000);
    await shell.run("kubectl delete deployment web");
    cluster.advance(60_000);
    expect(seen.kinds.has("ReplicaSet")).toBe(true);
    expect(seen.asked).toBeGreaterThan(100);
  });
});
