/** describe pvc / pv / storageclass (describe.go; storage.md). */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { Cluster } from "../../cluster/cluster.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { accessModes } from "../printers/cells.ts";
import { age } from "../printers/duration.ts";
import { isDefaultClass } from "../printers/storage.ts";
import { describeEvents, goList, printAnnotations, printLabels } from "./common.ts";
import { PrefixWriter } from "./tabbed.ts";

const BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

export function describePersistentVolumeClaim(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const pvc = object as unknown as PersistentVolumeClaim;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  w.write(
    0,
    `StorageClass:\t${object.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? ""}\n`,
  );
  w.write(
    0,
    object.metadata.deletionTimestamp
      ? `Status:\tTerminating (lasts ${age(object.metadata.deletionTimestamp, nowMs)})\n`
      : `Status:\t${pvc.status?.phase ?? ""}\n`,
  );
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(object.metadata.finalizers)}\n`);
  const bound = Boolean(pvc.spec?.volumeName);
  w.write(0, `Capacity:\t${bound ? String(pvc.status?.capacity?.storage ?? "0") : ""}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ""}\n`);
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const users = cluster.api
    .list("Pod", { namespace: object.metadata.namespace })
    .filter((p) =>
      ((p as unknown as Pod).spec?.volumes ?? []).some(
        (v) => v.persistentVolumeClaim?.claimName === object.metadata.name,
      ),
    )
    .map((p) => p.metadata.name);
  w.write(0, "Used By:\t");
  if (users.length === 0) w.line("<none>");
  else {
    users.forEach((name, i) => {
      w.write(0, i === 0 ? `${name}\n` : `\t${name}\n`);
    });
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describePersistentVolume(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const pv = object as unknown as PersistentVolume;
  const spec = pv.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(object.metadata.finalizers)}\n`);
  w.write(
    0,
    `StorageClass:\t${object.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? spec.storageClassName ?? ""}\n`,
  );
  w.write(
    0,
    object.metadata.deletionTimestamp
      ? `Status:\tTerminating (lasts ${age(object.metadata.deletionTimestamp, nowMs)})\n`
      : `Status:\t${pv.status?.phase ?? ""}\n`,
  );
  w.write(
    0,
    `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : ""}\n`,
  );
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${String(spec.capacity?.storage ?? "0")}\n`);
  w.write(0, "Node Affinity:\t");
  const required = spec.nodeAffinity?.required;
  if (!required) w.line("<none>");
  else {
    w.line("");
    w.write(1, "Required Terms:\t");
    if (required.nodeSelectorTerms.length === 0) w.line("<none>");
    else {
      w.line("");
      required.nodeSelectorTerms.forEach((term, i) => {
        w.write(2, `Term ${i}:\t`);
        const reqs = term.matchExpressions ?? [];
        if (reqs.length === 0) w.line("<none>");
        reqs.forEach((req, j) => {
          if (j !== 0) w.write(2, "\t");
          const values = (req.values ?? []).length > 0 ? ` [${req.values!.join(", ")}]` : "";
          w.write(0, `${req.key} ${req.operator.toLowerCase()}${values}\n`);
        });
      });
    }
  }
  w.write(0, `Message:\t${pv.status?.message ?? ""}\n`);
  w.write(0, "Source:\n");
  if (spec.hostPath) {
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type || "<none>"}\n`,
    );
  } else if (spec.local) {
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`,
    );
  } else {
    w.write(1, "<unknown>\n");
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeStorageClass(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const sc = object as unknown as StorageClass;
  const w = new PrefixWriter();
  const flat = (map: Record<string, string> | undefined) => {
    const keys = Object.keys(map ?? {}).sort();
    return keys.length === 0 ? "<none>" : keys.map((k) => `${k}=${map![k]}`).join(",");
  };
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(object.metadata.annotations) ? "Yes" : "No"}\n`);
  w.write(0, `Annotations:\t${flat(object.metadata.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner}\n`);
  w.write(0, `Parameters:\t${flat(sc.parameters)}\n`);
  w.write(
    0,
    `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? "<unset>" : sc.allowVolumeExpansion ? "True" : "False"}\n`,
  );
  w.write(0, `MountOptions:\t${(sc.mountOptions ?? []).length === 0 ? "<none>" : ""}\n`);
  for (const option of sc.mountOptions ?? []) w.write(1, `${option}\n`);
  w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy ?? ""}\n`);
  w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode ?? ""}\n`);
  describeEvents(w, events, nowMs);
  return w.toString();
}
