/**
 * The status conditions the namespace controller keeps on a Terminating namespace, as
 * `kubectl get ns x -o yaml` and `describe ns` show them, e.g.
 * `Some resources are remaining: persistentvolumeclaims. has 1 resource instances` (the dot after
 * a core resource is the real controller's GroupResource rendering).
 */
import type { NamespaceCondition } from "kubernetes-types/core/v1";
import type { KubeObject } from "../types.ts";

export interface Remaining {
  /** `<plural>.<group>` → how many objects are still there. */
  resources: Map<string, number>;
  /** finalizer → how many of the remaining objects carry it. */
  finalizers: Map<string, number>;
}

const summary = (counts: Map<string, number>, what: string) =>
  [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, n]) => `${name}${what}${n} resource instances`)
    .join(", ");

export function namespaceConditions(
  remaining: Remaining,
  previous: readonly NamespaceCondition[],
  now: string,
): NamespaceCondition[] {
  const contentLeft = remaining.resources.size > 0;
  const finalizersLeft = remaining.finalizers.size > 0;
  const wanted: Omit<NamespaceCondition, "lastTransitionTime">[] = [
    {
      type: "NamespaceDeletionDiscoveryFailure",
      status: "False",
      reason: "ResourcesDiscovered",
      message: "All resources successfully discovered",
    },
    {
      type: "NamespaceDeletionGroupVersionParsingFailure",
      status: "False",
      reason: "ParsedGroupVersions",
      message: "All legacy kube types successfully parsed",
    },
    {
      type: "NamespaceDeletionContentFailure",
      status: "False",
      reason: "ContentDeleted",
      message: "All content successfully deleted, may be waiting on finalization",
    },
    contentLeft
      ? {
          type: "NamespaceContentRemaining",
          status: "True",
          reason: "SomeResourcesRemain",
          message: `Some resources are remaining: ${summary(remaining.resources, " has ")}`,
        }
      : {
          type: "NamespaceContentRemaining",
          status: "False",
          reason: "ContentRemoved",
          message: "All content successfully removed",
        },
    finalizersLeft
      ? {
          type: "NamespaceFinalizersRemaining",
          status: "True",
          reason: "SomeFinalizersRemain",
          message: `Some content in the namespace has finalizers remaining: ${summary(remaining.finalizers, " in ")}`,
        }
      : {
          type: "NamespaceFinalizersRemaining",
          status: "False",
          reason: "ContentHasNoFinalizers",
          message: "All content-preserving finalizers finished",
        },
  ];
  // A condition keeps its transition time until its status flips.
  return wanted.map((c) => {
    const before = previous.find((p) => p.type === c.type);
    const lastTransitionTime = before && before.status === c.status ? before.lastTransitionTime : now;
    return { lastTransitionTime, message: c.message, reason: c.reason, status: c.status, type: c.type };
  });
}

export function countRemaining(objects: readonly { object: KubeObject; resource: string }[]): Remaining {
  const resources = new Map<string, number>();
  const finalizers = new Map<string, number>();
  for (const { object, resource } of objects) {
    resources.set(resource, (resources.get(resource) ?? 0) + 1);
    for (const f of object.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
  }
  return { resources, finalizers };
}
