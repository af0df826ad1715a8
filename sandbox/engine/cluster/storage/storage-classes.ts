/**
 * StorageClass knowledge shared by admission, the PV controller and the provisioner: which class
 * is the default, which class a claim or volume belongs to, and kind's own `standard` class.
 */
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";

export const IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
export const BETA_IS_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";
/** The pre-`storageClassName` way of naming a class; still honoured by the binder. */
export const BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
export const LOCAL_PATH_PROVISIONER = "rancher.io/local-path";

export const asClass = (o: KubeObject) => o as unknown as StorageClass;
export const asClaim = (o: KubeObject) => o as unknown as PersistentVolumeClaim;
export const asVolume = (o: KubeObject) => o as unknown as PersistentVolume;

export function isDefaultClass(sc: KubeObject): boolean {
  const annotations = sc.metadata.annotations ?? {};
  return annotations[IS_DEFAULT_CLASS] === "true" || annotations[BETA_IS_DEFAULT_CLASS] === "true";
}

/**
 * The default class, or undefined. With several defaults the newest wins (by creation time,
 * then name), as the DefaultStorageClass admission plugin has done since 1.26.
 */
export function defaultStorageClass(cluster: Cluster): KubeObject | undefined {
  const defaults = cluster.api.list("StorageClass").filter(isDefaultClass);
  defaults.sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  return defaults[0];
}

/** GetPersistentVolumeClaimClass: the beta annotation first, then the field; "" for none. */
export function claimClass(claim: KubeObject): string {
  const annotated = claim.metadata.annotations?.[BETA_STORAGE_CLASS];
  if (annotated !== undefined) return annotated;
  return asClaim(claim).spec?.storageClassName ?? "";
}

/** GetPersistentVolumeClass: the beta annotation first, then the field; "" for none. */
export function volumeClass(volume: KubeObject): string {
  const annotated = volume.metadata.annotations?.[BETA_STORAGE_CLASS];
  if (annotated !== undefined) return annotated;
  return asVolume(volume).spec?.storageClassName ?? "";
}

export function bindingModeOf(sc: KubeObject): string {
  return asClass(sc).volumeBindingMode ?? "Immediate";
}

/**
 * kind's default class, as `kubectl apply` left it when kind installed local-path (the
 * last-applied annotation is the one real clusters show).
 */
export function kindStandardStorageClass(): KubeObject {
  const manifest = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { annotations: { [IS_DEFAULT_CLASS]: "true" }, name: "standard" },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  };
  return {
    ...manifest,
    metadata: {
      name: "standard",
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": `${JSON.stringify(manifest)}\n`,
        [IS_DEFAULT_CLASS]: "true",
      },
    },
  };
}
