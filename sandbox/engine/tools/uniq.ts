import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { lines, readInputs } from "./io.ts";

/** `uniq [-cdu] [FILE]`: collapses adjacent equal lines; `-c` prefixes counts as `%7d `. */
export const uniq: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "cdui", long: { count: "c", repeated: "d", unique: "u" } });
  if (typeof options === "number") return options;
  const { inputs, ok } = readInputs(
    ctx,
    options.operands.slice(0, 1),
    (name, why) => `uniq: ${name}: ${why}\n`,
  );
  if (!ok) return 1;
  const same = (a: string, b: string) =>
    options.flags.has("i") ? a.toLowerCase() === b.toLowerCase() : a === b;
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(inputs[0]?.text ?? "")) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  for (const g of groups) {
    if (options.flags.has("d") && g.count < 2) continue;
    if (options.flags.has("u") && g.count > 1) continue;
    ctx.stdout(options.flags.has("c") ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`);
  }
  return 0;
};
