import type { Pod, Service } from "kubernetes-types/core/v1";
import type { Endpoint, EndpointPort } from "kubernetes-types/discovery/v1";
import type { Cluster } from "../cluster.ts";
import { fnv32a } from "../controllers/hash.ts";
import type { KubeObject } from "../types.ts";
import { logAccess } from "./access-log.ts";
import { type ContainerFilesLookup, type HttpResponse, listenerOn } from "./http-server.ts";
import { resolveHost } from "./pod-dns.ts";
import { SERVICE_NAME_LABEL } from "./service-keys.ts";

/**
 * One HTTP request from inside a pod (networking.md §6), resolved the way the packets go:
 * the name through the pod's resolver, a ClusterIP or NodePort through kube-proxy's rules to a
 * random ready endpoint, a pod IP straight to the pod, where the image's server answers.
 * Tools (wget, curl) turn the outcome into their own words.
 */

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  /** Path and query, at least "/". */
  path: string;
}

/** `http://web:8080/x`, `web/x`, `10.96.0.1` → parts; undefined when there is no host. */
export function parseUrl(url: string): ParsedUrl | undefined {
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d+))?([^#]*)/.exec(url);
  if (!match?.[2]) return undefined;
  const scheme = (match[1] ?? "http").toLowerCase();
  const port = match[3] ? Number(match[3]) : scheme === "https" ? 443 : 80;
  const path = match[4] ? (match[4].startsWith("/") ? match[4] : `/${match[4]}`) : "/";
  return { scheme, host: match[2], port, path };
}

export type TrafficOutcome =
  /** The name did not resolve. */
  | { kind: "bad-address" }
  /** Nothing listens, or a Service has no ready endpoint (kube-proxy rejects). */
  | { kind: "refused"; ip: string; port: number }
  /** No host answers: an unused address, or a Service port that does not exist. */
  | { kind: "timeout"; ip: string; port: number }
  /** Something answered that does not speak HTTP. */
  | { kind: "not-http"; ip: string; port: number }
  | { kind: "response"; ip: string; port: number; response: HttpResponse; servedBy: KubeObject };

export interface RequestOptions {
  method?: string;
  /** The User-Agent header the client sends (the server's access log shows it). */
  userAgent?: string;
  /** The kubelet's containerFilesystem, when there is a kubelet; the image's files otherwise. */
  files?: ContainerFilesLookup;
}

/** Sends one request from `fromPod` to `url` and says what came back. */
export function httpRequest(
  cluster: Cluster,
  fromPod: KubeObject,
  url: ParsedUrl,
  options: RequestOptions = {},
): TrafficOutcome {
  const resolved = resolveHost(cluster, fromPod, url.host);
  if (!resolved) return { kind: "bad-address" };
  // getaddrinfo's first answer is the one wget and curl connect to.
  const ip = resolved.addresses[0]!;
  const destination = route(cluster, fromPod, ip, url.port);
  if (destination.kind !== "pod") return { ...destination, ip, port: url.port };
  const listener = listenerOn(cluster, destination.pod, destination.port, options.files);
  if (!listener) return { kind: "refused", ip, port: url.port };
  if (listener.kind === "other") return { kind: "not-http", ip, port: url.port };
  const method = options.method ?? "GET";
  const now = cluster.clock.now();
  const response = listener.serve(method, url.path, now);
  const client = ip === "127.0.0.1" ? ip : ((fromPod as unknown as Pod).status?.podIP ?? "-");
  logAccess(cluster, destination.pod, listener.container, listener.server, {
    client,
    method,
    path: url.path,
    response,
    userAgent: options.userAgent,
    now,
  });
  return { kind: "response", ip, port: url.port, response, servedBy: destination.pod };
}

type Route = { kind: "pod"; pod: KubeObject; port: number } | { kind: "refused" } | { kind: "timeout" };

/** Where a connection to ip:port ends up. */
export function route(cluster: Cluster, fromPod: KubeObject, ip: string, port: number): Route {
  if (ip === "127.0.0.1") return { kind: "pod", pod: fromPod, port };
  const services = cluster.api.list("Service") as unknown as (Service & KubeObject)[];
  const byClusterIP = services.find((s) => s.spec?.clusterIP === ip);
  if (byClusterIP) {
    const servicePort = byClusterIP.spec?.ports?.find(
      (p) => p.port === port && (p.protocol ?? "TCP") === "TCP",
    );
    return servicePort
      ? toEndpoint(cluster, byClusterIP, servicePort.name ?? "", fromPod)
      : { kind: "timeout" };
  }
  if (isNodeIP(cluster, ip)) {
    for (const service of services) {
      const servicePort = service.spec?.ports?.find((p) => p.nodePort === port);
      if (servicePort) return toEndpoint(cluster, service, servicePort.name ?? "", fromPod);
    }
    return { kind: "refused" };
  }
  const pod = cluster.api.list("Pod").find((p) => (p as unknown as Pod).status?.podIP === ip);
  if (pod && !["Succeeded", "Failed"].includes((pod as unknown as Pod).status?.phase ?? "")) {
    return { kind: "pod", pod, port };
  }
  return { kind: "timeout" };
}

function isNodeIP(cluster: Cluster, ip: string): boolean {
  return cluster.api
    .list("Node")
    .some((n) =>
      ((n.status as { addresses?: { address: string }[] })?.addresses ?? []).some((a) => a.address === ip),
    );
}

/**
 * kube-proxy (iptables mode): a uniformly random ready, not terminating endpoint for the Service
 * port; a REJECT (connection refused) when there is none. With `sessionAffinity: ClientIP` a
 * client keeps reaching the same endpoint: here a hash of its IP picks it, so it stays put for
 * as long as the endpoints do (kube-proxy remembers the first pick for 3 hours instead).
 */
function toEndpoint(cluster: Cluster, service: Service, portName: string, fromPod: KubeObject): Route {
  const candidates: { ip: string; port: number }[] = [];
  const slices = cluster.api.list("EndpointSlice", {
    namespace: service.metadata?.namespace,
    labels: { [SERVICE_NAME_LABEL]: service.metadata?.name ?? "" },
  });
  for (const slice of slices) {
    const port = ((slice.ports as EndpointPort[] | null) ?? []).find(
      (p) => (p.name ?? "") === portName,
    )?.port;
    if (port === undefined) continue;
    for (const endpoint of (slice.endpoints as Endpoint[] | null) ?? []) {
      if (endpoint.conditions?.ready === false || endpoint.conditions?.terminating) continue;
      for (const address of endpoint.addresses) candidates.push({ ip: address, port });
    }
  }
  if (candidates.length === 0) return { kind: "refused" };
  const clientIP = (fromPod as unknown as Pod).status?.podIP ?? "";
  const index =
    service.spec?.sessionAffinity === "ClientIP"
      ? fnv32a(new TextEncoder().encode(clientIP)) % candidates.length
      : cluster.rng.int(candidates.length);
  const chosen = candidates[index]!;
  const pod = cluster.api.list("Pod").find((p) => (p as unknown as Pod).status?.podIP === chosen.ip);
  return pod ? { kind: "pod", pod, port: chosen.port } : { kind: "timeout" };
}
