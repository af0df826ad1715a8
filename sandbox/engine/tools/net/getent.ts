import type { Cluster } from "../../cluster/cluster.ts";
import { queryDns } from "../../cluster/network/dns.ts";
import { parseIPv4, reverseName } from "../../cluster/network/ipv4.ts";
import { renderEtcHosts, resolveByDns } from "../../cluster/network/pod-dns.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { PodTool, PodToolContext } from "./pod-tool.ts";

/**
 * glibc's `getent` in a Debian-based container (nginx, httpd): the `hosts` and `ahostsv4`
 * databases through the pod's resolver (its /etc/hosts, then the cluster DNS under the search
 * list and `ndots:5`, as nsswitch's `hosts: files dns` says), and `passwd` and `group` from the
 * container's files. Output and exit codes follow glibc's nss/getent.c: 0 found, 1 bad arguments,
 * 2 a key not found. Its other databases are named but not modelled.
 */

const DATABASES = [
  "ahosts",
  "ahostsv4",
  "ahostsv6",
  "aliases",
  "ethers",
  "group",
  "gshadow",
  "hosts",
  "initgroups",
  "netgroup",
  "networks",
  "passwd",
  "protocols",
  "rpc",
  "services",
  "shadow",
];

/** getent's other options (-s picks NSS services, the rest print help): named, not modelled. */
const KNOWN_OPTIONS = new Set(["-s", "--service", "-?", "--help", "--usage", "-V", "--version"]);

const SEE_HELP = "Try `getent --help' or `getent --usage' for more information.\n";

/** A host entry as glibc's hostent holds it: the official name, its aliases and addresses. */
interface HostEntry {
  name: string;
  aliases: string[];
  addresses: string[];
}

interface HostsLine {
  address: string;
  names: string[];
}

export const getent: PodTool = async (ctx, pod) => {
  // -i (--no-idn) changes nothing for the ASCII names of a cluster; argp takes options anywhere.
  const args = ctx.argv.slice(1).filter((arg) => arg !== "-i" && arg !== "--no-idn");
  const option = args.find((arg) => arg.startsWith("-") && arg !== "-");
  if (option !== undefined && KNOWN_OPTIONS.has(option.split("=")[0]!)) {
    ctx.stderr(`getent: ${option.split("=")[0]} is not available in this sandbox yet\n`);
    return 1;
  }
  if (option !== undefined) {
    ctx.stderr(
      option.startsWith("--")
        ? `getent: unrecognized option '${option}'\n`
        : `getent: invalid option -- '${option.slice(1, 2)}'\n`,
    );
    ctx.stderr(SEE_HELP);
    return 64;
  }
  const [database, ...keys] = args;
  if (database === undefined) {
    ctx.stderr("getent: wrong number of arguments\n");
    ctx.stdout(SEE_HELP);
    return 1;
  }
  if (!DATABASES.includes(database)) {
    ctx.stderr(`Unknown database: ${database}\n`);
    ctx.stdout(SEE_HELP);
    return 1;
  }
  const hosts = parseHosts(readFile(ctx, "/etc/hosts") ?? renderEtcHosts(pod));
  const cluster = ctx.env.cluster;
  switch (database) {
    case "hosts":
      if (keys.length === 0) return print(ctx, hosts.map(entryOf).map(hostsLines));
      return lookUp(ctx, keys, (key) => hostByKey(cluster, pod, hosts, key), hostsLines);
    case "ahostsv4":
      if (keys.length === 0) return print(ctx, hosts.map(entryOf).map(hostsLines));
      return lookUp(ctx, keys, (key) => addrinfoV4(cluster, pod, hosts, key), addrinfoLines);
    case "passwd":
    case "group":
      return filesDatabase(ctx, database, keys);
    default:
      ctx.stderr(`getent: the ${database} database is not available in this sandbox yet\n`);
      return 1;
  }
};

function readFile(ctx: PodToolContext, path: string): string | undefined {
  const fs = ctx.shell?.fs;
  return fs?.stat(path)?.type === "file" ? fs.readFile(path) : undefined;
}

function print(ctx: PodToolContext, blocks: string[]): number {
  ctx.stdout(blocks.join(""));
  return 0;
}

/** Each key looked up in turn; a key not found makes the exit status 2 and prints nothing. */
function lookUp(
  ctx: PodToolContext,
  keys: string[],
  find: (key: string) => HostEntry | undefined,
  format: (entry: HostEntry) => string,
): number {
  let status = 0;
  for (const key of keys) {
    const entry = find(key);
    if (entry) ctx.stdout(format(entry));
    else status = 2;
  }
  return status;
}

/** /etc/hosts as glibc reads it: `#` starts a comment, fields split on blanks, address first. */
function parseHosts(text: string): HostsLine[] {
  const lines: HostsLine[] = [];
  for (const raw of text.split("\n")) {
    const [address, ...names] = raw
      .replace(/#.*/, "")
      .trim()
      .split(/[ \t]+/);
    if (address && names.length > 0 && isAddress(address)) lines.push({ address, names });
  }
  return lines;
}

const isIPv6 = (text: string) => /^[0-9a-f:.]+$/i.test(text) && text.includes(":");
const isAddress = (text: string) => parseIPv4(text) !== undefined || isIPv6(text);

const entryOf = (line: HostsLine): HostEntry => ({
  name: line.names[0]!,
  aliases: line.names.slice(1),
  addresses: [line.address],
});

/** print_hosts: one line per address, `%-15s %s` and the aliases. */
function hostsLines(entry: HostEntry): string {
  const names = [entry.name, ...entry.aliases].join(" ");
  return entry.addresses.map((address) => `${address.padEnd(15)} ${names}\n`).join("");
}

/** ahosts: STREAM, DGRAM and RAW per address (getaddrinfo's order), the canonical name on the first line. */
function addrinfoLines(entry: HostEntry): string {
  let text = "";
  for (const [i, address] of entry.addresses.entries()) {
    for (const [j, type] of ["STREAM", "DGRAM", "RAW"].entries()) {
      text += `${address.padEnd(15)} ${type.padEnd(6)} ${i === 0 && j === 0 ? entry.name : ""}\n`;
    }
  }
  return text;
}

/**
 * gethostbyaddr for an address literal, else gethostbyname2 for IPv6 then IPv4 (hosts_keys): the
 * files first, then DNS. The cluster answers no AAAA, so a name's IPv6 entries can come only from
 * /etc/hosts (`localhost` is `::1` there, as on any glibc system).
 */
function hostByKey(
  cluster: Cluster,
  pod: KubeObject,
  hosts: HostsLine[],
  key: string,
): HostEntry | undefined {
  if (isIPv6(key)) return hostsByAddress(hosts, key);
  if (parseIPv4(key) !== undefined) return hostsByAddress(hosts, key) ?? dnsByAddress(cluster, key);
  return (
    hostsByName(hosts, key, isIPv6) ?? hostsByName(hosts, key, isIPv4Line) ?? dnsByName(cluster, pod, key)
  );
}

/** getaddrinfo(AF_INET, AI_CANONNAME): a literal stands for itself; a name goes to the files, then DNS. */
function addrinfoV4(
  cluster: Cluster,
  pod: KubeObject,
  hosts: HostsLine[],
  key: string,
): HostEntry | undefined {
  if (parseIPv4(key) !== undefined) return { name: key, aliases: [], addresses: [key] };
  if (isIPv6(key)) return undefined;
  return hostsByName(hosts, key, isIPv4Line) ?? dnsByName(cluster, pod, key);
}

const isIPv4Line = (address: string) => parseIPv4(address) !== undefined;

/** Every /etc/hosts line of the family naming `key` (glibc gathers them all); names from the first. */
function hostsByName(
  hosts: HostsLine[],
  key: string,
  family: (address: string) => boolean,
): HostEntry | undefined {
  const lower = key.toLowerCase();
  const lines = hosts.filter((l) => family(l.address) && l.names.some((n) => n.toLowerCase() === lower));
  if (lines.length === 0) return undefined;
  return { ...entryOf(lines[0]!), addresses: lines.map((l) => l.address) };
}

function hostsByAddress(hosts: HostsLine[], address: string): HostEntry | undefined {
  const line = hosts.find((l) => l.address === address);
  return line ? entryOf(line) : undefined;
}

/** res_search under the pod's search list and ndots (resolveByDns): a DNS answer has no aliases. */
function dnsByName(cluster: Cluster, pod: KubeObject, key: string): HostEntry | undefined {
  const found = resolveByDns(cluster, pod, key);
  return found && { ...found, aliases: [] };
}

function dnsByAddress(cluster: Cluster, address: string): HostEntry | undefined {
  const ptr = queryDns(cluster, reverseName(address), "PTR").answers.find((r) => r.type === "PTR");
  return ptr?.type === "PTR" ? { name: ptr.target, aliases: [], addresses: [address] } : undefined;
}

/**
 * passwd and group from the container's /etc files: a key is a name, or a number (uid, gid);
 * glibc prints each entry again with putpwent / putgrent, which writes the fields as the file has them.
 */
function filesDatabase(ctx: PodToolContext, database: "passwd" | "group", keys: string[]): number {
  const entries = (readFile(ctx, `/etc/${database}`) ?? "")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(":"));
  const line = (fields: string[]) => `${fields.join(":")}\n`;
  if (keys.length === 0) return print(ctx, entries.map(line));
  let status = 0;
  for (const key of keys) {
    const numeric = /^\d+$/.test(key);
    const found = entries.find((fields) => (numeric ? fields[2] === String(Number(key)) : fields[0] === key));
    if (found) ctx.stdout(line(found));
    else status = 2;
  }
  return status;
}
