import type { Tool, ToolContext } from "../shell/interpreter.ts";

/**
 * `test EXPR` and `[ EXPR ]` (the shell builtins): string tests (-z, -n, =, !=), integer
 * comparisons (-eq, -ne, -lt, -le, -gt, -ge), file tests (-e, -f, -d, -s) and `!`. Exit 0 when
 * true, 1 when false, 2 on a malformed expression.
 */
export const test: Tool = async (ctx) => evaluate(ctx, ctx.argv.slice(1));

export const bracket: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[args.length - 1] !== "]") {
    ctx.stderr(`${ctx.shell.dialect.prefix(ctx.shell.line)}[: missing \`]'\n`);
    return 2;
  }
  return evaluate(ctx, args.slice(0, -1));
};

const INTEGER_OPS: Record<string, (a: number, b: number) => boolean> = {
  "-eq": (a, b) => a === b,
  "-ne": (a, b) => a !== b,
  "-lt": (a, b) => a < b,
  "-le": (a, b) => a <= b,
  "-gt": (a, b) => a > b,
  "-ge": (a, b) => a >= b,
};

function evaluate(ctx: ToolContext, args: string[]): number {
  const prefix = `${ctx.shell.dialect.prefix(ctx.shell.line)}${ctx.argv[0]}: `;
  if (args[0] === "!" && args.length > 1) {
    const inner = evaluate(ctx, args.slice(1));
    return inner === 2 ? 2 : inner === 0 ? 1 : 0;
  }
  const truth = (value: boolean) => (value ? 0 : 1);
  if (args.length === 0) return 1;
  if (args.length === 1) return truth(args[0] !== "");
  if (args.length === 2) {
    const [op, operand] = args as [string, string];
    const node = () => ctx.shell.fs.stat(ctx.shell.resolve(operand));
    switch (op) {
      case "-z":
        return truth(operand === "");
      case "-n":
        return truth(operand !== "");
      case "-e":
        return truth(node() !== undefined);
      case "-f":
        return truth(node()?.type === "file");
      case "-d":
        return truth(node()?.type === "dir");
      case "-s": {
        const n = node();
        return truth(n?.type === "file" && n.content.length > 0);
      }
      default:
        ctx.stderr(`${prefix}${op}: unary operator expected\n`);
        return 2;
    }
  }
  if (args.length === 3) {
    const [a, op, b] = args as [string, string, string];
    if (op === "=" || op === "==") return truth(a === b);
    if (op === "!=") return truth(a !== b);
    const compare = INTEGER_OPS[op];
    if (compare) {
      for (const value of [a, b]) {
        if (!/^\s*-?\d+\s*$/.test(value)) {
          ctx.stderr(`${prefix}${value}: integer expression expected\n`);
          return 2;
        }
      }
      return truth(compare(Number(a), Number(b)));
    }
    ctx.stderr(`${prefix}${op}: binary operator expected\n`);
    return 2;
  }
  ctx.stderr(`${prefix}too many arguments\n`);
  return 2;
}
