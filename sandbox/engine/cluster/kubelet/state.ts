/**
 * What the nodes know that the API does not: whether each node's container (kind runs nodes as
 * docker containers) is up, which images each has pulled, which pod IPs are taken, and each
 * container's run-time record (its filesystem, its process plan, its previous instance for
 * `kubectl logs --previous`). Kept beside the cluster, one record per cluster, like the volume
 * store; the API objects stay the single source of truth for everything kubectl shows.
 */
import type { FileTree } from "../../fs/file-tree.ts";
import type { ImageSpec } from "../../images/types.ts";
import type { Cluster } from "../cluster.ts";
import { namespacedKey } from "../object-keys.ts";
import type { ProcessPlan } from "./process.ts";

export interface TerminatedRecord {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID?: string;
}

/** One run of a container's process. */
export interface ContainerInstance {
  /** `containerd://<64 hex>`, new for every run. */
  containerID: string;
  startedAt: number;
  plan: ProcessPlan;
  filesystem: FileTree;
  /** When the next readiness probe runs. */
  nextProbeAt?: number;
  /** Readiness probe failures in a row while Ready (failureThreshold of them make it NotReady). */
  readinessFailures?: number;
  /** The files changed while Ready: probe again (the emulator stops polling a Ready container). */
  recheck?: boolean;
  /** Set once the process has ended. */
  finishedAt?: number;
  exitCode?: number;
  /** The liveness probe's schedule for this run: when it next runs, failures in a row. */
  liveness?: { next: number; failures: number };
}

/**
 * The kubelet's view of one container. `stage` is where it is in its life; `until` is when that
 * stage ends (the kubelet asks the clock to wake it then).
 */
export interface ContainerRecord {
  name: string;
  /** An init container: runs to completion, in order, before the main containers start. */
  init?: boolean;
  image: string;
  spec?: ImageSpec;
  /** The image as containerd names it once pulled: `docker.io/library/nginx:1.27`. */
  normalizedImage?: string;
  stage:
    | "waiting-sandbox"
    | "pulling"
    | "pull-failed"
    | "pull-backoff"
    | "starting"
    | "running"
    /** Just exited; the next sync (PLEG relist) decides: restart, back off, or stay stopped. */
    | "exited"
    | "crash-backoff"
    | "stopping"
    | "stopped"
    | "invalid-image";
  until?: number;
  restartCount: number;
  pullBackoffMs: number;
  crashBackoffMs: number;
  /** Reason and message shown while waiting (ContainerCreating, ErrImagePull, CrashLoopBackOff…). */
  waitingReason?: string;
  waitingMessage?: string;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  /** The most recent termination (shown as state while stopped/exited, else as lastState). */
  lastTerminated?: TerminatedRecord;
  /** The termination before that: lastState while the newest one is the current state. */
  previousTerminated?: TerminatedRecord;
  /** When the readiness probe last passed; undefined while not ready. */
  readySince?: number;
  pullStartedAt?: number;
}

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  admittedAt: number;
  sandboxReadyAt: number;
  ip?: string;
  containers: ContainerRecord[];
  initContainers: ContainerRecord[];
  /** Each emptyDir volume's tree, kept for the pod's lifetime (containers restart, data stays). */
  emptyDirs: Map<string, FileTree>;
  /** Set when the kubelet saw the deletionTimestamp and began stopping containers. */
  killingSince?: number;
}

export interface NodeRecord {
  name: string;
  /** `docker stop <node>` makes this false: no kubelet, no heartbeats, containers gone. */
  up: boolean;
  /** When the node container last changed state. */
  changedAt: number;
  /** `<repository>@<digest>` of every image present on the node. */
  images: Set<string>;
  /** Pod IP → pod uid. */
  ips: Map<string, string>;
  /** The address last handed out (as a number): host-local continues after it (pod-ips.ts). */
  lastGivenIP?: number;
}

export interface RuntimeState {
  nodes: Map<string, NodeRecord>;
  pods: Map<string, PodRecord>;
}

const states = new WeakMap<Cluster, RuntimeState>();

export function runtimeState(cluster: Cluster): RuntimeState {
  let state = states.get(cluster);
  if (!state) {
    state = { nodes: new Map(), pods: new Map() };
    states.set(cluster, state);
  }
  return state;
}

/** The node's record; a node the runtime has not seen yet is up (kind started it). */
export function nodeRecord(cluster: Cluster, name: string): NodeRecord {
  const state = runtimeState(cluster);
  let node = state.nodes.get(name);
  if (!node) {
    node = { name, up: true, changedAt: cluster.clock.now(), images: new Set(), ips: new Map() };
    state.nodes.set(name, node);
  }
  return node;
}

/** An init container that finished with exit 0 (it never runs again). */
export const initDone = (c: ContainerRecord) => c.stage === "stopped" && c.lastTerminated?.exitCode === 0;

/** The pod's init containers have all completed (or it has none). */
export const initialized = (pod: PodRecord) => pod.initContainers.every(initDone);

/** `<namespace>/<name>`, the same string for the same pod (see object-keys.ts). */
export const podRecordKey = namespacedKey;
