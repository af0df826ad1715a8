/**
 * The namespace controller (objects.md §9): a namespace being deleted (phase Terminating) has
 * everything in it deleted; once nothing is left it loses its `kubernetes` finalizer and goes.
 */
import type { Cluster } from "../cluster.ts";
import type { Controller } from "../controller-manager.ts";
import { ApiError } from "../errors.ts";
import { RESOURCE_TYPES } from "../kinds.ts";

export const NAMESPACE_CONTROLLER = "namespace";

export function createNamespaceController(): Controller<Cluster> {
  return {
    name: NAMESPACE_CONTROLLER,
    keysFor(event, cluster) {
      const { object } = event;
      if (object.kind === "Namespace") return object.metadata.deletionTimestamp ? [object.metadata.name] : [];
      const namespace = object.metadata.namespace;
      if (event.type !== "DELETED" || namespace === undefined) return [];
      // The last object leaving a terminating namespace lets the namespace go.
      const ns = cluster.store.get({ kind: "Namespace", name: namespace });
      return ns?.metadata.deletionTimestamp ? [namespace] : [];
    },
    reconcile(name, cluster) {
      const ns = cluster.store.get({ kind: "Namespace", name });
      if (!ns?.metadata.deletionTimestamp) return;
      let remaining = 0;
      for (const type of RESOURCE_TYPES) {
        if (!type.namespaced) continue;
        for (const object of cluster.store.list(type.kind, name)) {
          remaining++;
          if (object.metadata.deletionTimestamp) continue;
          try {
            cluster.api.delete(type.kind, name, object.metadata.name, { propagationPolicy: "Background" });
          } catch (error) {
            if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
          }
        }
      }
      if (
        remaining > 0 &&
        RESOURCE_TYPES.some((t) => t.namespaced && cluster.store.list(t.kind, name).length > 0)
      ) {
        return;
      }
      const spec = (ns.spec ?? {}) as { finalizers?: string[] };
      const finalizers = (spec.finalizers ?? []).filter((f) => f !== "kubernetes");
      cluster.api.update({ ...ns, spec: { ...spec, finalizers } });
    },
  };
}
