/**
 * The one contract between the page (sandbox/ui) and the engine's Web Worker (sandbox/worker.ts).
 * Only structured-cloneable data crosses it; output streams back through a comlink.proxy callback.
 */

import type { TaskCheck, TaskResult } from "./engine/checks/index.ts";
import type { OutputChunk } from "./engine/output.ts";
import type { ClusterPicture } from "./engine/picture.ts";
import type { SandboxSnapshot } from "./engine/sandbox-snapshot.ts";
import type { Completion } from "./engine/shell/completion.ts";

export type { TaskCheck, TaskResult } from "./engine/checks/index.ts";
export type { OutputChunk } from "./engine/output.ts";
export type { ClusterPicture, PodCard } from "./engine/picture.ts";
export type { SandboxSnapshot } from "./engine/sandbox-snapshot.ts";
export type { Completion } from "./engine/shell/completion.ts";

export interface SandboxInit {
  /** Named starting state from sandbox/engine/scenarios. */
  scenario: string;
  /** Simulated time at start, epoch ms (the page passes the wall clock so timestamps look current). */
  startMs: number;
  /**
   * Seed for names, UIDs and IPs. With seed 1 (the page's sandbox, every checkpoint) and a
   * whole-second `startMs`, the worker starts from the build's boot snapshot of the scenario
   * instead of booting it (sandbox/engine/scenarios/boot-snapshot.ts): the same sandbox, sooner.
   */
  seed: number;
  /**
   * A lesson checkpoint: command lines (task solutions) run in instant time, one after the other,
   * before the sandbox is handed over in real time. Ignored with `restore`.
   */
  replay?: string[];
  /**
   * A snapshot from `save` (IndexedDB, an imported file, a share link) to rebuild instead of
   * starting from the scenario. The engine checks all of it: `create` rejects with an error named
   * "SnapshotError" whose message says what is wrong.
   */
  restore?: unknown;
  /**
   * The build's boot snapshot of `scenario` (its JSON text), which the page fetches while the
   * worker starts (sandbox/ui/boot-snapshot.ts). The sandbox starts from it when `seed` and
   * `startMs` fit; otherwise, and without it, the worker boots the scenario. Ignored with `restore`.
   */
  bootSnapshot?: string;
}

export interface SandboxWorkerApi {
  /** Creates a sandbox in the worker and returns its id (several sandboxes may share one worker). */
  create(init: SandboxInit): Promise<number>;
  /** The whole sandbox as plain JSON data, for `create({ restore })` later. Call it between commands. */
  save(sandboxId: number): Promise<SandboxSnapshot>;
  /** Answers at once: the page's watchdog asks this to know the worker's event loop is alive. */
  ping(): Promise<true>;
  /**
   * Runs what the learner entered, if it is a whole command. `execId` names the run so that
   * `cancel` can interrupt it (Ctrl-C). Resolves to the exit status once the command has finished
   * or been cancelled; to null, having run nothing, when a heredoc or quote is still open (the
   * terminal shows `> ` and reads on), which spares the terminal a round trip to ask first.
   */
  exec(
    sandboxId: number,
    execId: number,
    line: string,
    onOutput: (chunk: OutputChunk) => void,
  ): Promise<number | null>;
  /** Interrupts a running command, as Ctrl-C does. */
  cancel(execId: number): void;
  /**
   * Tab completion of `line` with the cursor at `cursor` (UTF-16 index) in the current shell:
   * the word at line[replaceFrom, cursor) may become any of the candidates.
   */
  complete(sandboxId: number, line: string, cursor: number): Promise<Completion>;
  /** The prompt to show now: `$ ` on the host, the pod's prompt inside `kubectl exec -it`. */
  prompt(sandboxId: number): Promise<string>;
  /** Where simulated time stands and how fast it runs. */
  clock(sandboxId: number): Promise<ClockStatus>;
  /** Sets how fast simulated time runs against wall time; 0 pauses it. */
  setSpeed(sandboxId: number, speed: number): Promise<ClockStatus>;
  /** Jumps simulated time to the next thing the cluster is waiting for (a pod becoming ready…). */
  stepToNextEvent(sandboxId: number): Promise<ClockStatus>;
  /**
   * Sends the cluster picture now and again after changes (at most a few times a second).
   * Resolves to a subscription id for `unwatchPicture`.
   */
  watchPicture(sandboxId: number, onPicture: (picture: ClusterPicture) => void): Promise<number>;
  unwatchPicture(subscriptionId: number): void;
  /**
   * Sends the results of the lesson tasks' checks now and again after every command and cluster
   * change (at most a few times a second, only when they changed). Resolves to an id for
   * `unwatchTasks`.
   */
  watchTasks(
    sandboxId: number,
    tasks: TaskCheck[],
    onResults: (results: TaskResult[]) => void,
  ): Promise<number>;
  unwatchTasks(subscriptionId: number): void;
  /** The workspace files (shared by the shell and the editor), relative to the home directory. */
  listFiles(sandboxId: number): Promise<string[]>;
  readFile(sandboxId: number, path: string): Promise<string>;
  /** Writes a file as an editor's save does (creating missing directories). */
  writeFile(sandboxId: number, path: string, content: string): Promise<void>;
  /** Calls `onChange` with the changed path after every change to the workspace; resolves to an id. */
  watchFiles(sandboxId: number, onChange: (path: string) => void): Promise<number>;
  unwatchFiles(subscriptionId: number): void;
  /** Renames a workspace file, as `mv` does (the editor's Rename). */
  renameFile(sandboxId: number, from: string, to: string): Promise<void>;
  /** Removes a workspace file, as `rm` does (the editor's Delete). */
  deleteFile(sandboxId: number, path: string): Promise<void>;
  /**
   * Makes the page `kubectl edit`'s editor: `open` gets the file kubectl wrote and resolves to the
   * saved text, or null when the learner closes it; `kubectl edit` waits meanwhile (Ctrl-C ends
   * the wait). Resolves to a subscription id for `stopServingEdits`.
   */
  serveEdits(sandboxId: number, open: (file: EditFile) => Promise<string | null>): Promise<number>;
  stopServingEdits(subscriptionId: number): void;
}

/** The file `kubectl edit` hands to the editor: a name for its tab and the text to edit. */
export interface EditFile {
  name: string;
  content: string;
}

export interface ClockStatus {
  /** Simulated now, epoch ms. */
  now: number;
  /** Simulated seconds per wall second; 0 when paused. */
  speed: number;
  /** When the cluster next has something to do, if anything is pending. */
  nextEventAt: number | undefined;
}

/** The speeds the time controls offer. */
export const SPEEDS = [1, 2, 5, 10] as const;
