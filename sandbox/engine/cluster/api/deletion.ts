/**
 * What a DELETE does to an object (apiserver's rest.BeforeDelete and the pod strategy's
 * CheckGracefulDelete): either the object can go at once, or it gets a deletionTimestamp (and
 * maybe a GC finalizer) and stays until its finalizers are gone and, for a pod, the kubelet has
 * finished it with grace 0.
 */
import type { KubeObject } from "../types.ts";

export interface DeleteOptions {
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  /** Pods only: seconds the kubelet gets to stop the containers; 0 removes at once (force). */
  gracePeriodSeconds?: number;
  /** Server-side dry run: answers as the delete would, changes nothing. */
  dryRun?: boolean;
}

export const FOREGROUND_FINALIZER = "foregroundDeletion";
export const ORPHAN_FINALIZER = "orphan";

export type DeletionPlan =
  | { action: "remove" }
  /** Write this object (deletionTimestamp set) and keep it. */
  | { action: "mark"; object: KubeObject }
  /** Already being deleted and nothing to shorten: answer with the object as it is. */
  | { action: "none" };

/** The grace period a delete gets: only pods have one, and only once bound to a node and not finished. */
function gracePeriod(current: KubeObject, options: DeleteOptions): number {
  if (current.kind !== "Pod") return 0;
  const spec = current.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (current.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
  return Math.max(0, options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30);
}

/** Namespaces keep `spec.finalizers` (the namespace controller's "kubernetes") besides metadata ones. */
function specFinalizers(object: KubeObject): string[] {
  return object.kind === "Namespace"
    ? ((object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
    : [];
}

/**
 * May this object leave the store now? Only once it is being deleted, every finalizer is gone, and
 * its grace period has been cut to 0 (pods wait for the kubelet).
 */
export function readyToRemove(object: KubeObject): boolean {
  const meta = object.metadata;
  return (
    meta.deletionTimestamp !== undefined &&
    (meta.finalizers ?? []).length === 0 &&
    specFinalizers(object).length === 0 &&
    (meta.deletionGracePeriodSeconds ?? 0) === 0
  );
}

export function planDeletion(
  current: KubeObject,
  options: DeleteOptions,
  nowMs: number,
  timestamp: (ms: number) => string,
): DeletionPlan {
  const grace = gracePeriod(current, options);
  const finalizers = [...(current.metadata.finalizers ?? [])];
  const policy = options.propagationPolicy;
  const beingDeleted = current.metadata.deletionTimestamp !== undefined;

  // A cascade policy asks the garbage collector to act before the owner goes (objects.md §6).
  if (policy === "Foreground" || policy === "Orphan") {
    const wanted = policy === "Foreground" ? FOREGROUND_FINALIZER : ORPHAN_FINALIZER;
    const other = policy === "Foreground" ? ORPHAN_FINALIZER : FOREGROUND_FINALIZER;
    const i = finalizers.indexOf(other);
    if (i >= 0) finalizers.splice(i, 1);
    if (!finalizers.includes(wanted)) finalizers.push(wanted);
  }

  const pending = finalizers.length > 0 || specFinalizers(current).length > 0;
  if (beingDeleted) {
    // A second delete may only shorten the grace period (e.g. `--force --grace-period=0`).
    const previous = current.metadata.deletionGracePeriodSeconds ?? 0;
    const sameFinalizers = finalizers.length === (current.metadata.finalizers ?? []).length;
    if (grace >= previous && sameFinalizers) return { action: "none" };
    const shortened = Math.min(grace, previous);
    const object = withDeletion(current, finalizers, shortened, nowMs, timestamp, shortened < previous);
    return readyToRemove(object) ? { action: "remove" } : { action: "mark", object };
  }
  if (!pending && grace === 0) return { action: "remove" };
  return { action: "mark", object: withDeletion(current, finalizers, grace, nowMs, timestamp, true) };
}

function withDeletion(
  current: KubeObject,
  finalizers: string[],
  grace: number,
  nowMs: number,
  timestamp: (ms: number) => string,
  restamp: boolean,
): KubeObject {
  const metadata = { ...current.metadata, deletionGracePeriodSeconds: grace };
  if (restamp || !metadata.deletionTimestamp) metadata.deletionTimestamp = timestamp(nowMs + grace * 1000);
  if (finalizers.length > 0) metadata.finalizers = finalizers;
  else delete metadata.finalizers;
  const object: KubeObject = { ...current, metadata };
  if (current.kind === "Namespace") {
    object.status = { ...(current.status as object | undefined), phase: "Terminating" };
  }
  return object;
}
