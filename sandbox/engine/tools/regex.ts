/**
 * POSIX regular expressions (basic and extended, as grep and awk take them) translated to
 * JavaScript RegExp source.
 */

const CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  digit: "0-9",
  lower: "a-z",
  upper: "A-Z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
};

/** In BRE these are literal unless escaped; in ERE they are special unless escaped. */
const SWAPPED = new Set(["(", ")", "|", "{", "}", "+", "?"]);

export function posixToJs(pattern: string, extended: boolean): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "[") {
      const end = bracketEnd(pattern, i);
      if (end < 0) throw new SyntaxError("Unmatched [, [^, [:, [., or [=");
      // A backslash is literal in a bracket expression; the classes' own escapes are not.
      const body = pattern
        .slice(i + 1, end)
        .replace(/\\/g, "\\\\")
        .replace(/\[:([a-z]+):\]/g, (_, name: string) => CLASSES[name] ?? "");
      out += `[${body}]`;
      i = end;
    } else if (ch === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      if (next === "<" || next === ">") out += "\\b";
      else if (next >= "1" && next <= "9")
        out += `\\${next}`; // a back-reference
      else if (!extended && SWAPPED.has(next)) out += next;
      else if (/[wWsSbB]/.test(next)) out += `\\${next}`;
      else out += escapeChar(next);
    } else if (!extended && SWAPPED.has(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Where the bracket expression opening at `start` closes (its `]`), or -1 when it does not. */
export function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === "[" && pattern[i + 1] === ":") {
      const close = pattern.indexOf(":]", i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === "]") return i;
  }
  return -1;
}

const escapeChar = (ch: string) => (/[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch);
