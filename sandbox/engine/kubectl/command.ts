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

/**
 * How the verb table holds a verb: loaded on first use, so that a verb's code and help text stay
 * out of the engine worker's start-up chunk (the page's JavaScript budget, budgets.json) until the
 * learner first runs it. Under Node the import is just as lazy and costs nothing noticeable.
 */
export type VerbLoader = () => Promise<KubectlVerb>;
