/**
 * `sed`, as GNU sed 4.9 (Debian's, on the host and in Debian images) runs it; BusyBox's sed takes
 * the same scripts. Addresses (`N`, `$`, `/re/`, `\cREc`, `first~step`, `addr,+N`, `addr,~N`,
 * `0,/re/`, `!`), blocks `{ }`, the editing commands `s y p P d D n N g G h H x z = a i c q Q F`,
 * `r w W` on the shell's files, branches `b t T :label`, and the options -n -e -f -E/-r -s
 * -i[SUFFIX]. `R`, `e` and `l` say they are not available here yet. The script is parsed by
 * sed/script.ts and run by sed/run.ts; this file is the command line and the files.
 */
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { isBusybox, openOutput, readInputs, reason } from "./io.ts";
import { type Files, LineReader, type Outcome, SedRun } from "./sed/run.ts";
import { type Command, compileScript, ScriptError } from "./sed/script.ts";

/** What a bad command line prints (stderr); --help adds the bug-report line. */
const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

const VERSION = `sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

This sed program was built without SELinux support.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
`;

interface Options {
  quiet: boolean;
  extended: boolean;
  separate: boolean;
  /** -i: edit files in place, with this backup suffix ("" for none). */
  inPlace?: string;
  scripts: { text: string; where: string }[];
  files: string[];
}

/**
 * GNU getopt's permuting parse, by hand rather than with tools/getopt.ts: -i takes an optional
 * attached suffix, -e and -f scripts keep the order they came in, and a bad option prints sed's usage.
 */
function parseOptions(ctx: ToolContext): Options | number {
  const options: Options = { quiet: false, extended: false, separate: false, scripts: [], files: [] };
  const args = ctx.argv.slice(1);
  const operands: string[] = [];
  const invalid = (what: string) => {
    ctx.stderr(`sed: ${what}\n${USAGE}`);
    return 1;
  };
  const addScript = (text: string) =>
    options.scripts.push({ text, where: `-e expression #${options.scripts.length + 1}` });
  const addFile = (name: string): number | undefined => {
    try {
      options.scripts.push({ text: ctx.shell.fs.readFile(ctx.shell.resolve(name)), where: `file ${name}` });
    } catch (error) {
      ctx.stderr(`sed: couldn't open file ${name}: ${reason(error)}\n`);
      return 1;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (name === "help") {
        ctx.stdout(`${USAGE}E-mail bug reports to: <bug-sed@gnu.org>.\n`);
        return 0;
      }
      if (name === "version") {
        // BusyBox's applet answers as scripts that test for GNU sed expect.
        ctx.stdout(isBusybox(ctx) ? "This is not GNU sed version 4.0\n" : VERSION);
        return 0;
      }
      if (name === "quiet" || name === "silent") options.quiet = true;
      else if (name === "regexp-extended") options.extended = true;
      else if (name === "separate") options.separate = true;
      else if (name === "in-place") options.inPlace = value ?? "";
      else if (name === "expression" || name === "file") {
        const text = value ?? args[++i];
        if (text === undefined) return invalid(`option '--${name}' requires an argument`);
        if (name === "expression") addScript(text);
        else if (addFile(text) !== undefined) return 1;
      } else return invalid(`unrecognized option '${arg}'`);
      continue;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (letter === "n") options.quiet = true;
      else if (letter === "E" || letter === "r") options.extended = true;
      else if (letter === "s") options.separate = true;
      else if (letter === "i") {
        options.inPlace = arg.slice(j + 1);
        break;
      } else if (letter === "e" || letter === "f") {
        const text = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (text === undefined) return invalid(`option requires an argument -- '${letter}'`);
        if (letter === "e") addScript(text);
        else if (addFile(text) !== undefined) return 1;
        break;
      } else return invalid(`invalid option -- '${letter}'`);
    }
  }
  if (options.scripts.length === 0) {
    const script = operands.shift();
    if (script === undefined) {
      ctx.stderr(USAGE);
      return 1;
    }
    addScript(script);
  }
  options.files = operands;
  return options;
}

/** r and w in the shell's filesystem; w's files are emptied once, as the script starts (GNU opens them then). */
function scriptFiles(ctx: ToolContext, commands: readonly Command[]): Files {
  const outputs = new Map<string, (text: string) => void>();
  for (const c of commands) {
    if (c.file === undefined || c.name === "r" || outputs.has(c.file)) continue;
    const opened = openOutput(ctx, c.file, false);
    if ("error" in opened) throw new ScriptError(`sed: couldn't open file ${c.file}: ${opened.error}\n`, 4);
    outputs.set(c.file, opened.write);
  }
  return {
    read(name) {
      if (name === "/dev/stdin") return ctx.stdin;
      try {
        return ctx.shell.fs.readFile(ctx.shell.resolve(name));
      } catch {
        return undefined;
      }
    },
    append: (name, text) => outputs.get(name)!(text),
  };
}

/** `sed [OPTION]... SCRIPT [FILE]...`: exit 1 for a bad script, 2 when an input cannot be read. */
export const sed: Tool = streaming(async (ctx) => {
  const options = parseOptions(ctx);
  if (typeof options === "number") return options;
  let commands: Command[];
  try {
    commands = compileScript(options.scripts, options.extended);
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    ctx.stderr(error.message);
    return error.status;
  }
  if (options.inPlace !== undefined && options.files.length === 0) {
    ctx.stderr("sed: no input files\n");
    return 4;
  }
  const complain = (name: string, why: string) => `sed: can't read ${name}: ${why}\n`;
  const { inputs, ok } = readInputs(ctx, options.files, complain);
  let files: Files;
  try {
    files = scriptFiles(ctx, commands);
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    ctx.stderr(error.message);
    return error.status;
  }
  const report = (result: Outcome): number | undefined => {
    if (result.looped) {
      ctx.stderr("sed: stopped: the script ran a million commands on one line without reading input\n");
      return 1;
    }
    return result.exitCode;
  };
  try {
    if (options.inPlace !== undefined) {
      for (const input of inputs) {
        let text = "";
        const status = report(
          await new SedRun(commands, new LineReader([input]), {
            quiet: options.quiet,
            out: (t) => {
              text += t;
            },
            files,
          }).run(ctx.signal),
        );
        const path = ctx.shell.resolve(input.name);
        if (options.inPlace !== "")
          ctx.shell.fs.writeFile(`${path}${options.inPlace}`, input.text, ctx.shell.now());
        ctx.shell.fs.writeFile(path, text, ctx.shell.now());
        if (status !== undefined) return status;
      }
      return ok ? 0 : 2;
    }
    const streams = options.separate ? inputs.map((input) => [input]) : [inputs];
    for (const stream of streams) {
      const status = report(
        await new SedRun(commands, new LineReader(stream), {
          quiet: options.quiet,
          out: ctx.stdout,
          files,
        }).run(ctx.signal),
      );
      if (status !== undefined) return status;
    }
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    ctx.stderr(error.message);
    return error.status;
  }
  return ok ? 0 : 2;
});
