import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { type Pipe, streaming } from "../shell/pipe.ts";
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
  for (const [i, input] of inputs.entries()) {
    if (headers)
      ctx.stdout(`${i > 0 ? "\n" : ""}==> ${input.name === "-" ? "standard input" : input.name} <==\n`);
    if (input.pipe && program === "head") {
      await headOfPipe(ctx, input.pipe, count.n);
      continue;
    }
    const text = input.pipe ? await input.pipe.readAll() : input.text;
    const all = lines(text);
    const picked = pick(all, count.n, count.fromStart);
    let out = unlines(picked);
    // A last line without a newline stays without one.
    if (!text.endsWith("\n") && picked.length > 0 && picked[picked.length - 1] === all[all.length - 1]) {
      out = out.slice(0, -1);
    }
    ctx.stdout(out);
  }
  if (program === "tail" && options.flags.has("f") && ok && !inputs.some((i) => i.pipe)) {
    await follow(ctx, inputs, headers);
  }
  return ok ? 0 : 1;
}

/** How often tail -f looks again: GNU's --sleep-interval default (no inotify here), BusyBox's 1 s. */
const FOLLOW_POLL_MS = 1000;

/**
 * `tail -f FILE…`: prints what is appended as simulated time passes, until Ctrl-C or the end of
 * the process (a container's script, a `kubectl exec`). Where waiting advances the clock at once
 * (the CLI and tests, outside a container's script) looking again would never end: it only waits
 * for Ctrl-C there, as it does for the keep-alive `tail -f /dev/null`, which can never grow.
 */
async function follow(ctx: ToolContext, inputs: { name: string; text: string }[], headers: boolean) {
  const onTime = ctx.env.time.mode === "realtime" || ctx.shell.clock !== undefined;
  const files = inputs
    .filter((i) => i.name !== "-")
    .map((i) => ({ name: i.name, path: ctx.shell.resolve(i.name), size: i.text.length }))
    .filter((f) => !f.path.startsWith("/dev/"));
  if (!onTime || files.length === 0) {
    await ctx.env.time.wait(Number.POSITIVE_INFINITY, ctx.signal);
    return;
  }
  let last = files[files.length - 1];
  for (;;) {
    await ctx.env.time.wait(FOLLOW_POLL_MS, ctx.signal);
    // Each look counts as a step of a container's process, as a command does, so that moving
    // time waits for it (script-runner.ts) and a stopped container ends it.
    const pause = ctx.shell.beforeCommand?.();
    if (pause) await pause;
    for (const file of files) {
      const node = ctx.shell.fs.stat(file.path);
      if (node?.type !== "file") continue;
      if (node.content.length < file.size) {
        ctx.stderr(`tail: ${file.name}: file truncated\n`);
        file.size = 0;
      }
      if (node.content.length === file.size) continue;
      if (headers && file !== last) ctx.stdout(`\n==> ${file.name} <==\n`);
      last = file;
      ctx.stdout(node.content.slice(file.size));
      file.size = node.content.length;
    }
  }
}

/** The first `n` lines of a pipe, printed as they arrive; head then exits and the writer gets SIGPIPE. */
async function headOfPipe(ctx: ToolContext, pipe: Pipe, n: number): Promise<void> {
  let left = n;
  while (left > 0) {
    const chunk = await pipe.next();
    if (chunk === undefined) return;
    let end = 0;
    while (left > 0) {
      const newline = chunk.indexOf("\n", end);
      if (newline < 0) {
        end = chunk.length;
        break;
      }
      end = newline + 1;
      left--;
    }
    ctx.stdout(chunk.slice(0, end));
  }
}

/** `head [-n N | -N] [FILE]...` */
export const head: Tool = streaming((ctx) => headOrTail(ctx, "head", (all, n) => all.slice(0, n)));

/** `tail [-n N | -N | -n +N] [FILE]...` */
export const tail: Tool = (ctx) =>
  headOrTail(ctx, "tail", (all, n, fromStart) =>
    fromStart ? all.slice(Math.max(0, n - 1)) : n === 0 ? [] : all.slice(-n),
  );
