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
 * The work queue shared by all controllers. Keys are de-duplicated while queued, processed in
 * FIFO order, and a reconcile that writes to the store queues more work through `notify`.
 */
export class ControllerManager<Env> {
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

  register(controller: Controller<Env>): void {
    this.#controllers.push(controller);
    this.#listeners.clear();
  }

  controllerNamed(name: string): Controller<Env> | undefined {
    return this.#controllers.find((c) => c.name === name);
  }

  enqueue(controller: Controller<Env>, key: string): void {
    let byKey = this.#queued.get(controller);
    if (!byKey) {
      byKey = new Set();
      this.#queued.set(controller, byKey);
    }
    if (byKey.has(key)) return;
    byKey.add(key);
    this.#queue.push({ controller, key });
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
      item.controller.reconcile(item.key, env);
      if (++count > MAX_RECONCILES_PER_DRAIN) {
        throw new Error(`controllers did not converge (last: ${item.controller.name}\u0000${item.key})`);
      }
    }
    return count;
  }
}
