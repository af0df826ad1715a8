import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { lines, readInputs, unlines } from "./io.ts";

/** `-5` is `-n 5` for head and tail. */
function withCountShorthand(ctx: ToolContext): ToolContext {
  const argv = ctx.argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  return { ...ctx, argv };
}

/** Reads the line count of head/tail; `+N` for tail means "from line N". */
function lineCount(
  ctx: ToolContext,
  program: string,
  value: string | undefined,
): { n: number; fromStart: boolean } | number {
  if (value === undefined) return { n: 10, fromStart: false };
  const match = /^([+-]?)(\d+)$/.exec(value);
  if (!match) {
    ctx.stderr(`${program}: invalid number of lines: '${value}'\n`);
    return 1;
  }
  return { n: Number(match[2]), fromStart: match[1] === "+" };
}

/** Shared by head and tail: options, inputs, and `==> name <==` headers for several files. */
async function headOrTail(
  ctx: ToolContext,
  program: "head" | "tail",
  pick: (all: string[], n: number, fromStart: boolean) => string[],
) {
  const options = getopt(withCountShorthand(ctx), {
    flags: "qvf",
    values: "n",
    long: { lines: "n", quiet: "q", follow: "f" },
  });
  if (typeof options === "number") return options;
  const count = lineCount(ctx, program, options.values.get("n"));
  if (typeof count === "number") return count;
  const { inputs, ok } = readInputs(
    ctx,
    options.operands,
    (name, why) => `${program}: cannot open '${name}' for reading: ${why}\n`,
  );
  const headers = (options.operands.length > 1 || options.flags.has("v")) && !options.flags.has("q");
  inputs.forEach((input, i) => {
    if (headers)
      ctx.stdout(`${i > 0 ? "\n" : ""}==> ${input.name === "-" ? "standard input" : input.name} <==\n`);
    const all = lines(input.text);
    const picked = pick(all, count.n, count.fromStart);
    let text = unlines(picked);
    // A last line without a newline stays without one.
    if (
      !input.text.endsWith("\n") &&
      picked.length > 0 &&
      picked[picked.length - 1] === all[all.length - 1]
    ) {
      text = text.slice(0, -1);
    }
    ctx.stdout(text);
  });
  return ok ? 0 : 1;
}

/** `head [-n N | -N] [FILE]...` */
export const head: Tool = (ctx) => headOrTail(ctx, "head", (all, n) => all.slice(0, n));

/** `tail [-n N | -N | -n +N] [FILE]...` */
export const tail: Tool = (ctx) =>
  headOrTail(ctx, "tail", (all, n, fromStart) =>
    fromStart ? all.slice(Math.max(0, n - 1)) : n === 0 ? [] : all.slice(-n),
  );
