/**
 * IPv4 arithmetic on plain numbers. The cluster is single-stack IPv4 (kind's default), so an
 * address is an unsigned 32-bit integer here and a dotted quad everywhere else.
 */

/** The dotted quad as an unsigned integer, or undefined when `text` is not exactly an IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export interface Cidr {
  /** The network address. */
  base: number;
  prefix: number;
  /** How many addresses the block spans, network and broadcast included. */
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr {
  const [address, bits] = text.split("/");
  const base = parseIPv4(address ?? "");
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new Error(`invalid CIDR ${text}`);
  }
  return { base, prefix, size: 2 ** (32 - prefix), text };
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  return address >= cidr.base && address < cidr.base + cidr.size;
}

/** The PTR owner name of an address: 10.96.0.10 → 10.0.96.10.in-addr.arpa */
export function reverseName(ip: string): string {
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

/** The address a PTR owner name stands for, or undefined: 10.0.96.10.in-addr.arpa → 10.96.0.10 */
export function addressFromReverseName(name: string): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.?$/i.exec(name);
  if (!match) return undefined;
  const ip = [match[4], match[3], match[2], match[1]].join(".");
  return parseIPv4(ip) === undefined ? undefined : ip;
}
