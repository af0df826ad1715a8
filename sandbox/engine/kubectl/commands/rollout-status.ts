/**
 * kubectl rollout status (pkg/cmd/rollout/rollout_status.go, polymorphichelpers/rollout_status.go;
 * kubectl.md §12, workloads.md §3.7): the status viewer's message is printed for the object as it
 * is now and again on every change to it, until the viewer says done. Waiting lets simulated time
 * run through the time driver, so in the CLI and tests the rollout happens at once and in the
 * browser at the chosen speed.
 */
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation } from "../command.ts";

export type StatusResult = { message: string; done: boolean } | { error: string };

interface WorkloadFields {
  metadata: { name: string; generation?: number };
  spec?: {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    conditions?: { type: string; reason?: string }[];
  };
}

export function deploymentStatus(object: KubeObject): StatusResult {
  const d = object as unknown as WorkloadFields;
  const name = d.metadata.name;
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { message: "Waiting for deployment spec update to be observed...\n", done: false };
  }
  const progressing = status.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return { error: `deployment "${name}" exceeded its progress deadline` };
  }
  const replicas = d.spec?.replicas;
  const updated = status.updatedReplicas ?? 0;
  const wait = (text: string) => ({
    message: `Waiting for deployment "${name}" rollout to finish: ${text}\n`,
    done: false,
  });
  if (replicas !== undefined && updated < replicas) {
    return wait(`${updated} out of ${replicas} new replicas have been updated...`);
  }
  if ((status.replicas ?? 0) > updated)
    return wait(`${(status.replicas ?? 0) - updated} old replicas are pending termination...`);
  if ((status.availableReplicas ?? 0) < updated) {
    return wait(`${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`);
  }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

export function statefulSetStatus(object: KubeObject): StatusResult {
  const sts = object as unknown as WorkloadFields;
  const strategy = sts.spec?.updateStrategy;
  const status = sts.status ?? {};
  if ((strategy?.type ?? "RollingUpdate") !== "RollingUpdate") {
    return { error: "rollout status is only available for RollingUpdate strategy type" };
  }
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) {
    return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  }
  const replicas = sts.spec?.replicas;
  const ready = status.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) {
    return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  }
  const updated = status.updatedReplicas ?? 0;
  if (strategy?.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`,
        done: false,
      };
    }
    return {
      message: `partitioned roll out complete: ${updated} new pods have been updated...\n`,
      done: true,
    };
  }
  if (status.updateRevision !== status.currentRevision) {
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision}...\n`,
      done: false,
    };
  }
  return {
    message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision}...\n`,
    done: true,
  };
}

const VIEWERS: Record<string, (object: KubeObject) => StatusResult> = {
  Deployment: deploymentStatus,
  StatefulSet: statefulSetStatus,
};

/** How far simulated time may run in instant mode before a rollout that never settles gives up. */
const INSTANT_CAP_MS = 60 * 60 * 1000;
const STEP_MS = 1000;

/** Watches one object and prints the viewer's message on every change until done. */
export async function watchRolloutStatus(invocation: KubectlInvocation, object: KubeObject): Promise<number> {
  const { ctx, flags } = invocation;
  const cluster = ctx.env.cluster;
  const viewer = VIEWERS[object.kind];
  if (!viewer) {
    ctx.stderr(`error: no status viewer has been implemented for ${object.kind}\n`);
    return 1;
  }
  let outcome: number | undefined;
  const show = (current: KubeObject): void => {
    if (outcome !== undefined) return;
    const result = viewer(current);
    if ("error" in result) {
      ctx.stderr(`error: ${result.error}\n`);
      outcome = 1;
      return;
    }
    ctx.stdout(result.message);
    if (result.done || !flags.bool("watch")) outcome = 0;
  };
  const { kind } = object;
  const { namespace, name } = object.metadata;
  const stop = cluster.watch((event) => {
    const o = event.object;
    if (o.kind !== kind || o.metadata.name !== name || o.metadata.namespace !== namespace) return;
    if (event.type === "DELETED") {
      if (outcome === undefined) ctx.stderr("error: object has been deleted\n");
      outcome ??= 1;
      return;
    }
    show(o);
  });
  try {
    show(object);
    const timeout = flags.duration("timeout");
    const limit =
      timeout > 0 ? timeout : ctx.env.time.mode === "instant" ? INSTANT_CAP_MS : Number.POSITIVE_INFINITY;
    const deadline = cluster.clock.now() + limit;
    while (outcome === undefined) {
      if (cluster.clock.now() >= deadline) {
        ctx.stderr("error: timed out waiting for the condition\n");
        return 1;
      }
      await ctx.env.time.wait(Math.min(STEP_MS, deadline - cluster.clock.now()), ctx.signal);
    }
    return outcome;
  } finally {
    stop();
  }
}
