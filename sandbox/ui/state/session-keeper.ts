/**
 * Keeps a page's sandbox saved: after every command and every change to the workspace's files
 * (an editor save) it captures the engine's snapshot and the terminal's memory and writes them to
 * IndexedDB. The last capture also stays in memory, so a worker that has to be restarted comes
 * back from it even when the browser refuses to store anything.
 */
import type { SandboxClient } from "../sandbox-client.ts";
import type { TerminalSession } from "../terminal/terminal-session.ts";
import { newSession, type SavedSession } from "./session-record.ts";
import type { SessionStore } from "./store.ts";

export class SessionKeeper {
  readonly #store: SessionStore;
  readonly #client: SandboxClient;
  readonly #terminal: TerminalSession;
  /** What the sandbox would restart from now. */
  lastSaved: SavedSession | undefined;
  #inFlight: Promise<void> | undefined;
  #again = false;
  #storageFailed = false;

  constructor(store: SessionStore, client: SandboxClient, terminal: TerminalSession, initial?: SavedSession) {
    this.#store = store;
    this.#client = client;
    this.#terminal = terminal;
    this.lastSaved = initial;
  }

  /** The sandbox as it stands, with the terminal's history and scrollback. */
  async capture(): Promise<SavedSession> {
    const snapshot = await this.#client.save();
    return newSession(snapshot as unknown as Record<string, unknown>, this.#terminal.memory(), Date.now());
  }

  /**
   * Saves now, or right after the save under way; never while a command runs (the command's end
   * saves anyway). Failures are told once in the terminal and otherwise ignored.
   */
  save(): Promise<void> {
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#inFlight = this.#saveOnce().finally(() => {
      this.#inFlight = undefined;
      if (this.#again) {
        this.#again = false;
        void this.save();
      }
    });
    return this.#inFlight;
  }

  /** Records `session` as the page's saved state (after Import or opening a share link). */
  async adopt(session: SavedSession): Promise<void> {
    this.lastSaved = session;
    await this.#write(session);
  }

  /** Forgets the page's saved state (Reset). */
  async forget(): Promise<void> {
    this.lastSaved = undefined;
    await this.#store.clear().catch((error) => this.#storageFailure(error));
  }

  async #saveOnce(): Promise<void> {
    // Nothing to save before the engine has started (the saved state, if any, is still true).
    if (this.#terminal.busy || !this.#client.starting) return;
    let session: SavedSession;
    try {
      session = await this.capture();
    } catch {
      return; // The worker is being replaced; the new one saves after its first command.
    }
    this.lastSaved = session;
    await this.#write(session);
  }

  async #write(session: SavedSession): Promise<void> {
    try {
      await this.#store.save(session);
      this.#storageFailed = false;
    } catch (error) {
      this.#storageFailure(error);
    }
  }

  #storageFailure(error: unknown): void {
    if (this.#storageFailed) return;
    this.#storageFailed = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.#terminal.notice(
      `This browser would not save your sandbox (${reason}). Your work stays while the page is open; use Share → Export to file to keep it.`,
    );
  }
}
