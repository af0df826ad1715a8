/**
 * `$(( expr ))`: bash's integer arithmetic for the expressions learners write (counters and
 * comparisons): + - * / % ** with parentheses, unary minus and !, comparisons and && ||.
 * Names are variables (unset or empty = 0); `$x` was already expanded by the caller.
 */

export class ArithmeticError extends Error {}

const TOKEN = /\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!])/y;

export function evaluateArithmetic(expression: string, lookup: (name: string) => string | undefined): number {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(expression);
    if (!match)
      throw new ArithmeticError(
        `syntax error: invalid arithmetic operator (error token is "${expression.slice(at).trim()}")`,
      );
    tokens.push(match[1]!);
    at = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const value = (name: string): number => {
    const text = (lookup(name) ?? "").trim();
    if (text === "") return 0;
    if (!/^-?\d+$/.test(text)) throw new ArithmeticError(`${text}: syntax error: operand expected`);
    return Number(text);
  };
  const binary =
    (ops: string[], next: () => number, apply: (op: string, a: number, b: number) => number) => () => {
      let left = next();
      while (ops.includes(peek() ?? "")) {
        const op = tokens[i++]!;
        left = apply(op, left, next());
      }
      return left;
    };
  const primary = (): number => {
    const token = tokens[i++];
    if (token === undefined) throw new ArithmeticError("syntax error: operand expected");
    if (token === "(") {
      const inner = orExpr();
      if (tokens[i++] !== ")") throw new ArithmeticError("syntax error: missing `)'");
      return inner;
    }
    if (token === "-") return -primary();
    if (token === "+") return primary();
    if (token === "!") return primary() === 0 ? 1 : 0;
    if (/^\d+$/.test(token)) return Number(token);
    if (/^[A-Za-z_]/.test(token)) return value(token);
    throw new ArithmeticError(`syntax error: operand expected (error token is "${token}")`);
  };
  const power = (): number => {
    const base = primary();
    if (peek() !== "**") return base;
    i++;
    return base ** power();
  };
  const product = binary(["*", "/", "%"], power, (op, a, b) => {
    if ((op === "/" || op === "%") && b === 0)
      throw new ArithmeticError('division by 0 (error token is "0")');
    return op === "*" ? a * b : op === "/" ? Math.trunc(a / b) : a % b;
  });
  const sum = binary(["+", "-"], product, (op, a, b) => (op === "+" ? a + b : a - b));
  const compare = binary(["<", ">", "<=", ">="], sum, (op, a, b) =>
    Number(op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b),
  );
  const equality = binary(["==", "!="], compare, (op, a, b) => Number(op === "==" ? a === b : a !== b));
  const andExpr = binary(["&&"], equality, (_, a, b) => Number(a !== 0 && b !== 0));
  const orExpr = binary(["||"], andExpr, (_, a, b) => Number(a !== 0 || b !== 0));
  if (tokens.length === 0) return 0;
  const result = orExpr();
  if (i < tokens.length)
    throw new ArithmeticError(`syntax error in expression (error token is "${tokens.slice(i).join(" ")}")`);
  return result;
}
