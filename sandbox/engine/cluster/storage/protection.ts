/**
 * The pvc-protection and pv-protection controllers: they hold a deleted claim or volume
 * (Terminating) while it is still in use and remove their finalizer once it is not, which lets
 * the API server finish the deletion.
 * - A claim is in use while a pod in its namespace references it and has not finished
 *   (Succeeded/Failed); a pod that is itself terminating still counts until it is gone.
 * - A volume is in use while its phase is Bound.
 */
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import type { KubeObject } from "../types.ts";
import { PV_PROTECTION, PVC_PROTECTION } from "./admission.ts";
import { claimNamesOf, podsUsingClaim } from "./claim-users.ts";
import { asVolume } from "./storage-classes.ts";

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
    keysFor({ object }: WatchEvent) {
      if (object.kind === "PersistentVolumeClaim")
        return [`${object.metadata.namespace}/${object.metadata.name}`];
      // A pod that finishes or goes away may free the claims it used.
      if (object.kind === "Pod") return claimNamesOf(object).map((n) => `${object.metadata.namespace}/${n}`);
      return [];
    },
    reconcile(key, cluster) {
      const [namespace, name] = key.split("/") as [string, string];
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
      return object.kind === "PersistentVolume" && type !== "DELETED" ? [object.metadata.name] : [];
    },
    reconcile(name, cluster) {
      const volume = cluster.api.tryGet("PersistentVolume", undefined, name);
      if (!volume || !terminatingWith(volume, PV_PROTECTION)) return;
      if (asVolume(volume).status?.phase === "Bound") return;
      withoutFinalizer(cluster, volume, PV_PROTECTION);
    },
  };
}
