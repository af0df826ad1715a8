/**
 * kubectl's -o json and -o yaml. Objects come back from the server as unstructured maps, which Go
 * marshals with sorted keys; JSON is indented with 4 spaces and HTML-escaped like encoding/json;
 * YAML is what sigs.k8s.io/yaml (go-yaml v2) emits: sequences not indented under their key, strings
 * quoted only when needed (double quotes when they would read as another type, single quotes when
 * they hold YAML syntax), long plain strings folded at 80 columns.
 */

import { setOwn } from "../apply/strategic-merge.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy with keys sorted and undefined values dropped, as Go marshals a map. */
export function canonical(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value as object).sort(compareGo)) {
      const v = (value as Record<string, unknown>)[key];
      // An own "__proto__" key (a ConfigMap may have one) stays a key: plain assignment would set the prototype.
      if (v !== undefined) setOwn(out, key, canonical(v));
    }
    return out;
  }
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  return String(value);
}

/** Go sorts map keys bytewise, not by locale. */
function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toJson(value: unknown): string {
  return `${escapeHtml(JSON.stringify(canonical(value), null, 4))}\n`;
}

/** json.Marshal: compact, sorted keys, HTML-escaped (jsonpath prints maps and lists this way). */
export function toCompactJson(value: unknown): string {
  return escapeHtml(JSON.stringify(canonical(value)));
}

/** encoding/json escapes <, > and & (and the JS line separators) inside strings. */
function escapeHtml(text: string): string {
  return text
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

export function toYaml(value: unknown): string {
  const lines: string[] = [];
  const root = canonical(value);
  if (isCollection(root)) emitBlock(root, 0, lines);
  else lines.push(scalar(root, 0, 0));
  return `${lines.join("\n")}\n`;
}

function isCollection(value: Json): value is Json[] | { [key: string]: Json } {
  return (
    typeof value === "object" &&
    value !== null &&
    (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0)
  );
}

/** Writes a non-empty map or list whose lines start at `indent` spaces. */
function emitBlock(value: Json[] | { [key: string]: Json }, indent: number, lines: string[]): void {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item)) {
        // "- " then the first line of the nested block on the same line.
        const nested: string[] = [];
        emitBlock(item, indent + 2, nested);
        lines.push(`${pad}- ${nested[0]!.slice(indent + 2)}`, ...nested.slice(1));
      } else {
        lines.push(`${pad}- ${scalar(item, indent + 2, indent + 2)}`);
      }
    }
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const k = scalarKey(key);
    if (isCollection(item)) {
      lines.push(`${pad}${k}:`);
      // go-yaml v2 does not indent a sequence under its mapping key.
      emitBlock(item, Array.isArray(item) ? indent : indent + 2, lines);
    } else {
      lines.push(`${pad}${k}: ${scalar(item, indent + 2, indent + k.length + 2)}`);
    }
  }
}

function scalarKey(key: string): string {
  const style = stringStyle(key);
  if (style === "plain") return key;
  if (style === "double") return doubleQuoted(key);
  return `'${key.replaceAll("'", "''")}'`;
}

/**
 * A scalar value; `indent` is where continuation lines of folded or literal text start and
 * `column` where the value itself starts on its line.
 */
function scalar(value: Json, indent: number, column: number): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object") return "{}";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return String(value);
  const style = stringStyle(value);
  if (style === "literal") {
    const chomp = value.endsWith("\n") ? (value.endsWith("\n\n") ? "+" : "") : "-";
    const indicator = value.startsWith(" ") ? "2" : "";
    const body = (chomp === "+" ? value.slice(0, -1) : value.replace(/\n$/, "")).split("\n");
    return `|${indicator}${chomp}\n${body.map((l) => (l === "" ? "" : " ".repeat(indent) + l)).join("\n")}`;
  }
  if (style === "double") return doubleQuoted(value, indent, column, true);
  if (style === "single") return fold(`'${value.replaceAll("'", "''")}'`, indent, column);
  return fold(value, indent, column);
}

/**
 * go-yaml's emitter breaks plain and single-quoted scalars at a single space once the line has
 * passed 80 columns (best_width), continuing on the next line at the value's indentation.
 */
function fold(text: string, indent: number, startColumn: number): string {
  let out = "";
  let column = startColumn;
  let spaces = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === " ") {
      if (!spaces && column > 80 && i + 1 < text.length && text[i + 1] !== " ") {
        out += `\n${" ".repeat(indent)}`;
        column = indent;
      } else {
        out += ch;
        column++;
      }
      spaces = true;
    } else {
      out += ch;
      column++;
      spaces = false;
    }
  }
  return out;
}

/**
 * go-yaml v2's yaml_emitter_write_double_quoted_scalar: characters it cannot print (controls, tab,
 * CR, DEL, C1, BOM, anything past U+FFFF) and `"`, `\\` become escapes (`\e` for ESC: nothing of
 * a value can reach the terminal raw), and a value (not a key) breaks at a single space once the
 * line has passed 80 columns, a `\\` keeping a following space.
 */
function doubleQuoted(text: string, indent = 0, startColumn = 0, allowBreaks = false): string {
  let out = '"';
  let column = startColumn + 1;
  let spaces = false;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const code = ch.codePointAt(0)!;
    if (
      !printable(code) ||
      ch === '"' ||
      ch === "\\" ||
      code === 0x0a ||
      code === 0x85 ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      const escaped = `\\${yamlEscape(code)}`;
      out += escaped;
      column += escaped.length;
      spaces = false;
    } else if (ch === " ") {
      if (allowBreaks && !spaces && column > 80 && i > 0 && i < chars.length - 1) {
        out += `\n${" ".repeat(indent)}`;
        column = indent;
        if (chars[i + 1] === " ") {
          out += "\\";
          column++;
        }
      } else {
        out += ch;
        column++;
      }
      spaces = true;
    } else {
      out += ch;
      column++;
      spaces = false;
    }
  }
  return `${out}"`;
}

/** go-yaml's is_printable (with `unicode` on, as yaml.Marshal sets it). */
function printable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

const YAML_ESCAPES: Record<number, string> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  27: "e",
  34: '"',
  92: "\\",
  133: "N",
  160: "_",
  8232: "L",
  8233: "P",
};

function yamlEscape(code: number): string {
  const short = YAML_ESCAPES[code];
  if (short) return short;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `x${hex.padStart(2, "0")}`;
  if (code <= 0xffff) return `u${hex.padStart(4, "0")}`;
  return `U${hex.padStart(8, "0")}`;
}

/** The emitter's analysis found a character it cannot print: only double quotes can hold it. */
function hasSpecialCharacters(s: string): boolean {
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (!printable(code) && code !== 0x0a) return true;
  }
  return false;
}

type StringStyle = "plain" | "double" | "single" | "literal";

/** How go-yaml v2 writes a string: see encode.go stringv and the emitter's plain-scalar checks. */
function stringStyle(s: string): StringStyle {
  if (hasSpecialCharacters(s)) return "double";
  if (s.includes("\n")) return "literal";
  if (resolvesToNonString(s)) return "double";
  if (!plainAllowed(s)) return "single";
  return "plain";
}

/**
 * Strings go-yaml v2's resolver reads as something other than a string (resolve.go): the
 * null/bool words of YAML 1.1, ints (Go's ParseInt/ParseUint with base prefixes, underscores
 * ignored), floats, .inf/.nan, timestamps, base-60 numbers and the merge key.
 */
function resolvesToNonString(s: string): boolean {
  if (s === "" || s === "~" || s === "<<") return true;
  if (/^(null|Null|NULL)$/.test(s)) return true;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s))
    return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
  const first = s[0]!;
  if (first === ".") return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!/[-+0-9]/.test(first)) return false;
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/.test(s)) return true;
  const plain = s.replaceAll("_", "");
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  // Base-60 numbers (190:20:30) make go-yaml refuse a plain scalar.
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true;
  return false;
}

/** The emitter's analysis: may this text be written as a plain scalar (block context)? */
function plainAllowed(s: string): boolean {
  const first = s[0]!;
  if ("-?:,[]{}#&*!|>'\"%@`".includes(first)) {
    // "-", "?" and ":" may start a plain scalar when followed by a non-space.
    if (!("-?:".includes(first) && s.length > 1 && s[1] !== " ")) return false;
  }
  if (s.startsWith("---") || s.startsWith("...")) return false;
  if (s.startsWith(" ") || s.endsWith(" ")) return false;
  if (s.includes(": ") || s.endsWith(":") || s.includes(" #")) return false;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0xfeff) return false;
  }
  return true;
}
