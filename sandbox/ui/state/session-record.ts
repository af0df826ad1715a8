/**
 * What the page keeps of a sandbox between visits, and what Export and Share hand on: the engine's
 * snapshot (cluster, files, shell) wrapped with the terminal's own memory (line history and the
 * screen's scrollback). The wrapper is checked here; the snapshot inside is checked by the engine
 * when the worker rebuilds it (SnapshotError), so nothing from outside is trusted before that.
 */

import { neutraliseControls } from "../../engine/output.ts";

export const SESSION_FORMAT = "stateful-lab-session";
export const SESSION_VERSION = 1;

/** Generous bounds: far above what a lesson produces, far below what would hurt the page. */
export const MAX_HISTORY_LINES = 1000;
export const MAX_HISTORY_LINE_CHARS = 10_000;
export const MAX_SCROLLBACK_CHARS = 2_000_000;
/** The largest time a JavaScript Date holds (ECMA-262: 8.64e15 ms either side of 1970). */
const MAX_DATE_MS = 8.64e15;

export interface TerminalMemory {
  /** The line editor's history (Up / Down), oldest first. */
  history: string[];
  /** The screen and its scrollback as xterm's serializer wrote it; left out of share links. */
  scrollback?: string;
}

export interface SavedSession {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** Wall-clock time of the save, epoch ms (shown when the session is restored). */
  savedAt: number;
  /** The engine's SandboxSnapshot, opaque here: only the engine validates and reads it. */
  sandbox: Record<string, unknown>;
  terminal: TerminalMemory;
}

/** Anything wrong with saved, imported or shared state; the message is shown to the learner. */
export class SavedStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SavedStateError";
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SavedStateError(message);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function newSession(
  sandbox: Record<string, unknown>,
  terminal: TerminalMemory,
  savedAt: number,
): SavedSession {
  return { format: SESSION_FORMAT, version: SESSION_VERSION, savedAt, sandbox, terminal };
}

/**
 * The line editor never takes control characters (typing and paste filter them), and a history
 * line is redrawn raw when recalled with Up: one holding them was not saved by this page.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/**
 * Checks an unknown value (from IndexedDB, a file or a link) and returns it as a SavedSession.
 * Throws SavedStateError, and only that, with a message that says what is wrong.
 */
export function validateSession(value: unknown): SavedSession {
  check(isRecord(value) && value.format === SESSION_FORMAT, "it is not a saved Stateful Lab sandbox");
  const version = value.version;
  check(
    version === SESSION_VERSION,
    typeof version === "number" && version > SESSION_VERSION
      ? `it was saved by a newer version of Stateful Lab (format ${version}; this page reads format ${SESSION_VERSION})`
      : `it was saved by an older version of Stateful Lab (format ${String(version)}; this page reads format ${SESSION_VERSION})`,
  );
  check(
    // Within what a Date can hold, so that "saved …" in the notice is a date.
    typeof value.savedAt === "number" && Math.abs(value.savedAt) <= MAX_DATE_MS,
    "its save time is missing or damaged",
  );
  check(isRecord(value.sandbox), "it holds no sandbox");
  const terminal = value.terminal;
  check(isRecord(terminal), "its terminal part is missing");
  const { history, scrollback } = terminal;
  check(
    Array.isArray(history) &&
      history.length <= MAX_HISTORY_LINES &&
      history.every(
        (line) => typeof line === "string" && line.length <= MAX_HISTORY_LINE_CHARS && !CONTROL.test(line),
      ),
    "its command history is damaged",
  );
  check(
    scrollback === undefined || (typeof scrollback === "string" && scrollback.length <= MAX_SCROLLBACK_CHARS),
    "its terminal scrollback is damaged",
  );
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    savedAt: value.savedAt,
    sandbox: value.sandbox,
    terminal: scrollback === undefined ? { history: [...history] } : { history: [...history], scrollback },
  };
}

/**
 * What a restored scrollback may contain. It is written into xterm as it is, and it comes from
 * outside: an imported file, or IndexedDB that another tab or an extension may have written (a
 * share link carries none). It keeps what xterm's serializer writes for a screen of text:
 * - printable text, tab and line ends (CRLF or LF);
 * - SGR, colours and text attributes (`ESC [ 1;32 m`);
 * - ECH, blanking cells where the cursor stands (`ESC [ 3 X`), and the relative cursor moves
 *   `ESC [ n A/B/C/D` the serializer writes around wrapped rows and to put the cursor back.
 * Everything else goes: OSC strings (titles, OSC 8 hyperlinks, OSC 52 clipboard writes), DCS,
 * APC, PM and SOS strings, absolute cursor positioning and erasing (CUP, ED, EL), mode switches,
 * and any other escape sequence. Control characters outside sequences, a lone CR and bidi
 * controls are shown in caret notation as command output is (neutraliseControls). Finally the
 * cursor is put at the start of a line below everything drawn, with default colours, so that what
 * the page writes next (a notice, the prompt) can never land on top of the old screen.
 */
export function neutraliseScrollback(text: string): string {
  const parts: { text: string; rows: number; move: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(SEQUENCE)) {
    if (match.index > at) parts.push(textPart(text.slice(at, match.index)));
    at = match.index + match[0].length;
    // Every match starts with ESC; what follows it says which sequence this is.
    const sequence = match[0].slice(1);
    const kept = /^\[([0-9]*)([ABCDX])$/.exec(sequence);
    if (kept) {
      const n = Math.max(1, Number(kept[1] || 1));
      const rows = kept[2] === "A" ? -n : kept[2] === "B" ? n : 0;
      parts.push({ text: match[0], rows, move: true });
    } else if (/^\[[0-9;:]*m$/.test(sequence)) parts.push({ text: match[0], rows: 0, move: false });
  }
  if (at < text.length) parts.push(textPart(text.slice(at)));
  // Trailing cursor moves only say where the cursor was left: it goes below everything instead.
  while (parts.length > 0 && parts[parts.length - 1]!.move) parts.pop();
  if (parts.length === 0) return "";
  let row = 0;
  let lowest = 0;
  for (const part of parts) {
    row += part.rows;
    lowest = Math.max(lowest, row);
  }
  const down = lowest > row ? `\x1b[${lowest - row}B` : "";
  const out = parts.map((part) => part.text).join("");
  return `${out}\x1b[0m${down}${out.endsWith("\n") && !down ? "" : "\r\n"}`;
}

/**
 * Escape sequences and strings, recognised whole so that none of their bytes is left behind as
 * text: OSC up to BEL or ST, DCS / SOS / PM / APC up to ST, CSI with any parameters and its final
 * byte, and any other ESC with the character after it.
 */
const SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
  /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\s\S]?/g;

function textPart(text: string): { text: string; rows: number; move: boolean } {
  const safe = neutraliseControls(text);
  return { text: safe, rows: safe.split("\n").length - 1, move: false };
}
