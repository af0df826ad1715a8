import type { Cluster } from "../cluster/cluster.ts";
import type { FileTree } from "../fs/file-tree.ts";
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

/**
 * The learner's files: the host shell's filesystem, which the editor shows too. `cwd` is the host
 * shell's working directory (absolute); kubectl resolves `-f x.yaml` against it.
 */
export interface Workspace {
  fs: FileTree;
  cwd: string;
}

/** The world a command acts on. */
export interface SandboxEnv {
  cluster: Cluster;
  time: TimeDriver;
  /** Always set by createSandbox; optional so harnesses that drive kubectl alone need not make one. */
  workspace?: Workspace;
}

export type Command = (ctx: CommandContext) => Promise<ExitStatus>;
