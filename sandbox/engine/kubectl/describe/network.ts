/** describe service / endpoints / endpointslice (describe.go; networking.md §4). */

import type { Endpoints, Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { Cluster } from "../../cluster/cluster.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { formatLabelMap } from "../printers/cells.ts";
import { describeEvents, printAnnotations, printLabels } from "./common.ts";
import { PrefixWriter } from "./tabbed.ts";

/** formatEndpointSlices: ready `ip:port` for the named port, at most 3 then ` + N more...`. */
function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  let count = 0;
  const max = 3;
  for (const slice of slices) {
    const ready = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false);
    if ((slice.ports ?? []).length === 0) {
      for (const e of ready) {
        if (list.length < max) list.push(e.addresses[0]!);
        count++;
      }
      continue;
    }
    for (const port of slice.ports ?? []) {
      if ((port.name ?? "") !== portName) continue;
      for (const e of ready) {
        if (list.length < max) list.push(`${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  const text = list.join(",");
  return count > max ? `${text} + ${count - max} more...` : text;
}

export function describeService(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const svc = object as unknown as Service;
  const spec = svc.spec ?? {};
  const slices = cluster.api
    .list("EndpointSlice", { namespace: object.metadata.namespace })
    .filter(
      (s) => s.metadata.labels?.["kubernetes.io/service-name"] === object.metadata.name,
    ) as unknown as EndpointSlice[];
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(
    0,
    `Selector:\t${Object.keys(spec.selector ?? {}).length === 0 ? "" : formatLabelMap(spec.selector)}\n`,
  );
  w.write(0, `Type:\t${spec.type ?? ""}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies!.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs!.join(",") : "<none>"}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(0, `External IPs:\t${spec.externalIPs!.join(",")}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0)
    w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(", ")}\n`);
  for (const port of spec.ports ?? []) {
    const name = port.name || "<unset>";
    const protocol = port.protocol ?? "TCP";
    w.write(0, `Port:\t${name}\t${port.port}/${protocol}\n`);
    const target = port.targetPort ?? port.port;
    w.write(0, `TargetPort:\t${target}/${protocol}\n`);
    if (port.appProtocol) w.write(0, `AppProtocol:\t${port.appProtocol}\n`);
    if (port.nodePort) w.write(0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, port.name ?? "")}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeEndpoints(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const ep = object as unknown as Endpoints;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, "Subsets:\n");
  for (const subset of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(",") || "<none>"}\n`);
    w.write(
      1,
      `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(",") || "<none>"}\n`,
    );
    if ((subset.ports ?? []).length > 0) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const port of subset.ports ?? [])
        w.write(2, `${port.name || "<unset>"}\t${port.port}\t${port.protocol ?? "TCP"}\n`);
    }
    w.write(0, "\n");
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeEndpointSlice(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const eps = object as unknown as EndpointSlice;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType ?? ""}\n`);
  if ((eps.ports ?? []).length === 0) w.write(0, "Ports: <unset>\n");
  else {
    w.write(0, "Ports:\n");
    w.write(1, "Name\tPort\tProtocol\n");
    w.write(1, "----\t----\t--------\n");
    for (const port of eps.ports ?? []) {
      w.write(1, `${port.name || "<unset>"}\t${port.port ?? "<unset>"}\t${port.protocol ?? "TCP"}\n`);
    }
  }
  if ((eps.endpoints ?? []).length === 0) w.write(0, "Endpoints: <none>\n");
  else {
    w.write(0, "Endpoints:\n");
    for (const e of eps.endpoints ?? []) {
      w.write(1, `- Addresses:\t${e.addresses.join(", ") || "<none>"}\n`);
      w.write(2, "Conditions:\n");
      w.write(3, `Ready:\t${e.conditions?.ready === undefined ? "<unset>" : String(e.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? "<unset>"}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? "<unset>"}\n`);
      w.write(2, `Zone:\t${e.zone ?? "<unset>"}\n`);
    }
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}
