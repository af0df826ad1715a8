import type { Tool } from "../shell/interpreter.ts";
import { machineName } from "./hostname.ts";

/** `uname [-a|-s|-n|-r|-m]`: the kernel is the node's (kind nodes share the host's kernel). */
export const uname: Tool = async (ctx) => {
  const node = ctx.env.cluster.store.list("Node")[0];
  const info = (node?.status as { nodeInfo?: { kernelVersion?: string } } | undefined)?.nodeInfo;
  const release = info?.kernelVersion ?? "6.8.0-1027-azure";
  const fields = {
    s: "Linux",
    n: machineName(ctx),
    r: release,
    v: "#32~22.04.1-Ubuntu SMP Tue Apr 22 18:12:30 UTC 2025",
    m: "x86_64",
    o: "GNU/Linux",
  };
  const flags = ctx.argv.slice(1).join("").replace(/-/g, "");
  if (flags === "" || flags === "s") {
    ctx.stdout("Linux\n");
    return 0;
  }
  const order = ["s", "n", "r", "v", "m", "o"] as const;
  const wanted = flags.includes("a") ? order : order.filter((k) => flags.includes(k));
  ctx.stdout(`${wanted.map((k) => fields[k]).join(" ")}\n`);
  return 0;
};
