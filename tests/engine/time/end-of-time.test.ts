/**
 * Simulated time ends at 9999-12-31T23:59:59.999Z, the last instant a timestamp can write (and
 * the snapshot guard accepts): `sleep 99999999999d` is accepted and never returns, as the real one
 * does not in a learner's lifetime; Ctrl-C still ends it and the cluster goes on as before.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAST_TIME_MS, SimClock } from "../../../sandbox/engine/clock.ts";
import { createSandbox, restoreSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the end of simulated time", () => {
  for (const where of ["the host shell", "a pod's shell"]) {
    it(`sleep 99999999999d in ${where} waits for Ctrl-C, and time stays readable`, async () => {
      const sandbox = createSandbox({ timeMode: "instant" });
      await sh(sandbox, "kubectl run web --image=nginx:1.27");
      await sh(sandbox, "sleep 30");
      const before = sandbox.now();
      const stop = new AbortController();
      let output = "";
      const line =
        where === "the host shell" ? "sleep 99999999999d" : "kubectl exec web -- sleep 99999999999d";
      let finished = false;
      const running = sandbox
        .exec(
          line,
          (chunk) => {
            output += chunk.text;
          },
          stop.signal,
        )
        .finally(() => {
          finished = true;
        });
      for (let i = 0; i < 20; i++) await turn();
      expect(finished, "the sleep has not returned").toBe(false);
      expect(sandbox.now()).toBeLessThanOrEqual(LAST_TIME_MS);
      stop.abort();
      expect(await running).toBe(130);
      // The terminal echoes ^C itself; the command writes nothing.
      expect(output).toBe("");
      expect(sandbox.now()).toBe(before);
      const pods = await sh(sandbox, "kubectl get pods");
      expect(pods.stdout).toMatch(/^web +1\/1 +Running +0 +30s\n$/m);
      expect((await sh(sandbox, "date -u +%Y")).stdout).toBe("2026\n");
    });
  }

  it("a sleep that ends before the last instant runs there, and the saved cluster restores", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run web --image=nginx:1.27");
    // 2026-01-01 + 2,912,000 days is 9998-10-15.
    await sh(sandbox, "sleep 2912000d");
    expect((await sh(sandbox, "date -u")).stdout).toBe("Thu Oct 15 00:00:00 UTC 9998\n");
    expect((await sh(sandbox, "kubectl get pods")).stdout).toMatch(/^web +1\/1 +Running +0 +7978y\n$/m);
    const restored = restoreSandbox(JSON.parse(JSON.stringify(sandbox.save())), { timeMode: "instant" });
    expect((await sh(restored, "kubectl get pods")).stdout).toMatch(/7978y/);
  });

  it("the clock never passes its last instant, and wake-ups after it never come", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              set: fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.constant(Infinity)),
            }),
            fc.record({ wake: fc.oneof(fc.double({ noNaN: false }), fc.constant(LAST_TIME_MS)) }),
          ),
          { maxLength: 30 },
        ),
        (steps) => {
          const clock = new SimClock();
          let previous = clock.now();
          for (const step of steps) {
            if ("set" in step) clock.setTime(step.set);
            else clock.wakeAt(step.wake, "t", "k");
            const now = clock.now();
            expect(now).toBeGreaterThanOrEqual(previous);
            expect(now).toBeLessThanOrEqual(LAST_TIME_MS);
            previous = now;
            const next = clock.nextWakeupAt();
            if (next !== undefined) expect(next).toBeLessThanOrEqual(LAST_TIME_MS);
          }
        },
      ),
    );
  });
});
