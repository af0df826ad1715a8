import type { Tool } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";
import { inputLines, readInputs } from "./io.ts";
import { posixToJs } from "./regex.ts";

/** `grep [-ivEFcnqwlHh] [-e PATTERN] PATTERN [FILE]...`: exit 0 on a match, 1 on none, 2 on error. */
export const grep: Tool = streaming(async (ctx) => {
  const options = getopt(
    ctx,
    {
      flags: "ivEFcnqswlHhxo",
      values: "eABC",
      long: {
        "after-context": "A",
        "before-context": "B",
        context: "C",
        "ignore-case": "i",
        "invert-match": "v",
        "extended-regexp": "E",
        "fixed-strings": "F",
        count: "c",
        "line-number": "n",
        quiet: "q",
        silent: "q",
        "word-regexp": "w",
        "files-with-matches": "l",
        regexp: "e",
      },
    },
    2,
  );
  if (typeof options === "number") return options;
  const { flags, operands } = options;
  const pattern = options.lists.get("e")?.join("\n") ?? operands.shift();
  if (pattern === undefined) {
    ctx.stderr("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  let regex: RegExp;
  try {
    let source = pattern
      .split("\n")
      .map((p) => (flags.has("F") ? p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : posixToJs(p, flags.has("E"))))
      .join("|");
    if (flags.has("w")) source = `(?<![\\w])(?:${source})(?![\\w])`;
    if (flags.has("x")) source = `^(?:${source})$`;
    regex = new RegExp(source, flags.has("i") ? "i" : "");
  } catch (error) {
    ctx.stderr(
      `grep: ${error instanceof SyntaxError && error.message.startsWith("Unmatched") ? error.message : "Invalid regular expression"}\n`,
    );
    return 2;
  }
  const { inputs, ok } = readInputs(ctx, operands, (name, why) =>
    flags.has("s") ? "" : `grep: ${name}: ${why}\n`,
  );
  const prefixNames = (operands.length > 1 || flags.has("H")) && !flags.has("h");
  const context = (letter: string): number | undefined => {
    const value = options.values.get(letter) ?? options.values.get("C");
    return value === undefined ? 0 : /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const after = context("A");
  const before = context("B");
  if (after === undefined || before === undefined) {
    const bad = options.values.get("A") ?? options.values.get("B") ?? options.values.get("C");
    ctx.stderr(`grep: ${bad}: invalid context length argument\n`);
    return 2;
  }
  const withContext = (after > 0 || before > 0) && !flags.has("c") && !flags.has("l") && !flags.has("o");
  let matched = false;
  // Context as GNU grep prints it: `-` after the line number of context lines, `--` between groups.
  let lastPrinted = -1;
  let printedAny = false;
  for (const input of inputs) {
    const label = input.name === "-" ? "(standard input)" : input.name;
    const show = (line: string, n: number, sep: string) => {
      if (withContext && printedAny && lastPrinted >= 0 && n > lastPrinted + 1) ctx.stdout("--\n");
      ctx.stdout(`${prefixNames ? `${label}${sep}` : ""}${flags.has("n") ? `${n + 1}${sep}` : ""}${line}\n`);
      lastPrinted = n;
      printedAny = true;
    };
    lastPrinted = -1;
    const recent: [number, string][] = [];
    let afterLeft = 0;
    let count = 0;
    let i = -1;
    for await (const line of inputLines(input)) {
      i++;
      if (regex.test(line) === flags.has("v")) {
        if (afterLeft > 0) {
          afterLeft--;
          show(line, i, "-");
        } else if (before > 0) {
          recent.push([i, line]);
          if (recent.length > before) recent.shift();
        }
        continue;
      }
      count++;
      matched = true;
      if (flags.has("q")) return 0;
      if (flags.has("c") || flags.has("l")) continue;
      if (flags.has("o") && !flags.has("v")) {
        const prefix = `${prefixNames ? `${label}:` : ""}${flags.has("n") ? `${i + 1}:` : ""}`;
        for (const m of line.matchAll(new RegExp(regex.source, `g${regex.flags}`)))
          if (m[0]) ctx.stdout(`${prefix}${m[0]}\n`);
        continue;
      }
      for (const [n, text] of recent) show(text, n, "-");
      recent.length = 0;
      show(line, i, ":");
      afterLeft = after;
    }
    if (flags.has("c")) ctx.stdout(`${prefixNames ? `${label}:` : ""}${count}\n`);
    if (flags.has("l") && count > 0) ctx.stdout(`${label}\n`);
  }
  if (!ok && !(flags.has("q") && matched)) return 2;
  return matched ? 0 : 1;
});
