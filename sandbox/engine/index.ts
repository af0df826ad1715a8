/**
 * The engine's front door: a sandbox is a cluster plus the shell that drives it.
 * Pure TypeScript, so the same code runs in the Web Worker, under Vitest and in the CLI.
 */
import { type ClusterOptions, createDefaultCluster } from "./cluster/cluster.ts";
import type { ExitStatus, OnOutput } from "./output.ts";
import type { SandboxEnv } from "./shell/command.ts";
import { runLine } from "./shell/shell.ts";
import { createTimeDriver, type TimeMode } from "./time-driver.ts";

export type { ExitStatus, OnOutput, OutputChunk, Stream } from "./output.ts";
export type { TimeMode } from "./time-driver.ts";

export interface SandboxOptions extends ClusterOptions {
  /** "instant" for scripts and tests (sleep returns at once), "realtime" for the browser. */
  timeMode?: TimeMode;
}

export interface Sandbox {
  /** Runs one command line; output streams through `onOutput`; resolves to the exit status. */
  exec(line: string, onOutput: OnOutput, signal?: AbortSignal): Promise<ExitStatus>;
  /** Moves simulated time forward (the browser's ticker calls this). */
  advance(ms: number): void;
  /** Simulated now, epoch milliseconds. */
  now(): number;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const cluster = createDefaultCluster(options);
  const env: SandboxEnv = { cluster, time: createTimeDriver(cluster, options.timeMode ?? "instant") };
  return {
    async exec(line, onOutput, signal = new AbortController().signal) {
      const status = await runLine(line, env, onOutput, signal);
      // What a command wrote is acted on at once, as real controllers react within milliseconds.
      cluster.runControllers();
      return status;
    },
    advance: (ms) => cluster.advance(ms),
    now: () => cluster.clock.now(),
  };
}
