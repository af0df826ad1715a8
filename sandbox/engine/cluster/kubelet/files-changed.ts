/**
 * A container's files changed (`kubectl exec … rm index.html`, a script writing a page): what its
 * probes see may have changed with them. The real kubelet probes every periodSeconds forever;
 * the emulator stops polling a Ready container (so a settled cluster has no work left) and is
 * told here instead, so that from the next probe on the answers are what the files now give:
 * the access log lines its httpGet probes leave, and readiness, which the kubelet re-checks.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import { containerFilesystem } from "./filesystem.ts";
import { noteProbeAnswers } from "./probe-log.ts";
import { probeTimes } from "./probes.ts";
import { podRecordKey, runtimeState } from "./state.ts";

export function containerFilesChanged(cluster: Cluster, pod: KubeObject, now: number): void {
  const key = podRecordKey(pod.metadata.namespace ?? "default", pod.metadata.name);
  const record = runtimeState(cluster).pods.get(key);
  if (!record || record.uid !== pod.metadata.uid) return;
  const specs = (pod as unknown as Pod).spec?.containers ?? [];
  let recheck = false;
  for (const c of record.containers) {
    const inst = c.current;
    if (!inst || c.stage !== "running" || !c.spec) continue;
    if (inst.plan.probes) {
      const files = containerFilesystem(cluster, pod, c.name);
      if (files) noteProbeAnswers(c.spec, inst.plan.probes, files, now);
    }
    const probe = specs.find((s) => s.name === c.name)?.readinessProbe;
    if (!probe || c.readySince === undefined || !(probe.httpGet || probe.exec)) continue;
    // The next probe after the change is the first to see it; those before passed as they were.
    const { first, periodMs } = probeTimes(probe, inst.startedAt);
    const next = first + Math.max(0, Math.ceil((now - first) / periodMs)) * periodMs;
    inst.nextProbeAt = Math.max(inst.nextProbeAt ?? first, next);
    inst.recheck = true;
    recheck = true;
  }
  const kubelet = recheck ? cluster.controllers.controllerNamed("kubelet") : undefined;
  if (kubelet) cluster.controllers.enqueue(kubelet, key);
}
