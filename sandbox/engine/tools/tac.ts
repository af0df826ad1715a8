import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, readInputs } from "./io.ts";

/**
 * `tac [-b] [-s SEP] [FILE]...`: each file's records last to first. A record ends with its
 * separator (a newline unless -s); a last record without one is printed as it is, so `a\nb`
 * gives `ba\n`, as GNU tac does. -b puts the separator before each record instead.
 */
export const tac: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "br",
    values: "s",
    long: { before: "b", separator: "s", regex: "r" },
  });
  if (typeof options === "number") return options;
  const separator = options.values.get("s") ?? "\n";
  const before = options.flags.has("b");
  let ok = true;
  for (const name of options.operands.length === 0 ? ["-"] : options.operands) {
    // GNU tac opens a directory, then fails to read it.
    if (name !== "-" && ctx.shell.fs.stat(ctx.shell.resolve(name))?.type === "dir") {
      ctx.stderr(
        isBusybox(ctx) ? "tac: read error: Is a directory\n" : `tac: ${name}: read error: Invalid argument\n`,
      );
      ok = false;
      continue;
    }
    const { inputs, ok: read } = readInputs(ctx, [name], (_, why) =>
      isBusybox(ctx) ? `tac: ${name}: ${why}\n` : `tac: failed to open '${name}' for reading: ${why}\n`,
    );
    ok &&= read;
    for (const input of inputs) ctx.stdout(reverse(input.text, separator, before));
  }
  return ok ? 0 : 1;
};

/** The records of `text`, last first. */
function reverse(text: string, separator: string, before: boolean): string {
  if (text === "") return "";
  const pieces = text.split(separator);
  if (before) {
    // Records start with the separator: the text before the first one is the first record.
    const records = pieces.slice(1).map((p) => `${separator}${p}`);
    return [...records.reverse(), pieces[0]!].join("");
  }
  const last = pieces.pop()!;
  const records = pieces.map((p) => `${p}${separator}`).reverse();
  return `${last}${records.join("")}`;
}
