/**
 * Whole-cluster snapshots as versioned JSON: the store's objects and revision counter, the clock
 * (time and pending wake-ups), the random generator, the controllers' queued work, the change
 * history and every registered state part. Restoring gives a fresh Cluster that behaves byte for
 * byte like the original from that point on (watch subscriptions are not carried: they belong to
 * the terminal session, not to the cluster).
 *
 * Snapshots come back from places the engine does not control (IndexedDB, an imported file, a
 * share link), so `restoreCluster` checks everything before it trusts anything and reports every
 * problem as one SnapshotError (see snapshot-guard.ts for the generic JSON checks).
 */
import { type ClockState, LAST_TIME_MS } from "../clock.ts";
import type { RngState } from "../rng.ts";
import { strictDecodingError } from "./api/schema.ts";
import { validateCreate } from "./api/strategy.ts";
import { Cluster } from "./cluster.ts";
import type { HistoryEntry } from "./history.ts";
import { resourceTypeForKind } from "./kinds.ts";
import { check, guardJson, isRecord, SnapshotError } from "./snapshot-guard.ts";
import type { KubeObject } from "./types.ts";

export { MAX_SNAPSHOT_CHARS, SnapshotError } from "./snapshot-guard.ts";

/** Bumped whenever what a snapshot carries changes shape; older snapshots are refused. */
export const SNAPSHOT_VERSION = 2;

export interface ClusterSnapshot {
  version: typeof SNAPSHOT_VERSION;
  clock: ClockState;
  rng: RngState;
  resourceVersion: number;
  /**
   * In the store's own order (when each object was first written): restoring in that order
   * rebuilds the store's indexes with the same iteration order, so code that walks them (the
   * garbage collector's dependents, a kubelet's pods) acts in the same order as the original.
   */
  objects: KubeObject[];
  queue: { controller: string; key: string }[];
  history: HistoryEntry[];
  parts: Record<string, unknown>;
}

export function saveSnapshot(cluster: Cluster): ClusterSnapshot {
  const objects = cluster.store.all().map((o) => structuredClone(o));
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

export interface RestoreOptions {
  /** The caller already ran guardJson over the whole input (restoreSandbox does). */
  checkedJson?: boolean;
  /** The input is a private copy (just parsed or cloned): the store and the parts keep its data without copying. */
  owned?: boolean;
  /**
   * The input is the build's own boot snapshot (scenarios/boot-snapshot.ts), never a learner's
   * data: the checks for hostile input are skipped (and `checkedJson` implied).
   */
  trusted?: boolean;
}

/**
 * A cluster rebuilt from `snapshot`, which may be anything (it is checked first). Throws only
 * SnapshotError, whatever is wrong with the input.
 */
export function restoreCluster(snapshot: unknown, options: RestoreOptions = {}): Cluster {
  if (!options.checkedJson && !options.trusted) guardJson(snapshot, "cluster snapshot");
  const valid = options.trusted ? (snapshot as ClusterSnapshot) : validateClusterSnapshot(snapshot);
  try {
    const cluster = new Cluster({ resume: { clock: valid.clock, rng: valid.rng } });
    cluster.store.restore(valid.objects, valid.resourceVersion, options.owned);
    cluster.history.restore(valid.history);
    for (const { controller, key } of valid.queue) {
      const found = cluster.controllers.controllerNamed(controller);
      if (found) cluster.controllers.enqueue(found, key);
    }
    cluster.stateParts.restore(options.owned ? valid.parts : structuredClone(valid.parts));
    return cluster;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`the snapshot's runtime state is damaged (${(error as Error).message})`);
  }
}

export function restoreClusterFromJson(json: string): Cluster {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new SnapshotError("the snapshot is not valid JSON (it may be truncated)");
  }
  return restoreCluster(parsed, { owned: true });
}

/** Checks the shape of every field a cluster snapshot has; returns it typed. */
function validateClusterSnapshot(value: unknown): ClusterSnapshot {
  check(isRecord(value), "the cluster snapshot is not an object");
  check(
    value.version === SNAPSHOT_VERSION,
    typeof value.version === "number" && value.version < SNAPSHOT_VERSION
      ? `the snapshot was saved by an older version of the sandbox (format ${value.version}; this one reads format ${SNAPSHOT_VERSION})`
      : typeof value.version === "number"
        ? `the snapshot was saved by a newer version of the sandbox (format ${value.version}; this one reads format ${SNAPSHOT_VERSION})`
        : "the cluster snapshot has no format version",
  );
  const { clock, rng, resourceVersion, objects, queue, history, parts } = value;
  check(
    isRecord(clock) && isTime(clock.now) && Array.isArray(clock.wakeups),
    "the snapshot's clock is damaged",
  );
  for (const w of clock.wakeups as unknown[]) {
    check(
      isRecord(w) && isTime(w.at) && typeof w.topic === "string" && typeof w.key === "string",
      "the snapshot's clock has a damaged wake-up",
    );
  }
  check(
    Array.isArray(rng) &&
      rng.length === 4 &&
      rng.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0xffff_ffff),
    "the snapshot's random generator state is damaged",
  );
  check(
    Number.isSafeInteger(resourceVersion) && (resourceVersion as number) >= 0,
    "the snapshot's resourceVersion is damaged",
  );
  check(Array.isArray(objects), "the snapshot has no object list");
  validateObjects(objects, resourceVersion as number);
  check(Array.isArray(queue), "the snapshot's controller queue is damaged");
  for (const q of queue) {
    check(
      isRecord(q) && typeof q.controller === "string" && typeof q.key === "string",
      "the snapshot's controller queue is damaged",
    );
  }
  check(Array.isArray(history), "the snapshot's history is damaged");
  for (const e of history) check(isHistoryEntry(e), "the snapshot's history has a damaged entry");
  check(isRecord(parts), "the snapshot's runtime state is damaged");
  return value as unknown as ClusterSnapshot;
}

const isTime = (n: unknown): n is number =>
  typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= LAST_TIME_MS;

function isHistoryEntry(e: unknown): boolean {
  if (!isRecord(e)) return false;
  const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
  return (
    isTime(e.time) &&
    (e.type === "ADDED" || e.type === "MODIFIED" || e.type === "DELETED") &&
    typeof e.kind === "string" &&
    optional(e.namespace, "string") &&
    typeof e.name === "string" &&
    typeof e.uid === "string" &&
    typeof e.resourceVersion === "string" &&
    optional(e.phase, "string") &&
    optional(e.ready, "boolean") &&
    optional(e.terminating, "boolean")
  );
}

/**
 * Every object must be one the API server would have stored: a served kind, a valid name in a
 * namespace that the kind needs, only known fields, and whatever the kind's validation demands.
 */
function validateObjects(objects: unknown[], resourceVersion: number): void {
  const seen = new Set<string>();
  for (const [i, object] of objects.entries()) {
    const where = `object ${i + 1}`;
    check(
      isRecord(object) && typeof object.kind === "string" && isRecord(object.metadata),
      `the snapshot's ${where} is not a Kubernetes object`,
    );
    const type = resourceTypeForKind(object.kind);
    check(type !== undefined, `the snapshot's ${where} has an unknown kind "${object.kind}"`);
    const meta = object.metadata as Record<string, unknown>;
    const label = `${object.kind} "${String(meta.name)}"`;
    check(typeof meta.name === "string" && meta.name !== "", `the snapshot's ${where} has no name`);
    check(
      type.namespaced ? typeof meta.namespace === "string" : meta.namespace === undefined,
      `the snapshot's ${label} has a wrong namespace`,
    );
    check(
      typeof meta.uid === "string" && typeof meta.resourceVersion === "string",
      `the snapshot's ${label} has no uid or resourceVersion`,
    );
    const rv = Number(meta.resourceVersion);
    check(
      Number.isSafeInteger(rv) && rv > 0 && rv <= resourceVersion,
      `the snapshot's ${label} has a resourceVersion from the future`,
    );
    const key = `${object.kind}/${String(meta.namespace ?? "")}/${meta.name}`;
    check(!seen.has(key), `the snapshot holds ${label} twice`);
    seen.add(key);
    const typed = object as unknown as KubeObject;
    let problem: string | undefined;
    try {
      problem = strictDecodingError(typed, type.version);
      validateCreate(type, typed);
    } catch (error) {
      problem ??= (error as Error).message;
    }
    check(problem === undefined, `the snapshot's ${label} is invalid: ${problem}`);
  }
}
