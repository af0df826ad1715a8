/** What a command writes. The terminal shows both streams; the CLI sends them to stdout/stderr. */
export type Stream = "stdout" | "stderr";

export interface OutputChunk {
  stream: Stream;
  text: string;
  /**
   * The engine's own terminal control sequence (`clear`, `watch`'s screens), written by a tool
   * whose stdout is the terminal. Only such chunks reach xterm as they are: every other chunk may
   * carry bytes from user data (a file, a log line, an annotation printed by `-o jsonpath`) and
   * the browser terminal passes it through `neutraliseControls` first.
   */
  control?: true;
}

export type OnOutput = (chunk: OutputChunk) => void;

/** Exit status of a command line, as `$?` would show it. */
export type ExitStatus = number;

/**
 * Makes text safe to write to a terminal: every control character that could start an escape
 * sequence or move the cursor is shown in `cat -v`'s caret notation instead (ESC as `^[`, BEL as
 * `^G`, a lone CR as `^M`, DEL as `^?`, a C1 control such as U+009B as `M-^[`), so bytes from user
 * data can never restyle the terminal, move the cursor, set the title, reach the clipboard
 * (OSC 52), make a hyperlink (OSC 8) or overwrite what is already on screen. Unicode's bidi
 * embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are shown as `cat -v`
 * shows their UTF-8 bytes (U+202E as `M-bM-^@M-.`): xterm draws a row as HTML, where they would
 * reorder the rest of the row (a file listed as `exe.txt` could read `txt.exe`).
 *
 * Why here and not in each tool: a real terminal would interpret `cat`'s bytes, and the engine
 * keeps printing exactly what bash and kubectl print (`npm run cli` and the transcripts pin it).
 * The browser terminal is where learner- or share-link-controlled bytes become keystrokes of the
 * display, so that is where they are neutralised; the sequences the engine means (chunks marked
 * `control`) and the terminal's own prompt and colours are the only ones written as they are.
 * Tab and LF stay; CR stays only before LF (CRLF files read normally). Output that arrives in
 * chunks goes through `outputNeutraliser`, which keeps a CRLF split between two chunks whole.
 */
export function neutraliseControls(text: string): string {
  // Fast path: most output has no control character other than \n and \t.
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (ch, offset: number) => {
    if (ch === "\r" && text[offset + 1] === "\n") return ch;
    return caret(ch.charCodeAt(0));
  });
}

/** neutraliseControls for one command's output, which reaches the terminal chunk by chunk. */
export interface OutputNeutraliser {
  /** The safe form of the next chunk; a CR ending it waits to see whether LF comes next. */
  write(text: string): string;
  /** What is still held back (a lone CR, as `^M`), at the output's end or before a control chunk. */
  flush(): string;
}

/**
 * A CR at the end of one chunk followed by LF at the start of the next is a newline, as it is in
 * a byte stream (`printf 'a\r'; printf '\n'`); a CR followed by anything else, or by nothing,
 * is still shown as `^M`. Both streams share one neutraliser: they share one screen.
 */
export function outputNeutraliser(): OutputNeutraliser {
  let heldCr = false;
  return {
    write(text) {
      const whole = `${heldCr ? "\r" : ""}${text}`;
      heldCr = whole.endsWith("\r");
      return neutraliseControls(heldCr ? whole.slice(0, -1) : whole);
    },
    flush() {
      const held = heldCr ? "^M" : "";
      heldCr = false;
      return held;
    },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find
const UNSAFE_ALL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * cat -v: ^@..^_ for C0, ^? for DEL, M- before the C0 form for C1 (bytes 0x80..0x9f), and a bidi
 * control as its three UTF-8 bytes (0xE2 0x80 0xAE for U+202E: M-b M-^@ M-.).
 */
function caret(code: number): string {
  if (code > 0xff)
    return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map(caret).join("");
  if (code === 0x7f) return "^?";
  if (code >= 0x80) return `M-${caret(code - 0x80)}`;
  if (code >= 0x20) return String.fromCharCode(code);
  return `^${String.fromCharCode(code + 0x40)}`;
}
