/**
 * Pod IPs from the node's podCIDR, the way the host-local IPAM plugin hands them out in kind:
 * from .2 upwards, continuing after the last address given rather than reusing a just-freed one
 * at once, so a recreated pod usually gets a new IP (which is why StatefulSets need stable DNS).
 */
import { type Cidr, formatIPv4, parseCidr } from "../network/ipv4.ts";
import type { NodeRecord } from "./state.ts";

/** Node pod ranges parsed once each: every pod a node admits asks for its node's. */
const parsed = new Map<string, Cidr>();

function podRange(podCIDR: string): Cidr {
  let cidr = parsed.get(podCIDR);
  if (!cidr) {
    cidr = parseCidr(podCIDR);
    if (parsed.size >= 1024) parsed.clear();
    parsed.set(podCIDR, cidr);
  }
  return cidr;
}

/** Takes the next free address in `podCIDR` for `uid`; undefined when the range is full. */
export function allocatePodIP(node: NodeRecord, podCIDR: string, uid: string): string | undefined {
  const cidr = podRange(podCIDR);
  const first = cidr.base + 2;
  const last = cidr.base + cidr.size - 2;
  const span = last - first + 1;
  const previous = node.lastGivenIP ?? first - 1;
  for (let i = 1; i <= span; i++) {
    const candidate = first + ((previous - first + i + span) % span);
    const ip = formatIPv4(candidate);
    if (!node.ips.has(ip)) {
      node.ips.set(ip, uid);
      node.lastGivenIP = candidate;
      return ip;
    }
  }
  return undefined;
}

export function releasePodIP(node: NodeRecord, ip: string | undefined, uid: string): void {
  if (ip !== undefined && node.ips.get(ip) === uid) node.ips.delete(ip);
}
