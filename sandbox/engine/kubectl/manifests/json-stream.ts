/**
 * A stream of JSON values (`{...}{...}` or one per line), read the way Go's json.Decoder reads it
 * for kubectl when a manifest starts with `{`. Syntax errors carry Go's wording and its offset
 * (1-based byte position of the offending character): `json: offset 6: invalid character '1'
 * after object key`; a value cut short is `unexpected EOF`.
 */

import { setOwn } from "../apply/strategic-merge.ts";

export type JsonStreamResult = { values: unknown[]; error?: string };

class JsonSyntaxError extends Error {}

export function parseJsonStream(text: string): JsonStreamResult {
  const values: unknown[] = [];
  const reader = new Reader(text);
  try {
    for (;;) {
      reader.skipSpace();
      if (reader.atEnd()) return { values };
      values.push(reader.value("looking for beginning of value"));
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { values, error: error.message };
    throw error;
  }
}

/**
 * Go's scanner refuses documents nested deeper than 10,000 (encoding/json maxNestingDepth) with
 * the message below. The engine's recursive readers and walkers would overflow JavaScript's stack
 * a few thousand levels down, so it says the same a little earlier: no manifest nests 1,000 deep.
 */
export const MAX_MANIFEST_DEPTH = 1000;

class Reader {
  readonly #text: string;
  #pos = 0;
  #depth = 0;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    return this.#pos >= this.#text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && " \t\r\n".includes(this.#text[this.#pos]!)) this.#pos++;
  }

  value(context: string): unknown {
    this.skipSpace();
    const c = this.#peek(context);
    if (c === "{" || c === "[") {
      if (++this.#depth > MAX_MANIFEST_DEPTH) this.#fail(c, "exceeded max depth");
      const nested = c === "{" ? this.#object() : this.#array();
      this.#depth--;
      return nested;
    }
    if (c === '"') return this.#string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.#number();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (c === word[0]) {
        for (let i = 1; i < word.length; i++) {
          this.#pos++;
          const next = this.#peek("");
          if (next !== word[i]) this.#fail(next, `in literal ${word} (expecting '${word[i]}')`);
        }
        this.#pos++;
        return value;
      }
    }
    return this.#fail(c, context);
  }

  #object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.#pos++;
    this.skipSpace();
    if (this.#peek("") === "}") {
      this.#pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const c = this.#peek("");
      if (c !== '"') this.#fail(c, "looking for beginning of object key string");
      const key = this.#string();
      this.skipSpace();
      const colon = this.#peek("");
      if (colon !== ":") this.#fail(colon, "after object key");
      this.#pos++;
      setOwn(out, key, this.value("looking for beginning of value"));
      this.skipSpace();
      const after = this.#peek("");
      this.#pos++;
      if (after === "}") return out;
      if (after !== ",") {
        this.#pos--;
        this.#fail(after, "after object key:value pair");
      }
    }
  }

  #array(): unknown[] {
    const out: unknown[] = [];
    this.#pos++;
    this.skipSpace();
    if (this.#peek("") === "]") {
      this.#pos++;
      return out;
    }
    for (;;) {
      out.push(this.value("looking for beginning of value"));
      this.skipSpace();
      const after = this.#peek("");
      this.#pos++;
      if (after === "]") return out;
      if (after !== ",") {
        this.#pos--;
        this.#fail(after, "after array element");
      }
    }
  }

  #string(): string {
    const start = this.#pos;
    this.#pos++;
    for (;;) {
      const c = this.#peek("");
      if (c === '"') break;
      if (c < " ") this.#fail(c, "in string literal");
      if (c === "\\") {
        this.#pos++;
        const e = this.#peek("");
        if (!'"\\/bfnrtu'.includes(e)) this.#fail(e, "in string escape code");
      }
      this.#pos++;
    }
    this.#pos++;
    return JSON.parse(this.#text.slice(start, this.#pos)) as string;
  }

  #number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(this.#text.slice(this.#pos));
    if (!match || match[0] === "-") {
      this.#pos++;
      this.#fail(this.#peek(""), "in numeric literal");
    }
    this.#pos += match![0].length;
    return Number(match![0]);
  }

  /** The character at the cursor; running out of input mid-value is Go's `unexpected EOF`. */
  #peek(_context: string): string {
    if (this.atEnd()) throw new JsonSyntaxError("unexpected EOF");
    return this.#text[this.#pos]!;
  }

  #fail(c: string, context: string): never {
    const offset = new TextEncoder().encode(this.#text.slice(0, this.#pos)).length + 1;
    throw new JsonSyntaxError(`json: offset ${offset}: invalid character ${quoteChar(c)} ${context}`);
  }
}

/** Go's quoteChar: `'x'`, with escapes for quotes and control characters. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const named: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };
  if (named[c]) return `'${named[c]}'`;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}
