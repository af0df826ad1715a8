/**
 * Notices when the engine worker has crashed or stopped answering, so the page can restart it.
 *
 * While no command runs, it pings the worker over comlink every `intervalMs`; no answer within
 * `timeoutMs` means the worker is gone or its event loop is stuck. While a command runs, a slow
 * answer is not a fault (applying a 1,000-replica StatefulSet keeps the worker busy for seconds),
 * so pings pause; instead, once the learner presses Ctrl-C, a command that has not ended within
 * `cancelGraceMs` shows the worker is not listening any more (a runaway loop never lets the
 * cancellation message in).
 *
 * Timers are injected so the logic is tested with fake time, not the wall clock.
 */

export type HangReason = "unresponsive" | "ignored-cancel";

export interface WatchdogOptions {
  intervalMs: number;
  timeoutMs: number;
  cancelGraceMs: number;
}

export const DEFAULT_WATCHDOG: WatchdogOptions = { intervalMs: 500, timeoutMs: 1500, cancelGraceMs: 2000 };

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export class Watchdog {
  readonly #ping: () => Promise<unknown>;
  readonly #onHung: (reason: HangReason) => void;
  readonly #options: WatchdogOptions;
  readonly #timers: Timers;
  #running = false;
  /** Commands in flight; pings pause while there is any. */
  #commands = 0;
  #next: unknown;
  #deadline: unknown;
  #cancelDeadline: unknown;
  /** Bumped on every stop and ping so that late answers from an earlier round are ignored. */
  #round = 0;

  constructor(
    ping: () => Promise<unknown>,
    onHung: (reason: HangReason) => void,
    options: WatchdogOptions = DEFAULT_WATCHDOG,
    timers: Timers = globalTimers,
  ) {
    this.#ping = ping;
    this.#onHung = onHung;
    this.#options = options;
    this.#timers = timers;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  /** Stops all timers; a stopped watchdog never reports. */
  stop(): void {
    this.#running = false;
    this.#round++;
    this.#clear();
    this.#commands = 0;
  }

  commandStarted(): void {
    this.#commands++;
    // An answer that was due is not expected any more: the command may keep the worker busy.
    this.#round++;
    this.#timers.clearTimeout(this.#deadline);
    this.#timers.clearTimeout(this.#next);
  }

  commandFinished(): void {
    this.#commands = Math.max(0, this.#commands - 1);
    if (this.#commands === 0) {
      this.#timers.clearTimeout(this.#cancelDeadline);
      this.#cancelDeadline = undefined;
      if (this.#running) this.#schedule();
    }
  }

  /** The learner pressed Ctrl-C: the command must end within the grace period. */
  cancelRequested(): void {
    if (!this.#running || this.#commands === 0 || this.#cancelDeadline !== undefined) return;
    this.#cancelDeadline = this.#timers.setTimeout(
      () => this.#hung("ignored-cancel"),
      this.#options.cancelGraceMs,
    );
  }

  #schedule(): void {
    this.#timers.clearTimeout(this.#next);
    this.#next = this.#timers.setTimeout(() => this.#beat(), this.#options.intervalMs);
  }

  #beat(): void {
    if (!this.#running || this.#commands > 0) return;
    const round = ++this.#round;
    this.#deadline = this.#timers.setTimeout(() => {
      if (round === this.#round) this.#hung("unresponsive");
    }, this.#options.timeoutMs);
    this.#ping().then(
      () => {
        if (round !== this.#round || !this.#running) return;
        this.#timers.clearTimeout(this.#deadline);
        this.#schedule();
      },
      () => {
        // A rejected ping still proves nothing about liveness; the deadline decides.
      },
    );
  }

  #hung(reason: HangReason): void {
    if (!this.#running) return;
    this.stop();
    this.#onHung(reason);
  }

  #clear(): void {
    this.#timers.clearTimeout(this.#next);
    this.#timers.clearTimeout(this.#deadline);
    this.#timers.clearTimeout(this.#cancelDeadline);
    this.#next = this.#deadline = this.#cancelDeadline = undefined;
  }
}
