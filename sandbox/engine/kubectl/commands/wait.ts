/**
 * kubectl wait (pkg/cmd/wait/*, kubectl.md §17): --for=condition=X[=value], --for=delete,
 * --for=create, --for=jsonpath={...}[=value]. Each object is watched in simulated time until the
 * condition holds (`<kind>/<name> condition met`) or --timeout (default 30s) runs out
 * (`error: timed out waiting for the condition on <plural>/<name>`).
 */
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/wait.ts";
import { executeJsonPath, JsonPathError, parseJsonPath } from "../jsonpath.ts";
import { type LiveTarget, liveTargets } from "../manifests/targets.ts";
import { kindPrefix } from "../resources.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "all", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.allNamespaces,
  COMMON_FLAGS.fieldSelector,
  COMMON_FLAGS.filename,
  { name: "for", type: "string", default: "", usage: "" },
  { name: "local", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.output,
  COMMON_FLAGS.recursive,
  COMMON_FLAGS.selector,
  { name: "timeout", type: "duration", default: 30_000, usage: "" },
];

const STEP_MS = 1000;
const JSONPATH_FORMAT =
  "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'";

/** Whether the live object (undefined once it is gone) satisfies the condition. */
type Check = (live: KubeObject | undefined, original: KubeObject) => boolean;

function parseFor(raw: string): { check: Check; isDelete: boolean } | { error: string } {
  const lower = raw.toLowerCase();
  if (lower === "delete") {
    return {
      isDelete: true,
      check: (live, original) => !live || live.metadata.uid !== original.metadata.uid,
    };
  }
  if (lower === "create") return { isDelete: false, check: (live) => live !== undefined };
  if (lower.startsWith("condition=")) {
    const [name = "", value = "true"] = raw.slice("condition=".length).split("=");
    if (name === "") return { error: `unrecognized condition: "${raw}"` };
    return {
      isDelete: false,
      check: (live) => {
        const conditions =
          (live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
        return conditions.some(
          (c) =>
            c.type.toLowerCase() === name.toLowerCase() && c.status.toLowerCase() === value.toLowerCase(),
        );
      },
    };
  }
  if (lower.startsWith("jsonpath=")) {
    const body = raw.slice("jsonpath=".length);
    const close = body.lastIndexOf("}");
    if (!body.startsWith("{") || close < 0) return { error: JSONPATH_FORMAT };
    const template = body.slice(0, close + 1);
    const rest = body.slice(close + 1);
    if (rest !== "" && !rest.startsWith("=")) return { error: JSONPATH_FORMAT };
    const expected = rest === "" ? undefined : rest.slice(1);
    let nodes: ReturnType<typeof parseJsonPath>;
    try {
      nodes = parseJsonPath(template);
    } catch (error) {
      if (error instanceof JsonPathError) return { error: `${error.message}` };
      throw error;
    }
    return {
      isDelete: false,
      check: (live) => {
        if (!live) return false;
        try {
          const value = executeJsonPath(nodes, JSON.parse(JSON.stringify(live)));
          return expected === undefined ? value !== "" : value === expected;
        } catch {
          return false;
        }
      },
    };
  }
  return { error: `unrecognized condition: "${raw}"` };
}

async function waitFor(
  invocation: KubectlInvocation,
  target: LiveTarget,
  check: Check,
  timeoutMs: number,
): Promise<boolean> {
  const { ctx } = invocation;
  const cluster = ctx.env.cluster;
  const { object } = target;
  const current = () => cluster.api.tryGet(object.kind, object.metadata.namespace, object.metadata.name);
  const deadline = cluster.clock.now() + timeoutMs;
  cluster.runControllers();
  while (!check(current(), object)) {
    if (cluster.clock.now() >= deadline) return false;
    await ctx.env.time.wait(Math.min(STEP_MS, deadline - cluster.clock.now()), ctx.signal);
  }
  return true;
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const condition = parseFor(flags.string("for"));
  if ("error" in condition) return fail(condition.error);
  const resolved = liveTargets(invocation, { args: flags.args, all: flags.bool("all") });
  if (!resolved.ok) return fail(resolved.error);
  if (resolved.targets.length === 0) {
    if (resolved.errors.length > 0 && !condition.isDelete) {
      ctx.stderr(errorsText(resolved.errors));
      return 1;
    }
    return condition.isDelete ? 0 : fail("no matching resources found");
  }
  const timeout = flags.duration("timeout");
  for (const target of resolved.targets) {
    if (!(await waitFor(invocation, target, condition.check, timeout))) {
      return fail(
        `timed out waiting for the condition on ${target.type.plural}/${target.object.metadata.name}`,
      );
    }
    ctx.stdout(`${kindPrefix(target.type)}/${target.object.metadata.name} condition met\n`);
  }
  return 0;
}

export const wait: KubectlVerb = { flags: FLAGS, help: HELP, run };
