import { matchesLabels, type Requirement, requirementsOf, selectorMatches } from "../../api/selectors.ts";
import type { Cluster } from "../../cluster.ts";
import type { Controller, WatchEvent } from "../../controller-manager.ts";
import { namespacedKey, splitNamespacedKey } from "../../object-keys.ts";
import type { KubeObject } from "../../types.ts";
import { RetryBackoff } from "../backoff.ts";
import { claimObjects, controllerOf, keyOf } from "../owners.ts";
import { updateStatefulSet } from "./control.ts";
import { asStatefulSet, isMemberOf } from "./identity.ts";

/**
 * The StatefulSet controller's loop (stateful_set.go): which store changes concern which set,
 * and, per set, claiming its pods before one pass of the control logic.
 */

export const STATEFULSET_CONTROLLER = "statefulset";

export function createStatefulSetController(): Controller<Cluster> {
  const backoff = new RetryBackoff(STATEFULSET_CONTROLLER);
  return {
    name: STATEFULSET_CONTROLLER,
    kinds: ["StatefulSet", "Pod", "PersistentVolumeClaim"],
    keysFor: (event, cluster) => keysFor(event, cluster),
    reconcile(key, cluster) {
      backoff.run(cluster, key, () => sync(cluster, key));
    },
  };
}

function keysFor({ type, object }: WatchEvent, cluster: Cluster): string[] {
  switch (object.kind) {
    case "StatefulSet":
      return [keyOf(object)];
    case "Pod": {
      const owner = controllerOf(object);
      if (owner) {
        if (owner.kind !== "StatefulSet") return [];
        return [namespacedKey(object.metadata.namespace ?? "default", owner.name)];
      }
      // An orphan: every set that could adopt it looks again.
      return setsIn(cluster, object.metadata.namespace)
        .filter((set) => isMemberOf(set, object) && matchesSelector(set, object))
        .map(keyOf);
    }
    case "PersistentVolumeClaim":
      // A claim that finally went away may unblock a pod waiting on it (stale or being deleted).
      return type === "DELETED" ? setsIn(cluster, object.metadata.namespace).map(keyOf) : [];
    default:
      return [];
  }
}

const setsIn = (cluster: Cluster, namespace: string | undefined) =>
  cluster.api.list("StatefulSet", { namespace: namespace ?? "default" });

const matchesSelector = (set: KubeObject, pod: KubeObject) =>
  selectorMatches(asStatefulSet(set).spec?.selector, pod.metadata.labels);

/**
 * matchesSelector with the set's requirements worked out once per sync, not once per pod (on
 * first use: an invalid selector throws only when a pod is matched, as before).
 */
function selectorOf(set: KubeObject): (pod: KubeObject) => boolean {
  const selector = asStatefulSet(set).spec?.selector;
  let requirements: Requirement[] | undefined;
  return (pod) => {
    if (!selector) return false;
    requirements ??= requirementsOf(selector);
    return matchesLabels(requirements, pod.metadata.labels);
  };
}

function sync(cluster: Cluster, key: string): void {
  const { namespace, name } = splitNamespacedKey(key);
  const set = cluster.api.tryGet("StatefulSet", namespace, name);
  if (!set) return;
  // getPodsForStatefulSet: pods named like the set's members and selected by it are claimed.
  const candidates = cluster.api.list("Pod", { namespace });
  const selects = selectorOf(set);
  const pods = claimObjects(cluster, set, candidates, (pod) => isMemberOf(set, pod) && selects(pod));
  const result = updateStatefulSet(cluster, set, pods);
  if (result.wakeAt !== undefined) cluster.clock.wakeAt(result.wakeAt, STATEFULSET_CONTROLLER, key);
}
