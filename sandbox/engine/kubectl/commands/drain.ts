/**
 * kubectl drain (pkg/cmd/drain/drain.go, pkg/drain/filters.go; kubectl.md §18): cordon the node,
 * sort its pods through drain's filters (mirror pods skipped; DaemonSet pods, pods without a
 * controller and pods with emptyDir either block the drain or, with the overriding flag, give a
 * warning), then evict the rest in parallel and wait, in simulated time, until each is gone.
 */
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/drain.ts";
import { setUnschedulable } from "./cordon.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "chunk-size", type: "int", default: 500, usage: "" },
  { name: "delete-emptydir-data", type: "bool", default: false, usage: "" },
  { name: "disable-eviction", type: "bool", default: false, usage: "" },
  { name: "dry-run", type: "string", default: "none", usage: "" },
  { name: "force", type: "bool", default: false, usage: "" },
  { name: "grace-period", type: "int", default: -1, usage: "" },
  { name: "ignore-daemonsets", type: "bool", default: false, usage: "" },
  { name: "pod-selector", type: "string", default: "", usage: "" },
  COMMON_FLAGS.selector,
  { name: "skip-wait-for-delete-timeout", type: "int", default: 0, usage: "" },
  { name: "timeout", type: "duration", default: 0, usage: "" },
];

const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
const STEP_MS = 1000;
const INSTANT_CAP_MS = 60 * 60 * 1000;

interface Sorted {
  evict: KubeObject[];
  /** Blocking reasons and the pods behind each, in drain's filter order. */
  fatal: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

function podRef(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** drain.GetPodsForDeletion's filters in its order (DaemonSet, mirror, local storage, unreplicated). */
function sortPods(
  pods: KubeObject[],
  flags: { ignoreDaemonsets: boolean; force: boolean; deleteEmptyDir: boolean },
): Sorted {
  const sorted: Sorted = { evict: [], fatal: new Map(), warnings: new Map() };
  const note = (map: Map<string, string[]>, message: string, pod: KubeObject) => {
    map.set(message, [...(map.get(message) ?? []), podRef(pod)]);
  };
  for (const pod of pods) {
    if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) continue;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    const finished = phase === "Succeeded" || phase === "Failed";
    const controller = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (controller?.kind === "DaemonSet" && !finished) {
      if (flags.ignoreDaemonsets) note(sorted.warnings, "ignoring DaemonSet-managed Pods", pod);
      else
        note(sorted.fatal, "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)", pod);
      continue;
    }
    const volumes = (pod.spec as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? [];
    if (volumes.some((v) => v.emptyDir !== undefined) && !finished) {
      if (!flags.deleteEmptyDir) {
        note(
          sorted.fatal,
          "cannot delete Pods with local storage (use --delete-emptydir-data to override)",
          pod,
        );
        continue;
      }
      note(sorted.warnings, "deleting Pods with local storage", pod);
    }
    if (!controller && !finished) {
      if (!flags.force) {
        note(sorted.fatal, "cannot delete Pods that declare no controller (use --force to override)", pod);
        continue;
      }
      note(sorted.warnings, "deleting Pods that declare no controller", pod);
    }
    sorted.evict.push(pod);
  }
  return sorted;
}

const joined = (map: Map<string, string[]>) =>
  [...map].map(([message, pods]) => `${message}: ${pods.join(", ")}`).join("; ");

async function drainNode(invocation: KubectlInvocation, nodeName: string): Promise<number> {
  const { ctx, flags } = invocation;
  const cluster = ctx.env.cluster;
  let node: KubeObject;
  try {
    node = cluster.api.get("Node", undefined, nodeName);
  } catch (error) {
    ctx.stderr(errorLine(error));
    return 1;
  }
  ctx.stdout(`node/${nodeName} ${setUnschedulable(invocation, node, true, true)}\n`);
  const pods = cluster.api.list("Pod", { fieldSelector: `spec.nodeName=${nodeName}` });
  const sorted = sortPods(pods, {
    ignoreDaemonsets: flags.bool("ignore-daemonsets"),
    force: flags.bool("force"),
    deleteEmptyDir: flags.bool("delete-emptydir-data"),
  });
  if (sorted.fatal.size > 0) {
    const reasons = joined(sorted.fatal);
    ctx.stderr(
      `error: unable to drain node "${nodeName}" due to error: ${reasons}, continuing command...\nThere are pending nodes to be drained:\n ${nodeName}\nerror: ${reasons}\n`,
    );
    return 1;
  }
  if (sorted.warnings.size > 0) ctx.stderr(`Warning: ${joined(sorted.warnings)}\n`);
  const gracePeriod = flags.int("grace-period");
  for (const pod of sorted.evict) {
    ctx.stdout(`evicting pod ${podRef(pod)}\n`);
    cluster.api.delete(
      "Pod",
      pod.metadata.namespace,
      pod.metadata.name,
      gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {},
    );
  }
  const pending = new Set(sorted.evict);
  const timeout = flags.duration("timeout");
  const deadline =
    cluster.clock.now() +
    (timeout > 0 ? timeout : ctx.env.time.mode === "instant" ? INSTANT_CAP_MS : Number.POSITIVE_INFINITY);
  const reportGone = () => {
    for (const pod of [...pending]) {
      const live = cluster.api.tryGet("Pod", pod.metadata.namespace, pod.metadata.name);
      if (!live || live.metadata.uid !== pod.metadata.uid) {
        pending.delete(pod);
        ctx.stdout(`pod/${pod.metadata.name} evicted\n`);
      }
    }
  };
  cluster.runControllers();
  reportGone();
  while (pending.size > 0) {
    if (cluster.clock.now() >= deadline) {
      const first = [...pending][0]!;
      ctx.stderr(
        `error: unable to drain node "${nodeName}" due to error: error when waiting for pod "${first.metadata.name}" in namespace "${first.metadata.namespace}" to terminate: context deadline exceeded, continuing command...\nThere are pending nodes to be drained:\n ${nodeName}\nerror: error when waiting for pod "${first.metadata.name}" in namespace "${first.metadata.namespace}" to terminate: context deadline exceeded\n`,
      );
      return 1;
    }
    await ctx.env.time.wait(Math.min(STEP_MS, deadline - cluster.clock.now()), ctx.signal);
    reportGone();
  }
  ctx.stdout(`node/${nodeName} drained\n`);
  return 0;
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  if (flags.args.length !== 1) {
    ctx.stderr(
      `error: USAGE: drain NODE [flags]\nSee '${invocation.commandPath} -h' for help and examples\n`,
    );
    return 1;
  }
  return drainNode(invocation, flags.args[0]!);
}

export const drain: KubectlVerb = { flags: FLAGS, help: HELP, run };
