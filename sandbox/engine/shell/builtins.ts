import { kubectl } from "../kubectl/kubectl.ts";
import type { Command } from "./command.ts";

/** The sequence `clear` writes: home, erase screen, erase scrollback. */
export const CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J";

const HELP = `Stateful Lab sandbox: a Kubernetes 1.34 cluster running in your browser.

  kubectl <command>    talk to the cluster (try: kubectl get nodes, kubectl version)
  sleep <seconds>      let simulated time pass
  clear                clear the screen (or press Ctrl-L)
  help                 show this help

Keys: Up/Down for history, Ctrl-C to cancel, Ctrl-A/Ctrl-E to jump, Ctrl-U/Ctrl-K/Ctrl-W to delete.
`;

const help: Command = async (ctx) => {
  ctx.stdout(HELP);
  return 0;
};

const clear: Command = async (ctx) => {
  ctx.stdout(CLEAR_SCREEN);
  return 0;
};

/** `sleep N[s|m|h]`: lets simulated time pass (instantly in the CLI, at the chosen speed in the browser). */
const sleep: Command = async (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) {
    ctx.stderr("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!match) {
    ctx.stderr(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  await ctx.env.time.wait(Number(match[1]) * unit * 1000, ctx.signal);
  return 0;
};

export const BUILTINS: Record<string, Command> = { help, clear, sleep, kubectl };
