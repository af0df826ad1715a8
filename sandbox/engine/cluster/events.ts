import type { Cluster } from "./cluster.ts";
import { ApiError } from "./errors.ts";
import type { KubeObject } from "./types.ts";

export interface EventSource {
  /** e.g. "default-scheduler", "kubelet", "statefulset-controller" */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
}

/**
 * Records a core/v1 Event about `object`, as controllers' event recorders do: named
 * `<object>.<16 hex>`, and a repeat of the same reason and message on the same object bumps
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
  const repeat = cluster.api.list("Event", { namespace }).find((e) => {
    const involved = e.involvedObject as { uid?: string; fieldPath?: string };
    return involved.uid === object.metadata.uid && e.reason === reason && e.message === message;
  });
  if (repeat) {
    return cluster.api.update({ ...repeat, count: ((repeat.count as number) ?? 1) + 1, lastTimestamp: now });
  }
  const hex = Array.from({ length: 4 }, () => cluster.rng.nextUint32().toString(16).padStart(8, "0"))
    .join("")
    .slice(0, 16);
  const event: KubeObject = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${object.metadata.name}.${hex}`, namespace },
    involvedObject: {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    },
    type,
    reason,
    message,
    source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    reportingComponent: source.component,
    reportingInstance: source.host ?? "",
  };
  try {
    return cluster.api.create(event);
  } catch (error) {
    // A namespace being deleted refuses new content; real event recorders drop such events.
    if (error instanceof ApiError && error.reason === "Forbidden") return event;
    throw error;
  }
}
