/**
 * Shell builtins: the commands that act on the shell itself (its directory, variables, history),
 * so they cannot be programs. Every shell has them, host and pod alike.
 */
import { echo } from "../tools/echo.ts";
import { bracket, test } from "../tools/test.ts";
import { alias, unalias } from "./aliases.ts";
import { FunctionReturn, ioOf, LoopControl, type Tool } from "./interpreter.ts";
import { onFirstUse } from "./lazy-tool.ts";
import { set, shift } from "./set-options.ts";

/**
 * printf loads on first use, as most tools do (lazy-tool.ts): its long-double arithmetic and %q
 * would otherwise add 13 KB to the code the engine starts with.
 */
export const printf = onFirstUse(async () => (await import("../tools/printf.ts")).printf);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `cd [DIR]`, `cd -`: no argument means $HOME; `-` goes back to $OLDPWD and prints it. */
const cd: Tool = async (ctx) => {
  const { shell } = ctx;
  const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && (a === "-L" || a === "-P")));
  if (args.length > 1) {
    ctx.stderr(shell.dialect.cdError("", "too-many", shell.line));
    return 1;
  }
  let target = args[0] ?? shell.home;
  if (target === "-") {
    const previous = shell.vars.get("OLDPWD");
    if (previous === undefined) {
      ctx.stderr(`${shell.dialect.prefix(shell.line)}cd: OLDPWD not set\n`);
      return 1;
    }
    target = previous;
    ctx.stdout(`${previous}\n`);
  }
  const path = shell.resolve(target);
  const node = shell.fs.stat(path);
  if (node?.type !== "dir") {
    ctx.stderr(shell.dialect.cdError(target, node ? "ENOTDIR" : "ENOENT", shell.line));
    return 1;
  }
  shell.setVariable("OLDPWD", shell.cwd, true);
  shell.cwd = path;
  return 0;
};

const pwd: Tool = async (ctx) => {
  ctx.stdout(`${ctx.shell.cwd}\n`);
  return 0;
};

/** `export NAME[=VALUE]...`; with no names, lists exported variables as `declare -x` lines. */
const exportBuiltin: Tool = async (ctx) => {
  const { shell } = ctx;
  const args = ctx.argv.slice(1).filter((a) => a !== "-n");
  if (args.length === 0 || (args.length === 1 && args[0] === "-p")) {
    for (const name of [...shell.exported].sort()) {
      const value = shell.vars.get(name);
      ctx.stdout(
        value === undefined
          ? `declare -x ${name}\n`
          : `declare -x ${name}="${value.replace(/(["\\$`])/g, "\\$1")}"\n`,
      );
    }
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      ctx.stderr(`${shell.dialect.prefix(shell.line)}export: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) shell.setVariable(name, arg.slice(eq + 1), true);
    else shell.exported.add(name);
  }
  return status;
};

const unset: Tool = async (ctx) => {
  for (const name of ctx.argv.slice(1)) {
    if (name.startsWith("-")) continue;
    ctx.shell.vars.delete(name);
    ctx.shell.exported.delete(name);
  }
  return 0;
};

/** `return [N]`: ends the running function with N (or `$?`). */
const returnBuiltin: Tool = async (ctx) => {
  const arg = ctx.argv[1];
  const prefix = ctx.shell.dialect.prefix(ctx.shell.line);
  if (ctx.shell.functionDepth === 0) {
    ctx.stderr(`${prefix}return: can only \`return' from a function or sourced script\n`);
    return 1;
  }
  if (arg !== undefined && !/^-?\d+$/.test(arg)) {
    ctx.stderr(`${prefix}return: ${arg}: numeric argument required\n`);
    throw new FunctionReturn(2);
  }
  throw new FunctionReturn(arg === undefined ? ctx.shell.status : ((Number(arg) % 256) + 256) % 256);
};

/** `local NAME=VALUE…`: sets the variables (this shell keeps one scope, so they are not unset on return). */
const local: Tool = async (ctx) => {
  for (const arg of ctx.argv.slice(1)) {
    const eq = arg.indexOf("=");
    if (eq < 0) ctx.shell.setVariable(arg, ctx.shell.vars.get(arg) ?? "");
    else ctx.shell.setVariable(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return 0;
};

/** `exit [N]`: ends the shell's session (a pod shell returns to the host prompt). */
const exit: Tool = async (ctx) => {
  const arg = ctx.argv[1];
  let status = ctx.shell.status;
  if (arg !== undefined) {
    if (!/^-?\d+$/.test(arg)) {
      ctx.stderr(`${ctx.shell.dialect.prefix(ctx.shell.line)}exit: ${arg}: numeric argument required\n`);
      status = 2;
    } else status = ((Number(arg) % 256) + 256) % 256;
  }
  ctx.shell.exitStatus = status;
  return status;
};

/** `history`: the lines typed in this shell, numbered like bash (`%5d  %s`). */
const history: Tool = async (ctx) => {
  const entries = ctx.shell.history;
  const count = ctx.argv[1] !== undefined ? Number(ctx.argv[1]) : entries.length;
  const start = Math.max(0, entries.length - (Number.isFinite(count) ? count : entries.length));
  ctx.stdout(
    entries
      .slice(start)
      .map((line, i) => `${String(start + i + 1).padStart(5)}  ${line}\n`)
      .join(""),
  );
  return 0;
};

/** `break [N]` / `continue [N]`: leave or restart the Nth enclosing loop. */
function loopControl(kind: "break" | "continue"): Tool {
  return async (ctx) => {
    const { shell } = ctx;
    if (shell.loopDepth === 0) {
      if (shell.dialect.name === "bash") {
        ctx.stderr(
          `${shell.dialect.prefix(shell.line)}${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`,
        );
      }
      return 0;
    }
    const levels = Math.max(1, Math.min(Number(ctx.argv[1] ?? 1) || 1, shell.loopDepth));
    throw new LoopControl(kind, levels);
  };
}

/**
 * `read [-r] [NAME...]`: one line of stdin split on blanks into the names (the last takes the
 * rest; REPLY without names). Status 1 at end of input, which ends `while read` loops.
 */
const read: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const raw = args.includes("-r");
  const names = args.filter((a) => !a.startsWith("-"));
  const line = ctx.readLine();
  if (line === undefined) return 1;
  const text = raw ? line : line.replace(/\\(.)/g, "$1");
  if (names.length === 0) {
    ctx.shell.setVariable("REPLY", text);
    return 0;
  }
  let rest = text.replace(/^[ \t]+/, "");
  names.forEach((name, i) => {
    if (i === names.length - 1) {
      ctx.shell.setVariable(name, rest.replace(/[ \t]+$/, ""));
      return;
    }
    const match = /^(\S*)[ \t]*/.exec(rest)!;
    ctx.shell.setVariable(name, match[1]!);
    rest = rest.slice(match[0].length);
  });
  return 0;
};

const trueBuiltin: Tool = async () => 0;
const falseBuiltin: Tool = async () => 1;

/** `type NAME...`: where a command comes from. */
const type: Tool = async (ctx) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const aliased = ctx.shell.aliases.get(name);
    if (aliased !== undefined)
      ctx.stdout(
        ctx.shell.dialect.name === "bash"
          ? `${name} is aliased to \`${aliased}'\n`
          : `${name} is an alias for ${aliased}\n`,
      );
    else if (Object.hasOwn(ctx.shell.builtins, name)) ctx.stdout(`${name} is a shell builtin\n`);
    else if (ctx.shell.lookup(name)) ctx.stdout(`${name} is ${ctx.shell.pathOf(name)}\n`);
    else {
      ctx.stderr(`${ctx.shell.dialect.prefix(ctx.shell.line)}type: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
};

/** `eval ARG...`: the words joined by spaces, run as a line of this shell. */
const evalBuiltin: Tool = async (ctx) => ctx.shell.runText(ctx.argv.slice(1).join(" "), ioOf(ctx));

/**
 * `exec COMMAND [ARG...]`: the command takes the shell's place, so the shell ends with its status
 * (a container script's `exec nginx -g 'daemon off;'`). Without a command, nothing: exec's
 * redirections of the shell itself are not kept here.
 */
const exec: Tool = async (ctx) => {
  const argv = ctx.argv.slice(1);
  if (argv.length === 0) return 0;
  const status = await ctx.shell.runArgv(argv, ioOf(ctx), ctx.environ);
  ctx.shell.exitStatus = status;
  return status;
};

/** `wait`: nothing runs in the background here (`cmd &` runs at once), so nothing to wait for. */
const wait: Tool = async () => 0;

export const SHELL_BUILTINS: Readonly<Record<string, Tool>> = {
  cd,
  pwd,
  export: exportBuiltin,
  unset,
  exit,
  return: returnBuiltin,
  local,
  history,
  true: trueBuiltin,
  false: falseBuiltin,
  ":": trueBuiltin,
  echo,
  printf,
  type,
  alias,
  unalias,
  set,
  shift,
  eval: evalBuiltin,
  exec,
  wait,
  break: loopControl("break"),
  continue: loopControl("continue"),
  test,
  "[": bracket,
  read,
};
