/**
 * The garbage collector (objects.md §6-7): follows ownerReferences so that
 * - Background: once an owner is gone, its dependents are deleted;
 * - Foreground: an owner holding the `foregroundDeletion` finalizer has its dependents deleted
 *   (foreground too, recursively) and loses the finalizer once no `blockOwnerDeletion`
 *   dependent is left;
 * - Orphan: an owner holding the `orphan` finalizer has its reference removed from every
 *   dependent, then loses the finalizer.
 * A dependent with several owners is only deleted once all of them are gone; references to
 * owners that are gone are dropped meanwhile.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from "../api/deletion.ts";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { ApiError } from "../errors.ts";
import { resourceTypeForKind } from "../kinds.ts";
import type { KubeObject } from "../types.ts";

export const GARBAGE_COLLECTOR = "garbagecollector";

/** What keysFor returns for a change that concerns the collector not at all (never changed). */
const NO_KEYS: readonly string[] = [];

/** Keys: `owner|<kind>|<ns>|<name>`, `dependent|<kind>|<ns>|<name>`, `orphans|<ns>|<uid>`. */
const key = (what: string, a: string, b: string, c?: string) =>
  c === undefined ? `${what}|${a}|${b}` : `${what}|${a}|${b}|${c}`;

export function createGarbageCollector(): Controller<Cluster> {
  return {
    name: GARBAGE_COLLECTOR,
    keysFor(event: WatchEvent) {
      const { object } = event;
      const meta = object.metadata;
      // Most writes (every Event, a claim or volume of its own) concern no owner: no array for them.
      if (event.type !== "DELETED" && !meta.ownerReferences?.length && !meta.deletionTimestamp)
        return NO_KEYS;
      const keys: string[] = [];
      const refs = meta.ownerReferences ?? [];
      if (event.type === "DELETED") {
        keys.push(key("orphans", meta.namespace ?? "", meta.uid ?? ""));
        // A dependent that went may unblock an owner waiting in foreground deletion.
        for (const ref of refs) keys.push(key("owner", ref.kind, ownerNamespace(ref, object), ref.name));
        return keys;
      }
      if (meta.deletionTimestamp && hasGcFinalizer(object)) {
        keys.push(key("owner", object.kind, meta.namespace ?? "", meta.name));
      }
      if (refs.length > 0) keys.push(key("dependent", object.kind, meta.namespace ?? "", meta.name));
      return keys;
    },
    reconcile(k, cluster) {
      const [what, a = "", b = "", c = ""] = k.split("|");
      if (what === "orphans") collectDependentsOf(cluster, a, b);
      else if (what === "owner") reconcileOwner(cluster, a, b, c);
      else if (what === "dependent") reconcileDependent(cluster, a, b, c);
    },
  };
}

function hasGcFinalizer(object: KubeObject): boolean {
  const finalizers = object.metadata.finalizers ?? [];
  return finalizers.includes(FOREGROUND_FINALIZER) || finalizers.includes(ORPHAN_FINALIZER);
}

/** Owners live in the dependent's namespace unless their kind is cluster-scoped. */
function ownerNamespace(ref: OwnerReference, dependent: KubeObject): string {
  return resourceTypeForKind(ref.kind)?.namespaced ? (dependent.metadata.namespace ?? "") : "";
}

function tryGet(cluster: Cluster, kind: string, namespace: string, name: string): KubeObject | undefined {
  const type = resourceTypeForKind(kind);
  if (!type) return undefined;
  return cluster.store.find(kind, type.namespaced ? namespace : undefined, name);
}

/** The live owner a reference points at, matched by uid (a recreated owner is another owner). */
function resolveOwner(cluster: Cluster, ref: OwnerReference, dependent: KubeObject): KubeObject | undefined {
  const owner = tryGet(cluster, ref.kind, ownerNamespace(ref, dependent), ref.name);
  return owner && owner.metadata.uid === ref.uid ? owner : undefined;
}

function dependentsOf(cluster: Cluster, namespace: string, uid: string): KubeObject[] {
  return cluster.store
    .dependentsOf(uid)
    .filter((o) => namespace === "" || o.metadata.namespace === namespace);
}

function collectDependentsOf(cluster: Cluster, namespace: string, uid: string): void {
  for (const dependent of dependentsOf(cluster, namespace, uid)) {
    reconcileDependent(cluster, dependent.kind, dependent.metadata.namespace ?? "", dependent.metadata.name);
  }
}

function reconcileDependent(cluster: Cluster, kind: string, namespace: string, name: string): void {
  const dependent = tryGet(cluster, kind, namespace, name);
  // Already on its way out: deleting it again would only churn its finalizers.
  if (!dependent || dependent.metadata.deletionTimestamp) return;
  const refs = dependent.metadata.ownerReferences ?? [];
  const owners = refs.map((ref) => resolveOwner(cluster, ref, dependent));
  const living = refs.filter((_, i) => owners[i] !== undefined);
  if (living.length === 0) {
    remove(cluster, dependent, "Background");
    return;
  }
  const waiting = owners.some((o) => o?.metadata.deletionTimestamp && hasFinalizer(o, FOREGROUND_FINALIZER));
  if (waiting && living.length === owners.filter((o) => o?.metadata.deletionTimestamp).length) {
    // Every remaining owner is going away in the foreground: the dependents go first, the same way.
    remove(cluster, dependent, "Foreground");
    return;
  }
  if (living.length < refs.length) {
    cluster.api.update({ ...dependent, metadata: { ...dependent.metadata, ownerReferences: living } });
  }
}

function reconcileOwner(cluster: Cluster, kind: string, namespace: string, name: string): void {
  const owner = tryGet(cluster, kind, namespace, name);
  if (!owner?.metadata.deletionTimestamp) return;
  const uid = owner.metadata.uid ?? "";
  const dependents = dependentsOf(cluster, owner.metadata.namespace ?? "", uid);
  if (hasFinalizer(owner, ORPHAN_FINALIZER)) {
    for (const d of dependents) {
      const { ownerReferences: refs = [], ...rest } = d.metadata;
      const ownerReferences = refs.filter((r) => r.uid !== uid);
      cluster.api.update({
        ...d,
        metadata: ownerReferences.length > 0 ? { ...rest, ownerReferences } : rest,
      });
    }
    dropFinalizer(cluster, owner, ORPHAN_FINALIZER);
    return;
  }
  if (!hasFinalizer(owner, FOREGROUND_FINALIZER)) return;
  for (const d of dependents) if (!d.metadata.deletionTimestamp) remove(cluster, d, "Foreground");
  const blocking = dependentsOf(cluster, owner.metadata.namespace ?? "", uid).filter((d) =>
    (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true),
  );
  if (blocking.length === 0) dropFinalizer(cluster, owner, FOREGROUND_FINALIZER);
}

function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return (object.metadata.finalizers ?? []).includes(finalizer);
}

function dropFinalizer(cluster: Cluster, object: KubeObject, finalizer: string): void {
  const latest = tryGet(cluster, object.kind, object.metadata.namespace ?? "", object.metadata.name);
  if (!latest) return;
  const finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  cluster.api.update({ ...latest, metadata: { ...latest.metadata, finalizers } });
}

function remove(cluster: Cluster, object: KubeObject, propagationPolicy: "Background" | "Foreground"): void {
  try {
    cluster.api.delete(object.kind, object.metadata.namespace, object.metadata.name, { propagationPolicy });
  } catch (error) {
    // Someone else deleted it first: nothing left to do.
    if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
  }
}
