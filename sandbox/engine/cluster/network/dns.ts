import type { Service } from "kubernetes-types/core/v1";
import type { Endpoint, EndpointPort } from "kubernetes-types/discovery/v1";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import { addressFromReverseName, parseIPv4 } from "./ipv4.ts";
import { SERVICE_NAME_LABEL } from "./service-keys.ts";

/**
 * CoreDNS as kind configures it (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure }`,
 * `ttl 30`), answering from the store the way the Kubernetes DNS specification 1.1.0 says
 * (networking.md §5.1). Names outside the cluster would be forwarded upstream; the sandbox has
 * no upstream, so they do not exist.
 */

export const CLUSTER_DOMAIN = "cluster.local";
export const DNS_TTL = 30;
export const DNS_SCHEMA_VERSION = "1.1.0";

export type QueryType = "A" | "AAAA" | "SRV" | "PTR" | "TXT" | "CNAME";

export type RecordData =
  | { type: "A"; address: string }
  | { type: "CNAME"; target: string }
  | { type: "PTR"; target: string }
  | { type: "TXT"; text: string }
  | { type: "SRV"; priority: number; weight: number; port: number; target: string };

/** One answer record. Names and targets are written without the trailing dot; printers add it where they do. */
export type DnsRecord = RecordData & { name: string; ttl: number };

export interface DnsResponse {
  /** NOERROR with no answers is "the name exists but has no record of that type" (NODATA). */
  rcode: "NOERROR" | "NXDOMAIN";
  answers: DnsRecord[];
}

const NXDOMAIN: DnsResponse = { rcode: "NXDOMAIN", answers: [] };
const NODATA: DnsResponse = { rcode: "NOERROR", answers: [] };

/** Answers one question, as CoreDNS would. Names are case-insensitive; answers echo the name asked. */
export function queryDns(cluster: Cluster, name: string, type: QueryType): DnsResponse {
  const asked = name.replace(/\.$/, "");
  const lower = asked.toLowerCase();
  const reverse = addressFromReverseName(lower);
  if (reverse !== undefined) return type === "PTR" ? reverseLookup(cluster, asked, reverse) : NODATA;
  if (lower === CLUSTER_DOMAIN) return NODATA;
  if (!lower.endsWith(`.${CLUSTER_DOMAIN}`)) return NXDOMAIN;
  const labels = lower.slice(0, -CLUSTER_DOMAIN.length - 1).split(".");
  const record = (data: RecordData): DnsRecord => ({ ...data, name: asked, ttl: DNS_TTL });

  if (labels.length === 1 && labels[0] === "dns-version") {
    return type === "TXT" ? answer([record({ type: "TXT", text: DNS_SCHEMA_VERSION })]) : NODATA;
  }
  const kindLabel = labels[labels.length - 1];
  if (kindLabel === "pod") return podRecord(cluster, labels, type, record);
  if (kindLabel !== "svc") return NXDOMAIN;
  if (labels.length === 1) return NODATA;
  const namespace = labels[labels.length - 2]!;
  if (!cluster.api.tryGet("Namespace", undefined, namespace)) return NXDOMAIN;
  if (labels.length === 2) return NODATA;
  const service = cluster.api.tryGet("Service", namespace, labels[labels.length - 3]!) as
    | (Service & KubeObject)
    | undefined;
  if (!service) return NXDOMAIN;
  const fqdn = serviceFqdn(service);
  if (labels.length === 3) return serviceRecords(cluster, service, type, record);
  if (labels.length === 4) return endpointRecords(cluster, service, labels[0]!, type, record);
  if (labels.length === 5 && labels[0]!.startsWith("_") && labels[1]!.startsWith("_")) {
    if (type !== "SRV") return NODATA;
    return srvRecords(cluster, service, labels[0]!.slice(1), labels[1]!.slice(1), record, fqdn);
  }
  return NXDOMAIN;
}

export function serviceFqdn(service: Service): string {
  return `${service.metadata?.name}.${service.metadata?.namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** A ready endpoint of a headless Service, under the name DNS gives it. */
interface NamedEndpoint {
  /** The hostname, or the dashed IP (10-244-0-7) for endpoints without one. */
  label: string;
  address: string;
  ports: EndpointPort[];
}

/** The ready endpoints of a Service, read from its EndpointSlices as CoreDNS does. */
export function readyEndpoints(cluster: Cluster, service: Service): NamedEndpoint[] {
  const slices = cluster.api.list("EndpointSlice", {
    namespace: service.metadata?.namespace,
    labels: { [SERVICE_NAME_LABEL]: service.metadata?.name ?? "" },
  });
  const found: NamedEndpoint[] = [];
  for (const slice of slices) {
    const ports = (slice.ports as EndpointPort[] | null) ?? [];
    for (const endpoint of (slice.endpoints as Endpoint[] | null) ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      for (const address of endpoint.addresses) {
        found.push({ label: endpoint.hostname ?? address.replaceAll(".", "-"), address, ports });
      }
    }
  }
  return found;
}

function answer(answers: DnsRecord[]): DnsResponse {
  return { rcode: "NOERROR", answers };
}

function serviceRecords(
  cluster: Cluster,
  service: Service,
  type: QueryType,
  record: (data: RecordData) => DnsRecord,
): DnsResponse {
  const spec = service.spec ?? {};
  if (spec.type === "ExternalName") {
    return answer([record({ type: "CNAME", target: (spec.externalName ?? "").replace(/\.$/, "") })]);
  }
  const fqdn = serviceFqdn(service);
  if (spec.clusterIP !== "None") {
    if (type === "A" && spec.clusterIP) return answer([record({ type: "A", address: spec.clusterIP })]);
    if (type === "SRV") {
      return answer(
        (spec.ports ?? []).map((p) =>
          record({ type: "SRV", priority: 0, weight: 100, port: p.port, target: fqdn }),
        ),
      );
    }
    return NODATA;
  }
  const endpoints = readyEndpoints(cluster, service);
  if (endpoints.length === 0) return NXDOMAIN;
  if (type === "A") return answer(endpoints.map((e) => record({ type: "A", address: e.address })));
  if (type === "SRV") {
    const targets = endpoints.flatMap((e) => e.ports.map((p) => ({ e, p })));
    const weight = Math.floor(100 / Math.max(1, targets.length));
    return answer(
      targets.map(({ e, p }) =>
        record({ type: "SRV", priority: 0, weight, port: p.port ?? 0, target: `${e.label}.${fqdn}` }),
      ),
    );
  }
  return NODATA;
}

function endpointRecords(
  cluster: Cluster,
  service: Service,
  label: string,
  type: QueryType,
  record: (data: RecordData) => DnsRecord,
): DnsResponse {
  if (service.spec?.clusterIP !== "None") return NXDOMAIN;
  const matching = readyEndpoints(cluster, service).filter((e) => e.label === label);
  if (matching.length === 0) return NXDOMAIN;
  if (type !== "A") return NODATA;
  return answer(matching.map((e) => record({ type: "A", address: e.address })));
}

function srvRecords(
  cluster: Cluster,
  service: Service,
  portName: string,
  protocol: string,
  record: (data: RecordData) => DnsRecord,
  fqdn: string,
): DnsResponse {
  const matches = (name: string | undefined, proto: string | undefined) =>
    (name ?? "").toLowerCase() === portName && (proto ?? "TCP").toLowerCase() === protocol;
  if (service.spec?.clusterIP !== "None") {
    const ports = (service.spec?.ports ?? []).filter((p) => p.name && matches(p.name, p.protocol));
    if (ports.length === 0) return NXDOMAIN;
    return answer(
      ports.map((p) => record({ type: "SRV", priority: 0, weight: 100, port: p.port, target: fqdn })),
    );
  }
  const targets = readyEndpoints(cluster, service).flatMap((e) =>
    e.ports.filter((p) => p.name && matches(p.name, p.protocol)).map((p) => ({ e, p })),
  );
  if (targets.length === 0) return NXDOMAIN;
  const weight = Math.floor(100 / targets.length);
  return answer(
    targets.map(({ e, p }) =>
      record({ type: "SRV", priority: 0, weight, port: p.port ?? 0, target: `${e.label}.${fqdn}` }),
    ),
  );
}

/** `pods insecure`: `10-244-0-5.<ns>.pod.cluster.local` answers 10.244.0.5 whether or not such a pod exists. */
function podRecord(
  cluster: Cluster,
  labels: string[],
  type: QueryType,
  record: (data: RecordData) => DnsRecord,
): DnsResponse {
  if (labels.length !== 3) return labels.length === 2 ? namespaceExists(cluster, labels[0]!) : NXDOMAIN;
  const address = labels[0]!.replaceAll("-", ".");
  if (parseIPv4(address) === undefined) return NXDOMAIN;
  return type === "A" ? answer([record({ type: "A", address })]) : NODATA;
}

function namespaceExists(cluster: Cluster, namespace: string): DnsResponse {
  return cluster.api.tryGet("Namespace", undefined, namespace) ? NODATA : NXDOMAIN;
}

/** PTR: a ClusterIP names its Service; a headless endpoint names `<hostname>.<svc>.<ns>.svc.cluster.local`. */
function reverseLookup(cluster: Cluster, asked: string, ip: string): DnsResponse {
  const ptr = (target: string): DnsResponse => answer([{ type: "PTR", target, name: asked, ttl: DNS_TTL }]);
  const services = cluster.api.list("Service") as unknown as (Service & KubeObject)[];
  const byClusterIP = services.find((s) => s.spec?.clusterIP === ip);
  if (byClusterIP) return ptr(serviceFqdn(byClusterIP));
  for (const service of services) {
    if (service.spec?.clusterIP !== "None") continue;
    const endpoint = readyEndpoints(cluster, service).find((e) => e.address === ip);
    if (endpoint) return ptr(`${endpoint.label}.${serviceFqdn(service)}`);
  }
  return NXDOMAIN;
}
