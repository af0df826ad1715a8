/**
 * One terminal: xterm for the screen, LineEditor for the prompt, the engine for commands.
 * Typing while a command runs is buffered and replayed afterwards (type-ahead); Ctrl-C cancels
 * the running command or the current line.
 */
import type { FitAddon } from "@xterm/addon-fit";
import type { SerializeAddon } from "@xterm/addon-serialize";
import type { IMarker, Terminal } from "@xterm/xterm";
import { neutraliseControls, outputNeutraliser } from "../../engine/output.ts";
import { type RunningCommand, type SandboxClient, SandboxRestartedError } from "../sandbox-client.ts";
import { neutraliseScrollback, type TerminalMemory } from "../state/session-record.ts";
import { completionOutcome, formatColumns } from "./completion-list.ts";
import { decodeKeys, type KeyAction } from "./keys.ts";
import { LineEditor } from "./line-editor.ts";
import { renderLine } from "./prompt-renderer.ts";

/** bash's PS2: what the terminal shows while a heredoc or an open quote reads on. */
const CONTINUATION_PROMPT = "> ";
/** The host shell's prompt: Ctrl-D on an empty line leaves any other (a pod's shell). */
const HOST_PROMPT = "$ ";
/** readline's completion-query-items: longer listings ask first. */
const QUERY_ITEMS = 100;
const CLEAR_SCREEN = "\x1b[H\x1b[2J";
/** Rows of scrollback kept across reloads (the screen itself comes on top). */
const SAVED_SCROLLBACK_ROWS = 1000;

export class TerminalSession {
  readonly #term: Terminal;
  readonly #fit: FitAddon;
  readonly #sandbox: SandboxClient;
  #editor = new LineEditor();
  /**
   * xterm's serialize addon, for saving the screen after a command. Loaded when the first command
   * runs rather than with the page: the page's JavaScript has a budget (budgets.json).
   */
  #serializer: Promise<SerializeAddon | undefined> | undefined;
  #loadedSerializer: SerializeAddon | undefined;
  /** The screen as it stood when the last command ended, without the prompt drawn after it. */
  #scrollback = "";
  /** Serialises the screen the last command left, once its output has been drawn. */
  #pendingCapture: (() => void) | undefined;
  /** Called after each command that ran, once its output is on the screen (to save the session). */
  onCommandDone: (() => void) | undefined;
  #cursorCell = 0;
  /** Whether the last output ended a line; if not, the prompt starts on a new one (as zsh does). */
  #atLineStart = true;
  #running: RunningCommand | undefined;
  /** Ctrl-C came while the line just entered was with the engine: if it was not a whole command, it is dropped. */
  #interrupted = false;
  /** While a heredoc or quote is open: the lines typed so far. */
  #pendingText = "";
  /** The engine's prompt (`$ `, or a pod's inside `kubectl exec -it`). */
  #prompt = "$ ";
  /** Busy between Enter and the next prompt (checking completeness, running, asking the prompt). */
  #busy = false;
  readonly #pending: KeyAction[] = [];
  readonly #idleWaiters: (() => void)[] = [];
  /** The previous key was Tab too: a Tab that cannot complete further then lists the candidates. */
  #lastWasTab = false;
  /** A listing waiting for the answer to "Display all N possibilities? (y or n)". */
  #askingToList: string[] | undefined;

  constructor(term: Terminal, fit: FitAddon, sandbox: SandboxClient) {
    this.#term = term;
    this.#fit = fit;
    this.#sandbox = sandbox;
    term.onData((data) => this.input(data));
  }

  start(banner: string): void {
    // Ask xterm to bracket pastes, so pasted text is never mistaken for keys like Ctrl-C.
    this.#term.write("\x1b[?2004h");
    this.#write(banner);
    this.#showPrompt();
  }

  /**
   * Starts with what a previous visit left: the line history, the old screen and scrollback (its
   * escape sequences neutralised: saved state may have been tampered with), then `notice` dimmed
   * on a line of its own, then the prompt.
   */
  async resume(memory: TerminalMemory, notice: string): Promise<void> {
    this.#editor = new LineEditor(memory.history);
    // Keys typed while the old screen is drawn wait, as type-ahead does, for the prompt.
    this.#busy = true;
    this.#term.write("\x1b[?2004h");
    const scrollback = neutraliseScrollback(memory.scrollback ?? "");
    await new Promise<void>((resolve) => this.#term.write(scrollback, resolve));
    this.#scrollback = scrollback;
    if (this.#term.buffer.active.cursorX !== 0) this.#write("\r\n");
    this.#atLineStart = true;
    this.#busy = false;
    this.notice(notice, "dim");
    this.#feed(this.#pending.splice(0));
  }

  /**
   * Forgets the screen, the line history and any half-typed line, before the session starts
   * again on another sandbox (Reset, Import, a share link); `start` or `resume` follows.
   */
  clear(): void {
    this.#term.reset();
    this.#editor = new LineEditor();
    this.#pendingText = "";
    this.#prompt = "$ ";
    this.#pending.length = 0;
    this.#atLineStart = true;
    this.#cursorCell = 0;
    this.#scrollback = "";
    this.#pendingCapture = undefined;
  }

  /** Between Enter and the next prompt: the sandbox must not be saved half-way through a command. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Resolves once no command is running (at once when none is). */
  idle(): Promise<void> {
    return this.#busy ? new Promise((resolve) => this.#idleWaiters.push(resolve)) : Promise.resolve();
  }

  /**
   * A message from the page rather than from a command (a restored session, a restarted worker):
   * on its own line, then the prompt again with whatever was being typed.
   */
  notice(text: string, tone: "dim" | "warning" = "warning"): void {
    const style = tone === "dim" ? "\x1b[2m" : "\x1b[33m";
    if (!this.#atLineStart) this.#write("\r\n");
    // A notice may quote saved or imported data (a corrupt record's error): neutralised too.
    this.#write(`${style}${neutraliseControls(text).replace(/\n/g, "\r\n")}\x1b[0m\r\n`);
    if (!this.#busy) this.#showPrompt();
  }

  /** What survives a reload: the line history and the screen as the last command left it. */
  memory(): TerminalMemory {
    this.#pendingCapture?.();
    return { history: [...this.#editor.history], scrollback: this.#scrollback };
  }

  fit(): void {
    this.#fit.fit();
  }

  /** xterm's screen-reader mode: an accessible live copy of the output, read as it arrives. */
  setScreenReaderMode(on: boolean): void {
    this.#term.options.screenReaderMode = on;
  }

  /** Escape pressed in the terminal (xterm's key handler takes the key; see create-terminal.ts). */
  escape(): void {
    this.#feed([{ type: "escape" }]);
  }

  /** Types commands as if the learner had, line by line, then runs them (lessons' Run buttons). */
  typeAndRun(text: string): void {
    this.#feed(
      text
        .split("\n")
        .flatMap((line): KeyAction[] => [
          ...(line ? [{ type: "insert" as const, text: line }] : []),
          { type: "enter" as const },
        ]),
    );
  }

  /** Keys as xterm delivers them (its onData): what was typed before xterm existed comes this way. */
  input(data: string): void {
    this.#feed(decodeKeys(data));
  }

  focus(): void {
    this.#term.focus();
  }

  /** Resolves once what has been written is on the screen (xterm draws on the next frame). */
  drawn(): Promise<void> {
    return new Promise((resolve) => this.#term.write("", () => requestAnimationFrame(() => resolve())));
  }

  #feed(actions: KeyAction[]): void {
    for (const [i, action] of actions.entries()) {
      if (this.#busy) {
        if (action.type === "interrupt") {
          // The tty echoes ^C; bash then starts the prompt on a new line. Keys typed ahead are dropped.
          this.#write("^C\r\n");
          this.#interrupted = true;
          this.#running?.cancel();
          this.#pending.length = 0;
        } else {
          this.#pending.push(...actions.slice(i));
          return;
        }
        continue;
      }
      this.#handle(action);
    }
  }

  #handle(action: KeyAction): void {
    if (this.#askingToList) {
      const items = this.#askingToList;
      this.#askingToList = undefined;
      this.#lastWasTab = false;
      // y, Y or Space shows the listing; any other key declines, as readline takes it.
      if (action.type === "insert" && /^[yY ]/.test(action.text)) this.#list(items);
      else {
        this.#write("\r\n");
        this.#showPrompt();
      }
      return;
    }
    const wasTab = this.#lastWasTab;
    this.#lastWasTab = action.type === "complete";
    const result = this.#editor.apply(action);
    switch (result.type) {
      case "edited":
        this.#redraw();
        break;
      case "accepted":
        this.#write("\r\n");
        void this.#accept(result.line);
        break;
      case "interrupted":
        this.#write("^C\r\n");
        this.#pendingText = "";
        this.#showPrompt();
        break;
      case "clearScreen":
        this.#write(CLEAR_SCREEN);
        this.#showPrompt();
        break;
      case "complete":
        void this.#complete(wasTab);
        break;
      case "eof":
        // Ctrl-D on an empty line leaves a pod's shell as `exit` would (bash says "exit" itself).
        // The host shell cannot be left: there is nothing behind it, so Ctrl-D there does nothing.
        if (this.#prompt !== HOST_PROMPT && !this.#pendingText) void this.#accept("exit");
        break;
      case "none":
        break;
    }
  }

  /**
   * Tab, as readline does it: a single candidate replaces the word (with a space after it unless
   * it is a directory), several extend it to what they have in common, and a second Tab that
   * cannot extend it lists them in columns, then the prompt and line come back.
   */
  async #complete(wasTab: boolean): Promise<void> {
    this.#busy = true;
    try {
      const before = this.#editor.beforeCursor;
      const completion = await this.#sandbox.complete(this.#editor.buffer, before.length);
      const outcome = completionOutcome(before, completion, wasTab);
      if (outcome.type === "insert") {
        this.#editor.replaceBeforeCursor(completion.replaceFrom, outcome.text);
        this.#redraw();
      } else if (outcome.type === "list") {
        this.#redraw({ cursorAtEnd: true });
        if (outcome.items.length > QUERY_ITEMS) {
          this.#write(`\r\nDisplay all ${outcome.items.length} possibilities? (y or n)`);
          this.#askingToList = outcome.items;
        } else this.#list(outcome.items);
      }
    } catch (error) {
      // A restarted sandbox says so itself; completion simply offers nothing meanwhile.
      if (!(error instanceof SandboxRestartedError)) console.warn("completion failed", error);
    } finally {
      this.#busy = false;
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
      this.#feed(this.#pending.splice(0));
    }
  }

  /** Candidates in columns under the line, then the prompt and the line again. */
  #list(items: string[]): void {
    // Candidates are file and object names: any bytes a learner or a share link chose.
    const listing = formatColumns(items, this.#term.cols).join("\r\n");
    this.#write(`\r\n${neutraliseControls(listing)}\r\n`);
    this.#showPrompt();
  }

  /** A line was entered: run it, or keep reading when a heredoc or quote is still open. */
  async #accept(line: string): Promise<void> {
    this.#busy = true;
    const text = `${this.#pendingText}${line}\n`;
    let ran = false;
    try {
      if (text.trim() === "") return;
      this.#pendingText = "";
      // The screen the last command left is serialised before this one's output can change it.
      this.#term.write("", () => this.#pendingCapture?.());
      const serializer = this.#loadSerializer();
      // Only the engine's own control sequences reach xterm as they are; any other chunk may
      // carry user data (a file, a log, an annotation) and is shown in caret notation.
      // One neutraliser for the whole command: a CRLF split across two chunks stays a newline.
      const screen = outputNeutraliser();
      const running = this.#sandbox.exec(text, (chunk) =>
        this.#write(chunk.control ? screen.flush() + chunk.text : screen.write(chunk.text)),
      );
      this.#running = running;
      ran = true;
      // The engine runs the text only if it is a whole command: one round trip, not a question
      // and then the command. null: a heredoc or quote is still open, so read on at `> `.
      if ((await running.done) === null) {
        ran = false;
        this.#pendingText = text;
        return;
      }
      this.#write(screen.flush());
      // The prompt shows the working directory, which a learner may have named with any bytes.
      this.#prompt = neutraliseControls(await this.#sandbox.prompt());
      // Only the first command can wait here, after its output, for the addon it started loading.
      await serializer;
    } catch (error) {
      // A restarted sandbox has already said so in a notice of its own.
      if (error instanceof SandboxRestartedError) {
        ran = false;
        this.#prompt = "$ ";
      } else {
        this.#write(
          `\r\n\x1b[31mThe sandbox failed to run that command: ${neutraliseControls(String(error))}\x1b[0m\r\n`,
        );
      }
    } finally {
      this.#running = undefined;
      // Ctrl-C at a continuation prompt drops what was typed so far, as bash does.
      if (this.#interrupted && !ran) this.#pendingText = "";
      this.#interrupted = false;
      if (ran) this.#captureScrollback();
      this.#busy = false;
      this.#showPrompt();
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
      this.#feed(this.#pending.splice(0));
    }
  }

  /**
   * Marks where the screen ends once xterm has parsed the command's output, before the prompt
   * (written next) reaches it: xterm runs a write's callback as soon as that write is parsed. The
   * serialising waits until that output has been drawn: it costs 10 ms on a first command (the
   * addon's code compiling) and grows with the scrollback, and the answer should not wait for
   * its own saving.
   */
  #captureScrollback(): void {
    this.#term.write("", () => {
      const end = this.#term.registerMarker(0);
      const atLineStart = this.#term.buffer.normal.cursorX === 0;
      const capture = () => {
        if (this.#pendingCapture !== capture) return;
        this.#pendingCapture = undefined;
        // Without the addon (it failed to load) the previous screen stays the saved one.
        this.#scrollback = this.#serializeUpTo(end, atLineStart) ?? this.#scrollback;
        end.dispose();
        this.onCommandDone?.();
      };
      this.#pendingCapture = capture;
      afterNextPaint(capture);
    });
  }

  /**
   * The screen up to the row `end` marks (without it when the cursor was at its start), as a
   * string that draws it again and leaves the cursor where it was. Blank rows at the bottom are
   * written as line feeds: the serializer drops them when the screen is not full.
   */
  #serializeUpTo(end: IMarker, atLineStart: boolean): string | undefined {
    if (!this.#loadedSerializer || end.isDisposed) return undefined;
    const buffer = this.#term.buffer.normal;
    const start = Math.max(0, end.line - SAVED_SCROLLBACK_ROWS - this.#term.rows + 1);
    let last = atLineStart ? end.line - 1 : end.line;
    let blankRows = 0;
    while (last >= start && buffer.getLine(last)?.translateToString(true) === "") {
      last--;
      blankRows++;
    }
    if (last < start) return "";
    const rows = this.#loadedSerializer.serialize({
      range: { start, end: last },
      excludeModes: true,
      excludeAltBuffer: true,
    });
    return rows + "\r\n".repeat(blankRows + (atLineStart ? 1 : 0));
  }

  #loadSerializer(): Promise<SerializeAddon | undefined> {
    this.#serializer ??= import("@xterm/addon-serialize").then(
      ({ SerializeAddon }) => {
        this.#loadedSerializer = new SerializeAddon();
        this.#term.loadAddon(this.#loadedSerializer);
        return this.#loadedSerializer;
      },
      (error: unknown) => {
        // Offline with the chunk never cached: commands still run; the next one tries again.
        console.warn("could not load the terminal's serializer", error);
        this.#serializer = undefined;
        return undefined;
      },
    );
    return this.#serializer;
  }

  #showPrompt(): void {
    // Output such as `-o jsonpath` may not end with a newline; the prompt still starts a line.
    if (!this.#atLineStart) this.#write("\r\n");
    this.#cursorCell = 0;
    this.#redraw();
  }

  #write(text: string): void {
    if (text === "") return;
    this.#term.write(text);
    this.#atLineStart = text.endsWith("\n") || text.endsWith(CLEAR_SCREEN) || text.endsWith("\x1b[3J");
  }

  #redraw({ cursorAtEnd = false } = {}): void {
    const search = this.#editor.search;
    const prompt = search
      ? `(${search.failed ? "failed " : ""}reverse-i-search)\`${search.query}': `
      : this.#pendingText
        ? CONTINUATION_PROMPT
        : this.#prompt;
    const { output, cursorCell } = renderLine(
      search ? prompt : styledPrompt(prompt),
      Array.from(prompt).length,
      this.#editor.buffer,
      cursorAtEnd ? this.#editor.length : this.#editor.cursor,
      this.#term.cols,
      this.#cursorCell,
    );
    this.#cursorCell = cursorCell;
    this.#term.write(output);
    this.#atLineStart = false;
  }
}

/** The prompt in bold green, as most distributions' bash colours it. */
function styledPrompt(prompt: string): string {
  return `\x1b[1;32m${prompt.trimEnd()}\x1b[0m${prompt.slice(prompt.trimEnd().length)}`;
}

/**
 * Runs `task` once the next frame has been drawn (a task queued from a frame callback runs after
 * that frame), or after 100 ms where frames do not come (a hidden tab).
 */
function afterNextPaint(task: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    task();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}
