import type { ExitStatus, OnOutput } from "../output.ts";
import type { SandboxEnv, Workspace } from "./command.ts";
import { createWorkspace } from "./host.ts";
import { Terminal } from "./terminal.ts";

const terminals = new WeakMap<SandboxEnv, Terminal>();

/** The terminal for `env`, made on first use (with a workspace when the env has none). */
export function terminalFor(env: SandboxEnv): Terminal {
  let terminal = terminals.get(env);
  if (!terminal) {
    env.workspace ??= createWorkspace(env.cluster.clock.now());
    terminal = new Terminal(env as SandboxEnv & { workspace: Workspace });
    terminals.set(env, terminal);
  }
  return terminal;
}

/** Runs one line typed at the prompt and returns its exit status, as bash would set `$?`. */
export async function runLine(
  line: string,
  env: SandboxEnv,
  onOutput: OnOutput,
  signal: AbortSignal,
): Promise<ExitStatus> {
  return terminalFor(env).exec(line, onOutput, signal);
}
