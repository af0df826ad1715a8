/**
 * The shape of one kubectl verb (kubectl's own layout: flags → options → validate → run) and the
 * invocation it receives once its flags are parsed. Each verb lives in commands/<verb>.ts and is
 * registered in the table in kubectl.ts.
 */
import type { CommandContext } from "../shell/command.ts";
import type { FlagSpec, ParsedFlags } from "./flags.ts";

export interface KubectlInvocation {
  ctx: CommandContext;
  flags: ParsedFlags;
  /** "kubectl get", "kubectl config view": used in usage-error hints. */
  commandPath: string;
  /** -n if given, else the current context's namespace. */
  namespace: string;
  /** Whether -n/--namespace was given on the command line. */
  namespaceExplicit: boolean;
}

export interface KubectlVerb {
  /** The verb's own flags; the global ones (GLOBAL_FLAGS) are always added. */
  flags: readonly FlagSpec[];
  /** What `--help` / `-h` prints. */
  help: string;
  /** Nested commands (`config view`); the verb's own `run` handles the bare verb. */
  subcommands?: Record<string, KubectlVerb>;
  run(invocation: KubectlInvocation): Promise<number>;
}
