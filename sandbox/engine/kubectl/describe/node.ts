/**
 * describe node (describe.go's describeNode and describeNodeResource): roles, taints, the node
 * lease, a conditions table, addresses, capacity and allocatable, system info, the pods on the
 * node with their requests and limits as a share of what is allocatable, their totals, events.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster/cluster.ts";
import { parseQuantity } from "../../cluster/storage/quantity.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { age } from "../printers/duration.ts";
import { describeEvents, printAnnotations, printLabels, rfc1123z } from "./common.ts";
import { PrefixWriter } from "./tabbed.ts";

const ROLE_PREFIX = "node-role.kubernetes.io/";
/** The kubelet renews its lease every 10 s. */
const LEASE_RENEW_MS = 10_000;

/** resourcehelper's order: cpu, memory, ephemeral-storage, then the rest by name (SortableResourceNames sorts all by name). */
function sortedResources(list: Record<string, string> | undefined): [string, string][] {
  return Object.entries(list ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function describeNode(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const node = object as unknown as Node;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  const roles = Object.keys(object.metadata.labels ?? {})
    .filter((k) => k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length)
    .map((k) => k.slice(ROLE_PREFIX.length))
    .sort();
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(object.metadata.creationTimestamp)}\n`);
  const taints = node.spec?.taints ?? [];
  if (taints.length === 0) w.write(0, "Taints:\t<none>\n");
  taints.forEach((t, i) => {
    const text = `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
    w.write(0, i === 0 ? `Taints:\t${text}\n` : `\t${text}\n`);
  });
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  // kind's kubelet holds a Lease in kube-node-lease named after the node and renews it every 10 s.
  w.write(0, "Lease:\n");
  w.write(1, `HolderIdentity:\t${object.metadata.name}\n`);
  w.write(1, "AcquireTime:\t<unset>\n");
  const renew = new Date(Math.floor(nowMs / LEASE_RENEW_MS) * LEASE_RENEW_MS).toISOString();
  w.write(1, `RenewTime:\t${rfc1123z(renew)}\n`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const capacity = node.status?.capacity as Record<string, string> | undefined;
  const allocatableList = node.status?.allocatable as Record<string, string> | undefined;
  if (capacity && Object.keys(capacity).length > 0) {
    w.write(0, "Capacity:\n");
    for (const [name, value] of sortedResources(capacity)) w.write(0, `  ${name}:\t${value}\n`);
  }
  if (allocatableList && Object.keys(allocatableList).length > 0) {
    w.write(0, "Allocatable:\n");
    for (const [name, value] of sortedResources(allocatableList)) w.write(0, `  ${name}:\t${value}\n`);
  }
  const info = node.status?.nodeInfo;
  w.write(0, "System Info:\n");
  w.write(0, `  Machine ID:\t${info?.machineID ?? ""}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ""}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ""}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ""}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ""}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ""}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ""}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ""}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ""}\n`);
  // The kubelet no longer reports kube-proxy's version (deprecated in 1.31); the line is left out then.
  if (info?.kubeProxyVersion) w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  describeNodeResources(w, cluster, object.metadata.name, allocatableList ?? capacity ?? {}, nowMs);
  describeEvents(w, events, nowMs);
  return w.toString();
}

interface Usage {
  cpuReq: number;
  cpuLim: number;
  memReq: number;
  memLim: number;
  ephReq: number;
  ephLim: number;
}

/** PodRequestsAndLimits for the common case: the sum over the pod's app containers. */
function podUsage(pod: Pod): Usage {
  const u: Usage = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, ephReq: 0, ephLim: 0 };
  for (const c of pod.spec?.containers ?? []) {
    const req = (c.resources?.requests ?? {}) as Record<string, string>;
    const lim = (c.resources?.limits ?? {}) as Record<string, string>;
    // A limit without a request defaults the request to it (the API's defaulting).
    const get = (list: Record<string, string>, name: string) => parseQuantity(list[name]) ?? 0;
    u.cpuReq += get(req, "cpu") || get(lim, "cpu");
    u.cpuLim += get(lim, "cpu");
    u.memReq += get(req, "memory") || get(lim, "memory");
    u.memLim += get(lim, "memory");
    u.ephReq += get(req, "ephemeral-storage") || get(lim, "ephemeral-storage");
    u.ephLim += get(lim, "ephemeral-storage");
  }
  return u;
}

/** resource.Quantity's String() for a CPU amount: whole cores, or millicores. */
function cpuText(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** resource.Quantity's String() for bytes summed from binary-suffixed quantities (Ki, Mi, Gi). */
function bytesText(bytes: number): string {
  if (bytes === 0) return "0";
  for (const [suffix, size] of [
    ["Ti", 2 ** 40],
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
    ["Ki", 2 ** 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.trunc((part / whole) * 100) : 0);

function describeNodeResources(
  w: PrefixWriter,
  cluster: Cluster,
  nodeName: string,
  allocatable: Record<string, string>,
  nowMs: number,
): void {
  const pods = cluster.api
    .list("Pod", {})
    .map((o) => o as unknown as Pod & KubeObject)
    .filter((p) => p.spec?.nodeName === nodeName && !["Succeeded", "Failed"].includes(p.status?.phase ?? ""));
  const cpu = parseQuantity(allocatable.cpu) ?? 0;
  const memory = parseQuantity(allocatable.memory) ?? 0;
  const ephemeral = parseQuantity(allocatable["ephemeral-storage"]) ?? 0;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const total: Usage = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, ephReq: 0, ephLim: 0 };
  for (const pod of pods) {
    const u = podUsage(pod);
    for (const key of Object.keys(total) as (keyof Usage)[]) total[key] += u[key];
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cpuText(u.cpuReq)} (${percent(u.cpuReq, cpu)}%)\t${cpuText(u.cpuLim)} (${percent(u.cpuLim, cpu)}%)\t${bytesText(u.memReq)} (${percent(u.memReq, memory)}%)\t${bytesText(u.memLim)} (${percent(u.memLim, memory)}%)\t${age(pod.metadata.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  w.write(
    1,
    `cpu\t${cpuText(total.cpuReq)} (${percent(total.cpuReq, cpu)}%)\t${cpuText(total.cpuLim)} (${percent(total.cpuLim, cpu)}%)\n`,
  );
  w.write(
    1,
    `memory\t${bytesText(total.memReq)} (${percent(total.memReq, memory)}%)\t${bytesText(total.memLim)} (${percent(total.memLim, memory)}%)\n`,
  );
  w.write(
    1,
    `ephemeral-storage\t${bytesText(total.ephReq)} (${percent(total.ephReq, ephemeral)}%)\t${bytesText(total.ephLim)} (${percent(total.ephLim, ephemeral)}%)\n`,
  );
  for (const name of Object.keys(allocatable)
    .filter((n) => n.startsWith("hugepages-"))
    .sort()) {
    w.write(1, `${name}\t0 (0%)\t0 (0%)\n`);
  }
}
