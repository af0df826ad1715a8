/**
 * `docker` on the learner's machine, as far as kind users use it to break things: `docker ps
 * [-a]` lists the kind node containers, `docker stop <node>` stops a node (its kubelet goes
 * silent; see cluster/nodes/lifecycle.ts for what the control plane then does) and
 * `docker start <node>` brings it back. Output is docker's own: its table writer pads columns
 * by 3 with a minimum width of 10, and CREATED/STATUS use docker's human durations.
 */

import type { Cluster } from "../cluster/cluster.ts";
import { nodeRecord } from "../cluster/kubelet/state.ts";
import { isNodeUp, startNode, stopNode } from "../cluster/nodes/power.ts";
import { stableDigest } from "../images/log-time.ts";
import type { ExitStatus } from "../output.ts";
import type { CommandContext } from "./command.ts";

/** The kind node image and the host port kind published the API server on (kubeconfig's server). */
export const KIND_NODE_IMAGE = "kindest/node:v1.34.0";
export const KIND_API_HOST_PORT = 40123;
/** How long before its node object the node container was created (kind boots, then kubeadm registers). */
const BOOT_MS = 20_000;

/** docker's units.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  const days = Math.floor(hours / 24);
  if (days < 14) return `${days} days`;
  if (days < 60) return `${Math.floor(days / 7)} weeks`;
  if (days < 365 * 2) return `${Math.floor(days / 30)} months`;
  return `${Math.floor(days / 365)} years`;
}

/** docker's tabwriter: minwidth 10, padding 3, last column unpadded. */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 10);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join(""))
    .map((line) => `${line}\n`)
    .join("");
}

function containerID(name: string): string {
  return stableDigest(`kind-node:${name}`).slice("sha256:".length, "sha256:".length + 12);
}

function psRows(cluster: Cluster, all: boolean): string[][] {
  const now = cluster.clock.now();
  const rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]];
  const nodes = cluster.api.list("Node").reverse();
  for (const node of nodes) {
    const name = node.metadata.name;
    const up = isNodeUp(cluster, name);
    if (!up && !all) continue;
    const created = Date.parse(node.metadata.creationTimestamp ?? cluster.api.timestamp()) - BOOT_MS;
    const record = nodeRecord(cluster, name);
    const since = Math.max(record.changedAt, created);
    const status = up ? `Up ${humanDuration(now - since)}` : `Exited (137) ${humanDuration(now - since)} ago`;
    const controlPlane = node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined;
    rows.push([
      containerID(name),
      KIND_NODE_IMAGE,
      '"/usr/local/bin/entr…"',
      `${humanDuration(now - created)} ago`,
      status,
      controlPlane && up ? `127.0.0.1:${KIND_API_HOST_PORT}->6443/tcp` : "",
      name,
    ]);
  }
  return rows;
}

function nodeNamed(cluster: Cluster, name: string): boolean {
  return cluster.api.tryGet("Node", undefined, name) !== undefined || containerIDs(cluster).has(name);
}

function containerIDs(cluster: Cluster): Map<string, string> {
  return new Map(cluster.api.list("Node").map((n) => [containerID(n.metadata.name), n.metadata.name]));
}

export async function docker(ctx: CommandContext): Promise<ExitStatus> {
  const [, sub, ...args] = ctx.argv;
  const { cluster } = ctx.env;
  if (sub === "ps") {
    const all = args.includes("-a") || args.includes("--all");
    ctx.stdout(table(psRows(cluster, all)));
    return 0;
  }
  if (sub === "stop" || sub === "start") {
    if (args.length === 0) {
      ctx.stderr(
        `"docker ${sub}" requires at least 1 argument.\nSee 'docker ${sub} --help'.\n\nUsage:  docker ${sub} [OPTIONS] CONTAINER [CONTAINER...]\n\n${sub === "stop" ? "Stop one or more running containers" : "Start one or more stopped containers"}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const arg of args) {
      if (!nodeNamed(cluster, arg)) {
        ctx.stderr(`Error response from daemon: No such container: ${arg}\n`);
        status = 1;
        continue;
      }
      const name = containerIDs(cluster).get(arg) ?? arg;
      if (sub === "stop") stopNode(cluster, name);
      else startNode(cluster, name);
      ctx.stdout(`${arg}\n`);
    }
    return status;
  }
  if (sub === undefined) {
    ctx.stdout(
      "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nIn this sandbox: docker ps [-a], docker stop <node>, docker start <node>\n",
    );
    return 0;
  }
  ctx.stderr(`docker: unknown command: docker ${sub}\n\nRun 'docker --help' for more information\n`);
  return 1;
}
