/** Helpers every describer uses (describe.go): labels, annotations, events, timestamps. */
import type { Cluster } from "../../cluster/cluster.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { age } from "../printers/duration.ts";
import type { PrefixWriter } from "./tabbed.ts";

/** Values longer than this (with the key) move to their own lines, cut with "...". */
const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Go's time.RFC1123Z in UTC: `Sat, 01 Mar 2025 10:15:42 +0000`. */
export function rfc1123z(timestamp: string | undefined): string {
  const date = new Date(timestamp ? Date.parse(timestamp) : Date.UTC(1, 0, 1));
  if (!timestamp) date.setUTCFullYear(1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCFullYear()).padStart(4, "0")} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** printLabelsMultilineWithIndent: the first label on the title line, the rest under its value. */
export function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = "",
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

/** printAnnotationsMultilineWithIndent, skipping the last-applied annotation. */
export function printAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
  initialIndent = "",
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.line("<none>");
    return;
  }
  const indented = `${initialIndent}\t`;
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indented);
    const value = annotations![key]!.replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${key}:\n`);
      for (const line of value.split("\n")) {
        const short =
          line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        w.write(0, `${indented}  ${short}\n`);
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
  involvedObject?: { uid?: string; kind?: string; name?: string; namespace?: string };
}

/** The events about an object (searchEvents: same kind, name, namespace and uid). */
export function eventsFor(cluster: Cluster, object: KubeObject): KubeObject[] {
  const namespace = object.metadata.namespace;
  const events = cluster.api.list("Event", namespace ? { namespace } : {});
  return events.filter((e) => {
    const involved = (e as EventLike).involvedObject ?? {};
    return (
      involved.name === object.metadata.name &&
      (involved.kind === undefined || involved.kind === object.kind) &&
      (involved.uid === undefined ||
        object.metadata.uid === undefined ||
        involved.uid === object.metadata.uid)
    );
  });
}

/**
 * DescribeEvents in the kubectl 1.34 form (no fieldPath prefix): `Events:  <none>`, or a table
 * sorted by last timestamp with `<last> (x<count> over <first>)` ages.
 */
export function describeEvents(
  w: PrefixWriter,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): void {
  // --show-events=false: no Events section at all.
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  const sorted = [...events].sort((a, b) => lastTime(a as EventLike) - lastTime(b as EventLike));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const object of sorted) {
    const e = object as EventLike;
    const first = e.eventTime ? age(e.eventTime, nowMs) : age(e.firstTimestamp, nowMs);
    const interval =
      (e.count ?? 0) > 1 ? `${age(e.lastTimestamp, nowMs)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(1, `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`);
  }
}

function lastTime(e: EventLike): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return t ? Date.parse(t) : 0;
}

/** `Controlled By:` text: `StatefulSet/web`. */
export function controllerOf(object: KubeObject): string {
  const owner = object.metadata.ownerReferences?.find((ref) => ref.controller);
  return owner ? `${owner.kind}/${owner.name}` : "";
}

/** Go's %v of a []string: `[a b]`. */
export function goList(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(" ")}]`;
}
