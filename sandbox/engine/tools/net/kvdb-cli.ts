import { kvdbRequest } from "../../cluster/kubelet/kvdb.ts";
import { resolveHost } from "../../cluster/network/pod-dns.ts";
import { route } from "../../cluster/network/traffic.ts";
import { KVDB_PORT } from "../../images/kvdb.ts";
import type { PodTool } from "./pod-tool.ts";

/**
 * `kvdb-cli [-h host] [-p port] COMMAND [args…]` inside a statelab/kvdb pod (images/kvdb.ts),
 * shaped like redis-cli: the host (default: this pod) is resolved as getaddrinfo would, the
 * connection routed like any TCP connection (a Service IP picks an endpoint), and the server in
 * the pod that answers runs the command (cluster/kubelet/kvdb.ts).
 */
export const kvdbCli: PodTool = async (ctx, pod) => {
  let host = "127.0.0.1";
  let port = KVDB_PORT;
  const args = ctx.argv.slice(1);
  while (args[0] === "-h" || args[0] === "-p") {
    const flag = args.shift();
    const value = args.shift();
    if (value === undefined) {
      ctx.stderr(`Unrecognized option or bad number of args for: '${flag}'\n`);
      return 1;
    }
    if (flag === "-h") host = value;
    else port = Number(value);
  }
  if (args.length === 0) {
    ctx.stderr("Usage: kvdb-cli [-h host] [-p port] SET key value | GET key | DEL key | KEYS | ROLE\n");
    return 1;
  }
  const cluster = ctx.env.cluster;
  const resolved = resolveHost(cluster, pod, host);
  if (!resolved) {
    ctx.stdout(`Could not connect to kvdb at ${host}:${port}: Name or service not known\n`);
    return 1;
  }
  const target = route(cluster, pod, resolved.addresses[0]!, port);
  if (target.kind !== "pod" || target.port !== KVDB_PORT) {
    ctx.stdout(`Could not connect to kvdb at ${host}:${port}: Connection refused\n`);
    return 1;
  }
  const reply = kvdbRequest(cluster, target.pod, args);
  ctx.stdout(reply.output);
  return reply.status;
};
