import { describe, expect, it } from "vitest";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { createTimeDriver } from "../../../sandbox/engine/time-driver.ts";

/** Lets a started command reach its first wait. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("step to next event", () => {
  it("stops where a running sleep ends, so stepping while paused finishes it", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    const start = sandbox.now();
    let finished = false;
    const running = sandbox
      .exec("sleep 30", () => {})
      .then((status) => {
        finished = true;
        return status;
      });
    await turn();
    // Step as the UI's Step button does: jump to the next event, whatever it is.
    const stops: number[] = [];
    for (let n = 0; n < 1_000 && !finished; n++) {
      const next = sandbox.nextEventAt();
      expect(next, "something is pending while the sleep runs").toBeDefined();
      stops.push(next! - start);
      sandbox.advance(next! - sandbox.now());
      await turn();
    }
    expect(await running).toBe(0);
    expect(stops).toContain(30_000);
    expect(stops.every((t) => t <= 30_000)).toBe(true);
  });

  it("forgets the deadline of a wait cut short by Ctrl-C", async () => {
    const cluster = new Cluster();
    const driver = createTimeDriver(cluster, "realtime");
    expect(driver.nextDeadline()).toBeUndefined();
    const stop = new AbortController();
    const waiting = driver.wait(5_000, stop.signal);
    const other = driver.wait(9_000);
    expect(driver.nextDeadline()).toBe(cluster.clock.now() + 5_000);
    stop.abort();
    await expect(waiting).rejects.toThrow("interrupted");
    expect(driver.nextDeadline()).toBe(cluster.clock.now() + 9_000);
    cluster.advance(9_000);
    await other;
    expect(driver.nextDeadline()).toBeUndefined();
  });
});
