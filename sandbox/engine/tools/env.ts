import { ioOf, type Tool } from "../shell/interpreter.ts";

/** `env [NAME=VALUE]... [COMMAND [ARG]...]`: prints the environment, or runs a command with additions. */
export const env: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const environ = { ...ctx.environ };
  while (args.length > 0 && /^[^=]+=/.test(args[0]!)) {
    const [name, value] = args.shift()!.split(/=(.*)/s, 2) as [string, string];
    environ[name] = value;
  }
  if (args.length === 0) {
    ctx.stdout(
      Object.entries(environ)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(""),
    );
    return 0;
  }
  return ctx.shell.runArgv(args, ioOf(ctx), environ);
};

/** `printenv [NAME]...`: exit 1 when a named variable is not set. */
export const printenv: Tool = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) return env({ ...ctx, argv: ["env"] });
  let status = 0;
  for (const name of names) {
    const value = ctx.environ[name];
    if (value === undefined) status = 1;
    else ctx.stdout(`${value}\n`);
  }
  return status;
};
