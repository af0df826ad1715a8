import type { Tool } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, readInputs } from "./io.ts";

/** `cat [-n] [FILE]...`: concatenates files (or stdin) to stdout. */
export const cat: Tool = streaming(async (ctx) => {
  const options = getopt(ctx, { flags: "nAuv", long: { number: "n" } });
  if (typeof options === "number") return options;
  const busybox = isBusybox(ctx);
  const { inputs, ok } = readInputs(ctx, options.operands, (name, why) =>
    busybox ? `cat: can't open '${name}': ${why}\n` : `cat: ${name}: ${why}\n`,
  );
  let number = 1;
  for (const input of inputs) {
    if (input.pipe) {
      // Piped stdin is passed on as it arrives; -n numbers whole lines.
      if (!options.flags.has("n"))
        for (let chunk = await input.pipe.next(); chunk !== undefined; chunk = await input.pipe.next())
          ctx.stdout(chunk);
      else
        for await (const line of input.pipe.lines()) ctx.stdout(`${String(number++).padStart(6)}\t${line}\n`);
      continue;
    }
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
});
