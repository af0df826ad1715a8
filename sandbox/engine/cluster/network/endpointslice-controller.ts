import type { Service } from "kubernetes-types/core/v1";
import type { Endpoint, EndpointPort } from "kubernetes-types/discovery/v1";
import { sameJson } from "../api/equality.ts";
import type { Cluster } from "../cluster.ts";
import type { Controller } from "../controller-manager.ts";
import type { KubeObject } from "../types.ts";
import { HEADLESS_LABEL, TRIGGER_TIME_ANNOTATION } from "./endpoints-controller.ts";
import {
  compareEndpoints,
  isHeadless,
  lastChangeTriggerTime,
  type PodEndpoint,
  podEndpoints,
  portsKey,
  sortedByKey,
  targetRef,
} from "./pod-endpoints.ts";
import {
  ENDPOINTSLICE_CONTROLLER_NAME,
  MANAGED_BY_LABEL,
  SERVICE_NAME_LABEL,
  servicesKeysFor,
} from "./service-keys.ts";

export const ENDPOINTSLICE_CONTROLLER = "endpointslice-controller";
/** The controller's maxEndpointsPerSlice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/**
 * kube-controller-manager's EndpointSlice controller (networking.md §4): IPv4 slices named
 * `<service>-<5 random>`, owned by the Service, listing every selected pod with an IP (terminating
 * ones too) with ready/serving/terminating conditions. Pods are grouped by their resolved port set;
 * a Service that selects nothing keeps one empty placeholder slice.
 */
export function createEndpointSliceController(): Controller<Cluster> {
  return {
    name: ENDPOINTSLICE_CONTROLLER,
    kinds: ["Service", "Pod", "EndpointSlice"],
    keysFor: (event, cluster) => servicesKeysFor(event, cluster, "EndpointSlice"),
    reconcile(key, cluster) {
      const [namespace, name] = key.split("/") as [string, string];
      const service = cluster.api.tryGet("Service", namespace, name) as (Service & KubeObject) | undefined;
      // A Service without selector gets its slices from whoever manages them; an ExternalName
      // Service gets none; a deleted Service's slices go with it through the garbage collector
      // (they carry its ownerReference).
      if (!service?.spec?.selector || service.spec.type === "ExternalName") return;
      const existing = cluster.api.list("EndpointSlice", {
        namespace,
        labels: { [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER_NAME },
      });
      const endpoints = podEndpoints(cluster, service, true).sort(compareEndpoints);
      const desired = desiredSlices(service, endpoints);
      const labels = sliceLabels(service);
      const annotations = { [TRIGGER_TIME_ANNOTATION]: lastChangeTriggerTime(service, endpoints) };

      const unused = [...existing];
      for (const want of desired) {
        let index = unused.findIndex((s) => sameJson(s.ports, want.ports));
        if (index < 0 && desired.length === 1) index = 0;
        const current = index >= 0 ? unused.splice(index, 1)[0] : undefined;
        if (current) {
          const same =
            sameJson(current.endpoints, want.endpoints) &&
            sameJson(current.ports, want.ports) &&
            sameJson(current.metadata.labels ?? {}, labels);
          if (same) continue;
          cluster.api.update({
            ...current,
            metadata: {
              ...current.metadata,
              labels,
              annotations: { ...current.metadata.annotations, ...annotations },
            },
            endpoints: want.endpoints,
            ports: want.ports,
          });
        } else {
          cluster.api.create({
            apiVersion: "discovery.k8s.io/v1",
            kind: "EndpointSlice",
            metadata: {
              generateName: `${name}-`,
              namespace,
              labels,
              annotations,
              ownerReferences: [
                {
                  apiVersion: "v1",
                  kind: "Service",
                  name,
                  uid: service.metadata.uid ?? "",
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            addressType: "IPv4",
            endpoints: want.endpoints,
            ports: want.ports,
          } as unknown as KubeObject);
        }
      }
      for (const slice of unused) cluster.api.delete("EndpointSlice", namespace, slice.metadata.name);
    },
  };
}

interface DesiredSlice {
  /**
   * null where the controller sends an empty list (the placeholder slice of a Service that
   * selects nothing; a headless Service without ports): the API server's protobuf storage
   * gives an empty list back as null, and kubectl prints `endpoints: null`.
   */
  endpoints: Endpoint[] | null;
  ports: EndpointPort[] | null;
}

/** The slices a Service should have: one per port set, at most 100 endpoints each. */
export function desiredSlices(service: Service, endpoints: readonly PodEndpoint[]): DesiredSlice[] {
  const headlessWithoutPorts = (service.spec?.ports ?? []).length === 0 && isHeadless(service);
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const endpoint of endpoints) {
    if (endpoint.ports.length === 0 && !headlessWithoutPorts) continue;
    const key = portsKey(endpoint.ports);
    let group = groups.get(key);
    if (!group) {
      const ports: EndpointPort[] = endpoint.ports.map((p) => ({
        name: p.name,
        port: p.port,
        protocol: p.protocol,
      }));
      group = { ports, endpoints: [] };
      groups.set(key, group);
    }
    group.endpoints.push(toSliceEndpoint(endpoint));
  }
  const slices: DesiredSlice[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      slices.push({
        ports: group.ports.length > 0 ? group.ports : null,
        endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
      });
    }
  }
  if (slices.length === 0) slices.push({ endpoints: null, ports: null });
  return slices;
}

function toSliceEndpoint(endpoint: PodEndpoint): Endpoint {
  return {
    addresses: [endpoint.ip],
    conditions: { ready: endpoint.ready, serving: endpoint.serving, terminating: endpoint.terminating },
    ...(endpoint.hostname ? { hostname: endpoint.hostname } : {}),
    targetRef: targetRef(endpoint.pod),
    ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
  };
}

/**
 * setEndpointSliceLabels: the Service's own labels (but not the three reserved ones), the
 * headless marker, and the two labels that tie a slice to its Service. Sorted by key, the order
 * the API server writes a map in.
 */
function sliceLabels(service: Service & KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.metadata.labels ?? {})) {
    if (key !== HEADLESS_LABEL && key !== MANAGED_BY_LABEL && key !== SERVICE_NAME_LABEL) labels[key] = value;
  }
  if (isHeadless(service)) labels[HEADLESS_LABEL] = "";
  labels[MANAGED_BY_LABEL] = ENDPOINTSLICE_CONTROLLER_NAME;
  labels[SERVICE_NAME_LABEL] = service.metadata.name;
  return sortedByKey(labels);
}
