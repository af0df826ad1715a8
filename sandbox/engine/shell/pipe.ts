/**
 * A pipe between two stages of a pipeline. The stages run side by side, as processes do, so
 * `kubectl get pods -w | grep web` shows each matching row as the watch prints it. Tools that
 * read stdin as it comes (grep, head, cat…) are marked with `streaming`; every other tool is
 * handed the whole text once the writer has finished.
 */
import { abortError } from "../time-driver.ts";
import type { Tool } from "./interpreter.ts";

export class Pipe {
  #chunks: string[] = [];
  #closed = false;
  #readerGone = false;
  #wake: (() => void) | undefined;
  readonly #signal: AbortSignal;

  constructor(signal: AbortSignal) {
    this.#signal = signal;
    signal.addEventListener("abort", () => this.#notify(), { once: true });
  }

  write(text: string): void {
    if (this.#closed || this.#readerGone || text === "") return;
    this.#chunks.push(text);
    this.#notify();
  }

  /** The writer has finished (end of file for the reader). */
  close(): void {
    this.#closed = true;
    this.#notify();
  }

  /** The reader has finished: later writes go nowhere. */
  closeReader(): void {
    this.#readerGone = true;
    this.#chunks = [];
  }

  /** Everything written since the last read, or undefined at end of file. Ctrl-C rejects. */
  async next(): Promise<string | undefined> {
    while (this.#chunks.length === 0 && !this.#closed) {
      if (this.#signal.aborted) throw abortError();
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    if (this.#signal.aborted) throw abortError();
    if (this.#chunks.length === 0) return undefined;
    return this.#chunks.splice(0).join("");
  }

  async readAll(): Promise<string> {
    let text = "";
    for (let chunk = await this.next(); chunk !== undefined; chunk = await this.next()) text += chunk;
    return text;
  }

  /** Lines as they complete, without their newline; a last unterminated piece comes at the end. */
  async *lines(): AsyncGenerator<string> {
    let pending = "";
    for (let chunk = await this.next(); chunk !== undefined; chunk = await this.next()) {
      pending += chunk;
      let end = pending.indexOf("\n");
      while (end >= 0) {
        yield pending.slice(0, end);
        pending = pending.slice(end + 1);
        end = pending.indexOf("\n");
      }
    }
    if (pending !== "") yield pending;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

const STREAMING = new WeakSet<Tool>();

/** Marks a tool that reads a piped stdin through `ctx.stdinPipe` as it arrives. */
export function streaming(tool: Tool): Tool {
  STREAMING.add(tool);
  return tool;
}

export function isStreaming(tool: Tool): boolean {
  return STREAMING.has(tool);
}
