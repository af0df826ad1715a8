/**
 * Turns what xterm's onData delivers (typed characters, escape sequences, pasted text) into
 * editing actions. Pure, so the mapping is unit-tested without a browser.
 */
export type KeyAction =
  | { type: "insert"; text: string }
  | { type: "enter" }
  | { type: "backspace" }
  | { type: "delete" }
  | { type: "left" }
  | { type: "right" }
  | { type: "wordLeft" }
  | { type: "wordRight" }
  | { type: "home" }
  | { type: "end" }
  | { type: "historyPrev" }
  | { type: "historyNext" }
  | { type: "killToStart" }
  | { type: "killToEnd" }
  | { type: "killWordBack" }
  | { type: "interrupt" }
  | { type: "clearScreen" }
  | { type: "eof" }
  /** Tab: complete the word at the cursor (the session asks the engine). */
  | { type: "complete" }
  /** Ctrl-R: reverse incremental history search, or the next older match while searching. */
  | { type: "reverseSearch" }
  /** Ctrl-G: abandon a history search, restoring the line. */
  | { type: "abort" }
  /** Escape on its own (xterm's key handler reports it; see create-terminal.ts). */
  | { type: "escape" };

const SEQUENCES: Record<string, KeyAction> = {
  "\r": { type: "enter" },
  "\x7f": { type: "backspace" },
  "\b": { type: "backspace" },
  "\x1b[3~": { type: "delete" },
  "\x1b[D": { type: "left" },
  "\x1bOD": { type: "left" },
  "\x02": { type: "left" },
  "\x1b[C": { type: "right" },
  "\x1bOC": { type: "right" },
  "\x06": { type: "right" },
  "\x1b[1;5D": { type: "wordLeft" },
  "\x1b[1;3D": { type: "wordLeft" },
  "\x1bb": { type: "wordLeft" },
  "\x1b[1;5C": { type: "wordRight" },
  "\x1b[1;3C": { type: "wordRight" },
  "\x1bf": { type: "wordRight" },
  "\x1b[H": { type: "home" },
  "\x1bOH": { type: "home" },
  "\x1b[1~": { type: "home" },
  "\x01": { type: "home" },
  "\x1b[F": { type: "end" },
  "\x1bOF": { type: "end" },
  "\x1b[4~": { type: "end" },
  "\x05": { type: "end" },
  "\x1b[A": { type: "historyPrev" },
  "\x1bOA": { type: "historyPrev" },
  "\x10": { type: "historyPrev" },
  "\x1b[B": { type: "historyNext" },
  "\x1bOB": { type: "historyNext" },
  "\x0e": { type: "historyNext" },
  "\x15": { type: "killToStart" },
  "\x0b": { type: "killToEnd" },
  "\x17": { type: "killWordBack" },
  "\x03": { type: "interrupt" },
  "\x0c": { type: "clearScreen" },
  "\x04": { type: "eof" },
  "\x12": { type: "reverseSearch" },
};

/**
 * Keys that are keys only when pressed on their own: inside a longer chunk (text pasted without
 * bracketed-paste) a tab is white space and a bell is noise, not a completion or an abort.
 */
const LONE_KEYS: Record<string, KeyAction> = {
  "\t": { type: "complete" },
  "\x07": { type: "abort" },
  "\x1b": { type: "escape" },
};

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

/** The known sequences, longest first, so that "\x1b[1;5D" wins over "\x1b". */
const SEQUENCE_KEYS = Object.keys(SEQUENCES).sort((a, b) => b.length - a.length);

/**
 * Decodes one onData chunk: usually one key, but fast typing and pastes deliver several at once.
 * Printable runs become inserts, line breaks become enters, known sequences become their action.
 * Bracketed-paste content is taken as plain text: control characters inside it are dropped rather
 * than acted on, so pasting can never send a Ctrl-C or an escape sequence.
 */
export function decodeKeys(data: string): KeyAction[] {
  if (Object.hasOwn(LONE_KEYS, data)) return [LONE_KEYS[data]!];
  if (data.startsWith(PASTE_START)) return decodeText(data.slice(PASTE_START.length).replace(PASTE_END, ""));
  const actions: KeyAction[] = [];
  let text = "";
  const flush = () => {
    if (text) actions.push(...decodeText(text));
    text = "";
  };
  let i = 0;
  while (i < data.length) {
    const sequence = SEQUENCE_KEYS.find((key) => key !== "\r" && data.startsWith(key, i));
    if (sequence) {
      flush();
      actions.push(SEQUENCES[sequence]!);
      i += sequence.length;
    } else if (data[i] === "\x1b") {
      // An escape sequence we do not handle (F-keys etc.): skip it whole rather than insert it.
      flush();
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching an escape sequence is the point.
      const match = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z]|.)?/.exec(data.slice(i));
      i += match?.[0].length ?? 1;
    } else {
      text += data[i];
      i++;
    }
  }
  flush();
  return actions;
}

function decodeText(text: string): KeyAction[] {
  const actions: KeyAction[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, i) => {
    // Control characters (C1 too: xterm reads U+009B as CSI) would corrupt the line, and bidi
    // embedding, override and isolate controls would reorder it on screen (the DOM renderer lays
    // rows out as text); tabs become spaces.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    const clean = line.replace(/\t/g, " ").replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, "");
    if (clean) actions.push({ type: "insert", text: clean });
    if (i < lines.length - 1) actions.push({ type: "enter" });
  });
  return actions;
}
