/**
 * One terminal: xterm for the screen, LineEditor for the prompt, the engine for commands.
 * Typing while a command runs is buffered and replayed afterwards (type-ahead); Ctrl-C cancels
 * the running command or the current line.
 */
import type { FitAddon } from "@xterm/addon-fit";
import type { Terminal } from "@xterm/xterm";
import type { RunningCommand, SandboxClient } from "../sandbox-client.ts";
import { decodeKeys, type KeyAction } from "./keys.ts";
import { LineEditor } from "./line-editor.ts";
import { renderLine } from "./prompt-renderer.ts";

/** bash's PS2: what the terminal shows while a heredoc or an open quote reads on. */
const CONTINUATION_PROMPT = "> ";
const CLEAR_SCREEN = "\x1b[H\x1b[2J";

export class TerminalSession {
  readonly #term: Terminal;
  readonly #fit: FitAddon;
  readonly #sandbox: SandboxClient;
  readonly #editor = new LineEditor();
  #cursorCell = 0;
  /** Whether the last output ended a line; if not, the prompt starts on a new one (as zsh does). */
  #atLineStart = true;
  #running: RunningCommand | undefined;
  /** While a heredoc or quote is open: the lines typed so far. */
  #pendingText = "";
  /** The engine's prompt (`$ `, or a pod's inside `kubectl exec -it`). */
  #prompt = "$ ";
  /** Busy between Enter and the next prompt (checking completeness, running, asking the prompt). */
  #busy = false;
  readonly #pending: KeyAction[] = [];

  constructor(term: Terminal, fit: FitAddon, sandbox: SandboxClient) {
    this.#term = term;
    this.#fit = fit;
    this.#sandbox = sandbox;
    term.onData((data) => this.#onData(data));
  }

  start(banner: string): void {
    // Ask xterm to bracket pastes, so pasted text is never mistaken for keys like Ctrl-C.
    this.#term.write("\x1b[?2004h");
    this.#write(banner);
    this.#showPrompt();
  }

  fit(): void {
    this.#fit.fit();
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

  #onData(data: string): void {
    this.#feed(decodeKeys(data));
  }

  #feed(actions: KeyAction[]): void {
    for (const [i, action] of actions.entries()) {
      if (this.#busy) {
        if (action.type === "interrupt" && this.#running) {
          // The tty echoes ^C; bash then starts the prompt on a new line.
          this.#write("^C\r\n");
          this.#running.cancel();
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
      case "eof":
      case "none":
        break;
    }
  }

  /** A line was entered: run it, or keep reading when a heredoc or quote is still open. */
  async #accept(line: string): Promise<void> {
    this.#busy = true;
    const text = `${this.#pendingText}${line}\n`;
    try {
      if (text.trim() === "") return;
      if (!(await this.#sandbox.isComplete(text))) {
        this.#pendingText = text;
        return;
      }
      this.#pendingText = "";
      const running = this.#sandbox.exec(text, (chunk) => this.#write(chunk.text));
      this.#running = running;
      await running.done;
      this.#prompt = await this.#sandbox.prompt();
    } catch (error) {
      this.#write(`\r\n\x1b[31mThe sandbox failed to run that command: ${String(error)}\x1b[0m\r\n`);
    } finally {
      this.#running = undefined;
      this.#busy = false;
      this.#showPrompt();
      this.#feed(this.#pending.splice(0));
    }
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

  #redraw(): void {
    const prompt = this.#pendingText ? CONTINUATION_PROMPT : this.#prompt;
    const { output, cursorCell } = renderLine(
      styledPrompt(prompt),
      Array.from(prompt).length,
      this.#editor.buffer,
      this.#editor.cursor,
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
