import type { Tool } from "../shell/interpreter.ts";

/** `which NAME...`: the path of each program; exit 1 if any is missing (Debian's which is silent then). */
export const which: Tool = async (ctx) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    if (Object.hasOwn(ctx.shell.commands, name)) ctx.stdout(`${ctx.shell.pathOf(name)}\n`);
    else status = 1;
  }
  return status;
};
