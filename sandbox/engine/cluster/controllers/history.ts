import type { Cluster } from "../cluster.ts";
import { ApiError } from "../errors.ts";
import type { KubeObject } from "../types.ts";
import { goJson, hashControllerRevision } from "./hash.ts";
import { claimObjects, controllerRef, selectedBy } from "./owners.ts";

/**
 * ControllerRevisions, as pkg/controller/history keeps them for StatefulSets: immutable snapshots
 * of a pod template, named `<owner>-<hash>`, numbered by `revision`, owned by the set.
 */

/** The hash label every revision carries. */
export const REVISION_HASH_LABEL = "controller.kubernetes.io/hash";

export const revisionNumber = (revision: KubeObject): number =>
  (revision.revision as number | undefined) ?? 0;

/** The bytes a revision's data stands for; equal data means an equal revision. */
export const rawData = (revision: KubeObject): string => goJson(revision.data ?? null);

/** The owner's revisions, adopting orphans its selector matches (ListControllerRevisions + adopt). */
export function listRevisions(cluster: Cluster, owner: KubeObject): KubeObject[] {
  const candidates = cluster.api.list("ControllerRevision", { namespace: owner.metadata.namespace });
  return sortRevisions(claimObjects(cluster, owner, candidates, selectedBy(owner)));
}

/** history.SortControllerRevisions: by revision number, then creation time, then name. */
export function sortRevisions(revisions: KubeObject[]): KubeObject[] {
  return [...revisions].sort(
    (a, b) =>
      revisionNumber(a) - revisionNumber(b) ||
      (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

/** nextRevision: one more than the highest, or 1. */
export function nextRevisionNumber(sorted: readonly KubeObject[]): number {
  const last = sorted[sorted.length - 1];
  return last ? revisionNumber(last) + 1 : 1;
}

/** history.NewControllerRevision, before it is named: template labels, owner, data, number. */
export function newRevision(
  owner: KubeObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: "",
      namespace: owner.metadata.namespace,
      labels: { ...templateLabels },
      ...(owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    data,
    revision,
  };
}

/** history.FindEqualRevisions: the revisions whose data equals `needle`'s, oldest first. */
export function findEqualRevisions(sorted: readonly KubeObject[], needle: KubeObject): KubeObject[] {
  const raw = rawData(needle);
  return sorted.filter((r) => rawData(r) === raw);
}

/**
 * history.CreateControllerRevision: names the revision by hash and creates it; when the name is
 * taken by an equal revision that one is returned, otherwise the collision count goes up and the
 * next name is tried. Returns the stored revision and the collision count it ended with.
 */
export function createRevision(
  cluster: Cluster,
  revision: KubeObject,
  collisionCount: number,
): { revision: KubeObject; collisionCount: number } {
  const owner = revision.metadata.ownerReferences?.[0]?.name ?? "";
  const raw = rawData(revision);
  let count = collisionCount;
  for (;;) {
    const hash = hashControllerRevision(raw, count);
    const named: KubeObject = {
      ...revision,
      metadata: {
        ...revision.metadata,
        name: `${owner.slice(0, 223)}-${hash}`,
        labels: { ...revision.metadata.labels, [REVISION_HASH_LABEL]: hash },
      },
    };
    try {
      return { revision: cluster.api.create(named), collisionCount: count };
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== "AlreadyExists") throw error;
      const existing = cluster.api.get("ControllerRevision", named.metadata.namespace, named.metadata.name);
      if (rawData(existing) === raw) return { revision: existing, collisionCount: count };
      count++;
    }
  }
}

/** history.UpdateControllerRevision: a rollback to an equal revision renumbers it. */
export function renumberRevision(cluster: Cluster, revision: KubeObject, number: number): KubeObject {
  if (revisionNumber(revision) === number) return revision;
  return cluster.api.update({ ...revision, revision: number });
}
