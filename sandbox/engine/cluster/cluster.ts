import { type ClockState, SimClock } from "../clock.ts";
import { Rng, type RngState } from "../rng.ts";
import { ApiServer } from "./api.ts";
import { ControllerManager, type WatchEvent } from "./controller-manager.ts";
import { History } from "./history.ts";
import { installControllers } from "./setup.ts";
import { StateParts } from "./state-parts.ts";
import { ObjectStore } from "./store.ts";
import type { KubeObject } from "./types.ts";

export interface ClusterOptions {
  /** Seed for every random choice (names, UIDs, IPs). */
  seed?: number;
  /** Simulated start time, epoch milliseconds. */
  startMs?: number;
  /** Clock and generator state to resume from (restoreCluster in cluster/snapshot.ts). */
  resume?: { clock: ClockState; rng: RngState };
}

/** How far `settle()` lets simulated time run at most before giving up on quiet. */
export const DEFAULT_SETTLE_CAP_MS = 10 * 60 * 1000;

/**
 * The emulated cluster: store, clock, randomness and the controllers that act on them.
 * Controllers, scheduler and kubelet read and write only through the API and learn about time
 * only from the clock; they run when a write queues work for them or a wake-up falls due.
 */
export class Cluster {
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly store = new ObjectStore();
  /** Every store change, summarized, for task checks (cluster/history.ts). */
  readonly history = new History();
  /** Subsystems keeping state outside the store join snapshots here (cluster/snapshot.ts). */
  readonly stateParts = new StateParts();
  readonly controllers = new ControllerManager<Cluster>(() => this.clock);
  readonly #watchers = new Set<(event: WatchEvent) => void>();
  readonly api: ApiServer = new ApiServer(this);

  constructor(options: ClusterOptions = {}) {
    this.clock = options.resume ? SimClock.restore(options.resume.clock) : new SimClock(options.startMs);
    this.rng = new Rng(options.resume?.rng ?? options.seed ?? 1);
    installControllers(this);
  }

  /** Creates an object through the API (shorthand used by scenarios and tests). */
  create(object: KubeObject): KubeObject {
    return this.api.create(object);
  }

  /** Tells watchers (kubectl get -w, the cluster view) and controllers about a change. */
  emit(event: WatchEvent): void {
    for (const watcher of this.#watchers) watcher(event);
    this.controllers.notify(event, this);
  }

  /** Subscribes to every store change; returns the unsubscribe function. */
  watch(listener: (event: WatchEvent) => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /** Runs the controllers on everything queued and everything whose wake-up is due now. */
  runControllers(): void {
    for (const wakeup of this.clock.takeDue()) {
      const controller = this.controllers.controllerNamed(wakeup.topic);
      if (controller) this.controllers.enqueue(controller, wakeup.key);
    }
    this.controllers.drain(this);
  }

  /**
   * Moves simulated time forward by `ms`, stopping at every wake-up on the way so that each
   * controller step happens at the simulated time it is due, in order.
   */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    this.runControllers();
    for (
      let next = this.clock.nextWakeupAt();
      next !== undefined && next <= target;
      next = this.clock.nextWakeupAt()
    ) {
      this.clock.setTime(next);
      this.runControllers();
    }
    this.clock.setTime(target);
    this.runControllers();
  }

  /**
   * Lets time run until nothing is pending (no queued work, no wake-ups) or `capMs` has passed.
   * Returns the simulated milliseconds that passed.
   */
  settle(capMs: number = DEFAULT_SETTLE_CAP_MS): number {
    const start = this.clock.now();
    this.runControllers();
    for (
      let next = this.clock.nextWakeupAt();
      next !== undefined && next - start <= capMs;
      next = this.clock.nextWakeupAt()
    ) {
      this.clock.setTime(next);
      this.runControllers();
    }
    return this.clock.now() - start;
  }
}
