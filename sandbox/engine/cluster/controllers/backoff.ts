import type { Cluster } from "../cluster.ts";

/**
 * The work queue's per-item exponential back-off (client-go's default controller rate limiter):
 * a key whose reconcile failed is retried after 5 ms, 10 ms, 20 ms… up to 1000 s, and forgotten
 * once a reconcile succeeds. Retries are clock wake-ups, so they happen in simulated time.
 */
export class RetryBackoff {
  readonly #failures = new Map<string, number>();
  readonly #topic: string;

  constructor(topic: string) {
    this.#topic = topic;
  }

  /** Runs `reconcile`; on failure schedules the next attempt instead of throwing. */
  run(cluster: Cluster, key: string, reconcile: () => void): void {
    try {
      reconcile();
      this.#failures.delete(key);
    } catch {
      const failures = this.#failures.get(key) ?? 0;
      this.#failures.set(key, failures + 1);
      const delay = Math.min(5 * 2 ** failures, 1_000_000);
      cluster.clock.wakeAt(cluster.clock.now() + delay, this.#topic, key);
    }
  }
}
