/**
 * The NamespaceLifecycle admission plugin (objects.md §9): namespaced objects can only be created
 * in a namespace that exists and is not being deleted.
 */
import type { Cluster } from "../cluster.ts";
import { ApiError } from "../errors.ts";
import { qualifiedResource, resourceTypeForKind } from "../kinds.ts";
import type { KubeObject } from "../types.ts";

export function admitNamespaceLifecycle(
  cluster: Cluster,
  object: KubeObject,
  old: KubeObject | undefined,
): KubeObject {
  const type = resourceTypeForKind(object.kind);
  if (old || !type?.namespaced) return object;
  const namespace = object.metadata.namespace ?? "default";
  const ns = cluster.store.find("Namespace", undefined, namespace);
  if (!ns) throw new ApiError("NotFound", `namespaces "${namespace}" not found`);
  if (ns.metadata.deletionTimestamp) {
    throw new ApiError(
      "Forbidden",
      `${qualifiedResource(type)} "${object.metadata.name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
  return object;
}
