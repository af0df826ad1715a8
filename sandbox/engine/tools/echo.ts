import { C_ESCAPES } from "../shell/c-escapes.ts";
import type { Tool } from "../shell/interpreter.ts";

/**
 * `echo [-neE] [ARG]...` as bash's builtin: leading words made only of n/e/E letters are
 * options; `-e` interprets backslash escapes, `\c` stops all output.
 */
export const echo: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (ctx.shell.dialect.name === "dash") return dashEcho(ctx, args);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
    for (const letter of args.shift()!.slice(1)) {
      if (letter === "n") newline = false;
      else escapes = letter === "e";
    }
  }
  let text = args.join(" ");
  if (escapes) {
    const cut = interpretEscapes(text, { unicode: ctx.shell.dialect.name === "bash" });
    text = cut.text;
    if (cut.stop) newline = false;
  }
  ctx.stdout(newline ? `${text}\n` : text);
  return 0;
};

/**
 * dash's builtin echo (Debian's /bin/sh): `-n` is its only option (`-e` is printed), and
 * backslash escapes are always interpreted: \a \b \c \e \f \n \r \t \v \\ and \0NNN, not \E or \x.
 */
function dashEcho(ctx: Parameters<Tool>[0], args: string[]): Promise<number> {
  const newline = args[0] !== "-n";
  if (!newline) args.shift();
  const cut = interpretEscapes(args.join(" "), { dash: true });
  ctx.stdout(cut.stop || !newline ? cut.text : `${cut.text}\n`);
  return Promise.resolve(0);
}

/**
 * echo -e's escapes: \n \t …, \0NNN octal, \xHH hex, and \c (stop). `unicode`: bash's \uHHHH and
 * \UHHHHHHHH (up to 4 / 8 hex digits; dash and BusyBox print them as they are); without a digit
 * the escape stays as written and `missingDigit` hears of it (bash's printf warns).
 */
export function interpretEscapes(
  text: string,
  options: { dash?: boolean; unicode?: boolean; missingDigit?: (letter: string) => void } = {},
): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    if (next === "c") return { text: out, stop: true };
    if (options.dash && (next === "E" || next === "x")) out += ch;
    else if (Object.hasOwn(C_ESCAPES, next)) {
      out += C_ESCAPES[next];
      i++;
    } else if (next === "0") {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(Number.parseInt(digits || "0", 8));
      i += 1 + digits.length;
    } else if (next === "x" && /^[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(Number.parseInt(digits, 16));
      i += 1 + digits.length;
    } else if (options.unicode && (next === "u" || next === "U")) {
      const digits = new RegExp(`^[0-9a-fA-F]{0,${next === "u" ? 4 : 8}}`).exec(text.slice(i + 2))![0];
      if (digits === "") {
        options.missingDigit?.(next);
        out += ch;
        continue;
      }
      const code = Number.parseInt(digits, 16);
      // Past Unicode's last code point bash writes bytes no string can hold: nothing here.
      if (code <= 0x10ffff) out += String.fromCodePoint(code);
      i += 1 + digits.length;
    } else out += ch;
  }
  return { text: out, stop: false };
}
