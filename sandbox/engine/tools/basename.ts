import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";

function usage(ctx: ToolContext, message: string): number {
  ctx.stderr(`${ctx.argv[0]}: ${message}\nTry '${ctx.argv[0]} --help' for more information.\n`);
  return 1;
}

/** The last part of a path, as basename(1) prints it: trailing slashes go, `/` stays `/`. */
export function lastPart(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path === "" ? "" : "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** Everything before the last part, as dirname(1) prints it: `.` for none, `/` for the root. */
export function parentPart(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path.startsWith("/") ? "/" : ".";
  const slash = trimmed.lastIndexOf("/");
  if (slash < 0) return ".";
  const parent = trimmed.slice(0, slash).replace(/\/+$/, "");
  return parent === "" ? "/" : parent;
}

/**
 * `basename NAME [SUFFIX]`, `basename -a [-s SUFFIX] NAME...`: the file name without its
 * directories, and without SUFFIX unless that is the whole name. -z ends each with NUL.
 */
export const basename: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "az",
    values: "s",
    long: { multiple: "a", suffix: "s", zero: "z" },
  });
  if (typeof options === "number") return options;
  const names = options.operands;
  if (names.length === 0) return usage(ctx, "missing operand");
  let suffix = options.values.get("s");
  const multiple = options.flags.has("a") || suffix !== undefined;
  if (!multiple) {
    if (names.length > 2) return usage(ctx, `extra operand '${names[2]}'`);
    suffix = names[1];
    names.splice(1);
  }
  const end = options.flags.has("z") ? "\0" : "\n";
  for (const name of names) {
    let base = lastPart(name);
    if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    ctx.stdout(`${base}${end}`);
  }
  return 0;
};

/** `dirname NAME...`: each name without its last part. */
export const dirname: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "z", long: { zero: "z" } });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) return usage(ctx, "missing operand");
  const end = options.flags.has("z") ? "\0" : "\n";
  ctx.stdout(options.operands.map((name) => `${parentPart(name)}${end}`).join(""));
  return 0;
};
