import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster/cluster.ts";
import { type DnsRecord, type DnsResponse, type QueryType, queryDns } from "../../cluster/network/dns.ts";
import { parseIPv4, reverseName } from "../../cluster/network/ipv4.ts";
import { candidateNames, resolveHost, resolverConfig } from "../../cluster/network/pod-dns.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { FileSystem } from "../../fs/file-tree.ts";
import type { CommandContext } from "../../shell/command.ts";

/**
 * `nslookup` inside a pod, in the three flavours images carry (networking.md §5.4):
 * - busybox ≥ 1.30 (busybox, alpine): its own DNS client; A and AAAA for every search domain
 *   of a dotless name (a dotted name is asked as is: busybox ignores ndots), every reply printed,
 *   exit 1 if any reply was an error;
 * - busybox 1.28 (the DNS-debugging docs' image): getaddrinfo with the search list;
 * - bind9 (dnsutils, debian): the search list under ndots, first answer wins.
 *
 * Each is `(ctx, pod) => exit code`, run by the pod shell with the pod it runs in.
 */
export type PodTool = (ctx: PodToolContext, pod: KubeObject) => Promise<number>;

/**
 * What a pod tool is given: the command context, and when the pod shell runs it, the shell's
 * filesystem and working directory (to save downloads) and whether it runs on a terminal. The
 * pod shell's ToolContext has this shape.
 */
export interface PodToolContext extends CommandContext {
  shell?: { fs: FileSystem; cwd: string };
  stdinIsTerminal?: boolean;
  stdoutIsTerminal?: boolean;
}

export type NslookupFlavour = "busybox" | "busybox-1.28" | "bind";

/** Which nslookup an image has: busybox 1.28 is the old one, other busybox/alpine the new one, the rest bind. */
export function nslookupFlavour(image: string): NslookupFlavour {
  if (/(^|\/)busybox:1\.28(\.\d+)?$/.test(image)) return "busybox-1.28";
  if (/(^|\/)(busybox|alpine)(:|@|$)/.test(image)) return "busybox";
  return "bind";
}

export const nslookup: PodTool = async (ctx, pod) => {
  const image = ((pod.spec as Pod["spec"])?.containers?.[0]?.image ?? "") as string;
  const flavour = nslookupFlavour(image);
  if (flavour === "busybox-1.28") return legacyBusyboxNslookup(ctx, pod);
  if (flavour === "bind") return bindNslookup(ctx, pod);
  return busyboxNslookup(ctx, pod);
};

const BUSYBOX_QTYPES: Record<string, QueryType> = {
  a: "A",
  aaaa: "AAAA",
  cname: "CNAME",
  ptr: "PTR",
  srv: "SRV",
  txt: "TXT",
};

const BUSYBOX_USAGE = `Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

Query DNS about HOST

QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any
`;

/** The cluster DNS answers on its Service IP; any other server given on the command line never replies. */
function answersFrom(server: string, cluster: Cluster, pod: Pod): boolean {
  const kubeDns = resolverConfig(pod).nameservers[0];
  return server === kubeDns || resolveHost(cluster, pod, server)?.addresses[0] === kubeDns;
}

export const busyboxNslookup: PodTool = async (ctx, pod) => {
  const cluster = ctx.env.cluster;
  const args = ctx.argv.slice(1);
  const types: QueryType[] = [];
  while (args[0]?.startsWith("-")) {
    const [option, value = ""] = args.shift()!.slice(1).split("=", 2) as [string, string?];
    if (option === "type" || option === "querytype" || option === "q" || option === "query") {
      const type = BUSYBOX_QTYPES[value.toLowerCase()];
      if (!type) {
        ctx.stderr(`nslookup: invalid query type "${value}"\n`);
        return 1;
      }
      types.push(type);
    } else if (!["port", "retry", "debug", "t", "timeout"].includes(option)) {
      ctx.stderr(BUSYBOX_USAGE);
      return 1;
    }
  }
  const [name, server, extra] = args;
  if (name === undefined || extra !== undefined) {
    ctx.stderr(BUSYBOX_USAGE);
    return 1;
  }
  const config = resolverConfig(pod as Pod);
  const serverAddress = server ?? config.nameservers[0] ?? "127.0.0.1";
  if (!answersFrom(serverAddress, cluster, pod as Pod)) {
    ctx.stdout(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  const queries: { name: string; type: QueryType }[] = [];
  const withSearch = (type: QueryType, host: string) => {
    if (type === "PTR" || config.searches.length === 0 || host.includes("."))
      queries.push({ name: host, type });
    else for (const domain of config.searches) queries.push({ name: `${host}.${domain}`, type });
  };
  if (types.length === 0) {
    if (parseIPv4(name) !== undefined) queries.push({ name: reverseName(name), type: "PTR" });
    else {
      withSearch("A", name);
      withSearch("AAAA", name);
    }
  } else for (const type of types) withSearch(type, name);

  let out = `Server:\t\t${serverAddress}\nAddress:\t${serverAddress}:53\n\n`;
  let exitCode = 0;
  // Replies come back in no fixed order; like the sessions quoted in networking.md, the answers
  // for the last search domains print first.
  for (const query of replyOrder(queries)) {
    const response = queryDns(cluster, query.name, query.type);
    if (response.rcode !== "NOERROR") {
      out += `** server can't find ${query.name}: ${response.rcode}\n\n`;
      exitCode = 1;
      continue;
    }
    const printed = response.answers.map(busyboxRecord).join("");
    out += printed === "" ? `*** Can't find ${query.name}: No answer\n\n` : `${printed}\n`;
  }
  ctx.stdout(out);
  return exitCode;
};

/** Each query type's replies in reverse order of the search list (see the comment at the call). */
function replyOrder<T extends { type: QueryType }>(queries: T[]): T[] {
  const types = [...new Set(queries.map((q) => q.type))];
  return types.flatMap((type) => queries.filter((q) => q.type === type).reverse());
}

function busyboxRecord(record: DnsRecord): string {
  switch (record.type) {
    case "A":
      return `Name:\t${record.name}\nAddress: ${record.address}\n`;
    case "CNAME":
      return `${record.name}\tcanonical name = ${record.target}\n`;
    case "PTR":
      return `${record.name}\tname = ${record.target}\n`;
    case "TXT":
      return `${record.name}\ttext = "${record.text}"\n`;
    case "SRV":
      return `${record.name}\tservice = ${record.priority} ${record.weight} ${record.port} ${record.target}\n`;
  }
}

/** bind9's nslookup: the search list under ndots; the first name that exists is printed. */
export const bindNslookup: PodTool = async (ctx, pod) => {
  const cluster = ctx.env.cluster;
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  const [name, server] = args;
  if (name === undefined) {
    // Without a name bind's nslookup goes interactive; a pod shell has no use for that.
    ctx.stdout("> ");
    return 0;
  }
  const config = resolverConfig(pod as Pod);
  const serverAddress = server ?? config.nameservers[0] ?? "127.0.0.1";
  if (!answersFrom(serverAddress, cluster, pod as Pod)) {
    ctx.stdout(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  let out = `Server:\t\t${serverAddress}\nAddress:\t${serverAddress}#53\n\n`;
  const reverse = parseIPv4(name) !== undefined;
  const names = reverse ? [reverseName(name)] : candidateNames(name, config);
  let last = names[names.length - 1] ?? name;
  for (const candidate of names) {
    last = candidate;
    const a: DnsResponse = queryDns(cluster, candidate, reverse ? "PTR" : "A");
    if (a.rcode !== "NOERROR") continue;
    const aaaa = reverse ? [] : queryDns(cluster, candidate, "AAAA").answers;
    out += [...a.answers, ...aaaa].map(bindRecord).join("");
    ctx.stdout(`${out}\n`);
    return 0;
  }
  ctx.stdout(`${out}** server can't find ${last}: NXDOMAIN\n\n`);
  return 1;
};

function bindRecord(record: DnsRecord): string {
  switch (record.type) {
    case "CNAME":
      return `${record.name}\tcanonical name = ${record.target}.\n`;
    case "PTR":
      return `${record.name}\tname = ${record.target}.\n`;
    default:
      return busyboxRecord(record);
  }
}

/**
 * busybox 1.28: getaddrinfo through the pod's resolver, each address followed by its reverse
 * name when it has one. The name that failed is reported on stderr.
 */
export const legacyBusyboxNslookup: PodTool = async (ctx, pod) => {
  const cluster = ctx.env.cluster;
  const name = ctx.argv[1];
  if (name === undefined || name.startsWith("-")) {
    ctx.stderr(
      "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n",
    );
    return 1;
  }
  const server = resolverConfig(pod as Pod).nameservers[0] ?? "127.0.0.1";
  const nameOf = (ip: string) => {
    const ptr = queryDns(cluster, reverseName(ip), "PTR").answers[0];
    return ptr?.type === "PTR" ? ` ${ptr.target}` : "";
  };
  let out = `Server:    ${server}\nAddress 1: ${server}${nameOf(server)}\n\n`;
  const resolved = resolveHost(cluster, pod as Pod, name);
  if (!resolved) {
    ctx.stdout(out);
    ctx.stderr(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  out += `Name:      ${name}\n`;
  resolved.addresses.forEach((ip, i) => {
    out += `Address ${i + 1}: ${ip}${nameOf(ip)}\n`;
  });
  ctx.stdout(out);
  return 0;
};
