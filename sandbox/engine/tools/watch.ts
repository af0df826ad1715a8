import type { Tool } from "../shell/interpreter.ts";
import { strftime } from "./date.ts";
import { getopt } from "./getopt.ts";

const ALTERNATE_SCREEN_ON = "\x1b[?1049h";
const ALTERNATE_SCREEN_OFF = "\x1b[?1049l";
const HOME_AND_CLEAR = "\x1b[H\x1b[2J";
const COLUMNS = 80;
/** In instant mode (CLI, tests) watch shows this many screens and stops, as if Ctrl-C was pressed. */
export const INSTANT_WATCH_SCREENS = 3;

/**
 * `watch [-n SECONDS] [-t] COMMAND...`: reruns the command every interval on a cleared screen
 * under procps-ng's header (`Every 2.0s: CMD` left, `HOST: DATE` right-aligned) until Ctrl-C.
 */
export const watch: Tool = async (ctx) => {
  const options = getopt(ctx, {
    flags: "tdx",
    values: "n",
    long: { interval: "n", "no-title": "t" },
    stopAtOperand: true,
  });
  if (typeof options === "number") return options;
  if (options.operands.length === 0) {
    ctx.stderr("\nUsage:\n watch [options] command\n");
    return 1;
  }
  const seconds = Math.max(0.1, Number(options.values.get("n") ?? 2));
  if (Number.isNaN(seconds)) {
    ctx.stderr(`watch: failed to parse argument: '${options.values.get("n")}'\n`);
    return 1;
  }
  const command = options.operands.join(" ");
  const host = ctx.environ.HOSTNAME ?? "localhost";
  // The screen switches and clears are watch's own: marked so the browser terminal obeys them,
  // while the command's output in between is user data like any other.
  const control = (text: string) => (ctx.control ? ctx.control(text) : ctx.stdout(text));
  control(ALTERNATE_SCREEN_ON);
  try {
    for (let screen = 0; ; screen++) {
      if (ctx.env.time.mode === "instant" && screen >= INSTANT_WATCH_SCREENS) break;
      let output = "";
      const io = {
        stdin: "",
        stdinIsTerminal: false,
        stdoutIsTerminal: false,
        out: (t: string) => (output += t),
        err: (t: string) => (output += t),
        signal: ctx.signal,
      };
      // watch runs its command through `sh -c`.
      await ctx.shell.subshell(ctx.shell.dialect, true).runText(command, io);
      let header = "";
      if (!options.flags.has("t")) {
        const left = `Every ${seconds.toFixed(1)}s: ${command}`;
        const right = `${host}: ${strftime("%a %b %e %H:%M:%S %Y", ctx.shell.now())}`;
        const gap = Math.max(1, COLUMNS - left.length - right.length);
        header = `${left}${" ".repeat(gap)}${right}\n\n`;
      }
      control(HOME_AND_CLEAR);
      ctx.stdout(`${header}${output}`);
      await ctx.env.time.wait(seconds * 1000, ctx.signal);
    }
  } finally {
    control(ALTERNATE_SCREEN_OFF);
  }
  return 0;
};
