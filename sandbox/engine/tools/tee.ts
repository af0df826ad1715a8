import type { Tool } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, openOutput } from "./io.ts";

/**
 * `tee [-a] [FILE]...`: copies stdin to stdout and to each FILE as it arrives (`kubectl get pods -w
 * | tee pods.txt` fills the file row by row). Every FILE is opened first; one that cannot be is
 * reported and left out, and tee exits 1 after copying the rest.
 */
export const tee: Tool = streaming(async (ctx) => {
  const options = getopt(ctx, {
    flags: "aip",
    long: { append: "a", "ignore-interrupts": "i", "output-error": "p" },
  });
  if (typeof options === "number") return options;
  const append = options.flags.has("a");
  const sinks: ((text: string) => void)[] = [ctx.stdout];
  let ok = true;
  for (const name of options.operands) {
    const opened = openOutput(ctx, name, append);
    if ("error" in opened) {
      ctx.stderr(
        isBusybox(ctx) ? `tee: can't open '${name}': ${opened.error}\n` : `tee: ${name}: ${opened.error}\n`,
      );
      ok = false;
    } else sinks.push(opened.write);
  }
  const copy = (text: string) => {
    for (const sink of sinks) sink(text);
  };
  if (ctx.stdinPipe) {
    for (let chunk = await ctx.stdinPipe.next(); chunk !== undefined; chunk = await ctx.stdinPipe.next())
      copy(chunk);
  } else if (ctx.stdin !== "") copy(ctx.stdin);
  return ok ? 0 : 1;
});
