/**
 * A small awk: the one-liners learners pipe kubectl into. Programs are a sequence of
 * `[pattern] { print expr, expr... }` rules (or `pattern` alone, which prints the line), where a
 * pattern is `/regex/`, `!/regex/`, `NR>1`-style comparisons, `$N == "x"`, `BEGIN` or `END`, and
 * expressions are `$N`, `$NF`, `$(NF-1)`, `NR`, `NF`, "strings" and numbers. Anything else is
 * refused with awk's syntax error rather than guessed at.
 */
import type { Tool } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";
import { inputLines, readInputs } from "./io.ts";
import { posixToJs } from "./regex.ts";

interface Record_ {
  line: string;
  fields: string[];
  nr: number;
}

type Expr = (r: Record_) => string;
type Pattern = (r: Record_) => boolean;

interface Rule {
  when: "BEGIN" | "END" | "each";
  pattern: Pattern | undefined;
  /** Each print statement's expressions, joined by OFS (a space). */
  prints: Expr[][];
}

class AwkSyntaxError extends Error {}

function parseExpr(text: string): Expr {
  const t = text.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) {
    const value = t.slice(1, -1).replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\(.)/g, "$1");
    return () => value;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return () => String(Number(t));
  if (t === "NR") return (r) => String(r.nr);
  if (t === "NF") return (r) => String(r.fields.length);
  if (t === "$0") return (r) => r.line;
  const field = /^\$(\d+|NF|\(NF-(\d+)\))$/.exec(t);
  if (field) {
    return (r) => {
      const index =
        field[1] === "NF"
          ? r.fields.length
          : field[2]
            ? r.fields.length - Number(field[2])
            : Number(field[1]);
      return index === 0 ? r.line : (r.fields[index - 1] ?? "");
    };
  }
  throw new AwkSyntaxError(t);
}

/** Splits `a, "b, c", $2` at top-level commas; adjacent items (`$1 "x"`) concatenate. */
function parsePrintList(text: string): Expr[] {
  if (text.trim() === "") return [(r) => r.line];
  const items: string[] = [];
  let current = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' && text[i - 1] !== "\\") inString = !inString;
    if (ch === "," && !inString) {
      items.push(current);
      current = "";
    } else current += ch;
  }
  items.push(current);
  return items.map((item) => {
    const pieces = item.trim().match(/"(?:[^"\\]|\\.)*"|\$\([^)]*\)|\S+/g) ?? [];
    const exprs = pieces.map(parseExpr);
    return (r: Record_) => exprs.map((e) => e(r)).join("");
  });
}

function parsePattern(text: string): Pattern | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const regex = /^(!?)\/((?:[^/\\]|\\.)*)\/$/.exec(t);
  if (regex) {
    const re = new RegExp(posixToJs(regex[2]!, true));
    return regex[1] ? (r) => !re.test(r.line) : (r) => re.test(r.line);
  }
  const match = /^(.+?)\s*(==|!=|>=|<=|>|<|~|!~)\s*(.+)$/.exec(t);
  if (match) {
    const left = parseExpr(match[1]!);
    const op = match[2]!;
    if (op === "~" || op === "!~") {
      const re = new RegExp(posixToJs(match[3]!.trim().replace(/^\/|\/$/g, ""), true));
      return (r) => re.test(left(r)) === (op === "~");
    }
    const right = parseExpr(match[3]!);
    return (r) => {
      const a = left(r);
      const b = right(r);
      const numeric = a !== "" && b !== "" && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b));
      const cmp = numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
      return { "==": cmp === 0, "!=": cmp !== 0, ">": cmp > 0, "<": cmp < 0, ">=": cmp >= 0, "<=": cmp <= 0 }[
        op
      ]!;
    };
  }
  throw new AwkSyntaxError(t);
}

export function parseAwk(program: string): Rule[] {
  const rules: Rule[] = [];
  const ruleRe = /\s*([^{]*?)\s*(?:\{([^}]*)\}|$)\s*;?/gy;
  let rest = program.trim();
  while (rest.length > 0) {
    ruleRe.lastIndex = 0;
    const m = ruleRe.exec(rest);
    if (!m || m[0].length === 0) throw new AwkSyntaxError(rest);
    rest = rest.slice(m[0].length).trim();
    const head = m[1]!.trim();
    const when = head === "BEGIN" || head === "END" ? head : "each";
    const body = m[2];
    const prints: Expr[][] = [];
    if (body === undefined) prints.push([(r) => r.line]);
    else {
      for (const statement of body
        .split(/;|\n/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const print = /^print(?:\s+(.*)|\((.*)\))?$/s.exec(statement);
        if (!print) throw new AwkSyntaxError(statement);
        prints.push(parsePrintList(print[1] ?? print[2] ?? ""));
      }
    }
    rules.push({ when, pattern: when === "each" ? parsePattern(head) : undefined, prints });
  }
  return rules;
}

/** `awk [-F SEP] 'PROGRAM' [FILE]...` */
export const awk: Tool = streaming(async (ctx) => {
  const options = getopt(ctx, { values: "Fv", stopAtOperand: true });
  if (typeof options === "number") return options;
  const [program, ...files] = options.operands;
  if (program === undefined) {
    ctx.stderr("usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n");
    return 2;
  }
  let rules: Rule[];
  try {
    rules = parseAwk(program);
  } catch (error) {
    if (!(error instanceof AwkSyntaxError)) throw error;
    ctx.stderr(`awk: line 1: syntax error at or near ${error.message.split(/\s/)[0]}\n`);
    return 2;
  }
  const sep = options.values.get("F");
  const split = (line: string) =>
    sep === undefined || sep === " "
      ? line
          .trim()
          .split(/[ \t]+/)
          .filter(Boolean)
      : line.split(sep.length === 1 ? sep : new RegExp(sep === "\\t" ? "\t" : sep));
  const { inputs, ok } = readInputs(ctx, files, (name, why) => `awk: cannot open "${name}" (${why})\n`);
  const emit = (rule: Rule, r: Record_) => {
    for (const print of rule.prints) ctx.stdout(`${print.map((e) => e(r)).join(" ")}\n`);
  };
  const empty: Record_ = { line: "", fields: [], nr: 0 };
  for (const rule of rules) if (rule.when === "BEGIN") emit(rule, empty);
  let nr = 0;
  let last = empty;
  for (const input of inputs) {
    for await (const line of inputLines(input)) {
      last = { line, fields: split(line), nr: ++nr };
      for (const rule of rules)
        if (rule.when === "each" && (!rule.pattern || rule.pattern(last))) emit(rule, last);
    }
  }
  for (const rule of rules) if (rule.when === "END") emit(rule, last);
  return ok ? 0 : 2;
});
