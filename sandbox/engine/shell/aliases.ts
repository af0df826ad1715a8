/**
 * `alias` and `unalias`, and the names they accept. A shell expands an alias where a command's
 * name stands, in what is typed at its prompt (interpreter.ts `#aliasExpanded`); scripts (`sh -c`,
 * a container's command) do not, as bash and dash do not without expand_aliases. Aliases are
 * taken as they stood when the line was typed: `alias k=kubectl; k get pods` on one line does not
 * expand `k` yet, as the real shells read the whole line first.
 */
import type { Tool } from "./interpreter.ts";

/** bash's legal_alias_name: no blank, quote, `$`, backquote, `/`, `=` or shell metacharacter. */
export function isAliasName(name: string): boolean {
  return /^[^\s|&;()<>'"`$\\=/]+$/.test(name);
}

/**
 * The order dash and BusyBox ash list aliases in: their table's 39 buckets in turn (a name's
 * bucket is its first byte × 16 plus the sum of its bytes, modulo 39), each in the order its names
 * were first defined. bash sorts them.
 */
function hashOrder(names: string[]): string[] {
  const bucket = (name: string) => {
    const bytes = new TextEncoder().encode(name);
    return (bytes[0]! * 16 + bytes.reduce((sum, b) => sum + b, 0)) % 39;
  };
  return names
    .map((name, i) => ({ name, i, b: bucket(name) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((e) => e.name);
}

/** How `alias` lists one: bash `alias k='kubectl'`, dash and ash `k='kubectl'`, quotes as each quotes them. */
function listing(name: string, value: string, bash: boolean): string {
  const quoted = bash ? `'${value.replace(/'/g, "'\\''")}'` : `'${value.replace(/'/g, `'"'"'`)}'`;
  return bash ? `alias ${name}=${quoted}\n` : `${name}=${quoted}\n`;
}

/** `alias [-p] [NAME[=VALUE] ...]`: defines, or lists all or the ones named. */
export const alias: Tool = async (ctx) => {
  const { shell } = ctx;
  const bash = shell.dialect.name === "bash";
  const prefix = shell.dialect.prefix(shell.line);
  const args = ctx.argv.slice(1);
  if (bash && args[0] === "-p") args.shift();
  if (args.length === 0) {
    const names = bash ? [...shell.aliases.keys()].sort() : hashOrder([...shell.aliases.keys()]);
    for (const name of names) ctx.stdout(listing(name, shell.aliases.get(name)!, bash));
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const equals = arg.indexOf("=");
    if (equals > 0) {
      const name = arg.slice(0, equals);
      if (bash && !isAliasName(name)) {
        ctx.stderr(`${prefix}alias: \`${name}': invalid alias name\n`);
        status = 1;
      } else shell.aliases.set(name, arg.slice(equals + 1));
      continue;
    }
    const value = shell.aliases.get(arg);
    if (value !== undefined) ctx.stdout(listing(arg, value, bash));
    else {
      // dash's and ash's builtin writes its message without the shell's prefix.
      ctx.stderr(bash ? `${prefix}alias: ${arg}: not found\n` : `alias: ${arg} not found\n`);
      status = 1;
    }
  }
  return status;
};

/** `unalias [-a] NAME ...`. */
export const unalias: Tool = async (ctx) => {
  const { shell } = ctx;
  const bash = shell.dialect.name === "bash";
  const args = ctx.argv.slice(1);
  if (args[0] === "-a") {
    shell.aliases.clear();
    return 0;
  }
  if (args.length === 0) {
    if (!bash) return 0;
    ctx.stderr("unalias: usage: unalias [-a] name [name ...]\n");
    return 2;
  }
  let status = 0;
  for (const name of args) {
    if (shell.aliases.delete(name)) continue;
    ctx.stderr(
      bash
        ? `${shell.dialect.prefix(shell.line)}unalias: ${name}: not found\n`
        : `unalias: ${name} not found\n`,
    );
    status = 1;
  }
  return status;
};
