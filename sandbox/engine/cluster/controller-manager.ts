import type { KubeObject } from "./types.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** One change in the store, as a watch delivers it. `object` is the stored object after the change. */
export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

/**
 * A controller in the sample-controller mould: store events map to keys, keys are queued, and
 * `reconcile` makes one step from observed towards desired state for one key, writing only through
 * the API. It may ask the clock to wake it later (`clock.wakeAt(t, name, key)`) instead of waiting.
 */
export interface Controller<Env> {
  readonly name: string;
  /**
   * The kinds whose changes can concern this controller, as an informer watches only its kinds;
   * left out, the controller hears about every change. `keysFor` is never asked about other kinds.
   */
  readonly kinds?: readonly string[];
  /** Which keys of this controller a store change concerns (e.g. a pod change → its owner StatefulSet). */
  keysFor(event: WatchEvent, env: Env): readonly string[];
  reconcile(key: string, env: Env): void;
}

/**
 * One controller's part of the queue: which of its keys are queued, how often each ran since
 * simulated time last moved, and its rate limiter's keys. Held per controller so that queuing a
 * key costs one lookup of the controller and one of the key (every write queues a few).
 */
interface Lane<Env> {
  readonly controller: Controller<Env>;
  readonly queued: Set<string>;
  /**
   * Reconciles per key since simulated time last moved or the queue last fell quiet: counted
   * only once the lane has run HOT_RECONCILES times in the period, or has keys backing off.
   * Before that no key of the lane can be hot, and the keys that ran are only logged (a push,
   * where a count is two lookups in a map that grows again every period: 27,000 reconciles per
   * 1,000-replica settle).
   */
  readonly runs: Map<string, number>;
  /** The keys run this period while the lane is not counting yet. */
  readonly ran: string[];
  counting: boolean;
  /** Keys re-queued through the rate limiter in the same period. */
  readonly limited: Set<string>;
  /** The rate limiter's failures per key (NumRequeues): the exponent of the next delay. */
  readonly failures: Map<string, number>;
}

/** Reconciles must converge; a loop that does not is a bug we want to see, not a hung tab. */
const MAX_RECONCILES_PER_DRAIN = 1_000_000;

/**
 * What the rate limiter needs from the cluster: simulated time and wake-ups (a SimClock).
 * A rate-limited key comes back as a wake-up of its controller's name.
 */
export interface QueueClock {
  now(): number;
  nextWakeupAt(): number | undefined;
  wakeAt(at: number, topic: string, key: string): void;
}

/**
 * How many times one key may be reconciled while simulated time stands still before it is
 * re-queued through the rate limiter instead. Far above what a converging controller needs (from
 * apply to all Ready, a 1,000-replica StatefulSet with claims reconciles no key more than 4 times
 * at one instant), so that only a key whose reconcile keeps re-triggering itself ever meets it.
 */
const HOT_RECONCILES = 500;
/** workqueue.DefaultControllerRateLimiter's per-item exponential back-off: 5 ms doubling to 1000 s. */
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;

/**
 * The work queue shared by all controllers. Keys are de-duplicated while queued, processed in
 * FIFO order, and a reconcile that writes to the store queues more work through `notify`.
 *
 * The safety net of client-go's rate-limited queue: in a real cluster a controller whose write
 * re-triggers itself spins while time passes and its retries back off (AddRateLimited, then
 * Forget once a sync ends quiet). Here time stands still inside a drain, so a key reconciled
 * HOT_RECONCILES times at one instant is re-queued as a wake-up 5 ms later, then 10, 20 … up to
 * 1000 s; the drain ends, settle() returns, and every other key is still served. The key is
 * forgotten once a reconcile of it no longer re-queues it.
 */
export class ControllerManager<Env> {
  readonly #clock: (() => QueueClock) | undefined;
  #queueClock: QueueClock | undefined;
  readonly #lanes = new Map<Controller<Env>, Lane<Env>>();
  #period = Number.NaN;
  #hotReconciles = HOT_RECONCILES;
  #maxPerDrain = MAX_RECONCILES_PER_DRAIN;

  /** `clock`: where rate-limited keys wait; without one (unit tests of the queue) nothing is limited. */
  constructor(clock?: () => QueueClock) {
    this.#clock = clock;
  }
  readonly #controllers: Controller<Env>[] = [];
  /**
   * Queued work in the order it was first queued, from `#head` on (the items before it have run):
   * each item's lane and key at the same index. Queuing a queued key again changes nothing.
   * Arrays rather than a set: work only ever leaves from the front.
   */
  #queueLanes: Lane<Env>[] = [];
  #queueKeys: string[] = [];
  #head = 0;
  /** The lanes of the controllers that hear about each kind's changes, in registration order (built on first use). */
  readonly #listeners = new Map<string, Lane<Env>[]>();

  /** Lower limits, for tests that hunt non-converging reconciles without minutes of CPU. */
  setLimits(limits: { hotReconciles: number; maxReconcilesPerDrain: number }): void {
    this.#hotReconciles = limits.hotReconciles;
    this.#maxPerDrain = limits.maxReconcilesPerDrain;
  }

  register(controller: Controller<Env>): void {
    this.#controllers.push(controller);
    this.#listeners.clear();
  }

  controllerNamed(name: string): Controller<Env> | undefined {
    return this.#controllers.find((c) => c.name === name);
  }

  enqueue(controller: Controller<Env>, key: string): void {
    this.#enqueue(this.#laneOf(controller), key);
  }

  #laneOf(controller: Controller<Env>): Lane<Env> {
    let lane = this.#lanes.get(controller);
    if (!lane) {
      lane = {
        controller,
        queued: new Set(),
        runs: new Map(),
        ran: [],
        counting: false,
        limited: new Set(),
        failures: new Map(),
      };
      this.#lanes.set(controller, lane);
    }
    return lane;
  }

  #enqueue(lane: Lane<Env>, key: string): void {
    if (lane.queued.has(key)) return;
    if (this.#clock && this.#isHot(lane, key)) {
      this.#addRateLimited(lane, key);
      return;
    }
    lane.queued.add(key);
    this.#queueLanes.push(lane);
    this.#queueKeys.push(key);
  }

  /** Ran HOT_RECONCILES times this period, or already backing off and ran once more. */
  #isHot(lane: Lane<Env>, key: string): boolean {
    // A key that has not run this period (nearly every key queued) is not hot, whether or not
    // time moved: a new period only clears counts. The period's bookkeeping waits for a key
    // that ran, or the next reconcile.
    if (!lane.runs.has(key) && (lane.counting || lane.failures.size === 0)) return false;
    this.#startPeriodIfTimeMoved();
    // Not counting: fewer than HOT_RECONCILES runs of the whole lane, and with no key backing
    // off no key can be hot.
    if (!lane.counting) {
      if (lane.failures.size === 0) return false;
      this.#count(lane);
    }
    const runs = lane.runs.get(key) ?? 0;
    if (runs === 0) return false;
    return runs >= this.#hotReconciles || (lane.failures.get(key) ?? 0) > 0;
  }

  #addRateLimited(lane: Lane<Env>, key: string): void {
    const clock = this.#clock!();
    const count = lane.failures.get(key) ?? 0;
    lane.failures.set(key, count + 1);
    lane.limited.add(key);
    clock.wakeAt(clock.now() + Math.min(BASE_DELAY_MS * 2 ** count, MAX_DELAY_MS), lane.controller.name, key);
  }

  #startPeriodIfTimeMoved(): void {
    const now = this.#clockNow();
    if (now === this.#period) return;
    this.#period = now;
    this.#endPeriod();
  }

  /** The cluster's clock, asked for once (it is made after the manager). */
  #clockNow(): number {
    this.#queueClock ??= this.#clock!();
    return this.#queueClock.now();
  }

  /** Forgets the backing-off keys that ran this period without being limited again. */
  #endPeriod(): void {
    for (const lane of this.#lanes.values()) {
      if (lane.failures.size > 0 && !lane.counting) this.#count(lane);
      for (const key of lane.failures.keys()) {
        if (lane.runs.has(key) && !lane.limited.has(key)) lane.failures.delete(key);
      }
      if (lane.runs.size > 0) lane.runs.clear();
      if (lane.ran.length > 0) lane.ran.length = 0;
      lane.counting = false;
      if (lane.limited.size > 0) lane.limited.clear();
    }
  }

  #countRun(lane: Lane<Env>, key: string): void {
    if (!this.#clock) return;
    this.#startPeriodIfTimeMoved();
    if (lane.counting) {
      lane.runs.set(key, (lane.runs.get(key) ?? 0) + 1);
      return;
    }
    lane.ran.push(key);
    if (lane.ran.length >= this.#hotReconciles || lane.failures.size > 0) this.#count(lane);
  }

  /** Turns the lane's log of runs this period into counts per key, and counts from now on. */
  #count(lane: Lane<Env>): void {
    for (const key of lane.ran) lane.runs.set(key, (lane.runs.get(key) ?? 0) + 1);
    lane.ran.length = 0;
    lane.counting = true;
  }

  /** Tells every controller about a store change. */
  notify(event: WatchEvent, env: Env): void {
    // Indexed loops: this runs for every write, for every controller watching the kind.
    const listeners = this.#listenersOf(event.object.kind);
    for (let i = 0; i < listeners.length; i++) {
      const lane = listeners[i]!;
      const keys = lane.controller.keysFor(event, env);
      for (let k = 0; k < keys.length; k++) this.#enqueue(lane, keys[k]!);
    }
  }

  #listenersOf(kind: string): Lane<Env>[] {
    let listeners = this.#listeners.get(kind);
    if (!listeners) {
      listeners = this.#controllers
        .filter((c) => c.kinds === undefined || c.kinds.includes(kind))
        .map((c) => this.#laneOf(c));
      this.#listeners.set(kind, listeners);
    }
    return listeners;
  }

  /** The queued work, oldest first, as plain data (snapshots carry it). */
  pending(): { controller: string; key: string }[] {
    const pending: { controller: string; key: string }[] = [];
    for (let i = this.#head; i < this.#queueKeys.length; i++) {
      pending.push({ controller: this.#queueLanes[i]!.controller.name, key: this.#queueKeys[i]! });
    }
    return pending;
  }

  hasWork(): boolean {
    return this.#head < this.#queueKeys.length;
  }

  /** Runs queued reconciles until the queue is empty. Returns how many ran. */
  drain(env: Env): number {
    let count = 0;
    while (this.#head < this.#queueKeys.length) {
      const lane = this.#queueLanes[this.#head]!;
      const key = this.#queueKeys[this.#head++]!;
      // Let go of what ran once it is most of the array, so a long session does not keep it.
      if (this.#head >= 1024 && this.#head * 2 >= this.#queueKeys.length) {
        this.#queueLanes = this.#queueLanes.slice(this.#head);
        this.#queueKeys = this.#queueKeys.slice(this.#head);
        this.#head = 0;
      }
      lane.queued.delete(key);
      this.#countRun(lane, key);
      lane.controller.reconcile(key, env);
      if (++count > this.#maxPerDrain) {
        throw new Error(`controllers did not converge (last: ${lane.controller.name}\u0000${key})`);
      }
    }
    // Quiet, and nothing due at this instant: the counts start again (the next command's writes
    // are new work, not a spin). A wake-up due now means the cluster is still busy at this instant.
    if (this.#clock && count > 0) {
      const clock = this.#clock();
      const next = clock.nextWakeupAt();
      if (next === undefined || next > clock.now()) this.#endPeriod();
    }
    return count;
  }
}
