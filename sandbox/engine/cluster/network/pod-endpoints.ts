import type { Container, Pod, Service, ServicePort } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import { isPodReady } from "../controllers/pod-util.ts";
import type { KubeObject } from "../types.ts";

/**
 * The pod-side facts both endpoint controllers and DNS need (kubernetes
 * pkg/controller/util/endpoint and pkg/api/v1/pod): which pods a Service selects, whether each
 * is ready, serving or terminating, its hostname under the Service and its resolved ports.
 */

/** An endpoint port: the Service port's name and protocol with the targetPort resolved on the pod. */
export interface ResolvedPort {
  name: string;
  port: number;
  protocol: string;
}

export interface PodEndpoint {
  pod: Pod & KubeObject;
  ip: string;
  /** pod.spec.hostname, when the pod's subdomain names this Service. */
  hostname?: string;
  nodeName?: string;
  /** Ready condition True (podutil.IsPodReady). */
  serving: boolean;
  terminating: boolean;
  /** What EndpointSlice calls ready: publishNotReadyAddresses, or serving and not terminating. */
  ready: boolean;
  ports: ResolvedPort[];
}

/** Whether the Service publishes pods that are not ready (the field, or the old annotation). */
export function toleratesUnready(service: Service): boolean {
  if (service.spec?.publishNotReadyAddresses) return true;
  return service.metadata?.annotations?.["service.alpha.kubernetes.io/tolerate-unready-endpoints"] === "true";
}

export function isHeadless(service: Service): boolean {
  return service.spec?.clusterIP === "None";
}

/** The Services whose selector picks this pod (same namespace; a Service without selector picks none). */
export function selects(service: Service, pod: Pod): boolean {
  const selector = service.spec?.selector;
  if (!selector || service.metadata?.namespace !== pod.metadata?.namespace) return false;
  // A loop, not entries().every(): asked of every pod of the namespace on every endpoints sync.
  const labels = pod.metadata?.labels;
  for (const key in selector) if (labels?.[key] !== selector[key]) return false;
  return true;
}

/**
 * A port set as a map key: endpoints with the same resolved ports share a subset or slice. Built
 * by hand rather than as JSON for each endpoint of every sync (NUL and SOH appear in no port name).
 */
export function portsKey(ports: readonly ResolvedPort[]): string {
  let key = "";
  for (const p of ports) key += `${p.name}\u0000${p.port}\u0000${p.protocol}\u0001`;
  return key;
}

/** endpointutil.ShouldPodBeInEndpoints: has an IP, is not finished, and is not terminating unless asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  const phase = pod.status.phase;
  const restartPolicy = pod.spec?.restartPolicy ?? "Always";
  if (restartPolicy === "Never") return phase !== "Failed" && phase !== "Succeeded";
  if (restartPolicy === "OnFailure") return phase !== "Succeeded";
  return true;
}

/** podutil.FindPort: a numeric targetPort as is, a named one looked up among the containers' ports. */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? "TCP";
  const containers: Container[] = pod.spec?.containers ?? [];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? "TCP") === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** The pods a Service selects, turned into endpoints; terminating pods only when asked for. */
export function podEndpoints(cluster: Cluster, service: Service, includeTerminating: boolean): PodEndpoint[] {
  const namespace = service.metadata?.namespace;
  const pods = cluster.api.list("Pod", { namespace }) as unknown as (Pod & KubeObject)[];
  const unready = toleratesUnready(service);
  const endpoints: PodEndpoint[] = [];
  for (const pod of pods) {
    if (!selects(service, pod)) continue;
    if (!shouldPodBeInEndpoints(pod, includeTerminating || unready)) continue;
    const serving = isPodReady(pod);
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const ports: ResolvedPort[] = [];
    for (const servicePort of service.spec?.ports ?? []) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      ports.push({ name: servicePort.name ?? "", port, protocol: servicePort.protocol ?? "TCP" });
    }
    const hostname =
      pod.spec?.hostname && pod.spec.subdomain === service.metadata?.name ? pod.spec.hostname : undefined;
    endpoints.push({
      pod,
      ip: pod.status?.podIP ?? "",
      ...(hostname ? { hostname } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      serving,
      terminating,
      ready: unready || (serving && !terminating),
      ports,
    });
  }
  return endpoints;
}

/**
 * The endpoints.kubernetes.io/last-change-trigger-time value: the latest change among the
 * Service (its creation) and its pods (their Ready transition, else their creation).
 */
export function lastChangeTriggerTime(service: Service, endpoints: readonly PodEndpoint[]): string {
  let latest = service.metadata?.creationTimestamp ?? "";
  for (const { pod } of endpoints) {
    const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
    const time = ready?.lastTransitionTime ?? pod.metadata.creationTimestamp ?? "";
    if (time > latest) latest = time;
  }
  return latest;
}

/**
 * endpoints.LessEndpointAddress: byte order of the IP strings (so 10.244.0.10 sorts before
 * 10.244.0.9, as in real Endpoints), then the pod UID.
 */
export function compareEndpoints(a: PodEndpoint, b: PodEndpoint): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.pod.metadata.uid ?? "";
  const ub = b.pod.metadata.uid ?? "";
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

export function targetRef(pod: Pod & KubeObject) {
  return { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}

/** A string map with its keys in byte order, as the API server serializes a Go map. */
export function sortedByKey(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
