/**
 * One container's life as the kubelet drives it: pull (or find the image present), create and
 * start, run, exit, and restart with back-off — each step a transition of its ContainerRecord at
 * the simulated time it is due, recording the kubelet's events with their real wording
 * (workloads.md §4.8). The pod-level loop (kubelet.ts) calls `advanceContainer` whenever a
 * container's `until` has come.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { FileTree } from "../../fs/file-tree.ts";
import { imageID, lookupImage } from "../../images/catalogue.ts";
import { defaultPullPolicy } from "../../images/reference.ts";
import type { ImageSpec, ProcessContext } from "../../images/types.ts";
import type { Cluster } from "../cluster.ts";
import { isRunningAndReady } from "../controllers/pod-util.ts";
import { recordEvent } from "../events.ts";
import { resolveHost } from "../network/pod-dns.ts";
import type { KubeObject } from "../types.ts";
import { containerFilesystem, makeMountPoints } from "./filesystem.ts";
import { probeRequests } from "./probe-log.ts";
import { planProcess } from "./process.ts";
import { startScript } from "./script-runner.ts";
import type { ContainerRecord, NodeRecord, PodRecord } from "./state.ts";
import { KUBELET_TIMING, type PodTimings } from "./timings.ts";

export interface SyncContext {
  cluster: Cluster;
  pod: KubeObject;
  record: PodRecord;
  node: NodeRecord;
  timings: PodTimings;
  containerSpec(name: string): Container | undefined;
  processContext(at: number): ProcessContext;
}

/** Go's time.Duration.String() for the Pulled event: `3.112s`, `512ms`, `1m2.5s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Number(((ms % 60_000) / 1000).toFixed(9)).toString();
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** Where events point inside the pod: `spec.containers{nginx}` or `spec.initContainers{init}`. */
export const fieldPath = (c: ContainerRecord) =>
  `spec.${c.init ? "initContainers" : "containers"}{${c.name}}`;

function event(
  ctx: SyncContext,
  c: ContainerRecord,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
) {
  recordEvent(
    ctx.cluster,
    ctx.pod,
    type,
    reason,
    message,
    { component: "kubelet", host: ctx.record.node },
    fieldPath(c),
  );
}

const imageTrees = new WeakMap<ImageSpec, FileTree>();

/** The image's files as a tree (built once per image, cloned per container run). */
export function imageTree(image: ImageSpec): FileTree {
  let tree = imageTrees.get(image);
  if (!tree) {
    tree = new FileTree();
    for (const [path, file] of Object.entries(image.files)) {
      const dir = path.slice(0, path.lastIndexOf("/")) || "/";
      tree.mkdir(dir, 0, { parents: true });
      const name = path.slice(path.lastIndexOf("/") + 1);
      if (name === ".keep") continue;
      tree.writeFile(path, file.content, 0);
      const node = tree.stat(path);
      if (node) node.mode = file.mode ?? (/\/s?bin\//.test(path) ? 0o755 : 0o644);
    }
    imageTrees.set(image, tree);
  }
  return tree;
}

function newContainerID(cluster: Cluster): string {
  let hex = "";
  while (hex.length < 64) hex += cluster.rng.nextUint32().toString(16).padStart(8, "0");
  return `containerd://${hex}`;
}

function beginPull(ctx: SyncContext, c: ContainerRecord, at: number): void {
  const found = lookupImage(c.image);
  const spec = ctx.containerSpec(c.name);
  if (!found.ok && found.reason === "InvalidImageName") {
    c.stage = "invalid-image";
    c.waitingReason = "InvalidImageName";
    c.waitingMessage = found.message;
    delete c.until;
    event(ctx, c, "Warning", "InspectFailed", found.message);
    event(ctx, c, "Warning", "Failed", "Error: InvalidImageName");
    return;
  }
  const policy = spec?.imagePullPolicy ?? defaultPullPolicy(c.image);
  const present = found.ok && (found.image.preloaded === true || ctx.node.images.has(imageID(found.image)));
  if (policy === "Never" && !present) {
    const message = `Container image "${c.image}" is not present with pull policy of Never`;
    c.stage = "invalid-image";
    c.waitingReason = "ErrImageNeverPull";
    c.waitingMessage = message;
    delete c.until;
    event(ctx, c, "Warning", "ErrImageNeverPull", message);
    event(ctx, c, "Warning", "Failed", "Error: ErrImageNeverPull");
    return;
  }
  if (found.ok && present && policy !== "Always") {
    event(ctx, c, "Normal", "Pulled", `Container image "${c.image}" already present on machine`);
    toStarting(ctx, c, found.image, at);
    return;
  }
  event(ctx, c, "Normal", "Pulling", `Pulling image "${c.image}"`);
  c.stage = "pulling";
  c.pullStartedAt = at;
  // A present image under policy Always only has its manifest checked: quick.
  const pullMs = found.ok ? (present ? 500 : found.image.pullMs * ctx.timings.pullFactor) : 1200;
  c.until = at + pullMs;
}

function toStarting(ctx: SyncContext, c: ContainerRecord, image: ImageSpec, at: number): void {
  c.spec = image;
  c.stage = "starting";
  c.until = at + image.process.startMs + ctx.timings.extraStartMs;
}

function finishPull(ctx: SyncContext, c: ContainerRecord, at: number): void {
  const found = lookupImage(c.image);
  if (found.ok) {
    ctx.node.images.add(imageID(found.image));
    const took = goDuration(at - (c.pullStartedAt ?? at));
    event(
      ctx,
      c,
      "Normal",
      "Pulled",
      `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${found.image.sizeBytes} bytes.`,
    );
    c.normalizedImage = found.ref.normalized;
    toStarting(ctx, c, found.image, at);
    return;
  }
  const pullError = found.reason === "ErrImagePull" ? found.pullError : found.message;
  event(ctx, c, "Warning", "Failed", `Failed to pull image "${c.image}": ${pullError}`);
  event(ctx, c, "Warning", "Failed", "Error: ErrImagePull");
  c.stage = "pull-failed";
  c.waitingReason = "ErrImagePull";
  c.waitingMessage = pullError;
  c.pullBackoffMs =
    c.pullBackoffMs === 0
      ? KUBELET_TIMING.pullBackoffInitialMs
      : Math.min(c.pullBackoffMs * 2, KUBELET_TIMING.pullBackoffMaxMs);
  c.until = at + KUBELET_TIMING.errImagePullShownMs;
}

function showPullBackoff(ctx: SyncContext, c: ContainerRecord, at: number): void {
  const message = `Back-off pulling image "${c.image}"`;
  event(ctx, c, "Normal", "BackOff", message);
  event(ctx, c, "Warning", "Failed", "Error: ImagePullBackOff");
  c.stage = "pull-backoff";
  c.waitingReason = "ImagePullBackOff";
  c.waitingMessage = message;
  c.until = at - KUBELET_TIMING.errImagePullShownMs + c.pullBackoffMs;
}

function start(ctx: SyncContext, c: ContainerRecord, at: number): void {
  const image = c.spec!;
  const spec = ctx.containerSpec(c.name) ?? { name: c.name };
  const plan = planProcess(image, spec, ctx.processContext(at));
  const restarting = c.current !== undefined || c.lastTerminated !== undefined;
  if (restarting) c.restartCount += 1;
  if (c.current) c.previous = c.current;
  c.current = {
    containerID: newContainerID(ctx.cluster),
    startedAt: at,
    plan,
    filesystem: imageTree(image).clone(),
  };
  delete c.waitingReason;
  delete c.waitingMessage;
  runPrepare(ctx, c, image, spec, at);
  if (plan.startError) {
    event(ctx, c, "Warning", "Failed", `Error: ${plan.startError}`);
    exitContainer(c, at, 128, "StartError", plan.startError);
    return;
  }
  // Only an httpGet probe reads the files (its access log lines); the mount points are made anyway.
  const httpProbe = spec.readinessProbe?.httpGet !== undefined || spec.livenessProbe?.httpGet !== undefined;
  const files = httpProbe ? containerFilesystem(ctx.cluster, ctx.pod, c.name) : undefined;
  if (!httpProbe) makeMountPoints(ctx.cluster, ctx.pod, c.name);
  const probes = probeRequests(image, spec, ctx.record.ip, files, at);
  if (probes.length > 0) plan.probes = probes;
  event(ctx, c, "Normal", "Created", `Created container: ${c.name}`);
  event(ctx, c, "Normal", "Started", `Started container ${c.name}`);
  c.stage = "running";
  if (!spec.readinessProbe) c.readySince = at;
  if (plan.exit) c.until = at + plan.exit.afterMs;
  else delete c.until;
  // A script that must really run starts now; it reports its own exit (script-runner.ts).
  if (plan.script) startScript(ctx.cluster, ctx.pod, spec, c, at);
}

/** The image's start-up hook (statelab/kvdb's clone), with this pod's files and its peers'. */
function runPrepare(
  ctx: SyncContext,
  c: ContainerRecord,
  image: ImageSpec,
  spec: Container,
  at: number,
): void {
  const plan = c.current?.plan;
  // Nothing to prepare: the mounts are made once, by start() right after (a failed start makes
  // them here, as it never gets there).
  if (!image.process.prepare && plan && !plan.startError) return;
  const files = containerFilesystem(ctx.cluster, ctx.pod, c.name);
  if (!image.process.prepare || !plan || plan.startError || !files || spec.command) return;
  const podSpec = (ctx.pod.spec ?? {}) as { hostname?: string; subdomain?: string };
  const namespace = ctx.pod.metadata.namespace ?? "default";
  const result = image.process.prepare({
    now: at,
    hostname: podSpec.hostname ?? ctx.pod.metadata.name,
    ...(podSpec.subdomain ? { subdomain: podSpec.subdomain } : {}),
    files,
    peer: (hostname) => {
      // The process reaches its peer by DNS (`db-1.db`), so without a headless Service whose
      // selector picks the peer there is nobody to clone from, as in a real cluster.
      const fqdn = podSpec.subdomain ? `${hostname}.${podSpec.subdomain}` : hostname;
      const address = resolveHost(ctx.cluster, ctx.pod, fqdn)?.addresses[0];
      const peer = ctx.cluster.api.tryGet("Pod", namespace, hostname);
      if (!peer || !isRunningAndReady(peer) || (peer.status as Pod["status"])?.podIP !== address)
        return undefined;
      return containerFilesystem(ctx.cluster, peer, c.name);
    },
  });
  const lines = result.lines.map((text) => ({ afterMs: 0, stream: "stdout" as const, text }));
  if (result.exitCode !== undefined) {
    plan.lines = [...plan.lines.slice(0, 1), ...lines];
    plan.exit = { afterMs: 0, code: result.exitCode };
  } else plan.lines = [...plan.lines.slice(0, -1), ...lines, ...plan.lines.slice(-1)];
}

/** Records the process's end; the next sync decides about restarting. */
export function exitContainer(
  c: ContainerRecord,
  at: number,
  code: number,
  reason?: string,
  message?: string,
): void {
  const inst = c.current;
  if (inst) {
    inst.finishedAt = at;
    inst.exitCode = code;
  }
  if (c.lastTerminated) c.previousTerminated = c.lastTerminated;
  c.lastTerminated = {
    exitCode: code,
    reason: reason ?? (code === 0 ? "Completed" : "Error"),
    ...(message ? { message } : {}),
    // A container that never ran (StartError) reports the zero time, as containerd does.
    startedAt: reason === "StartError" ? 0 : (inst?.startedAt ?? at),
    finishedAt: at,
    ...(inst ? { containerID: inst.containerID } : {}),
  };
  delete c.readySince;
  c.stage = "exited";
  c.until = at + 1000;
}

function afterExit(ctx: SyncContext, c: ContainerRecord, at: number): void {
  const policy = (ctx.pod.spec as { restartPolicy?: string } | undefined)?.restartPolicy ?? "Always";
  const code = c.lastTerminated?.exitCode ?? 0;
  // An init container that succeeded is done; one that failed restarts unless the policy is Never.
  const done = c.init
    ? code === 0 || policy === "Never"
    : policy === "Never" || (policy === "OnFailure" && code === 0);
  if (done) {
    c.stage = "stopped";
    delete c.until;
    return;
  }
  const last = c.lastTerminated;
  if (last && last.finishedAt - last.startedAt >= KUBELET_TIMING.crashBackoffResetMs) c.crashBackoffMs = 0;
  if (c.crashBackoffMs === 0) {
    // The first restart is immediate; the back-off starts counting from here.
    c.crashBackoffMs = KUBELET_TIMING.crashBackoffInitialMs;
    // Each start asks for the image under its pull policy: "already present" for IfNotPresent,
    // a pull again for Always (`:latest` or no tag).
    beginPull(ctx, c, at);
    return;
  }
  const wait = c.crashBackoffMs;
  const pod = ctx.pod.metadata;
  c.stage = "crash-backoff";
  c.waitingReason = "CrashLoopBackOff";
  c.waitingMessage = `back-off ${goDuration(wait)} restarting failed container=${c.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`;
  event(
    ctx,
    c,
    "Warning",
    "BackOff",
    `Back-off restarting failed container ${c.name} in pod ${pod.name}_${pod.namespace}(${pod.uid})`,
  );
  c.until = (last?.finishedAt ?? at) + wait;
  c.crashBackoffMs = Math.min(wait * 2, KUBELET_TIMING.crashBackoffMaxMs);
}

/** Performs the transition due at `at` for a container whose `until` has come. */
export function advanceContainer(ctx: SyncContext, c: ContainerRecord, at: number): void {
  switch (c.stage) {
    case "waiting-sandbox":
    case "pull-backoff":
      beginPull(ctx, c, at);
      return;
    case "pulling":
      finishPull(ctx, c, at);
      return;
    case "pull-failed":
      showPullBackoff(ctx, c, at);
      return;
    case "starting":
      start(ctx, c, at);
      return;
    case "running": {
      const inst = c.current;
      const exit = inst?.plan.exit;
      if (inst && exit && at >= inst.startedAt + exit.afterMs) exitContainer(c, at, exit.code);
      else delete c.until;
      return;
    }
    case "exited":
      afterExit(ctx, c, at);
      return;
    case "crash-backoff":
      beginPull(ctx, c, at);
      return;
    default:
      delete c.until;
  }
}
