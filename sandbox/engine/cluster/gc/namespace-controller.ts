/**
 * The namespace controller (objects.md §9): a namespace being deleted (phase Terminating) has
 * everything in it deleted and its status conditions kept up to date; once nothing is left it
 * loses its `kubernetes` finalizer and goes.
 */
import type { NamespaceCondition } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { Controller } from "../controller-manager.ts";
import { ApiError } from "../errors.ts";
import { RESOURCE_TYPES } from "../kinds.ts";
import type { KubeObject } from "../types.ts";
import { countRemaining, namespaceConditions } from "./namespace-conditions.ts";

export const NAMESPACE_CONTROLLER = "namespace";

export function createNamespaceController(): Controller<Cluster> {
  return {
    name: NAMESPACE_CONTROLLER,
    keysFor(event, cluster) {
      const { object } = event;
      if (object.kind === "Namespace") return object.metadata.deletionTimestamp ? [object.metadata.name] : [];
      const namespace = object.metadata.namespace;
      if (namespace === undefined) return [];
      // Whatever changes in a terminating namespace may be what it was waiting for.
      const ns = cluster.store.find("Namespace", undefined, namespace);
      return ns?.metadata.deletionTimestamp ? [namespace] : [];
    },
    reconcile(name, cluster) {
      const ns = cluster.store.find("Namespace", undefined, name);
      if (!ns?.metadata.deletionTimestamp) return;
      deleteContent(cluster, name);
      const left: { object: KubeObject; resource: string }[] = [];
      for (const type of RESOURCE_TYPES) {
        if (!type.namespaced) continue;
        const resource = `${type.plural}.${type.group}`;
        for (const object of cluster.store.list(type.kind, name)) left.push({ object, resource });
      }
      if (left.length > 0) {
        const status = (ns.status ?? {}) as { conditions?: NamespaceCondition[] };
        const conditions = namespaceConditions(
          countRemaining(left),
          status.conditions ?? [],
          cluster.api.timestamp(),
        );
        cluster.api.updateStatus({ ...ns, status: { ...status, conditions, phase: "Terminating" } });
        return;
      }
      const spec = (ns.spec ?? {}) as { finalizers?: string[] };
      const finalizers = (spec.finalizers ?? []).filter((f) => f !== "kubernetes");
      cluster.api.update({
        ...ns,
        metadata: { ...ns.metadata, resourceVersion: undefined },
        spec: { ...spec, finalizers },
      });
    },
  };
}

/** Deletes (gracefully) every object in the namespace that is not already on its way out. */
function deleteContent(cluster: Cluster, namespace: string): void {
  for (const type of RESOURCE_TYPES) {
    if (!type.namespaced) continue;
    for (const object of cluster.store.list(type.kind, namespace)) {
      if (object.metadata.deletionTimestamp) continue;
      try {
        cluster.api.delete(type.kind, namespace, object.metadata.name, { propagationPolicy: "Background" });
      } catch (error) {
        if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
      }
    }
  }
}
