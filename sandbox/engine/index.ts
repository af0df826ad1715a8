/**
 * The engine's front door: a sandbox is a cluster plus the shell that drives it.
 * Pure TypeScript, so the same code runs in the Web Worker, under Vitest and in the CLI.
 */
import { type CommandRecord, evaluateTasks, type TaskCheck, type TaskResult } from "./checks/index.ts";
import { DEFAULT_START_MS } from "./clock.ts";
import type { Cluster, ClusterOptions } from "./cluster/cluster.ts";
import { resumeScripts, scriptsIdle } from "./cluster/kubelet/script-runner.ts";
import { type RestoreOptions, restoreCluster, SnapshotError, saveSnapshot } from "./cluster/snapshot.ts";
import { FileTree } from "./fs/file-tree.ts";
import type { EditorHost } from "./kubectl/commands/edit.ts";
import { kubeconfigOf } from "./kubectl/kubeconfig.ts";
import type { ExitStatus, OnOutput } from "./output.ts";
import { type ClusterPicture, clusterPicture } from "./picture.ts";
import {
  restoreShell,
  SANDBOX_SNAPSHOT_FORMAT,
  SANDBOX_SNAPSHOT_VERSION,
  type SandboxSnapshot,
  shellSnapshot,
  validateSandboxSnapshot,
} from "./sandbox-snapshot.ts";
import { BOOT_SEED } from "./scenarios/boot-seed.ts";
import { BOOT_BASE_MS, bootSnapshotFits, shiftBootSnapshot } from "./scenarios/boot-snapshot.ts";
import { createNamedCluster, type ScenarioName } from "./scenarios/index.ts";
import type { SandboxEnv, Workspace } from "./shell/command.ts";
import type { Completion } from "./shell/completion.ts";
import { createWorkspace } from "./shell/host.ts";
import { terminalFor } from "./shell/shell.ts";
import { type WorkspaceFiles, workspaceFiles } from "./shell/workspace-files.ts";
import { createTimeDriver, type TimeMode } from "./time-driver.ts";

export type { TaskCheck, TaskResult } from "./checks/index.ts";
export type { ClusterSnapshot } from "./cluster/snapshot.ts";
export { SnapshotError } from "./cluster/snapshot.ts";
export type { ExitStatus, OnOutput, OutputChunk, Stream } from "./output.ts";
export type { ClusterPicture, PodCard } from "./picture.ts";
export type { SandboxSnapshot, ShellSnapshot } from "./sandbox-snapshot.ts";
export type { Completion } from "./shell/completion.ts";
export type { WorkspaceChange } from "./shell/workspace-files.ts";
export type { TimeMode } from "./time-driver.ts";

export interface SandboxOptions extends ClusterOptions {
  /** "instant" for scripts and tests (sleep returns at once), "realtime" for the browser. */
  timeMode?: TimeMode;
  /** Named starting state from sandbox/engine/scenarios ("default" when left out). */
  scenario?: string;
  /**
   * Rebuild the sandbox a `save()` captured instead of starting from the scenario (the snapshot
   * object or its JSON text; `scenario`, `seed` and `startMs` are then ignored). Anything wrong
   * with it throws SnapshotError, and only that.
   */
  restore?: unknown;
  /**
   * The build's boot snapshot of `scenario` (`makeBootSnapshot`'s JSON text, see
   * scenarios/boot-snapshot.ts): when `seed` and `startMs` fit, the sandbox starts from it, moved
   * to `startMs`, instead of booting the scenario; the same sandbox, byte for byte, without the
   * boot's work. Trusted, so not checked as `restore` is: pass nothing but the build's own text.
   */
  bootSnapshot?: string;
}

export interface Sandbox extends WorkspaceFiles {
  /**
   * Runs what the learner typed (one line, or several when a heredoc or quote spans lines) in the
   * current shell; output streams through `onOutput`; resolves to the exit status.
   */
  exec(line: string, onOutput: OnOutput, signal?: AbortSignal): Promise<ExitStatus>;
  /** Whether `text` is a whole command; false means show the `> ` continuation prompt. */
  isComplete(text: string): boolean;
  /**
   * Tab completion for `line` with the cursor at `cursor` (UTF-16 index), in the shell the line
   * would run in: the host's commands, files and cluster, or a pod's commands and files.
   */
  complete(line: string, cursor: number): Promise<Completion>;
  /** The current prompt: `$ ` on the host, `root@web-0:/# ` inside `kubectl exec -it web-0 -- bash`. */
  prompt(): string;
  /** Calls `listener` with the new prompt when a pod shell is entered or left; returns unsubscribe. */
  onPromptChange(listener: (prompt: string) => void): () => void;
  /** Moves simulated time forward (the browser's ticker calls this). */
  advance(ms: number): void;
  /** Simulated now, epoch milliseconds. */
  now(): number;
  /**
   * When something next happens: a cluster wake-up is due or a running command's wait (`sleep`, a
   * watch's refresh) ends; undefined when nothing is pending. "Step to next event" jumps there.
   */
  nextEventAt(): number | undefined;
  /** What the cluster view draws: nodes, pods, claims, volumes, services. */
  picture(): ClusterPicture;
  /** Calls `listener` after every change to any object; returns unsubscribe. */
  onClusterChange(listener: () => void): () => void;
  /** Lets a host (the browser's editor) open the files `kubectl edit` writes; undefined removes it. */
  setEditor(editor: EditorHost["editor"]): void;
  /**
   * Everything needed to rebuild this sandbox later (`createSandbox({ restore })`): a plain,
   * JSON-serialisable object. Call it between commands, not while one runs.
   */
  save(): SandboxSnapshot;
  /** Evaluates lesson tasks' checks against the cluster, its history and the commands run (checks/). */
  checkTasks(tasks: readonly TaskCheck[], namespace?: string): TaskResult[];
  /** Switches how commands wait (a checkpoint replays in "instant", then hands over in "realtime"). */
  setTimeMode(mode: TimeMode): void;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  if (options.restore !== undefined) return restoreSandbox(options.restore, options);
  const scenario = options.scenario ?? "default";
  const startMs = options.startMs ?? DEFAULT_START_MS;
  // Cluster's default seed is 1.
  if (options.bootSnapshot !== undefined && bootSnapshotFits(options.seed ?? 1, startMs)) {
    const boot = JSON.parse(shiftBootSnapshot(options.bootSnapshot, startMs)) as SandboxSnapshot;
    if (boot.scenario === scenario) return rebuild(boot, options, { trusted: true, owned: true });
  }
  const cluster = createNamedCluster(scenario, options);
  return assemble(scenario, cluster, createWorkspace(cluster.clock.now()), options);
}

/**
 * The build's boot snapshot of `scenario` as JSON text: booted with BOOT_SEED at BOOT_BASE_MS
 * (scenarios/boot-snapshot.ts; src/vite/boot-snapshots.mjs ships one per scenario).
 */
export function makeBootSnapshot(scenario: ScenarioName): string {
  return JSON.stringify(createSandbox({ scenario, seed: BOOT_SEED, startMs: BOOT_BASE_MS }).save());
}

/**
 * Rebuilds a sandbox from what `save()` returned (or its JSON text), after checking all of it:
 * it may come from IndexedDB, an imported file or a share link. Throws SnapshotError only.
 */
export function restoreSandbox(snapshot: unknown, options: Pick<SandboxOptions, "timeMode"> = {}): Sandbox {
  const valid = validateSandboxSnapshot(snapshot);
  // The whole input passed guardJson already; parsed JSON text is ours to keep without copying.
  return rebuild(valid, options, { checkedJson: true, owned: typeof snapshot === "string" });
}

/** A sandbox from a snapshot that is checked already, or trusted (a boot snapshot). */
function rebuild(
  valid: SandboxSnapshot,
  options: Pick<SandboxOptions, "timeMode">,
  restoreOptions: RestoreOptions,
): Sandbox {
  const cluster = restoreCluster(valid.cluster, restoreOptions);
  if (valid.kubeconfig) Object.assign(kubeconfigOf(cluster), structuredClone(valid.kubeconfig));
  const workspace: Workspace = {
    fs: new FileTree(structuredClone(valid.workspace.root)),
    cwd: valid.shell.cwd,
  };
  try {
    const sandbox = assemble(valid.scenario, cluster, workspace, options, (terminal) =>
      restoreShell(terminal.host, valid.shell),
    );
    // A snapshot must describe a cluster the engine can run: draw it once, as the page will.
    if (!restoreOptions.trusted) sandbox.picture();
    return sandbox;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`the snapshot describes a sandbox that cannot run (${(error as Error).message})`);
  }
}

function assemble(
  scenario: string,
  cluster: Cluster,
  workspace: Workspace,
  options: Pick<SandboxOptions, "timeMode">,
  prepare?: (terminal: ReturnType<typeof terminalFor>) => void,
): Sandbox {
  const env: SandboxEnv = {
    cluster,
    time: createTimeDriver(cluster, options.timeMode ?? "instant"),
    workspace,
  };
  const terminal = terminalFor(env);
  prepare?.(terminal);
  const commands: CommandRecord[] = [];
  return {
    ...workspaceFiles(workspace, () => cluster.clock.now()),
    isComplete: (text) => terminal.isComplete(text),
    prompt: () => terminal.prompt(),
    async complete(line, cursor) {
      const shell = terminal.current;
      const context = {
        commands: [
          ...Object.keys(shell.builtins),
          ...Object.keys(shell.commands),
          ...shell.functions.keys(),
          ...shell.aliases.keys(),
        ],
        aliases: shell.aliases,
        fs: shell.place.fs,
        cwd: shell.place.cwd,
        home: shell.vars.get("HOME"),
        // kubectl reaches the cluster only where it is installed: the host, not a pod's shell.
        cluster: Object.hasOwn(shell.commands, "kubectl") ? cluster : undefined,
      };
      // Completion (with kubectl's flag and output-format tables) loads on the first Tab, so that
      // the browser's engine worker starts without it.
      const { complete } = await import("./shell/completion.ts");
      return complete(context, line, cursor);
    },
    onPromptChange: (listener) => terminal.onPromptChange(listener),
    async exec(line, onOutput, signal = new AbortController().signal) {
      // Containers' scripts first do what is due by now, so the command sees their writes.
      await scriptsIdle(cluster);
      const status = await terminal.exec(line, onOutput, signal);
      // What a command wrote is acted on at once, as real controllers react within milliseconds.
      cluster.runControllers();
      commands.push({ line, status, time: cluster.clock.now() });
      return status;
    },
    advance: (ms) => {
      resumeScripts(cluster);
      cluster.advance(ms);
    },
    now: () => cluster.clock.now(),
    nextEventAt: () => earliest(cluster.clock.nextWakeupAt(), env.time.nextDeadline()),
    picture: () => clusterPicture(cluster),
    onClusterChange: (listener) => cluster.watch(() => listener()),
    setEditor(editor) {
      (env as SandboxEnv & EditorHost).editor = editor;
    },
    checkTasks: (tasks, namespace = "default") => evaluateTasks({ cluster, commands, namespace }, tasks),
    setTimeMode(mode) {
      env.time = createTimeDriver(cluster, mode);
    },
    save: () => ({
      format: SANDBOX_SNAPSHOT_FORMAT,
      version: SANDBOX_SNAPSHOT_VERSION,
      scenario,
      cluster: saveSnapshot(cluster),
      workspace: { root: structuredClone(workspace.fs.root) },
      shell: shellSnapshot(terminal.host),
      kubeconfig: structuredClone(kubeconfigOf(cluster)),
    }),
  };
}

/** The earlier of two optional times. */
function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}
