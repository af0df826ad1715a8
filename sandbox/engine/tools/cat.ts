import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, readInputs } from "./io.ts";

/** `cat [-n] [FILE]...`: concatenates files (or stdin) to stdout. */
export const cat: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "nAuv", long: { number: "n" } });
  if (typeof options === "number") return options;
  const busybox = isBusybox(ctx);
  const { inputs, ok } = readInputs(ctx, options.operands, (name, why) =>
    busybox ? `cat: can't open '${name}': ${why}\n` : `cat: ${name}: ${why}\n`,
  );
  let number = 1;
  for (const input of inputs) {
    if (!options.flags.has("n")) {
      ctx.stdout(input.text);
      continue;
    }
    const pieces = input.text.split("\n");
    ctx.stdout(
      pieces
        .map((line, i) =>
          i === pieces.length - 1 && line === "" ? "" : `${String(number++).padStart(6)}\t${line}`,
        )
        .join("\n"),
    );
  }
  return ok ? 0 : 1;
};
