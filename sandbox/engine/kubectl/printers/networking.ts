/** Services, Endpoints and EndpointSlices (printers.go; networking.md §1, §3, §4). */

import type { Endpoints, Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import { formatLabelMap, listWithMore } from "./cells.ts";
import { age } from "./duration.ts";
import type { KindPrinter } from "./types.ts";

/** LoadBalancer ingress cells are cut to 16 characters unless -o wide. */
const LOAD_BALANCER_WIDTH = 16;

function externalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const ingress = [
        ...new Set(
          (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || "").filter(Boolean),
        ),
      ].sort();
      let lb = ingress.join(",");
      if (!wide && lb.length > LOAD_BALANCER_WIDTH) lb = `${lb.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec?.externalName ?? "";
    default:
      return "<unknown>";
  }
}

export const SERVICE_PRINTER: KindPrinter = {
  columns: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
  wideColumns: ["SELECTOR"],
  row(object, nowMs, wide) {
    const svc = object as unknown as Service;
    const ports = (svc.spec?.ports ?? [])
      .map((p) =>
        p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`,
      )
      .join(",");
    const row = [
      object.metadata.name,
      svc.spec?.type ?? "",
      svc.spec?.clusterIPs?.[0] ?? "<none>",
      externalIP(svc, wide),
      ports || "<none>",
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide) row.push(formatLabelMap(svc.spec?.selector));
    return row;
  },
};

/** formatEndpoints: ready `ip:port` entries, at most 3 then ` + N more...`; no subsets is `<none>`. */
function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let total = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    const perPort = ports.length === 0 ? [undefined] : ports;
    for (const port of perPort) {
      total += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        const host = address.ip.includes(":") ? `[${address.ip}]` : address.ip;
        list.push(port === undefined ? address.ip : `${host}:${port.port}`);
      }
    }
  }
  const text = list.join(",");
  return more ? `${text} + ${total - max} more...` : text;
}

export const ENDPOINTS_PRINTER: KindPrinter = {
  columns: ["NAME", "ENDPOINTS", "AGE"],
  wideColumns: [],
  row: (object, nowMs) => [
    object.metadata.name,
    formatEndpoints(object as unknown as Endpoints),
    age(object.metadata.creationTimestamp, nowMs),
  ],
};

export const ENDPOINT_SLICE_PRINTER: KindPrinter = {
  columns: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
  wideColumns: [],
  row(object, nowMs) {
    const slice = object as unknown as EndpointSlice;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? "*")));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses);
    return [
      object.metadata.name,
      slice.addressType ?? "",
      listWithMore(ports),
      listWithMore(addresses),
      age(object.metadata.creationTimestamp, nowMs),
    ];
  },
};
