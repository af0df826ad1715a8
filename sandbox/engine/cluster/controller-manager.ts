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
  /** Which keys of this controller a store change concerns (e.g. a pod change → its owner StatefulSet). */
  keysFor(event: WatchEvent, env: Env): readonly string[];
  reconcile(key: string, env: Env): void;
}

/** Reconciles must converge; a loop that does not is a bug we want to see, not a hung tab. */
const MAX_RECONCILES_PER_DRAIN = 1_000_000;

/**
 * The work queue shared by all controllers. Keys are de-duplicated while queued, processed in
 * FIFO order, and a reconcile that writes to the store queues more work through `notify`.
 */
export class ControllerManager<Env> {
  readonly #controllers: Controller<Env>[] = [];
  /** Queued work in the order it was first queued; queuing a queued key again changes nothing. */
  readonly #queue = new Set<{ controller: Controller<Env>; key: string }>();
  /** The same items by controller and key, so re-queuing costs one lookup and no string building. */
  readonly #queued = new Map<Controller<Env>, Map<string, { controller: Controller<Env>; key: string }>>();

  register(controller: Controller<Env>): void {
    this.#controllers.push(controller);
  }

  controllerNamed(name: string): Controller<Env> | undefined {
    return this.#controllers.find((c) => c.name === name);
  }

  enqueue(controller: Controller<Env>, key: string): void {
    let byKey = this.#queued.get(controller);
    if (!byKey) {
      byKey = new Map();
      this.#queued.set(controller, byKey);
    }
    if (byKey.has(key)) return;
    const item = { controller, key };
    byKey.set(key, item);
    this.#queue.add(item);
  }

  /** Tells every controller about a store change. */
  notify(event: WatchEvent, env: Env): void {
    for (const controller of this.#controllers) {
      for (const key of controller.keysFor(event, env)) this.enqueue(controller, key);
    }
  }

  /** The queued work, oldest first, as plain data (snapshots carry it). */
  pending(): { controller: string; key: string }[] {
    return [...this.#queue].map(({ controller, key }) => ({ controller: controller.name, key }));
  }

  hasWork(): boolean {
    return this.#queue.size > 0;
  }

  /** Runs queued reconciles until the queue is empty. Returns how many ran. */
  drain(env: Env): number {
    let count = 0;
    while (this.#queue.size > 0) {
      const item = this.#queue.values().next().value!;
      this.#queue.delete(item);
      this.#queued.get(item.controller)!.delete(item.key);
      item.controller.reconcile(item.key, env);
      if (++count > MAX_RECONCILES_PER_DRAIN) {
        throw new Error(`controllers did not converge (last: ${item.controller.name}\u0000${item.key})`);
      }
    }
    return count;
  }
}
