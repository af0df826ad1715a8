import type { CommandContext } from "../shell/command.ts";
import { get } from "./commands/get.ts";
import { version } from "./commands/version.ts";
import { suggestionsFor } from "./suggest.ts";
import { KUBECTL_COMMANDS } from "./verbs.ts";

type Verb = (ctx: CommandContext, args: string[]) => Promise<number>;

/** The verbs this sandbox implements; each lives in commands/<verb>.ts. */
const VERBS: Record<string, Verb> = { get, version };

/** `kubectl ...`: finds the verb and hands it the remaining words. */
export async function kubectl(ctx: CommandContext): Promise<number> {
  const [verb, ...args] = ctx.argv.slice(1);
  if (verb === undefined) {
    ctx.stdout(
      "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n",
    );
    return 0;
  }
  const run = VERBS[verb];
  if (run) return run(ctx, args);
  if ((KUBECTL_COMMANDS as readonly string[]).includes(verb)) {
    ctx.stderr(`error: "kubectl ${verb}" is not available in this sandbox yet\n`);
    return 1;
  }
  const suggestions = suggestionsFor(verb, KUBECTL_COMMANDS);
  const hint =
    suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}` : "";
  ctx.stderr(`Error: unknown command "${verb}" for "kubectl"${hint}\n`);
  return 1;
}
