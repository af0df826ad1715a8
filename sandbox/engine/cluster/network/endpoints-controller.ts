import type { EndpointAddress, EndpointPort, EndpointSubset, Service } from "kubernetes-types/core/v1";
import { sameJson } from "../api/equality.ts";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import type { KubeObject } from "../types.ts";
import {
  compareEndpoints,
  isHeadless,
  lastChangeTriggerTime,
  type PodEndpoint,
  podEndpoints,
  portsKey,
  sortedByKey,
  targetRef,
  toleratesUnready,
} from "./pod-endpoints.ts";
import { servicesKeysFor } from "./service-keys.ts";

export const ENDPOINTS_CONTROLLER = "endpoint-controller";
export const TRIGGER_TIME_ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";
export const HEADLESS_LABEL = "service.kubernetes.io/headless";

/**
 * kube-controller-manager's endpoints controller (networking.md §3): one core/v1 Endpoints per
 * Service with a selector, same name, ready pods in `addresses` and the others in
 * `notReadyAddresses`, grouped into subsets by their port set. It deletes the Endpoints with the
 * Service (they carry no ownerReference).
 */
export function createEndpointsController(): Controller<Cluster> {
  return {
    name: ENDPOINTS_CONTROLLER,
    kinds: ["Service", "Pod", "Endpoints"],
    keysFor: (event: WatchEvent, cluster: Cluster) => servicesKeysFor(event, cluster, "Endpoints"),
    reconcile(key, cluster) {
      const [namespace, name] = key.split("/") as [string, string];
      const service = cluster.api.tryGet("Service", namespace, name) as (Service & KubeObject) | undefined;
      const existing = cluster.api.tryGet("Endpoints", namespace, name);
      if (!service) {
        if (existing) cluster.api.delete("Endpoints", namespace, name);
        return;
      }
      if (!service.spec?.selector) return;
      const endpoints = podEndpoints(cluster, service, false).sort(compareEndpoints);
      const subsets = buildSubsets(service, endpoints);
      const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
      if (isHeadless(service)) labels[HEADLESS_LABEL] = "";
      else delete labels[HEADLESS_LABEL];
      const sortedLabels = sortedByKey(labels);

      if (
        existing &&
        sameJson(existing.subsets ?? [], subsets) &&
        sameJson(existing.metadata.labels ?? {}, sortedLabels)
      ) {
        return;
      }
      const annotations = {
        ...(existing?.metadata.annotations ?? {}),
        [TRIGGER_TIME_ANNOTATION]: lastChangeTriggerTime(service, endpoints),
      };
      const desired: KubeObject = {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: {
          ...(existing?.metadata ?? {}),
          name,
          namespace,
          ...(Object.keys(sortedLabels).length > 0 ? { labels: sortedLabels } : {}),
          annotations,
        },
        ...(subsets.length > 0 ? { subsets } : {}),
      };
      if (Object.keys(sortedLabels).length === 0) delete desired.metadata.labels;
      if (existing) cluster.api.update(desired);
      else cluster.api.create(desired);
    },
  };
}

/**
 * One (address, port) pair per pod and Service port, repacked into subsets of addresses that
 * share a port set (endpoints.RepackSubsets). A headless Service without ports still lists its
 * pods, in a subset without ports.
 */
export function buildSubsets(service: Service, endpoints: readonly PodEndpoint[]): EndpointSubset[] {
  const unready = toleratesUnready(service);
  const headlessWithoutPorts = (service.spec?.ports ?? []).length === 0 && isHeadless(service);
  const subsets = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  for (const endpoint of endpoints) {
    if (endpoint.ports.length === 0 && !headlessWithoutPorts) continue;
    const key = portsKey(endpoint.ports);
    let subset = subsets.get(key);
    if (!subset) {
      const ports: EndpointPort[] = endpoint.ports.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        protocol: p.protocol,
      }));
      subset = { ports, ready: [], notReady: [] };
      subsets.set(key, subset);
    }
    const address: EndpointAddress = {
      ip: endpoint.ip,
      ...(endpoint.hostname ? { hostname: endpoint.hostname } : {}),
      ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
      targetRef: targetRef(endpoint.pod),
    };
    if (unready || endpoint.serving) subset.ready.push(address);
    else subset.notReady.push(address);
  }
  return [...subsets.values()].map((s) => ({
    ...(s.ready.length > 0 ? { addresses: s.ready } : {}),
    ...(s.notReady.length > 0 ? { notReadyAddresses: s.notReady } : {}),
    ...(s.ports.length > 0 ? { ports: s.ports } : {}),
  }));
}
