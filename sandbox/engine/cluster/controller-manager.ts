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

interface QueueItem<Env> {
  controller: Controller<Env>;
  key: string;
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
  /** Reconciles per key since simulated time last moved or the queue last fell quiet. */
  #runs = new Map<Controller<Env>, Map<string, number>>();
  /** Keys re-queued through the rate limiter in the same period. */
  #limited = new Map<Controller<Env>, Set<string>>();
  /** The rate limiter's failures per key (NumRequeues): the exponent of the next delay. */
  readonly #failures = new Map<Controller<Env>, Map<string, number>>();
  #period = Number.NaN;
  #hotReconciles = HOT_RECONCILES;
  #maxPerDrain = MAX_RECONCILES_PER_DRAIN;

  /** `clock`: where rate-limited keys wait; without one (unit tests of the queue) nothing is limited. */
  constructor(clock?: () => QueueClock) {
    this.#clock = clock;
  }
  readonly #controllers: Controller<Env>[] = [];
  /**
   * Queued work in the order it was first queued, from `#head` on (the items before it have run);
   * queuing a queued key again changes nothing. An array rather than a set: work only ever leaves
   * from the front.
   */
  #queue: QueueItem<Env>[] = [];
  #head = 0;
  /** The queued keys by controller, so re-queuing costs one lookup and no string building. */
  readonly #queued = new Map<Controller<Env>, Set<string>>();
  /** The controllers that hear about each kind's changes, in registration order (built on first use). */
  readonly #listeners = new Map<string, Controller<Env>[]>();

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
    const byKey = entryOf(this.#queued, controller, () => new Set<string>());
    if (byKey.has(key)) return;
    if (this.#clock && this.#isHot(controller, key)) {
      this.#addRateLimited(controller, key);
      return;
    }
    byKey.add(key);
    this.#queue.push({ controller, key });
  }

  /** Ran HOT_RECONCILES times this period, or already backing off and ran once more. */
  #isHot(controller: Controller<Env>, key: string): boolean {
    this.#startPeriodIfTimeMoved();
    const runs = this.#runs.get(controller)?.get(key) ?? 0;
    if (runs === 0) return false;
    return runs >= this.#hotReconciles || (this.#failures.get(controller)?.get(key) ?? 0) > 0;
  }

  #addRateLimited(controller: Controller<Env>, key: string): void {
    const clock = this.#clock!();
    const failures = entryOf(this.#failures, controller, () => new Map<string, number>());
    const count = failures.get(key) ?? 0;
    failures.set(key, count + 1);
    entryOf(this.#limited, controller, () => new Set<string>()).add(key);
    clock.wakeAt(clock.now() + Math.min(BASE_DELAY_MS * 2 ** count, MAX_DELAY_MS), controller.name, key);
  }

  #startPeriodIfTimeMoved(): void {
    const now = this.#clock!().now();
    if (now === this.#period) return;
    this.#period = now;
    this.#endPeriod();
  }

  /** Forgets the backing-off keys that ran this period without being limited again. */
  #endPeriod(): void {
    for (const [controller, failures] of this.#failures) {
      const runs = this.#runs.get(controller);
      const limited = this.#limited.get(controller);
      for (const key of failures.keys()) {
        if (runs?.has(key) && !limited?.has(key)) failures.delete(key);
      }
    }
    this.#runs = new Map();
    this.#limited = new Map();
  }

  #countRun(controller: Controller<Env>, key: string): void {
    if (!this.#clock) return;
    this.#startPeriodIfTimeMoved();
    const runs = entryOf(this.#runs, controller, () => new Map<string, number>());
    runs.set(key, (runs.get(key) ?? 0) + 1);
  }

  /** Tells every controller about a store change. */
  notify(event: WatchEvent, env: Env): void {
    // Indexed loops: this runs for every write, for every controller watching the kind.
    const listeners = this.#listenersOf(event.object.kind);
    for (let i = 0; i < listeners.length; i++) {
      const controller = listeners[i]!;
      const keys = controller.keysFor(event, env);
      for (let k = 0; k < keys.length; k++) this.enqueue(controller, keys[k]!);
    }
  }

  #listenersOf(kind: string): Controller<Env>[] {
    let listeners = this.#listeners.get(kind);
    if (!listeners) {
      listeners = this.#controllers.filter((c) => c.kinds === undefined || c.kinds.includes(kind));
      this.#listeners.set(kind, listeners);
    }
    return listeners;
  }

  /** The queued work, oldest first, as plain data (snapshots carry it). */
  pending(): { controller: string; key: string }[] {
    return this.#queue.slice(this.#head).map(({ controller, key }) => ({ controller: controller.name, key }));
  }

  hasWork(): boolean {
    return this.#head < this.#queue.length;
  }

  /** Runs queued reconciles until the queue is empty. Returns how many ran. */
  drain(env: Env): number {
    let count = 0;
    while (this.#head < this.#queue.length) {
      const item = this.#queue[this.#head++]!;
      // Let go of what ran once it is most of the array, so a long session does not keep it.
      if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      this.#queued.get(item.controller)!.delete(item.key);
      this.#countRun(item.controller, item.key);
      item.controller.reconcile(item.key, env);
      if (++count > this.#maxPerDrain) {
        throw new Error(`controllers did not converge (last: ${item.controller.name}\u0000${item.key})`);
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

/** The value under `key`, made and stored first if there is none. */
function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
