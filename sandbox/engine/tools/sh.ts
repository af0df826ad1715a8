import type { Dialect } from "../shell/dialect.ts";
import type { Tool } from "../shell/interpreter.ts";

/**
 * `sh -c 'SCRIPT' [NAME [ARG]...]`, `bash -c …`, and `sh < script` / `echo cmd | sh`: runs a
 * script in a child shell of the given dialect over the same files.
 */
export function shellProgram(dialect: Dialect): Tool {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const child = ctx.shell.subshell(dialect, true);
    for (const [name, value] of Object.entries(ctx.environ)) child.setVariable(name, value, true);
    const io = {
      stdin: "",
      stdinIsTerminal: false,
      stdoutIsTerminal: ctx.stdoutIsTerminal,
      out: ctx.stdout,
      err: ctx.stderr,
      signal: ctx.signal,
    };
    child.line = 1;
    const c = args.indexOf("-c");
    if (c >= 0) {
      const script = args[c + 1];
      if (script === undefined) {
        ctx.stderr(
          dialect.name === "bash"
            ? "bash: -c: option requires an argument\n"
            : `${dialect.program}: -c requires an argument\n`,
        );
        return 2;
      }
      // POSIX: the operands after the script are $0, then $1…; without them $0 is the shell's name.
      const [name, ...rest] = args.slice(c + 2);
      child.arg0 = name;
      child.positional = rest;
      return child.runText(script, { ...io, stdin: ctx.stdin });
    }
    const at = args.findIndex((a) => !a.startsWith("-"));
    const file = at >= 0 ? args[at] : undefined;
    if (file !== undefined) {
      child.arg0 = file;
      child.positional = args.slice(at + 1);
      const node = ctx.shell.fs.stat(ctx.shell.resolve(file));
      if (node?.type !== "file") {
        ctx.stderr(
          dialect.name === "bash"
            ? `bash: ${file}: No such file or directory\n`
            : `${dialect.program}: 0: cannot open ${file}: No such file\n`,
        );
        return 127;
      }
      return child.runText(node.content, io);
    }
    return child.runText(ctx.stdin, io);
  };
}
