/**
 * The kubelet of every node, as one controller keyed by pod: it admits pods bound to a running
 * node, gives them an IP from the node's podCIDR, drives each container through its stages
 * (containers.ts) at the simulated times they are due, runs readiness probes, writes the pod
 * status, and finishes graceful deletions: Killing events, containers stop (at once for a process
 * that handles its stop signal, at the end of the grace period otherwise), then the pod object
 * is deleted with grace 0. A node whose container is stopped (`docker stop`) has no kubelet: its
 * pods are left exactly as they were until it comes back.
 */
import type { Container, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { ProcessContext } from "../../images/types.ts";
import { deepEqual } from "../api/equality.ts";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { recordEvent } from "../events.ts";
import { namespacedKey, splitNamespacedKey } from "../object-keys.ts";
import { keysBySpec } from "../store.ts";
import type { KubeObject } from "../types.ts";
import { advanceContainer, exitContainer, fieldPath, type SyncContext } from "./containers.ts";
import { containerFilesystem } from "./filesystem.ts";
import { runLiveness } from "./liveness.ts";
import { allocatePodIP, releasePodIP } from "./pod-ips.ts";
import { probeTimes, runProbe } from "./probes.ts";
import {
  type ContainerRecord,
  initDone,
  nodeRecord,
  type PodRecord,
  podRecordKey,
  runtimeState,
} from "./state.ts";
import { buildPodStatus } from "./status.ts";
import { podTimings } from "./timings.ts";

export const KUBELET = "kubelet";

interface NodeView {
  spec?: { podCIDR?: string };
  status?: {
    addresses?: { type: string; address: string }[];
    capacity?: Record<string, string>;
    nodeInfo?: { kernelVersion?: string };
  };
}

const podSpec = (pod: KubeObject) => (pod as unknown as Pod).spec;

export function nodeInternalIP(node: KubeObject): string {
  return (node as NodeView).status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
}

/** What a container's process sees of its pod and node when it starts, for the lines it logs. */
export function processContextOf(
  pod: KubeObject,
  node: KubeObject | undefined,
  at: number,
  podIP: string,
): ProcessContext {
  const view = node as NodeView | undefined;
  return {
    now: at,
    podIP,
    hostname: podSpec(pod)?.hostname ?? pod.metadata.name,
    cpus: Number(view?.status?.capacity?.cpu ?? 1) || 1,
    kernelVersion: view?.status?.nodeInfo?.kernelVersion ?? "",
  };
}

/** Pods bound to `nodeName`, as keys. */
export function podKeysOnNode(cluster: Cluster, nodeName: string): string[] {
  return cluster.api
    .list("Pod")
    .filter((p) => podSpec(p)?.nodeName === nodeName)
    .map((p) => podRecordKey(p.metadata.namespace ?? "default", p.metadata.name));
}

/** The `<namespace>/<claimName>` of every claim a pod's volumes mount (the kubelet's claim index; namespacedKey's strings). */
const mountedClaims = keysBySpec((pod: KubeObject): string[] => {
  const ns = pod.metadata.namespace ?? "default";
  const keys: string[] = [];
  for (const v of podSpec(pod)?.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName;
    if (claimName !== undefined) keys.push(namespacedKey(ns, claimName));
  }
  return keys;
});

/**
 * The uid of the pod whose status the kubelet is writing at this moment. The kubelet's own
 * status write does not queue the pod again: the sync that wrote it has just looked at everything
 * it depends on (as the real kubelet's pod config ignores status-only updates). Set only for the
 * synchronous length of the write, so one module-wide slot serves every cluster.
 */
let writingStatusOf: string | undefined;

function keysFor(event: WatchEvent, cluster: Cluster): string[] {
  const o = event.object;
  if (o.kind === "Pod") {
    if (event.type === "MODIFIED" && o.metadata.uid === writingStatusOf) return [];
    const key = podRecordKey(o.metadata.namespace ?? "default", o.metadata.name);
    return podSpec(o)?.nodeName || event.type === "DELETED" ? [key] : [];
  }
  if (o.kind === "PersistentVolumeClaim") {
    const ns = o.metadata.namespace ?? "default";
    return cluster.store
      .indexed("Pod", "kubelet/mounted-claims", mountedClaims, namespacedKey(ns, o.metadata.name))
      .filter((p) => p.metadata.namespace === ns)
      .map((p) => podRecordKey(ns, p.metadata.name));
  }
  return [];
}

function release(cluster: Cluster, record: PodRecord): void {
  const state = runtimeState(cluster);
  releasePodIP(nodeRecord(cluster, record.node), record.ip, record.uid);
  state.pods.delete(podRecordKey(record.namespace, record.name));
}

function containerRecord(c: Container, until: number, init: boolean): ContainerRecord {
  return {
    name: c.name,
    ...(init ? { init } : {}),
    image: c.image ?? "",
    stage: "waiting-sandbox",
    until,
    restartCount: 0,
    pullBackoffMs: 0,
    crashBackoffMs: 0,
  };
}

function admit(cluster: Cluster, pod: KubeObject, node: KubeObject): PodRecord {
  const now = cluster.clock.now();
  const spec = podSpec(pod);
  const namespace = pod.metadata.namespace ?? "default";
  const timings = podTimings(cluster, namespace, pod.metadata.name);
  const sandboxReadyAt = now + timings.sandboxMs;
  const record: PodRecord = {
    uid: pod.metadata.uid ?? "",
    namespace,
    name: pod.metadata.name,
    node: node.metadata.name,
    admittedAt: now,
    sandboxReadyAt,
    containers: (spec?.containers ?? []).map((c) => containerRecord(c, sandboxReadyAt, false)),
    initContainers: (spec?.initContainers ?? []).map((c) => containerRecord(c, sandboxReadyAt, true)),
    emptyDirs: new Map(),
  };
  if (!spec?.hostNetwork) {
    const cidr = (node as NodeView).spec?.podCIDR;
    const ip = cidr ? allocatePodIP(nodeRecord(cluster, node.metadata.name), cidr, record.uid) : undefined;
    if (ip) record.ip = ip;
  }
  runtimeState(cluster).pods.set(podRecordKey(namespace, pod.metadata.name), record);
  return record;
}

function volumesReady(cluster: Cluster, pod: KubeObject): boolean {
  const ns = pod.metadata.namespace ?? "default";
  return (podSpec(pod)?.volumes ?? []).every((v) => {
    if (!v.persistentVolumeClaim) return true;
    const claim = cluster.api.tryGet("PersistentVolumeClaim", ns, v.persistentVolumeClaim.claimName) as
      | (KubeObject & PersistentVolumeClaim)
      | undefined;
    return claim?.status?.phase === "Bound";
  });
}

function syncContext(cluster: Cluster, pod: KubeObject, record: PodRecord, node: KubeObject): SyncContext {
  const spec = podSpec(pod);
  return {
    cluster,
    pod,
    record,
    node: nodeRecord(cluster, node.metadata.name),
    timings: podTimings(cluster, record.namespace, record.name),
    containerSpec: (name) =>
      spec?.containers.find((c) => c.name === name) ?? spec?.initContainers?.find((c) => c.name === name),
    processContext: (at) => processContextOf(pod, node, at, record.ip ?? nodeInternalIP(node)),
  };
}

/**
 * The container whose step is due first. Init containers run one after another, each to
 * completion; main containers start once all have, each after the one before it is pulled.
 */
function dueContainer(record: PodRecord, now: number, volumesOk: boolean): ContainerRecord | undefined {
  // Loops, not findIndex/forEach with closures: asked twice or more on every kubelet sync.
  let pending: ContainerRecord | undefined;
  for (const c of record.initContainers) {
    if (!initDone(c)) {
      pending = c;
      break;
    }
  }
  // An init container not done yet is the only candidate, with none before it.
  if (pending) return dueIn(pending, undefined, now, volumesOk) ? pending : undefined;
  const candidates = record.containers;
  let best: ContainerRecord | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (!dueIn(c, candidates[i - 1], now, volumesOk)) continue;
    if (!best || c.until! < (best.until ?? 0)) best = c;
  }
  return best;
}

/** Whether container `c` (after `before` in its list) has a step due now. */
function dueIn(
  c: ContainerRecord,
  before: ContainerRecord | undefined,
  now: number,
  volumesOk: boolean,
): boolean {
  if (c.until === undefined || c.until > now) return false;
  if (c.stage === "waiting-sandbox") {
    if (!volumesOk) return false;
    if (before && (before.stage === "waiting-sandbox" || before.stage === "pulling")) return false;
  }
  return true;
}

function runReadiness(cluster: Cluster, ctx: SyncContext, now: number): number | undefined {
  let wake: number | undefined;
  for (const c of ctx.record.containers) {
    const spec = ctx.containerSpec(c.name);
    const probe = spec?.readinessProbe;
    const inst = c.current;
    if (!probe || !inst || c.stage !== "running" || !c.spec) continue;
    const { first, periodMs } = probeTimes(probe, inst.startedAt);
    // A Ready container turns NotReady after failureThreshold failures in a row; one success
    // (successThreshold is 1 for readiness by default) makes it Ready.
    const threshold = probe.failureThreshold ?? 3;
    let at: number = inst.nextProbeAt ?? first;
    while (at <= now) {
      const outcome = runProbe({
        probe,
        container: spec as Container,
        image: c.spec,
        podIP: ctx.record.ip ?? "",
        listening: at >= inst.startedAt + c.spec.process.readyAfterMs,
        filesystem: containerFilesystem(cluster, ctx.pod, c.name),
      });
      at += periodMs;
      if (outcome.ok) {
        c.readySince ??= at - periodMs;
        delete inst.readinessFailures;
        delete inst.recheck;
        // Once ready the emulator stops polling (no wake-ups) until the files change.
        break;
      }
      recordEvent(
        cluster,
        ctx.pod,
        "Warning",
        "Unhealthy",
        `Readiness probe failed: ${outcome.message}`,
        { component: "kubelet", host: ctx.record.node },
        fieldPath(c),
      );
      if (c.readySince === undefined) continue;
      inst.readinessFailures = (inst.readinessFailures ?? 0) + 1;
      if (inst.readinessFailures < threshold) continue;
      delete c.readySince;
      delete inst.readinessFailures;
      delete inst.recheck;
    }
    inst.nextProbeAt = at;
    if (c.readySince === undefined || inst.recheck || inst.readinessFailures) wake = Math.min(wake ?? at, at);
  }
  return wake;
}

function writeStatus(cluster: Cluster, pod: KubeObject, record: PodRecord, node: KubeObject): KubeObject {
  const status = buildPodStatus({
    pod,
    record,
    hostIP: nodeInternalIP(node),
    hostNetwork: podSpec(pod)?.hostNetwork === true,
    now: cluster.clock.now(),
    timestamp: (ms) => cluster.api.timestamp(ms),
  });
  // The API server would drop an unchanged status anyway; this skips the copy on the way in.
  if (deepEqual(status, pod.status)) return pod;
  // Built fresh above (the PodScheduled condition is the stored one, which nobody changes).
  writingStatusOf = pod.metadata.uid;
  try {
    return cluster.api.updateStatus({ ...pod, status }, { owned: true });
  } finally {
    writingStatusOf = undefined;
  }
}

function terminate(cluster: Cluster, ctx: SyncContext, key: string, node: KubeObject): void {
  const { record } = ctx;
  const now = cluster.clock.now();
  const graceMs = (ctx.pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
  const all = [...record.initContainers, ...record.containers];
  if (record.killingSince === undefined) {
    record.killingSince = now;
    for (const c of all) {
      const inst = c.current;
      if (inst && inst.finishedAt === undefined && c.stage === "running") {
        recordEvent(
          cluster,
          ctx.pod,
          "Normal",
          "Killing",
          `Stopping container ${c.name}`,
          { component: "kubelet", host: record.node },
          fieldPath(c),
        );
        c.stage = "stopping";
        c.until = now + (inst.plan.exitsOnStop ? Math.min(inst.plan.stopMs, graceMs) : graceMs);
        if (inst.plan.exitsOnStop && c.spec) {
          for (const line of c.spec.process.shutdownLog(ctx.processContext(now))) {
            inst.plan.lines.push({ ...line, afterMs: now - inst.startedAt + line.afterMs });
          }
        }
      } else {
        c.stage = "stopped";
        delete c.until;
      }
    }
  }
  for (const c of all) {
    if (c.stage !== "stopping" || c.until === undefined) continue;
    // A shorter grace period from a second delete (--now, --force) cuts the wait.
    c.until = Math.min(c.until, record.killingSince + graceMs);
    if (c.until <= now) {
      const clean = c.current?.plan.exitsOnStop === true && c.until - record.killingSince < graceMs;
      exitContainer(c, c.until, clean ? 0 : 137);
      c.stage = "stopped";
      delete c.until;
    }
  }
  const pending = all.filter((c) => c.stage === "stopping").map((c) => c.until ?? now);
  const pod = writeStatus(cluster, ctx.pod, record, node);
  if (pending.length > 0) {
    cluster.clock.wakeAt(Math.min(...pending), KUBELET, key);
    return;
  }
  const stoppedAt = Math.max(record.killingSince, ...all.map((c) => c.current?.finishedAt ?? 0));
  const removeAt = stoppedAt + ctx.timings.cleanupMs;
  if (now < removeAt) {
    cluster.clock.wakeAt(removeAt, KUBELET, key);
    return;
  }
  cluster.api.delete("Pod", record.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
  release(cluster, record);
}

function syncPod(cluster: Cluster, key: string): void {
  const { namespace, name } = splitNamespacedKey(key);
  const state = runtimeState(cluster);
  const pod = cluster.api.tryGet("Pod", namespace, name);
  let record = state.pods.get(key);
  if (record && (!pod || record.uid !== pod.metadata.uid)) {
    release(cluster, record);
    record = undefined;
  }
  const nodeName = pod ? podSpec(pod)?.nodeName : undefined;
  if (!pod || !nodeName) return;
  const node = cluster.api.tryGet("Node", undefined, nodeName);
  if (!node || !nodeRecord(cluster, nodeName).up) return;
  if (!record) {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if ((phase === "Succeeded" || phase === "Failed") && !pod.metadata.deletionTimestamp) return;
    record = admit(cluster, pod, node);
  }
  const ctx = syncContext(cluster, pod, record, node);
  if (pod.metadata.deletionTimestamp) {
    terminate(cluster, ctx, key, node);
    return;
  }
  const now = cluster.clock.now();
  const volumesOk = volumesReady(cluster, pod);
  for (let c = dueContainer(record, now, volumesOk); c; c = dueContainer(record, now, volumesOk)) {
    advanceContainer(ctx, c, c.until ?? now);
  }
  const probeWake = runReadiness(cluster, ctx, now);
  const livenessWake = runLiveness(cluster, ctx, now);
  // A liveness kill may have made a restart due already.
  for (let c = dueContainer(record, now, volumesOk); c; c = dueContainer(record, now, volumesOk)) {
    advanceContainer(ctx, c, c.until ?? now);
  }
  writeStatus(cluster, pod, record, node);
  const wakes = [...record.initContainers, ...record.containers]
    .map((c) => c.until)
    .filter((t): t is number => t !== undefined && t > now);
  if (probeWake !== undefined) wakes.push(probeWake);
  if (livenessWake !== undefined) wakes.push(livenessWake);
  if (wakes.length > 0) cluster.clock.wakeAt(Math.min(...wakes), KUBELET, key);
}

export function createKubelet(): Controller<Cluster> {
  return {
    name: KUBELET,
    kinds: ["Pod", "PersistentVolumeClaim"],
    keysFor,
    reconcile: (key, cluster) => syncPod(cluster, key),
  };
}
