/**
 * A command line that waits and then looks sees what containers' scripts wrote meanwhile, in the
 * order bash would: `sleep 7; kubectl logs writer` shows every line written by the time logs
 * runs, whether the clock jumps at once (instant) or the browser's ticker moves it (realtime),
 * and a script waiting for a tool's code to load holds the instant clock until it has run.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { loadTool, onFirstUse, toolLoads } from "../../../sandbox/engine/shell/lazy-tool.ts";
import { sh } from "../helpers.ts";

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
const WRITER = `kubectl run writer --image=busybox:1.37 -- sh -c 'i=0; while true; do i=$((i+1)); echo "wrote $i"; sleep 2; done'`;

/** Runs `line` while a ticker advances the clock by `stepMs` a turn, as the browser's does. */
async function tickWhile(sandbox: Sandbox, line: string, stepMs: number): Promise<string> {
  let out = "";
  let done = false;
  const running = sandbox
    .exec(line, (chunk) => {
      out += chunk.text;
    })
    .finally(() => {
      done = true;
    });
  for (let i = 0; i < 200 && !done; i++) {
    sandbox.advance(stepMs);
    await turn();
  }
  await running;
  return out;
}

/** The log lines written at or before `time` (HH:MM:SS.mmm). */
const linesBy = (log: string, time: string) =>
  log.split("\n").filter((l) => l !== "" && l.slice(11, 23) <= time);

describe("scripts and later commands", () => {
  for (const stepMs of [1500, 700, 4000]) {
    it(`realtime, the ticker stepping ${stepMs} ms: logs after a sleep shows every line written by then`, async () => {
      const sandbox = createSandbox({ timeMode: "instant" });
      await sh(sandbox, WRITER);
      await sh(sandbox, "sleep 10");
      sandbox.setTimeMode("realtime");
      const out = await tickWhile(
        sandbox,
        "sleep 7; kubectl logs writer --timestamps; date -u +%T.%N",
        stepMs,
      );
      const lines = out.trimEnd().split("\n");
      const ranAt = lines.pop()!.slice(0, 12);
      const full = (await sh(sandbox, "kubectl logs writer --timestamps")).stdout;
      expect(lines.join("\n")).toBe(linesBy(full, ranAt).join("\n"));
      expect(lines.length).toBeGreaterThanOrEqual(8);
    });
  }

  it("instant: a sleep's lines are all in before the next command", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, WRITER);
    const out = (await sh(sandbox, "sleep 17; kubectl logs writer --timestamps | tail -n 1; date -u +%T.%N"))
      .stdout;
    expect(out).toBe("2026-01-01T00:00:16.150000000Z wrote 8\n00:00:17.000000000\n");
  });

  it("a tool still loading its code holds the instant clock until it has run", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, WRITER);
    await sh(sandbox, "sleep 5");
    let release: () => void = () => {};
    const slow = onFirstUse(
      () =>
        new Promise((resolve) => {
          release = () => resolve(async () => 0);
        }),
    );
    void loadTool(slow);
    expect(toolLoads()).toBeDefined();
    let done = false;
    const running = sh(sandbox, "sleep 4; date -u +%T").then((r) => {
      done = true;
      return r;
    });
    for (let i = 0; i < 5; i++) await turn();
    expect(done, "the sleep waits while a script may be waiting for code").toBe(false);
    release();
    expect((await running).stdout).toBe("00:00:09\n");
    expect(toolLoads()).toBeUndefined();
  });
});
