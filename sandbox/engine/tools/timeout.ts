/**
 * `timeout [-v] [-s SIGNAL] [-k DURATION] [--preserve-status] DURATION COMMAND [ARG]...`: runs
 * COMMAND and stops it once DURATION of simulated time has passed (status 124), as GNU coreutils
 * 9.1 does. Time is the sandbox's: the command's own waits (sleep, watches, `kubectl wait`) are
 * cut short at the deadline, so `timeout 5 sleep 60` ends 5 simulated seconds later in every time
 * mode, instantly in the CLI and tests. BusyBox's timeout execs the command in its own place, so
 * a command it stops ends as killed by the signal (143 for TERM).
 */
import type { SandboxEnv } from "../shell/command.ts";
import { ioOf, type Tool } from "../shell/interpreter.ts";
import { abortError, isAbortError, type TimeDriver } from "../time-driver.ts";
import { getopt } from "./getopt.ts";
import { isBusybox } from "./io.ts";

const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CONT: 18,
  STOP: 19,
};

/** Builtins that are programs too (coreutils ships them), so that timeout can run them. */
const PROGRAM_BUILTINS = new Set(["[", "echo", "false", "kill", "printf", "pwd", "test", "true"]);

const UNIT_SECONDS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Milliseconds of a DURATION such as `5`, `1.5m` or `2h`; undefined if it is not one. */
function duration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  return match ? Math.round(Number(match[1]) * UNIT_SECONDS[match[2]!]! * 1000) : undefined;
}

/** A signal's name and number from `TERM`, `SIGTERM` or `15`. */
function signal(text: string): { name: string; number: number } | undefined {
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    const name = Object.keys(SIGNALS).find((n) => SIGNALS[n] === number);
    return name ? { name, number } : undefined;
  }
  const name = text.toUpperCase().replace(/^SIG/, "");
  return SIGNALS[name] ? { name, number: SIGNALS[name] } : undefined;
}

export const timeout: Tool = async (ctx) => {
  const options = getopt(
    ctx,
    {
      flags: "v",
      values: "sk",
      long: { signal: "s", "kill-after": "k", verbose: "v", "preserve-status": "P", foreground: "F" },
      stopAtOperand: true,
    },
    125,
  );
  if (typeof options === "number") return options;
  const usage = (message?: string) => {
    ctx.stderr(`${message ? `timeout: ${message}\n` : ""}Try 'timeout --help' for more information.\n`);
    return 125;
  };
  const [limitText, ...argv] = options.operands;
  if (limitText === undefined || argv.length === 0) return usage();
  const limit = duration(limitText);
  if (limit === undefined) return usage(`invalid time interval '${limitText}'`);
  const killAfter = options.values.get("k");
  if (killAfter !== undefined && duration(killAfter) === undefined) {
    return usage(`invalid time interval '${killAfter}'`);
  }
  const sent = signal(options.values.get("s") ?? "TERM");
  if (!sent && isBusybox(ctx)) {
    ctx.stderr(`timeout: unknown signal '${options.values.get("s")}'\n`);
    return 1;
  }
  if (!sent) return usage(`'${options.values.get("s")}': invalid signal`);

  // timeout executes COMMAND itself: a shell builtin such as cd is no program it can run.
  const name = argv[0]!;
  const program = name.includes("/") || Object.hasOwn(ctx.shell.commands, name) || PROGRAM_BUILTINS.has(name);
  if (!program || !ctx.shell.lookup(name)) {
    ctx.stderr(`timeout: failed to run command '${name}': No such file or directory\n`);
    return 127;
  }

  const killer = new AbortController();
  const child = ctx.shell.subshell();
  // The shell's own time: a container's script runs on its process's clock (script-runner.ts).
  const now = () => ctx.shell.now();
  if (limit > 0) {
    const deadline = now() + limit;
    const time = cutShort(ctx.env.time, now, deadline, () => killer.abort());
    Object.assign(child, { env: { ...ctx.env, time } satisfies SandboxEnv });
  }
  // In real time a command may be busy with something other than waiting (reading a pipe, say):
  // the deadline also comes by itself, as the ticker moves the clock.
  const done = new AbortController();
  if (limit > 0 && ctx.env.time.mode === "realtime") {
    ctx.env.time.wait(limit, AbortSignal.any([done.signal, killer.signal])).then(
      () => killer.abort(),
      () => {},
    );
  }
  let status: number;
  try {
    status = await child.runArgv(argv, ioOf(ctx, AbortSignal.any([ctx.signal, killer.signal])), ctx.environ);
  } catch (error) {
    if (!isAbortError(error) || ctx.signal.aborted || !killer.signal.aborted) throw error;
    status = 124;
  } finally {
    done.abort();
  }
  if (!killer.signal.aborted || ctx.signal.aborted) return status;
  // Stopped at the deadline (a shell it ran may have reported that as its own interrupt, 130).
  if (options.flags.has("v")) ctx.stderr(`timeout: sending signal ${sent.name} to command '${name}'\n`);
  // KILL takes timeout's whole process group, timeout with it: the shell sees 128 + 9. BusyBox's
  // timeout becomes the command (exec) and is killed as it: 128 + the signal.
  if (sent.name === "KILL" || options.flags.has("P") || isBusybox(ctx)) return 128 + sent.number;
  return 124;
};

/** `base`, except that a wait reaching past `deadline` ends there and stops the command. */
function cutShort(base: TimeDriver, now: () => number, deadline: number, stop: () => void): TimeDriver {
  return {
    mode: base.mode,
    nextDeadline: () => base.nextDeadline(),
    async wait(ms, signal) {
      const left = deadline - now();
      if (ms < left) return base.wait(ms, signal);
      await base.wait(Math.max(0, left), signal);
      stop();
      throw abortError();
    },
  };
}
