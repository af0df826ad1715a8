import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { cloneJson } from "../api/clone.ts";
import type { KubeObject } from "../types.ts";
import { controllerRef } from "./owners.ts";

/** What the controllers read of a pod's status. */
interface PodStatusView {
  phase?: string;
  conditions?: { type: string; status: string; lastTransitionTime?: string }[];
}

export const statusOf = (pod: KubeObject): PodStatusView => (pod.status as PodStatusView | undefined) ?? {};

export const phaseOf = (pod: KubeObject): string => statusOf(pod).phase ?? "";

export const isTerminating = (pod: KubeObject): boolean => pod.metadata.deletionTimestamp !== undefined;

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return statusOf(pod).conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export const isRunningAndReady = (pod: KubeObject): boolean => phaseOf(pod) === "Running" && isPodReady(pod);

/** When the pod last became Ready (epoch ms), from the Ready condition's lastTransitionTime. */
export function readySince(pod: KubeObject): number | undefined {
  const ready = statusOf(pod).conditions?.find((c) => c.type === "Ready" && c.status === "True");
  return ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : undefined;
}

/**
 * podutil.IsPodAvailable: Ready, and with minReadySeconds > 0, Ready since strictly more than
 * minReadySeconds before now.
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = readySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/**
 * When a ready pod that is not yet available becomes available, so that a controller can ask the
 * clock to wake it then (real controllers requeue after minReadySeconds).
 */
export function availableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  if (minReadySeconds <= 0 || !isPodReady(pod)) return undefined;
  const since = readySince(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = phaseOf(pod);
  return phase !== "Succeeded" && phase !== "Failed" && !isTerminating(pod);
}

/**
 * controller.GetPodFromTemplate: labels, annotations and finalizers copied from the template,
 * `generateName: <owner>-`, the owner's controller reference, and the template's spec.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KubeObject): KubeObject {
  const metadata: KubeObject["metadata"] = { name: "", generateName: `${owner.metadata.name}-` };
  const source = template?.metadata;
  if (source?.labels) metadata.labels = { ...source.labels };
  if (source?.annotations) metadata.annotations = { ...source.annotations };
  if (source?.finalizers) metadata.finalizers = [...source.finalizers];
  metadata.namespace = owner.metadata.namespace;
  metadata.ownerReferences = [controllerRef(owner)];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec: cloneJson(template?.spec ?? { containers: [] }),
  };
}
