/**
 * `-o go-template=…` / `--template`: the part of Go's text/template that kubectl users write
 * (cli-runtime's GoTemplatePrinter, missingkey=default): `{{.a.b}}`, variables, `range` (with
 * `$i, $v :=`), `if`/`else if`/`else`, `with`, pipelines, `{{- trim -}}`, string/number literals,
 * and the functions index, len, printf, print, println, eq, ne, lt, le, gt, ge, and, or, not,
 * plus kubectl's base64decode and exists. Values print as Go's fmt %v prints decoded JSON.
 */

export class TemplateError extends Error {}

/** An execution error at a node of the template: Go reports where, as `executing "output" at <node>`. */
class ExecError extends TemplateError {
  readonly node: string;
  constructor(message: string, node: string) {
    super(message);
    this.node = node;
  }
}

type Node =
  | { type: "text"; text: string }
  | { type: "action"; pipe: Pipe }
  | { type: "if" | "with"; pipe: Pipe; body: Node[]; otherwise: Node[] }
  | { type: "range"; pipe: Pipe; vars: string[]; body: Node[]; otherwise: Node[] };

interface Pipe {
  decl: string[];
  commands: Operand[][];
}

/** Each operand keeps its text as written, to name the node an execution error happened at. */
type Operand = { text: string } & (
  | { type: "field"; base: "." | string; path: string[] }
  | { type: "literal"; value: unknown }
  | { type: "func"; name: string }
  | { type: "pipe"; pipe: Pipe; path: string[] }
);

const FUNCS = new Set([
  "index",
  "len",
  "printf",
  "print",
  "println",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "and",
  "or",
  "not",
  "base64decode",
  "exists",
]);

/** Splits the template into text and actions, applying `{{-` and `-}}` trimming. */
function lex(source: string): { text?: string; action?: string }[] {
  const out: { text?: string; action?: string }[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf("{{", i);
    if (open < 0) {
      out.push({ text: source.slice(i) });
      break;
    }
    let text = source.slice(i, open);
    let start = open + 2;
    if (/^- /.test(source.slice(start, start + 2))) {
      text = text.replace(/\s+$/, "");
      start += 1;
    }
    out.push({ text });
    const close = findClose(source, start);
    if (close < 0) throw new TemplateError(`template: output:1: unclosed action`);
    let end = close;
    let next = close + 2;
    if (source[close - 1] === "-" && /\s/.test(source[close - 2] ?? "")) {
      end = close - 1;
      const rest = source.slice(next);
      next += rest.length - rest.replace(/^\s+/, "").length;
    }
    out.push({ action: source.slice(start, end).trim() });
    i = next;
  }
  return out;
}

/** The `}}` closing an action, skipping quoted strings. */
function findClose(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "`") {
      const quote = c;
      for (i++; i < source.length && source[i] !== quote; i++) if (quote === '"' && source[i] === "\\") i++;
      continue;
    }
    if (c === "}" && source[i + 1] === "}") return i;
  }
  return -1;
}

/** Words of an action: strings, parentheses, `|`, `:=`, `,` and bare words. */
function tokenize(action: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'|:=|[()|,=]|[^\s()|,]+)/y;
  for (let m = re.exec(action); m; m = re.exec(action)) tokens.push(m[1]!);
  if (tokens.join("").length !== action.replace(/\s+/g, "").length && !/["`']/.test(action)) {
    throw new TemplateError(`template: output:1: unexpected bad character in command`);
  }
  return tokens;
}

function unquote(token: string): string {
  if (token.startsWith("`")) return token.slice(1, -1);
  return JSON.parse(token.replace(/\\'/g, "'")) as string;
}

function parsePipe(tokens: string[], pos: { i: number }, stop: string | undefined): Pipe {
  const decl: string[] = [];
  const save = pos.i;
  while (tokens[pos.i]?.startsWith("$")) {
    decl.push(tokens[pos.i]!);
    pos.i++;
    if (tokens[pos.i] === ",") pos.i++;
    else break;
  }
  if (decl.length > 0 && (tokens[pos.i] === ":=" || tokens[pos.i] === "=")) pos.i++;
  else {
    decl.length = 0;
    pos.i = save;
  }
  const commands: Operand[][] = [[]];
  while (pos.i < tokens.length && tokens[pos.i] !== stop) {
    const token = tokens[pos.i++]!;
    if (token === "|") {
      commands.push([]);
      continue;
    }
    commands[commands.length - 1]!.push(parseOperand(token, tokens, pos));
  }
  if (stop !== undefined) {
    if (tokens[pos.i] !== stop) throw new TemplateError("template: output:1: unclosed left paren");
    pos.i++;
  }
  if (commands.some((c) => c.length === 0))
    throw new TemplateError("template: output:1: missing value for command");
  return { decl, commands };
}

function fieldPath(text: string): string[] {
  return text.split(".").filter((p) => p !== "");
}

function parseOperand(token: string, tokens: string[], pos: { i: number }): Operand {
  if (token === "(") {
    const start = pos.i;
    const pipe = parsePipe(tokens, pos, ")");
    const text = `(${tokens.slice(start, pos.i - 1).join(" ")})`;
    const next = tokens[pos.i];
    if (next?.startsWith(".") && next !== ".") {
      pos.i++;
      return { type: "pipe", pipe, path: fieldPath(next), text: text + next };
    }
    return { type: "pipe", pipe, path: [], text };
  }
  const text = token;
  if (token.startsWith('"') || token.startsWith("`")) return { type: "literal", value: unquote(token), text };
  if (token === "true" || token === "false") return { type: "literal", value: token === "true", text };
  if (token === "nil") return { type: "literal", value: null, text };
  if (/^-?\d+(\.\d+)?$/.test(token)) return { type: "literal", value: Number(token), text };
  if (token.startsWith(".")) return { type: "field", base: ".", path: fieldPath(token), text };
  if (token.startsWith("$")) {
    const dot = token.indexOf(".");
    return dot < 0
      ? { type: "field", base: token, path: [], text }
      : { type: "field", base: token.slice(0, dot), path: fieldPath(token.slice(dot)), text };
  }
  if (FUNCS.has(token)) return { type: "func", name: token, text };
  throw new TemplateError(`template: output:1: function "${token}" not defined`);
}

function parseTemplate(source: string): Node[] {
  const pieces = lex(source);
  let i = 0;
  const parseList = (enders: string[]): { nodes: Node[]; ender: string } => {
    const nodes: Node[] = [];
    while (i < pieces.length) {
      const piece = pieces[i++]!;
      if (piece.text !== undefined) {
        if (piece.text !== "") nodes.push({ type: "text", text: piece.text });
        continue;
      }
      const action = piece.action!;
      if (action.startsWith("/*")) continue;
      const word = action.split(/\s+/)[0]!;
      if (word === "end" || word === "else") {
        if (!enders.includes(word)) throw new TemplateError(`template: output:1: unexpected {{${word}}}`);
        return { nodes, ender: action };
      }
      if (word === "if" || word === "with" || word === "range") {
        const tokens = tokenize(action.slice(word.length));
        const pipe = parsePipe(tokens, { i: 0 }, undefined);
        const body = parseList(["end", "else"]);
        // `{{else if x}}` is an if nested in the else branch, closed by the same {{end}}.
        const otherwise = body.ender.startsWith("else") ? elseChain(body.ender) : [];
        if (word === "range")
          nodes.push({ type: "range", pipe, vars: pipe.decl, body: body.nodes, otherwise });
        else nodes.push({ type: word, pipe, body: body.nodes, otherwise });
        continue;
      }
      nodes.push({ type: "action", pipe: parsePipe(tokenize(action), { i: 0 }, undefined) });
    }
    if (enders.length > 0) throw new TemplateError("template: output:1: unexpected EOF");
    return { nodes, ender: "" };
  };
  /** The rest of an `{{else if …}}` chain after its first branch. */
  const elseChain = (ender: string): Node[] => {
    const rest = ender.slice(4).trim();
    if (!rest.startsWith("if ")) return parseList(["end"]).nodes;
    const pipe = parsePipe(tokenize(rest.slice(3)), { i: 0 }, undefined);
    const body = parseList(["end", "else"]);
    return [
      {
        type: "if",
        pipe,
        body: body.nodes,
        otherwise: body.ender.startsWith("else") ? elseChain(body.ender) : [],
      },
    ];
  };
  return parseList([]).nodes;
}

/** Go's fmt %v of decoded JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "<no value>";
  if (value === null) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(formatInner).join(" ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `map[${entries.map(([k, v]) => `${k}:${formatInner(v)}`).join(" ")}]`;
}

function formatInner(value: unknown): string {
  return value === null || value === undefined ? "<nil>" : formatValue(value);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const text = String(n);
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === undefined || current === null) return undefined;
    if (typeof current !== "object" || Array.isArray(current)) {
      throw new TemplateError(`can't evaluate field ${key} in type ${decodedType(current)}`);
    }
    // Own keys only: a field named `constructor` is a missing key, not Object.prototype's.
    current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** The Go type encoding/json decodes a JSON value into (numbers are float64). */
function decodedType(value: unknown): string {
  return typeof value === "number" ? "float64" : goType(value);
}

function goType(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "[]interface {}";
  return "interface {}";
}

/** Go's Printf for the verbs templates use: %s %v %d %q %f %t %x %%, with width and `-`. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let n = 0;
  return format.replace(
    /%([-+ 0#]*)(\d*)(?:\.(\d+))?([svdqftxX%])/g,
    (_, flags: string, width: string, prec, verb) => {
      if (verb === "%") return "%";
      if (n >= args.length) return `%!${verb}(MISSING)`;
      const arg = args[n++];
      let text: string;
      switch (verb) {
        case "d":
          text =
            typeof arg === "number" ? String(Math.trunc(arg)) : `%!d(${goType(arg)}=${formatValue(arg)})`;
          break;
        case "f":
          text =
            typeof arg === "number" ? arg.toFixed(prec === undefined ? 6 : Number(prec)) : formatValue(arg);
          break;
        case "q":
          text = JSON.stringify(typeof arg === "string" ? arg : formatValue(arg));
          break;
        case "x":
        case "X":
          text =
            typeof arg === "number"
              ? arg.toString(16)
              : [...new TextEncoder().encode(formatValue(arg))]
                  .map((b) => b.toString(16).padStart(2, "0"))
                  .join("");
          if (verb === "X") text = text.toUpperCase();
          break;
        default:
          text = formatValue(arg);
      }
      const w = width === "" ? 0 : Number(width);
      if (text.length >= w) return text;
      return flags.includes("-") ? text.padEnd(w) : text.padStart(w, flags.includes("0") ? "0" : " ");
    },
  );
}

function compare(name: string, a: unknown, b: unknown): boolean {
  if (name === "eq") return a === b;
  if (name === "ne") return a !== b;
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) {
    throw new TemplateError(`error calling ${name}: incompatible types for comparison`);
  }
  const x = a as number | string;
  const y = b as number | string;
  return name === "lt" ? x < y : name === "le" ? x <= y : name === "gt" ? x > y : x >= y;
}

function call(name: string, args: unknown[]): unknown {
  switch (name) {
    case "index": {
      let value = args[0];
      for (const key of args.slice(1)) {
        if (value === undefined || value === null) return undefined;
        if (Array.isArray(value)) {
          if (typeof key !== "number" || key < 0 || key >= value.length) {
            throw new TemplateError(`error calling index: index out of range: ${formatValue(key)}`);
          }
          value = value[key];
        } else if (typeof value === "object")
          value = Object.hasOwn(value, String(key))
            ? (value as Record<string, unknown>)[String(key)]
            : undefined;
        else throw new TemplateError(`error calling index: can't index item of type ${goType(value)}`);
      }
      return value;
    }
    case "len": {
      const v = args[0];
      if (typeof v === "string") return new TextEncoder().encode(v).length;
      if (Array.isArray(v)) return v.length;
      if (v && typeof v === "object") return Object.keys(v).length;
      throw new TemplateError(`error calling len: len of type ${goType(v)}`);
    }
    case "printf":
      return sprintf(String(args[0] ?? ""), args.slice(1));
    case "print":
      return args
        .map(
          (a, i) =>
            (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string" ? " " : "") + formatValue(a),
        )
        .join("");
    case "println":
      return `${args.map(formatValue).join(" ")}\n`;
    case "not":
      return !truthy(args[0]);
    case "and":
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case "or":
      return args.find((a) => truthy(a)) ?? args[args.length - 1];
    case "base64decode":
      return new TextDecoder().decode(Uint8Array.from(atob(String(args[0] ?? "")), (c) => c.charCodeAt(0)));
    case "exists": {
      let value = args[0];
      for (const key of args.slice(1)) {
        if (!value || typeof value !== "object" || !(String(key) in (value as object))) return false;
        value = (value as Record<string, unknown>)[String(key)];
      }
      return true;
    }
    default:
      return compare(name, args[0], args[1]);
  }
}

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

function evalPipe(pipe: Pipe, scope: Scope): unknown {
  let value: unknown;
  let first = true;
  for (const command of pipe.commands) {
    const [head, ...rest] = command;
    const args = rest.map((o) => evalOperand(o, scope));
    if (!first) args.push(value);
    if (head!.type === "func")
      value = atNode(command.map((o) => o.text).join(" "), () => call(head!.name, args));
    else {
      if (args.length > 0)
        throw new TemplateError(`can't give argument to non-function ${operandText(head!)}`);
      value = evalOperand(head!, scope);
    }
    first = false;
  }
  for (const name of pipe.decl) scope.vars.set(name, value);
  return value;
}

/** Runs one node's evaluation, tagging its errors with the node (a nested node's tag wins). */
function atNode<T>(node: string, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof TemplateError && !(error instanceof ExecError))
      throw new ExecError(error.message, node);
    throw error;
  }
}

function operandText(operand: Operand): string {
  return operand.type === "field"
    ? `${operand.base === "." ? "" : operand.base}.${operand.path.join(".")}`
    : "value";
}

function evalOperand(operand: Operand, scope: Scope): unknown {
  switch (operand.type) {
    case "literal":
      return operand.value;
    case "func":
      return call(operand.name, []);
    case "pipe": {
      const value = evalPipe(operand.pipe, scope);
      return atNode(operand.text, () => walk(value, operand.path));
    }
    default: {
      if (operand.base === ".") return atNode(operand.text, () => walk(scope.dot, operand.path));
      if (!scope.vars.has(operand.base)) throw new TemplateError(`undefined variable: ${operand.base}`);
      return atNode(operand.text, () => walk(scope.vars.get(operand.base), operand.path));
    }
  }
}

function run(nodes: readonly Node[], scope: Scope, out: string[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out.push(node.text);
        break;
      case "action": {
        const value = evalPipe(node.pipe, scope);
        if (node.pipe.decl.length === 0) out.push(formatValue(value));
        break;
      }
      case "if":
      case "with": {
        const value = evalPipe(node.pipe, scope);
        if (truthy(value)) run(node.body, node.type === "with" ? { ...scope, dot: value } : scope, out);
        else run(node.otherwise, scope, out);
        break;
      }
      case "range": {
        const pipe = { ...node.pipe, decl: [] };
        const value = evalPipe(pipe, scope);
        const items: [unknown, unknown][] = Array.isArray(value)
          ? value.map((v, i) => [i, v])
          : value && typeof value === "object"
            ? Object.keys(value)
                .sort()
                .map((k) => [k, (value as Record<string, unknown>)[k]])
            : [];
        if (value !== undefined && value !== null && typeof value !== "object") {
          throw new TemplateError(`range can't iterate over ${formatValue(value)}`);
        }
        if (items.length === 0) run(node.otherwise, scope, out);
        for (const [key, item] of items) {
          const vars = new Map(scope.vars);
          if (node.vars.length === 1) vars.set(node.vars[0]!, item);
          if (node.vars.length === 2) {
            vars.set(node.vars[0]!, key);
            vars.set(node.vars[1]!, item);
          }
          run(node.body, { dot: item, vars }, out);
        }
        break;
      }
    }
  }
}

/** Checks a template parses (kubectl fails before fetching anything when it does not). */
export function checkGoTemplate(source: string): void {
  parseTemplate(source);
}

/**
 * Runs a template over decoded JSON. Throws TemplateError with text/template's message: an
 * execution error names where it happened, `template: output:1:2: executing "output" at
 * <.spec.x.y>: …` (line and byte column of the node's first occurrence in the template).
 */
export function executeGoTemplate(source: string, data: unknown): string {
  const nodes = parseTemplate(source);
  const out: string[] = [];
  try {
    run(nodes, { dot: data, vars: new Map([["$", data]]) }, out);
  } catch (error) {
    if (error instanceof ExecError) {
      const at = Math.max(0, source.indexOf(error.node));
      const before = source.slice(0, at);
      const line = before.split("\n").length;
      const column = at - (before.lastIndexOf("\n") + 1);
      throw new TemplateError(
        `template: output:${line}:${column}: executing "output" at <${error.node}>: ${error.message}`,
      );
    }
    if (error instanceof TemplateError) throw new TemplateError(`template: output:1: ${error.message}`);
    throw error;
  }
  return out.join("");
}
