/**
 * printf's %q: a word the shell reads back as `text`, as bash 5.2 writes it. Text with a character
 * that cannot be printed is written in ANSI-C quotes (`$'a\nb'`, bash's ansic_quote); other text
 * gets a backslash before each character the shell would treat specially (sh_backslash_quote).
 */

/** Not printable in a UTF-8 locale: C0 controls, DEL and the C1 controls. */
const UNPRINTABLE = /\p{Cc}/u;
const SPECIAL = new Set([..." \t\n'\"\\|&;()<>!{}*[?]^$`,"]);
const ANSI_C: Readonly<Record<string, string>> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\x1b": "\\E",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  "'": "\\'",
};

export function shellQuote(text: string): string {
  if (text === "") return "''";
  if (UNPRINTABLE.test(text)) return ansiCQuote(text);
  const chars = [...text];
  let out = "";
  for (const [i, ch] of chars.entries()) {
    const before = chars[i - 1];
    const escaped =
      SPECIAL.has(ch) ||
      (ch === "~" && (i === 0 || before === "=" || before === ":")) ||
      (ch === "#" && i === 0);
    out += escaped ? `\\${ch}` : ch;
  }
  return out;
}

/** `$'…'`, as bash's ansic_quote writes text (printf's %q, xtrace). */
export function ansiCQuote(text: string): string {
  let out = "";
  for (const ch of text) {
    if (Object.hasOwn(ANSI_C, ch)) out += ANSI_C[ch];
    else if (UNPRINTABLE.test(ch)) {
      // Each byte of the character in octal (C1 controls are two bytes in UTF-8).
      for (const byte of new TextEncoder().encode(ch)) out += `\\${byte.toString(8).padStart(3, "0")}`;
    } else out += ch;
  }
  return `$'${out}'`;
}
