import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, reason } from "./io.ts";

/**
 * `rmdir [-pv] [--ignore-fail-on-non-empty] DIR...`: removes empty directories; -p then their
 * parents as written (`rmdir -p a/b/c` removes a/b/c, a/b and a), stopping at the first failure.
 */
export const rmdir: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "pv",
    long: { parents: "p", verbose: "v", "ignore-fail-on-non-empty": "N" },
  });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    ctx.stderr(
      isBusybox(ctx)
        ? "BusyBox: rmdir: missing operand\n"
        : "rmdir: missing operand\nTry 'rmdir --help' for more information.\n",
    );
    return 1;
  }
  let status = 0;
  for (const operand of options.operands) {
    let dir = operand.replace(/(.)\/+$/, "$1");
    const done = remove(ctx, dir, operand, false, options.flags);
    if (done === "failed") status = 1;
    if (done !== "removed" || !options.flags.has("p")) continue;
    for (let slash = dir.lastIndexOf("/"); slash > 0; slash = dir.lastIndexOf("/")) {
      dir = dir.slice(0, slash).replace(/(.)\/+$/, "$1");
      const up = remove(ctx, dir, dir, true, options.flags);
      if (up === "failed") status = 1;
      if (up !== "removed") break;
    }
  }
  return status;
};

/** Removes one empty directory, saying why not as GNU rmdir does. */
function remove(
  ctx: ToolContext,
  dir: string,
  shown: string,
  parent: boolean,
  flags: Set<string>,
): "removed" | "kept" | "failed" {
  if (flags.has("v")) ctx.stdout(`rmdir: removing directory, '${shown}'\n`);
  const path = ctx.shell.resolve(dir);
  const node = ctx.shell.fs.stat(path);
  let why: string | undefined;
  const last = dir.slice(dir.lastIndexOf("/") + 1);
  if (last === "." || last === "..") why = "Invalid argument";
  else if (!node) why = "No such file or directory";
  else if (node.type !== "dir") why = "Not a directory";
  else if (Object.keys(node.children).length > 0) {
    // --ignore-fail-on-non-empty: not an error, but -p stops there.
    if (flags.has("N")) return "kept";
    why = "Directory not empty";
  } else {
    try {
      ctx.shell.fs.remove(path);
      return "removed";
    } catch (error) {
      why = reason(error);
    }
  }
  if (isBusybox(ctx)) ctx.stderr(`rmdir: '${shown}': ${why}\n`);
  else ctx.stderr(`rmdir: failed to remove ${parent ? "directory " : ""}'${shown}': ${why}\n`);
  return "failed";
}
