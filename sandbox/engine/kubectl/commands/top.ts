/**
 * kubectl top pod|node (pkg/cmd/top). It reads the Metrics API (metrics.k8s.io), which
 * metrics-server serves; kind installs no metrics-server, so on the cluster this sandbox is,
 * every well-formed `kubectl top` ends as it does there: `error: Metrics API not available`.
 * The checks kubectl makes before asking the server come first, with their own messages.
 */
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP, NODE_HELP, POD_HELP } from "../help/top.ts";

const SORT_BY: FlagSpec = { name: "sort-by", type: "string", default: "", usage: "" };
const NO_HEADERS: FlagSpec = { name: "no-headers", type: "bool", default: false, usage: "" };
const PROTOBUF: FlagSpec = { name: "use-protocol-buffers", type: "bool", default: true, usage: "" };

/** cobra names the command by its name, not the alias typed (`top no` → `kubectl top node`). */
function usageError(invocation: KubectlInvocation, command: string, text: string): number {
  invocation.ctx.stderr(`error: ${text}\nSee '${command} -h' for help and examples\n`);
  return 1;
}

function fail(invocation: KubectlInvocation, text: string): number {
  invocation.ctx.stderr(`error: ${text}\n`);
  return 1;
}

/** `top pod` / `top node`: argument and flag checks (Complete, Validate), then the API's answer. */
function topOf(kind: "pod" | "node", help: string, flags: readonly FlagSpec[]): KubectlVerb {
  return {
    flags,
    help,
    async run(invocation) {
      const { flags: parsed } = invocation;
      if (parsed.args.length > 1)
        return usageError(invocation, `kubectl top ${kind}`, `${kind} [NAME | -l label]`);
      const sortBy = parsed.string("sort-by");
      if (sortBy !== "" && sortBy !== "cpu" && sortBy !== "memory")
        return fail(invocation, "--sort-by accepts only cpu or memory");
      const selector =
        parsed.string("selector") !== "" || (kind === "pod" && parsed.string("field-selector") !== "");
      if (parsed.args.length === 1 && selector)
        return fail(
          invocation,
          `only one of NAME or ${kind === "pod" ? "selector" : "--selector"} can be provided`,
        );
      // Discovery finds no metrics.k8s.io group: kind runs no metrics-server.
      return fail(invocation, "Metrics API not available");
    },
  };
}

const pod = topOf("pod", POD_HELP, [
  COMMON_FLAGS.allNamespaces,
  { name: "containers", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.fieldSelector,
  NO_HEADERS,
  COMMON_FLAGS.selector,
  SORT_BY,
  { name: "sum", type: "bool", default: false, usage: "" },
  PROTOBUF,
]);

const node = topOf("node", NODE_HELP, [
  NO_HEADERS,
  COMMON_FLAGS.selector,
  { name: "show-capacity", type: "bool", default: false, usage: "" },
  SORT_BY,
  PROTOBUF,
]);

export const top: KubectlVerb = {
  flags: [],
  help: HELP,
  subcommands: { pod, pods: pod, po: pod, node, nodes: node, no: node },
  async run(invocation) {
    const { ctx, flags } = invocation;
    // cobra's DefaultSubCommandRun: an unknown word is a usage error, none prints the help to stderr.
    if (flags.args.length > 0)
      return usageError(invocation, "kubectl top", `unknown command "${flags.args.join(" ")}"`);
    ctx.stderr(HELP);
    return 1;
  },
};
