/**
 * Container logs for `kubectl logs`: what the current (or, with `previous`, the last terminated)
 * instance of a container has written by now, with each line's time for `--timestamps` and
 * `--since`. Lines are computed from the process plan (process.ts), so nothing is stored per line.
 */
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import { linesUntil } from "./process.ts";
import { type ContainerInstance, podRecordKey, runtimeState } from "./state.ts";

export interface PodLogLine {
  /** Simulated epoch ms the line was written. */
  time: number;
  stream: "stdout" | "stderr";
  text: string;
}

function instanceLines(instance: ContainerInstance, now: number): PodLogLine[] {
  const end = Math.min(now, instance.finishedAt ?? now);
  return linesUntil(instance.plan, end - instance.startedAt, instance.startedAt).map((l) => ({
    time: instance.startedAt + l.afterMs,
    stream: l.stream === "stderr" ? "stderr" : "stdout",
    text: l.text,
  }));
}

/**
 * The log of one container, oldest line first, or undefined when there is no such instance
 * (not started yet, or no previous run): kubectl then prints its "waiting to start" or
 * "previous terminated container … not found" errors.
 */
export function podLogs(
  cluster: Cluster,
  pod: KubeObject,
  containerName: string,
  options: { previous?: boolean } = {},
): PodLogLine[] | undefined {
  const record = runtimeState(cluster).pods.get(
    podRecordKey(pod.metadata.namespace ?? "default", pod.metadata.name),
  );
  if (!record || record.uid !== pod.metadata.uid) return undefined;
  const container = [...record.initContainers, ...record.containers].find((c) => c.name === containerName);
  if (!container) return undefined;
  // After an exit and before the restart, "previous" is the run that just ended.
  const justEnded = container.current?.finishedAt !== undefined;
  const instance = options.previous
    ? justEnded
      ? container.current
      : container.previous
    : container.current;
  if (!instance) return undefined;
  if (options.previous && instance === container.current && !justEnded) return undefined;
  return instanceLines(instance, cluster.clock.now());
}

/**
 * Adds a line a running container writes now, in answer to something outside its plan (a web
 * server's access log line for a request). It joins the run's plan, so snapshots keep it and it
 * is gone with the run, as a restarted container's log is.
 */
export function appendLogLine(
  cluster: Cluster,
  pod: KubeObject,
  containerName: string,
  stream: "stdout" | "stderr",
  text: string,
): void {
  const record = runtimeState(cluster).pods.get(
    podRecordKey(pod.metadata.namespace ?? "default", pod.metadata.name),
  );
  if (!record || record.uid !== pod.metadata.uid) return;
  const instance = record.containers.find((c) => c.name === containerName)?.current;
  if (!instance || instance.finishedAt !== undefined) return;
  instance.plan.lines.push({ afterMs: cluster.clock.now() - instance.startedAt, stream, text });
}
