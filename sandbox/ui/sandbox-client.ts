/**
 * The page's handle on the engine worker: one worker per page, shared by every sandbox on it,
 * started the first time a sandbox asks for it.
 */
import { proxy, type Remote, wrap } from "comlink";
import type {
  ClockStatus,
  ClusterPicture,
  EditFile,
  OutputChunk,
  SandboxInit,
  SandboxWorkerApi,
} from "../protocol.ts";

let worker: Remote<SandboxWorkerApi> | undefined;
let nextExecId = 1;

function engineWorker(): Remote<SandboxWorkerApi> {
  worker ??= wrap<SandboxWorkerApi>(new Worker(new URL("../worker.ts", import.meta.url), { type: "module" }));
  return worker;
}

export interface FinishedCommand {
  line: string;
  output: string;
  status: number;
}

export interface RunningCommand {
  /** Resolves to the exit status. */
  done: Promise<number>;
  /** Ctrl-C. */
  cancel(): void;
}

export class SandboxClient {
  readonly #id: number;
  readonly #finishedListeners = new Set<(run: FinishedCommand) => void>();

  private constructor(id: number) {
    this.#id = id;
  }

  static async create(init: SandboxInit): Promise<SandboxClient> {
    return new SandboxClient(await engineWorker().create(init));
  }

  isComplete(text: string): Promise<boolean> {
    return engineWorker().isComplete(this.#id, text);
  }

  prompt(): Promise<string> {
    return engineWorker().prompt(this.#id);
  }

  clock(): Promise<ClockStatus> {
    return engineWorker().clock(this.#id);
  }

  setSpeed(speed: number): Promise<ClockStatus> {
    return engineWorker().setSpeed(this.#id, speed);
  }

  stepToNextEvent(): Promise<ClockStatus> {
    return engineWorker().stepToNextEvent(this.#id);
  }

  /** Calls `onPicture` with the cluster picture now and after changes; returns a stop function. */
  async watchPicture(onPicture: (picture: ClusterPicture) => void): Promise<() => void> {
    const api = engineWorker();
    const id = await api.watchPicture(this.#id, proxy(onPicture));
    return () => void api.unwatchPicture(id);
  }

  listFiles(): Promise<string[]> {
    return engineWorker().listFiles(this.#id);
  }

  readFile(path: string): Promise<string> {
    return engineWorker().readFile(this.#id, path);
  }

  writeFile(path: string, content: string): Promise<void> {
    return engineWorker().writeFile(this.#id, path, content);
  }

  /** Calls `onChange` with each changed path, whoever changed it; returns a stop function. */
  async watchFiles(onChange: (path: string) => void): Promise<() => void> {
    const api = engineWorker();
    const id = await api.watchFiles(this.#id, proxy(onChange));
    return () => void api.unwatchFiles(id);
  }

  renameFile(from: string, to: string): Promise<void> {
    return engineWorker().renameFile(this.#id, from, to);
  }

  deleteFile(path: string): Promise<void> {
    return engineWorker().deleteFile(this.#id, path);
  }

  /**
   * Makes `open` the editor `kubectl edit` opens its file in (it resolves to the saved text, or
   * null when closed); returns a stop function.
   */
  async serveEdits(open: (file: EditFile) => Promise<string | null>): Promise<() => void> {
    const api = engineWorker();
    const id = await api.serveEdits(this.#id, proxy(open));
    return () => void api.stopServingEdits(id);
  }

  /** Calls `listener` with each command's line, what it printed and its status once it finishes. */
  onCommandFinished(listener: (run: FinishedCommand) => void): () => void {
    this.#finishedListeners.add(listener);
    return () => this.#finishedListeners.delete(listener);
  }

  exec(line: string, onOutput: (chunk: OutputChunk) => void): RunningCommand {
    const execId = nextExecId++;
    const api = engineWorker();
    // What it printed is gathered only while someone (the editor's Apply) wants to read it.
    let printed = "";
    const gather = this.#finishedListeners.size > 0;
    const output = (chunk: OutputChunk) => {
      if (gather) printed += chunk.text;
      onOutput(chunk);
    };
    const done = api.exec(this.#id, execId, line, proxy(output));
    if (gather) {
      void done.then(
        (status) => {
          for (const listener of this.#finishedListeners) listener({ line, output: printed, status });
        },
        () => undefined,
      );
    }
    return { done, cancel: () => void api.cancel(execId) };
  }
}
