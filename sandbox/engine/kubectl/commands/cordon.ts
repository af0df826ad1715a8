/**
 * kubectl cordon / uncordon (pkg/cmd/drain/cordon.go, kubectl.md §18): sets or clears
 * `spec.unschedulable` on each node named (or matched by -l). The node lifecycle controller, not
 * kubectl, adds the `node.kubernetes.io/unschedulable:NoSchedule` taint that follows from it.
 */
import type { KubeObject } from "../../cluster/types.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP as CORDON_HELP } from "../help/cordon.ts";
import { HELP as UNCORDON_HELP } from "../help/uncordon.ts";
import { liveTargets } from "../manifests/targets.ts";

const FLAGS: readonly FlagSpec[] = [DRY_RUN_FLAG, COMMON_FLAGS.selector];

/**
 * Marks one node (un)schedulable and returns the success line's operation: `cordoned`,
 * `already cordoned`, `uncordoned` or `already uncordoned`. Shared with drain.
 */
export function setUnschedulable(
  invocation: KubectlInvocation,
  node: KubeObject,
  unschedulable: boolean,
  write: boolean,
): string {
  const word = unschedulable ? "cordoned" : "uncordoned";
  const spec = (node.spec ?? {}) as { unschedulable?: boolean };
  if ((spec.unschedulable ?? false) === unschedulable) return `already ${word}`;
  if (write) {
    const { unschedulable: _old, ...rest } = spec;
    invocation.ctx.env.cluster.api.update({
      ...node,
      spec: unschedulable ? { ...rest, unschedulable: true } : rest,
    });
  }
  return word;
}

function nodeVerb(unschedulable: boolean, help: string): KubectlVerb {
  return {
    flags: FLAGS,
    help,
    async run(invocation) {
      const { ctx, flags } = invocation;
      const dryRun = parseDryRun(flags.string("dry-run"));
      if (typeof dryRun === "object") {
        ctx.stderr(`error: ${dryRun.error}\n`);
        return 1;
      }
      if (flags.args.length === 0 && !flags.string("selector")) {
        ctx.stderr(
          `error: USAGE: ${unschedulable ? "cordon" : "uncordon"} NODE [flags]\nSee '${invocation.commandPath} -h' for help and examples\n`,
        );
        return 1;
      }
      const args = flags.string("selector") ? ["nodes"] : ["nodes", ...flags.args];
      const resolved = liveTargets(invocation, { args });
      if (!resolved.ok) {
        ctx.stderr(`error: ${resolved.error}\n`);
        return 1;
      }
      for (const { type, object } of resolved.targets) {
        const operation = setUnschedulable(invocation, object, unschedulable, dryRun === "none");
        ctx.stdout(successLine(type, object.metadata.name, operation, { dryRun }));
      }
      if (resolved.errors.length > 0) ctx.stderr(errorsText(resolved.errors));
      return resolved.errors.length > 0 ? 1 : 0;
    },
  };
}

export const cordon = nodeVerb(true, CORDON_HELP);
export const uncordon = nodeVerb(false, UNCORDON_HELP);
