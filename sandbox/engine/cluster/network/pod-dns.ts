import type { Pod, PodDNSConfig } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import { CLUSTER_DOMAIN, queryDns } from "./dns.ts";
import { parseIPv4 } from "./ipv4.ts";
import { KUBE_DNS_SERVICE_IP } from "./range-allocator.ts";

/**
 * What a pod sees of DNS: the /etc/resolv.conf and /etc/hosts the kubelet writes for it
 * (networking.md §5.2, §5.3), and name resolution through them the way a libc resolver does it
 * (hosts file first, then the search list under `ndots`).
 */

/** kind's node resolv.conf, which `dnsPolicy: Default` pods inherit (docker's gateway on the kind network). */
export const NODE_NAMESERVER = "172.18.0.1";

export interface ResolverConfig {
  nameservers: string[];
  searches: string[];
  options: { name: string; value?: string }[];
}

/** The resolver configuration the kubelet gives a pod, from its dnsPolicy and dnsConfig. */
export function resolverConfig(object: Pod | KubeObject): ResolverConfig {
  const pod = object as Pod;
  const policy = pod.spec?.dnsPolicy ?? "ClusterFirst";
  const namespace = pod.metadata?.namespace ?? "default";
  let config: ResolverConfig;
  if (policy === "None") config = { nameservers: [], searches: [], options: [] };
  else if (policy === "Default" || (policy === "ClusterFirst" && pod.spec?.hostNetwork)) {
    config = { nameservers: [NODE_NAMESERVER], searches: [], options: [] };
  } else {
    config = {
      nameservers: [KUBE_DNS_SERVICE_IP],
      searches: [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN],
      options: [{ name: "ndots", value: "5" }],
    };
  }
  return mergeDnsConfig(config, pod.spec?.dnsConfig);
}

/** dnsConfig is merged in: nameservers and searches appended (no duplicates), options by name. */
function mergeDnsConfig(base: ResolverConfig, extra: PodDNSConfig | undefined): ResolverConfig {
  if (!extra) return base;
  const unique = (items: string[]) => items.filter((item, i) => items.indexOf(item) === i);
  const options = [...base.options];
  for (const option of extra.options ?? []) {
    if (!option.name) continue;
    const at = options.findIndex((o) => o.name === option.name);
    const merged = { name: option.name, ...(option.value !== undefined ? { value: option.value } : {}) };
    if (at >= 0) options[at] = merged;
    else options.push(merged);
  }
  return {
    nameservers: unique([...base.nameservers, ...(extra.nameservers ?? [])]),
    searches: unique([...base.searches, ...(extra.searches ?? [])]),
    options,
  };
}

export function renderResolvConf(pod: Pod | KubeObject): string {
  const config = resolverConfig(pod);
  let text = "";
  if (config.searches.length > 0) text += `search ${config.searches.join(" ")}\n`;
  for (const server of config.nameservers) text += `nameserver ${server}\n`;
  if (config.options.length > 0) {
    text += `options ${config.options.map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name)).join(" ")}\n`;
  }
  return text;
}

/** The pod's own name in DNS: `<hostname>.<subdomain>.<ns>.svc.cluster.local` when it has a subdomain. */
export function podFqdn(object: Pod | KubeObject): string | undefined {
  const pod = object as Pod;
  const hostname = podHostname(pod);
  const subdomain = pod.spec?.subdomain;
  if (!subdomain) return undefined;
  return `${hostname}.${subdomain}.${pod.metadata?.namespace ?? "default"}.svc.${CLUSTER_DOMAIN}`;
}

/** What `hostname` prints in the pod: spec.hostname, else the pod name (cut to 63 characters). */
export function podHostname(object: Pod | KubeObject): string {
  const pod = object as Pod;
  return (pod.spec?.hostname ?? pod.metadata?.name ?? "").slice(0, 63);
}

const HOSTS_HEADER = `# Kubernetes-managed hosts file.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
`;

export function renderEtcHosts(object: Pod | KubeObject): string {
  const pod = object as Pod;
  const ip = pod.status?.podIP ?? "";
  const fqdn = podFqdn(pod);
  let text = HOSTS_HEADER;
  text += fqdn ? `${ip}\t${fqdn}\t${podHostname(pod)}\n` : `${ip}\t${podHostname(pod)}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    text += "\n# Entries added by HostAliases.\n";
    for (const alias of aliases) text += `${alias.ip}\t${(alias.hostnames ?? []).join("\t")}\n`;
  }
  return text;
}

/** The names a resolver tries for `name`, in order: search domains first when it has fewer than ndots dots. */
export function candidateNames(name: string, config: ResolverConfig): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const ndotsOption = config.options.find((o) => o.name === "ndots")?.value;
  const ndots = ndotsOption === undefined ? 1 : Number(ndotsOption);
  const dots = name.split(".").length - 1;
  const searched = config.searches.map((domain) => `${name}.${domain}`);
  return dots >= ndots ? [name, ...searched] : [...searched, name];
}

export interface HostResolution {
  /** The name that answered (the search-expanded FQDN, or the literal). */
  name: string;
  addresses: string[];
}

/**
 * getaddrinfo for IPv4 inside a pod: an address literal as is, then /etc/hosts, then DNS
 * through the search list. Undefined when nothing answers (wget's "bad address").
 */
export function resolveHost(
  cluster: Cluster,
  pod: Pod | KubeObject,
  host: string,
): HostResolution | undefined {
  if (parseIPv4(host) !== undefined) return { name: host, addresses: [host] };
  const lower = host.toLowerCase().replace(/\.$/, "");
  for (const line of renderEtcHosts(pod).split("\n")) {
    const [address, ...names] = line.split("\t");
    if (!address || address.startsWith("#") || parseIPv4(address) === undefined) continue;
    if (names.some((n) => n.toLowerCase() === lower)) return { name: host, addresses: [address] };
  }
  return resolveByDns(cluster, pod, host);
}

/** The DNS half of it: the search list under ndots, the first name with A records answers. */
export function resolveByDns(
  cluster: Cluster,
  pod: Pod | KubeObject,
  host: string,
): HostResolution | undefined {
  for (const candidate of candidateNames(host, resolverConfig(pod))) {
    const response = queryDns(cluster, candidate, "A");
    const addresses = response.answers.flatMap((r) => (r.type === "A" ? [r.address] : []));
    if (addresses.length > 0) return { name: candidate, addresses };
  }
  return undefined;
}
