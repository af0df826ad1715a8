/**
 * How long each step of a pod's life takes, as data (kwok's "stages" idea): the kubelet reads
 * these instead of hard-coding delays, so a lesson can make `web-1` slow to start and show
 * OrderedReady waiting for it. Image-specific times (pull, process start) live in the image
 * catalogue; these are the node's own.
 */
import type { Cluster } from "../cluster.ts";
import { check } from "../snapshot-guard.ts";
import type { StatePart } from "../state-parts.ts";

export interface PodTimings {
  /** Scheduled → sandbox and network ready (PodReadyToStartContainers, pod IP). */
  sandboxMs: number;
  /** Extra time before each container starts, on top of the image's own start time. */
  extraStartMs: number;
  /** Multiplies the image's pull time (a slow registry). */
  pullFactor: number;
  /** Containers stopped → the kubelet deletes the pod object. */
  cleanupMs: number;
}

export const DEFAULT_POD_TIMINGS: PodTimings = {
  sandboxMs: 1000,
  extraStartMs: 0,
  pullFactor: 1,
  cleanupMs: 100,
};

/** Kubelet constants from the real defaults (workloads.md §4.5). */
export const KUBELET_TIMING = {
  /** CrashLoopBackOff: 10s doubling to 300s; reset after 10 minutes of running fine. */
  crashBackoffInitialMs: 10_000,
  crashBackoffMaxMs: 300_000,
  crashBackoffResetMs: 600_000,
  /** ImagePullBackOff: the same shape. */
  pullBackoffInitialMs: 10_000,
  pullBackoffMaxMs: 300_000,
  /** How soon after ErrImagePull the kubelet's next sync shows ImagePullBackOff. */
  errImagePullShownMs: 1000,
  /** Default readiness probe period. */
  probePeriodMs: 10_000,
} as const;

/** A lesson's override: pods whose name matches get these timings instead of the defaults. */
export interface TimingOverride {
  /** Exact pod name, or a RegExp. */
  pod: string | RegExp;
  namespace?: string;
  timings: Partial<PodTimings>;
}

const overrides = new WeakMap<Cluster, TimingOverride[]>();

/** Makes matching pods slower or faster from now on (e.g. `{ pod: "web-1", timings: { extraStartMs: 20000 } }`). */
export function overridePodTimings(cluster: Cluster, override: TimingOverride): void {
  const list = overrides.get(cluster) ?? [];
  list.push(override);
  overrides.set(cluster, list);
}

export function podTimings(cluster: Cluster, namespace: string, name: string): PodTimings {
  let timings = DEFAULT_POD_TIMINGS;
  for (const o of overrides.get(cluster) ?? []) {
    if (o.namespace !== undefined && o.namespace !== namespace) continue;
    const matches = typeof o.pod === "string" ? o.pod === name : o.pod.test(name);
    if (matches) timings = { ...timings, ...o.timings };
  }
  return timings;
}

type SavedOverride = Omit<TimingOverride, "pod"> & { pod: string | { regexp: string; flags: string } };

const TIMING_FIELDS: readonly (keyof PodTimings)[] = ["sandboxMs", "extraStartMs", "pullFactor", "cleanupMs"];

/** A scenario's timing overrides join snapshots (a RegExp travels as its source and flags). */
export function podTimingsStatePart(cluster: Cluster): StatePart {
  return {
    save: (): SavedOverride[] =>
      (overrides.get(cluster) ?? []).map((o) => ({
        ...o,
        pod: typeof o.pod === "string" ? o.pod : { regexp: o.pod.source, flags: o.pod.flags },
        timings: { ...o.timings },
      })),
    restore(data) {
      const damaged = "the snapshot's pod timings are damaged";
      check(Array.isArray(data), damaged);
      const list: TimingOverride[] = data.map((o: unknown) => {
        const saved = o as SavedOverride;
        check(typeof o === "object" && o !== null && typeof saved.timings === "object", damaged);
        check(saved.namespace === undefined || typeof saved.namespace === "string", damaged);
        for (const [field, value] of Object.entries(saved.timings ?? {})) {
          check(TIMING_FIELDS.includes(field as keyof PodTimings), damaged);
          check(typeof value === "number" && Number.isFinite(value) && value >= 0, damaged);
        }
        let pod: string | RegExp;
        if (typeof saved.pod === "string") pod = saved.pod;
        else {
          check(typeof saved.pod?.regexp === "string" && typeof saved.pod.flags === "string", damaged);
          try {
            pod = new RegExp(saved.pod.regexp, saved.pod.flags);
          } catch {
            throw new Error(damaged);
          }
        }
        return { ...saved, pod, timings: { ...saved.timings } };
      });
      overrides.set(cluster, list);
    },
  };
}
