import type { Cluster } from "../cluster/cluster.ts";
import type { ExitStatus } from "../output.ts";
import type { TimeDriver } from "../time-driver.ts";

/** What every command (a shell builtin, kubectl, a tool inside a pod) is given to run. */
export interface CommandContext {
  /** The words of the command; argv[0] is its name. */
  argv: string[];
  /** Everything piped or redirected into the command. */
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted when the learner presses Ctrl-C. */
  signal: AbortSignal;
  env: SandboxEnv;
}

/** The world a command acts on. */
export interface SandboxEnv {
  cluster: Cluster;
  time: TimeDriver;
}

export type Command = (ctx: CommandContext) => Promise<ExitStatus>;
