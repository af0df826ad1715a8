import { LAST_TIME_MS } from "./clock.ts";
import type { Cluster } from "./cluster/cluster.ts";
import { advanceWithScripts, scriptsIdle } from "./cluster/kubelet/script-runner.ts";

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
  /**
   * The earliest time a running command waits for (realtime mode), so that "step to next event"
   * also stops where a `sleep` or a watch's next refresh ends, not only at the cluster's wake-ups.
   */
  nextDeadline(): number | undefined;
}

export function createTimeDriver(cluster: Cluster, mode: TimeMode): TimeDriver {
  /** The `until` of every wait still running; commands run one at a time, so this stays tiny. */
  const deadlines: number[] = [];
  return {
    mode,
    nextDeadline: () => (deadlines.length === 0 ? undefined : Math.min(...deadlines)),
    wait(ms, signal) {
      const until = cluster.clock.now() + Math.max(0, ms);
      if (signal?.aborted) return Promise.reject(abortError());
      // A wait that ends after the clock's last instant never ends, as `sleep infinity`.
      const forever = !(until <= LAST_TIME_MS);
      // Instantly, but stopping wherever a container's script wakes so that it acts in time;
      // `sleep infinity` waits for Ctrl-C in either mode.
      if (mode === "instant" && !forever) return advanceWithScripts(cluster, until);
      if (!forever) deadlines.push(until);
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          stop();
          signal?.removeEventListener("abort", abort);
          if (!forever) deadlines.splice(deadlines.indexOf(until), 1);
        };
        const abort = () => {
          done();
          reject(abortError());
        };
        const stop = cluster.clock.onTick((now) => {
          if (now >= until) {
            done();
            // The ticker's step may have woken containers' scripts on the way: they do what was
            // due by now before the next command runs, as in real time they would have already
            // (else `sleep 7; kubectl logs w` misses a line written at 6 s, shown later).
            scriptsIdle(cluster).then(resolve, resolve);
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
