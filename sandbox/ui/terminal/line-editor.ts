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
  /** Tab: the session asks the engine for completions of the word before the cursor. */
  | { type: "complete" }
  | { type: "none" };

/** What the prompt shows during Ctrl-R: `(reverse-i-search)\`query': `, or `(failed …)`. */
export interface SearchStatus {
  query: string;
  failed: boolean;
}

interface SearchState extends SearchStatus {
  /** The history entry shown, or history.length while nothing matched yet. */
  index: number;
  /** The line as it was when the search started, for Ctrl-G. */
  original: string[];
  originalCursor: number;
}

export class LineEditor {
  /** The characters of the line, one code point per element so emoji count as one. */
  #chars: string[] = [];
  cursor = 0;
  readonly history: string[];
  /** Position while browsing history; history.length means "the line being typed". */
  #historyIndex: number;
  #draft = "";
  #search: SearchState | undefined;
  /** The last query searched for: Ctrl-R Ctrl-R searches for it again, as readline does. */
  #lastQuery = "";

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

  /** The line up to the cursor (what completion looks at). */
  get beforeCursor(): string {
    return this.#chars.slice(0, this.cursor).join("");
  }

  /** The reverse search under way, if any. */
  get search(): SearchStatus | undefined {
    return this.#search && { query: this.#search.query, failed: this.#search.failed };
  }

  /**
   * Replaces the text from `replaceFrom` (a UTF-16 index into `beforeCursor`) up to the cursor
   * with `text`: the completion of the word being typed. Out-of-range positions change nothing.
   */
  replaceBeforeCursor(replaceFrom: number, text: string): EditResult {
    const before = this.beforeCursor;
    if (!Number.isInteger(replaceFrom) || replaceFrom < 0 || replaceFrom > before.length) return NONE;
    const head = Array.from(before.slice(0, replaceFrom) + text);
    this.#chars = [...head, ...this.#chars.slice(this.cursor)];
    this.cursor = head.length;
    return EDITED;
  }

  apply(action: KeyAction): EditResult {
    if (this.#search) return this.#applySearching(action);
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
      case "complete":
        return { type: "complete" };
      case "reverseSearch":
        this.#search = {
          query: "",
          failed: false,
          index: this.history.length,
          original: [...this.#chars],
          originalCursor: this.cursor,
        };
        return EDITED;
      case "abort":
      case "escape":
        return NONE;
    }
  }

  /**
   * Keys during a reverse search, as readline's isearch takes them: typing narrows the search,
   * Ctrl-R finds the next older match, Backspace widens it again, Enter runs the line found,
   * Ctrl-G gives the original line back, Ctrl-C abandons the line; Escape keeps the line found
   * for editing, and any other editing key does so and then acts.
   */
  #applySearching(action: KeyAction): EditResult {
    const search = this.#search!;
    switch (action.type) {
      case "insert":
        search.query += action.text;
        this.#findOlder(search, search.index === this.history.length ? search.index - 1 : search.index);
        return EDITED;
      case "backspace":
        if (search.query === "") return NONE;
        search.query = Array.from(search.query).slice(0, -1).join("");
        search.failed = false;
        search.index = this.history.length;
        if (search.query === "") this.#show(search.original, search.originalCursor);
        else this.#findOlder(search, this.history.length - 1);
        return EDITED;
      case "reverseSearch":
        if (search.query === "") search.query = this.#lastQuery;
        if (search.query !== "") this.#findOlder(search, search.index - 1);
        return EDITED;
      case "abort":
        this.#endSearch();
        this.#show(search.original, search.originalCursor);
        return EDITED;
      case "escape":
      case "clearScreen":
        this.#endSearch();
        return action.type === "escape" ? EDITED : { type: "clearScreen" };
      default: {
        this.#endSearch();
        const result = this.apply(action);
        return result.type === "none" ? EDITED : result;
      }
    }
  }

  /** Shows the newest entry at or before `from` containing the query, skipping the line shown. */
  #findOlder(search: SearchState, from: number): void {
    const shown = this.buffer;
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--) {
      const entry = this.history[i]!;
      const at = entry.lastIndexOf(search.query);
      if (at < 0 || (entry === shown && i !== search.index && search.index !== this.history.length)) continue;
      search.index = i;
      search.failed = false;
      this.#show(Array.from(entry), Array.from(entry.slice(0, at)).length);
      return;
    }
    search.failed = true;
  }

  /** Leaves the search with the line found; Up and Down then go on from its place in history. */
  #endSearch(): void {
    const search = this.#search!;
    this.#search = undefined;
    if (search.query !== "") this.#lastQuery = search.query;
    if (search.index < this.history.length) {
      this.#draft = search.original.join("");
      this.#historyIndex = search.index;
    }
  }

  #show(chars: string[], cursor: number): void {
    this.#chars = [...chars];
    this.cursor = cursor;
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
    this.#search = undefined;
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
