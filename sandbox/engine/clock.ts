/**
 * Simulated time. The engine never reads the wall clock: everything that depends on time asks
 * this clock, and time moves only when someone calls `advance` (the browser's ticker, `sleep`,
 * or a test). Wake-ups are plain data ({ at, topic, key }) so that a snapshot can carry them.
 */

export interface Wakeup {
  /** Simulated epoch milliseconds at which the wake-up is due. */
  at: number;
  /** Who wants to be woken, e.g. "kubelet" or "statefulset". */
  topic: string;
  /** What to look at again, e.g. "default/web-0". */
  key: string;
}

export interface ClockState {
  now: number;
  wakeups: Wakeup[];
}

/** 2026-01-01T00:00:00Z: a fixed, readable start for fresh clusters. */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/**
 * The last instant an RFC 3339 timestamp can write (9999-12-31T23:59:59.999Z): simulated time
 * ends there. Past it objects could not be stamped (AGE printed 273972602y, `date` NaN), and far
 * past it a retry 5 ms later is the same number (1e91 + 5 is 1e91). So the clock stops at this
 * instant, and a wake-up asked for later never comes: `sleep 99999999999d` never returns, as
 * the real one does not in a learner's lifetime.
 */
export const LAST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The wake-ups due at one instant, in the order they were asked for, and who asked (for duplicates). */
interface Bucket {
  wakeups: Wakeup[];
  /** Keys by topic: a repeat request is found with no id string built. */
  asked: Map<string, Set<string>>;
}

/** The keys `topic` has asked to be woken for in `bucket` (made empty if none yet). */
function askedOf(bucket: Bucket, topic: string): Set<string> {
  let keys = bucket.asked.get(topic);
  if (!keys) {
    keys = new Set();
    bucket.asked.set(topic, keys);
  }
  return keys;
}

export class SimClock {
  #now: number;
  /**
   * The instants that have wake-ups, earliest first, and their wake-ups. A big set's pods wake
   * in step, so there are few instants: a request costs two map lookups and a push, not a
   * search and a splice through every pending wake-up.
   */
  #times: number[] = [];
  #buckets = new Map<number, Bucket>();
  readonly #listeners = new Set<(now: number) => void>();

  constructor(startMs: number = DEFAULT_START_MS) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Asks to be woken at `at` (no earlier than now). Duplicate requests collapse into one. */
  wakeAt(at: number, topic: string, key: string): void {
    const due = Math.max(at, this.#now);
    // Past the end of time (or not a time at all) it would never come: nothing to keep.
    if (!(due <= LAST_TIME_MS)) return;
    const bucket = this.#bucketAt(due);
    const keys = askedOf(bucket, topic);
    if (keys.has(key)) return;
    keys.add(key);
    bucket.wakeups.push({ at: due, topic, key });
  }

  /** The time of the earliest pending wake-up, if any. */
  nextWakeupAt(): number | undefined {
    return this.#times[0];
  }

  /** Removes and returns every wake-up due at or before now, earliest first. */
  takeDue(): Wakeup[] {
    let n = 0;
    while (n < this.#times.length && this.#times[n]! <= this.#now) n++;
    if (n === 0) return [];
    const due: Wakeup[] = [];
    for (const at of this.#times.splice(0, n)) {
      for (const wakeup of this.#buckets.get(at)!.wakeups) due.push(wakeup);
      this.#buckets.delete(at);
    }
    return due;
  }

  /** The bucket of `at`, made (and its instant put in order, by binary search) if there is none. */
  #bucketAt(at: number): Bucket {
    let bucket = this.#buckets.get(at);
    if (bucket) return bucket;
    bucket = { wakeups: [], asked: new Map() };
    this.#buckets.set(at, bucket);
    let low = 0;
    let high = this.#times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#times[mid]! < at) low = mid + 1;
      else high = mid;
    }
    this.#times.splice(low, 0, at);
    return bucket;
  }

  /** Moves time forward to `at` (never backwards, never past LAST_TIME_MS) and tells listeners. */
  setTime(to: number): void {
    const at = Math.min(to, LAST_TIME_MS);
    if (!(at > this.#now)) return;
    this.#now = at;
    for (const listener of this.#listeners) listener(at);
  }

  /** Called with the new time whenever time moves; returns an unsubscribe function. */
  onTick(listener: (now: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  save(): ClockState {
    const wakeups: Wakeup[] = [];
    for (const at of this.#times) for (const w of this.#buckets.get(at)!.wakeups) wakeups.push({ ...w });
    return { now: this.#now, wakeups };
  }

  static restore(state: ClockState): SimClock {
    const clock = new SimClock(state.now);
    // As saved: a wake-up already due stays at its time, and nothing is collapsed.
    for (const w of state.wakeups) {
      const bucket = clock.#bucketAt(w.at);
      askedOf(bucket, w.topic).add(w.key);
      bucket.wakeups.push({ ...w });
    }
    return clock;
  }
}
