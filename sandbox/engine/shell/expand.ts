/**
 * Word expansion in bash's order: braces (bash only, braces.ts), tilde, parameters and command
 * substitution, field splitting of unquoted results, then pathname expansion (globbing) of
 * unquoted `*`, `?` and `[...]`.
 */
import type { FileSystem } from "../fs/file-tree.ts";
import { resolvePath } from "../fs/file-tree.ts";
import { ArithmeticError, evaluateArithmetic } from "./arithmetic.ts";
import type { Script, Word, WordPart } from "./ast.ts";
import { braceExpand } from "./braces.ts";
import { BadSubstitution } from "./expansion-errors.ts";
import { expandParameter } from "./parameters.ts";

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
  /** bash's own expansions: `{a,b}` and `{1..3}`, `${x/a/b}`, `${x:1:2}`, `${x^^}` (not dash's or ash's). */
  bash?: boolean;
  /** Sets a variable, for `${x:=word}`. */
  assign?(name: string, value: string): void;
  /** An indexed array's elements (`${BASH_REMATCH[1]}`), if `name` is one. */
  array?(name: string): readonly string[] | undefined;
  /** set -u: expanding an unset variable is an error. */
  nounset?: boolean;
  /** set -f: no pathname expansion. */
  noglob?: boolean;
}

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
    for (const word of shell.bash ? braceExpand(typed) : [typed])
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
  const split = (value: string) =>
    value.split(IFS_WHITESPACE).forEach((piece, i) => {
      if (i > 0 && current) {
        fields.push(current);
        current = undefined;
      }
      if (piece) append(piece, false);
    });
  // A part of the word, or of the word a `${x:-word}` stood for: that word's own quoting inside
  // the outer's, its unquoted text split as an expansion's result is.
  const add = async (part: WordPart, first: boolean, inQuotes: boolean, operand = false): Promise<void> => {
    const quoted = part.quoted || inQuotes;
    if (part.type === "text") {
      const value = part.value;
      if (first && !quoted && (value === "~" || value.startsWith("~/"))) {
        append(shell.home, true);
        append(value.slice(1), false);
      } else if (operand && !quoted) split(value);
      else append(value, quoted);
      return;
    }
    if (part.type === "param" && part.name === "@" && quoted && shell.positional) {
      // "$@": each parameter its own field, none at all when there are none (POSIX 2.5.2).
      for (const [i, parameter] of shell.positional().entries()) {
        if (i > 0) {
          fields.push(current!);
          current = undefined;
        }
        append(parameter, true);
      }
      return;
    }
    let value: string;
    if (part.type === "param") {
      const expanded = await expandParameter(part.name, shell, quoted);
      if (typeof expanded !== "string") {
        for (const inner of expanded.parts) await add(inner, false, quoted, true);
        return;
      }
      value = expanded;
    } else if (part.type === "arithmetic") value = await arithmetic(part.expression, shell);
    else value = (await shell.substitute(part.script)).replace(/\n+$/, "");
    if (quoted) append(value, true);
    else split(value);
  };
  for (const [index, part] of word.parts.entries()) await add(part, index === 0, false);
  if (current) fields.push(current);
  const out: string[] = [];
  for (const field of fields) {
    const matches = field.glob && !shell.noglob ? glob(field.pattern, shell) : [];
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
    else if (part.type === "param") {
      const value = await expandParameter(part.name, shell, part.quoted);
      out += typeof value === "string" ? value : await expandToString(value, shell);
    } else if (part.type === "arithmetic") out += await arithmetic(part.expression, shell);
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

/**
 * A pattern (a `case` item, `${x#pattern}`) as the source of a RegExp: unquoted `*`, `?` and
 * `[…]` are wildcards, also where an unquoted expansion brought them in; quoted text is literal.
 * `lazy` makes `*` match as little as it can; `reversed` is the pattern for the reversed string
 * (a suffix of a string is a prefix of its reverse).
 */
export async function patternSource(
  pattern: Word,
  shell: Expander,
  options: { lazy?: boolean; reversed?: boolean } = {},
): Promise<string> {
  const atoms: string[] = [];
  const literal = (text: string) => {
    for (const ch of text) atoms.push(escapeRegex(ch));
  };
  for (const part of pattern.parts) {
    const text = part.type === "text" ? part.value : await expandToString({ parts: [part], raw: "" }, shell);
    if (part.quoted) {
      literal(text);
      continue;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "*") atoms.push(options.lazy ? "[\\s\\S]*?" : "[\\s\\S]*");
      else if (ch === "?") atoms.push("[\\s\\S]");
      else if (ch === "\\" && i + 1 < text.length) literal(text[++i]!);
      else if (ch === "[" && text.indexOf("]", i + 2) >= 0) {
        const end = text.indexOf("]", i + 2);
        atoms.push(`[${text.slice(i + 1, end).replace(/^!/, "^")}]`);
        i = end;
      } else literal(ch);
    }
  }
  return (options.reversed ? atoms.reverse() : atoms).join("");
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

/** `text` as a RegExp source matching exactly it. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
