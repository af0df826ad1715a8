import type { Tool } from "../shell/interpreter.ts";

const UNIT_SECONDS = { "": 1, s: 1, m: 60, h: 3600, d: 86400 } as const;

/**
 * `sleep NUMBER[smhd]...`: lets simulated time pass (instantly in the CLI and tests, at the
 * chosen speed in the browser). Several arguments add up, as in GNU sleep.
 */
export const sleep: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.stderr("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let seconds = 0;
  for (const arg of args) {
    // strtod's spellings, which GNU and BusyBox sleep both take: `sleep infinity` never returns.
    if (/^inf(inity)?$/i.test(arg)) {
      seconds = Number.POSITIVE_INFINITY;
      continue;
    }
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) {
      ctx.stderr(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    seconds += Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  }
  await ctx.env.time.wait(Number.isFinite(seconds) ? Math.round(seconds * 1000) : seconds, ctx.signal);
  return 0;
};
