/** Namespaces, ConfigMaps, Secrets, ServiceAccounts and Events (printers.go). */
import type { ConfigMap, Event, Secret, ServiceAccount } from "kubernetes-types/core/v1";
import { age } from "./duration.ts";
import type { KindPrinter } from "./types.ts";

export const NAMESPACE_PRINTER: KindPrinter = {
  columns: ["NAME", "STATUS", "AGE"],
  wideColumns: [],
  row: (object, nowMs) => [
    object.metadata.name,
    ((object.status as { phase?: string } | undefined)?.phase ?? "") as string,
    age(object.metadata.creationTimestamp, nowMs),
  ],
};

export const CONFIGMAP_PRINTER: KindPrinter = {
  columns: ["NAME", "DATA", "AGE"],
  wideColumns: [],
  row(object, nowMs) {
    const cm = object as unknown as ConfigMap;
    const keys = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [object.metadata.name, String(keys), age(object.metadata.creationTimestamp, nowMs)];
  },
};

export const SECRET_PRINTER: KindPrinter = {
  columns: ["NAME", "TYPE", "DATA", "AGE"],
  wideColumns: [],
  row(object, nowMs) {
    const secret = object as unknown as Secret;
    return [
      object.metadata.name,
      secret.type ?? "",
      String(Object.keys(secret.data ?? {}).length),
      age(object.metadata.creationTimestamp, nowMs),
    ];
  },
};

export const SERVICE_ACCOUNT_PRINTER: KindPrinter = {
  columns: ["NAME", "SECRETS", "AGE"],
  wideColumns: [],
  row: (object, nowMs) => [
    object.metadata.name,
    String((object as unknown as ServiceAccount).secrets?.length ?? 0),
    age(object.metadata.creationTimestamp, nowMs),
  ],
};

export const EVENT_PRINTER: KindPrinter = {
  columns: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
  wideColumns: [],
  wideHeader: [
    "LAST SEEN",
    "TYPE",
    "REASON",
    "OBJECT",
    "SUBOBJECT",
    "SOURCE",
    "MESSAGE",
    "FIRST SEEN",
    "COUNT",
    "NAME",
  ],
  row(object, nowMs, wide) {
    const event = object as unknown as Event;
    const first = event.firstTimestamp ? age(event.firstTimestamp, nowMs) : age(event.eventTime, nowMs);
    let last = event.lastTimestamp ? age(event.lastTimestamp, nowMs) : first;
    let eventCount = event.count ?? 0;
    if (event.series) {
      last = age(event.series.lastObservedTime, nowMs);
      eventCount = event.series.count ?? 0;
    } else if (eventCount === 0) {
      eventCount = 1;
    }
    const involved = event.involvedObject ?? {};
    const kind = (involved.kind ?? "").toLowerCase();
    const target = involved.name ? `${kind}/${involved.name}` : kind;
    const message = (event.message ?? "").trim();
    if (!wide) return [last, event.type ?? "", event.reason ?? "", target, message];
    const component = event.source?.component || event.reportingComponent || "";
    const host = event.source?.host || event.reportingInstance || "";
    return [
      last,
      event.type ?? "",
      event.reason ?? "",
      target,
      involved.fieldPath ?? "",
      host ? `${component}, ${host}` : component,
      message,
      first,
      String(eventCount),
      object.metadata.name,
    ];
  },
};
