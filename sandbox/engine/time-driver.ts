import type { Cluster } from "./cluster/cluster.ts";

/**
 * How commands wait for simulated time (sleep, watches, rollout status).
 * - "instant": waiting advances the cluster clock at once (the CLI, tests, transcripts).
 * - "realtime": waiting resolves once someone else (the browser's ticker) has advanced the
 *   clock far enough, so a learner watches pods appear at the chosen speed.
 */
export type TimeMode = "instant" | "realtime";

export interface TimeDriver {
  readonly mode: TimeMode;
  /** Resolves once `ms` of simulated time has passed, or rejects with an AbortError on Ctrl-C. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export function createTimeDriver(cluster: Cluster, mode: TimeMode): TimeDriver {
  return {
    mode,
    wait(ms, signal) {
      const until = cluster.clock.now() + Math.max(0, ms);
      if (signal?.aborted) return Promise.reject(abortError());
      if (mode === "instant") {
        cluster.advance(until - cluster.clock.now());
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          stop();
          signal?.removeEventListener("abort", abort);
        };
        const abort = () => {
          done();
          reject(abortError());
        };
        const stop = cluster.clock.onTick((now) => {
          if (now >= until) {
            done();
            resolve();
          }
        });
        signal?.addEventListener("abort", abort, { once: true });
      });
    },
  };
}

export function abortError(): Error {
  const error = new Error("interrupted");
  error.name = "AbortError";
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
