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

const idOf = (w: Wakeup) => `${w.at}\u0000${w.topic}\u0000${w.key}`;

export class SimClock {
  #now: number;
  /** Earliest first; equal times in the order they were asked for. */
  #wakeups: Wakeup[] = [];
  /** The pending wake-ups' ids, so that a repeat request is found without a scan. */
  #ids = new Set<string>();
  readonly #listeners = new Set<(now: number) => void>();

  constructor(startMs: number = DEFAULT_START_MS) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Asks to be woken at `at` (no earlier than now). Duplicate requests collapse into one. */
  wakeAt(at: number, topic: string, key: string): void {
    const wakeup = { at: Math.max(at, this.#now), topic, key };
    const id = idOf(wakeup);
    if (this.#ids.has(id)) return;
    this.#ids.add(id);
    // After every wake-up due at the same time or earlier (binary search), as a stable sort would put it.
    let low = 0;
    let high = this.#wakeups.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#wakeups[mid]!.at <= wakeup.at) low = mid + 1;
      else high = mid;
    }
    if (low === this.#wakeups.length) this.#wakeups.push(wakeup);
    else this.#wakeups.splice(low, 0, wakeup);
  }

  /** The time of the earliest pending wake-up, if any. */
  nextWakeupAt(): number | undefined {
    return this.#wakeups[0]?.at;
  }

  /** Removes and returns every wake-up due at or before now, earliest first. */
  takeDue(): Wakeup[] {
    let n = 0;
    while (n < this.#wakeups.length && this.#wakeups[n]!.at <= this.#now) n++;
    const due = this.#wakeups.splice(0, n);
    for (const w of due) this.#ids.delete(idOf(w));
    return due;
  }

  /** Moves time forward to `at` (never backwards) and tells listeners. */
  setTime(at: number): void {
    if (at <= this.#now) return;
    this.#now = at;
    for (const listener of this.#listeners) listener(at);
  }

  /** Called with the new time whenever time moves; returns an unsubscribe function. */
  onTick(listener: (now: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  save(): ClockState {
    return { now: this.#now, wakeups: this.#wakeups.map((w) => ({ ...w })) };
  }

  static restore(state: ClockState): SimClock {
    const clock = new SimClock(state.now);
    clock.#wakeups = state.wakeups.map((w) => ({ ...w })).sort((a, b) => a.at - b.at);
    clock.#ids = new Set(clock.#wakeups.map(idOf));
    return clock;
  }
}
