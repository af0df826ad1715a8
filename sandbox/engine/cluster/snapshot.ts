/**
 * Whole-cluster snapshots as versioned JSON: the store's objects and revision counter, the clock
 * (time and pending wake-ups), the random generator, the controllers' queued work, the change
 * history and every registered state part. Restoring gives a fresh Cluster that behaves byte for
 * byte like the original from that point on (watch subscriptions are not carried: they belong to
 * the terminal session, not to the cluster).
 */
import type { ClockState } from "../clock.ts";
import type { RngState } from "../rng.ts";
import { Cluster } from "./cluster.ts";
import type { HistoryEntry } from "./history.ts";
import type { KubeObject } from "./types.ts";

export const SNAPSHOT_VERSION = 1;

export interface ClusterSnapshot {
  version: typeof SNAPSHOT_VERSION;
  clock: ClockState;
  rng: RngState;
  resourceVersion: number;
  /** In store key order (kind, namespace, name) so the JSON is stable. */
  objects: KubeObject[];
  queue: { controller: string; key: string }[];
  history: HistoryEntry[];
  parts: Record<string, unknown>;
}

const sortKey = (o: KubeObject) => `${o.kind}\u0000${o.metadata.namespace ?? ""}\u0000${o.metadata.name}`;

export function saveSnapshot(cluster: Cluster): ClusterSnapshot {
  const objects = cluster.store
    .all()
    .map((o) => structuredClone(o))
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return {
    version: SNAPSHOT_VERSION,
    clock: cluster.clock.save(),
    rng: cluster.rng.save(),
    resourceVersion: cluster.store.currentResourceVersion(),
    objects,
    queue: cluster.controllers.pending(),
    history: cluster.history.save(),
    parts: structuredClone(cluster.stateParts.save()),
  };
}

/** The snapshot as the JSON text a browser would keep (IndexedDB, a download). */
export function snapshotToJson(cluster: Cluster): string {
  return JSON.stringify(saveSnapshot(cluster));
}

export function restoreCluster(snapshot: ClusterSnapshot): Cluster {
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(
      `unsupported snapshot version ${String(snapshot.version)} (expected ${SNAPSHOT_VERSION})`,
    );
  }
  const cluster = new Cluster({ resume: { clock: snapshot.clock, rng: snapshot.rng } });
  cluster.store.restore(snapshot.objects, snapshot.resourceVersion);
  cluster.history.restore(snapshot.history);
  for (const { controller, key } of snapshot.queue) {
    const found = cluster.controllers.controllerNamed(controller);
    if (found) cluster.controllers.enqueue(found, key);
  }
  cluster.stateParts.restore(structuredClone(snapshot.parts));
  return cluster;
}

export function restoreClusterFromJson(json: string): Cluster {
  return restoreCluster(JSON.parse(json) as ClusterSnapshot);
}
