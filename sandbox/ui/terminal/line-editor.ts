/**
 * The state of the line being typed at the prompt, with readline's editing and history
 * semantics. Pure: the terminal applies actions here and redraws from `buffer` and `cursor`.
 */
import type { KeyAction } from "./keys.ts";

const MAX_HISTORY = 1000;

export type EditResult =
  | { type: "edited" }
  | { type: "accepted"; line: string }
  | { type: "interrupted"; line: string }
  | { type: "clearScreen" }
  | { type: "eof" }
  | { type: "none" };

export class LineEditor {
  /** The characters of the line, one code point per element so emoji count as one. */
  #chars: string[] = [];
  cursor = 0;
  readonly history: string[];
  /** Position while browsing history; history.length means "the line being typed". */
  #historyIndex: number;
  #draft = "";

  constructor(history: string[] = []) {
    this.history = history.slice(-MAX_HISTORY);
    this.#historyIndex = this.history.length;
  }

  get buffer(): string {
    return this.#chars.join("");
  }

  get length(): number {
    return this.#chars.length;
  }

  apply(action: KeyAction): EditResult {
    switch (action.type) {
      case "insert":
        this.#chars.splice(this.cursor, 0, ...Array.from(action.text));
        this.cursor += Array.from(action.text).length;
        return EDITED;
      case "backspace":
        if (this.cursor === 0) return NONE;
        this.#chars.splice(--this.cursor, 1);
        return EDITED;
      case "delete":
        if (this.cursor >= this.#chars.length) return NONE;
        this.#chars.splice(this.cursor, 1);
        return EDITED;
      case "left":
        return this.#moveTo(this.cursor - 1);
      case "right":
        return this.#moveTo(this.cursor + 1);
      case "home":
        return this.#moveTo(0);
      case "end":
        return this.#moveTo(this.#chars.length);
      case "wordLeft":
        return this.#moveTo(this.#wordStartBefore(this.cursor));
      case "wordRight":
        return this.#moveTo(this.#wordEndAfter(this.cursor));
      case "killToStart":
        this.#chars.splice(0, this.cursor);
        this.cursor = 0;
        return EDITED;
      case "killToEnd":
        this.#chars.splice(this.cursor);
        return EDITED;
      case "killWordBack": {
        // Ctrl-W deletes back to the previous whitespace, like bash's unix-word-rubout.
        let start = this.cursor;
        while (start > 0 && this.#chars[start - 1] === " ") start--;
        while (start > 0 && this.#chars[start - 1] !== " ") start--;
        this.#chars.splice(start, this.cursor - start);
        this.cursor = start;
        return EDITED;
      }
      case "historyPrev":
        return this.#showHistory(this.#historyIndex - 1);
      case "historyNext":
        return this.#showHistory(this.#historyIndex + 1);
      case "enter": {
        const line = this.buffer;
        this.#remember(line);
        this.#reset();
        return { type: "accepted", line };
      }
      case "interrupt": {
        const line = this.buffer;
        this.#reset();
        return { type: "interrupted", line };
      }
      case "clearScreen":
        return { type: "clearScreen" };
      case "eof":
        return this.#chars.length === 0 ? { type: "eof" } : this.apply({ type: "delete" });
    }
  }

  #moveTo(position: number): EditResult {
    const clamped = Math.max(0, Math.min(this.#chars.length, position));
    if (clamped === this.cursor) return NONE;
    this.cursor = clamped;
    return EDITED;
  }

  #wordStartBefore(position: number): number {
    let i = position;
    while (i > 0 && !isWordChar(this.#chars[i - 1]!)) i--;
    while (i > 0 && isWordChar(this.#chars[i - 1]!)) i--;
    return i;
  }

  #wordEndAfter(position: number): number {
    let i = position;
    while (i < this.#chars.length && !isWordChar(this.#chars[i]!)) i++;
    while (i < this.#chars.length && isWordChar(this.#chars[i]!)) i++;
    return i;
  }

  #showHistory(index: number): EditResult {
    if (index < 0 || index > this.history.length || index === this.#historyIndex) return NONE;
    if (this.#historyIndex === this.history.length) this.#draft = this.buffer;
    this.#historyIndex = index;
    const text = index === this.history.length ? this.#draft : this.history[index]!;
    this.#chars = Array.from(text);
    this.cursor = this.#chars.length;
    return EDITED;
  }

  #remember(line: string): void {
    if (line.trim() !== "" && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
  }

  #reset(): void {
    this.#chars = [];
    this.cursor = 0;
    this.#historyIndex = this.history.length;
    this.#draft = "";
  }
}

const EDITED: EditResult = { type: "edited" };
const NONE: EditResult = { type: "none" };

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}_]/u.test(ch);
}
