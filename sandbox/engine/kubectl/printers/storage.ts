/** PersistentVolumes, PersistentVolumeClaims and StorageClasses (printers.go; storage.md). */
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { accessModes } from "./cells.ts";
import { age } from "./duration.ts";
import type { KindPrinter } from "./types.ts";

/** The beta annotation still wins over spec.storageClassName (helper.GetPersistentVolume(Claim)Class). */
const BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

export const PV_PRINTER: KindPrinter = {
  columns: [
    "NAME",
    "CAPACITY",
    "ACCESS MODES",
    "RECLAIM POLICY",
    "STATUS",
    "CLAIM",
    "STORAGECLASS",
    "VOLUMEATTRIBUTESCLASS",
    "REASON",
    "AGE",
  ],
  wideColumns: ["VOLUMEMODE"],
  row(object, nowMs, wide) {
    const pv = object as unknown as PersistentVolume;
    const claim = pv.spec?.claimRef
      ? `${pv.spec.claimRef.namespace ?? ""}/${pv.spec.claimRef.name ?? ""}`
      : "";
    const row = [
      object.metadata.name,
      pv.spec?.capacity?.storage ?? "0",
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? "",
      object.metadata.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? ""),
      claim,
      object.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? "",
      pv.spec?.volumeAttributesClassName ?? "<unset>",
      pv.status?.reason ?? "",
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide) row.push(pv.spec?.volumeMode ?? "<unset>");
    return row;
  },
};

export const PVC_PRINTER: KindPrinter = {
  columns: [
    "NAME",
    "STATUS",
    "VOLUME",
    "CAPACITY",
    "ACCESS MODES",
    "STORAGECLASS",
    "VOLUMEATTRIBUTESCLASS",
    "AGE",
  ],
  wideColumns: ["VOLUMEMODE"],
  row(object, nowMs, wide) {
    const pvc = object as unknown as PersistentVolumeClaim;
    // Capacity and access modes come from status, and only once the claim names a volume.
    const bound = Boolean(pvc.spec?.volumeName);
    const row = [
      object.metadata.name,
      object.metadata.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? ""),
      pvc.spec?.volumeName ?? "",
      bound ? (pvc.status?.capacity?.storage ?? "0") : "",
      bound ? accessModes(pvc.status?.accessModes) : "",
      object.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? "",
      pvc.spec?.volumeAttributesClassName ?? "<unset>",
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide) row.push(pvc.spec?.volumeMode ?? "<unset>");
    return row;
  },
};

/** storageutil.IsDefaultAnnotation: the GA or the beta annotation set to "true". */
export function isDefaultClass(annotations: Record<string, string> | undefined): boolean {
  return (
    annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" ||
    annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true"
  );
}

export const STORAGE_CLASS_PRINTER: KindPrinter = {
  columns: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
  wideColumns: [],
  row(object, nowMs) {
    const sc = object as unknown as StorageClass;
    return [
      isDefaultClass(object.metadata.annotations)
        ? `${object.metadata.name} (default)`
        : object.metadata.name,
      sc.provisioner ?? "",
      sc.reclaimPolicy ?? "Delete",
      sc.volumeBindingMode ?? "Immediate",
      String(sc.allowVolumeExpansion ?? false),
      age(object.metadata.creationTimestamp, nowMs),
    ];
  },
};
