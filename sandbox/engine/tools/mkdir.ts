import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, quoteName, reason } from "./io.ts";

/** `mkdir [-p] DIR...` */
export const mkdir: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "pv", long: { parents: "p", verbose: "v" } });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    ctx.stderr(
      isBusybox(ctx)
        ? "BusyBox: mkdir: missing operand\n"
        : "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
    );
    return 1;
  }
  let status = 0;
  for (const dir of options.operands) {
    try {
      ctx.shell.fs.mkdir(ctx.shell.resolve(dir), ctx.shell.now(), { parents: options.flags.has("p") });
      if (options.flags.has("v")) ctx.stdout(`mkdir: created directory ${quoteName(ctx, dir)}\n`);
    } catch (error) {
      ctx.stderr(
        isBusybox(ctx)
          ? `mkdir: can't create directory '${dir}': ${reason(error)}\n`
          : `mkdir: cannot create directory ${quoteName(ctx, dir)}: ${reason(error)}\n`,
      );
      status = 1;
    }
  }
  return status;
};
