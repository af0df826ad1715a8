import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, quoteName, reason } from "./io.ts";

/** `touch FILE...`: creates empty files or bumps their modification time. */
export const touch: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "acm" });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    ctx.stderr("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const name of options.operands) {
    const path = ctx.shell.resolve(name);
    try {
      const node = ctx.shell.fs.stat(path);
      if (node) node.mtime = ctx.shell.now();
      else if (!options.flags.has("c")) ctx.shell.fs.writeFile(path, "", ctx.shell.now());
    } catch (error) {
      const why = reason(error);
      ctx.stderr(
        isBusybox(ctx) ? `touch: ${name}: ${why}\n` : `touch: cannot touch ${quoteName(ctx, name)}: ${why}\n`,
      );
      status = 1;
    }
  }
  return status;
};
