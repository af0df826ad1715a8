/**
 * Builds a pod's `status` from the kubelet's records: phase, the five conditions in the order the
 * API returns them, IPs, and one containerStatus per container with the states of workloads.md §4.3.
 * Condition lastTransitionTimes are carried over while a condition's status does not change.
 */
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from "kubernetes-types/core/v1";
import { imageID } from "../../images/catalogue.ts";
import type { KubeObject } from "../types.ts";
import { type ContainerRecord, initDone, initialized, type PodRecord } from "./state.ts";

export interface StatusInputs {
  pod: KubeObject;
  record: PodRecord;
  hostIP: string;
  hostNetwork: boolean;
  now: number;
  timestamp: (ms: number) => string;
}

function containerState(c: ContainerRecord, ts: (ms: number) => string): ContainerStatus["state"] {
  const inst = c.current;
  if (inst && inst.finishedAt === undefined && (c.stage === "running" || c.stage === "stopping")) {
    return { running: { startedAt: ts(inst.startedAt) } };
  }
  // After an exit, the old run is shown as terminated until the next one starts (or it backs off).
  const restarting = c.stage === "starting" && c.waitingReason === undefined;
  if ((c.stage === "stopped" || c.stage === "exited" || restarting) && c.lastTerminated) {
    const t = c.lastTerminated;
    return {
      terminated: {
        exitCode: t.exitCode,
        reason: t.reason,
        ...(t.message ? { message: t.message } : {}),
        startedAt: ts(t.startedAt),
        finishedAt: ts(t.finishedAt),
        containerID: inst?.containerID,
      },
    };
  }
  return {
    waiting: {
      reason: c.waitingReason ?? "ContainerCreating",
      ...(c.waitingMessage ? { message: c.waitingMessage } : {}),
    },
  };
}

function lastState(c: ContainerRecord, ts: (ms: number) => string): ContainerStatus["lastState"] {
  // While a container shows its own termination as its state, lastState holds the run before.
  const showsOwnEnd =
    c.stage === "stopped" ||
    c.stage === "exited" ||
    (c.stage === "starting" && c.waitingReason === undefined);
  const t = showsOwnEnd ? c.previousTerminated : c.lastTerminated;
  if (!t) return {};
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      startedAt: ts(t.startedAt),
      finishedAt: ts(t.finishedAt),
      ...(t.containerID ? { containerID: t.containerID } : {}),
    },
  };
}

function containerStatus(c: ContainerRecord, ts: (ms: number) => string): ContainerStatus {
  const pulled = c.spec !== undefined && c.current !== undefined;
  const running = c.current !== undefined && c.current.finishedAt === undefined && c.stage !== "stopped";
  return {
    ...(c.current ? { containerID: c.current.containerID } : {}),
    image: pulled ? (c.normalizedImage ?? c.image) : c.image,
    imageID: pulled && c.spec ? imageID(c.spec) : "",
    lastState: lastState(c, ts),
    name: c.name,
    ready: running && c.readySince !== undefined,
    restartCount: c.restartCount,
    started: running,
    state: containerState(c, ts),
  };
}

function phaseOf(record: PodRecord): string {
  // An init container that failed for good fails the pod (restartPolicy Never).
  if (record.initContainers.some((c) => c.stage === "stopped" && c.lastTerminated?.exitCode !== 0))
    return "Failed";
  const cs = record.containers;
  const everStarted = cs.some((c) => c.current !== undefined || c.lastTerminated !== undefined);
  const allStopped = cs.every((c) => c.stage === "stopped");
  if (allStopped && everStarted) {
    return cs.every((c) => c.lastTerminated?.exitCode === 0) ? "Succeeded" : "Failed";
  }
  if (allStopped && record.killingSince !== undefined) return "Failed";
  return everStarted ? "Running" : "Pending";
}

function condition(
  previous: PodCondition[] | undefined,
  type: string,
  status: boolean,
  now: string,
  extra: { reason?: string; message?: string } = {},
): PodCondition {
  const old = previous?.find((c) => c.type === type);
  const value = status ? "True" : "False";
  const since = old && old.status === value ? (old.lastTransitionTime ?? now) : now;
  return {
    lastProbeTime: null as unknown as string,
    lastTransitionTime: since,
    status: value,
    type,
    ...extra,
  };
}

/** The QoS class from requests and limits (BestEffort, Burstable, Guaranteed). */
export function qosClass(containers: Container[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ["cpu", "memory"]) {
      const l = lim[r];
      if (l === undefined || (req[r] !== undefined && String(req[r]) !== String(l))) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function buildPodStatus(input: StatusInputs): PodStatus {
  const { pod, record, now, timestamp: ts } = input;
  const spec = (pod as unknown as Pod).spec;
  const old = (pod.status ?? {}) as PodStatus;
  const nowText = ts(now);
  const initDoneAll = initialized(record);
  const statuses = record.containers.map((c) => {
    const status = containerStatus(c, ts);
    // Main containers wait with PodInitializing while init containers run.
    return initDoneAll || status.state?.waiting === undefined
      ? status
      : { ...status, state: { waiting: { reason: "PodInitializing" } } };
  });
  const initStatuses = record.initContainers.map((c) => containerStatus(c, ts));
  const initPending = record.initContainers.filter((c) => !initDone(c)).map((c) => c.name);
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const allReady = notReady.length === 0;
  const sandboxReady = now >= record.sandboxReadyAt;
  const phase = phaseOf(record);
  const terminal = phase === "Succeeded" || phase === "Failed";
  const readyExtra = allReady
    ? {}
    : terminal
      ? { reason: "PodCompleted" }
      : { reason: "ContainersNotReady", message: `containers with unready status: [${notReady.join(" ")}]` };
  const scheduled = old.conditions?.find((c) => c.type === "PodScheduled");
  const ip = input.hostNetwork ? input.hostIP : record.ip;
  return {
    conditions: [
      condition(old.conditions, "PodReadyToStartContainers", sandboxReady && !terminal, nowText),
      condition(
        old.conditions,
        "Initialized",
        initDoneAll,
        nowText,
        !initDoneAll
          ? {
              reason: "ContainersNotInitialized",
              message: `containers with incomplete status: [${initPending.join(" ")}]`,
            }
          : terminal
            ? { reason: "PodCompleted" }
            : {},
      ),
      condition(old.conditions, "Ready", allReady && !terminal, nowText, readyExtra),
      condition(old.conditions, "ContainersReady", allReady && !terminal, nowText, readyExtra),
      scheduled ?? condition(old.conditions, "PodScheduled", true, nowText),
    ],
    containerStatuses: statuses,
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    phase,
    ...(ip !== undefined && now >= record.sandboxReadyAt ? { podIP: ip, podIPs: [{ ip }] } : {}),
    qosClass: qosClass(spec?.containers ?? []),
    startTime: old.startTime ?? ts(record.admittedAt),
  };
}
