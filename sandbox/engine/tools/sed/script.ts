/**
 * A sed script, parsed: the commands with their addresses, as GNU sed 4.9 reads them (the same
 * error messages, at the same character), ready for sed/run.ts.
 */
import { bracketEnd, posixToJs } from "../regex.ts";

export type Address =
  | { kind: "line"; line: number }
  | { kind: "last" }
  | { kind: "regex"; regex: RegExp | undefined }
  | { kind: "step"; first: number; step: number }
  | { kind: "zero" };
export type EndAddress = Address | { kind: "plus"; count: number } | { kind: "multiple"; count: number };

/** `&`, a group, a case conversion (`\U \L \u \l \E`) or literal text of a replacement. */
export type Piece = { text: string } | { group: number } | { convert: "U" | "L" | "u" | "l" | "E" };

export interface Command {
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
export class ScriptError extends Error {
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
        this.#label(); // `v [version]` only checks that sed is GNU sed: its argument is skipped
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

/**
 * The commands of a whole script: its -e expressions and -f files in order (GNU sed joins them),
 * with every `{` matched and every branch pointed at its label.
 */
export function compileScript(
  scripts: readonly { text: string; where: string }[],
  extended: boolean,
): Command[] {
  const commands: Command[] = [];
  const blocks: number[] = [];
  let last: Parser | undefined;
  const shared = { regexSeen: false };
  for (const { text, where } of scripts) {
    last = new Parser(text, extended, where, shared);
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
