import type { CommandContext } from "../../shell/command.ts";
import { usageError } from "../errors.ts";
import { NODE_COLUMNS, NODE_WIDE_COLUMNS, nodeRow } from "../printers/node.ts";
import { alignColumns } from "../printers/tabwriter.ts";

const NODE_NAMES = new Set(["nodes", "node", "no"]);
const NAMESPACED_TYPES = new Set(["pods", "pod", "po", "services", "service", "svc", "statefulsets", "sts"]);

export async function get(ctx: CommandContext, args: string[]): Promise<number> {
  const { cluster } = ctx.env;
  const positional = args.filter((a) => !a.startsWith("-"));
  const wide = args.includes("-o=wide") || args.includes("--output=wide") || hasPair(args, "-o", "wide");
  const type = positional[0]?.toLowerCase();
  if (type === undefined) {
    ctx.stderr(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    return usageError(
      ctx,
      "get",
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  if (NODE_NAMES.has(type)) {
    const nodes = cluster.store.list("Node");
    const now = cluster.clock.now();
    const header = wide ? [...NODE_COLUMNS, ...NODE_WIDE_COLUMNS] : NODE_COLUMNS;
    ctx.stdout(alignColumns([header, ...nodes.map((n) => nodeRow(n, now, wide))]));
    return 0;
  }
  if (NAMESPACED_TYPES.has(type)) {
    ctx.stderr("No resources found in default namespace.\n");
    return 0;
  }
  ctx.stderr(`error: the server doesn't have a resource type "${positional[0]}"\n`);
  return 1;
}

function hasPair(args: string[], flag: string, value: string): boolean {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] === value;
}
