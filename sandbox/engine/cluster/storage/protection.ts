/**
 * The pvc-protection and pv-protection controllers: they hold a deleted claim or volume
 * (Terminating) while it is still in use and remove their finalizer once it is not, which lets
 * the API server finish the deletion.
 * - A claim is in use while a pod in its namespace references it and has not finished
 *   (Succeeded/Failed); a pod that is itself terminating still counts until it is gone.
 * - A volume is in use while its phase is Bound.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { namespacedKey, splitNamespacedKey } from "../object-keys.ts";
import type { KubeObject } from "../types.ts";
import { PV_PROTECTION, PVC_PROTECTION } from "./admission.ts";
import { claimNamesOf, isTerminated, podsUsingClaim } from "./claim-users.ts";
import { asVolume } from "./storage-classes.ts";

/** What keysFor returns for a change that concerns neither controller (never changed). */
const NO_KEYS: readonly string[] = [];

const terminatingWith = (object: KubeObject, finalizer: string) =>
  Boolean(object.metadata.deletionTimestamp) && (object.metadata.finalizers ?? []).includes(finalizer);

function withoutFinalizer(cluster: Cluster, object: KubeObject, finalizer: string): void {
  const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  cluster.api.update({ ...object, metadata: { ...object.metadata, finalizers } });
}

export function createPvcProtectionController(): Controller<Cluster> {
  return {
    name: "pvc-protection-controller",
    kinds: ["PersistentVolumeClaim", "Pod"],
    keysFor({ type, object }: WatchEvent) {
      // As the real informer handlers filter (pvcAddedUpdated, enqueuePVCs): only a claim being
      // deleted has anything to wait for, and only a pod that is gone, finished or not yet on a
      // node can stop holding one. The rest (every claim and pod change of a big set coming up)
      // would be reconciles that find nothing to do.
      if (object.kind === "PersistentVolumeClaim") {
        if (!terminatingWith(object, PVC_PROTECTION)) return NO_KEYS;
        return [namespacedKey(object.metadata.namespace ?? "default", object.metadata.name)];
      }
      if (object.kind === "Pod") {
        if (type !== "DELETED" && !isTerminated(object) && (object as unknown as Pod).spec?.nodeName)
          return NO_KEYS;
        const namespace = object.metadata.namespace ?? "default";
        return claimNamesOf(object).map((n) => namespacedKey(namespace, n));
      }
      return NO_KEYS;
    },
    reconcile(key, cluster) {
      const { namespace, name } = splitNamespacedKey(key);
      const claim = cluster.api.tryGet("PersistentVolumeClaim", namespace, name);
      if (!claim || !terminatingWith(claim, PVC_PROTECTION)) return;
      if (podsUsingClaim(cluster, claim).length > 0) return;
      withoutFinalizer(cluster, claim, PVC_PROTECTION);
    },
  };
}

export function createPvProtectionController(): Controller<Cluster> {
  return {
    name: "pv-protection-controller",
    kinds: ["PersistentVolume"],
    keysFor({ type, object }: WatchEvent) {
      // pvAddedUpdated: only a volume being deleted is queued.
      if (object.kind !== "PersistentVolume" || type === "DELETED") return NO_KEYS;
      return terminatingWith(object, PV_PROTECTION) ? [object.metadata.name] : NO_KEYS;
    },
    reconcile(name, cluster) {
      const volume = cluster.api.tryGet("PersistentVolume", undefined, name);
      if (!volume || !terminatingWith(volume, PV_PROTECTION)) return;
      if (asVolume(volume).status?.phase === "Bound") return;
      withoutFinalizer(cluster, volume, PV_PROTECTION);
    },
  };
}
