import type { Service, ServicePort, ServiceSpec } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import { type ApiError, type FieldError, invalidError } from "../errors.ts";
import type { KubeObject } from "../types.ts";
import { allocateNodePort, allocateServiceIP } from "./range-allocator.ts";

/**
 * What kube-apiserver does to a Service on its way into the store (networking.md §1, §2):
 * fills the defaults, allocates the ClusterIP and NodePorts, and on update keeps the allocated
 * values a client left out and refuses to change the ClusterIP.
 *
 * The spec is rebuilt in the Go struct's field order so `-o json` prints fields where kubectl does.
 */
export function admitService(cluster: Cluster, object: KubeObject, old?: KubeObject): KubeObject {
  if (object.kind !== "Service") return object;
  const service = structuredClone(object) as unknown as Service & KubeObject;
  const previous = old as unknown as Service | undefined;
  const spec: ServiceSpec = service.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  const name = service.metadata.name;

  if (previous?.spec) keepAllocatedValues(spec, previous.spec, name);

  const clusterIP = type === "ExternalName" ? undefined : assignClusterIP(cluster, spec, name, previous);
  const wantsNodePorts = type === "NodePort" || type === "LoadBalancer";
  const ports = (spec.ports ?? []).map((port, i) =>
    defaultPort(cluster, port, i, wantsNodePorts, spec.ports ?? [], name, previous),
  );

  const defaulted: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) defaulted[key] = value;
  };
  put("ports", spec.ports ? ports : undefined);
  put("selector", spec.selector);
  put("clusterIP", clusterIP);
  put("clusterIPs", clusterIP === undefined ? undefined : [clusterIP]);
  put("type", type);
  put("externalIPs", spec.externalIPs);
  put("sessionAffinity", spec.sessionAffinity ?? "None");
  put("loadBalancerIP", spec.loadBalancerIP);
  put("loadBalancerSourceRanges", spec.loadBalancerSourceRanges);
  put("externalName", spec.externalName);
  put("externalTrafficPolicy", wantsNodePorts ? (spec.externalTrafficPolicy ?? "Cluster") : undefined);
  put("healthCheckNodePort", spec.healthCheckNodePort);
  put("publishNotReadyAddresses", spec.publishNotReadyAddresses);
  put("sessionAffinityConfig", spec.sessionAffinityConfig);
  if (type !== "ExternalName") {
    put("ipFamilies", spec.ipFamilies ?? ["IPv4"]);
    put("ipFamilyPolicy", spec.ipFamilyPolicy ?? "SingleStack");
  }
  if (type === "LoadBalancer")
    put("allocateLoadBalancerNodePorts", spec.allocateLoadBalancerNodePorts ?? true);
  put("loadBalancerClass", spec.loadBalancerClass);
  if (type !== "ExternalName") put("internalTrafficPolicy", spec.internalTrafficPolicy ?? "Cluster");
  put("trafficDistribution", spec.trafficDistribution);

  return {
    ...service,
    spec: defaulted,
    status: service.status ?? previous?.status ?? { loadBalancer: {} },
  } as KubeObject;
}

/** Every ClusterIP and NodePort in use, read back from the stored Services. */
function usedAllocations(cluster: Cluster, except?: Service) {
  const ips: string[] = [];
  const nodePorts: number[] = [];
  for (const other of cluster.api.list("Service") as unknown as Service[]) {
    if (except && other.metadata?.uid === except.metadata?.uid) continue;
    for (const ip of other.spec?.clusterIPs ?? []) ips.push(ip);
    for (const port of other.spec?.ports ?? []) if (port.nodePort) nodePorts.push(port.nodePort);
  }
  return { ips, nodePorts };
}

function assignClusterIP(cluster: Cluster, spec: ServiceSpec, name: string, previous?: Service): string {
  const requested = spec.clusterIP ?? spec.clusterIPs?.[0];
  if (requested === "None") return "None";
  if (previous?.spec?.clusterIP && previous.spec.clusterIP === requested) return requested;
  const used = usedAllocations(cluster, previous).ips;
  const result = allocateServiceIP(used, cluster.rng, requested === "" ? undefined : requested);
  if ("error" in result) {
    throw invalidService(name, {
      field: "spec.clusterIPs",
      type: "Invalid value",
      message: `spec.clusterIPs: Invalid value: ${JSON.stringify([requested ?? ""])}: ${result.error}`,
    });
  }
  return result.ok;
}

function defaultPort(
  cluster: Cluster,
  port: ServicePort,
  index: number,
  wantsNodePort: boolean,
  all: ServicePort[],
  serviceName: string,
  previous?: Service,
): ServicePort {
  const out: Record<string, unknown> = {};
  if (port.name !== undefined) out.name = port.name;
  out.protocol = port.protocol ?? "TCP";
  if (port.appProtocol !== undefined) out.appProtocol = port.appProtocol;
  out.port = port.port;
  out.targetPort = port.targetPort ?? port.port;
  const kept = previous?.spec?.ports?.find(
    (p) => p.port === port.port && p.protocol === out.protocol,
  )?.nodePort;
  if (!wantsNodePort) {
    // dropTypeDependentFields: node ports left over from a NodePort type go; one the client
    // set anew stays, for validation to refuse.
    if (port.nodePort && port.nodePort !== kept) out.nodePort = port.nodePort;
  } else {
    const requested = port.nodePort ?? kept;
    if (requested !== undefined && requested === kept) {
      out.nodePort = kept;
    } else {
      const used = usedAllocations(cluster, previous).nodePorts;
      for (const sibling of all.slice(0, index)) if (sibling.nodePort) used.push(sibling.nodePort);
      const result = allocateNodePort(used, cluster.rng, requested);
      if ("error" in result) {
        const field = `spec.ports[${index}].nodePort`;
        throw invalidService(serviceName, {
          field,
          type: "Invalid value",
          message: `${field}: Invalid value: ${requested}: ${result.error}`,
        });
      }
      out.nodePort = result.ok;
      // Later ports must not reuse the one just taken.
      port.nodePort = result.ok;
    }
  }
  return out as unknown as ServicePort;
}

/**
 * The registry's patchAllocatedValues and ClusterIP immutability: a client that leaves out the
 * ClusterIP (a `kubectl replace` of the original manifest) keeps it; one that changes it is refused.
 */
function keepAllocatedValues(spec: ServiceSpec, old: ServiceSpec, name: string): void {
  const oldIP = old.clusterIP;
  if (!oldIP) return;
  if (spec.clusterIP === undefined || spec.clusterIP === "") {
    spec.clusterIP = oldIP;
    spec.clusterIPs = old.clusterIPs ?? [oldIP];
    return;
  }
  if (spec.clusterIP !== oldIP && old.type !== "ExternalName" && spec.type !== "ExternalName") {
    throw invalidService(name, {
      field: "spec.clusterIPs[0]",
      type: "Invalid value",
      message: `spec.clusterIPs[0]: Invalid value: ${JSON.stringify([spec.clusterIP])}: may not change once set`,
    });
  }
}

function invalidService(name: string, cause: FieldError): ApiError {
  return invalidError({ kind: "Service", group: "", name }, [cause]);
}
