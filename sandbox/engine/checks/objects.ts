/** Reading helpers shared by the checks: lookups, readiness, ownership and history windows. */
import type { HistoryEntry } from "../cluster/history.ts";
import type { KubeObject } from "../cluster/types.ts";
import type { CheckContext, CheckParams, ParamSpec } from "./types.ts";

/** Every namespaced check takes this optional param. */
export const NAMESPACE_PARAM: ParamSpec = {
  type: "string",
  optional: true,
  description: "Namespace to look in (default: the lesson's namespace, `default`).",
};

export function namespaceOf(ctx: CheckContext, params: CheckParams): string {
  return (params.namespace as string | undefined) ?? ctx.namespace;
}

export function find(
  ctx: CheckContext,
  kind: string,
  namespace: string,
  name: string,
): KubeObject | undefined {
  return ctx.cluster.api.tryGet(kind, namespace, name);
}

/** "web is a Deployment, not a StatefulSet" when the learner made the wrong kind of workload. */
export function missing(ctx: CheckContext, kind: string, namespace: string, name: string): string {
  for (const other of ["StatefulSet", "Deployment", "ReplicaSet", "Pod", "Service"]) {
    if (other !== kind && find(ctx, other, namespace, name)) return `${name} is a ${other}, not a ${kind}`;
  }
  return `There is no ${kind} ${name} in namespace ${namespace} yet`;
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)
    ?.conditions;
  return (
    !pod.metadata.deletionTimestamp &&
    (conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false)
  );
}

export function isOwnedBy(object: KubeObject, owner: KubeObject): boolean {
  return object.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid) ?? false;
}

export function specReplicas(object: KubeObject): number {
  return (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
}

export function readyReplicas(object: KubeObject): number {
  return (object.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
}

/** `web-3` → 3 for StatefulSet `web`; undefined for any other name. */
export function ordinalOf(statefulSet: string, podName: string): number | undefined {
  if (!podName.startsWith(`${statefulSet}-`)) return undefined;
  const rest = podName.slice(statefulSet.length + 1);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : undefined;
}

/**
 * The history since the object `owner` (as it is now, by uid) was created: entries before it
 * belong to an earlier object of the same name and must not count.
 */
export function historySince(ctx: CheckContext, owner: KubeObject): HistoryEntry[] {
  const all = ctx.cluster.history.entries();
  const start = all.findIndex((e) => e.uid === owner.metadata.uid && e.type === "ADDED");
  return start < 0 ? all : all.slice(start);
}

/** The state of pod `name` just before position `index` of `entries`: its last entry, if any. */
export function lastEntryBefore(
  entries: HistoryEntry[],
  index: number,
  name: string,
): HistoryEntry | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === "Pod" && e.name === name) return e;
  }
  return undefined;
}

/** Simulated time as the cluster's clock shows it, for details: 12:00:03. */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
