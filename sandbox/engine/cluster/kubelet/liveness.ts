/**
 * Liveness probes: run every periodSeconds after initialDelaySeconds while the container runs;
 * after failureThreshold (default 3) failures in a row the kubelet kills the container
 * ("Container nginx failed liveness probe, will be restarted") and the restart policy takes over,
 * so RESTARTS climbs. Each failure is a `Warning Unhealthy  Liveness probe failed: …` event.
 */
import type { Container } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import { recordEvent } from "../events.ts";
import { exitContainer, fieldPath, type SyncContext } from "./containers.ts";
import { containerFilesystem } from "./filesystem.ts";
import { probeTimes, runProbe } from "./probes.ts";

/** Runs the liveness probes due by `now`; returns when the next one is due, if any. */
export function runLiveness(cluster: Cluster, ctx: SyncContext, now: number): number | undefined {
  let wake: number | undefined;
  for (const c of ctx.record.containers) {
    const spec = ctx.containerSpec(c.name);
    const probe = spec?.livenessProbe;
    const inst = c.current;
    if (!probe || !inst || c.stage !== "running" || !c.spec) continue;
    const { first, periodMs } = probeTimes(probe, inst.startedAt);
    inst.liveness ??= { next: first, failures: 0 };
    const state = inst.liveness;
    const threshold = probe.failureThreshold ?? 3;
    while (state.next <= now && c.stage === "running") {
      const at = state.next;
      state.next += periodMs;
      const outcome = runProbe({
        probe,
        container: spec as Container,
        image: c.spec,
        podIP: ctx.record.ip ?? "",
        listening: at >= inst.startedAt + c.spec.process.readyAfterMs,
        filesystem: containerFilesystem(cluster, ctx.pod, c.name),
      });
      if (outcome.ok) {
        state.failures = 0;
        continue;
      }
      state.failures += 1;
      const source = { component: "kubelet", host: ctx.record.node };
      recordEvent(
        cluster,
        ctx.pod,
        "Warning",
        "Unhealthy",
        `Liveness probe failed: ${outcome.message}`,
        source,
        fieldPath(c),
      );
      if (state.failures < threshold) continue;
      recordEvent(
        cluster,
        ctx.pod,
        "Normal",
        "Killing",
        `Container ${c.name} failed liveness probe, will be restarted`,
        source,
        fieldPath(c),
      );
      // A process that handles its stop signal exits cleanly; anything else is SIGKILLed (137).
      exitContainer(c, at, inst.plan.exitsOnStop ? 0 : 137);
    }
    if (c.stage === "running") wake = Math.min(wake ?? state.next, state.next);
  }
  return wake;
}
