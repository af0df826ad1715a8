import type { Pod, Service } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster/cluster.ts";
import { resolveHost } from "../../cluster/network/pod-dns.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { isAbortError } from "../../time-driver.ts";
import type { PodTool } from "./nslookup.ts";

/**
 * BusyBox ping inside a pod (networking.md §6): pod IPs answer (ttl 64 on the pod network), a
 * ClusterIP never does (kube-proxy only forwards the Service's ports), nor does an address no pod
 * holds. One echo per simulated second; `-c N` stops after N, otherwise Ctrl-C does, and either
 * way the statistics follow. Exit 0 when anything came back.
 */
export const ping: PodTool = async (ctx, pod) => {
  let count = Number.POSITIVE_INFINITY;
  let host: string | undefined;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-c") count = Number(args[++i]);
    else if (arg.startsWith("-c")) count = Number(arg.slice(2));
    else if (!arg.startsWith("-")) host = arg;
  }
  if (host === undefined || Number.isNaN(count)) {
    ctx.stderr("Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n");
    return 1;
  }
  // Without -c ping runs until Ctrl-C. Where nobody can press it (scripts, tests: instant time),
  // it stops after 4 echoes as if interrupted, rather than never returning.
  if (count === Number.POSITIVE_INFINITY && ctx.env.time.mode === "instant") count = 4;
  if (ctx.env.time.mode === "instant") count = Math.min(count, 10_000);
  const cluster = ctx.env.cluster;
  const resolved = resolveHost(cluster, pod, host);
  if (!resolved) {
    ctx.stderr(`ping: bad address '${host}'\n`);
    return 1;
  }
  const ip = resolved.addresses[0]!;
  const answers = answersPing(cluster, pod, ip);
  ctx.stdout(`PING ${host} (${ip}): 56 data bytes\n`);
  const times: number[] = [];
  let sent = 0;
  try {
    while (sent < count) {
      if (sent > 0) await ctx.env.time.wait(1000, ctx.signal);
      sent++;
      if (!answers) continue;
      // Round trips on one node are tens of microseconds; seeded so the same run prints the same.
      const micros = 40 + cluster.rng.int(80);
      times.push(micros);
      ctx.stdout(`64 bytes from ${ip}: seq=${sent - 1} ttl=64 time=${ms(micros)} ms\n`);
    }
    if (!answers) await ctx.env.time.wait(1000, ctx.signal);
  } catch (error) {
    if (!isAbortError(error)) throw error;
  }
  const received = times.length;
  const loss = sent === 0 ? 0 : Math.floor(((sent - received) * 100) / sent);
  ctx.stdout(
    `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`,
  );
  if (received > 0) {
    const avg = Math.floor(times.reduce((a, b) => a + b, 0) / received);
    ctx.stdout(
      `round-trip min/avg/max = ${ms(Math.min(...times))}/${ms(avg)}/${ms(Math.max(...times))} ms\n`,
    );
  }
  return received > 0 ? 0 : 1;
};

/** busybox's "%u.%03u" of a time in microseconds. */
function ms(micros: number): string {
  return `${Math.floor(micros / 1000)}.${String(micros % 1000).padStart(3, "0")}`;
}

/** Whether an ICMP echo to `ip` comes back: the pod itself, loopback, a running pod or a node. */
function answersPing(cluster: Cluster, from: KubeObject, ip: string): boolean {
  if (ip === "127.0.0.1" || ip === (from as unknown as Pod).status?.podIP) return true;
  const services = cluster.api.list("Service") as unknown as Service[];
  if (services.some((s) => s.spec?.clusterIP === ip)) return false;
  const pods = cluster.api.list("Pod") as unknown as Pod[];
  if (pods.some((p) => p.status?.podIP === ip && p.status.phase === "Running")) return true;
  return cluster.api
    .list("Node")
    .some((n) =>
      ((n.status as { addresses?: { address: string }[] })?.addresses ?? []).some((a) => a.address === ip),
    );
}
