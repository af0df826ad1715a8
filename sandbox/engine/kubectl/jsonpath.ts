/**
 * Kubernetes JSONPath (k8s.io/client-go/util/jsonpath) as -o jsonpath, custom-columns and --sort-by
 * use it: text with `{...}` actions; `.a.b`, `['a']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `..name`,
 * `[?(@.type=="Ready")]`, `{range ...}{end}` and string literals such as `{"\n"}`.
 * Results of one action are joined by spaces; maps and lists print as compact JSON.
 */

import { toCompactJson } from "./printers/serialize.ts";

type Value = unknown;

type Step =
  | { op: "field"; name: string }
  | { op: "recursive"; name: string }
  | { op: "index"; indexes: number[] }
  | { op: "slice"; start?: number; end?: number }
  | { op: "wildcard" }
  | { op: "filter"; left: Step[]; cmp?: string; right?: Step[] | { literal: Value } };

type Node =
  | { kind: "text"; text: string }
  | { kind: "path"; steps: Step[]; root: boolean }
  | { kind: "range"; steps: Step[]; root: boolean; body: Node[] };

export class JsonPathError extends Error {}

/** Parses a template; throws JsonPathError with the parser's message. */
export function parseJsonPath(template: string): Node[] {
  const stack: { nodes: Node[]; range?: Extract<Node, { kind: "range" }> }[] = [{ nodes: [] }];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      stack.at(-1)!.nodes.push({ kind: "text", text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.nodes.push({ kind: "text", text: template.slice(i, open) });
    const close = findClose(template, open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === "end") {
      const frame = stack.pop();
      if (!frame?.range || stack.length === 0) throw new JsonPathError("not in range, nothing to end");
      continue;
    }
    if (action.startsWith("range ") || action.startsWith("range\t")) {
      const { steps, root } = parsePath(action.slice(6).trim());
      const range: Extract<Node, { kind: "range" }> = { kind: "range", steps, root, body: [] };
      stack.at(-1)!.nodes.push(range);
      stack.push({ nodes: range.body, range });
      continue;
    }
    if (action.startsWith('"') || action.startsWith("'")) {
      stack.at(-1)!.nodes.push({ kind: "text", text: unquote(action) });
      continue;
    }
    const { steps, root } = parsePath(action);
    stack.at(-1)!.nodes.push({ kind: "path", steps, root });
  }
  if (stack.length !== 1) throw new JsonPathError("unclosed range");
  return stack[0]!.nodes;
}

/** The text the template prints for `data`. Missing keys print nothing unless `strict`. */
export function executeJsonPath(nodes: readonly Node[], data: Value, strict = false): string {
  return run(nodes, data, data, strict);
}

/** The values one bare expression (`.metadata.name`) selects: custom columns and sort keys. */
export function evaluatePath(expression: string, data: Value): Value[] {
  const nodes = parseJsonPath(relaxed(expression));
  const node = nodes.find((n) => n.kind === "path");
  if (node?.kind !== "path") return [];
  return select(node.steps, [data], data, false);
}

/** kubectl's RelaxedJSONPathExpression: `metadata.name` / `.metadata.name` / `{.metadata.name}`. */
export function relaxed(expression: string): string {
  const trimmed = expression.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) return trimmed;
  const body = trimmed.startsWith(".") || trimmed.startsWith("[") ? trimmed : `.${trimmed}`;
  return `{${body}}`;
}

/** Prints one result value as the jsonpath printer does: maps and lists as json.Marshal would. */
export function formatValue(value: Value): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "object") return toCompactJson(value);
  return String(value);
}

function run(nodes: readonly Node[], current: Value, root: Value, strict: boolean): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") {
      out += node.text;
    } else if (node.kind === "path") {
      const values = select(node.steps, [node.root ? root : current], root, strict);
      out += values.map(formatValue).join(" ");
    } else {
      const values = select(node.steps, [node.root ? root : current], root, strict);
      const items = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
      for (const item of items) out += run(node.body, item, root, strict);
    }
  }
  return out;
}

function select(steps: readonly Step[], start: Value[], root: Value, strict: boolean): Value[] {
  let values = start;
  for (const step of steps) {
    const next: Value[] = [];
    for (const value of values) next.push(...apply(step, value, root, strict));
    values = next;
  }
  return values;
}

function apply(step: Step, value: Value, root: Value, strict: boolean): Value[] {
  switch (step.op) {
    case "field": {
      if (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.hasOwn(value, step.name)
      ) {
        return [(value as Record<string, Value>)[step.name]];
      }
      if (step.name === "" || step.name === "@") return [value];
      if (strict) throw new JsonPathError(`${step.name} is not found`);
      return [];
    }
    case "recursive":
      return recursive(value, step.name);
    case "wildcard":
      if (Array.isArray(value)) return value;
      if (value !== null && typeof value === "object") return Object.values(value);
      return [];
    case "index": {
      if (!Array.isArray(value)) return [];
      const out: Value[] = [];
      for (const raw of step.indexes) {
        const index = raw < 0 ? value.length + raw : raw;
        if (index < 0 || index >= value.length) {
          throw new JsonPathError(`array index out of bounds: index ${raw}, length ${value.length}`);
        }
        out.push(value[index]);
      }
      return out;
    }
    case "slice": {
      if (!Array.isArray(value)) return [];
      const norm = (n: number | undefined, fallback: number) =>
        n === undefined ? fallback : n < 0 ? Math.max(0, value.length + n) : Math.min(n, value.length);
      return value.slice(norm(step.start, 0), norm(step.end, value.length));
    }
    case "filter": {
      const items = Array.isArray(value) ? value : [value];
      return items.filter((item) => {
        const left = select(step.left, [item], root, false);
        if (step.cmp === undefined) return left.length > 0;
        const right =
          step.right && "literal" in step.right
            ? [step.right.literal]
            : select(step.right ?? [], [item], root, false);
        if (left.length === 0 || right.length === 0) return false;
        return compare(left[0], step.cmp, right[0]);
      });
    }
  }
}

function compare(a: Value, cmp: string, b: Value): boolean {
  switch (cmp) {
    case "==":
      return a === b || String(a) === String(b);
    case "!=":
      return !(a === b || String(a) === String(b));
    case "<":
      return Number(a) < Number(b);
    case ">":
      return Number(a) > Number(b);
    case "<=":
      return Number(a) <= Number(b);
    case ">=":
      return Number(a) >= Number(b);
    default:
      throw new JsonPathError(`unrecognized filter operator ${cmp}`);
  }
}

function recursive(value: Value, name: string): Value[] {
  const out: Value[] = [];
  const visit = (v: Value) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k === name || name === "") out.push(child);
        visit(child);
      }
    }
  };
  visit(value);
  return out;
}

function findClose(template: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < template.length; i++) {
    const ch = template[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"') quote = ch;
    else if (ch === "}") return i;
  }
  return -1;
}

function unquote(literal: string): string {
  const quote = literal[0]!;
  if (!literal.endsWith(quote) || literal.length < 2) throw new JsonPathError(`unterminated quoted string`);
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r" })[c as "n"] ?? c);
}

/** `.a.b[0]['c']..d[*]` → steps; `$` marks the root. */
function parsePath(text: string): { steps: Step[]; root: boolean } {
  let s = text;
  let root = false;
  if (s.startsWith("$")) {
    root = true;
    s = s.slice(1);
  } else if (s.startsWith("@")) {
    s = s.slice(1);
  }
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (s.startsWith("..", i)) {
      const match = /^[\w-]*/.exec(s.slice(i + 2))!;
      steps.push({ op: "recursive", name: match[0] });
      i += 2 + match[0].length;
      continue;
    }
    if (ch === ".") {
      // A field name runs to the next unescaped "." or "[": `labels.app\.kubernetes\.io/name`.
      const match = /^(\*|(?:\\.|[^.[\\])*)/.exec(s.slice(i + 1))!;
      const name = match[0].replace(/\\(.)/g, "$1");
      steps.push(name === "*" ? { op: "wildcard" } : { op: "field", name });
      i += 1 + match[0].length;
      continue;
    }
    if (ch === "[") {
      const close = matchingBracket(s, i);
      if (close < 0) throw new JsonPathError(`unterminated array`);
      steps.push(parseBracket(s.slice(i + 1, close).trim()));
      i = close + 1;
      continue;
    }
    if (/[\w-]/.test(ch) && i === 0) {
      const match = /^[\w-]+/.exec(s)!;
      steps.push({ op: "field", name: match[0] });
      i += match[0].length;
      continue;
    }
    throw new JsonPathError(
      `unrecognized character in action: U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${ch}'`,
    );
  }
  return { steps, root };
}

function matchingBracket(s: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(body: string): Step {
  if (body === "*") return { op: "wildcard" };
  if (body.startsWith("?(") && body.endsWith(")")) {
    const expr = body.slice(2, -1).trim();
    const match = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
    if (!match) return { op: "filter", left: parsePath(expr).steps };
    const right = match[3]!.trim();
    const literal =
      right.startsWith('"') || right.startsWith("'")
        ? { literal: right.slice(1, -1) }
        : /^-?\d+(\.\d+)?$/.test(right)
          ? { literal: Number(right) }
          : right === "true" || right === "false"
            ? { literal: right === "true" }
            : undefined;
    return {
      op: "filter",
      left: parsePath(match[1]!.trim()).steps,
      cmp: match[2]!,
      right: literal ?? parsePath(right).steps,
    };
  }
  if (body.startsWith("'") || body.startsWith('"')) return { op: "field", name: body.slice(1, -1) };
  if (body.includes(":")) {
    const [start, end] = body.split(":").map((p) => (p.trim() === "" ? undefined : Number(p)));
    return { op: "slice", start, end };
  }
  const indexes = body.split(",").map((p) => Number(p.trim()));
  if (indexes.some((n) => !Number.isInteger(n))) throw new JsonPathError(`invalid array index ${body}`);
  return { op: "index", indexes };
}
