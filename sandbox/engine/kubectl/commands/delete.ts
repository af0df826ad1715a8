/**
 * kubectl delete (pkg/cmd/delete/delete.go, kubectl.md §8): each object's line is printed as soon
 * as its DELETE returns (`pod "x" deleted from default namespace`, the v1.34 form), errors come at
 * the end, and then kubectl waits (--wait, default true) until every deleted object is really gone,
 * which lets simulated time run through finalizers and pod grace periods.
 */
import { ApiError } from "../../cluster/errors.ts";
import { type ResourceType, resourceTypeForKind } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { DRY_RUN_FLAG, dryRunSuffix, parseDryRun } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText, withSource } from "../errors.ts";
import { listObjects } from "../fetch.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/delete.ts";
import { objectsFromFiles } from "../manifests/from-flags.ts";
import { buildTargets, kindPrefix } from "../resources.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "all", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.allNamespaces,
  { name: "cascade", type: "string", default: "background", usage: "" },
  DRY_RUN_FLAG,
  COMMON_FLAGS.fieldSelector,
  COMMON_FLAGS.filename,
  { name: "force", type: "bool", default: false, usage: "" },
  { name: "grace-period", type: "int", default: -1, usage: "" },
  { name: "ignore-not-found", type: "bool", default: false, usage: "" },
  { name: "interactive", shorthand: "i", type: "bool", default: false, usage: "" },
  { name: "kustomize", shorthand: "k", type: "string", default: "", usage: "" },
  { name: "now", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.output,
  { name: "raw", type: "string", default: "", usage: "" },
  COMMON_FLAGS.recursive,
  COMMON_FLAGS.selector,
  { name: "timeout", type: "duration", default: 0, usage: "" },
  { name: "wait", type: "bool", default: true, usage: "" },
];

/** `--timeout=0` waits "forever", which kubectl spells as one week. */
const FOREVER_MS = 7 * 24 * 3600 * 1000;
/** How often the wait re-checks; real kubectl watches, the sandbox polls simulated time. */
const WAIT_STEP_MS = 1000;

type Cascade = "Background" | "Foreground" | "Orphan";

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  source: string;
}

/** --cascade's value, with the warning kubectl prints for the old boolean spellings. */
function parseCascade(raw: string): { policy: Cascade; warning?: string } | { error: string } {
  const modes: Record<string, Cascade> = {
    background: "Background",
    foreground: "Foreground",
    orphan: "Orphan",
  };
  const mode = modes[raw];
  if (mode) return { policy: mode };
  if (raw === "true" || raw === "false") {
    const replacement = raw === "true" ? "background" : "orphan";
    return {
      policy: raw === "true" ? "Background" : "Orphan",
      warning: `warning: --cascade=${raw} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`,
    };
  }
  return { error: `invalid cascade value (${raw}). Must be "background", "foreground", or "orphan"` };
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const cluster = ctx.env.cluster;
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const cascade = parseCascade(flags.string("cascade"));
  if ("error" in cascade) return fail(cascade.error);
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(dryRun.error);
  const all = flags.bool("all");
  const selector = flags.string("selector");
  const fieldSelector = flags.string("field-selector");
  // The real client's wording (v1.32), trailing space included.
  if (all && selector) return fail("setting 'all' parameter but found a non empty selector. ");
  if (flags.bool("now") && flags.changed.has("grace-period")) {
    return fail("--now and --grace-period cannot be specified together");
  }
  let gracePeriod = flags.bool("now") ? 1 : flags.int("grace-period");
  const force = flags.bool("force");
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  if (force && gracePeriod > 0)
    return fail("--force and --grace-period greater than 0 cannot be specified together");
  if (cascade.warning) ctx.stderr(cascade.warning);

  const errors: unknown[] = [];
  const targets: Target[] = [];
  const bySelector = all || selector !== "" || fieldSelector !== "";
  if (flags.strings("filename").length > 0) {
    const read = objectsFromFiles(invocation);
    if ("fatal" in read) {
      ctx.stderr(errorsText(read.fatal.map((m) => new Error(m))));
      return 1;
    }
    errors.push(...read.errors.map((m) => new Error(m)));
    for (const { type, object, source } of read.manifests) {
      targets.push({ type, namespace: object.metadata.namespace, name: object.metadata.name, source });
    }
  } else {
    const built = buildTargets({
      args: flags.args,
      namespace: invocation.namespace,
      allNamespaces: flags.bool("all-namespaces"),
      labelSelector: selector,
      fieldSelector,
      allowEmptySelector: all,
    });
    if (!built.ok) {
      if (built.error.startsWith("You must provide one or more resources")) {
        return fail(
          "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
      }
      return fail(built.error);
    }
    for (const target of built.targets) {
      if (target.name !== undefined) {
        targets.push({ type: target.type, namespace: target.namespace, name: target.name, source: "" });
        continue;
      }
      for (const object of listObjects(cluster, target.type, target.namespace, {
        labelSelector: selector,
        fieldSelector,
      })) {
        targets.push({
          type: target.type,
          namespace: object.metadata.namespace,
          name: object.metadata.name,
          source: "",
        });
      }
    }
  }

  if (force && gracePeriod === 0) {
    ctx.stderr(
      "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
    );
  }
  const ignoreNotFound = flags.bool("ignore-not-found") || bySelector;
  const output = flags.string("output");
  const deleted: KubeObject[] = [];
  let warnedClusterScope = false;
  for (const target of targets) {
    if (!target.type.namespaced && invocation.namespaceExplicit && !warnedClusterScope) {
      ctx.stderr("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n");
      warnedClusterScope = true;
    }
    try {
      const live = cluster.api.get(target.type.kind, target.namespace, target.name);
      if (dryRun === "none") {
        cluster.api.delete(target.type.kind, target.namespace, target.name, {
          propagationPolicy: cascade.policy,
          ...(gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {}),
        });
        deleted.push(live);
      }
      ctx.stdout(
        deleteLine(target, gracePeriod === 0 && force, dryRun === "none" ? "" : dryRunSuffix(dryRun), output),
      );
    } catch (error) {
      if (error instanceof ApiError && error.reason === "NotFound" && ignoreNotFound) continue;
      errors.push(target.source ? withSource(error, "deleting", target.source) : error);
    }
  }
  if (targets.length === 0 && errors.length === 0 && !flags.bool("ignore-not-found")) {
    ctx.stdout("No resources found\n");
  }
  if (errors.length > 0) {
    if (errors.length > 0) ctx.stderr(errorsText(errors));
    return 1;
  }
  if (flags.bool("wait") && deleted.length > 0) {
    const timeout = flags.duration("timeout") || FOREVER_MS;
    return waitUntilGone(invocation, deleted, timeout);
  }
  return 0;
}

/** `pod "web-0" deleted from default namespace` (kubectl ≥1.34), or `kind/name` with -o name. */
function deleteLine(target: Target, forced: boolean, suffix: string, output: string): string {
  const kind = kindPrefix(target.type);
  if (output === "name") return `${kind}/${target.name}\n`;
  const operation = `${forced ? "force deleted" : "deleted"}${suffix}`;
  const where = target.type.namespaced && target.namespace ? ` from ${target.namespace} namespace` : "";
  return `${kind} "${target.name}" ${operation}${where}\n`;
}

/** Lets simulated time pass until each object is gone (or was replaced: its UID changed). */
async function waitUntilGone(
  invocation: KubectlInvocation,
  objects: KubeObject[],
  timeoutMs: number,
): Promise<number> {
  const { ctx } = invocation;
  const cluster = ctx.env.cluster;
  const gone = (o: KubeObject) => {
    const type = o.kind;
    const live = cluster.api.tryGet(type, o.metadata.namespace, o.metadata.name);
    return !live || live.metadata.uid !== o.metadata.uid;
  };
  const deadline = cluster.clock.now() + timeoutMs;
  cluster.runControllers();
  while (!objects.every(gone)) {
    if (cluster.clock.now() >= deadline) {
      const pending = objects.find((o) => !gone(o))!;
      ctx.stderr(
        `error: timed out waiting for the condition on ${pluralOf(pending)}/${pending.metadata.name}\n`,
      );
      return 1;
    }
    await ctx.env.time.wait(Math.min(WAIT_STEP_MS, deadline - cluster.clock.now()), ctx.signal);
  }
  return 0;
}

function pluralOf(object: KubeObject): string {
  return resourceTypeForKind(object.kind)?.plural ?? object.kind.toLowerCase();
}

export const deleteVerb: KubectlVerb = { flags: FLAGS, help: HELP, run };
