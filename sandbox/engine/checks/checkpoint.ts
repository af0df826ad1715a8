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
 * Splits solution texts into whole commands the way the terminal reads them: a line that leaves
 * a heredoc or a quote open continues on the next one.
 */
export function commandsOf(sandbox: Pick<Sandbox, "isComplete">, texts: readonly string[]): string[] {
  const commands: string[] = [];
  for (const text of texts) {
    let pending: string | undefined;
    for (const line of text.replace(/\n+$/, "").split("\n")) {
      pending = pending === undefined ? line : `${pending}\n${line}`;
      if (sandbox.isComplete(pending)) {
        if (pending.trim() !== "") commands.push(pending);
        pending = undefined;
      }
    }
    if (pending !== undefined && pending.trim() !== "") commands.push(pending);
  }
  return commands;
}

/**
 * Runs the commands of `texts` (solutions: one command a line, heredocs allowed) one after the
 * other in `sandbox`, which must be in instant time, letting the cluster settle after each, and
 * returns the commands that failed with what they printed (empty when all succeeded).
 */
export async function replay(sandbox: Sandbox, texts: readonly string[]): Promise<ReplayFailure[]> {
  const failures: ReplayFailure[] = [];
  for (const line of commandsOf(sandbox, texts)) {
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
