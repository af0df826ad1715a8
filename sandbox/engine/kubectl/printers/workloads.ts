/** Deployments, ReplicaSets, StatefulSets and ControllerRevisions (printers.go). */
import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  ReplicaSet,
  StatefulSet,
} from "kubernetes-types/apps/v1";
import { containerCells, count, formatLabelMap, formatLabelSelector, selectorString } from "./cells.ts";
import { age } from "./duration.ts";
import type { KindPrinter } from "./types.ts";

export const DEPLOYMENT_PRINTER: KindPrinter = {
  columns: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
  wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(object, nowMs, wide) {
    const d = object as unknown as Deployment;
    const row = [
      object.metadata.name,
      `${count(d.status?.readyReplicas)}/${count(d.spec?.replicas)}`,
      count(d.status?.updatedReplicas),
      count(d.status?.availableReplicas),
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide)
      row.push(...containerCells(d.spec?.template?.spec?.containers), selectorString(d.spec?.selector));
    return row;
  },
};

export const REPLICASET_PRINTER: KindPrinter = {
  columns: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
  wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(object, nowMs, wide) {
    const rs = object as unknown as ReplicaSet;
    const row = [
      object.metadata.name,
      count(rs.spec?.replicas),
      count(rs.status?.replicas),
      count(rs.status?.readyReplicas),
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide)
      row.push(
        ...containerCells(rs.spec?.template?.spec?.containers),
        formatLabelSelector(rs.spec?.selector),
      );
    return row;
  },
};

export const STATEFULSET_PRINTER: KindPrinter = {
  columns: ["NAME", "READY", "AGE"],
  wideColumns: ["CONTAINERS", "IMAGES"],
  row(object, nowMs, wide) {
    const sts = object as unknown as StatefulSet;
    const row = [
      object.metadata.name,
      `${count(sts.status?.readyReplicas)}/${count(sts.spec?.replicas)}`,
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide) row.push(...containerCells(sts.spec?.template?.spec?.containers));
    return row;
  },
};

export const CONTROLLER_REVISION_PRINTER: KindPrinter = {
  columns: ["NAME", "CONTROLLER", "REVISION", "AGE"],
  wideColumns: [],
  row(object, nowMs) {
    const revision = object as unknown as ControllerRevision;
    const owner = object.metadata.ownerReferences?.find((ref) => ref.controller);
    let controller = "<none>";
    if (owner) {
      const group = owner.apiVersion.includes("/") ? owner.apiVersion.split("/")[0]! : "";
      controller = `${owner.kind.toLowerCase()}${group ? `.${group}` : ""}/${owner.name}`;
    }
    return [
      object.metadata.name,
      controller,
      count(revision.revision),
      age(object.metadata.creationTimestamp, nowMs),
    ];
  },
};

export const DAEMONSET_PRINTER: KindPrinter = {
  columns: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
  wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(object, nowMs, wide) {
    const ds = object as unknown as DaemonSet;
    const status = ds.status;
    const row = [
      object.metadata.name,
      count(status?.desiredNumberScheduled),
      count(status?.currentNumberScheduled),
      count(status?.numberReady),
      count(status?.updatedNumberScheduled),
      count(status?.numberAvailable),
      formatLabelMap(ds.spec?.template?.spec?.nodeSelector),
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide)
      row.push(
        ...containerCells(ds.spec?.template?.spec?.containers),
        formatLabelSelector(ds.spec?.selector),
      );
    return row;
  },
};
