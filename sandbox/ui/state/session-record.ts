/**
 * What the page keeps of a sandbox between visits, and what Export and Share hand on: the engine's
 * snapshot (cluster, files, shell) wrapped with the terminal's own memory (line history and the
 * screen's scrollback). The wrapper is checked here; the snapshot inside is checked by the engine
 * when the worker rebuilds it (SnapshotError), so nothing from outside is trusted before that.
 */

export const SESSION_FORMAT = "stateful-lab-session";
export const SESSION_VERSION = 1;

/** Generous bounds: far above what a lesson produces, far below what would hurt the page. */
export const MAX_HISTORY_LINES = 1000;
export const MAX_HISTORY_LINE_CHARS = 10_000;
export const MAX_SCROLLBACK_CHARS = 2_000_000;

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
 * Checks an unknown value (from IndexedDB, a file or a link) and returns it as a SavedSession.
 * Throws SavedStateError, and only that, with a message that says what is wrong.
 */
/**
 * The line editor never takes control characters (typing and paste filter them), and a history
 * line is redrawn raw when recalled with Up: one holding them was not saved by this page.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

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
    typeof value.savedAt === "number" && Number.isFinite(value.savedAt),
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
 * Scrollback from outside (a file, or IndexedDB another tab or extension may have written) goes
 * into xterm as escape sequences. Keep only what the serializer emits for text: SGR colours,
 * cursor moves and line erases, CR, LF and tab. Anything else (OSC titles and hyperlinks, DCS,
 * mode switches, other C0/C1 controls) is dropped so it cannot restyle or reprogram the terminal.
 */
export function neutraliseScrollback(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    /\x1b\[[0-9;]*[mABCDGHJK]|(\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_][^\x1b]*(?:\x1b\\)?|\x1b\[[0-9;?<=>!"' $]*[\x40-\x7e]?|\x1b.?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f])/g,
    (match, dropped: string | undefined) => (dropped === undefined ? match : ""),
  );
}
