import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from "kubernetes-types/apps/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../types.ts";
import { goJson } from "../hash.ts";
import { scaledValue } from "../int-or-percent.ts";

/**
 * Pure helpers of the Deployment controller (pkg/controller/deployment/util): defaults, the
 * surge / unavailability fenceposts, revision and replica annotations, conditions and status.
 */

export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
export const POD_TEMPLATE_HASH = "pod-template-hash";
/** Annotations of the Deployment that are not copied onto its ReplicaSets. */
const NOT_COPIED = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);
/** maxRevHistoryLengthInChars: the revision-history annotation is kept this short. */
const MAX_REVISION_HISTORY_CHARS = 2000;

export const asDeployment = (object: KubeObject): Deployment => object as unknown as Deployment;
export const asRS = (object: KubeObject): ReplicaSet => object as unknown as ReplicaSet;

/** The spec with apps/v1 defaults (workloads.md §2) whatever the API stored. */
export function specOf(d: KubeObject) {
  const spec = asDeployment(d).spec;
  const recreate = spec?.strategy?.type === "Recreate";
  return {
    replicas: spec?.replicas ?? 1,
    recreate,
    maxSurge: recreate ? 0 : (spec?.strategy?.rollingUpdate?.maxSurge ?? "25%"),
    maxUnavailable: recreate ? 0 : (spec?.strategy?.rollingUpdate?.maxUnavailable ?? "25%"),
    revisionHistoryLimit: spec?.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: spec?.progressDeadlineSeconds ?? 600,
    minReadySeconds: spec?.minReadySeconds ?? 0,
    paused: spec?.paused === true,
    template: spec?.template ?? {},
  };
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, and both 0 means unavailable 1. */
export function fenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const { replicas, maxSurge, maxUnavailable } = specOf(d);
  const surge = scaledValue(maxSurge, replicas, true);
  const unavailable = scaledValue(maxUnavailable, replicas, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

export function maxSurge(d: KubeObject): number {
  return specOf(d).recreate ? 0 : fenceposts(d).surge;
}

export function maxUnavailable(d: KubeObject): number {
  const { recreate, replicas } = specOf(d);
  if (recreate || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

export const hasProgressDeadline = (d: KubeObject): boolean =>
  specOf(d).progressDeadlineSeconds !== 2147483647;

export const rsReplicas = (rs: KubeObject | undefined): number => (rs ? (asRS(rs).spec?.replicas ?? 1) : 0);
export const rsStatus = (rs: KubeObject | undefined) =>
  rs ? (asRS(rs).status ?? { replicas: 0 }) : { replicas: 0 };

const sum = (list: readonly (KubeObject | undefined)[], count: (rs: KubeObject) => number) =>
  list.reduce((total, rs) => total + (rs ? count(rs) : 0), 0);

/** Sum of spec.replicas. */
export const specReplicas = (list: readonly (KubeObject | undefined)[]) => sum(list, rsReplicas);
/** Sum of status.replicas. */
export const actualReplicas = (list: readonly (KubeObject | undefined)[]) =>
  sum(list, (rs) => rsStatus(rs).replicas ?? 0);
export const readyReplicas = (list: readonly (KubeObject | undefined)[]) =>
  sum(list, (rs) => rsStatus(rs).readyReplicas ?? 0);
export const availableReplicas = (list: readonly (KubeObject | undefined)[]) =>
  sum(list, (rs) => rsStatus(rs).availableReplicas ?? 0);

export const activeReplicaSets = (list: readonly (KubeObject | undefined)[]): KubeObject[] =>
  list.filter((rs): rs is KubeObject => rs !== undefined && rsReplicas(rs) > 0);

const created = (rs: KubeObject) => rs.metadata.creationTimestamp ?? "";

/** ReplicaSetsByCreationTimestamp: oldest first, names breaking ties. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  if (created(a) === created(b)) return a.metadata.name < b.metadata.name ? -1 : 1;
  return created(a) < created(b) ? -1 : 1;
}

export const revisionOf = (rs: KubeObject): number => {
  const value = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? "", 10);
  return Number.isNaN(value) ? 0 : value;
};

export const maxRevision = (list: readonly KubeObject[]) => Math.max(0, ...list.map(revisionOf));

/** EqualIgnoreHash: templates equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const copy = structuredClone(t ?? {});
    if (copy.metadata?.labels) {
      delete copy.metadata.labels[POD_TEMPLATE_HASH];
      if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
    }
    return goJson(copy);
  };
  return strip(a) === strip(b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: KubeObject, list: readonly KubeObject[]): KubeObject | undefined {
  return [...list]
    .sort(byCreation)
    .find((rs) => equalIgnoreHash(asRS(rs).spec?.template, specOf(d).template));
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when something changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  rs.metadata.annotations ??= {};
  const annotations = rs.metadata.annotations;
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision, and when
 * an old ReplicaSet becomes new again (a rollback) remembers its old number in revision-history.
 */
export function setNewReplicaSetAnnotations(
  d: KubeObject,
  rs: KubeObject,
  newRevision: number,
  exists: boolean,
): boolean {
  rs.metadata.annotations ??= {};
  const annotations = rs.metadata.annotations;
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[REVISION];
  const oldRevision = oldText === undefined ? 0 : Number.parseInt(oldText, 10);
  if (Number.isNaN(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY] ?? "";
      let parts = history === "" ? [] : history.split(",");
      let length = history.length + oldText.length + 1;
      while (parts.length > 0 && length > MAX_REVISION_HISTORY_CHARS) {
        length -= parts[0]!.length + 1;
        parts = parts.slice(1);
      }
      if (length <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY] = [...parts, oldText].join(",");
    }
  }
  if (!exists && setReplicasAnnotations(rs, specOf(d).replicas, specOf(d).replicas + maxSurge(d)))
    changed = true;
  return changed;
}

export type Condition = Required<Pick<DeploymentCondition, "type" | "status" | "reason" | "message">> &
  Pick<DeploymentCondition, "lastUpdateTime" | "lastTransitionTime">;

export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export const conditionOf = (status: DeploymentStatus | undefined, type: string) =>
  status?.conditions?.find((c) => c.type === type) as Condition | undefined;

/**
 * SetDeploymentCondition: a condition with the same status and reason is left as it is; with the
 * same status its lastTransitionTime is kept; the changed condition moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = conditionOf(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const { replicas } = specOf(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before. */
export function deploymentProgressing(d: KubeObject, status: DeploymentStatus): boolean {
  const old = asDeployment(d).status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** When the Progressing condition's deadline passes (ms), if a rollout is still under way. */
export function progressDeadline(d: KubeObject, status: DeploymentStatus): number | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const condition = conditionOf(status, "Progressing");
  if (
    !condition ||
    condition.reason === "NewReplicaSetAvailable" ||
    condition.reason === "ProgressDeadlineExceeded"
  ) {
    return undefined;
  }
  if (!condition.lastUpdateTime) return undefined;
  return Date.parse(condition.lastUpdateTime) + specOf(d).progressDeadlineSeconds * 1000;
}

/** Go leaves out zero-valued omitempty fields; every DeploymentStatus field is omitempty. */
export function withoutZeroes(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(status)) {
    if (value === undefined || value === 0) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as DeploymentStatus;
}
