/**
 * `expr EXPRESSION`, as GNU coreutils 9.1 evaluates it: integers of any size, strings compared
 * byte by byte, `STRING : REGEX` anchored at the start (a basic regular expression). Exit status
 * 0 when the result is neither empty nor zero, 1 when it is, 2 for a bad expression.
 */
import type { Tool } from "../shell/interpreter.ts";
import { isBusybox } from "./io.ts";
import { posixToJs } from "./regex.ts";

type Value = bigint | string;

class ExprError extends Error {}

const INTEGER = /^-?\d+$/;

function toInteger(v: Value): bigint {
  if (typeof v === "bigint") return v;
  if (!INTEGER.test(v)) throw new ExprError("non-integer argument");
  return BigInt(v);
}

function text(v: Value): string {
  return typeof v === "bigint" ? v.toString() : v;
}

/** Empty, or a zero however written ("0", "-0", "00"). */
function isNull(v: Value): boolean {
  if (typeof v === "bigint") return v === 0n;
  return v === "" || /^-?0+$/.test(v);
}

const quote = (s: string) => `'${s}'`;

/** A recursive-descent reader of the argument words, lowest precedence first (GNU's eval to eval7). */
class Parser {
  readonly #args: readonly string[];
  #at = 0;

  constructor(args: readonly string[]) {
    this.#args = args;
  }

  parse(): Value {
    const value = this.#or();
    if (this.#at < this.#args.length) {
      throw new ExprError(`syntax error: unexpected argument ${quote(this.#args[this.#at]!)}`);
    }
    return value;
  }

  #next(word: string): boolean {
    if (this.#args[this.#at] !== word) return false;
    this.#at++;
    return true;
  }

  #binary(
    operators: readonly string[],
    operand: () => Value,
    apply: (op: string, a: Value, b: Value) => Value,
  ) {
    let left = operand();
    for (;;) {
      const op = operators.find((o) => this.#args[this.#at] === o);
      if (op === undefined) return left;
      this.#at++;
      left = apply(op, left, operand());
    }
  }

  #or(): Value {
    return this.#binary(
      ["|"],
      () => this.#and(),
      (_, a, b) => (!isNull(a) ? a : !isNull(b) ? b : 0n),
    );
  }

  #and(): Value {
    return this.#binary(
      ["&"],
      () => this.#compare(),
      (_, a, b) => (isNull(a) || isNull(b) ? 0n : a),
    );
  }

  #compare(): Value {
    return this.#binary(
      ["<", "<=", "=", "==", "!=", ">=", ">"],
      () => this.#sum(),
      (op, a, b) => {
        const numeric = INTEGER.test(text(a)) && INTEGER.test(text(b));
        const x = numeric ? BigInt(text(a)) : text(a);
        const y = numeric ? BigInt(text(b)) : text(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        const holds = {
          "<": order < 0,
          "<=": order <= 0,
          "=": order === 0,
          "==": order === 0,
          "!=": order !== 0,
          ">=": order >= 0,
          ">": order > 0,
        }[op];
        return holds ? 1n : 0n;
      },
    );
  }

  #sum(): Value {
    return this.#binary(
      ["+", "-"],
      () => this.#product(),
      (op, a, b) => (op === "+" ? toInteger(a) + toInteger(b) : toInteger(a) - toInteger(b)),
    );
  }

  #product(): Value {
    return this.#binary(
      ["*", "/", "%"],
      () => this.#match(),
      (op, a, b) => {
        const [x, y] = [toInteger(a), toInteger(b)];
        if (op === "*") return x * y;
        if (y === 0n) throw new ExprError("division by zero");
        // BigInt division truncates toward zero, as C's does.
        return op === "/" ? x / y : x % y;
      },
    );
  }

  #match(): Value {
    return this.#binary(
      [":"],
      () => this.#unary(),
      (_, a, b) => match(text(a), text(b)),
    );
  }

  #unary(): Value {
    if (this.#next("+")) {
      if (this.#at >= this.#args.length) throw this.#missing();
      return this.#args[this.#at++]!;
    }
    if (this.#next("length")) return BigInt(text(this.#unary()).length);
    if (this.#next("match")) {
      const s = this.#unary();
      return match(text(s), text(this.#unary()));
    }
    if (this.#next("index")) {
      const s = text(this.#unary());
      const chars = text(this.#unary());
      const at = [...s].findIndex((c) => chars.includes(c));
      return BigInt(at + 1);
    }
    if (this.#next("substr")) {
      const s = text(this.#unary());
      const pos = this.#unary();
      const len = this.#unary();
      const [p, l] = [
        INTEGER.test(text(pos)) ? Number(text(pos)) : 0,
        INTEGER.test(text(len)) ? Number(text(len)) : 0,
      ];
      return p < 1 || l < 1 || p > s.length ? "" : s.slice(p - 1, p - 1 + l);
    }
    return this.#primary();
  }

  #primary(): Value {
    if (this.#at >= this.#args.length) throw this.#missing();
    if (this.#next("(")) {
      const value = this.#or();
      if (this.#at >= this.#args.length) {
        throw new ExprError(`syntax error: expecting ')' after ${quote(this.#args[this.#at - 1]!)}`);
      }
      if (!this.#next(")")) {
        throw new ExprError(`syntax error: expecting ')' instead of ${quote(this.#args[this.#at]!)}`);
      }
      return value;
    }
    if (this.#args[this.#at] === ")") throw new ExprError("syntax error: unexpected ')'");
    return this.#args[this.#at++]!;
  }

  #missing(): ExprError {
    return new ExprError(`syntax error: missing argument after ${quote(this.#args[this.#at - 1]!)}`);
  }
}

/** `STRING : REGEX`: the first \(…\) group's text, or how many characters matched from the start. */
function match(s: string, pattern: string): Value {
  // In a basic regular expression a leading `*` is an ordinary character.
  const source = posixToJs(pattern.startsWith("*") ? `\\${pattern}` : pattern, false);
  const found = new RegExp(`^(?:${source})`, "s").exec(s);
  const grouped = /\\\(/.test(pattern);
  if (grouped) return found?.[1] ?? "";
  return BigInt(found?.[0].length ?? 0);
}

export const expr: Tool = async (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === "--") args = args.slice(1);
  const busybox = isBusybox(ctx);
  if (args.length === 0) {
    ctx.stderr(
      busybox
        ? "expr: too few arguments\n"
        : "expr: missing operand\nTry 'expr --help' for more information.\n",
    );
    return 2;
  }
  let result: Value;
  try {
    result = new Parser(args).parse();
  } catch (error) {
    if (error instanceof ExprError) {
      // BusyBox says less: every syntax error is "syntax error", a non-integer "non-numeric".
      const message = !busybox
        ? error.message
        : error.message.startsWith("syntax error")
          ? "syntax error"
          : error.message.replace("non-integer", "non-numeric");
      ctx.stderr(`expr: ${message}\n`);
      return 2;
    }
    if (error instanceof SyntaxError) {
      ctx.stderr(`expr: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  ctx.stdout(`${text(result)}\n`);
  return isNull(result) ? 1 : 0;
};
