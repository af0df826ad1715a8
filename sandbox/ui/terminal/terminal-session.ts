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

const PROMPT = "\x1b[1;32m$\x1b[0m ";
const PROMPT_WIDTH = 2;
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

  /** Types a command as if the learner had, then runs it (lessons' Run buttons use this). */
  typeAndRun(line: string): void {
    this.#feed([{ type: "insert", text: line }, { type: "enter" }]);
  }

  #onData(data: string): void {
    this.#feed(decodeKeys(data));
  }

  #feed(actions: KeyAction[]): void {
    for (const action of actions) {
      if (this.#running) {
        if (action.type === "interrupt") {
          this.#running.cancel();
          this.#pending.length = 0;
        } else {
          this.#pending.push(action);
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
        this.#run(result.line);
        break;
      case "interrupted":
        this.#write("^C\r\n");
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

  #run(line: string): void {
    if (line.trim() === "") {
      this.#showPrompt();
      return;
    }
    const running = this.#sandbox.exec(line, (chunk) => this.#write(chunk.text));
    this.#running = running;
    running.done
      .catch((error: unknown) => {
        this.#write(`\r\n\x1b[31mThe sandbox failed to run that command: ${String(error)}\x1b[0m\r\n`);
        return 1;
      })
      .then(() => {
        this.#running = undefined;
        this.#showPrompt();
        const queued = this.#pending.splice(0);
        this.#feed(queued);
      });
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
    const { output, cursorCell } = renderLine(
      PROMPT,
      PROMPT_WIDTH,
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
