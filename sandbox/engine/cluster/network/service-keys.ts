import type { Cluster } from "../cluster.ts";
import type { WatchEvent } from "../controller-manager.ts";
import { namespacedKey } from "../object-keys.ts";

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const ENDPOINTSLICE_CONTROLLER_NAME = "endpointslice-controller.k8s.io";

/**
 * Which Services (as `namespace/name` keys) a store change concerns, for the two endpoint
 * controllers: the Service itself; every Service with a selector in a changed pod's namespace
 * (the pod's old labels are gone from the event, so matching only the new ones would miss a pod
 * leaving a Service); and, for the controller's own objects, the Service they belong to, so a
 * deleted or hand-edited Endpoints or EndpointSlice is put back.
 */
export function servicesKeysFor(
  event: WatchEvent,
  cluster: Cluster,
  own: "Endpoints" | "EndpointSlice",
): readonly string[] {
  const { kind, metadata } = event.object;
  const namespace = metadata.namespace ?? "default";
  if (kind === "Service") return [`${namespace}/${metadata.name}`];
  if (kind === "Pod") return selectingServices(cluster, namespace);
  if (kind === own && own === "Endpoints" && event.type === "DELETED")
    return [`${namespace}/${metadata.name}`];
  if (kind === own && own === "EndpointSlice") {
    const service = metadata.labels?.[SERVICE_NAME_LABEL];
    if (service && metadata.labels?.[MANAGED_BY_LABEL] === ENDPOINTSLICE_CONTROLLER_NAME) {
      return [`${namespace}/${service}`];
    }
  }
  return [];
}

/** The keys of a namespace's Services with a selector, per cluster, while no Service is written. */
const selecting = new WeakMap<Cluster, { revision: number; byNamespace: Map<string, readonly string[]> }>();

/**
 * The keys of the Services with a selector in `namespace`, in list order: every pod write asks
 * (twice, once per endpoint controller), and the answer changes only when a Service is written.
 */
function selectingServices(cluster: Cluster, namespace: string): readonly string[] {
  const revision = cluster.store.kindRevision("Service");
  let memo = selecting.get(cluster);
  if (memo?.revision !== revision) {
    memo = { revision, byNamespace: new Map() };
    selecting.set(cluster, memo);
  }
  let keys = memo.byNamespace.get(namespace);
  if (!keys) {
    keys = cluster.api
      .list("Service", { namespace })
      .filter((s) => (s.spec as { selector?: unknown } | undefined)?.selector)
      .map((s) => namespacedKey(namespace, s.metadata.name));
    memo.byNamespace.set(namespace, keys);
  }
  return keys;
}
