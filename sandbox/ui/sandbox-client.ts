/**
 * The page's handle on one sandbox in its own engine worker, reached through comlink.
 *
 * The worker starts on first use, not with the page: the engine is the heaviest script a lesson
 * has, and a learner reading the text first should not pay for it. `start()` (called when the
 * learner points at or focuses the sandbox) or any call that needs the engine starts it; calls made
 * meanwhile wait for it. Subscriptions (task checks, workspace changes, `kubectl edit`) wait too,
 * without starting it.
 *
 * The worker can be replaced underneath: Reset, Import and a share link start a new one from
 * another state, and the watchdog (state/watchdog.ts) has a worker that crashed or stopped
 * answering terminated and restarted. Calls still waiting on a replaced worker reject with
 * SandboxRestartedError instead of hanging forever; cluster-picture and file subscriptions move
 * over to the new worker by themselves.
 */
import { proxy, type Remote, wrap } from "comlink";
import type {
  ClockStatus,
  ClusterPicture,
  Completion,
  EditFile,
  OutputChunk,
  SandboxInit,
  SandboxSnapshot,
  SandboxWorkerApi,
  TaskCheck,
  TaskResult,
} from "../protocol.ts";
import { withBootSnapshot } from "./boot-snapshot.ts";
import { type HangReason, Watchdog } from "./state/watchdog.ts";

let nextExecId = 1;

export interface FinishedCommand {
  line: string;
  output: string;
  status: number;
}

export interface RunningCommand {
  /** Resolves to the exit status; to null when the line was not a whole command, and nothing ran. */
  done: Promise<number | null>;
  /** Ctrl-C. */
  cancel(): void;
}

/** A call that was waiting on a worker when it was replaced or restarted. */
export class SandboxRestartedError extends Error {
  constructor() {
    super("the sandbox was restarted");
    this.name = "SandboxRestartedError";
  }
}

interface Connection {
  worker: Worker;
  api: Remote<SandboxWorkerApi>;
  /** The sandbox's id in the worker, once created. */
  ready: Promise<number>;
  /** Rejects when the connection is stopped, ending every call still waiting on it. */
  stopped: Promise<never>;
  stop(): void;
}

interface Subscription {
  open(api: Remote<SandboxWorkerApi>, sandboxId: number): Promise<number>;
  close(api: Remote<SandboxWorkerApi>, subscriptionId: number): unknown;
  current?: { connection: Connection; id: Promise<number> };
}

/**
 * Starts a worker at once; the sandbox in it is created once `init` is known. With
 * `onRestoreFailed`, a damaged `init.restore` does not fail the connection: the listener hears why
 * and the same worker makes a fresh sandbox instead.
 */
function connect(
  init: SandboxInit | Promise<SandboxInit>,
  onRestoreFailed?: (error: unknown) => void,
): Connection {
  const worker = new Worker(new URL("../worker.ts", import.meta.url), { type: "module" });
  const api = wrap<SandboxWorkerApi>(worker);
  let stop!: () => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = () => reject(new SandboxRestartedError());
  });
  stopped.catch(() => undefined);
  // The boot snapshot a fresh sandbox starts from is fetched while the worker starts.
  const create = async (): Promise<number> => {
    const known = await withBootSnapshot(await init);
    try {
      return await api.create(known);
    } catch (error) {
      if (!onRestoreFailed || known.restore === undefined) throw error;
      onRestoreFailed(error);
      return api.create(await withBootSnapshot({ ...known, restore: undefined }));
    }
  };
  const ready = Promise.race([create(), stopped]);
  ready.catch(() => undefined);
  return {
    worker,
    api,
    ready,
    stopped,
    stop() {
      stop();
      worker.terminate();
    },
  };
}

export class SandboxClient {
  #connection: Connection | undefined;
  readonly #watchdog: Watchdog;
  readonly #subscriptions = new Set<Subscription>();
  readonly #fileWatchers = new Set<(path: string) => void>();
  readonly #hangListeners = new Set<(reason: HangReason) => void>();
  readonly #finishedListeners = new Set<(run: FinishedCommand) => void>();
  /** Bumped with every new worker, so that late news from an old one is ignored. */
  #generation = 0;
  readonly #firstInit: () => SandboxInit | Promise<SandboxInit>;
  readonly #restartInit: () => SandboxInit;
  readonly #onRestoreFailed: (error: unknown) => void;
  #markStarted!: () => void;
  /** Resolves once a worker's sandbox first exists. */
  readonly started = new Promise<void>((resolve) => {
    this.#markStarted = resolve;
  });

  /**
   * A client whose worker starts on first use from `firstInit` (asked then, so that a fresh
   * cluster's clock starts when it does). A damaged `restore` in it makes a fresh sandbox instead,
   * and `onRestoreFailed` hears why. `restartInit` says what to start from when the watchdog has
   * to restart a hung worker (the last saved state).
   */
  constructor(
    firstInit: () => SandboxInit | Promise<SandboxInit>,
    restartInit: () => SandboxInit,
    onRestoreFailed: (error: unknown) => void,
  ) {
    this.#firstInit = firstInit;
    this.#restartInit = restartInit;
    this.#onRestoreFailed = onRestoreFailed;
    this.#watchdog = new Watchdog(
      () => this.#current().api.ping(),
      (reason) => this.#onHung(reason),
    );
  }

  /** Whether the worker has been asked to start. */
  get starting(): boolean {
    return this.#connection !== undefined;
  }

  /** Starts the worker if it has not started yet; resolves once its sandbox exists. */
  start(): Promise<void> {
    return this.#current().ready.then(() => undefined);
  }

  /** The current worker, started now if there is none yet. */
  #current(): Connection {
    if (!this.#connection) {
      this.#install(connect(Promise.resolve().then(this.#firstInit), this.#onRestoreFailed));
    }
    return this.#connection!;
  }

  /**
   * Replaces the sandbox with a new one in a new worker (Reset, Import, a share link). Rejects,
   * leaving the current sandbox running, when `init.restore` is damaged.
   */
  async replace(init: SandboxInit): Promise<void> {
    const next = connect(init);
    try {
      await next.ready;
    } catch (error) {
      next.stop();
      throw error;
    }
    this.#install(next);
  }

  /** Puts a new worker in place of the current one; calls made from now on wait for it. */
  #install(next: Connection): void {
    this.#watchdog.stop();
    this.#connection?.stop();
    this.#connection = next;
    this.#generation++;
    for (const subscription of this.#subscriptions) this.#open(subscription);
    void next.ready.then(
      async () => {
        if (this.#connection !== next) return;
        this.#markStarted();
        this.#watchdog.start();
        // Every file may have changed: tell the editor about each one there is now.
        const files = await this.listFiles().catch(() => []);
        for (const watcher of this.#fileWatchers)
          for (const path of files.length ? files : [""]) watcher(path);
      },
      () => undefined,
    );
  }

  #onHung(reason: HangReason): void {
    console.warn(
      `sandbox: the engine worker ${reason === "unresponsive" ? "stopped answering" : "ignored Ctrl-C"}; restarting it`,
    );
    // What was saved came from this engine, so it restores; should it not, start afresh.
    this.#install(connect(this.#restartInit(), () => undefined));
    for (const listener of this.#hangListeners) listener(reason);
  }

  /** Calls `listener` when the worker crashed or stopped answering; a new one is starting by then. */
  onHang(listener: (reason: HangReason) => void): () => void {
    this.#hangListeners.add(listener);
    return () => this.#hangListeners.delete(listener);
  }

  /** The whole sandbox as plain data (cluster, files, shell), for `replace({ restore })` later. */
  save(): Promise<SandboxSnapshot> {
    return this.#call((api, id) => api.save(id));
  }

  complete(line: string, cursor: number): Promise<Completion> {
    return this.#call((api, id) => api.complete(id, line, cursor));
  }

  prompt(): Promise<string> {
    return this.#call((api, id) => api.prompt(id));
  }

  clock(): Promise<ClockStatus> {
    return this.#call((api, id) => api.clock(id));
  }

  setSpeed(speed: number): Promise<ClockStatus> {
    return this.#call((api, id) => api.setSpeed(id, speed));
  }

  stepToNextEvent(): Promise<ClockStatus> {
    return this.#call((api, id) => api.stepToNextEvent(id));
  }

  /** Calls `onPicture` with the cluster picture now and after changes; returns a stop function. */
  async watchPicture(onPicture: (picture: ClusterPicture) => void): Promise<() => void> {
    const callback = proxy(onPicture);
    this.#current(); // A picture is wanted now: the worker starts if it has not.
    return this.#subscribe({
      open: (api, id) => api.watchPicture(id, callback),
      close: (api, subscriptionId) => api.unwatchPicture(subscriptionId),
    });
  }

  /**
   * Calls `onResults` with the lesson tasks' check results now and after commands and cluster
   * changes, on this worker and any that replaces it; returns a stop function.
   */
  watchTasks(tasks: TaskCheck[], onResults: (results: TaskResult[]) => void): Promise<() => void> {
    const callback = proxy(onResults);
    return this.#subscribe({
      open: (api, id) => api.watchTasks(id, tasks, callback),
      close: (api, subscriptionId) => api.unwatchTasks(subscriptionId),
    });
  }

  listFiles(): Promise<string[]> {
    return this.#call((api, id) => api.listFiles(id));
  }

  readFile(path: string): Promise<string> {
    return this.#call((api, id) => api.readFile(id, path));
  }

  writeFile(path: string, content: string): Promise<void> {
    return this.#call((api, id) => api.writeFile(id, path, content));
  }

  renameFile(from: string, to: string): Promise<void> {
    return this.#call((api, id) => api.renameFile(id, from, to));
  }

  deleteFile(path: string): Promise<void> {
    return this.#call((api, id) => api.deleteFile(id, path));
  }

  /**
   * Makes `open` the editor `kubectl edit` opens its file in (it resolves to the saved text, or
   * null when closed), on this worker and any that replaces it; returns a stop function.
   */
  serveEdits(open: (file: EditFile) => Promise<string | null>): Promise<() => void> {
    const callback = proxy(open);
    return this.#subscribe({
      open: (api, id) => api.serveEdits(id, callback),
      close: (api, subscriptionId) => api.stopServingEdits(subscriptionId),
    });
  }

  /** Calls `listener` with each command's line, what it printed and its status once it finishes. */
  onCommandFinished(listener: (run: FinishedCommand) => void): () => void {
    this.#finishedListeners.add(listener);
    return () => this.#finishedListeners.delete(listener);
  }

  /** Calls `onChange` with each changed path, whoever changed it; returns a stop function. */
  async watchFiles(onChange: (path: string) => void): Promise<() => void> {
    const callback = proxy(onChange);
    this.#fileWatchers.add(onChange);
    const stop = await this.#subscribe({
      open: (api, id) => api.watchFiles(id, callback),
      close: (api, subscriptionId) => api.unwatchFiles(subscriptionId),
    });
    return () => {
      this.#fileWatchers.delete(onChange);
      stop();
    };
  }

  exec(line: string, onOutput: (chunk: OutputChunk) => void): RunningCommand {
    const execId = nextExecId++;
    const connection = this.#current();
    const generation = this.#generation;
    this.#watchdog.commandStarted();
    // What it printed is gathered only while someone (the editor's Apply) wants to read it.
    let printed = "";
    const gather = this.#finishedListeners.size > 0;
    const output = (chunk: OutputChunk) => {
      if (gather) printed += chunk.text;
      onOutput(chunk);
    };
    const done = this.#call((api, id) => api.exec(id, execId, line, proxy(output))).finally(() => {
      if (generation === this.#generation) this.#watchdog.commandFinished();
    });
    if (gather) {
      void done.then(
        (status) => {
          if (status === null) return;
          for (const listener of this.#finishedListeners) listener({ line, output: printed, status });
        },
        () => undefined,
      );
    }
    return {
      done,
      cancel: () => {
        if (generation !== this.#generation) return;
        this.#watchdog.cancelRequested();
        // Behind the exec call's own `ready.then`, so that a Ctrl-C pressed at once reaches the
        // worker after the command it stops, not before it (when it would find nothing to stop).
        void connection.ready.then(
          () => connection.api.cancel(execId),
          () => undefined,
        );
      },
    };
  }

  /** Runs a call on the current worker; rejects with SandboxRestartedError if it is replaced first. */
  #call<T>(call: (api: Remote<SandboxWorkerApi>, sandboxId: number) => Promise<T>): Promise<T> {
    const { api, ready, stopped } = this.#current();
    return Promise.race([ready.then((id) => call(api, id)), stopped]);
  }

  /** Opens `subscription` on the current worker, or on the first one once it starts. */
  async #subscribe(subscription: Subscription): Promise<() => void> {
    this.#subscriptions.add(subscription);
    if (this.#connection) await this.#open(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
      const current = subscription.current;
      if (current && current.connection === this.#connection) {
        current.id.then(
          (id) => subscription.close(current.connection.api, id),
          () => undefined,
        );
      }
    };
  }

  #open(subscription: Subscription): Promise<number> {
    const connection = this.#current();
    const id = this.#call((api, sandboxId) => subscription.open(api, sandboxId));
    id.catch(() => undefined);
    subscription.current = { connection, id };
    return id;
  }
}
