/**
 * Parsing one YAML document the way kubectl does (sigs.k8s.io/yaml on top of go-yaml v2), with the
 * `yaml` library underneath:
 * - YAML 1.1 scalars: yes/no/on/off/y/n booleans, 0777 octal, 0b binary, 0x hex, `~` null, `<<`
 *   merge keys; but no sexagesimal numbers and no timestamps (go-yaml v2 keeps `12:30` and
 *   `2024-01-01` as strings when decoding into an untyped value);
 * - the result converted to JSON values (map keys become strings);
 * - errors reworded into go-yaml's messages with go-yaml's line numbers (kubectl.md §7). go-yaml
 *   reports scanner errors with the 1-based line of the offending character and parser errors with
 *   the 0-based line of the offending token, so the two families are counted differently below.
 */
import { type Document, isCollection, isPair, parseDocument, type Tags, type YAMLError } from "yaml";
import { setOwn } from "../apply/strategic-merge.ts";
import { MAX_MANIFEST_DEPTH } from "./json-stream.ts";

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Aliases a document may expand; go-yaml refuses "billion laughs" documents in the same way. */
export const MAX_ALIAS_COUNT = 1000;

export function parseYamlDocument(text: string): ParseResult {
  // The parser recurses on flow collections: a `[[[[…` bomb is measured before it is parsed.
  const deepFlow = flowDeeperThan(text, MAX_MANIFEST_DEPTH);
  if (deepFlow !== undefined)
    return { ok: false, error: `yaml: line ${lineAt(text, deepFlow)}: exceeded max depth of 10000` };
  let doc: Document;
  try {
    doc = parseDocument(text, {
      version: "1.1",
      merge: true,
      uniqueKeys: false,
      prettyErrors: false,
      customTags: goYamlV2Tags,
    });
  } catch (error) {
    return { ok: false, error: `yaml: ${(error as Error).message}` };
  }
  const first = doc.errors[0];
  if (first) return { ok: false, error: goYamlMessage(first, text) };
  const tooDeep = deeperThan(doc.contents, MAX_MANIFEST_DEPTH);
  // go-yaml's limit is 10,000 levels; the engine stops earlier, before its stack would (json-stream.ts).
  if (tooDeep !== undefined)
    return { ok: false, error: `yaml: line ${lineAt(text, tooDeep)}: exceeded max depth of 10000` };
  try {
    return { ok: true, value: toJsonValue(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })) };
  } catch (error) {
    const message = (error as Error).message;
    const unresolved = /^Unresolved alias.*: (.*)$/.exec(message);
    if (unresolved) return { ok: false, error: `yaml: unknown anchor '${unresolved[1]}' referenced` };
    if (message.startsWith("Excessive alias count")) {
      return { ok: false, error: "yaml: document contains excessive aliasing" };
    }
    return { ok: false, error: `yaml: ${message}` };
  }
}

/** The offset of the first `[` or `{` nested deeper than `limit`, quoted scalars and comments aside. */
function flowDeeperThan(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === "#" && (i === 0 || " \t\n".includes(text[i - 1]!))) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "[" || c === "{") {
      if (++depth > limit) return i;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return undefined;
}

/** The offset of the first collection nested deeper than `limit`, walked without recursion. */
function deeperThan(root: unknown, limit: number): number | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isCollection(node)) {
      if (depth + 1 > limit) return node.range?.[0] ?? 0;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** The YAML 1.1 tags minus what go-yaml v2 does not resolve in plain scalars. */
function goYamlV2Tags(tags: Tags): Tags {
  return tags.filter((tag) => {
    if (typeof tag !== "object" || tag === null) return true;
    const { tag: name, format } = tag as { tag?: string; format?: string };
    if (name === "tag:yaml.org,2002:timestamp") return false;
    return format !== "TIME";
  });
}

/** Line (1-based) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/** Rewords a `yaml` library error as go-yaml would have reported the same mistake. */
function goYamlMessage(error: YAMLError, text: string): string {
  const at = lineAt(text, error.pos[0]);
  const scanner = (line: number, message: string) => `yaml: line ${line}: ${message}`;
  // go-yaml's parser errors name the 0-based line of the token it could not place.
  const parser = (line: number, message: string) =>
    line > 0 ? `yaml: line ${line}: ${message}` : `yaml: ${message}`;
  const message = error.message;
  // Block nesting (`- - - - …`) deep enough to overflow the parser's stack: go-yaml's depth limit.
  if (/call stack size/i.test(message)) return scanner(at, "exceeded max depth of 10000");
  switch (error.code) {
    case "TAB_AS_INDENT":
    case "BAD_SCALAR_START":
      return scanner(at, "found character that cannot start any token");
    case "BLOCK_AS_IMPLICIT_KEY":
      if (message.startsWith("Nested mappings")) {
        return scanner(
          lineAt(text, colonAfter(text, error.pos[0])),
          "mapping values are not allowed in this context",
        );
      }
      return parser(at - 1, "did not find expected key");
    case "MULTILINE_IMPLICIT_KEY":
      return scanner(at + 1, "could not find expected ':'");
    case "MISSING_CHAR":
      if (message.startsWith("Implicit map keys need to be followed")) {
        return scanner(at + 1, "could not find expected ':'");
      }
      if (message.startsWith("Sequence item without")) return parser(at - 1, "did not find expected key");
      if (message.startsWith("Missing closing")) {
        return scanner(lineAt(text, text.length), "found unexpected end of stream");
      }
      break;
    case "BAD_INDENT":
      if (message.startsWith("Flow sequence")) {
        const open = text.lastIndexOf("[", error.pos[0]);
        const hasItems = open >= 0 && text.slice(open + 1, error.pos[0]).trim() !== "";
        return parser(
          at - 1,
          hasItems ? "did not find expected ',' or ']'" : "did not find expected node content",
        );
      }
      if (message.startsWith("Flow map")) return parser(at - 1, "did not find expected ',' or '}'");
      if (inBlockSequence(text, at)) return parser(at - 1, "did not find expected '-' indicator");
      return parser(at - 1, "did not find expected key");
    case "UNEXPECTED_TOKEN":
      return parser(at - 1, "did not find expected key");
    default:
      break;
  }
  return scanner(
    at,
    message.split("\n")[0]!.replace(/^./, (c) => c.toLowerCase()),
  );
}

/**
 * Whether the (1-based) line continues a block sequence at its own indentation: the nearest
 * line above that is indented no deeper starts with `- ` at exactly that column. go-yaml then
 * wants another `-` there rather than a key.
 */
function inBlockSequence(text: string, line: number): boolean {
  const lines = text.split("\n");
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const target = lines[line - 1];
  if (target === undefined) return false;
  const indent = indentOf(target);
  for (let i = line - 2; i >= 0; i--) {
    const candidate = lines[i]!;
    if (candidate.trim() === "" || candidate.trimStart().startsWith("#")) continue;
    if (indentOf(candidate) > indent) continue;
    return indentOf(candidate) === indent && candidate.trimStart().startsWith("-");
  }
  return false;
}

/** Offset of the first `:` followed by a space or line end at or after `from` (the mapping value indicator). */
function colonAfter(text: string, from: number): number {
  const match = /:(?=[ \t\n]|$)/.exec(text.slice(from));
  return match ? from + match.index : from;
}

/**
 * What sigs.k8s.io/yaml's YAML→JSON conversion yields: plain objects with string keys, arrays,
 * strings, finite numbers, booleans and null.
 */
function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) setOwn(out, String(k), toJsonValue(v));
    return out;
  }
  if (value instanceof Set) return Object.fromEntries([...value].map((k) => [String(k), null]));
  if (value instanceof Uint8Array) return btoa(String.fromCharCode(...value));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) setOwn(out, k, toJsonValue(v));
    return out;
  }
  if (typeof value === "bigint") return Number(value);
  return value;
}
