/**
 * kubectl scale (pkg/cmd/scale/scale.go, kubectl.md §11): sets spec.replicas through the scale
 * subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers, after checking
 * --current-replicas / --resource-version preconditions. Prints `<kind>[.<group>]/<name> scaled`.
 */
import { ApiError } from "../../cluster/errors.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/scale.ts";
import { liveTargets } from "../manifests/targets.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "all", type: "bool", default: false, usage: "" },
  { name: "current-replicas", type: "int", default: -1, usage: "" },
  DRY_RUN_FLAG,
  COMMON_FLAGS.filename,
  COMMON_FLAGS.output,
  COMMON_FLAGS.recursive,
  { name: "replicas", type: "int", default: -1, usage: "" },
  { name: "resource-version", type: "string", default: "", usage: "" },
  COMMON_FLAGS.selector,
  { name: "timeout", type: "duration", default: 0, usage: "" },
];

/** Kinds that serve a /scale subresource. */
const SCALABLE = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const replicas = flags.int("replicas");
  if (replicas < 0)
    return fail("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(dryRun.error);
  const resolved = liveTargets(invocation, { args: flags.args, all: flags.bool("all") });
  if (!resolved.ok) return fail(resolved.error);
  const current = flags.int("current-replicas");
  const resourceVersion = flags.string("resource-version");
  if (resourceVersion !== "" && resolved.targets.length > 1) {
    return fail("cannot use --resource-version with multiple resources");
  }
  const errors = [...resolved.errors];
  for (const { type, object } of resolved.targets) {
    if (!SCALABLE.has(type.kind)) {
      errors.push(new ApiError("NotFound", "the server could not find the requested resource"));
      continue;
    }
    const spec = (object.spec ?? {}) as { replicas?: number };
    const actual = spec.replicas ?? 1;
    if (current >= 0 && actual !== current) {
      errors.push(new Error(`Expected replicas to be ${current}, was ${actual}`));
      continue;
    }
    if (resourceVersion !== "" && object.metadata.resourceVersion !== resourceVersion) {
      errors.push(
        new Error(
          `Expected resource version to be ${resourceVersion}, was ${object.metadata.resourceVersion}`,
        ),
      );
      continue;
    }
    try {
      if (dryRun !== "client")
        ctx.env.cluster.api.update(
          { ...object, spec: { ...spec, replicas } },
          { dryRun: dryRun === "server" },
        );
      ctx.stdout(
        successLine(type, object.metadata.name, "scaled", { dryRun, output: flags.string("output") }),
      );
    } catch (error) {
      errors.push(error);
    }
  }
  if (resolved.targets.length === 0 && errors.length === 0) return fail("no objects passed to scale");
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

export const scale: KubectlVerb = { flags: FLAGS, help: HELP, run };
