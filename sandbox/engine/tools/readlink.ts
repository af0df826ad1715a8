import { pathParts } from "../fs/file-tree.ts";
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";

/**
 * `readlink [-f|-e|-m] [-nvz] FILE...`. This sandbox's filesystems have no symbolic links, so
 * plain readlink always fails (silently, or with -v "Invalid argument"), and -f, -e and -m give
 * the canonical absolute path: -f when every directory on the way exists, -e when the file does
 * too, -m in any case.
 */
export const readlink: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "femnqsvz",
    long: {
      canonicalize: "f",
      "canonicalize-existing": "e",
      "canonicalize-missing": "m",
      "no-newline": "n",
      quiet: "q",
      silent: "s",
      verbose: "v",
      zero: "z",
    },
  });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    ctx.stderr("readlink: missing operand\nTry 'readlink --help' for more information.\n");
    return 1;
  }
  const mode = ["e", "m", "f"].find((m) => options.flags.has(m));
  const verbose = options.flags.has("v") && !options.flags.has("q") && !options.flags.has("s");
  const end = options.flags.has("z")
    ? "\0"
    : options.flags.has("n") && options.operands.length === 1
      ? ""
      : "\n";
  let status = 0;
  for (const name of options.operands) {
    const found = mode
      ? canonical(ctx, name, mode)
      : {
          error: ctx.shell.fs.stat(ctx.shell.resolve(name))
            ? "Invalid argument"
            : "No such file or directory",
        };
    if ("path" in found) ctx.stdout(`${found.path}${end}`);
    else {
      if (verbose) ctx.stderr(`readlink: ${name}: ${found.error}\n`);
      status = 1;
    }
  }
  return status;
};

/** Walks `name` part by part from the working directory, as canonicalize_filename_mode does. */
function canonical(ctx: ToolContext, name: string, mode: string): { path: string } | { error: string } {
  if (name === "") return { error: "No such file or directory" };
  const parts = name.startsWith("/") ? [] : pathParts(ctx.shell.cwd);
  const steps = name.split("/").filter((p) => p !== "" && p !== ".");
  for (const [i, step] of steps.entries()) {
    if (step === "..") {
      parts.pop();
      continue;
    }
    const here = ctx.shell.fs.stat(`/${parts.join("/")}`);
    if (mode !== "m" && here?.type !== "dir")
      return { error: here ? "Not a directory" : "No such file or directory" };
    parts.push(step);
    const lastStep = i === steps.length - 1;
    if ((mode === "e" || (mode === "f" && !lastStep)) && !ctx.shell.fs.stat(`/${parts.join("/")}`)) {
      return { error: "No such file or directory" };
    }
  }
  if (mode === "e" && name.endsWith("/") && ctx.shell.fs.stat(`/${parts.join("/")}`)?.type !== "dir") {
    return { error: "Not a directory" };
  }
  return { path: `/${parts.join("/")}` };
}
