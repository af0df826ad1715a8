import type { CommandContext } from "../shell/command.ts";

/** kubectl's usage errors: `error: <msg>` then the hint to the verb's help, exit 1. */
export function usageError(ctx: CommandContext, verb: string, message: string): number {
  ctx.stderr(`error: ${message}\nSee 'kubectl ${verb} -h' for help and examples\n`);
  return 1;
}
