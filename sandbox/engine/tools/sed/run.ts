/**
 * Running a parsed sed script (sed/script.ts) over a stream of lines, cycle by cycle as GNU sed
 * does: read a line into the pattern space, run the commands whose addresses select it, print it
 * unless -n, add what `a` and `r` queued, and go on with the next line.
 */
import { type Input, inputLines, lines } from "../io.ts";
import { type Address, type Command, type Piece, ScriptError } from "./script.ts";

/** A script runs at most this many commands on one line without reading input before it is stopped. */
const MAX_STEPS_PER_LINE = 1_000_000;

/**
 * Lines of the inputs in order. A line is handed over as soon as it is read: the next one is read
 * ahead only when the script asks whether this is the last (`$`, n, N), as GNU sed peeks, so that
 * `kubectl get pods -w | sed …` edits each row as the watch prints it.
 */
export class LineReader {
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
export interface Files {
  /** A file's text; undefined when it cannot be read (`r` then adds nothing). */
  read(name: string): string | undefined;
  /** Adds to a file that `w` emptied when the script started. */
  append(name: string, text: string): void;
}

/** How a run ended early: `q`/`Q`'s exit status, or a script stopped for looping without input. */
export interface Outcome {
  exitCode?: number;
  looped?: boolean;
}

/** What one cycle asks of the next: stop (an outcome), start again on what is left (`D`), or read on. */
type CycleEnd = Outcome | "restart" | "next";

/** One run of a script over one stream: the pattern and hold spaces, the line number, what waits to be added. */
export class SedRun {
  readonly #commands: readonly Command[];
  readonly #reader: LineReader;
  readonly #quiet: boolean;
  readonly #out: (text: string) => void;
  readonly #files: Files;
  /** `$` makes sed read a line ahead to know the last; without it a line is edited once it is read. */
  readonly #usesLast: boolean;
  #ps = "";
  #hold = "";
  #lineNo = 0;
  #isLast = false;
  #lastRegex: RegExp | undefined;
  #appended: string[] = [];
  /** A last line written without its newline gets one as soon as anything follows it, as in GNU sed. */
  #unterminated = false;
  // This cycle's state.
  #substituted = false;
  #autoprint = true;
  #restart = false;
  #quit: number | undefined;

  constructor(
    commands: readonly Command[],
    reader: LineReader,
    options: { quiet: boolean; out: (text: string) => void; files: Files },
  ) {
    this.#commands = commands;
    this.#reader = reader;
    this.#quiet = options.quiet;
    this.#out = options.out;
    this.#files = options.files;
    this.#usesLast = commands.some((c) => c.from?.kind === "last" || c.to?.kind === "last");
  }

  async run(signal: AbortSignal): Promise<Outcome> {
    let line = await this.#nextLine();
    while (line !== undefined) {
      if (signal.aborted) return {};
      this.#ps = line;
      const end = await this.#cycle();
      if (typeof end === "object") return end;
      line = end === "restart" ? this.#ps : await this.#nextLine();
    }
    return {};
  }

  async #cycle(): Promise<CycleEnd> {
    this.#substituted = false;
    this.#autoprint = !this.#quiet;
    this.#restart = false;
    this.#quit = undefined;
    const commands = this.#commands;
    let steps = 0;
    for (let pc = 0; pc < commands.length; ) {
      if (++steps > MAX_STEPS_PER_LINE) return { looped: true };
      const c = commands[pc]!;
      if (!this.#selected(c)) {
        pc = c.name === "{" ? c.jump! + 1 : pc + 1;
        continue;
      }
      const next = await this.#execute(c, pc + 1);
      if (typeof next === "object") return next;
      pc = next;
    }
    if (this.#autoprint) this.#write(this.#ps, this.#reader.newline || this.#restart);
    this.#flushAppended();
    if (this.#quit !== undefined) return { exitCode: this.#quit };
    return this.#restart ? "restart" : "next";
  }

  /** Runs one selected command; returns where to go on (past the end: the cycle ends), or `Q`'s outcome. */
  async #execute(c: Command, next: number): Promise<number | Outcome> {
    const end = this.#commands.length;
    switch (c.name) {
      case "=":
        this.#write(String(this.#lineNo));
        return next;
      case "a":
        this.#appended.push(c.text!);
        return next;
      case "r": {
        const text = this.#files.read(c.file!);
        if (text !== undefined) this.#appended.push(text);
        return next;
      }
      case "w":
        this.#files.append(c.file!, `${this.#ps}\n`);
        return next;
      case "W":
        this.#files.append(c.file!, `${this.#ps.split("\n", 1)[0]}\n`);
        return next;
      case "i":
        this.#emit(c.text!);
        return next;
      case "c":
        // In a range, the text replaces the whole range: it is printed at its end.
        if (!c.to || !c.active || c.negate) this.#emit(c.text!);
        this.#autoprint = false;
        return end;
      case "d":
        this.#autoprint = false;
        return end;
      case "D": {
        const newline = this.#ps.indexOf("\n");
        this.#autoprint = false;
        if (newline >= 0) {
          this.#ps = this.#ps.slice(newline + 1);
          this.#restart = true;
        }
        return end;
      }
      case "g":
        this.#ps = this.#hold;
        return next;
      case "G":
        this.#ps += `\n${this.#hold}`;
        return next;
      case "h":
        this.#hold = this.#ps;
        return next;
      case "H":
        this.#hold += `\n${this.#ps}`;
        return next;
      case "x":
        [this.#ps, this.#hold] = [this.#hold, this.#ps];
        return next;
      case "z":
        this.#ps = "";
        return next;
      case "F":
        this.#write(this.#reader.input?.name ?? "-");
        return next;
      case "n":
      case "N":
        // With no next line, sed ends: the pattern space is printed as at the end of any cycle.
        if (await this.#reader.atLast()) {
          this.#quit = 0;
          return end;
        }
        if (c.name === "n" && !this.#quiet) this.#write(this.#ps);
        this.#flushAppended();
        this.#ps = c.name === "n" ? (await this.#nextLine())! : `${this.#ps}\n${await this.#nextLine()}`;
        return next;
      case "p":
        this.#write(this.#ps);
        return next;
      case "P":
        this.#write(this.#ps.split("\n", 1)[0]!);
        return next;
      case "q":
        this.#quit = c.exitCode!;
        return end;
      case "Q":
        return { exitCode: c.exitCode! };
      case "s":
        this.#substitute(c);
        return next;
      case "y":
        this.#ps = [...this.#ps].map((ch) => c.map!.get(ch) ?? ch).join("");
        return next;
      case "b":
        return c.jump!;
      case "t":
      case "T": {
        const jump = this.#substituted === (c.name === "t");
        this.#substituted = false;
        return jump ? c.jump! : next;
      }
      default:
        return next; // `{` entered, `}`, `:label`, `v`
    }
  }

  #substitute(c: Command): void {
    const regex = this.#regexOf(c.regex);
    const ps = this.#ps;
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
    if (!replaced) return;
    this.#ps = result + ps.slice(from);
    this.#substituted = true;
    for (let i = 0; i < c.prints!; i++) this.#write(this.#ps);
    if (c.file !== undefined) this.#files.append(c.file, `${this.#ps}\n`);
  }

  /** Whether the command's addresses select the current line, moving its range on. */
  #selected(c: Command): boolean {
    if (!c.from) return !c.negate;
    let hit: boolean;
    const to = c.to;
    if (!to) hit = this.#matches(c.from);
    else if (c.active) {
      hit = true;
      if (to.kind === "plus") c.active = this.#lineNo < c.endLine!;
      else if (to.kind === "multiple") c.active = to.count > 0 && this.#lineNo % to.count !== 0;
      else if (to.kind === "line") c.active = this.#lineNo < to.line;
      else c.active = !this.#matches(to);
    } else if (this.#matches(c.from)) {
      hit = true;
      if (to.kind === "plus") {
        c.endLine = this.#lineNo + to.count;
        c.active = to.count > 0;
      } else if (to.kind === "multiple") c.active = to.count > 0 && this.#lineNo % to.count !== 0;
      else if (to.kind === "line") c.active = to.line > this.#lineNo;
      else if (to.kind === "last") c.active = !this.#isLast;
      else c.active = true; // a regex end is looked for from the next line on
    } else hit = false;
    return hit !== c.negate;
  }

  #matches(address: Address): boolean {
    switch (address.kind) {
      case "line":
        return this.#lineNo === address.line;
      case "last":
        return this.#isLast;
      case "regex": {
        const regex = this.#regexOf(address.regex);
        regex.lastIndex = 0;
        return regex.test(this.#ps);
      }
      case "step":
        return address.step <= 0
          ? this.#lineNo === address.first
          : this.#lineNo >= address.first && (this.#lineNo - address.first) % address.step === 0;
      case "zero":
        return false;
    }
  }

  /** The pattern asked for, or for an empty one (`s//x/`) the last one used. */
  #regexOf(regex: RegExp | undefined): RegExp {
    const chosen = regex ?? this.#lastRegex;
    if (!chosen) throw new ScriptError("sed: no previous regular expression\n", 4);
    this.#lastRegex = chosen;
    return chosen;
  }

  /** The next input line, or undefined at the end of the input. */
  async #nextLine(): Promise<string | undefined> {
    const line = await this.#reader.next();
    if (line !== undefined) this.#lineNo++;
    this.#isLast = this.#usesLast && (await this.#reader.atLast());
    return line;
  }

  #emit(text: string): void {
    if (text === "") return;
    this.#out(this.#unterminated ? `\n${text}` : text);
    this.#unterminated = !text.endsWith("\n");
  }

  #write(line: string, newline = true): void {
    this.#emit(newline ? `${line}\n` : line);
  }

  #flushAppended(): void {
    for (const text of this.#appended) this.#emit(text);
    this.#appended = [];
  }
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
