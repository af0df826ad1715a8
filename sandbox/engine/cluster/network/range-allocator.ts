import type { Rng } from "../../rng.ts";
import { cidrContains, formatIPv4, parseCidr, parseIPv4 } from "./ipv4.ts";

/**
 * ClusterIP and NodePort allocation, as kube-apiserver's bitmap allocators do it: the range is
 * split into a small static band at the bottom (for addresses users pick by hand, like
 * 10.96.0.10 for kube-dns) and a dynamic band above it; automatic allocation takes a random free
 * slot in the dynamic band and only falls back to the static band when that is full.
 *
 * The set of used slots is not stored anywhere: it is read back from the Services themselves,
 * so a snapshot of the store is all the state there is.
 */

/** kind's service subnet. */
export const SERVICE_CIDR = parseCidr("10.96.0.0/16");
export const NODE_PORT_RANGE = { base: 30000, size: 2768, text: "30000-32767" } as const;

/** The first address: the `kubernetes` Service. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
/** The tenth address: CoreDNS, still called kube-dns. */
export const KUBE_DNS_SERVICE_IP = "10.96.0.10";

/** ipallocator's calculateRangeOffset: min(max(16, size/16), 256). */
export function serviceIPStaticBand(cidrSize: number): number {
  if (cidrSize < 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}

/** portallocator's calculateRangeOffset: min(max(16, size/32), 128). */
export function nodePortStaticBand(rangeSize: number): number {
  if (rangeSize < 16) return 0;
  return Math.min(Math.max(16, Math.floor(rangeSize / 32)), 128);
}

/**
 * The bitmap allocator's randomScanStrategyWithOffset: a random start in [offset, max), scanning
 * upwards with wrap-around; then the same over [0, offset). Undefined when the range is full.
 */
export function allocateOffset(
  used: ReadonlySet<number>,
  max: number,
  offset: number,
  rng: Rng,
): number | undefined {
  const dynamicSize = max - offset;
  if (dynamicSize > 0) {
    const start = rng.int(dynamicSize);
    for (let i = 0; i < dynamicSize; i++) {
      const at = offset + ((start + i) % dynamicSize);
      if (!used.has(at)) return at;
    }
  }
  if (offset > 0) {
    const start = rng.int(offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (!used.has(at)) return at;
    }
  }
  return undefined;
}

export type AllocationResult<T> = { ok: T } | { error: string };

/**
 * Allocates a ClusterIP: `requested` when given (and free and in range), else a random one.
 * Offsets count from the first usable address (network + 1); the broadcast address is never used.
 */
export function allocateServiceIP(
  usedIPs: Iterable<string>,
  rng: Rng,
  requested?: string,
): AllocationResult<string> {
  const first = SERVICE_CIDR.base + 1;
  const max = SERVICE_CIDR.size - 2;
  const used = new Set<number>();
  for (const ip of usedIPs) {
    const value = parseIPv4(ip);
    if (value !== undefined) used.add(value - first);
  }
  if (requested !== undefined) {
    const value = parseIPv4(requested);
    const offset = value === undefined ? -1 : value - first;
    if (value === undefined || !cidrContains(SERVICE_CIDR, value) || offset < 0 || offset >= max) {
      return {
        error: `failed to allocate IP ${requested}: provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR.text}`,
      };
    }
    if (used.has(offset))
      return { error: `failed to allocate IP ${requested}: provided IP is already allocated` };
    return { ok: requested };
  }
  const offset = allocateOffset(used, max, serviceIPStaticBand(SERVICE_CIDR.size), rng);
  if (offset === undefined) return { error: "failed to allocate a serviceIP: range is full" };
  return { ok: formatIPv4(first + offset) };
}

/** Allocates a NodePort: `requested` when given (and free and in range), else a random one. */
export function allocateNodePort(
  usedPorts: Iterable<number>,
  rng: Rng,
  requested?: number,
): AllocationResult<number> {
  const used = new Set<number>();
  for (const port of usedPorts) used.add(port - NODE_PORT_RANGE.base);
  if (requested !== undefined) {
    const offset = requested - NODE_PORT_RANGE.base;
    if (offset < 0 || offset >= NODE_PORT_RANGE.size) {
      return {
        error: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.text}`,
      };
    }
    if (used.has(offset)) return { error: "provided port is already allocated" };
    return { ok: requested };
  }
  const offset = allocateOffset(used, NODE_PORT_RANGE.size, nodePortStaticBand(NODE_PORT_RANGE.size), rng);
  if (offset === undefined) return { error: "range is full" };
  return { ok: NODE_PORT_RANGE.base + offset };
}
