import type { Tool } from "../shell/interpreter.ts";
import { produce } from "./io.ts";

/**
 * `yes [STRING]...`: the words (or `y`) on a line, again and again, until its reader stops
 * reading (`yes | head -3` ends with SIGPIPE, status 141) or the sandbox's output limit.
 */
export const yes: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const words = args[0] === "--" ? args.slice(1) : args;
  const line = `${words.length > 0 ? words.join(" ") : "y"}\n`;
  // Whole lines at a time, as GNU yes fills its buffer.
  const block = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  await produce(ctx, () => block);
  return 0;
};
