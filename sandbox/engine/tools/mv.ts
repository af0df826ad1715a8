import type { Tool } from "../shell/interpreter.ts";
import { targetsFor } from "./cp.ts";
import { getopt } from "./getopt.ts";
import { quoteName, reason } from "./io.ts";

/** `mv SOURCE... DEST` */
export const mv: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "fiv", long: { force: "f", verbose: "v" } });
  if (typeof options === "number") return options;
  const targets = targetsFor(ctx, "mv", options.operands);
  if (typeof targets === "number") return targets;
  let status = 0;
  for (const [source, target] of targets) {
    const from = ctx.shell.resolve(source);
    if (!ctx.shell.fs.stat(from)) {
      ctx.stderr(`mv: cannot stat ${quoteName(ctx, source)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    try {
      ctx.shell.fs.rename(from, ctx.shell.resolve(target), ctx.shell.now());
      if (options.flags.has("v"))
        ctx.stdout(`renamed ${quoteName(ctx, source)} -> ${quoteName(ctx, target)}\n`);
    } catch (error) {
      ctx.stderr(
        `mv: cannot move ${quoteName(ctx, source)} to ${quoteName(ctx, target)}: ${reason(error)}\n`,
      );
      status = 1;
    }
  }
  return status;
};
