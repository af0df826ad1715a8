/**
 * Container scripts that really run: a container whose `command`/`args` is a shell script the
 * plan cannot know in advance (process.ts marks it `script`) runs in the pod shell's interpreter,
 * over the container's files and volumes, as its PID 1. It lives on simulated time:
 *
 * - `sleep` suspends the script until the cluster's clock reaches its end: a wake-up
 *   `{ topic: "container-process", key }` as data, no timer. The script keeps its own time
 *   (`now`), so a script woken late (the clock jumped ahead) catches up, writing each line and
 *   file at the time it is due; `date` and file times read that time too.
 * - stdout and stderr go, line by line, to the run's log (`kubectl logs`, with each line's time);
 *   the script's exit status ends the container (exitContainer), and the kubelet does the rest
 *   (restartPolicy, CrashLoopBackOff).
 * - A script stops when its container run does (deleted pod after the grace period, liveness
 *   kill, stopped node): the next time it wakes or writes, it is aborted and its output dropped.
 * - Work is bounded per wake-up: after WORK_PER_WAKEUP commands without a real wake-up (a loop
 *   with no sleep, or catching up a long gap) the script is suspended until RUNAWAY_PAUSE_MS
 *   after the cluster's now; what it would have done meanwhile is cut, as a runaway's output is.
 *
 * Snapshots: a running script's state (its place in the loop, its variables) is not saved, and
 * a restore is not a restart (a real cluster has no restore: the process would simply go on). A
 * restored cluster replays each running container's script from its container run's start up to
 * the saved instant (`resumeScripts`): its sleeps pass at once and what it wrote then (log lines,
 * file writes) is dropped, being already in the saved log and files, so it goes on where it was,
 * loop counters and variables included. A script that reads back what it wrote sees the files as
 * saved while replaying, so such a script may not land exactly where it was.
 *
 * Callers that move time (the time driver's instant `sleep`, Sandbox.exec) await `scriptsIdle`
 * so that every script has done what is due before the next thing looks.
 */
import type { Container } from "kubernetes-types/core/v1";
import type { FileSystem } from "../../fs/file-tree.ts";
import type { SandboxEnv } from "../../shell/command.ts";
import { toolLoads } from "../../shell/lazy-tool.ts";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import { exitContainer } from "./containers.ts";
import type { ContainerRecord } from "./state.ts";
import { nodeRecord, podRecordKey, runtimeState } from "./state.ts";

const TOPIC = "container-process";
/** Commands a script may run between two wake-ups before it is suspended as a runaway. */
export const WORK_PER_WAKEUP = 500;
/** How long a runaway script is suspended for. */
export const RUNAWAY_PAUSE_MS = 1000;
/** A run's log keeps at most this many lines; older ones go, as the kubelet rotates logs. */
const MAX_LOG_LINES = 20_000;

interface Sleeper {
  at: number;
  resolve(): void;
  reject(error: Error): void;
}

interface ScriptProcess {
  key: string;
  podKey: string;
  container: string;
  containerID: string;
  /** The script's own time: when it last woke, plus the sleeps it has caught up since. */
  now: number;
  /** Commands run since the last real wake-up. */
  work: number;
  sleepers: Sleeper[];
  ended: boolean;
  /** Its interpreter is still loading (a module fetch, not a microtask): wait for it. */
  loading: boolean;
  abort: AbortController;
  /** Resolved (and replaced) whenever the process parks, wakes or ends. */
  changed: { promise: Promise<void>; resolve(): void };
  partial: { stdout: string; stderr: string };
  /** After a restore: until its time passes this, the script replays (its writes were made). */
  replayUntil?: number;
}

const replaying = (proc: ScriptProcess) => proc.replayUntil !== undefined && proc.now <= proc.replayUntil;

interface Table {
  procs: Map<string, ScriptProcess>;
  /** Bumped by every command a script runs, so `scriptsIdle` can tell when all is quiet. */
  progress: number;
  /** Running containers found without their process after a restore have been restarted. */
  resumed: boolean;
  /** Bumped when a script starts or a sleeping one is woken: it has work to do before time moves. */
  stirred: number;
}

const tables = new WeakMap<Cluster, Table>();

function table(cluster: Cluster): Table {
  let t = tables.get(cluster);
  if (!t) {
    t = { procs: new Map(), progress: 0, resumed: false, stirred: 0 };
    tables.set(cluster, t);
    cluster.controllers.register({ name: TOPIC, keysFor: () => [], reconcile: (key) => wake(cluster, key) });
  }
  return t;
}

function signal(): ScriptProcess["changed"] {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function changed(proc: ScriptProcess): void {
  const old = proc.changed;
  proc.changed = signal();
  old.resolve();
}

/** The container record a process belongs to, while it is still that process's run. */
function liveRecord(cluster: Cluster, proc: ScriptProcess): ContainerRecord | undefined {
  const pod = runtimeState(cluster).pods.get(proc.podKey);
  if (!pod || !nodeRecord(cluster, pod.node).up) return undefined;
  const c = [...pod.initContainers, ...pod.containers].find((x) => x.name === proc.container);
  const run = c?.current;
  return run && run.containerID === proc.containerID && run.finishedAt === undefined ? c : undefined;
}

function kill(cluster: Cluster, proc: ScriptProcess): void {
  if (proc.ended) return;
  proc.ended = true;
  proc.abort.abort();
  const abort = new Error("killed");
  abort.name = "AbortError";
  for (const s of proc.sleepers.splice(0)) s.reject(abort);
  table(cluster).procs.delete(proc.key);
  changed(proc);
}

/** A wake-up came due: every sleep that has ended resumes, at the time it ended. */
function wake(cluster: Cluster, key: string): void {
  const proc = table(cluster).procs.get(key);
  if (!proc) return;
  if (!liveRecord(cluster, proc)) {
    kill(cluster, proc);
    return;
  }
  proc.work = 0;
  const now = cluster.clock.now();
  const due = proc.sleepers.filter((s) => s.at <= now).sort((a, b) => a.at - b.at);
  if (due.length === 0) return;
  proc.sleepers = proc.sleepers.filter((s) => s.at > now);
  table(cluster).stirred += 1;
  for (const s of due) {
    proc.now = Math.max(proc.now, s.at);
    s.resolve();
  }
  changed(proc);
}

/** The script's `sleep`: at once while catching up, else parked until the clock's wake-up. */
function sleepFor(
  cluster: Cluster,
  proc: ScriptProcess,
  ms: number,
  abortSignal?: AbortSignal,
): Promise<void> {
  if (proc.ended || abortSignal?.aborted) return Promise.reject(abortError());
  const at = proc.now + Math.max(0, ms);
  if (at <= cluster.clock.now()) {
    proc.now = at;
    return Promise.resolve();
  }
  return park(cluster, proc, at);
}

function park(cluster: Cluster, proc: ScriptProcess, at: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    proc.sleepers.push({ at, resolve, reject });
    // `sleep infinity` and `tail -f` wait for the end of the run: no wake-up.
    if (Number.isFinite(at)) cluster.clock.wakeAt(at, TOPIC, proc.key);
    changed(proc);
  });
}

function abortError(): Error {
  const error = new Error("interrupted");
  error.name = "AbortError";
  return error;
}

/** Counts a command; a script that has done its share without a wake-up is suspended (cut). */
function beforeCommand(cluster: Cluster, proc: ScriptProcess): Promise<void> | undefined {
  table(cluster).progress += 1;
  if (!liveRecord(cluster, proc)) {
    kill(cluster, proc);
    return Promise.reject(abortError());
  }
  if (replaying(proc)) return undefined;
  proc.work += 1;
  if (proc.work < WORK_PER_WAKEUP) return undefined;
  proc.work = 0;
  // The time it would have spent spinning until then is skipped, not simulated.
  return park(cluster, proc, Math.max(proc.now, cluster.clock.now()) + RUNAWAY_PAUSE_MS);
}

/** Appends what the script wrote to its run's log, a whole line at a time. */
function write(cluster: Cluster, proc: ScriptProcess, stream: "stdout" | "stderr", text: string): void {
  const c = liveRecord(cluster, proc);
  if (!c || replaying(proc)) return;
  const run = c.current!;
  const chunks = (proc.partial[stream] + text).split("\n");
  proc.partial[stream] = chunks.pop() ?? "";
  const lines = run.plan.lines;
  for (const line of chunks) lines.push({ afterMs: proc.now - run.startedAt, stream, text: line });
  if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
}

/**
 * Starts the script of container `c` (its current run, just started at `at`) in `pod`. Called by
 * the kubelet as it starts a container whose plan has a `script`.
 */
export function startScript(
  cluster: Cluster,
  pod: KubeObject,
  spec: Container,
  c: ContainerRecord,
  at: number,
  replayUntil?: number,
): void {
  const run = c.current;
  const argv = run?.plan.script;
  if (!run || !argv || !c.spec) return;
  const podKey = podRecordKey(pod.metadata.namespace ?? "default", pod.metadata.name);
  const key = `${podKey} ${c.name} ${run.containerID}`;
  const t = table(cluster);
  const proc: ScriptProcess = {
    key,
    podKey,
    container: c.name,
    containerID: run.containerID,
    now: at,
    work: 0,
    sleepers: [],
    ended: false,
    loading: true,
    abort: new AbortController(),
    changed: signal(),
    partial: { stdout: "", stderr: "" },
    ...(replayUntil === undefined ? {} : { replayUntil }),
  };
  t.procs.set(key, proc);
  t.stirred += 1;
  void runScript(cluster, proc, pod, spec, c, argv);
}

async function runScript(
  cluster: Cluster,
  proc: ScriptProcess,
  pod: KubeObject,
  spec: Container,
  c: ContainerRecord,
  argv: string[],
): Promise<void> {
  let status: number;
  try {
    // The interpreter and its tools load with the first script, not with the cluster.
    const { createPodShell } = await import("../../shell/pod-shell.ts").finally(() => {
      proc.loading = false;
      changed(proc);
    });
    const env: SandboxEnv = {
      cluster,
      time: {
        mode: "instant",
        wait: (ms, abortSignal) => sleepFor(cluster, proc, ms, abortSignal),
        nextDeadline: () => undefined,
      },
    };
    const shell = createPodShell(
      env,
      { pod, container: spec, image: c.spec },
      {
        program: argv[0] ?? "sh",
        interactive: false,
        tty: false,
        process: { clock: () => proc.now, beforeCommand: () => beforeCommand(cluster, proc) },
      },
    );
    if (proc.replayUntil !== undefined) shell.place.fs = replayingFiles(shell.place.fs, proc);
    status = await shell.runArgv(argv, {
      stdin: "",
      stdinIsTerminal: false,
      stdoutIsTerminal: false,
      out: (text) => write(cluster, proc, "stdout", text),
      err: (text) => write(cluster, proc, "stderr", text),
      signal: proc.abort.signal,
    });
  } catch (error) {
    if (proc.ended) return;
    // A bug in a tool must not take the cluster down: the process dies as a crashed one would.
    write(cluster, proc, "stderr", `${error instanceof Error ? error.message : String(error)}\n`);
    status = 1;
  }
  if (proc.ended) return;
  for (const stream of ["stdout", "stderr"] as const) {
    if (proc.partial[stream] !== "") write(cluster, proc, stream, "\n");
  }
  exited(cluster, proc, status);
}

/** The container's files as a replaying script sees them: writes already made before the save are dropped. */
function replayingFiles(fs: FileSystem, proc: ScriptProcess): FileSystem {
  const writes = new Set(["writeFile", "mkdir", "remove", "rename"]);
  return new Proxy(fs, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      if (typeof name === "string" && writes.has(name)) {
        return (...args: unknown[]) => (replaying(proc) ? undefined : value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/** The script ended by itself: its container run ends with its status, at the script's time. */
function exited(cluster: Cluster, proc: ScriptProcess, status: number): void {
  const c = liveRecord(cluster, proc);
  proc.ended = true;
  table(cluster).procs.delete(proc.key);
  changed(proc);
  if (!c) return;
  const at = Math.max(proc.now, c.current!.startedAt);
  const stopping = c.stage === "stopping";
  exitContainer(c, at, status & 255);
  if (stopping) {
    c.stage = "stopped";
    delete c.until;
  }
  const kubelet = cluster.controllers.controllerNamed("kubelet");
  if (kubelet) cluster.controllers.enqueue(kubelet, proc.podKey);
  cluster.runControllers();
}

/**
 * After a restore, replays from its run's start to now the script of every running container
 * that has one (scripts' state is not in snapshots). Cheap after the first call on a cluster.
 */
export function resumeScripts(cluster: Cluster): void {
  const t = table(cluster);
  if (t.resumed) return;
  t.resumed = true;
  for (const pod of runtimeState(cluster).pods.values()) {
    for (const c of [...pod.initContainers, ...pod.containers]) {
      const run = c.current;
      if (!run?.plan.script || run.finishedAt !== undefined || c.stage !== "running") continue;
      const object = cluster.api.tryGet("Pod", pod.namespace, pod.name);
      const spec =
        (object?.spec as { containers?: Container[]; initContainers?: Container[] } | undefined) ?? {};
      const container = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find(
        (x) => x.name === c.name,
      );
      if (
        object &&
        container &&
        !t.procs.has(`${podRecordKey(pod.namespace, pod.name)} ${c.name} ${run.containerID}`)
      ) {
        startScript(cluster, object, container, c, run.startedAt, cluster.clock.now());
      }
    }
  }
}

/** When the earliest sleeping script wakes, if any is asleep. */
export function nextScriptWakeup(cluster: Cluster): number | undefined {
  let next: number | undefined;
  for (const proc of table(cluster).procs.values()) {
    for (const s of proc.sleepers)
      if (Number.isFinite(s.at) && (next === undefined || s.at < next)) next = s.at;
  }
  return next;
}

/**
 * Microtask turns with no script running a command after which all is taken as quiet: a
 * command's own awaits take far fewer, and no script can be waiting on anything but its sleeps.
 */
const QUIET_TURNS = 256;

/**
 * Resolves once every script has done all it can until the clock moves: each one is asleep or
 * has ended, and none ran a command for a while (a pipeline's other stages may still be reading).
 * Bounded: a script stuck on anything but time cannot hold the caller.
 */
export async function scriptsIdle(cluster: Cluster): Promise<void> {
  const t = table(cluster);
  resumeScripts(cluster);
  for (;;) {
    const loading = [...t.procs.values()].filter((p) => p.loading);
    if (loading.length > 0) {
      await Promise.race(loading.map((p) => p.changed.promise));
      continue;
    }
    if (t.procs.size === 0) return;
    const loads = toolLoads();
    if (loads) {
      await loads;
      continue;
    }
    const before = t.progress;
    for (let i = 0; i < QUIET_TURNS; i++) await null;
    if (t.progress === before) return;
  }
}

/**
 * Moves the clock to `until` stopping wherever a script wakes, and lets it run there: what the
 * instant time driver does for `sleep`, so scripts act at their own times between commands.
 */
export async function advanceWithScripts(cluster: Cluster, until: number): Promise<void> {
  const t = table(cluster);
  await scriptsIdle(cluster);
  // Wake-up by wake-up: a container started on the way (its script's first commands, such as
  // `touch /tmp/healthy`) or a script woken runs before the clock goes further, so the kubelet's
  // probes and the next wake-ups see what it did.
  for (
    let next = cluster.clock.nextWakeupAt();
    next !== undefined && next <= until;
    next = cluster.clock.nextWakeupAt()
  ) {
    const stirred = t.stirred;
    cluster.advance(next - cluster.clock.now());
    if (t.stirred !== stirred) await scriptsIdle(cluster);
  }
  cluster.advance(until - cluster.clock.now());
  await scriptsIdle(cluster);
}
