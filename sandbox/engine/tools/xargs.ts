import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";

/** Splits xargs input into items: blanks and newlines separate, quotes and backslashes group. */
function items(input: string): string[] | { error: string } {
  const out: string[] = [];
  let current = "";
  let inItem = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === "'" || ch === '"') {
      const end = input.indexOf(ch, i + 1);
      const newline = input.indexOf("\n", i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        return {
          error: `unmatched ${ch === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`,
        };
      }
      current += input.slice(i + 1, end);
      i = end;
      inItem = true;
    } else if (ch === "\\" && i + 1 < input.length) {
      current += input[++i];
      inItem = true;
    } else if (/\s/.test(ch)) {
      if (inItem) out.push(current);
      current = "";
      inItem = false;
    } else {
      current += ch;
      inItem = true;
    }
  }
  if (inItem) out.push(current);
  return out;
}

/**
 * `xargs [-n N] [-I R] [-r] [COMMAND [ARG]...]`: runs COMMAND with the words read from stdin
 * appended (the `kubectl get pods -o name | xargs kubectl delete` idiom). Like GNU xargs it runs
 * the command once even on empty input unless `-r` is given; a command that exits 1–125 makes
 * xargs exit 123.
 */
export const xargs: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "rt0",
    values: "nIL",
    long: { "no-run-if-empty": "r", "max-args": "n", verbose: "t", null: "0" },
    stopAtOperand: true,
  });
  if (typeof options === "number") return options;
  const command = options.operands.length > 0 ? options.operands : ["echo"];
  const parsed = options.flags.has("0") ? ctx.stdin.split("\0").filter(Boolean) : items(ctx.stdin);
  if ("error" in parsed) {
    ctx.stderr(`xargs: ${parsed.error}\n`);
    return 1;
  }
  const replace = options.values.get("I");
  const perRun = replace !== undefined ? 1 : Number(options.values.get("n") ?? options.values.get("L") ?? 0);
  const input =
    replace !== undefined
      ? ctx.stdin
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => l.trim())
      : parsed;
  if (input.length === 0 && (options.flags.has("r") || replace !== undefined)) return 0;
  const batches: string[][] = [];
  if (perRun > 0) for (let i = 0; i < input.length; i += perRun) batches.push(input.slice(i, i + perRun));
  else batches.push(input);
  let status = 0;
  for (const batch of batches) {
    const argv =
      replace !== undefined
        ? command.map((a) => a.split(replace).join(batch[0] ?? ""))
        : [...command, ...batch];
    if (options.flags.has("t")) ctx.stderr(`${argv.join(" ")}\n`);
    const code = await ctx.shell.runArgv(
      argv,
      {
        stdin: "",
        stdinIsTerminal: false,
        stdoutIsTerminal: ctx.stdoutIsTerminal,
        out: ctx.stdout,
        err: ctx.stderr,
        signal: ctx.signal,
      },
      ctx.environ,
    );
    if (code === 127 || code === 126) return code;
    if (code === 255) {
      ctx.stderr(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code !== 0) status = 123;
  }
  return status;
};
