/** Pods: printers.go printPod, copied step by step (workloads.md §4.4). */
import type { Pod } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../cluster/types.ts";
import { age, humanDuration } from "./duration.ts";
import type { KindPrinter } from "./types.ts";

interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

/** READY, STATUS and RESTARTS of a pod at `nowMs`. */
export function podStatusCells(object: KubeObject, nowMs: number): PodCells {
  const pod = object as unknown as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;

  let reason = status.phase ?? "";
  if (status.reason) reason = status.reason;
  for (const condition of status.conditions ?? []) {
    if (condition.type === "PodScheduled" && condition.reason === "SchedulingGated")
      reason = "SchedulingGated";
  }

  const initContainers = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  const isRestartable = (name: string) => initContainers.get(name)?.restartPolicy === "Always";
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === "Always") totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i]!;
    restarts += container.restartCount ?? 0;
    const finished = timeOf(container.lastState?.terminated?.finishedAt);
    if (container.lastState?.terminated && finished > lastRestart) lastRestart = finished;
    if (isRestartable(container.name)) {
      restartableInitRestarts += container.restartCount ?? 0;
      if (container.lastState?.terminated && finished > lastRestartableInitRestart) {
        lastRestartableInitRestart = finished;
      }
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (isRestartable(container.name) && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some(
    (c) => c.type === "Initialized" && c.status === "True",
  );
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += container.restartCount ?? 0;
      const finished = timeOf(container.lastState?.terminated?.finishedAt);
      if (container.lastState?.terminated && finished > lastRestart) lastRestart = finished;
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      reason = podReady ? "Running" : "NotReady";
    }
  }

  const phase = status.phase ?? "";
  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata?.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== 0)
    restartsText = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** 0 for a missing time, as Go's zero time sorts before every real one. */
function timeOf(timestamp: string | undefined): number {
  return timestamp ? Date.parse(timestamp) : 0;
}

export const POD_PRINTER: KindPrinter = {
  columns: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
  wideColumns: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
  row(object, nowMs, wide) {
    const pod = object as unknown as Pod;
    const cells = podStatusCells(object, nowMs);
    const row = [
      object.metadata.name,
      cells.ready,
      cells.status,
      cells.restarts,
      age(object.metadata.creationTimestamp, nowMs),
    ];
    if (wide) {
      const gates = pod.spec?.readinessGates ?? [];
      let readinessGates = "<none>";
      if (gates.length > 0) {
        const trueCount = gates.filter((gate) => {
          const condition = pod.status?.conditions?.find((c) => c.type === gate.conditionType);
          return condition?.status === "True";
        }).length;
        readinessGates = `${trueCount}/${gates.length}`;
      }
      row.push(
        pod.status?.podIPs?.[0]?.ip || "<none>",
        pod.spec?.nodeName || "<none>",
        pod.status?.nominatedNodeName || "<none>",
        readinessGates,
      );
    }
    return row;
  },
};
