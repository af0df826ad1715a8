/**
 * The object store keeps one entry per key and files it in several indexes (by kind and
 * namespace, by owner uid, secondary indexes, Events by involved object) that every put and
 * remove must keep exact. Here random puts and removes over a small key space are checked against
 * a plain model: a list of the stored objects in the order their keys were first stored.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../../sandbox/engine/cluster/store.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

const KINDS = ["Pod", "Event", "Node"] as const;
const NAMESPACES = [undefined, "default", "a-b", "a"] as const;
const NAMES = ["web-0", "web-1", "web-10", "web-2", "x"] as const;
const OWNERS = ["uid-1", "uid-2", "uid-3"] as const;
const NODES = ["n1", "n2"] as const;

type Op =
  | {
      op: "put";
      kind: string;
      namespace?: string;
      name: string;
      owners: string[];
      node?: string;
      reason: string;
    }
  | { op: "remove"; kind: string; namespace?: string; name: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("put" as const),
    kind: fc.constantFrom(...KINDS),
    namespace: fc.constantFrom(...NAMESPACES),
    name: fc.constantFrom(...NAMES),
    owners: fc.subarray([...OWNERS]),
    node: fc.option(fc.constantFrom(...NODES), { nil: undefined }),
    reason: fc.constantFrom("Created", "Started"),
  }),
  fc.record({
    op: fc.constant("remove" as const),
    kind: fc.constantFrom(...KINDS),
    namespace: fc.constantFrom(...NAMESPACES),
    name: fc.constantFrom(...NAMES),
  }),
);

let version = 0;
function build(o: Extract<Op, { op: "put" }>): KubeObject {
  const metadata: KubeObject["metadata"] = { name: o.name, resourceVersion: String(++version) };
  if (o.namespace !== undefined) metadata.namespace = o.namespace;
  if (o.owners.length > 0) metadata.ownerReferences = o.owners.map((uid) => ({ uid }) as never);
  const object: KubeObject = { apiVersion: "v1", kind: o.kind, metadata };
  if (o.node !== undefined) object.spec = { nodeName: o.node };
  if (o.kind === "Event") {
    object.involvedObject = { uid: o.owners[0] ?? "" };
    object.reason = o.reason;
    object.message = "m";
  }
  return object;
}

const sameKey = (a: KubeObject, kind: string, namespace: string | undefined, name: string) =>
  a.kind === kind && a.metadata.namespace === namespace && a.metadata.name === name;
const etcdKey = (o: KubeObject) =>
  o.metadata.namespace === undefined ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`;
const byBytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const nodeOf = (o: KubeObject) => {
  const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  return node === undefined ? [] : [node];
};

describe("ObjectStore against a model", () => {
  it("lists, gets, owner and secondary indexes and Event lookups agree after any puts and removes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 0, max: 60 }), (ops, indexFrom) => {
        const store = new ObjectStore();
        let model: KubeObject[] = [];
        ops.forEach((o, i) => {
          // A secondary index built part-way through must catch up with what is stored by then.
          if (i === indexFrom) store.indexSizes("Pod", "test/node", nodeOf);
          const at = model.findIndex((m) => sameKey(m, o.kind, o.namespace, o.name));
          if (o.op === "put") {
            const object = build(o);
            store.put(object);
            if (at >= 0) model[at] = object;
            else model.push(object);
          } else {
            expect(store.remove({ kind: o.kind, namespace: o.namespace, name: o.name })).toBe(at >= 0);
            if (at >= 0) model = model.filter((_, j) => j !== at);
          }
        });
        expect(store.all()).toEqual(model);
        for (const kind of KINDS) {
          const ofKind = model.filter((m) => m.kind === kind);
          const sorted = [...ofKind].sort((a, b) => byBytes(etcdKey(a), etcdKey(b)));
          expect(store.list(kind)).toEqual(sorted);
          for (const namespace of NAMESPACES) {
            if (namespace === undefined) continue;
            expect(store.list(kind, namespace)).toEqual(
              sorted.filter((m) => m.metadata.namespace === namespace),
            );
            for (const name of NAMES) {
              expect(store.get({ kind, namespace, name })).toBe(
                model.find((m) => sameKey(m, kind, namespace, name)),
              );
            }
          }
        }
        for (const uid of OWNERS) {
          expect(store.dependentsOf(uid)).toEqual(
            model.filter((m) => m.metadata.ownerReferences?.some((r) => r.uid === uid)),
          );
        }
        for (const node of NODES) {
          const pods = model
            .filter((m) => m.kind === "Pod" && nodeOf(m).includes(node))
            .sort((a, b) => byBytes(etcdKey(a), etcdKey(b)));
          expect(store.indexed("Pod", "test/node", nodeOf, node)).toEqual(pods);
          expect(store.indexSizes("Pod", "test/node", nodeOf).get(node)?.size ?? 0).toBe(pods.length);
        }
        for (const namespace of ["default", "a"]) {
          for (const uid of [...OWNERS, undefined]) {
            const about = model
              .filter(
                (m) =>
                  m.kind === "Event" &&
                  m.metadata.namespace === namespace &&
                  (m.involvedObject as { uid: string }).uid === (uid ?? ""),
              )
              .sort((a, b) => byBytes(a.metadata.name, b.metadata.name));
            expect(store.eventsAbout(namespace, uid)).toEqual(about);
            expect(store.eventsLike(namespace, uid, "Created", "m")).toEqual(
              about.filter((m) => m.reason === "Created"),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
