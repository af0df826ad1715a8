import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type HangReason, Watchdog } from "../../../sandbox/ui/state/watchdog.ts";

const OPTIONS = { intervalMs: 500, timeoutMs: 1500, cancelGraceMs: 2000 };

/** A worker stand-in whose answers to pings the test controls. */
function worker() {
  const state = { answering: true, pings: 0 };
  const ping = () => {
    state.pings++;
    return state.answering ? Promise.resolve(true) : new Promise<never>(() => {});
  };
  return { state, ping };
}

describe("Watchdog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function watch(ping: () => Promise<unknown>) {
    const hangs: HangReason[] = [];
    const dog = new Watchdog(ping, (reason) => hangs.push(reason), OPTIONS);
    dog.start();
    return { dog, hangs };
  }

  it("keeps quiet while the worker answers", async () => {
    const { state, ping } = worker();
    const { hangs } = watch(ping);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hangs).toEqual([]);
    expect(state.pings).toBeGreaterThan(50);
  });

  it("reports a worker that stops answering within interval + timeout, once", async () => {
    const { state, ping } = worker();
    const { hangs } = watch(ping);
    await vi.advanceTimersByTimeAsync(5_000);
    state.answering = false;
    await vi.advanceTimersByTimeAsync(OPTIONS.intervalMs + OPTIONS.timeoutMs);
    expect(hangs).toEqual(["unresponsive"]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hangs).toEqual(["unresponsive"]);
  });

  it("does not ping while a command runs: a busy command is not a hang", async () => {
    const { state, ping } = worker();
    const { dog, hangs } = watch(ping);
    dog.commandStarted();
    state.answering = false;
    const before = state.pings;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hangs).toEqual([]);
    expect(state.pings).toBe(before);
    // Pinging resumes when the command ends.
    dog.commandFinished();
    await vi.advanceTimersByTimeAsync(OPTIONS.intervalMs + OPTIONS.timeoutMs);
    expect(hangs).toEqual(["unresponsive"]);
  });

  it("forgets a ping that was out when a command started", async () => {
    const { state, ping } = worker();
    const { dog, hangs } = watch(ping);
    state.answering = false;
    await vi.advanceTimersByTimeAsync(OPTIONS.intervalMs + 10); // a ping is out, unanswered
    dog.commandStarted();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hangs).toEqual([]);
  });

  it("does not resume pinging during a command when an earlier ping is answered late", async () => {
    let answer: (() => void) | undefined;
    let pings = 0;
    const ping = () => {
      pings++;
      return new Promise<void>((resolve) => {
        answer = resolve;
      });
    };
    const { dog, hangs } = watch(ping);
    await vi.advanceTimersByTimeAsync(OPTIONS.intervalMs + 10);
    expect(pings).toBe(1);
    dog.commandStarted();
    answer?.();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pings).toBe(1);
    expect(hangs).toEqual([]);
  });

  it("declares a command that ignores Ctrl-C for the grace period hung", async () => {
    const { ping } = worker();
    const { dog, hangs } = watch(ping);
    dog.commandStarted();
    await vi.advanceTimersByTimeAsync(30_000);
    dog.cancelRequested();
    await vi.advanceTimersByTimeAsync(OPTIONS.cancelGraceMs - 1);
    expect(hangs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(hangs).toEqual(["ignored-cancel"]);
  });

  it("lets a command that stops when cancelled go", async () => {
    const { ping } = worker();
    const { dog, hangs } = watch(ping);
    dog.commandStarted();
    dog.cancelRequested();
    await vi.advanceTimersByTimeAsync(300);
    dog.commandFinished();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hangs).toEqual([]);
  });

  it("never reports once stopped", async () => {
    const { state, ping } = worker();
    const { dog, hangs } = watch(ping);
    state.answering = false;
    dog.commandStarted();
    dog.cancelRequested();
    dog.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hangs).toEqual([]);
  });
});
