import type { Tool } from "../shell/interpreter.ts";
import { interpretEscapes } from "./echo.ts";

/**
 * `printf FORMAT [ARG]...`: %s, %d/%i, %b, %c, %x, %% with optional width and `-`; the format is
 * reused until the arguments run out, as in bash's builtin.
 */
export const printf: Tool = async (ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  if (format === undefined) {
    ctx.stderr(`printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  let status = 0;
  let out = "";
  // bash's builtin knows \u and \U and warns when no digit follows; dash's and BusyBox's do not.
  const escapes = {
    unicode: ctx.shell.dialect.name === "bash",
    missingDigit: (letter: string) =>
      ctx.stderr(
        `${ctx.shell.dialect.prefix(ctx.shell.line)}printf: missing unicode digit for \\${letter}\n`,
      ),
  };
  let index = 0;
  const pieces = format.split(/(%[-0]?\d*[sdibcx%])/);
  do {
    let consumed = false;
    for (const piece of pieces) {
      const spec = /^%([-0]?)(\d*)([sdibcx%])$/.exec(piece);
      if (!spec) {
        out += interpretEscapes(piece, escapes).text;
        continue;
      }
      const [, flag, width, conv] = spec as unknown as [string, string, string, string];
      if (conv === "%") {
        out += "%";
        continue;
      }
      consumed = true;
      const arg = args[index++] ?? "";
      let value: string;
      if (conv === "d" || conv === "i" || conv === "x") {
        const n = arg === "" ? 0 : Number(arg);
        if (!Number.isInteger(n)) {
          ctx.stderr(`${ctx.shell.dialect.prefix(ctx.shell.line)}printf: ${arg}: invalid number\n`);
          status = 1;
        }
        value = conv === "x" ? Math.trunc(n || 0).toString(16) : String(Math.trunc(n || 0));
      } else if (conv === "b") value = interpretEscapes(arg, escapes).text;
      else if (conv === "c") value = arg.slice(0, 1);
      else value = arg;
      const w = Number(width || 0);
      out += flag === "-" ? value.padEnd(w) : value.padStart(w, flag === "0" ? "0" : " ");
    }
    if (!consumed) break;
  } while (index < args.length);
  ctx.stdout(out);
  return status;
};
