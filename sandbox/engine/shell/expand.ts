/**
 * Word expansion in bash's order: braces (bash only, braces.ts), tilde, parameters and command
 * substitution, field splitting of unquoted results, then pathname expansion (globbing) of
 * unquoted `*`, `?` and `[...]`.
 */
import type { FileSystem } from "../fs/file-tree.ts";
import { resolvePath } from "../fs/file-tree.ts";
import { ArithmeticError, evaluateArithmetic } from "./arithmetic.ts";
import type { Script, Word } from "./ast.ts";
import { braceExpand } from "./braces.ts";

/** What expansion needs from the shell running it. */
export interface Expander {
  /** A variable's value; undefined when unset. Special names: `?`, `$`, `#`, `0`… */
  lookup(name: string): string | undefined;
  /** `$1`, `$2`…: a quoted `"$@"` makes one field of each. */
  positional?(): readonly string[];
  /** Runs `$(...)`, returning its stdout (its stderr goes to the terminal). */
  substitute(script: Script): Promise<string>;
  fs: FileSystem;
  cwd: string;
  home: string;
  /** Whether `{a,b}` and `{1..3}` expand: bash's, not dash's or ash's. */
  braces?: boolean;
}

/**
 * `${x y}`: bash's message when a `${...}` is not a name; with a second argument, any expansion's
 * own error (`brace expansion: failed to allocate memory for … elements`).
 */
export class BadSubstitution extends Error {
  constructor(text: string, arithmeticMessage?: string) {
    super(arithmeticMessage ? `${text.trim()}: ${arithmeticMessage}` : `\${${text}}: bad substitution`);
    this.name = "BadSubstitution";
  }
}

const NAME_OR_SPECIAL = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#!@*-])$/;
const IFS_WHITESPACE = /[ \t\n]+/;

interface Field {
  text: string;
  /** The text with quoted glob characters escaped by a backslash. */
  pattern: string;
  glob: boolean;
}

/** Expands words into the argument list a command receives. */
export async function expandWords(words: readonly Word[], shell: Expander): Promise<string[]> {
  const out: string[] = [];
  for (const typed of words)
    for (const word of shell.braces ? braceExpand(typed) : [typed])
      out.push(...(await expandWord(word, shell)));
  return out;
}

export async function expandWord(word: Word, shell: Expander): Promise<string[]> {
  const fields: Field[] = [];
  let current: Field | undefined;
  const append = (text: string, quoted: boolean) => {
    current ??= { text: "", pattern: "", glob: false };
    current.text += text;
    if (quoted) current.pattern += text.replace(/[*?[\]\\]/g, "\\$&");
    else {
      current.pattern += text;
      if (/[*?[]/.test(text)) current.glob = true;
    }
  };
  for (const [index, part] of word.parts.entries()) {
    if (part.type === "text") {
      const value = part.value;
      if (index === 0 && !part.quoted && (value === "~" || value.startsWith("~/"))) {
        append(shell.home, true);
        append(value.slice(1), false);
      } else append(value, part.quoted);
      continue;
    }
    if (part.type === "param" && part.name === "@" && part.quoted && shell.positional) {
      // "$@": each parameter its own field, none at all when there are none (POSIX 2.5.2).
      for (const [i, parameter] of shell.positional().entries()) {
        if (i > 0) {
          fields.push(current!);
          current = undefined;
        }
        append(parameter, true);
      }
      continue;
    }
    const value =
      part.type === "param"
        ? paramValue(part.name, shell)
        : part.type === "arithmetic"
          ? await arithmetic(part.expression, shell)
          : await shell.substitute(part.script);
    const text = part.type === "command" ? value.replace(/\n+$/, "") : value;
    if (part.quoted) {
      append(text, true);
      continue;
    }
    text.split(IFS_WHITESPACE).forEach((piece, i) => {
      if (i > 0 && current) {
        fields.push(current);
        current = undefined;
      }
      if (piece) append(piece, false);
    });
  }
  if (current) fields.push(current);
  const out: string[] = [];
  for (const field of fields) {
    const matches = field.glob ? glob(field.pattern, shell) : [];
    if (matches.length > 0) out.push(...matches);
    else out.push(field.text);
  }
  return out;
}

/** Expands a word into one string, as assignments and heredoc bodies are (no splitting, no globs). */
export async function expandToString(word: Word, shell: Expander): Promise<string> {
  let out = "";
  for (const part of word.parts) {
    if (part.type === "text") out += part.value;
    else if (part.type === "param") out += paramValue(part.name, shell);
    else if (part.type === "arithmetic") out += await arithmetic(part.expression, shell);
    else out += (await shell.substitute(part.script)).replace(/\n+$/, "");
  }
  return out;
}

async function arithmetic(expression: Word, shell: Expander): Promise<string> {
  const text = await expandToString(expression, shell);
  try {
    return String(evaluateArithmetic(text, (name) => shell.lookup(name)));
  } catch (error) {
    if (error instanceof ArithmeticError) throw new BadSubstitution(text, error.message);
    throw error;
  }
}

function paramValue(name: string, shell: Expander): string {
  if (!NAME_OR_SPECIAL.test(name)) {
    // ${VAR:-default} and ${VAR-default}, the one form learners meet in tutorials.
    const fallback = /^([A-Za-z_][A-Za-z0-9_]*)(:?)-(.*)$/s.exec(name);
    if (fallback) {
      const value = shell.lookup(fallback[1]!);
      const useDefault = value === undefined || (fallback[2] === ":" && value === "");
      return useDefault ? fallback[3]! : value;
    }
    const length = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(name);
    if (length) return String([...(shell.lookup(length[1]!) ?? "")].length);
    throw new BadSubstitution(name);
  }
  return shell.lookup(name) ?? "";
}

/** Pathname expansion relative to the shell's directory; sorted, hidden files only for `.x*`. */
export function glob(pattern: string, shell: Pick<Expander, "fs" | "cwd">): string[] {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let candidates: string[] = [absolute ? "/" : ""];
  for (const segment of segments) {
    if (segment === "" && absolute) continue;
    const next: string[] = [];
    for (const base of candidates) {
      const dir = resolvePath(shell.cwd, base === "" ? "." : base);
      const join = (name: string) =>
        base === "" ? name : base.endsWith("/") ? base + name : `${base}/${name}`;
      if (!/(^|[^\\])[*?[]/.test(segment)) {
        const name = segment.replace(/\\(.)/g, "$1");
        if (shell.fs.stat(resolvePath(dir, name))) next.push(join(name));
        continue;
      }
      const node = shell.fs.stat(dir);
      if (node?.type !== "dir") continue;
      const regex = globRegex(segment);
      for (const name of Object.keys(node.children).sort()) {
        if (name.startsWith(".") && !segment.startsWith(".")) continue;
        if (regex.test(name)) next.push(join(name));
      }
    }
    candidates = next;
  }
  return candidates.filter((c) => c !== "" && c !== "/");
}

/** A glob pattern (one path segment) as a RegExp matching whole names. */
export function globRegex(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === "\\" && i + 1 < segment.length) source += escapeRegex(segment[++i]!);
    else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else if (ch === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end < 0) source += "\\[";
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        source += `[${body}]`;
        i = end;
      }
    } else source += escapeRegex(ch);
  }
  return new RegExp(`^${source}$`, "s");
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
