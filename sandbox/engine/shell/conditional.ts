/**
 * bash's `[[ expression ]]`: its words are expanded but never split or globbed; `==` and `!=`
 * match the right side as a pattern (quoted parts literal), `=~` as an extended regular
 * expression (quoted parts literal) whose match and groups go to BASH_REMATCH; `<` and `>`
 * compare strings, -eq and the rest compare arithmetic, and the unary tests look at strings,
 * variables and the files the shell sees. Status 0 when true, 1 when false, 2 for a bad regex.
 */
import { posixToJs } from "../tools/regex.ts";
import { evaluateArithmetic } from "./arithmetic.ts";
import type { CondExpr, Word } from "./ast.ts";
import { type Expander, escapeRegex, expandToString, patternSource } from "./expand.ts";

export interface ConditionalShell {
  expander: Expander;
  /** A file's node, if the path (relative to the working directory) names one. */
  stat(path: string): { type: "file" | "dir"; mode?: number; mtime?: number; content?: string } | undefined;
  /** Where a path leads, for -ef. */
  resolve(path: string): string;
  isSet(name: string): boolean;
  /** `=~` matched: BASH_REMATCH becomes the match and its groups. */
  setRematch(groups: string[]): void;
  /** A message after the shell's prefix (`[[ a =~ ( ]]`'s bad regex). */
  error(message: string): void;
}

class BadRegex extends Error {}

export async function evaluateConditional(expr: CondExpr, shell: ConditionalShell): Promise<number> {
  try {
    return (await test(expr, shell)) ? 0 : 1;
  } catch (error) {
    if (error instanceof BadRegex) return 2;
    throw error;
  }
}

async function test(expr: CondExpr, shell: ConditionalShell): Promise<boolean> {
  const text = (word: Word) => expandToString(word, shell.expander);
  switch (expr.kind) {
    case "and":
      return (await test(expr.left, shell)) && (await test(expr.right, shell));
    case "or":
      return (await test(expr.left, shell)) || (await test(expr.right, shell));
    case "not":
      return !(await test(expr.expr, shell));
    case "word":
      return (await text(expr.word)) !== "";
    case "unary":
      return unary(expr.op, await text(expr.operand), shell);
    case "binary":
      return binary(expr, shell);
  }
}

function unary(op: string, operand: string, shell: ConditionalShell): boolean {
  if (op === "-z") return operand === "";
  if (op === "-n") return operand !== "";
  if (op === "-v") return shell.isSet(operand);
  const node = operand === "" ? undefined : shell.stat(operand);
  switch (op) {
    case "-e":
    case "-a":
      return node !== undefined;
    case "-f":
      return node?.type === "file";
    case "-d":
      return node?.type === "dir";
    case "-s":
      return node !== undefined && (node.type === "dir" || (node.content ?? "").length > 0);
    case "-r":
    case "-w":
      // The learner is the owner of what they can see here.
      return node !== undefined;
    case "-x":
      return node !== undefined && (node.type === "dir" || ((node.mode ?? 0) & 0o111) !== 0);
    default:
      // Devices, sockets, links, set-id bits, terminals: nothing here is one.
      return false;
  }
}

async function binary(
  expr: Extract<CondExpr, { kind: "binary" }>,
  shell: ConditionalShell,
): Promise<boolean> {
  const left = await expandToString(expr.left, shell.expander);
  const { op } = expr;
  if (op === "==" || op === "=" || op === "!=") {
    const pattern = new RegExp(`^(?:${await patternSource(expr.right, shell.expander)})$`, "s");
    return pattern.test(left) === (op !== "!=");
  }
  if (op === "=~") {
    let regex: RegExp;
    try {
      regex = new RegExp(await regexSource(expr.right, shell.expander));
    } catch {
      shell.error("invalid regular expression");
      throw new BadRegex();
    }
    const found = regex.exec(left);
    shell.setRematch(found ? [...found].map((g) => g ?? "") : []);
    return found !== null;
  }
  const right = await expandToString(expr.right, shell.expander);
  if (op === "<") return left < right;
  if (op === ">") return left > right;
  if (op === "-nt" || op === "-ot") {
    const [a, b] = [shell.stat(left)?.mtime, shell.stat(right)?.mtime];
    if (op === "-nt") return a !== undefined && (b === undefined || a > b);
    return b !== undefined && (a === undefined || a < b);
  }
  if (op === "-ef") return shell.stat(left) !== undefined && shell.resolve(left) === shell.resolve(right);
  const number = (s: string) => evaluateArithmetic(s, (name) => shell.expander.lookup(name));
  const [a, b] = [number(left), number(right)];
  const compare: Record<string, boolean> = {
    "-eq": a === b,
    "-ne": a !== b,
    "-lt": a < b,
    "-le": a <= b,
    "-gt": a > b,
    "-ge": a >= b,
  };
  return compare[op]!;
}

/** The right of `=~`: quoted parts match themselves, the rest is an extended regular expression. */
async function regexSource(word: Word, expander: Expander): Promise<string> {
  let source = "";
  for (const part of word.parts) {
    const text =
      part.type === "text" ? part.value : await expandToString({ parts: [part], raw: "" }, expander);
    source += part.quoted ? escapeRegex(text) : posixToJs(text, true);
  }
  return source;
}
