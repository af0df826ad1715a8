/** describe statefulset / deployment / replicaset (describe.go). */
import type { Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster/cluster.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { formatLabelSelector, selectorString } from "../printers/cells.ts";
import { describeEvents, printAnnotations, printLabels, rfc1123z } from "./common.ts";
import { describePodTemplate } from "./pod.ts";
import { PrefixWriter } from "./tabbed.ts";

/** getPodStatusForController: pods the controller owns, counted by phase. */
function podPhases(cluster: Cluster, owner: KubeObject): string {
  const pods = cluster.api
    .list("Pod", { namespace: owner.metadata.namespace })
    .filter((p) =>
      p.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === owner.metadata.uid),
    );
  const count = (phase: string) => pods.filter((p) => (p as unknown as Pod).status?.phase === phase).length;
  return `${count("Running")} Running / ${count("Pending")} Waiting / ${count("Succeeded")} Succeeded / ${count("Failed")} Failed`;
}

export function describeStatefulSet(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const sts = object as unknown as StatefulSet;
  const spec = sts.spec;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(object.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `Replicas:\t${spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec?.updateStrategy?.type ?? "RollingUpdate"}\n`);
  const rolling = spec?.updateStrategy?.rollingUpdate;
  if (rolling?.partition !== undefined) {
    w.write(1, `Partition:\t${rolling.partition}\n`);
    if (rolling.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${rolling.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podPhases(cluster, object)}\n`);
  describePodTemplate(w, spec?.template);
  describeVolumeClaimTemplates(w, spec?.volumeClaimTemplates);
  describeEvents(w, events, nowMs);
  return w.toString();
}

function describeVolumeClaimTemplates(
  w: PrefixWriter,
  templates: readonly PersistentVolumeClaim[] | undefined,
): void {
  if (!templates || templates.length === 0) {
    w.write(0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(0, "Volume Claims:\n");
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
    w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ""}\n`);
    printLabels(w, "Labels", pvc.metadata?.labels, "  ");
    printLabels(w, "Annotations", pvc.metadata?.annotations, "  ");
    const capacity = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${capacity !== undefined ? String(capacity) : "<default>"}\n`);
    w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
  }
}

export function describeDeployment(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const d = object as unknown as Deployment;
  const spec = d.spec;
  const status = d.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(object.metadata.creationTimestamp)}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec?.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  const strategy = spec?.strategy?.type ?? "RollingUpdate";
  w.write(0, `StrategyType:\t${strategy}\n`);
  w.write(0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  if (strategy === "RollingUpdate") {
    const ru = spec?.strategy?.rollingUpdate;
    w.write(
      0,
      `RollingUpdateStrategy:\t${ru?.maxUnavailable ?? "25%"} max unavailable, ${ru?.maxSurge ?? "25%"} max surge\n`,
    );
  }
  describePodTemplate(w, spec?.template);
  if ((status.conditions ?? []).length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of status.conditions ?? []) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  const owned = cluster.api
    .list("ReplicaSet", { namespace: object.metadata.namespace })
    .filter((rs) =>
      rs.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === object.metadata.uid),
    );
  if (owned.length > 0) {
    // The new ReplicaSet is the one at the newest revision; every other owned one is old.
    const revision = (rs: KubeObject) =>
      Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
    const newest = owned.reduce((a, b) => (revision(b) > revision(a) ? b : a));
    const text = (list: KubeObject[]) =>
      list
        .map((o) => {
          const rs = o as unknown as ReplicaSet;
          return `${o.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`;
        })
        .join(", ") || "<none>";
    w.write(0, `OldReplicaSets:\t${text(owned.filter((rs) => rs !== newest))}\n`);
    w.write(0, `NewReplicaSet:\t${text([newest])}\n`);
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeReplicaSet(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const rs = object as unknown as ReplicaSet;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  const owner = object.metadata.ownerReferences?.find((ref) => ref.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podPhases(cluster, object)}\n`);
  describePodTemplate(w, rs.spec?.template);
  if ((rs.status?.conditions ?? []).length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of rs.status?.conditions ?? []) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}
