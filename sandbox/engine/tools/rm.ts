import { FsError } from "../fs/file-tree.ts";
import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, quoteName, reason } from "./io.ts";

/** `rm [-rf] FILE...` */
export const rm: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "rRfiv",
    long: { recursive: "r", force: "f", verbose: "v" },
  });
  if (typeof options === "number") return options;
  const force = options.flags.has("f");
  const recursive = options.flags.has("r") || options.flags.has("R");
  if (options.operands.length === 0) {
    if (force) return 0;
    ctx.stderr("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const name of options.operands) {
    const path = ctx.shell.resolve(name);
    const node = ctx.shell.fs.stat(path);
    const fail = (why: string) => {
      ctx.stderr(
        isBusybox(ctx)
          ? `rm: can't remove '${name}': ${why}\n`
          : `rm: cannot remove ${quoteName(ctx, name)}: ${why}\n`,
      );
      status = 1;
    };
    if (!node) {
      if (!force) fail("No such file or directory");
      continue;
    }
    if (node.type === "dir" && !recursive) {
      fail("Is a directory");
      continue;
    }
    if (path === "/" || /(^|\/)\.\.?$/.test(name)) {
      ctx.stderr(`rm: refusing to remove '.' or '..' directory: skipping ${quoteName(ctx, name)}\n`);
      status = 1;
      continue;
    }
    try {
      ctx.shell.fs.remove(path, { recursive: true });
      if (options.flags.has("v"))
        ctx.stdout(`removed ${node.type === "dir" ? "directory " : ""}${quoteName(ctx, name)}\n`);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      fail(reason(error));
    }
  }
  return status;
};
