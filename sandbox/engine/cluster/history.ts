/**
 * An append-only log of every change the API server made to the store, for task checks such as
 * "web-1 was created only after web-0 was Ready". Each entry is a small summary, not the object,
 * so that a long session stays cheap; the oldest entries go once the log passes its cap.
 */
import type { WatchEventType } from "./controller-manager.ts";
import type { KubeObject } from "./types.ts";

export interface HistoryEntry {
  /** Simulated epoch milliseconds of the change. */
  time: number;
  type: WatchEventType;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** status.phase when the object has one (Pod, PVC, PV, Namespace). */
  phase?: string;
  /** A pod's Ready condition, or for workloads readyReplicas === replicas. */
  ready?: boolean;
  /** The object carries a deletionTimestamp. */
  terminating?: boolean;
}

export const DEFAULT_HISTORY_CAP = 50_000;

export class History {
  /** The log; entries before #start have been dropped but not yet cut off the array. */
  #log: HistoryEntry[] = [];
  #start = 0;
  readonly #cap: number;

  constructor(cap: number = DEFAULT_HISTORY_CAP) {
    this.#cap = cap;
  }

  record(time: number, type: WatchEventType, object: KubeObject): void {
    this.#log.push(summarize(time, type, object));
    if (this.#log.length - this.#start > this.#cap) this.#start = this.#log.length - this.#cap;
    // Cut the dropped entries off in chunks, so that a full log does not shift the array on every write.
    if (this.#start >= this.#cap) {
      this.#log = this.#log.slice(this.#start);
      this.#start = 0;
    }
  }

  /** The entries kept, oldest first. */
  get #entries(): HistoryEntry[] {
    return this.#start === 0 ? this.#log : this.#log.slice(this.#start);
  }

  /** Every entry (oldest first), or those matching the filter. */
  entries(filter: Partial<Pick<HistoryEntry, "kind" | "namespace" | "name" | "type">> = {}): HistoryEntry[] {
    return this.#entries.filter(
      (e) =>
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.namespace === undefined || e.namespace === filter.namespace) &&
        (filter.name === undefined || e.name === filter.name) &&
        (filter.type === undefined || e.type === filter.type),
    );
  }

  /** The first entry satisfying `predicate`, e.g. when web-0 first became Ready. */
  first(predicate: (e: HistoryEntry) => boolean): HistoryEntry | undefined {
    for (let i = this.#start; i < this.#log.length; i++) if (predicate(this.#log[i]!)) return this.#log[i];
    return undefined;
  }

  get size(): number {
    return this.#log.length - this.#start;
  }

  save(): HistoryEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  restore(entries: HistoryEntry[]): void {
    this.#log = entries.map((e) => ({ ...e }));
    this.#start = 0;
  }
}

function summarize(time: number, type: WatchEventType, object: KubeObject): HistoryEntry {
  const { metadata } = object;
  const entry: HistoryEntry = {
    time,
    type,
    kind: object.kind,
    name: metadata.name,
    uid: metadata.uid ?? "",
    resourceVersion: metadata.resourceVersion ?? "",
  };
  if (metadata.namespace !== undefined) entry.namespace = metadata.namespace;
  const status = object.status as
    | { phase?: string; conditions?: { type: string; status: string }[]; readyReplicas?: number }
    | undefined;
  if (status?.phase !== undefined) entry.phase = status.phase;
  const ready = readiness(object.kind, status, object.spec as { replicas?: number } | undefined);
  if (ready !== undefined) entry.ready = ready;
  if (metadata.deletionTimestamp) entry.terminating = true;
  return entry;
}

function readiness(
  kind: string,
  status: { conditions?: { type: string; status: string }[]; readyReplicas?: number } | undefined,
  spec: { replicas?: number } | undefined,
): boolean | undefined {
  if (kind === "Pod")
    return status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
  if (kind === "StatefulSet" || kind === "Deployment" || kind === "ReplicaSet") {
    return (status?.readyReplicas ?? 0) === (spec?.replicas ?? 1);
  }
  return undefined;
}
