import type { Cluster } from "./cluster.ts";
import { ApiError } from "./errors.ts";
import { check } from "./snapshot-guard.ts";
import type { StatePart } from "./state-parts.ts";
import type { KubeObject } from "./types.ts";

export interface EventSource {
  /** e.g. "default-scheduler", "kubelet", "statefulset-controller" */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
}

const lastEventNanos = new WeakMap<Cluster, bigint>();

/** The event-name clock joins snapshots, so restored recorders never reuse a name. */
export function eventClockStatePart(cluster: Cluster): StatePart {
  return {
    save: () => (lastEventNanos.get(cluster) ?? 0n).toString(16),
    restore(data) {
      check(
        typeof data === "string" && /^[0-9a-f]{1,20}$/.test(data),
        "the snapshot's event clock is damaged",
      );
      lastEventNanos.set(cluster, BigInt(`0x${data}`));
    },
  };
}

/** The simulated time in nanoseconds as hex, strictly increasing per cluster. */
function eventTimeHex(cluster: Cluster): string {
  const now = BigInt(cluster.clock.now()) * 1_000_000n;
  const last = lastEventNanos.get(cluster) ?? 0n;
  const next = now > last ? now : last + 1n;
  lastEventNanos.set(cluster, next);
  return next.toString(16);
}

/**
 * Records a core/v1 Event about `object`, as controllers' event recorders do: named
 * `<object>.<time in ns, hex>`, and a repeat of the same reason and message on the same object bumps
 * `count` and `lastTimestamp` instead of creating a new Event.
 */
export function recordEvent(
  cluster: Cluster,
  object: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  source: EventSource,
  fieldPath?: string,
): KubeObject {
  const namespace = object.metadata.namespace ?? "default";
  const now = cluster.api.timestamp();
  const repeat = cluster.store.eventsLike(namespace, object.metadata.uid, reason, message).find((e) => {
    const involved = e.involvedObject as { uid?: string; fieldPath?: string };
    return involved.uid === object.metadata.uid && e.reason === reason && e.message === message;
  });
  if (repeat) {
    return cluster.api.update({ ...repeat, count: ((repeat.count as number) ?? 1) + 1, lastTimestamp: now });
  }
  // client-go names events `<object>.<%x of the time in ns>`, so listing them by name is listing
  // them in the order they happened (describe relies on it when timestamps tie).
  cluster.rng.skip(4); // keep the seeded sequence others rely on
  const hex = eventTimeHex(cluster);
  // Optional keys are set after the literal (each still last in its object) rather than spread
  // in from a conditional one: every Event is built here, 11,000 per 1,000-replica settle.
  const involvedObject: Record<string, unknown> = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    uid: object.metadata.uid,
    resourceVersion: object.metadata.resourceVersion,
  };
  if (fieldPath) involvedObject.fieldPath = fieldPath;
  const eventSource: { component: string; host?: string } = { component: source.component };
  if (source.host) eventSource.host = source.host;
  const event: KubeObject = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${object.metadata.name}.${hex}`, namespace },
    involvedObject,
    type,
    reason,
    message,
    source: eventSource,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    reportingComponent: source.component,
    reportingInstance: source.host ?? "",
  };
  try {
    return cluster.api.createEvent(event);
  } catch (error) {
    // A namespace being deleted refuses new content; real event recorders drop such events.
    if (error instanceof ApiError && error.reason === "Forbidden") return event;
    throw error;
  }
}
