/**
 * The registry of task checks. A lesson's task names one (`check: { name, params }`); the lesson
 * schema validates names and params against this registry at build time, and the engine
 * evaluates them against the live cluster, its history and the commands run (see README.md).
 */
import { commandRan } from "./command-ran.ts";
import { deploymentPodReplaced } from "./deployment-pod-replaced.ts";
import { deploymentReady } from "./deployment-ready.ts";
import { fileInVolume } from "./file-in-volume.ts";
import { nodeReady } from "./node-ready.ts";
import { objectDeleted } from "./object-deleted.ts";
import { paramProblems } from "./params.ts";
import { podImage } from "./pod-image.ts";
import { podReady } from "./pod-ready.ts";
import { podRecreatedSameName } from "./pod-recreated-same-name.ts";
import { podsCreatedInOrder } from "./pods-created-in-order.ts";
import { podsCreatedInParallel } from "./pods-created-in-parallel.ts";
import { pvPhase } from "./pv-phase.ts";
import { pvcBound } from "./pvc-bound.ts";
import { rollingUpdatePartition } from "./rolling-update-partition.ts";
import { scaledDownInReverseOrder } from "./scaled-down-in-reverse-order.ts";
import { serviceHasEndpoints } from "./service-has-endpoints.ts";
import { serviceHeadless } from "./service-headless.ts";
import { statefulsetReady } from "./statefulset-ready.ts";
import type { Check, CheckContext, TaskCheck, TaskResult } from "./types.ts";

export { paramProblems } from "./params.ts";
export type {
  Check,
  CheckContext,
  CheckParams,
  CheckResult,
  CommandRecord,
  TaskCheck,
  TaskResult,
} from "./types.ts";

const ALL: Check[] = [
  commandRan,
  deploymentPodReplaced,
  deploymentReady,
  fileInVolume,
  nodeReady,
  objectDeleted,
  podImage,
  podReady,
  podRecreatedSameName,
  podsCreatedInOrder,
  podsCreatedInParallel,
  pvcBound,
  pvPhase,
  rollingUpdatePartition,
  scaledDownInReverseOrder,
  serviceHasEndpoints,
  serviceHeadless,
  statefulsetReady,
];

export const CHECKS: ReadonlyMap<string, Check> = new Map(ALL.map((check) => [check.name, check]));

/** Problems with a task's check reference (unknown name, bad params); empty when it is fine. */
export function checkProblems(name: string, params: unknown): string[] {
  const check = CHECKS.get(name);
  if (!check) return [`unknown check "${name}"; known checks: ${[...CHECKS.keys()].join(", ")}`];
  return paramProblems(check, params);
}

/**
 * Evaluates every task's check. A task with a bad reference, or a check that throws, is reported
 * as not done with the reason, never as an exception: one broken task must not stop the list.
 */
export function evaluateTasks(ctx: CheckContext, tasks: readonly TaskCheck[]): TaskResult[] {
  return tasks.map(({ id, check: { name, params } }) => {
    const problems = checkProblems(name, params);
    if (problems.length > 0) return { id, done: false, detail: problems.join("; ") };
    try {
      return { id, ...CHECKS.get(name)!.run(ctx, params ?? {}) };
    } catch (error) {
      return { id, done: false, detail: `check ${name} failed: ${String(error)}` };
    }
  });
}
