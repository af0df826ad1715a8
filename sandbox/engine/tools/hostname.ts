import type { Tool, ToolContext } from "../shell/interpreter.ts";

/** The machine's name: /etc/hostname in the shell's filesystem, else $HOSTNAME. */
export function machineName(ctx: ToolContext): string {
  try {
    return ctx.shell.fs.readFile("/etc/hostname").trim();
  } catch {
    return ctx.shell.vars.get("HOSTNAME") ?? "localhost";
  }
}

/** The /etc/hosts line naming this machine: [ip, canonical name, ...aliases]. */
function hostsEntry(ctx: ToolContext, name: string): string[] | undefined {
  let hosts = "";
  try {
    hosts = ctx.shell.fs.readFile("/etc/hosts");
  } catch {
    return undefined;
  }
  for (const line of hosts.split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length >= 2 && fields.slice(1).includes(name)) return fields;
  }
  return undefined;
}

/**
 * `hostname [-f|-i|-s]`: the name, the fully qualified name (the canonical name on the hosts
 * line, which for a StatefulSet pod is `web-0.nginx.default.svc.cluster.local`), or the address.
 */
export const hostname: Tool = async (ctx) => {
  const name = machineName(ctx);
  const flag = ctx.argv[1];
  if (flag === undefined || flag === "-s" || flag === "--short") {
    ctx.stdout(`${flag ? name.split(".")[0] : name}\n`);
    return 0;
  }
  const entry = hostsEntry(ctx, name);
  if (flag === "-f" || flag === "--fqdn" || flag === "--long") {
    ctx.stdout(`${entry?.[1] ?? name}\n`);
    return 0;
  }
  if (flag === "-i" || flag === "--ip-address" || flag === "-I" || flag === "--all-ip-addresses") {
    if (!entry) {
      ctx.stderr("hostname: Name or service not known\n");
      return 1;
    }
    ctx.stdout(flag === "-I" || flag === "--all-ip-addresses" ? `${entry[0]} \n` : `${entry[0]}\n`);
    return 0;
  }
  ctx.stderr("hostname: you must be root to change the host name\n");
  return 1;
};
