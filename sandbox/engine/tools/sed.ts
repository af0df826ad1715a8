/**
 * `sed`, as GNU sed 4.9 (Debian's, on the host and in Debian images) runs it; BusyBox's sed takes
 * the same scripts. Addresses (`N`, `$`, `/re/`, `\cREc`, `first~step`, `addr,+N`, `addr,~N`,
 * `0,/re/`, `!`), blocks `{ }`, the editing commands `s y p P d D n N g G h H x z = a i c q Q F`,
 * branches `b t T :label`, and the options -n -e -f -E/-r -s -i[SUFFIX]. The commands that read or
 * write other files or run programs (`r R w W e`), and `l` and `v`, say they are not available here.
 */
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { type Input, inputLines, isBusybox, lines, readInputs, reason } from "./io.ts";
import { bracketEnd, posixToJs } from "./regex.ts";

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

/** A script runs at most this many commands on one line without reading input before it is stopped. */
const MAX_STEPS_PER_LINE = 1_000_000;

type Address =
  | { kind: "line"; line: number }
  | { kind: "last" }
  | { kind: "regex"; regex: RegExp | undefined }
  | { kind: "step"; first: number; step: number }
  | { kind: "zero" };
type EndAddress = Address | { kind: "plus"; count: number } | { kind: "multiple"; count: number };

/** `&`, a group, a case conversion (`\U \L \u \l \E`) or literal text of a replacement. */
type Piece = { text: string } | { group: number } | { convert: "U" | "L" | "u" | "l" | "E" };

interface Command {
  name: string;
  from?: Address;
  to?: EndAddress;
  negate: boolean;
  /** A range that has started and not yet ended. */
  active: boolean;
  /** The range's last line, for `addr,+N`. */
  endLine?: number;
  regex?: RegExp | undefined;
  replacement?: Piece[];
  global?: boolean;
  occurrence?: number;
  prints?: number;
  /** y's map, a/i/c's text with its newline, a branch's or label's name, r/w's file. */
  map?: Map<string, string>;
  text?: string;
  file?: string;
  label?: string;
  exitCode?: number;
  /** `{`: the index of its `}`; a branch: the index it jumps to. */
  jump?: number;
}

/** A script sed refuses (status 1), or a failure while running it (4, GNU's panic). */
class ScriptError extends Error {
  readonly status: number;
  constructor(message: string, status = 1) {
    super(message);
    this.status = status;
  }
}

/** Parses one -e expression (or -f file) into `commands`; `blocks` holds the `{` still open. */
class Parser {
  #i = 0;
  readonly #src: string;
  readonly #extended: boolean;
  readonly #where: string;
  /** What the script's parsers share: whether a pattern came before (an empty one reuses it). */
  readonly #shared: { regexSeen: boolean };

  constructor(src: string, extended: boolean, where: string, shared: { regexSeen: boolean }) {
    this.#src = src;
    this.#extended = extended;
    this.#where = where;
    this.#shared = shared;
  }

  fail(message: string, at = this.#i): never {
    throw new ScriptError(`sed: ${this.#where}, char ${at}: ${message}\n`);
  }

  parse(commands: Command[], blocks: number[]): void {
    const src = this.#src;
    for (;;) {
      while (this.#i < src.length && /[\s;]/.test(src[this.#i]!)) this.#i++;
      if (this.#i >= src.length) return;
      if (src[this.#i] === "#") {
        while (this.#i < src.length && src[this.#i] !== "\n") this.#i++;
        continue;
      }
      const command: Command = { name: "", negate: false, active: false };
      command.from = this.#address();
      if (command.from && src[this.#i] === ",") {
        this.#i++;
        this.#skipBlanks();
        command.to = this.#endAddress() ?? this.fail("unexpected `,'", this.#i + 1);
      }
      if (command.from?.kind === "zero") command.active = true;
      this.#skipBlanks();
      while (src[this.#i] === "!") {
        command.negate = true;
        this.#i++;
        this.#skipBlanks();
      }
      if (this.#i >= src.length) this.fail("missing command");
      const name = src[this.#i++]!;
      if (command.from?.kind === "zero" && command.to?.kind !== "regex") {
        this.fail("invalid usage of line address 0");
      }
      command.name = name;
      commands.push(command);
      this.#arguments(command, commands, blocks);
    }
  }

  #skipBlanks(): void {
    while (this.#src[this.#i] === " " || this.#src[this.#i] === "\t") this.#i++;
  }

  #number(): number | undefined {
    const match = /^\d+/.exec(this.#src.slice(this.#i));
    if (!match) return undefined;
    this.#i += match[0].length;
    return Number(match[0]);
  }

  #address(): Address | undefined {
    const src = this.#src;
    const ch = src[this.#i];
    if (ch === "$") {
      this.#i++;
      return { kind: "last" };
    }
    if (ch === "/" || ch === "\\") {
      if (ch === "\\") this.#i++;
      const delimiter = src[this.#i++];
      if (delimiter === undefined || delimiter === "\n" || delimiter === "\\") {
        this.fail("unterminated address regex");
      }
      const pattern = this.#delimited(delimiter, "unterminated address regex", true);
      let flags = "";
      while (src[this.#i] === "I" || src[this.#i] === "M") flags += src[this.#i++] === "I" ? "i" : "m";
      return { kind: "regex", regex: this.#regex(pattern, flags) };
    }
    const line = this.#number();
    if (line === undefined) return undefined;
    if (src[this.#i] === "~") {
      this.#i++;
      return { kind: "step", first: line, step: this.#number() ?? 0 };
    }
    return line === 0 ? { kind: "zero" } : { kind: "line", line };
  }

  #endAddress(): EndAddress | undefined {
    const sign = this.#src[this.#i];
    if (sign === "+" || sign === "~") {
      this.#i++;
      const count = this.#number() ?? this.fail("expected newer version of sed");
      return sign === "+" ? { kind: "plus", count } : { kind: "multiple", count };
    }
    const address = this.#address();
    if (address?.kind === "zero") this.fail("invalid usage of line address 0");
    return address;
  }

  /**
   * Text up to the next unescaped `delimiter`; `\delimiter` is the delimiter itself, `\n` a
   * newline. In a pattern (`regex`) a bracket expression is taken whole: `s/[/]/x/` replaces a slash.
   */
  #delimited(delimiter: string, unterminated: string, regex = false): string {
    const src = this.#src;
    let out = "";
    for (;;) {
      if (this.#i >= src.length) this.fail(unterminated, src.length);
      const ch = src[this.#i++]!;
      if (ch === delimiter) return out;
      if (regex && ch === "[") {
        const end = bracketEnd(src, this.#i - 1);
        if (end < 0) this.fail(unterminated, src.length);
        out += src.slice(this.#i - 1, end + 1);
        this.#i = end + 1;
        continue;
      }
      if (ch === "\\") {
        const next = src[this.#i++];
        if (next === undefined) this.fail(unterminated, src.length);
        if (next === delimiter) out += delimiter;
        else if (next === "n") out += "\n";
        else if (next === "t") out += "\t";
        else out += `\\${next}`;
      } else if (ch === "\n" && delimiter !== "\n") {
        this.fail(unterminated);
      } else out += ch;
    }
  }

  /** A POSIX pattern as a JavaScript RegExp; the empty pattern means "the last one used" (undefined). */
  #regex(pattern: string, flags: string): RegExp | undefined {
    if (pattern === "") {
      if (!this.#shared.regexSeen) this.fail("no previous regular expression", 0);
      return undefined;
    }
    this.#shared.regexSeen = true;
    try {
      return new RegExp(posixToJs(pattern, this.#extended), `${flags}g`);
    } catch (error) {
      const message =
        error instanceof SyntaxError && error.message.startsWith("Unmatched")
          ? error.message
          : /Unterminated group|Unmatched '\)'/.test(String(error))
            ? "Unmatched ( or \\("
            : "Invalid preceding regular expression";
      this.fail(message);
    }
  }

  #arguments(command: Command, commands: Command[], blocks: number[]): void {
    const src = this.#src;
    const at = this.#i;
    switch (command.name) {
      case "{":
        blocks.push(commands.length - 1);
        return;
      case "}": {
        if (command.from) this.fail("} doesn't want any addresses", at);
        const open = blocks.pop() ?? this.fail("unexpected `}'", at);
        commands[open]!.jump = commands.length - 1;
        break;
      }
      case "=":
      case "d":
      case "D":
      case "g":
      case "G":
      case "h":
      case "H":
      case "n":
      case "N":
      case "p":
      case "P":
      case "x":
      case "z":
      case "F":
        break;
      case "q":
      case "Q":
        if (command.to) this.fail("command only uses one address", at);
        this.#skipBlanks();
        command.exitCode = this.#number() ?? 0;
        break;
      case "a":
      case "i":
      case "c":
        command.text = this.#text();
        return;
      case ":": {
        if (command.from) this.fail(": doesn't want any addresses", at);
        this.#skipBlanks();
        command.label = this.#label();
        if (command.label === "") this.fail('":" lacks a label');
        return;
      }
      case "b":
      case "t":
      case "T":
        this.#skipBlanks();
        command.label = this.#label();
        return;
      case "s":
        this.#substitute(command);
        break;
      case "y":
        this.#transliterate(command);
        break;
      case "r":
      case "w":
      case "W":
        command.file = this.#fileName();
        return;
      case "v":
        this.#label();
        return;
      case "R":
      case "e":
      case "l":
        this.fail(`the \`${command.name}' command is not available in this sandbox yet`, at);
        break;
      default:
        this.fail(`unknown command: \`${command.name}'`, at);
    }
    this.#skipBlanks();
    const next = src[this.#i];
    if (next !== undefined && next !== ";" && next !== "\n" && next !== "}" && next !== "#") {
      this.fail("extra characters after command", this.#i + 1);
    }
  }

  #label(): string {
    const match = /^[^;\n]*/.exec(this.#src.slice(this.#i))!;
    this.#i += match[0].length;
    return match[0].trimEnd();
  }

  /** a/i/c's text: GNU's one-line form (`a text`) or the classic `a\` and a new line; `\` continues a line. */
  #text(): string {
    const src = this.#src;
    this.#skipBlanks();
    const classic = src[this.#i] === "\\";
    if (classic) {
      this.#i++;
      this.#skipBlanks();
      if (src[this.#i] === "\n") this.#i++;
    }
    if (this.#i >= src.length) {
      // `a\` and nothing after it adds nothing, not even a newline.
      if (classic) return "";
      this.fail(`expected \\ after \`a', \`c' or \`i'`);
    }
    let text = "";
    while (this.#i < src.length && src[this.#i] !== "\n") {
      const ch = src[this.#i++]!;
      if (ch === "\\" && this.#i < src.length) text += src[this.#i++];
      else text += ch;
    }
    return `${text}\n`;
  }

  /** The file name after r, w and s///w: the rest of the line, as GNU sed reads it. */
  #fileName(): string {
    this.#skipBlanks();
    const match = /^[^\n]*/.exec(this.#src.slice(this.#i))!;
    this.#i += match[0].length;
    if (match[0] === "") this.fail("missing filename in r/R/w/W commands");
    return match[0];
  }

  #substitute(command: Command): void {
    const src = this.#src;
    const delimiter = src[this.#i++];
    if (delimiter === undefined || delimiter === "\n" || delimiter === "\\") {
      this.fail("unterminated `s' command", src.length);
    }
    const pattern = this.#delimited(delimiter, "unterminated `s' command", true);
    const replacement = this.#delimited(delimiter, "unterminated `s' command");
    let flags = "";
    command.global = false;
    command.prints = 0;
    for (;;) {
      const ch = src[this.#i];
      if (ch === "g") command.global = true;
      else if (ch === "p") command.prints++;
      else if (ch === "i" || ch === "I") flags += "i";
      else if (ch === "m" || ch === "M") flags += "m";
      else if (ch !== undefined && /\d/.test(ch)) {
        command.occurrence = this.#number()!;
        if (command.occurrence === 0) this.fail("number option to `s' command may not be zero");
        continue;
      } else if (ch === "w") {
        this.#i++;
        command.file = this.#fileName();
        break;
      } else if (ch === "e") {
        this.fail("the `s' command's `e' option is not available in this sandbox yet", this.#i + 1);
      } else break;
      this.#i++;
    }
    const next = src[this.#i];
    if (next !== undefined && !/[\s;}#]/.test(next)) this.fail("unknown option to `s'", this.#i + 1);
    command.regex = this.#regex(pattern, flags);
    command.replacement = replacementPieces(replacement);
  }

  #transliterate(command: Command): void {
    const delimiter = this.#src[this.#i++];
    if (delimiter === undefined || delimiter === "\n" || delimiter === "\\") {
      this.fail("unterminated `y' command", this.#src.length);
    }
    const literal = (text: string) => text.replace(/\\(.)/gs, "$1");
    const from = [...literal(this.#delimited(delimiter, "unterminated `y' command"))];
    const to = [...literal(this.#delimited(delimiter, "unterminated `y' command"))];
    if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
    command.map = new Map(from.map((c, i) => [c, to[i]!]));
  }
}

/** A replacement's `&`, `\1`…`\9`, `\n`, `\t`, case conversions and literal text. */
function replacementPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = "";
  const flush = () => {
    if (literal) pieces.push({ text: literal });
    literal = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "&") {
      flush();
      pieces.push({ group: 0 });
    } else if (ch === "\\" && i + 1 < text.length) {
      const next = text[++i]!;
      if (/\d/.test(next)) {
        flush();
        pieces.push({ group: Number(next) });
      } else if (/[ULulE]/.test(next)) {
        flush();
        pieces.push({ convert: next as "U" | "L" | "u" | "l" | "E" });
      } else if (next === "n") literal += "\n";
      else if (next === "t") literal += "\t";
      else literal += next;
    } else literal += ch;
  }
  flush();
  return pieces;
}

/** The replacement for one match, with GNU's case conversions applied as the text is built. */
function expand(pieces: readonly Piece[], match: RegExpExecArray): string {
  let out = "";
  let mode: "U" | "L" | "E" = "E";
  let once: "u" | "l" | undefined;
  const add = (text: string) => {
    for (const ch of text) {
      let c = mode === "U" ? ch.toUpperCase() : mode === "L" ? ch.toLowerCase() : ch;
      if (once) {
        c = once === "u" ? c.toUpperCase() : c.toLowerCase();
        once = undefined;
      }
      out += c;
    }
  };
  for (const piece of pieces) {
    if ("text" in piece) add(piece.text);
    else if ("group" in piece) add(match[piece.group] ?? "");
    else if (piece.convert === "u" || piece.convert === "l") once = piece.convert;
    else mode = piece.convert;
  }
  return out;
}

interface Options {
  quiet: boolean;
  extended: boolean;
  separate: boolean;
  /** -i: edit files in place, with this backup suffix ("" for none). */
  inPlace?: string;
  scripts: { text: string; where: string }[];
  files: string[];
}

/** GNU getopt's permuting parse, by hand for -i's optional attached suffix. */
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

function compile(options: Options): Command[] {
  const commands: Command[] = [];
  const blocks: number[] = [];
  let last: Parser | undefined;
  const shared = { regexSeen: false };
  for (const { text, where } of options.scripts) {
    last = new Parser(text, options.extended, where, shared);
    last.parse(commands, blocks);
  }
  if (blocks.length > 0) last!.fail("unmatched `{'", 0);
  const labels = new Map<string, number>();
  commands.forEach((c, i) => {
    if (c.name === ":") labels.set(c.label!, i);
  });
  for (const c of commands) {
    if (c.name !== "b" && c.name !== "t" && c.name !== "T") continue;
    if (c.label === "") c.jump = commands.length;
    else {
      const target = labels.get(c.label!);
      if (target === undefined) throw new ScriptError(`sed: can't find label for jump to \`${c.label}'\n`, 4);
      c.jump = target;
    }
  }
  return commands;
}

/**
 * Lines of the inputs in order. A line is handed over as soon as it is read: the next one is read
 * ahead only when the script asks whether this is the last (`$`, n, N), as GNU sed peeks, so that
 * `kubectl get pods -w | sed …` edits each row as the watch prints it.
 */
class LineReader {
  readonly #lines: AsyncGenerator<{ line: string; input: Input; newline: boolean }>;
  #ahead: { line: string; input: Input; newline: boolean } | undefined;
  #done = false;
  input: Input | undefined;
  /** The line just read had a newline after it (the last line of a file may not). */
  newline = true;

  constructor(inputs: readonly Input[]) {
    this.#lines = (async function* () {
      for (const input of inputs) {
        if (input.pipe) {
          for await (const line of inputLines(input)) yield { line, input, newline: true };
          continue;
        }
        // A file's last line without a newline is written back without one, as GNU sed does.
        const all = lines(input.text);
        const newlineAtEnd = input.text.endsWith("\n");
        for (const [i, line] of all.entries()) {
          yield { line, input, newline: i < all.length - 1 || newlineAtEnd };
        }
      }
    })();
  }

  async #fill(): Promise<void> {
    if (this.#ahead || this.#done) return;
    const next = await this.#lines.next();
    if (next.done) this.#done = true;
    else this.#ahead = next.value;
  }

  async next(): Promise<string | undefined> {
    await this.#fill();
    const current = this.#ahead;
    this.#ahead = undefined;
    if (!current) return undefined;
    this.input = current.input;
    this.newline = current.newline;
    return current.line;
  }

  /** Whether the line just read is the last one (reads the next one ahead to know). */
  async atLast(): Promise<boolean> {
    await this.#fill();
    return this.#ahead === undefined;
  }
}

/** The files a script reads (`r`) and writes (`w`), in the shell's filesystem. */
interface Files {
  /** A file's text; undefined when it cannot be read (`r` then adds nothing). */
  read(name: string): string | undefined;
  /** Adds to a file that `w` emptied when the script started. */
  append(name: string, text: string): void;
}

/** Runs the script over one stream of lines; returns the exit status asked for by `q`/`Q`, if any. */
async function run(
  commands: readonly Command[],
  reader: LineReader,
  quiet: boolean,
  out: (text: string) => void,
  files: Files,
  signal: AbortSignal,
): Promise<{ exitCode?: number; looped?: boolean }> {
  let hold = "";
  let lineNo = 0;
  let lastRegex: RegExp | undefined;
  let appended: string[] = [];
  // A last line written without its newline gets one as soon as anything follows it, as in GNU sed.
  let unterminated = false;
  const emit = (text: string) => {
    if (text === "") return;
    out(unterminated ? `\n${text}` : text);
    unterminated = !text.endsWith("\n");
  };
  const write = (line: string, newline = true) => emit(newline ? `${line}\n` : line);
  const flushAppended = () => {
    for (const text of appended) emit(text);
    appended = [];
  };
  const regexOf = (regex: RegExp | undefined): RegExp => {
    const chosen = regex ?? lastRegex;
    if (!chosen) throw new ScriptError("sed: no previous regular expression\n", 4);
    lastRegex = chosen;
    return chosen;
  };
  const test = (regex: RegExp | undefined, text: string) => {
    const chosen = regexOf(regex);
    chosen.lastIndex = 0;
    return chosen.test(text);
  };

  // `$` makes sed read a line ahead to know the last; without it, a line is edited once it is read.
  const usesLast = commands.some((c) => c.from?.kind === "last" || c.to?.kind === "last");
  let space = await reader.next();
  if (space !== undefined) lineNo++;
  while (space !== undefined) {
    if (signal.aborted) return {};
    let ps: string = space;
    let isLast = usesLast && (await reader.atLast());
    let substituted = false;
    let autoprint = !quiet;
    let restart = false;
    let quit: number | undefined;
    let steps = 0;
    const matches = (address: Address, text: string): boolean => {
      switch (address.kind) {
        case "line":
          return lineNo === address.line;
        case "last":
          return isLast;
        case "regex":
          return test(address.regex, text);
        case "step":
          return address.step <= 0
            ? lineNo === address.first
            : lineNo >= address.first && (lineNo - address.first) % address.step === 0;
        case "zero":
          return false;
      }
    };
    const selected = (c: Command): boolean => {
      if (!c.from) return !c.negate;
      let hit: boolean;
      if (!c.to) hit = matches(c.from, ps);
      else if (c.active) {
        hit = true;
        const to = c.to;
        if (to.kind === "plus") c.active = lineNo < c.endLine!;
        else if (to.kind === "multiple") c.active = to.count > 0 && lineNo % to.count !== 0;
        else if (to.kind === "line") c.active = lineNo < to.line;
        else c.active = !matches(to, ps);
      } else if (matches(c.from, ps)) {
        hit = true;
        const to = c.to;
        if (to.kind === "plus") {
          c.endLine = lineNo + to.count;
          c.active = to.count > 0;
        } else if (to.kind === "multiple") c.active = to.count > 0 && lineNo % to.count !== 0;
        else if (to.kind === "line") c.active = to.line > lineNo;
        else if (to.kind === "last") c.active = !isLast;
        else c.active = true; // a regex end is looked for from the next line on
      } else hit = false;
      return hit !== c.negate;
    };
    /** n and N: the next line, or undefined at the end of the input (sed then ends, printing). */
    const nextLine = async (): Promise<string | undefined> => {
      const line = await reader.next();
      if (line !== undefined) lineNo++;
      isLast = usesLast && (await reader.atLast());
      return line;
    };

    for (let pc = 0; pc < commands.length; ) {
      if (++steps > MAX_STEPS_PER_LINE) return { looped: true };
      const c = commands[pc]!;
      if (!selected(c)) {
        pc = c.name === "{" ? c.jump! + 1 : pc + 1;
        continue;
      }
      pc++;
      switch (c.name) {
        case "=":
          write(String(lineNo));
          break;
        case "a":
          appended.push(c.text!);
          break;
        case "r": {
          const text = files.read(c.file!);
          if (text !== undefined) appended.push(text);
          break;
        }
        case "w":
          files.append(c.file!, `${ps}\n`);
          break;
        case "W":
          files.append(c.file!, `${ps.split("\n", 1)[0]}\n`);
          break;
        case "i":
          emit(c.text!);
          break;
        case "c":
          // In a range, the text replaces the whole range: it is printed at its end.
          if (!c.to || !c.active || c.negate) emit(c.text!);
          autoprint = false;
          pc = commands.length;
          break;
        case "d":
          autoprint = false;
          pc = commands.length;
          break;
        case "D": {
          const newline = ps.indexOf("\n");
          autoprint = false;
          pc = commands.length;
          if (newline >= 0) {
            ps = ps.slice(newline + 1);
            restart = true;
          }
          break;
        }
        case "g":
          ps = hold;
          break;
        case "G":
          ps += `\n${hold}`;
          break;
        case "h":
          hold = ps;
          break;
        case "H":
          hold += `\n${ps}`;
          break;
        case "x":
          [ps, hold] = [hold, ps];
          break;
        case "z":
          ps = "";
          break;
        case "F":
          write(reader.input?.name ?? "-");
          break;
        case "n": {
          if (await reader.atLast()) {
            pc = commands.length;
            quit = 0;
            break;
          }
          if (!quiet) write(ps);
          flushAppended();
          ps = (await nextLine())!;
          break;
        }
        case "N": {
          if (await reader.atLast()) {
            pc = commands.length;
            quit = 0;
            break;
          }
          flushAppended();
          ps += `\n${await nextLine()}`;
          break;
        }
        case "p":
          write(ps);
          break;
        case "P":
          write(ps.split("\n", 1)[0]!);
          break;
        case "q":
          quit = c.exitCode!;
          pc = commands.length;
          break;
        case "Q":
          return { exitCode: c.exitCode! };
        case "s": {
          const regex = regexOf(c.regex);
          regex.lastIndex = 0;
          let result = "";
          let from = 0;
          let count = 0;
          let replaced = false;
          let previousEnd = -1;
          for (let match = regex.exec(ps); match; match = regex.exec(ps)) {
            const end = match.index + match[0].length;
            if (match[0] === "") regex.lastIndex++;
            // An empty match where the previous match ended is no match (`s/l*/-/g` on hello: -h-e-o-).
            if (match[0] === "" && match.index === previousEnd) continue;
            previousEnd = end;
            count++;
            const wanted =
              c.occurrence === undefined
                ? count === 1 || c.global
                : count >= c.occurrence && (c.global || count === c.occurrence);
            if (wanted) {
              result += ps.slice(from, match.index) + expand(c.replacement!, match);
              from = end;
              replaced = true;
            }
            if (!c.global && replaced) break;
          }
          if (replaced) {
            ps = result + ps.slice(from);
            substituted = true;
            for (let i = 0; i < c.prints!; i++) write(ps);
            if (c.file !== undefined) files.append(c.file, `${ps}\n`);
          }
          break;
        }
        case "y":
          ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join("");
          break;
        case "b":
          pc = c.jump!;
          break;
        case "t":
          if (substituted) {
            substituted = false;
            pc = c.jump!;
          }
          break;
        case "T":
          if (!substituted) pc = c.jump!;
          else substituted = false;
          break;
      }
    }
    if (autoprint) write(ps, reader.newline || restart);
    flushAppended();
    if (quit !== undefined) return { exitCode: quit };
    if (restart) {
      space = ps;
      continue;
    }
    space = await nextLine();
  }
  return {};
}

/** r and w in the shell's filesystem; w's files are emptied once, as the script starts (GNU opens them then). */
function scriptFiles(ctx: ToolContext, commands: readonly Command[]): Files {
  const stream = (name: string) =>
    name === "/dev/stdout" ? ctx.stdout : name === "/dev/stderr" ? ctx.stderr : undefined;
  const written = new Set(commands.filter((c) => c.file !== undefined && c.name !== "r").map((c) => c.file!));
  for (const name of written) {
    if (stream(name)) continue;
    try {
      ctx.shell.fs.writeFile(ctx.shell.resolve(name), "", ctx.shell.now());
    } catch (error) {
      throw new ScriptError(`sed: couldn't open file ${name}: ${reason(error)}\n`, 4);
    }
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
    append(name, text) {
      const sink = stream(name);
      if (sink) return sink(text);
      const path = ctx.shell.resolve(name);
      ctx.shell.fs.writeFile(path, ctx.shell.fs.readFile(path) + text, ctx.shell.now());
    },
  };
}

/** `sed [OPTION]... SCRIPT [FILE]...`: exit 1 for a bad script, 2 when an input cannot be read. */
export const sed: Tool = streaming(async (ctx) => {
  const options = parseOptions(ctx);
  if (typeof options === "number") return options;
  let commands: Command[];
  try {
    commands = compile(options);
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
  const report = (result: { exitCode?: number; looped?: boolean }): number | undefined => {
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
          await run(commands, new LineReader([input]), options.quiet, (t) => (text += t), files, ctx.signal),
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
        await run(commands, new LineReader(stream), options.quiet, ctx.stdout, files, ctx.signal),
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
