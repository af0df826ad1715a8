/**
 * `${…}` with an operator, as bash 5.2 expands it (dash knows the POSIX ones only):
 * `${x:-word}` `${x-word}` `${x:=word}` `${x:+word}` `${x:?word}` (and without the colon),
 * `${#x}`, `${x#pat}` `${x##pat}` `${x%pat}` `${x%%pat}` (`${HOSTNAME##*-}` is a StatefulSet
 * pod's ordinal), and bash's `${x/pat/rep}` `${x//pat/rep}` `${x/#pat/rep}` `${x/%pat/rep}`,
 * `${x:offset}` `${x:offset:length}`, `${x^}` `${x^^}` `${x,}` `${x,,}` and `${!x}`.
 * The word after an operator is parsed when it is expanded (parseOperand), and only then.
 */
import { ArithmeticError, evaluateArithmetic } from "./arithmetic.ts";
import type { Word } from "./ast.ts";
import { type Expander, expandToString, patternSource } from "./expand.ts";
import { BadSubstitution, ParameterError } from "./expansion-errors.ts";
import { parseOperand } from "./parser.ts";

const NAME = "[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#!@*-]";
const PLAIN = new RegExp(`^(?:${NAME})$`);

/**
 * The value of `${inner}` (`inner` is what stands between the braces), or, for `${x:-word}` and
 * `${x:+word}`, the word to expand in its place: its quoted parts stay unsplit, as in bash.
 */
export async function expandParameter(
  inner: string,
  shell: Expander,
  quoted = false,
): Promise<string | Word> {
  if (PLAIN.test(inner)) {
    const value = shell.lookup(inner);
    // set -u: bash names a positional parameter with its $, dash words it as for ${x?}.
    if (value === undefined && shell.nounset && inner !== "@" && inner !== "*")
      throw shell.bash
        ? new ParameterError(/^\d/.test(inner) ? `$${inner}` : inner, "unbound variable", 127)
        : new ParameterError(inner, "parameter not set");
    return value ?? "";
  }
  const bash = shell.bash === true;
  const element = bash ? /^(#?)([A-Za-z_][A-Za-z0-9_]*)\[([^\]]+)\]$/.exec(inner) : null;
  if (element) return arrayElement(element[2]!, element[3]!, element[1] === "#", shell);
  const length = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!@*-])$/.exec(inner);
  if (length) {
    // ${#@} and ${#*} count the positional parameters; any other name, its value's characters.
    const name = length[1]!;
    if ((name === "@" || name === "*") && shell.positional) return String(shell.positional().length);
    return String([...(shell.lookup(name) ?? "")].length);
  }
  const indirect = bash ? /^!([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner) : null;
  if (indirect) {
    const target = shell.lookup(indirect[1]!) ?? "";
    if (!PLAIN.test(target)) throw new ParameterError(target, "invalid variable name");
    return shell.lookup(target) ?? "";
  }
  const operators = bash ? ":?[-=+?]|##?|%%?|/#|/%|//?|:|\\^\\^?|,,?" : ":?[-=+?]|##?|%%?";
  const match = new RegExp(`^(${NAME})(${operators})([\\s\\S]*)$`).exec(inner);
  if (!match) throw new BadSubstitution(inner);
  const [, name, op, rest] = match as unknown as [string, string, string, string];
  const value = shell.lookup(name);
  const operand = (text: string) => expandToString(parseOperand(text, quoted), shell);
  switch (op) {
    case "-":
    case ":-":
      return unsetOrNull(value, op) ? parseOperand(rest, quoted) : value!;
    case "+":
    case ":+":
      return unsetOrNull(value, op) ? "" : parseOperand(rest, quoted);
    case "=":
    case ":=": {
      if (!unsetOrNull(value, op)) return value!;
      if (!/^[A-Za-z_]/.test(name))
        throw bash
          ? new ParameterError(`$${name}`, "cannot assign in this way")
          : new ParameterError(name, "bad variable name");
      const assigned = await operand(rest);
      shell.assign?.(name, assigned);
      return assigned;
    }
    case "?":
    case ":?": {
      if (!unsetOrNull(value, op)) return value!;
      const empty =
        op === "?" ? "parameter not set" : bash ? "parameter null or not set" : "parameter not set or null";
      const message = rest === "" ? empty : await operand(rest);
      throw new ParameterError(name, message);
    }
    case "#":
    case "##":
    case "%":
    case "%%":
      return removeAffix(value ?? "", rest, op, shell, quoted);
    case ":":
      return substring(value ?? "", rest, shell, quoted);
    case "^":
    case "^^":
    case ",":
    case ",,":
      return changeCase(value ?? "", op, rest === "" ? undefined : await pattern(rest, shell, quoted));
    default:
      return replace(value ?? "", op, rest, shell, quoted);
  }
}

/**
 * `${name[i]}`, `${name[@]}`, `${#name[@]}`: an array's element, all of them, their count; a
 * plain variable is an array of one.
 */
function arrayElement(name: string, index: string, count: boolean, shell: Expander): string {
  const scalar = shell.lookup(name);
  const elements = shell.array?.(name) ?? (scalar === undefined ? [] : [scalar]);
  if (index === "@" || index === "*") return count ? String(elements.length) : elements.join(" ");
  let i: number;
  try {
    i = evaluateArithmetic(index, (n) => shell.lookup(n));
  } catch (error) {
    if (error instanceof ArithmeticError) throw new BadSubstitution(index, error.message);
    throw error;
  }
  const value = elements[i < 0 ? elements.length + i : i] ?? "";
  return count ? String([...value].length) : value;
}

const unsetOrNull = (value: string | undefined, op: string) =>
  value === undefined || (op.startsWith(":") && value === "");

/** A pattern operand as the source of a RegExp (expand.ts patternSource). */
function pattern(text: string, shell: Expander, quoted: boolean, options = {}): Promise<string> {
  return patternSource(parseOperand(text, quoted), shell, options);
}

const reverse = (text: string) => [...text].reverse().join("");

/**
 * `#` and `##` remove the shortest and longest prefix the pattern matches, `%` and `%%` the
 * shortest and longest suffix (a prefix of the reversed string, matched by the reversed pattern).
 */
async function removeAffix(
  value: string,
  rest: string,
  op: string,
  shell: Expander,
  quoted: boolean,
): Promise<string> {
  const suffix = op[0] === "%";
  const source = await pattern(rest, shell, quoted, { lazy: op.length === 1, reversed: suffix });
  const subject = suffix ? reverse(value) : value;
  const found = new RegExp(`^(?:${source})`, "s").exec(subject);
  if (!found) return value;
  const kept = subject.slice(found[0].length);
  return suffix ? reverse(kept) : kept;
}

/**
 * `${x/pat/rep}`: the first longest match replaced, every one with `//`, only at the start with
 * `/#` or the end with `/%`. In the replacement an unquoted `&` is the matched text (bash 5.2's
 * patsub_replacement, on by default).
 */
async function replace(
  value: string,
  op: string,
  rest: string,
  shell: Expander,
  quoted: boolean,
): Promise<string> {
  // After `//`, a pattern's own leading `/` is not the separator (bash's parameter_brace_patsub).
  const skip = op === "//" && rest.startsWith("/") ? 1 : 0;
  const found = operandSlash(rest.slice(skip));
  const slash = found < 0 ? -1 : found + skip;
  const source = await pattern(slash < 0 ? rest : rest.slice(0, slash), shell, quoted);
  const replacement = parseOperand(slash < 0 ? "" : rest.slice(slash + 1), quoted);
  // Sticky: a match starting exactly where it is asked for; `/%` asks for one that ends the string.
  const at = new RegExp(`(?:${source})${op === "/%" ? "$" : ""}`, "ys");
  /** Where the longest match starting at `start` ends (greedy stars take the most), or -1. */
  const longestAt = (start: number): number => {
    at.lastIndex = start;
    const found = at.exec(value);
    return found ? start + found[0].length : -1;
  };
  let out = "";
  let i = 0;
  let replaced = false;
  while (i <= value.length) {
    const end = (op === "/#" && i > 0) || (replaced && op !== "//") ? -1 : longestAt(i);
    // An empty match replaces nothing, except where the pattern is anchored (`${x/#/pre}`).
    if (end >= 0 && (end > i || op === "/#" || op === "/%")) {
      out += await substituted(replacement, value.slice(i, end), shell);
      replaced = true;
      if (end > i) {
        i = end;
        continue;
      }
    }
    if (i < value.length) {
      const step = String.fromCodePoint(value.codePointAt(i)!).length;
      out += value.slice(i, i + step);
      i += step;
    } else i++;
  }
  return out;
}

/** Where the operand's pattern ends: its first `/` not escaped, quoted or inside `${…}`. */
function operandSlash(text: string): number {
  let quote = "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\") i++;
    else if (quote !== "") quote = ch === quote ? "" : quote;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "$" && text[i + 1] === "{") depth++;
    else if (ch === "}" && depth > 0) depth--;
    else if (ch === "/" && depth === 0) return i;
  }
  return -1;
}

async function substituted(replacement: Word, matched: string, shell: Expander): Promise<string> {
  let out = "";
  for (const part of replacement.parts) {
    const text = await expandToString({ parts: [part], raw: "" }, shell);
    // A backslash makes the next character plain (`\&` is `&`); typed bare, it was removed already.
    out +=
      part.type === "text" && !part.quoted
        ? text.replace(/\\([\s\S])|&/g, (_, escaped?: string) => escaped ?? matched)
        : text;
  }
  return out;
}

/** `${x:offset}` and `${x:offset:length}`: arithmetic on characters; a negative length counts from the end. */
async function substring(value: string, rest: string, shell: Expander, quoted: boolean): Promise<string> {
  const colon = rest.indexOf(":");
  const arithmetic = async (text: string) => {
    const expanded = await expandToString(parseOperand(text, quoted), shell);
    try {
      return evaluateArithmetic(expanded, (n) => shell.lookup(n));
    } catch (error) {
      if (error instanceof ArithmeticError) throw new BadSubstitution(expanded, error.message);
      throw error;
    }
  };
  const chars = [...value];
  let start = await arithmetic(colon < 0 ? rest : rest.slice(0, colon));
  if (start < 0) start = Math.max(0, chars.length + start);
  if (start > chars.length) return "";
  if (colon < 0) return chars.slice(start).join("");
  const length = await arithmetic(rest.slice(colon + 1));
  if (length >= 0) return chars.slice(start, start + length).join("");
  const end = chars.length + length;
  if (end < start) throw new ParameterError(rest.slice(colon + 1), "substring expression < 0");
  return chars.slice(start, end).join("");
}

/** `^` upper-cases the first character, `^^` all of them; `,` and `,,` lower-case; a pattern picks which. */
function changeCase(value: string, op: string, source: string | undefined): string {
  const picked =
    source === undefined ? () => true : (ch: string) => new RegExp(`^(?:${source})$`, "s").test(ch);
  const change = op[0] === "^" ? (ch: string) => ch.toUpperCase() : (ch: string) => ch.toLowerCase();
  return [...value].map((ch, i) => ((op.length === 2 || i === 0) && picked(ch) ? change(ch) : ch)).join("");
}
