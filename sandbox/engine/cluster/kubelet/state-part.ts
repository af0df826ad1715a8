/**
 * The kubelets' runtime state (kubelet/state.ts) as snapshot data: nodes (up or stopped, pulled
 * images, pod IPs), and per pod each container's stage, timers, restart counts, terminations and
 * its current and previous run (process plan, own filesystem, liveness schedule), plus emptyDir
 * contents. Images are stored by reference and looked up in the catalogue again on restore.
 * `restore` checks the shape of everything it reads, because snapshots come from outside, and
 * keeps what it is given (restoreCluster hands parts a private copy).
 */
import { type DirNode, FileTree } from "../../fs/file-tree.ts";
import { lookupImage } from "../../images/catalogue.ts";
import type { Cluster } from "../cluster.ts";
import { check, isRecord } from "../snapshot-guard.ts";
import type { StatePart } from "../state-parts.ts";
import type { ProcessPlan } from "./process.ts";
import {
  type ContainerInstance,
  type ContainerRecord,
  type NodeRecord,
  type PodRecord,
  runtimeState,
  type TerminatedRecord,
} from "./state.ts";

type SavedInstance = Omit<ContainerInstance, "filesystem"> & { filesystem: DirNode };
type SavedContainer = Omit<ContainerRecord, "spec" | "current" | "previous"> & {
  /** Whether the record had resolved its image (the catalogue entry is looked up again). */
  spec: boolean;
  current?: SavedInstance;
  previous?: SavedInstance;
};
type SavedPod = Omit<PodRecord, "containers" | "initContainers" | "emptyDirs"> & {
  key: string;
  containers: SavedContainer[];
  initContainers: SavedContainer[];
  emptyDirs: [string, DirNode][];
};
type SavedNode = Omit<NodeRecord, "images" | "ips"> & { images: string[]; ips: [string, string][] };

export interface SavedRuntime {
  nodes: SavedNode[];
  /** In the runtime's own (insertion) order, which node power-off walks. */
  pods: SavedPod[];
}

const saveInstance = (inst: ContainerInstance): SavedInstance => ({
  ...structuredClone({ ...inst, filesystem: undefined }),
  filesystem: structuredClone(inst.filesystem.root),
});

function saveContainer(c: ContainerRecord): SavedContainer {
  const { spec, current, previous, ...rest } = c;
  return {
    ...structuredClone(rest),
    spec: spec !== undefined,
    ...(current ? { current: saveInstance(current) } : {}),
    ...(previous ? { previous: saveInstance(previous) } : {}),
  };
}

export function saveRuntime(cluster: Cluster): SavedRuntime {
  const state = runtimeState(cluster);
  return {
    nodes: [...state.nodes.values()].map((n) => ({
      ...n,
      images: [...n.images],
      ips: [...n.ips],
    })),
    pods: [...state.pods].map(([key, p]) => ({
      ...structuredClone({ ...p, containers: [], initContainers: [], emptyDirs: [] }),
      key,
      containers: p.containers.map(saveContainer),
      initContainers: p.initContainers.map(saveContainer),
      emptyDirs: [...p.emptyDirs].map(([name, tree]) => [name, structuredClone(tree.root)]),
    })),
  };
}

export function restoreRuntime(cluster: Cluster, data: unknown): void {
  check(isRecord(data) && Array.isArray(data.nodes) && Array.isArray(data.pods), damaged("runtime"));
  const state = runtimeState(cluster);
  state.nodes.clear();
  state.pods.clear();
  for (const n of data.nodes) {
    const node = restoreNode(n);
    state.nodes.set(node.name, node);
  }
  for (const p of data.pods) {
    check(isRecord(p) && typeof p.key === "string", damaged("pod"));
    state.pods.set(p.key, restorePod(p));
  }
}

export function kubeletStatePart(cluster: Cluster): StatePart {
  return { save: () => saveRuntime(cluster), restore: (data) => restoreRuntime(cluster, data) };
}

const damaged = (what: string) => `the snapshot's kubelet ${what} state is damaged`;
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const opt = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isPairs = (v: unknown): v is [string, string][] =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && isStr(e[0]) && isStr(e[1]));

function restoreNode(n: unknown): NodeRecord {
  check(
    isRecord(n) &&
      isStr(n.name) &&
      typeof n.up === "boolean" &&
      isNum(n.changedAt) &&
      Array.isArray(n.images) &&
      n.images.every(isStr) &&
      isPairs(n.ips) &&
      opt(n.lastGivenIP, isNum),
    damaged("node"),
  );
  return {
    name: n.name,
    up: n.up,
    changedAt: n.changedAt,
    images: new Set(n.images as string[]),
    ips: new Map(n.ips),
    ...(n.lastGivenIP === undefined ? {} : { lastGivenIP: n.lastGivenIP as number }),
  };
}

function restorePod(p: Record<string, unknown>): PodRecord {
  check(
    isStr(p.uid) &&
      isStr(p.namespace) &&
      isStr(p.name) &&
      isStr(p.node) &&
      isNum(p.admittedAt) &&
      isNum(p.sandboxReadyAt) &&
      opt(p.ip, isStr) &&
      opt(p.killingSince, isNum) &&
      Array.isArray(p.containers) &&
      Array.isArray(p.initContainers) &&
      Array.isArray(p.emptyDirs),
    damaged("pod"),
  );
  const emptyDirs = new Map<string, FileTree>();
  for (const entry of p.emptyDirs) {
    check(Array.isArray(entry) && isStr(entry[0]) && isTree(entry[1]), damaged("emptyDir"));
    emptyDirs.set(entry[0], new FileTree(entry[1]));
  }
  const { key: _key, ...rest } = p;
  return {
    ...(rest as unknown as PodRecord),
    containers: p.containers.map(restoreContainer),
    initContainers: p.initContainers.map(restoreContainer),
    emptyDirs,
  };
}

const STAGES = new Set<ContainerRecord["stage"]>([
  "waiting-sandbox",
  "pulling",
  "pull-failed",
  "pull-backoff",
  "starting",
  "running",
  "exited",
  "crash-backoff",
  "stopping",
  "stopped",
  "invalid-image",
]);

function restoreContainer(c: unknown): ContainerRecord {
  check(
    isRecord(c) &&
      isStr(c.name) &&
      isStr(c.image) &&
      typeof c.spec === "boolean" &&
      STAGES.has(c.stage as ContainerRecord["stage"]) &&
      opt(c.init, (v) => typeof v === "boolean") &&
      opt(c.normalizedImage, isStr) &&
      opt(c.until, isNum) &&
      Number.isInteger(c.restartCount) &&
      isNum(c.pullBackoffMs) &&
      isNum(c.crashBackoffMs) &&
      opt(c.waitingReason, isStr) &&
      opt(c.waitingMessage, isStr) &&
      opt(c.lastTerminated, isTerminated) &&
      opt(c.previousTerminated, isTerminated) &&
      opt(c.readySince, isNum) &&
      opt(c.pullStartedAt, isNum),
    damaged("container"),
  );
  const { spec, current, previous, ...rest } = c;
  const record = rest as unknown as ContainerRecord;
  if (spec) {
    const found = lookupImage(c.image);
    check(found.ok, `the snapshot's container ${c.name} runs an image this sandbox does not have`);
    record.spec = found.image;
  }
  if (current !== undefined) record.current = restoreInstance(current);
  if (previous !== undefined) record.previous = restoreInstance(previous);
  return record;
}

function isTerminated(t: unknown): t is TerminatedRecord {
  return (
    isRecord(t) &&
    Number.isInteger(t.exitCode) &&
    isStr(t.reason) &&
    opt(t.message, isStr) &&
    isNum(t.startedAt) &&
    isNum(t.finishedAt) &&
    opt(t.containerID, isStr)
  );
}

function restoreInstance(i: unknown): ContainerInstance {
  check(
    isRecord(i) &&
      isStr(i.containerID) &&
      isNum(i.startedAt) &&
      isPlan(i.plan) &&
      isTree(i.filesystem) &&
      opt(i.nextProbeAt, isNum) &&
      opt(i.readinessFailures, Number.isInteger) &&
      opt(i.recheck, (b) => typeof b === "boolean") &&
      opt(i.finishedAt, isNum) &&
      opt(i.exitCode, Number.isInteger) &&
      opt(i.liveness, (l) => isRecord(l) && isNum(l.next) && Number.isInteger(l.failures)),
    damaged("container run"),
  );
  return { ...(i as unknown as ContainerInstance), filesystem: new FileTree(i.filesystem) };
}

function isPlan(p: unknown): p is ProcessPlan {
  const isLine = (l: unknown) =>
    isRecord(l) && isNum(l.afterMs) && (l.stream === "stdout" || l.stream === "stderr") && isStr(l.text);
  return (
    isRecord(p) &&
    Array.isArray(p.lines) &&
    p.lines.every(isLine) &&
    opt(
      p.repeat,
      (r) =>
        isRecord(r) &&
        isNum(r.afterMs) &&
        isNum(r.everyMs) &&
        r.everyMs > 0 &&
        Array.isArray(r.lines) &&
        r.lines.every(isStr),
    ) &&
    opt(p.exit, (e) => isRecord(e) && isNum(e.afterMs) && Number.isInteger(e.code)) &&
    typeof p.exitsOnStop === "boolean" &&
    isNum(p.stopMs) &&
    opt(p.startError, isStr) &&
    opt(p.script, (a) => Array.isArray(a) && a.length > 0 && a.every(isStr)) &&
    opt(
      p.probes,
      (list) =>
        Array.isArray(list) &&
        list.every(
          (q) =>
            isRecord(q) &&
            isNum(q.firstAt) &&
            isNum(q.everyMs) &&
            q.everyMs > 0 &&
            Number.isInteger(q.status) &&
            Number.isInteger(q.bytes) &&
            opt(q.port, Number.isInteger) &&
            opt(
              q.changes,
              (list) =>
                Array.isArray(list) &&
                list.every(
                  (c) =>
                    isRecord(c) && isNum(c.from) && Number.isInteger(c.status) && Number.isInteger(c.bytes),
                ),
            ) &&
            [q.server, q.client, q.path, q.userAgent].every(isStr),
        ),
    )
  );
}

/** A FileTree root: directories of named children and files of text. */
export function isTree(root: unknown): root is DirNode {
  const stack: unknown[] = [root];
  if (!isRecord(root) || root.type !== "dir") return false;
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isRecord(node) || !isNum(node.mtime) || !Number.isInteger(node.mode)) return false;
    if (node.type === "file") {
      if (!isStr(node.content)) return false;
    } else if (node.type === "dir" && isRecord(node.children)) {
      for (const [name, child] of Object.entries(node.children)) {
        if (name === "" || name === "." || name === ".." || name.includes("/")) return false;
        stack.push(child);
      }
    } else return false;
  }
  return true;
}
