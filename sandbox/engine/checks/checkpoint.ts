/**
 * Checkpoints: "start this lesson from here" rebuilds the state of a step by replaying the
 * solutions of the tasks before it on a fresh sandbox from the lesson's scenario. The engine is
 * deterministic, so every learner in a room gets the same cluster. Replay runs in instant time
 * (sleeps and waits return at once) and lets the cluster settle after each step.
 */
import type { Sandbox } from "../index.ts";

/**
 * The cluster counts as settled when nothing is due within this much simulated time: pods start
 * within seconds (a slow scenario adds tens), while periodic resyncs come every few minutes.
 */
const QUIET_MS = 60 * 1000;

export interface ReplayFailure {
  line: string;
  status: number;
  output: string;
}

/**
 * Runs `lines` one after the other in `sandbox` (which must be in instant time), settling in
 * between, and returns the lines that failed with what they printed (empty when all succeeded).
 */
export async function replay(sandbox: Sandbox, lines: readonly string[]): Promise<ReplayFailure[]> {
  const failures: ReplayFailure[] = [];
  for (const line of lines) {
    let output = "";
    const status = await sandbox.exec(line, (chunk) => {
      output += chunk.text;
    });
    if (status !== 0) failures.push({ line, status, output });
    settle(sandbox);
  }
  return failures;
}

/**
 * Advances simulated time from wake-up to wake-up until nothing is due within QUIET_MS, or ten
 * simulated minutes have passed (a crash-looping pod never goes quiet).
 */
function settle(sandbox: Sandbox): void {
  const deadline = sandbox.now() + 10 * 60 * 1000;
  for (
    let next = sandbox.nextEventAt();
    next !== undefined && next - sandbox.now() <= QUIET_MS && next <= deadline;
    next = sandbox.nextEventAt()
  ) {
    sandbox.advance(next - sandbox.now());
  }
}
