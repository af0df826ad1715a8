/**
 * The one contract between the page (sandbox/ui) and the engine's Web Worker (sandbox/worker.ts).
 * Only structured-cloneable data crosses it; output streams back through a comlink.proxy callback.
 */
import type { OutputChunk } from "./engine/output.ts";

export type { OutputChunk } from "./engine/output.ts";

export interface SandboxInit {
  /** Named starting state from sandbox/engine/scenarios. */
  scenario: string;
  /** Simulated time at start, epoch ms (the page passes the wall clock so timestamps look current). */
  startMs: number;
  /** Seed for names, UIDs and IPs. */
  seed: number;
}

export interface SandboxWorkerApi {
  /** Creates a sandbox in the worker and returns its id (several sandboxes may share one worker). */
  create(init: SandboxInit): Promise<number>;
  /**
   * Runs one command line. `execId` names the run so that `cancel` can interrupt it (Ctrl-C).
   * Resolves to the exit status once the command has finished or been cancelled.
   */
  exec(
    sandboxId: number,
    execId: number,
    line: string,
    onOutput: (chunk: OutputChunk) => void,
  ): Promise<number>;
  /** Interrupts a running command, as Ctrl-C does. */
  cancel(execId: number): void;
  /** Simulated now of a sandbox, epoch ms. */
  now(sandboxId: number): Promise<number>;
}
