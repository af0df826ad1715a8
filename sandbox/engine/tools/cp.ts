import type { FileSystem, TreeNode } from "../fs/file-tree.ts";
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { quoteName, reason } from "./io.ts";

/**
 * Where SOURCE… go for `cp`/`mv SOURCE… DEST`: into DEST when it is a directory, else DEST
 * itself (one source only). Prints the tool's operand errors and returns a status on failure.
 */
export function targetsFor(
  ctx: ToolContext,
  program: string,
  operands: string[],
): [string, string][] | number {
  const q = (name: string) => quoteName(ctx, name);
  if (operands.length === 0) {
    ctx.stderr(`${program}: missing file operand\nTry '${program} --help' for more information.\n`);
    return 1;
  }
  if (operands.length === 1) {
    ctx.stderr(
      `${program}: missing destination file operand after ${q(operands[0]!)}\nTry '${program} --help' for more information.\n`,
    );
    return 1;
  }
  const dest = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  const destNode = ctx.shell.fs.stat(ctx.shell.resolve(dest));
  if (destNode?.type === "dir") {
    return sources.map((s) => [s, `${dest.replace(/\/+$/, "")}/${basename(s)}`]);
  }
  if (sources.length > 1) {
    ctx.stderr(`${program}: target ${q(dest)} is not a directory\n`);
    return 1;
  }
  return [[sources[0]!, dest]];
}

const basename = (path: string) => path.replace(/\/+$/, "").split("/").pop() ?? path;

/** Copies a node (deeply for directories) to `to`. */
export function copyNode(fs: FileSystem, node: TreeNode, to: string, now: number): void {
  if (node.type === "file") {
    fs.writeFile(to, node.content, now);
    return;
  }
  if (!fs.stat(to)) fs.mkdir(to, now);
  for (const [name, child] of Object.entries(node.children)) copyNode(fs, child, `${to}/${name}`, now);
}

/** `cp [-r] SOURCE... DEST` */
export const cp: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "rRafpv", long: { recursive: "r", force: "f", verbose: "v" } });
  if (typeof options === "number") return options;
  const targets = targetsFor(ctx, "cp", options.operands);
  if (typeof targets === "number") return targets;
  const recursive = options.flags.has("r") || options.flags.has("R") || options.flags.has("a");
  let status = 0;
  for (const [source, target] of targets) {
    const from = ctx.shell.resolve(source);
    const node = ctx.shell.fs.stat(from);
    if (!node) {
      ctx.stderr(`cp: cannot stat ${quoteName(ctx, source)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (node.type === "dir" && !recursive) {
      ctx.stderr(`cp: -r not specified; omitting directory ${quoteName(ctx, source)}\n`);
      status = 1;
      continue;
    }
    const to = ctx.shell.resolve(target);
    if (node.type === "dir" && `${to}/`.startsWith(`${from}/`)) {
      ctx.stderr(
        `cp: cannot copy a directory, ${quoteName(ctx, source)}, into itself, ${quoteName(ctx, target)}\n`,
      );
      status = 1;
      continue;
    }
    try {
      copyNode(ctx.shell.fs, structuredClone(node), to, ctx.shell.now());
      if (options.flags.has("v")) ctx.stdout(`${quoteName(ctx, source)} -> ${quoteName(ctx, target)}\n`);
    } catch (error) {
      ctx.stderr(`cp: cannot create regular file ${quoteName(ctx, target)}: ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
};
